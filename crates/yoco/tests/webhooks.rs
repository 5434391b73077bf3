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

/// Reads one HTTP request from a loopback listener: its headers (lower-cased) and raw body.
async fn receive_one(listener: tokio::net::TcpListener) -> (Vec<(String, String)>, Vec<u8>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (mut stream, _) = listener.accept().await.expect("the sandbox delivers");
    let mut data = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).await.expect("read the delivery");
        data.extend_from_slice(&chunk[..n]);
        let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&data[..end]).to_string();
        let headers: Vec<(String, String)> = head
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_owned()))
            .collect();
        let length: usize = headers
            .iter()
            .find(|(k, _)| k == "content-length")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        if data.len() >= end + 4 + length || n == 0 {
            let body = data[end + 4..end + 4 + length].to_vec();
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
                .await;
            return (headers, body);
        }
    }
}

#[tokio::test]
async fn an_event_the_sandbox_signs_and_delivers_verifies_and_links_to_its_checkout() {
    let sandbox = cx_testkit::start_sandbox().await;
    let base = format!("http://{}/yoco/", sandbox.addr());
    let key = "sk_test_4f9Qm2Zx7Lp3Rt8Vw1Ky";
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/yoco-events", listener.local_addr().unwrap());
    let http = reqwest::Client::new();
    let webhook: serde_json::Value = http
        .post(format!("{base}api/webhooks"))
        .bearer_auth(key)
        .json(&serde_json::json!({"name": "desk relay", "url": url}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let secret = webhook["secret"]
        .as_str()
        .expect("the secret is shown once")
        .to_owned();
    let client = cx_yoco::YocoClient::new(
        &format!("{base}api/"),
        cx_secrets::Secret::new(key),
        Default::default(),
    )
    .unwrap();
    let body =
        serde_json::json!({"amount": 1234, "currency": "ZAR", "metadata": {"topUpId": "tu_w"}});
    let checkout = client
        .create_checkout_json(&body, "idem-webhook")
        .await
        .unwrap();
    let receiving = tokio::spawn(receive_one(listener));

    http.post(format!("{base}pay/{}/pay", checkout.id))
        .send()
        .await
        .unwrap();
    let (headers, raw) = receiving.await.unwrap();

    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let (id, timestamp, signature) = (
        header("webhook-id"),
        header("webhook-timestamp"),
        header("webhook-signature"),
    );
    let signed = SignedHeaders {
        id: &id,
        timestamp: &timestamp,
        signature: &signature,
    };
    let now = chrono::Utc::now().timestamp();
    assert_eq!(verify(&secret, signed, &raw, now), Ok(()));
    assert_eq!(
        verify("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", signed, &raw, now),
        Err(WebhookError::NoMatch),
        "another webhook's secret does not verify it"
    );
    let event: serde_json::Value = serde_json::from_slice(&raw).unwrap();
    assert_eq!(event["type"], "payment.succeeded");
    assert_eq!(
        event["payload"]["metadata"]["checkoutId"],
        checkout.id.as_str()
    );
    assert_eq!(event["payload"]["amount"], 1234);
}

#[test]
fn a_hostile_timestamp_is_stale_not_an_overflow() {
    for (timestamp, now) in [
        ("-9223372036854775808", NOW),
        ("9223372036854775807", -NOW),
        ("9223372036854775807", i64::MIN),
    ] {
        let hostile = SignedHeaders {
            id: ID,
            timestamp,
            signature: GOOD,
        };
        let answer = verify(SECRET, hostile, BODY.as_bytes(), now);
        assert!(
            matches!(answer, Err(WebhookError::Stale(_))),
            "{timestamp} at {now}: {answer:?}"
        );
    }
}
