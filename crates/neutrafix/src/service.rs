//! The feature as the app uses it: one [`Neutrafix`] per app, over the core's session, keyring
//! and data folder. It holds the market in memory, serialises purchases and the carrier check,
//! and keeps everything else in its own SQLite file.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use cx_core::{Core, PlatformSession};
use cx_secrets::Secret;
use rusqlite::Connection;

use crate::assumed::{self, Application, ApplicationStatus, DocumentKind, SignupForm};
use crate::client::{
    Credentials, Exchange, ExchangeOptions, ExchangeQuery, PurchaseAnswer, Purchased,
};
use crate::db::{self, Account, ApplicationRow, FetchInfo, LocalRule};
use crate::error::{NeutrafixError, Result};
use crate::market::{Column, MarketFilter, MarketIndex};
use crate::models::*;
use crate::rating::PrefixTable;
use crate::route::Route;
use crate::{cards, deck, lenient};

/// Rows sent with a query answer; the UI asks for more by window.
const FIRST_WINDOW: usize = 100;
/// The most rows one window may hold.
const MAX_WINDOW: usize = 1000;

/// A seller's card as kept here, ready for rating.
type LocalCard = Arc<PrefixTable<LocalRule>>;

/// The market as last fetched, and the selection the table shows.
struct MarketState {
    profile: i64,
    index: Arc<MarketIndex>,
    info: FetchInfo,
    selection: Arc<Vec<u32>>,
    generation: u32,
}

/// The route market feature.
pub struct Neutrafix {
    core: Arc<Core>,
    options: ExchangeOptions,
    db: Mutex<Option<(std::path::PathBuf, Arc<Mutex<Connection>>)>>,
    market: RwLock<Option<MarketState>>,
    /// One purchase at a time: a double click waits for the first and then finds it done.
    purchasing: tokio::sync::Mutex<()>,
    /// One carrier check at a time, so two logins never create two carriers.
    carrier: tokio::sync::Mutex<()>,
    cards: Mutex<HashMap<(i64, String), LocalCard>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Neutrafix {
    pub fn new(core: Arc<Core>, options: ExchangeOptions) -> Self {
        Self {
            core,
            options,
            db: Mutex::new(None),
            market: RwLock::new(None),
            purchasing: tokio::sync::Mutex::new(()),
            carrier: tokio::sync::Mutex::new(()),
            cards: Mutex::new(HashMap::new()),
        }
    }

    fn db(&self) -> Result<Arc<Mutex<Connection>>> {
        let dir = self.core.data_dir().to_owned();
        let mut slot = lock(&self.db);
        if let Some((path, db)) = slot.as_ref() {
            if *path == dir {
                return Ok(db.clone());
            }
        }
        let db = Arc::new(Mutex::new(db::open(&dir)?));
        *slot = Some((dir, db.clone()));
        Ok(db)
    }

    fn with_db<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let db = self.db()?;
        let mut conn = lock(&db);
        f(&mut conn)
    }

    fn session(&self) -> Result<PlatformSession> {
        self.core
            .platform()
            .map_err(|_| NeutrafixError::Invalid("sign in to an account first".into()))
    }

    fn key_name(profile: i64, what: &str) -> String {
        format!("profile:{profile}:neutrafix:{what}")
    }

    /// The exchange's address for this account: the sandbox's own under `/neutrafix/`, else
    /// the saved one, else the default.
    pub fn default_exchange_url(session: &PlatformSession) -> String {
        let base = session.client.base_url().as_str().to_owned();
        if session.is_sandbox {
            if let Some(root) = base.strip_suffix("api/cp/") {
                return format!("{root}neutrafix/");
            }
        }
        assumed::DEFAULT_EXCHANGE_URL.to_owned()
    }

    // ---- account ---------------------------------------------------------------------

    /// Where the buyer stands.
    pub fn account(&self) -> Result<AccountView> {
        let session = self.session()?;
        let profile = session.profile_id;
        let (account, application, carrier) = self.with_db(|db| {
            Ok((
                db::account(db, profile)?,
                db::application(db, profile)?,
                db::carrier(db, profile)?,
            ))
        })?;
        let key_saved = self
            .core
            .keyring()
            .get(&Self::key_name(profile, "api-key"))?
            .is_some();
        let state = match (&account, &application) {
            (Some(_), _) if key_saved => AccountState::LoggedIn,
            (_, Some(app)) => app.status,
            _ => AccountState::None,
        };
        let exchange_url = account
            .as_ref()
            .map(|a| a.exchange_url.clone())
            .or_else(|| application.as_ref().map(|a| a.exchange_url.clone()))
            .unwrap_or_else(|| Self::default_exchange_url(&session));
        Ok(AccountView {
            state,
            api_login: account
                .as_ref()
                .map(|a| a.api_login.clone())
                .or_else(|| application.as_ref().and_then(|a| a.api_login.clone())),
            company: account.as_ref().and_then(|a| a.company.clone()),
            exchange_url,
            key_saved,
            carrier_id: carrier,
            application: application.map(|a| ApplicationView {
                application_id: a.application_id,
                company_name: a.company_name,
                status: a.status,
                message: a.message,
                documents: a.documents,
            }),
            is_sandbox: session.is_sandbox,
        })
    }

