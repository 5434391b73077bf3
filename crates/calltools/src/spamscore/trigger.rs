//! **Assumed**: how a Spam Score check is started. No REST path for it is published; the
//! platform's DID Spam Score app does it from its own server-side function, so this adapter
//! calls the installed app's function through `scriptforge`:
//! `POST scriptforge/{app_id}/main/spam_score` with `{"ids": [DID ids], "email": "report
//! address"}`. The app writes each DID's new score to its `spam_score` field (a [seen] field)
//! and e-mails the report. This module is the only place that knows the shape; the rest of the
//! feature reads the scores back through `GET did/{id}`. See `docs/assumed-api.md`.

use cx_platform::{Client, PlatformError};
use serde_json::json;

/// The script and function names [assumed].
pub const SCRIPT: &str = "main";
pub const FUNCTION: &str = "spam_score";

/// Starts the check of `ids` with the report going to `email`.
pub async fn run_check(
    client: &Client,
    app_id: &str,
    ids: &[String],
    email: &str,
) -> Result<(), PlatformError> {
    let path = format!("scriptforge/{app_id}/{SCRIPT}/{FUNCTION}");
    client
        .post(&path, &json!({ "ids": ids, "email": email }))
        .await?;
    Ok(())
}
