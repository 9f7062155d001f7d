//! Check digits and checksums, written from the published algorithms (not
//! from nospill's validators) so the corpus can test them independently.

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// GitHub and npm: CRC-32 of the random part, base62, 6 digits wide.
pub fn crc32_base62(random: &str) -> String {
    let mut crc = u64::from(crc32fast::hash(random.as_bytes()));
    let mut out = [b'0'; 6];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(crc % 62) as usize];
        crc /= 62;
    }
    String::from_utf8(out.to_vec()).unwrap_or_default()
}

pub fn base36(mut n: u64, width: usize) -> String {
    const B36: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = vec![b'0'; width];
    for slot in out.iter_mut().rev() {
        *slot = B36[(n % 36) as usize];
        n /= 36;
    }
    String::from_utf8(out).unwrap_or_default()
}

fn digit_values(digits: &str) -> Vec<u32> {
    digits.chars().filter_map(|c| c.to_digit(10)).collect()
}

/// The Luhn check digit to append to `payload`.
pub fn luhn_digit(payload: &str) -> u32 {
    let sum: u32 = digit_values(payload)
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

pub fn luhn_valid(number: &str) -> bool {
    let digits = digit_values(number);
    let Some((&last, rest)) = digits.split_last() else {
        return false;
    };
    let payload: String = rest
        .iter()
        .map(|d| char::from_digit(*d, 10).unwrap_or('0'))
        .collect();
    luhn_digit(&payload) == last
}

/// Remainder of a long decimal string mod 97, letters as 10..35 (ISO 13616).
pub fn mod97(text: &str) -> u32 {
    let mut rem = 0u32;
    for c in text.chars() {
        let v = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            _ => continue,
        };
        if v >= 10 {
            rem = (rem * 100 + v) % 97;
        } else {
            rem = (rem * 10 + v) % 97;
        }
    }
    rem
}

/// IBAN check digits for a country and BBAN.
pub fn iban_check(country: &str, bban: &str) -> u32 {
    98 - mod97(&format!("{bban}{country}00"))
}

pub fn iban_valid(iban: &str) -> bool {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() < 5 || !compact.is_ascii() {
        return false;
    }
    mod97(&format!("{}{}", &compact[4..], &compact[..4])) == 1
}

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
const VERHOEFF_P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 8, 7, 0, 6],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const VERHOEFF_INV: [u8; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

pub fn verhoeff_digit(payload: &str) -> u32 {
    let mut c = 0usize;
    for (i, d) in digit_values(payload).iter().rev().enumerate() {
        c = VERHOEFF_D[c][VERHOEFF_P[(i + 1) % 8][*d as usize] as usize] as usize;
    }
    u32::from(VERHOEFF_INV[c])
}

pub fn verhoeff_valid(number: &str) -> bool {
    let mut c = 0usize;
    for (i, d) in digit_values(number).iter().rev().enumerate() {
        c = VERHOEFF_D[c][VERHOEFF_P[i % 8][*d as usize] as usize] as usize;
    }
    c == 0
}

const BECH32: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn bech32_polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let mut chk = 1u32;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x1ff_ffff) << 5) ^ u32::from(*v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn hrp_expand(hrp: &str) -> Vec<u8> {
    let mut v: Vec<u8> = hrp.bytes().map(|b| b >> 5).collect();
    v.push(0);
    v.extend(hrp.bytes().map(|b| b & 31));
    v
}

/// Bech32 (BIP 173) encoding of `data` bytes, lowercase.
pub fn bech32_encode(hrp: &str, data: &[u8]) -> String {
    let mut five = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in data {
        acc = (acc << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            five.push(((acc >> bits) & 31) as u8);
        }
    }
    if bits > 0 {
        five.push(((acc << (5 - bits)) & 31) as u8);
    }
    let mut values = hrp_expand(hrp);
    values.extend(&five);
    values.extend([0u8; 6]);
    let pm = bech32_polymod(&values) ^ 1;
    let mut out = format!("{hrp}1");
    for v in &five {
        out.push(char::from(BECH32[*v as usize]));
    }
    for i in 0..6 {
        out.push(char::from(BECH32[((pm >> (5 * (5 - i))) & 31) as usize]));
    }
    out
}

pub fn bech32_valid(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let Some(pos) = lower.rfind('1') else {
        return false;
    };
    let (hrp, data) = (&lower[..pos], &lower[pos + 1..]);
    let mut values = hrp_expand(hrp);
    for c in data.bytes() {
        match BECH32.iter().position(|&b| b == c) {
            Some(v) => values.push(v as u8),
            None => return false,
        }
    }
    bech32_polymod(&values) == 1
}

/// OpenPGP armour checksum (RFC 4880 §6.1).
pub fn crc24(data: &[u8]) -> u32 {
    let mut crc = 0xB7_04CEu32;
    for b in data {
        crc ^= u32::from(*b) << 16;
        for _ in 0..8 {
            crc <<= 1;
            if crc & 0x100_0000 != 0 {
                crc ^= 0x186_4CFB;
            }
        }
    }
    crc & 0xFF_FFFF
}

/// Weighted digit sum, used by several national identity numbers.
pub fn weighted(digits: &str, weights: &[u32]) -> u32 {
    digit_values(digits)
        .iter()
        .zip(weights)
        .map(|(d, w)| d * w)
        .sum()
}

/// ISO 7064 MOD 11,10, the German tax identification number's check digit.
pub fn iso7064_11_10(digits: &str) -> u32 {
    let mut product = 10u32;
    for d in digit_values(digits) {
        let mut sum = (d + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let check = 11 - product;
    if check == 10 { 0 } else { check }
}

/// Italian codice fiscale control character for the first 15 characters.
pub fn codice_fiscale_check(first15: &str) -> char {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    let mut sum = 0;
    for (i, c) in first15.chars().enumerate() {
        let idx = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32,
            _ => 0,
        };
        // Positions are 1-based in the specification: odd ones use the table.
        sum += if i % 2 == 0 { ODD[idx as usize] } else { idx };
    }
    char::from(b'A' + (sum % 26) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        assert!(luhn_valid("79927398713"));
        assert!(!luhn_valid("79927398710"));
        assert_eq!(verhoeff_digit("236"), 3);
        assert!(verhoeff_valid("2363"));
        assert!(iban_valid("GB82 WEST 1234 5698 7654 32"));
        assert!(!iban_valid("GB82 WEST 1234 5698 7654 33"));
        // BIP 173 valid test vector.
        assert!(bech32_valid("A12UEL5L"));
        assert_eq!(bech32_encode("a", &[]), "a12uel5l");
        // RFC 4880: CRC-24 of nothing is the initial value.
        assert_eq!(crc24(b""), 0xB704CE);
        assert_eq!(codice_fiscale_check("RSSMRA85T10A562"), 'S');
    }
}
