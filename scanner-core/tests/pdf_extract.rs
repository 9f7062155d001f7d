//! PDF extraction through the public API: every hiding place, encryption,
//! damage and every limit. PDFs are built here with lopdf (and qpdf for
//! encryption); secrets are synthetic AWS access key ids.

mod common;
use common::key;
use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat, dictionary};
use scanner_core::{Limits, Report, ScanError, ScanOptions, Verdict, WarningCode};
use std::io::Write;
use std::path::Path;
use std::process::Command;

// ------------------------------------------------------------------ helpers

fn options() -> ScanOptions {
    ScanOptions::default()
}

fn scan_with(bytes: &[u8], options: &ScanOptions) -> Result<Report, ScanError> {
    scanner_core::scan(bytes, "test.pdf", options)
}

fn scan(bytes: &[u8]) -> Report {
    match scan_with(bytes, &options()) {
        Ok(report) => report,
        Err(err) => panic!("scan failed: {err}"),
    }
}

/// The fingerprint of `secret` as its own finding, to recognise it in a
/// report without ever printing it.
fn fingerprint(secret: &str) -> String {
    let report = scan(format!("value {secret}\n").as_bytes());
    assert_eq!(
        report.findings.len(),
        1,
        "the test key is not detected as plain text"
    );
    report.findings[0].fingerprint.clone()
}

/// What a report found and warned about, safe to print (no secrets).
fn summary(report: &Report) -> String {
    let findings: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("{} @ {}", f.rule, f.location.part))
        .collect();
    let warnings: Vec<String> = report
        .warnings
        .iter()
        .map(|w| format!("{:?} @ {}: {}", w.code, w.part, w.message))
        .collect();
    format!("findings: {findings:?}\nwarnings: {warnings:?}")
}

/// Asserts that `secret` was found in exactly the part `part`.
fn assert_found(report: &Report, secret: &str, part: &str) {
    let print = fingerprint(secret);
    let hit = report
        .findings
        .iter()
        .any(|f| f.fingerprint == print && f.location.part == part);
    assert!(
        hit,
        "secret {} not found in part {part:?}\n{}",
        &secret[..6],
        summary(report)
    );
}

/// Whether `secret` was found anywhere in the report.
fn found_anywhere(report: &Report, secret: &str) -> bool {
    let print = fingerprint(secret);
    report.findings.iter().any(|f| f.fingerprint == print)
}

fn assert_not_found(report: &Report, secret: &str) {
    assert!(
        !found_anywhere(report, secret),
        "secret {} unexpectedly found\n{}",
        &secret[..6],
        summary(report)
    );
}

/// A limit naming `limit` was reported, and `secret` was still found in
/// what was read before it.
fn assert_limit_hit_and_found(report: &Report, limit: &str, secret: &str) {
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::Limit && w.message.contains(limit)),
        "{}",
        summary(report)
    );
    assert!(found_anywhere(report, secret), "{}", summary(report));
}

fn has_warning(report: &Report, code: WarningCode) -> bool {
    report.warnings.iter().any(|w| w.code == code)
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

fn flate_stream(dict: Dictionary, data: &[u8]) -> Stream {
    let mut dict = dict;
    dict.set("Filter", "FlateDecode");
    Stream::new(dict, deflate(data))
}

fn literal(text: &str) -> Object {
    Object::String(text.as_bytes().to_vec(), StringFormat::Literal)
}

/// A document under construction: pages share a Courier font `F1`
/// inherited from the page tree root.
struct Pdf {
    doc: Document,
    pages_id: ObjectId,
    kids: Vec<Object>,
    catalog: Dictionary,
    info: Option<Dictionary>,
}

impl Pdf {
    fn new() -> Pdf {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        Pdf {
            doc,
            pages_id,
            kids: Vec::new(),
            catalog: Dictionary::new(),
            info: None,
        }
    }

    fn page(&mut self, content: &str) -> ObjectId {
        self.page_with(
            Stream::new(Dictionary::new(), content.as_bytes().to_vec()),
            Dictionary::new(),
        )
    }

    fn page_with(&mut self, content: Stream, extra: Dictionary) -> ObjectId {
        let content_id = self.doc.add_object(content);
        let mut page =
            dictionary! { "Type" => "Page", "Parent" => self.pages_id, "Contents" => content_id };
        page.extend(&extra);
        let id = self.doc.add_object(page);
        self.kids.push(id.into());
        id
    }

    fn bytes(mut self) -> Vec<u8> {
        let font = self.doc.add_object(
            dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier" },
        );
        let count = self.kids.len() as i64;
        let pages = dictionary! {
            "Type" => "Pages", "Kids" => self.kids, "Count" => count,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        };
        self.doc
            .objects
            .insert(self.pages_id, Object::Dictionary(pages));
        let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => self.pages_id };
        catalog.extend(&self.catalog);
        let catalog_id = self.doc.add_object(catalog);
        self.doc.trailer.set("Root", catalog_id);
        if let Some(info) = self.info {
            let info_id = self.doc.add_object(info);
            self.doc.trailer.set("Info", info_id);
        }
        let mut out = Vec::new();
        self.doc.save_to(&mut out).unwrap();
        out
    }
}

