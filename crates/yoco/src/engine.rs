//! Top-ups from start to finish: the checkout is created with an idempotency key stored
//! beforehand, followed by polling with backoff until it is final, and a paid one is credited
//! on the platform exactly once ([`crate::credit`]). Top-ups left pending by a restart are
//! picked up again by [`TopUps::resume_pending`].

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use cx_core::{AppError, Core, ErrorCode, FieldError};
use serde_json::{json, Value};

use crate::client::{ClientOptions, LineItem, Pricing, YocoClient, DEFAULT_BASE_URL};
use crate::models::{TopUpRequest, TopUpState, TopUpView};
use crate::money::parse_rand;
use crate::status::CheckoutStatus;
use crate::store::{now_text, Change, Db, TopUpRow};
use crate::surcharge::Quote;
use crate::YocoError;

/// How the engine talks to Yoco and how often it looks.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    pub client: ClientOptions,
    /// The first pause between two looks at a checkout; it grows by half each time.
    pub poll_first: Duration,
    pub poll_max: Duration,
    /// Yoco's API for real accounts. Signed in to the sandbox, the sandbox's own `/yoco/api/`
    /// is used instead.
    pub base_url: String,
}

impl Default for EngineOptions {
    fn default() -> Self {
        Self {
            client: ClientOptions::default(),
            poll_first: Duration::from_secs(1),
            poll_max: Duration::from_secs(10),
            base_url: DEFAULT_BASE_URL.to_owned(),
        }
    }
}

/// Told of every change of a top-up (the Tauri glue turns it into an event for the UI).
pub type Listener = Arc<dyn Fn(&TopUpView) + Send + Sync>;

/// The Yoco feature's state: its database, its pollers and its clients.
pub struct TopUps {
    pub(crate) core: Arc<Core>,
    db: Mutex<Db>,
    pub(crate) options: EngineOptions,
    following: Mutex<HashSet<String>>,
    /// One platform credit at a time in this process: a double click or two pollers of the
    /// same checkout queue here, and the second finds the first's work done.
    pub(crate) credit_lock: tokio::sync::Mutex<()>,
    clients: Mutex<HashMap<String, Arc<YocoClient>>>,
    listener: Mutex<Option<Listener>>,
    /// Set by [`TopUps::shutdown`]: followers stop at their next step.
    stopped: std::sync::atomic::AtomicBool,
}

/// What a step of a top-up's follower asks for next.
pub(crate) enum Step {
    /// The state moved on: take the next step now.
    Again,
    /// Look again after a pause.
    Wait,
    /// Nothing more to do (final, or waiting for the person to fix something).
    Stop,
}

impl TopUps {
    /// Opens `yoco.sqlite3` in the core's data folder.
    pub fn open(core: Arc<Core>, options: EngineOptions) -> Result<Arc<Self>, AppError> {
        let db = Db::open(&core.data_dir().join("yoco.sqlite3"))?;
        Ok(Arc::new(Self {
            core,
            db: Mutex::new(db),
            options,
            following: Mutex::default(),
            credit_lock: tokio::sync::Mutex::new(()),
            clients: Mutex::default(),
            listener: Mutex::default(),
            stopped: Default::default(),
        }))
    }

    /// Stops every follower at its next step (the app is closing, or a test restarts it).
    /// Pending top-ups stay pending in the database for [`TopUps::resume_pending`].
    pub fn shutdown(&self) {
        self.stopped
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn set_listener(&self, listener: Listener) {
        *lock(&self.listener) = Some(listener);
    }

    pub(crate) fn db(&self) -> MutexGuard<'_, Db> {
        lock(&self.db)
    }

    /// Starts a top-up: checks the amount and customer, stores the top-up and its idempotency
    /// key, creates the checkout and starts following it. The same `attempt` twice (a double
    /// click) is the same top-up.
    pub async fn start(
        self: &Arc<Self>,
        install_id: &str,
        request: TopUpRequest,
    ) -> Result<TopUpView, AppError> {
        let session = self.core.platform()?;
        let top_up = parse_rand(&request.amount).map_err(|e| field("amount", e.to_string()))?;
        let setup = self.setup(install_id).await?;
        let customer = self.customer(&session.client, &request.customer_id).await?;
        let quote = setup.surcharge.quote(top_up);

        let id = new_id("tu_");
        let body = checkout_body(&id, &customer, quote);
        let row = TopUpRow {
            id,
            profile_id: session.profile_id,
            install_id: install_id.to_owned(),
            attempt: request.attempt,
            customer_id: customer.id,
            customer_name: customer.name,
            top_up_cents: quote.top_up.0,
            fee_cents: quote.fee.0,
            mode: setup.client.mode(),
            state: TopUpState::Creating,
            idempotency_key: new_id("idem_"),
            request_json: body.to_string(),
            checkout_id: None,
            redirect_url: None,
            payment_id: None,
            checkout_status: None,
            error: None,
            created_at: now_text(),
            updated_at: now_text(),
        };
        let row = self.db().insert_top_up(&row)?;
        tracing::info!(top_up = %row.id, cents = row.top_up_cents, "top-up stored");
        if row.state == TopUpState::Creating {
            self.create(&row).await;
        }
        self.follow(&row.id);
        self.view(&row.id)
    }

