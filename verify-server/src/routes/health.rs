//! Liveness and readiness.

use axum::Json;
use serde_json::{Value, json};

/// The process is up and answering.
pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Ready for traffic. The server has no dependencies yet, so this is the
/// same as `/healthz`; it will check the audit store and queue once they exist.
pub async fn readyz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}
