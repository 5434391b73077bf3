use std::time::Duration;

use cx_secrets::Secret;
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tokio::sync::Mutex;

use crate::auth::{SignIn, TokenListener, Tokens};
use crate::wire::{error_text, list_items, one_item};
use crate::{BaseUrl, PlatformError};

/// Tunables of a [`Client`]; the defaults suit a person waiting at a screen.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Every request gives up after this long.
    pub timeout: Duration,
    /// How many 429 answers in a row are waited out before giving up.
    pub rate_limit_retries: u32,
    /// The longest single wait a `Retry-After` may ask for before giving up instead.
    pub max_retry_wait: Duration,
    /// The `audience` the refresh token is minted for (`<client>@<hostname>`).
    pub audience: String,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(20),
            rate_limit_retries: 3,
            max_retry_wait: Duration::from_secs(30),
            audience: "connexcs-appstore-desktop@localhost".to_owned(),
        }
    }
}

/// A GET that meets a dropped connection or a gateway error is tried this many more times,
/// after a short pause; writes are never repeated blindly.
const TRANSIENT_RETRIES: u32 = 1;
const TRANSIENT_PAUSE: Duration = Duration::from_millis(250);

/// A list longer than this many pages is taken as a server that ignores `_offset`.
const MAX_PAGES: usize = 1000;

/// Refresh tokens are asked for with this lifetime: 30 days, the platform's own default.
const REFRESH_LIFETIME_SECS: u64 = 2_592_000;

