//! Validators: structural checks that turn a pattern match into a confirmed
//! finding (checksums, check digits, decodable encodings), filters that
//! drop implausible values (placeholders, references), and the shared
//! entropy and placeholder filters.
//!
//! Each check lives in a submodule by kind: [`checksum`] for check digits
//! and CRCs, [`structure`] for decodable encodings (JWT, PEM, PGP), and
//! [`values`] for the plausibility of free-form values such as passwords.

mod checksum;
mod structure;
mod values;

use serde::Deserialize;

/// A built-in check named by a rule's `validator` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validator {
    /// Luhn check digit alone (any card-like number).
    Luhn,
    /// ISO 13616 mod-97 check and the country's IBAN length.
    Iban,
    /// Luhn, a known issuer prefix with a length it issues, and not a
    /// published test number.
    PaymentCard,
    /// GitHub and npm tokens: the last 6 characters are the base62 CRC-32
    /// of the 30 random characters before them.
    GithubCrc32,
    /// JSON Web Token: header and payload decode to JSON objects and the
    /// header names an `alg`.
    Jwt,
    /// US Social Security number: area, group and serial rules of the SSA.
    /// Plausible only; nine digits carry no check digit.
    UsSsn,
    /// OpenAI key: the `T3BlbkFJ` marker (base64 of "OpenAI") between two
    /// random halves.
    OpenaiKey,
    /// PEM body of a DER structure (PKCS#1, PKCS#8, SEC1, DSA): base64 that
    /// decodes to one complete ASN.1 SEQUENCE.
    PemDer,
    /// OpenSSH private key body: base64 of the `openssh-key-v1` container.
    OpensshKey,
    /// OpenPGP armoured private key: a secret-key packet, and the CRC-24
    /// armour checksum when present.
    PgpPrivateKey,
    /// Discord bot token: the first segment is the base64 of the bot's
    /// numeric user id.
    DiscordBotToken,
    /// A value assigned to a password-like key: drops references, code and
    /// filler; keeps human-chosen passwords. Plausible only.
    PasswordValue,
    /// A value assigned to a secret/key/token name: must look random.
    /// Plausible only.
    SecretValue,
    /// The password part of a URL: drops references and filler.
    /// Plausible only.
    UrlPassword,
    /// GitLab routable token (personal access, runner): the last 7
    /// characters are the base36 CRC-32 of everything before them. Legacy
    /// 20-character tokens carry no checksum and stay plausible.
    GitlabRoutable,
    /// age secret key: Bech32 checksum over hrp `age-secret-key-`.
    AgeSecretKey,
    /// PuTTY PPK v2/v3 file: header fields, line counts, base64 blocks, MAC.
    PuttyKey,
    /// SSH.com `---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----` body: magic
    /// number and length.
    Ssh2PrivateKey,
    /// Legacy encrypted PEM body: whole cipher blocks.
    PemCiphertext,
    /// Base64 of `user:password` (HTTP Basic, npm `_auth`, Docker auths).
    BasicCredentials,
    /// Base64 of a password (npm `_password`).
    Base64Password,
    /// Base64 of a PEM private key block (kubeconfig `client-key-data`).
    PemPrivateKeyBase64,
    /// A bearer token that looks random. Plausible only.
    BearerToken,
    /// `user:password` of a URL: a real password, not the user name again
    /// or an anonymous login. Plausible only.
    UrlUserinfo,
}

/// Outcome of a validator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Validity {
    /// The structure checks out: a confirmed finding.
    Valid,
    /// Passes the filters, but the format has nothing that could confirm
    /// it: a finding at the rule's own confidence.
    Plausible,
    /// The structure is wrong: not a finding.
    Invalid,
}

impl Validity {
    fn confirmed_if(ok: bool) -> Validity {
        if ok {
            Validity::Valid
        } else {
            Validity::Invalid
        }
    }

    fn plausible_if(ok: bool) -> Validity {
        if ok {
            Validity::Plausible
        } else {
            Validity::Invalid
        }
    }
}

