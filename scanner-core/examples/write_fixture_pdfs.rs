//! Writes the hand-built PDF fixtures: the hiding places that LibreOffice,
//! Ghostscript and Chromium cannot produce on request.
//!
//! `lopdf-hiding-places.pdf` carries synthetic secrets in an AcroForm (a
//! top-level field and a field nested under a parent), a FreeText
//! annotation, a file-attachment annotation, two embedded files in a
//! two-level EmbeddedFiles name tree (an `.env` file and a PDF that is itself
//! scanned), a document JavaScript action, a nested outline entry, an XMP
//! metadata stream, a UTF-16 document-info author and a page whose key is
//! split over a kerned TJ array. `lopdf-incremental-update.pdf` is a file
//! whose second revision overwrote the content stream that held a key in the
//! first one, so only a reader of earlier revisions finds it.
//!
//! The secrets come from `testdata/pdf-src/secrets.toml`; the output is
//! byte-for-byte deterministic. Run from the workspace root:
//!
//! ```text
//! cargo run -p scanner-core --example write_fixture_pdfs -- testdata/pdf
//! ```

use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::content::{Content, Operation};
use lopdf::{
    Dictionary, Document, IncrementalDocument, Object, ObjectId, Stream, StringFormat, dictionary,
};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const SECRETS_TOML: &str = include_str!("../../testdata/pdf-src/secrets.toml");

#[derive(Deserialize)]
struct SecretsFile {
    secrets: BTreeMap<String, String>,
}

/// The synthetic secrets by name; a missing name is a bug in this program.
struct Secrets(BTreeMap<String, String>);

impl Secrets {
    fn load() -> Result<Self, String> {
        let file: SecretsFile = toml::from_str(SECRETS_TOML)
            .map_err(|e| format!("testdata/pdf-src/secrets.toml: {e}"))?;
        Ok(Secrets(file.secrets))
    }

    fn get(&self, name: &str) -> &str {
        self.0
            .get(name)
            .unwrap_or_else(|| panic!("secrets.toml has no secret named {name}"))
    }
}

