//! What the integration tests of the core and of every feature crate share: a real sandbox on
//! a loopback port, a real Core on a SQLite file in a temporary folder, and the real OS keyring
//! under a service name no other test uses. A dev-dependency only.

mod bindings;

pub use bindings::assert_bindings_fresh;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cx_core::models::{InstallRequest, InstallView, StoreQuery};
use cx_core::{AccountForm, Core, CoreOptions, Secret};
use cx_platform::appstore::Install;
use cx_platform::{BaseUrl, Client, ClientOptions, SignIn};
use cx_sandbox::{Sandbox, SandboxConfig, DEMO_LOGIN, DEMO_PASSWORD};
use cx_secrets::Keyring;
use tempfile::TempDir;

/// App ids the sandbox seeds (see `crates/sandbox/README.md`).
pub const SPAM_SCORE: &str = "1042";
pub const AUTONOMOUS_CALLING: &str = "1187";
pub const CLICK_2_DIAL: &str = "5b0e8c1d-2f4a-4c9e-9a57-3d61f0b7c2e4";
pub const YOCO: &str = "1311";
pub const NEUTRAFIX: &str = "e2a4f7c0-8b1d-4d3a-b6f2-71c9a0d5e813";
pub const BALANCE_ALERTS: &str = "2040";

/// A Yoco secret key that matches the app's pattern (`sk_test_` and 16+ letters or digits).
pub const YOCO_TEST_KEY: &str = "sk_test_4f9Qm2Zx7Lp3Rt8Vw1Ky";

/// A Core on its own data folder and keyring service. The folder lives as long as this does.
pub struct TestCore {
    pub core: Core,
    pub dir: TempDir,
    pub service: String,
}

impl TestCore {
    /// A new Core on a new empty folder, under a keyring service of its own.
    pub fn new(label: &str) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder can be made");
        let service = unique_service(label);
        let core = open_core(dir.path(), &service);
        Self { core, dir, service }
    }

    pub fn keyring(&self) -> Keyring {
        Keyring::new(self.service.clone())
    }
}

/// A keyring service name no other test (nor any other run) shares, so that tests running in
/// parallel never see each other's entries.
pub fn unique_service(label: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("cx-test-{label}-{}-{nanos:x}-{n}", std::process::id())
}

/// Short timeouts, so that a test which goes wrong fails quickly instead of hanging.
pub fn client_options() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_secs(5),
        ..ClientOptions::default()
    }
}

pub fn open_core(dir: &Path, service: &str) -> Core {
    Core::open(CoreOptions {
        data_dir: dir.to_owned(),
        keyring_service: service.to_owned(),
        client: client_options(),
    })
    .expect("a Core opens on an empty folder")
}

pub async fn start_sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig::default())
        .await
        .expect("the sandbox binds a free loopback port")
}

/// A Core signed in to the sandbox's built-in profile with the demo login, its store
/// refreshed once.
pub async fn signed_in(sandbox: &Sandbox, label: &str) -> TestCore {
    let test = TestCore::new(label);
    test.core
        .sign_in_sandbox(&sandbox.base_url(), DEMO_LOGIN, Secret::new(DEMO_PASSWORD))
        .await
        .expect("the demo login signs in to the sandbox");
    test.core
        .refresh_store(&StoreQuery::default())
        .await
        .expect("the sandbox's store answers");
    test
}

/// The sign-in form of a real account, pointed at the sandbox (plain http is allowed on
/// loopback), as a user would fill it in.
pub fn account_form(sandbox: &Sandbox, name: &str) -> AccountForm {
    AccountForm {
        name: name.to_owned(),
        base_url: sandbox.base_url(),
        login: DEMO_LOGIN.to_owned(),
    }
}

/// Where the core files a secret of an install, as `crates/core/src/installs.rs` names it.
pub fn install_secret_key(profile_id: i64, install_id: &str, field: &str) -> String {
    format!("profile:{profile_id}:install:{install_id}:{field}")
}

/// Where the core files a profile's refresh token, as `crates/core/src/session.rs` names it.
pub fn refresh_token_key(profile_id: i64) -> String {
    format!("profile:{profile_id}:refresh-token")
}

pub fn profile_id(core: &Core) -> i64 {
    core.session().expect("a session is open").profile.id
}

pub async fn install(core: &Core, app_id: &str, name: &str, version: &str) -> InstallView {
    core.install(InstallRequest {
        app_id: app_id.to_owned(),
        name: name.to_owned(),
        version: version.to_owned(),
    })
    .await
    .unwrap_or_else(|error| panic!("installing {app_id} {version} as {name:?}: {error:?}"))
}

/// Typed configuration values, as the Config dialog sends them.
pub fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect()
}

/// A second, independent client of the sandbox, standing for the platform's own view: it
/// reads what the sandbox holds without going through the Core under test.
pub struct Platform {
    pub client: Client,
}

impl Platform {
    pub async fn connect(sandbox: &Sandbox) -> Self {
        let base = BaseUrl::parse(&sandbox.base_url()).expect("the sandbox URL is a base URL");
        let credentials = SignIn {
            login: DEMO_LOGIN.to_owned(),
            password: Secret::new(DEMO_PASSWORD),
        };
        let client = Client::sign_in(base, credentials, client_options())
            .await
            .expect("the demo login signs in");
        Self { client }
    }

    pub async fn installs(&self) -> Vec<Install> {
        cx_platform::appstore::installs(&self.client)
            .await
            .expect("the sandbox lists its installs")
    }

    /// The install as the sandbox stores it (secret values masked, as the platform does).
    pub async fn install(&self, install_id: &str) -> Option<Install> {
        self.installs()
            .await
            .into_iter()
            .find(|install| install.id == install_id)
    }

    /// Calls Click-2-Dial's public `send` function, which the sandbox answers only when
    /// `api_key` equals the key stored with the install.
    pub async fn click_to_dial(
        &self,
        api_key: &str,
        phone: &str,
    ) -> Result<serde_json::Value, cx_platform::PlatformError> {
        let path = format!("scriptforge/{CLICK_2_DIAL}/main/send");
        let body = serde_json::json!({"api_key": api_key, "phone": phone});
        self.client.post(&path, &body).await
    }
}
