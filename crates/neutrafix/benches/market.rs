//! Filter plus sort over 1,000,000 cached routes (target ≤ 50 ms). The orderings are built
//! once per fetched market (measured separately as `build`); a query is one pass over one.

use criterion::{criterion_group, criterion_main, Criterion};
use cx_neutrafix::market::{MarketFilter, MarketIndex, OrderBy};
use cx_neutrafix::route::{Route, RouteKind};

const SELLERS: [&str; 8] = [
    "Tallis Voice",
    "Meridian Telecom",
    "Borealis Networks",
    "Cobalt Connect",
    "Harbor Wholesale",
    "Summit Voice",
    "Vantage Carrier Services",
    "Equinox Telecom",
];
const COUNTRIES: [(&str, &str); 6] = [
    ("44", "United Kingdom"),
    ("1", "United States"),
    ("49", "Germany"),
    ("33", "France"),
    ("27", "South Africa"),
    ("91", "India"),
];
const TYPES: [&str; 4] = ["CLI", "Non-CLI", "TDM", "Premium"];

fn route(n: u64) -> Route {
    let h = n.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 16;
    let (code, country) = COUNTRIES[(h % 6) as usize];
    let seller = SELLERS[((h >> 4) % 8) as usize];
    Route {
        rate_id: n.to_string(),
        prefix: format!("{code}{}", h % 100_000),
        country: country.into(),
        description: format!("{country} Mobile"),
        route_type: TYPES[((h >> 8) % 4) as usize].into(),
        kind: if h.is_multiple_of(13) {
            RouteKind::Sms
        } else {
            RouteKind::Voice
        },
        seller: seller.into(),
        seller_id: ((h >> 4) % 8).to_string(),
        seller_route: format!("{seller} Gold"),
        connection_id: (3000 + (h >> 4) % 24).to_string(),
        price_1: (h % 10_000) as f64 / 100_000.0,
        price_n: (h % 10_000) as f64 / 100_000.0,
        interval_1: 60,
        interval_n: 6,
        effective_from: "2026-12-01 00:00:00".into(),
        forbidden: false,
        discontinued: false,
        daily_asr: Some((h % 60) as f64),
        weekly_asr: None,
        daily_acd: Some((h % 300) as u32),
        weekly_acd: None,
        daily_minutes: None,
        capacity: Some(100),
        stats_time: None,
        seller_rating: Some(4.5),
        seller_reviews: Some(12),
    }
}

fn bench(c: &mut Criterion) {
    let index = MarketIndex::new((0..1_000_000).map(route));
    let filter = MarketFilter {
        country: "united".into(),
        route_type: "CLI".into(),
        min_price: Some(0.01),
        max_price: Some(0.08),
        order_by: OrderBy::Price,
        ..MarketFilter::default()
    };
    index.ordering(OrderBy::Price);
    index.ordering(OrderBy::Seller);
    let mut group = c.benchmark_group("market_1m");
    group.sample_size(20);
    group.bench_function("filter_and_sort_by_price", |b| {
        b.iter(|| index.query(&filter))
    });
    let by_seller = MarketFilter {
        order_by: OrderBy::Seller,
        descending: true,
        ..filter.clone()
    };
    group.bench_function("filter_and_sort_by_seller_desc", |b| {
        b.iter(|| index.query(&by_seller))
    });
    group.bench_function("no_filter_sorted_by_price", |b| {
        b.iter(|| index.query(&MarketFilter::default()))
    });
    group.sample_size(10);
    group.bench_function("build_price_ordering_cold", |b| {
        b.iter_batched(
            || MarketIndex::new((0..1_000_000).map(route)),
            |fresh| fresh.ordering(OrderBy::Price).len(),
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
