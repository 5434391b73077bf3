//! The platform going away: the Core keeps answering from its SQLite cache, says so, and
//! refuses the changes it cannot make.

use crate::support;

use cx_core::models::{InstallRequest, StoreQuery};
use cx_core::{ErrorCode, Secret};
use cx_sandbox::DEMO_PASSWORD;
use support::*;

fn request(app_id: &str, name: &str, version: &str) -> InstallRequest {
    InstallRequest {
        app_id: app_id.to_owned(),
        name: name.to_owned(),
        version: version.to_owned(),
    }
}

#[tokio::test]
async fn with_the_sandbox_gone_the_store_answers_from_the_cache_and_changes_are_refused() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "offline").await;
    let core = &test.core;
    install(core, CLICK_2_DIAL, "Website Button", "1.1.0").await;
    let opened = core.app_page(AUTONOMOUS_CALLING).await.unwrap();
    let online_store = core.store(&StoreQuery::default()).unwrap();
    let online_installs = core.installs().await.unwrap();

    sandbox.shutdown().await;

    let cached = core.store(&StoreQuery::default()).unwrap();
    assert_eq!(
        cached.apps, online_store.apps,
        "store() answers from memory, as before"
    );

    let refreshed = core.refresh_store(&StoreQuery::default()).await.unwrap();
    assert_eq!(
        refreshed.apps, online_store.apps,
        "the cached catalogue is answered"
    );
    assert_eq!(refreshed.total, 42);
    assert!(refreshed.freshness.offline, "and it is marked offline");
    assert_eq!(
        refreshed.freshness.synced_at, online_store.freshness.synced_at,
        "it is as old as the last successful refresh"
    );
    let notice = refreshed
        .freshness
        .notice
        .clone()
        .expect("a notice says why");
    assert!(
        notice.contains("127.0.0.1"),
        "the notice names the host: {notice}"
    );
    assert!(
        notice.contains("Showing what was saved on this computer."),
        "and what is shown instead: {notice}"
    );

    let page = core.app_page(AUTONOMOUS_CALLING).await.unwrap();
    assert_eq!(
        page.description, opened.description,
        "the cached page is answered"
    );
    assert_eq!(page.versions, opened.versions);
    assert_eq!(page.documentation_html, opened.documentation_html);
    assert!(
        page.freshness.offline,
        "marked offline: {:?}",
        page.freshness
    );

    let never_opened = core.app_page(YOCO).await.unwrap_err();
    assert_eq!(never_opened.code, ErrorCode::Offline, "{never_opened:?}");
    assert!(
        never_opened.message.contains("never opened while online"),
        "{}",
        never_opened.message
    );

    let refused = core
        .install(request(AUTONOMOUS_CALLING, "Offline Dialer", "2.1.0"))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Offline, "{refused:?}");
    assert!(refused.message.contains("127.0.0.1"), "{}", refused.message);

    assert_eq!(
        core.installs().await.unwrap(),
        online_installs,
        "the cached installs are unchanged"
    );
    assert_eq!(
        core.store(&StoreQuery::default()).unwrap().apps,
        online_store.apps,
        "the cached catalogue and its install counts are unchanged"
    );
}

