//! What a user tells the scanner to let through: `nospill:allow` on a line,
//! and an allowlist of fingerprints, paths, value patterns and rules.
//!
//! Allowing never reveals anything: a suppressed finding is not listed,
//! only counted in `stats.suppressed`.
//!
//! ```toml
//! # fingerprints as the report shows them, made with the same key
//! fingerprints = ["fp1:0123456789abcdef0123456789abcdef"]
//! # regex-lite on the file name or path given to the scan
//! paths = ['(^|/)testdata/', '\.snap$']
//! # regex-lite on the secret value itself; anchor it yourself
//! patterns = ['^sk_test_']
//! # rule ids switched off
//! rules = ["generic.secret_assignment"]
//! ```

use crate::rules::Rule;
use regex_lite::Regex;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::fmt;
use toml::Spanned;

/// The inline marker; `nospill:allow:rule.one,rule.two` allows only those
/// rules on its line.
pub const INLINE_ALLOW: &str = "nospill:allow";

/// A parsed allowlist. Build it with [`Allowlist::from_toml`].
#[derive(Debug, Clone, Default)]
pub struct Allowlist {
    fingerprints: HashSet<String>,
    paths: Vec<Regex>,
    patterns: Vec<Regex>,
    rules: HashSet<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AllowlistFile {
    #[serde(default)]
    fingerprints: Vec<Spanned<String>>,
    #[serde(default)]
    paths: Vec<Spanned<String>>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
}

/// Why an allowlist was refused, with where in its text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowlistError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for AllowlistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "line {line}, column {column}: {}", self.message)
            }
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for AllowlistError {}

impl Allowlist {
    /// Parses an allowlist. Unknown keys, malformed fingerprints and bad
    /// regexes are refused with their line and column; the message never
    /// quotes the text (a pattern may hold part of a secret).
    pub fn from_toml(text: &str) -> Result<Allowlist, AllowlistError> {
        let file: AllowlistFile = toml::from_str(text).map_err(|err| {
            let (line, column) = match err.span() {
                Some(span) => {
                    let (line, column) = line_column(text, span.start);
                    (Some(line), Some(column))
                }
                None => (None, None),
            };
            AllowlistError {
                line,
                column,
                message: withhold_values(err.message().trim()),
            }
        })?;
        let at = |entry: &Spanned<String>, message: String| {
            let (line, column) = line_column(text, entry.span().start);
            AllowlistError {
                line: Some(line),
                column: Some(column),
                message,
            }
        };
        let mut allowlist = Allowlist::default();
        for entry in &file.fingerprints {
            let value = entry.get_ref();
            if !is_fingerprint(value) {
                return Err(at(
                    entry,
                    "fingerprints: expected `fp1:` and 32 lowercase hex digits, as in a report"
                        .into(),
                ));
            }
            allowlist.fingerprints.insert(value.clone());
        }
        for (key, list, out) in [
            ("paths", &file.paths, &mut allowlist.paths),
            ("patterns", &file.patterns, &mut allowlist.patterns),
        ] {
            for entry in list {
                let regex = Regex::new(entry.get_ref())
                    .map_err(|err| at(entry, format!("{key}: not a valid regex ({err})")))?;
                out.push(regex);
            }
        }
        for entry in &file.rules {
            if entry.get_ref().trim().is_empty() {
                return Err(at(entry, "rules: a rule id cannot be empty".into()));
            }
            allowlist.rules.insert(entry.get_ref().trim().to_string());
        }
        Ok(allowlist)
    }

    /// Adds everything `other` allows.
    pub fn extend(&mut self, other: Allowlist) {
        self.fingerprints.extend(other.fingerprints);
        self.paths.extend(other.paths);
        self.patterns.extend(other.patterns);
        self.rules.extend(other.rules);
    }

    pub fn is_empty(&self) -> bool {
        self.fingerprints.is_empty()
            && self.paths.is_empty()
            && self.patterns.is_empty()
            && self.rules.is_empty()
    }

    /// Whether every finding in the file named `path` is allowed.
    pub fn allows_path(&self, path: &str) -> bool {
        self.paths.iter().any(|regex| regex.is_match(path))
    }

    /// Whether a finding of `rule` with this secret and fingerprint is allowed.
    pub(crate) fn allows(&self, rule: &Rule, secret: &str, fingerprint: &str) -> bool {
        self.rules.contains(&rule.id)
            || self.fingerprints.contains(fingerprint)
            || self.patterns.iter().any(|regex| regex.is_match(secret))
    }

