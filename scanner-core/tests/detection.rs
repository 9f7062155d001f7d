//! Detection in realistic surroundings: several secrets per file in the
//! shapes people paste (.env, JSON, YAML, code, chat, logs), a secret-free
//! corpus that must stay silent, and the report's promise never to carry a
//! full secret.
//!
//! Every token is generated here from a fixed seed with its real structure
//! (checksums included), so nothing in this file is a real credential.
//! Failure messages show rule ids and previews, never the planted values.

mod common;
use common::Synth;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use scanner_core::{Report, ScanOptions, Verdict, scan};
use std::collections::BTreeSet;

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const HEX: &[u8] = b"0123456789abcdef";

impl Synth {
    /// GitHub/npm format: prefix + 30 random + base62(CRC-32), 6 wide.
    fn checksummed(&mut self, prefix: &str) -> String {
        let random = self.pick(ALNUM, 30);
        let mut crc = u64::from(crc32fast::hash(random.as_bytes()));
        let mut check = [b'0'; 6];
        for slot in check.iter_mut().rev() {
            *slot = BASE62[(crc % 62) as usize];
            crc /= 62;
        }
        format!(
            "{prefix}{random}{}",
            String::from_utf8(check.to_vec()).unwrap()
        )
    }

    fn jwt(&mut self) -> String {
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let payload = format!(
            r#"{{"sub":"u-{}","iat":1718000000,"scope":"orders:read"}}"#,
            self.pick(HEX, 8)
        );
        format!(
            "{header}.{}.{}",
            URL_SAFE_NO_PAD.encode(payload),
            self.pick(ALNUM, 43)
        )
    }

    /// A PKCS#8-shaped DER body: SEQUENCE { INTEGER 0, SEQUENCE {…}, OCTET STRING }.
    fn pkcs8_pem(&mut self) -> String {
        let mut octets = vec![0x04, 0x81, 0xA0];
        octets.extend(self.bytes(0xA0));
        let mut inner = vec![0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70];
        inner.extend(octets);
        let mut der = vec![0x30, 0x81, inner.len() as u8];
        der.extend(inner);
        let body = STANDARD.encode(der);
        let lines: Vec<&str> = body
            .as_bytes()
            .chunks(64)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----",
            lines.join("\n")
        )
    }

    /// A Visa-range number with a valid Luhn digit.
    fn card(&mut self) -> String {
        let mut digits: Vec<u32> = vec![4];
        digits.extend((0..14).map(|_| (self.next() % 10) as u32));
        let sum: u32 = digits
            .iter()
            .rev()
            .enumerate()
            .map(|(i, &d)| {
                if i % 2 == 0 {
                    if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
                } else {
                    d
                }
            })
            .sum();
        digits.push((10 - sum % 10) % 10);
        let text: String = digits
            .iter()
            .map(|d| char::from_digit(*d, 10).unwrap())
            .collect();
        format!(
            "{} {} {} {}",
            &text[..4],
            &text[4..8],
            &text[8..12],
            &text[12..]
        )
    }
}

fn scan_text(text: &str) -> Report {
    scan(text.as_bytes(), "pasted.txt", &ScanOptions::default()).expect("text always scans")
}

fn rules_found(report: &Report) -> BTreeSet<String> {
    report.findings.iter().map(|f| f.rule.clone()).collect()
}

/// Asserts the report found exactly `expected` (by rule id), naming rule
/// ids and previews only.
fn assert_rules(report: &Report, expected: &[&str]) {
    let found = rules_found(report);
    let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
    let summary: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("{} {}", f.rule, f.preview))
        .collect();
    assert_eq!(found, expected, "findings: {summary:?}");
}

/// Asserts that no planted secret appears anywhere in the report's JSON.
fn assert_no_secret_in_json(report: &Report, planted: &[&str]) {
    let json = serde_json::to_string(report).unwrap();
    for (index, secret) in planted.iter().enumerate() {
        assert!(
            !json.contains(secret),
            "planted secret #{index} appears in the report JSON"
        );
    }
}

