//! DID Spam Score against the sandbox: the package prerequisite, `cx_api_user`, the DIDs
//! table, the chargeable run with its report e-mail, and the history kept in SQLite.

use std::sync::Mutex;

use cx_calltools::spamscore::{self, DidQuery, RunProgress};
use cx_core::ErrorCode;
use cx_testkit::{install, signed_in, start_sandbox, TestCore, SPAM_SCORE};

/// +12025550100, +12025550101, +12025550103 (the last never scored before).
const SELECTED: [&str; 3] = ["7001", "7002", "7004"];

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|id| id.to_string()).collect()
}

async fn ready(test: &TestCore) -> String {
    let spam = install(&test.core, SPAM_SCORE, "Spam Checks", "2.0.0").await;
    spamscore::set_api_user(&test.core, &spam.id, "api@sandbox.connexcs.test")
        .await
        .expect("cx_api_user saves");
    spam.id
}

#[tokio::test]
async fn without_the_package_the_run_is_refused_with_how_to_add_it_and_nothing_is_charged() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "spam-nopkg").await;
    let install_id = ready(&test).await;
    sandbox.set_spam_score_package(false);

    let status = spamscore::package_status(&test.core).await.unwrap();
    let error = spamscore::run(
        &test.core,
        &install_id,
        &ids(&SELECTED),
        "noc@example.com",
        |_| {},
    )
    .await
    .unwrap_err();

    assert!(!status.present);
    assert_eq!(error.code, ErrorCode::NotFound);
    assert!(
        error
            .message
            .contains("Spam Score package is not on this account")
            && error.message.contains("Setup → Config → Packages")
            && error.message.contains("nothing has been charged"),
        "{}",
        error.message
    );
    let stats = sandbox.stats();
    assert_eq!(stats.spam_score_dids_charged, 0);
    assert!(stats.emails.is_empty());
    assert!(
        !stats
            .script_calls
            .iter()
            .any(|c| c.function == "spam_score"),
        "the app's function was never called"
    );
}

#[tokio::test]
async fn the_report_email_lists_exactly_the_selected_dids_and_results_are_kept() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "spam-run").await;
    let install_id = ready(&test).await;
    let heard = Mutex::new(Vec::<RunProgress>::new());

    let results = spamscore::run(
        &test.core,
        &install_id,
        &ids(&SELECTED),
        " noc@example.com ",
        |step| heard.lock().unwrap().push(step),
    )
    .await
    .unwrap();

    let stats = sandbox.stats();
    assert_eq!(stats.emails.len(), 1);
    let email = &stats.emails[0];
    assert_eq!(email.to, "noc@example.com");
    let mut sent = email.dids.clone();
    sent.sort();
    assert_eq!(sent, ["12025550100", "12025550101", "12025550103"]);
    assert_eq!(stats.spam_score_dids_charged, 3);

    assert_eq!(results.len(), 3);
    let first = results.iter().find(|r| r.did_id == "7001").unwrap();
    // Seeded 11; the sandbox moves every score by 1 to 12 points per check.
    let moved = first.change.expect("a score before and after");
    assert!(moved != 0 && moved.abs() <= 12, "{moved}");
    assert_eq!(first.score, Some(11 + moved));
    let unscored = results.iter().find(|r| r.did_id == "7004").unwrap();
    assert_eq!(unscored.change, None, "no score before: no change to show");
    let steps = heard.lock().unwrap().clone();
    assert_eq!(steps.last().unwrap().step, "Done");
    assert!(steps
        .iter()
        .any(|s| s.step == "Reading the new scores" && s.done == 2));

    let history = spamscore::history(&test.core).unwrap();
    assert_eq!(history.len(), 3);
    let settings = spamscore::settings(&test.core, &install_id).await.unwrap();
    assert_eq!(settings.report_email, "noc@example.com", "remembered");
}

#[tokio::test]
async fn a_second_run_shows_the_change_since_the_first_and_the_chart_has_both_points() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "spam-history").await;
    let install_id = ready(&test).await;
    let one = ids(&["7001"]);
    let run = || spamscore::run(&test.core, &install_id, &one, "noc@example.com", |_| {});

    let first = run().await.unwrap().remove(0);
    let second = run().await.unwrap().remove(0);

    let (a, b) = (first.score.unwrap(), second.score.unwrap());
    assert_eq!(second.change, Some(b - a));
    let history = spamscore::history(&test.core).unwrap();
    let changes: Vec<_> = history.iter().map(|r| r.change).collect();
    assert_eq!(
        changes,
        [Some(b - a), Some(a - 11)],
        "the history shows the change each check showed, the first against the seeded 11"
    );
    let points = spamscore::chart(&test.core, "7001").unwrap();
    let scores: Vec<_> = points.iter().map(|p| p.score).collect();
    assert_eq!(scores, [Some(a), Some(b)]);
    let csv = spamscore::export_csv(&test.core).unwrap();
    let lines: Vec<_> = csv.lines().collect();
    assert_eq!(lines[0], "did,checked_at,score,label,change,ftc_reported");
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[1].starts_with("+12025550100,"), "{csv}");
    assert!(lines[1].contains(&format!(",{b},")), "{csv}");
}

