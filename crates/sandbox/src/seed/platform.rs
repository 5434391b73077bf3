//! Platform objects that hang off apps and routing: the account's own apps, app environment
//! variables and templates, carriers, and rate cards with their rules.

use serde_json::{json, Value};

use crate::catalogue::App;
use crate::seed::more_apps::BALANCE_ALERTS_ID;

/// `GET setup/app`: the apps this account built. One is published (Balance Alerts); the other
/// never was, so a client must not assume every owned app is in the store.
pub(crate) fn own_apps() -> Vec<Value> {
    vec![
        json!({
            "id": BALANCE_ALERTS_ID,
            "name": "Balance Alerts",
            "created": "2025-08-04 15:12:40",
        }),
        json!({
            "id": "0f6a2c4e-7d19-4b83-9e25-b3c8d1f07a64",
            "name": "NOC Wallboard",
            "created": "2026-02-11 09:48:02",
        }),
    ]
}

/// Environment variables of the account's own app.
pub(crate) fn vars() -> Vec<Value> {
    let rows = [
        (3301, "alert_from", "alerts@sandbox.connexcs.test"),
        (3302, "noc_email", "noc@sandbox.connexcs.test"),
        (3303, "check_interval_minutes", "15"),
    ];
    let var = |(id, key, value): (u64, &str, &str)| {
        json!({
            "id": id,
            "key": key,
            "value": value,
            "app_id": BALANCE_ALERTS_ID,
        })
    };
    rows.into_iter().map(var).collect()
}

/// Every app's `app_documentation` template, plus a few other templates so that a client has
/// to pick the documentation by name rather than take the first.
pub(crate) fn templates(catalogue: &[App]) -> Vec<Value> {
    let mut list: Vec<Value> = catalogue
        .iter()
        .enumerate()
        .map(|(n, app)| {
            json!({
                "id": 9001 + n,
                "name": "app_documentation",
                "html": app.documentation,
                "app_id": app.id,
            })
        })
        .collect();
    list.extend(extra_templates(catalogue, list.len()));
    list
}

fn extra_templates(catalogue: &[App], first: usize) -> Vec<Value> {
    let extras = [
        (
            "DID Spam Score",
            "spam_report_email",
            "<h1>Spam Score report</h1>\n{{#each dids}}<p>{{did}}: {{score}}</p>{{/each}}\n",
        ),
        (
            "Yoco Payments",
            "receipt_email",
            "<p>Thank you, {{customer}}. We received {{amount}} ZAR.</p>\n",
        ),
        (
            "Balance Alerts",
            "low_balance_email",
            "<p>Your balance is {{balance}} {{currency}}.</p>\n",
        ),
    ];
    let mut list = Vec::new();
    for (name, template, html) in extras {
        let Some(app) = catalogue.iter().find(|a| a.name == name) else {
            continue;
        };
        let id = 9001 + first + list.len();
        list.push(json!({"id": id, "name": template, "html": html, "app_id": app.id}));
    }
    list
}

pub(crate) fn carriers() -> Vec<Value> {
    let rows = [
        (61, "Northwind Voice Wholesale", "Active", "USD"),
        (62, "Atlas Transit", "Active", "USD"),
        (64, "Kalahari Interconnect", "Active", "ZAR"),
        (67, "Old Harbour Telecom", "Disabled", "GBP"),
    ];
    let carrier = |(id, name, status, currency): (u64, &str, &str, &str)| {
        json!({
            "id": id,
            "name": name,
            "status": status,
            "currency": currency,
        })
    };
    rows.into_iter().map(carrier).collect()
}

/// Rate card headers. Card ids are alphanumeric, as on the platform.
pub(crate) fn cards() -> Vec<Value> {
    let rows = [
        ("GjjS-E0FO", "Northwind Standard", 2, "USD"),
        ("Qm7x-K2Lp", "Atlas Premium CLI", 1, "USD"),
        ("Zt4a-9NcR", "Kalahari Africa", 3, "ZAR"),
    ];
    let card = |(id, name, rev, currency): (&str, &str, u32, &str)| {
        json!({
            "id": id,
            "name": name,
            "active_rev": rev,
            "currency": currency,
        })
    };
    rows.into_iter().map(card).collect()
}

/// (prefix, name, cost per minute as a decimal string) on the active revision.
const DESTINATIONS: [(&str, &str, &str); 24] = [
    ("1", "USA", "0.0060"),
    ("1202", "USA - Washington DC", "0.0058"),
    ("1212", "USA - New York", "0.0061"),
    ("1310", "USA - Los Angeles", "0.0059"),
    ("1416", "Canada - Toronto", "0.0072"),
    ("27", "South Africa", "0.0380"),
    ("2711", "South Africa - Johannesburg", "0.0310"),
    ("2721", "South Africa - Cape Town", "0.0315"),
    ("2782", "South Africa - Mobile Vodacom", "0.0890"),
    ("2783", "South Africa - Mobile MTN", "0.0910"),
    ("31", "Netherlands", "0.0095"),
    ("3120", "Netherlands - Amsterdam", "0.0090"),
    ("33", "France", "0.0110"),
    ("336", "France - Mobile", "0.0240"),
    ("44", "United Kingdom", "0.0100"),
    ("4420", "United Kingdom - London", "0.0085"),
    ("447", "United Kingdom - Mobile", "0.0150"),
    ("447400", "United Kingdom - Mobile O2", "0.0079"),
    ("49", "Germany", "0.0105"),
    ("4915", "Germany - Mobile", "0.0260"),
    ("61", "Australia", "0.0140"),
    ("614", "Australia - Mobile", "0.0320"),
    ("91", "India", "0.0180"),
    ("9198", "India - Mobile", "0.0165"),
];

/// Rules for each card and revision. Older revisions are dearer, as prices drift down; the
/// active revision is the newest. Costs are strings, `mcd`/`pulse` numbers.
pub(crate) fn rules() -> Vec<(String, u32, Vec<Value>)> {
    let mut out = Vec::new();
    for card in cards() {
        let id = card["id"].as_str().unwrap_or_default().to_owned();
        let active = card["active_rev"].as_u64().unwrap_or(1) as u32;
        for rev in 1..=active {
            out.push((id.clone(), rev, rules_for(active - rev)));
        }
    }
    out
}

fn rules_for(revisions_old: u32) -> Vec<Value> {
    DESTINATIONS
        .iter()
        .map(|(prefix, name, cost)| {
            let base: f64 = cost.parse().unwrap_or(0.0);
            let cost = base * (1.0 + 0.05 * f64::from(revisions_old));
            let pulse = if prefix.starts_with('1') { 6 } else { 60 };
            let cost = format!("{cost:.4}");
            json!({"prefix": prefix, "name": name, "cost": cost, "mcd": 0, "pulse": pulse})
        })
        .collect()
}
