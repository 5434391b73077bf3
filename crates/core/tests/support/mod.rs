//! The shared test kit (`crates/testkit`), under the name the core's tests have always used.
#![allow(unused_imports)]

pub use cx_testkit::*;
