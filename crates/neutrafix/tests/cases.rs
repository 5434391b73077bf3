//! The rate-card cases from the field (`shared/cases/rate-cards/`, copied into `cases/`), one
//! test each, named after the file, asserting the answer `shared/cases/README.md` gives.

use cx_neutrafix::billing::Tariff;
use cx_neutrafix::deck::{self, Deck};
use cx_neutrafix::rating::PrefixTable;

fn read_case(name: &str) -> Deck {
    let path = format!("{}/tests/cases/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the case file is in tests/cases");
    let defaults = Tariff {
        price_1: 0.0,
        price_n: 0.0,
        interval_1: 60,
        interval_n: 60,
    };
    // The cases carry no dates: any time reads them the same.
    let now = chrono::DateTime::UNIX_EPOCH.naive_utc();
    deck::parse(&text, defaults, now)
}

fn card_of(deck: &Deck) -> PrefixTable<f64> {
    let mut card = PrefixTable::new();
    for rate in &deck.rates {
        card.insert(&rate.prefix, rate.tariff.price_1).unwrap();
    }
    card
}

#[test]
fn dollar_sign_and_footer() {
    let deck = read_case("dollar-sign-and-footer.csv");

    let rates: Vec<(&str, f64)> = deck
        .rates
        .iter()
        .map(|r| (r.prefix.as_str(), r.tariff.price_1))
        .collect();
    assert_eq!(
        rates,
        [("44", 0.0100), ("447400", 0.0079)],
        "the $ is stripped, both rates kept"
    );
    let lines: Vec<u64> = deck.problems.iter().map(|p| p.line).collect();
    assert_eq!(
        lines,
        [4, 5],
        "the empty row and the footer are reported by line, not fatal"
    );
    assert!(
        deck.problems[0].message.contains("empty prefix"),
        "{:?}",
        deck.problems[0]
    );
    assert!(
        deck.problems[1].message.contains("Rates subject to change"),
        "{:?}",
        deck.problems[1]
    );
}

#[test]
fn short_cheap_vs_long_dear() {
    let deck = read_case("short-cheap-vs-long-dear.csv");
    assert!(deck.problems.is_empty(), "{:?}", deck.problems);

    let card = card_of(&deck);
    assert_eq!(
        card.longest_match("1234567890123"),
        Some(("1234", &0.20)),
        "the longest matching prefix rates the number, not the cheapest"
    );
}

#[test]
fn longer_prefix_cheaper() {
    let deck = read_case("longer-prefix-cheaper.csv");
    assert!(deck.problems.is_empty(), "{:?}", deck.problems);

    let card = card_of(&deck);
    assert_eq!(
        card.longest_match("447400123456"),
        Some(("44740", &0.0079)),
        "the longer, cheaper prefix wins over the shorter, dearer one"
    );
}
