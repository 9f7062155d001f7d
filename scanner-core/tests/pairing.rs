//! The two halves of a credential (an AWS key id and its secret key, a
//! Twilio account SID and its auth token) near each other are one finding:
//! the secret's, with high confidence, `paired_with` naming the partner's
//! rule and `paired_location` pointing at it for redaction.
//!
//! Tokens are generated from a fixed seed; failure messages show rule ids
//! and previews only.

mod common;
use common::Synth;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use scanner_core::{
    Confidence, Finding, Location, Report, RuleSet, ScanOptions, Scanner, Severity, scan,
};

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const B32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const HEX: &[u8] = b"0123456789abcdef";

impl Synth {
    fn aws_pair(&mut self) -> (String, String) {
        (format!("AKIA{}", self.pick(B32, 16)), self.pick(ALNUM, 40))
    }
}

fn scan_text(text: &str) -> Report {
    scan(text.as_bytes(), "pasted.txt", &ScanOptions::default()).expect("text always scans")
}

fn summary(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .map(|f| format!("{} {} {:?}", f.rule, f.preview, f.paired_with))
        .collect()
}

/// The characters `location` points at (line, column, length in chars).
fn located<'a>(text: &'a str, location: &Location) -> &'a str {
    let line = text
        .split('\n')
        .nth(location.line.unwrap() as usize - 1)
        .unwrap();
    let start = line
        .char_indices()
        .nth(location.column.unwrap() as usize - 1)
        .map_or(line.len(), |(i, _)| i);
    let end = line[start..]
        .char_indices()
        .nth(location.length.unwrap() as usize)
        .map_or(line.len(), |(i, _)| start + i);
    &line[start..end]
}

fn only_finding(report: &Report) -> &Finding {
    assert_eq!(report.findings.len(), 1, "{:?}", summary(report));
    &report.findings[0]
}

#[test]
fn an_aws_key_id_and_its_secret_are_one_finding() {
    let mut s = Synth(0x9a1_0001);
    let (id, secret) = s.aws_pair();
    let text = format!(
        "[default]\naws_access_key_id = {id}\naws_secret_access_key = {secret}\nregion = eu-west-1\n"
    );
    let report = scan_text(&text);
    let finding = only_finding(&report);
    assert_eq!(finding.rule, "aws.secret_access_key");
    assert_eq!(finding.confidence, Confidence::High);
    assert_eq!(finding.severity, Severity::Critical);
    assert_eq!(finding.paired_with.as_deref(), Some("aws.access_key_id"));
    assert_eq!(located(&text, &finding.location), secret);
    let partner = finding.paired_location.as_ref().expect("partner location");
    assert_eq!(located(&text, partner), id);
    assert_eq!(partner.part, finding.location.part);
}

#[test]
fn the_secret_may_come_first() {
    let mut s = Synth(0x9a1_0002);
    let (id, secret) = s.aws_pair();
    let text = format!(
        "{{\"SecretAccessKey\": \"{secret}\", \"SessionName\": \"ci\", \"AccessKeyId\": \"{id}\"}}"
    );
    let finding = only_finding(&scan_text(&text)).clone();
    assert_eq!(finding.paired_with.as_deref(), Some("aws.access_key_id"));
    assert_eq!(
        located(&text, finding.paired_location.as_ref().unwrap()),
        id
    );
}

#[test]
fn a_key_id_alone_stays_its_own_finding() {
    let mut s = Synth(0x9a1_0003);
    let (id, _) = s.aws_pair();
    let report = scan_text(&format!("export AWS_ACCESS_KEY_ID={id}\n"));
    let finding = only_finding(&report);
    assert_eq!(finding.rule, "aws.access_key_id");
    assert_eq!(finding.paired_with, None);
    assert_eq!(finding.paired_location, None);
}

