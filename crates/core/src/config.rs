//! Checks of an install's configuration against the fields its version declares.

use std::collections::BTreeMap;

use cx_platform::appstore::{ConfigField, FieldKind};
use regex::Regex;

use crate::error::FieldError;

/// What the user typed, after trimming: key → value. A secret left empty means "keep the
/// saved one" when one is saved.
pub type Values = BTreeMap<String, String>;

/// Every problem with `values`, one per field, in the order the fields are declared.
/// `saved_secrets` are the secret fields that already have a value in the keyring.
pub fn validate(
    fields: &[ConfigField],
    values: &Values,
    saved_secrets: &[String],
) -> Vec<FieldError> {
    fields
        .iter()
        .filter_map(|field| {
            let value = values.get(&field.key).map(|v| v.trim()).unwrap_or_default();
            let message = check(field, value, saved_secrets.contains(&field.key))?;
            Some(FieldError {
                field: field.key.clone(),
                message,
            })
        })
        .collect()
}

fn check(field: &ConfigField, value: &str, secret_saved: bool) -> Option<String> {
    if value.is_empty() {
        let satisfied = !field.required || (field.kind == FieldKind::Secret && secret_saved);
        return (!satisfied).then(|| format!("{} is required.", field.label));
    }
    if let Some(message) = check_kind(field, value) {
        return Some(message);
    }
    check_pattern(field, value)
}

fn check_kind(field: &ConfigField, value: &str) -> Option<String> {
    let label = &field.label;
    match field.kind {
        FieldKind::Email if !is_email(value) => Some(format!(
            "{label} must be an e-mail address such as ops@example.com."
        )),
        FieldKind::Phone if !is_e164(value) => Some(format!(
            "{label} must be a number in international format: + then country code and number, \
             digits only, such as +442071234567."
        )),
        FieldKind::Number if value.parse::<f64>().map_or(true, |n| !n.is_finite()) => {
            Some(format!("{label} must be a number such as 2.5."))
        }
        FieldKind::Select if !field.options.iter().any(|option| option.value == value) => {
            let choices: Vec<_> = field.options.iter().map(|o| o.label.as_str()).collect();
            Some(format!("{label} must be one of: {}.", choices.join(", ")))
        }
        _ if value.chars().any(char::is_control) => {
            Some(format!("{label} must not contain control characters."))
        }
        _ => None,
    }
}

fn check_pattern(field: &ConfigField, value: &str) -> Option<String> {
    let pattern = field.pattern.as_deref().filter(|p| !p.is_empty())?;
    match Regex::new(&format!("^(?:{pattern})$")) {
        Ok(regex) if regex.is_match(value) => None,
        Ok(_) => Some(
            field
                .pattern_message
                .clone()
                .unwrap_or_else(|| format!("{} is not in the expected form.", field.label)),
        ),
        Err(_) => {
            tracing::warn!(field = %field.key, "the app declares a pattern that is not valid");
            None
        }
    }
}

/// A plain check: one `@`, something before it, a dotted domain after it, no spaces.
fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace)
}

/// `+`, a country code not starting with 0, 7 to 15 digits in all.
fn is_e164(value: &str) -> bool {
    let Some(digits) = value.strip_prefix('+') else {
        return false;
    };
    (7..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

#[cfg(test)]
mod tests {
    use super::*;
    use cx_platform::appstore::FieldOption;

    fn field(key: &str, kind: FieldKind, required: bool) -> ConfigField {
        ConfigField {
            key: key.into(),
            label: key.to_uppercase(),
            kind,
            required,
            pattern: None,
            pattern_message: None,
            options: vec![],
            depends_on: None,
            help: None,
            default: None,
        }
    }

    fn values(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn each_kind_of_bad_value_gets_its_own_message() {
        let mut surcharge = field("type", FieldKind::Select, true);
        surcharge.options = vec![
            FieldOption {
                value: "amount".into(),
                label: "Amount (ZAR)".into(),
            },
            FieldOption {
                value: "percent".into(),
                label: "Percent".into(),
            },
        ];
        let fields = [
            field("email", FieldKind::Email, true),
            field("cli", FieldKind::Phone, true),
            field("fee", FieldKind::Number, false),
            surcharge,
            field("customer", FieldKind::Customer, true),
        ];
        let typed = values(&[
            ("email", "ops at example.com"),
            ("cli", "020 7123 4567"),
            ("fee", "2,5"),
            ("type", "fixed"),
        ]);

        let errors = validate(&fields, &typed, &[]);

        let messages: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), &e.message))
            .collect();
        assert_eq!(messages.len(), 5, "{messages:?}");
        assert!(messages[0].1.contains("e-mail address"));
        assert!(messages[1].1.contains("international format"));
        assert!(messages[2].1.contains("must be a number"));
        assert_eq!(messages[3].1, "TYPE must be one of: Amount (ZAR), Percent.");
        assert_eq!(
            messages[4],
            ("customer", &"CUSTOMER is required.".to_owned())
        );
    }

    #[test]
    fn a_pattern_must_match_the_whole_value_and_brings_its_own_message() {
        let mut key = field("secret_key", FieldKind::Secret, true);
        key.pattern = Some("sk_(test|live)_[A-Za-z0-9]{8,}".into());
        key.pattern_message =
            Some("Paste the Secret Key from Yoco: it starts sk_test_ or sk_live_.".into());

        let bad = validate(
            &[key.clone()],
            &values(&[("secret_key", "pk_test_12345678")]),
            &[],
        );
        let padded = validate(
            &[key.clone()],
            &values(&[("secret_key", "xsk_test_12345678")]),
            &[],
        );
        let good = validate(&[key], &values(&[("secret_key", "sk_test_12345678")]), &[]);

        assert_eq!(
            bad[0].message,
            "Paste the Secret Key from Yoco: it starts sk_test_ or sk_live_."
        );
        assert_eq!(padded.len(), 1, "the pattern is anchored at both ends");
        assert!(good.is_empty());
    }

    #[test]
    fn an_empty_secret_is_fine_when_one_is_already_saved() {
        let key = field("api_key", FieldKind::Secret, true);

        let saved = ["api_key".to_owned()];
        assert!(validate(std::slice::from_ref(&key), &values(&[]), &saved).is_empty());
        assert_eq!(validate(&[key], &values(&[]), &[]).len(), 1);
    }

    #[test]
    fn e164_numbers_and_emails_are_recognised() {
        assert!(is_e164("+442071234567"));
        assert!(!is_e164("+0442071234567"));
        assert!(!is_e164("442071234567"));
        assert!(!is_e164("+44 20 7123 4567"));
        assert!(is_email("ops@example.com"));
        assert!(!is_email("ops@example"));
        assert!(!is_email("a@b@c.com"));
    }
}
