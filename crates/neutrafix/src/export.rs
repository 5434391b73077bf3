//! The market table as CSV: one row per route, prices as plain decimals, prefixes as text.
//! Every text cell goes through [`csv_text_cell`], so a seller's or destination's name never
//! runs as a spreadsheet formula.

use cx_numbers::csv_text_cell;

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

fn text(value: &str) -> String {
    csv_text_cell(value).into_owned()
}

pub fn record(r: &Route) -> [String; 17] {
    [
        text(&r.prefix),
        format!("{}", r.price_1),
        format!("{}", r.price_n),
        r.interval_1.to_string(),
        r.interval_n.to_string(),
        text(&r.seller),
        text(&r.seller_route),
        text(&r.route_type),
        match r.kind {
            crate::route::RouteKind::Voice => "Voice".into(),
            crate::route::RouteKind::Sms => "SMS".into(),
        },
        text(&r.country),
        text(&r.description),
        opt(r.daily_asr),
        opt(r.daily_acd),
        opt(r.capacity),
        text(&r.effective_from),
        u8::from(r.forbidden).to_string(),
        u8::from(r.discontinued).to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::record;
    use crate::route::Route;

    #[test]
    fn seller_and_destination_names_never_run_as_formulas_and_prices_stay_numbers() {
        let route: Route = serde_json::from_value(serde_json::json!({
            "rate_id": "r1", "prefix": "44", "country": "United Kingdom",
            "description": "=HYPERLINK(\"http://x\",\"UK\")", "route_type": "CLI",
            "kind": "voice", "seller": "@Acme", "seller_id": "s1", "seller_route": "+cmd|x",
            "connection_id": "c1", "price_1": 0.0125, "price_n": 0.0125, "interval_1": 1,
            "interval_n": 1, "effective_from": "ASAP", "forbidden": false,
            "discontinued": false, "daily_asr": null, "weekly_asr": null, "daily_acd": null,
            "weekly_acd": null, "daily_minutes": null, "capacity": null, "stats_time": null,
            "seller_rating": null, "seller_reviews": null
        }))
        .unwrap();
        let cells = record(&route);
        assert_eq!(cells[0], "44");
        assert_eq!(cells[1], "0.0125");
        assert_eq!(cells[5], "'@Acme");
        assert_eq!(cells[6], "'+cmd|x");
        assert_eq!(cells[9], "United Kingdom");
        assert_eq!(cells[10], "'=HYPERLINK(\"http://x\",\"UK\")");
    }
}