fn text_page(text: &str) -> String {
    format!("BT /F1 12 Tf 72 700 Td ({text}) Tj ET")
}

fn simple_pdf(texts: &[String]) -> Vec<u8> {
    let mut pdf = Pdf::new();
    for text in texts {
        pdf.page(&text_page(text));
    }
    pdf.bytes()
}

// ---------------------------------------------------------------- page text

#[test]
fn finds_a_key_split_across_tj_elements() {
    let secret = key(1);
    let (a, b, c) = (&secret[..4], &secret[4..11], &secret[11..]);
    let mut pdf = Pdf::new();
    pdf.page(&format!(
        "BT /F1 12 Tf 72 700 Td [(aws_key: ) -300 ({a}) -12 ({b}) 35 ({c})] TJ ET"
    ));
    let report = scan(&pdf.bytes());
    assert_eq!(report.file.kind, "pdf");
    assert_found(&report, &secret, "page 1");
    assert_eq!(report.findings[0].location.page, Some(1));
    assert_eq!(report.verdict, Verdict::Block);
}

#[test]
fn joins_separately_positioned_pieces_but_keeps_lines_apart() {
    // Courier advances 0.6 em: 8 characters at 10 pt end 48 units later.
    let joined = key(2);
    let split = key(3);
    let content = format!(
        "BT /F1 10 Tf 72 700 Td ({}) Tj 48 0 Td ({}) Tj ET \
         BT /F1 10 Tf 72 600 Td ({}) Tj 0 -14 Td ({}) Tj ET",
        &joined[..8],
        &joined[8..],
        &split[..8],
        &split[8..]
    );
    let mut pdf = Pdf::new();
    pdf.page(&content);
    let report = scan(&pdf.bytes());
    assert_found(&report, &joined, "page 1");
    // Two lines stay two lines, so a key broken over them is not glued.
    assert_not_found(&report, &split);
}

#[test]
fn every_page_is_its_own_part() {
    let keys: Vec<String> = (10..13).map(key).collect();
    let texts: Vec<String> = keys.iter().map(|k| format!("id {k}")).collect();
    let report = scan(&simple_pdf(&texts));
    for (index, secret) in keys.iter().enumerate() {
        assert_found(&report, secret, &format!("page {}", index + 1));
    }
    let pages: Vec<Option<u32>> = report.findings.iter().map(|f| f.location.page).collect();
    assert_eq!(pages, vec![Some(1), Some(2), Some(3)]);
}

#[test]
fn decodes_a_type0_font_through_its_to_unicode_map() {
    let secret = key(4);
    // Glyph codes 0x0100 + position, mapped back to the characters.
    let mut bfchar = String::new();
    let mut codes = String::new();
    for (index, c) in secret.chars().enumerate() {
        bfchar.push_str(&format!("<{:04X}> <{:04X}>\n", 0x100 + index, c as u32));
        codes.push_str(&format!("{:04X}", 0x100 + index));
    }
    let cmap = format!(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n{} beginbfchar\n{bfchar}endbfchar\nendcmap end end",
        secret.len()
    );
    let mut pdf = Pdf::new();
    let to_unicode = pdf
        .doc
        .add_object(flate_stream(Dictionary::new(), cmap.as_bytes()));
    let descendant = pdf.doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Hidden",
        "CIDSystemInfo" => dictionary! { "Registry" => literal("Adobe"), "Ordering" => literal("Identity"), "Supplement" => 0 },
        "DW" => 500,
    });
    let font = pdf.doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Hidden", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![descendant.into()], "ToUnicode" => to_unicode,
    });
    let content = format!("BT /T0 11 Tf 72 700 Td <{codes}> Tj ET");
    let resources =
        dictionary! { "Resources" => dictionary! { "Font" => dictionary! { "T0" => font } } };
    pdf.page_with(
        flate_stream(Dictionary::new(), content.as_bytes()),
        resources,
    );
    let report = scan(&pdf.bytes());
    assert_found(&report, &secret, "page 1");
    assert!(
        !has_warning(&report, WarningCode::Unsupported),
        "{}",
        summary(&report)
    );
}

#[test]
fn warns_when_a_font_has_no_unicode_map() {
    let mut pdf = Pdf::new();
    let font = pdf.doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Opaque", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Dictionary(dictionary! { "Type" => "Font", "Subtype" => "CIDFontType2" })],
    });
    let resources =
        dictionary! { "Resources" => dictionary! { "Font" => dictionary! { "T0" => font } } };
    pdf.page_with(
        Stream::new(Dictionary::new(), b"BT /T0 11 Tf <00410042> Tj ET".to_vec()),
        resources,
    );
    let report = scan(&pdf.bytes());
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::Unsupported && w.part == "page 1"),
        "{}",
        summary(&report)
    );
    assert_ne!(report.verdict, Verdict::Allow);
}

