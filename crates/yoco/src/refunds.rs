//! Refunds of live payments: full (sent with no body) or partial, idempotent per attempt, and
//! recorded on the platform once as a negative payment. The fee is refunded last: a refund
//! takes the top-up off the customer's balance first, and only the part of it beyond the
//! top-up (the fee) leaves the balance alone.

use std::sync::Arc;

use cx_core::{AppError, ErrorCode};

use crate::client::Mode;
use crate::credit::{find_payment, payment_body, refund_text, Sign};
use crate::engine::{field, new_id, TopUps};
use crate::models::{RefundRequest, TopUpState, TopUpView};
use crate::money::{parse_cents, Cents};
use crate::store::RefundRow;

impl TopUps {
    /// Refunds a recorded live top-up, all that is left or the typed amount.
    pub async fn refund(self: &Arc<Self>, request: RefundRequest) -> Result<TopUpView, AppError> {
        let row = self.row(&request.top_up_id)?;
        if row.mode != Mode::Live {
            return Err(AppError::new(
                ErrorCode::InvalidInput,
                "Yoco refunds live payments only; a test payment took no money.",
            ));
        }
        if row.state != TopUpState::Recorded {
            return Err(AppError::new(
                ErrorCode::InvalidInput,
                "Only a paid and recorded top-up can be refunded.",
            ));
        }
        // One refund at a time: what is left counts only refunds Yoco answered, so a second
        // refund may not read it until the first is sent and its answer saved. The lock is the
        // one crediting uses; it is let go before the platform is told (which takes it again).
        let one_at_a_time = self.credit_lock.lock().await;
        let (refunded, _) = self.db().refunded(&row.id)?;
        let left = row.top_up_cents + row.fee_cents - refunded;
        let typed = request
            .amount
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let amount = match typed {
            None => None,
            Some(text) => {
                let cents = parse_cents(text).map_err(|e| field("amount", e.to_string()))?;
                if cents.0 <= 0 || cents.0 > left {
                    let message = format!("A refund is between R0.01 and {}.", Cents(left));
                    return Err(field("amount", message));
                }
                Some(cents.0)
            }
        };
        if left <= 0 {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "This top-up is refunded in full.",
            ));
        }
        let refund = RefundRow {
            id: new_id("rf_"),
            top_up_id: row.id.clone(),
            amount_cents: amount,
            idempotency_key: new_id("idem_"),
            refund_id: None,
            refunded_cents: None,
            recorded_at: None,
        };
        let refund = self.db().insert_refund(&refund, &request.attempt)?;
        self.send_refund(&refund, left).await?;
        drop(one_at_a_time);
        self.finish_refund(&refund.id).await;
        self.emit(&row.id);
        self.view(&row.id)
    }

    async fn send_refund(&self, refund: &RefundRow, left: i64) -> Result<(), AppError> {
        if refund.refund_id.is_some() {
            return Ok(());
        }
        let row = self.row(&refund.top_up_id)?;
        let checkout = row.checkout_id.clone().unwrap_or_default();
        let client = self.client(&row.install_id).await?;
        let amount = refund.amount_cents.map(Cents);
        match client
            .refund(&checkout, amount, &refund.idempotency_key)
            .await
        {
            Ok(answer) => {
                let cents = refund.amount_cents.unwrap_or(left);
                self.db()
                    .set_refund_answer(&refund.id, &answer.refund_id, cents)?;
                tracing::info!(top_up = %row.id, refund = %answer.refund_id, cents, "refunded");
                Ok(())
            }
            Err(error) => {
                self.db().set_refund_error(&refund.id, &error.to_string())?;
                Err(error.into())
            }
        }
    }

    /// Records a confirmed refund on the platform as a negative payment, once.
    pub(crate) async fn finish_refund(&self, refund_id: &str) {
        let _one_at_a_time = self.credit_lock.lock().await;
        if let Err(error) = self.record_refund(refund_id).await {
            tracing::warn!(refund = refund_id, message = %error.message, "refund not recorded yet");
            let _ = self.db().set_refund_error(refund_id, &error.message);
        }
    }

    async fn record_refund(&self, refund_id: &str) -> Result<(), AppError> {
        let refund = self.db().refund(refund_id)?;
        let Some(refund) = refund.filter(|r| r.recorded_at.is_none()) else {
            return Ok(());
        };
        let (Some(yoco_refund), Some(cents)) = (refund.refund_id.clone(), refund.refunded_cents)
        else {
            return Ok(());
        };
        let row = self.row(&refund.top_up_id)?;
        let checkout = row.checkout_id.clone().unwrap_or_default();
        let (refunded, _) = self.db().refunded(&row.id)?;
        let before = refunded - cents;
        let reversal = (refunded.min(row.top_up_cents)) - before.min(row.top_up_cents);
        let note = format!("refund {yoco_refund} of {}", Cents(cents));
        if reversal == 0 {
            self.db()
                .mark_refund_recorded(&refund.id, &row.id, &format!("{note}: fee only"))?;
            return Ok(());
        }
        let session = self.core.platform()?;
        if !find_payment(
            &session.client,
            &row.customer_id,
            &yoco_refund,
            Sign::Refund,
        )
        .await?
        {
            let text = refund_text(&row, &checkout, &yoco_refund);
            let body = payment_body(&row, Cents(-reversal), text);
            session.client.post("payment", &body).await?;
        }
        let note = format!("{note} recorded on the platform as {}", Cents(-reversal));
        self.db().mark_refund_recorded(&refund.id, &row.id, &note)?;
        Ok(())
    }
}
