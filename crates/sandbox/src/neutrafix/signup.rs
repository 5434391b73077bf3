//! Sign-up, as the client's [assumed] adapter shapes it: company details, then documents
//! (PDF, PNG or JPEG, checked by their first bytes, at most 10 MB) uploaded in chunks, then
//! submission. The application stays pending until verified: on a timer (`verify_after_secs`
//! after submission) or on request (`POST /neutrafix/__sandbox/verify/{id}`). The first status
//! read after verification carries the new API login and key; later ones the login only.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::{hex_sha256, refusal, Account, Ids, Shared};

const MAX_BYTES: u64 = 10 * 1024 * 1024;

#[derive(Debug, Clone)]
struct Document {
    id: String,
    kind: String,
    size: u64,
    received: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq)]
enum Status {
    Draft,
    Pending { since: Instant },
    Verified { login: String, key_shown: bool },
}

#[derive(Debug, Clone)]
pub(super) struct Application {
    token: String,
    company: String,
    documents: Vec<Document>,
    status: Status,
}

fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({"status": "error", "message": message}))).into_response()
}

pub(super) async fn start(State(ex): State<Shared>, Json(form): Json<Value>) -> Response {
    let text = |name: &str| form[name].as_str().unwrap_or_default().trim().to_owned();
    for name in [
        "company_name",
        "registration_number",
        "country",
        "contact_name",
        "email",
    ] {
        if text(name).is_empty() {
            return refusal(&format!("{name} is required"));
        }
    }
    let mut data = ex.data();
    let n = data.applications.len() + 1;
    let id = format!("APP-{:05}", 10_000 + n);
    let token = hex_sha256(&format!("{id}{}", text("email")))[..32].to_owned();
    data.applications.insert(
        id.clone(),
        Application {
            token: token.clone(),
            company: text("company_name"),
            documents: Vec::new(),
            status: Status::Draft,
        },
    );
    Json(json!({"status": "success", "application_id": id, "upload_token": token})).into_response()
}

/// The application, when the token is its own.
fn with_application<T>(
    ex: &super::Exchange,
    id: &str,
    headers: &HeaderMap,
    f: impl FnOnce(&mut super::Data, &str) -> Result<T, Response>,
) -> Result<T, Response> {
    let mut data = ex.data();
    let token = headers
        .get("x-upload-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    match data.applications.get(id) {
        None => return Err(error(StatusCode::NOT_FOUND, "No such application")),
        Some(app) if app.token != token => {
            return Err(error(StatusCode::FORBIDDEN, "Wrong upload token"))
        }
        Some(_) => {}
    }
    f(&mut data, id)
}

pub(super) async fn add_document(
    State(ex): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    let kind = body["kind"].as_str().unwrap_or_default().to_owned();
    let size = body["size"].as_u64().unwrap_or(0);
    if !matches!(kind.as_str(), "registration" | "shareholder") {
        return refusal("kind must be registration or shareholder");
    }
    if size == 0 || size > MAX_BYTES {
        return refusal("Documents must be between 1 byte and 10 MB");
    }
    let answer = with_application(&ex, &id, &headers, |data, id| {
        let app = data.applications.get_mut(id).expect("checked");
        if app.status != Status::Draft {
            return Err(refusal("The application was already submitted"));
        }
        let doc = format!("DOC-{}", app.documents.len() + 1);
        app.documents.push(Document {
            id: doc.clone(),
            kind,
            size,
            received: Vec::new(),
        });
        Ok(doc)
    });
    match answer {
        Ok(doc) => Json(json!({"status": "success", "document_id": doc})).into_response(),
        Err(response) => response,
    }
}

