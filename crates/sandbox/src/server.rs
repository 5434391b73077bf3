//! The HTTP server: its own accept loop over hyper, so that each connection can be killed
//! without an answer ([`crate::Fault::Drop`]) and the whole server stopped gracefully.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};
use tower::ServiceExt;

use crate::auth::TokenType;
use crate::config::{SandboxConfig, DEMO_LOGIN};
use crate::faults::Faults;
use crate::middleware::{ConnectionKill, API_PREFIX};
use crate::routes;
use crate::state::{AppState, Shared};
use crate::stats::Stats;

/// How long in-flight requests may take to finish once a shutdown starts.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// A running sandbox. Dropping it stops the server too, without waiting.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    state: Shared,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Binds `127.0.0.1` (never another interface) and starts serving.
    pub async fn start(config: SandboxConfig) -> io::Result<Sandbox> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(AppState::new(config));
        let app = routes::router(state.clone());
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(accept_loop(listener, app, stopped));
        tracing::info!(%addr, "sandbox started");
        Ok(Sandbox {
            addr,
            state,
            stop,
            task: Some(task),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/api/cp/`, the profile base URL a client is given.
    pub fn base_url(&self) -> String {
        format!("http://{}{API_PREFIX}", self.addr)
    }

    /// The fault queue; faults pushed here apply to the next API requests.
    pub fn faults(&self) -> &Faults {
        &self.state.faults
    }

    /// Autonomous Calling's simulated calls: their knobs and the record of every one placed.
    pub fn calls(&self) -> &crate::calls::Calls {
        &self.state.calls
    }

    /// The shared state, for the feature modules' own `impl Sandbox` blocks.
    pub(crate) fn state(&self) -> &AppState {
        &self.state
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> Stats {
        self.state.stats.snapshot()
    }

    /// A refresh token for the demo user, as if minted by hand in the panel (Setup >
    /// Integrations > JWT Keys). A zero `ttl` gives one that has already expired.
    pub fn mint_refresh_token(&self, ttl: std::time::Duration) -> String {
        self.state
            .keys
            .mint(DEMO_LOGIN, "panel", TokenType::Refresh, ttl)
    }

    /// Stops accepting, lets in-flight requests finish (for a short grace period), and returns
    /// once the port is closed.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        tracing::info!(addr = %self.addr, "sandbox stopped");
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

async fn accept_loop(listener: TcpListener, app: Router, mut stop: watch::Receiver<bool>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve_connection(stream, app.clone(), stop.clone()));
                }
                Err(error) => {
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = stop.changed() => break,
        }
    }
    drop(listener);
    drain(connections).await;
}

/// Waits for open connections to finish their requests, then cuts the rest.
async fn drain(mut connections: JoinSet<()>) {
    let all_done = async { while connections.join_next().await.is_some() {} };
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, all_done).await;
    connections.shutdown().await;
}

/// Serves one connection until the client closes it, a fault kills it, or the server stops.
async fn serve_connection(stream: TcpStream, app: Router, mut stop: watch::Receiver<bool>) {
    let kill = ConnectionKill::default();
    let service = {
        let kill = kill.clone();
        service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(kill.clone());
            app.clone().oneshot(req)
        })
    };
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);

    let mut stopping = false;
    loop {
        tokio::select! {
            _ = connection.as_mut() => return,
            _ = kill.0.notified() => return,
            _ = stop.changed(), if !stopping => {
                stopping = true;
                connection.as_mut().graceful_shutdown();
            }
        }
    }
}