#[test]
fn form_xobjects_add_their_text_to_the_page() {
    let secret = key(5);
    let mut pdf = Pdf::new();
    let form = pdf.doc.add_object(flate_stream(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 500.into(), 100.into()] },
        text_page(&format!("footer {secret}")).as_bytes(),
    ));
    let resources = dictionary! { "Resources" => dictionary! {
        "XObject" => dictionary! { "Fx" => form },
        "Font" => dictionary! { "F1" => pdf.doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" }) },
    } };
    // Drawn twice: extracted once.
    pdf.page_with(
        Stream::new(
            Dictionary::new(),
            b"q /Fx Do Q q 1 0 0 1 0 50 cm /Fx Do Q".to_vec(),
        ),
        resources,
    );
    let report = scan(&pdf.bytes());
    assert_found(&report, &secret, "page 1");
    assert_eq!(report.findings.len(), 1, "{}", summary(&report));
}

// ------------------------------------------------------- outside the pages

#[test]
fn info_dictionary_strings_become_metadata_parts() {
    let (author, custom) = (key(20), key(21));
    let mut utf16 = vec![0xFE, 0xFF];
    utf16.extend(
        format!("Ünïcode {author}")
            .encode_utf16()
            .flat_map(u16::to_be_bytes),
    );
    let mut pdf = Pdf::new();
    pdf.page(&text_page("nothing to see"));
    pdf.info = Some(dictionary! {
        "Author" => Object::String(utf16, StringFormat::Hexadecimal),
        "ReviewNote" => literal(&format!("temp {custom}")),
        "Title" => literal("Quarterly report"),
    });
    let report = scan(&pdf.bytes());
    assert_found(&report, &author, "metadata/Author");
    assert_found(&report, &custom, "metadata/ReviewNote");
}

#[test]
fn xmp_metadata_is_scanned() {
    let secret = key(22);
    let xmp = format!(
        "<?xpacket begin=\"\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><dc:creator>{secret}</dc:creator></x:xmpmeta><?xpacket end=\"w\"?>"
    );
    let mut pdf = Pdf::new();
    pdf.page(&text_page("clean"));
    let metadata = pdf.doc.add_object(flate_stream(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp.as_bytes(),
    ));
    pdf.catalog.set("Metadata", metadata);
    let report = scan(&pdf.bytes());
    assert_found(&report, &secret, "metadata/XMP");
}

#[test]
fn annotations_and_links_carry_their_page() {
    let (note, uri) = (key(23), key(24));
    let mut pdf = Pdf::new();
    pdf.page(&text_page("page one"));
    let mut annotations = Pdf::new_annotations(&mut pdf, &note, &uri);
    let extra = dictionary! { "Annots" => std::mem::take(&mut annotations) };
    pdf.page_with(
        Stream::new(Dictionary::new(), text_page("page two").into_bytes()),
        extra,
    );
    let report = scan(&pdf.bytes());
    assert_found(&report, &note, "annotation p2");
    assert_found(&report, &uri, "link p2");
    assert!(
        report.findings.iter().all(|f| f.location.page == Some(2)),
        "{}",
        summary(&report)
    );
}

impl Pdf {
    fn new_annotations(pdf: &mut Pdf, note: &str, uri: &str) -> Vec<Object> {
        let text = pdf.doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Text", "Rect" => vec![0.into(), 0.into(), 10.into(), 10.into()],
            "Contents" => literal(&format!("reviewer note: {note}")), "T" => literal("Reviewer"),
        });
        let link = Object::Dictionary(dictionary! {
            "Type" => "Annot", "Subtype" => "Link", "Rect" => vec![0.into(), 0.into(), 10.into(), 10.into()],
            "A" => dictionary! { "S" => "URI", "URI" => literal(&format!("https://console.invalid/?id={uri}")) },
        });
        vec![text.into(), link]
    }
}

#[test]
fn form_fields_are_named_by_their_full_name() {
    let (value, default) = (key(25), key(26));
    let mut pdf = Pdf::new();
    pdf.page(&text_page("form"));
    let parent = pdf.doc.new_object_id();
    let kid = pdf.doc.add_object(dictionary! {
        "Parent" => parent, "T" => literal("aws"), "FT" => "Tx", "V" => literal(&value),
        "Subtype" => "Widget", "Rect" => vec![0.into(), 0.into(), 10.into(), 10.into()],
    });
    let other = pdf.doc.add_object(
        dictionary! { "T" => literal("backup"), "FT" => "Tx", "DV" => literal(&default) },
    );
    pdf.doc.objects.insert(
        parent,
        Object::Dictionary(dictionary! { "T" => literal("account"), "Kids" => vec![kid.into()] }),
    );
    pdf.catalog.set(
        "AcroForm",
        dictionary! { "Fields" => vec![parent.into(), other.into()] },
    );
    let report = scan(&pdf.bytes());
    assert_found(&report, &value, "form field \"account.aws\"");
    assert_found(&report, &default, "form field \"backup\"");
}

