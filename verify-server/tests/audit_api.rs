//! The audit trail, decisions, auth and CORS of `verify-server serve`,
//! checked against the real binary over real sockets. Every test plants
//! synthetic secrets and checks that none reaches a response, a log line
//! or the database files.

mod common;

use common::*;
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;
use std::thread;
use std::time::Duration;

const EXTENSION_ORIGIN: &str = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
const TOKEN_A: &str = "test-token-a-0123456789abcdef";
const TOKEN_B: &str = "test-token-b-fedcba9876543210";

/// `POST /inspect` of `content` with the given extra headers.
fn inspect(server: &Server, headers: &[(&str, &str)], content: &[u8]) -> Response {
    request(server.addr, "POST", "/inspect", headers, content)
}

/// `POST /decisions` with a JSON body.
fn decide(server: &Server, headers: &[(&str, &str)], body: &Value) -> Response {
    let mut all = vec![("Content-Type", "application/json")];
    all.extend_from_slice(headers);
    request(
        server.addr,
        "POST",
        "/decisions",
        &all,
        body.to_string().as_bytes(),
    )
}

fn get(server: &Server, path: &str, headers: &[(&str, &str)]) -> Response {
    request(server.addr, "GET", path, headers, b"")
}

/// The one event with this id, from `GET /audit?audit_id=`.
fn audit_event(server: &Server, headers: &[(&str, &str)], audit_id: &str) -> Value {
    let response = get(server, &format!("/audit?audit_id={audit_id}"), headers);
    assert_eq!(response.status, 200, "{}", response.text());
    let events = response.json()["events"].as_array().unwrap().clone();
    assert_eq!(events.len(), 1, "{events:?}");
    events[0].clone()
}

fn audit_id_of(response: &Response) -> String {
    assert_eq!(response.status, 200, "{}", response.text());
    let id = response.json()["audit_id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    id
}

/// Fails if any file in `dir` (the database, its WAL and journal) holds
/// any of the secrets.
fn assert_no_secrets_in_files(dir: &Path, secrets: &[String]) {
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for secret in secrets {
            assert!(
                !bytes
                    .windows(secret.len())
                    .any(|window| window == secret.as_bytes()),
                "{} holds the planted secret starting {}…",
                path.display(),
                &secret[..6]
            );
        }
        checked += 1;
    }
    assert!(checked > 0, "no database file in {}", dir.display());
}

fn file_contains(dir: &Path, needle: &str) -> bool {
    std::fs::read_dir(dir).unwrap().any(|entry| {
        let path = entry.unwrap().path();
        path.is_file()
            && std::fs::read(&path)
                .unwrap()
                .windows(needle.len())
                .any(|window| window == needle.as_bytes())
    })
}

