//! Synthetic personal data with correct check digits, drawn from the
//! published rules of each scheme. Values are random, never real records.

use crate::check::*;
use crate::rng::Rng;

/// Card numbers that payment providers publish for testing; a real-looking
/// card must never be one of them (they are hard negatives instead).
pub const TEST_CARDS: &[&str] = &[
    "4111111111111111",
    "4242424242424242",
    "4012888888881881",
    "4000056655665556",
    "5555555555554444",
    "5105105105105100",
    "2223003122003222",
    "378282246310005",
    "371449635398431",
    "6011111111111117",
    "6011000990139424",
    "3530111333300000",
    "3566002020360505",
    "30569309025904",
    "38520000023237",
];

pub const CARD_BRANDS: &[&str] = &[
    "visa",
    "mastercard",
    "amex",
    "discover",
    "jcb",
    "diners",
    "unionpay",
];

fn card_prefix_len(rng: &mut Rng, brand: &str) -> (String, usize) {
    match brand {
        "visa" => ("4".to_string(), 16),
        "mastercard" => {
            if rng.chance(70) {
                (rng.range(51, 55).to_string(), 16)
            } else {
                (rng.range(2221, 2720).to_string(), 16)
            }
        }
        "amex" => (if rng.chance(50) { "34" } else { "37" }.to_string(), 15),
        "discover" => {
            let p = rng.pick(&["6011", "65", "644", "645", "646", "647", "648", "649"]);
            (p.to_string(), 16)
        }
        "jcb" => (rng.range(3528, 3589).to_string(), 16),
        "diners" => (
            if rng.chance(50) {
                "36".to_string()
            } else {
                rng.range(300, 305).to_string()
            },
            14,
        ),
        _ => (format!("62{}", rng.range(2126, 2925)), 16),
    }
}

fn plausible_digits(digits: &str) -> bool {
    // Long runs of one digit read as a placeholder, not a card.
    let b = digits.as_bytes();
    !b.windows(5).any(|w| w.iter().all(|&c| c == w[0]))
}

/// A card number with a real issuer prefix and a valid Luhn digit;
/// `valid == false` gives the same shape with a wrong check digit.
pub fn card_digits(rng: &mut Rng, brand: &str, valid: bool) -> String {
    loop {
        let (prefix, len) = card_prefix_len(rng, brand);
        let body = format!("{prefix}{}", rng.digits(len - 1 - prefix.len()));
        let good = luhn_digit(&body);
        let check = if valid {
            good
        } else {
            (good + 1 + rng.range(0, 8) as u32) % 10
        };
        let number = format!("{body}{check}");
        if plausible_digits(&number) && !TEST_CARDS.contains(&number.as_str()) {
            return number;
        }
    }
}

/// Groups the digits the way they are printed on the card.
pub fn format_card(rng: &mut Rng, digits: &str) -> String {
    let style = rng.below(3);
    if style == 0 {
        return digits.to_string();
    }
    let sep = if style == 1 { " " } else { "-" };
    let groups: &[usize] = match digits.len() {
        15 => &[4, 6, 5],
        14 => &[4, 6, 4],
        _ => &[4, 4, 4, 4],
    };
    let mut out = Vec::new();
    let mut at = 0;
    for g in groups {
        out.push(&digits[at..at + g]);
        at += g;
    }
    out.join(sep)
}

pub const IBAN_COUNTRIES: &[&str] = &["DE", "FR", "GB", "NL", "BE"];

