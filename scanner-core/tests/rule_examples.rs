//! Runs every rule against its own positive and negative examples.
//!
//! Failure messages name the rule, the example's index and at most a
//! preview, never the example itself: examples are synthetic, but the habit
//! of never printing a secret holds everywhere.

use scanner_core::{RuleSet, ScanOptions, Scanner};

#[test]
fn every_rule_finds_its_examples_and_ignores_its_negatives() {
    let rules = RuleSet::builtin().expect("built-in rules compile");
    let scanner = Scanner::new(rules.clone());
    let options = ScanOptions::default();
    let mut failures = Vec::new();
    for rule in rules.rules() {
        for (index, example) in rule.examples.iter().enumerate() {
            let report = scanner
                .scan(example.as_bytes(), "example.txt", &options)
                .unwrap();
            if !report.findings.iter().any(|f| f.rule == rule.id) {
                let found: Vec<_> = report.findings.iter().map(|f| f.rule.as_str()).collect();
                failures.push(format!(
                    "{}: missed example #{index} (found {found:?})",
                    rule.id
                ));
            }
        }
        for (index, example) in rule.negative_examples.iter().enumerate() {
            let report = scanner
                .scan(example.as_bytes(), "example.txt", &options)
                .unwrap();
            if let Some(finding) = report.findings.iter().find(|f| f.rule == rule.id) {
                failures.push(format!(
                    "{}: flagged negative example #{index} (preview {})",
                    rule.id, finding.preview
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} rule example failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_is_documented() {
    let rules = RuleSet::builtin().unwrap();
    for rule in rules.rules() {
        assert!(rule.id.contains('.'), "{}: ids are provider.kind", rule.id);
        assert!(
            rule.id.starts_with(&format!("{}.", rule.source)),
            "{}: lives in {}.toml",
            rule.id,
            rule.source
        );
        assert!(
            !rule.name.is_empty() && !rule.risk.is_empty(),
            "{}: name and risk",
            rule.id
        );
        assert!(!rule.risk.contains('\n'), "{}: risk is one line", rule.id);
        assert!(
            rule.reference.starts_with("https://"),
            "{}: reference must be a URL",
            rule.id
        );
        assert!(
            !rule.negative_examples.is_empty(),
            "{}: needs a negative example",
            rule.id
        );
    }
}

#[test]
fn the_rule_set_covers_at_least_150_families() {
    // A family is a rule file: one provider or one kind of credential file,
    // connection string or personal datum, each with its own examples.
    let rules = RuleSet::builtin().unwrap();
    let providers: std::collections::BTreeSet<_> =
        rules.rules().iter().map(|r| r.source.as_str()).collect();
    assert!(rules.len() >= 150, "{} rules", rules.len());
    assert!(
        providers.len() >= 150,
        "{} providers: {providers:?}",
        providers.len()
    );
}
