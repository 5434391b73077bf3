//! Installs: named instances of an app at a version, with their configuration.

use std::collections::BTreeMap;

use chrono::Utc;
use cx_platform::appstore::{self, AppVersion, ConfigField, FieldKind, Install, MASKED_SECRET};
use cx_platform::{resources, PlatformError};

use crate::config::{self, Values};
use crate::models::{ChangeDirection, InstallRequest, InstallView, PickOption, VersionChange};
use crate::{AppError, Core, ErrorCode, FieldError, Secret, Session};

/// The longest App Name accepted.
const MAX_NAME: usize = 60;

pub(crate) fn secret_key(profile_id: i64, install_id: &str, field: &str) -> String {
    format!("profile:{profile_id}:install:{install_id}:{field}")
}

impl Core {
    /// The account's installs as last synced, each with its version's fields. Versions not yet
    /// known are fetched when the platform answers; offline, such an install is listed without
    /// its fields.
    pub async fn installs(&self) -> Result<Vec<InstallView>, AppError> {
        let session = self.current()?;
        let installs = self.cache().installs(session.profile.id)?;
        for install in &installs {
            let known = self
                .ensure_versions(&session, &install.app_id, &install.version)
                .await;
            match known {
                Ok(_) => {}
                // Offline once means offline for the rest: list them all from the cache.
                Err(error) if error.code == ErrorCode::Offline => break,
                // An app gone from the store, say: that install is listed without its
                // fields; the others are not held back.
                Err(error) => {
                    tracing::warn!(install = %install.id, code = ?error.code, "versions unknown")
                }
            }
        }
        self.install_views(&session)
    }

    /// Installs `version` of an app under the App Name the user chose.
    pub async fn install(&self, request: InstallRequest) -> Result<InstallView, AppError> {
        let session = self.current()?;
        let name = self.check_new_name(&session, &request.name)?;
        let versions = self
            .ensure_versions(&session, &request.app_id, &request.version)
            .await?;
        if !versions.iter().any(|v| v.version == request.version) {
            return Err(field_error(
                "version",
                format!("Version {} does not exist.", request.version),
            ));
        }

        let client = &session.client;
        let created = appstore::install(client, &request.app_id, &name, &request.version)
            .await
            .map_err(|error| name_conflict(error, &name))?;
        tracing::info!(install = %created.id, app = %created.app_id, version = %created.version, "installed");
        self.cache().save_install(session.profile.id, &created)?;
        self.install_view(&session, created)
    }

    /// Checks and saves an install's configuration. Secret values go to the platform (which
    /// needs them) and to the OS keyring, never to the local database; a secret left empty
    /// keeps the saved one.
    pub async fn configure(
        &self,
        install_id: &str,
        typed: Values,
    ) -> Result<InstallView, AppError> {
        let session = self.current()?;
        let install = self.cached_install(&session, install_id)?;
        let versions = self
            .ensure_versions(&session, &install.app_id, &install.version)
            .await?;
        let fields = fields_of_version(&versions, &install.version);
        if fields.is_empty() {
            // Saving without knowing the fields would send an empty configuration and wipe
            // what the platform holds.
            return Err(AppError::new(
                ErrorCode::Platform,
                format!(
                    "The settings of version {} could not be read.",
                    install.version
                ),
            ));
        }
        let saved: Vec<String> = masked_keys(&install);
        let errors = config::validate(&fields, &typed, &saved);
        if !errors.is_empty() {
            return Err(AppError::invalid(errors));
        }

        let (to_send, new_secrets) = split_config(&fields, &typed, &saved);
        // Into the keyring first: if it refuses, nothing has changed anywhere yet.
        for (key, secret) in &new_secrets {
            self.keyring
                .set(&secret_key(session.profile.id, install_id, key), secret)?;
        }
        appstore::configure(&session.client, install_id, &to_send).await?;
        let stored = Install {
            config: mask(&fields, to_send),
            updated_at: now_text(),
            ..install
        };
        self.cache().save_install(session.profile.id, &stored)?;
        tracing::info!(
            install = install_id,
            fields = stored.config.len(),
            "configured"
        );
        self.install_view(&session, stored)
    }

    /// What moving the install to `to` would bring: the release notes in between and the
    /// fields that appear or go.
    pub async fn preview_version_change(
        &self,
        install_id: &str,
        to: &str,
    ) -> Result<VersionChange, AppError> {
        let session = self.current()?;
        let install = self.cached_install(&session, install_id)?;
        let versions = self
            .ensure_versions(&session, &install.app_id, &install.version)
            .await?;
        version_change(&versions, &install.version, to)
    }

