//! Installed apps [assumed, see docs/assumed-api.md]: install a chosen version under a chosen
//! name, list, change version or config, remove. Secret config values are stored but every
//! answer shows `"********"` in their place.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::generic::{list_json, Pairs};
use crate::catalogue::{App, Version};
use crate::error::{ApiError, ApiResult, JsonBody};
use crate::listing::{scalar_text, Shape};
use crate::seed::featured::SPAM_SCORE_ID;
use crate::state::Shared;
use crate::store::{Install, Store, MASK};
use crate::timefmt::now_stamp;

pub(super) fn routes() -> Router<Shared> {
    Router::new()
        .route("/appstore/install", get(list_installs).post(create_install))
        .route(
            "/appstore/install/{id}",
            get(get_install).put(update_install).delete(delete_install),
        )
}

fn ok() -> Json<Value> {
    Json(json!({ "status": "OK" }))
}

/// The catalogue version an install runs; every install names one that exists.
fn installed_version<'a>(state: &'a Shared, install: &Install) -> Option<&'a Version> {
    let app = state.app(&scalar_text(&install.app_id)?)?;
    app.version(&install.version)
}

fn render(state: &Shared, install: &Install) -> Value {
    let secrets = installed_version(state, install)
        .map(Version::secret_keys)
        .unwrap_or_default();
    install.to_json(&secrets)
}

async fn list_installs(State(state): State<Shared>, Query(pairs): Pairs) -> ApiResult<Json<Value>> {
    let installs = state.store().installs.clone();
    let items = installs
        .iter()
        .map(|install| render(&state, install))
        .collect();
    list_json(items, &pairs, Shape::Bare, &["name"])
}

fn find_install(store: &Store, id: &str) -> ApiResult<usize> {
    let position = store.installs.iter().position(|i| i.id.to_string() == id);
    position.ok_or_else(|| ApiError::not_found("Install"))
}

async fn get_install(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let store = state.store();
    let install = &store.installs[find_install(&store, &id)?];
    Ok(Json(render(&state, install)))
}

async fn delete_install(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut store = state.store();
    let index = find_install(&store, &id)?;
    store.installs.remove(index);
    drop(store);
    crate::persist::save(&state, render);
    Ok(ok())
}

fn body_object(body: &Value) -> ApiResult<&Map<String, Value>> {
    body.as_object()
        .ok_or_else(|| ApiError::bad_request("Expected a JSON object"))
}

/// The app and version a request names, or the 400 the platform gives for either.
fn resolve<'a>(
    state: &'a Shared,
    fields: &Map<String, Value>,
) -> ApiResult<(&'a App, &'a Version)> {
    let app_id = fields
        .get("app_id")
        .and_then(scalar_text)
        .unwrap_or_default();
    let app = state
        .app(&app_id)
        .ok_or_else(|| ApiError::bad_request("Unknown app_id"))?;
    let version = fields
        .get("version")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let found = app.version(version).ok_or_else(|| {
        ApiError::bad_request(format!(
            "Version \"{version}\" of {} does not exist",
            app.name
        ))
    })?;
    Ok((app, found))
}

fn install_name(fields: &Map<String, Value>) -> ApiResult<String> {
    let name = fields
        .get("name")
        .and_then(Value::as_str)
        .map(str::trim)
        .unwrap_or_default();
    if name.is_empty() {
        return Err(ApiError::bad_request("name is required"));
    }
    Ok(name.to_owned())
}

/// `POST appstore/install`: names are unique on the account, compared without regard to case.
async fn create_install(
    State(state): State<Shared>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    let fields = body_object(&body)?;
    let name = install_name(fields)?;
    let (app, version) = resolve(&state, fields)?;

    let mut store = state.store();
    if store
        .installs
        .iter()
        .any(|i| i.name.eq_ignore_ascii_case(&name))
    {
        return Err(ApiError::Conflict(format!(
            "An app named \"{name}\" is already installed"
        )));
    }
    let now = now_stamp();
    let install = Install {
        id: store.next_install_id(),
        app_id: app.id.to_json(),
        name,
        version: version.version.to_owned(),
        config: BTreeMap::new(),
        installed_at: now.clone(),
        updated_at: now,
    };
    store.installs.push(install.clone());
    if app.id.text() == SPAM_SCORE_ID.to_string() {
        ensure_api_user_var(&mut store, app);
    }
    drop(store);
    crate::persist::save(&state, render);
    Ok(Json(render(&state, &install)))
}

/// The App Store page tells users of DID Spam Score to find the `cx_api_user` variable and
/// fill it in, so installing the app creates it, empty, when it is not there yet.
fn ensure_api_user_var(store: &mut Store, app: &App) {
    let exists = store
        .all(crate::store::Coll::Vars)
        .iter()
        .any(|v| scalar_text(&v["app_id"]) == Some(app.id.text()) && v["key"] == "cx_api_user");
    if !exists {
        let var = json!({"key": "cx_api_user", "value": "", "app_id": app.id.to_json()});
        store.insert(crate::store::Coll::Vars, var);
    }
}

/// `PUT appstore/install/{id}` with `version` and/or `config`.
async fn update_install(
    State(state): State<Shared>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    let fields = body_object(&body)?;
    if !fields.contains_key("version") && !fields.contains_key("config") {
        return Err(ApiError::bad_request("Send a version, a config, or both"));
    }
    let mut store = state.store();
    let index = find_install(&store, &id)?;
    let current = store.installs[index].clone();
    let target = target_version(&state, &current, fields)?;
    let config = match fields.get("config") {
        Some(sent) => merge_config(&current.config, sent, target)?,
        None => current.config.clone(),
    };

    let install = &mut store.installs[index];
    install.version = target.version.to_owned();
    install.config = config;
    install.updated_at = now_stamp();
    drop(store);
    crate::persist::save(&state, render);
    Ok(ok())
}

/// The version after the update: the one sent, or the one installed.
fn target_version<'a>(
    state: &'a Shared,
    current: &Install,
    fields: &Map<String, Value>,
) -> ApiResult<&'a Version> {
    let mut named = fields.clone();
    named.insert("app_id".into(), current.app_id.clone());
    if !named.contains_key("version") {
        named.insert("version".into(), json!(current.version));
    }
    resolve(state, &named).map(|(_, version)| version)
}

/// The new config replaces the stored one. Values are strings; keys must be fields of the
/// version; a secret sent as `"********"` keeps the value stored before.
fn merge_config(
    stored: &BTreeMap<String, String>,
    sent: &Value,
    version: &Version,
) -> ApiResult<BTreeMap<String, String>> {
    let sent = sent
        .as_object()
        .ok_or_else(|| ApiError::bad_request("config must be an object"))?;
    let secrets = version.secret_keys();
    let mut config = BTreeMap::new();
    for (key, value) in sent {
        if !version.config.iter().any(|f| f.key == key) {
            return Err(ApiError::bad_request(format!(
                "{key} is not a setting of version {}",
                version.version
            )));
        }
        let value = match value {
            Value::Null => continue,
            Value::String(text) => text,
            _ => {
                return Err(ApiError::bad_request(format!(
                    "config.{key} must be a string"
                )))
            }
        };
        let kept = (secrets.contains(&key.as_str()) && value == MASK).then(|| stored.get(key));
        match kept {
            Some(Some(old)) => config.insert(key.clone(), old.clone()),
            Some(None) => None,
            None => config.insert(key.clone(), value.clone()),
        };
    }
    Ok(config)
}