fn bban(rng: &mut Rng, country: &str) -> String {
    match country {
        "DE" => rng.digits(18),
        "FR" => {
            let (bank, branch, account) = (rng.digits(5), rng.digits(5), rng.digits(11));
            let n = |s: &str| s.parse::<u64>().unwrap_or(0);
            let key = 97 - (89 * n(&bank) + 15 * n(&branch) + 3 * n(&account)) % 97;
            format!("{bank}{branch}{account}{key:02}")
        }
        "GB" => {
            let bank = rng.pick(&["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "BUKB"]);
            format!("{bank}{}", rng.digits(14))
        }
        "NL" => {
            let bank = rng.pick(&["ABNA", "INGB", "RABO", "SNSB", "TRIO", "KNAB"]);
            format!("{bank}{}", rng.digits(10))
        }
        _ => {
            let ten = format!("{}", rng.range(1_000_000_000, 9_999_999_999));
            let m = ten.parse::<u64>().unwrap_or(0) % 97;
            format!("{ten}{:02}", if m == 0 { 97 } else { m })
        }
    }
}

/// An IBAN in print format (groups of four).
pub fn iban(rng: &mut Rng, country: &str, valid: bool) -> String {
    let bban = bban(rng, country);
    let good = iban_check(country, &bban);
    let check = if valid {
        good
    } else {
        let c = 2 + rng.range(0, 96) as u32;
        if c == good {
            if good == 98 { 2 } else { good + 1 }
        } else {
            c
        }
    };
    let compact = format!("{country}{check:02}{bban}");
    let chars: Vec<char> = compact.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A US SSN valid under the SSA's rules: area 001-899 except 666, group
/// 01-99, serial 0001-9999.
pub fn ssn(rng: &mut Rng) -> String {
    loop {
        let area = rng.range(1, 899);
        if area == 666 || area == 78 || area == 219 {
            continue;
        }
        return format!(
            "{area:03}-{:02}-{:04}",
            rng.range(1, 99),
            rng.range(1, 9999)
        );
    }
}

/// SSNs the SSA never issues.
pub fn invalid_ssn(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!("000-{:02}-{:04}", rng.range(1, 99), rng.range(1, 9999)),
        1 => format!("666-{:02}-{:04}", rng.range(1, 99), rng.range(1, 9999)),
        2 => format!(
            "9{:02}-{:02}-{:04}",
            rng.range(0, 99),
            rng.range(1, 99),
            rng.range(1, 9999)
        ),
        3 => format!("{:03}-00-{:04}", rng.range(1, 665), rng.range(1, 9999)),
        _ => format!("{:03}-{:02}-0000", rng.range(1, 665), rng.range(1, 99)),
    }
}

const FIRST: &[&str] = &[
    "anna", "lukas", "maria", "jonas", "sofia", "noah", "emma", "liam", "chloe", "mateo", "hannah",
    "felix", "ines", "omar", "priya", "kenji", "lea", "tomasz", "elin", "joao",
];
const LAST: &[&str] = &[
    "schneider",
    "martin",
    "kowalski",
    "rossi",
    "jansen",
    "lindqvist",
    "virtanen",
    "garcia",
    "dubois",
    "novak",
    "silva",
    "tanaka",
    "okafor",
    "peeters",
    "moreau",
    "fischer",
];
const MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "outlook.com",
    "posteo.de",
    "gmx.net",
    "orange.fr",
    "yahoo.co.uk",
    "northwind-logistics.com",
    "helix-health.io",
    "kanzlei-weber.de",
    "proton.me",
];

pub fn person(rng: &mut Rng) -> (String, String) {
    (rng.pick(FIRST).to_string(), rng.pick(LAST).to_string())
}

pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

pub fn email(rng: &mut Rng) -> String {
    let (f, l) = person(rng);
    let domain = rng.pick(MAIL_DOMAINS);
    match rng.below(3) {
        0 => format!("{f}.{l}@{domain}"),
        1 => format!("{}{l}{}@{domain}", &f[..1], rng.range(1, 99)),
        _ => format!("{f}_{l}@{domain}"),
    }
}

pub fn phone_us(rng: &mut Rng) -> String {
    let npa = loop {
        let n = rng.range(201, 989);
        if n % 100 != 11 && n / 10 % 10 != 9 {
            break n;
        }
    };
    let nxx = loop {
        let n = rng.range(201, 999);
        if n != 555 && n % 100 != 11 {
            break n;
        }
    };
    let line = rng.range(1000, 9999);
    match rng.below(3) {
        0 => format!("+1 ({npa}) {nxx}-{line}"),
        1 => format!("({npa}) {nxx}-{line}"),
        _ => format!("+1-{npa}-{nxx}-{line}"),
    }
}

pub fn phone_intl(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!(
            "+49 15{} {} {}",
            rng.range(1, 9),
            rng.digits(4),
            rng.digits(4)
        ),
        1 => format!("+44 79{} {}", rng.digits(2), rng.digits(6)),
        2 => format!(
            "+33 6 {} {} {} {}",
            rng.digits(2),
            rng.digits(2),
            rng.digits(2),
            rng.digits(2)
        ),
        _ => format!("+31 6 {} {}", rng.digits(4), rng.digits(4)),
    }
}

