//! A top-up from start to finish against the sandbox over real HTTP: paid, cancelled,
//! expired; statuses that are not payment; a refused key.

use crate::support;

use cx_yoco::models::TopUpState;
use cx_yoco::Cents;
use support::{credit_cents, payments_with, World, TEST_KEY, ZAR_CUSTOMER};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paid_checkout_is_recorded_on_the_customer_once_without_the_fee() {
    let world = World::new(TEST_KEY, "amount", "5").await;
    let before = credit_cents(&world.sandbox, ZAR_CUSTOMER).await;

    let view = world.top_up("paid-1", "150").await;
    assert_eq!(view.state, TopUpState::AwaitingPayment);
    assert_eq!(
        (view.top_up, view.fee, view.total),
        (Cents(15000), Cents(500), Cents(15500))
    );
    let checkout = view.checkout_id.clone().expect("a checkout id");
    assert!(checkout.starts_with("ch_"));
    assert!(view
        .redirect_url
        .unwrap()
        .ends_with(&format!("/yoco/pay/{checkout}")));

    let page = world.press(&checkout, "pay").await;
    assert!(page.contains("Checkout paid"), "{page}");
    let done = world.wait_for(&view.id, TopUpState::Recorded).await;

    let payments = payments_with(&world.sandbox, ZAR_CUSTOMER, &checkout).await;
    assert_eq!(payments.len(), 1, "one platform payment: {payments:?}");
    assert_eq!(payments[0]["status"], "Completed");
    assert_eq!(
        credit_cents(&world.sandbox, ZAR_CUSTOMER).await - before,
        15000,
        "the fee is not credited"
    );
    assert!(done.payment_id.is_some() && done.recorded_at.is_some());
    let states: Vec<_> = done.events.iter().map(|e| e.state.as_str()).collect();
    assert_eq!(states.first(), Some(&"creating"));
    assert!(
        states.contains(&"paid") && states.last() == Some(&"recorded"),
        "{states:?}"
    );
    let saw_processing = done.events.iter().any(|e| {
        e.note
            .as_deref()
            .is_some_and(|n| n.contains("not paid until completed"))
    });
    assert!(
        saw_processing,
        "processing with a paymentId was seen and not taken for payment"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelled_and_expired_checkouts_credit_nothing() {
    let world = World::new(TEST_KEY, "amount", "0").await;
    let cancelled = world.top_up("cancel-1", "20").await;
    let expired = world.top_up("expire-1", "30").await;

    world
        .press(cancelled.checkout_id.as_deref().unwrap(), "cancel")
        .await;
    world
        .press(expired.checkout_id.as_deref().unwrap(), "expire")
        .await;

    world.wait_for(&cancelled.id, TopUpState::Cancelled).await;
    world.wait_for(&expired.id, TopUpState::Expired).await;
    let retried = world.top_up("cancel-2", "20").await;
    assert_ne!(
        retried.checkout_id, cancelled.checkout_id,
        "a new attempt is a new checkout"
    );
    assert_eq!(world.checkouts().await.len(), 3);
    let all = payments_with(&world.sandbox, ZAR_CUSTOMER, "Yoco").await;
    assert!(all.is_empty(), "no payment recorded: {all:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payment_id_with_a_status_other_than_completed_is_not_payment() {
    let world = World::new(TEST_KEY, "amount", "0").await;
    let view = world.top_up("odd-1", "25").await;
    let checkout = view.checkout_id.clone().unwrap();

    world
        .force_status(&checkout, "on_hold", Some("p_suspicious"))
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let held = world.engine.view(&view.id).unwrap();
    assert_eq!(
        held.state,
        TopUpState::AwaitingPayment,
        "an unknown status keeps it waiting"
    );
    assert_eq!(held.checkout_status.as_deref(), Some("on_hold"));

    world.force_status(&checkout, "completed", None).await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let no_payment = world.engine.view(&view.id).unwrap();
    assert_eq!(
        no_payment.state,
        TopUpState::AwaitingPayment,
        "completed without paymentId"
    );
    assert!(payments_with(&world.sandbox, ZAR_CUSTOMER, &checkout)
        .await
        .is_empty());

    world
        .force_status(&checkout, "completed", Some("p_real"))
        .await;
    world.wait_for(&view.id, TopUpState::Recorded).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_key_fails_the_checkout_with_a_403_in_words_and_charges_nothing() {
    let world = World::new("sk_test_revoked0000000000000", "amount", "0").await;
    let view = world.top_up("bad-key", "50").await;
    assert_eq!(view.state, TopUpState::Failed);
    let error = view.error.unwrap();
    assert!(
        error.contains("403") && error.contains("secret key"),
        "{error}"
    );
    assert!(world.checkouts().await.is_empty());

    let tested = world
        .engine
        .test_key(&world.install_id, None)
        .await
        .unwrap_err();
    assert!(
        tested.message.contains("refused the secret key"),
        "{}",
        tested.message
    );
    let good = world
        .engine
        .test_key(&world.install_id, Some(cx_core::Secret::new(TEST_KEY)))
        .await;
    assert_eq!(
        good.unwrap(),
        cx_yoco::Mode::Test,
        "Test checks a typed key without saving it"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_not_in_rand_is_refused_before_anything_is_sent() {
    let world = World::new(TEST_KEY, "amount", "0").await;
    let mut request = support::request("gbp", "100");
    request.customer_id = "1201".into();
    let error = world
        .engine
        .start(&world.install_id, request)
        .await
        .unwrap_err();
    assert_eq!(error.fields[0].field, "customer_id");
    assert!(error.message.contains("GBP"), "{}", error.message);
    let customers = world.engine.customers().await.unwrap();
    let payable: Vec<_> = customers
        .iter()
        .filter(|c| c.payable)
        .map(|c| c.id.as_str())
        .collect();
    assert!(payable.contains(&ZAR_CUSTOMER) && !payable.contains(&"1201"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_filters_by_state_and_text_and_exports_csv() {
    let world = World::new(TEST_KEY, "percent", "2.5").await;
    let paid = world.top_up("h-1", "10.10").await;
    let open = world.top_up("h-2", "12").await;
    world
        .press(paid.checkout_id.as_deref().unwrap(), "pay")
        .await;
    world.wait_for(&paid.id, TopUpState::Recorded).await;

    let recorded = cx_yoco::models::HistoryFilter {
        state: Some(TopUpState::Recorded),
        ..Default::default()
    };
    let list = world.engine.history(&recorded).unwrap();
    assert_eq!(
        list.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(),
        [paid.id.as_str()]
    );
    let by_checkout = cx_yoco::models::HistoryFilter {
        text: open.checkout_id.clone(),
        ..Default::default()
    };
    assert_eq!(world.engine.history(&by_checkout).unwrap().len(), 1);

    let csv = world.engine.history_csv(&Default::default()).unwrap();
    let lines: Vec<_> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "header and two top-ups:\n{csv}");
    assert!(lines[0].starts_with("created_at,customer_id,customer,top_up,fee,total"));
    assert!(csv.contains(",10.10,0.25,10.35,test,recorded,"), "{csv}");
}

/// A test key moves no money: on a real account (not the sandbox) the paid top-up is left
/// uncredited, with the reason, and the platform gets no payment.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_test_key_payment_on_a_real_account_is_not_credited_to_the_customer() {
    let sandbox = cx_testkit::start_sandbox().await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let core = std::sync::Arc::new(cx_testkit::open_core(
        dir.path(),
        &cx_testkit::unique_service("yoco-real"),
    ));
    core.sign_in(
        cx_testkit::account_form(&sandbox, "Production"),
        cx_core::Secret::new(cx_sandbox::DEMO_PASSWORD),
    )
    .await
    .expect("the account signs in as a real one");
    core.refresh_store(&Default::default())
        .await
        .expect("the store answers");
    let installed = cx_testkit::install(&core, cx_testkit::YOCO, "Yoco Top-ups", "1.3.0").await;
    let options = cx_yoco::EngineOptions {
        base_url: format!("http://{}/yoco/api/", sandbox.addr()),
        ..support::fast_options()
    };
    let engine = cx_yoco::TopUps::open(core.clone(), options).expect("yoco.sqlite3 opens");
    let form = cx_yoco::models::SettingsForm {
        api_user: cx_sandbox::DEMO_LOGIN.into(),
        secret_key: cx_core::Secret::new(TEST_KEY),
        surcharge_type: "amount".into(),
        surcharge: "0".into(),
    };
    engine
        .save_settings(&installed.id, form)
        .await
        .expect("the settings save");

    let view = engine
        .start(&installed.id, support::request("real-test-1", "50"))
        .await
        .expect("the top-up starts");
    let checkout = view.checkout_id.clone().expect("a checkout id");
    let page = format!("http://{}/yoco/pay/{checkout}", sandbox.addr());
    let http = reqwest::Client::new();
    http.get(&page).send().await.expect("the page answers");
    http.post(format!("{page}/pay"))
        .send()
        .await
        .expect("the payer pays");

    let mut seen = engine.view(&view.id).expect("on record");
    for _ in 0..2000 {
        if seen
            .error
            .as_deref()
            .is_some_and(|e| e.contains("test key"))
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        seen = engine.view(&view.id).expect("on record");
    }
    assert_eq!(seen.state, TopUpState::Paid, "paid, and left uncredited");
    assert!(
        seen.error
            .as_deref()
            .is_some_and(|e| e.contains("not credited")),
        "{seen:?}"
    );
    assert!(payments_with(&sandbox, ZAR_CUSTOMER, &checkout)
        .await
        .is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payments_without_descriptions_cannot_be_matched_so_nothing_is_posted() {
    let world = World::new(TEST_KEY, "amount", "0").await;
    let first = world.top_up("described-1", "20").await;
    world
        .press(first.checkout_id.as_deref().unwrap(), "pay")
        .await;
    world.wait_for(&first.id, TopUpState::Recorded).await;
    let before = credit_cents(&world.sandbox, ZAR_CUSTOMER).await;
    let posted_before = payment_count(&world).await;

    world.sandbox.hide_payment_descriptions(true);
    let second = world.top_up("undescribed-1", "30").await;
    let checkout = second.checkout_id.clone().unwrap();
    world.press(&checkout, "pay").await;
    let mut view = world.engine.view(&second.id).unwrap();
    for _ in 0..2000 {
        if view.error.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        view = world.engine.view(&second.id).unwrap();
    }

    let error = view.error.clone().unwrap_or_default();
    assert!(
        error.contains("cannot be matched to Yoco checkouts"),
        "{view:?}"
    );
    assert_eq!(view.state, TopUpState::Paid, "paid, not credited");
    assert_eq!(payment_count(&world).await, posted_before, "nothing posted");
    assert_eq!(credit_cents(&world.sandbox, ZAR_CUSTOMER).await, before);
}

/// How many payments the platform holds for the test customer, described or not.
async fn payment_count(world: &World) -> usize {
    let platform = cx_testkit::Platform::connect(&world.sandbox).await;
    let query = [("company_id", ZAR_CUSTOMER.to_owned())];
    let all: Vec<serde_json::Value> = platform
        .client
        .list_all("payment", &query, 100)
        .await
        .expect("the platform lists payments");
    all.len()
}