    /// Upgrades or rolls back an install. Values of fields the new version keeps stay.
    pub async fn change_version(
        &self,
        install_id: &str,
        to: &str,
    ) -> Result<InstallView, AppError> {
        let session = self.current()?;
        let install = self.cached_install(&session, install_id)?;
        let versions = self
            .ensure_versions(&session, &install.app_id, &install.version)
            .await?;
        let change = version_change(&versions, &install.version, to)?;
        if change.direction == ChangeDirection::Same {
            return self.install_view(&session, install);
        }

        let mut config = install.config.clone();
        config.retain(|key, _| !change.dropped_fields.contains(key));
        // The configuration goes along only when fields are dropped (or the platform would
        // carry their values forward); otherwise what the platform holds is left alone.
        let pruned = (!change.dropped_fields.is_empty()).then_some(&config);
        appstore::change_version(&session.client, install_id, to, pruned).await?;
        tracing::info!(install = install_id, from = %change.from, to, "changed version");
        for dropped in &change.dropped_fields {
            self.forget_secret(session.profile.id, install_id, dropped);
        }
        let changed = Install {
            version: to.to_owned(),
            config,
            updated_at: now_text(),
            ..install
        };
        self.cache().save_install(session.profile.id, &changed)?;
        self.install_view(&session, changed)
    }

    /// Removes an install from the account, with its secrets from the keyring.
    pub async fn remove(&self, install_id: &str) -> Result<(), AppError> {
        let session = self.current()?;
        let install = self.cached_install(&session, install_id)?;
        match appstore::remove(&session.client, install_id).await {
            Ok(()) | Err(PlatformError::NotFound(_)) => {}
            Err(error) => return Err(error.into()),
        }
        self.cache()
            .delete_install(session.profile.id, install_id)?;
        for key in masked_keys(&install) {
            self.forget_secret(session.profile.id, install_id, &key);
        }
        tracing::info!(install = install_id, "removed");
        Ok(())
    }

    /// Deletes a secret the platform no longer needs. The platform has already changed, so a
    /// keyring failure must not undo the rest: it is logged, and the entry is left behind.
    fn forget_secret(&self, profile_id: i64, install_id: &str, key: &str) {
        if let Err(error) = self
            .keyring
            .delete(&secret_key(profile_id, install_id, key))
        {
            tracing::warn!(install = install_id, key, %error, "could not delete a secret");
        }
    }

    /// The choices of a picker field: customers, servers, users, or a customer's extensions.
    pub async fn field_options(
        &self,
        kind: FieldKind,
        customer_id: Option<String>,
    ) -> Result<Vec<PickOption>, AppError> {
        let session = self.current()?;
        let client = &session.client;
        let option = |value: String, label: String| PickOption { value, label };
        Ok(match kind {
            FieldKind::Customer => resources::customers(client)
                .await?
                .into_iter()
                .map(|c| option(c.id, c.name))
                .collect(),
            FieldKind::Server => resources::servers(client)
                .await?
                .into_iter()
                .map(|s| {
                    let label = match &s.zone {
                        Some(zone) => format!("{} ({zone})", s.alias),
                        None => s.alias.clone(),
                    };
                    option(s.alias, label)
                })
                .collect(),
            FieldKind::User => resources::users(client)
                .await?
                .into_iter()
                .map(|u| option(u.email.clone(), u.name.unwrap_or(u.email)))
                .collect(),
            FieldKind::SipUser => match customer_id.filter(|id| !id.is_empty()) {
                Some(id) => resources::sip_users(client, &id)
                    .await?
                    .into_iter()
                    .map(|u| option(u.username.clone(), u.username))
                    .collect(),
                None => Vec::new(),
            },
            _ => Vec::new(),
        })
    }

    pub(crate) fn install_views(&self, session: &Session) -> Result<Vec<InstallView>, AppError> {
        let installs = self.cache().installs(session.profile.id)?;
        installs
            .into_iter()
            .map(|install| self.install_view(session, install))
            .collect()
    }

    fn install_view(&self, session: &Session, install: Install) -> Result<InstallView, AppError> {
        let versions = self.cached_versions(session, &install.app_id)?;
        let fields = fields_of_version(&versions, &install.version);
        let (app_name, latest) = {
            let state = self.store.read().unwrap_or_else(|p| p.into_inner());
            match state.index.get(&install.app_id) {
                Some(app) => (app.name.clone(), app.latest_version.clone()),
                None => (install.name.clone(), install.version.clone()),
            }
        };
        let secrets_saved = masked_keys(&install);
        let values: BTreeMap<_, _> = install
            .config
            .into_iter()
            .filter(|(_, value)| value != MASKED_SECRET)
            .filter(|(key, _)| fields.is_empty() || fields.iter().any(|f| &f.key == key))
            .collect();
        let missing = fields
            .iter()
            .filter(|f| {
                f.required && !values.contains_key(&f.key) && !secrets_saved.contains(&f.key)
            })
            .map(|f| f.key.clone())
            .collect();
        Ok(InstallView {
            update_available: is_newer(&latest, &install.version),
            id: install.id,
            app_id: install.app_id,
            app_name,
            name: install.name,
            version: install.version,
            latest_version: latest,
            fields,
            values,
            secrets_saved,
            missing,
            installed_at: install.installed_at,
            updated_at: install.updated_at,
        })
    }

