//! The exchange's HTTP client: every call a signed form `POST` to `<base><controller>`
//! [seen], answered `{status, ...}`. It waits out 429 (`Retry-After`) a few times, turns
//! "Wrong signature" into its own error, and treats "already purchased" as "yours". The API key
//! is a [`Secret`]; it enters only the signature and is never logged.

use std::time::Duration;

use cx_secrets::Secret;
use reqwest::{RequestBuilder, StatusCode};
use serde_json::Value;

use crate::error::{NeutrafixError, Result};
use crate::lenient;
use crate::route::Route;
use crate::sign::sign;

/// Tunables; the defaults suit a person waiting at a screen.
#[derive(Debug, Clone)]
pub struct ExchangeOptions {
    pub timeout: Duration,
    /// 429 answers in a row waited out before giving up.
    pub rate_limit_retries: u32,
    /// The longest single `Retry-After` waited for.
    pub max_retry_wait: Duration,
    /// Routes asked for per search page (`pager`).
    pub page_size: usize,
    /// Routes fetched per search at most; the rest are left to a narrower search.
    pub max_routes: usize,
    /// The largest rate deck read from a `rates_url`, in bytes; a bigger one is refused.
    pub max_text_bytes: usize,
}

impl Default for ExchangeOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            rate_limit_retries: 8,
            max_retry_wait: Duration::from_secs(30),
            page_size: 5000,
            max_routes: 100_000,
            max_text_bytes: 50 * 1024 * 1024,
        }
    }
}

/// API Login and API Key.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub api_login: String,
    pub api_key: Secret,
}

/// What the exchange itself filters on [seen]: prefix, seller, and a route type of `cli`,
/// `nocli`, `tdm` or `any`. Everything else is filtered on what was fetched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExchangeQuery {
    pub prefix: String,
    pub seller: String,
    pub route_type: String,
}

impl ExchangeQuery {
    /// The exchange's `type` for a route type the panel names, when it has one.
    pub fn exchange_type(&self) -> &'static str {
        match self.route_type.trim().to_ascii_lowercase().as_str() {
            "cli" => "cli",
            "non-cli" | "noncli" | "nocli" => "nocli",
            "tdm" => "tdm",
            _ => "any",
        }
    }
}

/// One page of a market search.
#[derive(Debug, Clone, Default)]
pub struct SearchPage {
    pub routes: Vec<Route>,
    /// Records the exchange sent that could not be read, with why.
    pub skipped: Vec<String>,
    /// How many records the page held, read or not (a short page is the last).
    pub received: usize,
}

/// The answer to a purchase [seen].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purchased {
    pub rates_url: String,
    pub tech_prefix: String,
    pub route_type: String,
}

/// How a purchase ended at the exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PurchaseAnswer {
    Bought(Purchased),
    /// The exchange says this route is already ours.
    AlreadyYours,
}

/// A client for one exchange address, with or without credentials.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub(crate) http: reqwest::Client,
    base: String,
    credentials: Option<Credentials>,
    options: ExchangeOptions,
}

