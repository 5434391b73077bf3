//! The signed-in account's data: customers, their SIP users, DIDs and payments, and the
//! account's servers, users and packages. Numbers use ranges reserved for fiction
//! (+1 202-555-01xx, +44 7400, +61 491 570); IP addresses use the documentation ranges.
//!
//! Types vary on purpose where the platform's do: `credit` is sometimes a string, some DIDs
//! carry `customer_id` as a string, SIP users always do.

use serde_json::{json, Value};

use crate::config::DEMO_LOGIN;

/// The account behind `GET setup/account`.
pub(crate) fn account() -> Value {
    json!({
        "id": 6731,
        "name": "Sandbox Telecom Ltd",
        "email": DEMO_LOGIN,
        "currency": "USD",
        "timezone": "Europe/London",
        "created": "2023-09-14 10:22:05",
    })
}

/// (id, name, status, credit, debit_limit, currency)
type CustomerRow = (u64, &'static str, &'static str, Value, Value, &'static str);

fn customer_rows() -> Vec<CustomerRow> {
    vec![
        (
            1201,
            "Northbridge Communications Ltd",
            "Active",
            json!("1250.00"),
            json!(500),
            "GBP",
        ),
        (
            1202,
            "Harbour Lights Telecom",
            "Active",
            json!(842.17),
            json!(0),
            "USD",
        ),
        (
            1203,
            "Kestrel Voice Solutions",
            "Active",
            json!("125.50"),
            json!(250),
            "USD",
        ),
        (
            1204,
            "Meridian Contact Centres",
            "Active",
            json!(15320.4),
            json!(5000),
            "USD",
        ),
        (
            1205,
            "Blue Gum Networks Pty",
            "Active",
            json!("3088.90"),
            json!(1000),
            "AUD",
        ),
        (
            1206,
            "Cape Point Connect",
            "Active",
            json!(9120),
            json!(2000),
            "ZAR",
        ),
        (
            1207,
            "Lindqvist Telekom AB",
            "Active",
            json!("-42.35"),
            json!(100),
            "EUR",
        ),
        (
            1208,
            "Orchard Lane Dental Group",
            "Inactive",
            json!("0.00"),
            json!(0),
            "GBP",
        ),
        (
            1209,
            "Pioneer Freight Dispatch",
            "Active",
            json!(512.6),
            json!(0),
            "USD",
        ),
        (
            1210,
            "Tamarind Hospitality",
            "Suspended",
            json!("-210.00"),
            json!(200),
            "USD",
        ),
        (
            1211,
            "Vantage Debt Advisory",
            "Active",
            json!("4710.25"),
            json!(1500),
            "GBP",
        ),
        (
            1212,
            "Silverline Medical Answering",
            "Active",
            json!(2290),
            json!(500),
            "USD",
        ),
        (
            1213,
            "Oakridge Property Management",
            "Active",
            json!("88.04"),
            json!(50),
            "USD",
        ),
        (
            1214,
            "Sable & Finch Solicitors",
            "Active",
            json!(630.5),
            json!(0),
            "GBP",
        ),
        (
            1215,
            "Karoo Solar Installers",
            "Active",
            json!("1499.99"),
            json!(0),
            "ZAR",
        ),
        (
            1216,
            "Atlas Roadside Assist",
            "Active",
            json!(7200),
            json!(2500),
            "USD",
        ),
        (
            1217,
            "Greenfield Energy Switch",
            "Inactive",
            json!("15.00"),
            json!(0),
            "GBP",
        ),
        (
            1218,
            "Nordlicht Reisen GmbH",
            "Active",
            json!("3302.10"),
            json!(750),
            "EUR",
        ),
        (
            1219,
            "Coral Bay Travel Desk",
            "Active",
            json!(260.75),
            json!(100),
            "USD",
        ),
        (
            1220,
            "Ironbark Security Monitoring",
            "Active",
            json!("975.00"),
            json!(300),
            "AUD",
        ),
        (
            1221,
            "Riverside Veterinary Clinics",
            "Active",
            json!(154.3),
            json!(0),
            "USD",
        ),
        (
            1222,
            "Summit Lead Generation",
            "Suspended",
            json!("-980.40"),
            json!(1000),
            "USD",
        ),
        (
            1223,
            "Thornbury Home Care",
            "Active",
            json!("2210.00"),
            json!("400"),
            "GBP",
        ),
        (
            1224,
            "Umhlanga Call Centre Services",
            "Active",
            json!(18450.6),
            json!(5000),
            "ZAR",
        ),
        (
            1225,
            "Westbrook Auto Finance",
            "Active",
            json!("640.00"),
            json!(250),
            "USD",
        ),
    ]
}

pub(crate) fn customers() -> Vec<Value> {
    customer_rows()
        .into_iter()
        .map(|(id, name, status, credit, debit_limit, currency)| {
            json!({
                "id": id, "name": name, "status": status, "credit": credit,
                "debit_limit": debit_limit, "currency": currency,
            })
        })
        .collect()
}

/// How many extensions each customer has, in customer order; some have none.
const EXTENSIONS_PER_CUSTOMER: [u64; 25] = [
    3, 2, 4, 1, 2, 3, 1, 0, 2, 1, 3, 2, 1, 1, 2, 3, 0, 2, 1, 2, 1, 2, 2, 4, 1,
];

const EXTENSION_NAMES: [&str; 4] = ["Reception", "Sales", "Support", "Accounts"];

/// SIP users: extensions `1001`, `1002`... per customer, as a PBX numbers them, so the same
/// username appears under several customers. `company_id` is a string, as seen in the field.
pub(crate) fn sip_users() -> Vec<Value> {
    let mut users = Vec::new();
    for ((customer_id, ..), count) in customer_rows().into_iter().zip(EXTENSIONS_PER_CUSTOMER) {
        for n in 0..count {
            users.push(json!({
                "id": 30000 + users.len() as u64 + 1,
                "username": (1001 + n).to_string(),
                "company_id": customer_id.to_string(),
                "name": EXTENSION_NAMES[n as usize],
                "channels": 2 + n,
            }));
        }
    }
    users
}

const DID_TAGS: [&[&str]; 5] = [
    &["sales"],
    &["support", "uk"],
    &[],
    &["campaign", "q3"],
    &["after-hours"],
];

/// Forty DIDs across the US, UK and Australian fictional ranges. Every seventh is unassigned,
/// every fourth (from the second) carries `customer_id` as a string.
pub(crate) fn dids() -> Vec<Value> {
    (0..40u64).map(did).collect()
}

fn did(i: u64) -> Value {
    let number = match i {
        0..=23 => format!("120255501{:02}", i),
        24..=35 => format!("4474001234{:02}", 60 + i - 24),
        _ => format!("6149157{:04}", 156 + i - 36),
    };
    let customer = 1201 + (i * 7) % 25;
    let customer_id = match i {
        _ if i % 7 == 6 => Value::Null,
        _ if i % 4 == 1 => json!(customer.to_string()),
        _ => json!(customer),
    };
    let spam_score = if i % 4 == 3 {
        Value::Null
    } else {
        json!((i * 37 + 11) % 100)
    };
    json!({
        "id": 7001 + i,
        "did": number,
        "customer_id": customer_id,
        "destination": if customer_id.is_null() { Value::Null } else { json!("1001") },
        "tags": DID_TAGS[(i % 5) as usize],
        "spam_score": spam_score,
        "ftc_reported": u8::from(i % 9 == 4),
    })
}

/// Switch servers for the Outbound Server picker (`docs/assumed-api.md`: bare, `alias`).
pub(crate) fn servers() -> Vec<Value> {
    let rows = [
        (11, "lon-sbc-1", "192.0.2.10", "Europe", "SBC"),
        (12, "lon-sbc-2", "192.0.2.11", "Europe", "SBC"),
        (14, "nyc-sbc-1", "198.51.100.20", "North America", "SBC"),
        (17, "jnb-sbc-1", "203.0.113.30", "Africa", "SBC"),
        (19, "lon-proxy-1", "192.0.2.40", "Europe", "Proxy"),
    ];
    let server = |(id, alias, ip, zone, kind): (u64, &str, &str, &str, &str)| {
        json!({
            "id": id,
            "alias": alias,
            "ip": ip,
            "zone": zone,
            "type": kind,
        })
    };
    rows.into_iter().map(server).collect()
}

pub(crate) fn rtp_servers() -> Vec<Value> {
    let rows = [
        (201, "rtp-lon-1", "Europe", "192.0.2.101"),
        (202, "rtp-fra-1", "Europe", "192.0.2.102"),
        (205, "rtp-nyc-1", "North America", "198.51.100.101"),
        (206, "rtp-lax-1", "North America", "198.51.100.102"),
        (209, "rtp-jnb-1", "Africa", "203.0.113.101"),
        (211, "rtp-syd-1", "Asia Pacific", "203.0.113.110"),
    ];
    let server = |(id, alias, zone, ip): (u64, &str, &str, &str)| {
        json!({
            "id": id,
            "alias": alias,
            "zone": zone,
            "ip": ip,
        })
    };
    rows.into_iter().map(server).collect()
}

pub(crate) fn rtp_groups() -> Vec<Value> {
    vec![
        json!({"id": 1, "alias": "Europe", "zone": "eu"}),
        json!({"id": 2, "alias": "North America", "zone": "na"}),
        json!({"id": 3, "alias": "Africa", "zone": "af"}),
        json!({"id": 4, "alias": "Asia Pacific", "zone": "ap"}),
    ]
}

/// The account's Control Panel users, for the API User pickers.
pub(crate) fn users() -> Vec<Value> {
    let rows = [
        (501, DEMO_LOGIN, "Demo Operator"),
        (502, "api@sandbox.connexcs.test", "API Integration"),
        (503, "billing@sandbox.connexcs.test", "Priya Nair"),
        (504, "noc@sandbox.connexcs.test", "NOC Team"),
        (
            507,
            "marta.kowalska@sandbox.connexcs.test",
            "Marta Kowalska",
        ),
        (511, "yoco-api@sandbox.connexcs.test", "Yoco API User"),
    ];
    let user =
        |(id, email, name): (u64, &str, &str)| json!({"id": id, "email": email, "name": name});
    rows.into_iter().map(user).collect()
}

/// The account's package definitions (`setup/package`); `retail` is a string on most, a
/// number on some.
pub(crate) fn packages() -> Vec<Value> {
    let rows = [
        (
            41,
            "Spam Score",
            json!(["spam_score"]),
            1000,
            json!("15.00"),
        ),
        (42, "UK Geographic DID", json!(["did"]), 1, json!("1.50")),
        (43, "US Local DID", json!(["did"]), 1, json!(1.25)),
        (
            44,
            "1,000 UK Minutes",
            json!(["minutes"]),
            1000,
            json!("9.00"),
        ),
        (45, "10 Channels", json!(["channels"]), 10, json!("25.00")),
        (
            46,
            "Call Recording",
            json!(["recording", "storage"]),
            1,
            json!(4),
        ),
    ];
    let package = |(id, name, kinds, qty, retail): (u64, &str, Value, u64, Value)| {
        json!({
            "id": id,
            "name": name,
            "type": kinds,
            "qty": qty,
            "retail": retail,
        })
    };
    rows.into_iter().map(package).collect()
}

/// Packages assigned to customers (`package?company_id=`): the definition plus `company_id`.
pub(crate) fn customer_packages() -> Vec<Value> {
    let assignments = [
        (1201, 41),
        (1201, 42),
        (1203, 41),
        (1204, 45),
        (1204, 46),
        (1206, 44),
        (1211, 41),
        (1212, 43),
        (1216, 45),
        (1218, 42),
        (1224, 41),
        (1224, 45),
    ];
    let definitions = packages();
    assignments
        .iter()
        .enumerate()
        .map(|(n, (company_id, package_id))| {
            let mut row = definitions
                .iter()
                .find(|p| p["id"] == *package_id)
                .cloned()
                .unwrap();
            row["package_id"] = json!(package_id);
            row["id"] = json!(8101 + n);
            row["company_id"] = json!(company_id);
            row
        })
        .collect()
}

const PAYMENT_METHODS: [&str; 4] = ["Card", "Bank Transfer", "PayPal", "Manual"];
const PAYMENT_STATUSES: [&str; 6] = [
    "Completed",
    "Completed",
    "Completed",
    "Pending",
    "Completed",
    "Failed",
];

/// Three payments for each of the first fourteen customers, spread over 2026. `amount` is a
/// string on some rows and a number on others.
pub(crate) fn payments() -> Vec<Value> {
    let rows = customer_rows();
    let mut list = Vec::new();
    for (i, (company_id, .., currency)) in rows.iter().take(14).enumerate() {
        for k in 0..3usize {
            let n = list.len();
            let cents = 2500 + ((i * 131 + k * 577) % 40) * 2500;
            let amount = if n % 2 == 0 {
                json!(format!("{}.{:02}", cents / 100, cents % 100))
            } else {
                json!(cents as f64 / 100.0)
            };
            list.push(json!({
                "id": 91001 + n,
                "company_id": company_id,
                "amount": amount,
                "currency": currency,
                "payment_time": payment_time(i, k),
                "method": PAYMENT_METHODS[(i + k) % 4],
                "status": PAYMENT_STATUSES[(i * 2 + k) % 6],
                "description": "Account top-up",
            }));
        }
    }
    list
}

/// A spread of times over 2026 for customer `i`'s `k`th payment.
fn payment_time(i: usize, k: usize) -> String {
    let month = 1 + (i + k * 4) % 11;
    let day = 1 + (i * 3 + k * 7) % 28;
    format!("2026-{month:02}-{day:02} {:02}:14:09", 8 + k * 3)
}
