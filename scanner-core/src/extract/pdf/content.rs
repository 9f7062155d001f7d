//! Content streams → text.
//!
//! Runs the text operators (`Tj`, `TJ`, `'`, `"`) with their fonts and
//! tracks where each piece starts and ends on the page, so pieces that
//! belong together are joined: a token split over `TJ` elements or over
//! separately positioned strings comes out whole, a word gap becomes a
//! space and a move to another line a newline. Form XObjects (`Do`) add
//! their text in place. Marked-content `/ActualText` and `/Alt` are kept
//! too, as they can say something the glyphs do not.

use super::font::{Font, text_string};
use super::lexer::{Lexer, Token};
use std::rc::Rc;

pub(super) type Matrix = [f64; 6];

pub(super) const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// A gap wider than this share of the font size reads as a word space.
/// Kerning stays well below it; word spaces are around a quarter em.
const SPACE_GAP: f64 = 0.15;
/// A jump across the baseline larger than this share of the size starts a
/// new line (sub- and superscripts stay on theirs).
const LINE_JUMP: f64 = 0.5;
/// How deeply form XObjects may nest inside each other.
const MAX_FORM_DEPTH: usize = 12;
/// Saved graphics states kept (`q` beyond this is ignored).
const MAX_SAVED_STATES: usize = 256;
/// Operands kept inside arrays and dictionaries between two operators, at
/// all nesting levels together; the rest are read but dropped. A bound per
/// array was not enough: 32 nested arrays of a million `()` each made a
/// 63 KB file use a gigabyte.
const MAX_NESTED_OPERANDS: usize = 1 << 20;

