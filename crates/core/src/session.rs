//! Account profiles and signing in and out.

use std::sync::{Arc, Mutex};

use cx_cache::{NewProfile, Profile};
use cx_platform::{resources, BaseUrl, Client, PlatformError, SignIn};
use cx_secrets::Secret;
use serde::Deserialize;
use ts_rs::TS;

use crate::models::SessionView;
use crate::{AppError, Core, ErrorCode, FieldError, Session};

/// A real account's profile as the user types it on the sign-in form.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct AccountForm {
    pub name: String,
    pub base_url: String,
    pub login: String,
}

/// The name the built-in sandbox's profile goes by.
pub const SANDBOX_PROFILE: &str = "Sandbox (training)";

fn refresh_token_key(profile_id: i64) -> String {
    format!("profile:{profile_id}:refresh-token")
}

impl Core {
    pub fn profiles(&self) -> Result<Vec<Profile>, AppError> {
        Ok(self.cache().profiles()?)
    }

    /// The profile used last, to resume on start.
    pub fn active_profile(&self) -> Result<Option<Profile>, AppError> {
        Ok(self.cache().active_profile()?)
    }

    pub fn session(&self) -> Option<SessionView> {
        let session = self
            .session
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()?;
        Some(session.view())
    }

    /// Signs in to a real account. The password is used once, to mint a refresh token that
    /// goes to the keyring; it is not kept.
    pub async fn sign_in(
        &self,
        form: AccountForm,
        password: Secret,
    ) -> Result<SessionView, AppError> {
        let (base, form) = check_account_form(form, &password)?;
        let new = NewProfile {
            name: form.name,
            base_url: base.as_str().to_owned(),
            login: form.login,
            is_sandbox: false,
        };
        self.sign_in_with_password(new, base, password).await
    }

    /// Signs in to the built-in sandbox at `base_url` (it moves port on every start).
    pub async fn sign_in_sandbox(
        &self,
        base_url: &str,
        login: &str,
        password: Secret,
    ) -> Result<SessionView, AppError> {
        let base = BaseUrl::parse(base_url)?;
        let new = NewProfile {
            name: SANDBOX_PROFILE.to_owned(),
            base_url: base.as_str().to_owned(),
            login: login.to_owned(),
            is_sandbox: true,
        };
        self.sign_in_with_password(new, base, password).await
    }

