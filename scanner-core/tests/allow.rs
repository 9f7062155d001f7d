//! What users tell the scanner: `nospill:allow` on a line, allowlists,
//! custom rules and the verdict policy.
//!
//! Every token is synthetic; failure messages show rule ids and counts,
//! never a planted value.

mod common;
use common::key;
use lopdf::{Document, Object, Stream, dictionary};
use scanner_core::{
    Allowlist, Confidence, Report, RuleSet, ScanOptions, Scanner, Severity, Threshold, Verdict,
    VerdictPolicy, scan,
};
use std::sync::Arc;

/// A synthetic GitHub-style value of our own made-up provider: `acme_` and
/// 32 lowercase base36 characters.
fn acme_token(seed: u64) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut state = seed.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1;
    let mut out = String::from("acme_");
    for _ in 0..32 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.push(char::from(ALPHABET[(state % 36) as usize]));
    }
    out
}

fn custom_rule(example: &str, negative: &str) -> String {
    format!(
        r#"
[[rule]]
id = "acme.api_token"
name = "Acme API token"
category = "secret"
severity = "high"
confidence = "high"
risk = "Grants access to the Acme API."
reference = "https://acme.invalid/docs/tokens"
keywords = ["acme_"]
pattern = '''\b(acme_[a-z0-9]{{32}})\b'''
examples = ["token: {example}"]
negative_examples = ["{negative}"]
"#
    )
}

fn rules_found(report: &Report) -> Vec<&str> {
    report.findings.iter().map(|f| f.rule.as_str()).collect()
}

fn scan_text(text: &str, options: &ScanOptions) -> Report {
    scan(text.as_bytes(), "notes.txt", options).unwrap()
}

fn with_allowlist(toml: &str) -> ScanOptions {
    ScanOptions {
        allowlist: Some(Arc::new(Allowlist::from_toml(toml).unwrap())),
        ..ScanOptions::default()
    }
}

fn assert_no_secret(report: &Report, secrets: &[&str]) {
    let json = serde_json::to_string(report).unwrap();
    for (index, secret) in secrets.iter().enumerate() {
        assert!(
            !json.contains(secret),
            "planted secret #{index} in the report"
        );
    }
}

// ---------------------------------------------------------------- inline

#[test]
fn inline_allow_suppresses_every_rule_on_its_line_only() {
    let (a, b) = (key(1), key(2));
    let text = format!("aws_key = {a}  # nospill:allow\naws_key = {b}\n");
    let report = scan_text(&text, &ScanOptions::default());
    assert_eq!(rules_found(&report), ["aws.access_key_id"]);
    assert_eq!(report.findings[0].location.line, Some(2));
    assert_eq!(report.stats.suppressed, 1);
    assert_no_secret(&report, &[&a, &b]);
}

#[test]
fn inline_allow_with_rule_ids_suppresses_only_those_rules() {
    let a = key(3);
    let other = format!("aws_key = {a} # nospill:allow:github.pat,generic.secret_assignment");
    let report = scan_text(&other, &ScanOptions::default());
    assert_eq!(rules_found(&report), ["aws.access_key_id"]);
    assert_eq!(report.stats.suppressed, 0);

    let same = format!("aws_key = {a} # nospill:allow:github.pat,aws.access_key_id");
    let report = scan_text(&same, &ScanOptions::default());
    assert!(report.findings.is_empty(), "{:?}", rules_found(&report));
    assert_eq!(report.stats.suppressed, 1);
    assert_eq!(report.verdict, Verdict::Allow);
}

#[test]
fn inline_allow_can_be_ignored_by_policy() {
    let a = key(4);
    let options = ScanOptions {
        ignore_inline_allow: true,
        ..ScanOptions::default()
    };
    let report = scan_text(&format!("aws_key = {a} # nospill:allow"), &options);
    assert_eq!(rules_found(&report), ["aws.access_key_id"]);
    assert_eq!(report.verdict, Verdict::Block);
}

#[test]
fn inline_allow_works_on_pdf_page_lines() {
    let (a, b) = (key(5), key(6));
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let content =
        format!("BT /F1 10 Tf 72 700 Td (aws {a} nospill:allow) Tj 0 -14 Td (aws {b}) Tj ET");
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
    let page = doc.add_object(
        dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id },
    );
    let font = doc.add_object(
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier" },
    );
    let pages = dictionary! {
        "Type" => "Pages", "Kids" => vec![Object::from(page)], "Count" => 1,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    };
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();

    let report = scan(&bytes, "doc.pdf", &ScanOptions::default()).unwrap();
    assert_eq!(report.file.kind, "pdf");
    assert_eq!(rules_found(&report), ["aws.access_key_id"]);
    assert_eq!(report.findings[0].location.line, Some(2));
    assert_eq!(report.stats.suppressed, 1);
    assert_no_secret(&report, &[&a, &b]);
}

