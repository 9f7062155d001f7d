//! Carving: text out of raw object blocks, without lopdf.
//!
//! Used for files lopdf cannot load (truncated, broken cross-references,
//! nesting too deep to hand to a recursive parser), for objects it skipped,
//! and for the copies of objects that a later revision replaced but that
//! still sit in the file with their old text.

use super::content::{self, Form, Resources};
use super::font::{Font, text_string};
use super::lexer::{Lexer, Token};
use super::objects::readable;
use super::pages::looks_like_content;
use super::raw::{RawObject, Survey};
use super::streams::{self, Filter};
use super::{Seen, label};
use crate::extract::{Ctx, text};
use std::rc::Rc;

/// What the dictionary of a raw object says about it.
#[derive(Default)]
pub(super) struct Facts {
    pub kind: Option<Vec<u8>>,
    pub subtype: Option<Vec<u8>>,
    pub filters: Vec<Filter>,
    /// `/N`: the object count of an object stream.
    pub count: Option<u64>,
    /// Font programs, ICC profiles, functions: binary streams.
    pub binary: bool,
    /// Readable strings anywhere in the dictionary.
    pub strings: Vec<String>,
}

/// Strings kept one by one in an object; past this, they are kept in
/// batches so an object of millions of tiny strings stays compact.
const MAX_SEPARATE_STRINGS: usize = 10_000;
/// Size of one batch of strings.
const STRING_BATCH_BYTES: usize = 64 << 10;

impl Facts {
    fn add_string(&mut self, text: String) {
        if self.strings.len() >= MAX_SEPARATE_STRINGS
            && let Some(last) = self.strings.last_mut()
            && last.len() < STRING_BATCH_BYTES
        {
            last.push('\n');
            last.push_str(&text);
        } else {
            self.strings.push(text);
        }
    }
}

/// Reads a raw dictionary (or object stream content) without parsing it.
/// Tokens are read one at a time: the body may be a hostile object of
/// millions of values.
pub(super) fn facts(body: &[u8], max_depth: usize) -> Facts {
    let mut facts = Facts::default();
    let mut depth = 0usize;
    // The last name at depth 1: the key the next token is the value of.
    let mut key: Option<Vec<u8>> = None;
    // Inside `/Filter [ … ]`: names are the filters.
    let mut filter_array = false;
    for token in Lexer::new(body) {
        if filter_array {
            if let Token::Name(name) = &token {
                facts.filters.push(Filter::new(name));
                continue;
            }
            filter_array = false;
        }
        let key_of_this = key.take();
        let is_key = |name: &[u8]| key_of_this.as_deref() == Some(name);
        match token {
            Token::ArrayOpen => {
                if depth == 1 && is_key(b"Filter") {
                    facts.filters.clear();
                    filter_array = true;
                }
                depth += 1;
            }
            Token::DictOpen => depth += 1,
            Token::ArrayClose | Token::DictClose => depth = depth.saturating_sub(1),
            Token::String(bytes) if depth <= max_depth => {
                let text = text_string(&bytes);
                if readable(&text) {
                    facts.add_string(text);
                }
            }
            // Only the outermost dictionary (depth 1) describes the stream.
            Token::Name(name) if depth == 1 => {
                if is_key(b"Type") {
                    facts.kind = Some(name.clone());
                } else if is_key(b"Subtype") {
                    facts.subtype = Some(name.clone());
                } else if is_key(b"Filter") {
                    facts.filters = vec![Filter::new(&name)];
                }
                if matches!(
                    name.as_slice(),
                    b"Length1" | b"Length2" | b"Length3" | b"Width" | b"FunctionType"
                ) {
                    facts.binary = true;
                }
                key = Some(name);
            }
            Token::Number(n) if depth == 1 && is_key(b"N") => facts.count = Some(n.max(0.0) as u64),
            _ => {}
        }
    }
    // An ICC profile has /N too, but only an object stream has /Type /ObjStm.
    if facts.count.is_some() && facts.kind.as_deref() != Some(b"ObjStm".as_slice()) {
        facts.binary = true;
    }
    facts
}

struct NoResources<'a, 'l> {
    ctx: &'a mut Ctx<'l>,
    fallback: Rc<Font>,
}

impl Resources for NoResources<'_, '_> {
    fn font(&mut self, _: usize, _: &[u8]) -> Option<Rc<Font>> {
        Some(self.fallback.clone())
    }
    fn form(&mut self, _: usize, _: &[u8]) -> Option<Form> {
        None
    }
    fn keep_going(&mut self) -> bool {
        self.ctx.keep_going()
    }
}

