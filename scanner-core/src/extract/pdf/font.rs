//! Fonts: how the bytes of a shown string become Unicode text, and how far
//! each glyph advances (to tell a word gap from kerning).
//!
//! The ToUnicode map wins when present; simple fonts fall back to their
//! `/Encoding` (base encoding plus `/Differences`), whose tables and glyph
//! names come from lopdf. Widths come from `/Widths` or `/W`.

use super::cmap::ToUnicode;
use lopdf::{Dictionary, Document, Encoding, Object};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Unicode text of each single-byte code.
type ByteTable = [Option<char>; 256];

/// Widths are in thousandths of text space unless a Type 3 font says
/// otherwise.
const DEFAULT_SCALE: f64 = 0.001;

/// Average advance assumed when a font gives no widths (a standard font
/// used without `/Widths`), in text space units.
const ESTIMATED_WIDTH: f64 = 0.5;

pub(super) struct Font {
    codes: Codes,
    widths: Widths,
    /// Codes of this font have no known Unicode meaning.
    pub unmapped: bool,
}

enum Codes {
    /// One byte per code.
    Simple(Box<[Option<Box<str>>]>),
    /// Multi-byte codes (Type 0 fonts), decoded through a ToUnicode map.
    Composite {
        cmap: Option<ToUnicode>,
        default_len: usize,
        utf16: bool,
    },
    /// Unknown font: UTF-16 if it looks like it, else PDFDocEncoding.
    Guess,
}

enum Widths {
    Simple {
        first: u32,
        widths: Vec<f64>,
        missing: f64,
        scale: f64,
    },
    Composite {
        ranges: Vec<(u32, u32, CidWidths)>,
        default: f64,
    },
    Estimated(f64),
}

enum CidWidths {
    Same(f64),
    Listed(Vec<f64>),
}

/// What showing one string did: its glyph advance (in text space units,
/// before font size), how many codes and single-byte spaces it held.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(super) struct Advance {
    pub width: f64,
    pub codes: usize,
    pub spaces: usize,
}

impl Font {
    /// For strings whose font is unknown (missing resources, carving).
    pub(super) fn fallback() -> Font {
        Font {
            codes: Codes::Guess,
            widths: Widths::Estimated(ESTIMATED_WIDTH),
            unmapped: false,
        }
    }

    /// Appends the text of `bytes` to `out`.
    pub(super) fn show(&self, bytes: &[u8], out: &mut String) -> Advance {
        let mut advance = Advance::default();
        match &self.codes {
            Codes::Simple(table) => {
                for &byte in bytes {
                    if let Some(text) = &table[usize::from(byte)] {
                        out.push_str(text);
                    }
                    advance.width += self.width(u32::from(byte));
                    advance.codes += 1;
                    advance.spaces += usize::from(byte == b' ');
                }
            }
            Codes::Composite {
                cmap,
                default_len,
                utf16,
            } => {
                let mut at = 0;
                while at < bytes.len() {
                    let len = match cmap {
                        Some(cmap) => cmap.code_length(&bytes[at..], *default_len),
                        None => *default_len,
                    }
                    .clamp(1, 4)
                    .min(bytes.len() - at);
                    let code = bytes[at..at + len]
                        .iter()
                        .fold(0u32, |acc, &b| acc << 8 | u32::from(b));
                    let mapped = cmap.as_ref().and_then(|cmap| cmap.lookup(len, code));
                    match mapped {
                        Some(text) => out.push_str(&text),
                        None if *utf16 => {
                            out.push_str(&String::from_utf16_lossy(&[code as u16]));
                        }
                        None => {}
                    }
                    advance.width += self.width(code);
                    advance.codes += 1;
                    // Word spacing applies to the single-byte code 32 only.
                    advance.spaces += usize::from(len == 1 && code == 32);
                    at += len;
                }
            }
            Codes::Guess => {
                let text = guess_text(bytes);
                advance.codes = text.chars().count();
                advance.spaces = text.chars().filter(|&c| c == ' ').count();
                advance.width = advance.codes as f64 * ESTIMATED_WIDTH;
                out.push_str(&text);
            }
        }
        advance
    }

    fn width(&self, code: u32) -> f64 {
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
                scale,
            } => {
                let width = code
                    .checked_sub(*first)
                    .and_then(|i| widths.get(i as usize))
                    .copied();
                width.map_or(*missing, |w| w * scale)
            }
            Widths::Composite { ranges, default } => {
                let index = ranges.partition_point(|r| r.0 <= code);
                let found = ranges[..index].last().filter(|r| code <= r.1).and_then(
                    |(first, _, widths)| match widths {
                        CidWidths::Same(w) => Some(*w),
                        CidWidths::Listed(list) => list.get((code - first) as usize).copied(),
                    },
                );
                found.unwrap_or(*default) * DEFAULT_SCALE
            }
            Widths::Estimated(width) => *width,
        }
    }
}

