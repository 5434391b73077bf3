//! What a person waits on in these features, measured: making a key, reading a phone link,
//! and writing a long Spam Score history as CSV.

use criterion::{criterion_group, criterion_main, Criterion};
use cx_calltools::keys::generate_key;
use cx_calltools::links::parse_dial_link;
use cx_calltools::spamscore::{label, CheckResult};

fn keys(c: &mut Criterion) {
    c.bench_function("generate one API key", |b| {
        b.iter(|| generate_key().unwrap())
    });
}

fn links(c: &mut Criterion) {
    c.bench_function("parse tel:+1-202-555-0147", |b| {
        b.iter(|| parse_dial_link(std::hint::black_box("tel:+1-202-555-0147")).unwrap())
    });
    c.bench_function("refuse tel:javascript:…", |b| {
        b.iter(|| parse_dial_link(std::hint::black_box("tel:javascript:alert(1)")).unwrap_err())
    });
}

fn csv(c: &mut Criterion) {
    let results: Vec<CheckResult> = (0..10_000)
        .map(|n| CheckResult {
            did_id: (7001 + n % 40).to_string(),
            did: format!("120255501{:02}", n % 40),
            score: Some(n % 100),
            label: label(Some(n % 100)).to_owned(),
            ftc_reported: n % 9 == 4,
            checked_at: "2026-12-04 19:00:00".to_owned(),
            change: Some(n % 7 - 3),
        })
        .collect();
    c.bench_function("history of 10,000 results as CSV", |b| {
        b.iter(|| cx_calltools::spamscore::results_csv(&results).unwrap())
    });
}

criterion_group!(benches, keys, links, csv);
criterion_main!(benches);
