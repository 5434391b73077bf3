//! Billing arithmetic from the contract: 0 s bills 0; up to i1 bills i1; then whole iN steps.
//! Cost = (i1 × price_1 + (billed − i1) × price_n) / 60.

use cx_neutrafix::billing::{billed_seconds, Tariff};

#[test]
fn sixty_six_bills_the_contract_examples() {
    assert_eq!(billed_seconds(10, 60, 6), 60, "10 s bills 60 s");
    assert_eq!(billed_seconds(61, 60, 6), 66, "61 s bills 66 s");
    assert_eq!(billed_seconds(67, 60, 6), 72, "67 s bills 72 s");
    assert_eq!(billed_seconds(60, 60, 6), 60);
    assert_eq!(billed_seconds(66, 60, 6), 66);
}

#[test]
fn one_one_bills_every_second() {
    for d in [1, 2, 59, 61, 3600] {
        assert_eq!(billed_seconds(d, 1, 1), d);
    }
}

#[test]
fn thirty_six_bills_thirty_then_six_second_steps() {
    assert_eq!(billed_seconds(5, 30, 6), 30);
    assert_eq!(billed_seconds(30, 30, 6), 30);
    assert_eq!(billed_seconds(31, 30, 6), 36);
    assert_eq!(billed_seconds(37, 30, 6), 42);
}

#[test]
fn a_zero_length_call_bills_and_costs_nothing() {
    assert_eq!(billed_seconds(0, 60, 6), 0);
    let tariff = Tariff {
        price_1: 0.012,
        price_n: 0.006,
        interval_1: 60,
        interval_n: 6,
    };
    let call = tariff.cost(0);
    assert_eq!((call.billed_seconds, call.cost), (0, 0.0));
}

#[test]
fn cost_uses_price_1_for_the_first_interval_and_price_n_after() {
    let tariff = Tariff {
        price_1: 0.012,
        price_n: 0.006,
        interval_1: 60,
        interval_n: 6,
    };
    let call = tariff.cost(61);
    assert_eq!(call.billed_seconds, 66);
    // (60 × 0.012 + 6 × 0.006) / 60 = (0.72 + 0.036) / 60 = 0.0126
    assert!((call.cost - 0.0126).abs() < 1e-12, "{}", call.cost);

    let short = tariff.cost(10);
    // 60 s at price_1: 60 × 0.012 / 60 = 0.012
    assert!((short.cost - 0.012).abs() < 1e-12, "{}", short.cost);
}

proptest::proptest! {
    /// For any call and intervals: nothing for 0 s; at least the call and the first interval;
    /// the part after the first interval in whole steps; never a whole step too many.
    #[test]
    fn billed_seconds_follow_the_contract_for_any_call(d in 0u32..100_000, i1 in 1u32..120, i_n in 1u32..120) {
        let billed = billed_seconds(d, i1, i_n);
        if d == 0 {
            proptest::prop_assert_eq!(billed, 0);
        } else {
            proptest::prop_assert!(billed >= d && billed >= i1);
            proptest::prop_assert_eq!((billed - i1) % i_n, 0);
            proptest::prop_assert!(billed < d.max(i1) + i_n);
        }
    }
}

#[test]
fn a_call_near_u32_max_saturates_instead_of_overflowing() {
    assert_eq!(billed_seconds(u32::MAX, 60, 60), u32::MAX);
    assert_eq!(billed_seconds(u32::MAX - 1, 1, 7), u32::MAX);
    assert_eq!(billed_seconds(u32::MAX, u32::MAX, 6), u32::MAX);
}
