//! ToUnicode CMaps: character codes → Unicode text.
//!
//! Our own small parser instead of lopdf's: lopdf expands every `bfrange`
//! into a reverse map entry per code, so one hostile range
//! `<00000000> <FFFFFFFF>` costs billions of entries. Here a range stays one
//! entry, lookups are binary searches, and the entry count is capped.

use super::lexer::{Lexer, Token};

/// Most mappings kept from one CMap; real ones hold a few thousand.
const MAX_MAPPINGS: usize = 200_000;
/// Most targets kept from the `bfrange` arrays of one CMap, all arrays
/// together: one array holds at most one entry per code, but thousands of
/// arrays of 65 536 one-byte strings made a 100 KB file use 800 MB.
const MAX_LISTED_TARGETS: usize = 200_000;

#[derive(Debug, Default)]
pub(super) struct ToUnicode {
    /// `(length, low bytes, high bytes)` of each codespace range.
    codespace: Vec<(usize, [u8; 4], [u8; 4])>,
    /// Sorted by `(length, low)`.
    mappings: Vec<Mapping>,
    /// Targets kept from `bfrange` arrays so far.
    listed_targets: usize,
}

#[derive(Debug)]
struct Mapping {
    len: usize,
    low: u32,
    high: u32,
    target: Target,
}

#[derive(Debug)]
enum Target {
    /// UTF-16 units for `low`; later codes add their offset to the last unit.
    Incrementing(Vec<u16>),
    /// One entry per code from `low`.
    Listed(Vec<Vec<u16>>),
}

fn code_of(bytes: &[u8]) -> Option<(usize, u32)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some((
        bytes.len(),
        bytes.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b)),
    ))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        return vec![u16::from(bytes[0])];
    }
    bytes
        .chunks(2)
        .map(|pair| u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]))
        .collect()
}

impl ToUnicode {
    /// Parses CMap text; whatever is malformed is skipped.
    pub(super) fn parse(data: &[u8]) -> ToUnicode {
        let mut cmap = ToUnicode::default();
        let mut tokens = Lexer::new(data);
        while let Some(token) = tokens.next() {
            if cmap.mappings.len() >= MAX_MAPPINGS {
                break;
            }
            match token {
                Token::Keyword(b"begincodespacerange") => cmap.codespace_section(&mut tokens),
                Token::Keyword(b"beginbfchar") => cmap.bfchar_section(&mut tokens),
                Token::Keyword(b"beginbfrange") => cmap.bfrange_section(&mut tokens),
                _ => {}
            }
        }
        cmap.mappings.sort_by_key(|m| (m.len, m.low));
        cmap
    }

    fn codespace_section(&mut self, tokens: &mut Lexer<'_>) {
        let mut pending: Option<Vec<u8>> = None;
        for token in tokens.by_ref() {
            match token {
                Token::String(bytes) => match pending.take() {
                    None => pending = Some(bytes),
                    Some(low) if low.len() == bytes.len() && (1..=4).contains(&low.len()) => {
                        let (mut lo, mut hi) = ([0u8; 4], [0u8; 4]);
                        lo[..low.len()].copy_from_slice(&low);
                        hi[..bytes.len()].copy_from_slice(&bytes);
                        self.codespace.push((low.len(), lo, hi));
                    }
                    Some(_) => {}
                },
                Token::Keyword(b"endcodespacerange") => return,
                _ => pending = None,
            }
        }
    }

    fn bfchar_section(&mut self, tokens: &mut Lexer<'_>) {
        let mut source: Option<Vec<u8>> = None;
        for token in tokens.by_ref() {
            match (token, source.take()) {
                (Token::Keyword(b"endbfchar"), _) => return,
                (Token::String(bytes), None) => source = Some(bytes),
                (Token::String(target), Some(code)) => {
                    self.push(&code, &code, Target::Incrementing(utf16_units(&target)))
                }
                (Token::Name(glyph), Some(code)) => {
                    if let Some(text) = super::font::glyph_text(&glyph) {
                        self.push(
                            &code,
                            &code,
                            Target::Incrementing(text.encode_utf16().collect()),
                        );
                    }
                }
                _ => {}
            }
            if self.mappings.len() >= MAX_MAPPINGS {
                return;
            }
        }
    }

