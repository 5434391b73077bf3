//! The integration tests of `cx-core`, gathered into one binary: one link instead of one per
//! file keeps the build quick and its disk use small.

mod bindings;
mod documentation;
mod faults;
mod offline;
mod secrets;
mod store;
mod support;
