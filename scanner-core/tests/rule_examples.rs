//! Runs every rule against its own positive and negative examples.

use scanner_core::{RuleSet, ScanOptions, Scanner};

#[test]
fn every_rule_finds_its_examples_and_ignores_its_negatives() {
    let rules = RuleSet::builtin().expect("built-in rules compile");
    let scanner = Scanner::new(rules.clone());
    let options = ScanOptions::default();
    let mut failures = Vec::new();
    for rule in rules.rules() {
        for example in &rule.examples {
            let report = scanner.scan(example.as_bytes(), "example.txt", &options).unwrap();
            if !report.findings.iter().any(|f| f.rule == rule.id) {
                let found: Vec<_> = report.findings.iter().map(|f| f.rule.as_str()).collect();
                failures.push(format!("{}: missed positive example {example:?} (found {found:?})", rule.id));
            }
        }
        for example in &rule.negative_examples {
            let report = scanner.scan(example.as_bytes(), "example.txt", &options).unwrap();
            if report.findings.iter().any(|f| f.rule == rule.id) {
                failures.push(format!("{}: flagged negative example {example:?}", rule.id));
            }
        }
    }
    assert!(failures.is_empty(), "{} rule example failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_rule_is_documented() {
    let rules = RuleSet::builtin().unwrap();
    for rule in rules.rules() {
        assert!(rule.id.contains('.'), "{}: ids are provider.kind", rule.id);
        assert!(!rule.name.is_empty() && !rule.risk.is_empty(), "{}: name and risk", rule.id);
        assert!(rule.reference.starts_with("https://"), "{}: reference must be a URL", rule.id);
        assert!(!rule.negative_examples.is_empty(), "{}: needs a negative example", rule.id);
    }
}
