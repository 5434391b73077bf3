//! The integration tests of `cx-numbers`, gathered into one binary: one link instead of one per
//! file keeps the build quick and its disk use small.

mod cases;
mod fuzz_list_reader;
mod properties;
mod workbooks;
