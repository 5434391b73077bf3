//! Auto Dial, as a dialer operator uses it in the real window on the built-in sandbox
//! (training mode): install Autonomous Calling, fill in its Config page (a bad CLI is refused
//! with its own message first), paste a list on Set Numbers, start a job, pause it, resume it,
//! let it finish, export the results. A screenshot at each step
//! (`artifacts/screenshots/autodial-*`).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::{json, Value};
use thirtyfour::prelude::*;

use crate::support::ui::{click, eventually, pick, saved_toast, shown, type_into, with_text};
use crate::support::App;

const NUMBERS: usize = 24;

/// Makes the in-app sandbox's calls fifty times shorter than real ones (its control API).
fn speed_up_sandbox_calls(sandbox_url: &str) {
    let authority = sandbox_url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .expect("the sandbox URL has a host");
    let body = r#"{"time_scale": 0.02}"#;
    let mut stream = TcpStream::connect(authority).expect("the sandbox listens on loopback");
    write!(
        stream,
        "PUT /__sandbox/calls HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

async fn job(app: &App, install_id: &str) -> Value {
    let jobs = app
        .invoke("autodial_jobs", json!({ "install_id": install_id }))
        .await
        .expect("autodial_jobs answers");
    jobs[0].clone()
}

async fn go(app: &App, hash: &str) {
    app.driver()
        .execute(&format!("window.location.hash = '{hash}';"), vec![])
        .await
        .expect("navigate");
}

#[tokio::test]
async fn an_operator_configures_auto_dial_then_starts_pauses_resumes_and_exports_a_job() {
    let Some(app) = App::launch("autodial_dial_flow").await else {
        return;
    };
    with_text(&app, "h1", |t| t == "Store").await;
    let info = app.invoke("app_info", json!({})).await.unwrap();
    speed_up_sandbox_calls(info["sandbox_url"].as_str().expect("the sandbox runs"));

    // Install Autonomous Calling from the store.
    type_into(
        &shown(&app, "[data-testid=store-search]").await,
        "autonomous",
    )
    .await;
    click(
        &app,
        "[data-testid=app-card][data-app-name='Autonomous Calling']",
    )
    .await;
    with_text(&app, "h1", |t| t == "Autonomous Calling").await;
    click(&app, "[data-testid=install-button]").await;
    type_into(
        &shown(&app, "[data-testid=install-name]").await,
        "Dialer East",
    )
    .await;
    click(&app, "[data-testid=install-submit]").await;
    let installs = eventually("the install", || async {
        let listed = app.invoke("installs_list", json!({})).await.ok()?;
        (listed.as_array()?.len() == 1).then_some(listed)
    })
    .await;
    let install_id = installs[0]["id"].as_str().unwrap().to_owned();

    // Config: a CLI that is not a number is refused under its field, then corrected.
    go(&app, &format!("#/install/{install_id}/config")).await;
    shown(&app, "[data-testid=autodial-config]").await;
    app.screenshot("autodial-01-config-empty").await;
    pick(&app, "customer_id", "Northbridge Communications Ltd").await;
    pick(&app, "server_alias", "lon-sbc-1").await;
    pick(&app, "extension", "1001").await;
    let cli = shown(&app, "[data-testid=config-field-cli]").await;
    type_into(&cli, "+1 202 555 01").await;
    click(&app, "[data-testid=autodial-config-save]").await;
    let error = with_text(&app, ".field.has-error", |t| t.contains("CLI")).await;
    assert!(
        error.text().await.unwrap().contains("Not a valid CLI"),
        "the CLI's own message"
    );
    app.screenshot("autodial-02-config-bad-cli").await;
    type_into(&cli, "+442071838750").await;
    click(&app, "[data-testid=autodial-config-save]").await;
    saved_toast(&app, "Saved the configuration").await;
    let installs = app.invoke("installs_list", json!({})).await.unwrap();
    assert_eq!(installs[0]["values"]["cli"], "+442071838750");
    assert_eq!(installs[0]["values"]["customer_id"], "1201");
    app.screenshot("autodial-03-config-saved").await;

    // A list pasted on Set Numbers, written the way people write numbers.
    let numbers: Vec<String> = (0..NUMBERS).map(|n| format!("+4474002{n:05}")).collect();
    let pasted: Vec<String> = (0..NUMBERS).map(|n| format!("+44 7400 2{n:05}")).collect();
    go(&app, &format!("#/install/{install_id}/numbers")).await;
    let paste = shown(&app, "[data-testid=numbers-paste]").await;
    paste.click().await.expect("focus the paste box");
    for line in &pasted {
        paste.send_keys(line.as_str()).await.expect("type a number");
        paste.send_keys(Key::Enter).await.expect("a new line");
    }
    with_text(&app, "[data-testid=numbers-accepted]", |t| {
        t == NUMBERS.to_string()
    })
    .await;
    type_into(
        &shown(&app, "[data-testid=numbers-name]").await,
        "Spring callbacks",
    )
    .await;
    click(&app, "[data-testid=numbers-save]").await;
    saved_toast(&app, &format!("\"Spring callbacks\": {NUMBERS} numbers")).await;
    with_text(&app, "[data-testid=numbers-list-accepted]", |t| {
        t == NUMBERS.to_string()
    })
    .await;
    app.screenshot("autodial-04a-list-saved").await;

    // The Start page: training mode says no real call is placed.
    go(&app, &format!("#/install/{install_id}/start")).await;
    let start = with_text(&app, "[data-testid=autodial-start]", |t| {
        t.contains("no real call is placed")
    })
    .await;
    assert!(start.text().await.unwrap().contains("Training mode"));
    with_text(&app, "[data-testid=autodial-list]", |t| {
        t.contains("Spring callbacks")
    })
    .await;
    type_into(&shown(&app, "[data-testid=autodial-cps]").await, "2").await;
    type_into(&shown(&app, "[data-testid=autodial-concurrent]").await, "4").await;
    type_into(
        &shown(&app, "[data-testid=autodial-dnc]").await,
        "+44 7400 200003",
    )
    .await;
    app.screenshot("autodial-04-start-form").await;

    // Start, watch it move, pause.
    click(&app, "[data-testid=autodial-start-job]").await;
    with_text(&app, "[data-testid=autodial-job-state]", |t| t == "Running").await;
    eventually("a few calls placed", || async {
        let job = job(&app, &install_id).await;
        (job["dialled"].as_u64()? >= 3).then_some(())
    })
    .await;
    app.screenshot("autodial-05-running").await;
    click(&app, "[data-testid=autodial-pause]").await;
    with_text(&app, "[data-testid=autodial-job-state]", |t| t == "Paused").await;
    let paused = job(&app, &install_id).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let later = job(&app, &install_id).await;
    assert_eq!(later["state"], "paused");
    assert_eq!(
        later["dialled"], paused["dialled"],
        "no call starts while paused"
    );
    assert!(
        later["remaining"].as_u64().unwrap() > 0,
        "paused before the end"
    );
    app.screenshot("autodial-06-paused").await;

    // Resume, and let it finish.
    click(&app, "[data-testid=autodial-resume]").await;
    with_text(&app, "[data-testid=autodial-job-state]", |t| t == "Running").await;
    app.screenshot("autodial-07-resumed").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(90);
    while job(&app, &install_id).await["state"] != "finished" {
        // 24 numbers at 2 a second, then the last calls' outcomes.
        assert!(
            std::time::Instant::now() < deadline,
            "the job finishes within 90 s"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    with_text(&app, "[data-testid=autodial-job-state]", |t| {
        t == "Finished"
    })
    .await;
    let done = job(&app, &install_id).await;
    assert_eq!(done["state"], "finished");
    assert_eq!(done["skipped"], 1, "the do-not-call number");
    assert_eq!(done["dialled"].as_u64().unwrap() as usize, NUMBERS - 1);
    let outcomes = ["answered", "busy", "no_answer", "failed"]
        .iter()
        .map(|k| done[*k].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(
        outcomes as usize,
        NUMBERS - 1,
        "every dialled number has its outcome"
    );
    with_text(&app, "[data-testid=autodial-results]", |t| {
        t.contains(&numbers[0])
    })
    .await;
    app.screenshot("autodial-08-finished").await;

    // Export.
    click(&app, "[data-testid=autodial-export]").await;
    let text = eventually("the export toast", || async {
        for toast in app
            .driver()
            .find_all(By::Css("[data-testid=toast]"))
            .await
            .ok()?
        {
            let text = toast.text().await.ok()?;
            if text.contains("Exported the results to") {
                return Some(text);
            }
        }
        None
    })
    .await;
    let path = text
        .split("Exported the results to ")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .trim();
    let csv = std::fs::read_to_string(path).expect("the exported file");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), NUMBERS + 1, "a header and a row per number");
    assert!(lines[4].contains("Do not call"), "{}", lines[4]);
    app.screenshot("autodial-09-exported").await;
    app.close().await;
}