#[test]
fn inspect_records_an_event_that_audit_shows_without_the_secret() {
    let mut server = Server::start(&[]);
    let key = fake_aws_key();
    let header_key = fake_aws_key();
    let content = format!("deploy\nAWS_ACCESS_KEY_ID={key}\n");
    let response = inspect(
        &server,
        &[
            ("X-Filename", "prod.env"),
            ("X-Nospill-Site", "chat.example:8443"),
            ("X-Nospill-User", "user-42"),
            ("X-Nospill-Mode", "warn"),
            ("X-Request-Id", "audit-test-1"),
        ],
        content.as_bytes(),
    );
    let audit_id = audit_id_of(&response);
    let report = response.json();
    assert_eq!(report["verdict"], "block", "the report is still all there");
    assert_eq!(report["version"], 1);
    let finding = &report["findings"][0];

    let event = audit_event(&server, &[], &audit_id);
    assert_eq!(event["id"], audit_id.as_str());
    assert_eq!(event["site"], "chat.example:8443");
    assert_eq!(event["user"], "user-42");
    assert_eq!(event["mode"], "warn");
    assert_eq!(event["file"]["name"], "prod.env");
    assert_eq!(event["file"]["size"], content.len());
    assert_eq!(event["file"]["sha256"], report["file"]["sha256"]);
    assert_eq!(event["file"]["kind"], "text");
    assert_eq!(event["verdict"], "block");
    assert_eq!(event["rules_hit"], json!(["aws.access_key_id"]));
    assert_eq!(event["previews"][0]["preview"], finding["preview"]);
    assert_eq!(event["previews"][0]["location"]["line"], 2);
    assert_eq!(event["fingerprints"], json!([finding["fingerprint"]]));
    assert_eq!(
        event["fingerprints"][0],
        expected_fingerprint(TEST_FINGERPRINT_KEY.as_bytes(), &key)
    );
    assert_eq!(event["request_id"], "audit-test-1");
    assert!(event["decision"].is_null());
    let time = event["time"].as_str().unwrap();
    assert!(
        time.len() == 24 && time.ends_with('Z'),
        "RFC 3339 UTC: {time}"
    );

    // A secret in a header is withheld; the upload is still recorded.
    let clean = inspect(
        &server,
        &[
            ("X-Nospill-User", &header_key),
            ("X-Nospill-Site", "chat.example"),
        ],
        b"nothing to see",
    );
    let clean_id = audit_id_of(&clean);
    let event = audit_event(&server, &[], &clean_id);
    assert_eq!(event["user"], "[withheld: aws.access_key_id]");
    assert_eq!(event["verdict"], "allow");
    assert_eq!(event["rules_hit"], json!([]));

    let listing = get(&server, "/audit?limit=10", &[]);
    let events = listing.json()["events"].as_array().unwrap().clone();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["id"], clean_id.as_str(), "newest first");
    assert_eq!(events[1]["id"], audit_id.as_str());
    assert_eq!(
        get(&server, "/audit?limit=1", &[]).json()["events"][0]["id"],
        clean_id.as_str()
    );

    let secrets = [key, header_key];
    for text in [response.text(), clean.text(), listing.text()] {
        assert_no_secrets(&text, &secrets, "a response body");
    }
    assert_no_secrets_in_files(server.workdir(), &secrets);
    server.terminate();
    assert!(server.wait(Duration::from_secs(30)).success());
    assert_no_secrets(&server.output(), &secrets, "the server's logs");
    assert_no_secrets_in_files(server.workdir(), &secrets);
    assert!(
        server.workdir().join("nospill-audit.sqlite3").is_file(),
        "the default database is in the working directory"
    );
}

#[test]
fn audit_queries_and_headers_are_validated() {
    let server = Server::start(&[]);
    for (path, expected) in [
        ("/audit?limit=0", "limit must be"),
        ("/audit?limit=1001", "limit must be"),
        ("/audit?limit=ten", "limit must be"),
        ("/audit?audit_id=not-a-uuid", "audit_id is not a UUID"),
    ] {
        let response = get(&server, path, &[]);
        assert_eq!(response.status, 400, "{path}: {}", response.text());
        assert_eq!(response.error_code(), "bad_request");
        let message = response.json()["error"]["message"].to_string();
        assert!(message.contains(expected), "{path}: {message}");
    }
    let unknown = get(
        &server,
        "/audit?audit_id=00000000-0000-4000-8000-000000000000",
        &[],
    );
    assert_eq!(unknown.status, 200);
    assert_eq!(unknown.json(), json!({ "events": [] }));

    let bad_mode = inspect(&server, &[("X-Nospill-Mode", "yolo")], b"hello");
    assert_eq!(bad_mode.status, 400);
    assert!(bad_mode.text().contains("block, warn or audit"));
    assert_eq!(
        get(&server, "/audit", &[]).json(),
        json!({ "events": [] }),
        "a refused request records nothing"
    );
}