#[test]
fn outline_titles_are_scanned_and_cycles_end() {
    let secret = key(27);
    let mut pdf = Pdf::new();
    pdf.page(&text_page("outlined"));
    let outlines = pdf.doc.new_object_id();
    let first = pdf.doc.new_object_id();
    let second = pdf.doc.new_object_id();
    pdf.doc.objects.insert(
        first,
        Object::Dictionary(
            dictionary! { "Title" => literal("Intro"), "Parent" => outlines, "Next" => second },
        ),
    );
    // `Next` points back at the first item: a cycle.
    pdf.doc.objects.insert(second, Object::Dictionary(dictionary! {
        "Title" => literal(&format!("Keys {secret}")), "Parent" => outlines, "Prev" => first, "Next" => first }));
    pdf.doc.objects.insert(
        outlines,
        Object::Dictionary(
            dictionary! { "Type" => "Outlines", "First" => first, "Last" => second },
        ),
    );
    pdf.catalog.set("Outlines", outlines);
    let report = scan(&pdf.bytes());
    assert_found(&report, &secret, "outline");
}

#[test]
fn javascript_in_names_and_open_action_is_scanned() {
    let (in_names, in_action) = (key(28), key(29));
    let mut pdf = Pdf::new();
    pdf.page(&text_page("scripted"));
    let script = pdf.doc.add_object(
        dictionary! { "S" => "JavaScript", "JS" => literal(&format!("var k = '{in_names}';")) },
    );
    pdf.catalog.set("Names", dictionary! { "JavaScript" => dictionary! { "Names" => vec![literal("init"), script.into()] } });
    let code = pdf.doc.add_object(flate_stream(
        Dictionary::new(),
        format!("app.alert('{in_action}');").as_bytes(),
    ));
    pdf.catalog.set(
        "OpenAction",
        dictionary! { "S" => "JavaScript", "JS" => code },
    );
    let report = scan(&pdf.bytes());
    assert_found(&report, &in_names, "javascript");
    assert_found(&report, &in_action, "javascript");
}

fn embedded_file(pdf: &mut Pdf, name: &str, data: &[u8]) -> ObjectId {
    let file = pdf
        .doc
        .add_object(flate_stream(dictionary! { "Type" => "EmbeddedFile" }, data));
    pdf.doc.add_object(dictionary! {
        "Type" => "Filespec", "F" => literal(name), "UF" => literal(name), "EF" => dictionary! { "F" => file },
    })
}

#[test]
fn attachments_are_scanned_as_files_recursively() {
    let (env_key, inner_key, annotated) = (key(30), key(31), key(32));
    let inner = simple_pdf(&[format!("inner {inner_key}")]);
    let mut pdf = Pdf::new();
    let env_spec = embedded_file(
        &mut pdf,
        "creds.env",
        format!("AWS_ACCESS_KEY_ID={env_key}\n").as_bytes(),
    );
    let pdf_spec = embedded_file(&mut pdf, "inner.pdf", &inner);
    pdf.catalog.set("Names", dictionary! { "EmbeddedFiles" => dictionary! {
        "Names" => vec![literal("creds.env"), env_spec.into(), literal("inner.pdf"), pdf_spec.into()] } });
    let note_spec = embedded_file(
        &mut pdf,
        "note.txt",
        format!("rotate {annotated}").as_bytes(),
    );
    let annotation = dictionary! {
        "Type" => "Annot", "Subtype" => "FileAttachment", "FS" => note_spec,
        "Rect" => vec![0.into(), 0.into(), 10.into(), 10.into()],
    };
    pdf.page_with(
        Stream::new(Dictionary::new(), text_page("see attachments").into_bytes()),
        dictionary! { "Annots" => vec![Object::Dictionary(annotation)] },
    );
    let report = scan(&pdf.bytes());
    assert_found(&report, &env_key, "attachment creds.env");
    assert_found(&report, &inner_key, "attachment inner.pdf > page 1");
    assert_found(&report, &annotated, "attachment note.txt");
}

#[test]
fn any_other_string_is_scanned_as_its_object() {
    let secret = key(33);
    let mut pdf = Pdf::new();
    pdf.page(&text_page("plain"));
    pdf.catalog.set(
        "PieceInfo",
        dictionary! { "App" => dictionary! { "Private" => literal(&format!("token {secret}")) } },
    );
    let report = scan(&pdf.bytes());
    let print = fingerprint(&secret);
    let hit = report
        .findings
        .iter()
        .find(|f| f.fingerprint == print)
        .expect("custom string scanned");
    assert!(
        hit.location.part.starts_with("object "),
        "{}",
        summary(&report)
    );
}

#[test]
fn identical_text_is_reported_once_per_part() {
    let secret = key(34);
    let mut pdf = Pdf::new();
    pdf.page(&text_page("x"));
    pdf.info = Some(dictionary! { "Subject" => literal(&secret), "Keywords" => literal(&secret) });
    pdf.catalog.set("Extra", literal(&secret));
    let report = scan(&pdf.bytes());
    // Two Info keys are two places; the catalog copy adds nothing new.
    assert_eq!(report.findings.len(), 2, "{}", summary(&report));
}

// --------------------------------------------------------------- encryption

