//! Read-only account resources. The list shape of each is chosen here and documented in the
//! crate README: the platform mixes bare arrays, `result` and `data` wrappers, and so do we.

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use super::generic::{find, item, list, list_json, Pairs};
use crate::error::{ApiError, ApiResult};
use crate::listing::Shape;
use crate::seed::account;
use crate::state::Shared;
use crate::store::Coll;

pub(super) fn routes() -> Router<Shared> {
    Router::new()
        .route("/setup/account", get(|| async { Json(account::account()) }))
        .route("/customer", list(Coll::Customers, Shape::Bare, &["name"]))
        .route("/customer/{id}", item(Coll::Customers, "Customer"))
        .route(
            "/switch/user",
            list(Coll::SipUsers, Shape::Bare, &["username", "name"]),
        )
        .route("/switch/user/{id}", item(Coll::SipUsers, "SIP user"))
        .route(
            "/did",
            list(Coll::Dids, Shape::Data, &["did", "destination", "tags"]),
        )
        .route(
            "/setup/server",
            list(Coll::Servers, Shape::Bare, &["alias", "ip"]),
        )
        .route(
            "/setup/server/rtp-group",
            list(Coll::RtpGroups, Shape::Data, &["alias"]),
        )
        .route("/setup/server/{id}", item(Coll::Servers, "Server"))
        .route(
            "/setup/rtp",
            list(Coll::RtpServers, Shape::Bare, &["alias", "zone"]),
        )
        .route("/setup/rtp/{id}", item(Coll::RtpServers, "RTP server"))
        .route(
            "/setup/user",
            list(Coll::Users, Shape::Bare, &["email", "name"]),
        )
        .route("/setup/user/{id}", item(Coll::Users, "User"))
        .route(
            "/setup/package",
            list(Coll::Packages, Shape::Result, &["name"]),
        )
        .route("/setup/package/{id}", item(Coll::Packages, "Package"))
        .route(
            "/package",
            list(Coll::CustomerPackages, Shape::Bare, &["name"]),
        )
        .route(
            "/setup/template",
            list(Coll::Templates, Shape::Result, &["name"]),
        )
        .route("/setup/template/{id}", item(Coll::Templates, "Template"))
        .route("/setup/app", list(Coll::OwnApps, Shape::Bare, &["name"]))
        .route("/carrier", list(Coll::Carriers, Shape::Bare, &["name"]))
        .route("/carrier/{id}", item(Coll::Carriers, "Carrier"))
        .route("/card/{card_id}", item(Coll::Cards, "Rate card"))
        .route("/card/{card_id}/rev/{rev}/rule", get(card_rules))
}

/// Rate card rules page with `limit`/`offset`, without the underscore: the contract records
/// this endpoint that way, unlike every other list, so the sandbox honours only those.
async fn card_rules(
    State(state): State<Shared>,
    Path((card_id, rev)): Path<(String, String)>,
    Query(pairs): Pairs,
) -> ApiResult<Json<Value>> {
    find(&state, Coll::Cards, &card_id, "Rate card")?;
    let rev: u32 = rev.parse().map_err(|_| ApiError::not_found("Revision"))?;
    let rules = state.store().rules(&card_id, rev).map(<[Value]>::to_vec);
    let rules = rules.ok_or_else(|| ApiError::not_found("Revision"))?;
    let renamed: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(key, _)| !key.starts_with('_'))
        .map(|(key, value)| match key.as_str() {
            "limit" | "offset" => (format!("_{key}"), value),
            _ => (key, value),
        })
        .collect();
    list_json(rules, &renamed, Shape::Bare, &["prefix", "name"])
}
