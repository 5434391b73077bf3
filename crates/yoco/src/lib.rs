//! Yoco card top-ups for the ConnexCS App Store client.
//!
//! A customer's balance is topped up by card through a Yoco hosted checkout and the payment
//! is recorded on the platform exactly once. The parts, each usable alone:
//! - [`money`]: typed rand to integer cents, never through floating point;
//! - [`surcharge`]: the app's fee (fixed or percent, half-up to the cent), shown as its own line;
//! - [`client`]: Yoco's Checkout API, with idempotency keys and honest errors;
//! - [`webhook`]: verification of Yoco's signed events;
//! - [`TopUps`]: the feature itself, on its own SQLite file (`yoco.sqlite3`): start, follow,
//!   credit once, refund, history and CSV. Secrets stay in the OS keyring.

pub mod client;
mod credit;
mod engine;
mod error;
mod history;
pub mod models;
pub mod money;
mod refunds;
mod settings;
pub mod status;
mod store;
pub mod surcharge;
pub mod webhook;

pub use client::{key_mode, Mode, YocoClient};
pub use engine::{EngineOptions, Listener, TopUps};
pub use error::YocoError;
pub use history::qr_svg;
pub use money::{parse_rand, Cents, MoneyError};
pub use store::MIGRATIONS;
pub use surcharge::{Quote, Surcharge};
