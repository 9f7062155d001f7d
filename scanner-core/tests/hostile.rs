//! Hostile input: files built to exhaust the engine's time or memory, to
//! hide content from it, or to crash it. Each case is generated here; each
//! asserts what the report says (a finding, a warning naming the limit, a
//! partial scan), never how long it took. Secrets are synthetic AWS access
//! key ids; failure messages show rule ids and previews only.

mod common;
use common::key;
use flate2::Compression;
use flate2::write::ZlibEncoder;
use scanner_core::{Limits, Report, ScanOptions, Verdict, Warning, WarningCode};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Write;

// ------------------------------------------------------------------ helpers

fn scan_with(bytes: &[u8], options: &ScanOptions) -> Report {
    match scanner_core::scan(bytes, "hostile", options) {
        Ok(report) => report,
        Err(err) => panic!("scan failed: {err}"),
    }
}

fn scan(bytes: &[u8]) -> Report {
    scan_with(bytes, &ScanOptions::default())
}

/// Rule ids and previews of the findings: safe to print.
fn shown(report: &Report) -> Vec<(String, String, String)> {
    report
        .findings
        .iter()
        .map(|f| (f.rule.clone(), f.location.part.clone(), f.preview.clone()))
        .collect()
}

fn has_finding_of(report: &Report, secret: &str) -> bool {
    let fingerprint = fingerprint(secret);
    report.findings.iter().any(|f| f.fingerprint == fingerprint)
}

/// The fingerprint of `secret` found on its own, to recognise it in a
/// report without printing it.
fn fingerprint(secret: &str) -> String {
    let report = scan(format!("value {secret}\n").as_bytes());
    assert_eq!(report.findings.len(), 1, "the test key is not detected");
    report.findings[0].fingerprint.clone()
}

fn warning_with<'r>(report: &'r Report, needle: &str) -> Option<&'r Warning> {
    report.warnings.iter().find(|w| w.message.contains(needle))
}

fn time_budget_warning(report: &Report) -> Option<&Warning> {
    warning_with(report, "time budget")
}

thread_local! {
    static TICKS: Cell<u64> = const { Cell::new(0) };
}

/// A clock that advances one millisecond each time it is read, so a time
/// budget counts the engine's checks instead of wall-clock time. Tests run
/// on separate threads, so each has its own count.
fn ticking_clock() -> f64 {
    TICKS.with(|ticks| {
        let now = ticks.get();
        ticks.set(now + 1);
        now as f64
    })
}

// ------------------------------------------------------- memory tracking

/// Counts the bytes each thread has allocated, so a test can assert how
/// much memory a scan needed at its peak (scans run on the calling thread).
struct CountingAllocator;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn track(change: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + change;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            track(layout.size() as isize);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        track(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            track(new_size as isize - layout.size() as isize);
        }
        moved
    }
}

/// Runs `scan` and returns its report with the most bytes it held at once.
fn peak_memory(scan: impl FnOnce() -> Report) -> (Report, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(base));
    let report = scan();
    let peak = PEAK.with(Cell::get) - base;
    (report, peak.max(0) as usize)
}

const MIB: usize = 1 << 20;

