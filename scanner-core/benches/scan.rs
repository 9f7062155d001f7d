//! Throughput benchmark: prints figures, asserts nothing.
//!
//! `cargo bench -p scanner-core --bench scan` scans
//! 1. a large secret-free text corpus assembled from text already on the
//!    machine (Python's standard library, the Rust toolchain's HTML docs),
//!    or the folder in `NOSPILL_BENCH_CORPUS`, and reports MB/s;
//! 2. a generated 1000-page PDF, and reports the time per scan.
//!
//! The list of corpus files is written to `target/bench-corpus.list` so that
//! `scripts/bench.sh` can run a peer over exactly the same bytes.

use scanner_core::{ScanOptions, scan};
use std::path::{Path, PathBuf};
use std::time::Instant;

const CORPUS_BYTES: u64 = 64 * 1024 * 1024;
const PDF_PAGES: u32 = 1000;
const RUNS: usize = 5;

fn main() {
    let options = ScanOptions::default();
    let files = corpus_files();
    let corpus: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|path| Some((path.display().to_string(), std::fs::read(path).ok()?)))
        .collect();
    let total: usize = corpus.iter().map(|(_, bytes)| bytes.len()).sum();
    let list = workspace_target().join("bench-corpus.list");
    let _ = std::fs::create_dir_all(list.parent().unwrap());
    let _ = std::fs::write(
        &list,
        files
            .iter()
            .map(|p| format!("{}\n", p.display()))
            .collect::<String>(),
    );
    println!(
        "corpus: {} files, {:.1} MB (list in {})",
        corpus.len(),
        mb(total),
        list.display()
    );

    let mut best = f64::MAX;
    let mut findings = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        findings = 0;
        for (name, bytes) in &corpus {
            findings += scan(bytes, name, &options).map_or(0, |report| report.findings.len());
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!(
        "text corpus: {:.1} MB/s (best of {RUNS}), {findings} findings ({:.2} per MB)",
        mb(total) / best,
        findings as f64 / mb(total)
    );

    let pdf = thousand_page_pdf();
    let mut times = Vec::new();
    let mut pages = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let report = scan(&pdf, "1000-pages.pdf", &options).expect("generated PDF scans");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        pages = report.stats.parts;
    }
    times.sort_by(f64::total_cmp);
    println!(
        "1000-page PDF: {:.1} MB, {pages} parts, median {:.0} ms, best {:.0} ms",
        mb(pdf.len()),
        times[RUNS / 2],
        times[0]
    );
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn workspace_target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// Files of the corpus, sorted, up to [`CORPUS_BYTES`].
fn corpus_files() -> Vec<PathBuf> {
    let roots: Vec<PathBuf> = match std::env::var_os("NOSPILL_BENCH_CORPUS") {
        Some(dir) => vec![PathBuf::from(dir)],
        None => default_roots(),
    };
    let mut files = Vec::new();
    for root in roots {
        let mut found = Vec::new();
        walk(&root, &mut found);
        found.sort();
        files.extend(found);
    }
    let mut total = 0;
    files.retain(|path| {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        total += size;
        total <= CORPUS_BYTES
    });
    assert!(
        !files.is_empty(),
        "no corpus found: set NOSPILL_BENCH_CORPUS to a folder of text files"
    );
    files
}

fn default_roots() -> Vec<PathBuf> {
    let mut roots = Vec::new();
    if let Ok(out) = std::process::Command::new("python3")
        .args([
            "-c",
            "import sysconfig;print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
    {
        let stdlib = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if !stdlib.is_empty() {
            roots.push(PathBuf::from(stdlib));
        }
    }
    if let Ok(out) = std::process::Command::new("rustc")
        .args(["--print", "sysroot"])
        .output()
    {
        let sysroot = String::from_utf8_lossy(&out.stdout).trim().to_string();
        roots.push(Path::new(&sysroot).join("share/doc/rust/html"));
    }
    roots
}

/// Text files under `dir`, skipping test suites (which hold deliberate
/// key material) and installed third-party packages.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !matches!(
                name.as_str(),
                "test" | "tests" | "site-packages" | "__pycache__" | "idlelib"
            ) {
                walk(&path, out);
            }
        } else if kind.is_file()
            && [".py", ".html", ".md", ".txt", ".rst"]
                .iter()
                .any(|ext| name.ends_with(ext))
        {
            out.push(path);
        }
    }
}

/// A 1000-page PDF with a paragraph of ordinary prose on each page.
fn thousand_page_pdf() -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids = Vec::new();
    for page in 0..PDF_PAGES {
        let mut operations = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 11.into()]),
            Operation::new("TL", vec![14.into()]),
            Operation::new("Td", vec![72.into(), 720.into()]),
        ];
        for line in 0..40 {
            let text = format!(
                "Page {page} line {line}: the quarterly review covers revenue, hiring and the roadmap."
            );
            operations.push(Operation::new("Tj", vec![Object::string_literal(text)]));
            operations.push(Operation::new("T*", vec![]));
        }
        operations.push(Operation::new("ET", vec![]));
        let content = Content { operations }.encode().expect("content encodes");
        let mut stream = Stream::new(dictionary! {}, content);
        let _ = stream.compress();
        let content_id = doc.add_object(stream);
        kids.push(Object::from(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => resources_id, "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        })));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => PDF_PAGES as i64 },
        ),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("PDF serialises");
    bytes
}