    /// Picks up every pending top-up of the signed-in profile (after a restart); answers how
    /// many.
    pub fn resume_pending(self: &Arc<Self>) -> Result<usize, AppError> {
        let session = self.core.platform()?;
        let pending = self.db().pending(session.profile_id)?;
        for row in &pending {
            self.follow(&row.id);
        }
        let refunds = self.db().unrecorded_refunds()?;
        for refund in refunds {
            let this = self.clone();
            tokio::spawn(async move { this.finish_refund(&refund.id).await });
        }
        tracing::info!(count = pending.len(), "pending top-ups resumed");
        Ok(pending.len())
    }

    /// Follows a top-up in the background until nothing is left to do; a second call while
    /// one follows is a no-op.
    pub fn follow(self: &Arc<Self>, top_up_id: &str) {
        if !lock(&self.following).insert(top_up_id.to_owned()) {
            return;
        }
        let this = self.clone();
        let id = top_up_id.to_owned();
        tokio::spawn(async move {
            this.drive(&id).await;
            lock(&this.following).remove(&id);
        });
    }

    /// Takes one step now (the "Check now" button), beside any follower.
    pub async fn check_now(self: &Arc<Self>, top_up_id: &str) -> Result<TopUpView, AppError> {
        for _ in 0..4 {
            let row = self.row(top_up_id)?;
            if !matches!(self.step(&row).await, Step::Again) {
                break;
            }
        }
        self.follow(top_up_id);
        self.view(top_up_id)
    }

    async fn drive(self: &Arc<Self>, id: &str) {
        let mut wait = self.options.poll_first;
        loop {
            if self.stopped.load(std::sync::atomic::Ordering::SeqCst) {
                return;
            }
            let Ok(row) = self.row(id) else { return };
            let step = self.step(&row).await;
            self.emit(id);
            match step {
                Step::Again => continue,
                Step::Stop => return,
                Step::Wait => {
                    tokio::time::sleep(wait).await;
                    wait = (wait * 3 / 2).min(self.options.poll_max);
                }
            }
        }
    }

    pub(crate) async fn step(self: &Arc<Self>, row: &TopUpRow) -> Step {
        let signed_in = self.core.platform().map(|s| s.profile_id);
        if signed_in.ok() != Some(row.profile_id) {
            return Step::Stop;
        }
        match row.state {
            TopUpState::Creating => self.create(row).await,
            TopUpState::AwaitingPayment => self.poll(row).await,
            TopUpState::Paid => self.credit(row).await,
            _ => Step::Stop,
        }
    }

    /// Sends the stored request with the stored key: the first try and every retry alike.
    async fn create(&self, row: &TopUpRow) -> Step {
        let client = match self.client(&row.install_id).await {
            Ok(client) => client,
            Err(error) => return self.note_error(row, &error.message, Step::Stop),
        };
        let body: Value = serde_json::from_str(&row.request_json).unwrap_or_default();
        match client
            .create_checkout_json(&body, &row.idempotency_key)
            .await
        {
            Ok(checkout) => {
                let note = if checkout.replayed {
                    format!("checkout {} (Yoco replayed the first answer)", checkout.id)
                } else {
                    format!("checkout {} created", checkout.id)
                };
                let change = Change {
                    checkout_id: Some(&checkout.id),
                    redirect_url: checkout.redirect_url.as_deref(),
                    checkout_status: Some(checkout.status.as_str()),
                    note: Some(&note),
                    ..Change::default()
                };
                self.save(row, TopUpState::AwaitingPayment, &change, Step::Again)
            }
            Err(error) if error.is_retryable() => {
                let text = format!("{error} Retrying with the same idempotency key.");
                self.note_error(row, &text, Step::Wait)
            }
            Err(error) => {
                tracing::warn!(top_up = %row.id, %error, "Yoco refused the checkout");
                self.invalidate_on_forbidden(&row.install_id, &error);
                let text = crate::error::sentence(error.to_string());
                let change = Change {
                    error: Some(&text),
                    note: Some("checkout refused; nothing was charged"),
                    ..Change::default()
                };
                self.save(row, TopUpState::Failed, &change, Step::Stop)
            }
        }
    }

