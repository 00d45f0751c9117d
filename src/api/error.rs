//! The API's error type: every error leaves as `{"error": {"code", "message"}}`.
//!
//! Client mistakes are 4xx with a message saying what to fix; internal failures are 500 with a
//! generic message, and the cause is logged (never sent to the client).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::store;

/// An error answered by the API.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 401: no token, or an unknown or revoked one.
    #[error("missing or invalid bearer token")]
    Unauthorized,
    /// 403: the token's role does not allow this.
    #[error("{0}")]
    Forbidden(String),
    /// 404.
    #[error("{0}")]
    NotFound(String),
    /// 400: malformed request (bad JSON, bad query, bad path).
    #[error("{1}")]
    BadRequest(&'static str, String),
    /// 422: well-formed but invalid values.
    #[error("{0}")]
    Invalid(String),
    /// 409.
    #[error("{0}")]
    Conflict(String),
    /// Any status chosen by an extractor rejection (413 body too large, 415 content type…).
    #[error("{2}")]
    Rejected(StatusCode, &'static str, String),
    /// 503: the service is overloaded or shutting down.
    #[error("{0}")]
    Unavailable(String),
    /// 500: logged, answered generically.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Result alias for handlers.
pub type ApiResult<T> = Result<T, ApiError>;

/// The JSON error envelope.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// The error itself.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable snake_case code (`unauthorized`, `forbidden`, `not_found`, `bad_request`, `invalid`, …).
    pub code: String,
    /// What went wrong, for a human.
    pub message: String,
}

impl ApiError {
    /// Status and code of this error.
    pub fn status_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::BadRequest(code, _) => (StatusCode::BAD_REQUEST, code),
            ApiError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            ApiError::Rejected(status, code, _) => (*status, code),
            ApiError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    /// A 403 with the standard message for an action.
    pub fn forbidden(action: &str) -> ApiError {
        ApiError::Forbidden(format!("your token's role may not {action}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_code();
        let message = match &self {
            ApiError::Internal(detail) => {
                tracing::error!(error = %detail, "internal error");
                "something went wrong on our side; it has been logged".to_string()
            }
            other => other.to_string(),
        };
        let body = ErrorBody { error: ErrorDetail { code: code.to_string(), message } };
        (status, Json(body)).into_response()
    }
}

impl From<store::Error> for ApiError {
    fn from(e: store::Error) -> Self {
        match e {
            store::Error::NotFound(what) => ApiError::NotFound(format!("{what} not found")),
            store::Error::Conflict(m) => ApiError::Conflict(m),
            store::Error::Invalid(m) => ApiError::Invalid(m),
            store::Error::UnsupportedUrl(m) => ApiError::Internal(m),
            store::Error::Sqlx(sqlx::Error::PoolTimedOut) => ApiError::Unavailable("database is busy, retry".into()),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// Answers an unknown route.
pub async fn not_found() -> ApiError {
    ApiError::NotFound("no such route".into())
}

/// Answers a known route called with the wrong method.
pub async fn method_not_allowed() -> ApiError {
    ApiError::Rejected(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed on this route".into())
}
