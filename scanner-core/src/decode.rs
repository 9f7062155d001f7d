//! Looking inside encodings: base64, percent-encoding and string escapes.
//!
//! A secret inside a base64 blob (a Kubernetes secret, a `data:` URL, a
//! Basic auth header), a percent-encoded query string or an escaped JSON
//! string is invisible to patterns written for its plain form. One cheap
//! byte pass finds spans that may be encoded; each is decoded (at most two
//! layers deep, within a byte budget per part) and, if the result is
//! printable text, goes through the same detection as plain text. Only
//! what plain detection did not already see is kept, located at the
//! encoded text so that a client can redact it.

use crate::detect::{Found, Hit, detect_focused_within};
use crate::rules::{RuleSet, Tier};
use std::collections::{BTreeMap, HashMap};

/// Shortest base64 run worth decoding (18 bytes): shorter runs are mostly
/// words and identifiers, and shorter secrets rarely get encoded alone.
const MIN_BASE64: usize = 24;
/// Bytes of the same line before an encoded span that are searched with
/// it, so that a key name (`"password": "p%40ss"`, `token: Z2hw…`) is seen
/// next to its decoded value.
const CONTEXT: usize = 64;
/// Layers of encoding opened, e.g. base64 of a JSON string with escapes.
const MAX_DEPTH: usize = 2;
/// Most replacements one decoded span maps exactly; past that (a flood of
/// escapes) each run of neighbouring escapes maps as a whole.
const MAX_PIECES: usize = 1 << 16;

/// How many bytes may be decoded from a part of `len` bytes: a layer
/// decodes to no more than its source, so two layers need twice the part
/// (plus room for the context searched around a short part's spans), and
/// never more than `max` ([`crate::Limits::max_decoded_bytes`]).
pub(crate) fn budget(len: usize, max: u64) -> usize {
    let max = usize::try_from(max).unwrap_or(usize::MAX);
    len.saturating_mul(MAX_DEPTH)
        .saturating_add(4 * CONTEXT)
        .min(max)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Base64,
    Percent,
    Escape,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Base64 => "base64",
            Kind::Percent => "percent",
            Kind::Escape => "escape",
        }
    }
}

/// `text[start..end]` may be encoded as `kind`; the search also sees
/// `text[context..start]` before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    kind: Kind,
    context: usize,
    start: usize,
    end: usize,
}

/// Decoded text and the way back to the text it came from.
#[derive(Debug)]
struct Decoded {
    text: String,
    /// Offset in the source text of `text[0]`.
    origin: usize,
    /// Replacements in order; between them `text` copies the source.
    pieces: Vec<Piece>,
}

/// `text[from..to]` is the decoding of `source[source_from..source_to]`.
#[derive(Debug, Clone, Copy)]
struct Piece {
    from: usize,
    to: usize,
    source_from: usize,
    source_to: usize,
}

impl Decoded {
    /// Source offset where a match starting at `at` starts: a match that
    /// begins inside a replacement begins with its encoded form.
    fn map_start(&self, at: usize) -> usize {
        let index = self.pieces.partition_point(|p| p.from <= at);
        match index.checked_sub(1).map(|i| self.pieces[i]) {
            None => self.origin + at,
            Some(p) if at < p.to => p.source_from,
            Some(p) => p.source_to + (at - p.to),
        }
    }

    /// Source offset where a match ending at `at` ends.
    fn map_end(&self, at: usize) -> usize {
        let index = self.pieces.partition_point(|p| p.from < at);
        match index.checked_sub(1).map(|i| self.pieces[i]) {
            None => self.origin + at,
            Some(p) if at <= p.to => p.source_to,
            Some(p) => p.source_to + (at - p.to),
        }
    }
}

/// Finds hits that only decoding reveals in `text`, located in `text`,
/// decoding at most `budget` bytes (0: none) and stopping when `keep_going`
/// says so.
/// `plain` are the hits of plain detection, sorted by position: a decoded
/// hit where plain detection already found a specific rule is dropped; a
/// specific decoded hit replaces generic plain hits at the same place.
/// Returns every hit to report, plain and decoded, sorted by position, and
/// whether the budget ran out before every encoded span was opened.
pub(crate) fn reveal(
    set: &RuleSet,
    text: &str,
    plain: Vec<Hit>,
    budget: usize,
    keep_going: &mut dyn FnMut() -> bool,
) -> (Vec<Found>, bool) {
    if budget == 0 {
        return (merge(set, plain, Vec::new()), false);
    }
    let mut search = Search {
        set,
        budget,
        spent: false,
        found: Vec::new(),
        keep_going,
    };
    search.layer(text, &[], &[]);
    (merge(set, plain, search.found), search.spent)
}

struct Search<'a, 'k> {
    set: &'a RuleSet,
    budget: usize,
    /// A span was left unopened, or cut short, for want of budget.
    spent: bool,
    found: Vec<Found>,
    keep_going: &'k mut dyn FnMut() -> bool,
}

