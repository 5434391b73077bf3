//! Webhook verification: the contract's test vector, tampering, staleness, re-serialised
//! bodies, several signatures; and an event the sandbox delivers, verified end to end.

use cx_yoco::webhook::{verify, SignedHeaders, WebhookError, TOLERANCE_SECS};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const TIMESTAMP: &str = "1614265330";
const BODY: &str = r#"{"test": 2432232314}"#;
const GOOD: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
const NOW: i64 = 1614265330;

fn headers(signature: &str) -> SignedHeaders<'_> {
    SignedHeaders {
        id: ID,
        timestamp: TIMESTAMP,
        signature,
    }
}

#[test]
fn the_contracts_test_vector_verifies() {
    assert_eq!(verify(SECRET, headers(GOOD), BODY.as_bytes(), NOW), Ok(()));
}

#[test]
fn a_corrupted_signature_is_refused() {
    let corrupted = GOOD.replace("g0hM", "g0hN");
    assert_eq!(
        verify(SECRET, headers(&corrupted), BODY.as_bytes(), NOW),
        Err(WebhookError::NoMatch)
    );
    assert_eq!(
        verify(SECRET, headers("v1,not base64!"), BODY.as_bytes(), NOW),
        Err(WebhookError::NoMatch)
    );
}

#[test]
fn a_stale_timestamp_is_refused_even_with_a_good_signature() {
    let later = NOW + TOLERANCE_SECS + 1;
    assert_eq!(
        verify(SECRET, headers(GOOD), BODY.as_bytes(), later),
        Err(WebhookError::Stale(TOLERANCE_SECS + 1))
    );
    assert_eq!(
        verify(SECRET, headers(GOOD), BODY.as_bytes(), NOW + TOLERANCE_SECS),
        Ok(())
    );
    assert!(verify(
        SECRET,
        headers(GOOD),
        BODY.as_bytes(),
        NOW - TOLERANCE_SECS - 1
    )
    .is_err());
}

#[test]
fn a_body_parsed_and_serialised_again_no_longer_verifies() {
    let value: serde_json::Value = serde_json::from_str(BODY).unwrap();
    let reserialised = serde_json::to_string(&value).unwrap();
    assert_ne!(reserialised, BODY, "serde writes it without the space");
    assert_eq!(
        verify(SECRET, headers(GOOD), reserialised.as_bytes(), NOW),
        Err(WebhookError::NoMatch)
    );
}

#[test]
fn several_signatures_in_one_header_verify_when_the_good_one_is_last() {
    let header =
        format!("v1,Zm9vYmFy v2,ignored v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA= {GOOD}");
    assert_eq!(
        verify(SECRET, headers(&header), BODY.as_bytes(), NOW),
        Ok(())
    );
}

#[test]
fn missing_headers_and_bad_secrets_are_named() {
    let no_id = SignedHeaders {
        id: "",
        timestamp: TIMESTAMP,
        signature: GOOD,
    };
    assert_eq!(
        verify(SECRET, no_id, BODY.as_bytes(), NOW),
        Err(WebhookError::MissingHeader("webhook-id"))
    );
    assert_eq!(
        verify("MfKQ9r8", headers(GOOD), BODY.as_bytes(), NOW),
        Err(WebhookError::BadSecret)
    );
    let bad_time = SignedHeaders {
        id: ID,
        timestamp: "yesterday",
        signature: GOOD,
    };
    assert_eq!(
        verify(SECRET, bad_time, BODY.as_bytes(), NOW),
        Err(WebhookError::BadTimestamp)
    );
}
