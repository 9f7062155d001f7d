//! The router and the tower layers around it.
//!
//! Layers, outermost first: request id (a client's id is kept if it is
//! sane, otherwise one is generated), the access log, request id echoed in
//! the response, CORS (preflights are answered here, before auth, since
//! browsers send them without credentials), JSON error bodies, panic
//! catcher, request timeout, body size limit; then, on the API routes only,
//! bearer-token auth. `/healthz` and `/readyz` stay open.

use crate::audit::AuditStore;
use crate::cli::OverridePolicy;
use crate::config::ServeConfig;
use crate::error::{ApiError, ErrorContext, json_errors};
use crate::{auth, cors, routes};
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderName, Response, StatusCode};
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use scanner_core::{Report, ScanError, ScanOptions};
use std::any::Any;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tracing::Span;

pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Room for multipart boundaries and part headers on top of the file limit,
/// so a multipart file of exactly the limit still fits through the layer.
const MULTIPART_OVERHEAD_BYTES: u64 = 64 * 1024;

/// Longest client-supplied request id kept.
const MAX_REQUEST_ID_LEN: usize = 128;

/// Extra time a scan gets past its own budget before the request gives up
/// on it: the budget is checked between units of work, so a scan may run
/// over by one unit.
const SCAN_GRACE: Duration = Duration::from_secs(10);

/// The function that scans; a field so tests can substitute a failing one.
pub type ScanFn = Arc<dyn Fn(&[u8], &str, &ScanOptions) -> Result<Report, ScanError> + Send + Sync>;

/// Shared by all requests.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub scan_options: ScanOptions,
    pub scan: ScanFn,
    pub max_body_bytes: u64,
    /// How long a request waits for its scan before answering 422.
    pub scan_deadline: Duration,
    /// One permit per scan allowed to run at once. A permit stays with its
    /// scan until the scan really ends, even if the request gave up on it,
    /// so runaway scans cannot pile up on the blocking pool.
    pub scan_slots: Arc<Semaphore>,
    /// Upload bytes all requests may hold in memory together, one permit
    /// per byte (see [`crate::upload`]).
    pub upload_memory: Arc<Semaphore>,
    pub audit: AuditStore,
    pub overrides: OverridePolicy,
}

impl AppState {
    pub fn new(config: &ServeConfig, audit: AuditStore) -> Self {
        let scanner = config.policy.scanner.clone();
        Self::with_scan(config, audit, move |bytes, name, options| {
            scanner.scan(bytes, name, options)
        })
    }

    pub fn with_scan(
        config: &ServeConfig,
        audit: AuditStore,
        scan: impl Fn(&[u8], &str, &ScanOptions) -> Result<Report, ScanError> + Send + Sync + 'static,
    ) -> Self {
        AppState {
            inner: Arc::new(Inner {
                scan_options: config.scan_options(),
                scan: Arc::new(scan),
                max_body_bytes: config.max_body_bytes,
                scan_deadline: config.scan_timeout + SCAN_GRACE,
                scan_slots: Arc::new(Semaphore::new(config.max_concurrent_scans)),
                upload_memory: Arc::new(Semaphore::new(upload_memory_bytes(config))),
                audit,
                overrides: config.overrides,
            }),
        }
    }

    pub(crate) fn inner(&self) -> &Arc<Inner> {
        &self.inner
    }
}

/// The upload memory budget: a full-size upload (with multipart overhead)
/// for every scan slot, and as many again arriving meanwhile.
fn upload_memory_bytes(config: &ServeConfig) -> usize {
    let uploads = (config.max_concurrent_scans as u64)
        .saturating_mul(2)
        .max(2);
    let bytes = config
        .max_body_bytes
        .saturating_add(MULTIPART_OVERHEAD_BYTES)
        .saturating_mul(uploads);
    usize::try_from(bytes)
        .unwrap_or(usize::MAX)
        .min(Semaphore::MAX_PERMITS)
}

/// The whole application, ready to serve.
pub fn router(config: &ServeConfig, state: AppState) -> Router {
    let errors = ErrorContext {
        max_body_bytes: config.max_body_bytes,
        request_timeout: config.request_timeout,
    };
    let api = Router::new()
        .route("/inspect", post(routes::inspect::inspect))
        .route("/decisions", post(routes::decisions::record))
        .route("/audit", get(routes::audit::list));
    let api = match &config.api_tokens {
        Some(tokens) => api.route_layer(middleware::from_fn_with_state(
            tokens.clone(),
            auth::require_bearer,
        )),
        None => api,
    };
    let routes = api
        .route("/healthz", get(routes::health::healthz))
        .route("/readyz", get(routes::health::readyz))
        .fallback(|| async { ApiError::not_found() })
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        // The body limit layer below replaces axum's 2 MB default.
        .layer(DefaultBodyLimit::disable())
        .with_state(state);

    // `Router::layer` wraps what is already there, so the last layer added
    // is the outermost.
    routes
        .layer(RequestBodyLimitLayer::new(
            usize::try_from(
                config
                    .max_body_bytes
                    .saturating_add(MULTIPART_OVERHEAD_BYTES),
            )
            .unwrap_or(usize::MAX),
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::map_response_with_state(errors, json_errors))
        .layer(cors::layer())
        .layer(PropagateRequestIdLayer::new(REQUEST_ID_HEADER))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_request(())
                .on_response(log_response)
                .on_failure(()),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID_HEADER, MakeRequestUuid))
        .layer(middleware::map_request(drop_unusable_request_id))
}