/// A signed-in connection to one platform account.
///
/// Requests carry a short-lived access token, fetched with the refresh token when missing or
/// about to expire; a 401 drops it and retries once; a refresh token with under 15 days left is
/// renewed and handed to the [`TokenListener`].
pub struct Client {
    http: reqwest::Client,
    base: BaseUrl,
    options: ClientOptions,
    tokens: Mutex<Tokens>,
    listener: Option<TokenListener>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base.as_str())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Signs in with login and password: Basic auth mints a refresh token, which then fetches
    /// the first access token.
    pub async fn sign_in(
        base: BaseUrl,
        credentials: SignIn,
        options: ClientOptions,
    ) -> Result<Self, PlatformError> {
        let http = http_client(&options)?;
        let body = json!({"lifetime": REFRESH_LIFETIME_SECS, "audience": options.audience});
        let request = http
            .post(base.join("auth/jwt/refresh"))
            .basic_auth(&credentials.login, Some(credentials.password.expose()))
            .json(&body);
        let refresh = token_from(send_raw(request, &base, &options).await, true).await?;

        let client = Self::with_refresh_token(base, refresh, options)?;
        client.access_token().await?;
        Ok(client)
    }

    /// Resumes a session from a refresh token kept in the keyring (or pasted from the panel).
    pub fn with_refresh_token(
        base: BaseUrl,
        refresh: Secret,
        options: ClientOptions,
    ) -> Result<Self, PlatformError> {
        Ok(Self {
            http: http_client(&options)?,
            base,
            options,
            tokens: Mutex::new(Tokens::new(refresh)),
            listener: None,
        })
    }

    pub fn on_new_refresh_token(mut self, listener: TokenListener) -> Self {
        self.listener = Some(listener);
        self
    }

    pub fn base_url(&self) -> &BaseUrl {
        &self.base
    }

    pub async fn refresh_token(&self) -> Secret {
        self.tokens.lock().await.refresh.clone()
    }

    pub async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, PlatformError> {
        self.send(Method::GET, path, query, None).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Result<Value, PlatformError> {
        self.send(Method::POST, path, &[], Some(body)).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Result<Value, PlatformError> {
        self.send(Method::PUT, path, &[], Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Result<Value, PlatformError> {
        self.send(Method::DELETE, path, &[], None).await
    }

    /// Like [`post`](Self::post), but a 429 comes straight back as
    /// [`PlatformError::RateLimited`] (with its `Retry-After`) instead of being waited out
    /// here: for callers that pace their own requests and share one wait among many tasks
    /// (the dial jobs' limiter), whatever this client's `rate_limit_retries`.
    pub async fn post_self_paced(&self, path: &str, body: &Value) -> Result<Value, PlatformError> {
        self.send_with(Method::POST, path, &[], Some(body), 0).await
    }

    /// One page of a list, bare or wrapped.
    pub async fn list<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Vec<T>, PlatformError> {
        list_items(self.get(path, query).await?, path)
    }

    /// Every page of a list: `_limit`/`_offset` until a short page, since no totals are sent.
    pub async fn list_all<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
        page_size: usize,
    ) -> Result<Vec<T>, PlatformError> {
        let mut all = Vec::new();
        for _ in 0..MAX_PAGES {
            let mut paged = query.to_vec();
            paged.push(("_limit", page_size.to_string()));
            paged.push(("_offset", all.len().to_string()));
            let page: Vec<T> = self.list(path, &paged).await?;
            let short = page.len() < page_size;
            all.extend(page);
            if short {
                return Ok(all);
            }
        }
        Err(PlatformError::Unexpected(format!(
            "{path}: still full after {MAX_PAGES} pages; the server may be ignoring _offset"
        )))
    }

    /// One object, from `/{id}` (an object) or `?id=` (a one-item array).
    pub async fn one<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, PlatformError> {
        one_item(self.get(path, query).await?, path)
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Value, PlatformError> {
        let retries = self.options.rate_limit_retries;
        self.send_with(method, path, query, body, retries).await
    }

    /// `rate_limit_retries`: how many 429s in a row are waited out before handing one back.
    async fn send_with(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
        rate_limit_retries: u32,
    ) -> Result<Value, PlatformError> {
        let mut retried_unauthorized = false;
        let mut rate_limited = 0;
        let mut transient_retries = if method == Method::GET {
            TRANSIENT_RETRIES
        } else {
            0
        };
        loop {
            let token = self.access_token().await?;
            let mut request = self
                .http
                .request(method.clone(), self.base.join(path))
                .query(query);
            if let Some(body) = body {
                request = request.json(body);
            }
            let request = request.bearer_auth(token.expose());

            match send_raw(request, &self.base, &self.options).await {
                Err(PlatformError::SessionExpired) if !retried_unauthorized => {
                    tracing::info!(path, "access token refused; fetching a new one");
                    retried_unauthorized = true;
                    self.tokens.lock().await.access = None;
                }
                Err(PlatformError::RateLimited { retry_after })
                    if rate_limited < rate_limit_retries
                        && retry_after <= self.options.max_retry_wait =>
                {
                    rate_limited += 1;
                    tracing::info!(
                        path,
                        wait_ms = retry_after.as_millis() as u64,
                        "rate limited"
                    );
                    tokio::time::sleep(retry_after).await;
                }
                Err(error) if transient_retries > 0 && is_transient(&error) => {
                    transient_retries -= 1;
                    tracing::info!(path, %error, "transient failure; trying once more");
                    tokio::time::sleep(TRANSIENT_PAUSE).await;
                }
                Ok(response) => return read_json(response, path).await,
                Err(error) => return Err(error),
            }
        }
    }

    /// A usable access token: the current one, or a new one fetched with the refresh token
    /// (renewing that first when it has under 15 days left).
    async fn access_token(&self) -> Result<Secret, PlatformError> {
        let mut tokens = self.tokens.lock().await;
        let now = chrono::Utc::now().timestamp();
        if let Some(token) = tokens.usable_access(now) {
            return Ok(token.clone());
        }
        if tokens.refresh_needs_renewal(now) {
            self.renew_refresh(&mut tokens).await;
        }

        let request = self
            .http
            .get(self.base.join("auth/jwt"))
            .bearer_auth(tokens.refresh.expose());
        let access = token_from(send_raw(request, &self.base, &self.options).await, false).await?;
        tokens.access = Some(access.clone());
        Ok(access)
    }

    /// Renews the refresh token. A failure is logged, not returned: the old token still works
    /// for a while, and the access-token request that follows reports any real problem.
    async fn renew_refresh(&self, tokens: &mut Tokens) {
        let body = json!({"lifetime": REFRESH_LIFETIME_SECS, "audience": self.options.audience});
        let request = self
            .http
            .post(self.base.join("auth/jwt/refresh"))
            .bearer_auth(tokens.refresh.expose())
            .json(&body);
        match token_from(send_raw(request, &self.base, &self.options).await, false).await {
            Ok(renewed) => {
                tracing::info!("renewed the refresh token");
                if let Some(listener) = &self.listener {
                    listener(&renewed);
                }
                tokens.refresh = renewed;
            }
            Err(error) => tracing::warn!(%error, "could not renew the refresh token"),
        }
    }
}

fn is_transient(error: &PlatformError) -> bool {
    match error {
        PlatformError::Unreachable { .. } => true,
        PlatformError::Server { status, .. } => matches!(status, 502..=504),
        _ => false,
    }
}

fn http_client(options: &ClientOptions) -> Result<reqwest::Client, PlatformError> {
    reqwest::Client::builder()
        .timeout(options.timeout)
        .connect_timeout(options.timeout.min(Duration::from_secs(10)))
        .user_agent(concat!(
            "connexcs-appstore-desktop/",
            env!("CARGO_PKG_VERSION")
        ))
        .build()
        .map_err(|error| PlatformError::Unexpected(format!("HTTP client: {error}")))
}

/// Sends one request and turns every failure into a [`PlatformError`]; a success comes back as
/// the response, its body unread.
async fn send_raw(
    request: RequestBuilder,
    base: &BaseUrl,
    options: &ClientOptions,
) -> Result<Response, PlatformError> {
    let response = request
        .send()
        .await
        .map_err(|error| transport_error(error, base, options))?;
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }

    let retry_after = retry_after(&response);
    let text = error_text(&response.text().await.unwrap_or_default());
    tracing::debug!(status = status.as_u16(), message = %text, "platform error");
    Err(status_error(status, text, retry_after))
}

fn status_error(status: StatusCode, text: String, retry_after: Duration) -> PlatformError {
    match status.as_u16() {
        401 => PlatformError::SessionExpired,
        403 => PlatformError::Forbidden(text),
        404 => PlatformError::NotFound(text),
        409 => PlatformError::Conflict(text),
        429 => PlatformError::RateLimited { retry_after },
        400..=499 => PlatformError::Rejected(text),
        code => PlatformError::Server {
            status: code,
            message: text,
        },
    }
}

/// `Retry-After` in seconds, or an HTTP date; one second when absent or unreadable.
fn retry_after(response: &Response) -> Duration {
    let Some(value) = response.headers().get(reqwest::header::RETRY_AFTER) else {
        return Duration::from_secs(1);
    };
    let value = value.to_str().unwrap_or_default().trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Duration::from_secs(seconds);
    }
    chrono::DateTime::parse_from_rfc2822(value)
        .ok()
        .and_then(|at| {
            (at.with_timezone(&chrono::Utc) - chrono::Utc::now())
                .to_std()
                .ok()
        })
        .unwrap_or(Duration::from_secs(1))
}

fn transport_error(
    error: reqwest::Error,
    base: &BaseUrl,
    options: &ClientOptions,
) -> PlatformError {
    let host = base.host();
    if error.is_timeout() {
        return PlatformError::Timeout {
            host,
            after: options.timeout,
        };
    }
    let reason = if error.is_connect() {
        "the connection was refused or the host is unknown".to_owned()
    } else {
        "the connection broke before an answer came".to_owned()
    };
    tracing::debug!(%host, error = %error, "transport error");
    PlatformError::Unreachable { host, reason }
}

/// Reads `{"token": "..."}`. On the sign-in request a 401 means a wrong login or password; on
/// the token requests that follow, an expired session.
async fn token_from(
    response: Result<Response, PlatformError>,
    is_sign_in: bool,
) -> Result<Secret, PlatformError> {
    let response = match response {
        Err(PlatformError::SessionExpired) if is_sign_in => {
            return Err(PlatformError::BadCredentials(
                "check the login e-mail and password of this account".to_owned(),
            ))
        }
        other => other?,
    };
    let body = read_json(response, "auth/jwt").await?;
    match body.get("token").and_then(Value::as_str) {
        Some(token) if !token.is_empty() => Ok(Secret::new(token)),
        _ => Err(PlatformError::Unexpected(
            "the token answer carried no token".to_owned(),
        )),
    }
}

async fn read_json(response: Response, path: &str) -> Result<Value, PlatformError> {
    let bytes = response
        .bytes()
        .await
        .map_err(|_| PlatformError::Unexpected(format!("{path}: the answer broke off")))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    serde_json::from_slice(&bytes)
        .map_err(|error| PlatformError::Unexpected(format!("{path}: not JSON ({error})")))
}
