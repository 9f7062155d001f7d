//! `verify-server scan`: exit codes, output formats and secret handling.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn scan(cwd: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(cwd)
        .arg("scan")
        .args(args)
        .env_remove("NOSPILL_FINGERPRINT_KEY")
        .output()
        .expect("run verify-server scan")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|err| panic!("stdout is not JSON ({err}): {}", stdout(output)))
}

#[test]
fn clean_files_exit_0_with_a_readable_summary() {
    let dir = TempDir::new("cli-clean");
    dir.write("notes.txt", b"nothing to see here\n");
    let output = scan(dir.path(), &["notes.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("notes.txt: allow (text, 20 bytes, nothing found)\n"),
        "{text}"
    );
    assert!(
        text.ends_with("1 file scanned: 0 block, 0 warn, 1 allow; 0 findings; 0 errors\n"),
        "{text}"
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn findings_exit_1_and_the_text_shows_previews_only() {
    let dir = TempDir::new("cli-found");
    let key = fake_aws_key();
    dir.write(
        "creds.txt",
        format!("first line\n  aws_access_key_id={key}\n").as_bytes(),
    );
    let output = scan(dir.path(), &["creds.txt"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    let expected = format!(
        "  AWS access key ID (high, high) at line 2 col 21: {}…\n",
        &key[..5]
    );
    assert!(text.contains(&expected), "{text}");
    assert!(text.contains("creds.txt: block (text"), "{text}");
    assert_no_secrets(&text, std::slice::from_ref(&key), "stdout");
    assert_no_secrets(&stderr(&output), &[key], "stderr");
}

#[test]
fn errors_exit_2_but_the_other_reports_are_still_printed() {
    let dir = TempDir::new("cli-errors");
    let key = fake_aws_key();
    dir.write("found.txt", key.as_bytes());
    dir.write("broken.pdf", &unreadable_pdf());
    let output = scan(
        dir.path(),
        &["--format", "json", "missing.txt", "broken.pdf", "found.txt"],
    );
    assert_eq!(output.status.code(), Some(2));
    let reports = json(&output);
    assert_eq!(
        reports.as_array().unwrap().len(),
        1,
        "the readable file is still reported"
    );
    assert_eq!(reports[0]["file"]["name"], "found.txt");

    let errors = stderr(&output);
    let lines: Vec<&str> = errors.lines().collect();
    assert_eq!(lines.len(), 2, "{errors}");
    assert!(
        lines[0].starts_with("verify-server: missing.txt: cannot read ("),
        "{errors}"
    );
    assert!(lines[0].ends_with("; check the path"), "{errors}");
    assert!(
        lines[1].starts_with("verify-server: broken.pdf: unreadable pdf: "),
        "{errors}"
    );
    assert!(
        lines[1].contains("; check that the file is complete"),
        "{errors}"
    );
}

#[test]
fn files_over_the_size_limit_are_errors_without_being_read() {
    let dir = TempDir::new("cli-large");
    let path = dir.path().join("huge.bin");
    // Sparse: takes no disk space, but reports a size over the 128 MiB limit.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let output = scan(dir.path(), &["huge.bin"]);
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert!(
        errors.starts_with(
            "verify-server: huge.bin: is 209715200 bytes, over the limit of 134217728 bytes; split"
        ),
        "{errors}"
    );
}

#[test]
fn json_is_one_array_with_a_report_per_file() {
    let dir = TempDir::new("cli-json");
    let key = fake_aws_key();
    dir.write("a.txt", b"clean");
    dir.write("b.txt", format!("id {key}").as_bytes());
    let output = scan(dir.path(), &["--format", "json", "a.txt", "b.txt"]);
    assert_eq!(output.status.code(), Some(1));
    let reports = json(&output);
    let reports = reports.as_array().expect("a JSON array");
    assert_eq!(reports.len(), 2);
    for report in reports {
        for field in [
            "version", "file", "verdict", "findings", "warnings", "stats",
        ] {
            assert!(
                report.get(field).is_some(),
                "report lacks {field}: {report}"
            );
        }
    }
    assert_eq!(reports[0]["verdict"], "allow");
    assert_eq!(reports[1]["findings"][0]["rule"], "aws.access_key_id");
    assert!(reports[1]["findings"][0].get("secret").is_none());
    assert_no_secrets(&stdout(&output), std::slice::from_ref(&key), "stdout");
    assert_no_secrets(&stderr(&output), &[key], "stderr");
}

#[test]
fn show_secrets_adds_the_full_value_and_is_off_by_default() {
    let dir = TempDir::new("cli-show");
    let key = fake_aws_key();
    dir.write("b.txt", format!("id {key}").as_bytes());
    let shown = scan(dir.path(), &["--format", "json", "--show-secrets", "b.txt"]);
    assert_eq!(shown.status.code(), Some(1));
    assert_eq!(json(&shown)[0]["findings"][0]["secret"], key.as_str());

    let text = scan(dir.path(), &["--show-secrets", "b.txt"]);
    assert!(
        stdout(&text).contains(&format!("secret: {key}")),
        "{}",
        stdout(&text)
    );

    for format in ["text", "json", "sarif"] {
        let hidden = scan(dir.path(), &["--format", format, "b.txt"]);
        assert_eq!(hidden.status.code(), Some(1));
        assert_no_secrets(
            &stdout(&hidden),
            std::slice::from_ref(&key),
            &format!("{format} stdout"),
        );
        assert_no_secrets(
            &stderr(&hidden),
            std::slice::from_ref(&key),
            &format!("{format} stderr"),
        );
    }
}

#[test]
fn sarif_has_the_required_fields_and_relative_locations() {
    let dir = TempDir::new("cli-sarif");
    let key = fake_aws_key();
    dir.write(
        "src/config dir/settings.env",
        format!("# settings\nAWS_ACCESS_KEY_ID={key}\n").as_bytes(),
    );
    let output = scan(dir.path(), &["--format", "sarif", "src"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let log = json(&output);
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "nospill");
    let rules = driver["rules"].as_array().unwrap();
    let aws = rules
        .iter()
        .find(|rule| rule["id"] == "aws.access_key_id")
        .expect("the AWS rule is described");
    assert!(aws["helpUri"].as_str().unwrap().starts_with("https://"));
    assert_eq!(aws["properties"]["category"], "secret");
    assert_eq!(aws["properties"]["severity"], "high");
    assert!(aws["shortDescription"]["text"].is_string());

    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let result = &results[0];
    assert_eq!(result["ruleId"], "aws.access_key_id");
    assert_eq!(result["level"], "error");
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "aws.access_key_id"
    );
    assert!(
        result["message"]["text"]
            .as_str()
            .unwrap()
            .contains(&key[..5])
    );
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "src/config%20dir/settings.env"
    );
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(location["region"]["startLine"], 2);
    assert_eq!(location["region"]["startColumn"], 19);
    assert!(
        result["partialFingerprints"]["nospillFingerprint/v1"]
            .as_str()
            .unwrap()
            .starts_with("fp1:")
    );
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    assert_no_secrets(&stdout(&output), &[key], "SARIF output");
}

#[test]
fn folders_are_walked_recursively_skipping_build_and_vcs_folders() {
    let dir = TempDir::new("cli-walk");
    let keys: Vec<String> = (0..3).map(|_| fake_aws_key()).collect();
    dir.write("project/a.txt", b"clean");
    dir.write(
        "project/deep/er/b.txt",
        format!("key {}", keys[0]).as_bytes(),
    );
    dir.write(
        "project/node_modules/pkg/c.txt",
        format!("key {}", keys[1]).as_bytes(),
    );
    dir.write("project/.git/d.txt", format!("key {}", keys[2]).as_bytes());
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", dir.path().join("project/deep/loop")).unwrap();

    let output = scan(dir.path(), &["--format", "json", "project"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let reports = json(&output);
    let names: Vec<&str> = reports
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["project/a.txt", "project/deep/er/b.txt"]);

    let output = scan(
        dir.path(),
        &["--format", "json", "--no-skip-dirs", "project"],
    );
    let reports = json(&output);
    assert_eq!(reports.as_array().unwrap().len(), 4, "{}", stdout(&output));
    assert_no_secrets(&stdout(&output), &keys, "stdout");
}

#[test]
fn a_file_that_could_not_be_scanned_in_full_is_not_reported_clean() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata/pdf/qpdf-encrypted-user-password.pdf");
    let dir = TempDir::new("cli-encrypted");
    dir.write(
        "locked.pdf",
        &std::fs::read(fixture).expect("fixture exists"),
    );
    let output = scan(dir.path(), &["locked.pdf"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("locked.pdf: warn"), "{text}");
    assert!(text.contains("encrypted"), "{text}");
}
