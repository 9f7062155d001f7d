//! Detection: prefilter, then patterns near candidates, then validators.
//!
//! Patterns never run over a whole part. The keyword prefilter (one
//! Aho-Corasick pass for all rules) or the digit-run scan finds candidate
//! places; each rule's pattern runs only in a window around them. That keeps
//! secret-free text, the common case, close to memory speed.

use crate::report::{Category, Confidence};
use crate::rules::{Rule, RuleSet, Tier};
use crate::validate::{Validity, is_placeholder, shannon_entropy};
use std::collections::BTreeMap;

/// A match that passed every filter, as byte offsets into the part text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Hit {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    pub confidence: Confidence,
    pub validated: bool,
}

/// A hit ready to report, in the coordinates of the part's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// Rule, confidence and where to point: for a decoded secret, where its
    /// encoded form is.
    pub hit: Hit,
    /// The secret when `text[hit.start..hit.end]` is only its encoded form.
    pub secret: Option<String>,
    /// How it was decoded, outermost layer first (`base64+escape`).
    pub decoded: Option<String>,
    /// The other half of the credential, merged into this finding.
    pub partner: Option<Hit>,
}

/// Bytes around a digit run that a digit-prefiltered match may reach
/// (an IBAN's country code, a label's separator).
const DIGIT_MARGIN: usize = 16;

/// Texts longer than this are searched in overlapping segments: a flood
/// of keywords or digits can make one megabyte slow to search, and the time
/// budget must be checked within a huge part, not only between parts.
const SEGMENT: usize = 1 << 20;
/// How much neighbouring segments overlap. Each hit is taken from the
/// segment where it starts at least half of this away from the edges, so a
/// match and its context up to that size are seen whole.
const SEGMENT_OVERLAP: usize = 64 << 10;

/// [`detect`] over `text` segment by segment, asking `keep_going` before
/// every segment after the first. Returns the hits and how many bytes of
/// `text` were searched (less than its length when `keep_going` said stop).
pub(crate) fn detect_within(
    set: &RuleSet,
    text: &str,
    keep_going: &mut dyn FnMut() -> bool,
) -> (Vec<Hit>, usize) {
    detect_focused_within(set, text, None, keep_going)
}

/// [`detect_within`], searching only rule windows that touch `focus`:
/// sorted, disjoint byte ranges of `text` (what decoding changed). A window
/// that sees none of them finds only what plain detection found already.
pub(crate) fn detect_focused_within(
    set: &RuleSet,
    text: &str,
    focus: Option<&[(usize, usize)]>,
    keep_going: &mut dyn FnMut() -> bool,
) -> (Vec<Hit>, usize) {
    if text.len() <= SEGMENT {
        return (detect_focused(set, text, focus, 0), text.len());
    }
    let mut hits = Vec::new();
    // Hits starting in `accept_from..` belong to this segment or later ones.
    let mut accept_from = 0;
    let mut start = 0;
    loop {
        let end = ceil_char(text, (start + SEGMENT).min(text.len()));
        let last = end == text.len();
        let accept_to = if last {
            text.len()
        } else {
            floor_char(text, end - SEGMENT_OVERLAP / 2)
        };
        for mut hit in detect_focused(set, &text[start..end], focus, start) {
            hit.start += start;
            hit.end += start;
            if (accept_from..accept_to).contains(&hit.start) {
                hits.push(hit);
            }
        }
        if last {
            return (hits, text.len());
        }
        if !keep_going() {
            return (hits, accept_to);
        }
        accept_from = accept_to;
        start = floor_char(text, end - SEGMENT_OVERLAP);
    }
}

/// Finds every rule hit in `text`, overlaps resolved in favour of the most
/// specific, best confirmed rule. Hits are sorted by position.
pub(crate) fn detect(set: &RuleSet, text: &str) -> Vec<Hit> {
    detect_focused(set, text, None, 0)
}

