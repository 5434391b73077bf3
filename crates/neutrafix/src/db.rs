//! This feature's own SQLite file (`neutrafix.sqlite3` in the data folder) and what is kept in
//! it. Secrets never come here; they are in the OS keyring.

use std::path::Path;

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};

use crate::assumed::DocumentKind;
use crate::deck::{self, Deck, DeckProblem, DeckRate};
use crate::error::{NeutrafixError, Result};
use crate::models::{AccountState, DocumentView, PurchaseState, PurchaseView};
use crate::route::Route;

pub const FILE_NAME: &str = "neutrafix.sqlite3";

/// Applied in order; once shipped, a migration is never edited, only followed.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_market.sql"),
    include_str!("migrations/0002_pending_rates.sql"),
];

pub fn open(data_dir: &Path) -> Result<Connection> {
    Ok(cx_cache::open_database(
        &data_dir.join(FILE_NAME),
        MIGRATIONS,
    )?)
}

fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// The saved login (not the key).
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub api_login: String,
    pub exchange_url: String,
    pub i_account: Option<String>,
    pub company: Option<String>,
}

pub fn account(db: &Connection, profile: i64) -> Result<Option<Account>> {
    let sql =
        "SELECT api_login, exchange_url, i_account, company FROM account WHERE profile_id = ?1";
    Ok(db
        .query_row(sql, [profile], |r| {
            Ok(Account {
                api_login: r.get(0)?,
                exchange_url: r.get(1)?,
                i_account: r.get(2)?,
                company: r.get(3)?,
            })
        })
        .optional()?)
}

pub fn save_account(db: &Connection, profile: i64, account: &Account) -> Result<()> {
    db.execute(
        "INSERT INTO account (profile_id, api_login, exchange_url, i_account, company, logged_in_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (profile_id) DO UPDATE SET api_login = ?2, exchange_url = ?3,
             i_account = ?4, company = ?5, logged_in_at = ?6",
        params![profile, account.api_login, account.exchange_url, account.i_account, account.company, now()],
    )?;
    Ok(())
}

pub fn forget_account(db: &Connection, profile: i64) -> Result<()> {
    db.execute("DELETE FROM account WHERE profile_id = ?1", [profile])?;
    Ok(())
}

/// A sign-up in progress or done.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplicationRow {
    pub application_id: String,
    pub exchange_url: String,
    pub company_name: String,
    pub documents: Vec<DocumentView>,
    pub status: AccountState,
    pub message: Option<String>,
    pub api_login: Option<String>,
}

fn state_text(state: AccountState) -> &'static str {
    match state {
        AccountState::None => "none",
        AccountState::Draft => "draft",
        AccountState::Pending => "pending",
        AccountState::Rejected => "rejected",
        AccountState::Verified => "verified",
        AccountState::LoggedIn => "logged_in",
    }
}

fn state_from(text: &str) -> AccountState {
    match text {
        "draft" => AccountState::Draft,
        "pending" => AccountState::Pending,
        "rejected" => AccountState::Rejected,
        "verified" => AccountState::Verified,
        "logged_in" => AccountState::LoggedIn,
        _ => AccountState::None,
    }
}

pub fn application(db: &Connection, profile: i64) -> Result<Option<ApplicationRow>> {
    let sql = "SELECT application_id, exchange_url, company_name, documents, status, message,
                      api_login FROM application WHERE profile_id = ?1";
    Ok(db
        .query_row(sql, [profile], |r| {
            let documents: String = r.get(3)?;
            let status: String = r.get(4)?;
            Ok(ApplicationRow {
                application_id: r.get(0)?,
                exchange_url: r.get(1)?,
                company_name: r.get(2)?,
                documents: serde_json::from_str(&documents).unwrap_or_default(),
                status: state_from(&status),
                message: r.get(5)?,
                api_login: r.get(6)?,
            })
        })
        .optional()?)
}