#[test]
fn decisions_are_recorded_and_checked() {
    let server = Server::start(&[]);
    let key = fake_aws_key();
    let reason_key = fake_aws_key();
    let audit_id = audit_id_of(&inspect(
        &server,
        &[("X-Filename", "creds.txt")],
        format!("aws {key}").as_bytes(),
    ));
    let mut responses = Vec::new();

    let cancel = decide(
        &server,
        &[],
        &json!({ "audit_id": audit_id, "decision": "cancel" }),
    );
    assert_eq!(cancel.status, 200, "{}", cancel.text());
    assert_eq!(cancel.json()["allowed"], false);
    assert_eq!(cancel.json()["recorded"], true);

    let reason = "shared with the vendor's support under NDA";
    let over = decide(
        &server,
        &[],
        &json!({ "audit_id": audit_id, "decision": "override", "reason": reason }),
    );
    assert_eq!(over.status, 200, "{}", over.text());
    let answer = over.json();
    assert_eq!(answer["recorded"], true);
    assert_eq!(
        answer["allowed"], true,
        "NOSPILL_OVERRIDES defaults to allow"
    );
    let decision_id = answer["decision_id"].as_str().unwrap().to_string();
    assert_eq!(decision_id.len(), 36);
    assert_eq!(answer.as_object().unwrap().len(), 3, "{answer}");

    let event = audit_event(&server, &[], &audit_id);
    assert_eq!(
        event["decision"]["id"],
        decision_id.as_str(),
        "the latest decision"
    );
    assert_eq!(event["decision"]["decision"], "override");
    assert_eq!(event["decision"]["reason"], reason);
    assert_eq!(event["decision"]["allowed"], true);

    let redact = decide(
        &server,
        &[],
        &json!({ "audit_id": audit_id, "decision": "redact" }),
    );
    assert_eq!(redact.json()["allowed"], true);
    responses.extend([cancel, over, redact]);

    for (body, status, code) in [
        (
            json!({ "audit_id": audit_id, "decision": "override" }),
            400,
            "reason_required",
        ),
        (
            json!({ "audit_id": audit_id, "decision": "override", "reason": " \n\t " }),
            400,
            "reason_required",
        ),
        (
            json!({ "audit_id": audit_id, "decision": "override", "reason": "x".repeat(1001) }),
            400,
            "bad_request",
        ),
        (
            json!({ "audit_id": "00000000-0000-4000-8000-000000000000", "decision": "cancel" }),
            404,
            "unknown_audit_id",
        ),
        (
            json!({ "audit_id": "12345", "decision": "cancel" }),
            400,
            "bad_request",
        ),
        (json!({ "decision": "cancel" }), 400, "bad_request"),
        (
            json!({ "audit_id": audit_id, "decision": reason_key }),
            400,
            "bad_request",
        ),
        (
            json!({ "audit_id": audit_id, "decision": "cancel", "reason": 5 }),
            400,
            "bad_request",
        ),
        (
            json!({ "audit_id": audit_id, "decision": "override",
                    "reason": format!("it is only the staging key {reason_key}") }),
            400,
            "secret_in_reason",
        ),
    ] {
        let response = decide(&server, &[], &body);
        assert_eq!(response.status, status, "{}", response.text());
        assert_eq!(response.error_code(), code, "{}", response.text());
        responses.push(response);
    }
    let refused = responses.last().unwrap().json();
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(message.contains("AWS access key"), "{message}");
    assert!(
        message.contains(&format!("{}…", &reason_key[..5])),
        "{message}"
    );

    let not_json = request(
        server.addr,
        "POST",
        "/decisions",
        &[("Content-Type", "text/plain")],
        json!({ "audit_id": audit_id, "decision": "cancel" })
            .to_string()
            .as_bytes(),
    );
    assert_eq!(not_json.status, 415);
    assert_eq!(not_json.error_code(), "unsupported_media_type");
    let garbage = format!("{{\"audit_id\": {reason_key}");
    let broken = request(
        server.addr,
        "POST",
        "/decisions",
        &[("Content-Type", "application/json")],
        garbage.as_bytes(),
    );
    assert_eq!(broken.status, 400);
    assert_eq!(broken.error_code(), "bad_request");
    let huge = request(
        server.addr,
        "POST",
        "/decisions",
        &[("Content-Type", "application/json")],
        &vec![b' '; 100_000],
    );
    assert_eq!(huge.status, 413);
    responses.extend([not_json, broken, huge]);

    // Only the three accepted decisions were stored, the redact last.
    let event = audit_event(&server, &[], &audit_id);
    assert_eq!(event["decision"]["decision"], "redact");
    let secrets = [key, reason_key];
    for response in &responses {
        assert_no_secrets(&response.text(), &secrets, "a response body");
    }
    assert_no_secrets(&event.to_string(), &secrets, "the audit listing");
    assert_no_secrets(&server.output(), &secrets, "the server's logs");
    assert_no_secrets_in_files(server.workdir(), &secrets);
    assert!(
        server
            .log_events()
            .iter()
            .any(|e| e["message"] == "decision recorded" && e["audit_id"] == audit_id.as_str())
    );
}