#[tokio::test]
async fn installing_an_app_whose_page_was_never_opened_while_offline_is_refused_as_offline() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "offline-unopened").await;
    sandbox.shutdown().await;

    let refused = test
        .core
        .install(request(YOCO, "Card Top-Ups", "1.3.0"))
        .await
        .unwrap_err();

    assert_eq!(
        refused.code,
        ErrorCode::Offline,
        "the version is unknown only because the platform cannot be asked: {refused:?}"
    );
    assert!(test.core.installs().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_install_whose_versions_were_never_fetched_is_listed_offline_but_not_changed() {
    let sandbox = start_sandbox().await;
    let platform = Platform::connect(&sandbox).await;
    let made_elsewhere =
        cx_platform::appstore::install(&platform.client, SPAM_SCORE, "Spam Checks", "1.2.0")
            .await
            .expect("another client installs");
    let test = signed_in(&sandbox, "offline-unfetched").await;
    sandbox.shutdown().await;

    let listed = test
        .core
        .installs()
        .await
        .expect("the cached installs are listed even though their versions are unknown");
    let preview = test
        .core
        .preview_version_change(&made_elsewhere.id, "2.0.0")
        .await
        .unwrap_err();
    let change = test
        .core
        .change_version(&made_elsewhere.id, "2.0.0")
        .await
        .unwrap_err();

    assert_eq!(
        listed.len(),
        1,
        "the refresh brought the install into the cache"
    );
    assert_eq!(listed[0].name, "Spam Checks");
    assert!(
        listed[0].fields.is_empty(),
        "its fields are not known offline"
    );
    assert_eq!(
        preview.code,
        ErrorCode::Offline,
        "2.0.0 exists; only the platform cannot be asked: {preview:?}"
    );
    assert_eq!(change.code, ErrorCode::Offline, "{change:?}");
}

#[tokio::test]
async fn restarting_while_offline_resumes_a_real_account_profile_from_the_cache() {
    let sandbox = start_sandbox().await;
    let TestCore { core, dir, service } = TestCore::new("offline-restart");
    let signed = core
        .sign_in(
            account_form(&sandbox, "Production"),
            Secret::new(DEMO_PASSWORD),
        )
        .await
        .expect("a real-account profile signs in to a loopback URL");
    assert!(
        !signed.profile.is_sandbox,
        "sign_in makes a real-account profile"
    );
    core.refresh_store(&StoreQuery::default()).await.unwrap();
    install(&core, AUTONOMOUS_CALLING, "Dialer East", "2.0.0").await;
    let online = core.store(&StoreQuery::default()).unwrap();
    sandbox.shutdown().await;
    drop(core);

    let restarted = open_core(dir.path(), &service);
    let active = restarted
        .active_profile()
        .unwrap()
        .expect("the profile used last is remembered");
    let session = restarted
        .resume(active.id)
        .await
        .expect("a session starts even though the platform is unreachable");

    assert_eq!(active.id, signed.profile.id);
    assert!(!session.online, "the platform did not answer");
    assert_eq!(
        session.account_name, None,
        "the company name is not known offline"
    );
    assert_eq!(session.profile.name, "Production");
    let store = restarted.store(&StoreQuery::default()).unwrap();
    assert_eq!(
        store.apps, online.apps,
        "the catalogue is browsable from the cache"
    );
    assert_eq!(store.categories, online.categories);
    assert!(store.freshness.offline, "and marked offline");
    assert!(
        store
            .freshness
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("127.0.0.1")),
        "{:?}",
        store.freshness.notice
    );
    let installs = restarted.installs().await.unwrap();
    assert_eq!(installs.len(), 1, "the installs are browsable too");
    assert_eq!(installs[0].name, "Dialer East");
    assert_eq!(
        installs[0].fields.len(),
        5,
        "with the fields of their version, from the cached app page"
    );
    let keyring = cx_secrets::Keyring::new(service);
    assert!(
        keyring
            .get(&refresh_token_key(active.id))
            .unwrap()
            .is_some(),
        "failing to reach the platform does not forget the session"
    );
}

#[tokio::test]
async fn a_platform_too_slow_to_answer_on_resume_starts_the_session_offline_from_the_cache() {
    let sandbox = start_sandbox().await;
    let TestCore { core, dir, service } = TestCore::new("slow-resume");
    let signed = core
        .sign_in(account_form(&sandbox, "Slow"), Secret::new(DEMO_PASSWORD))
        .await
        .unwrap();
    core.refresh_store(&StoreQuery::default()).await.unwrap();
    drop(core);
    let latency = cx_sandbox::Fault::Latency(std::time::Duration::from_secs(8));
    sandbox.faults().push_for("setup/account", latency, 1);

    let restarted = open_core(dir.path(), &service);
    let session = restarted.resume(signed.profile.id).await.unwrap();

    assert!(
        !session.online,
        "the store is not held hostage by a slow platform"
    );
    let store = restarted.store(&StoreQuery::default()).unwrap();
    assert_eq!(store.total, 42, "the cached catalogue is there at once");
    assert!(store
        .freshness
        .notice
        .unwrap()
        .contains("did not answer within 3 seconds"));
}