/// Text of a string shown in an unknown font: UTF-16BE when every other
/// byte is zero or it has a BOM, else PDFDocEncoding.
pub(super) fn guess_text(bytes: &[u8]) -> String {
    let utf16 = bytes.starts_with(b"\xFE\xFF")
        || (bytes.len() >= 2
            && bytes.len().is_multiple_of(2)
            && bytes.iter().step_by(2).all(|&b| b == 0));
    if utf16 {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .filter(|&u| u != 0xFEFF)
            .collect();
        return String::from_utf16_lossy(&units);
    }
    pdf_doc_decode(bytes)
}

/// A PDF text string (document info, annotations, form values, …):
/// UTF-16BE or UTF-8 with a byte-order mark, else PDFDocEncoding.
pub(super) fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        // Not allowed by the standard, but some producers write it.
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    pdf_doc_decode(bytes)
}

fn pdf_doc_decode(bytes: &[u8]) -> String {
    let table = &tables().pdf_doc;
    bytes
        .iter()
        .filter_map(|&b| table[usize::from(b)])
        .collect()
}

struct Tables {
    standard: ByteTable,
    win_ansi: ByteTable,
    mac_roman: ByteTable,
    mac_expert: ByteTable,
    pdf_doc: ByteTable,
}

/// The base encodings, read once out of lopdf (its tables are private, but
/// a font dictionary naming an encoding yields them).
fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut pdf_doc = lopdf_table(Some(b"PDFDocEncoding"));
        // Text strings keep their line breaks and tabs.
        for byte in [b'\t', b'\n', b'\r'] {
            pdf_doc[usize::from(byte)] = Some(char::from(byte));
        }
        for byte in 0x80..=0xFFu8 {
            if pdf_doc[usize::from(byte)].is_none() {
                pdf_doc[usize::from(byte)] = Some(char::from(byte));
            }
        }
        Tables {
            standard: lopdf_table(None),
            win_ansi: lopdf_table(Some(b"WinAnsiEncoding")),
            mac_roman: lopdf_table(Some(b"MacRomanEncoding")),
            mac_expert: lopdf_table(Some(b"MacExpertEncoding")),
            pdf_doc,
        }
    })
}

fn lopdf_table(encoding: Option<&[u8]>) -> ByteTable {
    let doc = Document::new();
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    if let Some(name) = encoding {
        font.set("Encoding", Object::Name(name.to_vec()));
    }
    let mut table = [None; 256];
    if let Ok(encoding) = font.get_font_encoding(&doc) {
        for (byte, slot) in table.iter_mut().enumerate() {
            *slot = encoding
                .bytes_to_string(&[byte as u8])
                .ok()
                .and_then(|s| s.chars().next());
        }
    }
    table
}

/// Unicode text of a glyph name: `uniXXXX`, `uXXXX`, ligatures `f_f_i`,
/// suffixes `a.sc`, and the Adobe Glyph List through lopdf.
pub(super) fn glyph_text(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let parts: Option<Vec<String>> = base
            .split('_')
            .map(|part| glyph_text(part.as_bytes()))
            .collect();
        return parts.map(|parts| parts.concat());
    }
    if let Some(hex) = base.strip_prefix("uni")
        && hex.len() >= 4
        && hex.len() % 4 == 0
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        let units: Vec<u16> = hex
            .as_bytes()
            .chunks(4)
            .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
            .collect();
        return Some(String::from_utf16_lossy(&units));
    }
    if let Some(hex) = base.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return char::from_u32(u32::from_str_radix(hex, 16).ok()?).map(String::from);
    }
    agl_glyph(base).map(String::from)
}

/// The Adobe Glyph List lookup, through a one-entry `/Differences` array
/// given to lopdf; cached because its lookup is one long `match`.
fn agl_glyph(name: &str) -> Option<char> {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<char>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Ok(cache) = cache.lock()
        && let Some(&found) = cache.get(name)
    {
        return found;
    }
    let doc = Document::new();
    let mut differences = Dictionary::new();
    differences.set(
        "Differences",
        vec![Object::Integer(0), Object::Name(name.as_bytes().to_vec())],
    );
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Encoding", Object::Dictionary(differences));
    let found = match font.get_font_encoding(&doc) {
        // Any other variant means lopdf did not know the name and fell back.
        Ok(encoding @ Encoding::Differences(_)) => encoding
            .bytes_to_string(&[0])
            .ok()
            .and_then(|s| s.chars().next()),
        _ => None,
    };
    if let Ok(mut cache) = cache.lock()
        && cache.len() < 65_536
    {
        cache.insert(name.to_string(), found);
    }
    found
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map_or(object, |(_, found)| found)
}

fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|object| deref(doc, object))
}

