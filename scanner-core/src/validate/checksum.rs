//! Check digits and CRCs: the checks that confirm a number or token was
//! issued rather than typed by chance.

use super::Validity;

/// Luhn (mod 10) over the digits of `value`, ignoring separators.
pub(super) fn luhn(value: &str) -> bool {
    let digits: Vec<u32> = value.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() < 12 {
        return false;
    }
    luhn_digits(&digits)
}

/// Luhn over exactly these digits (cards, and national IDs that use it).
pub(super) fn luhn_digits(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Card numbers published by processors for testing; they pass every
/// check but are documentation, not card data.
const TEST_CARD_NUMBERS: &[&str] = &[
    "4111111111111111",
    "4242424242424242",
    "4012888888881881",
    "4000056655665556",
    "4222222222222",
    "5555555555554444",
    "5105105105105100",
    "2223003122003222",
    "378282246310005",
    "371449635398431",
    "378734493671000",
    "6011111111111117",
    "6011000990139424",
    "3530111333300000",
    "3566002020360505",
    "30569309025904",
    "38520000023237",
];

/// A payment card number: 13–19 digits with uniform separators, a known
/// issuer range with a length that issuer uses, a valid Luhn digit, and
/// not a published test number or a low-variety run.
pub(super) fn payment_card(value: &str) -> bool {
    if !uniform_grouping(value) {
        return false;
    }
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    let numbers: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if !(13..=19).contains(&numbers.len()) || !issuer_length_ok(&digits) {
        return false;
    }
    let mut distinct = [false; 10];
    for &d in &numbers {
        distinct[d as usize] = true;
    }
    if distinct.iter().filter(|&&seen| seen).count() < 4 {
        return false;
    }
    luhn_digits(&numbers) && !TEST_CARD_NUMBERS.contains(&digits.as_str())
}

/// Separators, if any, are all the same character: `4111 1111 …` or
/// `4111-1111-…`, never a mix, which is how tables of unrelated numbers look.
fn uniform_grouping(value: &str) -> bool {
    let mut separators = value.chars().filter(|c| !c.is_ascii_digit());
    match separators.next() {
        None => true,
        Some(first) => (first == ' ' || first == '-') && separators.all(|c| c == first),
    }
}

/// Issuer identification ranges and the lengths each issues.
fn issuer_length_ok(digits: &str) -> bool {
    let len = digits.len();
    let prefix = |n: usize| digits[..n].parse::<u32>().unwrap_or(0);
    let in_range = |n: usize, low: u32, high: u32| (low..=high).contains(&prefix(n));
    match digits.as_bytes()[0] {
        // Visa.
        b'4' => matches!(len, 13 | 16 | 19),
        // Mastercard (51–55, 2221–2720); Maestro (50, 56–58).
        b'5' => {
            (in_range(2, 51, 55) && len == 16)
                || ((prefix(2) == 50 || in_range(2, 56, 58)) && len >= 12)
        }
        b'2' => in_range(4, 2221, 2720) && len == 16,
        // Amex (34, 37), Diners (300–305, 36, 38–39), JCB (3528–3589).
        b'3' => {
            (matches!(prefix(2), 34 | 37) && len == 15)
                || ((in_range(3, 300, 305) || matches!(prefix(2), 36 | 38 | 39))
                    && (14..=19).contains(&len))
                || (in_range(4, 3528, 3589) && (16..=19).contains(&len))
        }
        // Discover (6011, 644–649, 65), UnionPay (62), Maestro (6304, 67xx).
        b'6' => {
            (prefix(4) == 6011 || in_range(3, 644, 649) || matches!(prefix(2), 62 | 65))
                && (16..=19).contains(&len)
                || ((prefix(4) == 6304 || prefix(2) == 67) && (12..=19).contains(&len))
        }
        _ => false,
    }
}

/// IBAN length per country (ISO 13616 registry).
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NL", 18),
    ("NO", 15),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("SA", 24),
    ("SC", 31),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
];

