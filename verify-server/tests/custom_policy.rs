//! Custom rules, allowlists and the verdict policy, from the command line
//! (`--rules`, `--allowlist`, `--block-at`) and the server's environment
//! (`NOSPILL_RULES`, `NOSPILL_ALLOWLIST`, `NOSPILL_BLOCK_AT`).
//!
//! Tokens are synthetic and random per run; every test checks that none
//! of them reaches stdout, stderr or a response.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// `acme_` and 32 random lowercase letters and digits: a token format no
/// built-in rule knows.
fn acme_token() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut random = [0u8; 32];
    getrandom::fill(&mut random).unwrap();
    let body: String = random
        .iter()
        .map(|b| ALPHABET[(*b % 36) as usize] as char)
        .collect();
    format!("acme_{body}")
}

fn acme_rules(example: &str) -> String {
    format!(
        r#"# Acme's internal tokens
[[rule]]
id = "acme.api_token"
name = "Acme API token"
category = "secret"
severity = "critical"
confidence = "high"
risk = "Grants access to Acme's internal API."
reference = "https://acme.invalid/docs/tokens"
keywords = ["acme_"]
pattern = '''\b(acme_[a-z0-9]{{32}})\b'''
examples = ["ACME_TOKEN={example}"]
negative_examples = ["acme_short"]
"#
    )
}

fn scan(cwd: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(cwd)
        .arg("scan")
        .args(args)
        .env("NOSPILL_FINGERPRINT_KEY", TEST_FINGERPRINT_KEY)
        .env_remove("NOSPILL_RULES")
        .env_remove("NOSPILL_ALLOWLIST")
        .env_remove("NOSPILL_BLOCK_AT")
        .env_remove("NOSPILL_WARN_AT")
        .env_remove("NOSPILL_IGNORE_INLINE_ALLOW")
        .output()
        .expect("run verify-server scan")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn reports(output: &Output) -> Vec<Value> {
    let json: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|err| panic!("stdout is not JSON ({err}): {}", text(&output.stderr)));
    json.as_array().unwrap().clone()
}

