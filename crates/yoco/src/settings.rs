//! The install's settings as the Yoco screens use them: API User, Secret Key (in the OS
//! keyring through the core's secret fields; only its mode and last four characters are ever
//! shown again), and the surcharge, validated more strictly than the generic Config dialog can.

use std::collections::BTreeMap;
use std::sync::Arc;

use cx_core::models::InstallView;
use cx_core::{AppError, ErrorCode, FieldError, Secret};
use cx_platform::{resources, Client};

use crate::client::{key_mode, YocoClient};
use crate::engine::{field, TopUps};
use crate::models::{KeyHint, PayableCustomer, QuoteView, SettingsForm, YocoSettings};
use crate::money::parse_rand;
use crate::surcharge::{Surcharge, ROUNDING_RULE};

/// What a top-up needs from the settings.
pub(crate) struct Setup {
    pub client: Arc<YocoClient>,
    pub surcharge: Surcharge,
}

/// A customer a top-up is for.
pub(crate) struct Customer {
    pub id: String,
    pub name: String,
}

impl TopUps {
    async fn install(&self, install_id: &str) -> Result<InstallView, AppError> {
        self.core
            .installs()
            .await?
            .into_iter()
            .find(|i| i.id == install_id)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, "That install no longer exists."))
    }

    fn surcharge_of(install: &InstallView) -> Result<Surcharge, AppError> {
        let value = |key: &str| install.values.get(key).map(String::as_str).unwrap_or("");
        Surcharge::from_settings(value("surcharge_type"), value("surcharge"))
            .map_err(|e| field("surcharge", format!("{e} Fix it under Settings.")))
    }

    pub(crate) async fn setup(&self, install_id: &str) -> Result<Setup, AppError> {
        let install = self.install(install_id).await?;
        Ok(Setup {
            surcharge: Self::surcharge_of(&install)?,
            client: self.client(install_id).await?,
        })
    }

    /// The settings, the key as a hint only.
    pub async fn settings(&self, install_id: &str) -> Result<YocoSettings, AppError> {
        let install = self.install(install_id).await?;
        let key = self.core.install_secret(install_id, "secret_key")?;
        let hint = key.as_ref().and_then(|key| {
            Some(KeyHint {
                mode: key_mode(key).ok()?,
                last_four: key.last_chars(4),
            })
        });
        let value = |k: &str| install.values.get(k).cloned().unwrap_or_default();
        let surcharge = Self::surcharge_of(&install).unwrap_or(Surcharge::None);
        let mut missing = Vec::new();
        if value("api_user").is_empty() {
            missing.push("API User".to_owned());
        }
        if hint.is_none() {
            missing.push("Secret Key".to_owned());
        }
        Ok(YocoSettings {
            install_id: install.id.clone(),
            api_user: Some(value("api_user")).filter(|v| !v.is_empty()),
            key: hint,
            surcharge_type: Some(value("surcharge_type"))
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| "amount".to_owned()),
            surcharge: value("surcharge"),
            surcharge_text: surcharge.describe(),
            rounding_rule: ROUNDING_RULE.to_owned(),
            missing,
            version: install.version,
        })
    }

    /// Checks and saves the settings through the core (the key goes to the OS keyring and the
    /// platform, never to a file of ours). An empty key keeps the saved one.
    pub async fn save_settings(
        &self,
        install_id: &str,
        form: SettingsForm,
    ) -> Result<YocoSettings, AppError> {
        let mut errors = Vec::new();
        let mut problem = |field: &str, message: String| {
            errors.push(FieldError {
                field: field.to_owned(),
                message,
            })
        };
        if form.api_user.trim().is_empty() {
            problem("api_user", "Pick the API User the app acts as.".to_owned());
        }
        let key = form.secret_key.expose().trim();
        if !key.is_empty() {
            if let Err(reason) = key_mode(&Secret::new(key)) {
                problem("secret_key", reason);
            }
        }
        if let Err(error) = Surcharge::from_settings(&form.surcharge_type, &form.surcharge) {
            problem("surcharge", error.to_string());
        }
        if !errors.is_empty() {
            return Err(AppError::invalid(errors));
        }

        let values: BTreeMap<String, String> = [
            ("api_user", form.api_user.trim()),
            ("secret_key", key),
            ("surcharge_type", form.surcharge_type.trim()),
            ("surcharge", form.surcharge.trim()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        self.core.configure(install_id, values).await?;
        self.forget_client(install_id);
        self.settings(install_id).await
    }

    /// Checks a key against Yoco without charging anything: the typed one, or the saved one.
    /// Answers the key's mode.
    pub async fn test_key(
        &self,
        install_id: &str,
        typed: Option<Secret>,
    ) -> Result<crate::client::Mode, AppError> {
        let client = match typed.filter(|k| !k.expose().trim().is_empty()) {
            Some(key) => {
                let key = Secret::new(key.expose().trim());
                key_mode(&key).map_err(|reason| field("secret_key", reason))?;
                let client = YocoClient::new(&self.base_url()?, key, self.options.client.clone())?;
                Arc::new(client)
            }
            None => self.client(install_id).await?,
        };
        client.check_key().await?;
        Ok(client.mode())
    }

    /// The account's customers for the picker; only rand accounts can be paid through Yoco.
    pub async fn customers(&self) -> Result<Vec<PayableCustomer>, AppError> {
        let session = self.core.platform()?;
        let customers = resources::customers(&session.client).await?;
        Ok(customers
            .into_iter()
            .map(|c| PayableCustomer {
                payable: c
                    .currency
                    .as_deref()
                    .is_some_and(|cur| cur.eq_ignore_ascii_case("ZAR")),
                id: c.id,
                name: c.name,
                currency: c.currency,
            })
            .collect())
    }

    pub(crate) async fn customer(&self, client: &Client, id: &str) -> Result<Customer, AppError> {
        let customers = resources::customers(client).await?;
        let customer = customers
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| field("customer_id", "Pick a customer.".to_owned()))?;
        let currency = customer.currency.clone().unwrap_or_default();
        if !currency.eq_ignore_ascii_case("ZAR") {
            let message = format!(
                "Yoco takes rand only, and {}'s account is in {}. Pick a customer whose \
                 account is in ZAR.",
                customer.name,
                if currency.is_empty() {
                    "an unknown currency"
                } else {
                    &currency
                }
            );
            return Err(field("customer_id", message));
        }
        Ok(Customer {
            id: customer.id,
            name: customer.name,
        })
    }

    /// The top-up, fee and total for a typed amount.
    pub async fn quote(&self, install_id: &str, typed: &str) -> Result<QuoteView, AppError> {
        let top_up = parse_rand(typed).map_err(|e| field("amount", e.to_string()))?;
        let setup = self.setup(install_id).await?;
        Ok(QuoteView {
            quote: setup.surcharge.quote(top_up),
            mode: setup.client.mode(),
            surcharge_text: setup.surcharge.describe(),
        })
    }
}