impl Validator {
    pub(crate) fn check(self, secret: &str) -> Validity {
        match self {
            Validator::Luhn => Validity::confirmed_if(checksum::luhn(secret)),
            Validator::Iban => Validity::confirmed_if(checksum::iban(secret)),
            Validator::PaymentCard => Validity::confirmed_if(checksum::payment_card(secret)),
            Validator::GithubCrc32 => checksum::github_crc32(secret),
            Validator::Jwt => Validity::confirmed_if(structure::jwt(secret)),
            Validator::UsSsn => Validity::plausible_if(values::us_ssn(secret)),
            Validator::OpenaiKey => structure::openai_key(secret),
            Validator::PemDer => Validity::confirmed_if(structure::pem_der(secret)),
            Validator::OpensshKey => Validity::confirmed_if(structure::openssh_key(secret)),
            Validator::PgpPrivateKey => Validity::confirmed_if(structure::pgp_private_key(secret)),
            Validator::DiscordBotToken => {
                Validity::confirmed_if(structure::discord_bot_token(secret))
            }
            Validator::PasswordValue => Validity::plausible_if(values::password_value(secret)),
            Validator::SecretValue => Validity::plausible_if(values::secret_value(secret)),
            Validator::UrlPassword => Validity::plausible_if(values::url_password(secret)),
            Validator::GitlabRoutable => checksum::gitlab_routable(secret),
            Validator::AgeSecretKey => Validity::confirmed_if(structure::age_secret_key(secret)),
            Validator::PuttyKey => Validity::confirmed_if(structure::putty_key(secret)),
            Validator::Ssh2PrivateKey => {
                Validity::confirmed_if(structure::ssh2_private_key(secret))
            }
            Validator::PemCiphertext => Validity::confirmed_if(structure::pem_ciphertext(secret)),
            Validator::BasicCredentials => {
                Validity::confirmed_if(structure::basic_credentials(secret))
            }
            Validator::Base64Password => Validity::confirmed_if(structure::base64_password(secret)),
            Validator::PemPrivateKeyBase64 => {
                Validity::confirmed_if(structure::pem_private_key_base64(secret))
            }
            Validator::BearerToken => Validity::plausible_if(structure::bearer_token(secret)),
            Validator::UrlUserinfo => Validity::plausible_if(structure::url_userinfo(secret)),
        }
    }
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
    "example",
    "placeholder",
    "your_",
    "your-",
    "yourkey",
    "yourtoken",
    "yourpassword",
    "yoursecret",
    "dummy",
    "sample",
    "redacted",
    "changeme",
    "change_me",
    "change-me",
    "replaceme",
    "replace_me",
    "replace-me",
    "_here",
    "-here",
    "xxxxxx",
    "******",
    "<",
    ">",
    "${",
    "{{",
    "}}",
    "%(",
    "...",
    "…",
];

/// Values published in vendor documentation, built into emulators or
/// famous from tutorials: they match their rules but open nothing anyone
/// cares about, and they fill documentation. Compared ignoring ASCII case.
/// Most AWS documentation keys (`AKIAIOSFODNN7EXAMPLE`,
/// `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`) already say `EXAMPLE`.
const PUBLISHED_VALUES: &[&str] = &[
    // Azurite / Azure Storage Emulator account key.
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    // Stripe's documentation test key.
    "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    // The signature of jwt.io's sample token.
    "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    // Passwords of documentation and folklore: Microsoft's docs and SQL
    // Server containers, the bash.org joke, xkcd 936.
    "P@ssw0rd",
    "P@$$w0rd",
    "Passw0rd",
    "Passw0rd!",
    "P@ssword1",
    "YourStrong!Passw0rd",
    "YourStrong@Passw0rd",
    "yourStrong(!)Password",
    "hunter2",
    "Tr0ub4dor&3",
    "Tr0ub4dor",
    "correcthorsebatterystaple",
    "correct-horse-battery-staple",
    // Python's urllib.request documentation.
    "geheim$parole",
    // Cargo's registry-token documentation.
    "854DvwSlUwEHtIo3kWy6x7UCPKHfzCmy",
];

/// True when the value looks like documentation filler: a placeholder
/// word, a template reference, one repeated character, a counting run or
/// a value published in documentation.
pub(crate) fn is_placeholder(value: &str) -> bool {
    if PUBLISHED_VALUES
        .iter()
        .any(|published| published.eq_ignore_ascii_case(value))
    {
        return true;
    }
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
    fn placeholders() {
        assert!(is_placeholder("AKIAIOSFODNN7EXAMPLE"));
        assert!(is_placeholder("${API_KEY}"));
        assert!(is_placeholder("xxxxxxxxxxxxxxxx"));
        assert!(!is_placeholder("ghp_R8d2kQ9vLx3mN7pT1wZ5yB4cF6hJ0sA2eG8u"));
        assert!(
            is_placeholder("sk_test_4eC39HqLyjWDarjtT1zdp7dc"),
            "published documentation key"
        );
        assert!(is_placeholder("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        assert!(is_placeholder("p@ssw0rd"), "published, in any case");
        assert!(is_placeholder("your-api-key-here"));
        assert!(!is_placeholder("P@ssw0rd-Kestrel9"));
    }

    #[test]
    fn entropy_orders_random_above_repetitive() {
        assert!(shannon_entropy("aaaaaaaa") < 0.1);
        assert!(shannon_entropy("R8d2kQ9vLx3mN7pT") > 3.5);
    }

    #[test]
    fn filters_never_confirm() {
        assert_eq!(
            Validator::PasswordValue.check("Summer2024!"),
            Validity::Plausible
        );
        assert_eq!(Validator::UsSsn.check("536-22-4178"), Validity::Plausible);
        assert_eq!(Validator::UsSsn.check("666-22-4178"), Validity::Invalid);
    }
}
