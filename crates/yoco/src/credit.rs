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
            Err(error) => {
                let text = format!("Could not read the platform's payments: {error}");
                return self.note_error(&row, &text, Step::Wait);
            }
        }
        let body = payment_body(
            &row,
            &checkout_id,
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

/// Whether the customer's payments hold one whose description carries `marker` (a checkout
/// id for a credit, a refund id for a refund) with the expected sign.
pub(crate) async fn find_payment(
    client: &Client,
    customer_id: &str,
    marker: &str,
    sign: Sign,
) -> Result<bool, cx_platform::PlatformError> {
    let query = [("company_id", customer_id.to_owned())];
    let payments: Vec<Value> = client.list_all("payment", &query, 100).await?;
    Ok(payments.iter().any(|p| {
        let described = p["description"]
            .as_str()
            .is_some_and(|d| d.contains(marker));
        let amount = match &p["amount"] {
            Value::String(s) => s.trim().to_owned(),
            other => other.to_string(),
        };
        let negative = amount.starts_with('-');
        described && (negative == (sign == Sign::Refund))
    }))
}

/// `POST payment`'s body. `total` is written from the cents' decimal text, so it is exact.
pub(crate) fn payment_body(
    row: &TopUpRow,
    _checkout_id: &str,
    total: Cents,
    description: String,
) -> Value {
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
