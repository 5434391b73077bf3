//! Sign-in as the contract describes it: HTTP Basic on any request, or the JWT flow
//! (`POST auth/jwt/refresh` for a refresh token, `GET auth/jwt` for an access token, bearer
//! access tokens on every other call). Tokens are HS256 JWTs signed with a secret drawn at
//! start, so tokens from another run are refused like forged ones.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::config::{DEMO_LOGIN, DEMO_PASSWORD};
use crate::error::{ApiError, ApiResult};
use crate::middleware::relative_path;
use crate::state::Shared;
use crate::timefmt::now_unix;

/// Which of the two tokens a JWT is; an access token is refused where a refresh token is due
/// and the other way round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum TokenType {
    Refresh,
    Access,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Claims {
    pub(crate) sub: String,
    pub(crate) aud: String,
    pub(crate) iat: u64,
    pub(crate) exp: u64,
    pub(crate) jti: String,
    pub(crate) typ: TokenType,
}

/// Who a request was authenticated as, for handlers that care.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Principal {
    pub(crate) email: String,
}

/// The signing secret and the tokens made to expire early by a fault.
pub(crate) struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    revoked: Mutex<HashSet<String>>,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKeys(<redacted>)")
    }
}

impl TokenKeys {
    pub(crate) fn random() -> Self {
        let mut secret = [0u8; 32];
        rand::rng().fill(&mut secret);
        Self {
            encoding: EncodingKey::from_secret(&secret),
            decoding: DecodingKey::from_secret(&secret),
            revoked: Mutex::new(HashSet::new()),
        }
    }

    pub(crate) fn mint(
        &self,
        email: &str,
        audience: &str,
        typ: TokenType,
        ttl: Duration,
    ) -> String {
        let iat = now_unix();
        let claims = Claims {
            sub: email.to_owned(),
            aud: audience.to_owned(),
            iat,
            exp: iat + ttl.as_secs(),
            jti: format!("{:016x}", rand::random::<u64>()),
            typ,
        };
        let header = Header::new(Algorithm::HS256);
        jsonwebtoken::encode(&header, &claims, &self.encoding).expect("HS256 signing cannot fail")
    }

    /// Checks signature, type and expiry. Expiry is checked here rather than by the JWT
    /// library: `exp` is the instant from which a token is refused (RFC 7519), with no leeway.
    pub(crate) fn verify(&self, token: &str, want: TokenType) -> ApiResult<Claims> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.validate_aud = false;
        validation.required_spec_claims.clear();
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .map_err(|_| unauthorized("Invalid token"))?
            .claims;
        if claims.typ != want {
            return Err(unauthorized(match want {
                TokenType::Access => "A refresh token cannot be used to call the API",
                TokenType::Refresh => "An access token cannot be used to get tokens",
            }));
        }
        if now_secs_f64() >= claims.exp as f64 || self.is_revoked(&claims.jti) {
            return Err(unauthorized("Token expired"));
        }
        Ok(claims)
    }

    pub(crate) fn revoke(&self, jti: &str) {
        self.revoked_set().insert(jti.to_owned());
    }

    pub(crate) fn forget_revoked(&self) {
        self.revoked_set().clear();
    }

    fn is_revoked(&self, jti: &str) -> bool {
        self.revoked_set().contains(jti)
    }

    fn revoked_set(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.revoked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn now_secs_f64() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

fn unauthorized(message: &str) -> ApiError {
    ApiError::Unauthorized(message.to_owned())
}

/// What the `Authorization` header carried.
enum Credentials {
    Basic { email: String, password: String },
    Bearer(String),
}

fn credentials(headers: &HeaderMap) -> ApiResult<Credentials> {
    let value = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| unauthorized("Authentication required"))?;
    let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
    let rest = rest.trim();
    if scheme.eq_ignore_ascii_case("bearer") && !rest.is_empty() {
        return Ok(Credentials::Bearer(rest.to_owned()));
    }
    if scheme.eq_ignore_ascii_case("basic") {
        return decode_basic(rest).ok_or_else(|| unauthorized("Invalid credentials"));
    }
    Err(unauthorized("Authentication required"))
}

fn decode_basic(encoded: &str) -> Option<Credentials> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (email, password) = text.split_once(':')?;
    Some(Credentials::Basic {
        email: email.to_owned(),
        password: password.to_owned(),
    })
}

/// The one user with a password; e-mail addresses compare without regard to case.
fn check_password(email: &str, password: &str) -> ApiResult<()> {
    if email.eq_ignore_ascii_case(DEMO_LOGIN) && password == DEMO_PASSWORD {
        Ok(())
    } else {
        Err(unauthorized("Invalid email or password"))
    }
}