pub fn save_application(db: &Connection, profile: i64, app: &ApplicationRow) -> Result<()> {
    let documents = serde_json::to_string(&app.documents).unwrap_or_else(|_| "[]".into());
    db.execute(
        "INSERT INTO application (profile_id, application_id, exchange_url, company_name,
             documents, status, message, api_login, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (profile_id) DO UPDATE SET application_id = ?2, exchange_url = ?3,
             company_name = ?4, documents = ?5, status = ?6, message = ?7, api_login = ?8,
             updated_at = ?9",
        params![
            profile,
            app.application_id,
            app.exchange_url,
            app.company_name,
            documents,
            state_text(app.status),
            app.message,
            app.api_login,
            now()
        ],
    )?;
    Ok(())
}

pub fn has_document(app: &ApplicationRow, kind: DocumentKind) -> bool {
    app.documents.iter().any(|d| d.kind == kind)
}

pub fn carrier(db: &Connection, profile: i64) -> Result<Option<String>> {
    let sql = "SELECT carrier_id FROM carrier WHERE profile_id = ?1";
    Ok(db.query_row(sql, [profile], |r| r.get(0)).optional()?)
}

pub fn save_carrier(db: &Connection, profile: i64, carrier_id: &str) -> Result<()> {
    db.execute(
        "INSERT INTO carrier (profile_id, carrier_id, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (profile_id) DO UPDATE SET carrier_id = ?2",
        params![profile, carrier_id, now()],
    )?;
    Ok(())
}

pub fn seller_card(db: &Connection, profile: i64, seller: &str) -> Result<Option<String>> {
    let sql = "SELECT card_id FROM seller_card WHERE profile_id = ?1 AND seller = ?2";
    Ok(db
        .query_row(sql, params![profile, seller], |r| r.get(0))
        .optional()?)
}

pub fn save_seller_card(db: &Connection, profile: i64, seller: &str, card_id: &str) -> Result<()> {
    db.execute(
        "INSERT INTO seller_card (profile_id, seller, card_id) VALUES (?1, ?2, ?3)
         ON CONFLICT (profile_id, seller) DO UPDATE SET card_id = ?3",
        params![profile, seller, card_id],
    )?;
    Ok(())
}

/// What the last market fetch was.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FetchInfo {
    pub fetched_at: String,
    pub truncated: bool,
    pub skipped: u32,
}

/// Replaces the cached market with `routes`, in one transaction.
pub fn save_market(
    db: &mut Connection,
    profile: i64,
    info: &FetchInfo,
    routes: impl Iterator<Item = Route>,
) -> Result<()> {
    let tx = db.transaction()?;
    tx.execute("DELETE FROM market_route WHERE profile_id = ?1", [profile])?;
    {
        let mut insert =
            tx.prepare("INSERT INTO market_route (profile_id, row, route) VALUES (?1, ?2, ?3)")?;
        for (row, route) in routes.enumerate() {
            let json = serde_json::to_string(&route).unwrap_or_default();
            insert.execute(params![profile, row as i64, json])?;
        }
    }
    tx.execute(
        "INSERT INTO market_fetch (profile_id, fetched_at, prefix, seller, route_type, truncated, skipped)
         VALUES (?1, ?2, '', '', '', ?3, ?4)
         ON CONFLICT (profile_id) DO UPDATE SET fetched_at = ?2, truncated = ?3, skipped = ?4",
        params![profile, info.fetched_at, info.truncated, info.skipped],
    )?;
    tx.commit()?;
    Ok(())
}

/// The cached market, if one was fetched.
pub fn market(db: &Connection, profile: i64) -> Result<Option<(FetchInfo, Vec<Route>)>> {
    let sql = "SELECT fetched_at, truncated, skipped FROM market_fetch WHERE profile_id = ?1";
    let info = db
        .query_row(sql, [profile], |r| {
            Ok(FetchInfo {
                fetched_at: r.get(0)?,
                truncated: r.get(1)?,
                skipped: r.get(2)?,
            })
        })
        .optional()?;
    let Some(info) = info else {
        return Ok(None);
    };
    let mut select =
        db.prepare("SELECT route FROM market_route WHERE profile_id = ?1 ORDER BY row")?;
    let routes = select
        .query_map([profile], |r| r.get::<_, String>(0))?
        .filter_map(|json| json.ok().and_then(|j| serde_json::from_str(&j).ok()))
        .collect();
    Ok(Some((info, routes)))
}

