//! The integration tests of `cx-calltools`, gathered into one binary: one link instead of one per
//! file keeps the build quick and its disk use small.

mod bindings;
mod clicktodial;
mod keys;
mod links;
mod spamscore;