fn qpdf(args: &[&str], input: &[u8]) -> Option<Vec<u8>> {
    if !Path::new("/usr/bin/qpdf").exists() {
        eprintln!("note: /usr/bin/qpdf missing; encrypted PDF test skipped");
        return None;
    }
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("nospill-pdf-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (from, to) = (dir.join("in.pdf"), dir.join("out.pdf"));
    std::fs::write(&from, input).unwrap();
    let status = Command::new("/usr/bin/qpdf")
        .args(args)
        .arg("--")
        .arg(&from)
        .arg(&to)
        .status()
        .unwrap();
    // qpdf exits 3 for warnings; the output is still written.
    assert!(
        status.code() == Some(0) || status.code() == Some(3),
        "qpdf failed: {status}"
    );
    let out = std::fs::read(&to).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    Some(out)
}

#[test]
fn empty_user_password_is_decrypted_and_scanned() {
    let (page_key, author_key) = (key(40), key(41));
    let mut pdf = Pdf::new();
    pdf.page(&text_page(&format!("key {page_key}")));
    pdf.info = Some(dictionary! { "Author" => literal(&author_key) });
    let plain = pdf.bytes();
    let ciphers: [&[&str]; 3] = [
        &["--encrypt", "", "owner-pass", "256"],
        &["--encrypt", "", "owner-pass", "128", "--use-aes=y"],
        &[
            "--allow-weak-crypto",
            "--encrypt",
            "",
            "owner-pass",
            "128",
            "--use-aes=n",
        ],
    ];
    for args in ciphers {
        let Some(encrypted) = qpdf(args, &plain) else {
            return;
        };
        assert!(encrypted.windows(8).any(|w| w == b"/Encrypt"));
        let report = scan(&encrypted);
        assert_found(&report, &page_key, "page 1");
        assert_found(&report, &author_key, "metadata/Author");
        assert!(
            !has_warning(&report, WarningCode::Encrypted),
            "{}",
            summary(&report)
        );
        assert!(
            report.warnings.iter().any(|w| w.code == WarningCode::Note),
            "{}",
            summary(&report)
        );
    }
}

#[test]
fn a_password_protected_pdf_is_never_a_clean_report() {
    let mut pdf = Pdf::new();
    pdf.page(&text_page(&format!("key {}", key(42))));
    let Some(encrypted) = qpdf(
        &["--encrypt", "user-pass", "owner-pass", "256"],
        &pdf.bytes(),
    ) else {
        return;
    };
    let report = scan(&encrypted);
    let warning = report
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::Encrypted)
        .expect("encrypted warning");
    assert_eq!(warning.part, "file");
    assert!(warning.message.contains("password"), "{}", warning.message);
    assert!(report.findings.is_empty());
    assert_eq!(report.verdict, Verdict::Warn);
}

// ------------------------------------------------------------------- damage

fn big_pdf_with_key_first(secret: &str) -> Vec<u8> {
    let mut texts = vec![format!("first {secret}")];
    texts.extend((0..40).map(|i| format!("filler page {i} with some ordinary words")));
    simple_pdf(&texts)
}

#[test]
fn truncated_files_are_recovered_with_a_warning() {
    let secret = key(50);
    let full = big_pdf_with_key_first(&secret);
    for percent in [50, 90] {
        let cut = &full[..full.len() * percent / 100];
        let report = scan(cut);
        assert!(
            has_warning(&report, WarningCode::Damaged),
            "{percent}%: {}",
            summary(&report)
        );
        assert_ne!(report.verdict, Verdict::Allow);
        assert!(
            found_anywhere(&report, &secret),
            "{percent}%: {}",
            summary(&report)
        );
    }
}

#[test]
fn every_truncation_point_is_handled() {
    let full = simple_pdf(&[format!("k {}", key(51)), "two".into()]);
    for cut in (0..full.len()).step_by(7) {
        match scan_with(&full[..cut], &options()) {
            Ok(report) => assert!(
                report.verdict != Verdict::Allow || cut < 5,
                "cut at {cut}: {}",
                summary(&report)
            ),
            Err(ScanError::Unreadable { kind, .. }) => assert_eq!(kind, "pdf"),
            Err(other) => panic!("cut at {cut}: {other}"),
        }
    }
}

#[test]
fn garbage_after_the_header_is_an_error_or_a_warning() {
    let mut state = 7u64;
    let mut bytes = b"%PDF-1.7\n".to_vec();
    for _ in 0..20_000 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        // Mostly non-printable noise.
        bytes.push((state >> 56) as u8 & 0x9F);
    }
    match scan_with(&bytes, &options()) {
        Err(ScanError::Unreadable { kind, reason }) => {
            assert_eq!(kind, "pdf");
            assert!(!reason.is_empty());
        }
        Ok(report) => {
            assert!(
                has_warning(&report, WarningCode::Damaged),
                "{}",
                summary(&report)
            );
            assert_ne!(report.verdict, Verdict::Allow);
        }
        Err(other) => panic!("{other}"),
    }
}

#[test]
fn text_in_a_file_without_structure_is_still_found() {
    let secret = key(52);
    let bytes = format!("%PDF-1.4\nthis is not really a pdf but it says aws {secret}\n");
    let report = scan(bytes.as_bytes());
    assert_found(&report, &secret, "recovered");
    assert!(has_warning(&report, WarningCode::Damaged));
}

