//! National identity numbers: each country's own check-digit algorithm,
//! plus the date and range rules that the number encodes. A number that
//! passes is confirmed; formats without a check digit (UK NINO, Danish CPR)
//! are only checked for plausibility by the caller.
//!
//! Every function takes the matched text as it appeared (with spaces, dots
//! or dashes) and never panics on arbitrary input.

use super::checksum::luhn_digits;

/// The ASCII digits of `value` as numbers, when everything else in it is one
/// of `separators`.
fn digits_only(value: &str, separators: &str) -> Option<Vec<u32>> {
    let mut digits = Vec::with_capacity(value.len());
    for c in value.chars() {
        match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => digits.push(d),
            _ if separators.contains(c) => {}
            _ => return None,
        }
    }
    Some(digits)
}

/// Digits of `value` when it holds exactly `len` of them and nothing but
/// the usual separators (space, dot, dash, slash).
fn digits_of_len(value: &str, len: usize) -> Option<Vec<u32>> {
    digits_only(value, " .-/").filter(|d| d.len() == len)
}

/// A run of one digit (`1111111111`) passes many weighted checks but is
/// filler, never an issued number.
fn one_repeated(digits: &[u32]) -> bool {
    digits.windows(2).all(|w| w[0] == w[1])
}

fn weighted_sum(digits: &[u32], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum()
}

fn number(digits: &[u32]) -> u64 {
    digits.iter().fold(0, |n, &d| n * 10 + u64::from(d))
}

