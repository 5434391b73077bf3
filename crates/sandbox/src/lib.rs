//! A stand-in for the ConnexCS Control Panel API, served over real HTTP on loopback.
//!
//! The desktop app starts it in-process as its built-in "sandbox" account, and the test suites
//! point real HTTP clients at it. It exists to prove the client right, not to make it easy: it
//! follows `shared/contracts/connexcs.md` and `docs/assumed-api.md` to the letter, quirks
//! included (numbers as strings, three list shapes, HTML error pages, tokens that expire).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use cx_sandbox::{Fault, Sandbox, SandboxConfig};
//!
//! let sandbox = Sandbox::start(SandboxConfig::default()).await?;
//! sandbox.faults().push(Fault::Status(500), 1);
//! println!("{}", sandbox.base_url());
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```

mod auth;
mod calls;
mod catalogue;
mod clicktodial;
mod config;
mod control;
mod error;
mod faults;
mod listing;
mod middleware;
mod money;
mod neutrafix;
mod persist;
mod routes;
mod seed;
mod server;
mod spamscore;
mod state;
mod stats;
mod store;
mod timefmt;
mod yoco;

pub use calls::{CallOutcome, CallRecord, CallSettings, Calls};
pub use config::{SandboxConfig, DEMO_LOGIN, DEMO_PASSWORD};
pub use faults::{Fault, Faults};
pub use neutrafix::{NEUTRAFIX_DEMO_KEY, NEUTRAFIX_DEMO_LOGIN};
pub use server::Sandbox;
pub use stats::{ScriptCall, SentEmail, Stats};
