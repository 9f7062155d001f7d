//! Secrets inside base64, percent-encoding and string escapes: found with
//! `decoded` set and located at their encoded form; never reported twice;
//! and hostile encodings (huge blobs, deep nesting, floods) finish with a
//! report.
//!
//! Every token is generated here from a fixed seed with its real structure,
//! so nothing in this file is a real credential. Failure messages show rule
//! ids and previews, never the planted values.

mod common;
use common::Synth;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use scanner_core::{Finding, Limits, Report, ScanOptions, Verdict, WarningCode, scan};

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

impl Synth {
    /// A GitHub classic token: `ghp_` + 30 random + base62(CRC-32), 6 wide.
    fn github(&mut self) -> String {
        let random = self.pick(ALNUM, 30);
        let mut crc = u64::from(crc32fast::hash(random.as_bytes()));
        let mut check = [b'0'; 6];
        for slot in check.iter_mut().rev() {
            *slot = BASE62[(crc % 62) as usize];
            crc /= 62;
        }
        format!("ghp_{random}{}", String::from_utf8_lossy(&check))
    }

    /// A PKCS#1-shaped RSA key body: one DER SEQUENCE starting with an
    /// INTEGER, base64 in 64-character lines.
    fn rsa_body_lines(&mut self) -> Vec<String> {
        let mut inner = vec![0x02, 0x01, 0x00, 0x02, 0x81, 0x80];
        inner.extend((0..0x80).map(|_| self.next() as u8));
        inner.extend([0x02, 0x03, 0x01, 0x00, 0x01]);
        let mut der = vec![0x30, 0x81, inner.len() as u8];
        der.extend(inner);
        let body = STANDARD.encode(der);
        body.as_bytes()
            .chunks(64)
            .map(|line| String::from_utf8_lossy(line).into_owned())
            .collect()
    }
}

fn scan_text(text: &str) -> Report {
    scan(text.as_bytes(), "pasted.txt", &ScanOptions::default()).expect("text always scans")
}

fn summary(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .map(|f| format!("{} {} {:?}", f.rule, f.preview, f.decoded))
        .collect()
}

/// The characters a finding's location points at, by line, column and
/// length (in characters, counted over line breaks), as a client redacting
/// its copy would take them.
fn located<'a>(text: &'a str, finding: &Finding) -> &'a str {
    let location = &finding.location;
    let line_start: usize = text
        .split_inclusive('\n')
        .take(location.line.unwrap() as usize - 1)
        .map(str::len)
        .sum();
    let mut chars = text[line_start..]
        .char_indices()
        .map(|(i, _)| line_start + i);
    let start = chars.nth(location.column.unwrap() as usize - 1).unwrap();
    let length = location.length.unwrap() as usize;
    let end = text[start..]
        .char_indices()
        .nth(length)
        .map_or(text.len(), |(i, _)| start + i);
    &text[start..end]
}

fn the_finding<'a>(report: &'a Report, rule: &str) -> &'a Finding {
    let found: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == rule).collect();
    assert_eq!(found.len(), 1, "one {rule}: {:?}", summary(report));
    found[0]
}

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
fn base64_of_an_env_file_is_opened_and_the_whole_blob_located() {
    let mut s = Synth(0xdec0_0001);
    let token = s.github();
    let env = format!("NODE_ENV=production\nGITHUB_TOKEN={token}\nLOG_LEVEL=info\n");
    let blob = STANDARD.encode(&env);
    let text = format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-env\ndata:\n  .env: {blob}\n"
    );
    let report = scan_text(&text);
    let finding = the_finding(&report, "github.classic_pat");
    assert_eq!(finding.decoded.as_deref(), Some("base64"));
    assert!(
        finding.validated,
        "the checksum is checked on the decoded token"
    );
    // The blob is 120 characters and the token's quanta cross its middle.
    assert_eq!(located(&text, finding), blob, "location is the whole blob");
    assert_eq!(finding.location.line, Some(6));
    assert_eq!(finding.location.column, Some(9));
    assert!(
        finding.preview.starts_with("ghp_"),
        "preview of the decoded token"
    );
    assert_no_secret_in_json(&report, &[&token]);
    // `max_decoded_bytes = 0` turns decoding off.
    let off = ScanOptions {
        limits: Limits {
            max_decoded_bytes: 0,
            ..Limits::default()
        },
        ..ScanOptions::default()
    };
    let report = scan(text.as_bytes(), "secret.yaml", &off).unwrap();
    assert!(report.findings.is_empty(), "{:?}", summary(&report));
    // The fingerprint is the plain token's, so the two correlate.
    let plain = scan_text(&format!("GITHUB_TOKEN={token}\n"));
    assert_eq!(plain.findings[0].fingerprint, finding.fingerprint);
}

