//! Shared by the integration tests: the real server binary started on a
//! free port, a small HTTP/1.1 client over `TcpStream`, synthetic secrets
//! and temporary folders.
#![allow(dead_code)] // each test file uses a different subset

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_verify-server");

/// A fixed test key; never a real one.
pub const TEST_FINGERPRINT_KEY: &str = "test-fingerprint-key-0123456789abcdef";

/// Every variable the server reads, cleared so the caller's environment
/// cannot change a test.
const SERVER_ENV: &[&str] = &[
    "NOSPILL_LISTEN",
    "NOSPILL_MAX_BODY_BYTES",
    "NOSPILL_SCAN_TIMEOUT_SECS",
    "NOSPILL_REQUEST_TIMEOUT_SECS",
    "NOSPILL_MAX_CONCURRENT_SCANS",
    "NOSPILL_FINGERPRINT_KEY",
    "NOSPILL_AUDIT_DB",
    "NOSPILL_API_TOKENS",
    "NOSPILL_OVERRIDES",
    "NOSPILL_RULES",
    "NOSPILL_ALLOWLIST",
    "NOSPILL_BLOCK_AT",
    "NOSPILL_WARN_AT",
    "NOSPILL_IGNORE_INLINE_ALLOW",
    "NOSPILL_LOG",
    "RUST_LOG",
];

/// The real `verify-server serve`, with its output captured. It runs in
/// a fresh working directory of its own, so the default audit database
/// (`nospill-audit.sqlite3`) lands there and is removed with the server.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
    stdout: Arc<Mutex<String>>,
    workdir: TempDir,
}

impl Server {
    /// Starts with the fixed test key and the given extra environment.
    pub fn start(env: &[(&str, &str)]) -> Server {
        let mut all = vec![("NOSPILL_FINGERPRINT_KEY", TEST_FINGERPRINT_KEY)];
        all.extend_from_slice(env);
        Self::start_with_env(&all)
    }

    /// Starts with exactly the given server environment.
    pub fn start_with_env(env: &[(&str, &str)]) -> Server {
        let workdir = TempDir::new("server");
        let mut command = Command::new(BIN);
        command
            .args(["serve", "--listen", "127.0.0.1:0"])
            .current_dir(workdir.path());
        for name in SERVER_ENV {
            command.env_remove(name);
        }
        command
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("start verify-server");

        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let (listening_tx, listening_rx) = mpsc::channel();
        let child_stderr = child.stderr.take().unwrap();
        let sink = stderr.clone();
        thread::spawn(move || {
            for line in BufReader::new(child_stderr).lines() {
                let Ok(line) = line else { break };
                if let Ok(event) = serde_json::from_str::<serde_json::Value>(&line)
                    && event["message"] == "listening"
                {
                    let _ =
                        listening_tx.send(event["addr"].as_str().unwrap_or_default().to_string());
                }
                let mut sink = sink.lock().unwrap();
                sink.push_str(&line);
                sink.push('\n');
            }
        });
        let child_stdout = child.stdout.take().unwrap();
        let sink = stdout.clone();
        thread::spawn(move || {
            let mut text = String::new();
            let _ = BufReader::new(child_stdout).read_to_string(&mut text);
            sink.lock().unwrap().push_str(&text);
        });

        let addr = match listening_rx.recv_timeout(Duration::from_secs(60)) {
            Ok(addr) => addr
                .parse()
                .expect("the listening line has a socket address"),
            Err(_) => {
                let _ = child.kill();
                panic!(
                    "verify-server did not log `listening`; stderr:\n{}",
                    stderr.lock().unwrap()
                );
            }
        };
        Server {
            child,
            addr,
            stderr,
            stdout,
            workdir,
        }
    }

    /// The server's working directory.
    pub fn workdir(&self) -> &Path {
        self.workdir.path()
    }

    /// Everything the server wrote so far, stdout and stderr.
    pub fn output(&self) -> String {
        format!(
            "{}{}",
            self.stdout.lock().unwrap(),
            self.stderr.lock().unwrap()
        )
    }

    /// The JSON log lines so far.
    pub fn log_events(&self) -> Vec<serde_json::Value> {
        self.stderr
            .lock()
            .unwrap()
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect()
    }