fn number(object: &Object) -> Option<f64> {
    match *object {
        Object::Integer(i) => Some(i as f64),
        Object::Real(r) => Some(f64::from(r)),
        _ => None,
    }
}

/// Builds the font of a font dictionary. `to_unicode` is its decoded
/// ToUnicode stream, if any (decoded by the caller within the limits).
pub(super) fn build(doc: &Document, dict: &Dictionary, to_unicode: Option<&[u8]>) -> Font {
    let cmap = to_unicode
        .map(ToUnicode::parse)
        .filter(|cmap| !cmap.is_empty());
    let subtype = get(doc, dict, b"Subtype")
        .and_then(|o| o.as_name().ok())
        .unwrap_or_default();
    if subtype == b"Type0" {
        return composite(doc, dict, cmap);
    }
    let table = simple_table(doc, dict, cmap.as_ref());
    let unmapped = table.iter().all(Option::is_none);
    Font {
        codes: Codes::Simple(table),
        widths: simple_widths(doc, dict, subtype),
        unmapped,
    }
}

fn composite(doc: &Document, dict: &Dictionary, cmap: Option<ToUnicode>) -> Font {
    let encoding = get(doc, dict, b"Encoding")
        .and_then(|o| o.as_name().ok())
        .unwrap_or_default();
    let encoding = String::from_utf8_lossy(encoding);
    let utf16 = encoding.contains("UCS2") || encoding.contains("UTF16");
    let unmapped = cmap.is_none() && !utf16;
    let descendant = get(doc, dict, b"DescendantFonts")
        .and_then(|o| o.as_array().ok())
        .and_then(|fonts| fonts.first())
        .and_then(|font| deref(doc, font).as_dict().ok());
    let widths = match descendant {
        Some(descendant) => cid_widths(doc, descendant),
        None => Widths::Composite {
            ranges: Vec::new(),
            default: 1000.0,
        },
    };
    Font {
        codes: Codes::Composite {
            cmap,
            default_len: 2,
            utf16,
        },
        widths,
        unmapped,
    }
}

