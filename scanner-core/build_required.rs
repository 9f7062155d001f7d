//! Bytes a rule's pattern cannot match without, worked out from its syntax
//! tree when the crate is built (see `build.rs`), so that the engine can
//! skip a rule's window that lacks them without running the regex.
//!
//! A requirement is a set of bytes and a run length `n`: `n` consecutive
//! bytes of the set. A pattern's requirements form a chain: every string
//! the pattern matches holds them one after the other, without overlap, in
//! the chain's order. Derivation, over the tree: a literal requires each of
//! its bytes in turn (n = 1); a class requires a byte that can begin one of
//! its characters (the character's first UTF-8 byte); a class of ASCII
//! characters repeated at least `m` times requires a run of `m` bytes of
//! the class; any other repetition requires what its body requires if it
//! repeats at least once; a concatenation requires its parts' chains one
//! after the other (its match is their matches one after the other); an
//! alternation requires, from one requirement of each branch, the union of
//! their sets with the shortest of their runs (nothing if a branch requires
//! nothing); assertions and empty matches require nothing. Leaving links
//! out of a chain keeps it true, so only the selective ones are kept.
//!
//! The pattern is parsed the way `regex-lite` reads it: Perl classes, word
//! boundaries and case-insensitivity ASCII only. A pattern that only parses
//! in Unicode mode is analysed in that mode, whose classes are supersets of
//! regex-lite's, so the chain it yields still holds (just weaker).

use regex_syntax::hir::{Class, Hir, HirKind};

/// A set of bytes, as a 256-bit table.
pub type ByteSet = [bool; 256];

/// Every match holds `.1` consecutive bytes of the set `.0`.
pub type Requirement = (ByteSet, usize);

/// The chain of requirements of `pattern`, in order, cut to the `keep`
/// most selective links; links met by almost any stretch of ordinary text
/// are left out. Empty when the pattern does not parse or requires nothing
/// useful.
pub fn required_classes(pattern: &str, keep: usize) -> Vec<Requirement> {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .ok()
        .or_else(|| regex_syntax::Parser::new().parse(pattern).ok());
    let Some(hir) = hir else {
        return Vec::new();
    };
    let mut chain = required(&hir);
    chain.retain(|link| cost(link) <= MAX_COST);
    if chain.len() > keep {
        let mut by_cost: Vec<usize> = (0..chain.len()).collect();
        by_cost.sort_by_key(|&i| (cost(&chain[i]), i));
        let mut kept = vec![false; chain.len()];
        for &i in &by_cost[..keep] {
            kept[i] = true;
        }
        let mut index = 0;
        chain.retain(|_| {
            index += 1;
            kept[index - 1]
        });
    }
    chain
}

/// Rough frequency of a byte in ordinary text and code, per mille-ish;
/// only used to pick which required classes are worth checking.
fn weight(byte: u8) -> u32 {
    match byte {
        b' ' => 150,
        b'e' | b't' | b'a' | b'o' | b'i' | b'n' | b's' | b'r' => 50,
        b'a'..=b'z' => 20,
        b'\n' | b'.' | b'_' | b'(' | b')' | b',' | b'"' | b'=' | b'/' | b'<' | b'>' => 15,
        b'A'..=b'Z' | b'0'..=b'9' | b':' | b'-' | b'\'' | b'#' | b'\t' => 6,
        0x80..=0xff => 1,
        _ => 2,
    }
}

/// A requirement costing more than this is met by almost any window.
const MAX_COST: u32 = 120_000;

/// How often ordinary text meets a requirement, roughly: the weight of its
/// set, divided by the square of its run length.
fn cost((class, run): &Requirement) -> u32 {
    let weight: u32 = (0..=255u8).filter(|&b| class[b as usize]).map(weight).sum();
    let run = (*run).clamp(1, 1000) as u32;
    weight * 1000 / (run * run)
}

fn required(hir: &Hir) -> Vec<Requirement> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Vec::new(),
        HirKind::Literal(literal) => literal
            .0
            .iter()
            .map(|&byte| {
                let mut set = [false; 256];
                set[byte as usize] = true;
                (set, 1)
            })
            .collect(),
        HirKind::Class(class) => {
            let set = first_bytes(class);
            if set.iter().any(|&b| b) {
                vec![(set, 1)]
            } else {
                // A class that matches nothing: nothing can be claimed
                // about the bytes of a match (there is none); stay safe.
                Vec::new()
            }
        }
        HirKind::Repetition(repetition) if repetition.min >= 1 => {
            // Each repeat of a one-byte class is one byte of the run.
            if let HirKind::Class(class) = repetition.sub.kind()
                && is_ascii(class)
                && let Ok(run) = usize::try_from(repetition.min)
                && run > 1
            {
                return vec![(first_bytes(class), run)];
            }
            required(&repetition.sub)
        }
        HirKind::Repetition(_) => Vec::new(),
        HirKind::Capture(capture) => required(&capture.sub),
        HirKind::Concat(parts) => parts.iter().flat_map(required).collect(),
        HirKind::Alternation(branches) => {
            let mut union = [false; 256];
            let mut shortest = usize::MAX;
            for branch in branches {
                let Some((set, run)) = required(branch).into_iter().min_by_key(cost) else {
                    return Vec::new();
                };
                for (u, b) in union.iter_mut().zip(set) {
                    *u |= b;
                }
                shortest = shortest.min(run);
            }
            vec![(union, shortest)]
        }
    }
}

/// Whether every member of `class` is one ASCII byte.
fn is_ascii(class: &Class) -> bool {
    match class {
        Class::Bytes(bytes) => bytes.iter().all(|range| range.end() < 0x80),
        Class::Unicode(chars) => chars.iter().all(|range| (range.end() as u32) < 0x80),
    }
}

/// The bytes that can begin a character (or byte) of `class`.
fn first_bytes(class: &Class) -> ByteSet {
    let mut set = [false; 256];
    match class {
        Class::Bytes(bytes) => {
            for range in bytes.iter() {
                for b in range.start()..=range.end() {
                    set[b as usize] = true;
                }
            }
        }
        Class::Unicode(chars) => {
            for range in chars.iter() {
                let (start, end) = (range.start() as u32, range.end() as u32);
                // UTF-8 lead bytes grow with the code point, so the lead
                // bytes of a range are those from its start's to its end's.
                for lead in lead_byte(start)..=lead_byte(end) {
                    set[lead as usize] = true;
                }
            }
        }
    }
    set
}

fn lead_byte(code: u32) -> u8 {
    match code {
        0..=0x7f => code as u8,
        0x80..=0x7ff => 0xc0 | (code >> 6) as u8,
        0x800..=0xffff => 0xe0 | (code >> 12) as u8,
        _ => 0xf0 | (code >> 18) as u8,
    }
}
