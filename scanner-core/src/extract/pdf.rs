//! PDF extraction: every place a PDF can carry text, within the limits.
//!
//! The flow: a cheap raw survey ([`raw`]) decides whether lopdf may parse
//! the file at all (nesting depth, object count, object-stream inflation);
//! lopdf loads and, for an empty user password, decrypts it; then one pass
//! over the pages ([`pages`]) and one over the objects ([`objects`]) push
//! the text. What lopdf cannot load, or skipped, is carved from the raw
//! bytes ([`recover`]), including copies of objects that a later revision
//! replaced. A panic inside lopdf is caught and also ends in carving.
//!
//! Part names: `page N`, `annotation pN`, `link pN`, `metadata/KEY`,
//! `metadata/XMP`, `form field "NAME"`, `form XFA`, `outline`,
//! `javascript`, `attachment NAME > …`, `object N`, `earlier revision
//! object N`, `unreferenced object N`, `recovered object N`, `recovered`.

mod cmap;
mod content;
mod font;
mod lexer;
mod objects;
mod pages;
mod raw;
mod recover;
mod streams;

use super::{Ctx, Unreadable};
use crate::limits::Limits;
use crate::report::WarningCode;
use lopdf::xref::{XrefEntry, XrefRecovery};
use lopdf::{Dictionary, Document, LoadOptions, Object};
use raw::{RawObject, Survey};
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A PDF header (`%PDF-` and a version digit) in the first KiB, where
/// readers look for it. A header that is not at the very start counts only
/// when the file also holds an object, so text that merely mentions
/// `%PDF-1.7` stays text.
pub(crate) fn looks_like_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let Some(at) = head
        .windows(6)
        .position(|w| w.starts_with(b"%PDF-") && w[5].is_ascii_digit())
    else {
        return false;
    };
    at == 0 || raw::find(bytes, at, b"obj").is_some()
}

/// Where a PDF begins that follows more than a kilobyte of other content,
/// if one does. Readers such as pdf.js and poppler open such files as PDF,
/// so their compressed streams must be read as PDF too, not as text.
pub(crate) fn embedded_pdf_start(bytes: &[u8]) -> Option<usize> {
    let start = raw::find(bytes, 0, b"%PDF-")?;
    raw::find(bytes, start, b"endobj")?;
    Some(start)
}

pub(crate) fn extract_pdf(bytes: &[u8], ctx: &mut Ctx<'_>) -> Result<(), Unreadable> {
    let limits = ctx.limits().clone();
    let max_objects = usize::try_from(limits.max_objects).unwrap_or(usize::MAX);
    let survey = raw::survey(bytes);
    let mut seen = Seen::default();

    // `Err((reason, damaged))`: lopdf did not read the file, because a
    // limit forbade it or because the file is damaged.
    let mut held_values = 0;
    let outcome = match refuse_parsing(bytes, &survey, &limits, ctx) {
        Err(reason) => {
            ctx.warn("file", WarningCode::Limit, reason.clone());
            Err((reason, false))
        }
        Ok(values) => {
            held_values = values;
            load(bytes, &limits).map_err(|reason| (reason, true))
        }
    };
    let (reason, damaged) = match outcome {
        Ok(mut document) => {
            let done = catch_unwind(AssertUnwindSafe(|| {
                restore_unread_streams(&mut document, bytes, &survey, ctx);
                extract_document(&document, bytes, &survey, ctx, &mut seen)
            }));
            drop(document);
            ctx.release_values(held_values);
            match done {
                Ok(()) => return Ok(()),
                Err(_) => ("the PDF parser failed partway through".to_string(), true),
            }
        }
        Err(failure) => {
            ctx.release_values(held_values);
            failure
        }
    };

    if survey.encrypted {
        let message = format!("encrypted, and could not be opened ({reason}): not scanned");
        ctx.warn("file", WarningCode::Encrypted, message);
        return Ok(());
    }
    if !recover::carve_file(ctx, &mut seen, bytes, &survey, max_objects) {
        return Err(Unreadable {
            kind: "pdf",
            reason: format!("{reason}; no PDF objects or text found"),
        });
    }
    if damaged {
        let message = format!("damaged PDF ({reason}); text was recovered from the raw bytes");
        ctx.warn("file", WarningCode::Damaged, message);
    }
    Ok(())
}

