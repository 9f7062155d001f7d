//! The real-producer PDF fixtures in `testdata/pdf/` (made by
//! `testdata/make-pdf-fixtures.sh`, described by its `MANIFEST.toml`):
//! every planted secret is reported where it hides, a password-protected
//! file is never reported clean, reports never echo a secret, and truncated
//! or corrupted copies give a warning or a clear error, never a panic or a
//! hang.
//!
//! Failure messages name secrets by their key in `secrets.toml` and show
//! only report previews, never a secret.

use scanner_core::{Limits, Report, ScanError, ScanOptions, Verdict, WarningCode, scan};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

#[derive(Deserialize)]
struct Manifest {
    fixture: Vec<Fixture>,
}

#[derive(Deserialize)]
struct Fixture {
    file: String,
    producer: String,
    #[serde(default)]
    expect: Vec<Expected>,
    expect_warning: Option<String>,
}

#[derive(Deserialize)]
struct Expected {
    rule: String,
    part: String,
    /// Key of the planted value in `secrets.toml`.
    secret: String,
    /// False when the finding may cover only part of the value.
    #[serde(default = "yes")]
    exact: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct SecretsFile {
    secrets: BTreeMap<String, String>,
}

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata")
}

fn manifest() -> Manifest {
    let path = testdata().join("pdf/MANIFEST.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn secrets() -> BTreeMap<String, String> {
    let path = testdata().join("pdf-src/secrets.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file: SecretsFile =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    file.secrets
}

fn read_fixture(file: &str) -> Vec<u8> {
    let path = testdata().join("pdf").join(file);
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run testdata/make-pdf-fixtures.sh)",
            path.display()
        )
    })
}

fn with_secrets() -> ScanOptions {
    ScanOptions {
        include_secrets: true,
        ..ScanOptions::default()
    }
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a finding's full value is the planted one (or, for inexact
/// expectations, a substantial piece of it).
fn matches_planted(found: &str, planted: &str, exact: bool) -> bool {
    if exact {
        return found == planted;
    }
    let (found, planted) = (squash(found), squash(planted));
    found.len() >= 16 && planted.contains(&found)
}

/// What a report found, for failure messages: rule, part and preview only.
fn summary(report: &Report) -> String {
    let found: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("{} @ {:?} {:?}", f.rule, f.location.part, f.preview))
        .collect();
    let warnings: Vec<String> = report
        .warnings
        .iter()
        .map(|w| format!("{:?} @ {:?}", w.code, w.part))
        .collect();
    format!(
        "reported [{}], warnings [{}]",
        found.join(", "),
        warnings.join(", ")
    )
}

