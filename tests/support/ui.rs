//! Steps a person takes in the window, shared by every end-to-end flow: wait for an element,
//! click it, type into it, pick from one of the app's pickers, wait for a toast.

use std::future::Future;
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

use super::App;

pub const WAIT: Duration = Duration::from_secs(20);

/// Polls `probe` until it answers `Some`, or fails the test naming `what` it waited for.
pub async fn eventually<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Some(found) = probe().await {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out after {WAIT:?} waiting for {what}");
}

/// The element for `css`, once it is shown.
pub async fn shown(app: &App, css: &str) -> WebElement {
    eventually(css, || async {
        let element = app.driver().find(By::Css(css)).await.ok()?;
        element.is_displayed().await.ok()?.then_some(element)
    })
    .await
}

/// Clicks the element for `css` once it is shown.
pub async fn click(app: &App, css: &str) {
    shown(app, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// Clicks the element for `css` inside `parent` (a row of the install list).
pub async fn click_in(parent: &WebElement, css: &str) {
    let element = parent
        .find(By::Css(css))
        .await
        .unwrap_or_else(|e| panic!("find {css}: {e}"));
    element
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// The element for `css` once its text satisfies `ready`.
pub async fn with_text(app: &App, css: &str, ready: impl Fn(&str) -> bool) -> WebElement {
    eventually(css, || async {
        let element = app.driver().find(By::Css(css)).await.ok()?;
        let text = element.text().await.ok()?;
        ready(&text).then_some(element)
    })
    .await
}

/// Waits for a toast saying `words`: earlier toasts (from the install) may still be shown.
pub async fn saved_toast(app: &App, words: &str) {
    eventually(words, || async {
        let toasts = app
            .driver()
            .find_all(By::Css("[data-testid=toast]"))
            .await
            .ok()?;
        for toast in toasts {
            if toast.text().await.ok()?.contains(words) {
                return Some(());
            }
        }
        None
    })
    .await
}

/// Replaces an input's text the way a person does: select all, type.
pub async fn type_into(element: &WebElement, text: &str) {
    element.click().await.expect("focus the input");
    element
        .send_keys(Key::Control + "a")
        .await
        .expect("select what is there");
    element.send_keys(text).await.expect("type");
}

/// Picks an entry of one of the app's searchable pickers by typing it and leaving the field.
pub async fn pick(app: &App, key: &str, text: &str) {
    let input = shown(app, &format!("[data-testid=config-field-{key}]")).await;
    eventually(&format!("the choices of {key}"), || async {
        let busy = app
            .driver()
            .find(By::Css(".combobox .spinner"))
            .await
            .is_ok();
        (!busy).then_some(())
    })
    .await;
    type_into(&input, text).await;
    input.send_keys(Key::Tab).await.expect("leave the picker");
}

/// Opens a route of the app by its address (`#/install/<id>/<page>`), as a bookmark would.
pub async fn set_hash(app: &App, hash: &str) {
    app.driver()
        .execute(
            "window.location.hash = arguments[0];",
            vec![serde_json::Value::from(hash)],
        )
        .await
        .expect("change the route");
}