    /// Logs in: proves the credentials with a signed call, keeps the key in the keyring, and
    /// makes sure the platform has the NeuTrafix carrier. An empty key uses the saved one.
    pub async fn log_in(&self, form: LoginForm, api_key: Option<Secret>) -> Result<AccountView> {
        let session = self.session()?;
        let profile = session.profile_id;
        let login = form.api_login.trim().to_owned();
        if login.is_empty() {
            return Err(NeutrafixError::Invalid("enter the API Login".into()));
        }
        let key_name = Self::key_name(profile, "api-key");
        let key = match api_key.filter(|k| !k.expose().trim().is_empty()) {
            Some(key) => Secret::new(key.expose().trim()),
            None => self
                .core
                .keyring()
                .get(&key_name)?
                .ok_or_else(|| NeutrafixError::Invalid("enter the API Key".into()))?,
        };
        let url = form
            .exchange_url
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| Self::default_exchange_url(&session));
        let exchange = Exchange::new(&url, self.options.clone())?.with_credentials(Credentials {
            api_login: login.clone(),
            api_key: key.clone(),
        });
        let info = exchange.account_info().await?;
        self.core.keyring().set(&key_name, &key)?;
        let account = Account {
            api_login: login,
            exchange_url: exchange.base().to_owned(),
            i_account: Some(info.i_account),
            company: Some(info.company),
        };
        self.with_db(|db| db::save_account(db, profile, &account))?;
        tracing::info!(profile, "logged in to NeuTrafix");
        self.ensure_carrier(&session).await?;
        self.account()
    }

    pub fn log_out(&self) -> Result<AccountView> {
        let profile = self.session()?.profile_id;
        self.with_db(|db| db::forget_account(db, profile))?;
        self.core
            .keyring()
            .delete(&Self::key_name(profile, "api-key"))?;
        self.account()
    }

    /// The signed-in exchange client.
    fn exchange(&self, profile: i64) -> Result<(Exchange, Account)> {
        let account = self
            .with_db(|db| db::account(db, profile))?
            .ok_or(NeutrafixError::NotLoggedIn)?;
        let key = self
            .core
            .keyring()
            .get(&Self::key_name(profile, "api-key"))?
            .ok_or(NeutrafixError::NotLoggedIn)?;
        let exchange = Exchange::new(&account.exchange_url, self.options.clone())?
            .with_credentials(Credentials {
                api_login: account.api_login.clone(),
                api_key: key,
            });
        Ok((exchange, account))
    }

    /// The NeuTrafix carrier: the one remembered if it still exists, else the one found by
    /// name, else a new one. Never a second.
    pub async fn ensure_carrier(&self, session: &PlatformSession) -> Result<String> {
        let _one_at_a_time = self.carrier.lock().await;
        let profile = session.profile_id;
        let client = &session.client;
        if let Some(id) = self.with_db(|db| db::carrier(db, profile))? {
            if cards::carrier_exists(client, &id).await? {
                return Ok(id);
            }
        }
        let id = match cards::find_carrier(client).await? {
            Some(id) => id,
            None => {
                let id = cards::create_carrier(client).await?;
                tracing::info!(profile, carrier = %id, "NeuTrafix carrier created");
                id
            }
        };
        self.with_db(|db| db::save_carrier(db, profile, &id))?;
        Ok(id)
    }

    // ---- sign-up ---------------------------------------------------------------------

    fn application_row(&self, profile: i64) -> Result<ApplicationRow> {
        self.with_db(|db| db::application(db, profile))?
            .ok_or_else(|| NeutrafixError::Invalid("start the sign-up first".into()))
    }

    fn application(&self, profile: i64, row: &ApplicationRow) -> Result<Application> {
        let token = self
            .core
            .keyring()
            .get(&Self::key_name(profile, "upload-token"))?
            .ok_or_else(|| {
                NeutrafixError::Invalid("the sign-up's upload token is missing; start again".into())
            })?;
        Ok(Application {
            application_id: row.application_id.clone(),
            upload_token: token,
        })
    }

    /// Starts a sign-up with the company's details.
    pub async fn sign_up(
        &self,
        form: SignupForm,
        exchange_url: Option<String>,
    ) -> Result<AccountView> {
        validate_signup(&form)?;
        let session = self.session()?;
        let profile = session.profile_id;
        let url = exchange_url
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| Self::default_exchange_url(&session));
        let exchange = Exchange::new(&url, self.options.clone())?;
        let application = exchange.sign_up(&form).await?;
        self.core.keyring().set(
            &Self::key_name(profile, "upload-token"),
            &application.upload_token,
        )?;
        let row = ApplicationRow {
            application_id: application.application_id,
            exchange_url: exchange.base().to_owned(),
            company_name: form.company_name.trim().to_owned(),
            documents: Vec::new(),
            status: AccountState::Draft,
            message: None,
            api_login: None,
        };
        self.with_db(|db| db::save_application(db, profile, &row))?;
        self.account()
    }

    /// Checks and uploads one document read from `path`, reporting progress.
    pub async fn upload_document(
        &self,
        kind: DocumentKind,
        path: &std::path::Path,
        progress: impl Fn(Progress),
    ) -> Result<AccountView> {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "document".into());
        let bytes = tokio::fs::read(path)
            .await
            .map_err(|e| NeutrafixError::Io(format!("{file_name} could not be read: {e}")))?;
        self.upload_document_bytes(kind, &file_name, &bytes, progress)
            .await
    }

    /// Checks (type by its first bytes, size) and uploads one document, reporting progress.
    pub async fn upload_document_bytes(
        &self,
        kind: DocumentKind,
        file_name: &str,
        bytes: &[u8],
        progress: impl Fn(Progress),
    ) -> Result<AccountView> {
        let profile = self.session()?.profile_id;
        let mut row = self.application_row(profile)?;
        let application = self.application(profile, &row)?;
        let mime = assumed::document_type(bytes)
            .map_err(|e| NeutrafixError::Invalid(format!("document \"{file_name}\": {e}")))?;
        let exchange = Exchange::new(&row.exchange_url, self.options.clone())?;
        exchange
            .upload_document(&application, kind, file_name, bytes, |sent, total| {
                progress(Progress::Uploading {
                    file_name: file_name.to_owned(),
                    sent: sent as u32,
                    total: total as u32,
                })
            })
            .await?;
        row.documents.push(DocumentView {
            kind,
            file_name: file_name.to_owned(),
            size: bytes.len() as u64,
            mime: mime.to_owned(),
        });
        self.with_db(|db| db::save_application(db, profile, &row))?;
        self.account()
    }

    /// Sends the application for verification; both kinds of document are needed.
    pub async fn submit_application(&self) -> Result<AccountView> {
        let profile = self.session()?.profile_id;
        let mut row = self.application_row(profile)?;
        for (kind, name) in [
            (
                DocumentKind::Registration,
                "a company registration document",
            ),
            (DocumentKind::Shareholder, "a shareholder document"),
        ] {
            if !db::has_document(&row, kind) {
                return Err(NeutrafixError::Invalid(format!("add {name} first")));
            }
        }
        let application = self.application(profile, &row)?;
        Exchange::new(&row.exchange_url, self.options.clone())?
            .submit_application(&application)
            .await?;
        row.status = AccountState::Pending;
        self.with_db(|db| db::save_application(db, profile, &row))?;
        self.account()
    }

    /// Asks the exchange where the application stands; on verification the API key it issues
    /// goes straight to the keyring and login is offered.
    pub async fn check_application(&self) -> Result<AccountView> {
        let profile = self.session()?.profile_id;
        let mut row = self.application_row(profile)?;
        let application = self.application(profile, &row)?;
        let exchange = Exchange::new(&row.exchange_url, self.options.clone())?;
        match exchange.application_status(&application).await? {
            ApplicationStatus::Pending => {}
            ApplicationStatus::Rejected(reason) => {
                row.status = AccountState::Rejected;
                row.message = Some(reason);
            }
            ApplicationStatus::Verified { api_login, api_key } => {
                if let Some(key) = api_key {
                    self.core
                        .keyring()
                        .set(&Self::key_name(profile, "api-key"), &key)?;
                }
                row.status = AccountState::Verified;
                row.api_login = Some(api_login);
            }
        }
        self.with_db(|db| db::save_application(db, profile, &row))?;
        self.account()
    }

    // ---- market ----------------------------------------------------------------------

    /// Fetches the market from the exchange (prefix, seller and type applied there, up to the
    /// fetch limit), keeps it, then applies the whole filter here.
    pub async fn market_search(
        &self,
        filter: MarketFilter,
        progress: impl Fn(Progress),
    ) -> Result<MarketPage> {
        let profile = self.session()?.profile_id;
        let (exchange, _) = self.exchange(profile)?;
        let query = ExchangeQuery {
            prefix: filter.prefix.clone(),
            seller: filter.seller.clone(),
            route_type: filter.route_type.clone(),
        };
        let (routes, info) = fetch_all(&exchange, &query, &progress).await?;
        let index = tokio::task::spawn_blocking(move || MarketIndex::new(routes))
            .await
            .map_err(|e| NeutrafixError::Unexpected(e.to_string()))?;
        let index = Arc::new(index);
        let db = self.db()?;
        let (saved, saved_info) = (index.clone(), info.clone());
        tokio::task::spawn_blocking(move || {
            db::save_market(&mut lock(&db), profile, &saved_info, saved.routes())
        })
        .await
        .map_err(|e| NeutrafixError::Unexpected(e.to_string()))??;
        self.install_market(profile, index, info);
        self.market_query(&filter)
    }

    fn install_market(&self, profile: i64, index: Arc<MarketIndex>, info: FetchInfo) {
        let mut market = self.market.write().unwrap_or_else(|p| p.into_inner());
        let generation = market.as_ref().map_or(1, |m| m.generation + 1);
        *market = Some(MarketState {
            profile,
            index,
            info,
            selection: Arc::new(Vec::new()),
            generation,
        });
    }

    /// The market held for this profile, loaded from the cache when needed.
    fn ensure_market(&self, profile: i64) -> Result<bool> {
        let loaded = self
            .market
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .is_some_and(|m| m.profile == profile);
        if loaded {
            return Ok(true);
        }
        let Some((info, routes)) = self.with_db(|db| db::market(db, profile))? else {
            return Ok(false);
        };
        self.install_market(profile, Arc::new(MarketIndex::new(routes)), info);
        Ok(true)
    }

    /// Applies `filter` to what was fetched: the new selection's size and first rows.
    pub fn market_query(&self, filter: &MarketFilter) -> Result<MarketPage> {
        let profile = self.session()?.profile_id;
        if !self.ensure_market(profile)? {
            return Ok(empty_page());
        }
        let purchased = self.purchased_ids(profile)?;
        let mut guard = self.market.write().unwrap_or_else(|p| p.into_inner());
        let market = guard
            .as_mut()
            .ok_or(NeutrafixError::NotFound("no market".into()))?;
        market.selection = Arc::new(market.index.query(filter));
        market.generation += 1;
        let rows = window(market, 0, FIRST_WINDOW, &purchased);
        let ix = &market.index;
        Ok(MarketPage {
            generation: market.generation,
            total: market.selection.len() as u32,
            fetched: ix.len() as u32,
            fetched_at: Some(market.info.fetched_at.clone()),
            truncated: market.info.truncated,
            skipped: market.info.skipped,
            rows,
            countries: ix.distinct(Column::Country),
            sellers: ix.distinct(Column::Seller),
            seller_routes: ix.distinct(Column::SellerRoute),
            route_types: ix.distinct(Column::RouteType),
        })
    }

    /// Rows `offset..offset + limit` of the current selection.
    pub fn market_rows(&self, generation: u32, offset: u32, limit: u32) -> Result<MarketWindow> {
        let profile = self.session()?.profile_id;
        let purchased = self.purchased_ids(profile)?;
        let guard = self.market.read().unwrap_or_else(|p| p.into_inner());
        let market = guard
            .as_ref()
            .filter(|m| m.profile == profile && m.generation == generation)
            .ok_or_else(|| {
                NeutrafixError::NotFound("the results changed; they are being refreshed".into())
            })?;
        let limit = (limit as usize).min(MAX_WINDOW);
        Ok(MarketWindow {
            generation,
            offset,
            rows: window(market, offset as usize, limit, &purchased),
        })
    }

    /// Writes the current selection to `path` as CSV; answers the number of routes written.
    pub fn export_csv(&self, path: &std::path::Path) -> Result<u32> {
        let guard = self.market.read().unwrap_or_else(|p| p.into_inner());
        let market = guard
            .as_ref()
            .ok_or_else(|| NeutrafixError::Invalid("search the market first".into()))?;
        let io = |e: csv::Error| NeutrafixError::Io(format!("{}: {e}", path.display()));
        let mut out = csv::Writer::from_path(path).map_err(io)?;
        out.write_record(crate::export::HEADER).map_err(io)?;
        for row in market.selection.iter() {
            out.write_record(crate::export::record(&market.index.route(*row as usize)))
                .map_err(io)?;
        }
        out.flush().map_err(|e| NeutrafixError::Io(e.to_string()))?;
        Ok(market.selection.len() as u32)
    }

    // ---- purchases -------------------------------------------------------------------

    fn purchased_ids(&self, profile: i64) -> Result<HashSet<String>> {
        Ok(self
            .with_db(|db| db::purchases(db, profile))?
            .into_iter()
            .filter(|p| p.state != PurchaseState::Sending)
            .map(|p| p.connection_id)
            .collect())
    }

    /// Market View: the routes bought.
    pub fn purchases(&self) -> Result<Vec<PurchaseView>> {
        let profile = self.session()?.profile_id;
        self.with_db(|db| db::purchases(db, profile))
    }

    /// Buys `route`'s connection exactly once, then reads the seller's deck and puts its
    /// prefixes on the seller's card. A second call (double click, retry after a timeout)
    /// never buys again: the local record, written before sending, says where it stands.
    pub async fn purchase(&self, route: Route) -> Result<PurchaseView> {
        let _one_at_a_time = self.purchasing.lock().await;
        let session = self.session()?;
        let profile = session.profile_id;
        let connection = route.connection_id.clone();
        let existing = self.with_db(|db| db::purchase(db, profile, &connection))?;
        let (view, rates_url) = match existing {
            Some((view, _)) if view.state == PurchaseState::Provisioned => return Ok(view),
            Some((view, Some(url))) if view.state == PurchaseState::Purchased => (view, url),
            _ => {
                self.with_db(|db| db::record_sending(db, profile, &route))?;
                let bought = self.send_purchase(profile, &connection).await?;
                self.with_db(|db| db::record_purchased(db, profile, &connection, &bought))?;
                let view = self.with_db(|db| db::purchase(db, profile, &connection))?;
                (
                    view.map(|(v, _)| v)
                        .ok_or(NeutrafixError::NotFound(connection.clone()))?,
                    bought.rates_url,
                )
            }
        };
        if let Err(error) = self.provision(&session, &view, &rates_url).await {
            self.with_db(|db| db::record_error(db, profile, &connection, &error.to_string()))?;
            return Err(error);
        }
        let view = self.with_db(|db| db::purchase(db, profile, &connection))?;
        view.map(|(v, _)| v)
            .ok_or(NeutrafixError::NotFound(connection))
    }

    async fn send_purchase(&self, profile: i64, connection: &str) -> Result<Purchased> {
        let (exchange, account) = self.exchange(profile)?;
        let i_account = account.i_account.unwrap_or_default();
        match exchange.purchase(&i_account, connection).await {
            Ok(PurchaseAnswer::Bought(bought)) => Ok(bought),
            Ok(PurchaseAnswer::AlreadyYours) => {
                tracing::info!(connection, "exchange says the route is already ours");
                exchange.my_interconnect(connection).await?.ok_or_else(|| {
                    NeutrafixError::Unexpected(format!(
                        "the exchange says route {connection} is already yours but does not list it"
                    ))
                })
            }
            Err(error) => {
                let message = error.to_string();
                self.with_db(|db| db::record_error(db, profile, connection, &message))?;
                Err(error)
            }
        }
    }

    /// Reads the deck and puts its usable prefixes on the seller's card.
    async fn provision(
        &self,
        session: &PlatformSession,
        view: &PurchaseView,
        rates_url: &str,
    ) -> Result<()> {
        let profile = session.profile_id;
        let (exchange, _) = self.exchange(profile)?;
        let text = exchange.fetch_text(rates_url).await?;
        let parsed = deck::parse(&text, view.route.tariff(), chrono::Utc::now().naive_utc());
        if parsed.rates.is_empty() {
            let waiting = parsed.pending.len();
            let refused = parsed.problems.len().saturating_sub(waiting);
            return Err(NeutrafixError::Invalid(if waiting > 0 {
                format!(
                    "the seller's rate deck has no rate in effect yet ({waiting} announced for \
                     later, {refused} rows refused): buy the route again once the first starts"
                )
            } else {
                format!("the seller's rate deck has no usable rate ({refused} rows refused)")
            }));
        }
        let connection = view.connection_id.clone();
        let db = self.db()?;
        let deck = parsed.clone();
        let conn_id = connection.clone();
        tokio::task::spawn_blocking(move || {
            db::save_deck(&mut lock(&db), profile, &conn_id, &deck)
        })
        .await
        .map_err(|e| NeutrafixError::Unexpected(e.to_string()))??;
        let card = self.ensure_seller_card(session, &view.route.seller).await?;
        let rules = card_rules(&view.route, &parsed.rates);
        cards::add_rules(&session.client, &card, &rules).await?;
        self.with_db(|db| {
            db::record_provisioned(
                db,
                profile,
                &connection,
                &card.id,
                parsed.rates.len() as u32,
                &parsed.problems,
            )
        })?;
        self.forget_cards(profile);
        Ok(())
    }

    /// Puts on the sellers' cards the rates their decks announced for a day that has come by
    /// `now` (UTC), each replacing its prefix's rate, and returns how many. A forbidden or
    /// discontinued one only leaves this app's rating: the platform's card API, as far as it
    /// is known, cannot take a rule off.
    ///
    /// A route whose card cannot be written keeps its rates waiting and does not hold up the
    /// others; the first such error is returned when no rate could be put anywhere.
    pub async fn apply_due_rates(&self, now: chrono::NaiveDateTime) -> Result<u32> {
        // Not beside a purchase, which writes the same cards and decks.
        let _one_at_a_time = self.purchasing.lock().await;
        let session = self.session()?;
        let profile = session.profile_id;
        let due = self.with_db(|db| db::due_rates(db, profile, now))?;
        let mut by_route: Vec<(String, Vec<deck::DeckRate>)> = Vec::new();
        for (connection, rate) in due {
            match by_route.last_mut() {
                Some((last, rates)) if *last == connection => rates.push(rate),
                _ => by_route.push((connection, vec![rate])),
            }
        }
        let mut applied = 0;
        let mut first_error = None;
        for (connection, due) in by_route {
            match self.apply_route(&session, &connection, due).await {
                Ok(count) => applied += count,
                Err(error) => {
                    tracing::warn!(connection, %error, "announced rates wait for the next try");
                    first_error.get_or_insert(error);
                }
            }
        }
        if applied > 0 {
            self.forget_cards(profile);
        }
        match first_error {
            Some(error) if applied == 0 => Err(error),
            _ => Ok(applied),
        }
    }

    /// Puts one route's `due` rates (oldest start first) on its seller's card.
    async fn apply_route(
        &self,
        session: &PlatformSession,
        connection: &str,
        due: Vec<deck::DeckRate>,
    ) -> Result<u32> {
        let profile = session.profile_id;
        let Some((view, _)) = self.with_db(|db| db::purchase(db, profile, connection))? else {
            return Ok(0);
        };
        if view.state != PurchaseState::Provisioned {
            return Ok(0);
        }
        // Oldest start first: a later rate for the same prefix replaces an earlier one.
        let mut latest: Vec<&deck::DeckRate> = Vec::new();
        for rate in &due {
            latest.retain(|r| r.prefix != rate.prefix);
            latest.push(rate);
        }
        let rules = card_rules(&view.route, latest);
        let card = self.ensure_seller_card(session, &view.route.seller).await?;
        cards::add_rules(&session.client, &card, &rules).await?;
        let db = self.db()?;
        let conn_id = connection.to_owned();
        let count = due.len() as u32;
        tokio::task::spawn_blocking(move || {
            db::record_applied(&mut lock(&db), profile, &conn_id, &due)
        })
        .await
        .map_err(|e| NeutrafixError::Unexpected(e.to_string()))??;
        tracing::info!(connection, rates = count, "announced rates put on the card");
        Ok(count)
    }

    async fn ensure_seller_card(
        &self,
        session: &PlatformSession,
        seller: &str,
    ) -> Result<cards::CardRef> {
        let profile = session.profile_id;
        let client = &session.client;
        if let Some(id) = self.with_db(|db| db::seller_card(db, profile, seller))? {
            if let Some(card) = cards::card(client, &id).await? {
                return Ok(card);
            }
        }
        let carrier = self.ensure_carrier(session).await?;
        let card = match cards::find_card(client, &carrier, seller).await? {
            Some(card) => card,
            None => cards::create_card(client, &carrier, seller).await?,
        };
        self.with_db(|db| db::save_seller_card(db, profile, seller, &card.id))?;
        Ok(card)
    }

    /// The seller's card as the platform lists it.
    pub async fn seller_card(&self, seller: &str, search: &str) -> Result<CardView> {
        let session = self.session()?;
        let id = self
            .with_db(|db| db::seller_card(db, session.profile_id, seller))?
            .ok_or_else(|| NeutrafixError::NotFound(format!("no card for {seller} yet")))?;
        let card = cards::card(&session.client, &id).await?.ok_or_else(|| {
            NeutrafixError::NotFound(format!("card {id} is gone from the platform"))
        })?;
        let rules = cards::rules(&session.client, &card, search).await?;
        Ok(CardView {
            seller: seller.to_owned(),
            card_id: card.id,
            active_rev: card.active_rev,
            rules,
        })
    }

    // ---- own prefixes ----------------------------------------------------------------

    pub fn prefixes(&self, search: &str) -> Result<Vec<OwnPrefix>> {
        let profile = self.session()?.profile_id;
        let purchases: HashMap<String, Route> = self
            .purchases()?
            .into_iter()
            .map(|p| (p.connection_id, p.route))
            .collect();
        let rows = self.with_db(|db| db::own_prefixes(db, profile, search))?;
        Ok(rows
            .into_iter()
            .map(|(prefix, note, connection_id, created_at)| {
                let route = connection_id.as_ref().and_then(|c| purchases.get(c));
                OwnPrefix {
                    seller: route.map(|r| r.seller.clone()),
                    seller_route: route.map(|r| r.seller_route.clone()),
                    prefix,
                    note,
                    connection_id,
                    created_at,
                }
            })
            .collect())
    }

    pub fn create_prefix(&self, prefix: &str, note: &str) -> Result<Vec<OwnPrefix>> {
        let profile = self.session()?.profile_id;
        let prefix = lenient::prefix(prefix).map_err(|e| NeutrafixError::Invalid(e.to_string()))?;
        if !self.with_db(|db| db::add_own_prefix(db, profile, &prefix, note))? {
            return Err(NeutrafixError::Invalid(format!(
                "prefix {prefix} is already yours"
            )));
        }
        self.prefixes("")
    }

    /// Routes `prefix` over a purchased route: it joins that seller's card at the route's price.
    pub async fn associate_prefix(
        &self,
        prefix: &str,
        connection_id: &str,
    ) -> Result<Vec<OwnPrefix>> {
        let session = self.session()?;
        let profile = session.profile_id;
        let (view, _) = self
            .with_db(|db| db::purchase(db, profile, connection_id))?
            .ok_or_else(|| {
                NeutrafixError::NotFound(format!("route {connection_id} is not purchased"))
            })?;
        if view.state != PurchaseState::Provisioned {
            return Err(NeutrafixError::Invalid(
                "finish the purchase first (its card is not ready)".into(),
            ));
        }
        if !self.with_db(|db| db::associate_prefix(db, profile, prefix, connection_id))? {
            return Err(NeutrafixError::NotFound(format!(
                "prefix {prefix} is not one of yours"
            )));
        }
        let card = self
            .ensure_seller_card(&session, &view.route.seller)
            .await?;
        let rule = cards::NewRule {
            prefix: prefix.to_owned(),
            name: format!("Own prefix via {}", view.route.seller_route),
            tariff: view.route.tariff(),
        };
        cards::add_rules(&session.client, &card, &[rule]).await?;
        self.forget_cards(profile);
        self.prefixes("")
    }

    // ---- rating ----------------------------------------------------------------------

    fn forget_cards(&self, profile: i64) {
        lock(&self.cards).retain(|(p, _), _| *p != profile);
    }

    /// The seller's card as kept here: deck rates of every route bought from the seller, and
    /// the buyer's prefixes routed over them.
    fn local_card(&self, profile: i64, seller: &str) -> Result<Arc<PrefixTable<LocalRule>>> {
        if let Some(table) = lock(&self.cards).get(&(profile, seller.to_owned())) {
            return Ok(table.clone());
        }
        let bought: Vec<PurchaseView> = self
            .purchases()?
            .into_iter()
            .filter(|p| p.route.seller == seller && p.state == PurchaseState::Provisioned)
            .collect();
        let connections: Vec<String> = bought.iter().map(|p| p.connection_id.clone()).collect();
        let mut table = PrefixTable::new();
        for rule in self.with_db(|db| db::seller_deck(db, profile, &connections))? {
            let _ = table.insert(&rule.prefix.clone(), rule);
        }
        for own in self.prefixes("")? {
            let route = own
                .connection_id
                .as_ref()
                .and_then(|c| bought.iter().find(|p| &p.connection_id == c));
            if let Some(purchase) = route {
                let rule = LocalRule {
                    prefix: own.prefix.clone(),
                    description: format!("Own prefix via {}", purchase.route.seller_route),
                    tariff: purchase.route.tariff(),
                    source: "own prefix",
                };
                let _ = table.insert(&own.prefix, rule);
            }
        }
        let table = Arc::new(table);
        lock(&self.cards).insert((profile, seller.to_owned()), table.clone());
        Ok(table)
    }

    /// Which prefix of the seller's card rates `number`, and what a call of `seconds` costs.
    pub fn rate(&self, request: &RateRequest) -> Result<Rating> {
        let profile = self.session()?.profile_id;
        let number: String = request
            .number
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let digits = number.trim_start_matches('+');
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NeutrafixError::Invalid(format!(
                "\"{}\" is not a number (digits only)",
                request.number
            )));
        }
        let table = self.local_card(profile, &request.seller)?;
        let (prefix, rule) = table.longest_match(digits).ok_or_else(|| {
            NeutrafixError::NotFound(format!(
                "no prefix of {}'s card matches {digits}",
                request.seller
            ))
        })?;
        Ok(Rating {
            number: digits.to_owned(),
            seller: request.seller.clone(),
            prefix: prefix.to_owned(),
            description: rule.description.clone(),
            source: rule.source.to_owned(),
            tariff: rule.tariff,
            call: rule.tariff.cost(request.seconds),
            card_size: table.len() as u32,
        })
    }
}

