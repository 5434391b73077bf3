//! End-to-end tests: the real app in a real window (see `support` for how it is driven).

mod autodial_dial_flow;
mod autodial_numbers_flow;
mod calltools_flow;
mod neutrafix_flow;
mod store_flow;
mod support;
mod yoco_flow;

use serde_json::json;
use support::App;
use thirtyfour::prelude::*;

/// The smoke test: the shell starts, the UI loads from the embedded assets, the first start
/// opens the store on the built-in sandbox, and the IPC bridge answers.
#[tokio::test]
async fn the_window_opens_on_the_store_and_reports_the_app_version() {
    let name = "the_window_opens_on_the_store_and_reports_the_app_version";
    let Some(app) = App::launch(name).await else {
        return;
    };

    let heading = app.wait_for_text(By::Css("h1"), |t| t == "Store").await;
    let title = app.driver().title().await.expect("read the document title");
    let info = app.invoke("app_info", json!({})).await;
    app.screenshot(name).await;

    assert_eq!(
        heading, "Store",
        "a first start opens the store, on the sandbox"
    );
    assert_eq!(
        title, "ConnexCS App Store",
        "index.html titles the document"
    );
    let info = info.expect("app_info answers");
    assert_eq!(
        info["version"],
        env!("CARGO_PKG_VERSION"),
        "the app reports the crate's version: {info}"
    );
    app.close().await;
}

/// Least privilege: the capability file lists the app's own commands only, so the webview
/// cannot reach a plugin directly (here the opener, which would launch any URL).
#[tokio::test]
async fn the_webview_may_call_the_apps_commands_but_no_plugin_directly() {
    let Some(app) = App::launch("least_privilege").await else {
        return;
    };
    app.wait_for_text(By::Css("h1"), |t| t == "Store").await;

    let own = app.invoke("app_info", json!({})).await;
    let plugin = app
        .invoke(
            "plugin:opener|open_url",
            json!({"url": "https://example.com/"}),
        )
        .await;
    app.close().await;

    assert!(own.is_ok(), "the app's own command answers: {own:?}");
    let refused = plugin.expect_err("the opener plugin is not callable from the webview");
    assert!(refused.to_string().contains("not allowed"), "{refused}");
}