// ---------------------------------------------------------------- allowlist

#[test]
fn allowlisted_fingerprint_is_suppressed_with_the_scans_key() {
    let (a, b) = (key(7), key(8));
    let text = format!("aws_key = {a}\naws_key = {b}\n");
    let keyed = ScanOptions {
        fingerprint_key: Some(b"a-server-fingerprint-key".to_vec()),
        ..ScanOptions::default()
    };
    let before = scan_text(&text, &keyed);
    assert_eq!(before.findings.len(), 2);
    let toml = format!("fingerprints = [\"{}\"]", before.findings[0].fingerprint);
    let options = ScanOptions {
        allowlist: Some(Arc::new(Allowlist::from_toml(&toml).unwrap())),
        ..keyed.clone()
    };
    let report = scan_text(&text, &options);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].location.line, Some(2));
    assert_eq!(report.stats.suppressed, 1);
    // The same fingerprint made with another key allows nothing.
    let other_key = ScanOptions {
        fingerprint_key: None,
        ..options
    };
    assert_eq!(scan_text(&text, &other_key).findings.len(), 2);
}

#[test]
fn allowlisted_paths_suppress_a_whole_file() {
    let a = key(9);
    let text = format!("aws_key = {a}\n");
    let options = with_allowlist(r"paths = ['(^|/)testdata/', '\.snap$']");
    let allowed = scan(text.as_bytes(), "repo/testdata/creds.env", &options).unwrap();
    assert!(allowed.findings.is_empty());
    assert_eq!(allowed.stats.suppressed, 1);
    assert_eq!(allowed.verdict, Verdict::Allow);
    let elsewhere = scan(text.as_bytes(), "repo/src/creds.env", &options).unwrap();
    assert_eq!(rules_found(&elsewhere), ["aws.access_key_id"]);
}

#[test]
fn allowlisted_patterns_match_the_secret_value() {
    let (a, t) = (key(10), acme_token(1));
    let text = format!("aws_key = {a}\nsecret = \"{t}\"\n");
    // Anchored as written: `^AKIA` matches the value, `^aws_key` does not.
    let options = with_allowlist("patterns = ['^AKIA', '^aws_key']");
    let report = scan_text(&text, &options);
    assert!(!rules_found(&report).contains(&"aws.access_key_id"));
    assert_eq!(report.stats.suppressed, 1);
}

