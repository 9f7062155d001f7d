//! One cheap linear pass over the raw bytes, before and beside lopdf.
//!
//! It finds every `N G obj … endobj` block and its stream data, measures how
//! deeply arrays, dictionaries and strings nest, and notices an `/Encrypt`
//! entry. That is what decides whether lopdf may parse the file at all (its
//! parser recurses), and it is the map the carver uses when lopdf cannot
//! load the file or skipped some objects (damage, earlier revisions).

use super::lexer::{Lexer, Token, is_delimiter, is_whitespace};
use std::ops::Range;

/// An indirect object as written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RawObject {
    pub id: (u32, u16),
    /// Offset of the object number in the header.
    pub start: usize,
    /// The object body: the dictionary of a stream, or the whole value.
    pub body: Range<usize>,
    /// Stream data, when the object is a stream.
    pub stream: Option<Range<usize>>,
    /// Offset just past `endobj`, or where the next object begins.
    pub end: usize,
}

#[derive(Debug, Default)]
pub(super) struct Survey {
    pub objects: Vec<RawObject>,
    /// Deepest nesting of arrays, dictionaries and string parentheses seen
    /// outside stream data.
    pub deepest: usize,
    /// The file names an `/Encrypt` dictionary.
    pub encrypted: bool,
    /// Values (numbers, names, strings, arrays, dictionaries, keywords)
    /// outside stream data: what lopdf would turn into objects in memory.
    pub values: u64,
}

/// Surveys a whole file.
pub(super) fn survey(bytes: &[u8]) -> Survey {
    let mut scanner = Scanner {
        bytes,
        survey: Survey::default(),
        track_objects: true,
        open: None,
        depth: 0,
    };
    scanner.run();
    scanner.survey
}

/// Deepest nesting and number of values in data without stream objects
/// (an object stream's decoded content).
pub(super) fn nesting_and_values(bytes: &[u8]) -> (usize, u64) {
    let mut scanner = Scanner {
        bytes,
        survey: Survey::default(),
        track_objects: false,
        open: None,
        depth: 0,
    };
    scanner.run();
    (scanner.survey.deepest, scanner.survey.values)
}

struct Scanner<'a> {
    bytes: &'a [u8],
    survey: Survey,
    track_objects: bool,
    open: Option<RawObject>,
    depth: usize,
}

impl Scanner<'_> {
    fn run(&mut self) {
        let bytes = self.bytes;
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            if !(is_whitespace(byte) || matches!(byte, b'%' | b')' | b']' | b'>')) {
                self.survey.values += 1;
            }
            at = match byte {
                // Sloppy incremental updates glue the next object onto the
                // `%%EOF` line; the marker ends there.
                b'%' if bytes[at..].starts_with(b"%%EOF") => at + 5,
                b'%' => skip_line(bytes, at),
                b'(' => self.literal_string(at + 1),
                b'<' if bytes.get(at + 1) == Some(&b'<') => {
                    self.enter();
                    at + 2
                }
                b'<' => skip_hex_string(bytes, at + 1),
                b'>' if bytes.get(at + 1) == Some(&b'>') => {
                    self.depth = self.depth.saturating_sub(1);
                    at + 2
                }
                b'[' => {
                    self.enter();
                    at + 1
                }
                b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    at + 1
                }
                b'/' => {
                    let end = word_end(bytes, at + 1);
                    if &bytes[at + 1..end] == b"Encrypt" {
                        self.survey.encrypted = true;
                    }
                    end
                }
                _ if is_whitespace(byte) || is_delimiter(byte) => at + 1,
                _ => {
                    let end = word_end(bytes, at);
                    if self.track_objects {
                        self.keyword(at, end)
                    } else {
                        end
                    }
                }
            };
        }
        if let Some(mut open) = self.open.take() {
            open.end = bytes.len();
            if open.stream.is_none() {
                open.body.end = bytes.len();
            }
            self.survey.objects.push(open);
        }
    }

    fn enter(&mut self) {
        self.depth += 1;
        self.survey.deepest = self.survey.deepest.max(self.depth);
    }

    /// Handles a keyword spanning `start..end`; returns where to continue.
    fn keyword(&mut self, start: usize, end: usize) -> usize {
        let bytes = self.bytes;
        match &bytes[start..end] {
            b"obj" => {
                if let Some((id, header)) = object_header(bytes, start) {
                    self.close(header);
                    self.depth = 0;
                    self.open = Some(RawObject {
                        id,
                        start: header,
                        body: end..end,
                        stream: None,
                        end,
                    });
                }
                end
            }
            b"endobj" => {
                if let Some(mut open) = self.open.take() {
                    if open.stream.is_none() {
                        open.body.end = start;
                    }
                    open.end = end;
                    self.survey.objects.push(open);
                }
                end
            }
            b"stream" => {
                let Some(open) = self.open.as_mut() else {
                    return end;
                };
                if open.stream.is_some() {
                    return end;
                }
                open.body.end = start;
                let data_start = skip_stream_eol(bytes, end);
                let length = direct_length(&bytes[open.body.clone()]);
                let (data, resume) = stream_extent(bytes, data_start, length);
                open.stream = Some(data);
                resume
            }
            b"trailer" | b"xref" | b"startxref" => {
                self.close(start);
                end
            }
            _ => end,
        }
    }

    /// Ends the open object (one that lacks `endobj`) at `at`.
    fn close(&mut self, at: usize) {
        if let Some(mut open) = self.open.take() {
            if open.stream.is_none() {
                open.body.end = at.max(open.body.start);
            }
            open.end = at.max(open.body.end);
            self.survey.objects.push(open);
        }
    }

    /// Skips a literal string starting after its `(`, tracking how deeply
    /// its parentheses nest (lopdf's parser recurses on them too).
    fn literal_string(&mut self, mut at: usize) -> usize {
        let bytes = self.bytes;
        let mut parens = 1usize;
        let base = self.depth;
        self.survey.deepest = self.survey.deepest.max(base + parens);
        while at < bytes.len() {
            match bytes[at] {
                b'\\' => at += 2,
                b'(' => {
                    parens += 1;
                    self.survey.deepest = self.survey.deepest.max(base + parens);
                    at += 1;
                }
                b')' => {
                    parens -= 1;
                    at += 1;
                    if parens == 0 {
                        return at;
                    }
                }
                // A damaged file may leave a string open; do not let it
                // swallow the objects that follow.
                b'\n' | b'\r' if self.track_objects && starts_structure(&bytes[at + 1..]) => {
                    return at;
                }
                _ => at += 1,
            }
        }
        bytes.len()
    }
}

