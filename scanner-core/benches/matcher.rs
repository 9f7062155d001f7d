//! Matcher benchmark: prints figures, asserts nothing.
//!
//! `cargo bench -p scanner-core --bench matcher` times rule matching alone
//! (prefilter, patterns, validators; no extraction, no report) with the
//! built-in rules over three generated texts: clean prose and code, a text
//! dense in prefilter keywords, and one dense in secrets. It also times the
//! whole `scan` of each, the figure comparable with the WebAssembly build.
//!
//! The texts are written to `target/bench-texts/` so that
//! `scripts/bench-wasm.sh` times the WASM `scan` over the same bytes.

use scanner_core::{RuleSet, ScanOptions, Scanner, scan};
use std::path::{Path, PathBuf};
use std::time::Instant;

const TEXT_BYTES: usize = 2_000_000;
const RUNS: usize = 5;

fn main() {
    let rules = Scanner::builtin().rules();
    let texts = [
        ("clean", clean_text()),
        ("keyword-dense", keyword_text(rules)),
        ("secret-dense", secret_text(rules)),
    ];
    let dir = workspace_target().join("bench-texts");
    let _ = std::fs::create_dir_all(&dir);
    let options = ScanOptions::default();
    for (name, text) in &texts {
        let _ = std::fs::write(dir.join(format!("{name}.txt")), text);
        let (match_secs, hits) = best(|| scanner_core::detect_count(text));
        let (scan_secs, findings) = best(|| {
            scan(text.as_bytes(), name, &options).map_or(0, |report| report.findings.len())
        });
        let mb = text.len() as f64 / 1e6;
        println!(
            "{name}: {mb:.1} MB, match {:.1} MB/s ({hits} hits), scan {:.1} MB/s ({findings} findings)",
            mb / match_secs,
            mb / scan_secs,
        );
    }
    println!("texts in {}", dir.display());
}

/// Best time of [`RUNS`] runs, and the last result.
fn best(mut run: impl FnMut() -> usize) -> (f64, usize) {
    let mut secs = f64::MAX;
    let mut result = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        result = std::hint::black_box(run());
        secs = secs.min(started.elapsed().as_secs_f64());
    }
    (secs, result)
}

/// A small deterministic generator, so every run sees the same text.
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        items[(self.0 >> 33) as usize % items.len()]
    }
}

const WORDS: &str = "the report covers revenue and hiring for each quarter while our team \
    reviewed roadmap items with customers in three regions shipping was delayed by weather but \
    support stayed fast overall function returns value list of results sorted order page table";

const CODE: &[&str] = &[
    "let total = items.iter().map(|item| item.len()).sum::<usize>();",
    "if response.status() == 404 { return Err(Error::NotFound(path.into())); }",
    "def parse_header(line):\n    name, _, value = line.partition(':')",
    "for (index, row) in rows.enumerate() { println!(\"{index}: {row:?}\"); }",
    "const retries = options.retries ?? 3; // back off 250 ms between tries",
    "SELECT id, name, created_at FROM orders WHERE region = 'eu-west' LIMIT 50;",
];

/// Prose sentences and code lines, with the odd number, as in ordinary files.
fn clean_text() -> String {
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut rng = Lcg(1);
    let mut text = String::new();
    let mut line = 0;
    while text.len() < TEXT_BYTES {
        line += 1;
        if line % 4 == 0 {
            text.push_str(rng.pick(CODE));
        } else {
            for _ in 0..12 {
                text.push_str(rng.pick(&words));
                text.push(' ');
            }
            text.push_str(&format!("on page {} in {}.", line % 300, 1990 + line % 35));
        }
        text.push('\n');
    }
    text
}

/// Every rule keyword in turn, in lines that hold no secret: the prefilter
/// fires on each line and every pattern window runs for nothing.
fn keyword_text(rules: &RuleSet) -> String {
    let keywords: Vec<&str> = rules
        .rules()
        .iter()
        .flat_map(|rule| rule.keywords.iter().map(String::as_str))
        .collect();
    let mut text = String::new();
    let mut n = 0;
    while text.len() < TEXT_BYTES {
        let keyword = keywords[n % keywords.len()];
        text.push_str(&format!(
            "config.{keyword}_path = lookup(\"{keyword}\") # set in the vault, row {n}\n"
        ));
        n += 1;
    }
    text
}

/// Every rule's positive examples in turn (synthetic values), one per line
/// between ordinary lines.
fn secret_text(rules: &RuleSet) -> String {
    let examples: Vec<&str> = rules
        .rules()
        .iter()
        .flat_map(|rule| rule.examples.iter().map(String::as_str))
        .collect();
    let mut text = String::new();
    let mut n = 0;
    while text.len() < TEXT_BYTES {
        text.push_str(examples[n % examples.len()]);
        text.push_str("\nthe deploy notes for this service list the settings above\n");
        n += 1;
    }
    text
}

fn workspace_target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}