    /// The app's versions from the cache, fetching the app's page first when it was never
    /// fetched. With no copy and no platform, the offline error: "no versions" would read as
    /// "that version does not exist".
    async fn ensure_versions(
        &self,
        session: &Session,
        app_id: &str,
        wanted: &str,
    ) -> Result<Vec<AppVersion>, AppError> {
        let cached = self.cached_versions(session, app_id)?;
        if cached.iter().any(|v| v.version == wanted) {
            return Ok(cached);
        }
        match self.fetch_app_page(session, app_id).await {
            Ok((page, _)) => {
                self.cache().save_app_page(session.profile.id, &page)?;
                Ok(page.versions)
            }
            Err(error) => Err(error.into()),
        }
    }

    /// An install as the cache may keep it: the values of the fields its version declares
    /// secret are replaced by the mask, whatever the platform sent for them.
    pub(crate) fn masked_for_cache(
        &self,
        session: &Session,
        install: Install,
    ) -> Result<Install, AppError> {
        let versions = self.cached_versions(session, &install.app_id)?;
        let fields = fields_of_version(&versions, &install.version);
        Ok(Install {
            config: mask(&fields, install.config.clone()),
            ..install
        })
    }

    fn cached_versions(
        &self,
        session: &Session,
        app_id: &str,
    ) -> Result<Vec<AppVersion>, AppError> {
        let page = self.cache().app_page(session.profile.id, app_id)?;
        Ok(page.map(|page| page.versions).unwrap_or_default())
    }

    fn cached_install(&self, session: &Session, install_id: &str) -> Result<Install, AppError> {
        self.cache()
            .installs(session.profile.id)?
            .into_iter()
            .find(|install| install.id == install_id)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, "That install no longer exists."))
    }

    /// The App Name trimmed, or why it cannot be used.
    fn check_new_name(&self, session: &Session, typed: &str) -> Result<String, AppError> {
        let name = typed.trim();
        if name.is_empty() {
            return Err(field_error("name", "Give the install a name.".to_owned()));
        }
        if name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
            return Err(field_error(
                "name",
                format!("Use at most {MAX_NAME} characters, without line breaks or tabs."),
            ));
        }
        let taken = self.cache().installs(session.profile.id)?;
        if taken
            .iter()
            .any(|install| install.name.eq_ignore_ascii_case(name))
        {
            return Err(name_taken(name));
        }
        Ok(name.to_owned())
    }
}

fn field_error(field: &str, message: String) -> AppError {
    AppError::invalid(vec![FieldError {
        field: field.to_owned(),
        message,
    }])
}

fn name_taken(name: &str) -> AppError {
    let mut error = field_error(
        "name",
        format!("An app named \"{name}\" is already installed; choose another name."),
    );
    error.code = ErrorCode::Conflict;
    error
}

/// The platform's 409 on create means the name is taken (someone else may have just used it).
fn name_conflict(error: PlatformError, name: &str) -> AppError {
    match error {
        PlatformError::Conflict(_) => name_taken(name),
        other => other.into(),
    }
}

fn fields_of_version(versions: &[AppVersion], version: &str) -> Vec<ConfigField> {
    versions
        .iter()
        .find(|v| v.version == version)
        .map(|v| v.config.clone())
        .unwrap_or_default()
}

fn masked_keys(install: &Install) -> Vec<String> {
    install
        .config
        .iter()
        .filter(|(_, v)| *v == MASKED_SECRET)
        .map(|(k, _)| k.clone())
        .collect()
}

/// What to send to the platform, and the new secrets to file in the keyring.
fn split_config(
    fields: &[ConfigField],
    typed: &Values,
    saved: &[String],
) -> (BTreeMap<String, String>, Vec<(String, Secret)>) {
    let mut to_send = BTreeMap::new();
    let mut secrets = Vec::new();
    for field in fields {
        let value = typed.get(&field.key).map(|v| v.trim()).unwrap_or_default();
        match (field.kind, value.is_empty()) {
            (FieldKind::Secret, false) => {
                secrets.push((field.key.clone(), Secret::new(value)));
                to_send.insert(field.key.clone(), value.to_owned());
            }
            (FieldKind::Secret, true) if saved.contains(&field.key) => {
                to_send.insert(field.key.clone(), MASKED_SECRET.to_owned());
            }
            (_, false) => {
                to_send.insert(field.key.clone(), value.to_owned());
            }
            _ => {}
        }
    }
    (to_send, secrets)
}

