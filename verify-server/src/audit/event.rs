//! What the audit store keeps: events (one per inspected upload) and
//! decisions (what the user chose), as written and as read back.

use scanner_core::{FileInfo, Report, Verdict};
use serde::Serialize;
use serde_json::{Value, json};
use uuid::Uuid;

/// The extension's mode for the page the upload came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Block,
    Warn,
    Audit,
}

impl Mode {
    /// `block`, `warn` or `audit`, any case; `None` for anything else.
    pub fn parse(value: &str) -> Option<Self> {
        match value.to_ascii_lowercase().as_str() {
            "block" => Some(Mode::Block),
            "warn" => Some(Mode::Warn),
            "audit" => Some(Mode::Audit),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Block => "block",
            Mode::Warn => "warn",
            Mode::Audit => "audit",
        }
    }
}

/// What the user chose in the dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Gave up the upload.
    Cancel,
    /// Went on despite the findings, with a reason.
    Override,
    /// Uploaded a copy with the findings replaced.
    Redact,
}

impl Decision {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "cancel" => Some(Decision::Cancel),
            "override" => Some(Decision::Override),
            "redact" => Some(Decision::Redact),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Cancel => "cancel",
            Decision::Override => "override",
            Decision::Redact => "redact",
        }
    }
}

/// An event to store. Built from a report, so it holds previews and
/// fingerprints, never a secret.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub id: Uuid,
    pub site: Option<String>,
    pub user: Option<String>,
    pub mode: Option<Mode>,
    /// The report's file info; its name is already redacted by the engine
    /// if it held a secret.
    pub file: FileInfo,
    pub verdict: Verdict,
    /// Distinct rule ids, in the order first found.
    pub rules_hit: Vec<String>,
    /// `[{"rule", "preview", "location"}]`, one per finding.
    pub previews: Value,
    /// Distinct fingerprints, in the order first found.
    pub fingerprints: Vec<String>,
    pub request_id: Option<String>,
}

/// Who sent an upload, as far as the request says (already screened).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    pub site: Option<String>,
    pub user: Option<String>,
    pub mode: Option<Mode>,
    pub request_id: Option<String>,
}

impl NewEvent {
    /// The event for one report, under a fresh id.
    pub fn from_report(report: &Report, origin: Origin) -> Self {
        let mut rules_hit: Vec<String> = Vec::new();
        let mut fingerprints: Vec<String> = Vec::new();
        for finding in &report.findings {
            if !rules_hit.contains(&finding.rule) {
                rules_hit.push(finding.rule.clone());
            }
            if !fingerprints.contains(&finding.fingerprint) {
                fingerprints.push(finding.fingerprint.clone());
            }
        }
        let previews = report
            .findings
            .iter()
            .map(|finding| {
                json!({
                    "rule": finding.rule,
                    "preview": finding.preview,
                    "location": finding.location,
                })
            })
            .collect();
        NewEvent {
            id: Uuid::new_v4(),
            site: origin.site,
            user: origin.user,
            mode: origin.mode,
            file: report.file.clone(),
            verdict: report.verdict,
            rules_hit,
            previews: Value::Array(previews),
            fingerprints,
            request_id: origin.request_id,
        }
    }
}

/// A decision to store.
#[derive(Debug, Clone)]
pub struct NewDecision {
    pub id: Uuid,
    pub audit_id: Uuid,
    pub decision: Decision,
    /// Screened: no secret, at most 1000 characters.
    pub reason: Option<String>,
    /// Whether the server agreed that the upload may go on.
    pub allowed: bool,
}

/// Which events to read.
#[derive(Debug, Clone, Copy)]
pub struct EventQuery {
    pub audit_id: Option<Uuid>,
    pub limit: u32,
}

#[cfg(test)]
impl EventQuery {
    pub fn latest(limit: u32) -> Self {
        EventQuery {
            audit_id: None,
            limit,
        }
    }
}

/// An event as `GET /audit` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct EventRecord {
    pub id: String,
    /// RFC 3339, UTC, milliseconds.
    pub time: String,
    pub site: Option<String>,
    pub user: Option<String>,
    pub mode: Option<String>,
    pub file: FileRecord,
    pub verdict: String,
    pub rules_hit: Value,
    pub previews: Value,
    pub fingerprints: Value,
    pub request_id: Option<String>,
    /// The latest decision, if any was made.
    pub decision: Option<DecisionRecord>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileRecord {
    pub name: String,
    pub size: u64,
    pub sha256: String,
    pub kind: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionRecord {
    pub id: String,
    pub decision: String,
    pub reason: Option<String>,
    pub allowed: bool,
    pub time: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_keeps_previews_and_fingerprints_only() {
        let secret = "AKIAZ4QW7RT2LX5MN3PB";
        let text = format!("a = {secret}\nb = {secret}\n");
        let report = scanner_core::scan(
            text.as_bytes(),
            "keys.txt",
            &scanner_core::ScanOptions::default(),
        )
        .unwrap();
        assert_eq!(report.findings.len(), 2);
        let event = NewEvent::from_report(
            &report,
            Origin {
                site: Some("chat.example".into()),
                mode: Some(Mode::Block),
                ..Origin::default()
            },
        );
        assert_eq!(event.rules_hit, ["aws.access_key_id"], "distinct rules");
        assert_eq!(event.fingerprints.len(), 1, "distinct fingerprints");
        assert_eq!(
            event.previews.as_array().unwrap().len(),
            2,
            "one per finding"
        );
        assert_eq!(event.previews[1]["location"]["line"], 2);
        assert_eq!(event.verdict, Verdict::Block);
        let stored = format!("{event:?}{}", event.previews);
        assert!(!stored.contains(secret));
    }

    #[test]
    fn modes_and_decisions_parse_only_known_words() {
        assert_eq!(Mode::parse("WARN"), Some(Mode::Warn));
        assert_eq!(Mode::parse("allow"), None);
        assert_eq!(Decision::parse("override"), Some(Decision::Override));
        assert_eq!(Decision::parse("Override"), None);
        for decision in [Decision::Cancel, Decision::Override, Decision::Redact] {
            assert_eq!(Decision::parse(decision.as_str()), Some(decision));
        }
    }
}
