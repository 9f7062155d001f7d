//! SARIF 2.1.0 output of `scan`, for code-scanning tools.
//!
//! Every built-in rule is listed under `tool.driver.rules`. A finding gets a
//! `region` only when its line and column are lines of the file itself (a
//! plain text file); inside a PDF they count within a page or field, so the
//! location is named in the message and in `properties` instead.

use crate::scan_cmd::{FileError, Scanned};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use scanner_core::{Confidence, Finding, Rule, Severity};
use serde_json::{Value, json};
use std::path::{Component, Path};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const VERSION: &str = "2.1.0";

/// Key of the finding fingerprint in `partialFingerprints`.
const FINGERPRINT_KEY: &str = "nospillFingerprint/v1";

/// Characters escaped in a path turned into a URI reference.
const URI_ESCAPES: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'[')
    .add(b']')
    .add(b'^')
    .add(b'|')
    .add(b'\\');

/// The whole SARIF log for one run. `base` is the folder relative URIs are
/// resolved against (the working directory).
pub fn sarif_log(
    rules: &[Rule],
    scanned: &[Scanned],
    errors: &[FileError],
    base: Option<&Path>,
) -> Value {
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for item in scanned {
        let artifact = artifact_location(&shown_path(item), base);
        for finding in &item.report.findings {
            results.push(result(rules, finding, &artifact));
        }
        for warning in &item.report.warnings {
            notifications.push(json!({
                "level": "warning",
                "message": { "text": format!("{}: {}", warning.part, warning.message) },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact } }],
                "properties": { "code": warning.code },
            }));
        }
    }
    for error in errors {
        notifications.push(json!({
            "level": "error",
            "message": { "text": format!("{}; {}", error.problem, error.fix) },
            "locations": [{ "physicalLocation": { "artifactLocation": artifact_location(&error.path, base) } }],
        }));
    }

    let mut run = json!({
        "tool": { "driver": driver(rules) },
        "columnKind": "unicodeCodePoints",
        "invocations": [{
            "executionSuccessful": errors.is_empty(),
            "toolExecutionNotifications": notifications,
        }],
        "results": results,
    });
    if let Some(base) = base.and_then(directory_uri) {
        run["originalUriBaseIds"] = json!({ "%SRCROOT%": { "uri": base } });
    }
    json!({ "$schema": SCHEMA, "version": VERSION, "runs": [run] })
}

fn driver(rules: &[Rule]) -> Value {
    let rules: Vec<Value> = rules
        .iter()
        .map(|rule| {
            let mut descriptor = json!({
                "id": rule.id,
                "name": rule.name,
                "shortDescription": { "text": rule.name },
                "fullDescription": { "text": if rule.risk.is_empty() { &rule.name } else { &rule.risk } },
                "defaultConfiguration": { "level": level(rule.severity, rule.confidence) },
                "properties": {
                    "severity": rule.severity,
                    "category": rule.category,
                    "tags": ["security", rule.category],
                    "security-severity": security_severity(rule.severity),
                },
            });
            if !rule.reference.is_empty() {
                descriptor["helpUri"] = json!(rule.reference);
            }
            descriptor
        })
        .collect();
    json!({
        "name": "nospill",
        "fullName": "nospill verify-server scan",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    })
}

fn result(rules: &[Rule], finding: &Finding, artifact: &Value) -> Value {
    let mut physical = json!({ "artifactLocation": artifact });
    if finding.location.part == "text"
        && let Some(line) = finding.location.line
    {
        physical["region"] = json!({ "startLine": line });
        if let Some(column) = finding.location.column {
            physical["region"]["startColumn"] = json!(column);
        }
    }
    let mut message = format!(
        "{} in {}: {}",
        finding.rule_name,
        crate::text_output::location(&finding.location),
        finding.preview
    );
    let mut properties = json!({
        "severity": finding.severity,
        "confidence": finding.confidence,
        "category": finding.category,
        "validated": finding.validated,
        "part": finding.location.part,
    });
    if let Some(page) = finding.location.page {
        properties["page"] = json!(page);
    }
    // Only present when the user asked for --show-secrets.
    if let Some(secret) = &finding.secret {
        message.push_str(&format!(" (secret: {secret})"));
        properties["secret"] = json!(secret);
    }
    let mut value = json!({
        "ruleId": finding.rule,
        "level": level(finding.severity, finding.confidence),
        "message": { "text": message },
        "locations": [{ "physicalLocation": physical }],
        "partialFingerprints": { FINGERPRINT_KEY: finding.fingerprint },
        "properties": properties,
    });
    if let Some(index) = rules.iter().position(|rule| rule.id == finding.rule) {
        value["ruleIndex"] = json!(index);
    }
    value
}

/// `error` for what blocks an upload (the engine's rule: high severity or
/// worse at medium confidence or better), `warning` for other medium or
/// worse findings, `note` for the rest.
pub fn level(severity: Severity, confidence: Confidence) -> &'static str {
    if severity.blocks_at(confidence) {
        "error"
    } else if severity >= Severity::Medium {
        "warning"
    } else {
        "note"
    }
}

