//! Longest-prefix rating of 1,000,000 numbers against a 100,000-prefix card (target ≤ 1 s).

use criterion::{criterion_group, criterion_main, Criterion};
use cx_neutrafix::rating::PrefixTable;

fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^ (x >> 31)
}

fn bench(c: &mut Criterion) {
    let mut card = PrefixTable::new();
    let mut n = 0u64;
    while card.len() < 100_000 {
        let h = mix(n);
        let digits = 2 + (h % 6) as usize;
        let prefix: String = format!("{:08}", h % 100_000_000)[..digits].to_owned();
        card.insert(&prefix, (h % 1000) as f64 / 10_000.0).unwrap();
        n += 1;
    }
    let numbers: Vec<String> = (0..1_000_000u64)
        .map(|i| format!("{:012}", mix(i + 7) % 1_000_000_000_000))
        .collect();
    let mut group = c.benchmark_group("rating");
    group.sample_size(10);
    group.bench_function("1m_numbers_100k_prefixes", |b| {
        b.iter(|| {
            numbers
                .iter()
                .filter_map(|number| card.longest_match(number))
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
