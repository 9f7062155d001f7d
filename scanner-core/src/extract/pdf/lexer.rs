//! A flat PDF tokenizer for content streams, CMaps and carved raw objects.
//!
//! It never recurses and never fails: arrays and dictionaries come out as
//! open/close tokens, and malformed bytes become keywords or are skipped, so
//! hostile or damaged input cannot overflow the stack or stop extraction.
//! lopdf parses the object graph; this reads everything lopdf leaves as
//! bytes (content streams) and everything it could not load (damaged files).

/// One token. Strings are returned with escapes resolved but undecoded:
/// their meaning depends on the font or on the text-string rules.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token<'a> {
    Number(f64),
    Name(Vec<u8>),
    String(Vec<u8>),
    ArrayOpen,
    ArrayClose,
    DictOpen,
    DictClose,
    /// Operators, `true`/`false`/`null`, `R`, `obj`, PostScript braces, …
    Keyword(&'a [u8]),
}

pub(super) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

pub(super) fn is_whitespace(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

pub(super) fn is_delimiter(byte: u8) -> bool {
    matches!(
        byte,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(byte: u8) -> bool {
    !is_whitespace(byte) && !is_delimiter(byte)
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    pub(super) fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0 }
    }

    fn skip_whitespace_and_comments(&mut self) {
        while let Some(&byte) = self.data.get(self.pos) {
            if is_whitespace(byte) {
                self.pos += 1;
            } else if byte == b'%' {
                while let Some(&byte) = self.data.get(self.pos) {
                    if byte == b'\n' || byte == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Skips the binary data of an inline image, which follows the `ID`
    /// operator and ends at an `EI` standing alone between white space.
    pub(super) fn skip_inline_image(&mut self) {
        // One white-space byte separates ID from the data.
        self.pos = (self.pos + 1).min(self.data.len());
        let data = self.data;
        let mut at = self.pos;
        while at + 1 < data.len() {
            if data[at] == b'E'
                && data[at + 1] == b'I'
                && (at == 0 || is_whitespace(data[at - 1]))
                && data
                    .get(at + 2)
                    .is_none_or(|&b| is_whitespace(b) || is_delimiter(b))
            {
                self.pos = at + 2;
                return;
            }
            at += 1;
        }
        self.pos = data.len();
    }

    fn literal_string(&mut self) -> Vec<u8> {
        // Called with pos just after the opening parenthesis.
        let data = self.data;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(&byte) = data.get(self.pos) {
            self.pos += 1;
            match byte {
                b'\\' => {
                    let Some(&next) = data.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match next {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut value = u32::from(next - b'0');
                            for _ in 0..2 {
                                match data.get(self.pos) {
                                    Some(&digit @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(digit - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(value as u8);
                        }
                        // A backslash at the end of a line continues the string.
                        b'\r' => {
                            if data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(byte);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(byte);
                }
                b'\r' => {
                    // An end of line inside a string reads as a single newline.
                    if data.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                _ => out.push(byte),
            }
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        // Called with pos just after the opening angle bracket.
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&byte) = self.data.get(self.pos) {
            self.pos += 1;
            if byte == b'>' {
                break;
            }
            if let Some(value) = hex_value(byte) {
                match high.take() {
                    Some(h) => out.push(h << 4 | value),
                    None => high = Some(value),
                }
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    fn name(&mut self) -> Vec<u8> {
        // Called with pos just after the slash.
        let mut out = Vec::new();
        while let Some(&byte) = self.data.get(self.pos) {
            if !is_regular(byte) {
                break;
            }
            self.pos += 1;
            if byte == b'#' {
                let high = self.data.get(self.pos).copied().and_then(hex_value);
                let low = self.data.get(self.pos + 1).copied().and_then(hex_value);
                if let (Some(high), Some(low)) = (high, low) {
                    out.push(high << 4 | low);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(byte);
        }
        out
    }

    fn regular(&mut self) -> Token<'a> {
        let start = self.pos;
        while self.data.get(self.pos).is_some_and(|&b| is_regular(b)) {
            self.pos += 1;
        }
        let word = &self.data[start..self.pos];
        match parse_number(word) {
            Some(number) => Token::Number(number),
            None => Token::Keyword(word),
        }
    }
}

/// Parses a PDF number (`12`, `-3.5`, `.25`, `+4.`), leniently.
pub(super) fn parse_number(word: &[u8]) -> Option<f64> {
    let first = *word.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return None;
    }
    let text = std::str::from_utf8(word).ok()?;
    if !text
        .bytes()
        .skip(1)
        .all(|b| b.is_ascii_digit() || b == b'.')
    {
        // Malformed producers write "--5" or "5-"; read what is sensible.
        let trimmed = text.trim_start_matches(['+', '-']);
        let negative = text.starts_with('-');
        let digits: String = trimmed
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let value: f64 = digits.parse().ok()?;
        return Some(if negative { -value } else { value });
    }
    if text.bytes().filter(|&b| b == b'.').count() > 1 {
        return None;
    }
    match text {
        "+" | "-" | "." | "+." | "-." => None,
        _ => {
            let text = text.strip_prefix('+').unwrap_or(text);
            let text = text.strip_suffix('.').unwrap_or(text);
            text.parse()
                .ok()
                .or_else(|| text.parse::<i64>().ok().map(|v| v as f64))
        }
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            self.skip_whitespace_and_comments();
            let &byte = self.data.get(self.pos)?;
            self.pos += 1;
            return Some(match byte {
                b'(' => Token::String(self.literal_string()),
                b'<' if self.data.get(self.pos) == Some(&b'<') => {
                    self.pos += 1;
                    Token::DictOpen
                }
                b'<' => Token::String(self.hex_string()),
                b'>' if self.data.get(self.pos) == Some(&b'>') => {
                    self.pos += 1;
                    Token::DictClose
                }
                b'[' => Token::ArrayOpen,
                b']' => Token::ArrayClose,
                b'/' => Token::Name(self.name()),
                b'{' => Token::Keyword(b"{"),
                b'}' => Token::Keyword(b"}"),
                // A stray `)` or `>`: skip it.
                b')' | b'>' => continue,
                _ => {
                    self.pos -= 1;
                    self.regular()
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(data: &[u8]) -> Vec<Token<'_>> {
        Lexer::new(data).collect()
    }

    #[test]
    fn reads_the_basic_token_kinds() {
        let found = tokens(b"/F1 12 Tf [(a\\(b\\)) -250 <4142>] TJ << /K#20x true >> % note\n-.5");
        assert_eq!(
            found,
            vec![
                Token::Name(b"F1".to_vec()),
                Token::Number(12.0),
                Token::Keyword(b"Tf"),
                Token::ArrayOpen,
                Token::String(b"a(b)".to_vec()),
                Token::Number(-250.0),
                Token::String(b"AB".to_vec()),
                Token::ArrayClose,
                Token::Keyword(b"TJ"),
                Token::DictOpen,
                Token::Name(b"K x".to_vec()),
                Token::Keyword(b"true"),
                Token::DictClose,
                Token::Number(-0.5),
            ]
        );
    }

    #[test]
    fn resolves_string_escapes() {
        assert_eq!(
            tokens(b"(\\101\\102C\\\nD (nested) \\q)"),
            vec![Token::String(b"ABCD (nested) q".to_vec())]
        );
        assert_eq!(tokens(b"<41 4>"), vec![Token::String(b"A@".to_vec())]);
    }

    #[test]
    fn survives_garbage_and_unterminated_input() {
        assert_eq!(
            tokens(b"(never closed"),
            vec![Token::String(b"never closed".to_vec())]
        );
        assert_eq!(tokens(b")) >"), vec![]);
        assert_eq!(tokens(b"--5"), vec![Token::Number(-5.0)]);
        let deep = vec![b'['; 100_000];
        assert_eq!(tokens(&deep).len(), 100_000);
    }

    #[test]
    fn skips_inline_image_data() {
        let mut lexer = Lexer::new(b"BI /W 1 ID \x00(EI)\xff EI (after) Tj");
        let mut seen = Vec::new();
        while let Some(token) = lexer.next() {
            if token == Token::Keyword(b"ID") {
                lexer.skip_inline_image();
                continue;
            }
            seen.push(token);
        }
        assert_eq!(seen.last(), Some(&Token::Keyword(b"Tj")));
        assert!(seen.contains(&Token::String(b"after".to_vec())));
        assert!(!seen.contains(&Token::String(b"EI".to_vec())));
    }
}