/// Why lopdf must not parse this file, if it must not. lopdf's parser
/// recurses on nesting and inflates every object stream while loading, so
/// both are checked here first with bounded, non-recursive code.
fn refuse_parsing(
    bytes: &[u8],
    survey: &Survey,
    limits: &Limits,
    ctx: &mut Ctx<'_>,
) -> Result<u64, String> {
    let max_depth = limits.max_depth as usize;
    if survey.deepest > max_depth {
        return Err(format!(
            "objects nest deeper than {max_depth} levels; read by carving instead of parsing"
        ));
    }
    let mut object_count = survey.objects.len() as u64;
    let mut values = survey.values;
    let mut inflated = 0u64;
    for object in &survey.objects {
        let Some(range) = object.stream.clone() else {
            continue;
        };
        let facts = recover::facts(&bytes[object.body.clone()], max_depth);
        if facts.kind.as_deref() != Some(b"ObjStm".as_slice()) {
            continue;
        }
        object_count += facts.count.unwrap_or(0);
        let data = &bytes[range];
        let is_flate = |f: &[streams::Filter]| f.len() == 1 && f[0].name == b"FlateDecode";
        let decoded = if facts.filters.is_empty() {
            Some(data.to_vec())
        } else if is_flate(&facts.filters) && !survey.encrypted {
            let cap = limits.max_inflated_stream_bytes;
            match inflate_within(data, cap) {
                Some(decoded) => Some(decoded),
                None => {
                    return Err(format!(
                        "an object stream inflates past {cap} bytes; read by carving instead"
                    ));
                }
            }
        } else {
            None
        };
        if let Some(decoded) = decoded {
            inflated += decoded.len() as u64;
            // Past the budget the answer is known; inflating the rest of
            // hundreds of bombs would only spend the time budget.
            if inflated > limits.max_inflated_total_bytes {
                break;
            }
            let (deepest, decoded_values) = raw::nesting_and_values(&decoded);
            if deepest > max_depth {
                return Err(format!(
                    "objects nest deeper than {max_depth} levels; read by carving instead of parsing"
                ));
            }
            values += decoded_values;
        }
    }
    if object_count > limits.max_objects {
        let limit = limits.max_objects;
        return Err(format!(
            "more than {limit} objects; only the first {limit} were carved and scanned"
        ));
    }
    // lopdf keeps every value as an object of about a hundred bytes: 60
    // million numbers in one array (120 MB of file) took 7 GB to parse.
    // The budget is for the documents in memory at once: an attachment is
    // parsed while the documents it is attached to are held.
    let max_values = limits.max_values;
    if values > ctx.values_room() {
        return Err(format!(
            "more than {max_values} values outside streams, counting the documents this one is \
             attached to; read by carving instead of parsing"
        ));
    }
    if !ctx.reserve_inflated("file", inflated) {
        return Err(
            "object streams inflate past the document limit; read by carving instead".into(),
        );
    }
    ctx.hold_values(values);
    Ok(values)
}

/// Inflates zlib data, or `None` when it would exceed `cap` bytes.
fn inflate_within(data: &[u8], cap: u64) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let result = flate2::read::ZlibDecoder::new(data)
        .take(cap + 1)
        .read_to_end(&mut out);
    if result.is_err() && out.is_empty() {
        let _ = flate2::read::DeflateDecoder::new(data)
            .take(cap + 1)
            .read_to_end(&mut out);
    }
    (out.len() as u64 <= cap).then_some(out)
}

fn load(bytes: &[u8], limits: &Limits) -> Result<Document, String> {
    let options = LoadOptions {
        max_decompressed_size: Some(
            usize::try_from(limits.max_inflated_stream_bytes).unwrap_or(usize::MAX),
        ),
        ..LoadOptions::default()
    };
    match catch_unwind(|| Document::load_mem_with_options(bytes, options)) {
        Ok(Ok(document)) => Ok(document),
        Ok(Err(err)) => Err(err.to_string()),
        Err(_) => Err("the PDF parser failed on this file".into()),
    }
}

