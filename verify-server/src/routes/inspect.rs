//! `POST /inspect`: scan one uploaded file, record it in the audit store
//! and return its report with the record's id.

use crate::app::AppState;
use crate::audit::NewEvent;
use crate::error::ApiError;
use crate::screen::origin_from_headers;
use crate::upload::{Upload, read_upload};
use axum::Json;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use scanner_core::Report;
use serde::Serialize;

/// The report, as scanner-core defines it, plus the audit record's id. A
/// wrapper, so the report contract stays the engine's.
#[derive(Debug, Serialize)]
pub struct InspectResponse {
    #[serde(flatten)]
    pub report: Report,
    pub audit_id: String,
}

pub async fn inspect(
    State(state): State<AppState>,
    request: Request,
) -> Result<Json<InspectResponse>, ApiError> {
    let origin = origin_from_headers(request.headers())?;
    let max_body_bytes = state.inner().max_body_bytes;
    let upload = read_upload(request, max_body_bytes, &state.inner().upload_memory).await?;
    let report = scan_on_blocking_pool(&state, upload).await?;
    // The verdict is what clients act on, and a decision about it must be
    // able to name its record: no record, no answer.
    let event = NewEvent::from_report(&report, origin);
    let audit_id = event.id.to_string();
    if let Err(err) = state.inner().audit.record_event(event).await {
        tracing::error!(error = %err, "scanned, but the audit event was not recorded; answered 503");
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "audit_unavailable",
            "the file was scanned but the result could not be recorded in the audit store, and no \
             decision may rest on an unrecorded result; retry shortly",
        ));
    }
    tracing::info!(
        audit_id = %audit_id,
        kind = %report.file.kind,
        size = report.file.size,
        verdict = ?report.verdict,
        findings = report.findings.len(),
        warnings = report.warnings.len(),
        elapsed_ms = report.stats.elapsed_ms,
        "scanned"
    );
    Ok(Json(InspectResponse { report, audit_id }))
}

/// Scans off the async workers (a scan is CPU-bound and may take seconds),
/// at most `max_concurrent_scans` at a time. A scanner panic is caught by
/// the blocking pool and answered as "could not scan this file".
async fn scan_on_blocking_pool(state: &AppState, upload: Upload) -> Result<Report, ApiError> {
    let inner = state.inner().clone();
    let permit = inner
        .scan_slots
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| {
            ApiError::unavailable("the server is shutting down; retry on another instance")
        })?;
    let deadline = inner.scan_deadline;
    // The request's span follows the scan, so a panic logged from the
    // blocking thread still carries the request id.
    let span = tracing::Span::current();
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let _span = span.enter();
        (inner.scan)(&upload.bytes, &upload.name, &inner.scan_options)
    });
    match tokio::time::timeout(deadline, task).await {
        Ok(Ok(Ok(report))) => Ok(report),
        Ok(Ok(Err(scan_error))) => {
            let error = ApiError::from(scan_error);
            tracing::warn!(code = error.code, "file not scanned");
            Err(error)
        }
        Ok(Err(join_error)) if join_error.is_panic() => {
            tracing::error!("scanner panicked; answered 422 could not scan this file");
            Err(ApiError::scan_failed())
        }
        Ok(Err(_cancelled)) => Err(ApiError::unavailable("the scan was cancelled; retry")),
        Err(_elapsed) => {
            tracing::error!(
                deadline_s = deadline.as_secs(),
                "scan overran its deadline; still running detached"
            );
            Err(ApiError::scan_timeout(deadline))
        }
    }
}
