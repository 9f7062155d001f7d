//! The build-time analysis of which bytes a rule's matches cannot do
//! without, and in which order (`build_required.rs`): the engine skips a
//! rule's window that lacks them, so a chain that some match does not hold
//! would lose findings. Checked here against real matches of every built-in rule and
//! against hand-made patterns.

#[path = "../build_required.rs"]
#[allow(dead_code)]
mod required;

use required::{Requirement, required_classes};
use scanner_core::RuleSet;

/// Whether `text` holds the links of `chain` one after the other.
fn meets(text: &[u8], chain: &[Requirement]) -> bool {
    let mut at = 0;
    for (set, run) in chain {
        let mut length = 0;
        let Some(end) = text[at..].iter().position(|&b| {
            length = if set[b as usize] { length + 1 } else { 0 };
            length >= (*run).max(1)
        }) else {
            return false;
        };
        at += end + 1;
    }
    true
}

fn bytes_of(requirement: &Requirement) -> String {
    (0..=255u8)
        .filter(|&b| requirement.0[b as usize])
        .map(|b| b as char)
        .collect()
}

#[test]
fn every_match_of_every_rule_meets_its_requirements() {
    let rules = RuleSet::builtin().expect("built-in rules compile");
    let mut with_requirements = 0;
    let mut checked = 0;
    for rule in rules.rules() {
        let chain = required_classes(rule.pattern.as_str(), 8);
        if !chain.is_empty() {
            with_requirements += 1;
        }
        for example in rule.examples.iter().chain(&rule.negative_examples) {
            for found in rule.pattern.find_iter(example) {
                checked += 1;
                assert!(
                    meets(found.as_str().as_bytes(), &chain),
                    "{}: a match of {} bytes lacks the chain {:?}",
                    rule.id,
                    found.len(),
                    chain.iter().map(|r| (bytes_of(r), r.1)).collect::<Vec<_>>()
                );
            }
        }
    }
    // Most rules have a literal part; if this drops, the analysis broke.
    assert!(
        with_requirements * 10 >= rules.len() * 9,
        "{with_requirements}"
    );
    assert!(checked > 500, "{checked}");
}

#[test]
fn requirements_of_hand_made_patterns() {
    let show = |pattern: &str| -> Vec<(String, usize)> {
        required_classes(pattern, 3)
            .iter()
            .map(|r| (bytes_of(r), r.1))
            .collect()
    };
    // The three rarest bytes, in the pattern's order.
    assert_eq!(
        show(r"user@host"),
        vec![("u".into(), 1), ("@".into(), 1), ("h".into(), 1)]
    );
    assert_eq!(
        show(r"a:b@"),
        vec![(":".into(), 1), ("b".into(), 1), ("@".into(), 1)]
    );
    // A branch that needs nothing (the empty one) makes the group need nothing.
    assert_eq!(show(r"(?:@|)"), vec![]);
    assert_eq!(show(r"x?@?"), vec![]);
    // Branches join: one of their bytes is needed.
    assert_eq!(show(r"(?:#|@)"), vec![("#@".into(), 1)]);
    // ASCII-only case folding, as regex-lite reads `(?i)`.
    assert_eq!(show(r"(?i)q"), vec![("Qq".into(), 1)]);
    // A repeated ASCII class needs a run; a class of other characters
    // needs one of its lead bytes.
    assert_eq!(show(r"[0-9a-f]{32}"), vec![("0123456789abcdef".into(), 32)]);
    let lead: Vec<u8> = required_classes("ß", 3)[0]
        .0
        .iter()
        .enumerate()
        .filter(|(_, on)| **on)
        .map(|(b, _)| b as u8)
        .collect();
    assert_eq!(lead, "ß".as_bytes()[..1]);
    // Assertions consume nothing.
    assert_eq!(show(r"\b$^"), vec![]);
}

/// Random strings against patterns built from pieces: whenever a pattern
/// matches, the match meets every requirement derived for the pattern.
#[test]
fn random_matches_meet_requirements() {
    let pieces = [
        "a",
        "@",
        "(?:b|@)",
        "[0-9]{3}",
        "x?",
        "(?i)k",
        "[^a]",
        r"\b",
        "(?:ab|c)+",
        "é",
        ".",
        "[a-c]{2,}",
        "(?:d|)",
        "-",
    ];
    let alphabet = b"abc@0123-kK x\n";
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..400 {
        let pattern: String = (0..1 + next() % 4)
            .map(|_| pieces[(next() % pieces.len() as u64) as usize])
            .collect();
        let regex = regex_lite::Regex::new(&pattern).unwrap();
        let requirements = required_classes(&pattern, 8);
        for _ in 0..50 {
            let mut text: String = (0..next() % 16)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
                .collect();
            if next() % 4 == 0 {
                text.push('é');
            }
            for found in regex.find_iter(&text) {
                assert!(
                    meets(found.as_str().as_bytes(), &requirements),
                    "{pattern} on {text:?}"
                );
            }
        }
    }
}
