//! Rate decks as sellers write them: header names found, delimiter sniffed, `$` and spaces
//! stripped, decimal commas, blank and comment lines skipped, bad rows reported by line.

use chrono::{NaiveDate, NaiveDateTime};
use cx_neutrafix::billing::Tariff;
use cx_neutrafix::deck::{self, Deck, LeftOut};

/// When the decks below are read (UTC).
fn now() -> NaiveDateTime {
    at(2026, 12, 10)
}

fn at(year: i32, month: u32, day: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .expect("a real date")
}

fn parse(text: &str, defaults: Tariff) -> Deck {
    deck::parse(text, defaults, now())
}

const DEFAULTS: Tariff = Tariff {
    price_1: 0.0,
    price_n: 0.0,
    interval_1: 60,
    interval_n: 6,
};

#[test]
fn a_european_deck_with_semicolons_and_decimal_commas_is_read() {
    let text = "# exported 2026-12-01\n\nDial Code;Description;Rate (USD);Next Rate;Initial Interval;Increment\n\
                4420;London;0,0085;0,0080;30;6\n\n447400; UK O2 ;\" 0,0079 \";;1;1\n";
    let deck = parse(text, DEFAULTS);

    assert!(deck.problems.is_empty(), "{:?}", deck.problems);
    assert_eq!(deck.rates.len(), 2);
    let london = &deck.rates[0];
    assert_eq!((london.prefix.as_str(), london.line), ("4420", 4));
    assert_eq!(
        london.tariff,
        Tariff {
            price_1: 0.0085,
            price_n: 0.0080,
            interval_1: 30,
            interval_n: 6
        }
    );
    let o2 = &deck.rates[1];
    assert_eq!(
        o2.line, 6,
        "line numbers count the skipped blank and comment lines"
    );
    assert_eq!(
        o2.tariff,
        Tariff {
            price_1: 0.0079,
            price_n: 0.0079,
            interval_1: 1,
            interval_n: 1
        }
    );
}

#[test]
fn every_bad_row_is_reported_with_its_line_and_the_rest_kept() {
    let text = "Prefix,Price 1,Interval 1,Interval N,Effective From,Forbidden\n\
                0044,$0.01,60,60,ASAP,0\n\
                12a4,0.02,60,60,,0\n\
                33,free,60,60,,0\n\
                0044,0.03,60,60,,0\n\
                49,0.02,60,60,2026-12-08,1\n";
    let deck = parse(text, DEFAULTS);

    let prefixes: Vec<&str> = deck.rates.iter().map(|r| r.prefix.as_str()).collect();
    assert_eq!(
        prefixes,
        ["0044", "49"],
        "a leading zero is kept: prefixes are text"
    );
    assert_eq!(deck.rates[0].effective_from, "ASAP");
    assert!(deck.rates[1].forbidden);
    let lines: Vec<u64> = deck.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [3, 4, 5]);
    assert!(deck.problems[0].message.contains("12a4"));
    assert!(deck.problems[1].message.contains("free"));
    assert!(deck.problems[2].message.contains("repeats line 2"));
}

#[test]
fn a_deck_without_a_header_is_read_as_prefix_and_price() {
    let deck = parse("44,0.01\n1,0.002\n", DEFAULTS);
    assert_eq!(deck.rates.len(), 2);
    assert_eq!(deck.rates[1].tariff.price_1, 0.002);
    assert_eq!(
        deck.rates[1].tariff.interval_n, 6,
        "intervals the deck leaves out come from the route"
    );
}

#[test]
fn a_present_but_unreadable_price_n_or_interval_is_a_problem_on_its_line_not_a_default() {
    let text = "Prefix,Price,Price N,Interval 1,Interval N\n\
                441,0.01,abc,60,6\n\
                442,0.01,0.02,6.5,6\n\
                443,0.01,0.02,60,0\n\
                444,0.01,0.02,x,6\n\
                445,0.01,,,\n";
    let deck = parse(text, DEFAULTS);

    let lines: Vec<u64> = deck.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [2, 3, 4, 5], "{:?}", deck.problems);
    assert!(
        deck.problems[0].message.contains("price N \"abc\""),
        "{}",
        deck.problems[0].message
    );
    assert!(
        deck.problems[1].message.contains("interval 1 \"6.5\""),
        "{}",
        deck.problems[1].message
    );
    assert!(
        deck.problems[2].message.contains("interval N \"0\""),
        "{}",
        deck.problems[2].message
    );
    assert_eq!(
        deck.rates.len(),
        1,
        "only the row with empty optional cells is taken"
    );
    assert_eq!(
        deck.rates[0].tariff,
        Tariff {
            price_1: 0.01,
            price_n: 0.01,
            interval_1: 60,
            interval_n: 6
        },
        "empty optional cells take their defaults"
    );
}