#[test]
fn a_deep_nesting_bomb_is_carved_not_parsed() {
    let secret = key(53);
    let mut bytes = simple_pdf(&[format!("visible {secret}")]);
    // Insert an object of 100 000 nested arrays before the xref.
    let at = bytes.windows(9).rposition(|w| w == b"startxref").unwrap();
    let mut bomb = b"999 0 obj\n".to_vec();
    bomb.extend(std::iter::repeat_n(b'[', 100_000));
    bomb.extend(std::iter::repeat_n(b']', 100_000));
    bomb.extend(b"\nendobj\n");
    bytes.splice(at..at, bomb);
    let report = scan(&bytes);
    assert_limit_hit_and_found(&report, "nest", &secret);
}

/// A valid zlib stream of `total` zero bytes, made without compressing
/// them all: after a sync flush, every further megabyte of zeros
/// compresses to the same bytes.
fn zeros_bomb(total: usize) -> Vec<u8> {
    use flate2::{Compress, FlushCompress};
    const CHUNK: usize = 1 << 20;
    let zeros = vec![0u8; CHUNK];
    let mut compress = Compress::new(Compression::best(), true);
    let mut piece = |input: &[u8], flush| {
        let mut out = Vec::with_capacity(CHUNK);
        let before = compress.total_in();
        compress.compress_vec(input, &mut out, flush).unwrap();
        assert_eq!((compress.total_in() - before) as usize, input.len());
        out
    };
    let first = piece(&zeros, FlushCompress::Sync);
    let second = piece(&zeros, FlushCompress::Sync);
    let third = piece(&zeros, FlushCompress::Sync);
    assert_eq!(second, third, "sync-flushed zero blocks repeat");
    let mut end = piece(&[], FlushCompress::Finish);
    // Adler-32 of `total` zeros: a = 1, b = total mod 65521.
    let adler = ((total % 65521) as u32) << 16 | 1;
    let len = end.len();
    end[len - 4..].copy_from_slice(&adler.to_be_bytes());
    let mut bomb = first;
    for _ in 1..total / CHUNK {
        bomb.extend_from_slice(&second);
    }
    bomb.extend(end);
    bomb
}

#[test]
fn a_flate_bomb_in_a_content_stream_stops_at_the_stream_limit() {
    let secret = key(54);
    let bomb = zeros_bomb(1 << 30);
    assert!(bomb.len() < 4 << 20);
    let mut pdf = Pdf::new();
    let mut dict = Dictionary::new();
    dict.set("Filter", "FlateDecode");
    pdf.page_with(Stream::new(dict, bomb), Dictionary::new());
    pdf.page(&text_page(&format!("after {secret}")));
    let report = scan(&pdf.bytes());
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::Limit && w.part == "page 1"),
        "{}",
        summary(&report)
    );
    assert_found(&report, &secret, "page 2");
}

#[test]
fn a_flate_bomb_in_an_object_stream_is_not_given_to_lopdf() {
    let secret = key(55);
    let bomb = zeros_bomb(256 << 20);
    let mut bytes = simple_pdf(&[format!("visible {secret}")]);
    let at = bytes.windows(9).rposition(|w| w == b"startxref").unwrap();
    let mut object = format!(
        "998 0 obj\n<< /Type /ObjStm /N 1 /First 8 /Filter /FlateDecode /Length {} >>\nstream\n",
        bomb.len()
    )
    .into_bytes();
    object.extend(&bomb);
    object.extend(b"\nendstream\nendobj\n");
    bytes.splice(at..at, object);
    let limits = Limits {
        max_inflated_stream_bytes: 16 << 20,
        ..Limits::default()
    };
    let report = scan_with(
        &bytes,
        &ScanOptions {
            limits,
            ..options()
        },
    )
    .unwrap();
    assert!(
        has_warning(&report, WarningCode::Limit),
        "{}",
        summary(&report)
    );
    assert!(found_anywhere(&report, &secret), "{}", summary(&report));
}

#[test]
fn too_many_objects_are_cut_at_the_limit() {
    let secret = key(56);
    let mut pdf = Pdf::new();
    pdf.page(&text_page(&format!("early {secret}")));
    for i in 0..3000 {
        pdf.doc.add_object(literal(&format!("filler {i}")));
    }
    let bytes = pdf.bytes();
    let limits = Limits {
        max_objects: 1000,
        ..Limits::default()
    };
    let report = scan_with(
        &bytes,
        &ScanOptions {
            limits,
            ..options()
        },
    )
    .unwrap();
    assert_limit_hit_and_found(&report, "objects", &secret);
    // Within the default limit the same file is complete.
    let report = scan(&bytes);
    assert!(
        report.warnings.iter().all(|w| w.code == WarningCode::Note),
        "{}",
        summary(&report)
    );
}

#[test]
fn the_time_budget_stops_a_long_document() {
    fn fake_clock() -> f64 {
        use std::sync::atomic::{AtomicU64, Ordering};
        static TICKS: AtomicU64 = AtomicU64::new(0);
        TICKS.fetch_add(1, Ordering::Relaxed) as f64
    }
    let texts: Vec<String> = (0..200).map(|i| format!("page {i}")).collect();
    let limits = Limits {
        time_budget_ms: 50,
        ..Limits::default()
    };
    let report = scan_with(
        &simple_pdf(&texts),
        &ScanOptions {
            limits,
            clock: Some(fake_clock),
            ..options()
        },
    )
    .unwrap();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::Limit && w.message.contains("time")),
        "{}",
        summary(&report)
    );
    assert!(report.stats.parts < 200);
}

