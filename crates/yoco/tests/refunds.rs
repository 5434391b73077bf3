//! Refunds: live only, full (no body) or partial, idempotent per attempt, and recorded on the
//! platform once as a negative payment (the top-up first, the fee last).

use crate::support;

use cx_yoco::models::{RefundRequest, TopUpState};
use cx_yoco::Cents;
use support::{credit_cents, payments_with, World, LIVE_KEY, TEST_KEY, ZAR_CUSTOMER};

fn refund(attempt: &str, top_up: &str, amount: Option<&str>) -> RefundRequest {
    RefundRequest {
        attempt: attempt.into(),
        top_up_id: top_up.into(),
        amount: amount.map(str::to_owned),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partial_then_a_full_refund_take_the_top_up_back_once_each_and_leave_the_fee() {
    let world = World::new(LIVE_KEY, "amount", "5").await;
    let view = world.top_up("live-1", "150").await;
    let checkout = view.checkout_id.clone().unwrap();
    world.press(&checkout, "pay").await;
    world.wait_for(&view.id, TopUpState::Recorded).await;
    let paid = credit_cents(&world.sandbox, ZAR_CUSTOMER).await;

    let part = world
        .engine
        .refund(refund("r-1", &view.id, Some("50")))
        .await
        .unwrap();
    let again = world
        .engine
        .refund(refund("r-1", &view.id, Some("50")))
        .await
        .unwrap();
    assert_eq!(part.refunded, Cents(5000));
    assert_eq!(
        again.refunded,
        Cents(5000),
        "the same attempt twice is one refund"
    );
    assert_eq!(
        credit_cents(&world.sandbox, ZAR_CUSTOMER).await,
        paid - 5000
    );

    let rest = world
        .engine
        .refund(refund("r-2", &view.id, None))
        .await
        .unwrap();
    assert_eq!(
        rest.refunded,
        Cents(15500),
        "a full refund takes what is left, fee included"
    );
    assert_eq!(
        credit_cents(&world.sandbox, ZAR_CUSTOMER).await,
        paid - 15000,
        "the balance loses the top-up only: the fee was never credited"
    );
    let negatives: Vec<_> = payments_with(&world.sandbox, ZAR_CUSTOMER, "Yoco refund").await;
    assert_eq!(negatives.len(), 2, "{negatives:?}");
    assert_eq!(world.yoco_stats().await["refunds"], 2);

    let none_left = world
        .engine
        .refund(refund("r-3", &view.id, None))
        .await
        .unwrap_err();
    assert!(
        none_left.message.contains("refunded in full"),
        "{}",
        none_left.message
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn test_payments_cannot_be_refunded_and_nothing_is_sent() {
    let world = World::new(TEST_KEY, "amount", "0").await;
    let view = world.top_up("test-1", "40").await;
    world
        .press(view.checkout_id.as_deref().unwrap(), "pay")
        .await;
    world.wait_for(&view.id, TopUpState::Recorded).await;

    let error = world
        .engine
        .refund(refund("t-1", &view.id, None))
        .await
        .unwrap_err();

    assert!(
        error.message.contains("live payments only"),
        "{}",
        error.message
    );
    assert_eq!(world.yoco_stats().await["refunds"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refund_larger_than_what_is_left_is_refused_by_field() {
    let world = World::new(LIVE_KEY, "amount", "0").await;
    let view = world.top_up("big-1", "40").await;
    world
        .press(view.checkout_id.as_deref().unwrap(), "pay")
        .await;
    world.wait_for(&view.id, TopUpState::Recorded).await;

    let error = world
        .engine
        .refund(refund("b-1", &view.id, Some("40.01")))
        .await
        .unwrap_err();

    assert_eq!(error.fields[0].field, "amount");
    assert!(error.message.contains("R40.00"), "{}", error.message);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_full_refunds_at_once_refund_once_and_the_second_finds_nothing_left() {
    let world = World::new(LIVE_KEY, "amount", "5").await;
    let view = world.top_up("live-race", "100").await;
    let checkout = view.checkout_id.clone().unwrap();
    world.press(&checkout, "pay").await;
    world.wait_for(&view.id, TopUpState::Recorded).await;
    let paid = credit_cents(&world.sandbox, ZAR_CUSTOMER).await;

    let (first, second) = tokio::join!(
        world.engine.refund(refund("race-1", &view.id, None)),
        world.engine.refund(refund("race-2", &view.id, None)),
    );
    let (done, refused) = match (first, second) {
        (Ok(done), Err(refused)) | (Err(refused), Ok(done)) => (done, refused),
        other => panic!("exactly one refund goes through: {other:?}"),
    };
    assert_eq!(done.refunded, Cents(10500));
    assert_eq!(
        (refused.code, refused.message.as_str()),
        (
            cx_core::ErrorCode::Conflict,
            "This top-up is refunded in full."
        ),
        "the second is refused here, before anything reaches Yoco"
    );
    assert_eq!(world.yoco_stats().await["refunds"], 1);
    assert_eq!(
        credit_cents(&world.sandbox, ZAR_CUSTOMER).await,
        paid - 10000
    );
}
