//! The account's own records the store's Config dialogs pick from, read as the platform's
//! contract describes them (`GET setup/server` and `GET setup/user` are assumed shapes; see
//! `docs/assumed-api.md`).

use serde::{Deserialize, Serialize};

use crate::wire::{lenient_f64, string_id, Id};
use crate::{Client, PlatformError};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Account {
    #[serde(default)]
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Customer {
    #[serde(deserialize_with = "string_id")]
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "lenient_f64")]
    pub credit: f64,
    #[serde(default, deserialize_with = "lenient_f64")]
    pub debit_limit: f64,
    #[serde(default)]
    pub currency: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SipUser {
    #[serde(deserialize_with = "string_id")]
    pub id: Id,
    pub username: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Server {
    #[serde(deserialize_with = "string_id")]
    pub id: Id,
    pub alias: String,
    #[serde(default)]
    pub zone: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    #[serde(deserialize_with = "string_id")]
    pub id: Id,
    pub email: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// The account the credentials belong to; the platform's way to check a sign-in.
pub async fn account(client: &Client) -> Result<Account, PlatformError> {
    client.one("setup/account", &[]).await
}

pub async fn customers(client: &Client) -> Result<Vec<Customer>, PlatformError> {
    client.list_all("customer", &[], 100).await
}

pub async fn sip_users(client: &Client, customer_id: &str) -> Result<Vec<SipUser>, PlatformError> {
    client
        .list_all(
            "switch/user",
            &[("company_id", customer_id.to_owned())],
            100,
        )
        .await
}

pub async fn servers(client: &Client) -> Result<Vec<Server>, PlatformError> {
    client.list("setup/server", &[]).await
}

pub async fn users(client: &Client) -> Result<Vec<User>, PlatformError> {
    client.list("setup/user", &[]).await
}