/// Removes a client `x-request-id` that is too long, has characters that
/// do not belong in an id, or holds a secret, so a fresh one is generated
/// instead of logging (and storing) whatever the client sent.
async fn drop_unusable_request_id(mut request: Request) -> Request {
    let usable = request
        .headers()
        .get(&REQUEST_ID_HEADER)
        .is_none_or(|id| is_usable_request_id(id.as_bytes()));
    if !usable {
        request.headers_mut().remove(&REQUEST_ID_HEADER);
    }
    request
}

fn is_usable_request_id(id: &[u8]) -> bool {
    !id.is_empty()
        && id.len() <= MAX_REQUEST_ID_LEN
        && id
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        && std::str::from_utf8(id).is_ok_and(|id| !holds_secret(id))
}

/// Whether the scanner finds anything in client text bound for the log.
fn holds_secret(text: &str) -> bool {
    crate::screen::findings_in(text).map_or(true, |findings| !findings.is_empty())
}

/// The request path as logged: withheld when it, or its percent-decoded
/// form, holds a secret (a token pasted into a URL).
fn loggable_path(path: &str) -> &str {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    if holds_secret(path) || holds_secret(&decoded) {
        "[withheld: holds a secret]"
    } else {
        path
    }
}

/// The span of one request. Only the path is recorded, never the query
/// string, headers or body.
fn request_span(request: &Request) -> Span {
    let request_id = request
        .headers()
        .get(&REQUEST_ID_HEADER)
        .and_then(|id| id.to_str().ok())
        .unwrap_or("");
    tracing::info_span!(
        "request",
        request_id = %request_id,
        method = %request.method(),
        path = %loggable_path(request.uri().path()),
    )
}

/// The access log line: one per request, when the response is ready.
fn log_response(response: &Response<Body>, latency: Duration, _span: &Span) {
    let status = response.status().as_u16();
    let duration_ms = latency.as_millis() as u64;
    if response.status().is_server_error() {
        tracing::error!(status, duration_ms, "request finished");
    } else {
        tracing::info!(status, duration_ms, "request finished");
    }
}

