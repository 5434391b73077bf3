//! **Assumed API.** The platform's write side for carriers, rate cards and rules is not
//! published ([assumed] in `contracts/connexcs.md`; only `GET carrier`, `GET card/{id}` and
//! `GET card/{id}/rev/{rev}/rule` are known). This module alone guesses it:
//!
//! | call | shape |
//! | --- | --- |
//! | `POST carrier` `{name, currency, status}` | the new carrier with its `id` |
//! | `GET card?carrier_id=&name=` | the cards (bare or wrapped list) |
//! | `POST card` `{name, carrier_id, currency}` | the new card `{id, active_rev, …}` |
//! | `POST card/{id}/rev/{rev}/rule` array of `{prefix, name, cost, mcd, pulse}` | `{"status":"OK"}`; a prefix already on the revision is replaced |
//!
//! Rules carry `cost` = the first-interval price per minute, `mcd` = the first interval and
//! `pulse` = the next interval, as the platform's read side names them.

use cx_platform::{Client, PlatformError};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;

use crate::billing::Tariff;
use crate::error::{NeutrafixError, Result};
use crate::lenient;

/// The carrier every purchase is billed through.
pub const CARRIER_NAME: &str = "NeuTrafix";

/// Rules per write request.
const RULES_PER_REQUEST: usize = 1000;

/// A card's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardRef {
    pub id: String,
    pub active_rev: u32,
}

/// One rule to write.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRule {
    pub prefix: String,
    pub name: String,
    pub tariff: Tariff,
}

/// One rule as the platform lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct CardRule {
    pub prefix: String,
    pub name: String,
    pub cost: f64,
    pub mcd: u32,
    pub pulse: u32,
}

/// The card name for a seller.
pub fn card_name(seller: &str) -> String {
    format!("{CARRIER_NAME} - {seller}")
}

fn id_of(value: &Value) -> Option<String> {
    lenient::text(&value["id"])
}

/// The carrier's id, when a carrier named [`CARRIER_NAME`] exists.
pub async fn find_carrier(client: &Client) -> Result<Option<String>> {
    let query = [("name", CARRIER_NAME.to_owned())];
    let list: Vec<Value> = client.list("carrier", &query).await?;
    Ok(list
        .iter()
        .filter(|c| c["name"].as_str() == Some(CARRIER_NAME))
        .find_map(id_of))
}

/// Whether carrier `id` still exists.
pub async fn carrier_exists(client: &Client, id: &str) -> Result<bool> {
    match client.get(&format!("carrier/{id}"), &[]).await {
        Ok(_) => Ok(true),
        Err(PlatformError::NotFound(_)) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

pub async fn create_carrier(client: &Client) -> Result<String> {
    let body = json!({"name": CARRIER_NAME, "currency": "USD", "status": "Active"});
    let created = client.post("carrier", &body).await?;
    id_of(&created).ok_or_else(|| NeutrafixError::Unexpected("the new carrier has no id".into()))
}

/// The seller's card on the carrier, if there is one.
pub async fn find_card(client: &Client, carrier_id: &str, seller: &str) -> Result<Option<CardRef>> {
    let name = card_name(seller);
    let query = [
        ("carrier_id", carrier_id.to_owned()),
        ("name", name.clone()),
    ];
    let list: Vec<Value> = client.list("card", &query).await?;
    Ok(list
        .iter()
        .find(|c| c["name"].as_str() == Some(name.as_str()))
        .and_then(card_ref))
}

pub async fn create_card(client: &Client, carrier_id: &str, seller: &str) -> Result<CardRef> {
    let body = json!({"name": card_name(seller), "carrier_id": carrier_id, "currency": "USD"});
    let created = client.post("card", &body).await?;
    card_ref(&created).ok_or_else(|| NeutrafixError::Unexpected("the new card has no id".into()))
}

/// The card's header, read again (its active revision may have moved).
pub async fn card(client: &Client, card_id: &str) -> Result<Option<CardRef>> {
    match client.get(&format!("card/{card_id}"), &[]).await {
        Ok(value) => Ok(card_ref(&value)),
        Err(PlatformError::NotFound(_)) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

fn card_ref(value: &Value) -> Option<CardRef> {
    Some(CardRef {
        id: id_of(value)?,
        active_rev: lenient::whole(&value["active_rev"]).unwrap_or(1),
    })
}

/// Adds (or replaces) `rules` on the card's active revision.
pub async fn add_rules(client: &Client, card: &CardRef, rules: &[NewRule]) -> Result<()> {
    let path = format!("card/{}/rev/{}/rule", card.id, card.active_rev);
    for chunk in rules.chunks(RULES_PER_REQUEST) {
        let body: Vec<Value> = chunk
            .iter()
            .map(|r| {
                json!({
                    "prefix": r.prefix,
                    "name": r.name,
                    "cost": format!("{:.6}", r.tariff.price_1),
                    "mcd": r.tariff.interval_1,
                    "pulse": r.tariff.interval_n,
                })
            })
            .collect();
        client.post(&path, &Value::Array(body)).await?;
    }
    Ok(())
}

/// The rules on the card's active revision (known read side: `limit`/`offset` paging).
pub async fn rules(client: &Client, card: &CardRef, search: &str) -> Result<Vec<CardRule>> {
    let path = format!("card/{}/rev/{}/rule", card.id, card.active_rev);
    let mut all = Vec::new();
    let page = 1000;
    loop {
        let mut query = vec![
            ("limit", page.to_string()),
            ("offset", all.len().to_string()),
        ];
        if !search.trim().is_empty() {
            query.push(("s", search.trim().to_owned()));
        }
        let items: Vec<Value> = client.list(&path, &query).await?;
        let short = items.len() < page;
        all.extend(items.iter().filter_map(rule_from));
        if short || all.len() >= 200_000 {
            return Ok(all);
        }
    }
}

fn rule_from(value: &Value) -> Option<CardRule> {
    Some(CardRule {
        prefix: lenient::text(&value["prefix"])?,
        name: lenient::text(&value["name"]).unwrap_or_default(),
        cost: lenient::number(&value["cost"]).unwrap_or(0.0),
        mcd: lenient::whole(&value["mcd"]).unwrap_or(0),
        pulse: lenient::whole(&value["pulse"]).unwrap_or(0),
    })
}