/// An IBAN: known country, that country's length, and mod-97 == 1.
pub(super) fn iban(value: &str) -> bool {
    let compact: Vec<char> = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !(15..=34).contains(&compact.len()) || !compact.iter().all(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let country: String = compact[..2].iter().collect();
    match IBAN_LENGTHS.iter().find(|(code, _)| *code == country) {
        Some(&(_, len)) if len == compact.len() => {}
        _ => return false,
    }
    if !compact[2].is_ascii_digit() || !compact[3].is_ascii_digit() {
        return false;
    }
    let rearranged = compact[4..].iter().chain(compact[..4].iter());
    let mut remainder: u32 = 0;
    for c in rearranged {
        let Some(value) = c.to_digit(36) else {
            return false;
        };
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
    }
    remainder == 1
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `n` in base62 (digits, upper, lower), left-padded with `0` to `width`.
fn base62(mut n: u64, width: usize) -> String {
    let mut out = Vec::with_capacity(width);
    while n > 0 {
        out.push(BASE62[(n % 62) as usize]);
        n /= 62;
    }
    while out.len() < width {
        out.push(b'0');
    }
    out.reverse();
    String::from_utf8(out).expect("base62 digits are ASCII")
}

/// GitHub's token format (2021), also used by npm: `prefix_` + 30 random
/// base62 characters + base62(CRC-32/IEEE of those 30), padded to 6.
/// Tokens of another body length (newer long `ghs_` tokens) cannot be
/// checked this way and stay plausible.
pub(super) fn github_crc32(token: &str) -> Validity {
    let Some((_, body)) = token.split_once('_') else {
        return Validity::Invalid;
    };
    if body.len() != 36 {
        return if body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            Validity::Plausible
        } else {
            Validity::Invalid
        };
    }
    if !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Validity::Invalid;
    }
    let (random, check) = body.split_at(30);
    Validity::confirmed_if(base62(u64::from(crc32fast::hash(random.as_bytes())), 6) == check)
}

/// CRC-24 of RFC 4880 section 6.1, the OpenPGP armour checksum.
pub(super) fn crc24(data: &[u8]) -> u32 {
    let mut crc: u32 = 0x00B7_04CE;
    for &byte in data {
        crc ^= u32::from(byte) << 16;
        for _ in 0..8 {
            crc <<= 1;
            if crc & 0x0100_0000 != 0 {
                crc ^= 0x0186_4CFB;
            }
        }
    }
    crc & 0x00FF_FFFF
}