/// Month 1–12 and a day that month can have (29 February allowed).
fn plausible_date(month: u32, day: u32) -> bool {
    let days = match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// UK NHS number: ten digits, weights 10..2 mod 11, where a remainder
/// giving check value 10 is never issued. The 999 range is reserved for
/// testing.
pub(super) fn uk_nhs(value: &str) -> bool {
    let Some(d) = digits_of_len(value, 10) else {
        return false;
    };
    let sum = weighted_sum(&d[..9], &[10, 9, 8, 7, 6, 5, 4, 3, 2]);
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == d[9] && !one_repeated(&d) && d[..3] != [9, 9, 9]
}

/// UK National Insurance number: two prefix letters from the allowed
/// sets, six digits, suffix A–D. No check digit: plausible only.
pub(super) fn uk_nino(value: &str) -> bool {
    let compact: Vec<u8> = value
        .bytes()
        .filter(|b| *b != b' ')
        .map(|b| b.to_ascii_uppercase())
        .collect();
    let [first, second, rest @ ..] = compact.as_slice() else {
        return false;
    };
    let (digits, suffix) = match rest {
        [digits @ .., suffix] if digits.len() == 6 => (digits, Some(*suffix)),
        digits if digits.len() == 6 => (digits, None),
        _ => return false,
    };
    let prefix = [*first, *second];
    const NEVER_ISSUED: &[&[u8; 2]] = &[b"BG", b"GB", b"KN", b"NK", b"NT", b"TN", b"ZZ"];
    first.is_ascii_uppercase()
        && !b"DFIQUV".contains(first)
        && second.is_ascii_uppercase()
        && !b"DFIOQUV".contains(second)
        && !NEVER_ISSUED.contains(&&prefix)
        && digits.iter().all(u8::is_ascii_digit)
        && suffix.is_none_or(|s| (b'A'..=b'D').contains(&s))
}

/// German tax id (steuerliche Identifikationsnummer): eleven digits, no
/// leading zero; in the first ten exactly one digit occurs twice or three
/// times (never three in a row) and the rest at most once; ISO 7064
/// MOD 11,10 check digit.
pub(super) fn de_steuer_id(value: &str) -> bool {
    let Some(d) = digits_of_len(value, 11) else {
        return false;
    };
    if d[0] == 0 {
        return false;
    }
    let mut counts = [0u32; 10];
    for &digit in &d[..10] {
        counts[digit as usize] += 1;
    }
    let repeated: Vec<u32> = counts.iter().copied().filter(|&c| c > 1).collect();
    if !matches!(repeated.as_slice(), [2] | [3]) {
        return false;
    }
    if d[..10].windows(3).any(|w| w[0] == w[1] && w[1] == w[2]) {
        return false;
    }
    let mut product = 10;
    for &digit in &d[..10] {
        let mut sum = (digit + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let check = match 11 - product {
        10 => 0,
        c => c,
    };
    check == d[10]
}

/// French social security number (NIR): sex, year, month, department
/// (Corsica `2A`/`2B` counted as 19/18), commune, order, and a key of
/// 97 minus the 13-digit number mod 97.
pub(super) fn fr_nir(value: &str) -> bool {
    let compact: String = value
        .chars()
        .filter(|c| *c != ' ' && *c != '.' && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    if compact.len() != 15 || !compact.is_ascii() {
        return false;
    }
    let (body, key) = compact.split_at(13);
    let corsica = match &body[5..7] {
        "2A" => Some("19"),
        "2B" => Some("18"),
        _ => None,
    };
    let numeric = match corsica {
        Some(code) => format!("{}{code}{}", &body[..5], &body[7..]),
        None => body.to_string(),
    };
    let Some(d) = digits_only(&numeric, "") else {
        return false;
    };
    let Some(key_digits) = digits_only(key, "") else {
        return false;
    };
    // 1, 2: born in France; 3, 4: foreign-born before registration;
    // 7, 8: temporary numbers (NIA).
    if !matches!(d[0], 1 | 2 | 3 | 4 | 7 | 8) {
        return false;
    }
    // Month 01–12, 20 or 30–42 and 50–99 are used when the month is unknown.
    let month = d[3] * 10 + d[4];
    if !matches!(month, 1..=12 | 20 | 30..=42 | 50..=99) {
        return false;
    }
    let key = number(&key_digits);
    key == 97 - number(&d) % 97
}

const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// Spanish DNI (eight digits and a letter) or NIE (X, Y or Z, seven digits
/// and a letter): the letter is the number mod 23 in a fixed table.
pub(super) fn es_dni(value: &str) -> bool {
    let compact: Vec<u8> = value
        .bytes()
        .filter(|b| *b != b'-' && *b != b' ')
        .map(|b| b.to_ascii_uppercase())
        .collect();
    let [body @ .., letter] = compact.as_slice() else {
        return false;
    };
    let (lead, rest) = match body.first() {
        Some(b'X') => (0u64, &body[1..]),
        Some(b'Y') => (1, &body[1..]),
        Some(b'Z') => (2, &body[1..]),
        _ => (0, body),
    };
    let expected_len = if rest.len() == body.len() { 8 } else { 7 };
    if rest.len() != expected_len || !rest.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n = rest.iter().fold(lead, |n, b| n * 10 + u64::from(b - b'0'));
    let digits: Vec<u32> = rest.iter().map(|b| u32::from(b - b'0')).collect();
    DNI_LETTERS[(n % 23) as usize] == *letter && !one_repeated(&digits)
}

/// Value of a codice fiscale character in an odd (1st, 3rd, …) position.
const CF_ODD: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// Letters that stand for digits 0–9 in a codice fiscale made unique by
/// substitution (omocodia).
const CF_OMOCODIA: &[u8; 10] = b"LMNPQRSTUV";

/// Italian codice fiscale: six letters of name, year, month letter, day
/// (plus 40 for women), municipality code and a check letter from the odd
/// and even position tables mod 26. Digits may be replaced by letters when
/// two people would share a code.
pub(super) fn it_codice_fiscale(value: &str) -> bool {
    let code = value.to_ascii_uppercase();
    let b = code.as_bytes();
    if b.len() != 16 {
        return false;
    }
    let digit_at = |i: usize| -> Option<u32> {
        let c = b[i];
        if c.is_ascii_digit() {
            Some(u32::from(c - b'0'))
        } else {
            CF_OMOCODIA.iter().position(|&l| l == c).map(|p| p as u32)
        }
    };
    let letters = [0, 1, 2, 3, 4, 5, 8, 11, 15];
    if !letters.iter().all(|&i| b[i].is_ascii_uppercase()) || !b"ABCDEHLMPRST".contains(&b[8]) {
        return false;
    }
    let numeric = [6, 7, 9, 10, 12, 13, 14];
    let Some(values) = numeric
        .iter()
        .map(|&i| digit_at(i))
        .collect::<Option<Vec<_>>>()
    else {
        return false;
    };
    let day = values[2] * 10 + values[3];
    if !matches!(day, 1..=31 | 41..=71) {
        return false;
    }
    let mut sum = 0;
    for (i, &c) in b[..15].iter().enumerate() {
        let index = if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else {
            u32::from(c - b'A')
        };
        sum += if i % 2 == 0 {
            CF_ODD[index as usize]
        } else {
            index
        };
    }
    b[15] == b'A' + (sum % 26) as u8
}

/// Dutch citizen service number (BSN): nine digits passing the "11-proof",
/// weights 9..2 and −1 for the last digit.
pub(super) fn nl_bsn(value: &str) -> bool {
    let Some(d) = digits_of_len(value, 9) else {
        return false;
    };
    let sum = weighted_sum(&d[..8], &[9, 8, 7, 6, 5, 4, 3, 2]);
    let total = sum as i64 - i64::from(d[8]);
    total > 0 && total % 11 == 0 && !one_repeated(&d)
}

/// Swedish personnummer or samordningsnummer (day + 60): `YYMMDD-NNNC`,
/// `YYMMDD+NNNC` (aged 100 or more) or with a four-digit year; Luhn over
/// the ten digits without the century.
pub(super) fn se_personnummer(value: &str) -> bool {
    let Some(all) = digits_only(value, "-+ ") else {
        return false;
    };
    let d = match all.len() {
        10 => &all[..],
        12 if matches!(all[..2], [1, 8] | [1, 9] | [2, 0]) => &all[2..],
        _ => return false,
    };
    let month = d[2] * 10 + d[3];
    let day = d[4] * 10 + d[5];
    let day = if day > 60 { day - 60 } else { day };
    plausible_date(month, day) && luhn_digits(d) && !one_repeated(d)
}

/// Check characters of a Finnish HETU, indexed by the number mod 31.
const HETU_CHECK: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

/// Finnish personal identity code (HETU): `DDMMYY`, a century sign
/// (`+`, `-` or `U`–`Y`, `A`–`F`), a three-digit individual number and a
/// check character, the nine digits mod 31 in a table.
pub(super) fn fi_hetu(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() != 11 {
        return false;
    }
    let century = b[6].to_ascii_uppercase();
    if !matches!(century, b'+' | b'-' | b'A'..=b'F' | b'U'..=b'Y') {
        return false;
    }
    let mut digits = Vec::with_capacity(9);
    for &c in b[..6].iter().chain(&b[7..10]) {
        if !c.is_ascii_digit() {
            return false;
        }
        digits.push(u32::from(c - b'0'));
    }
    let individual = digits[6] * 100 + digits[7] * 10 + digits[8];
    let check = HETU_CHECK[(number(&digits) % 31) as usize];
    plausible_date(digits[2] * 10 + digits[3], digits[0] * 10 + digits[1])
        && (2..=999).contains(&individual)
        && b[10].to_ascii_uppercase() == check
}

/// Danish CPR number: `DDMMYY-SSSS` with a real date. Numbers issued since
/// 2007 need not pass the old mod-11 check, so this is plausible only.
pub(super) fn dk_cpr(value: &str) -> bool {
    let Some(d) = digits_of_len(value, 10) else {
        return false;
    };
    plausible_date(d[2] * 10 + d[3], d[0] * 10 + d[1]) && !one_repeated(&d[6..])
}

/// Polish PESEL: `YYMMDD` (month plus 20, 40, 60 or 80 for the century),
/// four serial digits and a check digit with weights 1, 3, 7, 9.
pub(super) fn pl_pesel(value: &str) -> bool {
    let Some(d) = digits_of_len(value, 11) else {
        return false;
    };
    let month = (d[2] * 10 + d[3]) % 20;
    let day = d[4] * 10 + d[5];
    let sum = weighted_sum(&d[..10], &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
    plausible_date(month, day) && (10 - sum % 10) % 10 == d[10] && !one_repeated(&d)
}

/// Belgian national register number: `YY.MM.DD-SSS.CC`, where CC is 97
/// minus the first nine digits mod 97, prefixed with 2 for those born in
/// 2000 or later. Month 0 (date unknown) and the bis-number offsets of 20
/// and 40 occur.
pub(super) fn be_national_number(value: &str) -> bool {
    let Some(d) = digits_of_len(value, 11) else {
        return false;
    };
    let month = d[2] * 10 + d[3];
    if !matches!(month % 20, 0..=12) || month > 52 {
        return false;
    }
    let body = number(&d[..9]);
    let check = number(&d[9..]);
    (check == 97 - body % 97 || check == 97 - (2_000_000_000 + body) % 97) && !one_repeated(&d)
}

/// Brazilian CPF: nine digits and two mod-11 check digits.
pub(super) fn br_cpf(value: &str) -> bool {
    let Some(d) = digits_of_len(value, 11) else {
        return false;
    };
    let check = |len: usize| {
        let sum: u32 = d[..len]
            .iter()
            .enumerate()
            .map(|(i, &digit)| digit * (len as u32 + 1 - i as u32))
            .sum();
        (sum * 10) % 11 % 10
    };
    check(9) == d[9] && check(10) == d[10] && !one_repeated(&d)
}

/// Canadian Social Insurance Number: nine digits, Luhn. Numbers starting
/// with 0 are fictitious and 8 is not used.
pub(super) fn ca_sin(value: &str) -> bool {
    let Some(d) = digits_of_len(value, 9) else {
        return false;
    };
    !matches!(d[0], 0 | 8) && luhn_digits(&d) && !one_repeated(&d)
}

/// Verhoeff multiplication table (dihedral group D5).
const VERHOEFF_D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];

/// Verhoeff permutation table.
const VERHOEFF_P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

fn verhoeff(digits: &[u32]) -> bool {
    let mut c = 0usize;
    for (i, &d) in digits.iter().rev().enumerate() {
        let p = VERHOEFF_P[i % 8][d as usize % 10];
        c = VERHOEFF_D[c][p as usize] as usize;
    }
    c == 0
}

/// Indian Aadhaar: twelve digits, never starting with 0 or 1, with a
/// Verhoeff check digit.
pub(super) fn in_aadhaar(value: &str) -> bool {
    let Some(d) = digits_of_len(value, 12) else {
        return false;
    };
    d[0] >= 2 && verhoeff(&d) && !one_repeated(&d)
}

/// Chinese resident identity number: six-digit region, `YYYYMMDD`, three
/// sequence digits and an ISO 7064 MOD 11-2 check character (0–9 or X).
pub(super) fn cn_resident_id(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let d: Vec<u32> = b[..17].iter().map(|c| u32::from(c - b'0')).collect();
    let year = number(&d[6..10]);
    if !(1900..=2099).contains(&year)
        || !plausible_date(d[10] * 10 + d[11], d[12] * 10 + d[13])
        || !(1..=8).contains(&d[0])
    {
        return false;
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let check = b"10X98765432"[(weighted_sum(&d, &WEIGHTS) % 11) as usize];
    b[17].to_ascii_uppercase() == check
}

/// Australian tax file number: nine digits (eight for old numbers) whose
/// weighted sum is a multiple of 11.
pub(super) fn au_tfn(value: &str) -> bool {
    let Some(d) = digits_only(value, " -") else {
        return false;
    };
    let sum = match d.len() {
        9 => weighted_sum(&d, &[1, 4, 3, 7, 5, 8, 6, 9, 10]),
        8 => weighted_sum(&d, &[10, 7, 8, 4, 6, 3, 5, 1]),
        _ => return false,
    };
    sum > 0 && sum.is_multiple_of(11) && !one_repeated(&d)
}

/// Norwegian fødselsnummer: `DDMMYY` (day plus 40 for D-numbers), three
/// individual digits and two mod-11 check digits.
pub(super) fn no_fodselsnummer(value: &str) -> bool {
    let Some(d) = digits_of_len(value, 11) else {
        return false;
    };
    let check = |weights: &[u32]| match 11 - weighted_sum(&d, weights) % 11 {
        11 => Some(0),
        10 => None,
        c => Some(c),
    };
    let day = d[0] * 10 + d[1];
    let day = if day > 40 { day - 40 } else { day };
    plausible_date(d[2] * 10 + d[3], day)
        && check(&[3, 7, 6, 1, 8, 9, 4, 5, 2]) == Some(d[9])
        && check(&[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) == Some(d[10])
        && !one_repeated(&d)
}

#[cfg(test)]
mod tests {
    //! Every value here was generated to satisfy (or to break by one digit)
    //! its algorithm; none belongs to a person.
    use super::*;

    #[test]
    fn nhs_mod_11() {
        assert!(uk_nhs("754 255 5030"));
        assert!(uk_nhs("4210350346"));
        assert!(!uk_nhs("754 255 5031"), "wrong check digit");
        assert!(!uk_nhs("999 123 4560"), "test range");
        assert!(!uk_nhs("754 255 503"), "nine digits");
    }

    #[test]
    fn nino_prefixes_and_suffix() {
        assert!(uk_nino("JZ 48 26 15 C"));
        assert!(uk_nino("JZ482615A"));
        assert!(!uk_nino("QQ482615C"), "Q is never a first letter");
        assert!(!uk_nino("GB482615A"), "GB prefix is not issued");
        assert!(!uk_nino("JZ482615E"), "suffix is A-D");
        assert!(!uk_nino("JZ48261A"));
    }

    #[test]
    fn steuer_id_mod_11_10_and_repetition() {
        assert!(de_steuer_id("57760143273"), "a digit three times");
        assert!(de_steuer_id("73 619 502 389"));
        assert!(!de_steuer_id("57760143274"), "wrong check digit");
        assert!(!de_steuer_id("73619502489"), "no repeated digit");
        assert!(!de_steuer_id("07760143273"), "leading zero");
        assert!(!de_steuer_id("57771043260"), "three in a row");
    }

    #[test]
    fn nir_key_and_corsica() {
        assert!(fr_nir("2 60 01 81 537 821 71"));
        assert!(fr_nir("296072A36378397"));
        assert!(!fr_nir("2 60 01 81 537 821 72"), "wrong key");
        assert!(!fr_nir("5 60 01 81 537 821 71"), "sex digit");
        assert!(!fr_nir("296072C36378397"));
    }

    #[test]
    fn dni_and_nie_letters() {
        assert!(es_dni("61930403M"));
        assert!(es_dni("34737339-W"));
        assert!(es_dni("Y5952403V"));
        assert!(!es_dni("61930403A"), "wrong letter");
        assert!(!es_dni("6193040M"), "seven digits without a NIE letter");
        assert!(!es_dni("Y59524030V"));
    }

    #[test]
    fn codice_fiscale_tables() {
        assert!(it_codice_fiscale("ZCZESG88A63D829A"));
        assert!(it_codice_fiscale("LVCOAI45R49M977B"));
        assert!(!it_codice_fiscale("ZCZESG88A63D829B"), "wrong check letter");
        assert!(!it_codice_fiscale("ZCZESG88Z63D829A"), "Z is no month");
        assert!(!it_codice_fiscale("ZCZESG88A63D829"));
    }

    #[test]
    fn codice_fiscale_omocodia() {
        // ZCZESG88A63D829A with its last digit 9 written as V: the check
        // letter moves with it.
        let body = "ZCZESG88A63D82V";
        let check = (b'A'..=b'Z')
            .map(char::from)
            .find(|c| it_codice_fiscale(&format!("{body}{c}")));
        assert!(check.is_some_and(|c| c != 'A'));
        assert!(
            !it_codice_fiscale("ZCZESG88A63D82WA"),
            "W stands for no digit"
        );
    }

    #[test]
    fn bsn_eleven_proof() {
        assert!(nl_bsn("233977417"));
        assert!(nl_bsn("2339.77.417"));
        assert!(!nl_bsn("233977418"));
        assert!(!nl_bsn("000000000"));
    }

    #[test]
    fn personnummer_luhn() {
        assert!(se_personnummer("460921-4020"));
        assert!(se_personnummer("19460921-4020"));
        assert!(se_personnummer("460921+4020"));
        assert!(!se_personnummer("460921-4021"), "wrong check digit");
        assert!(!se_personnummer("461321-4020"), "month 13");
    }

    #[test]
    fn hetu_mod_31() {
        assert!(fi_hetu("270242-555S"));
        assert!(fi_hetu("191247Y548R"));
        assert!(fi_hetu("010294A5154"));
        assert!(!fi_hetu("270242-555T"), "wrong check character");
        assert!(!fi_hetu("270242G555S"), "G is no century sign");
        assert!(!fi_hetu("320242-555S"), "day 32");
    }

    #[test]
    fn cpr_needs_a_date() {
        assert!(dk_cpr("070985-4127"));
        assert!(!dk_cpr("320985-4127"));
        assert!(!dk_cpr("071385-4127"));
    }

    #[test]
    fn pesel_weights() {
        assert!(pl_pesel("97080586249"));
        assert!(pl_pesel("05270912341"), "born in 2005");
        assert!(!pl_pesel("97080586240"));
        assert!(!pl_pesel("97180586246"), "month 18");
    }

    #[test]
    fn belgian_number_both_centuries() {
        assert!(be_national_number("99.05.07-377.72"));
        assert!(be_national_number("08041682188"), "born in 2008");
        assert!(!be_national_number("99.05.07-377.73"));
    }

    #[test]
    fn cpf_two_digits() {
        assert!(br_cpf("774.456.693-96"));
        assert!(br_cpf("04984136596"));
        assert!(!br_cpf("774.456.693-97"));
        assert!(!br_cpf("111.111.111-11"));
    }

    #[test]
    fn sin_luhn() {
        assert!(ca_sin("929 342 426"));
        assert!(ca_sin("184-907-988"));
        assert!(!ca_sin("929 342 427"));
        assert!(!ca_sin("046 454 286"), "0 is for fictitious numbers");
    }

    #[test]
    fn aadhaar_verhoeff() {
        assert!(verhoeff(&[2, 3, 6, 3]));
        assert!(!verhoeff(&[2, 3, 6, 4]));
        assert!(in_aadhaar("3322 3134 1293"));
        assert!(!in_aadhaar("3322 3134 1294"));
        assert!(!in_aadhaar("1322 3134 1293"));
    }

    #[test]
    fn chinese_id_mod_11_2() {
        assert!(cn_resident_id("662026199406071386"));
        assert!(cn_resident_id("423443198101051966"));
        assert!(!cn_resident_id("662026199406071387"));
        assert!(!cn_resident_id("66202619941307138X"), "month 13");
    }

    #[test]
    fn tfn_weights() {
        assert!(au_tfn("851 841 809"));
        assert!(!au_tfn("851 841 808"));
        assert!(!au_tfn("000 000 000"));
    }

    #[test]
    fn fodselsnummer_two_checks() {
        assert!(no_fodselsnummer("06097665778"));
        assert!(!no_fodselsnummer("06097665779"));
        assert!(!no_fodselsnummer("36097665778"), "day 36");
    }

    #[test]
    fn arbitrary_input_never_panics() {
        let inputs = ["", "é", "2A", "ÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀ", "--------", "X", "1+1"];
        for input in inputs {
            let _ = uk_nhs(input)
                || uk_nino(input)
                || de_steuer_id(input)
                || fr_nir(input)
                || es_dni(input)
                || it_codice_fiscale(input)
                || nl_bsn(input)
                || se_personnummer(input)
                || fi_hetu(input)
                || dk_cpr(input)
                || pl_pesel(input)
                || be_national_number(input)
                || br_cpf(input)
                || ca_sin(input)
                || in_aadhaar(input)
                || cn_resident_id(input)
                || au_tfn(input)
                || no_fodselsnummer(input);
        }
    }
}