impl Exchange {
    pub fn new(base: &str, options: ExchangeOptions) -> Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(options.timeout)
            .user_agent(concat!(
                "connexcs-appstore-neutrafix/",
                env!("CARGO_PKG_VERSION")
            ))
            .build()
            .map_err(|e| NeutrafixError::Unexpected(e.to_string()))?;
        let mut base = base.trim().to_owned();
        checked_address(&base, "the exchange address")?;
        if !base.ends_with('/') {
            base.push('/');
        }
        Ok(Self {
            http,
            base,
            credentials: None,
            options,
        })
    }

    pub fn with_credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn options(&self) -> &ExchangeOptions {
        &self.options
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }

    /// A signed call to `controller` with `form`; answers the body of a `success`.
    pub async fn call(&self, controller: &str, form: &[(&str, String)]) -> Result<Value> {
        let credentials = self
            .credentials
            .as_ref()
            .ok_or(NeutrafixError::NotLoggedIn)?;
        let url = self.url(controller);
        self.send(|| {
            let ts = chrono::Utc::now().timestamp();
            let signed = sign(controller, &credentials.api_key, &credentials.api_login, ts);
            let mut fields: Vec<(&str, String)> = form.to_vec();
            fields.extend(signed.fields());
            self.http.post(&url).form(&fields)
        })
        .await
    }

    /// Sends what `build` makes, waiting out 429s; `build` is called again for each try so
    /// that a retry carries a fresh timestamp and signature.
    pub(crate) async fn send(&self, build: impl Fn() -> RequestBuilder) -> Result<Value> {
        let mut waits = 0;
        loop {
            let response = build().send().await.map_err(|e| self.transport(e))?;
            let status = response.status();
            if status == StatusCode::TOO_MANY_REQUESTS {
                let retry_after = retry_after(response.headers());
                waits += 1;
                if waits > self.options.rate_limit_retries
                    || retry_after > self.options.max_retry_wait
                {
                    return Err(NeutrafixError::RateLimited { retry_after });
                }
                tracing::debug!(
                    wait_ms = retry_after.as_millis() as u64,
                    "exchange rate limited"
                );
                tokio::time::sleep(retry_after).await;
                continue;
            }
            let body = response.text().await.map_err(|e| self.transport(e))?;
            return answer(status, &body);
        }
    }

    /// A plain `GET` of text (a rate deck at its `rates_url`): https only (plain http only on
    /// loopback), and at most [`ExchangeOptions::max_text_bytes`] read.
    pub async fn fetch_text(&self, url: &str) -> Result<String> {
        let url = checked_address(url, "the rate deck address")?;
        let mut response = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| self.transport(e))?;
        let status = response.status();
        let limit = self.options.max_text_bytes;
        let too_big = || {
            NeutrafixError::Invalid(format!(
                "the rate deck is larger than {} MB; it was not read",
                limit.div_ceil(1024 * 1024)
            ))
        };
        if response
            .content_length()
            .is_some_and(|length| length > limit as u64)
        {
            return Err(too_big());
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.transport(e))? {
            if bytes.len() + chunk.len() > limit {
                return Err(too_big());
            }
            bytes.extend_from_slice(&chunk);
        }
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if !status.is_success() {
            return Err(NeutrafixError::Server {
                status: status.as_u16(),
                message: short(&body),
            });
        }
        Ok(body)
    }

    fn transport(&self, error: reqwest::Error) -> NeutrafixError {
        if error.is_timeout() {
            return NeutrafixError::Timeout {
                after: self.options.timeout,
            };
        }
        let host = reqwest::Url::parse(&self.base)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        let reason = std::error::Error::source(&error)
            .map_or_else(|| error.to_string(), ToString::to_string);
        NeutrafixError::Unreachable { host, reason }
    }

    /// One page of `marketview/search`.
    pub async fn search(&self, query: &ExchangeQuery, offset: usize) -> Result<SearchPage> {
        let form = [
            ("searchform", "1".to_owned()),
            ("prefix", query.prefix.trim().to_owned()),
            ("seller", query.seller.trim().to_owned()),
            ("type", query.exchange_type().to_owned()),
            ("pager", self.options.page_size.to_string()),
            ("off", offset.to_string()),
        ];
        let body = self.call("marketview/search", &form).await?;
        let rates = match body.get("rates") {
            Some(Value::Array(rates)) => rates.as_slice(),
            Some(Value::Null) | None => &[],
            Some(_) => return Err(NeutrafixError::Unexpected("rates is not a list".into())),
        };
        let mut page = SearchPage {
            received: rates.len(),
            ..SearchPage::default()
        };
        for rate in rates {
            match Route::from_wire(rate) {
                Ok(route) => page.routes.push(route),
                Err(reason) => page.skipped.push(reason),
            }
        }
        Ok(page)
    }

    /// `buyers/interconnect`: buys the seller's route (connection).
    pub async fn purchase(&self, i_account: &str, connection_id: &str) -> Result<PurchaseAnswer> {
        let form = [
            ("add", "1".to_owned()),
            ("i_account", i_account.to_owned()),
            ("agree", "yes".to_owned()),
            ("id", connection_id.to_owned()),
        ];
        match self.call("buyers/interconnect", &form).await {
            Ok(body) => Ok(PurchaseAnswer::Bought(purchased(&body)?)),
            Err(NeutrafixError::Refused(message)) if says_already_purchased(&message) => {
                Ok(PurchaseAnswer::AlreadyYours)
            }
            Err(error) => Err(error),
        }
    }
}

/// Reads the fields of a purchase answer (also used for the assumed "my routes" list).
pub(crate) fn purchased(body: &Value) -> Result<Purchased> {
    let rates_url = lenient::text(&body["rates_url"])
        .ok_or_else(|| NeutrafixError::Unexpected("the purchase answer has no rates_url".into()))?;
    Ok(Purchased {
        rates_url,
        tech_prefix: lenient::text(&body["tech_prefix"]).unwrap_or_default(),
        route_type: lenient::text(&body["route_type"]).unwrap_or_else(|| "voice".into()),
    })
}

/// Whether the exchange's refusal means the route is already the buyer's.
pub fn says_already_purchased(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    message.contains("already")
        && (message.contains("purchas")
            || message.contains("interconnect")
            || message.contains("bought"))
}

/// Turns an answer into its body or the error it carries.
fn answer(status: StatusCode, body: &str) -> Result<Value> {
    let json: Option<Value> = serde_json::from_str(body).ok();
    let message = json
        .as_ref()
        .and_then(|v| {
            ["message", "error", "msg"]
                .iter()
                .find_map(|k| lenient::text(&v[*k]))
        })
        .unwrap_or_else(|| short(body));
    if message.to_ascii_lowercase().contains("wrong signature") {
        return Err(NeutrafixError::WrongSignature);
    }
    if status.is_server_error() {
        return Err(NeutrafixError::Server {
            status: status.as_u16(),
            message,
        });
    }
    let Some(json) = json else {
        return Err(NeutrafixError::Unexpected(format!(
            "HTTP {}: {}",
            status.as_u16(),
            short(body)
        )));
    };
    let ok_status = json.get("status").and_then(lenient::text).is_none_or(|s| {
        matches!(
            s.to_ascii_lowercase().as_str(),
            "success" | "ok" | "1" | "true"
        )
    });
    if status.is_success() && ok_status {
        Ok(json)
    } else {
        Err(NeutrafixError::Refused(message))
    }
}

fn retry_after(headers: &reqwest::header::HeaderMap) -> Duration {
    headers
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map_or(Duration::from_secs(1), Duration::from_secs_f64)
}

/// The first line of an error page, short enough for a message.
fn short(body: &str) -> String {
    let text = body.trim();
    let line = text.lines().next().unwrap_or_default();
    line.chars().take(200).collect()
}

/// `text` as a URL when it is `https://`, or plain `http://` on loopback (the sandbox); else a
/// message naming `what`. Credentials and decks never travel in the clear to another host.
fn checked_address(text: &str, what: &str) -> Result<reqwest::Url> {
    let url = reqwest::Url::parse(text.trim())
        .map_err(|error| NeutrafixError::Invalid(format!("{what} is not a URL ({error})")))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        _ => Err(NeutrafixError::Invalid(format!(
            "{what} ({}://{}) must start with https:// (plain http is allowed only for \
             127.0.0.1 and localhost)",
            url.scheme(),
            url.host_str().unwrap_or("")
        ))),
    }
}