/// The configuration as the cache may keep it: every secret value replaced by the mask.
fn mask(fields: &[ConfigField], mut config: BTreeMap<String, String>) -> BTreeMap<String, String> {
    for field in fields.iter().filter(|f| f.kind == FieldKind::Secret) {
        if let Some(value) = config.get_mut(&field.key) {
            *value = MASKED_SECRET.to_owned();
        }
    }
    config
}

fn version_change(
    versions: &[AppVersion],
    from: &str,
    to: &str,
) -> Result<VersionChange, AppError> {
    let position = |version: &str| versions.iter().position(|v| v.version == version);
    let (Some(from_at), Some(to_at)) = (position(from), position(to)) else {
        return Err(field_error(
            "version",
            format!("Version {to} does not exist."),
        ));
    };
    // Versions are newest first, so a smaller index is newer.
    let (direction, passed) = match to_at.cmp(&from_at) {
        std::cmp::Ordering::Less => (ChangeDirection::Upgrade, &versions[to_at..from_at]),
        std::cmp::Ordering::Greater => (ChangeDirection::Rollback, &versions[from_at..to_at]),
        std::cmp::Ordering::Equal => (ChangeDirection::Same, &versions[0..0]),
    };
    let keys =
        |at: usize| -> Vec<String> { versions[at].config.iter().map(|f| f.key.clone()).collect() };
    let (old, new) = (keys(from_at), keys(to_at));
    Ok(VersionChange {
        from: from.to_owned(),
        to: to.to_owned(),
        direction,
        versions: passed.to_vec(),
        new_fields: new.iter().filter(|k| !old.contains(k)).cloned().collect(),
        dropped_fields: old.into_iter().filter(|k| !new.contains(k)).collect(),
    })
}

/// Whether semver `a` is newer than `b`; versions that do not parse compare as text.
fn is_newer(a: &str, b: &str) -> bool {
    fn parts(v: &str) -> Option<Vec<u64>> {
        v.trim_start_matches('v')
            .split('.')
            .map(|p| p.parse().ok())
            .collect()
    }
    match (parts(a), parts(b)) {
        (Some(a), Some(b)) => a > b,
        _ => a > b,
    }
}

fn now_text() -> String {
    Utc::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(v: &str, keys: &[&str]) -> AppVersion {
        AppVersion {
            version: v.into(),
            released_at: String::new(),
            release_notes: format!("- {v}"),
            config: keys
                .iter()
                .map(|k| ConfigField {
                    key: k.to_string(),
                    label: k.to_string(),
                    kind: FieldKind::Text,
                    required: false,
                    pattern: None,
                    pattern_message: None,
                    options: vec![],
                    depends_on: None,
                    help: None,
                    default: None,
                })
                .collect(),
        }
    }

    #[test]
    fn an_upgrade_lists_the_versions_it_brings_and_the_new_fields() {
        let versions = [
            version("2.1.0", &["a", "cps"]),
            version("2.0.0", &["a", "cps"]),
            version("1.4.0", &["a", "old"]),
        ];

        let change = version_change(&versions, "1.4.0", "2.1.0").unwrap();

        assert_eq!(change.direction, ChangeDirection::Upgrade);
        let passed: Vec<_> = change.versions.iter().map(|v| v.version.as_str()).collect();
        assert_eq!(passed, ["2.1.0", "2.0.0"]);
        assert_eq!(change.new_fields, ["cps"]);
        assert_eq!(change.dropped_fields, ["old"]);
    }

    #[test]
    fn a_rollback_lists_the_versions_it_undoes() {
        let versions = [
            version("2.1.0", &[]),
            version("2.0.0", &[]),
            version("1.4.0", &[]),
        ];

        let change = version_change(&versions, "2.1.0", "1.4.0").unwrap();

        assert_eq!(change.direction, ChangeDirection::Rollback);
        let undone: Vec<_> = change.versions.iter().map(|v| v.version.as_str()).collect();
        assert_eq!(undone, ["2.1.0", "2.0.0"]);
    }

    #[test]
    fn versions_compare_by_number_not_text() {
        assert!(is_newer("2.10.0", "2.9.1"));
        assert!(!is_newer("1.4.0", "1.4.0"));
    }
}