/// [`detect`], keeping only windows that touch `focus` (ranges in a text
/// of which `text` starts at `offset`), if given.
fn detect_focused(
    set: &RuleSet,
    text: &str,
    focus: Option<&[(usize, usize)]>,
    offset: usize,
) -> Vec<Hit> {
    // (rule, from, to): byte ranges where a rule's pattern must run.
    let mut windows: Vec<(usize, usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    set.keywords.find_all(bytes, &mut |keyword, start, end| {
        for &rule in &set.keyword_rules[keyword] {
            let rule_data = &set.rules[rule];
            windows.push((
                rule,
                start.saturating_sub(rule_data.lookbehind),
                end.saturating_add(rule_data.window),
            ));
        }
    });
    if !set.digit_rules.is_empty() {
        for (start, end, digits) in digit_runs(bytes, set.shortest_digit_run) {
            for &rule in &set.digit_rules {
                if digits >= set.rules[rule].min_digits {
                    windows.push((rule, start.saturating_sub(DIGIT_MARGIN), end + DIGIT_MARGIN));
                }
            }
        }
    }
    if let Some(focus) = focus {
        windows.retain(|&(_, from, to)| {
            let (from, to) = (from + offset, to + offset);
            let first = focus.partition_point(|&(_, end)| end <= from);
            focus.get(first).is_some_and(|&(start, _)| start < to)
        });
    }
    windows.sort_unstable();

    let mut hits = Vec::new();
    let mut index = 0;
    while index < windows.len() {
        let (rule, from, mut to) = windows[index];
        index += 1;
        // Merge this rule's overlapping windows into one search.
        while index < windows.len() && windows[index].0 == rule && windows[index].1 <= to {
            to = to.max(windows[index].2);
            index += 1;
        }
        let from = floor_char(text, from.min(text.len()));
        let to = ceil_char(text, to.min(text.len()));
        // Every match lies in `text[from..to]` (the search widens only
        // after finding one) and holds the rule's required chain, so a
        // window without the chain holds no match: skip the regex.
        if !has_chain(&bytes[from..to], &set.rules[rule].required) {
            continue;
        }
        match_window(set, rule, text, from, to, &mut hits);
    }
    resolve_overlaps(set, hits)
}

/// Every rule keyword, indexed by a hash of its folded first three bytes.
/// A byte is folded by setting bit 0x20, which maps each ASCII letter to
/// its lower case (and some punctuation to other punctuation): text that
/// matches a keyword ASCII-case-insensitively has the same folded bytes.
/// A position whose folded three bytes hash to no keyword's starts none (a
/// bit set small enough for the cache says so for most positions); the
/// keywords with that hash are compared there, first by their folded first
/// four bytes, then in full. This finds every occurrence of every keyword
/// as fast as an Aho-Corasick automaton over ~1,500 keywords and is built
/// in a small fraction of its time (the automaton was half the start-up).
#[derive(Debug, Clone)]
pub(crate) struct Keywords {
    /// The keywords, ASCII lower case.
    words: Vec<Box<[u8]>>,
    /// Hashes of the folded first three bytes of the keywords.
    bits: Box<[u64; 1024]>,
    /// The same of the 3-byte keywords only, and hashes of the folded
    /// first four bytes of the longer ones: a second test, of positions
    /// that passed the first.
    three: Box<[u64; 1024]>,
    four: Box<[u64; 1024]>,
    /// The keywords by that hash's top 12 bits, `b`: those are
    /// `heads[start[b]..start[b + 1]]`, as (mask, folded first bytes,
    /// keyword): the text at a position may start the keyword only if its
    /// folded next four bytes, masked, are these.
    start: Vec<u32>,
    heads: Vec<(u32, u32, u32)>,
    /// Keywords under three bytes (the rule format refuses them), looked
    /// for at every position.
    tiny: Vec<u32>,
}

impl Keywords {
    pub(crate) fn new(keywords: &[String]) -> Keywords {
        let words: Vec<Box<[u8]>> = keywords
            .iter()
            .map(|k| k.to_ascii_lowercase().into_bytes().into_boxed_slice())
            .collect();
        let mut bits = Box::new([0; 1024]);
        let mut three = Box::new([0; 1024]);
        let mut four = Box::new([0; 1024]);
        let mut tiny = Vec::new();
        let mut heads = Vec::new();
        for (id, bytes) in words.iter().enumerate() {
            let mut head = [0u8; 4];
            let used = bytes.len().min(4);
            head[..used].copy_from_slice(&bytes[..used]);
            let mask = if used == 4 {
                u32::MAX
            } else {
                u32::MAX >> (8 * (4 - used))
            };
            if bytes.len() < 3 {
                tiny.push(id as u32);
            } else {
                let hash = hash3(fold(head));
                set_bit(&mut bits, hash);
                if bytes.len() == 3 {
                    set_bit(&mut three, hash);
                } else {
                    set_bit(&mut four, hash4(fold(head)));
                }
                heads.push((hash >> 4, (mask, fold(head) & mask, id as u32)));
            }
        }
        heads.sort_unstable();
        let mut start = vec![0u32; BUCKETS + 1];
        for &(bucket, _) in &heads {
            start[bucket + 1] += 1;
        }
        for b in 0..BUCKETS {
            start[b + 1] += start[b];
        }
        Keywords {
            words,
            bits,
            three,
            four,
            start,
            heads: heads.into_iter().map(|(_, head)| head).collect(),
            tiny,
        }
    }

    /// Calls `each(keyword, start, end)` for every occurrence of every
    /// keyword in `bytes` (ASCII case-insensitive, overlapping ones too).
    pub(crate) fn find_all(&self, bytes: &[u8], each: &mut dyn FnMut(usize, usize, usize)) {
        let n = bytes.len();
        if !self.tiny.is_empty() {
            for at in 0..n {
                for &id in &self.tiny {
                    self.compare(bytes, id, at, each);
                }
            }
        }
        // Four bytes at a time while there are four; zeros after the end
        // (a keyword that needs them does not fit and fails its compare).
        let mut at = 0;
        for chunk in bytes.windows(4) {
            let word = fold(chunk.try_into().expect("windows of four"));
            let hash = hash3(word);
            if has_bit(&self.bits, hash)
                && (has_bit(&self.three, hash) || has_bit(&self.four, hash4(word)))
            {
                self.check(bytes, word, hash, at, each);
            }
            at += 1;
        }
        while at + 3 <= n {
            let word = fold([bytes[at], bytes[at + 1], bytes[at + 2], 0]);
            let hash = hash3(word);
            if has_bit(&self.three, hash) {
                self.check(bytes, word, hash, at, each);
            }
            at += 1;
        }
    }

    /// Compares the keywords with this hash with the text at `at`, whose
    /// folded next four bytes are `word`.
    #[inline(never)]
    fn check(
        &self,
        bytes: &[u8],
        word: u32,
        hash: usize,
        at: usize,
        each: &mut dyn FnMut(usize, usize, usize),
    ) {
        let bucket = hash >> 4;
        let (from, to) = (self.start[bucket] as usize, self.start[bucket + 1] as usize);
        for &(mask, head, id) in &self.heads[from..to] {
            if word & mask == head {
                self.compare(bytes, id, at, each);
            }
        }
    }

    /// Reports keyword `id` if the text at `at` is it.
    fn compare(&self, bytes: &[u8], id: u32, at: usize, each: &mut dyn FnMut(usize, usize, usize)) {
        let word = &self.words[id as usize];
        if bytes
            .get(at..at + word.len())
            .is_some_and(|text| text.eq_ignore_ascii_case(word))
        {
            each(id as usize, at, at + word.len());
        }
    }
}

/// How many groups [`Keywords`] sorts keywords into by hash.
const BUCKETS: usize = 1 << 12;

/// Four bytes, folded (see [`Keywords`]), as one word.
fn fold(bytes: [u8; 4]) -> u32 {
    u32::from_le_bytes(bytes) | 0x2020_2020
}

/// A 16-bit hash of a folded word.
fn hash4(word: u32) -> usize {
    (word.wrapping_mul(0x85eb_ca77) >> 16) as usize
}

fn set_bit(bits: &mut [u64; 1024], at: usize) {
    bits[at / 64] |= 1 << (at % 64);
}

fn has_bit(bits: &[u64; 1024], at: usize) -> bool {
    bits[at / 64] >> (at % 64) & 1 == 1
}

/// A 16-bit hash of a folded word's first three bytes.
fn hash3(word: u32) -> usize {
    ((word & 0x00ff_ffff).wrapping_mul(0x9e37_79b1) >> 16) as usize
}

/// Whether `bytes` holds each (set, n) of `chain` in turn: n bytes of the
/// set in a row, after the previous link. Taking each link where it ends
/// first leaves the most room for the rest, so one pass decides.
fn has_chain(bytes: &[u8], chain: &[([bool; 256], usize)]) -> bool {
    let mut at = 0;
    for (set, run) in chain {
        let run = (*run).max(1);
        let mut length = 0;
        let Some(end) = bytes[at..].iter().position(|&b| {
            length = if set[b as usize] { length + 1 } else { 0 };
            length >= run
        }) else {
            return false;
        };
        at += end + 1;
    }
    true
}

/// Runs one rule's pattern over `text[from..to]`, seeing the text before
/// `from` as context. A match that reaches the window's end may go on, so
/// the window is widened and the search retried from the same place.
/// Returns how many searches ran.
fn match_window(
    set: &RuleSet,
    index: usize,
    text: &str,
    from: usize,
    mut to: usize,
    hits: &mut Vec<Hit>,
) -> usize {
    let rule = &set.rules[index];
    let mut at = from;
    let mut searches = 0;
    while at <= to {
        searches += 1;
        // Finding is cheaper than capturing, and most windows hold nothing.
        let Some(whole) = rule.pattern.find_at(&text[..to], at) else {
            break;
        };
        if whole.end() == to && to < text.len() {
            // Double the window at least: widening by a fixed step re-ran
            // the search once per step, quadratic in a match's length (a
            // JWT-shaped run one megabyte long took six seconds).
            let step = rule.window.max(256).max(to - from);
            to = ceil_char(text, to.saturating_add(step).min(text.len()));
            continue;
        }
        let captures = rule
            .pattern
            .captures_at(&text[..to], whole.start())
            .expect("a found match captures");
        at = if whole.end() > whole.start() {
            whole.end()
        } else {
            next_char(text, whole.end())
        };
        let Some(secret) = captures.get(rule.pattern.secret_group()) else {
            continue;
        };
        if let Some(hit) = judge(index, rule, secret.as_str()) {
            hits.push(Hit {
                start: secret.start(),
                end: secret.end(),
                ..hit
            });
        }
    }
    searches
}

/// Applies a rule's filters and validator to one candidate secret.
fn judge(index: usize, rule: &Rule, secret: &str) -> Option<Hit> {
    if secret.is_empty() {
        return None;
    }
    if let Some(floor) = rule.min_entropy
        && shannon_entropy(secret) < floor
    {
        return None;
    }
    if !rule.allow_placeholders && is_placeholder(secret) {
        return None;
    }
    let validated = match rule.validator.map(|v| v.check(secret)) {
        Some(Validity::Invalid) => return None,
        Some(Validity::Valid) => true,
        Some(Validity::Plausible) | None => false,
    };
    let confidence = if validated {
        Confidence::High
    } else {
        rule.confidence
    };
    Some(Hit {
        rule: index,
        start: 0,
        end: 0,
        confidence,
        validated,
    })
}

/// Keeps, among overlapping hits, the specific rule over the generic one,
/// then the validated, more confident, more severe, longer one.
fn resolve_overlaps(set: &RuleSet, mut hits: Vec<Hit>) -> Vec<Hit> {
    let rank = |hit: &Hit| {
        let rule = &set.rules[hit.rule];
        (
            rule.tier == Tier::Specific,
            hit.validated,
            hit.confidence,
            rule.severity,
            hit.end - hit.start,
        )
    };
    hits.sort_by(|a, b| rank(b).cmp(&rank(a)).then(a.start.cmp(&b.start)));
    // Kept hits never overlap, so ordered by start they are ordered by end
    // too: a new hit overlaps one of them exactly when it overlaps the last
    // one starting before its end. A text full of secrets has a great many
    // hits; comparing each with every kept one would be quadratic.
    let mut kept: BTreeMap<usize, Hit> = BTreeMap::new();
    for hit in hits {
        let overlaps = kept
            .range(..hit.end)
            .next_back()
            .is_some_and(|(_, k)| hit.start < k.end);
        if !overlaps {
            kept.insert(hit.start, hit);
        }
    }
    let mut kept: Vec<Hit> = kept.into_values().collect();
    kept.sort_by_key(|hit| (hit.start, hit.rule));
    kept
}

/// Merges each half of a credential with its nearest other half (see
/// `pair_with` in [`crate::rules`]): the secret keeps its finding, now with
/// high confidence, and the partner is reported only as its partner. A
/// generic-tier secret with a pairing rule's `pair_shape`, near an id that
/// no specific secret claimed, becomes that rule's secret and is paired the
/// same way: `S3_SECRET=…` next to an AWS key id is one AWS credential, not
/// a generic secret and a key id. `found` is sorted by position and stays
/// so; `text` is the part they were found in.
pub(crate) fn pair(set: &RuleSet, text: &str, mut found: Vec<Found>) -> Vec<Found> {
    let ids: Vec<usize> = (0..found.len())
        .filter(|&i| set.partner_reach[found[i].hit.rule].is_some())
        .collect();
    if ids.is_empty() {
        return found;
    }
    let longest = ids
        .iter()
        .map(|&i| found[i].hit.end - found[i].hit.start)
        .max()
        .unwrap_or(0);
    let shaped: Vec<usize> = (0..set.rules.len())
        .filter(|&s| set.rules[s].pair_shape.is_some() && !set.partners[s].is_empty())
        .collect();
    // Which item is merged into which, either way round.
    let mut merged_into: Vec<Option<usize>> = vec![None; found.len()];
    let mut partner_of: Vec<Option<usize>> = vec![None; found.len()];
    for generic in [false, true] {
        for i in 0..found.len() {
            if merged_into[i].is_some() || partner_of[i].is_some() {
                continue;
            }
            let rule = &set.rules[found[i].hit.rule];
            let candidates: Vec<usize> = if generic {
                if rule.tier != Tier::Generic || rule.category != Category::Secret {
                    continue;
                }
                let secret = found[i]
                    .secret
                    .as_deref()
                    .or_else(|| text.get(found[i].hit.start..found[i].hit.end))
                    .unwrap_or_default();
                shaped
                    .iter()
                    .copied()
                    .filter(|&s| {
                        set.rules[s]
                            .pair_shape
                            .as_ref()
                            .is_some_and(|shape| shape.is_match(secret))
                    })
                    .collect()
            } else if set.partners[found[i].hit.rule].is_empty() {
                continue;
            } else {
                vec![found[i].hit.rule]
            };
            let me = found[i].hit.clone();
            let reach = candidates
                .iter()
                .map(|&s| set.rules[s].pair_within)
                .max()
                .unwrap_or(0);
            let low = me.start.saturating_sub(reach.saturating_add(longest));
            let first = ids.partition_point(|&j| found[j].hit.start < low);
            // (gap, partner, rule the secret is reported as)
            let best = ids[first..]
                .iter()
                .copied()
                .take_while(|&j| found[j].hit.start <= me.end.saturating_add(reach))
                .take(256)
                .filter(|&j| j != i && merged_into[j].is_none() && partner_of[j].is_none())
                .filter_map(|j| {
                    let other = &found[j].hit;
                    let gap = gap(&me, other);
                    let claims = candidates.iter().copied().find(|&s| {
                        set.partners[s].contains(&other.rule) && gap <= set.rules[s].pair_within
                    })?;
                    Some((gap, j, claims))
                })
                .min();
            let Some((_, j, claims)) = best else {
                continue;
            };
            if generic {
                let secret = found[i]
                    .secret
                    .as_deref()
                    .or_else(|| text.get(me.start..me.end))
                    .unwrap_or_default();
                let Some(judged) = judge(claims, &set.rules[claims], secret) else {
                    continue;
                };
                found[i].hit = Hit {
                    start: me.start,
                    end: me.end,
                    ..judged
                };
            }
            found[i].hit.confidence = Confidence::High;
            merged_into[j] = Some(i);
            partner_of[i] = Some(j);
        }
    }
    let partners: Vec<Option<Hit>> = partner_of
        .iter()
        .map(|j| j.map(|j| found[j].hit.clone()))
        .collect();
    found
        .into_iter()
        .zip(partners)
        .zip(merged_into)
        .filter(|(_, merged)| merged.is_none())
        .map(|((found, partner), _)| Found { partner, ..found })
        .collect()
}

/// Bytes between two hits; 0 when they overlap.
fn gap(a: &Hit, b: &Hit) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// Runs of digits in groups of two or more joined by single spaces or
/// dashes (`4111 1111-1111`, `078-05-1120`), as (start, end, digit count),
/// keeping those with at least `min` digits. Single-digit groups end a
/// run: lists like `1 2 3 4` or SVG coordinates are no card or IBAN.
fn digit_runs(bytes: &[u8], min: usize) -> Vec<(usize, usize, usize)> {
    let digit = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let mut runs = Vec::new();
    // Invariant: no run is open at `i` (it is 0 or the scan broke there).
    let mut i = 0;
    while i < bytes.len() {
        // A run of `min` digits or more starting in `i..=far` is at least
        // `min` bytes long, so it covers `far`: there a digit, or a
        // separator between digits. Where `far` is neither, every run
        // starting before it ends before it too, having too few digits,
        // and the search goes on after it. Text has few digits, so most
        // bytes are never looked at.
        let far = i + min.max(1) - 1;
        if far < bytes.len()
            && !digit(far)
            && !(matches!(bytes[far], b' ' | b'-') && far > i && digit(far - 1) && digit(far + 1))
        {
            i = far + 1;
            continue;
        }
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut digits = 0;
        let mut group = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                digits += 1;
                group += 1;
                i += 1;
                end = i;
            } else if group >= 2
                && matches!(bytes[i], b' ' | b'-')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                group = 0;
                i += 1;
            } else {
                break;
            }
        }
        if digits >= min {
            runs.push((start, end, digits));
        }
    }
    runs
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The char boundary after `at`; past the end once the text is used up.
fn next_char(text: &str, at: usize) -> usize {
    if at >= text.len() {
        text.len() + 1
    } else {
        ceil_char(text, at + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The skipping search finds exactly the runs a look at every byte
    /// finds.
    #[test]
    fn digit_runs_match_a_plain_scan() {
        fn plain(bytes: &[u8], min: usize) -> Vec<(usize, usize, usize)> {
            let mut runs = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if !bytes[i].is_ascii_digit() {
                    i += 1;
                    continue;
                }
                let (start, mut end, mut digits, mut group) = (i, i, 0, 0);
                while i < bytes.len() {
                    if bytes[i].is_ascii_digit() {
                        (digits, group, i) = (digits + 1, group + 1, i + 1);
                        end = i;
                    } else if group >= 2
                        && matches!(bytes[i], b' ' | b'-')
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    {
                        (group, i) = (0, i + 1);
                    } else {
                        break;
                    }
                }
                if digits >= min {
                    runs.push((start, end, digits));
                }
            }
            runs
        }
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for round in 0..3000 {
            let text: Vec<u8> = (0..state % 120)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    b"0123456789 - -x."[(state % 16) as usize]
                })
                .collect();
            let min = round % 14;
            assert_eq!(
                digit_runs(&text, min),
                plain(&text, min),
                "{min} {}",
                String::from_utf8_lossy(&text)
            );
        }
    }

    /// The keyword index finds exactly what a naive search finds: every
    /// occurrence of every keyword, ASCII case-insensitive, overlapping
    /// ones too, also with keywords whose folded bytes collide (`@` and
    /// `` ` ``), non-ASCII ones, and keywords at the very end of the text.
    #[test]
    fn keywords_find_every_occurrence() {
        fn next(state: &mut u64) -> u64 {
            *state ^= *state << 13;
            *state ^= *state >> 7;
            *state ^= *state << 17;
            *state
        }
        fn pick(state: &mut u64, len: u64) -> String {
            let alphabet: Vec<char> = "aAb@`é".chars().collect();
            (0..len)
                .map(|_| alphabet[(next(state) % alphabet.len() as u64) as usize])
                .collect()
        }
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let state = &mut state;
        for _ in 0..3000 {
            let mut keywords: Vec<String> = Vec::new();
            for _ in 0..1 + next(state) % 12 {
                let len = 1 + next(state) % 6;
                let keyword = pick(state, len).to_lowercase();
                if !keywords.contains(&keyword) {
                    keywords.push(keyword);
                }
            }
            let len = next(state) % 60;
            let text = pick(state, len);
            let bytes = text.as_bytes();
            let mut naive = Vec::new();
            for at in 0..bytes.len() {
                for (id, keyword) in keywords.iter().enumerate() {
                    let word = keyword.as_bytes();
                    if bytes
                        .get(at..at + word.len())
                        .is_some_and(|t| t.eq_ignore_ascii_case(word))
                    {
                        naive.push((id, at, at + word.len()));
                    }
                }
            }
            let mut found = Vec::new();
            Keywords::new(&keywords)
                .find_all(bytes, &mut |id, start, end| found.push((id, start, end)));
            found.sort_unstable_by_key(|&(id, start, _)| (start, id));
            naive.sort_unstable_by_key(|&(id, start, _)| (start, id));
            assert_eq!(found, naive, "{keywords:?} in {text:?}");
        }
    }

    /// A match that runs to the window's end widens it and searches again;
    /// widening by a fixed 256 bytes took 4000 searches over a megabyte
    /// shaped like a JWT whose last segment never ends (6 s in release).
    #[test]
    fn a_match_running_to_the_window_end_widens_it_geometrically() {
        let set = RuleSet::builtin().unwrap();
        let jwt = set.rules.iter().position(|r| r.id == "jwt.token").unwrap();
        let text = format!(
            "t eyJ{a}.ey{a}.{long}",
            a = "a".repeat(12),
            long = "a".repeat(1 << 20)
        );
        let mut hits = Vec::new();
        let searches = match_window(&set, jwt, &text, 2, 2 + 256, &mut hits);
        assert!(searches <= 20, "{searches} searches");
    }

    #[test]
    fn digit_runs_allow_single_separators() {
        let runs = digit_runs(b"card 4111 1111-1111 1111 end 12  34", 9);
        assert_eq!(runs, vec![(5, 24, 16)]);
        assert_eq!(digit_runs(b"ssn 078-05-1120.", 9), vec![(4, 15, 9)]);
        assert!(digit_runs(b"M 1 2 3 4 5 6 7 8 9 0 1 2 3 4", 9).is_empty());
        assert!(digit_runs(b"v1.2.3.4.5.6.7.8.9.0", 9).is_empty());
    }
}
