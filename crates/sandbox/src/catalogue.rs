//! The App Store's published apps, as `docs/assumed-api.md` describes them, with small builders
//! so the seed modules read like the catalogue they describe.

use serde::Serialize;
use serde_json::{json, Value};

/// An app id: a number for most apps, a UUID string for some, as the contract says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub(crate) enum AppId {
    Num(u64),
    Uuid(&'static str),
}

impl AppId {
    /// The id as text, the way it appears in a path or a query.
    pub(crate) fn text(&self) -> String {
        match self {
            AppId::Num(n) => n.to_string(),
            AppId::Uuid(u) => (*u).to_owned(),
        }
    }

    pub(crate) fn to_json(&self) -> Value {
        json!(self)
    }
}

/// One published app.
#[derive(Clone, Debug)]
pub(crate) struct App {
    pub(crate) id: AppId,
    pub(crate) name: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) category: &'static str,
    pub(crate) publisher: &'static str,
    pub(crate) installs: u32,
    /// Plain text, paragraphs separated by a blank line.
    pub(crate) description: String,
    /// The `app_documentation` template: Handlebars HTML.
    pub(crate) documentation: String,
    /// Newest first.
    pub(crate) versions: Vec<Version>,
}

impl App {
    /// The list entry of `GET appstore`; `installs` goes out as a string, as on the platform.
    pub(crate) fn summary_json(&self) -> Value {
        let newest = self.versions.first();
        json!({
            "id": self.id,
            "name": self.name,
            "summary": self.summary,
            "category": self.category,
            "publisher": self.publisher,
            "latest_version": newest.map(|v| v.version),
            "installs": self.installs.to_string(),
            "updated_at": newest.map(|v| v.released_at),
        })
    }

    /// `GET appstore/{id}`: the summary plus the description.
    pub(crate) fn detail_json(&self) -> Value {
        let mut value = self.summary_json();
        value["description"] = json!(self.description);
        value
    }

    pub(crate) fn version(&self, version: &str) -> Option<&Version> {
        self.versions.iter().find(|v| v.version == version)
    }
}

/// One published version of an app.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Version {
    pub(crate) version: &'static str,
    pub(crate) released_at: &'static str,
    pub(crate) release_notes: String,
    pub(crate) config: Vec<ConfigField>,
}

impl Version {
    /// Keys of the fields whose values are stored but never returned.
    pub(crate) fn secret_keys(&self) -> Vec<&'static str> {
        self.config
            .iter()
            .filter(|f| f.kind == "secret")
            .map(|f| f.key)
            .collect()
    }
}

/// A version from its notes, one change per entry, written out as `- ` lines.
pub(crate) fn version(
    version: &'static str,
    released_at: &'static str,
    notes: &[&str],
    config: Vec<ConfigField>,
) -> Version {
    let release_notes = notes
        .iter()
        .map(|n| format!("- {n}"))
        .collect::<Vec<_>>()
        .join("\n");
    Version {
        version,
        released_at,
        release_notes,
        config,
    }
}

/// One field of an installed app's Config dialog.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct ConfigField {
    pub(crate) key: &'static str,
    pub(crate) label: &'static str,
    #[serde(rename = "type")]
    pub(crate) kind: &'static str,
    /// A bool, or `1`/`0` for apps whose publisher's tooling writes numbers.
    pub(crate) required: Value,
    pub(crate) pattern: Option<&'static str>,
    pub(crate) pattern_message: Option<&'static str>,
    pub(crate) options: Option<Vec<Value>>,
    pub(crate) depends_on: Option<&'static str>,
    pub(crate) help: Option<&'static str>,
    pub(crate) default: Option<&'static str>,
}

/// A required field of the given type; the methods below refine it.
pub(crate) fn field(key: &'static str, label: &'static str, kind: &'static str) -> ConfigField {
    ConfigField {
        key,
        label,
        kind,
        required: Value::Bool(true),
        pattern: None,
        pattern_message: None,
        options: None,
        depends_on: None,
        help: None,
        default: None,
    }
}

impl ConfigField {
    pub(crate) fn optional(mut self) -> Self {
        self.required = Value::Bool(false);
        self
    }

    /// Writes `required` as `1`/`0` instead of a bool.
    pub(crate) fn numeric_required(mut self) -> Self {
        self.required = json!(u8::from(self.required == Value::Bool(true)));
        self
    }

    pub(crate) fn pattern(mut self, pattern: &'static str, message: &'static str) -> Self {
        self.pattern = Some(pattern);
        self.pattern_message = Some(message);
        self
    }

    pub(crate) fn options(mut self, options: &[(&str, &str)]) -> Self {
        let list = options
            .iter()
            .map(|(value, label)| json!({"value": value, "label": label}));
        self.options = Some(list.collect());
        self
    }

    pub(crate) fn depends_on(mut self, key: &'static str) -> Self {
        self.depends_on = Some(key);
        self
    }

    pub(crate) fn help(mut self, help: &'static str) -> Self {
        self.help = Some(help);
        self
    }

    pub(crate) fn default(mut self, default: &'static str) -> Self {
        self.default = Some(default);
        self
    }
}
