//! Client for the ConnexCS Control Panel API.
//!
//! It follows `contracts/connexcs.md`: the JWT sign-in flow (Basic → refresh token → access
//! token), the platform's conventions (bare or wrapped lists, numbers as strings, `_limit` and
//! `_offset` paging, error text in `error`, `message` or an HTML page, 429 with `Retry-After`)
//! and a timeout on every request. The unpublished App Store endpoints live in [`appstore`],
//! alone, because they are the project's assumption.

pub mod appstore;
mod auth;
mod base_url;
mod client;
mod error;
pub mod resources;
mod wire;

pub use auth::{SignIn, TokenListener};
pub use base_url::BaseUrl;
pub use client::{Client, ClientOptions};
pub use error::PlatformError;
pub use wire::{lenient_f64, lenient_u64, string_id, Id};