// ----------------------------------------------------------- PDF builder

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// A PDF of `objects` (number, body) with a correct cross-reference table;
/// object 1 is the catalog.
fn pdf(objects: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let size = objects.iter().map(|o| o.0).max().unwrap_or(0) + 1;
    let mut offsets = vec![None; size as usize];
    for (number, body) in objects {
        offsets[*number as usize] = Some(out.len());
        out.extend_from_slice(format!("{number} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n").as_bytes());
    for offset in offsets {
        match offset {
            Some(offset) => out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes()),
            None => out.extend_from_slice(b"0000000000 65535 f \n"),
        }
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

/// A one-page PDF: `content` as its (compressed) content stream, font F1
/// in object 5, and `extra` objects from number 6 on.
fn page_pdf(content: &[u8], font: &str, extra: Vec<(u32, Vec<u8>)>) -> Vec<u8> {
    let mut objects = vec![
        (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
        (
            3,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
              /Resources << /Font << /F1 5 0 R >> >> >>"
                .to_vec(),
        ),
        (4, stream("/Filter /FlateDecode", &deflate(content))),
        (5, font.as_bytes().to_vec()),
    ];
    objects.extend(extra);
    pdf(&objects)
}

const HELVETICA: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

fn shows(secret: &str) -> Vec<u8> {
    format!("BT /F1 12 Tf 72 700 Td (key {secret}) Tj ET").into_bytes()
}

// ------------------------------------------------------------- detection

/// 10 000 distinct keys: overlap resolution compared every hit with every
/// hit kept so far, which took minutes for a few megabytes of keys.
#[test]
fn a_text_full_of_secrets_is_scanned_to_the_end() {
    let mut text = String::new();
    for seed in 0..10_000 {
        text.push_str(&key(seed));
        text.push('\n');
    }
    let last = key(10_000);
    text.push_str(&last);
    let options = ScanOptions {
        limits: Limits {
            time_budget_ms: 60_000,
            ..Limits::default()
        },
        ..ScanOptions::default()
    };
    let report = scan_with(text.as_bytes(), &options);
    assert!(
        time_budget_warning(&report).is_none(),
        "{:?}",
        report.warnings
    );
    assert_eq!(report.stats.bytes_scanned, text.len() as u64);
    assert_eq!(report.verdict, Verdict::Block);
    assert_eq!(report.findings.len(), 1000, "{:?}", &shown(&report)[..3]);
    assert!(warning_with(&report, "more than 1000 findings").is_some());
}

/// One huge part used to be searched in a single call that never looked
/// at the time budget: 100 MB of `password= x ` took minutes, with no
/// warning. Now the budget is checked between segments of the part.
#[test]
fn the_time_budget_holds_inside_one_huge_part() {
    let early = key(1);
    let late = key(2);
    let mut text = format!("first {early}\n");
    while text.len() < 16 << 20 {
        text.push_str("lorem ipsum dolor sit amet ");
    }
    text.push_str(&format!("\nlast {late}\n"));
    let options = ScanOptions {
        limits: Limits {
            time_budget_ms: 8,
            ..Limits::default()
        },
        clock: Some(ticking_clock),
        ..ScanOptions::default()
    };
    let report = scan_with(text.as_bytes(), &options);
    let warning = time_budget_warning(&report).expect("a time budget warning");
    assert_eq!(warning.code, WarningCode::Limit);
    assert!(report.stats.bytes_scanned < text.len() as u64);
    assert!(has_finding_of(&report, &early), "{:?}", shown(&report));
    assert!(!has_finding_of(&report, &late));
    assert_eq!(report.verdict, Verdict::Block);
}

/// `nospill:allow:` with a million rule ids on a line of 50 000 keys: each
/// finding was looked up in the list of ids, a minute for a 3 MB file (in
/// release), and that loop never looks at the time budget. The ids are a
/// set now. (The one test here that measures time: the slow way takes
/// minutes in a debug build, the fast one milliseconds.)
#[test]
fn a_line_of_many_inline_rule_ids_is_looked_up_quickly() {
    let ids: Vec<String> = (0..500_000).map(|i| format!("acme.rule{i}")).collect();
    let mut text = format!("nospill:allow:{},aws.access_key_id ", ids.join(","));
    for seed in 0..5_000 {
        text.push_str(&key(seed));
        text.push(' ');
    }
    text.push_str(&format!("\nnext line {}\n", key(9_999)));
    let started = std::time::Instant::now();
    let report = scan(text.as_bytes());
    let elapsed = started.elapsed();
    assert_eq!(report.findings.len(), 1, "{:?}", shown(&report));
    assert!(has_finding_of(&report, &key(9_999)));
    assert_eq!(report.stats.suppressed, 5_000);
    assert!(elapsed.as_secs() < 60, "{elapsed:?}");
}

/// One key, base64-encoded on 100 000 lines: each decoded copy was checked
/// against every copy kept before it, quadratic (31 s in release for
/// 300 000 lines, and that step never looks at the time budget). Every
/// copy is still reported, up to the report's limit.
#[test]
fn many_copies_of_one_encoded_key_are_merged_quickly() {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(key(4));
    let text = format!("{encoded}\n").repeat(100_000);
    let started = std::time::Instant::now();
    let report = scan(text.as_bytes());
    let elapsed = started.elapsed();
    assert_eq!(report.findings.len(), 1000, "{:?}", report.warnings);
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.decoded.as_deref() == Some("base64"))
    );
    assert_eq!(report.findings[999].location.line, Some(1000));
    assert!(elapsed.as_secs() < 60, "{elapsed:?}");
}

/// A key encoded in the file name: names were searched for plain secrets
/// only, so the report's `file.name` carried the encoded key whole.
#[test]
fn an_encoded_key_in_a_file_name_is_redacted() {
    use base64::Engine;
    let secret = key(5);
    let percent = format!("%{:02X}{}", secret.as_bytes()[0], &secret[1..]);
    let base64 = base64::engine::general_purpose::STANDARD.encode(format!("id {secret} "));
    for name in [format!("notes {percent}.txt"), format!("{base64}.txt")] {
        let report = scanner_core::scan(b"nothing here", &name, &ScanOptions::default()).unwrap();
        assert!(
            !report.file.name.contains(&secret[4..]) && !report.file.name.contains(&base64[8..]),
            "the name is shown unredacted: {} {:?}",
            name.len(),
            report.file.name.len()
        );
        assert!(report.file.name.ends_with(".txt"));
        assert_eq!(report.findings.len(), 1, "{:?}", shown(&report));
        assert!(has_finding_of(&report, &secret));
        assert!(report.findings[0].decoded.is_some());
    }
    // Found encoded, and also there as it is where nothing marks it as a
    // secret (an AWS secret key is only one after its key name).
    let aws_secret = format!("{}{}", key(7), key(8).to_lowercase());
    let base64 = base64::engine::general_purpose::STANDARD
        .encode(format!("aws_secret_access_key={aws_secret} "));
    let name = format!("{base64} {aws_secret}.txt");
    let report = scanner_core::scan(b"nothing here", &name, &ScanOptions::default()).unwrap();
    assert_eq!(report.findings.len(), 1, "{:?}", shown(&report));
    assert_eq!(report.findings[0].rule, "aws.secret_access_key");
    assert!(
        !report.file.name.contains(&aws_secret[8..]),
        "the name is shown unredacted"
    );
}

/// A base64 run next to a dot was taken for a JWT segment and not decoded,
/// so `.x` after an encoded key hid it. Only runs of a token whose header
/// is JSON (`eyJ…`) are left to the JWT rule now.
#[test]
fn a_dot_after_an_encoded_key_does_not_hide_it() {
    use base64::Engine;
    let secret = key(6);
    let encoded = base64::engine::general_purpose::STANDARD_NO_PAD.encode(format!("id {secret} "));
    for text in [
        format!("blob: {encoded}.x\n"),
        format!("blob: x.{encoded}\n"),
        format!("blob: aaaa.bbbb.{encoded}.x\n"),
    ] {
        let report = scan(text.as_bytes());
        assert!(has_finding_of(&report, &secret), "{:?}", shown(&report));
    }
}

/// Segments overlap, so a secret across a segment edge is found once.
#[test]
fn secrets_on_segment_edges_are_found_once() {
    let mut text = String::new();
    let mut secrets = Vec::new();
    let mut seed = 0;
    while text.len() < 3 << 20 {
        // Lines of varying length so keys land on every offset mod 1 MiB.
        text.push_str(&"lorem ipsum dolor ".repeat(1 + (seed as usize % 7) * 300));
        let secret = key(seed);
        text.push_str(&format!("id {secret}\n"));
        secrets.push(secret);
        seed += 1;
    }
    let report = scan(text.as_bytes());
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(report.findings.len(), secrets.len(), "{:?}", shown(&report));
    let mut starts: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.location.line, f.location.column))
        .collect();
    starts.dedup();
    assert_eq!(starts.len(), secrets.len());
}