#[test]
fn under_a_deny_policy_overrides_are_recorded_but_not_allowed() {
    let server = Server::start(&[("NOSPILL_OVERRIDES", "deny")]);
    let listening = server.wait_for_log(|e| e["message"] == "listening");
    assert_eq!(listening["overrides"], "deny");
    let key = fake_aws_key();
    let audit_id = audit_id_of(&inspect(&server, &[], format!("k {key}").as_bytes()));
    let reason = "the customer asked for this file";
    let response = decide(
        &server,
        &[],
        &json!({ "audit_id": audit_id, "decision": "override", "reason": reason }),
    );
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.json()["allowed"], false);
    assert_eq!(response.json()["recorded"], true);
    let event = audit_event(&server, &[], &audit_id);
    assert_eq!(event["decision"]["decision"], "override");
    assert_eq!(event["decision"]["allowed"], false);
    assert_eq!(event["decision"]["reason"], reason);

    let redact = decide(
        &server,
        &[],
        &json!({ "audit_id": audit_id, "decision": "redact" }),
    );
    assert_eq!(
        redact.json()["allowed"],
        true,
        "a redacted copy holds no secret"
    );

    let bad_policy = std::process::Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--audit-db", ":memory:"])
        .env("NOSPILL_OVERRIDES", "maybe")
        .output()
        .unwrap();
    assert_eq!(bad_policy.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_policy.stderr).contains("allow, deny"));
}

#[test]
fn bearer_tokens_guard_the_api_and_leave_health_open() {
    let server = Server::start(&[("NOSPILL_API_TOKENS", &format!("{TOKEN_A}, {TOKEN_B}"))]);
    let listening = server.wait_for_log(|e| e["message"] == "listening");
    assert_eq!(listening["auth"], "bearer");
    assert_eq!(listening["api_tokens"], 2);
    assert!(!server.log_events().iter().any(|e| {
        e["message"]
            .as_str()
            .unwrap_or("")
            .contains("NOSPILL_API_TOKENS is not set")
    }));
    let key = fake_aws_key();
    let bearer_a = format!("Bearer {TOKEN_A}");
    let bearer_b = format!("bearer {TOKEN_B}");
    let wrong = format!("Bearer {TOKEN_A}x");

    let mut refused = vec![
        inspect(&server, &[], key.as_bytes()),
        inspect(&server, &[("Authorization", &wrong)], key.as_bytes()),
        inspect(&server, &[("Authorization", TOKEN_A)], key.as_bytes()),
        get(&server, "/audit", &[]),
        decide(
            &server,
            &[],
            &json!({ "audit_id": "x", "decision": "cancel" }),
        ),
    ];
    for response in &refused {
        assert_eq!(response.status, 401, "{}", response.text());
        assert_eq!(response.error_code(), "unauthorized");
        let challenge = response.header("www-authenticate").unwrap();
        assert!(challenge.starts_with("Bearer"), "{challenge}");
    }
    assert!(
        refused[1]
            .header("www-authenticate")
            .unwrap()
            .contains("invalid_token")
    );

    let allowed = inspect(&server, &[("Authorization", &bearer_a)], key.as_bytes());
    let audit_id = audit_id_of(&allowed);
    let event = audit_event(&server, &[("Authorization", &bearer_b)], &audit_id);
    assert_eq!(event["verdict"], "block");
    let decided = decide(
        &server,
        &[("Authorization", &bearer_b)],
        &json!({ "audit_id": audit_id, "decision": "cancel" }),
    );
    assert_eq!(decided.status, 200, "{}", decided.text());
    for path in ["/healthz", "/readyz"] {
        let response = get(&server, path, &[]);
        assert_eq!(response.status, 200, "{path} is open");
    }
    let events = get(&server, "/audit", &[("Authorization", &bearer_a)]).json();
    assert_eq!(
        events["events"].as_array().unwrap().len(),
        1,
        "refused uploads are not scanned or recorded"
    );

    refused.push(allowed);
    for response in &refused {
        assert_no_secrets(
            &response.text(),
            std::slice::from_ref(&key),
            "a response body",
        );
    }
    let output = server.output();
    assert_no_secrets(&output, &[key], "the server's logs");
    assert!(
        !output.contains(TOKEN_A) && !output.contains(TOKEN_B),
        "tokens are never logged"
    );
}

