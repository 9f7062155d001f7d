//! The entry point: one call from bytes to a [`Report`].

use crate::allow::{Allowlist, Inline, inline_allows};
use crate::clock::{Clock, default_clock};
use crate::decode::{self, reveal};
use crate::detect::{Found, Hit, detect, detect_within, pair};
use crate::extract::{self, Ctx};
use crate::fingerprint::{DEFAULT_FINGERPRINT_KEY, fingerprint, preview};
use crate::limits::Limits;
use crate::report::*;
use crate::rules::RuleSet;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::{Arc, OnceLock};

/// Most findings listed in one report; a file past that is plainly full of
/// secrets and the rest are summarised in a warning.
const MAX_FINDINGS: usize = 1000;

/// How one scan runs.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    pub limits: Limits,
    /// Key for finding fingerprints; a server sets its own secret so that
    /// fingerprints of low-entropy values cannot be reversed by guessing.
    pub fingerprint_key: Option<Vec<u8>>,
    /// Put each full secret into its finding. For local triage on the
    /// command line only; nothing that stores or sends reports sets it.
    pub include_secrets: bool,
    /// Millisecond clock for the time budget and `stats.elapsed_ms`;
    /// defaults to the system clock where the target has one.
    pub clock: Option<Clock>,
    /// Findings to let through (counted in `stats.suppressed`, not listed).
    pub allowlist: Option<Arc<Allowlist>>,
    /// Ignore `nospill:allow` in the scanned content: for policies where
    /// the person sending the file must not decide what is allowed.
    pub ignore_inline_allow: bool,
    /// Which findings block and which warn.
    pub verdict_policy: VerdictPolicy,
}

/// Why a scan produced no report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanError {
    /// The input is larger than [`Limits::max_input_bytes`].
    TooLarge { size: u64, limit: u64 },
    /// The content is of a known kind but nothing of it could be read.
    Unreadable { kind: String, reason: String },
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScanError::TooLarge { size, limit } => {
                write!(f, "input is {size} bytes, over the limit of {limit} bytes")
            }
            ScanError::Unreadable { kind, reason } => write!(f, "unreadable {kind}: {reason}"),
        }
    }
}

impl std::error::Error for ScanError {}

/// A compiled rule set, ready to scan many files.
#[derive(Debug, Clone)]
pub struct Scanner {
    rules: RuleSet,
}

impl Scanner {
    pub fn new(rules: RuleSet) -> Self {
        Scanner { rules }
    }