fn extract_document(
    doc: &Document,
    bytes: &[u8],
    survey: &Survey,
    ctx: &mut Ctx<'_>,
    seen: &mut Seen,
) {
    if doc.trailer.has(b"Encrypt") && !doc.was_encrypted() {
        ctx.warn(
            "file",
            WarningCode::Encrypted,
            "encrypted with a password: not scanned",
        );
        return;
    }
    if doc.was_encrypted() {
        ctx.warn(
            "file",
            WarningCode::Note,
            "encrypted with an empty user password; decrypted and scanned",
        );
    }
    let limit = usize::try_from(ctx.limits().max_objects).unwrap_or(usize::MAX);
    if doc.objects.len() > limit {
        ctx.warn(
            "file",
            WarningCode::Limit,
            format!("more than {limit} objects; only the first {limit} were scanned"),
        );
    }
    if looks_truncated(bytes, survey) {
        ctx.warn(
            "file",
            WarningCode::Damaged,
            "the file ends early (no %%EOF): it may be truncated; what could be read was scanned",
        );
    }

    let mut cache = pages::DocumentCache::default();
    let page_numbers = pages::extract_pages(doc, ctx, seen, &mut cache);
    if page_numbers.is_empty() && !doc.objects.is_empty() {
        ctx.warn(
            "file",
            WarningCode::Damaged,
            "no readable page tree; text was read from the objects directly",
        );
    }
    objects::extract_objects(doc, ctx, seen, &page_numbers, limit);
    pages::extract_orphans(doc, ctx, seen, &mut cache, limit);
    if !doc.was_encrypted() {
        carve_leftovers(doc, bytes, survey, ctx, seen, limit);
    }
    if doc.xref_recovery == Some(XrefRecovery::Reconstructed) {
        ctx.warn(
            "file",
            WarningCode::Note,
            "the cross-reference table was damaged and rebuilt by scanning the file",
        );
    }
}

/// Gives streams that lopdf left empty the data the survey found for them.
/// lopdf loads a stream whose `/Length` it cannot resolve (an indirect
/// length pointing at the stream itself, at nothing, or past the end of the
/// file) with no data at all, and the page it belongs to would then read
/// as blank. Encrypted data cannot be restored that way; that is a warning.
fn restore_unread_streams(doc: &mut Document, bytes: &[u8], survey: &Survey, ctx: &mut Ctx<'_>) {
    let header = bytes.windows(5).position(|w| w == b"%PDF-").unwrap_or(0);
    let mut copies: HashMap<u32, Vec<&RawObject>> = HashMap::new();
    for object in &survey.objects {
        if object.stream.as_ref().is_some_and(|data| !data.is_empty()) {
            copies.entry(object.id.0).or_default().push(object);
        }
    }
    let (mut restored, mut unreadable) = (0usize, 0usize);
    for (id, object) in doc.objects.iter_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.content.is_empty() || stream.start_position.is_none() {
            continue;
        }
        let Some(candidates) = copies.get(&id.0) else {
            continue;
        };
        let copy = match doc.reference_table.get(id.0) {
            Some(XrefEntry::Normal { offset, .. }) => {
                let target = *offset as usize + header;
                candidates.iter().min_by_key(|c| c.start.abs_diff(target))
            }
            _ => candidates.last(),
        };
        let Some(data) = copy.and_then(|c| c.stream.clone()) else {
            continue;
        };
        if survey.encrypted {
            unreadable += 1;
        } else {
            stream.content = bytes[data].to_vec();
            restored += 1;
        }
    }
    if restored > 0 {
        ctx.warn(
            "file",
            WarningCode::Note,
            format!("{restored} streams have an unusable /Length; they were read up to endstream"),
        );
    }
    if unreadable > 0 {
        ctx.warn(
            "file",
            WarningCode::Damaged,
            format!(
                "{unreadable} encrypted streams have an unusable /Length and could not be read; not scanned"
            ),
        );
    }
}

/// No `%%EOF` at all, or file structure after the last one: an update
/// that was cut off. (Trailing blanks or junk after `%%EOF` are common and
/// harmless.)
fn looks_truncated(bytes: &[u8], survey: &Survey) -> bool {
    let Some(eof) = bytes.windows(5).rposition(|w| w == b"%%EOF") else {
        return true;
    };
    let after = &bytes[eof + 5..];
    survey.objects.last().is_some_and(|o| o.start > eof)
        || [b"xref".as_slice(), b"trailer"]
            .iter()
            .any(|k| after.windows(k.len()).any(|w| w == *k))
}

