//! The HTTP contract of `verify-server serve`, checked against the real
//! binary over real sockets.

mod common;

use common::*;
use serde_json::Value;
use std::io::Write;
use std::thread;
use std::time::{Duration, Instant};

/// Asserts the report shape and that no secret leaked into it or the logs.
fn assert_clean_of(server: &Server, response: &Response, secrets: &[String]) {
    assert_no_secrets(&response.text(), secrets, "the response body");
    assert_no_secrets(&server.output(), secrets, "the server's logs");
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().expect("findings array")
}

#[test]
fn raw_upload_is_scanned_and_reported_without_the_secret() {
    let server = Server::start(&[]);
    let key = fake_aws_key();
    let body = format!("deploy notes\naws_access_key_id = {key}\n");
    let response = server.post_raw(Some("d%C3%A9ploy%20notes.txt"), body.as_bytes());

    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.header("content-type"), Some("application/json"));
    let report = response.json();
    assert_eq!(report["version"], 1);
    assert_eq!(report["file"]["name"], "déploy notes.txt");
    assert_eq!(report["file"]["size"], body.len());
    assert_eq!(report["file"]["kind"], "text");
    assert_eq!(report["verdict"], "block");
    let finding = &findings(&report)[0];
    assert_eq!(finding["rule"], "aws.access_key_id");
    assert_eq!(finding["location"]["line"], 2);
    assert_eq!(finding["location"]["column"], 21);
    assert_eq!(finding["preview"], format!("{}…", &key[..5]));
    assert!(
        finding.get("secret").is_none(),
        "the server must never include secrets"
    );
    // Keyed with the configured key, so fingerprints match across replicas.
    assert_eq!(
        finding["fingerprint"],
        expected_fingerprint(TEST_FINGERPRINT_KEY.as_bytes(), &key)
    );
    assert_clean_of(&server, &response, &[key]);
    assert!(
        !server.output().contains(TEST_FINGERPRINT_KEY),
        "the fingerprint key was logged"
    );
}

#[test]
fn raw_upload_without_a_name_and_with_any_content_type() {
    let server = Server::start(&[]);
    let response = request(
        server.addr,
        "POST",
        "/inspect",
        &[("Content-Type", "application/pdf")],
        b"hello",
    );
    assert_eq!(response.status, 200, "{}", response.text());
    let report = response.json();
    assert_eq!(report["file"]["name"], "upload");
    assert_eq!(
        report["file"]["kind"], "text",
        "the content decides the kind, not the header"
    );
    assert_eq!(report["verdict"], "allow");
}

#[test]
fn an_empty_body_is_an_empty_file() {
    let server = Server::start(&[]);
    let response = server.post_raw(Some("empty.txt"), b"");
    assert_eq!(response.status, 200, "{}", response.text());
    let report = response.json();
    assert_eq!(report["file"]["size"], 0);
    assert_eq!(report["verdict"], "allow");
    assert!(findings(&report).is_empty());
}

#[test]
fn multipart_upload_uses_the_file_field_and_its_name() {
    let server = Server::start(&[]);
    let key = fake_aws_key();
    let content = format!("export AWS_ACCESS_KEY_ID={key}\n");
    let response = server.post_multipart(&[
        Part {
            name: "comment",
            filename: None,
            content: b"ignored field before the file",
        },
        Part {
            name: "file",
            filename: Some("prod.env"),
            content: content.as_bytes(),
        },
        Part {
            name: "after",
            filename: None,
            content: b"ignored field after the file",
        },
    ]);
    assert_eq!(response.status, 200, "{}", response.text());
    let report = response.json();
    assert_eq!(report["file"]["name"], "prod.env");
    assert_eq!(
        report["file"]["size"],
        content.len(),
        "only the file field is scanned"
    );
    assert_eq!(findings(&report).len(), 1);
    assert_eq!(findings(&report)[0]["rule"], "aws.access_key_id");
    assert_clean_of(&server, &response, &[key]);
}

