//! **Assumed API.** NeuTrafix publishes no API for signing up, uploading the company's
//! documents, checking the application, reading the buyer's own account, or listing the
//! routes already bought ([assumed] in `contracts/neutrafix.md`). This module is the one place
//! that guesses their shape; a published contract replaces this file alone. The sandbox serves
//! exactly these shapes under `/neutrafix/`.
//!
//! | call | shape |
//! | --- | --- |
//! | `POST signup` JSON company form | `{status, application_id, upload_token}` |
//! | `POST signup/{id}/documents` JSON `{kind, file_name, mime, size}` | `{status, document_id}` |
//! | `PUT signup/{id}/documents/{doc}/content?offset=N` raw bytes | `{status, received}` |
//! | `POST signup/{id}/submit` | `{status, application_status: "pending"}` |
//! | `GET signup/{id}` | `{status, application_status, api_login?, api_key?}`; the key only once |
//! | signed `POST account/info` | `{status, i_account, company, balance}` |
//! | signed `POST buyers/interconnects` | `{status, interconnects: [{id, rates_url, tech_prefix, route_type}]}` |
//!
//! Sign-up calls carry the application's `upload_token` in an `X-Upload-Token` header (no API
//! key exists yet).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;

use crate::client::{purchased, Exchange, Purchased};
use crate::error::{NeutrafixError, Result};
use crate::lenient;
use cx_secrets::Secret;

/// The exchange's address for a real account [assumed]; the sandbox serves its own.
pub const DEFAULT_EXCHANGE_URL: &str = "https://api.neutrafix.com/";

/// Documents larger than this are refused before any byte is sent.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// Bytes sent per upload request; progress is reported after each.
pub const UPLOAD_CHUNK: usize = 64 * 1024;

/// The company details of a sign-up.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct SignupForm {
    pub company_name: String,
    pub registration_number: String,
    pub country: String,
    pub address: String,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
}

/// Which document a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "neutrafix/")]
pub enum DocumentKind {
    Registration,
    Shareholder,
}

/// A started application.
#[derive(Debug, Clone)]
pub struct Application {
    pub application_id: String,
    pub upload_token: Secret,
}

/// Where an application stands.
#[derive(Debug, Clone, PartialEq)]
pub enum ApplicationStatus {
    Pending,
    Rejected(String),
    /// Verified; the login and key come with the first answer after verification only.
    Verified {
        api_login: String,
        api_key: Option<Secret>,
    },
}

/// The buyer's account at the exchange.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountInfo {
    pub i_account: String,
    pub company: String,
    pub balance: Option<f64>,
}

/// A file's type, by its first bytes (not its name): PDF, PNG or JPEG.
pub fn document_type(bytes: &[u8]) -> Result<&'static str> {
    if bytes.is_empty() {
        return Err(NeutrafixError::Invalid("the file is empty".into()));
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(NeutrafixError::Invalid(format!(
            "the file is {:.1} MB; documents may be at most {} MB",
            bytes.len() as f64 / 1_048_576.0,
            MAX_DOCUMENT_BYTES / 1_048_576
        )));
    }
    match infer::get(bytes).map(|t| t.mime_type()) {
        Some(mime @ ("application/pdf" | "image/png" | "image/jpeg")) => Ok(mime),
        Some(other) => Err(NeutrafixError::Invalid(format!(
            "the file is {other}; send a PDF or an image (PNG or JPEG)"
        ))),
        None => Err(NeutrafixError::Invalid(
            "the file is neither a PDF nor an image (PNG or JPEG)".into(),
        )),
    }
}

impl Exchange {
    async fn unsigned(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&Secret>,
        body: Option<Vec<u8>>,
        json_body: Option<&Value>,
    ) -> Result<Value> {
        let url = self.url(path);
        self.send(|| {
            let mut request = self.http.request(method.clone(), &url);
            request = self.decorate(request);
            if let Some(token) = token {
                request = request.header("X-Upload-Token", token.expose());
            }
            if let Some(json) = json_body {
                request = request.json(json);
            }
            if let Some(bytes) = &body {
                request = request
                    .header("Content-Type", "application/octet-stream")
                    .body(bytes.clone());
            }
            request
        })
        .await
    }

