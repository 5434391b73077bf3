//! The top-ups' own SQLite file (`yoco.sqlite3` in the app's data folder): every top-up with
//! its idempotency key, states and times, the one-credit-per-checkout claims, and refunds.
//! No secret is ever written here.

use std::path::Path;

use cx_cache::CacheError;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::client::Mode;
use crate::models::{HistoryFilter, TopUpEvent, TopUpState};

/// This file's migrations, in order; never edit a shipped one, add the next.
pub const MIGRATIONS: &[&str] = &[include_str!("migrations/0001_top_ups.sql")];

pub(crate) fn now_text() -> String {
    chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// A top-up row, the idempotency key and request body included.
#[derive(Debug, Clone)]
pub(crate) struct TopUpRow {
    pub id: String,
    pub profile_id: i64,
    pub install_id: String,
    pub attempt: String,
    pub customer_id: String,
    pub customer_name: String,
    pub top_up_cents: i64,
    pub fee_cents: i64,
    pub mode: Mode,
    pub state: TopUpState,
    pub idempotency_key: String,
    pub request_json: String,
    pub checkout_id: Option<String>,
    pub redirect_url: Option<String>,
    pub payment_id: Option<String>,
    pub checkout_status: Option<String>,
    pub error: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

const COLUMNS: &str = "id, profile_id, install_id, attempt, customer_id, customer_name, \
    top_up_cents, fee_cents, mode, state, idempotency_key, request_json, checkout_id, \
    redirect_url, payment_id, checkout_status, error, created_at, updated_at";

fn read_row(row: &Row<'_>) -> rusqlite::Result<TopUpRow> {
    let mode: String = row.get(8)?;
    let state: String = row.get(9)?;
    Ok(TopUpRow {
        id: row.get(0)?,
        profile_id: row.get(1)?,
        install_id: row.get(2)?,
        attempt: row.get(3)?,
        customer_id: row.get(4)?,
        customer_name: row.get(5)?,
        top_up_cents: row.get(6)?,
        fee_cents: row.get(7)?,
        mode: Mode::parse(&mode).unwrap_or(Mode::Test),
        state: TopUpState::parse(&state).unwrap_or(TopUpState::Failed),
        idempotency_key: row.get(10)?,
        request_json: row.get(11)?,
        checkout_id: row.get(12)?,
        redirect_url: row.get(13)?,
        payment_id: row.get(14)?,
        checkout_status: row.get(15)?,
        error: row.get(16)?,
        created_at: row.get(17)?,
        updated_at: row.get(18)?,
    })
}

/// What taking the credit claim of a checkout found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Claim {
    /// The claim is ours (new, or ours from before a restart): check, then post.
    Open,
    /// The platform already holds this checkout's payment.
    Recorded,
}

/// A refund row.
#[derive(Debug, Clone)]
pub(crate) struct RefundRow {
    pub id: String,
    pub top_up_id: String,
    pub amount_cents: Option<i64>,
    pub idempotency_key: String,
    pub refund_id: Option<String>,
    pub refunded_cents: Option<i64>,
    pub recorded_at: Option<String>,
}

/// The open file.
pub(crate) struct Db {
    conn: Connection,
}

impl Db {
    pub(crate) fn open(path: &Path) -> Result<Self, CacheError> {
        Ok(Self {
            conn: cx_cache::open_database(path, MIGRATIONS)?,
        })
    }

    /// Inserts a new top-up, or answers the one already made for the same attempt.
    pub(crate) fn insert_top_up(&mut self, row: &TopUpRow) -> Result<TopUpRow, CacheError> {
        let tx = self.conn.transaction()?;
        let existing = tx
            .query_row(
                &format!("SELECT {COLUMNS} FROM top_ups WHERE attempt = ?1"),
                [&row.attempt],
                read_row,
            )
            .optional()?;
        if let Some(existing) = existing {
            return Ok(existing);
        }
        tx.execute(
            &format!(
                "INSERT INTO top_ups ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, \
                 ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)"
            ),
            params![
                row.id,
                row.profile_id,
                row.install_id,
                row.attempt,
                row.customer_id,
                row.customer_name,
                row.top_up_cents,
                row.fee_cents,
                row.mode.as_str(),
                row.state.as_str(),
                row.idempotency_key,
                row.request_json,
                row.checkout_id,
                row.redirect_url,
                row.payment_id,
                row.checkout_status,
                row.error,
                row.created_at,
                row.updated_at
            ],
        )?;
        insert_event(&tx, &row.id, row.state, Some("idempotency key stored"))?;
        tx.commit()?;
        Ok(row.clone())
    }

    pub(crate) fn top_up(&self, id: &str) -> Result<Option<TopUpRow>, CacheError> {
        let sql = format!("SELECT {COLUMNS} FROM top_ups WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], read_row).optional()?)
    }

    /// Moves a top-up to `state` (with a history event when the state changes) and sets the
    /// checkout fields given.
    pub(crate) fn update(
        &mut self,
        id: &str,
        state: TopUpState,
        change: &Change<'_>,
    ) -> Result<(), CacheError> {
        let tx = self.conn.transaction()?;
        let before: String =
            tx.query_row("SELECT state FROM top_ups WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
        tx.execute(
            "UPDATE top_ups SET state = ?2, \
               checkout_id = COALESCE(?3, checkout_id), \
               redirect_url = COALESCE(?4, redirect_url), \
               payment_id = COALESCE(?5, payment_id), \
               checkout_status = COALESCE(?6, checkout_status), \
               error = ?7, updated_at = ?8 \
             WHERE id = ?1",
            params![
                id,
                state.as_str(),
                change.checkout_id,
                change.redirect_url,
                change.payment_id,
                change.checkout_status,
                change.error,
                now_text()
            ],
        )?;
        if before != state.as_str() || change.note.is_some() {
            insert_event(&tx, id, state, change.note)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Top-ups of the profile the app still has work on.
    pub(crate) fn pending(&self, profile_id: i64) -> Result<Vec<TopUpRow>, CacheError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM top_ups WHERE profile_id = ?1 \
             AND state IN ('creating', 'awaiting_payment', 'paid') ORDER BY created_at"
        );
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map([profile_id], read_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The profile's top-ups matching the filter, newest first.
    pub(crate) fn history(
        &self,
        profile_id: i64,
        filter: &HistoryFilter,
    ) -> Result<Vec<TopUpRow>, CacheError> {
        let text = filter
            .text
            .as_deref()
            .map(|t| format!("%{}%", t.trim().to_lowercase()));
        let to = filter.to.as_deref().map(|d| format!("{d} 99"));
        let sql = format!(
            "SELECT {COLUMNS} FROM top_ups WHERE profile_id = ?1 \
             AND (?2 IS NULL OR install_id = ?2) AND (?3 IS NULL OR state = ?3) \
             AND (?4 IS NULL OR customer_id = ?4) \
             AND (?5 IS NULL OR lower(customer_name) LIKE ?5 OR lower(checkout_id) LIKE ?5 \
                  OR lower(payment_id) LIKE ?5) \
             AND (?6 IS NULL OR created_at >= ?6) AND (?7 IS NULL OR created_at <= ?7) \
             ORDER BY created_at DESC, rowid DESC"
        );
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map(
            params![
                profile_id,
                filter.install_id,
                filter.state.map(|s| s.as_str()),
                filter.customer_id,
                text,
                filter.from,
                to
            ],
            read_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub(crate) fn events(&self, top_up_id: &str) -> Result<Vec<TopUpEvent>, CacheError> {
        let mut statement = self.conn.prepare(
            "SELECT at, state, note FROM top_up_events WHERE top_up_id = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map([top_up_id], |r| {
            Ok(TopUpEvent {
                at: r.get(0)?,
                state: r.get(1)?,
                note: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Takes the one credit claim of `checkout_id` for `top_up_id`. The primary key on the
    /// checkout id means there is only ever one.
    pub(crate) fn claim_credit(
        &mut self,
        checkout_id: &str,
        top_up_id: &str,
    ) -> Result<Claim, CacheError> {
        self.conn.execute(
            "INSERT INTO credits (checkout_id, top_up_id, claimed_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT (checkout_id) DO NOTHING",
            params![checkout_id, top_up_id, now_text()],
        )?;
        let recorded: Option<String> = self.conn.query_row(
            "SELECT recorded_at FROM credits WHERE checkout_id = ?1",
            [checkout_id],
            |r| r.get(0),
        )?;
        Ok(if recorded.is_some() {
            Claim::Recorded
        } else {
            Claim::Open
        })
    }

    /// The platform holds the payment: the credit and the top-up say so, in one transaction.
    pub(crate) fn mark_recorded(
        &mut self,
        checkout_id: &str,
        top_up_id: &str,
        note: &str,
    ) -> Result<(), CacheError> {
        let tx = self.conn.transaction()?;
        let now = now_text();
        tx.execute(
            "UPDATE credits SET recorded_at = ?2 WHERE checkout_id = ?1 AND recorded_at IS NULL",
            params![checkout_id, now],
        )?;
        tx.execute(
            "UPDATE top_ups SET state = 'recorded', error = NULL, updated_at = ?2 WHERE id = ?1",
            params![top_up_id, now],
        )?;
        insert_event(&tx, top_up_id, TopUpState::Recorded, Some(note))?;
        tx.commit()?;
        Ok(())
    }

    pub(crate) fn recorded_at(&self, checkout_id: &str) -> Result<Option<String>, CacheError> {
        Ok(self
            .conn
            .query_row(
                "SELECT recorded_at FROM credits WHERE checkout_id = ?1",
                [checkout_id],
                |r| r.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten())
    }

    /// Inserts a refund, or answers the one already made for the same attempt.
    pub(crate) fn insert_refund(
        &mut self,
        row: &RefundRow,
        attempt: &str,
    ) -> Result<RefundRow, CacheError> {
        let existing = self.refund_by("attempt", attempt)?;
        if let Some(existing) = existing {
            return Ok(existing);
        }
        self.conn.execute(
            "INSERT INTO refunds (id, top_up_id, attempt, amount_cents, idempotency_key, state, \
             created_at) VALUES (?1, ?2, ?3, ?4, ?5, 'requested', ?6)",
            params![
                row.id,
                row.top_up_id,
                attempt,
                row.amount_cents,
                row.idempotency_key,
                now_text()
            ],
        )?;
        Ok(row.clone())
    }

    fn refund_by(&self, column: &str, value: &str) -> Result<Option<RefundRow>, CacheError> {
        let sql = format!(
            "SELECT id, top_up_id, amount_cents, idempotency_key, refund_id, refunded_cents, \
             recorded_at FROM refunds WHERE {column} = ?1"
        );
        Ok(self
            .conn
            .query_row(&sql, [value], |r| {
                Ok(RefundRow {
                    id: r.get(0)?,
                    top_up_id: r.get(1)?,
                    amount_cents: r.get(2)?,
                    idempotency_key: r.get(3)?,
                    refund_id: r.get(4)?,
                    refunded_cents: r.get(5)?,
                    recorded_at: r.get(6)?,
                })
            })
            .optional()?)
    }

    pub(crate) fn refund(&self, id: &str) -> Result<Option<RefundRow>, CacheError> {
        self.refund_by("id", id)
    }

    pub(crate) fn set_refund_answer(
        &mut self,
        id: &str,
        refund_id: &str,
        cents: i64,
    ) -> Result<(), CacheError> {
        self.conn.execute(
            "UPDATE refunds SET state = 'refunded', refund_id = ?2, refunded_cents = ?3, \
             error = NULL WHERE id = ?1",
            params![id, refund_id, cents],
        )?;
        Ok(())
    }

    pub(crate) fn set_refund_error(&mut self, id: &str, error: &str) -> Result<(), CacheError> {
        self.conn.execute(
            "UPDATE refunds SET error = ?2 WHERE id = ?1",
            params![id, error],
        )?;
        Ok(())
    }

    pub(crate) fn mark_refund_recorded(
        &mut self,
        id: &str,
        top_up_id: &str,
        note: &str,
    ) -> Result<(), CacheError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE refunds SET state = 'recorded', recorded_at = ?2 WHERE id = ?1",
            params![id, now_text()],
        )?;
        let state: String = tx.query_row(
            "SELECT state FROM top_ups WHERE id = ?1",
            [top_up_id],
            |r| r.get(0),
        )?;
        let state = TopUpState::parse(&state).unwrap_or(TopUpState::Recorded);
        insert_event(&tx, top_up_id, state, Some(note))?;
        tx.commit()?;
        Ok(())
    }

    /// Cents refunded so far (Yoco confirmed), and of them how much was taken off the
    /// platform balance.
    pub(crate) fn refunded(&self, top_up_id: &str) -> Result<(i64, i64), CacheError> {
        Ok(self.conn.query_row(
            "SELECT COALESCE(SUM(refunded_cents), 0), \
                    COALESCE(SUM(CASE WHEN recorded_at IS NOT NULL THEN refunded_cents END), 0) \
             FROM refunds WHERE top_up_id = ?1",
            [top_up_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Refunds Yoco confirmed that the platform does not hold yet.
    pub(crate) fn unrecorded_refunds(&self) -> Result<Vec<RefundRow>, CacheError> {
        let ids: Vec<String> = {
            let mut statement = self.conn.prepare(
                "SELECT id FROM refunds WHERE refund_id IS NOT NULL AND recorded_at IS NULL",
            )?;
            let rows = statement.query_map([], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut out = Vec::new();
        for id in ids {
            out.extend(self.refund(&id)?);
        }
        Ok(out)
    }
}

/// Fields a state change may set; `None` leaves a column as it is (except `error`, which is
/// replaced: `None` clears it).
#[derive(Debug, Default)]
pub(crate) struct Change<'a> {
    pub checkout_id: Option<&'a str>,
    pub redirect_url: Option<&'a str>,
    pub payment_id: Option<&'a str>,
    pub checkout_status: Option<&'a str>,
    pub error: Option<&'a str>,
    pub note: Option<&'a str>,
}

fn insert_event(
    tx: &rusqlite::Transaction<'_>,
    top_up_id: &str,
    state: TopUpState,
    note: Option<&str>,
) -> Result<(), CacheError> {
    tx.execute(
        "INSERT INTO top_up_events (top_up_id, at, state, note) VALUES (?1, ?2, ?3, ?4)",
        params![top_up_id, now_text(), state.as_str(), note],
    )?;
    Ok(())
}