#[test]
fn malformed_multipart_is_a_400() {
    let server = Server::start(&[]);
    let no_boundary = request(
        server.addr,
        "POST",
        "/inspect",
        &[("Content-Type", "multipart/form-data")],
        b"x",
    );
    assert_eq!(no_boundary.status, 400);
    assert_eq!(no_boundary.error_code(), "bad_request");

    let missing_field = server.post_multipart(&[Part {
        name: "other",
        filename: Some("a.txt"),
        content: b"hi",
    }]);
    assert_eq!(missing_field.status, 400);
    assert_eq!(missing_field.error_code(), "bad_request");
    assert!(
        missing_field.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("`file`")
    );

    let two_files = server.post_multipart(&[
        Part {
            name: "file",
            filename: Some("a.txt"),
            content: b"one",
        },
        Part {
            name: "file",
            filename: Some("b.txt"),
            content: b"two",
        },
    ]);
    assert_eq!(two_files.status, 400);
    assert_eq!(two_files.error_code(), "bad_request");

    // Cut off before the closing boundary.
    let (content_type, body) = multipart(&[Part {
        name: "file",
        filename: Some("a.txt"),
        content: b"data",
    }]);
    let truncated = &body[..body.len() - BOUNDARY.len() - 8];
    let response = request(
        server.addr,
        "POST",
        "/inspect",
        &[("Content-Type", &content_type)],
        truncated,
    );
    assert_eq!(response.status, 400, "{}", response.text());
    assert_eq!(response.error_code(), "bad_request");

    let bad_name = request(
        server.addr,
        "POST",
        "/inspect",
        &[("X-Filename", "%FF%FE.txt")],
        b"x",
    );
    assert_eq!(bad_name.status, 400);
    assert_eq!(bad_name.error_code(), "bad_request");
}

#[test]
fn over_the_size_limit_is_a_413_declared_or_streamed() {
    let server = Server::start(&[("NOSPILL_MAX_BODY_BYTES", "1000")]);

    let at_limit = server.post_raw(Some("a.txt"), &[b'a'; 1000]);
    assert_eq!(
        at_limit.status,
        200,
        "exactly the limit is accepted: {}",
        at_limit.text()
    );

    let over = server.post_raw(Some("a.txt"), &[b'a'; 1001]);
    assert_eq!(over.status, 413);
    assert_eq!(over.error_code(), "too_large");
    assert!(
        over.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("1000 bytes")
    );

    // Declared far over the limit: refused from the headers, no body sent.
    let mut head = request_head("POST", "/inspect", &[]);
    head.extend_from_slice(b"Content-Length: 50000000\r\n\r\n");
    let declared = exchange(server.addr, &head);
    assert_eq!(declared.status, 413);
    assert_eq!(declared.error_code(), "too_large");

    // Chunked: no length up front, refused while streaming.
    for size in [1001, 3000, 200_000] {
        let mut raw = request_head("POST", "/inspect", &[("Transfer-Encoding", "chunked")]);
        raw.extend_from_slice(b"\r\n");
        raw.extend_from_slice(&chunked(&vec![b'b'; size], 700));
        let streamed = exchange(server.addr, &raw);
        assert_eq!(
            streamed.status,
            413,
            "chunked body of {size} bytes: {}",
            streamed.text()
        );
        assert_eq!(streamed.error_code(), "too_large");
    }

    // Within the limit, chunked is fine.
    let mut raw = request_head("POST", "/inspect", &[("Transfer-Encoding", "chunked")]);
    raw.extend_from_slice(b"\r\n");
    raw.extend_from_slice(&chunked(&[b'c'; 900], 100));
    let fine = exchange(server.addr, &raw);
    assert_eq!(fine.status, 200, "{}", fine.text());
    assert_eq!(fine.json()["file"]["size"], 900);

    let multipart_over = server.post_multipart(&[Part {
        name: "file",
        filename: Some("a.txt"),
        content: &[b'd'; 1500],
    }]);
    assert_eq!(multipart_over.status, 413, "{}", multipart_over.text());
    assert_eq!(multipart_over.error_code(), "too_large");

    // A small file next to a huge other field: the whole body is bounded too.
    let filler = vec![b'e'; 100_000];
    let padded = server.post_multipart(&[
        Part {
            name: "padding",
            filename: None,
            content: &filler,
        },
        Part {
            name: "file",
            filename: Some("a.txt"),
            content: b"small",
        },
    ]);
    assert_eq!(padded.status, 413, "{}", padded.text());
    assert_eq!(padded.error_code(), "too_large");

    let healthy = server.get("/healthz");
    assert_eq!(
        healthy.status, 200,
        "the server still answers after refusing uploads"
    );
}

