//! `marketview/search`: form fields `prefix`, `seller`, `type` (`cli`, `nocli`, `tdm`, `any`),
//! `pager`, `off` → `{status, rates}`. Each record carries the contract's traps, varying by
//! record: numbers quoted or bare, prefixes as bare numbers, ACD as `m:ss`, the zero date,
//! dates in several formats, empty capacity, and now and then a record with no prefix.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use serde_json::{json, Value};

use super::countries::COUNTRIES;
use super::inventory::{area_name, mix, Inventory, Rate};
use super::{authorise, Shared};

/// The largest page served, whatever `pager` asks.
const MAX_PAGER: usize = 5000;

pub(super) async fn search(
    State(ex): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    if let Err(response) = authorise(&ex, "marketview/search", &form) {
        return response;
    }
    let field = |name: &str| {
        form.get(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let prefix = field("prefix");
    let seller = field("seller").to_lowercase();
    let wanted_type = match field("type").to_lowercase().as_str() {
        "cli" => Some("CLI"),
        "nocli" => Some("Non-CLI"),
        "tdm" => Some("TDM"),
        _ => None,
    };
    let pager = field("pager").parse().unwrap_or(100).clamp(1, MAX_PAGER);
    let offset: usize = field("off").parse().unwrap_or(0);

    let inventory = ex.inventory();
    let matches = |rate: &&Rate| {
        let connection = &inventory.connections[rate.connection as usize];
        rate.prefix.starts_with(&prefix)
            && wanted_type.is_none_or(|t| connection.route_type == t)
            && (seller.is_empty()
                || inventory.sellers[connection.seller]
                    .name
                    .to_lowercase()
                    .contains(&seller))
    };
    let rates: Vec<Value> = inventory
        .rates
        .iter()
        .filter(matches)
        .skip(offset)
        .take(pager)
        .map(|rate| record(inventory, rate))
        .collect();
    ex.data().stats.searches += 1;
    Json(json!({"status": "success", "rates": rates})).into_response()
}

/// A number, quoted or bare depending on `h`.
fn num(value: f64, h: u64) -> Value {
    if h.is_multiple_of(2) {
        json!(format!("{value}"))
    } else {
        json!(value)
    }
}

fn mss(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

fn date(h: u64) -> Value {
    let day = 1 + h % 28;
    let month = 1 + (h >> 5) % 12;
    match (h >> 9) % 6 {
        0 => json!(format!("2026-{month:02}-{day:02} 00:00:00")),
        1 => json!(format!("2026-{month:02}-{day:02}")),
        2 => json!(format!("{day:02}.{month:02}.2026")),
        3 => json!("ASAP"),
        4 => json!(format!("2026-{month:02}-{day:02}T08:30:00Z")),
        _ => json!(format!("2025/{month:02}/{day:02} 12:00:00")),
    }
}

fn record(inventory: &Inventory, rate: &Rate) -> Value {
    let h = mix(rate.id);
    let connection = &inventory.connections[rate.connection as usize];
    let seller = &inventory.sellers[connection.seller];
    let quoted = mix(seller.id);
    let prefix = if rate.id % 4999 == 17 {
        json!("")
    } else if quoted.is_multiple_of(3) {
        json!(rate.prefix.parse::<u64>().unwrap_or_default())
    } else {
        json!(rate.prefix)
    };
    let (_, country) = COUNTRIES[usize::from(rate.country)];
    let asr = 25.0 + (h % 500) as f64 / 10.0;
    let acd = 60 + (h >> 12) % 300;
    let stats_time = if h.is_multiple_of(7) {
        json!("0000-00-00 00:00:00")
    } else {
        json!("2026-11-30 23:00:00")
    };
    json!({
        "prefix": prefix,
        "country_name": country,
        "description": format!("{country} {}", area_name(rate.area)),
        "route_type": connection.route_type,
        "vendor_name": seller.name,
        "connection_name": connection.name,
        "i_connection": connection.id,
        "i_vendor": seller.id.to_string(),
        "rateid": rate.id,
        "price_1": num(rate.price_1, quoted),
        "price_n": num(rate.price_n, quoted >> 1),
        "interval_1": num(f64::from(connection.interval_1), quoted >> 2),
        "interval_n": num(f64::from(connection.interval_n), quoted >> 2),
        "effective_from": date(h),
        "forbidden": if h.is_multiple_of(97) { json!("1") } else { json!(0) },
        "discontinued": 0,
        "daily_asr": num((asr * 10.0).round() / 10.0, h >> 3),
        "weekly_asr": if h.is_multiple_of(11) { Value::Null } else { num(((asr - 2.0) * 10.0).round() / 10.0, h >> 4) },
        "daily_acd": mss(acd),
        "weekly_acd": mss(acd + 7),
        "daily_minutes": num(((h >> 20) % 50_000) as f64, h >> 5),
        "capacity_limit": if h.is_multiple_of(5) { json!("") } else { num(((h >> 24) % 400 + 20) as f64, h >> 6) },
        "stats_time": stats_time,
        "seller_avg_rating": format!("{:.1}", 3.0 + (quoted % 20) as f64 / 10.0),
        "seller_reviews": (quoted >> 8) % 90,
    })
}
