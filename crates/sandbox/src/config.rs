//! How a sandbox is started, and the one login it accepts.

use std::path::PathBuf;
use std::time::Duration;

/// The sign-in of the sandbox's only Control Panel user with a password.
pub const DEMO_LOGIN: &str = "demo@sandbox.connexcs.test";

/// The password of [`DEMO_LOGIN`]. Published on purpose: the sandbox holds no real data.
pub const DEMO_PASSWORD: &str = "sandbox-demo";

/// Settings for [`crate::Sandbox::start`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SandboxConfig {
    /// The loopback port to bind; 0 picks any free port.
    pub port: u16,
    /// How long an access token from `GET auth/jwt` lives.
    pub access_token_ttl: Duration,
    /// The longest a refresh token may live, whatever `lifetime` the client asks for.
    pub refresh_token_ttl: Duration,
    /// Added to every API request, to make slow networks visible in the UI.
    pub latency: Duration,
    /// Where installs are kept between runs, for the desktop app's training account; `None`
    /// keeps everything in memory. Secret configuration values are never written: the file
    /// holds the platform's mask in their place, so secrets are forgotten on restart.
    pub state_file: Option<PathBuf>,
}

impl Default for SandboxConfig {
    /// The platform's own figures: access tokens for minutes, refresh tokens for 30 days.
    fn default() -> Self {
        Self {
            port: 0,
            access_token_ttl: Duration::from_secs(15 * 60),
            refresh_token_ttl: Duration::from_secs(30 * 24 * 60 * 60),
            latency: Duration::ZERO,
            state_file: None,
        }
    }
}