impl Search<'_, '_> {
    /// Decodes every candidate span of `text` (itself decoded through
    /// `chain`, outermost first) and searches what comes out.
    fn layer(&mut self, text: &str, chain: &[&Decoded], kinds: &[Kind]) {
        for span in candidates(text) {
            if self.budget == 0 {
                self.spent = true;
                return;
            }
            if !(self.keep_going)() {
                return;
            }
            match decode(text, span, self.budget) {
                Some(decoded) => self.open(decoded, span, chain, kinds),
                // Lines that only looked like one wrapped block: each alone.
                None if span.kind == Kind::Base64 => {
                    for line in wrapped_lines(text, span) {
                        if self.budget == 0 {
                            self.spent = true;
                            return;
                        }
                        if let Some(decoded) = decode(text, line, self.budget) {
                            self.open(decoded, line, chain, kinds);
                        }
                    }
                }
                None => {}
            }
        }
    }

    /// Searches one decoded span and the encodings inside it.
    fn open(&mut self, decoded: Decoded, span: Span, chain: &[&Decoded], kinds: &[Kind]) {
        // The context before the span is copied, not decoded: the budget
        // counts what decoding adds.
        let cost = decoded.text.len().saturating_sub(span.start - span.context);
        // Decoding stops at the budget: a span that used it all may be cut.
        self.spent |= cost >= self.budget;
        self.budget = self.budget.saturating_sub(cost);
        let kind = span.kind;
        let mut chain = chain.to_vec();
        chain.push(&decoded);
        let mut kinds = kinds.to_vec();
        kinds.push(kind);
        let how: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
        let changed: Vec<(usize, usize)> = decoded.pieces.iter().map(|p| (p.from, p.to)).collect();
        let (hits, _) =
            detect_focused_within(self.set, &decoded.text, Some(&changed), self.keep_going);
        for hit in hits {
            let (mut start, mut end) = (hit.start, hit.end);
            for layer in chain.iter().rev() {
                (start, end) = (layer.map_start(start), layer.map_end(end));
            }
            self.found.push(Found {
                secret: Some(decoded.text[hit.start..hit.end].to_string()),
                decoded: Some(how.join("+")),
                partner: None,
                hit: Hit { start, end, ..hit },
            });
        }
        if kinds.len() < MAX_DEPTH {
            self.layer(&decoded.text, &chain, &kinds);
        }
    }
}

/// Plain and decoded hits together, without reporting one secret twice.
fn merge(set: &RuleSet, plain: Vec<Hit>, decoded: Vec<Found>) -> Vec<Found> {
    let mut dropped = vec![false; plain.len()];
    // (rule, secret) → places already kept (start → end): the same blob
    // can be reached by more than one decoding path (an escaped base64
    // run). Kept places never overlap, so the one that may overlap a new
    // place is the last starting before its end; a list searched whole
    // made 300 000 copies of one encoded key quadratic (31 s for 8 MB).
    let mut seen: HashMap<(usize, &str), BTreeMap<usize, usize>> = HashMap::new();
    let mut kept = Vec::new();
    for found in &decoded {
        let (start, end) = (found.hit.start, found.hit.end);
        let first = plain.partition_point(|h| h.end <= start);
        let overlapping = (first..plain.len()).take_while(|&i| plain[i].start < end.max(start + 1));
        let specific = |rule: usize| set.rules[rule].tier == Tier::Specific;
        let mut covered = false;
        let mut generic = Vec::new();
        for i in overlapping {
            if specific(plain[i].rule) || !specific(found.hit.rule) {
                covered = true;
            } else {
                generic.push(i);
            }
        }
        if covered {
            continue;
        }
        let secret = found.secret.as_deref().unwrap_or_default();
        let places = seen.entry((found.hit.rule, secret)).or_default();
        let overlaps = places
            .range(..end)
            .next_back()
            .is_some_and(|(_, &e)| start < e);
        if overlaps {
            continue;
        }
        places.insert(start, end);
        for i in generic {
            dropped[i] = true;
        }
        kept.push(found.clone());
    }
    let mut all: Vec<Found> = plain
        .into_iter()
        .zip(dropped)
        .filter(|(_, dropped)| !dropped)
        .map(|(hit, _)| Found {
            hit,
            secret: None,
            decoded: None,
            partner: None,
        })
        .chain(kept)
        .collect();
    all.sort_by_key(|found| (found.hit.start, found.hit.end, found.hit.rule));
    all
}

/// Letters that follow a backslash in an escape this module decodes.
fn is_escape_letter(byte: u8) -> bool {
    matches!(
        byte,
        b'"' | b'\\' | b'/' | b'\'' | b'n' | b't' | b'r' | b'b' | b'f' | b'u' | b'x'
    )
}