pub(super) async fn content(
    State(ex): State<Shared>,
    Path((id, doc)): Ids,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let offset: usize = query
        .get("offset")
        .and_then(|o| o.parse().ok())
        .unwrap_or(usize::MAX);
    let answer = with_application(&ex, &id, &headers, |data, id| {
        data.stats.chunks_received += 1;
        let app = data.applications.get_mut(id).expect("checked");
        let document = app
            .documents
            .iter_mut()
            .find(|d| d.id == doc)
            .ok_or_else(|| error(StatusCode::NOT_FOUND, "No such document"))?;
        if offset != document.received.len() {
            return Err(refusal(&format!(
                "Expected offset {}",
                document.received.len()
            )));
        }
        if (document.received.len() + bytes.len()) as u64 > document.size {
            return Err(refusal("More bytes than the document's size"));
        }
        document.received.extend_from_slice(&bytes);
        if offset == 0 && !is_pdf_or_image(&document.received) {
            return Err(refusal("Documents must be PDF, PNG or JPEG files"));
        }
        Ok(document.received.len())
    });
    match answer {
        Ok(received) => Json(json!({"status": "success", "received": received})).into_response(),
        Err(response) => response,
    }
}

fn is_pdf_or_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
        || bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(&[0xff, 0xd8, 0xff])
}

pub(super) async fn submit(
    State(ex): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let answer = with_application(&ex, &id, &headers, |data, id| {
        let app = data.applications.get_mut(id).expect("checked");
        let complete = |kind: &str| {
            app.documents
                .iter()
                .any(|d| d.kind == kind && d.received.len() as u64 == d.size)
        };
        if !complete("registration") || !complete("shareholder") {
            return Err(refusal(
                "Both registration and shareholder documents are required, complete",
            ));
        }
        if app.status == Status::Draft {
            app.status = Status::Pending {
                since: Instant::now(),
            };
        }
        Ok(())
    });
    match answer {
        Ok(()) => {
            Json(json!({"status": "success", "application_status": "pending"})).into_response()
        }
        Err(response) => response,
    }
}

/// Verifies the application: a new account with its login and key.
fn verify(data: &mut super::Data, id: &str) {
    let Some(app) = data.applications.get(id) else {
        return;
    };
    if matches!(app.status, Status::Verified { .. }) {
        return;
    }
    let i_account = data.next_account;
    data.next_account += 1;
    let login = format!("buyer-{i_account}");
    let key = hex_sha256(&format!("{id}{login}key"))[..24].to_owned();
    let company = app.company.clone();
    data.accounts.insert(
        login.clone(),
        Account {
            key,
            i_account: i_account.to_string(),
            company,
            purchased: Default::default(),
        },
    );
    if let Some(app) = data.applications.get_mut(id) {
        app.status = Status::Verified {
            login,
            key_shown: false,
        };
    }
}

pub(super) async fn status(
    State(ex): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let answer = with_application(&ex, &id, &headers, |data, id| {
        let after = Duration::from_secs(data.controls.verify_after_secs);
        let due = matches!(data.applications[id].status, Status::Pending { since } if since.elapsed() >= after);
        if due {
            verify(data, id);
        }
        let mut answer = json!({"status": "success"});
        let app = data.applications.get_mut(id).expect("checked");
        match &mut app.status {
            Status::Draft => answer["application_status"] = json!("draft"),
            Status::Pending { .. } => answer["application_status"] = json!("pending"),
            Status::Verified { login, key_shown } => {
                answer["application_status"] = json!("verified");
                answer["api_login"] = json!(login);
                if !*key_shown {
                    *key_shown = true;
                    let login = login.clone();
                    answer["api_key"] = json!(data.accounts[&login].key);
                }
            }
        }
        Ok(answer)
    });
    match answer {
        Ok(answer) => Json(answer).into_response(),
        Err(response) => response,
    }
}

pub(super) async fn verify_now(State(ex): State<Shared>, Path(id): Path<String>) -> Response {
    let mut data = ex.data();
    let pending = matches!(
        data.applications.get(&id).map(|a| &a.status),
        Some(Status::Pending { .. })
    );
    if !pending {
        return error(StatusCode::CONFLICT, "The application is not pending");
    }
    verify(&mut data, &id);
    Json(json!({"status": "success"})).into_response()
}
