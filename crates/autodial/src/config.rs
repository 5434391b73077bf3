//! The Config page: Customer, Outbound Server, Endpoint and CLI, checked field by field beyond
//! what the generic form checks (the endpoint must be one of the chosen customer's extensions
//! when it was picked, the CLI a valid E.164 number by the phone-number library), then saved
//! on the install through the core.

use std::collections::BTreeMap;

use cx_core::{AppError, Core, FieldError};
use cx_platform::resources;

use crate::platform::CallTarget;

/// The install's config keys (the fields the app's versions declare).
pub const CUSTOMER: &str = "customer_id";
pub const SERVER: &str = "server_alias";
pub const ENDPOINT: &str = "extension";
pub const CLI: &str = "cli";

/// Typed values, as the page sends them.
pub type Values = BTreeMap<String, String>;

/// Every problem with `values`, one message per field. `endpoint_picked` is true when the
/// endpoint was chosen from the customer's list rather than typed.
pub async fn check(
    core: &Core,
    values: &Values,
    endpoint_picked: bool,
) -> Result<Vec<FieldError>, AppError> {
    let mut errors = Vec::new();
    let value = |key: &str| values.get(key).map(|v| v.trim()).unwrap_or_default();
    let mut missing = |key: &str, message: &str| {
        if value(key).is_empty() {
            errors.push(field_error(key, message));
            true
        } else {
            false
        }
    };
    let no_customer = missing(CUSTOMER, "Pick the customer the calls are billed to.");
    missing(SERVER, "Pick the outbound server that places the calls.");
    let no_endpoint = missing(
        ENDPOINT,
        "Pick or type the extension that takes answered calls.",
    );
    if !missing(CLI, "Type the caller ID, e.g. +12025550123.") {
        if let Err(reason) = check_cli(value(CLI)) {
            errors.push(field_error(CLI, &reason));
        }
    }
    if !no_endpoint && !value(ENDPOINT).chars().all(|c| c.is_ascii_digit()) {
        errors.push(field_error(
            ENDPOINT,
            "An extension is digits only, such as 1001.",
        ));
    } else if endpoint_picked && !no_customer && !no_endpoint {
        let client = core.platform()?.client;
        let theirs = resources::sip_users(&client, value(CUSTOMER)).await?;
        if !theirs.iter().any(|u| u.username == value(ENDPOINT)) {
            let message = format!(
                "Extension {} is not one of this customer's; pick one from the list or type another.",
                value(ENDPOINT)
            );
            errors.push(field_error(ENDPOINT, &message));
        }
    }
    Ok(errors)
}

/// Checks the values, then saves them on the install.
pub async fn save(
    core: &Core,
    install_id: &str,
    values: Values,
    endpoint_picked: bool,
) -> Result<cx_core::models::InstallView, AppError> {
    let errors = check(core, &values, endpoint_picked).await?;
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let trimmed = values
        .into_iter()
        .map(|(key, value)| (key, value.trim().to_owned()))
        .collect();
    core.configure(install_id, trimmed).await
}

/// The CLI in E.164, or why not.
pub fn check_cli(text: &str) -> Result<String, String> {
    if !text.starts_with('+') {
        return Err(
            "Write the CLI in full international format, starting with +, e.g. +12025550123."
                .into(),
        );
    }
    crate::dnc::normalise(text, None).map_err(|reason| format!("Not a valid CLI: {reason}."))
}

/// The originate arguments saved on an install, or which are missing.
pub fn target_of(values: &Values) -> Result<CallTarget, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut take = |key: &str| match values.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        Some(value) => value.to_owned(),
        None => {
            errors.push(field_error(
                key,
                "Not configured yet: fill it in on the Config page.",
            ));
            String::new()
        }
    };
    let target = CallTarget {
        company: take(CUSTOMER),
        server: take(SERVER),
        extension: take(ENDPOINT),
        cli: take(CLI),
    };
    if errors.is_empty() {
        Ok(target)
    } else {
        Err(errors)
    }
}

fn field_error(field: &str, message: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cli_must_be_international_and_valid_for_its_country() {
        assert_eq!(check_cli("+1 202-555-0143"), Ok("+12025550143".to_owned()));
        assert!(check_cli("2025550143")
            .unwrap_err()
            .contains("starting with +"));
        assert!(check_cli("+1202555014")
            .unwrap_err()
            .starts_with("Not a valid CLI"));
        assert!(check_cli("+1202555O143").unwrap_err().contains("letter"));
    }
}