/// Whether a line starts with file structure that no sane string holds
/// at the start of a line: where a damaged, unterminated string must end.
fn starts_structure(line: &[u8]) -> bool {
    const KEYWORDS: [&[u8]; 5] = [b"endobj", b"endstream", b"trailer", b"xref", b"startxref"];
    if KEYWORDS.iter().any(|k| line.starts_with(k)) {
        return true;
    }
    // `N G obj`
    let head = &line[..line.len().min(24)];
    let words: Vec<&[u8]> = head.split(|&b| b == b' ').take(3).collect();
    words.len() == 3
        && words[0].iter().all(u8::is_ascii_digit)
        && !words[0].is_empty()
        && words[1].iter().all(u8::is_ascii_digit)
        && !words[1].is_empty()
        && words[2].starts_with(b"obj")
}

fn skip_line(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && bytes[at] != b'\n' && bytes[at] != b'\r' {
        at += 1;
    }
    at
}

/// Skips a hex string; stops early at a byte that cannot be in one, which
/// only damage produces.
fn skip_hex_string(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() {
        let byte = bytes[at];
        if byte == b'>' {
            return at + 1;
        }
        if !(byte.is_ascii_hexdigit() || is_whitespace(byte)) {
            return at;
        }
        at += 1;
    }
    at
}

fn word_end(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && !is_whitespace(bytes[at]) && !is_delimiter(bytes[at]) {
        at += 1;
    }
    at
}

/// Reads `N G` before the `obj` keyword at `obj_at`: the object id and the
/// offset where the header starts.
fn object_header(bytes: &[u8], obj_at: usize) -> Option<((u32, u16), usize)> {
    let mut at = obj_at;
    let back_over = |at: &mut usize, digits: bool| {
        let end = *at;
        while *at > 0
            && (if digits {
                bytes[*at - 1].is_ascii_digit()
            } else {
                is_whitespace(bytes[*at - 1])
            })
        {
            *at -= 1;
        }
        end - *at
    };
    if back_over(&mut at, false) == 0 {
        return None;
    }
    let generation_end = at;
    if !(1..=5).contains(&back_over(&mut at, true)) {
        return None;
    }
    let generation: u16 = std::str::from_utf8(&bytes[at..generation_end])
        .ok()?
        .parse()
        .ok()?;
    if back_over(&mut at, false) == 0 {
        return None;
    }
    let number_end = at;
    if !(1..=10).contains(&back_over(&mut at, true)) {
        return None;
    }
    let number: u32 = std::str::from_utf8(&bytes[at..number_end])
        .ok()?
        .parse()
        .ok()?;
    if at > 0
        && !is_whitespace(bytes[at - 1])
        && !is_delimiter(bytes[at - 1])
        && !bytes[..at].ends_with(b"%%EOF")
    {
        return None;
    }
    Some(((number, generation), at))
}