    /// The scanner with the built-in rules, compiled once per process.
    pub fn builtin() -> &'static Scanner {
        static BUILTIN: OnceLock<Scanner> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The built-in rules are tested at build time by the rule tests.
            Scanner::new(RuleSet::builtin().expect("built-in rules compile"))
        })
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Scans one file's bytes; `name` is only reported, never used to guess
    /// the format.
    pub fn scan(
        &self,
        bytes: &[u8],
        name: &str,
        options: &ScanOptions,
    ) -> Result<Report, ScanError> {
        let limits = &options.limits;
        let size = bytes.len() as u64;
        if size > limits.max_input_bytes {
            return Err(ScanError::TooLarge {
                size,
                limit: limits.max_input_bytes,
            });
        }
        let clock = options.clock.or_else(default_clock);
        let mut ctx = Ctx::new(limits, clock);
        let key = options
            .fingerprint_key
            .as_deref()
            .unwrap_or(DEFAULT_FINGERPRINT_KEY);
        let kind = extract::extract(bytes, &mut ctx).map_err(|e| ScanError::Unreadable {
            kind: e.kind.to_string(),
            // A parser's reason may quote the file (a name, a token).
            reason: Collector::new(&self.rules, key, false).label(&e.reason, "error"),
        })?;

        let mut found = Collector::new(&self.rules, key, options.include_secrets);
        found.allowlist = options.allowlist.as_deref();
        found.allow_all = found.allowlist.is_some_and(|list| list.allows_path(name));
        found.max_decoded_bytes = limits.max_decoded_bytes;
        let file_name = found.label(name, "file name");
        let mut bytes_scanned = 0u64;
        let mut parts_scanned = 0u64;
        let parts = std::mem::take(&mut ctx.parts);
        for part in &parts {
            if !ctx.keep_going() {
                break;
            }
            parts_scanned += 1;
            let label = found.label(&part.part, &part.part);
            if !options.ignore_inline_allow {
                found.inline = inline_allows(&part.text);
            }
            let (searched, decoding_cut) =
                found.text(&part.text, &label, part.page, &mut || ctx.keep_going());
            bytes_scanned += searched as u64;
            if decoding_cut {
                ctx.warn(
                    &part.part,
                    WarningCode::Limit,
                    format!(
                        "encoded text past {} decoded bytes was not opened",
                        limits.max_decoded_bytes
                    ),
                );
            }
            if searched < part.text.len() {
                break;
            }
        }
        if found.overflow {
            ctx.warn(
                "file",
                WarningCode::Limit,
                format!(
                    "more than {MAX_FINDINGS} findings; only the first {MAX_FINDINGS} are listed"
                ),
            );
        }
        let elapsed_ms = ctx.elapsed_ms() as u64;
        let mut warnings = ctx.warnings;
        for warning in &mut warnings {
            warning.part = found.label(&warning.part, &warning.part);
            // Messages quote the file too (an unsupported filter's name, a
            // parser's error): a secret there is a finding, shown redacted.
            warning.message = found.label(&warning.message, &warning.part);
        }
        let suppressed = found.suppressed;
        let findings = found.findings;
        let verdict = options.verdict_policy.verdict(&findings, &warnings);
        Ok(Report {
            version: REPORT_VERSION,
            file: FileInfo {
                name: file_name,
                size,
                sha256: sha256_hex(bytes),
                kind: kind.as_str().to_string(),
            },
            verdict,
            findings,
            stats: Stats {
                parts: parts_scanned,
                bytes_scanned,
                elapsed_ms,
                suppressed,
            },
            warnings,
        })
    }
}

/// Most characters of a location label kept in a report.
const MAX_LABEL_CHARS: usize = 160;

/// Turns rule hits into findings, and document-supplied names (file names,
/// form field names, metadata keys, attachment names) into labels that are
/// safe to show: a secret hidden in a name is itself a finding, and the
/// label shows only its preview.
struct Collector<'a> {
    rules: &'a RuleSet,
    key: &'a [u8],
    include_secrets: bool,
    findings: Vec<Finding>,
    /// Raw label → redacted label, so each name is checked once.
    labels: HashMap<String, String>,
    /// Secrets already reported from names.
    named_secrets: HashSet<String>,
    overflow: bool,
    allowlist: Option<&'a Allowlist>,
    /// The file's path is allowlisted: every finding is suppressed.
    allow_all: bool,
    /// `nospill:allow` lines of the part being searched.
    inline: HashMap<u32, Inline>,
    suppressed: u64,
    /// Decoding budget per part, see [`Limits::max_decoded_bytes`].
    max_decoded_bytes: u64,
}

impl<'a> Collector<'a> {
    fn new(rules: &'a RuleSet, key: &'a [u8], include_secrets: bool) -> Self {
        Collector {
            rules,
            key,
            include_secrets,
            findings: Vec::new(),
            labels: HashMap::new(),
            named_secrets: HashSet::new(),
            overflow: false,
            allowlist: None,
            allow_all: false,
            inline: HashMap::new(),
            suppressed: 0,
            max_decoded_bytes: Limits::default().max_decoded_bytes,
        }
    }

