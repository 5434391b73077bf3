//! The integration tests of `cx-autodial`, gathered into one binary: one link instead of one per
//! file keeps the build quick and its disk use small.

mod app_dialer;
mod bindings;
mod config;
mod crash_safety;
mod jobs;
mod list_bindings;
mod lists;
mod one_live_job_per_list;
mod pacing;
mod requeued_numbers;
mod shared_pace;
mod support;