/// The path to show for a scanned file: the report's redacted name when a
/// secret was found in the path itself, so the log never carries it.
fn shown_path(item: &Scanned) -> std::path::PathBuf {
    let report = &item.report;
    if report
        .findings
        .iter()
        .any(|f| f.location.part == "file name")
    {
        std::path::PathBuf::from(&report.file.name)
    } else {
        item.path.clone()
    }
}

/// The score GitHub code scanning reads to rank security results.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

/// A relative path becomes a relative URI against `%SRCROOT%`; an absolute
/// one inside `base` too, and any other absolute path a `file://` URI.
fn artifact_location(path: &Path, base: Option<&Path>) -> Value {
    let relative = if path.is_absolute() {
        base.and_then(|base| path.strip_prefix(base).ok())
    } else {
        Some(path)
    };
    match relative {
        Some(relative) => json!({ "uri": relative_uri(relative), "uriBaseId": "%SRCROOT%" }),
        None => json!({ "uri": file_uri(path) }),
    }
}

fn relative_uri(path: &Path) -> String {
    path.components()
        .filter_map(|component| match component {
            Component::Normal(part) => Some(encode(&part.to_string_lossy())),
            Component::ParentDir => Some("..".to_string()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn file_uri(path: &Path) -> String {
    format!("file:///{}", relative_uri(path))
}

fn directory_uri(dir: &Path) -> Option<String> {
    dir.is_absolute().then(|| {
        let uri = file_uri(dir);
        if uri.ends_with('/') {
            uri
        } else {
            format!("{uri}/")
        }
    })
}

fn encode(segment: &str) -> String {
    utf8_percent_encode(segment, URI_ESCAPES).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use scanner_core::{ScanOptions, Scanner};
    use std::path::PathBuf;

    fn scanned(path: &str, content: &[u8], include_secrets: bool) -> Scanned {
        let options = ScanOptions {
            include_secrets,
            ..Default::default()
        };
        Scanned {
            path: PathBuf::from(path),
            report: scanner_core::scan(content, path, &options).unwrap(),
        }
    }

    #[test]
    fn a_secret_in_a_path_is_redacted_in_its_uri() {
        let secret = "AKIAZ4QW7RT2LX5MN3PB";
        let path = format!("backups/{secret}.txt");
        let items = [scanned(&path, b"nothing here", false)];
        let log = sarif_log(Scanner::builtin().rules().rules(), &items, &[], None);
        let text = log.to_string();
        assert!(!text.contains(secret), "the path's secret is in the log");
        let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
            ["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.starts_with("backups/AKIA"), "{uri}");
    }

    #[test]
    fn log_has_the_required_sarif_fields() {
        let rules = Scanner::builtin().rules().rules();
        let items = [scanned(
            "docs/my notes.txt",
            b"x\nid AKIAZ4QW7RT2LX5MN3PB",
            false,
        )];
        let errors = [FileError::new(
            Path::new("gone.pdf"),
            "cannot read",
            "check the path",
        )];
        let log = sarif_log(rules, &items, &errors, Some(Path::new("/work/repo")));
        assert_eq!(log["$schema"], SCHEMA);
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "nospill");
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            rules.len()
        );
        assert_eq!(
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            "file:///work/repo/"
        );

        let result = &run["results"][0];
        assert_eq!(result["ruleId"], "aws.access_key_id");
        assert_eq!(result["level"], "error");
        assert_eq!(
            run["tool"]["driver"]["rules"][result["ruleIndex"].as_u64().unwrap() as usize]["id"],
            "aws.access_key_id"
        );
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "docs/my%20notes.txt");
        assert_eq!(location["region"]["startLine"], 2);
        assert_eq!(location["region"]["startColumn"], 4);
        assert!(
            result["partialFingerprints"][FINGERPRINT_KEY]
                .as_str()
                .unwrap()
                .starts_with("fp1:")
        );
        assert!(!log.to_string().contains("AKIAZ4QW7RT2LX5MN3PB"));

        let invocation = &run["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        assert_eq!(
            invocation["toolExecutionNotifications"][0]["level"],
            "error"
        );
    }

    #[test]
    fn secrets_appear_only_when_the_report_carries_them() {
        let rules = Scanner::builtin().rules().rules();
        let log = sarif_log(
            rules,
            &[scanned("a.txt", b"AKIAZ4QW7RT2LX5MN3PB", true)],
            &[],
            None,
        );
        assert_eq!(
            log["runs"][0]["results"][0]["properties"]["secret"],
            "AKIAZ4QW7RT2LX5MN3PB"
        );
    }

    #[test]
    fn absolute_paths_outside_the_base_become_file_uris() {
        let location =
            artifact_location(Path::new("/srv/data/x#1.pdf"), Some(Path::new("/home/me")));
        assert_eq!(location["uri"], "file:///srv/data/x%231.pdf");
        let inside = artifact_location(Path::new("/home/me/a/b.txt"), Some(Path::new("/home/me")));
        assert_eq!(inside["uri"], "a/b.txt");
    }

    #[test]
    fn levels_follow_the_block_rule() {
        assert_eq!(level(Severity::Critical, Confidence::High), "error");
        assert_eq!(level(Severity::High, Confidence::Low), "warning");
        assert_eq!(level(Severity::Medium, Confidence::High), "warning");
        assert_eq!(level(Severity::Low, Confidence::High), "note");
    }
}