fn report_for<'a>(reports: &'a [Value], name: &str) -> &'a Value {
    reports
        .iter()
        .find(|r| r["file"]["name"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no report for {name}"))
}

#[test]
fn scan_with_custom_rules_and_an_allowlist() {
    let dir = TempDir::new("policy-cli");
    let (example, planted, allowed_key, kept_key) =
        (acme_token(), acme_token(), fake_aws_key(), fake_aws_key());
    dir.write("rules/acme.toml", acme_rules(&example).as_bytes());
    dir.write("rules/README.md", b"not a rule file");
    let fingerprint = expected_fingerprint(TEST_FINGERPRINT_KEY.as_bytes(), &allowed_key);
    dir.write(
        "allow.toml",
        format!("fingerprints = [\"{fingerprint}\"]\npaths = ['(^|/)fixtures/']\n").as_bytes(),
    );
    dir.write("deploy.sh", format!("export ACME={planted}\n").as_bytes());
    dir.write(
        "known.env",
        format!("AWS_ACCESS_KEY_ID={allowed_key}\n").as_bytes(),
    );
    dir.write(
        "fixtures/old.env",
        format!("AWS_ACCESS_KEY_ID={kept_key}\n").as_bytes(),
    );
    dir.write(
        "inline.env",
        format!("AWS_ACCESS_KEY_ID={kept_key} # nospill:allow:aws.access_key_id\n").as_bytes(),
    );
    let output = scan(
        dir.path(),
        &[
            "--format",
            "json",
            "--rules",
            "rules",
            "--allowlist",
            "allow.toml",
            "deploy.sh",
            "known.env",
            "fixtures",
            "inline.env",
        ],
    );
    let secrets = [example, planted, allowed_key, kept_key];
    assert_no_secrets(&text(&output.stdout), &secrets, "stdout");
    assert_no_secrets(&text(&output.stderr), &secrets, "stderr");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let reports = reports(&output);
    let deploy = report_for(&reports, "deploy.sh");
    assert_eq!(deploy["verdict"], "block");
    assert_eq!(deploy["findings"][0]["rule"], "acme.api_token");
    for name in ["known.env", "old.env", "inline.env"] {
        let report = report_for(&reports, name);
        assert_eq!(report["verdict"], "allow", "{name}");
        assert_eq!(report["findings"], Value::Array(vec![]), "{name}");
        assert_eq!(report["stats"]["suppressed"], 1, "{name}");
    }

    // The same files without the policy: the custom token goes unseen and
    // the allowed keys are found.
    let plain = scan(
        dir.path(),
        &["--format", "json", "deploy.sh", "known.env", "fixtures"],
    );
    let reports = self::reports(&plain);
    assert_eq!(report_for(&reports, "deploy.sh")["verdict"], "allow");
    assert_eq!(report_for(&reports, "known.env")["verdict"], "block");
    assert_eq!(report_for(&reports, "old.env")["verdict"], "block");
    assert_no_secrets(&text(&plain.stdout), &secrets, "stdout");
}

#[test]
fn text_output_counts_allowed_findings_and_block_at_relaxes_the_verdict() {
    let dir = TempDir::new("policy-text");
    let key = fake_aws_key();
    dir.write(
        "creds.env",
        format!("A={key} # nospill:allow\nB={key}\n").as_bytes(),
    );
    let output = scan(dir.path(), &["--block-at", "critical/high", "creds.env"]);
    let stdout = text(&output.stdout);
    assert_no_secrets(&stdout, std::slice::from_ref(&key), "stdout");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(
        stdout.starts_with("creds.env: warn (text, ") && stdout.contains("1 finding, 1 allowed)"),
        "{stdout}"
    );

    let strict = scan(dir.path(), &["--ignore-inline-allow", "creds.env"]);
    let stdout = text(&strict.stdout);
    assert!(
        stdout.contains("creds.env: block (") && stdout.contains("2 findings)"),
        "{stdout}"
    );
}

#[test]
fn bad_policy_files_stop_the_scan_with_file_and_line() {
    let dir = TempDir::new("policy-bad");
    let example = acme_token();
    dir.write("notes.txt", b"nothing here\n");
    // The example is too short for the pattern: the rule misses it.
    let short = &example[..20];
    dir.write("missing.toml", acme_rules(short).as_bytes());
    dir.write("syntax.toml", b"[[rule]]\nid = \"acme.x\"\nname = \n");
    dir.write("allow.toml", b"paths = ['ok']\npatterns = ['(broken']\n");
    dir.write("typo.toml", b"rules = [\"aws.acces_key_id\"]\n");

    let output = scan(dir.path(), &["--rules", "missing.toml", "notes.txt"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("missing.toml") && stderr.contains("acme.api_token"),
        "{stderr}"
    );
    assert!(stderr.contains("example #0"), "{stderr}");
    assert!(!stderr.contains(short), "stderr quotes the example");
    assert!(output.stdout.is_empty());

    let output = scan(dir.path(), &["--rules", "syntax.toml", "notes.txt"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("syntax.toml: line 3, column"), "{stderr}");

    let output = scan(dir.path(), &["--allowlist", "allow.toml", "notes.txt"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("allow.toml: line 2, column 13: patterns"),
        "{stderr}"
    );

    let output = scan(dir.path(), &["--allowlist", "typo.toml", "notes.txt"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("aws.acces_key_id"), "{stderr}");

    // A token put in the wrong list is not echoed back whole.
    let token = acme_token();
    dir.write("token.toml", format!("rules = [\"{token}\"]\n").as_bytes());
    let output = scan(dir.path(), &["--allowlist", "token.toml", "notes.txt"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is not the id"), "{stderr}");
    assert!(!stderr.contains(&token[..12]), "stderr quotes the token");
}

#[test]
fn the_server_loads_rules_and_allowlist_from_its_environment() {
    let dir = TempDir::new("policy-serve");
    let (example, planted, allowed_key) = (acme_token(), acme_token(), fake_aws_key());
    let rules = dir.write("acme.toml", acme_rules(&example).as_bytes());
    let allowlist = dir.write(
        "allow.toml",
        format!(
            "fingerprints = [\"{}\"]\n",
            expected_fingerprint(TEST_FINGERPRINT_KEY.as_bytes(), &allowed_key)
        )
        .as_bytes(),
    );
    let server = Server::start(&[
        ("NOSPILL_RULES", rules.to_str().unwrap()),
        ("NOSPILL_ALLOWLIST", allowlist.to_str().unwrap()),
        ("NOSPILL_AUDIT_DB", ":memory:"),
    ]);
    let body = format!("ACME={planted}\nAWS_ACCESS_KEY_ID={allowed_key}\n");
    let response = server.post_raw(Some("deploy.env"), body.as_bytes());
    assert_eq!(response.status, 200, "{}", response.text());
    let report = response.json();
    assert_eq!(report["verdict"], "block");
    assert_eq!(report["findings"].as_array().unwrap().len(), 1);
    assert_eq!(report["findings"][0]["rule"], "acme.api_token");
    assert_eq!(report["stats"]["suppressed"], 1);
    let secrets = [example, planted, allowed_key];
    assert_no_secrets(&response.text(), &secrets, "response");
    assert_no_secrets(&server.output(), &secrets, "server log");
}

#[test]
fn the_server_refuses_to_start_on_a_bad_rule_file() {
    let dir = TempDir::new("policy-serve-bad");
    let rules = dir.write("broken.toml", b"[[rule]]\nid = \"acme.x\"\nname = \n");
    let mut child = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .current_dir(dir.path())
        .env("NOSPILL_RULES", &rules)
        .env("NOSPILL_AUDIT_DB", ":memory:")
        .env_remove("NOSPILL_ALLOWLIST")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("verify-server started despite a broken rule file");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    let log = format!("{}{}", text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(2), "{log}");
    assert!(log.contains("broken.toml: line 3, column"), "{log}");
    assert!(!log.contains("listening"), "{log}");
}