#[tokio::test]
async fn a_clean_number_reads_nothing_found_never_verified() {
    assert_eq!(spamscore::label(Some(3)), "Nothing found");
    assert_eq!(spamscore::label(Some(19)), "Nothing found");
    assert_eq!(spamscore::label(Some(20)), "Some reports");
    assert_eq!(spamscore::label(Some(95)), "Spam");
    for score in 0..=100 {
        assert_ne!(spamscore::label(Some(score)), "Verified");
    }
}

#[tokio::test]
async fn cx_api_user_is_validated_and_written_to_the_apps_variable() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "spam-var").await;
    let spam = install(&test.core, SPAM_SCORE, "Spam Checks", "2.0.0").await;

    let before = spamscore::settings(&test.core, &spam.id).await.unwrap();
    let bad = spamscore::set_api_user(&test.core, &spam.id, "not an email")
        .await
        .unwrap_err();
    let saved = spamscore::set_api_user(&test.core, &spam.id, "ops@example.com")
        .await
        .unwrap();

    assert_eq!(before.api_user, "", "created empty at install");
    assert_eq!(bad.fields[0].field, "api_user");
    assert_eq!(saved.api_user, "ops@example.com");
    let platform = cx_testkit::Platform::connect(&sandbox).await;
    let vars = platform
        .client
        .get("setup/var", &[("app_id", SPAM_SCORE.to_owned())])
        .await
        .unwrap();
    let var = vars
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["key"] == "cx_api_user")
        .unwrap();
    assert_eq!(var["value"], "ops@example.com", "the platform holds it");
}

#[tokio::test]
async fn without_cx_api_user_the_run_is_refused_before_anything_is_charged() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "spam-nouser").await;
    let spam = install(&test.core, SPAM_SCORE, "Spam Checks", "2.0.0").await;

    let error = spamscore::run(
        &test.core,
        &spam.id,
        &ids(&SELECTED),
        "noc@example.com",
        |_| {},
    )
    .await
    .unwrap_err();

    assert_eq!(error.fields[0].field, "api_user");
    assert_eq!(sandbox.stats().spam_score_dids_charged, 0);
}

#[tokio::test]
async fn the_dids_table_pages_from_the_platform_and_filters_by_customer_tag_and_search() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "spam-dids").await;
    let query = |offset, limit| DidQuery {
        offset,
        limit,
        ..DidQuery::default()
    };

    let first = spamscore::dids(&test.core, &query(0, 15)).await.unwrap();
    let last = spamscore::dids(&test.core, &query(30, 15)).await.unwrap();
    let by_customer = spamscore::dids(
        &test.core,
        &DidQuery {
            customer_id: Some("1201".into()),
            limit: 50,
            ..DidQuery::default()
        },
    )
    .await
    .unwrap();
    let by_tag = spamscore::dids(
        &test.core,
        &DidQuery {
            tag: Some("sales".into()),
            limit: 50,
            ..DidQuery::default()
        },
    )
    .await
    .unwrap();
    let searched = spamscore::dids(
        &test.core,
        &DidQuery {
            search: "447400".into(),
            limit: 50,
            ..DidQuery::default()
        },
    )
    .await
    .unwrap();

    assert_eq!((first.rows.len(), first.has_more), (15, true));
    assert_eq!((last.rows.len(), last.has_more), (10, false));
    assert_eq!(first.rows[0].did, "+12025550100");
    assert!(!by_customer.rows.is_empty());
    assert!(by_customer
        .rows
        .iter()
        .all(|r| r.customer_name.as_deref() == Some("Northbridge Communications Ltd")));
    assert_eq!(by_tag.rows.len(), 8);
    assert!(by_tag.rows.iter().all(|r| r.tags == ["sales"]));
    assert_eq!(searched.rows.len(), 12);
}

#[tokio::test]
async fn a_selection_larger_than_one_batch_of_reads_comes_back_whole_and_in_order() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "spam-many").await;
    let install_id = ready(&test).await;
    let many: Vec<String> = (7001..=7015).map(|id| id.to_string()).collect();

    let results = spamscore::run(&test.core, &install_id, &many, "noc@example.com", |_| {})
        .await
        .unwrap();

    let got: Vec<_> = results.iter().map(|r| r.did_id.clone()).collect();
    assert_eq!(
        got, many,
        "every DID, in the order asked (ids sort the same as text here)"
    );
    assert_eq!(sandbox.stats().emails[0].dids.len(), 15);
}
