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

/// Reads a raw dictionary (or object stream content) without parsing it.
pub(super) fn facts(body: &[u8], max_depth: usize) -> Facts {
    let mut facts = Facts::default();
    let tokens: Vec<Token<'_>> = Lexer::new(body).collect();
    let mut depth = 0usize;
    for (at, token) in tokens.iter().enumerate() {
        match token {
            Token::ArrayOpen | Token::DictOpen => depth += 1,
            Token::ArrayClose | Token::DictClose => depth = depth.saturating_sub(1),
            Token::String(bytes) if depth <= max_depth => {
                let text = text_string(bytes);
                if readable(&text) {
                    facts.strings.push(text);
                }
            }
            // Only the outermost dictionary (depth 1) describes the stream.
            Token::Name(key) if depth == 1 => match (key.as_slice(), tokens.get(at + 1)) {
                (b"Type", Some(Token::Name(value))) => facts.kind = Some(value.clone()),
                (b"Subtype", Some(Token::Name(value))) => facts.subtype = Some(value.clone()),
                (b"Filter", Some(Token::Name(value))) => facts.filters = vec![Filter::new(value)],
                (b"Filter", Some(Token::ArrayOpen)) => {
                    facts.filters = tokens[at + 2..]
                        .iter()
                        .take_while(|t| matches!(t, Token::Name(_)))
                        .filter_map(|t| match t {
                            Token::Name(name) => Some(Filter::new(name)),
                            _ => None,
                        })
                        .collect();
                }
                (b"N", Some(Token::Number(n))) => facts.count = Some(n.max(0.0) as u64),
                (b"Length1" | b"Length2" | b"Length3" | b"Width" | b"FunctionType", _) => {
                    facts.binary = true
                }
                _ => {}
            },
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