#[test]
fn a_coming_rate_beside_the_current_one_waits_for_its_date() {
    // The announced rate comes first in the file; the one in effect is on line 3.
    let text = "Prefix,Price 1,Effective From\n\
                4420,0.0120,2026-12-20\n\
                4420,0.0100,2026-11-01\n\
                4421,0.0200,ASAP\n";

    let today = deck::parse(text, DEFAULTS, now());
    let rates: Vec<(&str, f64, u64)> = today
        .rates
        .iter()
        .map(|r| (r.prefix.as_str(), r.tariff.price_1, r.line))
        .collect();
    assert_eq!(rates, [("4420", 0.0100, 3), ("4421", 0.0200, 4)]);
    assert_eq!(today.problems.len(), 1, "{:?}", today.problems);
    assert_eq!(today.problems[0].line, 2);
    assert_eq!(
        today.problems[0].message,
        "prefix 4420: the rate from 2026-12-20 00:00 is not in effect yet; line 3's applies until then"
    );

    let after = deck::parse(text, DEFAULTS, at(2026, 12, 21));
    assert_eq!(after.rates[0].tariff.price_1, 0.0120);
    assert_eq!(after.rates[0].line, 2);
    assert_eq!(after.problems.len(), 1, "{:?}", after.problems);
    assert_eq!(
        (after.problems[0].line, after.problems[0].message.as_str()),
        (
            3,
            "prefix 4420: replaced by line 2, which took effect later"
        )
    );
}

#[test]
fn a_prefix_that_starts_later_is_not_on_the_card_before_then() {
    let text =
        "Prefix,Price 1,Effective From\n44,0.01,ASAP\n4479,0.05,2027-01-01\n44,0.02,2027-01-01\n";
    let deck = parse(text, DEFAULTS);

    let rates: Vec<(&str, f64)> = deck
        .rates
        .iter()
        .map(|r| (r.prefix.as_str(), r.tariff.price_1))
        .collect();
    assert_eq!(rates, [("44", 0.01)]);
    let problems: Vec<(u64, &str)> = deck
        .problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (
                3,
                "prefix 4479 starts on 2027-01-01 00:00: not in effect yet, so it is not on the card"
            ),
            (
                4,
                "prefix 44: the rate from 2027-01-01 00:00 is not in effect yet; line 2's applies until then"
            ),
        ]
    );
}

#[test]
fn asap_gives_way_to_a_dated_rate_whose_day_has_come_and_unreadable_dates_are_refused() {
    let text = "Prefix,Price 1,Effective From\n\
                44,0.010,ASAP\n\
                44,0.011,2026-12-01\n\
                44,0.013,2027-02-01\n\
                44,0.014,2027-02-01\n\
                44,0.012,2027-01-01\n\
                45,0.020,12/20/2026\n";
    let deck = parse(text, DEFAULTS);

    let rates: Vec<(&str, f64)> = deck
        .rates
        .iter()
        .map(|r| (r.prefix.as_str(), r.tariff.price_1))
        .collect();
    assert_eq!(
        rates,
        [("44", 0.011)],
        "the dated rate in effect beats ASAP"
    );
    let pending: Vec<(u64, f64)> = deck
        .pending
        .iter()
        .map(|r| (r.line, r.tariff.price_1))
        .collect();
    assert_eq!(
        pending,
        [(6, 0.012), (4, 0.013)],
        "announced rates wait, oldest start first; a second one for the same day does not"
    );
    let problems: Vec<(u64, LeftOut)> = deck.problems.iter().map(|p| (p.line, p.kind)).collect();
    assert_eq!(
        problems,
        [
            (2, LeftOut::Replaced),
            (4, LeftOut::NotYet),
            (5, LeftOut::Refused),
            (6, LeftOut::NotYet),
            (7, LeftOut::Refused),
        ]
    );
    assert_eq!(
        deck.problems[4].message,
        "prefix 45: the effective date \"12/20/2026\" is not a date (ASAP, or a date such as 2026-12-20)"
    );
}