/// Bytes that end a URL-like run (percent-encoding lives in one).
fn ends_url(byte: u8) -> bool {
    matches!(
        byte,
        b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'\'' | b'<' | b'>' | b'`'
    )
}

/// Candidate spans: runs of base64 characters of [`MIN_BASE64`] or more;
/// URL-like runs holding `%XX`; and quoted strings (or lines) holding
/// backslash escapes. Spans of one kind never overlap; spans of different
/// kinds may. Most text holds none, so the search must cost far less than
/// a look at every byte: base64 runs are found by skipping (see
/// [`base64_runs`]) and `\` and `%` by a vectorised search.
fn candidates(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut spans: Vec<Span> = base64_runs(bytes)
        .into_iter()
        .map(|(start, end)| Span {
            kind: Kind::Base64,
            context: context(text, start),
            start,
            end,
        })
        .collect();
    let (mut escapes_end, mut percent_end) = (0, 0);
    let mut at = 0;
    while let Some(i) = find_either(bytes, at, b'\\', b'%') {
        at = i + 1;
        if bytes[i] == b'\\' {
            if i < escapes_end || !bytes.get(i + 1).is_some_and(|&b| is_escape_letter(b)) {
                continue;
            }
            let start = string_start(bytes, i, escapes_end);
            escapes_end = string_end(bytes, i);
            push_merged(
                &mut spans,
                Kind::Escape,
                context(text, start),
                start,
                escapes_end,
            );
        } else {
            if i < percent_end || !is_percent_escape(bytes, i) {
                continue;
            }
            let mut start = i;
            while start > percent_end && !ends_url(bytes[start - 1]) {
                start -= 1;
            }
            percent_end = (i..bytes.len())
                .find(|&at| ends_url(bytes[at]))
                .unwrap_or(bytes.len());
            push_merged(
                &mut spans,
                Kind::Percent,
                context(text, start),
                start,
                percent_end,
            );
        }
    }
    spans.sort_by_key(|span| span.start);
    spans
}

/// `%XX` at `at`, decoding to no control character but a tab or line
/// break: `%02x`, `%10d` and their kin are format directives, not URLs.
fn is_percent_escape(bytes: &[u8], at: usize) -> bool {
    let hex = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_hexdigit);
    hex(at + 1)
        && hex(at + 2)
        && (!matches!(bytes[at + 1], b'0' | b'1')
            || matches!(
                &bytes[at + 1..at + 3],
                b"09" | b"0A" | b"0a" | b"0D" | b"0d"
            ))
}

/// Where the searched context before `start` begins: up to [`CONTEXT`]
/// bytes back, within the line, on a character boundary.
fn context(text: &str, start: usize) -> usize {
    let low = start.saturating_sub(CONTEXT);
    let mut at = match text.as_bytes()[low..start]
        .iter()
        .rposition(|&b| b == b'\n')
    {
        Some(newline) => low + newline + 1,
        None => low,
    };
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Whether each byte is a base64 or base64url character.
const BASE64: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_');
        byte += 1;
    }
    table
};

/// Maximal runs of at least [`MIN_BASE64`] base64 characters, `=` padding
/// included. Looks at the byte `MIN_BASE64 - 1` ahead: a run that long must
/// reach it, so if it (or a byte before it) is no base64 character the
/// search jumps past it. Prose and code break runs every few bytes, so
/// about one byte in four is looked at.
fn base64_runs(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    // Invariant: `at` is 0 or follows a byte that is no base64 character.
    let mut at = 0;
    while at + MIN_BASE64 <= bytes.len() {
        let last = at + MIN_BASE64 - 1;
        if let Some(breaker) = (at..=last).rev().find(|&i| !BASE64[bytes[i] as usize]) {
            at = breaker + 1;
            continue;
        }
        let mut end = last + 1;
        while end < bytes.len() && BASE64[bytes[end] as usize] {
            end += 1;
        }
        let mut start = at;
        // `\nMIIE…`: the escaped letter is no part of the run.
        if start > 0 && bytes[start - 1] == b'\\' && is_escape_letter(bytes[start]) {
            start += 1;
        }
        let mut padded = end;
        while padded < bytes.len() && padded - end < 2 && bytes[padded] == b'=' {
            padded += 1;
        }
        if end - start >= MIN_BASE64 && !dotted_segment(bytes, start, padded) {
            let block_end = if padded == end {
                wrapped_end(bytes, start, end)
            } else {
                padded
            };
            runs.push((start, block_end));
            at = block_end.max(end) + 1;
            continue;
        }
        at = end + 1;
    }
    runs
}

