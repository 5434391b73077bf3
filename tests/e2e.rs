//! End-to-end tests: the real app in a real window (see `support` for how it is driven).

mod support;

use support::App;
use thirtyfour::prelude::*;

#[tokio::test]
async fn the_window_opens_and_shows_the_app_version() {
    let Some(app) = App::launch("the_window_opens_and_shows_the_app_version").await else {
        return;
    };

    let version = app
        .wait_for_text(By::Id("app-version"), |t| t.starts_with("Version "))
        .await;
    let heading = app
        .driver()
        .find(By::Tag("h1"))
        .await
        .expect("find the heading");
    let title = app
        .driver()
        .title()
        .await
        .expect("read the window's document title");
    app.screenshot("the_window_opens_and_shows_the_app_version")
        .await;

    assert_eq!(
        heading.text().await.expect("read the heading"),
        "ConnexCS App Store",
        "the page names the product"
    );
    assert_eq!(
        title, "ConnexCS App Store",
        "index.html titles the document"
    );
    assert_eq!(
        version,
        format!("Version {}", env!("CARGO_PKG_VERSION")),
        "the UI shows what the app_version command returns, which is the crate's version"
    );
    app.close().await;
}