/// `m × n`, PDF's row-vector convention.
pub(super) fn multiply(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// A form XObject ready to run.
pub(super) struct Form {
    pub content: Rc<Vec<u8>>,
    pub matrix: Matrix,
    /// Resources scope for the form's own names.
    pub scope: usize,
}

/// What the content refers to by name, resolved by the caller.
pub(super) trait Resources {
    /// The font named in `scope`'s `/Font` resources.
    fn font(&mut self, scope: usize, name: &[u8]) -> Option<Rc<Font>>;
    /// The form XObject named in `scope`'s `/XObject` resources; `None` for
    /// images, missing names and forms already shown on this page.
    fn form(&mut self, scope: usize, name: &[u8]) -> Option<Form>;
    /// False once the time budget or another limit stops extraction.
    fn keep_going(&mut self) -> bool;
}

/// Text extracted from a content stream.
#[derive(Debug, Default)]
pub(super) struct Extracted {
    pub text: String,
    /// Some text was shown in a font without a Unicode mapping.
    pub unmapped: bool,
}

/// Extracts the text of `content`, names resolved in `scope`.
pub(super) fn extract(
    content: &[u8],
    resources: &mut dyn Resources,
    scope: usize,
    max_depth: usize,
) -> Extracted {
    let fallback = Rc::new(Font::fallback());
    let mut run = Interpreter {
        resources,
        out: String::new(),
        alternates: Vec::new(),
        last: None,
        state: State {
            ctm: IDENTITY,
            font: fallback.clone(),
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
        },
        saved: Vec::new(),
        tm: IDENTITY,
        tlm: IDENTITY,
        fallback,
        unmapped: false,
        max_depth: max_depth.max(1),
        operations: 0,
        stopped: false,
    };
    run.run(content, scope, 0);
    let Interpreter {
        mut out,
        alternates,
        unmapped,
        ..
    } = run;
    // Checking each alternate against the page text is quadratic; past a
    // bound, alternates are appended without the check.
    let check = out.len().saturating_mul(alternates.len()) < 50_000_000;
    let mut added = std::collections::HashSet::new();
    for alternate in alternates {
        if (check && out.contains(alternate.as_str())) || !added.insert(alternate.clone()) {
            continue;
        }
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&alternate);
    }
    Extracted {
        text: out,
        unmapped,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Operand {
    Number(f64),
    String(Vec<u8>),
    Name(Vec<u8>),
    Array(Vec<Operand>),
    Dict(Vec<Operand>),
    Other,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Rc<Font>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    /// Horizontal scaling (`Tz` / 100).
    scale: f64,
    leading: f64,
}

/// Where the previous piece ended: device position, size and direction.
#[derive(Clone, Copy)]
struct Pen {
    end: [f64; 2],
    size: f64,
}

struct Interpreter<'r> {
    resources: &'r mut dyn Resources,
    out: String,
    alternates: Vec<String>,
    last: Option<Pen>,
    state: State,
    saved: Vec<State>,
    tm: Matrix,
    tlm: Matrix,
    fallback: Rc<Font>,
    unmapped: bool,
    max_depth: usize,
    operations: usize,
    stopped: bool,
}

fn number(operand: Option<&Operand>) -> f64 {
    match operand {
        Some(Operand::Number(n)) if n.is_finite() => *n,
        _ => 0.0,
    }
}

fn matrix(operands: &[Operand]) -> Option<Matrix> {
    if operands.len() < 6 {
        return None;
    }
    let tail = &operands[operands.len() - 6..];
    let mut m = [0.0; 6];
    for (slot, operand) in m.iter_mut().zip(tail) {
        match operand {
            Operand::Number(n) if n.is_finite() => *slot = *n,
            _ => return None,
        }
    }
    Some(m)
}

impl Interpreter<'_> {
    fn run(&mut self, content: &[u8], scope: usize, form_depth: usize) {
        let mut lexer = Lexer::new(content);
        let mut operands: Vec<Operand> = Vec::new();
        // Open arrays and dictionaries: (is_dictionary, items).
        let mut open: Vec<(bool, Vec<Operand>)> = Vec::new();
        // Nesting beyond max_depth is read but not kept.
        let mut ignored_depth = 0usize;
        // Operands kept inside `open` arrays since the last operator.
        let mut nested_operands = 0usize;
        while let Some(token) = lexer.next() {
            if self.stopped {
                return;
            }
            let operand = match token {
                Token::Number(n) => Operand::Number(n),
                Token::String(bytes) => Operand::String(bytes),
                Token::Name(name) => Operand::Name(name),
                Token::ArrayOpen | Token::DictOpen => {
                    if open.len() >= self.max_depth || ignored_depth > 0 {
                        ignored_depth += 1;
                    } else {
                        open.push((token == Token::DictOpen, Vec::new()));
                    }
                    continue;
                }
                Token::ArrayClose | Token::DictClose => {
                    if ignored_depth > 0 {
                        ignored_depth -= 1;
                        continue;
                    }
                    match open.pop() {
                        Some((true, items)) => Operand::Dict(items),
                        Some((false, items)) => Operand::Array(items),
                        None => continue,
                    }
                }
                Token::Keyword(b"true" | b"false" | b"null") => Operand::Other,
                Token::Keyword(operator) => {
                    // An operator inside an unclosed array means the array
                    // was malformed: drop it rather than swallow the page.
                    open.clear();
                    ignored_depth = 0;
                    nested_operands = 0;
                    if operator == b"ID" {
                        lexer.skip_inline_image();
                    } else {
                        self.operate(operator, &operands, scope, form_depth);
                    }
                    operands.clear();
                    continue;
                }
            };
            match open.last_mut() {
                Some((_, items)) => {
                    if nested_operands < MAX_NESTED_OPERANDS {
                        nested_operands += 1;
                        items.push(operand);
                    }
                }
                None => {
                    if operands.len() >= 1024 {
                        operands.drain(..operands.len() - 16);
                    }
                    operands.push(operand);
                }
            }
        }
    }

    fn operate(&mut self, operator: &[u8], operands: &[Operand], scope: usize, form_depth: usize) {
        self.operations += 1;
        if self.operations.is_multiple_of(4096) && !self.resources.keep_going() {
            self.stopped = true;
            return;
        }
        let last = operands.last();
        let arg = |from_end: usize| {
            number(
                operands
                    .len()
                    .checked_sub(from_end)
                    .and_then(|i| operands.get(i)),
            )
        };
        match operator {
            b"q" if self.saved.len() < MAX_SAVED_STATES => self.saved.push(self.state.clone()),
            b"Q" => {
                if let Some(state) = self.saved.pop() {
                    self.state = state;
                }
            }
            b"cm" => {
                if let Some(m) = matrix(operands) {
                    self.state.ctm = multiply(&m, &self.state.ctm);
                }
            }
            b"BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            b"Tf" => {
                self.state.size = arg(1);
                let name = operands.iter().rev().find_map(|o| match o {
                    Operand::Name(name) => Some(name.as_slice()),
                    _ => None,
                });
                self.state.font = name
                    .and_then(|name| self.resources.font(scope, name))
                    .unwrap_or_else(|| self.fallback.clone());
            }
            b"Tc" => self.state.char_spacing = arg(1),
            b"Tw" => self.state.word_spacing = arg(1),
            b"Tz" => self.state.scale = arg(1) / 100.0,
            b"TL" => self.state.leading = arg(1),
            b"Td" => self.move_line(arg(2), arg(1)),
            b"TD" => {
                self.state.leading = -arg(1);
                self.move_line(arg(2), arg(1));
            }
            b"Tm" => {
                if let Some(m) = matrix(operands) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            b"T*" => self.move_line(0.0, -self.state.leading),
            b"Tj" => {
                if let Some(Operand::String(bytes)) = last {
                    self.show(bytes);
                }
            }
            b"'" => {
                self.move_line(0.0, -self.state.leading);
                if let Some(Operand::String(bytes)) = last {
                    self.show(bytes);
                }
            }
            b"\"" => {
                self.state.word_spacing = arg(3);
                self.state.char_spacing = arg(2);
                self.move_line(0.0, -self.state.leading);
                if let Some(Operand::String(bytes)) = last {
                    self.show(bytes);
                }
            }
            b"TJ" => {
                if let Some(Operand::Array(items)) = last {
                    for item in items {
                        match item {
                            Operand::String(bytes) => self.show(bytes),
                            Operand::Number(n) if n.is_finite() => {
                                let tx = -n / 1000.0 * self.state.size * self.state.scale;
                                self.tm = multiply(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
                            }
                            _ => {}
                        }
                    }
                }
            }
            b"Do" => {
                if let Some(Operand::Name(name)) = last {
                    self.form(name, scope, form_depth);
                }
            }
            b"BDC" => {
                if let Some(Operand::Dict(items)) = last {
                    self.marked_content(items);
                }
            }
            _ => {}
        }
    }

    fn move_line(&mut self, tx: f64, ty: f64) {
        self.tlm = multiply(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    fn show(&mut self, bytes: &[u8]) {
        let font = self.state.font.clone();
        let mut piece = String::new();
        let advance = font.show(bytes, &mut piece);
        if font.unmapped && !bytes.is_empty() {
            self.unmapped = true;
        }
        let m = multiply(&self.tm, &self.state.ctm);
        let size = (self.state.size * m[2].hypot(m[3])).abs();
        let size = if size > 1e-6 { size } else { 1.0 };
        let length = m[0].hypot(m[1]);
        let direction = if length > 1e-9 {
            [m[0] / length, m[1] / length]
        } else {
            [1.0, 0.0]
        };
        self.separate([m[4], m[5]], size, direction, &piece);
        self.out.push_str(&piece);

        let state = &self.state;
        let tx = (advance.width * state.size
            + advance.codes as f64 * state.char_spacing
            + advance.spaces as f64 * state.word_spacing)
            * state.scale;
        if tx.is_finite() {
            self.tm = multiply(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
        }
        let m = multiply(&self.tm, &self.state.ctm);
        self.last = Some(Pen {
            end: [m[4], m[5]],
            size,
        });
    }

    /// Puts a space or newline between the previous piece and one starting
    /// at `start`, judged by the gap between them.
    fn separate(&mut self, start: [f64; 2], size: f64, direction: [f64; 2], piece: &str) {
        let Some(pen) = self.last else { return };
        if self.out.is_empty() || self.out.ends_with('\n') {
            return;
        }
        let delta = [start[0] - pen.end[0], start[1] - pen.end[1]];
        let along = delta[0] * direction[0] + delta[1] * direction[1];
        let across = delta[1] * direction[0] - delta[0] * direction[1];
        let size = size.max(pen.size);
        if !across.is_finite() || across.abs() > LINE_JUMP * size {
            self.out.push('\n');
        } else if (along > SPACE_GAP * size || along < -size)
            && !self.out.ends_with(char::is_whitespace)
            && !piece.starts_with(char::is_whitespace)
        {
            self.out.push(' ');
        }
    }

    fn form(&mut self, name: &[u8], scope: usize, form_depth: usize) {
        if form_depth >= MAX_FORM_DEPTH.min(self.max_depth) {
            return;
        }
        let Some(form) = self.resources.form(scope, name) else {
            return;
        };
        let saved = (self.state.clone(), self.tm, self.tlm);
        self.state.ctm = multiply(&form.matrix, &self.state.ctm);
        self.run(&form.content, form.scope, form_depth + 1);
        (self.state, self.tm, self.tlm) = saved;
    }

    fn marked_content(&mut self, items: &[Operand]) {
        for pair in items.chunks(2) {
            if let [Operand::Name(key), Operand::String(value)] = pair
                && matches!(key.as_slice(), b"ActualText" | b"Alt" | b"E")
                && self.alternates.len() < 10_000
            {
                let text = text_string(value);
                if !text.trim().is_empty() {
                    self.alternates.push(text);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoResources;

    impl Resources for NoResources {
        fn font(&mut self, _: usize, _: &[u8]) -> Option<Rc<Font>> {
            None
        }
        fn form(&mut self, _: usize, _: &[u8]) -> Option<Form> {
            None
        }
        fn keep_going(&mut self) -> bool {
            true
        }
    }

    fn text(content: &[u8]) -> String {
        extract(content, &mut NoResources, 0, 64).text
    }

    #[test]
    fn joins_tj_pieces_and_spaces_words() {
        assert_eq!(
            text(b"BT /F1 10 Tf [(AKIA) -20 (ABC) 10 (DEF)] TJ ET"),
            "AKIAABCDEF"
        );
        assert_eq!(
            text(b"BT /F1 10 Tf [(hello) -300 (world)] TJ ET"),
            "hello world"
        );
    }

    #[test]
    fn lines_and_positioned_pieces() {
        // Estimated width 0.5 em: "abc" at size 10 ends 15 units on.
        assert_eq!(
            text(b"BT /F1 10 Tf 100 700 Td (abc) Tj 15 0 Td (def) Tj ET"),
            "abcdef"
        );
        assert_eq!(
            text(b"BT /F1 10 Tf 100 700 Td (abc) Tj 20 0 Td (def) Tj ET"),
            "abc def"
        );
        assert_eq!(
            text(b"BT /F1 10 Tf 12 TL 100 700 Td (one) Tj T* (two) Tj (three) ' ET"),
            "one\ntwo\nthree"
        );
        assert_eq!(
            text(b"BT /F1 10 Tf 1 0 0 1 50 500 Tm (a) Tj ET BT 1 0 0 1 50 480 Tm (b) Tj ET"),
            "a\nb"
        );
    }

    #[test]
    fn positions_follow_the_ctm() {
        let content = b"q 1 0 0 1 100 700 cm BT /F1 10 Tf (abc) Tj ET Q q 1 0 0 1 115 700 cm BT /F1 10 Tf (def) Tj ET Q";
        assert_eq!(text(content), "abcdef");
    }

    #[test]
    fn keeps_actual_text_and_survives_bad_input() {
        assert_eq!(
            text(b"/Span << /ActualText (hidden) >> BDC BT (shown) Tj ET EMC"),
            "shown\nhidden"
        );
        assert_eq!(text(b"BT [(a) (b) Tj (c) Tj ET"), "c");
        let mut deep = b"BT ".to_vec();
        deep.extend(std::iter::repeat_n(b'[', 100_000));
        deep.extend(b" (x) Tj (y) Tj");
        assert_eq!(text(&deep), "y");
        assert_eq!(text(b"BI /W 2 ID \xff\x00(no) Tj EI (yes) Tj"), "yes");
    }
}
