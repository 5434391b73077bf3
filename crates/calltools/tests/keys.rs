//! The field case "Click-2-Dial API keys" (`shared/cases/README.md`): a key with `+`, `/` or
//! `=` breaks in a query string, so keys are drawn only from `A–Z a–z 0–9 _ -`, with at least
//! 128 bits from the OS's secure random source, and 10,000 of them survive a URL query.

use std::collections::HashSet;

use cx_calltools::keys::{generate_key, ALPHABET, KEY_BITS};
use url::Url;

#[test]
fn click_2_dial_api_keys_ten_thousand_are_unique_url_safe_and_survive_a_query() {
    let mut seen = HashSet::new();
    for _ in 0..10_000 {
        let key = generate_key().expect("the OS gives random bytes");
        let key = key.expose().to_owned();
        assert!(
            key.bytes().all(|b| ALPHABET.contains(&b)),
            "{key} has a character outside A–Z a–z 0–9 _ -"
        );
        let mut url =
            Url::parse("https://app.connexcs.com/api/cp/scriptforge/x/main/send").unwrap();
        url.query_pairs_mut()
            .append_pair("api_key", &key)
            .append_pair("phone", "+12025550147");
        assert!(
            url.as_str().contains(&format!("api_key={key}&")),
            "written into the query unescaped: {url}"
        );
        let back = url
            .query_pairs()
            .find(|(name, _)| name == "api_key")
            .map(|(_, value)| value.into_owned());
        assert_eq!(back.as_deref(), Some(key.as_str()), "read back unchanged");
        assert!(seen.insert(key), "a key came up twice");
    }
    assert_eq!(seen.len(), 10_000);
    assert_eq!(KEY_BITS, 192, "32 characters of 6 bits");
}

#[test]
fn click_2_dial_api_keys_use_every_character_of_the_alphabet_evenly() {
    let mut counts = [0u32; 64];
    for _ in 0..2_000 {
        for byte in generate_key().unwrap().expose().bytes() {
            let at = ALPHABET.iter().position(|&c| c == byte).unwrap();
            counts[at] += 1;
        }
    }
    // 64,000 characters: 1,000 expected each; a biased draw (e.g. modulo 62) would leave
    // some characters far below. The bounds are many standard deviations wide.
    let (min, max) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
    assert!(*min > 800 && *max < 1200, "min {min}, max {max}");
}