// ---------------------------------------------------------------- revisions

#[test]
fn text_replaced_by_a_later_revision_is_still_found() {
    let (old, new) = (key(60), key(61));
    let mut pdf = Pdf::new();
    pdf.page(&text_page("body"));
    pdf.info = Some(dictionary! { "Author" => literal(&old) });
    let mut bytes = pdf.bytes();
    let doc = Document::load_mem(&bytes).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let previous: usize = text[text.rfind("startxref").unwrap() + 9..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    bytes.push(b'\n');
    let offset = bytes.len();
    bytes.extend(format!("{} 0 obj\n<< /Author ({new}) >>\nendobj\n", info.0).as_bytes());
    let xref = bytes.len();
    bytes.extend(
        format!(
            "xref\n{} 1\n{offset:010} 00000 n \ntrailer\n<< /Size {} /Root {} 0 R /Info {} 0 R /Prev {previous} >>\nstartxref\n{xref}\n%%EOF\n",
            info.0, doc.max_id + 1, root.0, info.0
        )
        .as_bytes(),
    );
    let report = scan(&bytes);
    assert_found(&report, &new, "metadata/Author");
    assert_found(
        &report,
        &old,
        &format!("earlier revision object {}", info.0),
    );
}

// ------------------------------------------------------------- performance

fn thousand_pages() -> Vec<u8> {
    let texts: Vec<String> = (0..1000)
        .map(|i| format!("Page {i}: the quick brown fox jumps over the lazy dog {i}"))
        .collect();
    let mut pdf = Pdf::new();
    for text in &texts {
        pdf.page_with(
            flate_stream(Dictionary::new(), text_page(text).as_bytes()),
            Dictionary::new(),
        );
    }
    pdf.page(&text_page(&format!("last {}", key(70))));
    pdf.bytes()
}

#[test]
fn a_thousand_pages_are_all_extracted() {
    let report = scan(&thousand_pages());
    assert_eq!(report.stats.parts, 1001);
    assert_found(&report, &key(70), "page 1001");
}

// ------------------------------------------------------ real-producer files

/// Checks the fixtures made by real producers (testdata/pdf, described by
/// its MANIFEST.toml) for every hiding place whose rule exists already.
#[test]
fn real_producer_fixtures_yield_every_hiding_place() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/pdf");
    let Ok(manifest) = std::fs::read_to_string(folder.join("MANIFEST.toml")) else {
        eprintln!("note: no testdata/pdf/MANIFEST.toml; real-producer check skipped");
        return;
    };
    let secrets_text =
        std::fs::read_to_string(folder.join("../pdf-src/secrets.toml")).unwrap_or_default();
    let secrets: toml::Table = secrets_text
        .parse::<toml::Table>()
        .ok()
        .and_then(|t| t.get("secrets")?.as_table().cloned())
        .unwrap_or_default();
    let manifest: toml::Table = manifest.parse().expect("MANIFEST.toml parses");
    let known_rules: Vec<String> = scanner_core::Scanner::builtin()
        .rules()
        .rules()
        .iter()
        .map(|r| r.id.clone())
        .collect();
    let mut missing = Vec::new();
    for fixture in manifest["fixture"].as_array().unwrap() {
        let file = fixture["file"].as_str().unwrap();
        let Ok(bytes) = std::fs::read(folder.join(file)) else {
            continue;
        };
        let report = match scan_with(&bytes, &options()) {
            Ok(report) => report,
            Err(err) => {
                missing.push(format!("{file}: {err}"));
                continue;
            }
        };
        eprintln!("{file}:\n{}", summary(&report));
        if fixture.get("expect_warning").and_then(|w| w.as_str()) == Some("encrypted")
            && !has_warning(&report, WarningCode::Encrypted)
        {
            missing.push(format!("{file}: no encrypted warning"));
        }
        for expect in fixture
            .get("expect")
            .and_then(|e| e.as_array())
            .into_iter()
            .flatten()
        {
            let rule = expect["rule"].as_str().unwrap();
            let part = expect["part"].as_str().unwrap();
            if !known_rules.iter().any(|r| r == rule) {
                continue;
            }
            let exact = expect
                .get("exact")
                .and_then(|e| e.as_bool())
                .unwrap_or(true);
            let print = expect
                .get("secret")
                .and_then(|s| s.as_str())
                .and_then(|name| secrets.get(name)?.as_str())
                .filter(|_| exact)
                .map(fingerprint);
            let hit = report.findings.iter().any(|f| {
                f.rule == rule
                    && f.location.part.contains(part)
                    && print.as_ref().is_none_or(|p| &f.fingerprint == p)
            });
            if !hit {
                missing.push(format!("{file}: {rule} in {part}"));
            }
        }
    }
    assert!(missing.is_empty(), "not found: {missing:#?}");
}

