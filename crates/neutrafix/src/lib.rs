//! NeuTrafix: the wholesale route market, for route buyers.
//!
//! - [`client`]: the exchange's signed API ([`sign`]), 429s waited out, "Wrong signature" and
//!   "already purchased" understood; [`assumed`] holds the unpublished sign-up, upload and
//!   account calls, alone.
//! - [`route`] and [`lenient`]: market records read field by field.
//! - [`market`]: a million routes filtered and ordered in memory, in milliseconds.
//! - [`deck`]: sellers' rate decks read tolerantly, every bad row reported by line.
//! - [`billing`] and [`rating`]: what a call costs, and which prefix rates a number.
//! - [`cards`]: the NeuTrafix carrier and the sellers' rate cards on the platform ([assumed]
//!   write side, alone).
//! - [`service`]: the feature over the core's session, keyring and data folder, with its own
//!   SQLite file ([`db`]).

pub mod assumed;
pub mod billing;
pub mod cards;
pub mod client;
pub mod db;
pub mod deck;
mod error;
mod export;
pub mod lenient;
pub mod market;
pub mod models;
pub mod rating;
pub mod route;
pub mod service;
pub mod sign;

pub use cards::CardRule;
pub use error::{NeutrafixError, Result};
pub use service::Neutrafix;