fn main() -> ExitCode {
    let out_dir: PathBuf = match std::env::args_os().nth(1) {
        Some(dir) => dir.into(),
        None => {
            eprintln!("usage: write_fixture_pdfs OUT_DIR   (e.g. testdata/pdf)");
            return ExitCode::from(2);
        }
    };
    match run(&out_dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("write_fixture_pdfs: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(out_dir: &Path) -> Result<(), String> {
    let secrets = Secrets::load()?;
    std::fs::create_dir_all(out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let files = [
        ("lopdf-hiding-places.pdf", hiding_places(&secrets)?),
        (
            "lopdf-incremental-update.pdf",
            incremental_update(&secrets)?,
        ),
    ];
    for (name, bytes) in files {
        let path = out_dir.join(name);
        std::fs::write(&path, &bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("wrote {} ({} bytes)", path.display(), bytes.len());
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// lopdf-hiding-places.pdf

fn hiding_places(s: &Secrets) -> Result<Vec<u8>, String> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(helvetica());

    // Page 1: plain page text, a FreeText note, a file-attachment
    // annotation and the widgets of both form fields.
    let page1 = add_page(
        &mut doc,
        pages_id,
        font_id,
        vec![
            text_line(72, 760, 16, "Service account handover"),
            text_line(
                72,
                730,
                11,
                &format!("Current access key: {}", s.get("lp_page1_aws")),
            ),
            text_line(
                72,
                712,
                11,
                "Fill in the form fields below before the handover meeting.",
            ),
        ],
    );
    let note = doc.add_object(dictionary! {
        "Type" => "Annot",
        "Subtype" => "FreeText",
        "Rect" => rect(72, 600, 400, 640),
        "P" => page1,
        "F" => 4,
        "DA" => Object::string_literal("/Helv 10 Tf 0 g"),
        // UTF-16BE with a byte-order mark, as editors write non-ASCII notes.
        "Contents" => utf16_text(&format!("Schlüssel für den Notfall: {}", s.get("lp_annotation_aws"))),
    });
    let rotation_txt = format!(
        "rotation plan\nold key {}\n",
        s.get("lp_file_annotation_aws")
    );
    let rotation_file = embedded_file(&mut doc, "rotation.txt", rotation_txt.as_bytes())?;
    let paperclip = doc.add_object(dictionary! {
        "Type" => "Annot",
        "Subtype" => "FileAttachment",
        "Rect" => rect(420, 600, 440, 620),
        "P" => page1,
        "F" => 4,
        "Name" => "Paperclip",
        "Contents" => Object::string_literal("Rotation plan"),
        "FS" => rotation_file,
    });
    let aws_field = doc.add_object(dictionary! {
        "Type" => "Annot",
        "Subtype" => "Widget",
        "FT" => "Tx",
        "T" => Object::string_literal("aws_access_key_id"),
        "V" => Object::string_literal(s.get("lp_form_aws")),
        "Rect" => rect(72, 680, 360, 698),
        "P" => page1,
        "F" => 4,
        "DA" => Object::string_literal("/Helv 10 Tf 0 g"),
    });
    // A field nested under a parent: its full name is `billing.stripe_key`.
    let billing = doc.new_object_id();
    let stripe_field = doc.add_object(dictionary! {
        "Type" => "Annot",
        "Subtype" => "Widget",
        "Parent" => billing,
        "T" => Object::string_literal("stripe_key"),
        "V" => Object::string_literal(s.get("lp_form_stripe")),
        "Rect" => rect(72, 656, 500, 674),
        "P" => page1,
        "F" => 4,
        "DA" => Object::string_literal("/Helv 10 Tf 0 g"),
    });
    doc.objects.insert(
        billing,
        Object::Dictionary(dictionary! {
            "FT" => "Tx",
            "T" => Object::string_literal("billing"),
            "Kids" => vec![stripe_field.into()],
        }),
    );
    set_annots(
        &mut doc,
        page1,
        vec![note, paperclip, aws_field, stripe_field],
    )?;

    // Page 2: a key drawn as kerned pieces of one TJ array, as layout
    // programs do; it reads as one word but is never one PDF string.
    let tj_key = s.get("lp_page2_tj_aws");
    add_page(
        &mut doc,
        pages_id,
        font_id,
        vec![
            text_line(72, 760, 16, "Appendix"),
            kerned_line(
                72,
                730,
                11,
                "Backup key: ",
                &[&tj_key[..4], &tj_key[4..12], &tj_key[12..]],
            ),
        ],
    );

    // Attachments: a name tree with two leaves, one file each.
    let env_file = format!(
        "# prod.env: production settings for the payments service\n\
         AWS_ACCESS_KEY_ID={}\n\
         STRIPE_SECRET_KEY={}\n\
         DATABASE_URL={}\n\
         SLACK_WEBHOOK_URL={}\n\
         SIGNING_KEY=\"{}\"\n",
        s.get("lp_attachment_aws"),
        s.get("lp_attachment_stripe"),
        s.get("lp_attachment_db"),
        s.get("lp_attachment_webhook"),
        s.get("lp_attachment_rsa").trim(),
    );
    let prod_env = embedded_file(&mut doc, "prod.env", env_file.as_bytes())?;
    let handover_pdf =
        single_page_pdf(&format!("Break-glass key: {}", s.get("lp_nested_pdf_aws")))?;
    let handover = embedded_file(&mut doc, "handover.pdf", &handover_pdf)?;
    let leaf_a = doc.add_object(dictionary! {
        "Names" => vec![Object::string_literal("handover.pdf"), handover.into()],
        "Limits" => vec![Object::string_literal("handover.pdf"), Object::string_literal("handover.pdf")],
    });
    let leaf_b = doc.add_object(dictionary! {
        "Names" => vec![Object::string_literal("prod.env"), prod_env.into()],
        "Limits" => vec![Object::string_literal("prod.env"), Object::string_literal("prod.env")],
    });
    let embedded_files =
        doc.add_object(dictionary! { "Kids" => vec![leaf_a.into(), leaf_b.into()] });

    // Document JavaScript, compressed, run when the file opens.
    let script = format!(
        "var slackToken = \"{}\";\nvar uploadKey = \"{}\";\napp.alert(\"Handover form loaded\");\n",
        s.get("lp_javascript_slack_bot"),
        s.get("lp_javascript_aws"),
    );
    let script_stream = doc.add_object(flate_stream(Dictionary::new(), script.as_bytes())?);
    let action = doc.add_object(dictionary! { "S" => "JavaScript", "JS" => script_stream });
    let javascript = doc.add_object(dictionary! {
        "Names" => vec![Object::string_literal("init"), action.into()],
    });

    // Outline: the key sits in a child entry, one level down.
    let outlines = doc.new_object_id();
    let top = doc.new_object_id();
    let child = doc.add_object(dictionary! {
        "Title" => utf16_text(&format!("Schlüssel {} rotieren", s.get("lp_outline_aws"))),
        "Parent" => top,
        "Dest" => vec![page1.into(), "XYZ".into(), Object::Null, Object::Null, Object::Null],
    });
    doc.objects.insert(
        top,
        Object::Dictionary(dictionary! {
            "Title" => Object::string_literal("Handover"),
            "Parent" => outlines,
            "First" => child,
            "Last" => child,
            "Count" => 1,
            "Dest" => vec![page1.into(), "XYZ".into(), Object::Null, Object::Null, Object::Null],
        }),
    );
    doc.objects.insert(
        outlines,
        Object::Dictionary(
            dictionary! { "Type" => "Outlines", "First" => top, "Last" => top, "Count" => 2 },
        ),
    );

    let metadata = doc.add_object(Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp_packet(&format!(
            "Handover notes, legacy key {}",
            s.get("lp_xmp_aws")
        ))
        .into_bytes(),
    ));
    let acroform = doc.add_object(dictionary! {
        "Fields" => vec![aws_field.into(), billing.into()],
        "NeedAppearances" => true,
        "DA" => Object::string_literal("/Helv 10 Tf 0 g"),
        "DR" => dictionary! { "Font" => dictionary! { "Helv" => font_id } },
    });
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
        "AcroForm" => acroform,
        "Outlines" => outlines,
        "PageMode" => "UseOutlines",
        "Metadata" => metadata,
        "Names" => dictionary! { "EmbeddedFiles" => embedded_files, "JavaScript" => javascript },
    });
    let info = doc.add_object(dictionary! {
        "Title" => Object::string_literal("Service account handover"),
        "Author" => utf16_text(&format!("Ops-Roboter {}", s.get("lp_author_aws"))),
        "Producer" => Object::string_literal("nospill write_fixture_pdfs (lopdf)"),
        "CreationDate" => Object::string_literal("D:20240301090000Z"),
    });
    finish(&mut doc, pages_id, catalog, info)
}

// ---------------------------------------------------------------------------
// lopdf-incremental-update.pdf

/// Revision 1 shows a key on its page; revision 2, appended as an incremental
/// update, replaces that content stream object. Viewers show revision 2, but
/// the bytes of revision 1 are still in the file.
fn incremental_update(s: &Secrets) -> Result<Vec<u8>, String> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(helvetica());
    let page = add_page(
        &mut doc,
        pages_id,
        font_id,
        vec![
            text_line(72, 760, 16, "Temporary credentials"),
            text_line(
                72,
                730,
                11,
                &format!("Temporary key: {}", s.get("inc_revision1_aws")),
            ),
        ],
    );
    let content_id = page_contents(&doc, page)?;
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let info = doc.add_object(dictionary! {
        "Title" => Object::string_literal("Temporary credentials"),
        "CreationDate" => Object::string_literal("D:20240301090000Z"),
    });
    let revision1 = finish(&mut doc, pages_id, catalog, info)?;

    let previous =
        Document::load_mem(&revision1).map_err(|e| format!("reloading revision 1: {e}"))?;
    let mut update = IncrementalDocument::create_from(revision1, previous);
    let replacement = content(vec![
        text_line(72, 760, 16, "Temporary credentials"),
        text_line(72, 730, 11, "Temporary key: removed, see the vault."),
    ])?;
    update
        .new_document
        .set_object(content_id, Stream::new(Dictionary::new(), replacement));
    let mut bytes = Vec::new();
    update
        .save_to(&mut bytes)
        .map_err(|e| format!("writing revision 2: {e}"))?;
    Ok(bytes)
}

// ---------------------------------------------------------------------------
// Building blocks

/// One line of page text: font size, position and the string.
struct Line {
    ops: Vec<Operation>,
}

fn text_line(x: i64, y: i64, size: i64, text: &str) -> Line {
    Line {
        ops: vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), size.into()]),
            Operation::new("Td", vec![x.into(), y.into()]),
            Operation::new("Tj", vec![Object::string_literal(text)]),
            Operation::new("ET", vec![]),
        ],
    }
}

