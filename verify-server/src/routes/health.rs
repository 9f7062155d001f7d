//! Liveness and readiness.

use crate::app::AppState;
use crate::error::ApiError;
use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};
use std::time::Duration;

/// Longest `/readyz` waits for the audit store: a store that takes longer
/// for a trivial query is not ready for traffic.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// The process is up and answering.
pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Ready for traffic: the audit store answers a cheap query in time.
pub async fn readyz(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    match tokio::time::timeout(READY_TIMEOUT, state.inner().audit.ping()).await {
        Ok(Ok(())) => Ok(Json(json!({ "status": "ok" }))),
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "not ready: the audit store does not answer");
            Err(ApiError::unavailable(format!(
                "not ready: {err}; check the audit database (NOSPILL_AUDIT_DB) and the server's log"
            )))
        }
        Err(_) => {
            tracing::warn!("not ready: the audit store did not answer in time");
            Err(ApiError::unavailable(format!(
                "not ready: the audit store did not answer within {} s; check the disk holding the \
                 audit database (NOSPILL_AUDIT_DB)",
                READY_TIMEOUT.as_secs()
            )))
        }
    }
}