/// The card rules for a route's deck `rates`: a forbidden or discontinued prefix gets none.
fn card_rules<'a>(
    route: &Route,
    rates: impl IntoIterator<Item = &'a deck::DeckRate>,
) -> Vec<cards::NewRule> {
    rates
        .into_iter()
        .filter(|r| !r.forbidden && !r.discontinued)
        .map(|r| cards::NewRule {
            prefix: r.prefix.clone(),
            name: rule_name(route, &r.description),
            tariff: r.tariff,
        })
        .collect()
}

fn rule_name(route: &crate::route::Route, description: &str) -> String {
    if description.is_empty() {
        format!("{} ({})", route.seller_route, route.country)
    } else {
        format!("{description} - {}", route.seller_route)
    }
}

fn empty_page() -> MarketPage {
    MarketPage {
        generation: 0,
        total: 0,
        fetched: 0,
        fetched_at: None,
        truncated: false,
        skipped: 0,
        rows: Vec::new(),
        countries: Vec::new(),
        sellers: Vec::new(),
        seller_routes: Vec::new(),
        route_types: Vec::new(),
    }
}

fn window(
    market: &MarketState,
    offset: usize,
    limit: usize,
    purchased: &HashSet<String>,
) -> Vec<MarketRow> {
    let end = (offset + limit).min(market.selection.len());
    let start = offset.min(end);
    market.selection[start..end]
        .iter()
        .enumerate()
        .map(|(n, row)| {
            let route = market.index.route(*row as usize);
            MarketRow {
                position: (start + n) as u32,
                purchased: purchased.contains(&route.connection_id),
                route,
            }
        })
        .collect()
}

