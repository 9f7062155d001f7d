//! Credential files and HTTP auth in whole: several secrets per file, one
//! finding per secret, the specific rule winning where two rules overlap,
//! and nothing reported for what sits next to a secret (certificates,
//! public keys, references).
//!
//! The files come from the rules' own examples or are generated here;
//! nothing is a real credential. Failures name rules and lines, never values.

mod common;

use scanner_core::{Report, RuleSet, ScanOptions, scan};

fn scan_text(text: &str) -> Report {
    scan(text.as_bytes(), "credentials.txt", &ScanOptions::default()).unwrap()
}

/// `(rule, line, validated)` of every finding.
fn found(report: &Report) -> Vec<(String, Option<u32>, bool)> {
    report
        .findings
        .iter()
        .map(|f| (f.rule.clone(), f.location.line, f.validated))
        .collect()
}

fn example(rule: &str, index: usize) -> String {
    let rules = RuleSet::builtin().unwrap();
    let rule = rules.rules().iter().find(|r| r.id == rule).unwrap();
    rule.examples[index].clone()
}

/// Deterministic base64-alphabet text of `len` characters.
fn random_b64(seed: u64, len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            char::from(ALPHABET[(state % 64) as usize])
        })
        .collect()
}

#[test]
fn aws_credentials_file_finds_every_key() {
    let file = format!(
        "[default]\naws_access_key_id = {}\naws_secret_access_key = {}\nregion = eu-west-1\n\n\
         [deploy]\naws_access_key_id = {}\naws_secret_access_key = {}\naws_session_token = {}\n",
        common::key(7),
        random_b64(11, 40),
        common::key(8).replacen("AKIA", "ASIA", 1),
        random_b64(12, 40),
        random_b64(13, 356),
    );
    let report = scan_text(&file);
    let found = found(&report);
    let rules: Vec<&str> = found.iter().map(|(rule, _, _)| rule.as_str()).collect();
    // Each key id is merged into the secret key next to it.
    assert_eq!(
        rules,
        [
            "aws.secret_access_key",
            "aws.secret_access_key",
            "aws.session_token"
        ],
        "{found:?}"
    );
    for finding in &report.findings[..2] {
        assert_eq!(finding.paired_with.as_deref(), Some("aws.access_key_id"));
        assert!(finding.paired_location.is_some());
    }
}

#[test]
fn kubeconfig_reports_the_key_not_the_certificate() {
    let file = example("kubernetes.client_key_data", 0);
    let cert_line = file
        .lines()
        .position(|l| l.contains("client-certificate-data"))
        .unwrap() as u32
        + 1;
    let found = found(&scan_text(&file));
    assert_eq!(
        found,
        [(
            "kubernetes.client_key_data".to_string(),
            Some(cert_line + 1),
            true
        )]
    );
}

#[test]
fn kubeconfig_token_user_is_found_once() {
    let found = found(&scan_text(&example("kubernetes.user_token", 0)));
    assert_eq!(
        found,
        [("kubernetes.user_token".to_string(), Some(10), false)]
    );
}

#[test]
fn docker_config_reports_every_registry() {
    let found = found(&scan_text(&example("credential_file.docker_auth", 0)));
    assert_eq!(
        found,
        [
            ("credential_file.docker_auth".to_string(), Some(4), true),
            ("credential_file.docker_auth".to_string(), Some(7), true),
        ]
    );
}

#[test]
fn jwt_sent_as_bearer_is_one_validated_jwt_finding() {
    let text = example("jwt.token", 0);
    assert!(text.starts_with("Authorization: Bearer eyJ"));
    let found = found(&scan_text(&text));
    assert_eq!(found, [("jwt.token".to_string(), Some(1), true)]);
}

#[test]
fn url_credentials_are_reported_once_by_the_most_specific_rule() {
    let cases = [
        (
            "DATABASE_URL=postgres://billing:Vq8rT2mLp4Xz@db.internal:5432/billing",
            "database.url_with_password",
        ),
        (
            "https://jmoreau:Quartz-Falcon-58@git.internal.acme.io\n",
            "credential_file.git_credentials",
        ),
        (
            "git clone https://jmoreau:Quartz-Falcon-58@git.internal.acme.io/platform/infra.git",
            "http_auth.url_password",
        ),
        (
            "Server=db01;Database=shop;User Id=shop;Password=Lq8Wv3Nz5Tr;",
            "connection_string.adonet",
        ),
        (
            "jdbc:sqlserver://db01:1433;databaseName=shop;user=shop;password=Lq8Wv3Nz5Tr",
            "connection_string.jdbc",
        ),
    ];
    for (text, rule) in cases {
        let rules: Vec<String> = scan_text(text)
            .findings
            .into_iter()
            .map(|f| f.rule)
            .collect();
        assert_eq!(rules, [rule], "{rule}");
    }
}

#[test]
fn private_keys_flattened_to_one_line_are_confirmed() {
    for (rule, index) in [
        ("private_key.rsa", 0),
        ("private_key.pkcs8", 0),
        ("private_key.encrypted_pem", 3),
        ("private_key.ssh2", 1),
        ("private_key.putty", 3),
    ] {
        let text = example(rule, index);
        assert_eq!(text.lines().count(), 1, "{rule} #{index} is one line");
        let found = found(&scan_text(&text));
        assert_eq!(
            found,
            [(rule.to_string(), Some(1), true)],
            "{rule} #{index}"
        );
    }
}

#[test]
fn key_files_next_to_public_material_report_only_the_private_key() {
    let openssh = example("private_key.openssh", 0);
    let public = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB3cWs8QdS8Lrw+EAqxF9b/P3Doqld84Za07bmM2Dz8j ops@bastion";
    let certificate = RuleSet::builtin()
        .unwrap()
        .rules()
        .iter()
        .find(|r| r.id == "private_key.pkcs8")
        .unwrap()
        .negative_examples
        .iter()
        .find(|n| n.starts_with("-----BEGIN CERTIFICATE-----\nMIIBfj"))
        .unwrap()
        .clone();
    let bundle = format!("{public}\n{certificate}{openssh}");
    let rules: Vec<String> = scan_text(&bundle)
        .findings
        .into_iter()
        .map(|f| f.rule)
        .collect();
    assert_eq!(rules, ["private_key.openssh"]);
}