/// Objects in the file that lopdf did not load: copies an incremental
/// update replaced or deleted (they keep their old text), objects nothing
/// refers to, and objects it could not parse (damage).
fn carve_leftovers(
    doc: &Document,
    bytes: &[u8],
    survey: &Survey,
    ctx: &mut Ctx<'_>,
    seen: &mut Seen,
    limit: usize,
) {
    // lopdf reads offsets from the `%PDF-` header on.
    let header = bytes.windows(5).position(|w| w == b"%PDF-").unwrap_or(0);
    let loaded_numbers: HashSet<u32> = doc.objects.keys().map(|id| id.0).collect();
    let mut copies: HashMap<u32, Vec<&RawObject>> = HashMap::new();
    for object in survey.objects.iter().take(limit) {
        copies.entry(object.id.0).or_default().push(object);
    }
    let mut damaged = 0usize;
    for object in survey.objects.iter().take(limit) {
        if !ctx.keep_going() {
            return;
        }
        let number = object.id.0;
        let entry = doc.reference_table.get(number);
        let part = if loaded_numbers.contains(&number) {
            if is_loaded_copy(object, &copies[&number], entry, header) {
                continue;
            }
            format!("earlier revision object {number}")
        } else {
            match entry {
                Some(XrefEntry::Free | XrefEntry::UnusableFree) => {
                    format!("earlier revision object {number}")
                }
                None => format!("unreferenced object {number}"),
                Some(_) => {
                    let facts = recover::facts(&bytes[object.body.clone()], 8);
                    if facts.kind.as_deref() == Some(b"XRef".as_slice()) {
                        continue;
                    }
                    damaged += 1;
                    format!("recovered object {number}")
                }
            }
        };
        if !recover::carve_object(ctx, seen, bytes, object, &part) {
            return;
        }
    }
    if damaged > 0 {
        ctx.warn(
            "file",
            WarningCode::Damaged,
            format!(
                "{damaged} objects could not be parsed; their text was recovered from the raw bytes"
            ),
        );
    }
}

/// Whether `object` is the copy lopdf loaded among the raw `copies` of its
/// number: the one nearest the cross-reference offset.
fn is_loaded_copy(
    object: &RawObject,
    copies: &[&RawObject],
    entry: Option<&XrefEntry>,
    header: usize,
) -> bool {
    match entry {
        Some(XrefEntry::Normal { offset, .. }) => {
            let target = *offset as usize + header;
            let nearest = copies.iter().min_by_key(|c| c.start.abs_diff(target));
            nearest.is_some_and(|nearest| nearest.start == object.start)
        }
        // Now inside an object stream: every raw copy is older.
        Some(XrefEntry::Compressed { .. }) => false,
        _ => copies.len() == 1,
    }
}

/// Deduplicates what is pushed: identical text in the same part once, and
/// remembers every text so the final object walk skips what was scanned.
#[derive(Default)]
pub(super) struct Seen {
    pushed: HashSet<(u64, u64)>,
    texts: HashSet<u64>,
}

fn fingerprint(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.trim().hash(&mut hasher);
    hasher.finish()
}

impl Seen {
    /// Pushes `text` as `part` unless it is empty or already there. False
    /// once a limit stops extraction.
    pub(super) fn emit(
        &mut self,
        ctx: &mut Ctx<'_>,
        part: &str,
        page: Option<u32>,
        text: String,
    ) -> bool {
        if text.trim().is_empty() {
            return ctx.keep_going();
        }
        let text_key = fingerprint(&text);
        if !self.pushed.insert((fingerprint(part), text_key)) {
            return ctx.keep_going();
        }
        self.texts.insert(text_key);
        ctx.push(part, page, text)
    }

    /// Marks a piece of a pushed text (one annotation field, one title) as
    /// scanned, so the object walk does not push it again on its own.
    pub(super) fn cover(&mut self, text: &str) {
        self.texts.insert(fingerprint(text));
    }

    /// Whether this exact text was pushed already, in any part.
    pub(super) fn covered(&self, text: &str) -> bool {
        self.texts.contains(&fingerprint(text))
    }
}

/// A name taken from the file, fit for a part name: one line, bounded.
pub(super) fn label(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let clean = clean.trim();
    match clean.char_indices().nth(100) {
        Some((cut, _)) => format!("{}…", &clean[..cut]),
        None => clean.to_string(),
    }
}

pub(super) fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map_or(object, |(_, found)| found)
}

/// A dictionary entry with references followed.
pub(super) fn dict_get<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Object> {
    dict.get(key).ok().map(|object| deref(doc, object))
}
