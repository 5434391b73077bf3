//! What crosses to the UI (TypeScript generated into `ui/src/bindings/neutrafix/`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assumed::DocumentKind;
use crate::billing::{CallCost, Tariff};
use crate::deck::DeckProblem;
use crate::route::Route;
use crate::CardRule;

/// Where the buyer stands with the exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "neutrafix/")]
pub enum AccountState {
    /// Neither signed up nor logged in.
    None,
    /// Application started; documents being added.
    Draft,
    /// Documents sent; waiting for verification. Login is not offered yet.
    Pending,
    Rejected,
    /// Verified: login offered.
    Verified,
    LoggedIn,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct AccountView {
    pub state: AccountState,
    pub api_login: Option<String>,
    pub company: Option<String>,
    pub exchange_url: String,
    /// An API key is in the keyring (from verification or an earlier login).
    pub key_saved: bool,
    pub carrier_id: Option<String>,
    pub application: Option<ApplicationView>,
    pub is_sandbox: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct DocumentView {
    pub kind: DocumentKind,
    pub file_name: String,
    pub size: u64,
    pub mime: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct ApplicationView {
    pub application_id: String,
    pub company_name: String,
    pub status: AccountState,
    pub message: Option<String>,
    pub documents: Vec<DocumentView>,
}

/// The login form; an empty key means "the one in the keyring".
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct LoginForm {
    pub api_login: String,
    pub exchange_url: Option<String>,
}

/// One row of the market table.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct MarketRow {
    /// Position in the current selection.
    pub position: u32,
    pub route: Route,
    pub purchased: bool,
}

/// The current selection of the market: its size and its first rows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct MarketPage {
    /// Changes whenever the selection does; a window asked for an older one is refused.
    pub generation: u32,
    pub total: u32,
    /// Routes held (fetched from the exchange).
    pub fetched: u32,
    pub fetched_at: Option<String>,
    /// The exchange had more than the fetch limit: narrow the prefix or seller.
    pub truncated: bool,
    /// Records the exchange sent that could not be read.
    pub skipped: u32,
    pub rows: Vec<MarketRow>,
    pub countries: Vec<String>,
    pub sellers: Vec<String>,
    pub seller_routes: Vec<String>,
    pub route_types: Vec<String>,
}

/// A window of rows of the current selection.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct MarketWindow {
    pub generation: u32,
    pub offset: u32,
    pub rows: Vec<MarketRow>,
}

/// Progress of a market fetch or a document upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export_to = "neutrafix/")]
pub enum Progress {
    Fetching {
        routes: u32,
    },
    Uploading {
        file_name: String,
        sent: u32,
        total: u32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "neutrafix/")]
pub enum PurchaseState {
    /// Recorded here and sent; no answer yet (a timeout leaves it so; buying again resumes).
    Sending,
    /// Bought; the seller's card is not (yet) updated.
    Purchased,
    /// Bought, deck read, prefixes on the seller's card.
    Provisioned,
}

/// A purchased route (Market View).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct PurchaseView {
    pub connection_id: String,
    pub route: Route,
    pub state: PurchaseState,
    pub tech_prefix: Option<String>,
    /// `voice` or `sms`, as the exchange answered.
    pub kind: Option<String>,
    pub card_id: Option<String>,
    pub deck_rates: u32,
    pub deck_problems: Vec<DeckProblem>,
    pub error: Option<String>,
    pub created_at: String,
}

/// A seller's card on the platform, as the platform lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct CardView {
    pub seller: String,
    pub card_id: String,
    pub active_rev: u32,
    pub rules: Vec<CardRule>,
}

/// One of the buyer's own routing prefixes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct OwnPrefix {
    pub prefix: String,
    pub note: String,
    pub connection_id: Option<String>,
    pub seller: Option<String>,
    pub seller_route: Option<String>,
    pub created_at: String,
}

/// Ask what a number costs on a seller's card.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct RateRequest {
    pub number: String,
    pub seller: String,
    pub seconds: u32,
}

/// Which rule of the card rates a number, and what a call costs.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct Rating {
    pub number: String,
    pub seller: String,
    pub prefix: String,
    pub description: String,
    /// `deck` (the seller's rate deck) or `own prefix`.
    pub source: String,
    pub tariff: Tariff,
    pub call: CallCost,
    /// Prefixes on the card.
    pub card_size: u32,
}