// ------------------------------------------------------------------- PDF

/// A stream whose indirect `/Length` points at the stream itself: lopdf
/// loads it with no data, so the page read as blank and the file was
/// allowed. The data is read up to `endstream` instead.
#[test]
fn a_stream_with_an_unusable_length_is_still_read() {
    let secret = key(10);
    for length in ["4 0 R", "99 0 R", "6 0 R"] {
        let content = shows(&secret);
        let mut body = format!("<< /Length {length} >>\nstream\n").into_bytes();
        body.extend_from_slice(&content);
        body.extend_from_slice(b"\nendstream");
        let bytes = pdf(&[
            (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
            (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
            (
                3,
                b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
            ),
            (4, body),
            (5, HELVETICA.as_bytes().to_vec()),
            // A length past the end of the file.
            (6, b"99999999".to_vec()),
        ]);
        let report = scan(&bytes);
        assert!(
            has_finding_of(&report, &secret),
            "/Length {length}: {:?} {:?}",
            shown(&report),
            report.warnings
        );
        assert_eq!(report.verdict, Verdict::Block);
        assert_eq!(report.findings[0].location.page, Some(1));
    }
}

/// A PDF after 10 KB of text: pdf.js and poppler open it, but the engine
/// read the file as text and allowed it without inflating its streams.
#[test]
fn a_pdf_behind_a_text_prefix_is_read_as_pdf() {
    let secret = key(11);
    let mut bytes = "This looks like a plain text file.\n"
        .repeat(300)
        .into_bytes();
    bytes.extend(page_pdf(&shows(&secret), HELVETICA, vec![]));
    let report = scan(&bytes);
    assert!(
        has_finding_of(&report, &secret),
        "{:?} {:?}",
        shown(&report),
        report.warnings
    );
    assert_eq!(report.verdict, Verdict::Block);
    assert!(report.findings[0].location.part.starts_with("embedded PDF"));

    // Behind a binary prefix too.
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend(vec![0u8; 2000]);
    bytes.extend(page_pdf(&shows(&secret), HELVETICA, vec![]));
    let report = scan(&bytes);
    assert!(has_finding_of(&report, &secret), "{:?}", shown(&report));
}

/// Text that merely mentions the PDF header further in is still plain text.
#[test]
fn text_about_pdf_is_not_taken_for_a_pdf() {
    let mut text = "Notes on file formats.\n".repeat(100);
    text.push_str("A PDF file starts with %PDF-1.7 and a binary comment line.\n");
    let report = scan(text.as_bytes());
    assert_eq!(report.verdict, Verdict::Allow, "{:?}", report.warnings);
    assert_eq!(report.file.kind, "text");
}

/// UTF-16 text without a byte-order mark, half of it CJK: it fails the
/// UTF-16 sniff and was scanned as a binary whose ASCII-only string
/// extraction found nothing (every other byte is NUL).
#[test]
fn utf16_without_bom_and_mostly_non_ascii_is_still_read() {
    let secret = key(12);
    let line = format!("{} key={secret}\n", "日本語のテキスト".repeat(20));
    for little_endian in [true, false] {
        let bytes: Vec<u8> = line
            .repeat(5)
            .encode_utf16()
            .flat_map(|unit| match little_endian {
                true => unit.to_le_bytes(),
                false => unit.to_be_bytes(),
            })
            .collect();
        let report = scan(&bytes);
        assert!(
            has_finding_of(&report, &secret),
            "{:?} {:?}",
            shown(&report),
            report.warnings
        );
        assert_eq!(report.verdict, Verdict::Block);
    }
}

/// One array of a million numbers: lopdf keeps every value as an object of
/// about a hundred bytes (60 million took 7 GB). Past `max_values` the file
/// is carved instead, which reads one token at a time.
#[test]
fn a_file_of_too_many_values_is_carved_in_little_memory() {
    let secret = key(13);
    let mut numbers = b"[".to_vec();
    for _ in 0..1_000_000 {
        numbers.extend_from_slice(b"0 ");
    }
    numbers.push(b']');
    let mut info = format!("<< /Author ({secret}) /Widths ").into_bytes();
    info.extend_from_slice(&numbers);
    info.extend_from_slice(b" >>");
    let bytes = page_pdf(b"BT /F1 12 Tf (hello) Tj ET", HELVETICA, vec![(6, info)]);
    let options = ScanOptions {
        limits: Limits {
            max_values: 100_000,
            ..Limits::default()
        },
        ..ScanOptions::default()
    };
    let (report, peak) = peak_memory(|| scan_with(&bytes, &options));
    let warning = warning_with(&report, "values").expect("a warning naming the limit");
    assert_eq!(warning.code, WarningCode::Limit);
    assert!(has_finding_of(&report, &secret), "{:?}", shown(&report));
    assert!(peak < 16 * MIB, "peak {} MiB", peak / MIB);
}

/// `bfrange` arrays of 65 536 targets each, over and over: the targets
/// were bounded per array only, and a 100 KB file took 800 MB.
#[test]
fn a_cmap_of_endless_range_arrays_stays_small() {
    let secret = key(14);
    let array = format!("<00> <FF> [{}]\n", "<> ".repeat(65_536));
    let cmap = format!(
        "1 begincodespacerange <00> <FF> endcodespacerange\nbeginbfrange\n{}endbfrange\n",
        array.repeat(48)
    );
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>";
    let bytes = page_pdf(
        b"BT /F1 12 Tf (x) Tj ET",
        font,
        vec![
            (6, stream("/Filter /FlateDecode", &deflate(cmap.as_bytes()))),
            (7, format!("({secret})").into_bytes()),
        ],
    );
    let (report, peak) = peak_memory(|| scan(&bytes));
    assert!(has_finding_of(&report, &secret), "{:?}", shown(&report));
    // The decoded CMap alone is 9 MiB.
    assert!(peak < 48 * MIB, "peak {} MiB", peak / MIB);
}

/// Nested arrays of a million operands each inside one content stream:
/// operands were bounded per array only, and a 63 KB file took a gigabyte.
#[test]
fn content_of_endless_nested_operands_stays_small() {
    let secret = key(15);
    let mut content = b"BT /F1 12 Tf ".to_vec();
    for _ in 0..6 {
        content.push(b'[');
        content.extend_from_slice(&b"()".repeat(1_000_000));
    }
    content.extend_from_slice(b" ET ");
    content.extend_from_slice(&shows(&secret));
    let bytes = page_pdf(&content, HELVETICA, vec![]);
    let (report, peak) = peak_memory(|| scan(&bytes));
    assert!(has_finding_of(&report, &secret), "{:?}", shown(&report));
    // The decoded content alone is 12 MiB.
    assert!(peak < 64 * MIB, "peak {} MiB", peak / MIB);
}

/// Hundreds of object streams that each inflate to the per-stream limit:
/// every one was inflated in full (twice: before parsing and when carving)
/// even after the document budget was spent, only to be refused; 400 of
/// them took 70 s and used up the time budget before the plain secret at
/// the end of the file was reached. Then each was still inflated as far as
/// the budget had room left (15 s).
#[test]
fn a_file_of_many_bombs_stops_inflating_when_the_budget_is_spent() {
    let secret = key(16);
    let mut bomb_content = b"1 0\n".to_vec();
    bomb_content.resize(1 << 20, b' ');
    let bomb = stream(
        "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
        &deflate(&bomb_content),
    );
    let mut objects = vec![
        (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
        (2, b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()),
    ];
    for number in 10..610 {
        objects.push((number, bomb.clone()));
    }
    objects.push((700, format!("({secret})").into_bytes()));
    let bytes = pdf(&objects);
    let options = ScanOptions {
        limits: Limits {
            max_inflated_stream_bytes: 1 << 20,
            // Four bombs fit, the fifth does not: it is inflated as far as
            // the 900 KB left, and that spends the budget for all the rest.
            max_inflated_total_bytes: (4 << 20) + (900 << 10),
            // Generous, so a busy machine never spends it: the inflation
            // budget must be what stops the work.
            time_budget_ms: 60_000,
            ..Limits::default()
        },
        ..ScanOptions::default()
    };
    let report = scan_with(&bytes, &options);
    assert!(
        time_budget_warning(&report).is_none(),
        "{} warnings, the time budget spent",
        report.warnings.len()
    );
    assert!(warning_with(&report, "in total").is_some());
    assert!(has_finding_of(&report, &secret), "{:?}", shown(&report));
}

/// Columns of many findings on one line: each was counted from the start
/// of the line, quadratic in the line's length (a one-line text of 200 000
/// keys took 26 s in release, against 1 s with line breaks). Now each is
/// counted on from the previous one; this checks they still come out right.
#[test]
fn columns_of_findings_on_one_line_are_counted_on() {
    let (a, b, c, d) = (key(1), key(2), key(3), key(4));
    let report = scan(format!("{a} é {b} é {c}\nü {d}").as_bytes());
    let columns: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.location.line, f.location.column))
        .collect();
    assert_eq!(
        columns,
        [
            (Some(1), Some(1)),
            (Some(1), Some(24)),
            (Some(1), Some(47)),
            (Some(2), Some(3))
        ]
    );
}

/// 3000 pages whose content cannot be inflated: a warning each, and each
/// new warning was compared with all before it (100 000 such pages spent
/// the time budget on that alone, and the report listed them all). Past
/// 1000, one warning says so and the rest are dropped.
#[test]
fn warnings_are_capped() {
    let secret = key(17);
    let pages = 3000;
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 10 + 2 * i)).collect();
    let mut objects = vec![
        (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
        (
            2,
            format!(
                "<< /Type /Pages /Kids [{}] /Count {pages} >>",
                kids.join(" ")
            )
            .into_bytes(),
        ),
    ];
    for i in 0..pages {
        objects.push((
            10 + 2 * i,
            format!(
                "<< /Type /Page /Parent 2 0 R /Contents {} 0 R >>",
                11 + 2 * i
            )
            .into_bytes(),
        ));
        objects.push((11 + 2 * i, stream("/Filter /FlateDecode", b"not zlib")));
    }
    objects.push((10 + 2 * pages, format!("({secret})").into_bytes()));
    let report = scan(&pdf(&objects));
    assert!(report.warnings.len() <= 1002, "{}", report.warnings.len());
    let cap = warning_with(&report, "more than 1000 warnings").expect("a warning about the rest");
    assert_eq!(cap.code, WarningCode::Limit);
    assert!(has_finding_of(&report, &secret), "{:?}", shown(&report));
    assert_eq!(report.verdict, Verdict::Block);
}

