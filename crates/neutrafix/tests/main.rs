//! The integration tests of `cx-neutrafix`, gathered into one binary: one link instead of one per
//! file keeps the build quick and its disk use small.

mod addresses;
mod billing;
mod bindings;
mod cases;
mod decks;
mod exchange;
mod market;
mod signing;
