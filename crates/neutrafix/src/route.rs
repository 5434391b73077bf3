//! A route of the market as the exchange lists it, read field by field [seen]: numbers quoted
//! or bare, ACD as `m:ss`, the zero date, several date formats. Only a missing or non-digit
//! prefix, or a missing connection id, costs the record.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::billing::Tariff;
use crate::lenient;

/// Voice or SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "neutrafix/")]
pub enum RouteKind {
    Voice,
    Sms,
}

/// One market route (a prefix on a seller's connection).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct Route {
    pub rate_id: String,
    pub prefix: String,
    pub country: String,
    pub description: String,
    /// CLI, Non-CLI, TDM, Premium …, as the exchange names it.
    pub route_type: String,
    pub kind: RouteKind,
    pub seller: String,
    pub seller_id: String,
    /// The seller's route (connection) name.
    pub seller_route: String,
    /// What a purchase names (`i_connection`).
    pub connection_id: String,
    pub price_1: f64,
    pub price_n: f64,
    pub interval_1: u32,
    pub interval_n: u32,
    /// `YYYY-MM-DD HH:MM:SS`, `ASAP`, or empty when unknown.
    pub effective_from: String,
    pub forbidden: bool,
    pub discontinued: bool,
    pub daily_asr: Option<f64>,
    pub weekly_asr: Option<f64>,
    /// Seconds.
    pub daily_acd: Option<u32>,
    pub weekly_acd: Option<u32>,
    pub daily_minutes: Option<f64>,
    pub capacity: Option<u32>,
    pub stats_time: Option<String>,
    pub seller_rating: Option<f64>,
    pub seller_reviews: Option<u32>,
}

impl Route {
    pub fn tariff(&self) -> Tariff {
        Tariff {
            price_1: self.price_1,
            price_n: self.price_n,
            interval_1: self.interval_1,
            interval_n: self.interval_n,
        }
    }

    /// Reads one rate of a search answer; `Err` says why the record was skipped.
    pub fn from_wire(rate: &Value) -> Result<Self, String> {
        let field = |name: &str| rate.get(name).unwrap_or(&Value::Null);
        let text = |name: &str| lenient::text(field(name)).unwrap_or_default();
        let raw_prefix = lenient::text(field("prefix")).unwrap_or_default();
        let prefix = lenient::prefix(&raw_prefix).map_err(|e| e.to_string())?;
        let connection_id = lenient::text(field("i_connection"))
            .ok_or_else(|| format!("prefix {prefix}: no i_connection"))?;
        let price_1 = lenient::number(field("price_1")).unwrap_or(0.0);
        let route_type = text("route_type");
        let date = |name: &str| lenient::date(field(name)).map(|d| d.to_string());
        let effective_from = match text("effective_from") {
            t if t.eq_ignore_ascii_case("asap") => "ASAP".to_owned(),
            _ => date("effective_from").unwrap_or_default(),
        };
        Ok(Self {
            rate_id: text("rateid"),
            kind: kind_of(&route_type, &text("connection_name"), &text("description")),
            prefix,
            country: text("country_name"),
            description: text("description"),
            route_type,
            seller: text("vendor_name"),
            seller_id: text("i_vendor"),
            seller_route: text("connection_name"),
            connection_id,
            price_1,
            price_n: lenient::number(field("price_n")).unwrap_or(price_1),
            interval_1: lenient::whole(field("interval_1")).unwrap_or(60),
            interval_n: lenient::whole(field("interval_n")).unwrap_or(60),
            effective_from,
            forbidden: lenient::flag(field("forbidden")),
            discontinued: lenient::flag(field("discontinued")),
            daily_asr: lenient::number(field("daily_asr")),
            weekly_asr: lenient::number(field("weekly_asr")),
            daily_acd: lenient::duration_secs(field("daily_acd")),
            weekly_acd: lenient::duration_secs(field("weekly_acd")),
            daily_minutes: lenient::number(field("daily_minutes")),
            capacity: lenient::whole(field("capacity_limit")),
            stats_time: date("stats_time"),
            seller_rating: lenient::number(field("seller_avg_rating")),
            seller_reviews: lenient::whole(field("seller_reviews")),
        })
    }
}

/// SMS when the route type, the connection or the description says so; voice otherwise (the
/// search answer has no field for it [assumed]).
fn kind_of(route_type: &str, connection: &str, description: &str) -> RouteKind {
    let says_sms = |s: &str| {
        s.to_ascii_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "sms")
    };
    if says_sms(route_type) || says_sms(connection) || says_sms(description) {
        RouteKind::Sms
    } else {
        RouteKind::Voice
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_rate_with_every_quirk_is_read_field_by_field() {
        let rate = json!({
            "prefix": 447400, "country_name": "United Kingdom", "description": "Mobile O2",
            "route_type": "CLI", "vendor_name": "Tallis Voice", "connection_name": "Tallis Gold",
            "i_connection": 311, "i_vendor": "12", "rateid": "9001",
            "price_1": "0.0079", "price_n": 0.0071, "interval_1": "60", "interval_n": 6,
            "effective_from": "01.03.2026", "forbidden": "0", "discontinued": 0,
            "daily_asr": "41.5", "weekly_asr": null, "daily_acd": "3:07", "weekly_acd": "2:59",
            "daily_minutes": "1200", "capacity_limit": "", "stats_time": "0000-00-00 00:00:00",
            "seller_avg_rating": "4.5", "seller_reviews": "17"
        });
        let route = Route::from_wire(&rate).unwrap();
        assert_eq!(route.prefix, "447400");
        assert_eq!(route.connection_id, "311");
        assert_eq!(route.price_1, 0.0079);
        assert_eq!(route.price_n, 0.0071);
        assert_eq!((route.interval_1, route.interval_n), (60, 6));
        assert_eq!(route.effective_from, "2026-03-01 00:00:00");
        assert_eq!(route.daily_acd, Some(187));
        assert_eq!(route.capacity, None);
        assert_eq!(route.stats_time, None);
        assert_eq!(route.weekly_asr, None);
        assert_eq!(route.kind, RouteKind::Voice);
    }

    #[test]
    fn a_rate_without_a_prefix_is_skipped_with_a_reason() {
        let error = Route::from_wire(&json!({"prefix": "", "i_connection": 1})).unwrap_err();
        assert_eq!(error, "the prefix is empty");
    }
}