fn skip_stream_eol(bytes: &[u8], mut at: usize) -> usize {
    // `stream` is followed by CR LF or LF; tolerate a lone CR or spaces.
    while bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    if bytes.get(at) == Some(&b'\r') {
        at += 1;
    }
    if bytes.get(at) == Some(&b'\n') {
        at += 1;
    }
    at
}

/// A direct `/Length` in a stream dictionary (an indirect one is not read
/// here; the `endstream` search covers it).
fn direct_length(dict: &[u8]) -> Option<usize> {
    let tokens: Vec<Token<'_>> = Lexer::new(dict).take(4096).collect();
    let at = tokens
        .iter()
        .position(|t| matches!(t, Token::Name(n) if n == b"Length"))?;
    match (tokens.get(at + 1), tokens.get(at + 2), tokens.get(at + 3)) {
        (Some(Token::Number(_)), Some(Token::Number(_)), Some(Token::Keyword(b"R"))) => None,
        (Some(Token::Number(n)), _, _) if *n >= 0.0 => Some(*n as usize),
        _ => None,
    }
}

/// The stream data range and where scanning resumes: by `/Length` when it
/// lands on `endstream`, else up to the next `endstream`, else to the end
/// of a truncated file.
fn stream_extent(bytes: &[u8], data_start: usize, length: Option<usize>) -> (Range<usize>, usize) {
    if let Some(length) = length
        && let Some(data_end) = data_start.checked_add(length)
        && data_end <= bytes.len()
    {
        let mut after = data_end;
        while after < bytes.len() && is_whitespace(bytes[after]) {
            after += 1;
        }
        if bytes[after..].starts_with(b"endstream") {
            return (data_start..data_end, after + b"endstream".len());
        }
    }
    match find(bytes, data_start, b"endstream") {
        Some(at) => {
            let mut data_end = at;
            if data_end > data_start && bytes[data_end - 1] == b'\n' {
                data_end -= 1;
            }
            if data_end > data_start && bytes[data_end - 1] == b'\r' {
                data_end -= 1;
            }
            (data_start..data_end, at + b"endstream".len())
        }
        None => (data_start..bytes.len(), bytes.len()),
    }
}

/// First occurrence of `needle` in `haystack` at or after `from`.
pub(super) fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    // Every text part is searched for `%PDF-` (an embedded PDF), so this
    // must be a vectorised search, not a look at every byte.
    memchr::memmem::find(haystack.get(from..)?, needle).map(|at| from + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_objects_and_streams() {
        let file = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n2 0 obj\n<< /Length 5 >>\nstream\nhello\nendstream\nendobj\n3 0 obj (never ended\ntrailer\n<< /Root 1 0 R /Encrypt 9 0 R >>";
        let found = survey(file);
        let ids: Vec<_> = found.objects.iter().map(|o| o.id).collect();
        assert_eq!(ids, vec![(1, 0), (2, 0), (3, 0)]);
        assert_eq!(&file[found.objects[1].stream.clone().unwrap()], b"hello");
        assert!(
            std::str::from_utf8(&file[found.objects[0].body.clone()])
                .unwrap()
                .contains("/Catalog")
        );
        assert!(found.encrypted);
        assert_eq!(found.deepest, 1);
    }

    #[test]
    fn finds_stream_end_when_length_is_wrong_or_indirect() {
        let file = b"1 0 obj << /Length 99 >> stream\r\nab)c(\r\nendstream endobj 2 0 obj << /Length 7 0 R >> stream\nxy\nendstream endobj";
        let found = survey(file);
        assert_eq!(&file[found.objects[0].stream.clone().unwrap()], b"ab)c(");
        assert_eq!(&file[found.objects[1].stream.clone().unwrap()], b"xy");
    }

    #[test]
    fn measures_nesting_without_recursing() {
        let mut file = b"1 0 obj ".to_vec();
        file.extend(std::iter::repeat_n(b'[', 100_000));
        assert_eq!(survey(&file).deepest, 100_000);
        assert_eq!(nesting_and_values(b"<< /A [ [ (a(b)c) ] ] >>").0, 5);
        // Brackets inside stream data and strings do not count.
        assert_eq!(
            survey(b"1 0 obj << /Length 3 >> stream\n[[[\nendstream endobj (([)").deepest,
            2
        );
    }

    #[test]
    fn an_object_glued_to_eof_is_found() {
        let found = survey(b"1 0 obj (a) endobj\n%%EOF2 0 obj (b) endobj\n%%EOF\n");
        let ids: Vec<_> = found.objects.iter().map(|o| o.id).collect();
        assert_eq!(ids, vec![(1, 0), (2, 0)]);
    }

    #[test]
    fn truncated_stream_runs_to_the_end() {
        let file = b"4 0 obj << /Filter /FlateDecode >> stream\nxx";
        let found = survey(file);
        assert_eq!(found.objects[0].stream, Some(42..44));
    }
}
