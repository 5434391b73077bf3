//! Auto Dial → Set Numbers, as a dialer operator uses it in the real window on the built-in
//! sandbox: install Autonomous Calling, open Set Numbers, import a CSV with bad lines (by typing
//! its path: the native dialog and a drop cannot be driven through WebDriver), read the summary,
//! pick a default country and see the national number accepted, save, see the saved list, delete
//! it. A screenshot at each step (`artifacts/screenshots/numbers-*`).

use serde_json::json;
use thirtyfour::{By, Key};

use crate::support::ui::{click, eventually, saved_toast, shown, type_into, with_text};
use crate::support::App;

/// A semicolon CSV as Excel writes it: a header, a blank row and one line of each fault.
const LIST: &str = "name;phone\n\
                    Ann;+44 7400 123456\n\
                    Bob;+1 (202) 555-0147\n\
                    Cy;001 202 555 0147\n\
                    Di;+3361a234567\n\
                    Ed;4.474E+11\n\
                    ;\n\
                    Fa;0412345678\n\
                    Gi;+32 470 12 34 56\n";

async fn figure(app: &App, name: &str) -> String {
    shown(app, &format!("[data-testid=numbers-{name}]"))
        .await
        .text()
        .await
        .unwrap()
}

/// Closes every toast shown, as a person would to reach what is under them.
async fn dismiss_toasts(app: &App) {
    let closers = app
        .driver()
        .find_all(By::Css("[data-testid=toast] button[aria-label=Dismiss]"))
        .await
        .unwrap();
    for closer in closers {
        let _ = closer.click().await;
    }
}

/// The rows of the problem table, cells joined by " | ".
async fn problem_rows(app: &App) -> Vec<String> {
    let rows = app
        .driver()
        .find_all(By::Css("[data-testid=numbers-problems] tbody tr"))
        .await
        .unwrap();
    let mut texts = Vec::new();
    for row in rows {
        let mut cells = Vec::new();
        for cell in row.find_all(By::Css("td")).await.unwrap() {
            cells.push(cell.text().await.unwrap());
        }
        texts.push(cells.join(" | "));
    }
    texts
}