fn simple_table(
    doc: &Document,
    dict: &Dictionary,
    cmap: Option<&ToUnicode>,
) -> Box<[Option<Box<str>>]> {
    let tables = tables();
    let named = |name: &[u8]| -> Option<&ByteTable> {
        match name {
            b"StandardEncoding" => Some(&tables.standard),
            b"WinAnsiEncoding" => Some(&tables.win_ansi),
            b"MacRomanEncoding" => Some(&tables.mac_roman),
            b"MacExpertEncoding" => Some(&tables.mac_expert),
            b"PDFDocEncoding" => Some(&tables.pdf_doc),
            _ => None,
        }
    };
    let mut base = &tables.standard;
    let mut differences: Vec<(u8, Option<String>)> = Vec::new();
    match get(doc, dict, b"Encoding") {
        Some(Object::Name(name)) => base = named(name).unwrap_or(base),
        Some(Object::Dictionary(encoding)) => {
            if let Some(Object::Name(name)) = get(doc, encoding, b"BaseEncoding") {
                base = named(name).unwrap_or(base);
            }
            if let Some(Object::Array(entries)) = get(doc, encoding, b"Differences") {
                let mut code: Option<u32> = None;
                for entry in entries.iter().take(4096) {
                    match deref(doc, entry) {
                        Object::Integer(start) => code = u32::try_from(*start).ok(),
                        Object::Name(glyph) => {
                            if let Some(at) = code.filter(|&c| c < 256) {
                                differences.push((at as u8, glyph_text(glyph)));
                            }
                            code = code.map(|c| c + 1);
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => {}
    }
    let mut table: Vec<Option<Box<str>>> = base
        .iter()
        .map(|c| c.map(|c| c.to_string().into_boxed_str()))
        .collect();
    for (code, text) in differences {
        table[usize::from(code)] = text.map(String::into_boxed_str);
    }
    if let Some(cmap) = cmap {
        for (code, slot) in table.iter_mut().enumerate() {
            if let Some(text) = cmap.lookup(1, code as u32) {
                *slot = Some(text.into_boxed_str());
            }
        }
    }
    table.into_boxed_slice()
}

fn simple_widths(doc: &Document, dict: &Dictionary, subtype: &[u8]) -> Widths {
    let scale = if subtype == b"Type3" {
        get(doc, dict, b"FontMatrix")
            .and_then(|o| o.as_array().ok())
            .and_then(|m| m.first())
            .and_then(number)
            .map_or(DEFAULT_SCALE, f64::abs)
    } else {
        DEFAULT_SCALE
    };
    let base_font = get(doc, dict, b"BaseFont")
        .and_then(|o| o.as_name().ok())
        .unwrap_or_default();
    let estimate = if base_font.windows(7).any(|w| w == b"Courier") {
        0.6
    } else {
        ESTIMATED_WIDTH
    };
    let missing = get(doc, dict, b"FontDescriptor")
        .and_then(|o| o.as_dict().ok())
        .and_then(|descriptor| get(doc, descriptor, b"MissingWidth"))
        .and_then(number)
        .filter(|&w| w > 0.0)
        .map_or(estimate, |w| w * scale);
    match get(doc, dict, b"Widths") {
        Some(Object::Array(widths)) => {
            let first = get(doc, dict, b"FirstChar")
                .and_then(number)
                .unwrap_or(0.0)
                .max(0.0) as u32;
            let widths = widths
                .iter()
                .take(65_536)
                .map(|w| number(deref(doc, w)).unwrap_or(0.0))
                .collect();
            Widths::Simple {
                first,
                widths,
                missing,
                scale,
            }
        }
        _ => Widths::Estimated(estimate),
    }
}

/// A CID font's `/W` array: `c [w1 w2 …]` and `c_first c_last w` entries.
fn cid_widths(doc: &Document, descendant: &Dictionary) -> Widths {
    let default = get(doc, descendant, b"DW")
        .and_then(number)
        .unwrap_or(1000.0);
    let mut ranges = Vec::new();
    if let Some(Object::Array(entries)) = get(doc, descendant, b"W") {
        let mut at = 0;
        while at < entries.len() && ranges.len() < 65_536 {
            let first = number(deref(doc, &entries[at])).map(|n| n.max(0.0) as u32);
            let next = entries.get(at + 1).map(|o| deref(doc, o));
            match (first, next) {
                (Some(first), Some(Object::Array(list))) => {
                    let list: Vec<f64> = list
                        .iter()
                        .take(65_536)
                        .map(|w| number(deref(doc, w)).unwrap_or(default))
                        .collect();
                    let last = first.saturating_add(list.len().saturating_sub(1) as u32);
                    ranges.push((first, last, CidWidths::Listed(list)));
                    at += 2;
                }
                (Some(first), Some(last)) => {
                    let last = number(last).map_or(first, |n| n.max(0.0) as u32);
                    let width = entries
                        .get(at + 2)
                        .and_then(|w| number(deref(doc, w)))
                        .unwrap_or(default);
                    ranges.push((first, last.max(first), CidWidths::Same(width)));
                    at += 3;
                }
                _ => break,
            }
        }
    }
    ranges.sort_by_key(|r| r.0);
    Widths::Composite { ranges, default }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn text_strings_follow_their_byte_order_mark() {
        assert_eq!(text_string(b"\xFE\xFF\x00A\x00\xe9"), "Aé");
        assert_eq!(text_string(b"\xEF\xBB\xBFcaf\xc3\xa9"), "café");
        assert_eq!(text_string(b"line\none \x80"), "line\none •");
    }

    #[test]
    fn glyph_names_resolve() {
        assert_eq!(glyph_text(b"A").as_deref(), Some("A"));
        assert_eq!(glyph_text(b"eacute").as_deref(), Some("é"));
        assert_eq!(glyph_text(b"uni0041").as_deref(), Some("A"));
        assert_eq!(glyph_text(b"u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_text(b"f_i").as_deref(), Some("fi"));
        assert_eq!(glyph_text(b"a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_text(b"g123"), None);
    }

    #[test]
    fn simple_font_with_differences_and_widths() {
        let doc = Document::new();
        let dict = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => dictionary! { "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![65.into(), Object::Name(b"uni0042".to_vec())] },
            "FirstChar" => 65, "Widths" => vec![700.into(), 600.into()],
        };
        let font = build(&doc, &dict, None);
        let mut out = String::new();
        let advance = font.show(b"AB\xe9", &mut out);
        assert_eq!(out, "BBé");
        assert_eq!(advance.codes, 3);
        assert!((advance.width - (0.7 + 0.6 + 0.5)).abs() < 1e-9);
    }

    #[test]
    fn composite_font_uses_to_unicode_and_w() {
        let doc = Document::new();
        let dict = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::Dictionary(dictionary! {
                "W" => vec![1.into(), vec![500.into(), 250.into()].into(), 10.into(), 20.into(), 300.into()] })],
        };
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0001> <0002> <0061> endbfrange";
        let font = build(&doc, &dict, Some(cmap));
        let mut out = String::new();
        let advance = font.show(b"\x00\x01\x00\x02\x00\x0c", &mut out);
        assert_eq!(out, "ab");
        assert!((advance.width - (0.5 + 0.25 + 0.3)).abs() < 1e-9);
        assert!(!font.unmapped);
        assert!(build(&doc, &dict, None).unmapped);
    }

    #[test]
    fn guesses_utf16_in_unknown_fonts() {
        assert_eq!(guess_text(b"\x00A\x00K"), "AK");
        assert_eq!(guess_text(b"AK"), "AK");
    }
}
