//! The server's errors: those that stop it from starting, and those a request gets back.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use readout_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// What stops the server from starting or serving.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The store does not exist and writes are off, so nothing could ever be served.
    #[error("{0}: no such store; make one with `readout ingest INPUT --db {0}`, or serve it with --write-token to fill it through the API")]
    Missing(String),
    /// A limit of the configuration is not usable.
    #[error("server configuration: {0}")]
    Config(String),
    /// The listener failed.
    #[error("serving: {0}")]
    Io(std::io::Error),
}

/// An error as a request gets it: a status and a JSON body
/// `{"error": {"status", "code", "message"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A short machine-readable code (`bad_parameter`, `not_found`...).
    pub code: &'static str,
    /// What went wrong, for a person.
    pub message: String,
}

/// The JSON body of an error.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// An error's fields.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// The HTTP status, repeated.
    pub status: u16,
    /// `bad_parameter`, `bad_query`, `not_found`, `unauthorized`, `writes_off`,
    /// `too_large`, `query_timeout`, `busy`, `unavailable` or `internal`.
    pub code: String,
    /// What went wrong.
    pub message: String,
}

impl ApiError {
    /// A request parameter is not valid (400).
    pub fn bad(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_parameter",
            message: message.into(),
        }
    }

    /// Nothing of that id (404).
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: message.into(),
        }
    }

    /// The server cannot answer now (503).
    pub fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "unavailable",
            message: message.into(),
        }
    }

    /// Something failed on the server's side (500).
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: message.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        if e.is_bad_query() {
            ApiError {
                status: StatusCode::BAD_REQUEST,
                code: "bad_query",
                message: e.to_string(),
            }
        } else if e.is_interrupted() {
            ApiError {
                status: StatusCode::SERVICE_UNAVAILABLE,
                code: "query_timeout",
                message: "the query took longer than the server's time limit and was stopped; narrow it (fewer words, a smaller limit)".into(),
            }
        } else {
            ApiError::internal(e.to_string())
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            eprintln!(
                "readout serve: {} {}: {}",
                self.status.as_u16(),
                self.code,
                self.message
            );
        }
        let body = ErrorBody {
            error: ErrorDetail {
                status: self.status.as_u16(),
                code: self.code.to_string(),
                message: self.message,
            },
        };
        (self.status, axum::Json(body)).into_response()
    }
}