#[test]
fn an_open_api_warns_at_startup() {
    let server = Server::start(&[]);
    let warning = server.wait_for_log(|e| {
        e["level"] == "WARN"
            && e["message"]
                .as_str()
                .is_some_and(|m| m.contains("NOSPILL_API_TOKENS is not set"))
    });
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("open to anyone")
    );
    assert_eq!(
        server.wait_for_log(|e| e["message"] == "listening")["auth"],
        "open"
    );

    let weak = std::process::Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--audit-db", ":memory:"])
        .env("NOSPILL_API_TOKENS", "tiny-tok")
        .output()
        .unwrap();
    assert_eq!(weak.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&weak.stderr);
    assert!(stderr.contains("token 1 is shorter than 16"), "{stderr}");
    assert!(!stderr.contains("tiny-tok"), "the token is never printed");
}

#[test]
fn cors_lets_the_extension_in_and_keeps_web_pages_out() {
    let server = Server::start(&[("NOSPILL_API_TOKENS", TOKEN_A)]);
    let preflight = |origin: &str| {
        request(
            server.addr,
            "OPTIONS",
            "/inspect",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                (
                    "Access-Control-Request-Headers",
                    "authorization, content-type, x-filename, x-nospill-site, x-nospill-user, \
                     x-nospill-mode",
                ),
            ],
            b"",
        )
    };
    let response = preflight(EXTENSION_ORIGIN);
    assert!(
        response.status == 200 || response.status == 204,
        "a preflight needs no token: {} {}",
        response.status,
        response.text()
    );
    assert_eq!(
        response.header("access-control-allow-origin"),
        Some(EXTENSION_ORIGIN)
    );
    let methods = response
        .header("access-control-allow-methods")
        .unwrap()
        .to_ascii_lowercase();
    for method in ["get", "post", "options"] {
        assert!(methods.contains(method), "{methods}");
    }
    let headers = response
        .header("access-control-allow-headers")
        .unwrap()
        .to_ascii_lowercase();
    for header in [
        "authorization",
        "content-type",
        "x-filename",
        "x-nospill-site",
        "x-nospill-user",
        "x-nospill-mode",
    ] {
        assert!(headers.contains(header), "{header} missing from {headers}");
    }

    let web = preflight("https://evil.example");
    assert_eq!(web.header("access-control-allow-origin"), None);

    let bearer = format!("Bearer {TOKEN_A}");
    let actual = request(
        server.addr,
        "GET",
        "/audit?limit=1",
        &[("Origin", EXTENSION_ORIGIN), ("Authorization", &bearer)],
        b"",
    );
    assert_eq!(actual.status, 200);
    assert_eq!(
        actual.header("access-control-allow-origin"),
        Some(EXTENSION_ORIGIN)
    );
    assert!(
        actual
            .header("access-control-expose-headers")
            .unwrap()
            .contains("x-request-id")
    );
    // A 401 carries CORS headers too, so the options page can tell a bad
    // token from an unreachable server.
    let unauthorized = get(&server, "/audit", &[("Origin", EXTENSION_ORIGIN)]);
    assert_eq!(unauthorized.status, 401);
    assert_eq!(
        unauthorized.header("access-control-allow-origin"),
        Some(EXTENSION_ORIGIN)
    );
}

