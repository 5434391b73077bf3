//! Exactly-once crediting: completion seen twice, a restart in between, double clicks; then a
//! run of 1,000 top-ups under random faults with no double credit and no lost payment.

use crate::support;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use cx_sandbox::Fault;
use cx_yoco::models::TopUpState;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use support::{credit_cents, fast_options, payments_with, World, TEST_KEY, ZAR_CUSTOMER};

/// Options whose follower looks rarely, so the test's own clicks race it deliberately.
fn slow_follower() -> cx_yoco::EngineOptions {
    cx_yoco::EngineOptions {
        poll_first: Duration::from_secs(5),
        poll_max: Duration::from_secs(5),
        ..fast_options()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn completion_seen_twice_a_restart_and_double_clicks_make_one_platform_payment() {
    let mut world = World::with_options(TEST_KEY, "amount", "0", slow_follower()).await;
    let before = credit_cents(&world.sandbox, ZAR_CUSTOMER).await;
    let view = world.top_up("once-1", "75.50").await;
    // No background follower in the first run: only the clicks below look at the checkout.
    world.engine.shutdown();
    let checkout = view.checkout_id.clone().unwrap();
    world.press(&checkout, "pay").await;
    world
        .force_status(&checkout, "completed", Some("p_once"))
        .await;
    // The first look: the check before posting passes; the post lands, but its answer is
    // lost. The second look: the platform fails the check, so nothing is posted.
    world
        .sandbox
        .faults()
        .push_for("payment", Fault::Latency(Duration::ZERO), 1);
    world
        .sandbox
        .faults()
        .push_for("payment", Fault::DropAfter, 1);
    world
        .sandbox
        .faults()
        .push_for("payment", Fault::Status(500), 1);

    // Two looks at once ("Check now" double-clicked): both see the completion.
    let (a, b) = tokio::join!(
        world.engine.check_now(&view.id),
        world.engine.check_now(&view.id)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(
        (a.state, b.state),
        (TopUpState::Paid, TopUpState::Paid),
        "{a:?} {b:?}"
    );
    assert_eq!(
        payments_with(&world.sandbox, ZAR_CUSTOMER, &checkout)
            .await
            .len(),
        1,
        "it landed"
    );

    world.restart(slow_follower()).await;
    let resumed = world.engine.resume_pending().unwrap();
    assert_eq!(resumed, 1, "the paid top-up is picked up after the restart");
    // Double clicks after the restart: "Create checkout" again and "Check now" twice.
    let (again, c, d) = tokio::join!(
        world
            .engine
            .start(&world.install_id, support::request("once-1", "75.50")),
        world.engine.check_now(&view.id),
        world.engine.check_now(&view.id)
    );
    assert_eq!(
        again.unwrap().id,
        view.id,
        "the same attempt is the same top-up"
    );
    c.unwrap();
    d.unwrap();
    let done = world.wait_for(&view.id, TopUpState::Recorded).await;

    assert_eq!(
        payments_with(&world.sandbox, ZAR_CUSTOMER, &checkout)
            .await
            .len(),
        1
    );
    assert_eq!(
        credit_cents(&world.sandbox, ZAR_CUSTOMER).await - before,
        7550
    );
    let found = done.events.iter().any(|e| {
        e.note.as_deref() == Some("the platform already holds this payment; not posted again")
    });
    assert!(
        found,
        "after the restart the platform's payments were read first: {:?}",
        done.events
    );
    assert_eq!(
        world.checkouts().await.len(),
        1,
        "one checkout for the double-clicked attempt"
    );
}

/// What one top-up of the fault run ended as.
struct Outcome {
    checkout: Option<String>,
    paid: bool,
    cents: i64,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_fault_run_of_1000_top_ups_has_no_double_credit_and_no_lost_payment() {
    let mut options = fast_options();
    options.client.timeout = Duration::from_millis(250);
    options.poll_first = Duration::from_millis(5);
    options.poll_max = Duration::from_millis(40);
    let world = Arc::new(World::with_options(TEST_KEY, "percent", "2.5", options).await);
    let before = credit_cents(&world.sandbox, ZAR_CUSTOMER).await;
    let started = std::time::Instant::now();

    let mut workers = Vec::new();
    for worker in 0..4u64 {
        let world = world.clone();
        workers.push(tokio::spawn(async move {
            let mut rng = StdRng::seed_from_u64(0x0c0 + worker);
            let mut outcomes = Vec::new();
            for n in 0..250 {
                outcomes.push(one_top_up(&world, &mut rng, &format!("run-{worker}-{n}")).await);
            }
            outcomes
        }));
    }
    let mut outcomes = Vec::new();
    for worker in workers {
        outcomes.extend(worker.await.unwrap());
    }

    let platform = cx_testkit::Platform::connect(&world.sandbox).await;
    let query = [("company_id", ZAR_CUSTOMER.to_owned())];
    let payments: Vec<Value> = platform
        .client
        .list_all("payment", &query, 100)
        .await
        .unwrap();
    let mut per_checkout: HashMap<String, usize> = HashMap::new();
    for payment in &payments {
        let text = payment["description"].as_str().unwrap_or_default();
        if let Some(id) = text.split_whitespace().find(|w| w.starts_with("ch_")) {
            *per_checkout
                .entry(id.trim_end_matches(',').to_owned())
                .or_default() += 1;
        }
    }
    let paid: Vec<&Outcome> = outcomes.iter().filter(|o| o.paid).collect();
    let doubles = per_checkout.values().filter(|n| **n > 1).count();
    let lost = paid
        .iter()
        .filter(|o| !per_checkout.contains_key(o.checkout.as_deref().unwrap_or("")))
        .count();
    let unpaid_credited = outcomes
        .iter()
        .filter(|o| {
            !o.paid
                && o.checkout
                    .as_ref()
                    .is_some_and(|c| per_checkout.contains_key(c))
        })
        .count();
    let stats = world.yoco_stats().await;
    let platform_stats = world.sandbox.stats();
    println!(
        "FAULT RUN: {} top-ups, {} paid, {} cancelled; {} double credits, {} lost payments; \
         Yoco faults {}, replays {}, 409s {}; platform faults {}, dropped {}; {:.1} s",
        outcomes.len(),
        paid.len(),
        outcomes.len() - paid.len(),
        doubles,
        lost,
        stats["faults_applied"],
        stats["replays"],
        stats["in_flight_conflicts"],
        platform_stats.faults_applied,
        platform_stats.connections_dropped,
        started.elapsed().as_secs_f64()
    );

    assert_eq!(outcomes.len(), 1000);
    assert_eq!(doubles, 0, "no checkout credited twice");
    assert_eq!(lost, 0, "every paid checkout credited");
    assert_eq!(unpaid_credited, 0, "no cancelled checkout credited");
    let expected: i64 = paid.iter().map(|o| o.cents).sum();
    assert_eq!(
        credit_cents(&world.sandbox, ZAR_CUSTOMER).await - before,
        expected
    );
    assert!(
        stats["replays"].as_u64().unwrap() > 0,
        "the run exercised replays: {stats}"
    );
}

/// Queues a random fault or none, then runs one top-up to its end: paid (9 in 10) or cancelled.
async fn one_top_up(world: &World, rng: &mut StdRng, attempt: &str) -> Outcome {
    let yoco_fault = match rng.random_range(0..10) {
        0 => Some(json!({"kind": "status", "status": 500, "path_prefix": "checkouts"})),
        1 => Some(json!({"kind": "drop_after", "path_prefix": "checkouts"})),
        2 => Some(json!({"kind": "drop_before", "path_prefix": "checkouts"})),
        3 if rng.random_bool(0.2) => {
            Some(json!({"kind": "slow", "ms": 350, "path_prefix": "checkouts"}))
        }
        _ => None,
    };
    if let Some(fault) = yoco_fault {
        world.yoco_fault(fault).await;
    }
    let platform_fault = match rng.random_range(0..10) {
        0 => Some(Fault::Status(500)),
        1 => Some(Fault::DropAfter),
        2 => Some(Fault::Drop),
        _ => None,
    };
    if let Some(fault) = platform_fault {
        world.sandbox.faults().push_for("payment", fault, 1);
    }

    let cents = rng.random_range(200..50_000i64);
    let typed = format!("{}.{:02}", cents / 100, cents % 100);
    let view = world.top_up(attempt, &typed).await;
    let view = match view.state {
        TopUpState::Creating => world.wait_for(&view.id, TopUpState::AwaitingPayment).await,
        _ => view,
    };
    let checkout = view.checkout_id.clone().expect("a checkout");
    let pay = rng.random_range(0..10) != 0;
    world
        .press(&checkout, if pay { "pay" } else { "cancel" })
        .await;
    let end = if pay {
        TopUpState::Recorded
    } else {
        TopUpState::Cancelled
    };
    world.wait_for(&view.id, end).await;
    Outcome {
        checkout: Some(checkout),
        paid: pay,
        cents,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_second_machine_holding_the_same_paid_top_up_finds_it_recorded_and_posts_nothing() {
    let world = World::with_options(TEST_KEY, "amount", "0", slow_follower()).await;
    let view = world.top_up("two-machines", "42").await;
    world.engine.shutdown();
    let checkout = view.checkout_id.clone().unwrap();
    world.press(&checkout, "pay").await;
    world
        .force_status(&checkout, "completed", Some("p_two"))
        .await;
    // Machine A sees the payment, but the platform fails its check: paid, not yet recorded.
    world
        .sandbox
        .faults()
        .push_for("payment", Fault::Status(500), 1);
    let paid = world.engine.check_now(&view.id).await.unwrap();
    assert_eq!(paid.state, TopUpState::Paid);

    // Machine B starts from a copy of A's database taken now (a synced folder, a backup).
    let machine_b = tempfile::tempdir().unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let name = format!("yoco.sqlite3{suffix}");
        let from = world.dir.path().join(&name);
        if from.exists() {
            std::fs::copy(&from, machine_b.path().join(&name)).unwrap();
        }
    }
    // Machine A records it.
    let recorded = world.engine.check_now(&view.id).await.unwrap();
    assert_eq!(recorded.state, TopUpState::Recorded);

    let service = cx_testkit::unique_service("yoco-b");
    let core_b = support::signed_in_core(&world.sandbox, &machine_b, &service).await;
    let engine_b = cx_yoco::TopUps::open(core_b, fast_options()).unwrap();
    assert_eq!(
        engine_b.resume_pending().unwrap(),
        1,
        "B holds it as paid, unrecorded"
    );
    let mut done = engine_b.view(&view.id).unwrap();
    for _ in 0..1000 {
        if done.state == TopUpState::Recorded {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        done = engine_b.view(&view.id).unwrap();
    }
    assert_eq!(done.state, TopUpState::Recorded, "{:?}", done.events);

    assert_eq!(
        payments_with(&world.sandbox, ZAR_CUSTOMER, &checkout)
            .await
            .len(),
        1
    );
    let note = done
        .events
        .last()
        .and_then(|e| e.note.clone())
        .unwrap_or_default();
    assert_eq!(
        note,
        "the platform already holds this payment; not posted again"
    );
}
