//! The platform's error answers. The contract says error text comes in `error` or `message`, and
//! that an HTML page can come back instead; the sandbox uses all three, per case, so a client
//! that reads only one of them is caught.

use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// An error answer from an API handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ApiError {
    /// 400 with `{"message": ...}`: the request is malformed or names something unknown.
    BadRequest(String),
    /// 401 with `{"error": ...}`: bad credentials or an expired token.
    Unauthorized(String),
    /// 403 with `{"error": ...}`.
    Forbidden(String),
    /// 404 with `{"error": ...}`: a known path, an unknown id.
    NotFound(String),
    /// 409 with `{"error": ...}`: the write clashes with what is stored.
    Conflict(String),
}

impl ApiError {
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self::BadRequest(message.into())
    }

    pub(crate) fn not_found(what: &str) -> Self {
        Self::NotFound(format!("{what} not found"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            Self::BadRequest(m) => (StatusCode::BAD_REQUEST, json!({ "message": m })),
            Self::Unauthorized(m) => (StatusCode::UNAUTHORIZED, json!({ "error": m })),
            Self::Forbidden(m) => (StatusCode::FORBIDDEN, json!({ "error": m })),
            Self::NotFound(m) => (StatusCode::NOT_FOUND, json!({ "error": m })),
            Self::Conflict(m) => (StatusCode::CONFLICT, json!({ "error": m })),
        };
        (status, Json(body)).into_response()
    }
}

/// What handlers return.
pub(crate) type ApiResult<T> = Result<T, ApiError>;

/// An nginx-style error page, as a proxy in front of the API answers for unknown paths and
/// upstream failures.
pub(crate) fn html_page(status: u16) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let title = format!(
        "{} {}",
        code.as_u16(),
        code.canonical_reason().unwrap_or("Error")
    );
    let body = format!(
        "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n\
         <center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n\
         </body>\r\n</html>\r\n"
    );
    let mut response = (code, body).into_response();
    let html = HeaderValue::from_static("text/html; charset=utf-8");
    response.headers_mut().insert(header::CONTENT_TYPE, html);
    response
}

/// A bare status with a JSON error body, for injected faults.
pub(crate) fn status_page(status: u16) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let reason = code.canonical_reason().unwrap_or("Server Error");
    (code, Json(json!({ "error": reason }))).into_response()
}

/// 429 with `Retry-After`, as the platform's rate limiter answers.
pub(crate) fn rate_limited(retry_after_secs: u64) -> Response {
    let body = json!({ "error": "Too Many Requests" });
    let mut response = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
    let value = HeaderValue::from(retry_after_secs);
    response.headers_mut().insert(header::RETRY_AFTER, value);
    response
}

/// A JSON request body. Unlike axum's `Json`, a missing content type or malformed JSON is
/// refused the platform's way: 400 with `{"message": ...}`.
pub(crate) struct JsonBody(pub(crate) serde_json::Value);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match Json::<serde_json::Value>::from_request(req, state).await {
            Ok(Json(value)) => Ok(JsonBody(value)),
            Err(rejection) => Err(ApiError::bad_request(rejection.body_text())),
        }
    }
}
