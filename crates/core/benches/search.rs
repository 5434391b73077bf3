//! Store search per keystroke over a 10,000-app catalogue (target: ≤ 5 ms in the core).
//!
//! `cargo bench -p cx-core --bench search`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use cx_core::search::CatalogueIndex;
use cx_core::AppSummary;

const WORDS: &[&str] = &[
    "dial", "call", "route", "payment", "fraud", "report", "number", "sms", "crm", "alert",
    "balance", "spam", "score", "queue", "record", "billing", "carrier", "rate", "card", "sync",
];
const CATEGORIES: &[&str] = &[
    "Dialer",
    "Payments",
    "Numbers",
    "Routing",
    "CRM",
    "Reporting",
    "Fraud",
    "Utilities",
];

/// A deterministic catalogue of `n` apps with plausible names and summaries.
fn catalogue(n: usize) -> Vec<AppSummary> {
    (0..n)
        .map(|i| {
            let word = |k: usize| WORDS[(i * 7 + k * 13) % WORDS.len()];
            AppSummary {
                id: i.to_string(),
                name: format!("{} {} {i}", capitalise(word(0)), capitalise(word(1))),
                summary: format!(
                    "Helps you {} every {} and {} on time",
                    word(2),
                    word(3),
                    word(4)
                ),
                category: CATEGORIES[i % CATEGORIES.len()].to_owned(),
                publisher: format!("Publisher {}", i % 150),
                latest_version: "1.0.0".to_owned(),
                installs: (i * 31 % 5000) as u64,
                updated_at: "2026-11-01 10:00:00".to_owned(),
            }
        })
        .collect()
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn search(c: &mut Criterion) {
    let index = CatalogueIndex::new(catalogue(10_000));
    let mut group = c.benchmark_group("store search, 10,000 apps");
    // What a user types, keystroke by keystroke, plus a category filter and a miss.
    for (text, category) in [
        ("d", None),
        ("di", None),
        ("dial", None),
        ("dial queue", None),
        ("", Some("Payments")),
        ("zzz", None),
    ] {
        let label = format!("{text:?} in {}", category.unwrap_or("all"));
        group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, text| {
            b.iter(|| index.search(text, category).len())
        });
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
