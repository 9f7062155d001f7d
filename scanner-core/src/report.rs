//! The report: the one JSON contract shared by the command line, the
//! verify-server and the WebAssembly build.
//!
//! A report never holds a full secret unless the caller asked for it
//! explicitly with [`crate::ScanOptions::include_secrets`] (command line
//! triage only). `preview` and `fingerprint` are built so that they cannot be
//! turned back into the secret.

use serde::{Deserialize, Serialize};

/// Version of the report format. Bump on any incompatible change.
pub const REPORT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub version: u32,
    pub file: FileInfo,
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
    pub warnings: Vec<Warning>,
    pub stats: Stats,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileInfo {
    pub name: String,
    pub size: u64,
    /// Lowercase hex SHA-256 of the input bytes.
    pub sha256: String,
    /// What the content turned out to be: `text`, `pdf` or `binary`.
    pub kind: String,
}

/// What the engine recommends doing with the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Allow,
    Warn,
    Block,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Secret,
    Pii,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// The engine's block rule: high severity or worse, found with at least
    /// medium confidence.
    pub fn blocks_at(self, confidence: Confidence) -> bool {
        self >= Severity::High && confidence >= Confidence::Medium
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id, e.g. `aws.access_key_id`.
    pub rule: String,
    /// Human-readable rule name, e.g. `AWS access key ID`.
    pub rule_name: String,
    pub category: Category,
    pub severity: Severity,
    pub confidence: Confidence,
    /// True when a checksum or structural check confirmed the match.
    pub validated: bool,
    /// Where the secret is. For a secret found only after decoding, this is
    /// its encoded form in the text: the whole base64 run (padding
    /// included), or exactly the percent-encoded / escaped characters of
    /// the secret, so removing `length` characters from `column` removes it.
    pub location: Location,
    /// How the secret was encoded when it is not visible as plain text,
    /// outermost layer first: `base64`, `percent`, `escape`,
    /// `base64+escape`, … `preview` and `fingerprint` are of the decoded
    /// secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decoded: Option<String>,
    /// The rule id of the other half of this credential (e.g. the access key
    /// id next to an AWS secret key), merged into this finding instead of
    /// being reported on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paired_with: Option<String>,
    /// Where that other half is, for redaction: same part, its own line,
    /// column and length (or its encoded span when it was decoded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paired_location: Option<Location>,
    /// At most 8 characters and at most a quarter of the secret, then `…`.
    pub preview: String,
    /// Keyed hash that identifies the secret without revealing it.
    pub fingerprint: String,
    /// The full secret: only present when the caller asked for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

impl Finding {
    /// A likely serious secret: high or critical severity, found with at
    /// least medium confidence. Under the default [`VerdictPolicy`] any
    /// such finding makes the verdict `block`.
    pub fn is_blocking(&self) -> bool {
        self.severity.blocks_at(self.confidence)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Where in the file: `text`, `page 3`, `metadata/Author`,
    /// `annotation p2`, `form field "api_key"`, `attachment notes.txt`, …
    pub part: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// 1-based line within the part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column in characters within the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// Length of the match in characters, from `column`: with `line` and
    /// `column` it lets a client redact its own copy of the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub part: String,
    /// Machine-readable kind, see [`WarningCode`].
    pub code: WarningCode,
    pub message: String,
}

/// Why a report may be incomplete. Every code except `Note` means some
/// content was not scanned, so such a report is never `allow`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// Encrypted content that could not be opened.
    Encrypted,
    /// A structure was damaged; what could be recovered was scanned.
    Damaged,
    /// A limit from [`crate::Limits`] was reached; the rest was skipped.
    Limit,
    /// Content in a form the engine cannot read yet.
    Unsupported,
    /// Informational; nothing was skipped.
    Note,
}

impl WarningCode {
    /// Whether a warning of this kind means part of the input went unscanned.
    pub fn is_incomplete(self) -> bool {
        !matches!(self, WarningCode::Note)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub parts: u64,
    pub bytes_scanned: u64,
    pub elapsed_ms: u64,
    /// Findings let through by `nospill:allow` or the allowlist: counted,
    /// never listed, so the report cannot leak them.
    #[serde(default)]
    pub suppressed: u64,
}

/// The least severity and confidence a finding needs to reach a verdict,
/// written `severity/confidence`, e.g. `high/medium`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Threshold {
    pub severity: Severity,
    pub confidence: Confidence,
}

impl Threshold {
    pub const fn new(severity: Severity, confidence: Confidence) -> Self {
        Threshold {
            severity,
            confidence,
        }
    }

    pub fn reached_by(&self, finding: &Finding) -> bool {
        finding.severity >= self.severity && finding.confidence >= self.confidence
    }
}

impl std::fmt::Display for Threshold {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let severity = match self.severity {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        };
        let confidence = match self.confidence {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        };
        write!(f, "{severity}/{confidence}")
    }
}

impl std::str::FromStr for Threshold {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let usage = "expected SEVERITY/CONFIDENCE, e.g. `high/medium` (severity: low, medium, \
                     high, critical; confidence: low, medium, high)";
        let (severity, confidence) = text.trim().split_once('/').ok_or(usage)?;
        let severity = match severity.trim().to_ascii_lowercase().as_str() {
            "low" => Severity::Low,
            "medium" => Severity::Medium,
            "high" => Severity::High,
            "critical" => Severity::Critical,
            _ => return Err(format!("unknown severity; {usage}")),
        };
        let confidence = match confidence.trim().to_ascii_lowercase().as_str() {
            "low" => Confidence::Low,
            "medium" => Confidence::Medium,
            "high" => Confidence::High,
            _ => return Err(format!("unknown confidence; {usage}")),
        };
        Ok(Threshold::new(severity, confidence))
    }
}

impl Serialize for Threshold {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Threshold {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// How findings turn into a verdict: any finding at `block` or above
/// blocks; any at `warn` or above, or content left unscanned, warns.
/// Findings below `warn` are still listed, they only inform.
///
/// The default blocks `high/medium` (a serious secret found with at least
/// medium confidence) and warns from `medium/low`, so low-severity findings
/// such as e-mail addresses and phone numbers are informational.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VerdictPolicy {
    pub block: Threshold,
    pub warn: Threshold,
}

impl Default for VerdictPolicy {
    fn default() -> Self {
        VerdictPolicy {
            block: Threshold::new(Severity::High, Confidence::Medium),
            warn: Threshold::new(Severity::Medium, Confidence::Low),
        }
    }
}

impl VerdictPolicy {
    /// Block on a finding at the block threshold; warn on one at the warn
    /// threshold or on content that went unscanned; otherwise allow.
    pub fn verdict(&self, findings: &[Finding], warnings: &[Warning]) -> Verdict {
        if findings.iter().any(|f| self.block.reached_by(f)) {
            Verdict::Block
        } else if findings.iter().any(|f| self.warn.reached_by(f))
            || warnings.iter().any(|w| w.code.is_incomplete())
        {
            Verdict::Warn
        } else {
            Verdict::Allow
        }
    }
}
