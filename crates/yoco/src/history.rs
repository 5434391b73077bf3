//! Every top-up with its states and times, filtered, and as CSV.

use cx_core::{AppError, ErrorCode};
use cx_numbers::csv_text_cell;

use crate::engine::TopUps;
use crate::models::{HistoryFilter, TopUpView};
use crate::money::Cents;
use crate::store::TopUpRow;

impl TopUps {
    /// One top-up as the screens show it.
    pub fn view(&self, id: &str) -> Result<TopUpView, AppError> {
        let row = self.row(id)?;
        self.view_of(row)
    }

    fn view_of(&self, row: TopUpRow) -> Result<TopUpView, AppError> {
        let db = self.db();
        let events = db.events(&row.id)?;
        let (refunded, _) = db.refunded(&row.id)?;
        let recorded_at = match &row.checkout_id {
            Some(checkout) => db.recorded_at(checkout)?,
            None => None,
        };
        Ok(TopUpView {
            id: row.id,
            install_id: row.install_id,
            customer_id: row.customer_id,
            customer_name: row.customer_name,
            top_up: Cents(row.top_up_cents),
            fee: Cents(row.fee_cents),
            total: Cents(row.top_up_cents + row.fee_cents),
            mode: row.mode,
            state: row.state,
            checkout_id: row.checkout_id,
            redirect_url: row.redirect_url,
            payment_id: row.payment_id,
            checkout_status: row.checkout_status,
            error: row.error,
            refunded: Cents(refunded),
            created_at: row.created_at,
            updated_at: row.updated_at,
            recorded_at,
            events,
        })
    }

    /// The signed-in profile's top-ups matching `filter`, newest first.
    pub fn history(&self, filter: &HistoryFilter) -> Result<Vec<TopUpView>, AppError> {
        let session = self.core.platform()?;
        let rows = self.db().history(session.profile_id, filter)?;
        rows.into_iter().map(|row| self.view_of(row)).collect()
    }

    /// The same list as CSV: one line per top-up, amounts in rand with two decimals, texts
    /// through [`csv_text_cell`] so a customer's name never runs as a spreadsheet formula.
    pub fn history_csv(&self, filter: &HistoryFilter) -> Result<String, AppError> {
        history_csv(&self.history(filter)?)
    }
}

/// `views` as CSV with a header (see [`TopUps::history_csv`]).
fn history_csv(views: &[TopUpView]) -> Result<String, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| AppError::new(ErrorCode::Internal, format!("CSV: {e}."));
    writer
        .write_record([
            "created_at",
            "customer_id",
            "customer",
            "top_up",
            "fee",
            "total",
            "mode",
            "state",
            "checkout_id",
            "payment_id",
            "recorded_at",
            "refunded",
        ])
        .map_err(failed)?;
    for view in views {
        writer
            .write_record([
                view.created_at.as_str(),
                &csv_text_cell(&view.customer_id),
                &csv_text_cell(&view.customer_name),
                &view.top_up.decimal(),
                &view.fee.decimal(),
                &view.total.decimal(),
                view.mode.as_str(),
                view.state.as_str(),
                &csv_text_cell(view.checkout_id.as_deref().unwrap_or("")),
                &csv_text_cell(view.payment_id.as_deref().unwrap_or("")),
                view.recorded_at.as_deref().unwrap_or(""),
                &view.refunded.decimal(),
            ])
            .map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| failed(e.into_error().into()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A QR code of `text` as an SVG document, for handing a checkout link to a payer's phone.
pub fn qr_svg(text: &str) -> Result<String, AppError> {
    let code = qrcode::QrCode::new(text.as_bytes())
        .map_err(|e| AppError::new(ErrorCode::Internal, format!("QR code: {e}.")))?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(180, 180)
        .quiet_zone(true)
        .build())
}

#[cfg(test)]
mod tests {
    use super::history_csv;
    use crate::client::Mode;
    use crate::models::{TopUpState, TopUpView};
    use crate::money::Cents;

    #[test]
    fn a_customer_name_that_looks_like_a_formula_is_written_as_text() {
        let view = TopUpView {
            id: "tu_1".into(),
            install_id: "9".into(),
            customer_id: "101".into(),
            customer_name: "=HYPERLINK(\"http://x\")".into(),
            top_up: Cents(15000),
            fee: Cents(500),
            total: Cents(15500),
            mode: Mode::Live,
            state: TopUpState::Recorded,
            checkout_id: Some("ch_1".into()),
            redirect_url: None,
            payment_id: Some("p_1".into()),
            checkout_status: None,
            error: None,
            refunded: Cents(0),
            created_at: "2026-12-04 10:00:00".into(),
            updated_at: "2026-12-04 10:00:00".into(),
            recorded_at: None,
            events: Vec::new(),
        };
        let csv = history_csv(&[view]).unwrap();
        assert_eq!(
            csv.lines().nth(1).unwrap(),
            "2026-12-04 10:00:00,101,\"'=HYPERLINK(\"\"http://x\"\")\",150.00,5.00,155.00,live,\
             recorded,ch_1,p_1,,0.00"
        );
    }
}
