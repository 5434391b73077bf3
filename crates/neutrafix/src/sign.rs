//! Request signing, as the exchange asks for it [seen]: every call carries `ts` (Unix seconds),
//! `api_login` and `signature = hex(sha256(controller + api_key + api_login + ts))`, where
//! `controller` is the path called, relative to the API root and without a leading slash
//! (`marketview/search`), as the exchange's own sample scripts build it.

use cx_secrets::Secret;
use sha2::{Digest, Sha256};

/// The three authentication fields of one request.
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    pub api_login: String,
    pub ts: i64,
    /// Lower-case hex SHA-256; not a secret by itself (it is bound to `ts`).
    pub signature: String,
}

/// Signs a call to `controller` at `ts`. The key only enters the hash; it never leaves here.
pub fn sign(controller: &str, api_key: &Secret, api_login: &str, ts: i64) -> Signed {
    let controller = controller.trim_start_matches('/');
    let mut hash = Sha256::new();
    hash.update(controller.as_bytes());
    hash.update(api_key.expose().as_bytes());
    hash.update(api_login.as_bytes());
    hash.update(ts.to_string().as_bytes());
    Signed {
        api_login: api_login.to_owned(),
        ts,
        signature: hex::encode(hash.finalize()),
    }
}

impl Signed {
    /// The form fields to add to the request.
    pub fn fields(&self) -> [(&'static str, String); 3] {
        [
            ("ts", self.ts.to_string()),
            ("api_login", self.api_login.clone()),
            ("signature", self.signature.clone()),
        ]
    }
}

impl std::fmt::Debug for Signed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signed")
            .field("api_login", &self.api_login)
            .field("ts", &self.ts)
            .finish_non_exhaustive()
    }
}