/// Text of content-stream data read without its fonts.
pub(super) fn content_text(ctx: &mut Ctx<'_>, data: &[u8]) -> String {
    let max_depth = ctx.limits().max_depth as usize;
    let mut resources = NoResources {
        ctx,
        fallback: Rc::new(Font::fallback()),
    };
    content::extract(data, &mut resources, 0, max_depth).text
}

/// Carves one raw object into `part`. Returns false once a limit stops
/// extraction.
pub(super) fn carve_object(
    ctx: &mut Ctx<'_>,
    seen: &mut Seen,
    bytes: &[u8],
    object: &RawObject,
    part: &str,
) -> bool {
    let max_depth = ctx.limits().max_depth as usize;
    let facts = facts(&bytes[object.body.clone()], max_depth);
    let mut texts: Vec<String> = facts
        .strings
        .iter()
        .filter(|s| !seen.covered(s))
        .cloned()
        .collect();
    let is = |field: &Option<Vec<u8>>, value: &[u8]| field.as_deref() == Some(value);
    if let Some(range) = object.stream.clone()
        && !facts.binary
        && !is(&facts.subtype, b"Image")
        && !is(&facts.kind, b"XRef")
        && let Some(data) = streams::decode(ctx, part, &facts.filters, &bytes[range])
    {
        if is(&facts.kind, b"ObjStm") {
            texts.extend(
                strings_in(&data, max_depth)
                    .into_iter()
                    .filter(|s| !seen.covered(s)),
            );
        } else if is(&facts.kind, b"EmbeddedFile") {
            let name = facts
                .strings
                .first()
                .map_or_else(|| format!("object {}", object.id.0), |s| label(s));
            ctx.nested(&format!("attachment {name}"), &data);
        } else if looks_like_content(&data) {
            texts.push(content_text(ctx, &data));
        } else if let Some(decoded) = text::decode(&data) {
            // Scripts, XMP, XFA and other text kept in streams.
            texts.push(decoded);
        }
    }
    seen.emit(ctx, part, None, texts.join("\n"))
}

/// Readable strings among the tokens of `data` (an object stream).
fn strings_in(data: &[u8], max_depth: usize) -> Vec<String> {
    facts(data, max_depth).strings
}

/// Carves a file lopdf could not load: every object block, then the
/// printable text between them. Returns whether anything PDF-like was
/// found at all.
pub(super) fn carve_file(
    ctx: &mut Ctx<'_>,
    seen: &mut Seen,
    bytes: &[u8],
    survey: &Survey,
    limit: usize,
) -> bool {
    for object in survey.objects.iter().take(limit) {
        if !ctx.keep_going() {
            return true;
        }
        if !carve_object(
            ctx,
            seen,
            bytes,
            object,
            &format!("recovered object {}", object.id.0),
        ) {
            return true;
        }
    }
    let mut loose = String::new();
    let mut from = 0;
    for object in survey
        .objects
        .iter()
        .map(|o| o.start..o.end)
        .chain(std::iter::once(bytes.len()..bytes.len()))
    {
        if object.start > from {
            for line in text::printable_strings(&bytes[from..object.start]).lines() {
                if !is_structure(line) {
                    loose.push_str(line);
                    loose.push('\n');
                }
            }
        }
        from = from.max(object.end);
    }
    let found_text = !loose.trim().is_empty();
    seen.emit(ctx, "recovered", None, loose);
    !survey.objects.is_empty() || found_text
}

/// File structure lines that carry no text of their own.
fn is_structure(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("%PDF-")
        || line.starts_with("%%EOF")
        || matches!(line, "xref" | "trailer" | "startxref")
        || line
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'n' | b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_read_the_stream_dictionary() {
        let found = facts(b"<< /Type /EmbeddedFile /Filter [/AHx /FlateDecode] /Params << /Type /Inner >> /F (a.txt) >>", 64);
        assert_eq!(found.kind.as_deref(), Some(b"EmbeddedFile".as_slice()));
        assert_eq!(
            found.filters,
            vec![Filter::new(b"ASCIIHexDecode"), Filter::new(b"FlateDecode")]
        );
        assert_eq!(found.strings, vec!["a.txt".to_string()]);
        assert!(facts(b"<< /Length1 5 >>", 64).binary);
    }

    #[test]
    fn structure_lines_are_not_text() {
        assert!(is_structure("0000000015 00000 n"));
        assert!(is_structure("%PDF-1.7"));
        assert!(!is_structure("password = hunter2"));
    }
}
