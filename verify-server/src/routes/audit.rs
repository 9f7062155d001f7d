//! `GET /audit?limit=N&audit_id=ID`: recorded events, newest first, each
//! with its latest decision. What it shows is what the store holds:
//! previews and fingerprints, never a secret.

use crate::app::AppState;
use crate::audit::EventQuery;
use crate::error::ApiError;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 1000;

#[derive(Debug, Deserialize)]
pub struct AuditParams {
    limit: Option<String>,
    audit_id: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    params: Result<Query<AuditParams>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(params) = params.map_err(|_| {
        ApiError::bad_request("the query string could not be read; use ?limit=N&audit_id=UUID")
    })?;
    let limit = match params.limit.as_deref() {
        None => DEFAULT_LIMIT,
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "limit must be a whole number from 1 to {MAX_LIMIT}"
                ))
            })?,
    };
    let audit_id = match params.audit_id.as_deref() {
        None => None,
        Some(text) => Some(Uuid::try_parse(text.trim()).map_err(|_| {
            ApiError::bad_request("audit_id is not a UUID; use an audit_id from POST /inspect")
        })?),
    };
    let events = state
        .inner()
        .audit
        .events(EventQuery { audit_id, limit })
        .await
        .map_err(|err| {
            tracing::error!(error = %err, "audit events could not be read");
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "audit_unavailable",
                "the audit store could not be read; retry shortly",
            )
        })?;
    Ok(Json(json!({ "events": events })))
}
