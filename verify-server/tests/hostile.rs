//! Hostile clients against the real server: uploads that try to exhaust its
//! memory, malformed requests that try to make it echo what they carry.
//! Secrets are synthetic; failure messages show prefixes only.

mod common;

use common::{Server, assert_no_secrets, connect, fake_aws_key, read_response, request_head};
use std::io::{Read, Write};
use std::thread;
use std::time::Duration;

/// A multipart body cut off inside a field whose name is a secret: the
/// error message quoted the field name back.
#[test]
fn malformed_multipart_errors_do_not_echo_what_the_client_sent() {
    let server = Server::start(&[]);
    let secret = fake_aws_key();
    let cut_off = format!(
        "--XX\r\nContent-Disposition: form-data; name=\"{secret}\"; filename=\"{secret}.txt\"\r\n\r\nabc"
    );
    let response = common::request(
        server.addr,
        "POST",
        "/inspect",
        &[("Content-Type", "multipart/form-data; boundary=XX")],
        cut_off.as_bytes(),
    );
    assert_eq!(response.status, 400);
    assert_eq!(response.error_code(), "bad_request");
    assert_no_secrets(
        &response.text(),
        std::slice::from_ref(&secret),
        "the response",
    );
    assert_no_secrets(&server.output(), &[secret], "the log");
}

/// Every upload is held in memory while it arrives and is scanned, so the
/// uploads of all requests together get a budget: without one, twenty
/// concurrent 120 MB uploads held 2.4 GB. With one scan slot the budget
/// holds two uploads at the size limit; a third is answered 503 at once
/// instead of being read, and the first two still go through.
#[test]
fn concurrent_uploads_share_a_memory_budget() {
    let limit = 1_000_000usize;
    let server = Server::start(&[
        ("NOSPILL_MAX_BODY_BYTES", &limit.to_string()),
        ("NOSPILL_MAX_CONCURRENT_SCANS", "1"),
    ]);
    let head = |length: usize| {
        let mut raw = request_head("POST", "/inspect", &[]);
        raw.extend_from_slice(format!("Content-Length: {length}\r\n\r\n").as_bytes());
        raw
    };
    // Two uploads at the limit that have not sent their bodies yet.
    let mut holding: Vec<_> = (0..2)
        .map(|_| {
            let mut stream = connect(server.addr);
            stream.write_all(&head(limit)).unwrap();
            stream
        })
        .collect();
    thread::sleep(Duration::from_millis(500));

    let mut third = connect(server.addr);
    third
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    third.write_all(&head(limit)).unwrap();
    let refused = read_response(&mut third);
    assert_eq!(refused.status, 503, "{}", refused.text());
    assert_eq!(refused.error_code(), "busy");

    for stream in &mut holding {
        stream.write_all(&vec![b'a'; limit]).unwrap();
    }
    for mut stream in holding {
        let response = read_response(&mut stream);
        assert_eq!(response.status, 200, "{}", response.text());
    }
    // The budget is given back once the scans are done.
    let response = server.post_raw(None, &vec![b'a'; limit]);
    assert_eq!(response.status, 200, "{}", response.text());
}

/// A chunked upload declares no length: it is charged as it arrives, and
/// refused once the budget is gone.
#[test]
fn uploads_without_a_length_are_charged_as_they_arrive() {
    let limit = 1_000_000usize;
    let server = Server::start(&[
        ("NOSPILL_MAX_BODY_BYTES", &limit.to_string()),
        ("NOSPILL_MAX_CONCURRENT_SCANS", "1"),
    ]);
    let mut holding: Vec<_> = (0..2)
        .map(|_| {
            let mut stream = connect(server.addr);
            let mut raw = request_head("POST", "/inspect", &[]);
            raw.extend_from_slice(format!("Content-Length: {limit}\r\n\r\n").as_bytes());
            stream.write_all(&raw).unwrap();
            stream
        })
        .collect();
    thread::sleep(Duration::from_millis(500));

    let mut chunked = connect(server.addr);
    chunked
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut raw = request_head("POST", "/inspect", &[("Transfer-Encoding", "chunked")]);
    raw.extend_from_slice(b"\r\n");
    raw.extend_from_slice(format!("{:x}\r\n", 200_000).as_bytes());
    raw.extend_from_slice(&vec![b'a'; 200_000]);
    raw.extend_from_slice(b"\r\n");
    chunked.write_all(&raw).unwrap();
    let refused = read_response(&mut chunked);
    assert_eq!(refused.status, 503, "{}", refused.text());
    assert_eq!(refused.error_code(), "busy");

    for stream in &mut holding {
        stream.write_all(&vec![b'a'; limit]).unwrap();
        assert_eq!(read_response(stream).status, 200);
    }
}

/// axum's server has no header-read timeout: a connection that sent half
/// a request head, or nothing at all, stayed open for good (slowloris).
/// Now a connection must be answered within the request timeout (plus a
/// little) of its first byte, and an idle one is closed as long after its
/// last answer.
#[test]
fn stalled_connections_are_closed() {
    let server = Server::start(&[("NOSPILL_REQUEST_TIMEOUT_SECS", "1")]);
    let mut silent = connect(server.addr);
    let mut half_head = connect(server.addr);
    half_head
        .write_all(b"POST /inspect HTTP/1.1\r\nHost: test\r\n")
        .unwrap();
    for stream in [&mut silent, &mut half_head] {
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut buffer = [0u8; 64];
        match stream.read(&mut buffer) {
            Ok(0) => {}
            Ok(n) => panic!("expected a close, got {n} bytes"),
            Err(err) => assert_eq!(
                err.kind(),
                std::io::ErrorKind::ConnectionReset,
                "expected a close, got {err}"
            ),
        }
    }
    // The server itself still answers.
    assert_eq!(server.get("/healthz").status, 200);
}

/// The access log recorded the request path and a client's request id
/// verbatim, and the audit store kept the id: a token pasted into a URL
/// path or sent as the request id ended up in both.
#[test]
fn secrets_in_paths_and_request_ids_are_not_logged() {
    let server = Server::start(&[]);
    let secret = fake_aws_key();
    let response = common::request(server.addr, "GET", &format!("/files/{secret}"), &[], b"");
    assert_eq!(response.status, 404);
    let encoded: String = secret.bytes().map(|b| format!("%{b:02X}")).collect();
    let response = common::request(server.addr, "GET", &format!("/{encoded}"), &[], b"");
    assert_eq!(response.status, 404);
    let response = common::request(
        server.addr,
        "POST",
        "/inspect",
        &[("X-Request-Id", &secret)],
        b"hello",
    );
    assert_eq!(response.status, 200, "{}", response.text());
    let id = response.header("x-request-id").unwrap_or_default();
    assert!(!id.is_empty() && id != secret, "the request id was kept");
    // An ordinary id is still kept.
    let response = common::request(
        server.addr,
        "GET",
        "/healthz",
        &[("X-Request-Id", "req-42")],
        b"",
    );
    assert_eq!(response.header("x-request-id"), Some("req-42"));
    server.wait_for_log(|event| event["span"]["request_id"] == "req-42");
    assert_no_secrets(&server.output(), std::slice::from_ref(&secret), "the log");
    let audit = std::fs::read(server.workdir().join("nospill-audit.sqlite3")).unwrap_or_default();
    assert_no_secrets(
        &String::from_utf8_lossy(&audit),
        &[secret],
        "the audit store",
    );
}
