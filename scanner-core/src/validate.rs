//! Validators: structural checks that turn a pattern match into a confirmed
//! finding (checksums, check digits, decodable encodings), plus the shared
//! entropy and placeholder filters.

use serde::Deserialize;

/// A built-in check named by a rule's `validator` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validator {
    /// Luhn check digit (payment cards).
    Luhn,
    /// ISO 13616 mod-97 check (IBAN).
    Iban,
}

/// Outcome of a validator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Validity {
    /// The structure checks out: a confirmed finding.
    Valid,
    /// The structure is wrong: not a finding.
    Invalid,
}

impl Validator {
    pub(crate) fn check(self, secret: &str) -> Validity {
        let ok = match self {
            Validator::Luhn => luhn(secret),
            Validator::Iban => iban(secret),
        };
        if ok { Validity::Valid } else { Validity::Invalid }
    }
}

fn luhn(value: &str) -> bool {
    let digits: Vec<u32> = value.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() < 12 {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d })
        .sum();
    sum % 10 == 0
}

fn iban(value: &str) -> bool {
    let compact: Vec<char> = value.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if !(15..=34).contains(&compact.len()) || !compact.iter().all(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let rearranged = compact[4..].iter().chain(compact[..4].iter());
    let mut remainder: u32 = 0;
    for c in rearranged {
        let value = match c.to_digit(36) {
            Some(v) => v,
            None => return false,
        };
        remainder = if value >= 10 { (remainder * 100 + value) % 97 } else { (remainder * 10 + value) % 97 };
    }
    remainder == 1
}

/// Shannon entropy in bits per character.
pub(crate) fn shannon_entropy(value: &str) -> f64 {
    let mut counts = [0u32; 256];
    let mut total = 0u32;
    for byte in value.bytes() {
        counts[byte as usize] += 1;
        total += 1;
    }
    if total == 0 {
        return 0.0;
    }
    let total = f64::from(total);
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / total;
            -p * p.log2()
        })
        .sum()
}

/// Words that mark a value as a stand-in rather than a real secret.
const PLACEHOLDER_WORDS: &[&str] = &[
    "example", "placeholder", "your_", "your-", "yourkey", "yourtoken", "yourpassword", "dummy", "sample",
    "redacted", "changeme", "xxxxxx", "******", "<", ">", "${", "{{", "}}", "%(", "...", "…",
];

/// True when the value looks like documentation filler: a placeholder
/// word, a template reference, one repeated character or a counting run.
pub(crate) fn is_placeholder(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    if PLACEHOLDER_WORDS.iter().any(|word| lower.contains(word)) {
        return true;
    }
    let mut chars = lower.chars();
    if let Some(first) = chars.next()
        && value.len() >= 4
        && chars.all(|c| c == first)
    {
        return true;
    }
    lower.contains("12345678") || lower.contains("abcdefgh")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_valid_and_rejects_altered_numbers() {
        assert!(luhn("4111 1111 1111 1111"));
        assert!(!luhn("4111 1111 1111 1112"));
    }

    #[test]
    fn iban_mod97() {
        assert!(iban("GB82 WEST 1234 5698 7654 32"));
        assert!(iban("DE89370400440532013000"));
        assert!(!iban("DE89370400440532013001"));
    }

    #[test]
    fn placeholders() {
        assert!(is_placeholder("AKIAIOSFODNN7EXAMPLE"));
        assert!(is_placeholder("${API_KEY}"));
        assert!(is_placeholder("xxxxxxxxxxxxxxxx"));
        assert!(!is_placeholder("ghp_R8d2kQ9vLx3mN7pT1wZ5yB4cF6hJ0sA2eG8u"));
    }

    #[test]
    fn entropy_orders_random_above_repetitive() {
        assert!(shannon_entropy("aaaaaaaa") < 0.1);
        assert!(shannon_entropy("R8d2kQ9vLx3mN7pT") > 3.5);
    }
}