/// GitLab routable token: `prefix` + base64url payload + `.` + version
/// (`01.`, absent in the first 2024 tokens) + base36 payload length (2) +
/// base36 CRC-32 of everything before it, padded to 7. A token without a
/// `.` is the legacy random format, which has nothing to check.
pub(super) fn gitlab_routable(token: &str) -> Validity {
    if !token.contains('.') {
        return Validity::Plausible;
    }
    let Some(split) = token.len().checked_sub(7) else {
        return Validity::Invalid;
    };
    let Some((body, crc)) = token.split_at_checked(split) else {
        return Validity::Invalid;
    };
    if !crc
        .bytes()
        .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
    {
        return Validity::Invalid;
    }
    let Ok(crc) = u64::from_str_radix(crc, 36) else {
        return Validity::Invalid;
    };
    Validity::confirmed_if(crc == u64::from(crc32fast::hash(body.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Changes the character at `at` to another one of the same class.
    fn altered(value: &str, at: usize) -> String {
        let mut chars: Vec<char> = value.chars().collect();
        chars[at] = match chars[at] {
            '9' => '8',
            'z' => 'y',
            'Z' => 'Y',
            c => char::from(c as u8 + 1),
        };
        chars.into_iter().collect()
    }

    #[test]
    fn luhn_accepts_valid_and_rejects_altered_numbers() {
        assert!(luhn("4111 1111 1111 1111"));
        assert!(!luhn("4111 1111 1111 1112"));
    }

    #[test]
    fn payment_cards_need_issuer_luhn_and_real_data() {
        assert!(payment_card("4556 7375 8689 9855"));
        assert!(payment_card("5425-2334-3010-9903"));
        assert!(payment_card("374245455400126"));
        assert!(
            !payment_card(&altered("4556 7375 8689 9855", 3)),
            "Luhn digit broken"
        );
        assert!(!payment_card("4556 7375-8689 9855"), "mixed separators");
        assert!(
            !payment_card("4111 1111 1111 1111"),
            "published test number"
        );
        assert!(!payment_card("1700000000000000"), "no issuer");
        assert!(!payment_card("3742454554001269"), "Amex is 15 digits");
    }

    #[test]
    fn iban_mod97_and_country_length() {
        assert!(iban("GB82 WEST 1234 5698 7654 32"));
        assert!(iban("DE89370400440532013000"));
        assert!(!iban("DE89370400440532013001"));
        assert!(!iban("DE8937040044053201300"), "DE is 22 characters");
        assert!(!iban("ZZ89370400440532013000"), "unknown country");
    }

    #[test]
    fn github_checksum_matches_the_published_algorithm() {
        // The example from GitHub's token-format write-up: 30 random
        // characters then base62(CRC-32) = "0mLq17".
        let token = "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";
        assert_eq!(github_crc32(token), Validity::Valid);
        for at in [4, 20, 33, 34, 39] {
            assert_eq!(
                github_crc32(&altered(token, at)),
                Validity::Invalid,
                "changed at {at}"
            );
        }
        assert_eq!(
            github_crc32("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"),
            Validity::Valid
        );
        assert_eq!(
            github_crc32("ghs_zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq17AbCdEf"),
            Validity::Plausible
        );
        assert_eq!(github_crc32("ghp-nounderscore"), Validity::Invalid);
    }

    #[test]
    fn base62_pads_and_orders_digits_first() {
        assert_eq!(base62(0, 6), "000000");
        assert_eq!(base62(61, 2), "0z");
        assert_eq!(base62(62, 1), "10");
    }

    #[test]
    fn crc24_matches_rfc4880() {
        // Initial value alone for empty input, and a known vector.
        assert_eq!(crc24(b""), 0xB704CE);
        assert_eq!(crc24(b"123456789"), 0x21CF02);
    }

    #[test]
    fn gitlab_routable_checks_the_base36_crc() {
        // Built the way GitLab's generator builds it: CRC-32 of
        // "glpat-<payload>.01.<length>", in base36, padded to 7.
        let body = "glpat-bzoxMHVmCnU6MWtjYTZzkJ38ZvfomLQIhUA7cCUOYhA.01.17";
        let crc = {
            let mut n = u64::from(crc32fast::hash(body.as_bytes()));
            let mut out = Vec::new();
            while n > 0 {
                out.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize]);
                n /= 36;
            }
            while out.len() < 7 {
                out.push(b'0');
            }
            out.reverse();
            String::from_utf8(out).unwrap()
        };
        let token = format!("{body}{crc}");
        assert_eq!(gitlab_routable(&token), Validity::Valid);
        for at in [8, 40, token.len() - 1] {
            assert_eq!(
                gitlab_routable(&altered(&token, at)),
                Validity::Invalid,
                "changed at {at}"
            );
        }
        assert_eq!(
            gitlab_routable("glpat-wK9kLWBsZFwJgO52MhEB"),
            Validity::Plausible
        );
        assert_eq!(gitlab_routable("a.b"), Validity::Invalid);
        assert_eq!(gitlab_routable("glpat-x.ZZZZZZZZZ"), Validity::Invalid);
        assert_eq!(gitlab_routable("glpat-x.é1234567"), Validity::Invalid);
    }
}