/// The runs of [`MIN_BASE64`] or more characters on each line of a base64
/// span that [`wrapped_end`] joined over lines; none for a one-line span.
fn wrapped_lines(text: &str, span: Span) -> Vec<Span> {
    let block = &text[span.start..span.end];
    if !block.contains('\n') {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let mut offset = span.start;
    for line in block.split('\n') {
        let run = line.trim_matches(|c| matches!(c, ' ' | '\t' | '\r'));
        let start = offset + (run.as_ptr() as usize - line.as_ptr() as usize);
        if run.trim_end_matches('=').len() >= MIN_BASE64 {
            let context = if start == span.start {
                span.context
            } else {
                context(text, start)
            };
            lines.push(Span {
                kind: Kind::Base64,
                context,
                start,
                end: start + run.len(),
            });
        }
        offset += line.len() + 1;
    }
    lines
}

/// Widest line of wrapped base64 that is joined to the next: `base64` and
/// MIME wrap at 76 characters, PEM at 64, some tools at 60 or 120.
const MAX_WRAP: usize = 128;

/// The end of the block when the run `bytes[start..end]` is the first line
/// of base64 wrapped at a fixed width: it fills its line, and the lines
/// after it (indented alike or not) hold runs of the same width, the last
/// one no wider and perhaps padded. Each line alone would decode to a
/// slice of the text, so that a secret cut by a line break, or its key
/// name a line before it, would be missed. Otherwise `end`.
fn wrapped_end(bytes: &[u8], start: usize, end: usize) -> usize {
    let width = end - start;
    if width > MAX_WRAP || !width.is_multiple_of(4) {
        return end;
    }
    let mut block_end = end;
    loop {
        let mut at = block_end;
        if bytes[at..].starts_with(b"\r\n") {
            at += 2;
        } else if bytes.get(at) == Some(&b'\n') {
            at += 1;
        } else {
            break;
        }
        while matches!(bytes.get(at), Some(b' ' | b'\t')) {
            at += 1;
        }
        let line = at;
        while at < bytes.len() && at - line <= width && BASE64[bytes[at] as usize] {
            at += 1;
        }
        let mut padded = at;
        while padded < bytes.len() && padded - at < 2 && bytes[padded] == b'=' {
            padded += 1;
        }
        let ends_line = matches!(bytes.get(padded), None | Some(b'\r' | b'\n'));
        if at == line || at - line > width || !ends_line {
            break;
        }
        block_end = padded;
        if at - line < width || padded > at {
            break;
        }
    }
    block_end
}

/// True when `bytes[start..end]` is one dot-joined segment of a JWT
/// (`header.payload.signature`, the header base64 JSON, so `eyJ…`): the
/// token's own rule decodes and checks it, and its JSON halves read as an
/// assignment would be noise. Any dot next to a run used to count, so
/// that `<base64 of a key>.x` (or a file name `<base64>.txt`) hid the key.
fn dotted_segment(bytes: &[u8], start: usize, end: usize) -> bool {
    let base64_at = |i: usize| bytes.get(i).is_some_and(|&b| BASE64[b as usize]);
    let header = |at: usize| bytes[at..].starts_with(b"eyJ");
    if bytes.get(end) == Some(&b'.') && base64_at(end + 1) && header(start) {
        return true;
    }
    // A payload or signature: the header is one or two segments back.
    // Each segment is walked back over at most twice, so this stays linear.
    let mut at = start;
    for _ in 0..2 {
        if !(at >= 2 && bytes[at - 1] == b'.' && base64_at(at - 2)) {
            return false;
        }
        let mut segment = at - 1;
        while segment > 0 && BASE64[bytes[segment - 1] as usize] {
            segment -= 1;
        }
        if header(segment) {
            return true;
        }
        at = segment;
    }
    false
}

/// The first `a` or `b` in `bytes[from..]`, looking at 32 bytes at a time
/// so that the compiler vectorises the common case of neither.
fn find_either(bytes: &[u8], from: usize, a: u8, b: u8) -> Option<usize> {
    let mut at = from.min(bytes.len());
    while let Some(chunk) = bytes.get(at..at + 32) {
        if chunk
            .iter()
            .fold(false, |any, &c| any | (c == a) | (c == b))
        {
            break;
        }
        at += 32;
    }
    bytes[at..]
        .iter()
        .position(|&c| c == a || c == b)
        .map(|found| at + found)
}

/// Start of the string holding the escape at `escape`: after the nearest
/// unescaped `"` or line break before it, and not before `floor`.
fn string_start(bytes: &[u8], escape: usize, floor: usize) -> usize {
    let mut at = escape;
    while at > floor {
        let byte = bytes[at - 1];
        if byte == b'\n' {
            return at;
        }
        if byte == b'"' {
            let backslashes = bytes[floor..at - 1]
                .iter()
                .rev()
                .take_while(|&&b| b == b'\\')
                .count();
            if backslashes % 2 == 0 {
                return at;
            }
        }
        at -= 1;
    }
    floor
}

/// End of the string holding the escape at `escape`: its closing `"` or
/// the line break, skipping escaped characters.
fn string_end(bytes: &[u8], escape: usize) -> usize {
    let mut at = escape;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' | b'\n' => return at,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// Adds a span, joining it to the last span of its kind when their
/// searched text overlaps, so that no text is decoded twice.
fn push_merged(spans: &mut Vec<Span>, kind: Kind, context: usize, start: usize, end: usize) {
    if let Some(last) = spans.iter_mut().rev().take(8).find(|s| s.kind == kind)
        && context < last.end
    {
        last.end = end;
        return;
    }
    spans.push(Span {
        kind,
        context,
        start,
        end,
    });
}

/// Decodes one span, or `None` when it does not decode to printable text.
fn decode(text: &str, span: Span, budget: usize) -> Option<Decoded> {
    let decoded = match span.kind {
        Kind::Base64 => base64(text, span, budget)?,
        Kind::Percent | Kind::Escape => unescape(text, span, budget),
    };
    let changed = !decoded.pieces.is_empty();
    (changed && mostly_printable(&decoded.text)).then_some(decoded)
}

/// Few control characters besides tabs and line breaks: binary data and
/// NUL floods are not searched.
fn mostly_printable(text: &str) -> bool {
    let control = text
        .bytes()
        .filter(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f)
        .count();
    control <= text.len() / 32
}

/// The value of a base64 or base64url character.
fn sextet(byte: u8) -> u32 {
    (match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        b'+' | b'-' => 62,
        _ => 63,
    }) as u32
}

/// Base64 characters one [`Piece`] of a decoded run maps back to, at
/// least: a hit inside a long run (a file encoded whole, wrapped or not) is
/// located within a line or so, not at the whole run, which also kept each
/// of a flood of hits costing the run's length (2 MB took 4.6 s).
const BASE64_PIECE: usize = 64;

/// The decoded run after the raw context before it. Gives up at the first
/// sign of binary data, so that runs of identifiers and embedded images
/// cost a few bytes each.
fn base64(text: &str, span: Span, budget: usize) -> Option<Decoded> {
    let run = text[span.start..span.end].trim_end_matches('=');
    let bytes = run.as_bytes();
    // A block wrapped over lines (see [`wrapped_end`]) decodes as one.
    let is_break = |b: &u8| matches!(b, b'\n' | b'\r' | b' ' | b'\t');
    let wrapped = bytes.contains(&b'\n');
    let length = if wrapped {
        bytes.iter().filter(|b| !is_break(b)).count()
    } else {
        bytes.len()
    };
    let padding = span.end - span.start - run.len();
    if length % 4 == 1 || (padding > 0 && !(length + padding).is_multiple_of(4)) {
        return None;
    }
    // Most runs are identifiers or binary data and fail within a few
    // bytes, so the output grows as needed rather than being reserved.
    let mut out = Vec::new();
    let (mut acc, mut bits, mut control) = (0u32, 0u32, 0usize);
    let (mut standard, mut url_safe) = (false, false);
    // Continuation bytes the current UTF-8 character still needs.
    let mut pending = 0;
    // Pieces are cut after whole quanta (4 characters, 3 bytes) that end a
    // character, at least `piece` characters apart: a wrapped line each
    // (its width is a multiple of 4), as a rule, and never more than
    // [`MAX_PIECES`] of them.
    let least = length / MAX_PIECES + 1;
    let piece = match bytes.iter().position(is_break) {
        Some(width) if wrapped && width > 0 => least.div_ceil(width) * width,
        _ => least.max(BASE64_PIECE),
    };
    // The decoded text follows the context copied before it.
    let from = span.start - span.context;
    let mut pieces = Vec::new();
    // The current piece's first decoded byte and source character, and the
    // source offset just past the last character read.
    let (mut piece_at, mut piece_source, mut read_to) = (0, span.start, span.start);
    let (mut sextets, mut since_cut) = (0usize, 0usize);
    for (index, &byte) in bytes.iter().enumerate() {
        if wrapped && is_break(&byte) {
            continue;
        }
        if since_cut >= piece && sextets.is_multiple_of(4) && pending == 0 {
            pieces.push(Piece {
                from: from + piece_at,
                to: from + out.len(),
                source_from: piece_source,
                source_to: read_to,
            });
            (piece_at, piece_source, since_cut) = (out.len(), span.start + index, 0);
        }
        read_to = span.start + index + 1;
        sextets += 1;
        since_cut += 1;
        match byte {
            b'+' | b'/' => standard = true,
            b'-' | b'_' => url_safe = true,
            _ => {}
        }
        if standard && url_safe {
            return None;
        }
        acc = (acc << 6 | sextet(byte)) & 0xffff;
        bits += 6;
        if bits < 8 {
            continue;
        }
        bits -= 8;
        let decoded = (acc >> bits) as u8;
        pending = match (pending, decoded) {
            (0, 0x00..=0x7f) => 0,
            (0, 0xc2..=0xdf) => 1,
            (0, 0xe0..=0xef) => 2,
            (0, 0xf0..=0xf4) => 3,
            (1.., 0x80..=0xbf) => pending - 1,
            _ => return None,
        };
        if (decoded < 0x20 && !matches!(decoded, b'\t' | b'\n' | b'\r')) || decoded == 0x7f {
            control += 1;
            if control > 1 + out.len() / 32 {
                return None;
            }
        }
        out.push(decoded);
        if out.len() >= budget {
            break;
        }
    }
    let decoded = match String::from_utf8(out) {
        Ok(decoded) => decoded,
        // Cut short by the budget inside a character: keep what is whole.
        Err(err) if err.utf8_error().error_len().is_none() => {
            let whole = err.utf8_error().valid_up_to();
            let mut bytes = err.into_bytes();
            bytes.truncate(whole);
            String::from_utf8(bytes).ok()?
        }
        Err(_) => return None,
    };
    let mut joined = String::with_capacity(from + decoded.len());
    joined.push_str(&text[span.context..span.start]);
    joined.push_str(&decoded);
    match pieces.last_mut() {
        // A budget cut left nothing whole after the last cut.
        Some(last) if from + piece_at >= joined.len() => last.source_to = span.end,
        _ => pieces.push(Piece {
            from: from + piece_at,
            to: joined.len(),
            source_from: piece_source,
            source_to: span.end,
        }),
    }
    Some(Decoded {
        pieces,
        text: joined,
        origin: span.context,
    })
}

/// `text[span.context..span.end]` with its percent-encoding or backslash
/// escapes decoded, up to `budget` bytes. Neighbouring escapes are decoded
/// together so that multi-byte UTF-8 sequences (`%E2%82%AC`) come out
/// whole; each maps back on its own, unless the run holds undecodable bytes
/// (which become U+FFFD) or the span is a flood of escapes.
fn unescape(text: &str, span: Span, budget: usize) -> Decoded {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity((span.end - span.context).min(budget));
    let mut pieces = Vec::new();
    let mut raw = Vec::new();
    // (source from, source to, decoded end in `raw`) of each escape of a run.
    let mut marks = Vec::new();
    let mut at = span.context;
    let mut copied = at;
    let lead = if span.kind == Kind::Percent {
        b'%'
    } else {
        b'\\'
    };
    while at < span.end && out.len() < budget {
        let Some(next) = one_escape(bytes, at, span.end, span.kind, &mut raw) else {
            at = find_either(&bytes[..span.end], at + 1, lead, lead).unwrap_or(span.end);
            continue;
        };
        out.push_str(&text[copied..at]);
        let source_from = at;
        marks.push((at, next, raw.len()));
        at = next;
        while out.len() + raw.len() < budget
            && let Some(next) = one_escape(bytes, at, span.end, span.kind, &mut raw)
        {
            if marks.len() <= MAX_PIECES {
                marks.push((at, next, raw.len()));
            }
            at = next;
        }
        let from = out.len();
        match std::str::from_utf8(&raw) {
            Ok(decoded) if pieces.len() + marks.len() <= MAX_PIECES => {
                out.push_str(decoded);
                let mut to = from;
                for &(source_from, source_to, end) in &marks {
                    pieces.push(Piece {
                        from: to,
                        to: from + end,
                        source_from,
                        source_to,
                    });
                    to = from + end;
                }
            }
            _ => {
                out.push_str(&String::from_utf8_lossy(&raw));
                let full = pieces.len() >= MAX_PIECES;
                match pieces.last_mut() {
                    // Past the limit, a run joins the last piece (with the
                    // text between): escapes between plain bytes (`a%41`
                    // over and over) made a piece each, 8 million of them
                    // for a 20 MB line.
                    Some(last) if full => {
                        last.to = out.len();
                        last.source_to = at;
                    }
                    _ => pieces.push(Piece {
                        from,
                        to: out.len(),
                        source_from,
                        source_to: at,
                    }),
                }
            }
        }
        raw.clear();
        marks.clear();
        copied = at;
    }
    if out.len() < budget {
        out.push_str(&text[copied..at.min(span.end)]);
    }
    Decoded {
        text: out,
        origin: span.context,
        pieces,
    }
}

/// Decodes the escape at `bytes[at..]` (before `end`) onto `raw`; returns
/// where it ends, or `None` if no escape of `kind` starts there.
fn one_escape(bytes: &[u8], at: usize, end: usize, kind: Kind, raw: &mut Vec<u8>) -> Option<usize> {
    let bytes = &bytes[..end];
    let hex = |from: usize, len: usize| -> Option<u32> {
        let digits = bytes.get(from..from + len)?;
        digits.iter().try_fold(0u32, |value, &d| {
            Some(value << 4 | (d as char).to_digit(16)?)
        })
    };
    match (kind, *bytes.get(at)?) {
        (Kind::Percent, b'%') => {
            raw.push(hex(at + 1, 2)? as u8);
            Some(at + 3)
        }
        (Kind::Escape, b'\\') => {
            let simple = match *bytes.get(at + 1)? {
                b'n' => b'\n',
                b't' => b'\t',
                b'r' => b'\r',
                b'b' => 0x08,
                b'f' => 0x0c,
                b'x' => {
                    raw.push(hex(at + 2, 2)? as u8);
                    return Some(at + 4);
                }
                b'u' => return unicode_escape(bytes, at, hex, raw),
                other if is_escape_letter(other) => other,
                _ => return None,
            };
            raw.push(simple);
            Some(at + 2)
        }
        _ => None,
    }
}

/// `\uXXXX`, joining a surrogate pair `\uD83D\uDE00` into one character.
fn unicode_escape(
    bytes: &[u8],
    at: usize,
    hex: impl Fn(usize, usize) -> Option<u32>,
    raw: &mut Vec<u8>,
) -> Option<usize> {
    let high = hex(at + 2, 4)?;
    let mut next = at + 6;
    let code = if (0xd800..0xdc00).contains(&high) {
        let low = (bytes.get(next..next + 2) == Some(b"\\u"))
            .then(|| hex(next + 2, 4))
            .flatten()
            .filter(|low| (0xdc00..0xe000).contains(low));
        match low {
            Some(low) => {
                next += 6;
                0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00)
            }
            None => 0xfffd,
        }
    } else {
        high
    };
    let c = char::from_u32(code).unwrap_or('\u{fffd}');
    raw.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        candidates(text)
            .into_iter()
            .map(|s| (s.kind, &text[s.start..s.end]))
            .collect()
    }

    #[test]
    fn one_pass_finds_each_kind() {
        let text =
            "a = \"x\\ny\"\nurl=https://h/?q=%41%42 b\nblob: aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=\n";
        assert_eq!(
            kinds(text),
            vec![
                (Kind::Escape, "x\\ny"),
                (Kind::Percent, "url=https://h/?q=%41%42"),
                (Kind::Base64, "aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ="),
            ]
        );
    }

    #[test]
    fn base64_decodes_with_context_and_maps_to_the_whole_run() {
        let text = "key: aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ= end";
        let span = candidates(text)[0];
        let decoded = decode(text, span, 1 << 20).unwrap();
        assert_eq!(decoded.text, "key: hello world hello world");
        assert_eq!(decoded.map_start(6), 5);
        assert_eq!(decoded.map_end(10), 37);
        assert_eq!(decoded.map_start(2), 2);
    }

    #[test]
    fn long_base64_maps_back_in_bounded_contiguous_pieces() {
        // 5.6 million characters: more than MAX_PIECES pieces of 64.
        let text = format!("v={}", "QUJD".repeat(1_400_000));
        let span = candidates(&text)[0];
        let decoded = decode(&text, span, usize::MAX).unwrap();
        let pieces = &decoded.pieces;
        assert!(pieces.len() > 1 && pieces.len() <= MAX_PIECES);
        assert_eq!((pieces[0].from, pieces[0].source_from), (2, 2));
        assert_eq!(pieces.last().unwrap().to, decoded.text.len());
        assert_eq!(pieces.last().unwrap().source_to, text.len());
        for pair in pieces.windows(2) {
            assert_eq!(pair[0].to, pair[1].from);
            assert_eq!(pair[0].source_to, pair[1].source_from);
            // Whole quanta: 3 decoded bytes for every 4 characters.
            assert_eq!(
                (pair[0].to - pair[0].from) * 4,
                (pair[0].source_to - pair[0].source_from) * 3
            );
        }
        // Decoded bytes 2999..3002 (after "v=") come from the quanta at
        // characters 3996..4004: they map to the one or two pieces holding
        // those, each no longer than 88 characters.
        let start = decoded.map_start(2 + 2999);
        let end = decoded.map_end(2 + 3002);
        assert!(start <= 2 + 3996 && 2 + 4004 <= end && end - start <= 2 * 88);
    }

    #[test]
    fn binary_base64_is_not_searched() {
        let text = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        assert!(decode(text, candidates(text)[0], 1 << 20).is_none());
        let text = "some_long_python_identifier_name_here";
        assert!(
            candidates(text)
                .iter()
                .all(|&s| decode(text, s, 1 << 20).is_none())
        );
    }

    #[test]
    fn escapes_map_back_exactly() {
        let text = r#"{"k": "a\/b\u00e9\ud83d\ude00c\x41%41"}"#;
        let span = candidates(text)[0];
        assert_eq!(span.kind, Kind::Escape);
        let decoded = decode(text, span, 1 << 20).unwrap();
        assert!(decoded.text.ends_with("a/bé😀cA%41"), "{}", decoded.text);
        let b = decoded.text.find('b').unwrap();
        assert_eq!(&text[decoded.map_start(b)..decoded.map_end(b + 1)], "b");
        let slash = decoded.text.find('/').unwrap();
        assert_eq!(
            &text[decoded.map_start(slash)..decoded.map_end(slash + 1)],
            "\\/"
        );
        let emoji = decoded.text.find('😀').unwrap();
        assert_eq!(
            &text[decoded.map_start(emoji)..decoded.map_end(emoji + 4)],
            r"\ud83d\ude00"
        );
        // Past the piece limit, a run of escapes maps as a whole.
        let flood = format!("\"{}\"", r"\u0041".repeat(MAX_PIECES + 10));
        let decoded = decode(&flood, candidates(&flood)[0], 1 << 24).unwrap();
        assert_eq!(
            (decoded.map_start(5), decoded.map_end(6)),
            (1, flood.len() - 1)
        );
    }

    #[test]
    fn percent_decodes_utf8_and_bad_bytes() {
        let text = "q=%E2%82%AC%FF%zz";
        let decoded = decode(text, candidates(text)[0], 1 << 20).unwrap();
        assert_eq!(decoded.text, "q=€\u{fffd}%zz");
    }

    /// Random mixtures of escapes, percent signs, base64 and multi-byte
    /// characters: spans start and end on character boundaries, decoding
    /// never panics and maps inside the source.
    #[test]
    fn arbitrary_text_never_panics() {
        let atoms = [
            "\\", "\\n", "\\u", "\\ud83d", "\\x4", "%", "%4", "%e2%82", "\"", "\n", "§", "€", "😀",
            "QUJD", "ZGVm", "=", "-_", "+/", " ", "'", "a",
        ];
        let mut state = 0x1234_5678_9abc_def0_u64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(state % 301) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(atoms[(state % atoms.len() as u64) as usize]);
            }
            for span in candidates(&text) {
                assert!(text.is_char_boundary(span.context) && text.is_char_boundary(span.end));
                for budget in [3, 1 << 20] {
                    if let Some(decoded) = decode(&text, span, budget) {
                        for at in 0..=decoded.text.len() {
                            assert!(decoded.map_start(at) <= text.len());
                            assert!(decoded.map_end(at) <= text.len());
                        }
                    }
                }
            }
        }
    }

    /// The skipping search finds exactly the runs a byte-by-byte look finds.
    #[test]
    fn base64_runs_match_a_plain_scan() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..2000 {
            let text: Vec<u8> = (0..state % 200)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    // Mostly base64 characters, so that long runs occur.
                    b"aB3+/-_=aaaaaaaaaaaaaaa .\\n"[(state % 27) as usize]
                })
                .collect();
            let mut expected = Vec::new();
            let mut at = 0;
            while at < text.len() {
                let start = at;
                while at < text.len() && BASE64[text[at] as usize] {
                    at += 1;
                }
                if at - start >= MIN_BASE64 {
                    let skip = usize::from(
                        start > 0 && text[start - 1] == b'\\' && is_escape_letter(text[start]),
                    );
                    let padding = text[at..]
                        .iter()
                        .take(2)
                        .take_while(|&&b| b == b'=')
                        .count();
                    if at - start - skip >= MIN_BASE64
                        && !dotted_segment(&text, start + skip, at + padding)
                    {
                        expected.push((start + skip, at + padding));
                    }
                }
                at += 1;
            }
            assert_eq!(
                base64_runs(&text),
                expected,
                "{}",
                String::from_utf8_lossy(&text)
            );
        }
    }

    #[test]
    fn jwt_segments_are_left_to_the_jwt_rule() {
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiaWF0IjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        assert!(base64_runs(format!("Bearer {jwt}").as_bytes()).is_empty());
        assert_eq!(
            base64_runs(b"data: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9 end").len(),
            1
        );
    }

    /// Escapes between plain bytes are runs of their own; past the piece
    /// limit they join the last piece instead of each adding one.
    #[test]
    fn pieces_stay_bounded_when_runs_alternate_with_plain_bytes() {
        let text = format!("q={}", "a%41".repeat(3 * MAX_PIECES));
        let decoded = decode(&text, candidates(&text)[0], 1 << 24).unwrap();
        assert!(
            decoded.pieces.len() <= MAX_PIECES,
            "{}",
            decoded.pieces.len()
        );
        assert_eq!(decoded.text.len(), 2 + 2 * 3 * MAX_PIECES);
        // The first pieces still map exactly; the last one covers the rest.
        assert_eq!(&text[decoded.map_start(3)..decoded.map_end(4)], "%41");
        let last = decoded.text.len();
        assert_eq!(decoded.map_end(last), text.len());
        assert!(decoded.map_start(last - 1) < text.len() - 3);
    }

    #[test]
    fn budget_cuts_decoding_short() {
        let text = "%41".repeat(100);
        let decoded = decode(&text, candidates(&text)[0], 10).unwrap();
        assert!(decoded.text.len() <= 12, "{}", decoded.text.len());
    }
}