    /// Waits until a log line satisfies `matches`.
    pub fn wait_for_log(&self, matches: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(event) = self.log_events().into_iter().find(&matches) {
                return event;
            }
            assert!(
                Instant::now() < deadline,
                "log line never appeared; logs:\n{}",
                self.output()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGTERM to this server.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the process to exit.
    pub fn wait(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "verify-server did not exit; logs:\n{}",
                self.output()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn get(&self, path: &str) -> Response {
        request(self.addr, "GET", path, &[], b"")
    }

    pub fn post_raw(&self, name: Option<&str>, body: &[u8]) -> Response {
        let headers: Vec<(&str, &str)> =
            name.map(|name| ("X-Filename", name)).into_iter().collect();
        request(self.addr, "POST", "/inspect", &headers, body)
    }

    pub fn post_multipart(&self, parts: &[Part<'_>]) -> Response {
        let (content_type, body) = multipart(parts);
        request(
            self.addr,
            "POST",
            "/inspect",
            &[("Content-Type", &content_type)],
            &body,
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A parsed HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|err| {
            panic!(
                "status {} body is not JSON ({err}): {}",
                self.status,
                self.text()
            )
        })
    }

    /// Asserts the documented error shape and returns the code.
    pub fn error_code(&self) -> String {
        assert_eq!(
            self.header("content-type"),
            Some("application/json"),
            "{}",
            self.text()
        );
        let json = self.json();
        let error = json["error"]
            .as_object()
            .unwrap_or_else(|| panic!("no error object: {json}"));
        assert_eq!(error.len(), 2, "{json}");
        assert!(!error["message"].as_str().unwrap().is_empty());
        error["code"].as_str().unwrap().to_string()
    }
}

/// Sends one request with `Connection: close` and reads the response.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut raw = request_head(method, path, headers);
    raw.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    raw.extend_from_slice(body);
    exchange(addr, &raw)
}

/// The request line and headers, without the blank line that ends them.
pub fn request_head(method: &str, path: &str, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut raw = format!("{method} {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n");
    for (name, value) in headers {
        raw.push_str(&format!("{name}: {value}\r\n"));
    }
    raw.into_bytes()
}

/// Writes `raw` and reads the response to the end.
pub fn exchange(addr: SocketAddr, raw: &[u8]) -> Response {
    let mut stream = connect(addr);
    stream.write_all(raw).unwrap();
    read_response(&mut stream)
}

pub fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream
}

/// Reads until the server closes the connection.
pub fn read_response(stream: &mut TcpStream) -> Response {
    let mut raw = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buffer[..n]),
            // A reset after a complete response (the server closed with
            // request bytes still unread) still leaves a usable answer.
            Err(err)
                if err.kind() == std::io::ErrorKind::ConnectionReset && has_complete_head(&raw) =>
            {
                break;
            }
            Err(err) => panic!("reading the response: {err}"),
        }
    }
    parse_response(&raw)
}

fn has_complete_head(raw: &[u8]) -> bool {
    raw.windows(4).any(|w| w == b"\r\n\r\n")
}

fn parse_response(raw: &[u8]) -> Response {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = std::str::from_utf8(&raw[..end]).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers.iter().any(|(name, value)| {
        name.eq_ignore_ascii_case("transfer-encoding") && value.contains("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("chunk size line");
        let size_text = std::str::from_utf8(&data[..line_end]).unwrap();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap();
        data = &data[line_end + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

/// A chunked request body: `data` split into chunks of `chunk` bytes.
pub fn chunked(data: &[u8], chunk: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for piece in data.chunks(chunk) {
        out.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        out.extend_from_slice(piece);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// One multipart/form-data part.
pub struct Part<'a> {
    pub name: &'a str,
    pub filename: Option<&'a str>,
    pub content: &'a [u8],
}

pub const BOUNDARY: &str = "nospill-test-boundary-7MA4YWxkTrZu0gW";

/// The content type and body of a multipart request.
pub fn multipart(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        let mut disposition = format!("Content-Disposition: form-data; name=\"{}\"", part.name);
        if let Some(filename) = part.filename {
            disposition.push_str(&format!("; filename=\"{filename}\""));
        }
        body.extend_from_slice(disposition.as_bytes());
        body.extend_from_slice(b"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.extend_from_slice(part.content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

/// A synthetic AWS access key id: `AKIA` and 16 random characters of
/// `[A-Z2-7]`, redrawn if it happens to look like a placeholder.
pub fn fake_aws_key() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    loop {
        let mut random = [0u8; 16];
        getrandom::fill(&mut random).unwrap();
        let key: String = "AKIA"
            .chars()
            .chain(random.iter().map(|b| ALPHABET[(*b % 32) as usize] as char))
            .collect();
        let lower = key.to_ascii_lowercase();
        let placeholder = [
            "example", "sample", "dummy", "xxxx", "redacted", "changeme", "abcdefgh",
        ]
        .iter()
        .any(|word| lower.contains(word));
        if !placeholder {
            return key;
        }
    }
}

/// Fails if `haystack` contains any secret; the message shows only a prefix.
pub fn assert_no_secrets(haystack: &str, secrets: &[String], what: &str) {
    for secret in secrets {
        assert!(
            !haystack.contains(secret.as_str()),
            "{what} contains the planted secret starting {}…",
            &secret[..secret.len().min(6)]
        );
    }
}

/// `fp1:` + 32 hex digits of HMAC-SHA256(key, secret): the report contract,
/// recomputed here independently of the engine.
pub fn expected_fingerprint(key: &[u8], secret: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(secret.as_bytes());
    let digest = mac.finalize().into_bytes();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("fp1:{hex}")
}

/// A fresh folder under the system temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> Self {
        let mut random = [0u8; 8];
        getrandom::fill(&mut random).unwrap();
        let path = std::env::temp_dir().join(format!(
            "nospill-{label}-{:016x}",
            u64::from_le_bytes(random)
        ));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    pub fn write(&self, relative: &str, content: &[u8]) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        path
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A PDF header followed by binary noise: no objects, no cross-reference
/// table and no printable text, so nothing can be recovered and the engine
/// answers `ScanError::Unreadable` (it recovers text from anything more).
pub fn unreadable_pdf() -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend(
        [0x01u8, 0x02, 0x03, 0x04, 0xfe, 0xff, 0x00, 0x7f, 0x8a, 0x9c]
            .iter()
            .cycle()
            .take(2048),
    );
    bytes
}
