//! Click-2-Dial commands: the customers table with its keys, test calls, and `tel:`/`callto:`
//! links handed over by the desktop (Tauri's deep-link plugin). Each is a few lines over
//! `cx_calltools`.

use cx_calltools::clicktodial::{self, CallPlaced, DialView, NewKey};
use cx_calltools::links::DialLink;
use std::sync::Mutex;

use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_deep_link::DeepLinkExt;

use super::{logged, Answer};
use crate::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn clicktodial_view(state: State<'_, AppState>, install_id: String) -> Answer<DialView> {
    let core = state.core()?;
    logged(
        "clicktodial_view",
        clicktodial::view(&core, &install_id).await,
    )
}

#[tauri::command(rename_all = "snake_case")]
pub async fn clicktodial_add(
    state: State<'_, AppState>,
    install_id: String,
    customer_id: String,
    extension: String,
) -> Answer<NewKey> {
    let core = state.core()?;
    let added = clicktodial::add(&core, &install_id, &customer_id, &extension).await;
    logged("clicktodial_add", added)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn clicktodial_rotate(
    state: State<'_, AppState>,
    install_id: String,
    customer_id: String,
) -> Answer<NewKey> {
    let core = state.core()?;
    let rotated = clicktodial::rotate(&core, &install_id, &customer_id).await;
    logged("clicktodial_rotate", rotated)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn clicktodial_revoke(
    state: State<'_, AppState>,
    install_id: String,
    customer_id: String,
) -> Answer<DialView> {
    let core = state.core()?;
    let revoked = clicktodial::revoke(&core, &install_id, &customer_id).await;
    logged("clicktodial_revoke", revoked)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn clicktodial_set_default(
    state: State<'_, AppState>,
    install_id: String,
    customer_id: String,
) -> Answer<DialView> {
    let core = state.core()?;
    let view = clicktodial::set_default(&core, &install_id, &customer_id).await;
    logged("clicktodial_set_default", view)
}

/// A test call, or the call a link asked for; `customer_id` none means the default.
#[tauri::command(rename_all = "snake_case")]
pub async fn clicktodial_call(
    state: State<'_, AppState>,
    install_id: String,
    customer_id: Option<String>,
    phone: String,
) -> Answer<CallPlaced> {
    let core = state.core()?;
    let placed = clicktodial::call(&core, &install_id, customer_id.as_deref(), &phone).await;
    logged("clicktodial_call", placed)
}

/// Links that came in and the UI has not taken yet (one may arrive before the UI is up).
#[derive(Default)]
pub struct PendingLinks(Mutex<Vec<DialLink>>);

/// Emitted (without a payload) whenever a link arrives; the UI then takes the pending ones.
pub const DIAL_LINK_EVENT: &str = "dial-link";

/// Registers the app as the desktop's handler of the schemes in `tauri.conf.json` (`tel`,
/// `callto`; on Linux a `.desktop` entry with those MIME types), and listens for links.
pub fn listen_for_links(app: &tauri::App) {
    app.manage(PendingLinks::default());
    // On Linux registering writes a `.desktop` entry and runs the desktop's MIME tools: off the
    // main thread, which would otherwise wait for them before drawing the window.
    #[cfg(target_os = "linux")]
    {
        let handle = app.handle().clone();
        let registering = std::thread::Builder::new()
            .name("register-links".into())
            .spawn(move || {
                if let Err(error) = handle.deep_link().register_all() {
                    tracing::warn!(%error, "could not register as the tel: and callto: handler");
                }
            });
        if let Err(error) = registering {
            tracing::warn!(%error, "could not start registering the tel: and callto: handler");
        }
    }
    let handle = app.handle().clone();
    app.deep_link().on_open_url(move |event| {
        let urls: Vec<String> = event.urls().iter().map(|url| url.to_string()).collect();
        receive_links(&handle, &urls);
    });
    if let Ok(Some(urls)) = app.deep_link().get_current() {
        let urls: Vec<String> = urls.iter().map(|url| url.to_string()).collect();
        receive_links(app.handle(), &urls);
    }
}

/// A second launch of the app (the desktop opening a phone link while the app runs): its link
/// reaches [`receive_links`] through the deep-link plugin; here the window comes forward.
pub fn second_launch(app: &AppHandle, _argv: Vec<String>, _cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// Reads each link strictly, keeps it for the UI and tells the UI; a refused link is shown
/// with its reason, never dialled.
pub fn receive_links(app: &AppHandle, urls: &[String]) {
    let read = urls.iter().map(|url| DialLink::read(url));
    let pending = app.state::<PendingLinks>();
    let mut list = pending.0.lock().unwrap_or_else(|p| p.into_inner());
    for link in read {
        tracing::info!(accepted = link.phone.is_some(), "dial link opened");
        list.push(link);
    }
    drop(list);
    if let Err(error) = app.emit(DIAL_LINK_EVENT, ()) {
        tracing::warn!(%error, "could not tell the UI about a dial link");
    }
}

/// The links received and not yet taken, oldest first.
#[tauri::command(rename_all = "snake_case")]
pub fn clicktodial_take_links(pending: State<'_, PendingLinks>) -> Vec<DialLink> {
    std::mem::take(&mut *pending.0.lock().unwrap_or_else(|p| p.into_inner()))
}

/// Hands a link to the app as the desktop would (for the Usage panel's "try a link" and the
/// end-to-end test, which cannot click a link in another program).
#[tauri::command(rename_all = "snake_case")]
pub fn clicktodial_open_link(app: AppHandle, link: String) {
    receive_links(&app, &[link]);
}