/// Every page of a search, up to the fetch limit.
async fn fetch_all(
    exchange: &Exchange,
    query: &ExchangeQuery,
    progress: &impl Fn(Progress),
) -> Result<(Vec<Route>, FetchInfo)> {
    let options = exchange.options();
    let mut routes = Vec::new();
    let (mut offset, mut skipped, mut truncated) = (0, 0, false);
    loop {
        let page = exchange.search(query, offset).await?;
        offset += page.received;
        skipped += page.skipped.len();
        if let Some(first) = page.skipped.first() {
            tracing::debug!(skipped = page.skipped.len(), first = %first, "market records skipped");
        }
        routes.extend(page.routes);
        progress(Progress::Fetching {
            routes: routes.len() as u32,
        });
        if page.received < options.page_size {
            break;
        }
        if offset >= options.max_routes {
            truncated = true;
            break;
        }
    }
    let info = FetchInfo {
        fetched_at: chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        truncated,
        skipped: skipped as u32,
    };
    Ok((routes, info))
}

fn validate_signup(form: &SignupForm) -> Result<()> {
    let required = [
        (&form.company_name, "the company name"),
        (&form.registration_number, "the registration number"),
        (&form.country, "the country"),
        (&form.contact_name, "a contact name"),
        (&form.email, "an e-mail address"),
    ];
    for (value, what) in required {
        if value.trim().is_empty() {
            return Err(NeutrafixError::Invalid(format!("enter {what}")));
        }
    }
    if !form.email.contains('@') {
        return Err(NeutrafixError::Invalid(format!(
            "\"{}\" is not an e-mail address",
            form.email.trim()
        )));
    }
    Ok(())
}
