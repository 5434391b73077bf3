use std::fmt;

/// A secret string: a password, a token, an API key.
///
/// `Debug` and `Display` print `<redacted>` and there is deliberately no `Serialize`, so a
/// secret cannot slip into a log line, an error message, the database or an IPC answer by
/// accident. Reading the value takes an explicit [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself, for the one place that must send it (a header, the keyring).
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The last `n` characters, for hints such as "…4f2a"; empty when the secret is too short
    /// for a hint to be safe.
    pub fn last_chars(&self, n: usize) -> String {
        let count = self.0.chars().count();
        if count < n * 3 {
            return String::new();
        }
        self.0.chars().skip(count - n).collect()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let secret = Secret::new("hunter2-password");

        assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
        assert_eq!(format!("{secret}"), "<redacted>");
        assert_eq!(format!("{:?}", Some(&secret)), "Some(Secret(<redacted>))");
    }

    #[test]
    fn a_secret_can_be_read_from_json_but_only_exposed_on_purpose() {
        let secret: Secret = serde_json::from_str("\"sk_test_abc\"").unwrap();

        assert_eq!(secret.expose(), "sk_test_abc");
    }

    #[test]
    fn hints_show_a_tail_only_when_the_secret_is_long_enough() {
        assert_eq!(Secret::new("sk_test_0123456789abcd").last_chars(4), "abcd");
        assert_eq!(Secret::new("short").last_chars(4), "");
    }
}