    /// One look at the checkout.
    async fn poll(&self, row: &TopUpRow) -> Step {
        let Some(checkout_id) = row.checkout_id.as_deref() else {
            return Step::Stop;
        };
        let client = match self.client(&row.install_id).await {
            Ok(client) => client,
            Err(error) => return self.note_error(row, &error.message, Step::Stop),
        };
        let checkout = match client.checkout(checkout_id).await {
            Ok(checkout) => checkout,
            Err(error) => {
                self.invalidate_on_forbidden(&row.install_id, &error);
                let next = if error.is_retryable() {
                    Step::Wait
                } else {
                    Step::Stop
                };
                return self.note_error(row, &crate::error::sentence(error.to_string()), next);
            }
        };
        let status = checkout.status.as_str().to_owned();
        let mut change = Change {
            checkout_status: Some(&status),
            payment_id: checkout.payment_id.as_deref(),
            ..Change::default()
        };
        let (state, next, note) = match &checkout.status {
            _ if checkout.is_paid() => {
                let payment = checkout.payment_id.as_deref().unwrap_or_default();
                (
                    TopUpState::Paid,
                    Step::Again,
                    format!("paid: Yoco payment {payment}"),
                )
            }
            CheckoutStatus::Cancelled => (TopUpState::Cancelled, Step::Stop, String::new()),
            CheckoutStatus::Expired => (TopUpState::Expired, Step::Stop, String::new()),
            other if row.checkout_status.as_deref() == Some(other.as_str()) => {
                return self.save(row, row.state, &change, Step::Wait);
            }
            other if checkout.payment_id.is_some() => (
                TopUpState::AwaitingPayment,
                Step::Wait,
                format!("Yoco status {other} with a paymentId: not paid until completed"),
            ),
            other => (
                TopUpState::AwaitingPayment,
                Step::Wait,
                format!("Yoco status {other}"),
            ),
        };
        if !note.is_empty() {
            change.note = Some(&note);
        }
        self.save(row, state, &change, next)
    }

    fn save(&self, row: &TopUpRow, state: TopUpState, change: &Change<'_>, next: Step) -> Step {
        match self.db().update(&row.id, state, change) {
            Ok(()) => next,
            Err(error) => {
                tracing::error!(top_up = %row.id, %error, "could not save a top-up's state");
                Step::Wait
            }
        }
    }

    pub(crate) fn note_error(&self, row: &TopUpRow, text: &str, next: Step) -> Step {
        let change = Change {
            error: Some(text),
            ..Change::default()
        };
        tracing::info!(top_up = %row.id, message = text, "top-up step failed");
        self.save(row, row.state, &change, next)
    }

    pub(crate) fn row(&self, id: &str) -> Result<TopUpRow, AppError> {
        self.db()
            .top_up(id)?
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, "That top-up is not on record."))
    }

    pub(crate) fn emit(&self, id: &str) {
        let listener = lock(&self.listener).clone();
        if let (Some(listener), Ok(view)) = (listener, self.view(id)) {
            listener(&view);
        }
    }

    /// The Yoco client of an install: its saved key, the sandbox's or Yoco's address.
    pub(crate) async fn client(&self, install_id: &str) -> Result<Arc<YocoClient>, AppError> {
        if let Some(client) = lock(&self.clients).get(install_id) {
            return Ok(client.clone());
        }
        let key = self
            .core
            .install_secret(install_id, "secret_key")?
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::InvalidInput,
                    "No Yoco Secret Key is saved for this install: add it under Settings.",
                )
            })?;
        let client = YocoClient::new(&self.base_url()?, key, self.options.client.clone())
            .map_err(AppError::from)?;
        let client = Arc::new(client);
        lock(&self.clients).insert(install_id.to_owned(), client.clone());
        Ok(client)
    }

    /// Where Yoco is for the signed-in account.
    pub(crate) fn base_url(&self) -> Result<String, AppError> {
        let session = self.core.platform()?;
        if !session.is_sandbox {
            return Ok(self.options.base_url.clone());
        }
        let platform = session.client.base_url().as_str().to_owned();
        Ok(match platform.find("/api/cp") {
            Some(at) => format!("{}/yoco/api/", &platform[..at]),
            None => self.options.base_url.clone(),
        })
    }

    pub(crate) fn forget_client(&self, install_id: &str) {
        lock(&self.clients).remove(install_id);
    }

    fn invalidate_on_forbidden(&self, install_id: &str, error: &YocoError) {
        if matches!(error, YocoError::Forbidden(_)) {
            self.forget_client(install_id);
        }
    }
}

/// The checkout's body: the charged total, the two lines the payer sees, and the top-up's
/// id in `metadata` (no personal data beyond the customer's id and name).
fn checkout_body(id: &str, customer: &crate::settings::Customer, quote: Quote) -> Value {
    let line = |name: String, cents: i64| LineItem {
        display_name: name,
        quantity: 1,
        pricing_details: Pricing { price: cents },
    };
    let mut lines = vec![line(
        format!("Account top-up: {}", customer.name),
        quote.top_up.0,
    )];
    if quote.fee.0 > 0 {
        lines.push(line("Service fee".to_owned(), quote.fee.0));
    }
    json!({
        "amount": quote.total.0,
        "currency": "ZAR",
        "lineItems": lines,
        "metadata": {"topUpId": id, "customerId": customer.id},
        "externalId": id,
    })
}

pub(crate) fn field(name: &str, message: String) -> AppError {
    AppError::invalid(vec![FieldError {
        field: name.to_owned(),
        message,
    }])
}

/// A random id with a prefix: 128 bits from the OS's generator, hex.
pub(crate) fn new_id(prefix: &str) -> String {
    format!("{prefix}{:032x}", rand::random::<u128>())
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}
