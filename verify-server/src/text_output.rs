//! The readable output of `scan`: one block per file, then a summary line.
//!
//! Names and locations come from files (and from inside them: attachment
//! names, form field names), so control characters are escaped before they
//! reach a terminal.

use scanner_core::{Finding, Location, Report, Verdict};
use std::borrow::Cow;
use std::io::{self, Write};

/// Writes one file's block.
pub fn write_report(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let count = report.findings.len();
    let mut found = match count {
        0 => "nothing found".to_string(),
        1 => "1 finding".to_string(),
        n => format!("{n} findings"),
    };
    if report.stats.suppressed > 0 {
        found.push_str(&format!(", {} allowed", report.stats.suppressed));
    }
    writeln!(
        out,
        "{}: {} ({}, {} bytes, {found})",
        printable(&report.file.name),
        verdict_name(report.verdict),
        report.file.kind,
        report.file.size
    )?;
    for finding in &report.findings {
        writeln!(out, "  {}", finding_line(finding))?;
    }
    for warning in &report.warnings {
        writeln!(
            out,
            "  warning: {}: {}",
            printable(&warning.part),
            printable(&warning.message)
        )?;
    }
    Ok(())
}

/// `rule_name (severity, confidence[, validated]) at page 3 line 2 col 5: preview`
pub fn finding_line(finding: &Finding) -> String {
    let mut line = format!(
        "{} ({}, {}{}) at {}: {}",
        finding.rule_name,
        lowercase(&finding.severity),
        lowercase(&finding.confidence),
        if finding.validated { ", validated" } else { "" },
        location(&finding.location),
        printable(&finding.preview),
    );
    if let Some(secret) = &finding.secret {
        line.push_str("  secret: ");
        line.push_str(&printable(secret));
    }
    line
}

/// `page 3 line 2 col 5`; a plain text file's part (`text`) is left out.
pub fn location(location: &Location) -> String {
    let mut parts = Vec::new();
    if location.part != "text" {
        parts.push(printable(&location.part).into_owned());
    }
    if let Some(line) = location.line {
        parts.push(format!("line {line}"));
    }
    if let Some(column) = location.column {
        parts.push(format!("col {column}"));
    }
    if parts.is_empty() {
        "start of file".into()
    } else {
        parts.join(" ")
    }
}

/// Counts for the summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub block: usize,
    pub warn: usize,
    pub allow: usize,
    pub findings: usize,
    pub errors: usize,
}

impl Summary {
    pub fn add(&mut self, report: &Report) {
        self.files += 1;
        self.findings += report.findings.len();
        match report.verdict {
            Verdict::Block => self.block += 1,
            Verdict::Warn => self.warn += 1,
            Verdict::Allow => self.allow += 1,
        }
    }
}

pub fn write_summary(out: &mut impl Write, summary: &Summary) -> io::Result<()> {
    writeln!(
        out,
        "{} scanned: {} block, {} warn, {} allow; {}; {}",
        plural(summary.files, "file"),
        summary.block,
        summary.warn,
        summary.allow,
        plural(summary.findings, "finding"),
        plural(summary.errors, "error"),
    )
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

fn verdict_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Block => "block",
        Verdict::Warn => "warn",
        Verdict::Allow => "allow",
    }
}

/// The serde name of a lowercase enum (`high`, `medium`, …).
fn lowercase<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// `text` with control characters escaped (`\n`, `\u{1b}`).
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_debug().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use scanner_core::ScanOptions;

    #[test]
    fn a_finding_reads_like_the_documented_line() {
        let report = scanner_core::scan(
            b"line one\n  key AKIAZ4QW7RT2LX5MN3PB\n",
            "notes.txt",
            &ScanOptions::default(),
        )
        .unwrap();
        let line = finding_line(&report.findings[0]);
        assert_eq!(
            line,
            "AWS access key ID (high, high) at line 2 col 7: AKIAZ…"
        );

        let mut out = Vec::new();
        write_report(&mut out, &report).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("notes.txt: block (text, 36 bytes, 1 finding)\n"),
            "{text}"
        );
        assert!(!text.contains("AKIAZ4QW7RT2LX5MN3PB"));
    }

    #[test]
    fn pages_and_secrets_are_shown_when_present() {
        let mut report = scanner_core::scan(
            b"AKIAZ4QW7RT2LX5MN3PB",
            "a.pdf",
            &ScanOptions {
                include_secrets: true,
                ..Default::default()
            },
        )
        .unwrap();
        let finding = &mut report.findings[0];
        finding.location = Location {
            part: "page 3".into(),
            page: Some(3),
            line: Some(2),
            column: Some(5),
            length: Some(20),
        };
        finding.validated = true;
        assert_eq!(
            finding_line(finding),
            "AWS access key ID (high, high, validated) at page 3 line 2 col 5: AKIAZ…  secret: AKIAZ4QW7RT2LX5MN3PB"
        );
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(printable("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\\n");
        assert!(matches!(printable("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn summary_counts_and_pluralises() {
        let summary = Summary {
            files: 1,
            block: 1,
            findings: 2,
            ..Summary::default()
        };
        let mut out = Vec::new();
        write_summary(&mut out, &summary).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "1 file scanned: 1 block, 0 warn, 0 allow; 2 findings; 0 errors\n"
        );
    }
}