/// A form field with a 100 KB name and thousands of kids: every kid was
/// pushed with its own copy of the parent's name, however often the same
/// kid was named (a million kids in a 6 MB file: 23 GB).
#[test]
fn form_fields_with_many_kids_stay_small() {
    let secret = key(18);
    let long_name = "N".repeat(100_000);
    let same_kid = "7 0 R ".repeat(2000);
    let distinct_kids: Vec<String> = (0..2000).map(|i| format!("{} 0 R", 10 + i)).collect();
    let mut objects = vec![
        (
            1,
            b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R 6 0 R] >> >>".to_vec(),
        ),
        (2, b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()),
        (
            5,
            format!("<< /T ({long_name}) /Kids [{same_kid}] >>").into_bytes(),
        ),
        (
            6,
            format!("<< /T ({long_name}) /Kids [{}] >>", distinct_kids.join(" ")).into_bytes(),
        ),
        (7, format!("<< /T (child) /V ({secret}) >>").into_bytes()),
    ];
    for i in 0..2000 {
        objects.push((
            10 + i,
            format!("<< /T (k{i}) /V (value {i}) >>").into_bytes(),
        ));
    }
    let bytes = pdf(&objects);
    let (report, peak) = peak_memory(|| scan(&bytes));
    assert!(has_finding_of(&report, &secret), "{:?}", shown(&report));
    assert!(
        report.findings[0]
            .location
            .part
            .starts_with("form field \"NNN"),
        "{:?}",
        shown(&report)
    );
    assert!(peak < 48 * MIB, "peak {} MiB", peak / MIB);
}