/// A line whose word after `lead` is drawn as pieces with small kerning
/// adjustments between them (a thousandth of an em each), never a gap.
fn kerned_line(x: i64, y: i64, size: i64, lead: &str, pieces: &[&str]) -> Line {
    let mut array = vec![Object::string_literal(lead)];
    for (index, piece) in pieces.iter().enumerate() {
        if index > 0 {
            array.push(Object::Integer(if index % 2 == 0 { 12 } else { -18 }));
        }
        array.push(Object::string_literal(*piece));
    }
    Line {
        ops: vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), size.into()]),
            Operation::new("Td", vec![x.into(), y.into()]),
            Operation::new("TJ", vec![Object::Array(array)]),
            Operation::new("ET", vec![]),
        ],
    }
}

fn content(lines: Vec<Line>) -> Result<Vec<u8>, String> {
    let operations: Vec<Operation> = lines.into_iter().flat_map(|line| line.ops).collect();
    Content { operations }
        .encode()
        .map_err(|e| format!("encoding page content: {e}"))
}

fn helvetica() -> Dictionary {
    dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    }
}

fn add_page(
    doc: &mut Document,
    pages_id: ObjectId,
    font_id: ObjectId,
    lines: Vec<Line>,
) -> ObjectId {
    let bytes = content(lines).expect("content of fixed operators encodes");
    let content_id = doc.add_object(Stream::new(Dictionary::new(), bytes));
    doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => rect(0, 0, 595, 842),
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
        "Contents" => content_id,
    })
}