    /// Resumes a saved profile with its refresh token from the keyring. When the platform
    /// cannot be reached the session still starts, offline, so the cache stays browsable.
    pub async fn resume(&self, profile_id: i64) -> Result<SessionView, AppError> {
        let profile = self.cache().profile(profile_id)?.ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                "That account profile no longer exists.",
            )
        })?;
        let Some(refresh) = self.keyring.get(&refresh_token_key(profile.id))? else {
            return Err(AppError::new(
                ErrorCode::SignedOut,
                format!(
                    "Sign in to \"{}\" again: no saved session was found.",
                    profile.name
                ),
            ));
        };

        let base = BaseUrl::parse(&profile.base_url)?;
        let client = Client::with_refresh_token(base, refresh, self.client_options.clone())?;
        let client = self.keep_renewed_tokens(client, profile.id);
        match quick_account_check(&client).await {
            Ok(account) => self.start_session(profile, client, Some(account.name), true),
            Err(error) if error.is_offline() => {
                let session = self.start_session(profile, client, None, false)?;
                self.current()?.note_reachability::<()>(&Err(error));
                Ok(session)
            }
            Err(PlatformError::SessionExpired) => {
                self.keyring.delete(&refresh_token_key(profile.id))?;
                Err(AppError::new(
                    ErrorCode::SignedOut,
                    format!(
                        "The session of \"{}\" has expired; sign in again.",
                        profile.name
                    ),
                ))
            }
            Err(error) => Err(error.into()),
        }
    }

    /// Signs out of the current profile and forgets its refresh token. Cached data stays.
    pub fn sign_out(&self) -> Result<(), AppError> {
        let session = self
            .session
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(session) = session {
            self.keyring
                .delete(&refresh_token_key(session.profile.id))?;
            tracing::info!(profile = session.profile.id, "signed out");
        }
        Ok(())
    }

    async fn sign_in_with_password(
        &self,
        new: NewProfile,
        base: BaseUrl,
        password: Secret,
    ) -> Result<SessionView, AppError> {
        let credentials = SignIn {
            login: new.login.clone(),
            password,
        };
        let client = Client::sign_in(base, credentials, self.client_options.clone()).await?;
        let account = resources::account(&client).await?;

        let profile = self.cache().save_profile(&new)?;
        // The sandbox signs its tokens with a key of its own process: its refresh token is
        // worthless after a restart, so it is not filed in the keyring.
        if !profile.is_sandbox {
            let token = client.refresh_token().await;
            self.keyring.set(&refresh_token_key(profile.id), &token)?;
        }
        let client = self.keep_renewed_tokens(client, profile.id);
        tracing::info!(
            profile = profile.id,
            sandbox = profile.is_sandbox,
            "signed in"
        );
        self.start_session(profile, client, Some(account.name), true)
    }

    fn keep_renewed_tokens(&self, client: Client, profile_id: i64) -> Client {
        let keyring = self.keyring.clone();
        client.on_new_refresh_token(Arc::new(move |token: &Secret| {
            if let Err(error) = keyring.set(&refresh_token_key(profile_id), token) {
                tracing::warn!(%error, "could not keep the renewed refresh token");
            }
        }))
    }

    fn start_session(
        &self,
        profile: Profile,
        client: Client,
        account_name: Option<String>,
        online: bool,
    ) -> Result<SessionView, AppError> {
        self.cache().set_active_profile(profile.id)?;
        let session = Arc::new(Session {
            profile,
            client: Arc::new(client),
            account_name,
            online,
            offline_notice: Mutex::new(None),
        });
        let view = session.view();
        *self.session.write().unwrap_or_else(|p| p.into_inner()) = Some(session);
        self.load_store_from_cache()?;
        Ok(view)
    }
}

impl Session {
    fn view(&self) -> SessionView {
        SessionView {
            profile: self.profile.clone(),
            account_name: self.account_name.clone(),
            online: self.online,
        }
    }
}

/// How long resuming waits for the platform before starting offline: the store is shown from
/// the cache at once, and the next refresh tries again with the full timeout.
const RESUME_PATIENCE: std::time::Duration = std::time::Duration::from_secs(3);

async fn quick_account_check(client: &Client) -> Result<resources::Account, PlatformError> {
    match tokio::time::timeout(RESUME_PATIENCE, resources::account(client)).await {
        Ok(answer) => answer,
        Err(_) => Err(PlatformError::Timeout {
            host: client.base_url().host(),
            after: RESUME_PATIENCE,
        }),
    }
}

/// Checks the sign-in form field by field, so each mistake is shown where it was made.
fn check_account_form(
    mut form: AccountForm,
    password: &Secret,
) -> Result<(BaseUrl, AccountForm), AppError> {
    form.name = form.name.trim().to_owned();
    form.login = form.login.trim().to_owned();
    let mut errors = Vec::new();
    let mut problem = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };

    if form.name.is_empty() {
        problem(
            "name",
            "Give the account a name, such as \"Production\".".to_owned(),
        );
    } else if form.name == SANDBOX_PROFILE {
        problem(
            "name",
            format!("\"{SANDBOX_PROFILE}\" is the built-in sandbox's name."),
        );
    }
    if !form.login.contains('@') {
        problem(
            "login",
            "The login is the e-mail address of a Control Panel user.".to_owned(),
        );
    }
    if password.is_empty() {
        problem("password", "Enter the password of that user.".to_owned());
    }
    let base = BaseUrl::parse(&form.base_url);
    if let Err(error) = &base {
        problem("base_url", crate::error::sentence(error.to_string()));
    }

    match base {
        Ok(base) if errors.is_empty() => Ok((base, form)),
        _ => Err(AppError::invalid(errors)),
    }
}