#[test]
fn env_file_with_several_secrets() {
    let mut s = Synth(0x5eed_0001);
    let github = s.checksummed("ghp_");
    let aws_secret = s.pick(ALNUM, 40);
    let stripe = format!("sk_live_{}", s.pick(ALNUM, 40));
    let db_password = s.pick(ALNUM, 14);
    let env = format!(
        "# production\nNODE_ENV=production\nAWS_ACCESS_KEY_ID=AKIAZ4QW7RT2LX5MN3PB\nAWS_SECRET_ACCESS_KEY={aws_secret}\n\
         GITHUB_TOKEN={github}\nSTRIPE_SECRET_KEY={stripe}\n\
         DATABASE_URL=postgres://billing:{db_password}@db.internal:5432/billing\nADMIN_PASSWORD=Summer2024!\n\
         REDIS_PASSWORD=${{REDIS_PASSWORD}}\nLOG_LEVEL=info\n"
    );
    let report = scan_text(&env);
    assert_rules(
        &report,
        &[
            // The key id is paired into the secret key's finding.
            "aws.secret_access_key",
            "github.classic_pat",
            "stripe.secret_key",
            "database.url_with_password",
            "generic.password_assignment",
        ],
    );
    assert_eq!(report.verdict, Verdict::Block);
    let github_finding = report
        .findings
        .iter()
        .find(|f| f.rule == "github.classic_pat")
        .unwrap();
    assert!(
        github_finding.validated,
        "the CRC-32 confirms the GitHub token"
    );
    assert_eq!(github_finding.location.line, Some(5));
    assert_eq!(github_finding.location.column, Some(14));
    assert_no_secret_in_json(
        &report,
        &[&github, &aws_secret, &stripe, &db_password, "Summer2024!"],
    );
}

#[test]
fn json_config_with_service_account_and_keys() {
    let mut s = Synth(0x5eed_0002);
    let google = format!("AIza{}", s.pick(ALNUM, 35));
    let webhook = s.pick(ALNUM, 24);
    let pem = s.pkcs8_pem().replace('\n', "\\n");
    let config = format!(
        r#"{{
  "maps": {{ "api_key": "{google}" }},
  "alerts": {{ "slack": "https://hooks.slack.com/services/T04QZ8M2KLV/B05R7NX3PQT/{webhook}" }},
  "credentials": {{
    "type": "service_account",
    "project_id": "ledger-prod-7731",
    "private_key_id": "{key_id}",
    "private_key": "{pem}\n",
    "client_email": "ledger@ledger-prod-7731.iam.gserviceaccount.com"
  }},
  "request_id": "3f2b8a1c-9d4e-4f6a-8b7c-2e1d0a9f8b7c"
}}"#,
        key_id = s.pick(HEX, 40),
    );
    let report = scan_text(&config);
    assert_rules(
        &report,
        &["google.api_key", "slack.webhook_url", "gcp.service_account"],
    );
    let gcp = report
        .findings
        .iter()
        .find(|f| f.rule == "gcp.service_account")
        .unwrap();
    assert!(gcp.validated, "the key body decodes to DER");
    assert!(
        gcp.preview.starts_with("MI"),
        "preview shows body characters, not the PEM header: {}",
        gcp.preview
    );
    assert_no_secret_in_json(&report, &[&google, &webhook]);
}

#[test]
fn yaml_with_nested_credentials() {
    let mut s = Synth(0x5eed_0003);
    let openai = format!("sk-proj-{}T3BlbkFJ{}", s.pick(ALNUM, 74), s.pick(ALNUM, 74));
    let sendgrid = format!("SG.{}.{}", s.pick(ALNUM, 22), s.pick(ALNUM, 43));
    let yaml = format!(
        "services:\n  api:\n    image: registry.internal/api:1.42.0\n    environment:\n      OPENAI_API_KEY: \"{openai}\"\n      \
         SENDGRID_API_KEY: {sendgrid}\n      DB_PASSWORD: \"{{{{ vault_db_password }}}}\"\n  db:\n    \
         password: 'Harbor-Lights-77'\n    secretKeyRef:\n      name: db-secret\n"
    );
    let report = scan_text(&yaml);
    assert_rules(
        &report,
        &[
            "openai.api_key",
            "sendgrid.api_key",
            "generic.password_assignment",
        ],
    );
    let openai_finding = report
        .findings
        .iter()
        .find(|f| f.rule == "openai.api_key")
        .unwrap();
    assert!(
        openai_finding.validated,
        "the T3BlbkFJ marker confirms the key"
    );
    assert_no_secret_in_json(&report, &[&openai, &sendgrid, "Harbor-Lights-77"]);
}

