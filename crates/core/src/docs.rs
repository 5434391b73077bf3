//! App documentation: the app's `app_documentation` template rendered and made inert.
//!
//! The template is Handlebars HTML written by whoever published the app, so it is untrusted:
//! after rendering, ammonia keeps only formatting tags and safe links, which drops scripts,
//! event handlers, `javascript:` URLs, frames, forms, styles and SVG.

use std::borrow::Cow;
use std::collections::HashSet;

use handlebars::Handlebars;
use serde_json::json;

/// What a documentation template may refer to.
pub struct DocContext<'a> {
    pub app_name: &'a str,
    pub version: &'a str,
    pub publisher: &'a str,
    pub account_name: Option<&'a str>,
}

/// Renders the template and sanitises the result. A template that does not render (bad
/// Handlebars) is sanitised as written rather than lost.
pub fn render_documentation(template: &str, context: &DocContext<'_>) -> String {
    let data = json!({
        "app_name": context.app_name,
        "name": context.app_name,
        "version": context.version,
        "publisher": context.publisher,
        "account_name": context.account_name.unwrap_or("your account"),
        "company_name": context.account_name.unwrap_or("your company"),
    });
    let mut engine = Handlebars::new();
    engine.set_strict_mode(false);
    let rendered = engine
        .render_template(template, &data)
        .unwrap_or_else(|error| {
            tracing::warn!(%error, "documentation template did not render; showing it as written");
            template.to_owned()
        });
    sanitise(&rendered)
}

/// Keeps headings, text formatting, lists, tables, code, images from data URLs and links to
/// http(s) and mailto, which open outside the app with `rel="noopener noreferrer"`.
pub fn sanitise(html: &str) -> String {
    let tags: HashSet<&str> = [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    ]
    .into_iter()
    .collect();
    ammonia::Builder::default()
        .tags(tags)
        .url_schemes(["http", "https", "mailto", "data"].into_iter().collect())
        .attribute_filter(data_urls_only_on_images)
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

/// Drops a `data:` URL anywhere but an image's `src`: as a link target, `data:text/html`
/// opens a page whose content the template's author chose.
fn data_urls_only_on_images<'u>(
    element: &str,
    attribute: &str,
    value: &'u str,
) -> Option<Cow<'u, str>> {
    let is_data = url::Url::parse(value).is_ok_and(|url| url.scheme() == "data");
    let allowed = !is_data || (element == "img" && attribute == "src");
    allowed.then_some(Cow::Borrowed(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> DocContext<'static> {
        DocContext {
            app_name: "Dialer East",
            version: "2.1.0",
            publisher: "ConnexCS",
            account_name: None,
        }
    }

    #[test]
    fn template_expressions_are_filled_in() {
        let html = render_documentation("<h1>{{app_name}} {{version}}</h1>", &context());

        assert_eq!(html, "<h1>Dialer East 2.1.0</h1>");
    }

    #[test]
    fn a_broken_template_is_shown_as_written_not_lost() {
        let html = render_documentation("<p>Use {{#if}} carefully</p>", &context());

        assert!(html.contains("carefully"), "{html}");
    }
}