/// A panic in a handler is a server bug; the payload is not logged because
/// it may quote request content.
fn panic_response(_payload: Box<dyn Any + Send + 'static>) -> Response<Body> {
    tracing::error!("request handler panicked");
    ApiError::internal().into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::FingerprintKey;
    use axum::http::{Method, header};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    fn config() -> ServeConfig {
        ServeConfig {
            listen: "127.0.0.1:0".into(),
            max_body_bytes: 1024,
            scan_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
            max_concurrent_scans: 2,
            fingerprint_key: FingerprintKey::random().unwrap(),
            audit_db: crate::audit::AuditLocation::Memory,
            api_tokens: None,
            overrides: OverridePolicy::Allow,
            policy: crate::scan_policy::ScanPolicy::default(),
        }
    }

    async fn send(
        app: Router,
        request: Request,
    ) -> (StatusCode, axum::http::HeaderMap, serde_json::Value) {
        let response = app.oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
        (status, headers, json)
    }

    fn post_inspect(body: &'static [u8]) -> Request {
        Request::builder()
            .method(Method::POST)
            .uri("/inspect")
            .body(Body::from(body))
            .unwrap()
    }

    fn panicking_scan(_: &[u8], _: &str, _: &ScanOptions) -> Result<Report, ScanError> {
        panic!("simulated scanner bug")
    }

    fn unreadable_scan(_: &[u8], _: &str, _: &ScanOptions) -> Result<Report, ScanError> {
        Err(ScanError::Unreadable {
            kind: "pdf".into(),
            reason: "no objects could be read".into(),
        })
    }

    fn options_checking_scan(
        bytes: &[u8],
        name: &str,
        options: &ScanOptions,
    ) -> Result<Report, ScanError> {
        assert!(
            !options.include_secrets,
            "the server must never ask for secrets"
        );
        scanner_core::scan(bytes, name, options)
    }

    #[tokio::test]
    async fn a_scanner_panic_is_a_422_and_the_server_keeps_serving() {
        let config = config();
        let app = router(
            &config,
            AppState::with_scan(&config, AuditStore::in_memory(), panicking_scan),
        );
        let (status, _, body) = send(app.clone(), post_inspect(b"hello")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["error"]["code"], "scan_failed");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("could not scan this file")
        );
        let health = Request::builder()
            .uri("/healthz")
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(app, health).await.0, StatusCode::OK);
    }

    #[tokio::test]
    async fn an_unreadable_document_is_a_422() {
        let config = config();
        let app = router(
            &config,
            AppState::with_scan(&config, AuditStore::in_memory(), unreadable_scan),
        );
        let (status, _, body) = send(app, post_inspect(b"%PDF-1.7 broken")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["error"]["code"], "unreadable");
    }

    #[tokio::test]
    async fn the_server_scans_without_secrets() {
        let config = config();
        let app = router(
            &config,
            AppState::with_scan(&config, AuditStore::in_memory(), options_checking_scan),
        );
        let (status, _, body) = send(app, post_inspect(b"key AKIAZ4QW7RT2LX5MN3PB")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["findings"][0]["rule"], "aws.access_key_id");
        assert!(body["findings"][0].get("secret").is_none());
    }

    fn slow_scan(bytes: &[u8], name: &str, options: &ScanOptions) -> Result<Report, ScanError> {
        std::thread::sleep(Duration::from_millis(300));
        scanner_core::scan(bytes, name, options)
    }

    #[tokio::test]
    async fn a_request_over_its_time_is_a_json_408() {
        let config = ServeConfig {
            request_timeout: Duration::from_millis(50),
            ..config()
        };
        let app = router(
            &config,
            AppState::with_scan(&config, AuditStore::in_memory(), slow_scan),
        );
        let (status, _, body) = send(app, post_inspect(b"hello")).await;
        assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
        assert_eq!(body["error"]["code"], "request_timeout");
    }

    #[tokio::test]
    async fn router_and_layer_errors_are_json() {
        let config = config();
        let app = router(&config, AppState::new(&config, AuditStore::in_memory()));
        let (status, _, body) = send(
            app.clone(),
            Request::builder().uri("/nope").body(Body::empty()).unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body["error"]["code"], "not_found");

        let (status, headers, body) = send(
            app.clone(),
            Request::builder()
                .uri("/inspect")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(body["error"]["code"], "method_not_allowed");
        assert!(headers.contains_key(header::ALLOW));

        let too_big = Request::builder()
            .method(Method::POST)
            .uri("/inspect")
            .header(header::CONTENT_LENGTH, "10000000")
            .body(Body::from(vec![b'a'; 10_000_000]))
            .unwrap();
        let (status, _, body) = send(app, too_big).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(body["error"]["code"], "too_large");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("1024 bytes")
        );
    }

    #[tokio::test]
    async fn request_ids_are_kept_when_sane_and_replaced_otherwise() {
        let config = config();
        let app = router(&config, AppState::new(&config, AuditStore::in_memory()));
        let with_id = |id: &str| {
            Request::builder()
                .uri("/healthz")
                .header("x-request-id", id)
                .body(Body::empty())
                .unwrap()
        };
        let (_, headers, _) = send(app.clone(), with_id("abc-123")).await;
        assert_eq!(headers["x-request-id"], "abc-123");
        let (_, headers, _) = send(app.clone(), with_id("has spaces\tand tabs")).await;
        let replaced = headers["x-request-id"].to_str().unwrap();
        assert_eq!(replaced.len(), 36, "a fresh UUID, got {replaced}");
        let (_, headers, _) = send(
            app,
            Request::builder()
                .uri("/healthz")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert!(headers.contains_key("x-request-id"));
    }

    #[tokio::test]
    async fn without_its_audit_record_inspect_answers_503_and_readyz_fails() {
        let config = config();
        let audit = AuditStore::in_memory();
        let app = router(&config, AppState::new(&config, audit.clone()));
        let ready = || {
            Request::builder()
                .uri("/readyz")
                .body(Body::empty())
                .unwrap()
        };
        assert_eq!(send(app.clone(), ready()).await.0, StatusCode::OK);
        let (status, _, body) = send(app.clone(), post_inspect(b"hello")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["audit_id"].as_str().unwrap().len(), 36);

        // The writer is gone, as after a fatal database error.
        audit.close().await.unwrap();
        let (status, _, body) = send(app.clone(), post_inspect(b"key AKIAZ4QW7RT2LX5MN3PB")).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(body["error"]["code"], "audit_unavailable");
        assert!(
            body.get("findings").is_none(),
            "no verdict without a record"
        );
        let (status, _, body) = send(app.clone(), ready()).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("NOSPILL_AUDIT_DB")
        );
        let healthz = Request::builder()
            .uri("/healthz")
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(app, healthz).await.0, StatusCode::OK, "still alive");
    }
}
