//! The tools of two installed apps, free of any UI toolkit.
//!
//! - **Click-2-Dial** ([`clicktodial`]): one API key per customer, generated from the OS's
//!   secure random source ([`keys`]), shown once, kept in the OS keyring and saved to the
//!   install's configuration; test calls through the app's `send` function; `tel:` and
//!   `callto:` links read strictly and normalised to E.164 ([`links`]).
//! - **DID Spam Score** ([`spamscore`]): the package prerequisite, the `cx_api_user` variable,
//!   the account's DIDs, the chargeable check with its report e-mail, and every result kept
//!   in this crate's own SQLite file ([`db`]) for the history, the chart and CSV.

pub mod clicktodial;
pub mod db;
pub mod keys;
pub mod links;
mod settings;
pub mod spamscore;
