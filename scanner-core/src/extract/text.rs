//! Plain text: UTF-8, UTF-16 with a byte-order mark, and a Latin-1
//! fallback for legacy 8-bit files.

/// Decodes text, or `None` when the bytes look binary.
pub(crate) fn decode(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Some(String::from_utf8_lossy(rest).into_owned());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Some(utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Some(utf16(rest, u16::from_be_bytes));
    }
    if let Some(order) = utf16_without_bom(bytes) {
        return Some(utf16(bytes, order));
    }
    if looks_binary(bytes) {
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.to_string()),
        // UTF-8 with multi-byte characters, cut off mid-character at the end
        // (a truncated upload), is still UTF-8.
        Err(err) if err.error_len().is_none() && !bytes[..err.valid_up_to()].is_ascii() => {
            Some(String::from_utf8_lossy(bytes).into_owned())
        }
        Err(_) => Some(bytes.iter().map(|&b| char::from(b)).collect()),
    }
}

fn utf16(bytes: &[u8], order: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| order([pair[0], pair[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// UTF-16 text without a BOM shows up as NUL in every other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<fn([u8; 2]) -> u16> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    // Either order needs NUL in nine pairs of ten; most text has none,
    // which a vectorised search finds out at once.
    if !sample.contains(&0) {
        return None;
    }
    let pairs = sample.len() / 2;
    let (even_nul, odd_nul) = sample
        .chunks_exact(2)
        .fold((0usize, 0usize), |(even, odd), pair| {
            (
                even + usize::from(pair[0] == 0),
                odd + usize::from(pair[1] == 0),
            )
        });
    if odd_nul * 10 >= pairs * 9 && even_nul * 10 < pairs {
        Some(u16::from_le_bytes)
    } else if even_nul * 10 >= pairs * 9 && odd_nul * 10 < pairs {
        Some(u16::from_be_bytes)
    } else {
        None
    }
}

/// Where binary data starts in an 8-bit text whose start reads as text:
/// the offset of the first later block of [`SNIFF_BYTES`] that looks
/// binary. Text glued in front of a zip or other container passes the
/// sniff, and the container's compressed content cannot be read as text.
pub(crate) fn binary_after_start(bytes: &[u8]) -> Option<usize> {
    let utf16 = bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || utf16_without_bom(bytes).is_some();
    if utf16 {
        return None;
    }
    bytes
        .chunks(SNIFF_BYTES)
        .enumerate()
        .skip(1)
        .find(|(_, block)| looks_binary(block))
        .map(|(index, _)| index * SNIFF_BYTES)
}

const SNIFF_BYTES: usize = 8192;

/// Binary when the start holds NUL bytes or many control characters.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if sample.contains(&0) {
        return true;
    }
    control_bytes(sample) * 20 > sample.len().max(1)
}

/// How many bytes of `bytes` are control characters other than line
/// breaks, tabs and form feeds. Counted branch-free into byte-wide sums
/// over chunks of 255, which the compiler vectorises: every block of every
/// text file is counted.
fn control_bytes(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| {
            let sum = chunk.iter().fold(0u8, |sum, &b| {
                let control = (b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t') & (b != 0x0c);
                sum + u8::from(control)
            });
            usize::from(sum)
        })
        .sum()
}

/// Runs of at least 6 printable ASCII characters, one per line, like
/// `strings(1)`: what can still be read in an unknown binary. Runs of
/// UTF-16 ASCII follow (`strings -el` and `-eb`): UTF-16 text without a
/// byte-order mark that holds enough other characters to fail the UTF-16
/// sniff lands here too, and its ASCII is NUL-separated.
pub(crate) fn printable_strings(bytes: &[u8]) -> String {
    let mut out = String::new();
    for run in bytes.split(|&b| !is_printable(b)) {
        if run.len() >= MIN_RUN {
            out.push_str(std::str::from_utf8(run).unwrap_or_default());
            out.push('\n');
        }
    }
    let mut at = 0;
    while at + 1 < bytes.len() {
        let little = utf16_run(&bytes[at..], true);
        let run = if little.len() >= MIN_RUN {
            little
        } else {
            utf16_run(&bytes[at..], false)
        };
        if run.len() >= MIN_RUN {
            at += 2 * run.len();
            out.push_str(&run);
            out.push('\n');
        } else {
            at += 1;
        }
    }
    out
}

const MIN_RUN: usize = 6;

fn is_printable(byte: u8) -> bool {
    (0x20..0x7f).contains(&byte) || byte == b'\t'
}

/// The UTF-16 run of printable ASCII at the start of `bytes`.
fn utf16_run(bytes: &[u8], little_endian: bool) -> String {
    bytes
        .chunks_exact(2)
        .map(|pair| match little_endian {
            true => (pair[0], pair[1]),
            false => (pair[1], pair[0]),
        })
        .take_while(|&(char, zero)| zero == 0 && is_printable(char))
        .map(|(char, _)| char::from(char))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_bytes_counts_like_a_filter() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for len in [0, 1, 254, 255, 256, 1000, 8192] {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state % 40) as u8
                })
                .collect();
            let expected = bytes
                .iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
                .count();
            assert_eq!(control_bytes(&bytes), expected, "{len}");
        }
        assert_eq!(control_bytes(&[1; 300]), 300);
    }

    #[test]
    fn decodes_common_encodings() {
        assert_eq!(decode(b"plain").unwrap(), "plain");
        assert_eq!(decode(b"\xEF\xBB\xBFbom").unwrap(), "bom");
        assert_eq!(decode(b"\xFF\xFEh\0i\0").unwrap(), "hi");
        assert_eq!(decode(b"\xFE\xFF\0h\0i").unwrap(), "hi");
        assert_eq!(decode(b"k\0e\0y\0=\0v\0a\0l\0u\0e\0").unwrap(), "key=value");
        assert_eq!(decode(b"caf\xe9").unwrap(), "café");
        assert_eq!(decode("naïve".as_bytes()).unwrap(), "naïve");
        assert!(decode(b"\x00\x01\x02\x03binary").is_none());
    }

    #[test]
    fn strings_reads_utf16_runs_without_duplicates() {
        let mut bytes = b"\x01\x02".to_vec();
        bytes.extend("token=abc".encode_utf16().flat_map(u16::to_le_bytes));
        bytes.extend(b"\xff\x03");
        bytes.extend("secret=xyz".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(printable_strings(&bytes), "token=abc\nsecret=xyz\n");
    }

    #[test]
    fn strings_keeps_long_printable_runs() {
        assert_eq!(
            printable_strings(b"\x00\x01token=abcdef123\x00ab\x02"),
            "token=abcdef123\n"
        );
    }
}
