//! Crediting the platform exactly once.
//!
//! The platform's `POST payment` is not idempotent, so three guards stand in front of it:
//! 1. one credit claim per checkout id in SQLite (a primary key), taken before posting and
//!    marked recorded in the same transaction as the top-up;
//! 2. one credit at a time in this process (a double click or two pollers queue up, and the
//!    second finds the first's work done);
//! 3. before every post, the customer's payment history is read from the platform and a payment
//!    whose description carries the checkout id counts as recorded. A post whose answer was
//!    lost (timeout, reset, 5xx) therefore never posts again blindly: the next try looks
//!    first. The same holds after a restart, or on a second machine.
//!
//! ASSUMPTION: step 3 needs `GET payment` to answer each payment's `description`, which the
//! contract does not list (`docs/assumed-api.md`, Yoco). When the platform's payments carry no
//! description at all, nothing is posted: the top-up stays paid-but-not-credited and says that
//! a person must record it, rather than risk crediting twice.
//!
//! A payment taken with a test key (`sk_test_`) moved no money, so it is credited only on the
//! sandbox; on a real account it stays paid-but-not-credited, and says why.
//!
//! NOTE: two machines crediting the same checkout in the same second could both miss each
//! other's payment in step 3; the platform offers no lock to close that window.

use std::sync::Arc;

use cx_platform::Client;
use serde_json::{json, Value};

use crate::client::Mode;
use crate::engine::{Step, TopUps};
use crate::money::Cents;
use crate::store::{Claim, TopUpRow};

impl TopUps {
    /// Records a paid top-up on the platform, unless it already is.
    pub(crate) async fn credit(self: &Arc<Self>, row: &TopUpRow) -> Step {
        let _one_at_a_time = self.credit_lock.lock().await;
        let Ok(row) = self.row(&row.id) else {
            return Step::Stop;
        };
        let Some(checkout_id) = row.checkout_id.clone() else {
            return Step::Stop;
        };
        if row.state != crate::models::TopUpState::Paid {
            return Step::Again;
        }
        let claim = self.db().claim_credit(&checkout_id, &row.id);
        match claim {
            Ok(Claim::Recorded) => return self.recorded(&row, &checkout_id, "already recorded"),
            Ok(Claim::Open) => {}
            Err(error) => return self.note_error(&row, &error.to_string(), Step::Wait),
        }
        let session = match self.core.platform() {
            Ok(session) => session,
            Err(error) => return self.note_error(&row, &error.message, Step::Stop),
        };
        if row.mode == Mode::Test && !session.is_sandbox {
            let text = "Paid with a test key: no money moved, so the customer is not credited \
                        on this real account. Use a live key to take real top-ups.";
            return self.note_error(&row, text, Step::Stop);
        }

        let client = &session.client;
        match find_payment(client, &row.customer_id, &checkout_id, Sign::Credit).await {
            Ok(true) => {
                let note = "the platform already holds this payment; not posted again";
                return self.recorded(&row, &checkout_id, note);
            }
            Ok(false) => {}
            Err(error @ PaymentCheckError::Unmatchable) => {
                return self.note_error(&row, &error.to_string(), Step::Stop);
            }
            Err(error) => return self.note_error(&row, &error.to_string(), Step::Wait),
        }
        let body = payment_body(
            &row,
            Cents(row.top_up_cents),
            top_up_text(&row, &checkout_id),
        );
        match client.post("payment", &body).await {
            Ok(_) => {
                tracing::info!(top_up = %row.id, checkout = %checkout_id, "payment recorded");
                self.recorded(&row, &checkout_id, "recorded on the platform")
            }
            Err(error) => {
                let text = format!(
                    "Recording on the platform failed ({error}); the platform's payments are \
                     checked before the next try, so it cannot be recorded twice."
                );
                self.note_error(&row, &text, Step::Wait)
            }
        }
    }

    fn recorded(&self, row: &TopUpRow, checkout_id: &str, note: &str) -> Step {
        match self.db().mark_recorded(checkout_id, &row.id, note) {
            Ok(()) => Step::Again,
            Err(error) => self.note_error(row, &error.to_string(), Step::Wait),
        }
    }
}

/// Whether a credit or a refund is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sign {
    Credit,
    Refund,
}

/// Why the platform's payments could not say whether a credit or refund is already there.
#[derive(Debug)]
pub(crate) enum PaymentCheckError {
    /// The payments could not be read.
    Platform(cx_platform::PlatformError),
    /// The payments were read, but none carries a `description`, so none can be matched to a
    /// checkout or refund: posting could credit twice.
    Unmatchable,
}

/// The words shown on the top-up when the platform's payments carry no descriptions.
pub(crate) const UNMATCHABLE: &str = "The platform's payments come back without descriptions, so      they cannot be matched to Yoco checkouts and this one may already be recorded. Nothing was      posted: a person must check the customer's payments on the platform and record it by hand.";

impl std::fmt::Display for PaymentCheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Platform(error) => write!(f, "Could not read the platform's payments: {error}"),
            Self::Unmatchable => f.write_str(UNMATCHABLE),
        }
    }
}

