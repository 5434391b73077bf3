//! `tel:` and `callto:` links, as the desktop hands them over: the forms people meet are
//! dialled in E.164, and hostile or broken ones are refused with a reason.

use cx_calltools::links::{parse_dial_link, LinkError, MAX_LINK_LENGTH};

#[test]
fn a_tel_link_with_visual_separators_dials_the_e164_number() {
    assert_eq!(
        parse_dial_link("tel:+1-202-555-0147").unwrap(),
        "+12025550147"
    );
}

#[test]
fn a_percent_encoded_plus_is_decoded_before_reading() {
    assert_eq!(
        parse_dial_link("tel:%2B12025550147").unwrap(),
        "+12025550147"
    );
}

#[test]
fn a_callto_link_dials_the_same_number() {
    assert_eq!(
        parse_dial_link("callto:+12025550147").unwrap(),
        "+12025550147"
    );
    assert_eq!(
        parse_dial_link("callto://+44 7400 123456").unwrap(),
        "+447400123456",
        "the Skype form with // and spaces"
    );
}

#[test]
fn the_scheme_is_compared_without_case() {
    assert_eq!(parse_dial_link("TEL:+12025550147").unwrap(), "+12025550147");
}

#[test]
fn a_script_in_a_tel_link_is_refused_as_not_a_number() {
    let error = parse_dial_link("tel:javascript:alert(1)").unwrap_err();
    assert!(matches!(error, LinkError::NotANumber(_)), "{error:?}");
    let encoded = parse_dial_link("tel:javascript%3Aalert(document.cookie)").unwrap_err();
    assert!(matches!(encoded, LinkError::NotANumber(_)), "{encoded:?}");
}

#[test]
fn a_very_long_link_is_refused_before_it_is_read() {
    let long = format!("tel:+1{}", "2".repeat(MAX_LINK_LENGTH));
    assert_eq!(parse_dial_link(&long), Err(LinkError::TooLong));
    let huge = format!("tel:{}", "%2B".repeat(100_000));
    assert_eq!(parse_dial_link(&huge), Err(LinkError::TooLong));
}

#[test]
fn an_empty_link_or_an_empty_number_is_refused() {
    assert_eq!(parse_dial_link(""), Err(LinkError::Empty));
    assert_eq!(parse_dial_link("   "), Err(LinkError::Empty));
    assert_eq!(parse_dial_link("tel:"), Err(LinkError::NoNumber));
    assert_eq!(parse_dial_link("callto://"), Err(LinkError::NoNumber));
}

#[test]
fn other_schemes_parameters_and_local_numbers_are_refused() {
    assert_eq!(
        parse_dial_link("https://example.com/+12025550147"),
        Err(LinkError::UnknownScheme)
    );
    assert_eq!(
        parse_dial_link("tel:+12025550147;ext=12"),
        Err(LinkError::Parameters)
    );
    assert!(matches!(
        parse_dial_link("tel:2025550147"),
        Err(LinkError::NoCountryCode(_))
    ));
    assert!(matches!(
        parse_dial_link("tel:+99912345"),
        Err(LinkError::Invalid(_))
    ));
    assert_eq!(parse_dial_link("tel:%FF%FE"), Err(LinkError::BadEncoding));
}

#[test]
fn every_refusal_reads_as_a_sentence() {
    for link in ["", "tel:javascript:x", "tel:2025550147", "mailto:a@b.c"] {
        let message = parse_dial_link(link).unwrap_err().to_string();
        assert!(message.ends_with('.'), "{link:?}: {message}");
    }
}