    /// Records a finding for every hit in `text`, located in `part`, until
    /// `keep_going` says stop. Returns how many bytes were searched, and
    /// whether encoded text was left unopened at the decoding limit.
    fn text(
        &mut self,
        text: &str,
        part: &str,
        page: Option<u32>,
        keep_going: &mut dyn FnMut() -> bool,
    ) -> (usize, bool) {
        let (hits, searched) = detect_within(self.rules, text, keep_going);
        let searched_text = &text[..searched];
        let budget = decode::budget(searched, self.max_decoded_bytes);
        let (found, decoding_cut) = reveal(self.rules, searched_text, hits, budget, keep_going);
        let mut lines = LineIndex::default();
        // Partners come nearly in order too; their own index keeps the
        // column count incremental.
        let mut partner_lines = LineIndex::default();
        for found in pair(self.rules, searched_text, found) {
            let Some(location) = locate(&mut lines, text, part, page, &found.hit) else {
                continue;
            };
            let paired_location = found
                .partner
                .as_ref()
                .and_then(|partner| locate(&mut partner_lines, text, part, page, partner));
            let secret = found
                .secret
                .as_deref()
                .unwrap_or(&text[found.hit.start..found.hit.end]);
            let rules = self.rules;
            if let Some(finding) = self.push(&found.hit, secret, location) {
                finding.decoded = found.decoded;
                if let Some(partner) = &found.partner {
                    let partner_rule = &rules.rules()[partner.rule];
                    finding.severity = finding.severity.max(partner_rule.severity);
                    finding.paired_with = Some(partner_rule.id.clone());
                    finding.paired_location = paired_location;
                }
            }
        }
        (searched, decoding_cut)
    }

    /// The label to report for `raw`; hits inside it are reported as found
    /// in `what` (e.g. `file name`) and replaced by their previews.
    fn label(&mut self, raw: &str, what: &str) -> String {
        if let Some(done) = self.labels.get(raw) {
            return done.clone();
        }
        // Names are decoded too: a key percent- or base64-encoded in a file
        // name was shown whole in the report's labels.
        let budget = decode::budget(raw.len(), self.max_decoded_bytes);
        let (hits, _) = reveal(
            self.rules,
            raw,
            detect(self.rules, raw),
            budget,
            &mut || true,
        );
        // Hits on character boundaries only (as `locate` checks for text).
        let hits: Vec<Found> = hits
            .into_iter()
            .filter(|found| raw.get(found.hit.start..found.hit.end).is_some())
            .collect();
        let secret_of = |found: &Found| -> String {
            found
                .secret
                .clone()
                .unwrap_or_else(|| raw[found.hit.start..found.hit.end].to_string())
        };
        let mut redacted = String::with_capacity(raw.len());
        let mut at = 0;
        for found in &hits {
            let hit = &found.hit;
            if hit.start < at {
                continue;
            }
            redacted.push_str(&raw[at..hit.start]);
            redacted.push_str(&preview(&secret_of(found)));
            at = hit.end;
        }
        redacted.push_str(&raw[at..]);
        // A secret found in one place (or in its encoded form) may also be
        // in the name where nothing marks it as one: redact it there too.
        for found in &hits {
            let secret = secret_of(found);
            if secret.len() >= 8 && redacted.contains(&secret) {
                redacted = redacted.replace(&secret, &preview(&secret));
            }
        }
        if redacted.chars().count() > MAX_LABEL_CHARS {
            redacted = redacted
                .chars()
                .take(MAX_LABEL_CHARS)
                .chain(['…'])
                .collect();
        }
        if !hits.is_empty() {
            let part = if what == raw {
                format!("name of {redacted}")
            } else {
                what.to_string()
            };
            for found in &hits {
                let secret = secret_of(found);
                // One name can label many parts (each page of an attachment).
                if self.named_secrets.insert(secret.clone()) {
                    let location = Location {
                        part: part.clone(),
                        page: None,
                        line: None,
                        column: None,
                        length: None,
                    };
                    if let Some(finding) = self.push(&found.hit, &secret, location) {
                        finding.decoded = found.decoded.clone();
                    }
                }
            }
        }
        self.labels.insert(raw.to_string(), redacted.clone());
        redacted
    }

