//! The market index answers exactly what a plain filter and sort over the routes would.

use cx_neutrafix::market::{MarketFilter, MarketIndex, OrderBy};
use cx_neutrafix::route::{Route, RouteKind};

fn route(n: u64) -> Route {
    let h = n.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 20;
    let countries = ["United Kingdom", "United States", "Germany", "France"];
    let sellers = ["Tallis Voice", "Cobalt Connect", "Summit Voice"];
    let types = ["CLI", "Non-CLI", "TDM", "Premium"];
    Route {
        rate_id: n.to_string(),
        prefix: format!("{}{}", ["44", "1", "49", "33"][(h % 4) as usize], h % 1000),
        country: countries[(h % 4) as usize].into(),
        description: "Mobile".into(),
        route_type: types[((h >> 3) % 4) as usize].into(),
        kind: if h.is_multiple_of(7) {
            RouteKind::Sms
        } else {
            RouteKind::Voice
        },
        seller: sellers[((h >> 5) % 3) as usize].into(),
        seller_id: ((h >> 5) % 3).to_string(),
        seller_route: format!("{} Gold", sellers[((h >> 5) % 3) as usize]),
        connection_id: ((h >> 5) % 3).to_string(),
        price_1: (h % 997) as f64 / 10_000.0,
        price_n: 0.0,
        interval_1: 60,
        interval_n: 6,
        effective_from: String::new(),
        forbidden: false,
        discontinued: false,
        daily_asr: None,
        weekly_asr: None,
        daily_acd: None,
        weekly_acd: None,
        daily_minutes: None,
        capacity: None,
        stats_time: None,
        seller_rating: None,
        seller_reviews: None,
    }
}

#[test]
fn a_query_equals_a_plain_filter_and_sort() {
    let routes: Vec<Route> = (0..5000).map(route).collect();
    let index = MarketIndex::new(routes.clone());
    let filter = MarketFilter {
        prefix: "4".into(),
        country: "UNITED".into(),
        route_type: "cli".into(),
        seller: "voice".into(),
        kind: Some(RouteKind::Voice),
        min_price: Some(0.01),
        max_price: Some(0.09),
        order_by: OrderBy::Price,
        descending: true,
        ..MarketFilter::default()
    };

    let got: Vec<Route> = index
        .query(&filter)
        .iter()
        .map(|r| index.route(*r as usize))
        .collect();

    let mut want: Vec<&Route> = routes
        .iter()
        .filter(|r| r.prefix.starts_with('4') && r.country.starts_with("United"))
        .filter(|r| {
            r.route_type == "CLI" && r.seller.contains("Voice") && r.kind == RouteKind::Voice
        })
        .filter(|r| r.price_1 >= 0.01 && r.price_1 <= 0.09)
        .collect();
    want.sort_by(|a, b| a.price_1.total_cmp(&b.price_1));
    want.reverse();
    assert!(
        want.len() > 20,
        "the filter keeps a fair sample: {}",
        want.len()
    );
    assert_eq!(got.len(), want.len());
    let got_prices: Vec<f64> = got.iter().map(|r| r.price_1).collect();
    let want_prices: Vec<f64> = want.iter().map(|r| r.price_1).collect();
    assert_eq!(got_prices, want_prices);
    assert!(
        got.iter().all(|r| routes.contains(r)),
        "rows come back whole"
    );
}
