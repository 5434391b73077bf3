//! The integration tests of `cx-yoco`, gathered into one binary: one link instead of one per
//! file keeps the build quick and its disk use small.

mod bindings;
mod exactly_once;
mod flow;
mod idempotency;
mod money_cases;
mod refunds;
mod secrets;
mod support;
mod webhooks;
