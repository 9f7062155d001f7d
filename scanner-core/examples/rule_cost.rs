//! Which rule file costs the most scan time: scans the benchmark corpus
//! (the list `cargo bench --bench scan` writes) once per rule file alone.
//!
//! `cargo run --release -p scanner-core --example rule_cost`

use scanner_core::{RuleSet, ScanOptions, Scanner};
use std::time::Instant;
fn main() {
    let files: Vec<String> = std::fs::read_to_string("target/bench-corpus.list")
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let corpus: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let total: usize = corpus.iter().map(|c| c.len()).sum();
    let opts = ScanOptions::default();
    let mut rows = vec![];
    for entry in std::fs::read_dir("scanner-core/rules").unwrap() {
        let p = entry.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        let set = RuleSet::from_sources([(name.as_str(), text.as_str())]).unwrap();
        let s = Scanner::new(set);
        let t = Instant::now();
        for c in &corpus {
            let _ = s.scan(c, "x", &opts);
        }
        rows.push((t.elapsed().as_secs_f64(), name));
    }
    rows.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    for (t, n) in rows.iter().take(12) {
        println!("{t:.3}s {n}  ({:.0} MB/s)", total as f64 / 1e6 / t);
    }
}