    /// The rule ids switched off, for callers that check them against a rule set.
    pub fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(String::as_str)
    }
}

fn is_fingerprint(value: &str) -> bool {
    value.strip_prefix("fp1:").is_some_and(|hex| {
        hex.len() == 32
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// What `nospill:allow` on one line lets through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inline {
    All,
    /// A set: every finding on the line is looked up in it, and a line of
    /// a million ids next to 50 000 keys took a minute as a list.
    Rules(HashSet<String>),
}

impl Inline {
    pub(crate) fn allows(&self, rule: &str) -> bool {
        match self {
            Inline::All => true,
            Inline::Rules(ids) => ids.contains(rule),
        }
    }

    fn add(&mut self, other: Inline) {
        match (self, other) {
            (Inline::All, _) => {}
            (this, Inline::All) => *this = Inline::All,
            (Inline::Rules(ids), Inline::Rules(more)) => ids.extend(more),
        }
    }
}

/// The lines of `text` (1-based, split on `\n` like finding locations)
/// that carry `nospill:allow`, and what each allows. Empty for the common
/// text without the marker, after one fast substring search.
pub(crate) fn inline_allows(text: &str) -> HashMap<u32, Inline> {
    let mut lines = HashMap::new();
    if !text.contains(INLINE_ALLOW) {
        return lines;
    }
    let mut line = 1u32;
    let mut counted_to = 0;
    for (at, _) in text.match_indices(INLINE_ALLOW) {
        line += text.as_bytes()[counted_to..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u32;
        counted_to = at;
        let inline = parse_inline(&text[at + INLINE_ALLOW.len()..]);
        match lines.get_mut(&line) {
            Some(existing) => Inline::add(existing, inline),
            None => {
                lines.insert(line, inline);
            }
        }
    }
    lines
}

/// Reads what follows the marker: `:id,id` names rules, anything else
/// (or an empty list) allows every rule.
fn parse_inline(rest: &str) -> Inline {
    let Some(list) = rest.strip_prefix(':') else {
        return Inline::All;
    };
    let end = list
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ',')))
        .unwrap_or(list.len());
    let ids: HashSet<String> = list[..end]
        .split(',')
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .collect();
    if ids.is_empty() {
        Inline::All
    } else {
        Inline::Rules(ids)
    }
}

/// A TOML or serde error message with the values it quotes cut to their
/// previews: serde quotes the offending value (`invalid type: string
/// "sk_live_…", expected a sequence`, `unknown field `ghp_…``), and a
/// value in the wrong place is often the very secret a rule or allowlist
/// is about. What follows `expected` (the schema's own names) is kept, and
/// so are short numbers (`invalid type: integer `3``) and short lower-case
/// words (`unknown field `path``, a misspelt key, which no token is).
pub(crate) fn withhold_values(message: &str) -> String {
    let (head, tail) = match message.find("expected") {
        Some(at) => message.split_at(at),
        None => (message, ""),
    };
    let mut out = String::with_capacity(message.len());
    let mut rest = head;
    while let Some(open) = rest.find(['"', '`']) {
        let quote = &rest[open..=open];
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        // An unclosed quote runs to the end of the head.
        let close = after.find(quote).unwrap_or(after.len());
        let value = &after[..close];
        let number = value.len() <= 6
            && value
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.'));
        let word = (1..=24).contains(&value.len())
            && value.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        if number || word {
            out.push_str(value);
        } else {
            out.push_str(&crate::fingerprint::preview(value));
        }
        rest = after.get(close..).unwrap_or("");
        if let Some(closing) = rest.strip_prefix(quote) {
            out.push_str(quote);
            rest = closing;
        }
    }
    out.push_str(rest);
    out.push_str(tail);
    out
}

/// 1-based (line, column in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markers_by_line() {
        let text = "a\nkey = x # nospill:allow\nb nospill:allow:aws.access_key_id,github.pat\n\
                    c nospill:allow:one nospill:allow:two\nd nospill:allow: x";
        let lines = inline_allows(text);
        assert_eq!(lines.get(&2), Some(&Inline::All));
        assert_eq!(
            lines.get(&3),
            Some(&Inline::Rules(
                ["aws.access_key_id".into(), "github.pat".into()].into()
            ))
        );
        assert_eq!(
            lines.get(&4),
            Some(&Inline::Rules(["one".into(), "two".into()].into()))
        );
        assert_eq!(lines.get(&5), Some(&Inline::All));
        assert!(!lines.contains_key(&1));
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\nçd = 1", 6), (2, 3));
        assert_eq!(line_column("x", 99), (1, 2));
    }
}
