//! Tokens of the JWT sign-in flow and when to renew them.

use std::sync::Arc;

use base64::Engine as _;
use cx_secrets::Secret;

/// A first sign-in with the user's login and password. The password is used for the one
/// request that mints a refresh token and then dropped; it is never stored.
#[derive(Debug)]
pub struct SignIn {
    pub login: String,
    pub password: Secret,
}

/// Told about every new refresh token (first sign-in, renewal) so it can go to the keyring.
pub type TokenListener = Arc<dyn Fn(&Secret) + Send + Sync>;

/// Refresh tokens are renewed once fewer than this many seconds are left (15 days).
pub(crate) const RENEW_REFRESH_BELOW: i64 = 15 * 24 * 3600;

/// An access token is fetched anew this many seconds before it expires, so that a request
/// never leaves with a token that dies on the way.
const ACCESS_MARGIN: i64 = 30;

#[derive(Debug)]
pub(crate) struct Tokens {
    pub refresh: Secret,
    pub access: Option<Secret>,
}

impl Tokens {
    pub fn new(refresh: Secret) -> Self {
        Self {
            refresh,
            access: None,
        }
    }

    /// The access token when it is still good for a while.
    pub fn usable_access(&self, now: i64) -> Option<&Secret> {
        self.access.as_ref().filter(|token| match expiry(token) {
            Some(exp) => exp - now > ACCESS_MARGIN,
            None => true,
        })
    }

    pub fn refresh_needs_renewal(&self, now: i64) -> bool {
        matches!(expiry(&self.refresh), Some(exp) if exp - now < RENEW_REFRESH_BELOW)
    }
}

/// The `exp` claim of a JWT, read without checking the signature: the client only uses it to
/// know when to ask for a new token, never to trust anything.
pub(crate) fn expiry(token: &Secret) -> Option<i64> {
    let payload = token.expose().split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    claims.get("exp")?.as_i64()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt_with_exp(exp: i64) -> Secret {
        let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let header = engine.encode(r#"{"alg":"HS256","typ":"JWT"}"#);
        let claims = engine.encode(format!(r#"{{"sub":"a@b.c","exp":{exp}}}"#));
        Secret::new(format!("{header}.{claims}.c2ln"))
    }

    #[test]
    fn the_expiry_is_read_from_the_claims() {
        assert_eq!(expiry(&jwt_with_exp(1_900_000_000)), Some(1_900_000_000));
        assert_eq!(expiry(&Secret::new("not-a-jwt")), None);
    }

    #[test]
    fn a_refresh_token_with_under_fifteen_days_left_needs_renewal() {
        let now = 1_800_000_000;
        let fresh = Tokens::new(jwt_with_exp(now + 30 * 24 * 3600));
        let ageing = Tokens::new(jwt_with_exp(now + 14 * 24 * 3600));

        assert!(!fresh.refresh_needs_renewal(now));
        assert!(ageing.refresh_needs_renewal(now));
    }

    #[test]
    fn an_access_token_about_to_expire_is_not_used() {
        let now = 1_800_000_000;
        let mut tokens = Tokens::new(jwt_with_exp(now + 3600));
        tokens.access = Some(jwt_with_exp(now + 10));

        assert!(tokens.usable_access(now).is_none());
        tokens.access = Some(jwt_with_exp(now + 600));
        assert!(tokens.usable_access(now).is_some());
    }
}