const PURCHASE_COLUMNS: &str = "connection_id, route, state, tech_prefix, kind, card_id,
    deck_rates, deck_problems, error, created_at, rates_url";

fn purchase_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<(PurchaseView, Option<String>)> {
    let route: String = r.get(1)?;
    let state: String = r.get(2)?;
    let problems: String = r.get(7)?;
    let view = PurchaseView {
        connection_id: r.get(0)?,
        route: serde_json::from_str(&route).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
        })?,
        state: match state.as_str() {
            "provisioned" => PurchaseState::Provisioned,
            "purchased" => PurchaseState::Purchased,
            _ => PurchaseState::Sending,
        },
        tech_prefix: r.get(3)?,
        kind: r.get(4)?,
        card_id: r.get(5)?,
        deck_rates: r.get(6)?,
        deck_problems: serde_json::from_str::<Vec<DeckProblem>>(&problems).unwrap_or_default(),
        error: r.get(8)?,
        created_at: r.get(9)?,
    };
    Ok((view, r.get(10)?))
}

/// A purchase and its rate deck address.
pub fn purchase(
    db: &Connection,
    profile: i64,
    connection_id: &str,
) -> Result<Option<(PurchaseView, Option<String>)>> {
    let sql = format!(
        "SELECT {PURCHASE_COLUMNS} FROM purchase WHERE profile_id = ?1 AND connection_id = ?2"
    );
    Ok(db
        .query_row(&sql, params![profile, connection_id], purchase_from)
        .optional()?)
}

pub fn purchases(db: &Connection, profile: i64) -> Result<Vec<PurchaseView>> {
    let sql = format!(
        "SELECT {PURCHASE_COLUMNS} FROM purchase WHERE profile_id = ?1 ORDER BY created_at, connection_id"
    );
    let mut select = db.prepare(&sql)?;
    let rows = select.query_map([profile], purchase_from)?;
    Ok(rows
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(|(v, _)| v)
        .collect())
}

/// Records a purchase about to be sent. Answers false when one was already recorded.
pub fn record_sending(db: &Connection, profile: i64, route: &Route) -> Result<bool> {
    let json = serde_json::to_string(route).unwrap_or_default();
    let stamp = now();
    let inserted = db.execute(
        "INSERT OR IGNORE INTO purchase (profile_id, connection_id, route, state, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'sending', ?4, ?4)",
        params![profile, route.connection_id, json, stamp],
    )?;
    Ok(inserted == 1)
}

pub fn record_purchased(
    db: &Connection,
    profile: i64,
    connection_id: &str,
    bought: &crate::client::Purchased,
) -> Result<()> {
    db.execute(
        "UPDATE purchase SET state = 'purchased', rates_url = ?3, tech_prefix = ?4, kind = ?5,
             error = NULL, updated_at = ?6
         WHERE profile_id = ?1 AND connection_id = ?2",
        params![
            profile,
            connection_id,
            bought.rates_url,
            bought.tech_prefix,
            bought.route_type,
            now()
        ],
    )?;
    Ok(())
}

pub fn record_error(db: &Connection, profile: i64, connection_id: &str, error: &str) -> Result<()> {
    db.execute(
        "UPDATE purchase SET error = ?3, updated_at = ?4 WHERE profile_id = ?1 AND connection_id = ?2",
        params![profile, connection_id, error, now()],
    )?;
    Ok(())
}

