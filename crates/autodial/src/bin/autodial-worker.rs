//! `autodial-worker`: runs dial jobs headless, in a process of its own, until they end.
//!
//! It exists so crash safety can be proved on a real process: a test starts it, kills it with
//! SIGKILL at random moments, starts it again, and counts the calls the platform received.
//! Each run takes up the jobs left unfinished in the data folder; when there are none and
//! `--list` is given, it starts a job on that list.
//!
//! ```text
//! CX_PASSWORD=… autodial-worker --data DIR --api URL --login EMAIL --install ID --app ID \
//!     --list ID --company ID --server ALIAS --extension EXT --cli E164 \
//!     [--cps N] [--concurrent N] [--poll-ms N] [--profile N]
//! ```

use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use cx_autodial::jobs::{JobState, Jobs, NewJob, Timing};
use cx_autodial::platform::{CallTarget, PlatformDialer};
use cx_core::Secret;
use cx_platform::{BaseUrl, Client, ClientOptions, SignIn};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("autodial-worker: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let args = Args::parse()?;
    let poll = Duration::from_millis(args.number("poll-ms", 20)?);
    let timing = Timing {
        poll,
        in_doubt_grace: poll * 5,
        lookup_retry: poll * 5,
    };
    let jobs = Jobs::open(args.path("data")?.as_ref(), timing).map_err(|e| e.to_string())?;
    let client = Arc::new(sign_in(&args).await?);
    let profile_id = args.number("profile", 1)? as i64;
    let target = CallTarget {
        company: args.text("company")?,
        server: args.text("server")?,
        extension: args.text("extension")?,
        cli: args.text("cli")?,
    };
    let app_id = args.text("app")?;
    let dialer = || PlatformDialer::new(client.clone(), &app_id, target.clone());

    let mut ids = Vec::new();
    let unfinished = jobs
        .store()
        .unfinished(profile_id)
        .map_err(|e| e.to_string())?;
    for row in unfinished {
        ids.push(row.id);
        jobs.take_up(row, dialer()).map_err(|e| e.to_string())?;
    }
    let install_id = args.text("install")?;
    let started_before = !jobs
        .store()
        .jobs_of(profile_id, &install_id)
        .map_err(|e| e.to_string())?
        .is_empty();
    if ids.is_empty() && !started_before {
        let job = NewJob {
            profile_id,
            install_id,
            app_id: app_id.clone(),
            list_id: args.number("list", 0)? as i64,
            target: target.clone(),
            cps: args.number("cps", 20)? as u32,
            max_concurrent: args.number("concurrent", 10)? as u32,
            window: None,
            do_not_call: Default::default(),
        };
        ids.push(jobs.start(job, dialer()).map_err(|e| e.to_string())?.job_id);
    }
    for id in ids {
        jobs.wait(id).await;
        let state = jobs.progress_of(id).map_err(|e| e.to_string())?.state;
        if state != JobState::Finished {
            return Err(format!("job {id} ended {state:?}"));
        }
    }
    Ok(())
}

async fn sign_in(args: &Args) -> Result<Client, String> {
    let base = BaseUrl::parse(&args.text("api")?).map_err(|e| e.to_string())?;
    let password = std::env::var("CX_PASSWORD").map_err(|_| "CX_PASSWORD is not set")?;
    let credentials = SignIn {
        login: args.text("login")?,
        password: Secret::new(password),
    };
    let options = ClientOptions {
        timeout: Duration::from_secs(5),
        // 429s go to the dial jobs' limiter, which holds every start, not to a quiet retry.
        rate_limit_retries: 0,
        ..ClientOptions::default()
    };
    Client::sign_in(base, credentials, options)
        .await
        .map_err(|e| e.to_string())
}

/// `--name value` pairs.
struct Args(HashMap<String, String>);

impl Args {
    fn parse() -> Result<Self, String> {
        let mut pairs = HashMap::new();
        let mut args = std::env::args().skip(1);
        while let Some(name) = args.next() {
            let key = name
                .strip_prefix("--")
                .ok_or_else(|| format!("unexpected argument {name}"))?;
            let value = args.next().ok_or_else(|| format!("{name} needs a value"))?;
            pairs.insert(key.to_owned(), value);
        }
        Ok(Self(pairs))
    }

    fn text(&self, name: &str) -> Result<String, String> {
        self.0
            .get(name)
            .cloned()
            .ok_or_else(|| format!("--{name} is required"))
    }

    fn path(&self, name: &str) -> Result<std::path::PathBuf, String> {
        self.text(name).map(Into::into)
    }

    fn number(&self, name: &str, default: u64) -> Result<u64, String> {
        match self.0.get(name) {
            Some(text) => text
                .parse()
                .map_err(|_| format!("--{name}: not a number: {text}")),
            None => Ok(default),
        }
    }
}