#[test]
fn the_document_inflation_budget_is_shared_by_all_streams() {
    let secret = key(57);
    let mut pdf = Pdf::new();
    // Each page inflates to 3 MiB (spaces and a short text).
    for i in 0..4 {
        let mut content = text_page(&format!("page {i}")).into_bytes();
        content.extend(std::iter::repeat_n(b' ', 3 << 20));
        pdf.page_with(flate_stream(Dictionary::new(), &content), Dictionary::new());
    }
    pdf.page(&text_page(&format!("uncompressed {secret}")));
    let limits = Limits {
        max_inflated_total_bytes: 8 << 20,
        ..Limits::default()
    };
    let report = scan_with(
        &pdf.bytes(),
        &ScanOptions {
            limits,
            ..options()
        },
    )
    .unwrap();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::Limit && w.message.contains("in total")),
        "{}",
        summary(&report)
    );
    assert_found(&report, &secret, "page 5");
}

#[test]
fn shifted_offsets_are_repaired_without_losing_text() {
    let secret = key(58);
    let bytes = simple_pdf(&[format!("shifted {secret}")]);
    // A comment line after the header moves every object off its offset.
    let mut shifted = bytes[..9].to_vec();
    shifted.extend(b"% inserted by a careless tool\n");
    shifted.extend(&bytes[9..]);
    let report = scan(&shifted);
    assert_found(&report, &secret, "page 1");
    assert!(
        !has_warning(&report, WarningCode::Damaged),
        "{}",
        summary(&report)
    );
    assert_eq!(report.findings.len(), 1, "{}", summary(&report));
}

#[test]
fn secrets_in_names_are_findings_and_never_shown_in_locations() {
    let (field_name, attachment_name, info_key, file_name) = (key(90), key(91), key(92), key(93));
    let mut pdf = Pdf::new();
    pdf.page(&text_page("names"));
    let field = pdf.doc.add_object(
        dictionary! { "T" => literal(&field_name), "FT" => "Tx", "V" => literal("plain") },
    );
    pdf.catalog
        .set("AcroForm", dictionary! { "Fields" => vec![field.into()] });
    let attached = format!("{attachment_name}.txt");
    let spec = embedded_file(&mut pdf, &attached, b"two pages of nothing\n");
    pdf.catalog.set(
        "Names",
        dictionary! { "EmbeddedFiles" => dictionary! { "Names" => vec![literal(&attached), spec.into()] } },
    );
    let mut info = Dictionary::new();
    info.set(info_key.as_bytes().to_vec(), literal("custom value"));
    pdf.info = Some(info);
    let report = scanner_core::scan(&pdf.bytes(), &format!("{file_name}.pdf"), &options()).unwrap();

    for secret in [&field_name, &attachment_name, &info_key, &file_name] {
        let fp = fingerprint(secret);
        assert!(
            report.findings.iter().any(|f| f.fingerprint == fp),
            "a secret used as a name is a finding: {}",
            summary(&report)
        );
    }
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.location.part == "file name"),
        "{}",
        summary(&report)
    );
    let json = serde_json::to_string(&report).unwrap();
    for secret in [&field_name, &attachment_name, &info_key, &file_name] {
        assert!(
            !json.contains(secret.as_str()),
            "a name's secret leaked into the report"
        );
    }
}

/// Warnings quote the file (an unsupported filter's name): a secret there
/// is a finding, and the message shows only its preview.
#[test]
fn secrets_in_warning_messages_are_findings_and_redacted() {
    let secret = key(94);
    let mut pdf = Pdf::new();
    pdf.page(&text_page("filters"));
    let odd = Stream::new(
        dictionary! { "Filter" => Object::Name(secret.as_bytes().to_vec()) },
        b"hello".to_vec(),
    );
    pdf.doc.add_object(odd);
    let report = scan(&pdf.bytes());
    let warning = report
        .warnings
        .iter()
        .find(|w| w.message.contains("unsupported filter"))
        .unwrap_or_else(|| panic!("{}", summary(&report)));
    assert!(
        warning.message.contains(&secret[..2]),
        "{}",
        warning.message
    );
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.fingerprint == fingerprint(&secret)),
        "{}",
        summary(&report)
    );
    let json = serde_json::to_string(&report).unwrap();
    assert!(
        !json.contains(secret.as_str()),
        "the filter's secret leaked"
    );
}

#[test]
fn text_that_mentions_a_pdf_header_stays_text() {
    let secret = key(41);
    let text = format!(
        "Notes on file formats: every PDF starts with %PDF-1.7 and a binary comment.\n\
         aws_access_key_id = {secret}\n"
    );
    let report = scan(text.as_bytes());
    assert_eq!(report.file.kind, "text", "{}", summary(&report));
    assert!(report.warnings.is_empty(), "{}", summary(&report));
    assert!(found_anywhere(&report, &secret), "{}", summary(&report));

    // A real header at the start is still read as a PDF, damaged or not.
    let report = scan(b"%PDF-1.4\nnot much else");
    assert_eq!(report.file.kind, "pdf", "{}", summary(&report));
}