pub fn record_provisioned(
    db: &Connection,
    profile: i64,
    connection_id: &str,
    card_id: &str,
    rates: u32,
    problems: &[DeckProblem],
) -> Result<()> {
    let problems = serde_json::to_string(problems).unwrap_or_else(|_| "[]".into());
    db.execute(
        "UPDATE purchase SET state = 'provisioned', card_id = ?3, deck_rates = ?4,
             deck_problems = ?5, error = NULL, updated_at = ?6
         WHERE profile_id = ?1 AND connection_id = ?2",
        params![profile, connection_id, card_id, rates, problems, now()],
    )?;
    Ok(())
}

/// Replaces the deck of a purchased route: the rates in effect, and those announced for later.
pub fn save_deck(
    db: &mut Connection,
    profile: i64,
    connection_id: &str,
    deck: &Deck,
) -> Result<()> {
    let tx = db.transaction()?;
    for table in ["deck_rate", "deck_pending"] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE profile_id = ?1 AND connection_id = ?2"),
            params![profile, connection_id],
        )?;
    }
    put_rates(&tx, profile, connection_id, &deck.rates)?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO deck_pending (profile_id, connection_id, line, prefix, description,
                 price_1, price_n, interval_1, interval_n, effective_from, starts_at, forbidden,
                 discontinued)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for r in &deck.pending {
            let Some(starts_at) = deck::starts_at(r) else {
                continue;
            };
            let t = r.tariff;
            insert.execute(params![
                profile,
                connection_id,
                r.line,
                r.prefix,
                r.description,
                t.price_1,
                t.price_n,
                t.interval_1,
                t.interval_n,
                r.effective_from,
                starts_at.format(STARTS_AT).to_string(),
                r.forbidden,
                r.discontinued
            ])?;
        }
    }
    tx.commit()?;
    Ok(())
}

const STARTS_AT: &str = "%Y-%m-%d %H:%M:%S";

/// Puts `rates` in a route's deck, each replacing its prefix's rate.
fn put_rates(db: &Connection, profile: i64, connection_id: &str, rates: &[DeckRate]) -> Result<()> {
    let mut insert = db.prepare(
        "INSERT OR REPLACE INTO deck_rate (profile_id, connection_id, prefix, description,
             price_1, price_n, interval_1, interval_n, effective_from, forbidden, discontinued)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for r in rates {
        let t = r.tariff;
        insert.execute(params![
            profile,
            connection_id,
            r.prefix,
            r.description,
            t.price_1,
            t.price_n,
            t.interval_1,
            t.interval_n,
            r.effective_from,
            r.forbidden,
            r.discontinued
        ])?;
    }
    Ok(())
}