#[test]
fn allowlisted_rules_are_switched_off() {
    let a = key(11);
    let options = with_allowlist(r#"rules = ["aws.access_key_id"]"#);
    let report = scan_text(&format!("aws_key = {a}"), &options);
    assert!(report.findings.is_empty(), "{:?}", rules_found(&report));
    assert_eq!(report.stats.suppressed, 1);
}

#[test]
fn bad_allowlists_are_refused_with_line_and_column() {
    let unknown = Allowlist::from_toml("paths = []\nfingerprint = []\n").unwrap_err();
    assert_eq!(unknown.line, Some(2), "{unknown}");
    assert!(unknown.to_string().contains("fingerprint"), "{unknown}");

    let regex = Allowlist::from_toml("patterns = [\n  'ok',\n  '(unclosed',\n]").unwrap_err();
    assert_eq!((regex.line, regex.column), (Some(3), Some(3)), "{regex}");
    assert!(regex.to_string().starts_with("line 3, column 3: patterns:"));

    let fp = Allowlist::from_toml("fingerprints = [\"fp1:nothex\"]").unwrap_err();
    assert_eq!(fp.line, Some(1));
    assert!(fp.message.contains("32 lowercase hex"), "{fp}");

    let syntax = Allowlist::from_toml("rules = [\"a\"\n").unwrap_err();
    assert!(syntax.line.is_some(), "{syntax}");

    let wrong_type = Allowlist::from_toml("rules = \"aws.access_key_id\"").unwrap_err();
    assert_eq!(wrong_type.line, Some(1), "{wrong_type}");
}

#[test]
fn a_bad_pattern_error_does_not_quote_the_pattern() {
    let t = acme_token(2);
    let err = Allowlist::from_toml(&format!("patterns = ['{t}(']")).unwrap_err();
    assert!(
        !err.to_string().contains(&t[5..]),
        "the message quotes the value"
    );
}

/// serde quotes the value it could not use (`invalid type: string "…",
/// expected a sequence`, `unknown field `…``), and a value in the wrong
/// place is often the secret itself: such messages quoted it whole.
#[test]
fn a_value_of_the_wrong_type_is_not_quoted() {
    let t = acme_token(9);
    for toml in [
        format!("patterns = \"{t}\""),
        format!("rules = \"{t}\""),
        format!("{t} = 1"),
    ] {
        let err = Allowlist::from_toml(&toml).unwrap_err();
        assert!(
            !err.to_string().contains(&t[5..]),
            "the message quotes the value"
        );
        assert_eq!(err.line, Some(1));
    }
    // The schema's own names are still shown.
    let err = Allowlist::from_toml(&format!("{t} = 1")).unwrap_err();
    assert!(err.message.contains("`patterns`"), "{err}");
    let err = Allowlist::from_toml("paths = [1]").unwrap_err();
    assert!(err.message.contains("`1`"), "{err}");
    // A misspelt key is a word, and shown: no token is one.
    let err = Allowlist::from_toml("path = [\"x\"]").unwrap_err();
    assert!(err.message.contains("unknown field `path`"), "{err}");

    let rule = custom_rule(&t, "acme_notatoken");
    for broken in [
        rule.replace(
            &format!("examples = [\"token: {t}\"]"),
            &format!("examples = \"{t}\""),
        ),
        rule.replace("confidence = \"high\"", &format!("validator = \"{t}\"")),
        rule.replace("confidence = \"high\"", &format!("min_entropy = \"{t}\"")),
    ] {
        let err = RuleSet::with_custom(&[("acme.toml", &broken)]).unwrap_err();
        assert!(err.message.contains("line "), "{err}");
        assert!(
            !err.to_string().contains(&t[5..]),
            "the message quotes the value"
        );
    }
}

// ---------------------------------------------------------------- custom rules

#[test]
fn custom_rules_find_what_the_built_ins_do_not() {
    let (example, planted) = (acme_token(3), acme_token(4));
    let rules =
        RuleSet::with_custom(&[("acme.toml", &custom_rule(&example, "acme_notatoken"))]).unwrap();
    assert_eq!(rules.len(), RuleSet::builtin().unwrap().len() + 1);
    let text = format!("deploy with {planted}\n");
    let builtin = scan_text(&text, &ScanOptions::default());
    assert!(!rules_found(&builtin).contains(&"acme.api_token"));
    let report = Scanner::new(rules)
        .scan(text.as_bytes(), "notes.txt", &ScanOptions::default())
        .unwrap();
    assert_eq!(rules_found(&report), ["acme.api_token"]);
    assert_eq!(report.verdict, Verdict::Block);
    assert_no_secret(&report, &[&planted]);
}

#[test]
fn a_custom_rule_that_misses_its_example_is_refused_without_quoting_it() {
    let good = acme_token(5);
    let short = &good[..20];
    let toml = custom_rule(short, "acme_notatoken");
    let err = RuleSet::with_custom(&[("acme.toml", &toml)]).unwrap_err();
    let message = err.to_string();
    assert_eq!(err.rule.as_deref(), Some("acme.api_token"));
    assert!(message.contains("acme.toml"), "{message}");
    assert!(message.contains("example #0"), "{message}");
    assert!(!message.contains(short), "the message quotes the example");

    let flagged = custom_rule(&good, &acme_token(6));
    let err = RuleSet::with_custom(&[("acme.toml", &flagged)]).unwrap_err();
    assert!(err.message.contains("negative example #0"), "{err}");
}

#[test]
fn custom_rule_ids_must_not_clash() {
    let toml = custom_rule(&acme_token(7), "acme_notatoken")
        .replace("acme.api_token", "aws.access_key_id");
    let err = RuleSet::with_custom(&[("mine.toml", &toml)]).unwrap_err();
    assert!(err.message.contains("built-in"), "{err}");
    assert!(err.message.starts_with("line 3:"), "{err}");

    let one = custom_rule(&acme_token(8), "acme_notatoken");
    let err = RuleSet::with_custom(&[("a.toml", &one), ("b.toml", &one)]).unwrap_err();
    assert_eq!(err.source, "b.toml");
    assert!(err.message.contains("also in a.toml"), "{err}");
}

/// Every keyword hit is searched as far around it as the longest keyword
/// of the set: one 64 KB keyword made 1.5 MB of another keyword's hits take
/// hours (the scan never finished). Long keywords are refused.
#[test]
fn a_custom_rule_with_a_huge_keyword_is_refused() {
    let rule = custom_rule(&acme_token(10), "acme_notatoken");
    let long = rule.replace(
        r#"keywords = ["acme_"]"#,
        &format!(r#"keywords = ["acme_", "{}"]"#, "k".repeat(65)),
    );
    let err = RuleSet::with_custom(&[("acme.toml", &long)]).unwrap_err();
    assert_eq!(err.rule.as_deref(), Some("acme.api_token"));
    assert!(err.message.contains("keywords"), "{err}");
    let fits = rule.replace(
        r#"keywords = ["acme_"]"#,
        &format!(r#"keywords = ["acme_", "{}"]"#, "k".repeat(64)),
    );
    assert!(RuleSet::with_custom(&[("acme.toml", &fits)]).is_ok());
}

#[test]
fn custom_rule_syntax_errors_name_file_and_line() {
    let err =
        RuleSet::with_custom(&[("bad.toml", "[[rule]]\nid = \"x.y\"\nname = 3\n")]).unwrap_err();
    assert_eq!(err.source, "bad.toml");
    assert!(err.message.starts_with("line 3, column 8:"), "{err}");
    let err =
        RuleSet::with_custom(&[("bad.toml", "[[rule]]\nid = \"x.y\"\nbogus = 1\n")]).unwrap_err();
    assert!(err.message.contains("line 3"), "{err}");
}

// ---------------------------------------------------------------- verdict

fn finding_of(severity: Severity, confidence: Confidence) -> scanner_core::Finding {
    let mut finding = scan_text(&format!("aws_key = {}", key(12)), &ScanOptions::default())
        .findings
        .remove(0);
    finding.severity = severity;
    finding.confidence = confidence;
    finding
}

#[test]
fn default_policy_blocks_serious_warns_medium_and_informs_low() {
    let policy = VerdictPolicy::default();
    let verdict = |s, c| policy.verdict(&[finding_of(s, c)], &[]);
    assert_eq!(verdict(Severity::High, Confidence::Medium), Verdict::Block);
    assert_eq!(verdict(Severity::Critical, Confidence::Low), Verdict::Warn);
    assert_eq!(verdict(Severity::Medium, Confidence::Low), Verdict::Warn);
    assert_eq!(verdict(Severity::Low, Confidence::High), Verdict::Allow);
    assert_eq!(policy.verdict(&[], &[]), Verdict::Allow);
}

#[test]
fn a_stricter_policy_changes_the_verdict_but_not_the_findings() {
    let text = format!("aws_key = {}", key(13));
    let lenient = ScanOptions {
        verdict_policy: VerdictPolicy {
            block: "critical/high".parse().unwrap(),
            warn: "critical/high".parse().unwrap(),
        },
        ..ScanOptions::default()
    };
    let report = scan_text(&text, &lenient);
    assert_eq!(report.verdict, Verdict::Allow);
    assert_eq!(rules_found(&report), ["aws.access_key_id"]);
    assert_eq!(
        scan_text(&text, &ScanOptions::default()).verdict,
        Verdict::Block
    );
}

#[test]
fn thresholds_read_and_write_as_severity_slash_confidence() {
    let t: Threshold = "High/medium".parse().unwrap();
    assert_eq!(t, Threshold::new(Severity::High, Confidence::Medium));
    assert_eq!(t.to_string(), "high/medium");
    assert!("high".parse::<Threshold>().is_err());
    assert!("urgent/high".parse::<Threshold>().is_err());
    let policy: VerdictPolicy = serde_json::from_str(r#"{"block":"critical/high"}"#).unwrap();
    assert_eq!(policy.warn, VerdictPolicy::default().warn);
    assert_eq!(policy.block.severity, Severity::Critical);
    assert!(serde_json::from_str::<VerdictPolicy>(r#"{"blok":"high/high"}"#).is_err());
    assert_eq!(
        serde_json::to_string(&VerdictPolicy::default()).unwrap(),
        r#"{"block":"high/medium","warn":"medium/low"}"#
    );
}
