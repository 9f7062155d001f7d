//! Detection: prefilter, then patterns near candidates, then validators.
//!
//! Patterns never run over a whole part. The keyword prefilter (one
//! Aho-Corasick pass for all rules) or the digit-run scan finds candidate
//! places; each rule's pattern runs only in a window around them. That keeps
//! secret-free text, the common case, close to memory speed.

use crate::report::Confidence;
use crate::rules::{Rule, RuleSet, Tier};
use crate::validate::{Validity, is_placeholder, shannon_entropy};

/// A match that passed every filter, as byte offsets into the part text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Hit {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    pub confidence: Confidence,
    pub validated: bool,
}

/// How far before a candidate a match may start.
const LOOKBACK: usize = 256;

/// Finds every rule hit in `text`, overlaps resolved in favour of the most
/// specific, best confirmed rule. Hits are sorted by position.
pub(crate) fn detect(set: &RuleSet, text: &str) -> Vec<Hit> {
    let mut windows: Vec<(usize, usize, usize)> = Vec::new();
    for found in set.keyword_matcher.find_overlapping_iter(text) {
        for &rule in &set.keyword_rules[found.pattern().as_usize()] {
            let window = set.rules[rule].window;
            windows.push((rule, found.start(), found.end().saturating_add(window)));
        }
    }
    if !set.digit_rules.is_empty() {
        let shortest = set
            .digit_rules
            .iter()
            .map(|&r| set.rules[r].min_digits)
            .min()
            .unwrap_or(0);
        for (start, end, digits) in digit_runs(text.as_bytes(), shortest) {
            for &rule in &set.digit_rules {
                if digits >= set.rules[rule].min_digits {
                    windows.push((rule, start, end.saturating_add(LOOKBACK / 4)));
                }
            }
        }
    }
    windows.sort_unstable();

    let mut hits = Vec::new();
    let mut index = 0;
    while index < windows.len() {
        let (rule, mut from, mut to) = windows[index];
        from = line_start(text, from, LOOKBACK);
        to = line_end(text, to, LOOKBACK);
        index += 1;
        // Merge this rule's overlapping windows into one search.
        while index < windows.len() && windows[index].0 == rule {
            let next_from = line_start(text, windows[index].1, LOOKBACK);
            if next_from > to {
                break;
            }
            to = to.max(line_end(text, windows[index].2, LOOKBACK));
            index += 1;
        }
        match_window(set, rule, text, from, to, &mut hits);
    }
    resolve_overlaps(set, hits)
}

fn match_window(
    set: &RuleSet,
    index: usize,
    text: &str,
    from: usize,
    to: usize,
    hits: &mut Vec<Hit>,
) {
    let rule = &set.rules[index];
    let haystack = &text[..to];
    let mut at = from;
    while at <= haystack.len() {
        let Some(captures) = rule.pattern.captures_at(haystack, at) else {
            break;
        };
        let whole = captures.get(0).expect("group 0 always matches");
        at = if whole.end() > whole.start() {
            whole.end()
        } else {
            next_char(haystack, whole.end())
        };
        let Some(secret) = captures.get(rule.secret_group) else {
            continue;
        };
        if let Some(hit) = judge(index, rule, secret.as_str()) {
            hits.push(Hit {
                start: secret.start(),
                end: secret.end(),
                ..hit
            });
        }
    }
}

/// Applies a rule's filters and validator to one candidate secret.
fn judge(index: usize, rule: &Rule, secret: &str) -> Option<Hit> {
    if secret.is_empty() {
        return None;
    }
    if let Some(floor) = rule.min_entropy
        && shannon_entropy(secret) < floor
    {
        return None;
    }
    if !rule.allow_placeholders && is_placeholder(secret) {
        return None;
    }
    let validated = match rule.validator.map(|v| v.check(secret)) {
        Some(Validity::Invalid) => return None,
        Some(Validity::Valid) => true,
        Some(Validity::Plausible) | None => false,
    };
    let confidence = if validated {
        Confidence::High
    } else {
        rule.confidence
    };
    Some(Hit {
        rule: index,
        start: 0,
        end: 0,
        confidence,
        validated,
    })
}

/// Keeps, among overlapping hits, the specific rule over the generic one,
/// then the validated, more confident, more severe, longer one.
fn resolve_overlaps(set: &RuleSet, mut hits: Vec<Hit>) -> Vec<Hit> {
    let rank = |hit: &Hit| {
        let rule = &set.rules[hit.rule];
        (
            rule.tier == Tier::Specific,
            hit.validated,
            hit.confidence,
            rule.severity,
            hit.end - hit.start,
        )
    };
    hits.sort_by(|a, b| rank(b).cmp(&rank(a)).then(a.start.cmp(&b.start)));
    let mut kept: Vec<Hit> = Vec::new();
    for hit in hits {
        if !kept.iter().any(|k| hit.start < k.end && k.start < hit.end) {
            kept.push(hit);
        }
    }
    kept.sort_by_key(|hit| (hit.start, hit.rule));
    kept
}

/// Runs of digits with at most one space, dot or dash between digits, as
/// (start, end, digit count), keeping those with at least `min` digits.
fn digit_runs(bytes: &[u8], min: usize) -> Vec<(usize, usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut digits = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                digits += 1;
                i += 1;
                end = i;
            } else if matches!(bytes[i], b' ' | b'-' | b'.')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
            } else {
                break;
            }
        }
        if digits >= min {
            runs.push((start, end, digits));
        }
    }
    runs
}

/// Start of the line holding `at`, but no more than `max_back` bytes back.
fn line_start(text: &str, at: usize, max_back: usize) -> usize {
    let floor = at.saturating_sub(max_back);
    let start = text.as_bytes()[floor..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(floor, |p| floor + p + 1);
    floor_char(text, start)
}

/// End of the line holding `at`, but no more than `max_ahead` bytes on.
fn line_end(text: &str, at: usize, max_ahead: usize) -> usize {
    let at = at.min(text.len());
    let ceiling = at.saturating_add(max_ahead).min(text.len());
    let end = text.as_bytes()[at..ceiling]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(ceiling, |p| at + p);
    ceil_char(text, end)
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The char boundary after `at`; past the end once the text is used up.
fn next_char(text: &str, at: usize) -> usize {
    if at >= text.len() {
        text.len() + 1
    } else {
        ceil_char(text, at + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_runs_allow_single_separators() {
        let runs = digit_runs(b"card 4111 1111-1111.1111 end 12  34", 9);
        assert_eq!(runs, vec![(5, 24, 16)]);
    }

    #[test]
    fn line_bounds_respect_char_boundaries() {
        let text = "ab\nçdé\nfg";
        assert_eq!(line_start(text, 5, 100), 3);
        assert_eq!(line_end(text, 4, 100), 8);
        assert_eq!(line_start(text, 5, 1), 3, "rounded down to the start of ç");
    }
}