#[test]
fn manifest_lists_every_fixture_and_names_only_planted_secrets() {
    let manifest = manifest();
    let secrets = secrets();
    let listed: Vec<&str> = manifest.fixture.iter().map(|f| f.file.as_str()).collect();
    let mut on_disk: Vec<String> = std::fs::read_dir(testdata().join("pdf"))
        .expect("testdata/pdf exists")
        .map(|entry| {
            entry
                .expect("readable directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".pdf"))
        .collect();
    on_disk.sort();
    for name in &on_disk {
        assert!(
            listed.contains(&name.as_str()),
            "{name} is in testdata/pdf but not in MANIFEST.toml"
        );
    }
    let producers: Vec<&str> = manifest
        .fixture
        .iter()
        .map(|f| f.producer.as_str())
        .collect();
    for producer in ["LibreOffice", "Ghostscript", "Chromium", "qpdf", "lopdf"] {
        assert!(
            producers.iter().any(|p| p.contains(producer)),
            "no fixture made by {producer}"
        );
    }
    for fixture in &manifest.fixture {
        assert!(
            on_disk.contains(&fixture.file),
            "{} is listed but missing",
            fixture.file
        );
        assert!(
            !fixture.expect.is_empty() || fixture.expect_warning.is_some(),
            "{}: expects neither findings nor a warning",
            fixture.file
        );
        for expected in &fixture.expect {
            assert!(
                secrets.contains_key(&expected.secret),
                "{}: unknown secret {}",
                fixture.file,
                expected.secret
            );
        }
    }
}

#[test]
fn every_planted_secret_is_reported_where_it_hides() {
    let secrets = secrets();
    let mut failures = Vec::new();
    let mut total = 0;
    for fixture in manifest().fixture {
        if fixture.expect.is_empty() {
            continue;
        }
        total += fixture.expect.len();
        let report = match scan(&read_fixture(&fixture.file), &fixture.file, &with_secrets()) {
            Ok(report) => report,
            Err(error) => {
                failures.push(format!(
                    "{}: scan failed ({error}); all {} expected findings missing",
                    fixture.file,
                    fixture.expect.len()
                ));
                continue;
            }
        };
        let mut missed = Vec::new();
        for expected in &fixture.expect {
            let planted = &secrets[&expected.secret];
            let found = report.findings.iter().any(|f| {
                f.rule == expected.rule
                    && f.location.part.contains(&expected.part)
                    && f.secret
                        .as_deref()
                        .is_some_and(|value| matches_planted(value, planted, expected.exact))
            });
            if !found {
                missed.push(format!(
                    "  {} at {:?} ({})",
                    expected.rule, expected.part, expected.secret
                ));
            }
        }
        if !missed.is_empty() {
            failures.push(format!(
                "{} ({}): {} of {} missing:\n{}\n  {}",
                fixture.file,
                fixture.producer,
                missed.len(),
                fixture.expect.len(),
                missed.join("\n"),
                summary(&report)
            ));
        }
        if report.verdict != Verdict::Block {
            failures.push(format!(
                "{}: verdict {:?}, expected block",
                fixture.file, report.verdict
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture problems ({} expected findings in all):\n{}",
        failures.len(),
        total,
        failures.join("\n")
    );
}

#[test]
fn password_protected_pdf_is_reported_as_encrypted_not_clean() {
    let mut checked = 0;
    for fixture in manifest()
        .fixture
        .iter()
        .filter(|f| f.expect_warning.is_some())
    {
        assert_eq!(
            fixture.expect_warning.as_deref(),
            Some("encrypted"),
            "{}: unknown expect_warning",
            fixture.file
        );
        let report = scan(
            &read_fixture(&fixture.file),
            &fixture.file,
            &ScanOptions::default(),
        )
        .unwrap_or_else(|e| {
            panic!(
                "{}: expected a report with an encrypted warning, got error: {e}",
                fixture.file
            )
        });
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.code == WarningCode::Encrypted),
            "{}: no encrypted warning; {}",
            fixture.file,
            summary(&report)
        );
        assert_ne!(
            report.verdict,
            Verdict::Allow,
            "{}: an unreadable file must not be allowed",
            fixture.file
        );
        checked += 1;
    }
    assert!(
        checked > 0,
        "MANIFEST.toml lists no password-protected fixture"
    );
}

#[test]
fn no_fixture_is_reported_clean() {
    for fixture in manifest().fixture {
        let report = scan(
            &read_fixture(&fixture.file),
            &fixture.file,
            &ScanOptions::default(),
        );
        if let Ok(report) = report {
            assert_ne!(
                report.verdict,
                Verdict::Allow,
                "{}: allowed; {}",
                fixture.file,
                summary(&report)
            );
        }
    }
}

/// The parts of a planted value that must never appear in a report: the
/// whole value, its random tail, a URL's password, every line of a key.
fn revealing_pieces(value: &str) -> Vec<String> {
    let value = value.trim();
    if value.starts_with("-----BEGIN") {
        return value
            .lines()
            .filter(|line| !line.starts_with("-----"))
            .map(str::to_string)
            .collect();
    }
    let mut pieces = vec![value.to_string()];
    if let Some((_, rest)) = value.split_once("://")
        && let Some((userinfo, _)) = rest.split_once('@')
        && let Some((_, password)) = userinfo.split_once(':')
    {
        pieces.push(password.to_string());
    } else if value.len() > 12 {
        pieces.push(value[value.len() - 12..].to_string());
    }
    pieces
}

/// The names of the secrets whose revealing pieces occur in `text`.
fn leaked_in(text: &str, secrets: &BTreeMap<String, String>) -> Vec<String> {
    secrets
        .iter()
        .filter(|(_, value)| {
            revealing_pieces(value)
                .iter()
                .any(|piece| text.contains(piece.as_str()))
        })
        .map(|(name, _)| name.clone())
        .collect()
}

#[test]
fn reports_never_contain_a_secret() {
    let secrets = secrets();
    for fixture in manifest().fixture {
        let text = match scan(
            &read_fixture(&fixture.file),
            &fixture.file,
            &ScanOptions::default(),
        ) {
            Ok(report) => serde_json::to_string(&report).expect("report serialises"),
            Err(error) => error.to_string(),
        };
        let leaked = leaked_in(&text, &secrets);
        assert!(
            leaked.is_empty(),
            "{}: the report reveals {leaked:?}",
            fixture.file
        );
    }
}

#[test]
fn the_leak_check_sees_what_it_should() {
    let secrets = secrets();
    let (name, value) = secrets
        .iter()
        .find(|(_, v)| v.starts_with("postgres://"))
        .expect("a database URL");
    let password = value
        .split_once("app_user:")
        .unwrap()
        .1
        .split_once('@')
        .unwrap()
        .0;
    assert_eq!(
        leaked_in(&format!("{{\"preview\":\"{password}\"}}"), &secrets),
        vec![name.clone()]
    );
    let (name, value) = secrets
        .iter()
        .find(|(_, v)| v.starts_with("-----BEGIN"))
        .expect("a PEM key");
    let line = value.lines().nth(3).unwrap();
    assert_eq!(leaked_in(line, &secrets), vec![name.clone()]);
    assert!(leaked_in("{\"preview\":\"AKIA…\"}", &secrets).is_empty());
}

// ---------------------------------------------------------------------------
// Damaged input

/// How long one scan of a damaged copy may take before the test calls it a
/// hang: far beyond the scan's own time budget, which it must respect.
const WATCHDOG: Duration = Duration::from_secs(60);
const TIME_BUDGET_MS: u64 = 10_000;

enum Outcome {
    Returned(Result<Report, ScanError>),
    Panicked(String),
    Hung,
}

/// Scans on a separate thread so that a panic or a hang is observed, not
/// suffered.
fn scan_guarded(bytes: Vec<u8>, name: String) -> Outcome {
    let options = ScanOptions {
        limits: Limits {
            time_budget_ms: TIME_BUDGET_MS,
            ..Limits::default()
        },
        ..ScanOptions::default()
    };
    let (done, outcome) = mpsc::channel();
    std::thread::spawn(move || {
        let result = catch_unwind(AssertUnwindSafe(|| scan(&bytes, &name, &options)));
        let _ = done.send(result);
    });
    match outcome.recv_timeout(WATCHDOG) {
        Ok(Ok(result)) => Outcome::Returned(result),
        Ok(Err(panic)) => Outcome::Panicked(
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default(),
        ),
        Err(_) => Outcome::Hung,
    }
}

/// Where to cut a fixture: spread over the file, plus right before the
/// final `startxref`. Cuts that leave a complete earlier revision (ending
/// in `%%EOF`) are skipped: that prefix is a valid PDF, not a damaged one.
fn cut_points(bytes: &[u8]) -> Vec<usize> {
    let len = bytes.len();
    let mut cuts: Vec<usize> = [1, 5, 10, 25, 40, 50, 60, 75, 90, 95, 99]
        .iter()
        .map(|pct| len * pct / 100)
        .collect();
    if let Some(at) = rfind(bytes, b"startxref") {
        cuts.push(at);
    }
    cuts.push(len.saturating_sub(20));
    cuts.retain(|&cut| cut > 0 && cut < len && !ends_a_revision(&bytes[..cut]));
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

fn ends_a_revision(prefix: &[u8]) -> bool {
    let trimmed = prefix.trim_ascii_end();
    trimmed.ends_with(b"%%EOF")
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// A small deterministic generator, so a failing case can be replayed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

/// Copies of `bytes` with `count` bytes flipped at random places past the
/// header (a broken header only tests sniffing).
fn flipped(bytes: &[u8], seed: u64, count: usize) -> Vec<u8> {
    let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut copy = bytes.to_vec();
    for _ in 0..count {
        let at = 16 + rng.below(copy.len() - 16);
        copy[at] ^= 1 + rng.below(255) as u8;
    }
    copy
}

fn describe(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Returned(Ok(report)) => summary(report),
        Outcome::Returned(Err(error)) => format!("error: {error}"),
        Outcome::Panicked(message) => format!("PANIC: {message}"),
        Outcome::Hung => format!("HANG: no answer within {WATCHDOG:?}"),
    }
}

#[test]
fn truncated_fixtures_give_a_warning_or_a_clear_error() {
    let secrets = secrets();
    let mut failures = Vec::new();
    let mut cases = 0;
    for fixture in manifest().fixture {
        let bytes = read_fixture(&fixture.file);
        for cut in cut_points(&bytes) {
            cases += 1;
            let outcome = scan_guarded(bytes[..cut].to_vec(), fixture.file.clone());
            let acceptable = match &outcome {
                Outcome::Returned(Ok(report)) => {
                    report.warnings.iter().any(|w| w.code.is_incomplete())
                        && report.verdict != Verdict::Allow
                }
                Outcome::Returned(Err(ScanError::Unreadable { .. })) => true,
                _ => false,
            };
            if !acceptable {
                failures.push(format!(
                    "{} cut at {cut} of {}: {}",
                    fixture.file,
                    bytes.len(),
                    describe(&outcome)
                ));
            }
            if let Outcome::Returned(Ok(report)) = &outcome {
                let leaked = leaked_in(&serde_json::to_string(report).unwrap(), &secrets);
                if !leaked.is_empty() {
                    failures.push(format!(
                        "{} cut at {cut}: report reveals {leaked:?}",
                        fixture.file
                    ));
                }
            }
        }
    }
    assert!(cases > 50, "only {cases} truncated copies were tried");
    assert!(
        failures.is_empty(),
        "{} of {cases} truncated copies:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn corrupted_fixtures_never_panic_or_hang() {
    let secrets = secrets();
    let mut failures = Vec::new();
    let mut cases = 0;
    for fixture in manifest().fixture {
        let bytes = read_fixture(&fixture.file);
        for (seed, count) in [
            (1, 1),
            (2, 1),
            (3, 4),
            (4, 4),
            (5, 16),
            (6, 16),
            (7, 64),
            (8, 256),
        ] {
            cases += 1;
            let outcome = scan_guarded(flipped(&bytes, seed, count), fixture.file.clone());
            match &outcome {
                Outcome::Returned(Ok(report)) => {
                    let leaked = leaked_in(&serde_json::to_string(report).unwrap(), &secrets);
                    if !leaked.is_empty() {
                        failures.push(format!(
                            "{} seed {seed}: report reveals {leaked:?}",
                            fixture.file
                        ));
                    }
                }
                Outcome::Returned(Err(ScanError::Unreadable { .. })) => {}
                _ => failures.push(format!(
                    "{} with {count} bytes flipped (seed {seed}): {}",
                    fixture.file,
                    describe(&outcome)
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} corrupted copies:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Zeroes a run of bytes in the middle of every FlateDecode stream: the text
/// in them is lost, so the report must say the file was damaged.
fn with_broken_streams(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut copy = bytes.to_vec();
    let mut broken = 0;
    let mut from = 0;
    while let Some(filter) = find_from(bytes, b"/FlateDecode", from) {
        let Some(start) = find_from(bytes, b"stream", filter).map(|at| at + b"stream".len()) else {
            break;
        };
        let Some(end) = find_from(bytes, b"endstream", start) else {
            break;
        };
        if end - start > 64 {
            let middle = start + (end - start) / 2;
            copy[middle - 16..middle + 16].fill(0);
            broken += 1;
        }
        from = end;
    }
    (broken > 0).then_some(copy)
}

fn find_from(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|at| at + from)
}

#[test]
fn broken_compressed_streams_are_reported_as_damaged() {
    let mut failures = Vec::new();
    let mut cases = 0;
    // The password-protected file is not readable at all, broken or not.
    for fixture in manifest()
        .fixture
        .into_iter()
        .filter(|f| f.expect_warning.is_none())
    {
        let Some(copy) = with_broken_streams(&read_fixture(&fixture.file)) else {
            continue;
        };
        cases += 1;
        let outcome = scan_guarded(copy, fixture.file.clone());
        let acceptable = match &outcome {
            Outcome::Returned(Ok(report)) => report
                .warnings
                .iter()
                .any(|w| w.code == WarningCode::Damaged),
            Outcome::Returned(Err(ScanError::Unreadable { .. })) => true,
            _ => false,
        };
        if !acceptable {
            failures.push(format!("{}: {}", fixture.file, describe(&outcome)));
        }
    }
    assert!(cases >= 5, "only {cases} fixtures have compressed streams");
    assert!(
        failures.is_empty(),
        "{} of {cases} copies with broken streams:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