/// The announced rates whose day has come by `now`, by route, oldest start first.
pub fn due_rates(
    db: &Connection,
    profile: i64,
    now: NaiveDateTime,
) -> Result<Vec<(String, DeckRate)>> {
    let mut select = db.prepare(
        "SELECT connection_id, line, prefix, description, price_1, price_n, interval_1,
             interval_n, effective_from, forbidden, discontinued
         FROM deck_pending WHERE profile_id = ?1 AND starts_at <= ?2
         ORDER BY connection_id, starts_at, line",
    )?;
    let rows = select.query_map(params![profile, now.format(STARTS_AT).to_string()], |r| {
        Ok((
            r.get(0)?,
            DeckRate {
                line: r.get(1)?,
                prefix: r.get(2)?,
                description: r.get(3)?,
                tariff: crate::billing::Tariff {
                    price_1: r.get(4)?,
                    price_n: r.get(5)?,
                    interval_1: r.get(6)?,
                    interval_n: r.get(7)?,
                },
                effective_from: r.get(8)?,
                forbidden: r.get(9)?,
                discontinued: r.get(10)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Records that a route's `due` rates (oldest start first) are on the seller's card: each
/// replaces its prefix's rate, leaves the waiting list, and its problem line is dropped.
pub fn record_applied(
    db: &mut Connection,
    profile: i64,
    connection_id: &str,
    due: &[DeckRate],
) -> Result<()> {
    let tx = db.transaction()?;
    put_rates(&tx, profile, connection_id, due)?;
    for rate in due {
        tx.execute(
            "DELETE FROM deck_pending WHERE profile_id = ?1 AND connection_id = ?2 AND line = ?3",
            params![profile, connection_id, rate.line],
        )?;
    }
    let (problems, rates): (String, u32) = tx.query_row(
        "SELECT deck_problems,
             (SELECT COUNT(*) FROM deck_rate WHERE profile_id = ?1 AND connection_id = ?2)
         FROM purchase WHERE profile_id = ?1 AND connection_id = ?2",
        params![profile, connection_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // A list that cannot be read is left as it is, not overwritten with what little is known.
    let mut problems: Vec<DeckProblem> = serde_json::from_str(&problems).map_err(|error| {
        NeutrafixError::Unexpected(format!(
            "the saved deck problems of route {connection_id} cannot be read: {error}"
        ))
    })?;
    problems.retain(|p| !due.iter().any(|rate| rate.line == p.line));
    tx.execute(
        "UPDATE purchase SET deck_problems = ?3, deck_rates = ?4, updated_at = ?5
         WHERE profile_id = ?1 AND connection_id = ?2",
        params![
            profile,
            connection_id,
            serde_json::to_string(&problems).unwrap_or_else(|_| "[]".into()),
            rates,
            now()
        ],
    )?;
    tx.commit()?;
    Ok(())
}

/// A rule of a seller's card as kept here: prefix, description, tariff, where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalRule {
    pub prefix: String,
    pub description: String,
    pub tariff: crate::billing::Tariff,
    pub source: &'static str,
}

/// Every usable deck rate of the seller's purchased routes, oldest purchase first.
pub fn seller_deck(
    db: &Connection,
    profile: i64,
    seller_routes: &[String],
) -> Result<Vec<LocalRule>> {
    let mut select = db.prepare(
        "SELECT prefix, description, price_1, price_n, interval_1, interval_n FROM deck_rate
         WHERE profile_id = ?1 AND connection_id = ?2 AND forbidden = 0 AND discontinued = 0",
    )?;
    let mut out = Vec::new();
    for connection in seller_routes {
        let rows = select.query_map(params![profile, connection], |r| {
            Ok(LocalRule {
                prefix: r.get(0)?,
                description: r.get(1)?,
                tariff: crate::billing::Tariff {
                    price_1: r.get(2)?,
                    price_n: r.get(3)?,
                    interval_1: r.get(4)?,
                    interval_n: r.get(5)?,
                },
                source: "deck",
            })
        })?;
        out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    Ok(out)
}

/// One of the buyer's own prefixes: (prefix, note, connection id, created).
pub type OwnPrefixRow = (String, String, Option<String>, String);

/// The buyer's own prefixes whose prefix or note contains `search`.
pub fn own_prefixes(db: &Connection, profile: i64, search: &str) -> Result<Vec<OwnPrefixRow>> {
    let pattern = format!("%{}%", search.trim());
    let mut select = db.prepare(
        "SELECT prefix, note, connection_id, created_at FROM own_prefix
         WHERE profile_id = ?1 AND (prefix LIKE ?2 OR note LIKE ?2) ORDER BY prefix",
    )?;
    let rows = select.query_map(params![profile, pattern], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Adds a prefix; false when it is already there.
pub fn add_own_prefix(db: &Connection, profile: i64, prefix: &str, note: &str) -> Result<bool> {
    let inserted = db.execute(
        "INSERT OR IGNORE INTO own_prefix (profile_id, prefix, note, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![profile, prefix, note.trim(), now()],
    )?;
    Ok(inserted == 1)
}

pub fn associate_prefix(
    db: &Connection,
    profile: i64,
    prefix: &str,
    connection_id: &str,
) -> Result<bool> {
    let changed = db.execute(
        "UPDATE own_prefix SET connection_id = ?3 WHERE profile_id = ?1 AND prefix = ?2",
        params![profile, prefix, connection_id],
    )?;
    Ok(changed == 1)
}