#[test]
fn base64url_without_padding_is_opened() {
    let mut s = Synth(0xdec0_0002);
    let token = s.github();
    let blob = URL_SAFE_NO_PAD.encode(format!("{{\"token\":\"{token}\",\"scope\":\"repo\"}}??>>"));
    assert!(blob.contains(['-', '_']) && !blob.ends_with('='));
    let text = format!("https://ci.internal/callback?state={blob}&step=2\n");
    let report = scan_text(&text);
    let finding = the_finding(&report, "github.classic_pat");
    assert_eq!(finding.decoded.as_deref(), Some("base64"));
    assert_eq!(located(&text, finding), blob);
}

/// `text` in base64 lines of `width` characters, each after `indent`.
fn wrapped(text: &str, width: usize, indent: &str) -> String {
    STANDARD
        .encode(text)
        .as_bytes()
        .chunks(width)
        .map(|line| format!("{indent}{}", String::from_utf8_lossy(line)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn wrapped_base64_is_opened_as_one_block() {
    let mut s = Synth(0xdec0_0007);
    let token = s.github();
    // The token starts at decoded byte 33 and ends at 73, so the line break
    // after byte 57 (76 characters) cuts it: line by line it is not there.
    let env = format!("NODE_ENV=production\nGITHUB_TOKEN={token}\nLOG_LEVEL=info\n");
    for (width, indent) in [(76, ""), (64, "    "), (76, "\t")] {
        let block = wrapped(&env, width, indent);
        assert!(block.lines().count() >= 2);
        let text = format!("$ base64 app.env\n{block}\n$ \n");
        let report = scan_text(&text);
        let finding = the_finding(&report, "github.classic_pat");
        assert_eq!(finding.decoded.as_deref(), Some("base64"));
        assert!(finding.validated);
        assert_eq!(finding.location.line, Some(2), "the block's first line");
        assert_eq!(finding.location.column, Some(1 + indent.len() as u32));
        let located = block.trim_start_matches(indent).chars().count();
        assert_eq!(
            finding.location.length,
            Some(located as u32),
            "both lines of the block encode part of the token"
        );
        assert_no_secret_in_json(&report, &[&token]);
    }
    // CRLF line breaks, and the key name on a line of its own before it.
    let block = wrapped(&env, 76, "  ").replace('\n', "\r\n");
    let text = format!("data:\r\n  app.env: |\r\n{block}\r\n");
    let finding_rules: Vec<String> = scan_text(&text)
        .findings
        .iter()
        .map(|f| f.rule.clone())
        .collect();
    assert!(
        finding_rules
            .iter()
            .any(|rule| rule == "github.classic_pat"),
        "{finding_rules:?}"
    );
}

#[test]
fn a_hit_deep_in_a_long_base64_block_is_located_at_its_own_quanta() {
    let mut s = Synth(0xdec0_000c);
    let token = s.github();
    let mut env = "LOG_LEVEL=info\n".repeat(2000);
    let token_at = env.len() + "GITHUB_TOKEN=".len();
    env.push_str(&format!("GITHUB_TOKEN={token}\n"));
    env.push_str(&"LOG_LEVEL=info\n".repeat(100));
    // The characters before the quantum holding the token's first byte.
    let before = STANDARD
        .encode(&env.as_bytes()[..token_at - token_at % 3])
        .len();
    for (width, text) in [
        (76, wrapped(&env, 76, "")),
        (usize::MAX, STANDARD.encode(&env)),
    ] {
        let report = scan_text(&text);
        let finding = the_finding(&report, "github.classic_pat");
        assert_eq!(finding.decoded.as_deref(), Some("base64"));
        assert_eq!(finding.location.line, Some((before / width) as u32 + 1));
        let encoded: String = located(&text, finding)
            .chars()
            .filter(|&c| c != '\n')
            .collect();
        // A wrapped line or 64 characters each side at most, not the block.
        assert!(encoded.len() <= 3 * 76, "{} characters", encoded.len());
        let decoded = STANDARD.decode(&encoded).expect("whole quanta");
        assert!(String::from_utf8(decoded).unwrap().contains(&token));
        assert_no_secret_in_json(&report, &[&token]);
    }
}

#[test]
fn wrapped_base64_of_a_pem_key_is_reported_by_the_key_rule() {
    let mut s = Synth(0xdec0_0009);
    let body = s.rsa_body_lines().join("\n");
    let pem = format!("-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n");
    let text = format!("signing_key: |\n{}\nnext: 1\n", wrapped(&pem, 76, "  "));
    let report = scan_text(&text);
    let finding = the_finding(&report, "private_key.rsa");
    assert_eq!(finding.decoded.as_deref(), Some("base64"));
    assert!(finding.validated, "the DER body is checked after decoding");
    assert_eq!(report.findings.len(), 1, "{:?}", summary(&report));
    // A certificate wrapped the same way is public: nothing to report.
    let cert = pem.replace("RSA PRIVATE KEY", "CERTIFICATE");
    let report = scan_text(&format!("tls.crt: |\n{}\n", wrapped(&cert, 76, "  ")));
    assert!(report.findings.is_empty(), "{:?}", summary(&report));
}

#[test]
fn lines_that_only_look_wrapped_are_still_opened_one_by_one() {
    let mut s = Synth(0xdec0_0008);
    let token = s.github();
    // A 60-character identifier over the base64 of a token (56 characters):
    // same width or less, so they look like one block, which does not
    // decode; the token's own line still does.
    let blob = STANDARD.encode(&token);
    let identifier = s.pick(ALNUM, 60);
    let text = format!("cache_key:\n{identifier}\n{blob}\n");
    let report = scan_text(&text);
    let finding = the_finding(&report, "github.classic_pat");
    assert_eq!(finding.decoded.as_deref(), Some("base64"));
    assert_eq!(located(&text, finding), blob);
}

#[test]
fn percent_encoded_password_in_a_url_is_located_exactly() {
    let mut s = Synth(0xdec0_0003);
    let password = format!("{}#{}!", s.pick(ALNUM, 10), s.pick(ALNUM, 4));
    let encoded = password.replace('#', "%23").replace('!', "%21");
    let text = format!(
        "GET /connect?dsn=postgres%3A%2F%2Fbilling%3A{encoded}%40db.internal%3A5432%2Fbilling HTTP/1.1\n"
    );
    let report = scan_text(&text);
    let finding = the_finding(&report, "database.url_with_password");
    assert_eq!(finding.decoded.as_deref(), Some("percent"));
    assert_eq!(
        located(&text, finding),
        encoded,
        "exactly the encoded password"
    );
    assert_no_secret_in_json(&report, &[&password]);
}

#[test]
fn json_escaped_pem_is_found_once_by_the_plain_rule() {
    let mut s = Synth(0xdec0_0004);
    let body = s.rsa_body_lines().join("\\n");
    let text = format!(
        "{{\n  \"type\": \"service_account\",\n  \"private_key_id\": \"4e1f\",\n  \"private_key\": \"-----BEGIN RSA PRIVATE KEY-----\\n{body}\\n-----END RSA PRIVATE KEY-----\\n\",\n  \"client_email\": \"deployer@billing-prod.iam.gserviceaccount.com\"\n}}\n"
    );
    let report = scan_text(&text);
    let finding = the_finding(&report, "private_key.rsa");
    assert_eq!(finding.decoded, None, "the rule reads `\\n` escapes itself");
    assert!(finding.validated);
    assert_eq!(located(&text, finding), body);
}

#[test]
fn pem_with_escaped_slashes_is_found_through_decoding() {
    // PHP's json_encode writes `/` as `\/`, which no PEM body holds.
    let mut s = Synth(0xdec0_0005);
    let lines = s.rsa_body_lines();
    let escaped = lines.join("\\n").replace('/', "\\/");
    assert!(
        escaped.contains("\\/"),
        "the body needs a slash for this test"
    );
    let text = format!(
        "{{\"private_key\":\"-----BEGIN RSA PRIVATE KEY-----\\n{escaped}\\n-----END RSA PRIVATE KEY-----\\n\"}}"
    );
    let report = scan_text(&text);
    let finding = the_finding(&report, "private_key.rsa");
    assert_eq!(finding.decoded.as_deref(), Some("escape"));
    assert!(finding.validated);
    assert_eq!(
        located(&text, finding),
        escaped,
        "the escaped body, exactly"
    );
}

#[test]
fn unicode_escapes_and_surrogate_pairs_decode() {
    let mut s = Synth(0xdec0_0006);
    let password = format!("{}&{}", s.pick(ALNUM, 8), s.pick(ALNUM, 6));
    // Go's encoder writes `&` as \u0026; the emoji is a surrogate pair.
    let escaped = password.replace('&', "\\u0026");
    let text =
        format!("{{\"dsn\":\"\\ud83d\\ude00 mysql:\\/\\/app:{escaped}@db.internal:3306\\/shop\"}}");
    let report = scan_text(&text);
    let finding = the_finding(&report, "database.url_with_password");
    assert_eq!(finding.decoded.as_deref(), Some("escape"));
    assert_eq!(located(&text, finding), escaped);
}

#[test]
fn base64_of_json_with_escapes_is_opened_two_layers_deep() {
    let mut s = Synth(0xdec0_0007);
    let token = s.github();
    // `\n` glued to the token hides it from a word boundary until unescaped.
    let json = format!("{{\"script\":\"set -e\\n{token}\\n\"}}");
    let blob = STANDARD.encode(&json);
    let text = format!("payload={blob}\n");
    let report = scan_text(&text);
    let finding = the_finding(&report, "github.classic_pat");
    assert_eq!(finding.decoded.as_deref(), Some("base64+escape"));
    assert_eq!(located(&text, finding), blob);
}

#[test]
fn a_secret_visible_as_plain_text_is_reported_once() {
    let mut s = Synth(0xdec0_0008);
    let token = s.github();
    // Visible inside an escaped JSON string and in a percent-encoded URL.
    let text = format!(
        "{{\"env\": \"A=1\\nGITHUB_TOKEN={token}\\nB=2\"}}\nhttps://h.internal/?t={token}&x=%41%42\n"
    );
    let report = scan_text(&text);
    let found: Vec<&Finding> = report.findings.iter().collect();
    assert_eq!(found.len(), 2, "{:?}", summary(&report));
    for finding in found {
        assert_eq!(finding.rule, "github.classic_pat");
        assert_eq!(finding.decoded, None, "plain hits stay plain");
        assert_eq!(located(&text, finding), token);
    }
}

#[test]
fn a_jwt_is_one_finding_not_its_decoded_parts() {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD
        .encode(br#"{"sub":"u-7f3a","email":"dana.whitfield@corp.internal","iat":1718000000}"#);
    let mut s = Synth(0xdec0_0009);
    let text = format!(
        "Authorization: Bearer {header}.{payload}.{}\n",
        s.pick(ALNUM, 43)
    );
    let report = scan_text(&text);
    assert_eq!(report.findings.len(), 1, "{:?}", summary(&report));
    assert_eq!(report.findings[0].rule, "jwt.token");
}

#[test]
fn plain_prose_and_code_gain_no_findings() {
    let text = "fn main() {\n    println!(\"hello\\tworld\\n\");\n    let url = \"https://docs.rs/search?q=base64%20decode\";\n    let id = \"VGhpcyBpcyBqdXN0IGEgbm90ZSBhYm91dCBsdW5jaC4=\";\n}\n";
    let report = scan_text(text);
    assert!(report.findings.is_empty(), "{:?}", summary(&report));
}

fn nest_base64(text: &str, times: usize) -> String {
    (0..times).fold(text.to_string(), |inner, _| STANDARD.encode(inner))
}

#[test]
fn nesting_is_opened_two_layers_deep_and_no_deeper() {
    let mut s = Synth(0xdec0_000a);
    let token = s.github();
    let env = format!("GITHUB_TOKEN={token}\n");
    let two = scan_text(&format!("x: {}\n", nest_base64(&env, 2)));
    assert_eq!(
        the_finding(&two, "github.classic_pat").decoded.as_deref(),
        Some("base64+base64")
    );
    let three = scan_text(&format!("x: {}\n", nest_base64(&env, 3)));
    assert!(three.findings.is_empty(), "{:?}", summary(&three));
}

/// Scans text that must finish with a report, whatever it costs.
fn scan_hostile(text: &[u8]) -> Report {
    scan(text, "hostile.txt", &ScanOptions::default()).expect("hostile text still scans")
}

#[test]
fn a_huge_base64_blob_is_decoded_within_the_budget() {
    let mut s = Synth(0xdec0_000b);
    let token = s.github();
    // 6 MB of printable text with a token at its end, as one base64 run.
    let mut inner = "lorem ipsum dolor sit amet, ".repeat(6 << 20 >> 5);
    inner.push_str(&format!("\nGITHUB_TOKEN={token}\n"));
    let blob = STANDARD.encode(&inner);
    let report = scan_hostile(format!("data: {blob}\n").as_bytes());
    assert_eq!(
        the_finding(&report, "github.classic_pat")
            .decoded
            .as_deref(),
        Some("base64")
    );

    // A budget smaller than the blob stops decoding, not the scan.
    let options = ScanOptions {
        limits: Limits {
            max_decoded_bytes: 1 << 20,
            ..Limits::default()
        },
        ..ScanOptions::default()
    };
    let report = scan(format!("data: {blob}\n").as_bytes(), "b.txt", &options).unwrap();
    assert!(report.findings.is_empty(), "{:?}", summary(&report));
    // ... and says so, so the report is no `allow`.
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::Limit && w.message.contains("not opened")),
        "{:?}",
        report.warnings
    );
    assert_ne!(report.verdict, Verdict::Allow);

    // Text dense with short encoded values is opened whole, with no warning.
    let env: String = (0..3000)
        .map(|i| format!("v={}\n", STANDARD.encode(format!("value {i:06} of many"))))
        .collect();
    let report = scan_hostile(env.as_bytes());
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);

    // Binary data (an embedded image) is given up on at once.
    let binary: Vec<u8> = (0..4 << 20).map(|_| s.next() as u8).collect();
    let report = scan_hostile(format!("img: {}\n", STANDARD.encode(binary)).as_bytes());
    assert!(report.findings.is_empty(), "{:?}", summary(&report));
}

#[test]
fn deep_base64_nesting_finishes() {
    let mut s = Synth(0xdec0_000c);
    let token = s.github();
    let report = scan_hostile(nest_base64(&format!("GITHUB_TOKEN={token}\n"), 12).as_bytes());
    assert!(report.findings.is_empty(), "{:?}", summary(&report));
}

#[test]
fn a_percent_flood_finishes() {
    let report = scan_hostile("%41".repeat(10 << 20 >> 2).as_bytes());
    assert!(report.findings.is_empty(), "{:?}", summary(&report));
    let report = scan_hostile("%00%ff".repeat(1 << 20).as_bytes());
    assert!(report.findings.is_empty(), "{:?}", summary(&report));
}

#[test]
fn an_escape_flood_finishes() {
    let report = scan_hostile(format!("\"{}\"", "\\u0041".repeat(1 << 20)).as_bytes());
    assert!(report.findings.is_empty(), "{:?}", summary(&report));
    // Lone surrogates, and escapes closing no string.
    let report = scan_hostile("\\ud83d\\n\\\\\\x".repeat(1 << 19).as_bytes());
    assert!(report.findings.is_empty(), "{:?}", summary(&report));
}
