//! Request signing: `hex(sha256(controller + api_key + api_login + ts))`. The expected values
//! were computed by hand with coreutils, e.g.
//! `printf 'marketview/searchk3y-0001buyer-11767000000' | sha256sum`.

use cx_neutrafix::sign::sign;
use cx_secrets::Secret;

#[test]
fn a_market_search_is_signed_as_computed_by_hand() {
    let signed = sign(
        "marketview/search",
        &Secret::new("k3y-0001"),
        "buyer-1",
        1_767_000_000,
    );
    assert_eq!(
        signed.signature,
        "a54c61cfc04383ac32b66b8676b6c2c21e7976260c0a7ada64a39c85b378de49"
    );
    assert_eq!(signed.fields()[0], ("ts", "1767000000".to_owned()));
    assert_eq!(signed.fields()[1], ("api_login", "buyer-1".to_owned()));
}

#[test]
fn a_purchase_is_signed_as_computed_by_hand_and_a_leading_slash_changes_nothing() {
    // printf 'buyers/interconnectnx-demo-keydemo-buyer1700000000' | sha256sum
    let want = "654e0550e19fd86d8e2b62444191c184871aed9ec7c1c4392385ae5d9ea0e3ce";
    let key = Secret::new("nx-demo-key");
    assert_eq!(
        sign("buyers/interconnect", &key, "demo-buyer", 1_700_000_000).signature,
        want
    );
    assert_eq!(
        sign("/buyers/interconnect", &key, "demo-buyer", 1_700_000_000).signature,
        want
    );
}

#[test]
fn the_key_never_shows_in_debug_output() {
    let signed = sign(
        "account/info",
        &Secret::new("very-secret-key"),
        "demo-buyer",
        1,
    );
    let shown = format!("{signed:?}");
    assert!(
        !shown.contains("very-secret-key") && !shown.contains(&signed.signature),
        "{shown}"
    );
}
