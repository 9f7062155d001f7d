//! `POST /decisions`: record what the user chose for an inspected upload,
//! and answer whether the server agrees that it may go on.
//!
//! The answer rests on the record: `allowed` is only sent once the decision
//! row is committed, so an upload that goes on because the server agreed
//! always has its decision in the audit store.

use crate::app::AppState;
use crate::audit::{AuditError, Decision, NewDecision};
use crate::cli::OverridePolicy;
use crate::error::ApiError;
use crate::screen::screen_reason;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

/// Largest decision body: a reason of 1000 characters of up to 4 UTF-8
/// bytes each, JSON-escaped, and the other fields fit well within it.
const MAX_DECISION_BYTES: usize = 16 * 1024;

const SHAPE: &str = r#"send {"audit_id": "<the audit_id from POST /inspect>", "decision": "cancel" | "override" | "redact", "reason": "<why, required for override>"}"#;

/// The body as sent; checked field by field so that error messages can
/// say what is wrong without quoting the client's values.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DecisionBody {
    audit_id: Option<String>,
    decision: Option<String>,
    reason: Option<String>,
}

pub async fn record(
    State(state): State<AppState>,
    request: Request,
) -> Result<Json<Value>, ApiError> {
    let body = read_json_body(request).await?;
    let audit_id = match body.audit_id.as_deref().map(str::trim) {
        None | Some("") => {
            return Err(ApiError::bad_request(format!(
                "audit_id is missing; {SHAPE}"
            )));
        }
        Some(id) => Uuid::try_parse(id).map_err(|_| {
            ApiError::bad_request(
                "audit_id is not a UUID; send the audit_id from this server's POST /inspect answer",
            )
        })?,
    };
    let decision = body
        .decision
        .as_deref()
        .and_then(Decision::parse)
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "decision must be \"cancel\", \"override\" or \"redact\"; {SHAPE}"
            ))
        })?;
    let reason = match body.reason.as_deref() {
        None => None,
        Some(reason) => screen_reason(reason)?,
    };
    if decision == Decision::Override && reason.is_none() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "reason_required",
            "an override needs a reason: say why this upload should go on despite the findings",
        ));
    }
    let allowed = match decision {
        Decision::Cancel => false,
        // The copy that goes on has every finding replaced.
        Decision::Redact => true,
        Decision::Override => state.inner().overrides == OverridePolicy::Allow,
    };
    let decision_id = Uuid::new_v4();
    let record = NewDecision {
        id: decision_id,
        audit_id,
        decision,
        reason,
        allowed,
    };
    match state.inner().audit.record_decision(record).await {
        Ok(()) => {}
        Err(AuditError::UnknownEvent) => {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                "unknown_audit_id",
                "no audit event has this audit_id; send the audit_id from this server's POST /inspect \
                 answer",
            ));
        }
        Err(err) => {
            tracing::error!(error = %err, "decision not recorded");
            return Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "audit_unavailable",
                "the decision could not be recorded in the audit store, so the server does not agree \
                 to it; retry shortly",
            ));
        }
    }
    tracing::info!(
        audit_id = %audit_id,
        decision_id = %decision_id,
        decision = decision.as_str(),
        allowed,
        "decision recorded"
    );
    Ok(Json(json!({
        "decision_id": decision_id.to_string(),
        "recorded": true,
        "allowed": allowed,
    })))
}

/// The body, which must be `application/json` (a cross-origin page cannot
/// send that without a preflight, which only extension origins pass) and
/// at most [`MAX_DECISION_BYTES`].
async fn read_json_body(request: Request) -> Result<DecisionBody, ApiError> {
    let is_json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .split(';')
                .next()
                .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
        });
    if !is_json {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!("send the decision as Content-Type: application/json; {SHAPE}"),
        ));
    }
    let bytes = axum::body::to_bytes(request.into_body(), MAX_DECISION_BYTES)
        .await
        .map_err(|err| {
            if is_length_limit(&err) {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too_large",
                    format!(
                        "a decision is at most {MAX_DECISION_BYTES} bytes; keep the reason to 1000 \
                         characters"
                    ),
                )
            } else {
                ApiError::bad_request("the request body could not be read; send the decision again")
            }
        })?;
    serde_json::from_slice(&bytes).map_err(|err| {
        use serde_json::error::Category;
        // serde's own message may quote the client's values: not echoed.
        let problem = match err.classify() {
            Category::Io | Category::Syntax => "is not valid JSON",
            Category::Eof => "ends too early",
            Category::Data => "is not a decision object with string fields",
        };
        ApiError::bad_request(format!(
            "the body {problem} (line {}, column {}); {SHAPE}",
            err.line(),
            err.column()
        ))
    })
}

fn is_length_limit(err: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(current) = source {
        if current.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = current.source();
    }
    false
}
