//! Scans every file under the given folders (sorted, recursively) with the
//! built-in rules and prints one JSON line per file: its name and findings
//! (redacted previews and fingerprints only, no timing), then the total
//! bytes and MB/s on stderr. For profiling under `valgrind --tool=callgrind`
//! and for diffing findings before and after an engine change:
//!
//! `cargo run --release -p scanner-core --example scan_files -- DIR... > out.jsonl`
//!
//! `--repeat N` scans the set N times (findings printed once).

use scanner_core::{ScanOptions, Scanner};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn walk(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for entry in entries {
            walk(&entry, out);
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 1;
    if let Some(at) = args.iter().position(|a| a == "--repeat") {
        repeat = args[at + 1].parse().expect("--repeat N");
        args.drain(at..at + 2);
    }
    let mut files = Vec::new();
    for arg in &args {
        walk(Path::new(arg), &mut files);
    }
    let corpus: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read(p).ok()?)))
        .collect();
    let total: usize = corpus.iter().map(|(_, b)| b.len()).sum();
    let scanner = Scanner::builtin();
    let options = ScanOptions::default();
    let started = Instant::now();
    for round in 0..repeat {
        for (name, bytes) in &corpus {
            let line = match scanner.scan(bytes, name, &options) {
                Ok(report) => serde_json::json!({
                    "file": name,
                    "verdict": report.verdict,
                    "findings": report.findings,
                    "warnings": report.warnings,
                    "parts": report.stats.parts,
                    "bytes_scanned": report.stats.bytes_scanned,
                }),
                Err(err) => serde_json::json!({ "file": name, "error": err.to_string() }),
            };
            if round == 0 {
                println!("{line}");
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{} files, {:.1} MB x {repeat}, {:.2} s, {:.1} MB/s",
        corpus.len(),
        total as f64 / 1e6,
        secs,
        total as f64 * repeat as f64 / 1e6 / secs
    );
}