#[test]
fn an_unreadable_document_is_a_422() {
    let server = Server::start(&[]);
    let response = server.post_raw(Some("broken.pdf"), &unreadable_pdf());
    assert_eq!(response.status, 422, "{}", response.text());
    assert_eq!(response.error_code(), "unreadable");
}

#[test]
fn health_and_readiness() {
    let server = Server::start(&[]);
    for path in ["/healthz", "/readyz"] {
        let response = server.get(path);
        assert_eq!(response.status, 200);
        assert_eq!(response.json(), serde_json::json!({ "status": "ok" }));
    }
}

#[test]
fn unknown_routes_and_methods_answer_in_json() {
    let server = Server::start(&[]);
    let missing = server.get("/no/such/thing?token=abc");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.error_code(), "not_found");

    let wrong_method = server.get("/inspect");
    assert_eq!(wrong_method.status, 405);
    assert_eq!(wrong_method.error_code(), "method_not_allowed");
    assert!(
        wrong_method
            .header("allow")
            .is_some_and(|allow| allow.contains("POST"))
    );

    let wrong_method = request(server.addr, "DELETE", "/healthz", &[], b"");
    assert_eq!(wrong_method.status, 405);
    assert_eq!(wrong_method.error_code(), "method_not_allowed");
    assert!(
        !server.output().contains("token=abc"),
        "query strings are not logged"
    );
}

#[test]
fn request_ids_are_echoed_and_logged_with_the_outcome() {
    let server = Server::start(&[]);
    let key = fake_aws_key();
    let id = "test-req-42";
    let response = request(
        server.addr,
        "POST",
        "/inspect",
        &[("X-Request-Id", id)],
        key.as_bytes(),
    );
    assert_eq!(response.status, 200);
    assert_eq!(response.header("x-request-id"), Some(id));

    let line = server
        .wait_for_log(|e| e["message"] == "request finished" && e["span"]["request_id"] == id);
    assert_eq!(line["span"]["method"], "POST");
    assert_eq!(line["span"]["path"], "/inspect");
    assert_eq!(line["status"], 200);
    assert!(line["duration_ms"].is_u64(), "{line}");
    assert_eq!(line["level"], "INFO");

    let generated = server.get("/healthz");
    let generated_id = generated
        .header("x-request-id")
        .expect("a generated request id")
        .to_string();
    assert_eq!(generated_id.len(), 36, "a UUID: {generated_id}");
    server.wait_for_log(|e| {
        e["message"] == "request finished" && e["span"]["request_id"] == generated_id.as_str()
    });

    let hostile = request(
        server.addr,
        "GET",
        "/healthz",
        &[("X-Request-Id", "a b\"}{")],
        b"",
    );
    assert_ne!(
        hostile.header("x-request-id"),
        Some("a b\"}{"),
        "unusable ids are replaced"
    );
    assert_clean_of(&server, &response, &[key]);
}

#[test]
fn concurrent_requests_each_get_their_own_report() {
    let server = Server::start(&[("NOSPILL_MAX_CONCURRENT_SCANS", "2")]);
    let keys: Vec<String> = (0..12).map(|_| fake_aws_key()).collect();
    let addr = server.addr;
    let handles: Vec<_> = keys
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let body = format!("{}\nkey {i}: {key}\n", "filler line\n".repeat(i * 500));
            thread::spawn(move || {
                let response = request(
                    addr,
                    "POST",
                    "/inspect",
                    &[("X-Filename", &format!("f{i}.txt"))],
                    body.as_bytes(),
                );
                (i, body.len(), response)
            })
        })
        .collect();
    let mut fingerprints = Vec::new();
    for handle in handles {
        let (i, size, response) = handle.join().unwrap();
        assert_eq!(response.status, 200, "request {i}: {}", response.text());
        let report = response.json();
        assert_eq!(report["file"]["name"], format!("f{i}.txt"));
        assert_eq!(report["file"]["size"], size);
        assert_eq!(findings(&report).len(), 1);
        assert_eq!(
            findings(&report)[0]["fingerprint"],
            expected_fingerprint(TEST_FINGERPRINT_KEY.as_bytes(), &keys[i])
        );
        fingerprints.push(
            findings(&report)[0]["fingerprint"]
                .as_str()
                .unwrap()
                .to_string(),
        );
        assert_no_secrets(&response.text(), &keys, "a response body");
    }
    fingerprints.sort();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), keys.len());
    assert_no_secrets(&server.output(), &keys, "the server's logs");
}

