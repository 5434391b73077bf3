//! Properties of normalising, over generated inputs:
//! - the fast path answers exactly as the phone-number library does;
//! - normalising is idempotent (`normalise(e164) == e164`);
//! - it never panics, whatever the string;
//! - it never accepts a string with a letter in it.

use cx_numbers::{Normaliser, Outcome};
use phonenumber::metadata::DATABASE;
use proptest::prelude::*;

/// Every country calling code the library knows (and a few it does not).
fn calling_code() -> impl Strategy<Value = u16> {
    let mut codes: Vec<u16> = DATABASE.iter().map(|m| m.country_code()).collect();
    codes.extend([0, 7, 28, 99, 292, 999]);
    codes.sort_unstable();
    codes.dedup();
    proptest::sample::select(codes)
}

/// How a national number is split and separated.
fn separated(digits: String) -> impl Strategy<Value = String> {
    let sep = prop_oneof![
        Just(""),
        Just(" "),
        Just("-"),
        Just("."),
        Just("/"),
        Just("  ")
    ];
    (sep, 1..5usize, any::<bool>()).prop_map(move |(sep, groups, parens)| {
        let size = digits.len().div_ceil(groups).max(1);
        let parts: Vec<&str> = (0..digits.len())
            .step_by(size)
            .map(|i| &digits[i..(i + size).min(digits.len())])
            .collect();
        match parts.split_first() {
            Some((first, rest)) if parens && !rest.is_empty() => {
                format!("({first}) {}", rest.join(sep))
            }
            _ => parts.join(sep),
        }
    })
}

/// The library's example numbers of every region and type: (calling code, national number).
fn examples() -> Vec<(u16, String)> {
    let mut all = Vec::new();
    for meta in DATABASE.iter() {
        let d = meta.descriptors();
        let types = [
            d.fixed_line(),
            d.mobile(),
            d.toll_free(),
            d.premium_rate(),
            d.voip(),
        ];
        let more = [
            d.shared_cost(),
            d.personal_number(),
            d.pager(),
            d.uan(),
            d.voicemail(),
        ];
        for example in types
            .into_iter()
            .chain(more)
            .flatten()
            .filter_map(|t| t.example())
        {
            all.push((meta.country_code(), example.to_owned()));
        }
    }
    all
}

/// A calling code and national digits: an example number with its last digits changed, cut or
/// lengthened (mostly valid), or random digits (mostly not).
fn code_and_digits() -> impl Strategy<Value = (u16, String)> {
    let example = (
        proptest::sample::select(examples()),
        0..4usize,
        "[0-9]{0,4}",
        0..4u8,
    )
        .prop_map(|((code, national), keep_off, tail, how)| {
            let cut = national.len().saturating_sub(keep_off);
            let national = match how {
                0 => national,
                1 => format!("{}{}", &national[..cut], &tail[..tail.len().min(keep_off)]),
                2 => national[..cut].to_owned(),
                _ => format!("{national}{tail}"),
            };
            (code, national)
        });
    let random = (calling_code(), "[0-9]{0,15}");
    prop_oneof![3 => example, 1 => random]
}

/// Numbers as people write them: `+`, `00`, or nothing, a calling code, its national digits
/// separated in various ways, and sometimes a stray character.
fn written_number() -> impl Strategy<Value = String> {
    let national =
        code_and_digits().prop_flat_map(|(code, digits)| (Just(code), separated(digits)));
    let start = prop_oneof![6 => Just("+"), 1 => Just("00"), 1 => Just(""), 1 => Just("+ "), 1 => Just("(+")];
    let noise = prop_oneof![
        8 => Just(String::new()),
        1 => "[ ()./x#*a-]{1,2}".prop_map(|s| s),
    ];
    let gap = prop_oneof![Just(" "), Just(""), Just("-"), Just(" (0)"), Just("0")];
    (start, gap, national, noise).prop_map(|(start, gap, (code, national), noise)| {
        format!("{start}{code}{gap}{national}{noise}")
    })
}

fn countries() -> impl Strategy<Value = Option<&'static str>> {
    prop_oneof![
        Just(None),
        Just(Some("GB")),
        Just(Some("US")),
        Just(Some("AU")),
        Just(Some("IT"))
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        // The letter property keeps only numbers accepted without their letter.
        max_global_rejects: 50_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_fast_path_answers_exactly_as_the_library(text in written_number(), country in countries()) {
        let normaliser = Normaliser::new(country).unwrap();
        prop_assert_eq!(normaliser.normalise(&text), normaliser.normalise_with_library(&text));
    }

    #[test]
    fn normalising_an_accepted_number_gives_it_back(text in written_number()) {
        let normaliser = Normaliser::new(None).unwrap();
        if let Outcome::Accepted(e164) = normaliser.normalise(&text) {
            prop_assert_eq!(normaliser.normalise(&e164), Outcome::Accepted(e164.clone()));
            prop_assert_eq!(normaliser.normalise_with_library(&e164), Outcome::Accepted(e164));
        }
    }

    #[test]
    fn normalising_never_panics_on_any_string(text in any::<String>(), country in countries()) {
        let normaliser = Normaliser::new(country).unwrap();
        let _ = normaliser.normalise(&text);
        let _ = normaliser.normalise_with_library(&text);
    }

    /// The letter goes inside a number that is accepted without it, so the property tests the
    /// letter and not the rest of the string.
    #[test]
    fn a_string_with_a_letter_is_never_accepted(
        text in written_number(),
        letter in "\\p{L}",
        at in any::<proptest::sample::Index>(),
        country in countries(),
    ) {
        let normaliser = Normaliser::new(country).unwrap();
        prop_assume!(matches!(normaliser.normalise(&text), Outcome::Accepted(_)));
        let cut = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .nth(at.index(text.chars().count() + 1))
            .unwrap_or(text.len());
        let lettered = format!("{}{letter}{}", &text[..cut], &text[cut..]);
        let outcome = normaliser.normalise(&lettered);
        prop_assert!(!matches!(outcome, Outcome::Accepted(_)), "{lettered:?} gave {outcome:?}");
    }
}

/// The generated inputs must reach the fast path often, or the comparison above proves little.
#[test]
fn the_generator_produces_many_valid_numbers_for_the_comparison() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let normaliser = Normaliser::new(None).unwrap();
    let strategy = written_number();
    let texts: Vec<String> = (0..2000)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect();
    let accepted = texts
        .iter()
        .filter(|t| matches!(normaliser.normalise(t), Outcome::Accepted(_)))
        .count();
    let fast = texts
        .iter()
        .filter(|t| normaliser.fast_path_answer(t).is_some())
        .count();
    assert!(
        accepted > 300,
        "only {accepted} of 2000 generated numbers were valid"
    );
    assert!(
        fast > 150,
        "the fast path answered only {fast} of 2000 generated numbers"
    );
    eprintln!("{accepted} of 2000 valid, {fast} answered by the fast path");
}