/// Authenticates a request to any API path other than the two token endpoints.
fn authenticate(state: &Shared, headers: &HeaderMap, path: &str) -> ApiResult<Principal> {
    match credentials(headers)? {
        Credentials::Basic { email, password } => {
            check_password(&email, &password)?;
            Ok(Principal {
                email: DEMO_LOGIN.to_owned(),
            })
        }
        Credentials::Bearer(token) => {
            let claims = state.keys.verify(&token, TokenType::Access)?;
            expire_if_asked(state, path, &claims)?;
            Ok(Principal { email: claims.sub })
        }
    }
}

/// Applies a pending [`crate::Fault::ExpireAccessTokens`]: the token dies now, for good.
fn expire_if_asked(state: &Shared, path: &str, claims: &Claims) -> ApiResult<()> {
    if state.faults.take(path, true).is_none() {
        return Ok(());
    }
    state.keys.revoke(&claims.jti);
    state.stats.update(|s| s.faults_applied += 1);
    Err(unauthorized("Token expired"))
}

/// Middleware for every authenticated route.
pub(crate) async fn require_auth(
    State(state): State<Shared>,
    mut req: Request,
    next: Next,
) -> Response {
    let path = relative_path(req.uri().path());
    match authenticate(&state, req.headers(), &path) {
        Ok(principal) => {
            req.extensions_mut().insert(principal);
            next.run(req).await
        }
        Err(error) => error.into_response(),
    }
}

/// The body of `POST auth/jwt/refresh`; both fields may be left out.
#[derive(Debug, Default, Deserialize)]
struct RefreshRequest {
    lifetime: Option<u64>,
    audience: Option<String>,
}

fn parse_refresh_body(body: &Bytes) -> ApiResult<RefreshRequest> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(RefreshRequest::default());
    }
    let request: RefreshRequest = serde_json::from_slice(body).map_err(|e| {
        ApiError::bad_request(format!(
            "Expected {{\"lifetime\": seconds, \"audience\": text}}: {e}"
        ))
    })?;
    if request.lifetime == Some(0) {
        return Err(ApiError::bad_request(
            "lifetime must be a positive number of seconds",
        ));
    }
    Ok(request)
}

/// `POST auth/jwt/refresh`: Basic signs in, `Bearer <refresh>` renews. Either way the answer is
/// a new refresh token whose lifetime is what was asked for, capped by the configuration.
pub(crate) async fn refresh(
    State(state): State<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let request = parse_refresh_body(&body)?;
    let (email, old_audience) = match credentials(&headers)? {
        Credentials::Basic { email, password } => {
            check_password(&email, &password)?;
            (DEMO_LOGIN.to_owned(), None)
        }
        Credentials::Bearer(token) => {
            let claims = state.keys.verify(&token, TokenType::Refresh)?;
            (claims.sub, Some(claims.aud))
        }
    };
    let audience = request
        .audience
        .or(old_audience)
        .unwrap_or_else(|| "unknown".to_owned());
    let cap = state.config.refresh_token_ttl;
    let ttl = request
        .lifetime
        .map_or(cap, |secs| Duration::from_secs(secs).min(cap));
    let token = state.keys.mint(&email, &audience, TokenType::Refresh, ttl);
    state.stats.update(|s| s.refresh_tokens_minted += 1);
    Ok(Json(json!({ "token": token })))
}

/// `GET auth/jwt` with `Bearer <refresh>`: a short-lived access token for the same audience.
pub(crate) async fn access(
    State(state): State<Shared>,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    let Credentials::Bearer(token) = credentials(&headers)? else {
        return Err(unauthorized("A refresh token is required"));
    };
    let claims = state.keys.verify(&token, TokenType::Refresh)?;
    let ttl = state.config.access_token_ttl;
    let access = state
        .keys
        .mint(&claims.sub, &claims.aud, TokenType::Access, ttl);
    state.stats.update(|s| s.access_tokens_minted += 1);
    Ok(Json(json!({ "token": access })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_with_no_time_to_live_is_refused_at_once() {
        let keys = TokenKeys::random();
        let token = keys.mint("a@b.test", "t@h", TokenType::Access, Duration::ZERO);
        assert_eq!(
            keys.verify(&token, TokenType::Access).unwrap_err(),
            unauthorized("Token expired")
        );
    }

    #[test]
    fn a_token_signed_by_another_sandbox_is_refused() {
        let token = TokenKeys::random().mint(
            "a@b.test",
            "t@h",
            TokenType::Access,
            Duration::from_secs(3600),
        );
        assert!(TokenKeys::random()
            .verify(&token, TokenType::Access)
            .is_err());
    }
}