    fn bfrange_section(&mut self, tokens: &mut Lexer<'_>) {
        let mut codes: Vec<Vec<u8>> = Vec::new();
        while let Some(token) = tokens.next() {
            match token {
                Token::Keyword(b"endbfrange") => return,
                Token::String(bytes) if codes.len() < 2 => codes.push(bytes),
                Token::String(target) => {
                    self.push(
                        &codes[0],
                        &codes[1],
                        Target::Incrementing(utf16_units(&target)),
                    );
                    codes.clear();
                }
                Token::ArrayOpen if codes.len() == 2 => {
                    let mut listed = Vec::new();
                    for token in tokens.by_ref() {
                        match token {
                            Token::String(target)
                                if listed.len() < 65_536
                                    && self.listed_targets < MAX_LISTED_TARGETS =>
                            {
                                self.listed_targets += 1;
                                listed.push(utf16_units(&target))
                            }
                            Token::ArrayClose => break,
                            _ => {}
                        }
                    }
                    self.push(&codes[0], &codes[1], Target::Listed(listed));
                    codes.clear();
                }
                _ => codes.clear(),
            }
            if self.mappings.len() >= MAX_MAPPINGS {
                return;
            }
        }
    }

    fn push(&mut self, low: &[u8], high: &[u8], target: Target) {
        let (Some((len, low)), Some((high_len, high))) = (code_of(low), code_of(high)) else {
            return;
        };
        if len != high_len || high < low {
            return;
        }
        self.mappings.push(Mapping {
            len,
            low,
            high,
            target,
        });
    }

    pub(super) fn is_empty(&self) -> bool {
        self.mappings.is_empty()
    }

    /// The Unicode text of one code of `len` bytes.
    pub(super) fn lookup(&self, len: usize, code: u32) -> Option<String> {
        let index = self
            .mappings
            .partition_point(|m| (m.len, m.low) <= (len, code));
        let mapping = self.mappings[..index].last()?;
        if mapping.len != len || code > mapping.high {
            return None;
        }
        let offset = code - mapping.low;
        let units = match &mapping.target {
            Target::Incrementing(units) => {
                let mut units = units.clone();
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add(offset as u16);
                }
                units
            }
            Target::Listed(list) => list.get(offset as usize)?.clone(),
        };
        Some(String::from_utf16_lossy(&units))
    }

    /// Byte length of the code starting `bytes`: the codespace range it
    /// falls in, else the length the mappings use, else `default`.
    pub(super) fn code_length(&self, bytes: &[u8], default: usize) -> usize {
        for &(len, low, high) in &self.codespace {
            if bytes.len() >= len && (0..len).all(|i| low[i] <= bytes[i] && bytes[i] <= high[i]) {
                return len;
            }
        }
        if let Some(shortest) = self.codespace.iter().map(|c| c.0).min() {
            return shortest.min(bytes.len()).max(1);
        }
        match (self.mappings.first(), self.mappings.last()) {
            (Some(first), Some(last)) if first.len == last.len => first.len,
            _ => default,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CMAP: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0003> <0020> <0011> <D83DDE00> endbfchar
        2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<0078> <00660069>] endbfrange
        endcmap";

    #[test]
    fn maps_chars_ranges_and_lists() {
        let cmap = ToUnicode::parse(CMAP);
        assert_eq!(cmap.lookup(2, 0x0003).as_deref(), Some(" "));
        assert_eq!(cmap.lookup(2, 0x0011).as_deref(), Some("😀"));
        assert_eq!(cmap.lookup(2, 0x0025).as_deref(), Some("B"));
        assert_eq!(cmap.lookup(2, 0x0031).as_deref(), Some("fi"));
        assert_eq!(cmap.lookup(2, 0x0027), None);
        assert_eq!(cmap.lookup(1, 0x24), None);
        assert_eq!(cmap.code_length(b"\x00\x24", 1), 2);
    }

    #[test]
    fn a_huge_range_stays_one_entry() {
        let cmap = ToUnicode::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(cmap.mappings.len(), 1);
        assert_eq!(cmap.lookup(4, 1).as_deref(), Some("B"));
    }

    #[test]
    fn malformed_input_is_skipped() {
        let cmap = ToUnicode::parse(
            b"beginbfchar <01> endbfrange ((( beginbfrange <05> <01> <41> endbfrange",
        );
        assert!(cmap.is_empty());
    }
}
