//! End-to-end tests: the real app in a real window (see `support` for how it is driven).

mod store_flow;
mod support;

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
