//! `cx-sandbox [--port N]`: serves the sandbox until Ctrl-C, for manual testing and for test
//! suites that want it in a process of its own.

use std::process::ExitCode;

use cx_sandbox::{Sandbox, SandboxConfig, DEMO_LOGIN, DEMO_PASSWORD};

const USAGE: &str = "usage: cx-sandbox [--port N]\n\n\
    Serves a stand-in for the ConnexCS Control Panel API on 127.0.0.1 until Ctrl-C.\n\
    --port N   the port to listen on (default: any free port)";

#[tokio::main]
async fn main() -> ExitCode {
    init_logging();
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Some(config)) => config,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("cx-sandbox: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match serve(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cx-sandbox: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `Ok(None)` when help was asked for.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<SandboxConfig>, String> {
    let mut config = SandboxConfig::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" | "-p" => {
                let value = args.next().ok_or("--port needs a value")?;
                config.port = value.parse().map_err(|_| format!("not a port: {value}"))?;
            }
            "--help" | "-h" => return Ok(None),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Some(config))
}

async fn serve(config: SandboxConfig) -> std::io::Result<()> {
    let sandbox = Sandbox::start(config).await?;
    println!("sandbox listening on {}", sandbox.base_url());
    println!("sign in as {DEMO_LOGIN} with password {DEMO_PASSWORD}");
    tokio::signal::ctrl_c().await?;
    sandbox.shutdown().await;
    Ok(())
}

/// Logs to stderr at the level in `RUST_LOG`, `info` by default.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