/// PDFs attached inside PDFs, each just under `max_values`: every level
/// was parsed while the ones around it were still held, so memory grew
/// with the nesting (five levels of 3.9 million numbers, a 7.8 MB file:
/// 2.3 GB). The budget now counts the documents held at once.
#[test]
fn the_value_budget_counts_documents_attached_inside_each_other() {
    let secret = key(19);
    let numbers = |count: usize| format!("[{}]", "0 ".repeat(count)).into_bytes();
    let with_attachment = |numbers: Vec<u8>, attached: &[u8]| {
        pdf(&[
            (
                1,
                b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(f) 5 0 R] >> >> >>"
                    .to_vec(),
            ),
            (2, b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()),
            (3, numbers),
            (5, b"<< /Type /Filespec /F (inner.pdf) /EF << /F 6 0 R >> >>".to_vec()),
            (
                6,
                stream("/Type /EmbeddedFile /Filter /FlateDecode", &deflate(attached)),
            ),
        ])
    };
    let inner = with_attachment(numbers(60_000), format!("note {secret}").as_bytes());
    let outer = with_attachment(numbers(60_000), &inner);
    let options = ScanOptions {
        limits: Limits {
            max_values: 100_000,
            ..Limits::default()
        },
        ..ScanOptions::default()
    };
    let report = scan_with(&outer, &options);
    let warning = warning_with(&report, "values").expect("a warning naming the limit");
    assert!(
        warning.part.starts_with("attachment inner.pdf"),
        "{warning:?}"
    );
    assert!(has_finding_of(&report, &secret), "{:?}", shown(&report));
    // On its own, the attached document fits and is parsed.
    let report = scan_with(&inner, &options);
    assert!(
        warning_with(&report, "values").is_none(),
        "{:?}",
        report.warnings
    );
}

/// Eight kilobytes of text in front of a zip: the sniff looks at the start
/// only, so the file was read as text and allowed although the zip's
/// compressed members were never read. A plain zip gets a warning; so does
/// this now.
#[test]
fn binary_data_behind_a_text_start_is_not_a_clean_text() {
    let mut bytes = "README notes\n".repeat(700).into_bytes();
    bytes.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x08\x00");
    bytes.extend(deflate(b"aws key in here, compressed"));
    bytes.extend_from_slice(&[0u8; 64]);
    let report = scan(&bytes);
    let warning = warning_with(&report, "binary data from byte 8192").expect("a warning");
    assert_eq!(warning.code, WarningCode::Unsupported);
    assert_eq!(report.verdict, Verdict::Warn);

    // Text with no binary data in it stays a clean text.
    let report = scan("README notes\n".repeat(2000).as_bytes());
    assert_eq!(report.verdict, Verdict::Allow, "{:?}", report.warnings);
}
