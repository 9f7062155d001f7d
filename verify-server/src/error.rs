//! API errors: every failure becomes `{"error": {"code", "message"}}` with
//! a status that tells the client whose fault it was.
//!
//! The message always says what to do next. Anything a client can send maps
//! to a 4xx; a 500 means a bug in the server.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use scanner_core::ScanError;
use serde_json::json;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    /// Stable machine-readable code, e.g. `too_large`.
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    pub fn too_large(limit: u64) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "the file is larger than this server's limit of {limit} bytes; send a smaller file"
            ),
        )
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "no such endpoint; use POST /inspect, POST /decisions, GET /audit, GET /healthz or \
             GET /readyz",
        )
    }

    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "this endpoint does not accept that method; the Allow header lists the ones it does",
        )
    }

    /// A scanner panic: the client's file triggered a bug, so the answer is
    /// "this file could not be scanned", not a server error.
    pub fn scan_failed() -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "scan_failed",
            "could not scan this file: the scanner hit an internal error; it was logged under this \
             response's x-request-id, please report it",
        )
    }

    pub fn scan_timeout(after: Duration) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "scan_timeout",
            format!(
                "could not scan this file within {} s; it may be too complex to scan, try a smaller file",
                after.as_secs()
            ),
        )
    }

    /// The uploads in progress hold all the memory this server gives them.
    pub fn busy() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "the server is receiving and scanning as many uploads as its memory allows; retry in a \
             few seconds",
        )
    }

    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", message)
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error in the verify-server; it was logged under this response's x-request-id, \
             please report it",
        )
    }

    /// The error for a bare status produced outside the handlers (router
    /// fallbacks, tower layers), so those answer in JSON too.
    pub fn for_status(status: StatusCode, context: &ErrorContext) -> Self {
        match status {
            StatusCode::NOT_FOUND => Self::not_found(),
            StatusCode::METHOD_NOT_ALLOWED => Self::method_not_allowed(),
            StatusCode::PAYLOAD_TOO_LARGE => Self::too_large(context.max_body_bytes),
            StatusCode::REQUEST_TIMEOUT => Self::new(
                status,
                "request_timeout",
                format!(
                    "the request did not complete within {} s; retry, or send a smaller file",
                    context.request_timeout.as_secs()
                ),
            ),
            StatusCode::INTERNAL_SERVER_ERROR => Self::internal(),
            _ if status.is_client_error() => {
                Self::new(status, "bad_request", "the request was not accepted")
            }
            _ => Self::new(
                status,
                "unavailable",
                "the server cannot answer right now; retry later",
            ),
        }
    }

    pub fn body(&self) -> serde_json::Value {
        json!({ "error": { "code": self.code, "message": self.message } })
    }
}

impl From<ScanError> for ApiError {
    fn from(err: ScanError) -> Self {
        match err {
            ScanError::TooLarge { limit, .. } => ApiError::too_large(limit),
            ScanError::Unreadable { kind, reason } => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "unreadable",
                format!(
                    "the file is a {kind} document but nothing in it could be read ({reason}); check that \
                     it is complete and undamaged"
                ),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

/// What [`json_errors`] needs to word its messages.
#[derive(Debug, Clone, Copy)]
pub struct ErrorContext {
    pub max_body_bytes: u64,
    pub request_timeout: Duration,
}

/// Gives error responses made outside the handlers (404 and 405 from the
/// router, 408 from the timeout layer, 413 from the body limit layer, 500
/// from the panic layer) the same JSON body as every other error. Headers
/// such as `Allow` are kept.
pub async fn json_errors(State(context): State<ErrorContext>, response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let body = ApiError::for_status(status, &context).body().to_string();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_errors_map_to_client_statuses() {
        let too_large = ApiError::from(ScanError::TooLarge { size: 10, limit: 5 });
        assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(too_large.code, "too_large");
        assert!(too_large.message.contains("5 bytes"));

        let unreadable = ApiError::from(ScanError::Unreadable {
            kind: "pdf".into(),
            reason: "no xref table".into(),
        });
        assert_eq!(unreadable.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(unreadable.code, "unreadable");
        assert!(unreadable.message.contains("no xref table"));
    }

    #[test]
    fn body_has_code_and_message() {
        let body = ApiError::bad_request("send a file").body();
        assert_eq!(body["error"]["code"], "bad_request");
        assert_eq!(body["error"]["message"], "send a file");
        assert_eq!(body.as_object().unwrap().len(), 1);
    }

    #[test]
    fn bare_statuses_never_become_server_errors_unless_they_were() {
        let context = ErrorContext {
            max_body_bytes: 10,
            request_timeout: Duration::from_secs(3),
        };
        for status in [400u16, 404, 405, 408, 411, 413, 415, 431] {
            let status = StatusCode::from_u16(status).unwrap();
            let err = ApiError::for_status(status, &context);
            assert_eq!(err.status, status);
            assert!(!err.message.is_empty());
        }
        assert!(
            ApiError::for_status(StatusCode::REQUEST_TIMEOUT, &context)
                .message
                .contains("3 s")
        );
    }
}
