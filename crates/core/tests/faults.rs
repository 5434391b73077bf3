//! A bad day on the platform, injected into a real sandbox, as the Core lives through it.

use crate::support;

use std::time::{Duration, Instant};

use cx_core::models::StoreQuery;
use cx_core::ErrorCode;
use cx_sandbox::Fault;
use support::*;

fn owned_names(view: &cx_core::models::StoreView) -> Vec<&str> {
    view.apps
        .iter()
        .filter(|card| card.owned)
        .map(|card| card.app.name.as_str())
        .collect()
}

#[tokio::test]
async fn an_access_token_that_expires_mid_session_is_renewed_without_the_user_noticing() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "expire").await;
    let before = sandbox.stats();
    sandbox.faults().push(Fault::ExpireAccessTokens, 1);

    let view = test
        .core
        .refresh_store(&StoreQuery::default())
        .await
        .expect("the refresh still succeeds");

    let during = sandbox.stats();
    assert_eq!(view.total, 42, "the whole catalogue came back");
    assert_eq!(
        owned_names(&view),
        ["Balance Alerts"],
        "ownership came back too"
    );
    assert!(!view.freshness.offline, "nothing was taken from the cache");
    assert_eq!(
        during.faults_applied,
        before.faults_applied + 1,
        "the sandbox did kill the access token"
    );
    assert!(
        during.unauthorized_sent > before.unauthorized_sent,
        "at least one request met the 401"
    );
    assert!(
        during.access_tokens_minted > before.access_tokens_minted,
        "the client fetched a new access token with its refresh token"
    );
    assert_eq!(
        during.refresh_tokens_minted, before.refresh_tokens_minted,
        "no new sign-in was needed"
    );

    test.core
        .refresh_store(&StoreQuery::default())
        .await
        .unwrap();

    let after = sandbox.stats();
    assert_eq!(
        after.unauthorized_sent, during.unauthorized_sent,
        "the renewed token is kept and used from then on"
    );
    assert_eq!(after.access_tokens_minted, during.access_tokens_minted);
    assert!(test.core.session().unwrap().online);
}

#[tokio::test]
async fn a_429_with_retry_after_one_second_is_waited_out_and_the_request_repeated() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "429").await;
    let before = sandbox.stats();
    sandbox.faults().push_for(
        "setup/app",
        Fault::RateLimited {
            retry_after_secs: 1,
        },
        1,
    );
    let started = Instant::now();

    let view = test
        .core
        .refresh_store(&StoreQuery::default())
        .await
        .expect("the refresh succeeds after the wait");

    let after = sandbox.stats();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "the client waited the second Retry-After asked for ({:?})",
        started.elapsed()
    );
    assert_eq!(after.responses_with(429), before.responses_with(429) + 1);
    assert_eq!(
        after.requests_to("setup/app"),
        before.requests_to("setup/app") + 2,
        "setup/app was asked twice: the 429, then the retry"
    );
    assert_eq!(
        owned_names(&view),
        ["Balance Alerts"],
        "the retried answer is the one used"
    );
}

#[tokio::test]
async fn a_platform_that_keeps_answering_429_is_reported_as_rate_limited_with_the_cache_kept() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "429-forever").await;
    let cached = test.core.store(&StoreQuery::default()).unwrap();
    // A Retry-After of 0 keeps the test fast; four answers outlast the three retries.
    sandbox.faults().push_for(
        "setup/app",
        Fault::RateLimited {
            retry_after_secs: 0,
        },
        4,
    );

    let error = test
        .core
        .refresh_store(&StoreQuery::default())
        .await
        .expect_err("the retries run out");

    assert_eq!(error.code, ErrorCode::RateLimited, "{error:?}");
    assert_eq!(
        sandbox.stats().requests_to("setup/app"),
        5,
        "one at sign-in's refresh, then the first try and three retries"
    );
    assert_eq!(
        test.core.store(&StoreQuery::default()).unwrap().apps,
        cached.apps,
        "the store still shows what it had"
    );
}

#[tokio::test]
async fn a_connection_dropped_during_a_read_is_tried_once_more() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "drop").await;
    sandbox
        .faults()
        .push_for("appstore/install", Fault::Drop, 1);

    let view = test
        .core
        .refresh_store(&StoreQuery::default())
        .await
        .expect("the second try answers");

    assert_eq!(sandbox.stats().connections_dropped, 1, "the fault did fire");
    assert_eq!(view.total, 42);
    assert!(
        !view.freshness.offline,
        "one dropped answer is not being offline"
    );
}

#[tokio::test]
async fn a_server_error_during_refresh_is_a_platform_error_not_offline() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "500").await;
    sandbox.faults().push_for("appstore", Fault::Status(500), 1);

    let error = test
        .core
        .refresh_store(&StoreQuery::default())
        .await
        .expect_err("a 500 is not retried");

    assert_eq!(error.code, ErrorCode::Platform, "{error:?}");
    assert!(error.message.contains("500"), "{}", error.message);
    let view = test.core.store(&StoreQuery::default()).unwrap();
    assert_eq!(view.total, 42, "the cached catalogue is still there");
    assert!(
        !view.freshness.offline,
        "the platform answered, so the client is not offline"
    );
}