async fn install_autonomous_calling(app: &App) -> String {
    type_into(
        &shown(app, "[data-testid=store-search]").await,
        "autonomous",
    )
    .await;
    click(
        app,
        "[data-testid=app-card][data-app-name='Autonomous Calling']",
    )
    .await;
    with_text(app, "h1", |t| t == "Autonomous Calling").await;
    click(app, "[data-testid=install-button]").await;
    type_into(
        &shown(app, "[data-testid=install-name]").await,
        "Dialer West",
    )
    .await;
    click(app, "[data-testid=install-submit]").await;
    let installs = eventually("the install", || async {
        let listed = app.invoke("installs_list", json!({})).await.ok()?;
        (listed.as_array()?.len() == 1).then_some(listed)
    })
    .await;
    installs[0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_operator_imports_a_messy_csv_reads_the_summary_saves_it_and_deletes_it() {
    let Some(app) = App::launch("autodial_numbers_flow").await else {
        return;
    };
    with_text(&app, "h1", |t| t == "Store").await;
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("callbacks.csv");
    std::fs::write(&file, LIST).unwrap();

    let install_id = install_autonomous_calling(&app).await;
    app.driver()
        .execute(
            &format!("window.location.hash = '#/install/{install_id}/numbers';"),
            vec![],
        )
        .await
        .unwrap();
    shown(&app, "[data-testid=autodial-numbers]").await;
    app.screenshot("numbers-01-empty").await;

    // Pasted numbers: checked as they are typed.
    let paste = shown(&app, "[data-testid=numbers-paste]").await;
    paste.click().await.unwrap();
    for line in [
        "+44 7400 123456",
        "",
        "+44 (0)7400 123456",
        "+1 202 555 0147 ext 12",
    ] {
        if !line.is_empty() {
            paste.send_keys(line).await.unwrap();
        }
        paste.send_keys(Key::Enter).await.unwrap();
    }
    with_text(&app, "[data-testid=numbers-accepted]", |t| t == "1").await;
    assert_eq!(figure(&app, "rejected").await, "1", "the extension");
    assert_eq!(
        figure(&app, "duplicates").await,
        "1",
        "the same number with (0)"
    );
    assert_eq!(
        problem_rows(&app).await,
        [
            "3 | +447400123456 | Duplicate of line 1 (+447400123456)",
            "4 | +1 202 555 0147 ext 12 | Has an extension",
        ]
    );
    app.screenshot("numbers-02-pasted").await;
    click(&app, "[data-testid=numbers-clear]").await;

    // The file, by its path: the summary before saving.
    type_into(
        &shown(&app, "[data-testid=numbers-path]").await,
        &file.display().to_string(),
    )
    .await;
    click(&app, "[data-testid=numbers-path-use]").await;
    with_text(&app, "[data-testid=numbers-accepted]", |t| t == "3").await;
    assert_eq!(
        figure(&app, "duplicates").await,
        "1",
        "line 4 is line 3 again"
    );
    assert_eq!(figure(&app, "rejected").await, "3");
    assert_eq!(figure(&app, "blank").await, "1");
    let layout = figure(&app, "layout").await;
    assert!(
        layout.contains("delimiter ;") && layout.contains("header row skipped"),
        "{layout}"
    );
    assert_eq!(
        problem_rows(&app).await,
        [
            "4 | +12025550147 | Duplicate of line 3 (+12025550147)",
            "5 | +3361a234567 | Contains a letter",
            "6 | 4.474E+11 | Excel scientific notation (digits lost)",
            "8 | 0412345678 | National number, no country",
        ]
    );
    let table = shown(&app, "[data-testid=numbers-problems]").await;
    table.scroll_into_view().await.unwrap();
    app.screenshot("numbers-03-file-summary").await;

    // A default country: the national number is now accepted.
    click(&app, "[data-testid=numbers-country] option[value=AU]").await;
    with_text(&app, "[data-testid=numbers-accepted]", |t| t == "4").await;
    assert_eq!(figure(&app, "rejected").await, "2");
    app.screenshot("numbers-04-with-country").await;

    // Save, and the list is there with its counts.
    click(&app, "[data-testid=numbers-save]").await;
    saved_toast(&app, "Saved \"callbacks.csv\": 4 numbers").await;
    with_text(&app, "[data-testid=numbers-list-accepted]", |t| t == "4").await;
    let lists = app
        .invoke("autodial_lists", json!({ "install_id": install_id }))
        .await
        .unwrap();
    assert_eq!(lists[0]["accepted"], 4, "{lists}");
    assert_eq!(
        (
            lists[0]["duplicates"].as_u64(),
            lists[0]["rejected"].as_u64()
        ),
        (Some(1), Some(2))
    );
    let list_id = lists[0]["id"].as_i64().unwrap();
    let page = app
        .invoke(
            "autodial_list_problems",
            json!({ "install_id": install_id, "list_id": list_id, "offset": 0, "limit": 10 }),
        )
        .await
        .unwrap();
    let lines: Vec<u64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [4, 5, 6]);
    let exported = folder.path().join("rejected.csv");
    let written = app
        .invoke(
            "autodial_list_export_rejected_to",
            json!({ "install_id": install_id, "list_id": list_id, "path": exported.display().to_string() }),
        )
        .await
        .unwrap();
    assert_eq!(written, 2);
    let csv = std::fs::read_to_string(&exported).unwrap();
    assert!(
        csv.starts_with("line,text,reason\n5,'+3361a234567,contains a letter\n"),
        "{csv}"
    );
    app.screenshot("numbers-05-saved").await;

    // Delete, confirmed (the toasts are dismissed first: they sit over the row's buttons).
    dismiss_toasts(&app).await;
    click(&app, "[data-testid=numbers-list-delete]").await;
    shown(&app, "[data-testid=numbers-delete-dialog]").await;
    app.screenshot("numbers-06-delete-confirm").await;
    click(&app, "[data-testid=numbers-delete-confirm]").await;
    saved_toast(&app, "Deleted \"callbacks.csv\"").await;
    eventually("the list gone", || async {
        let lists = app
            .invoke("autodial_lists", json!({ "install_id": install_id }))
            .await
            .ok()?;
        lists.as_array()?.is_empty().then_some(())
    })
    .await;
    app.screenshot("numbers-07-deleted").await;
    app.close().await;
}