    /// Records one finding, unless an allowlist or a `nospill:allow` line
    /// suppresses it or the report is full.
    fn push(&mut self, hit: &Hit, secret: &str, location: Location) -> Option<&mut Finding> {
        let rule = &self.rules.rules()[hit.rule];
        let fingerprint = fingerprint(self.key, secret);
        let inline = location
            .line
            .and_then(|line| self.inline.get(&line))
            .is_some_and(|allow| allow.allows(&rule.id));
        if inline
            || self.allow_all
            || self
                .allowlist
                .is_some_and(|list| list.allows(rule, secret, &fingerprint))
        {
            self.suppressed += 1;
            return None;
        }
        if self.findings.len() == MAX_FINDINGS {
            self.overflow = true;
            return None;
        }
        self.findings.push(Finding {
            rule: rule.id.clone(),
            rule_name: rule.name.clone(),
            category: rule.category,
            severity: rule.severity,
            confidence: hit.confidence,
            validated: hit.validated,
            location,
            preview: preview(secret),
            fingerprint,
            secret: self.include_secrets.then(|| secret.to_string()),
            decoded: None,
            paired_with: None,
            paired_location: None,
        });
        self.findings.last_mut()
    }
}

/// Where `hit` is in `text`, a part of the file; `None` if its offsets are
/// not on character boundaries (never expected: every mapping ends on one).
fn locate(
    lines: &mut LineIndex,
    text: &str,
    part: &str,
    page: Option<u32>,
    hit: &Hit,
) -> Option<Location> {
    let matched = text.get(hit.start..hit.end)?;
    let (line, column) = lines.position(text, hit.start);
    Some(Location {
        part: part.to_string(),
        page,
        line: Some(line),
        column: Some(column),
        length: Some(matched.chars().count() as u32),
    })
}

/// Scans with the built-in rules. See [`Scanner::scan`].
pub fn scan(bytes: &[u8], name: &str, options: &ScanOptions) -> Result<Report, ScanError> {
    Scanner::builtin().scan(bytes, name, options)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Byte offset → (line, column), by moving a cursor from the last offset
/// asked for: hits come nearly in order, so a lookup counts only the bytes
/// between the two. Counting from the start of the line made a one-line
/// file of keys paired out of order quadratic (25 MB: 81 s), and a table of
/// line starts cost 8 bytes a line (200 MB for 25 MB of line breaks).
#[derive(Default)]
struct LineIndex {
    /// Byte offset, and line breaks and characters since the last one
    /// before it (both from 0).
    offset: usize,
    line: usize,
    column: usize,
}

impl LineIndex {
    /// `offset` must be on a character boundary of `text`, as must every
    /// offset asked for before.
    fn position(&mut self, text: &str, offset: usize) -> (u32, u32) {
        let bytes = text.as_bytes();
        let forward = offset >= self.offset;
        let (low, high) = if forward {
            (self.offset, offset)
        } else {
            (offset, self.offset)
        };
        let breaks = bytes[low..high].iter().filter(|&&b| b == b'\n').count();
        let (line, column) = if breaks == 0 {
            let moved = text[low..high].chars().count();
            let column = if forward {
                self.column + moved
            } else {
                self.column - moved
            };
            (self.line, column)
        } else {
            // The line's start is past `low` when moving forward, so this
            // search, too, stays within the bytes moved over.
            let line_start = bytes[..offset]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |at| at + 1);
            let line = if forward {
                self.line + breaks
            } else {
                self.line - breaks
            };
            (line, text[line_start..offset].chars().count())
        };
        (self.offset, self.line, self.column) = (offset, line, column);
        (line as u32 + 1, column as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    /// Line and column from the start of the text, the slow sure way.
    fn naive(text: &str, offset: usize) -> (u32, u32) {
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |at| at + 1);
        let line = before.matches('\n').count() + 1;
        (
            line as u32,
            text[line_start..offset].chars().count() as u32 + 1,
        )
    }

    #[test]
    fn positions_asked_in_any_order_match_counting_from_the_start() {
        let text = "ab\nçd€\n\n1234 ünï\nlast line\nx";
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut lines = LineIndex::default();
        // Forward, backward, and jumping about (a fixed shuffle).
        let mut order: Vec<usize> = offsets.clone();
        order.extend(offsets.iter().rev());
        order.extend((0..offsets.len() * 3).map(|i| offsets[(i * 7 + 3) % offsets.len()]));
        for offset in order {
            assert_eq!(
                lines.position(text, offset),
                naive(text, offset),
                "at {offset}"
            );
        }
    }
}