#[test]
fn the_audit_trail_survives_a_restart_including_requests_in_flight_at_shutdown() {
    let dir = TempDir::new("audit-restart");
    let db = dir.path().join("audit.sqlite3");
    let db_setting = db.to_str().unwrap().to_string();
    let env = [("NOSPILL_AUDIT_DB", db_setting.as_str())];
    let key = fake_aws_key();
    let late_key = fake_aws_key();

    let mut first = Server::start(&env);
    let audit_id = audit_id_of(&inspect(
        &first,
        &[("X-Nospill-Site", "chat.example")],
        key.as_bytes(),
    ));
    let reason = "approved by the security team";
    let decided = decide(
        &first,
        &[],
        &json!({ "audit_id": audit_id, "decision": "override", "reason": reason }),
    );
    assert_eq!(decided.status, 200, "{}", decided.text());

    // An upload still arriving when SIGTERM comes is answered and recorded.
    let body = format!("late upload\nkey {late_key}\n");
    let (head_part, tail_part) = body.as_bytes().split_at(8);
    let mut stream = connect(first.addr);
    let mut head = request_head("POST", "/inspect", &[("X-Filename", "late.txt")]);
    head.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    stream.write_all(&head).unwrap();
    stream.write_all(head_part).unwrap();
    stream.flush().unwrap();
    thread::sleep(Duration::from_millis(300));
    first.terminate();
    first.wait_for_log(|e| e["message"] == "shutting down; draining requests in flight");
    stream.write_all(tail_part).unwrap();
    let late = read_response(&mut stream);
    let late_id = audit_id_of(&late);
    assert!(first.wait(Duration::from_secs(30)).success());
    first.wait_for_log(|e| e["message"] == "audit store closed; all writes flushed");

    let secrets = [key, late_key];
    assert_no_secrets_in_files(dir.path(), &secrets);
    assert!(
        file_contains(dir.path(), &audit_id),
        "the event is in the file"
    );
    assert!(
        file_contains(dir.path(), &late_id),
        "the late event is in the file"
    );
    assert!(
        !dir.path().join("audit.sqlite3-wal").exists()
            || std::fs::metadata(dir.path().join("audit.sqlite3-wal"))
                .unwrap()
                .len()
                == 0,
        "the WAL was checkpointed at close"
    );

    let second = Server::start(&env);
    let event = audit_event(&second, &[], &audit_id);
    assert_eq!(event["site"], "chat.example");
    assert_eq!(event["decision"]["decision"], "override");
    assert_eq!(event["decision"]["reason"], reason);
    let late_event = audit_event(&second, &[], &late_id);
    assert_eq!(late_event["file"]["name"], "late.txt");
    assert_eq!(late_event["rules_hit"], json!(["aws.access_key_id"]));
    assert_eq!(get(&second, "/readyz", &[]).status, 200);
    assert_no_secrets(&first.output(), &secrets, "the first server's logs");
    assert_no_secrets(&second.output(), &secrets, "the second server's logs");
    assert_no_secrets(&late.text(), &secrets, "the late response");
}

#[test]
fn migrations_roll_back_and_forward_with_the_migrate_command() {
    let dir = TempDir::new("audit-migrate");
    let db = dir.path().join("audit.sqlite3");
    let db_setting = db.to_str().unwrap().to_string();
    let migrate = |extra: &[&str]| {
        std::process::Command::new(BIN)
            .args(["migrate", "--audit-db", &db_setting])
            .args(extra)
            .env_remove("NOSPILL_AUDIT_DB")
            .output()
            .unwrap()
    };

    let created = migrate(&[]);
    assert!(created.status.success());
    let stdout = String::from_utf8_lossy(&created.stdout);
    assert!(stdout.contains("schema version 0 -> 2"), "{stdout}");
    assert!(stdout.contains("up 1: events"), "{stdout}");

    let mut server = Server::start(&[("NOSPILL_AUDIT_DB", &db_setting)]);
    let audit_id = audit_id_of(&inspect(&server, &[], b"a clean file"));
    let decided = decide(
        &server,
        &[],
        &json!({ "audit_id": audit_id, "decision": "cancel" }),
    );
    assert_eq!(decided.status, 200);
    server.terminate();
    assert!(server.wait(Duration::from_secs(30)).success());

    let down = migrate(&["--to", "1"]);
    assert!(
        down.status.success(),
        "{}",
        String::from_utf8_lossy(&down.stderr)
    );
    let stdout = String::from_utf8_lossy(&down.stdout);
    assert!(stdout.contains("schema version 2 -> 1"), "{stdout}");
    assert!(stdout.contains("down 2: decisions"), "{stdout}");

    // serve migrates up again at startup; the events survived the rollback.
    let server = Server::start(&[("NOSPILL_AUDIT_DB", &db_setting)]);
    let event = audit_event(&server, &[], &audit_id);
    assert!(
        event["decision"].is_null(),
        "the decisions table was rolled back"
    );
    let again = decide(
        &server,
        &[],
        &json!({ "audit_id": audit_id, "decision": "redact" }),
    );
    assert_eq!(again.status, 200, "{}", again.text());
    drop(server);

    let unknown = migrate(&["--to", "9"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no schema version 9"));
    let same = migrate(&[]);
    assert!(String::from_utf8_lossy(&same.stdout).contains("nothing to do"));
}

#[test]
fn an_unusable_audit_database_stops_the_server_before_it_listens() {
    let output = std::process::Command::new(BIN)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--audit-db",
            "/nonexistent-nospill-folder/audit.sqlite3",
        ])
        .env_remove("NOSPILL_AUDIT_DB")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("audit database /nonexistent-nospill-folder/audit.sqlite3"),
        "{stderr}"
    );
    assert!(stderr.contains("NOSPILL_AUDIT_DB"), "{stderr}");
    assert!(!stderr.contains("\"listening\""), "{stderr}");
}