/// `wrong == true` gives the same shape with a deliberately wrong check.
fn bump(d: u32, wrong: bool) -> u32 {
    if wrong { (d + 1) % 10 } else { d }
}

pub fn uk_nhs(rng: &mut Rng, wrong: bool) -> String {
    loop {
        let body = format!("{}{}", rng.range(4, 7), rng.digits(8));
        let r = weighted(&body, &[10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11;
        let check = match 11 - r {
            11 => 0,
            10 => continue,
            c => c,
        };
        let d = format!("{body}{}", bump(check, wrong));
        return format!("{} {} {}", &d[0..3], &d[3..6], &d[6..10]);
    }
}

pub fn de_steuer_id(rng: &mut Rng, wrong: bool) -> String {
    // Ten digits: nine distinct, one of them repeated once; no leading zero.
    loop {
        let mut pool: Vec<u8> = (0..10).collect();
        for i in (1..pool.len()).rev() {
            let j = rng.below(i + 1);
            pool.swap(i, j);
        }
        let mut ten: Vec<u8> = pool[..9].to_vec();
        let dup = ten[rng.below(9)];
        ten.insert(rng.below(10), dup);
        if ten[0] == 0 {
            continue;
        }
        let s: String = ten.iter().map(|d| char::from(b'0' + d)).collect();
        return format!("{s}{}", bump(iso7064_11_10(&s), wrong));
    }
}

pub fn fr_nir(rng: &mut Rng, wrong: bool) -> String {
    let sex = rng.range(1, 2);
    let yy = rng.range(50, 99);
    let mm = rng.range(1, 12);
    let dept = rng.range(1, 95);
    let commune = rng.range(1, 990);
    let order = rng.range(1, 999);
    let body = format!("{sex}{yy:02}{mm:02}{dept:02}{commune:03}{order:03}");
    let n: u64 = body.parse().unwrap_or(0);
    let mut key = 97 - n % 97;
    if wrong {
        key = key % 97 + 1;
    }
    format!("{sex} {yy:02} {mm:02} {dept:02} {commune:03} {order:03} {key:02}")
}

pub fn es_dni(rng: &mut Rng, wrong: bool) -> String {
    const LETTERS: &[u8] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    let n = rng.range(10_000_000, 99_999_999);
    let idx = (n % 23) as usize + usize::from(wrong);
    format!("{n:08}{}", char::from(LETTERS[idx % 23]))
}

pub fn it_codice_fiscale(rng: &mut Rng, wrong: bool) -> String {
    const CONS: &[u8] = b"BCDFGLMNPRSTVZ";
    const MONTHS: &[u8] = b"ABCDEHLMPRST";
    let surname = rng.string(CONS, 3);
    let name = rng.string(CONS, 3);
    let yy = rng.range(50, 99);
    let month = char::from(MONTHS[rng.below(12)]);
    let day = rng.range(1, 28) + if rng.chance(50) { 40 } else { 0 };
    let place = rng.pick(&["H501", "F205", "L219", "A944", "G273", "D612", "L736"]);
    let first15 = format!("{surname}{name}{yy:02}{month}{day:02}{place}");
    let mut check = codice_fiscale_check(&first15);
    if wrong {
        check = char::from(b'A' + ((check as u8 - b'A' + 1) % 26));
    }
    format!("{first15}{check}")
}

pub fn nl_bsn(rng: &mut Rng, wrong: bool) -> String {
    loop {
        let body = format!("{}{}", rng.range(1, 6), rng.digits(7));
        let s = weighted(&body, &[9, 8, 7, 6, 5, 4, 3, 2]);
        let check = s % 11;
        if check == 10 {
            continue;
        }
        return format!("{body}{}", bump(check, wrong));
    }
}

fn birth(rng: &mut Rng) -> (u64, u64, u64) {
    (rng.range(50, 99), rng.range(1, 12), rng.range(1, 28))
}

pub fn se_personnummer(rng: &mut Rng, wrong: bool) -> String {
    let (yy, mm, dd) = birth(rng);
    let body = format!("{yy:02}{mm:02}{dd:02}{}", rng.digits(3));
    let check = bump(luhn_digit(&body), wrong);
    format!("{}-{}{check}", &body[..6], &body[6..])
}

pub fn fi_hetu(rng: &mut Rng, wrong: bool) -> String {
    const CHECK: &[u8] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
    let (yy, mm, dd) = birth(rng);
    let ind = rng.range(2, 899);
    let n: u64 = format!("{dd:02}{mm:02}{yy:02}{ind:03}")
        .parse()
        .unwrap_or(0);
    let idx = (n % 31) as usize + usize::from(wrong);
    format!(
        "{dd:02}{mm:02}{yy:02}-{ind:03}{}",
        char::from(CHECK[idx % 31])
    )
}

pub fn pl_pesel(rng: &mut Rng, wrong: bool) -> String {
    let (yy, mm, dd) = birth(rng);
    let body = format!("{yy:02}{mm:02}{dd:02}{}", rng.digits(4));
    let s = weighted(&body, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
    format!("{body}{}", bump((10 - s % 10) % 10, wrong))
}

pub fn be_national_number(rng: &mut Rng, wrong: bool) -> String {
    let (yy, mm, dd) = birth(rng);
    let seq = rng.range(1, 997);
    let n: u64 = format!("{yy:02}{mm:02}{dd:02}{seq:03}")
        .parse()
        .unwrap_or(0);
    let mut check = 97 - n % 97;
    if wrong {
        check = check % 97 + 1;
    }
    format!("{yy:02}.{mm:02}.{dd:02}-{seq:03}.{check:02}")
}

pub fn br_cpf(rng: &mut Rng, wrong: bool) -> String {
    loop {
        let nine = rng.digits(9);
        if nine.bytes().all(|b| b == nine.as_bytes()[0]) {
            continue;
        }
        let d1 = {
            let r = weighted(&nine, &[10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10 % 11;
            if r == 10 { 0 } else { r }
        };
        let ten = format!("{nine}{d1}");
        let d2 = {
            let r = weighted(&ten, &[11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10 % 11;
            if r == 10 { 0 } else { r }
        };
        let d2 = bump(d2, wrong);
        return format!("{}.{}.{}-{d1}{d2}", &nine[0..3], &nine[3..6], &nine[6..9]);
    }
}

pub fn ca_sin(rng: &mut Rng, wrong: bool) -> String {
    let body = format!("{}{}", rng.range(1, 7), rng.digits(7));
    let d = format!("{body}{}", bump(luhn_digit(&body), wrong));
    format!("{} {} {}", &d[0..3], &d[3..6], &d[6..9])
}

pub fn in_aadhaar(rng: &mut Rng, wrong: bool) -> String {
    let body = format!("{}{}", rng.range(2, 9), rng.digits(10));
    let d = format!("{body}{}", bump(verhoeff_digit(&body), wrong));
    format!("{} {} {}", &d[0..4], &d[4..8], &d[8..12])
}

pub fn cn_resident_id(rng: &mut Rng, wrong: bool) -> String {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: &[u8] = b"10X98765432";
    let region = rng.pick(&["110101", "310104", "440305", "510107", "330106", "420111"]);
    let body = format!(
        "{region}{}{:02}{:02}{}",
        rng.range(1955, 2002),
        rng.range(1, 12),
        rng.range(1, 28),
        rng.digits(3)
    );
    let idx = (weighted(&body, &W) % 11) as usize + usize::from(wrong);
    format!("{body}{}", char::from(C[idx % 11]))
}