#[test]
fn python_code_with_literals_and_references() {
    let mut s = Synth(0x5eed_0004);
    let anthropic = format!("sk-ant-api03-{}AA", s.pick(ALNUM, 93));
    let hf = format!("hf_{}", s.pick(&ALNUM[..52], 34));
    let code = format!(
        "import os\nimport anthropic\n\nclient = anthropic.Anthropic(api_key=\"{anthropic}\")\n\
         HF_TOKEN = \"{hf}\"\nDB_PASSWORD = os.environ[\"DB_PASSWORD\"]\n\n\
         def login(user: str, password: str) -> bool:\n    digest = hashlib.sha256(password.encode()).hexdigest()\n    \
         return digest == \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"\n"
    );
    let report = scan_text(&code);
    assert_rules(&report, &["anthropic.api_key", "huggingface.access_token"]);
    assert_no_secret_in_json(&report, &[&anthropic, &hf]);
}

#[test]
fn chat_message_with_a_key_a_card_and_a_private_key() {
    let mut s = Synth(0x5eed_0005);
    let npm = s.checksummed("npm_");
    let card = s.card();
    let pem = s.pkcs8_pem();
    let chat = format!(
        "hey, publishing fails with 403 — here is my .npmrc token {npm} can you check it?\n\
         also the refund for order 88412 should go to my card {card}, thanks!\n\
         and this is the deploy key, don't share it:\n{pem}\n"
    );
    let report = scan_text(&chat);
    assert_rules(
        &report,
        &["npm.access_token", "pii.payment_card", "private_key.pkcs8"],
    );
    assert!(
        report.findings.iter().all(|f| f.validated),
        "all three carry a checksum or structure"
    );
    assert_no_secret_in_json(&report, &[&npm, &card, &card.replace(' ', "")]);
}

#[test]
fn log_lines_with_bearer_tokens() {
    let mut s = Synth(0x5eed_0006);
    let jwt = s.jwt();
    let slack = format!(
        "xoxb-{}-{}-{}",
        s.pick(b"0123456789", 12),
        s.pick(b"0123456789", 13),
        s.pick(ALNUM, 24)
    );
    let log = format!(
        "2024-06-11T10:22:01.345Z INFO  http request method=GET path=/v1/orders status=200 duration_ms=41 \
         trace_id=4bf92f3577b34da6a3ce929d0e0e4736\n\
         2024-06-11T10:22:02.001Z DEBUG outgoing headers={{\"Authorization\": \"Bearer {jwt}\"}}\n\
         2024-06-11T10:22:03.118Z WARN  slack notify failed token={slack} error=ratelimited\n"
    );
    let report = scan_text(&log);
    assert_rules(&report, &["jwt.token", "slack.bot_token"]);
    assert_no_secret_in_json(&report, &[&jwt, &slack]);
}

#[test]
fn specific_rules_win_over_generic_ones() {
    let mut s = Synth(0x5eed_0007);
    let google = format!("AIza{}", s.pick(ALNUM, 35));
    let report = scan_text(&format!("api_key = \"{google}\"\n"));
    assert_rules(&report, &["google.api_key"]);
}