impl From<PaymentCheckError> for cx_core::AppError {
    fn from(error: PaymentCheckError) -> Self {
        match error {
            PaymentCheckError::Platform(error) => error.into(),
            PaymentCheckError::Unmatchable => {
                cx_core::AppError::new(cx_core::ErrorCode::Platform, UNMATCHABLE)
            }
        }
    }
}

/// Whether the customer's payments hold one whose description carries `marker` (a checkout
/// id for a credit, a refund id for a refund) with the expected sign.
///
/// ASSUMPTION (see `docs/assumed-api.md`, Yoco): `GET payment` answers the `description` that
/// `POST payment` was given. The contract does not list that field, so this fails closed: when
/// there are payments and not one of them has a `description` field, the answer is
/// [`PaymentCheckError::Unmatchable`] and nothing may be posted.
pub(crate) async fn find_payment(
    client: &Client,
    customer_id: &str,
    marker: &str,
    sign: Sign,
) -> Result<bool, PaymentCheckError> {
    let query = [("company_id", customer_id.to_owned())];
    let payments: Vec<Value> = client
        .list_all("payment", &query, 100)
        .await
        .map_err(PaymentCheckError::Platform)?;
    matches_payment(&payments, marker, sign)
}

/// [`find_payment`]'s decision over payments already read.
fn matches_payment(
    payments: &[Value],
    marker: &str,
    sign: Sign,
) -> Result<bool, PaymentCheckError> {
    if !payments.is_empty() && payments.iter().all(|p| p.get("description").is_none()) {
        return Err(PaymentCheckError::Unmatchable);
    }
    Ok(payments.iter().any(|p| {
        let described = p["description"]
            .as_str()
            .is_some_and(|d| d.contains(marker));
        // `GET payment` names the sum `amount`; a platform that echoes what was posted names
        // it `total`, as `POST payment` does.
        let sum = p.get("amount").or_else(|| p.get("total"));
        let amount = match sum {
            Some(Value::String(s)) => s.trim().to_owned(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        let negative = amount.starts_with('-');
        described && (negative == (sign == Sign::Refund))
    }))
}

/// `POST payment`'s body. `total` is written from the cents' decimal text, so it is exact.
pub(crate) fn payment_body(row: &TopUpRow, total: Cents, description: String) -> Value {
    let total: Value = serde_json::from_str(&total.decimal()).unwrap_or(Value::Null);
    json!({
        "company_id": row.customer_id,
        "total": total,
        "description": description,
        "status": "Completed",
        "currency": "ZAR",
    })
}

fn mode_text(mode: Mode) -> &'static str {
    match mode {
        Mode::Test => "test mode",
        Mode::Live => "live",
    }
}

fn top_up_text(row: &TopUpRow, checkout_id: &str) -> String {
    let payment = row.payment_id.as_deref().unwrap_or("?");
    format!(
        "Yoco top-up, checkout {checkout_id}, payment {payment} ({})",
        mode_text(row.mode)
    )
}

pub(crate) fn refund_text(row: &TopUpRow, checkout_id: &str, refund_id: &str) -> String {
    format!(
        "Yoco refund {refund_id} of checkout {checkout_id} ({})",
        mode_text(row.mode)
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{matches_payment, PaymentCheckError, Sign};

    #[test]
    fn payments_without_any_description_cannot_be_matched_so_nothing_is_posted() {
        let payments = [
            json!({"id": "1", "amount": "50.00", "currency": "ZAR", "status": "Completed"}),
            json!({"id": "2", "amount": "-5.00", "currency": "ZAR", "status": "Completed"}),
        ];
        let answer = matches_payment(&payments, "ch_123", Sign::Credit);
        assert!(
            matches!(answer, Err(PaymentCheckError::Unmatchable)),
            "{answer:?}"
        );
        let text = answer.unwrap_err().to_string();
        assert!(
            text.contains("cannot be matched to Yoco checkouts"),
            "{text}"
        );
    }

    #[test]
    fn payments_with_descriptions_are_matched_by_marker_and_sign() {
        let payments = [
            json!({"amount": "50.00", "description": "Yoco top-up, checkout ch_123, payment p"}),
            json!({"amount": "20.00"}),
        ];
        assert!(matches_payment(&payments, "ch_123", Sign::Credit).unwrap());
        assert!(!matches_payment(&payments, "ch_123", Sign::Refund).unwrap());
        assert!(!matches_payment(&payments, "ch_999", Sign::Credit).unwrap());
        assert!(!matches_payment(&[], "ch_123", Sign::Credit).unwrap());
    }

    #[test]
    fn a_payment_echoed_with_the_posted_total_is_matched_by_its_sign() {
        let refund = [json!({"total": -5, "description": "Yoco refund r_1 of checkout ch_123"})];
        assert!(matches_payment(&refund, "ch_123", Sign::Refund).unwrap());
        assert!(!matches_payment(&refund, "ch_123", Sign::Credit).unwrap());
        let credit = [json!({"total": "50.00", "description": "Yoco top-up, checkout ch_123"})];
        assert!(matches_payment(&credit, "ch_123", Sign::Credit).unwrap());
        assert!(!matches_payment(&credit, "ch_123", Sign::Refund).unwrap());
    }
}