#[test]
fn halves_farther_apart_than_pair_within_stay_two_findings() {
    let mut s = Synth(0x9a1_0004);
    let (id, secret) = s.aws_pair();
    let filler = "# the quarterly review covers revenue and hiring\n".repeat(40);
    assert!(filler.len() > 1024);
    let text = format!("aws_access_key_id = {id}\n{filler}aws_secret_access_key = {secret}\n");
    let report = scan_text(&text);
    assert_eq!(report.findings.len(), 2, "{:?}", summary(&report));
    assert!(report.findings.iter().all(|f| f.paired_with.is_none()));
    let secret_finding = report
        .findings
        .iter()
        .find(|f| f.rule == "aws.secret_access_key")
        .unwrap();
    assert_eq!(secret_finding.confidence, Confidence::Medium);
}

#[test]
fn each_secret_takes_its_nearest_key_id() {
    let mut s = Synth(0x9a1_0005);
    let (id1, secret1) = s.aws_pair();
    let (id2, secret2) = s.aws_pair();
    let text = format!(
        "[prod]\naws_access_key_id = {id1}\naws_secret_access_key = {secret1}\n\n[stage]\naws_access_key_id = {id2}\naws_secret_access_key = {secret2}\n"
    );
    let report = scan_text(&text);
    assert_eq!(report.findings.len(), 2, "{:?}", summary(&report));
    for (finding, id) in report.findings.iter().zip([&id1, &id2]) {
        assert_eq!(finding.rule, "aws.secret_access_key");
        assert_eq!(
            located(&text, finding.paired_location.as_ref().unwrap()),
            id
        );
    }
}

#[test]
fn a_twilio_sid_and_auth_token_are_one_finding() {
    let mut s = Synth(0x9a1_0006);
    let sid = format!("AC{}", s.pick(HEX, 32));
    let token = s.pick(HEX, 32);
    let text = format!("TWILIO_ACCOUNT_SID={sid}\nTWILIO_AUTH_TOKEN={token}\n");
    let report = scan_text(&text);
    let finding = only_finding(&report);
    assert_eq!(finding.rule, "twilio.auth_token");
    assert_eq!(finding.confidence, Confidence::High);
    assert_eq!(finding.paired_with.as_deref(), Some("twilio.account_sid"));
    assert_eq!(
        located(&text, finding.paired_location.as_ref().unwrap()),
        sid
    );
}

#[test]
fn a_generic_secret_of_the_right_shape_next_to_a_key_id_is_the_aws_secret() {
    let mut s = Synth(0x9a1_0007);
    let (id, secret) = s.aws_pair();
    let text = format!("S3_KEY={id}\nS3_SECRET={secret}\n");
    let report = scan_text(&text);
    let finding = only_finding(&report);
    assert_eq!(finding.rule, "aws.secret_access_key");
    assert_eq!(finding.confidence, Confidence::High);
    assert_eq!(finding.paired_with.as_deref(), Some("aws.access_key_id"));
    assert_eq!(located(&text, &finding.location), secret);
}

#[test]
fn a_password_next_to_a_key_id_stays_a_separate_finding() {
    let mut s = Synth(0x9a1_0008);
    let (id, _) = s.aws_pair();
    let text = format!("AWS_ACCESS_KEY_ID={id}\nDB_PASSWORD=Tr0ub4dor!3xQ\n");
    let report = scan_text(&text);
    let mut rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    rules.sort();
    assert_eq!(
        rules,
        ["aws.access_key_id", "generic.password_assignment"],
        "{:?}",
        summary(&report)
    );
    assert!(report.findings.iter().all(|f| f.paired_with.is_none()));
}