#[test]
fn sigterm_lets_the_request_in_flight_finish() {
    let mut server = Server::start(&[]);
    let key = fake_aws_key();
    let body = format!("first half of the file\nsecond half with {key}\n");
    let (first, second) = body.as_bytes().split_at(10);

    let mut stream = connect(server.addr);
    let mut head = request_head(
        "POST",
        "/inspect",
        &[("X-Filename", "slow.txt"), ("X-Request-Id", "in-flight")],
    );
    head.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    stream.write_all(&head).unwrap();
    stream.write_all(first).unwrap();
    stream.flush().unwrap();
    thread::sleep(Duration::from_millis(300)); // the server is now reading the body

    server.terminate();
    server.wait_for_log(|e| e["message"] == "shutting down; draining requests in flight");
    // The listener closes just after that line is logged: under load the
    // accept loop may still be winding down for a moment.
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::net::TcpStream::connect(server.addr).is_ok() {
        assert!(
            Instant::now() < deadline,
            "no new connections after SIGTERM"
        );
        thread::sleep(Duration::from_millis(20));
    }

    stream.write_all(second).unwrap();
    let response = read_response(&mut stream);
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.header("x-request-id"), Some("in-flight"));
    assert_eq!(findings(&response.json())[0]["rule"], "aws.access_key_id");

    let status = server.wait(Duration::from_secs(30));
    assert!(status.success(), "clean exit after draining: {status:?}");
    assert!(
        server
            .log_events()
            .iter()
            .any(|e| e["message"] == "stopped")
    );
    assert_clean_of(&server, &response, &[key]);
}

#[test]
fn without_a_key_the_server_warns_and_uses_a_random_one() {
    let server = Server::start_with_env(&[]);
    let warning = server.wait_for_log(|e| {
        e["level"] == "WARN"
            && e["message"]
                .as_str()
                .is_some_and(|m| m.contains("NOSPILL_FINGERPRINT_KEY"))
    });
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("set NOSPILL_FINGERPRINT_KEY"),
        "{warning}"
    );
    let listening = server.wait_for_log(|e| e["message"] == "listening");
    assert_eq!(listening["fingerprint_key"], "random");

    let key = fake_aws_key();
    let response = server.post_raw(None, key.as_bytes());
    let fingerprint = response.json()["findings"][0]["fingerprint"].clone();
    assert_ne!(
        fingerprint,
        expected_fingerprint(TEST_FINGERPRINT_KEY.as_bytes(), &key)
    );
    assert_ne!(
        fingerprint,
        expected_fingerprint(b"nospill-fingerprint-v1", &key),
        "not the public default key"
    );
}

#[test]
fn bad_settings_stop_the_server_with_a_clear_error() {
    let short_key = "tooshort";
    let output = std::process::Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("NOSPILL_FINGERPRINT_KEY", short_key)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("NOSPILL_FINGERPRINT_KEY: is shorter than 16 bytes"),
        "{stderr}"
    );
    assert!(
        !stderr.contains(short_key),
        "the key itself is never printed"
    );

    let output = std::process::Command::new(BIN)
        .args(["serve", "--listen", "not-an-address"])
        .env_remove("NOSPILL_FINGERPRINT_KEY")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not-an-address: cannot listen"), "{stderr}");
    assert!(stderr.contains("--listen or NOSPILL_LISTEN"), "{stderr}");
}
