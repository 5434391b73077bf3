//! Autonomous Calling: what the **Auto Dial** pages of an install do.
//!
//! - Config: Customer, Outbound Server, Endpoint, CLI, saved on the install (through the core).
//! - Set Numbers: lists read and normalised by `cx-numbers`, kept in this crate's own SQLite
//!   file (`autodial.sqlite3` in the data folder).
//! - Start: dial jobs, paced and resumable after a crash.

pub mod config;
pub mod db;
pub mod dnc;
pub mod jobs;
pub mod limiter;
pub mod lists;
pub mod platform;
pub mod window;
