//! The market table as CSV: one row per route, prices as plain decimals, prefixes as text.

use crate::route::Route;

pub const HEADER: [&str; 17] = [
    "Prefix",
    "Price (USD)",
    "Price N (USD)",
    "Interval 1",
    "Interval N",
    "Seller",
    "Seller Route",
    "Route Type",
    "Route",
    "Country",
    "Destination",
    "Daily ASR",
    "Daily ACD (s)",
    "Capacity",
    "Effective From",
    "Forbidden",
    "Discontinued",
];

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

pub fn record(r: &Route) -> [String; 17] {
    [
        r.prefix.clone(),
        format!("{}", r.price_1),
        format!("{}", r.price_n),
        r.interval_1.to_string(),
        r.interval_n.to_string(),
        r.seller.clone(),
        r.seller_route.clone(),
        r.route_type.clone(),
        match r.kind {
            crate::route::RouteKind::Voice => "Voice".into(),
            crate::route::RouteKind::Sms => "SMS".into(),
        },
        r.country.clone(),
        r.description.clone(),
        opt(r.daily_asr),
        opt(r.daily_acd),
        opt(r.capacity),
        r.effective_from.clone(),
        u8::from(r.forbidden).to_string(),
        u8::from(r.discontinued).to_string(),
    ]
}
