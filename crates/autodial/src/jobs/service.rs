//! Dial jobs for the signed-in account: what the app's commands call. Reads the install's
//! configuration from the core, checks the request, and hands [`Jobs`] a [`PlatformDialer`]
//! on the session's client.

use cx_core::{AppError, Core, ErrorCode, FieldError};

use super::model::{DialableList, JobProgress, JobRequest};
use super::{JobError, Jobs, NewJob};
use crate::config::{target_of, Values};
use crate::dnc::DoNotCall;
use crate::platform::PlatformDialer;

/// Limits a job may be given.
pub const CPS_RANGE: std::ops::RangeInclusive<u32> = 1..=50;
pub const CONCURRENT_RANGE: std::ops::RangeInclusive<u32> = 1..=500;

/// Checks the request and starts the job.
pub async fn start(core: &Core, jobs: &Jobs, request: JobRequest) -> Result<JobProgress, AppError> {
    let session = core.platform()?;
    let install = core
        .installs()
        .await?
        .into_iter()
        .find(|i| i.id == request.install_id)
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "That install is no longer there."))?;
    let target = target_of(&install.values).map_err(|_| {
        AppError::new(
            ErrorCode::InvalidInput,
            "This install is not configured yet: fill in the Config page first.",
        )
    })?;
    let (do_not_call, errors) = check_request(&request);
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let job = NewJob {
        profile_id: session.profile_id,
        install_id: install.id.clone(),
        app_id: install.app_id.clone(),
        list_id: request.list_id,
        target: target.clone(),
        cps: request.cps,
        max_concurrent: request.max_concurrent,
        window: request.window.clone(),
        do_not_call,
    };
    let dialer = PlatformDialer::new(session.client, &install.app_id, target);
    jobs.start(job, dialer).map_err(app_error)
}

/// Every field of the request that is wrong, and the do-not-call list read.
fn check_request(request: &JobRequest) -> (DoNotCall, Vec<FieldError>) {
    let mut errors = Vec::new();
    let mut problem = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    if !CPS_RANGE.contains(&request.cps) {
        problem("cps", "Calls per second must be between 1 and 50.".into());
    }
    if !CONCURRENT_RANGE.contains(&request.max_concurrent) {
        problem(
            "max_concurrent",
            "Calls at once must be between 1 and 500.".into(),
        );
    }
    if let Some(window) = &request.window {
        if let Err(error) = window.check() {
            problem("window", format!("Calling window: {error}."));
        }
    }
    let country = request.do_not_call_country.as_deref();
    let do_not_call = match DoNotCall::parse(&request.do_not_call, country) {
        Ok(list) => list,
        Err(bad) => {
            let lines: Vec<String> = bad
                .iter()
                .take(5)
                .map(|b| format!("line {}: {}", b.line, b.reason))
                .collect();
            let more = bad.len().saturating_sub(5);
            let tail = if more > 0 {
                format!(" (and {more} more)")
            } else {
                String::new()
            };
            problem(
                "do_not_call",
                format!("Do-not-call list, {}{tail}.", lines.join("; ")),
            );
            DoNotCall::default()
        }
    };
    (do_not_call, errors)
}

/// After sign-in: takes up every job of this account left running or paused (or with calls
/// in progress) when the app last stopped.
pub async fn take_up_all(core: &Core, jobs: &Jobs) -> Result<Vec<JobProgress>, AppError> {
    let session = core.platform()?;
    let rows = jobs
        .store()
        .unfinished(session.profile_id)
        .map_err(store_error)?;
    let mut taken = Vec::new();
    for row in rows {
        let dialer = PlatformDialer::new(session.client.clone(), &row.app_id, row.target.clone());
        taken.push(jobs.take_up(row, dialer).map_err(app_error)?);
    }
    Ok(taken)
}

/// The install's saved lists, newest first.
pub fn lists(core: &Core, jobs: &Jobs, install_id: &str) -> Result<Vec<DialableList>, AppError> {
    let session = core.platform()?;
    jobs.store()
        .lists(session.profile_id, install_id)
        .map_err(store_error)
}

/// The install's jobs, newest first.
pub fn jobs_of(core: &Core, jobs: &Jobs, install_id: &str) -> Result<Vec<JobProgress>, AppError> {
    let session = core.platform()?;
    jobs.jobs_of(session.profile_id, install_id)
        .map_err(app_error)
}

/// The saved configuration of an install, as typed values.
pub fn values_of(install: &cx_core::models::InstallView) -> Values {
    install.values.clone()
}

/// A job error in the UI's terms.
pub fn app_error(error: JobError) -> AppError {
    match error {
        JobError::Store(error) => store_error(error),
        JobError::UnknownJob(_) | JobError::UnknownList => {
            AppError::new(ErrorCode::NotFound, sentence(&error.to_string()))
        }
        JobError::NotLoaded(_) => AppError::new(ErrorCode::SignedOut, sentence(&error.to_string())),
        JobError::Ended { .. } | JobError::ListBusy(_) | JobError::PaceShared { .. } => {
            AppError::new(ErrorCode::Conflict, sentence(&error.to_string()))
        }
    }
}

fn store_error(error: super::StoreError) -> AppError {
    AppError::new(ErrorCode::Database, sentence(&error.to_string()))
}

fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let first = chars
        .next()
        .map(|c| c.to_uppercase().to_string())
        .unwrap_or_default();
    let rest: String = chars.collect();
    if rest.ends_with('.') {
        format!("{first}{rest}")
    } else {
        format!("{first}{rest}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::window::CallingWindow;

    #[test]
    fn each_wrong_part_of_a_job_request_is_named_with_the_lines_at_fault() {
        let request = JobRequest {
            install_id: "5001".into(),
            list_id: 1,
            cps: 0,
            max_concurrent: 501,
            window: Some(CallingWindow {
                start: "9am".into(),
                end: "17:00".into(),
                days: vec![],
                time_zone: None,
            }),
            do_not_call: "+44 7400 123456\n\n+44 74OO 123457\n".into(),
            do_not_call_country: None,
        };

        let (_, errors) = check_request(&request);

        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["cps", "max_concurrent", "window", "do_not_call"]);
        assert_eq!(
            errors[3].message,
            "Do-not-call list, line 3: contains a letter."
        );
    }

    #[test]
    fn a_good_request_reads_its_do_not_call_numbers() {
        let request = JobRequest {
            install_id: "5001".into(),
            list_id: 1,
            cps: 20,
            max_concurrent: 50,
            window: None,
            do_not_call: "07400 123456\n".into(),
            do_not_call_country: Some("GB".into()),
        };

        let (dnc, errors) = check_request(&request);

        assert!(errors.is_empty(), "{errors:?}");
        assert!(dnc.contains("+447400123456"));
    }
}
