//! The Money cases of `shared/cases/README.md`, one test per typed amount and per surcharge
//! example, named after them; and the same amounts as the sandbox's Yoco receives them.

use crate::support;

use cx_yoco::money::{parse_rand, Cents, MoneyError};
use cx_yoco::surcharge::Surcharge;

#[test]
fn money_case_270_85_is_27085_cents() {
    assert_eq!(parse_rand("270.85"), Ok(Cents(27085)));
}

#[test]
fn money_case_0_29_is_29_cents_and_refused_under_the_minimum() {
    // 0.29 parses to exactly 29 cents (floating point gives 28)...
    assert_eq!(cx_yoco::money::parse_cents("0.29"), Ok(Cents(29)));
    // ...and, being under R2.00, is not a top-up Yoco takes.
    assert_eq!(parse_rand("0.29"), Err(MoneyError::UnderMinimum(Cents(29))));
}

#[test]
fn money_case_19_99_is_1999_cents() {
    assert_eq!(parse_rand("19.99"), Ok(Cents(1999)));
}

#[test]
fn money_case_2_01_is_201_cents() {
    assert_eq!(parse_rand("2.01"), Ok(Cents(201)));
}

#[test]
fn money_case_1_99_is_refused_under_the_r2_minimum() {
    let refused = parse_rand("1.99").unwrap_err();
    assert_eq!(refused, MoneyError::UnderMinimum(Cents(199)));
    assert_eq!(
        refused.to_string(),
        "The smallest top-up Yoco takes is R2.00; R1.99 is under it."
    );
}

#[test]
fn money_case_percent_2_5_of_1010_is_25_total_1035() {
    let quote = Surcharge::Percent(250).quote(Cents(1010));
    assert_eq!((quote.fee, quote.total), (Cents(25), Cents(1035)));
}

#[test]
fn money_case_percent_2_5_of_1060_is_27_total_1087() {
    let quote = Surcharge::Percent(250).quote(Cents(1060));
    assert_eq!((quote.fee, quote.total), (Cents(27), Cents(1087)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_amounts_reach_yoco_as_exact_cents_with_the_fee_on_its_own_line() {
    let world = support::World::new(support::TEST_KEY, "percent", "2.5").await;

    for (typed, top_up, fee) in [
        ("270.85", 27085, 677),
        ("19.99", 1999, 50),
        ("2.01", 201, 5),
        ("10.60", 1060, 27),
    ] {
        let view = world.top_up(&format!("money-{typed}"), typed).await;
        assert_eq!(
            (view.top_up, view.fee),
            (Cents(top_up), Cents(fee)),
            "{typed}"
        );
        let checkouts = world.checkouts().await;
        let sent = checkouts
            .iter()
            .find(|c| Some(c["id"].as_str().unwrap_or_default()) == view.checkout_id.as_deref())
            .expect("the checkout is in the sandbox");
        assert_eq!(
            sent["amount"],
            top_up + fee,
            "{typed}: Yoco charges top-up plus fee"
        );
        let lines = sent["lineItems"].as_array().unwrap();
        assert_eq!(lines.len(), 2, "the fee is a line of its own");
        assert_eq!(lines[1]["pricingDetails"]["price"], fee);
    }

    let refused = world
        .engine
        .start(&world.install_id, support::request("money-1.99", "1.99"))
        .await;
    let error = refused.unwrap_err();
    assert_eq!(error.fields[0].field, "amount");
    assert!(error.message.contains("R2.00"), "{}", error.message);
    assert_eq!(
        world.checkouts().await.len(),
        4,
        "a refused amount sends nothing to Yoco"
    );
}