fn page_contents(doc: &Document, page: ObjectId) -> Result<ObjectId, String> {
    doc.get_dictionary(page)
        .and_then(|dict| dict.get(b"Contents"))
        .and_then(Object::as_reference)
        .map_err(|e| format!("page has no content reference: {e}"))
}

fn set_annots(doc: &mut Document, page: ObjectId, annots: Vec<ObjectId>) -> Result<(), String> {
    let dict = doc
        .get_dictionary_mut(page)
        .map_err(|e| format!("page {page:?}: {e}"))?;
    dict.set(
        "Annots",
        annots.into_iter().map(Object::from).collect::<Vec<_>>(),
    );
    Ok(())
}

/// Adds the page tree, catalog and info to the trailer and serialises.
fn finish(
    doc: &mut Document,
    pages_id: ObjectId,
    catalog: ObjectId,
    info: ObjectId,
) -> Result<Vec<u8>, String> {
    let kids: Vec<Object> = doc
        .objects
        .iter()
        .filter(|(_, object)| {
            object.as_dict().is_ok_and(|d| {
                d.get(b"Type")
                    .and_then(Object::as_name)
                    .is_ok_and(|t| t == b"Page")
            })
        })
        .map(|(&id, _)| id.into())
        .collect();
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|e| format!("serialising PDF: {e}"))?;
    Ok(bytes)
}

/// A file specification with its data as a FlateDecode embedded-file stream.
fn embedded_file(doc: &mut Document, name: &str, data: &[u8]) -> Result<ObjectId, String> {
    let stream = flate_stream(
        dictionary! { "Type" => "EmbeddedFile", "Params" => dictionary! { "Size" => data.len() as i64 } },
        data,
    )?;
    let stream_id = doc.add_object(stream);
    Ok(doc.add_object(dictionary! {
        "Type" => "Filespec",
        "F" => Object::string_literal(name),
        "UF" => Object::string_literal(name),
        "EF" => dictionary! { "F" => stream_id },
    }))
}

fn flate_stream(mut dict: Dictionary, data: &[u8]) -> Result<Stream, String> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(data)
        .and_then(|()| encoder.flush())
        .map_err(|e| format!("deflate: {e}"))?;
    let compressed = encoder.finish().map_err(|e| format!("deflate: {e}"))?;
    dict.set("Filter", "FlateDecode");
    Ok(Stream::new(dict, compressed))
}

/// A one-page PDF with one line of text, for embedding as an attachment.
fn single_page_pdf(text: &str) -> Result<Vec<u8>, String> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(helvetica());
    add_page(
        &mut doc,
        pages_id,
        font_id,
        vec![text_line(72, 760, 12, text)],
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let info = doc.add_object(dictionary! { "Title" => Object::string_literal("Handover") });
    finish(&mut doc, pages_id, catalog, info)
}

/// A PDF text string in UTF-16BE with a byte-order mark, written in hex.
fn utf16_text(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn rect(x1: i64, y1: i64, x2: i64, y2: i64) -> Vec<Object> {
    vec![x1.into(), y1.into(), x2.into(), y2.into()]
}

fn xmp_packet(description: &str) -> String {
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n\
         <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Service account handover</rdf:li></rdf:Alt></dc:title>\n\
         <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{description}</rdf:li></rdf:Alt></dc:description>\n\
         </rdf:Description>\n\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"w\"?>"
    )
}