    /// `POST signup`.
    pub async fn sign_up(&self, form: &SignupForm) -> Result<Application> {
        let body = serde_json::to_value(form).unwrap_or_default();
        let answer = self
            .unsigned(reqwest::Method::POST, "signup", None, None, Some(&body))
            .await?;
        Ok(Application {
            application_id: required_text(&answer, "application_id")?,
            upload_token: Secret::new(required_text(&answer, "upload_token")?),
        })
    }

    /// Uploads one document in chunks, calling `progress(sent, total)` after each.
    pub async fn upload_document(
        &self,
        application: &Application,
        kind: DocumentKind,
        file_name: &str,
        bytes: &[u8],
        mut progress: impl FnMut(usize, usize),
    ) -> Result<String> {
        let mime = document_type(bytes)?;
        let id = &application.application_id;
        let token = &application.upload_token;
        let start =
            json!({"kind": kind, "file_name": file_name, "mime": mime, "size": bytes.len()});
        let path = format!("signup/{id}/documents");
        let answer = self
            .unsigned(
                reqwest::Method::POST,
                &path,
                Some(token),
                None,
                Some(&start),
            )
            .await?;
        let document = required_text(&answer, "document_id")?;
        progress(0, bytes.len());
        for (n, chunk) in bytes.chunks(UPLOAD_CHUNK).enumerate() {
            let offset = n * UPLOAD_CHUNK;
            let path = format!("signup/{id}/documents/{document}/content?offset={offset}");
            self.unsigned(
                reqwest::Method::PUT,
                &path,
                Some(token),
                Some(chunk.to_vec()),
                None,
            )
            .await?;
            progress(offset + chunk.len(), bytes.len());
        }
        Ok(document)
    }

    /// `POST signup/{id}/submit`: the documents are complete; verification starts.
    pub async fn submit_application(&self, application: &Application) -> Result<()> {
        let path = format!("signup/{}/submit", application.application_id);
        let token = Some(&application.upload_token);
        self.unsigned(reqwest::Method::POST, &path, token, None, None)
            .await
            .map(drop)
    }

    /// `GET signup/{id}`.
    pub async fn application_status(&self, application: &Application) -> Result<ApplicationStatus> {
        let path = format!("signup/{}", application.application_id);
        let token = Some(&application.upload_token);
        let answer = self
            .unsigned(reqwest::Method::GET, &path, token, None, None)
            .await?;
        let status = lenient::text(&answer["application_status"]).unwrap_or_default();
        match status.to_ascii_lowercase().as_str() {
            "verified" | "active" | "approved" => Ok(ApplicationStatus::Verified {
                api_login: required_text(&answer, "api_login")?,
                api_key: lenient::text(&answer["api_key"]).map(Secret::new),
            }),
            "rejected" => Ok(ApplicationStatus::Rejected(
                lenient::text(&answer["reason"]).unwrap_or_default(),
            )),
            _ => Ok(ApplicationStatus::Pending),
        }
    }

    /// Signed `account/info`: also proves the credentials.
    pub async fn account_info(&self) -> Result<AccountInfo> {
        let answer = self.call("account/info", &[]).await?;
        Ok(AccountInfo {
            i_account: required_text(&answer, "i_account")?,
            company: lenient::text(&answer["company"]).unwrap_or_default(),
            balance: lenient::number(&answer["balance"]),
        })
    }

    /// Signed `buyers/interconnects`: what a route bought earlier answers to, found again
    /// when a purchase was refused as "already purchased".
    pub async fn my_interconnect(&self, connection_id: &str) -> Result<Option<Purchased>> {
        let answer = self.call("buyers/interconnects", &[]).await?;
        let list = answer["interconnects"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mine = list
            .iter()
            .find(|item| lenient::text(&item["id"]).as_deref() == Some(connection_id));
        mine.map(purchased).transpose()
    }

    fn decorate(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        request.timeout(self.options().timeout)
    }
}

fn required_text(body: &Value, field: &str) -> Result<String> {
    lenient::text(&body[field])
        .ok_or_else(|| NeutrafixError::Unexpected(format!("the answer has no {field}")))
}