#[test]
fn halves_inside_one_base64_blob_pair_and_point_into_the_blob() {
    let mut s = Synth(0x9a1_0009);
    let (id, secret) = s.aws_pair();
    let blob = STANDARD.encode(format!(
        "[default]\naws_access_key_id = {id}\naws_secret_access_key = {secret}\n"
    ));
    let text = format!("credentials: {blob}\n");
    let report = scan_text(&text);
    let finding = only_finding(&report);
    assert_eq!(finding.decoded.as_deref(), Some("base64"));
    assert_eq!(finding.paired_with.as_deref(), Some("aws.access_key_id"));
    // Each half is located at the whole base64 quanta that encode it.
    let blob_at = text.find(&blob).unwrap();
    for (location, half) in [
        (&finding.location, &secret),
        (finding.paired_location.as_ref().unwrap(), &id),
    ] {
        let encoded = located(&text, location);
        let at = encoded.as_ptr() as usize - text.as_ptr() as usize;
        assert!(at >= blob_at && at + encoded.len() <= blob_at + blob.len());
        assert_eq!((at - blob_at) % 4, 0, "starts at a quantum");
        let decoded = STANDARD_NO_PAD
            .decode(encoded.trim_end_matches('='))
            .unwrap();
        assert!(String::from_utf8(decoded).unwrap().contains(half.as_str()));
        assert!(encoded.len() < blob.len(), "not the whole blob");
    }
}

/// Pairing is data: any rule set can pair its rules, and ids naming no
/// rule are ignored.
#[test]
fn custom_rules_pair_by_data() {
    const RULES: &str = r#"
[[rule]]
id = "acme.app_id"
name = "Acme app id"
category = "secret"
severity = "low"
risk = "Names an Acme app."
reference = "https://acme.invalid/docs"
keywords = ["acmeapp_"]
pattern = '''\b(acmeapp_[a-z0-9]{12})\b'''
examples = ["acmeapp_q7w2e9r4t1y6"]

[[rule]]
id = "acme.app_secret"
name = "Acme app secret"
category = "secret"
severity = "high"
risk = "Signs Acme API calls."
reference = "https://acme.invalid/docs"
keywords = ["acmesec_"]
pattern = '''\b(acmesec_[A-Za-z0-9]{24})\b'''
pair_with = ["acme.app_id", "nowhere.missing"]
pair_within = 40
examples = ["acmesec_Q7w2E9r4T1y6U3i8O5p0A2s4"]
"#;
    let scanner = Scanner::new(RuleSet::from_sources([("acme", RULES)]).unwrap());
    let options = ScanOptions::default();
    let near = "id=acmeapp_q7w2e9r4t1y6 secret=acmesec_Q7w2E9r4T1y6U3i8O5p0A2s4";
    let report = scanner.scan(near.as_bytes(), "a.txt", &options).unwrap();
    let finding = only_finding(&report);
    assert_eq!(finding.rule, "acme.app_secret");
    assert_eq!(finding.paired_with.as_deref(), Some("acme.app_id"));
    assert_eq!(finding.severity, Severity::High);

    let far = format!(
        "id=acmeapp_q7w2e9r4t1y6 {} secret=acmesec_Q7w2E9r4T1y6U3i8O5p0A2s4",
        "-".repeat(41)
    );
    let report = scanner.scan(far.as_bytes(), "a.txt", &options).unwrap();
    assert_eq!(report.findings.len(), 2, "{:?}", summary(&report));
}

#[test]
fn a_bad_pair_shape_is_a_rule_error() {
    let rules = r#"
[[rule]]
id = "acme.app_secret"
name = "Acme app secret"
category = "secret"
severity = "high"
risk = "Signs Acme API calls."
reference = "https://acme.invalid/docs"
keywords = ["acmesec_"]
pattern = '''\b(acmesec_[A-Za-z0-9]{24})\b'''
pair_with = ["acme.app_id"]
pair_shape = '''[unclosed'''
examples = ["acmesec_Q7w2E9r4T1y6U3i8O5p0A2s4"]
"#;
    let err = RuleSet::from_sources([("acme", rules)]).unwrap_err();
    assert!(err.message.contains("pair_shape"), "{err}");
}

#[test]
fn every_built_in_pair_names_a_built_in_rule() {
    let rules = RuleSet::builtin().unwrap();
    let ids: Vec<&str> = rules.rules().iter().map(|r| r.id.as_str()).collect();
    let mut pairs = 0;
    for rule in rules.rules() {
        for partner in &rule.pair_with {
            assert!(ids.contains(&partner.as_str()), "{}: {partner}", rule.id);
            pairs += 1;
        }
    }
    assert!(pairs >= 3, "{pairs} pairs");
}