#[test]
fn secret_free_text_produces_no_findings() {
    let mut s = Synth(0x5eed_0008);
    let png = STANDARD.encode(s.bytes(600));
    let corpus = format!(
        "Release notes for version 4.2.1 (build 20240611, commit 9fceb02d0ae598e95dc970b74767f19372d61af8).\n\
         The password field must be at least 12 characters; the password is hashed with argon2id before storage.\n\
         Set `api_key` in the config, e.g. `api_key: ${{WIDGETLY_API_KEY}}`, or export WIDGETLY_API_KEY.\n\
         Each request carries a request id such as 3f2b8a1c-9d4e-4f6a-8b7c-2e1d0a9f8b7c and a trace id.\n\
         Checksums: sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, \
         md5 9e107d9d372bb6826bd81d3542a419d6.\n\
         \"integrity\": \"sha512-{integrity}\",\n\
         <img src=\"data:image/png;base64,{png}\" alt=\"chart\">\n\
         Call us on +1 415 555 0132 or 020 7946 0958; invoice INV-2024-000731 totals 1,249.00 EUR.\n\
         ISBN 978-0-306-40615-7. Tracking number 1Z999AA10123456784. Order 5511223344556677.\n\
         The token bucket refills at 100 tokens per second; secrets are stored in the vault.\n\
         fn main() {{ let key = compute_key(&seed); let secret_len = 32; println!(\"{{key:?}}\"); }}\n\
         password = get_password_from_keyring(service)\n\
         -----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ7j\n-----END CERTIFICATE-----\n\
         ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@bastion\n",
        integrity = STANDARD.encode(s.bytes(64)),
    );
    let report = scan_text(&corpus);
    let summary: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("{} {}", f.rule, f.preview))
        .collect();
    assert!(report.findings.is_empty(), "false alarms: {summary:?}");
    assert_eq!(
        report.stats.bytes_scanned,
        corpus.len() as u64,
        "the whole corpus was scanned"
    );
    assert_eq!(report.verdict, Verdict::Allow);
}

#[test]
fn previews_show_at_most_eight_characters_and_a_quarter() {
    let mut s = Synth(0x5eed_0009);
    let text = format!(
        "GITHUB_TOKEN={}\nSSN 536-22-4178\npassword: Kestrel!88\nIBAN DE89 3704 0044 0532 0130 00\n{}\ncard {}\n",
        s.checksummed("ghp_"),
        s.pkcs8_pem(),
        s.card()
    );
    let options = ScanOptions {
        include_secrets: true,
        ..ScanOptions::default()
    };
    let report = scan(text.as_bytes(), "mixed.txt", &options).unwrap();
    assert!(
        report.findings.len() >= 6,
        "found {:?}",
        rules_found(&report)
    );
    for finding in &report.findings {
        let secret = finding.secret.as_deref().expect("asked for secrets");
        let shown = finding.preview.trim_end_matches('…').chars().count();
        assert!(
            shown <= 8,
            "{}: preview shows {shown} characters",
            finding.rule
        );
        assert!(
            shown * 4 <= secret.chars().count(),
            "{}: preview shows more than a quarter",
            finding.rule
        );
        assert!(
            secret.starts_with(finding.preview.trim_end_matches('…')),
            "{}: preview is the secret's start",
            finding.rule
        );
    }
    let without = scan(text.as_bytes(), "mixed.txt", &ScanOptions::default()).unwrap();
    assert!(
        without.findings.iter().all(|f| f.secret.is_none()),
        "secrets only on request"
    );
}

#[test]
fn line_column_and_length_point_at_exactly_the_secret() {
    let key = "AKIAQ7RT2LX5MN3PBZ4W";
    let pass = "Tr0ub4dor!3xQ";
    let text =
        format!("# café ünïcode first\nAWS_ACCESS_KEY_ID={key}\n  db_password = \"{pass}\"\n");
    let report = scan_text(&text);
    let lines: Vec<&str> = text.lines().collect();
    let mut located = Vec::new();
    for finding in &report.findings {
        let location = &finding.location;
        let (line, column, length) = (
            location.line.unwrap() as usize,
            location.column.unwrap() as usize,
            location.length.unwrap() as usize,
        );
        let span: String = lines[line - 1]
            .chars()
            .skip(column - 1)
            .take(length)
            .collect();
        located.push(span);
    }
    assert!(located.iter().any(|s| s == key), "the key's span is exact");
    assert!(
        located.iter().any(|s| s == pass),
        "the password's span is exact"
    );
}
