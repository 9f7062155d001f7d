//! Every PDF fixture made by real producers (testdata/pdf/, listed in its
//! MANIFEST.toml) posted to the real server, raw and multipart: each
//! expected finding must be reported in its place, the encrypted fixture
//! must say it was not scanned, and no planted secret may appear in a
//! response or in the logs.
//!
//! The server never returns a secret, so an expectation that the finding
//! carries exactly the planted value is checked through its fingerprint
//! (recomputed here with the server's key). Inexact ones (the finding covers
//! a piece of the value) are checked on `scan --show-secrets`, whose
//! findings must then equal the server's, fingerprints included.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata")
}

fn read_toml(path: &Path) -> toml::Table {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    toml::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

struct Expectation {
    rule: String,
    part: String,
    secret_name: String,
    secret: String,
    exact: bool,
}

struct Fixture {
    file: String,
    expect: Vec<Expectation>,
    expect_warning: Option<String>,
}

fn fixtures() -> (Vec<Fixture>, Vec<String>) {
    let manifest = read_toml(&testdata().join("pdf/MANIFEST.toml"));
    let secrets = read_toml(&testdata().join("pdf-src/secrets.toml"));
    let secrets = secrets["secrets"].as_table().expect("[secrets] table");
    let secret = |name: &str| -> String {
        secrets
            .get(name)
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| panic!("secret {name} not in secrets.toml"))
            .trim()
            .to_string()
    };
    let fixtures = manifest["fixture"]
        .as_array()
        .expect("[[fixture]] entries")
        .iter()
        .map(|entry| Fixture {
            file: entry["file"].as_str().unwrap().to_string(),
            expect_warning: entry
                .get("expect_warning")
                .and_then(|v| v.as_str())
                .map(str::to_string),
            expect: entry
                .get("expect")
                .and_then(|v| v.as_array())
                .map(|list| {
                    list.iter()
                        .map(|e| Expectation {
                            rule: e["rule"].as_str().unwrap().to_string(),
                            part: e["part"].as_str().unwrap().to_string(),
                            secret_name: e["secret"].as_str().unwrap().to_string(),
                            secret: secret(e["secret"].as_str().unwrap()),
                            exact: e.get("exact").and_then(|v| v.as_bool()).unwrap_or(true),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    // Every planted value, and every long line of multi-line ones (PEM
    // bodies), must stay out of responses and logs.
    let mut planted = BTreeSet::new();
    for value in secrets.values().filter_map(|v| v.as_str()) {
        planted.insert(value.trim().to_string());
        planted.extend(
            value
                .lines()
                .map(str::trim)
                .filter(|line| line.len() >= 24 && !line.starts_with("-----"))
                .map(str::to_string),
        );
    }
    (fixtures, planted.into_iter().collect())
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `finding` is the planted value of `expected`. With the full
/// value (`--show-secrets`) inexact expectations need at least 16 of its
/// characters; without it only the preview can be compared.
fn finding_matches(finding: &Value, expected: &Expectation) -> bool {
    if expected.exact {
        return finding["fingerprint"]
            == expected_fingerprint(TEST_FINGERPRINT_KEY.as_bytes(), &expected.secret).as_str();
    }
    match finding["secret"].as_str() {
        Some(found) => {
            let found = squash(found);
            found.len() >= 16 && squash(&expected.secret).contains(&found)
        }
        None => squash(&expected.secret).contains(
            finding["preview"]
                .as_str()
                .unwrap_or("")
                .trim_end_matches('…'),
        ),
    }
}

/// What failed for one report, or nothing; messages show previews only.
fn check_report(fixture: &Fixture, report: &Value) -> Vec<String> {
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    let mut problems = Vec::new();
    for expected in &fixture.expect {
        let candidates: Vec<&Value> = findings
            .iter()
            .filter(|f| {
                f["rule"] == expected.rule.as_str()
                    && f["location"]["part"]
                        .as_str()
                        .unwrap_or("")
                        .contains(&expected.part)
            })
            .collect();
        if !candidates.iter().any(|f| finding_matches(f, expected)) {
            problems.push(format!(
                "missing {} in `{}` ({}); {} candidate(s) with that rule and part",
                expected.rule,
                expected.part,
                expected.secret_name,
                candidates.len()
            ));
        }
    }
    if let Some(kind) = &fixture.expect_warning {
        let warned = report["warnings"]
            .as_array()
            .is_some_and(|w| w.iter().any(|w| w["code"] == kind.as_str()));
        if !warned {
            problems.push(format!("no `{kind}` warning"));
        }
        if report["verdict"] == "allow" {
            problems.push("verdict is allow although the file was not scanned".into());
        }
    }
    if !problems.is_empty() {
        let found: Vec<String> = findings
            .iter()
            .map(|f| {
                format!(
                    "{} @ {} ({})",
                    f["rule"], f["location"]["part"], f["preview"]
                )
            })
            .collect();
        problems.push(format!(
            "reported: {found:?}; warnings: {}",
            report["warnings"]
        ));
    }
    problems
}

/// `scan --format json --show-secrets` over every fixture, with the
/// server's key so fingerprints compare.
fn scan_with_secrets(fixtures: &[Fixture]) -> Vec<Value> {
    let output = std::process::Command::new(BIN)
        .current_dir(testdata().join("pdf"))
        .args(["scan", "--format", "json", "--show-secrets"])
        .args(fixtures.iter().map(|f| f.file.as_str()))
        .env("NOSPILL_FINGERPRINT_KEY", TEST_FINGERPRINT_KEY)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "findings and no errors: {stderr}"
    );
    let reports: Vec<Value> = serde_json::from_slice(&output.stdout).expect("a JSON array");
    assert_eq!(reports.len(), fixtures.len());
    reports
}

/// Findings without their `secret`, as the server reports them.
fn without_secrets(findings: &Value) -> Value {
    let mut findings = findings.clone();
    for finding in findings.as_array_mut().into_iter().flatten() {
        finding.as_object_mut().unwrap().remove("secret");
    }
    findings
}

#[test]
fn every_fixture_pdf_is_reported_over_http_raw_and_multipart() {
    let (fixtures, planted) = fixtures();
    let dir = testdata().join("pdf");
    let listed: BTreeSet<&str> = fixtures.iter().map(|f| f.file.as_str()).collect();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".pdf") {
            assert!(
                listed.contains(name.as_str()),
                "{name} is not in MANIFEST.toml, so nothing checks it"
            );
        }
    }

    let server = Server::start(&[]);
    let mut problems = Vec::new();
    for fixture in &fixtures {
        let bytes = std::fs::read(dir.join(&fixture.file)).unwrap();
        let raw = server.post_raw(Some(&fixture.file), &bytes);
        let multipart = server.post_multipart(&[Part {
            name: "file",
            filename: Some(&fixture.file),
            content: &bytes,
        }]);
        for (how, response) in [("raw", &raw), ("multipart", &multipart)] {
            assert_no_secrets(
                &response.text(),
                &planted,
                &format!("{} {how} response", fixture.file),
            );
            if response.status != 200 {
                problems.push(format!(
                    "{} {how}: status {} {}",
                    fixture.file,
                    response.status,
                    response.text()
                ));
                continue;
            }
            let report = response.json();
            assert_eq!(report["file"]["name"], fixture.file.as_str());
            assert_eq!(report["file"]["size"], bytes.len());
            assert_eq!(report["file"]["kind"], "pdf");
            problems.extend(
                check_report(fixture, &report)
                    .into_iter()
                    .map(|p| format!("{} {how}: {p}", fixture.file)),
            );
        }
        if raw.status == 200 && multipart.status == 200 {
            assert_eq!(
                raw.json()["findings"],
                multipart.json()["findings"],
                "{}: raw and multipart differ",
                fixture.file
            );
        }
    }
    assert_no_secrets(&server.output(), &planted, "the server's logs");
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_command_line_finds_every_planted_value_and_agrees_with_the_server() {
    let (fixtures, planted) = fixtures();
    let reports = scan_with_secrets(&fixtures);
    let server = Server::start(&[]);
    let mut problems = Vec::new();
    for (fixture, cli_report) in fixtures.iter().zip(&reports) {
        problems.extend(
            check_report(fixture, cli_report)
                .into_iter()
                .map(|p| format!("{} scan: {p}", fixture.file)),
        );
        let bytes = std::fs::read(testdata().join("pdf").join(&fixture.file)).unwrap();
        let server_report = server.post_raw(Some(&fixture.file), &bytes).json();
        assert_eq!(
            cli_report["file"], server_report["file"],
            "{}",
            fixture.file
        );
        assert_eq!(
            cli_report["verdict"], server_report["verdict"],
            "{}",
            fixture.file
        );
        assert!(
            without_secrets(&cli_report["findings"]) == server_report["findings"],
            "{}: the server's findings differ from the command line's",
            fixture.file
        );
    }
    assert_no_secrets(&server.output(), &planted, "the server's logs");
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
