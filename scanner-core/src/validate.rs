//! Validators: structural checks that turn a pattern match into a confirmed
//! finding (checksums, check digits, decodable encodings), filters that
//! drop implausible values (placeholders, references), and the shared
//! entropy and placeholder filters.
//!
//! Each check lives in a submodule by kind: [`checksum`] for check digits
//! and CRCs, [`structure`] for decodable encodings (JWT, PEM, PGP), and
//! [`values`] for the plausibility of free-form values such as passwords.

mod checksum;
mod national_id;
mod personal;
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
    /// UK NHS number: mod-11 check digit.
    UkNhs,
    /// UK National Insurance number: prefix and suffix letter rules.
    /// Plausible only.
    UkNino,
    /// German tax id: ISO 7064 MOD 11,10 and the digit repetition rule.
    DeSteuerId,
    /// French social security number (NIR): 97 minus mod 97 key.
    FrNir,
    /// Spanish DNI / NIE: check letter, number mod 23.
    EsDni,
    /// Italian codice fiscale: check letter from odd/even tables.
    ItCodiceFiscale,
    /// Dutch BSN: the 11-proof.
    NlBsn,
    /// Swedish personnummer: birth date and Luhn.
    SePersonnummer,
    /// Finnish HETU: birth date, century sign and mod-31 check character.
    FiHetu,
    /// Danish CPR number: birth date only. Plausible only.
    DkCpr,
    /// Polish PESEL: birth date and weights 1, 3, 7, 9.
    PlPesel,
    /// Belgian national register number: 97 minus mod 97, both centuries.
    BeNationalNumber,
    /// Brazilian CPF: two mod-11 check digits.
    BrCpf,
    /// Canadian Social Insurance Number: Luhn.
    CaSin,
    /// Indian Aadhaar: Verhoeff check digit.
    InAadhaar,
    /// Chinese resident identity number: birth date and ISO 7064 MOD 11-2.
    CnResidentId,
    /// Australian tax file number: weighted sum mod 11.
    AuTfn,
    /// Norwegian fødselsnummer: birth date and two mod-11 check digits.
    NoFodselsnummer,
    /// E-mail address of a person: routable domain, no role mailbox or
    /// documentation domain. Plausible only.
    Email,
    /// International phone number: known country code and its number
    /// lengths. Plausible only.
    PhoneInternational,
    /// Phone number after a phone label: not a date, version or address.
    /// Plausible only.
    PhoneNational,
    /// Date of birth with a real day and a year from 1900. Plausible only.
    DateOfBirth,
    /// Passport number: mostly digits, 6 to 9 characters. Plausible only.
    Passport,
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
    /// The password field of a credential file (`.netrc`, `.pgpass`):
    /// drops references, filler and templates only. Plausible only.
    CredentialValue,
    /// A value assigned to a key-material name (`APP_KEY`,
    /// `encryption_key`): `base64:…`, random hex or Django-style text.
    /// Plausible only.
    KeyMaterial,
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
            Validator::UkNhs => Validity::confirmed_if(national_id::uk_nhs(secret)),
            Validator::UkNino => Validity::plausible_if(national_id::uk_nino(secret)),
            Validator::DeSteuerId => Validity::confirmed_if(national_id::de_steuer_id(secret)),
            Validator::FrNir => Validity::confirmed_if(national_id::fr_nir(secret)),
            Validator::EsDni => Validity::confirmed_if(national_id::es_dni(secret)),
            Validator::ItCodiceFiscale => {
                Validity::confirmed_if(national_id::it_codice_fiscale(secret))
            }
            Validator::NlBsn => Validity::confirmed_if(national_id::nl_bsn(secret)),
            Validator::SePersonnummer => {
                Validity::confirmed_if(national_id::se_personnummer(secret))
            }
            Validator::FiHetu => Validity::confirmed_if(national_id::fi_hetu(secret)),
            Validator::DkCpr => Validity::plausible_if(national_id::dk_cpr(secret)),
            Validator::PlPesel => Validity::confirmed_if(national_id::pl_pesel(secret)),
            Validator::BeNationalNumber => {
                Validity::confirmed_if(national_id::be_national_number(secret))
            }
            Validator::BrCpf => Validity::confirmed_if(national_id::br_cpf(secret)),
            Validator::CaSin => Validity::confirmed_if(national_id::ca_sin(secret)),
            Validator::InAadhaar => Validity::confirmed_if(national_id::in_aadhaar(secret)),
            Validator::CnResidentId => Validity::confirmed_if(national_id::cn_resident_id(secret)),
            Validator::AuTfn => Validity::confirmed_if(national_id::au_tfn(secret)),
            Validator::NoFodselsnummer => {
                Validity::confirmed_if(national_id::no_fodselsnummer(secret))
            }
            Validator::Email => Validity::plausible_if(personal::email(secret)),
            Validator::PhoneInternational => {
                Validity::plausible_if(personal::phone_international(secret))
            }
            Validator::PhoneNational => Validity::plausible_if(personal::phone_national(secret)),
            Validator::DateOfBirth => Validity::plausible_if(personal::date_of_birth(secret)),
            Validator::Passport => Validity::plausible_if(personal::passport(secret)),
            Validator::OpenaiKey => structure::openai_key(secret),
            Validator::PemDer => Validity::confirmed_if(structure::pem_der(secret)),
            Validator::OpensshKey => Validity::confirmed_if(structure::openssh_key(secret)),
            Validator::PgpPrivateKey => Validity::confirmed_if(structure::pgp_private_key(secret)),
            Validator::DiscordBotToken => {
                Validity::confirmed_if(structure::discord_bot_token(secret))
            }
            Validator::PasswordValue => Validity::plausible_if(values::password_value(secret)),
            Validator::CredentialValue => Validity::plausible_if(values::credential_value(secret)),
            Validator::KeyMaterial => Validity::plausible_if(values::key_material(secret)),
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
    lower.contains("12345678") || lower.contains("abcdefgh") || has_format_field(value)
}

/// A Python `%(name)s` format field: a template, not a value. A bare `%(`
/// is no field: Django's generated secret keys draw from `%` and `(`.
fn has_format_field(value: &str) -> bool {
    value.match_indices("%(").any(|(at, _)| {
        let rest = &value[at + 2..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        name_len > 0 && rest[name_len..].starts_with(')')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert!(is_placeholder("AKIAIOSFODNN7EXAMPLE"));
        assert!(is_placeholder("${API_KEY}"));
        assert!(is_placeholder("xxxxxxxxxxxxxxxx"));
        assert!(is_placeholder("%(db_password)s"));
        assert!(!is_placeholder("vi_r!e4f4u!j8%(-wi0-nl+9ef03#)lq_c"));
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

    /// Every validator on random mixes of digits, letters, separators and
    /// multi-byte characters (non-ASCII digits among them): no panic.
    #[test]
    fn validators_never_panic() {
        let names = "luhn iban payment_card github_crc32 jwt us_ssn uk_nhs uk_nino de_steuer_id \
            fr_nir es_dni it_codice_fiscale nl_bsn se_personnummer fi_hetu dk_cpr pl_pesel \
            be_national_number br_cpf ca_sin in_aadhaar cn_resident_id au_tfn no_fodselsnummer \
            email phone_international phone_national date_of_birth passport openai_key pem_der \
            openssh_key pgp_private_key discord_bot_token password_value secret_value \
            url_password gitlab_routable age_secret_key putty_key ssh2_private_key \
            pem_ciphertext basic_credentials base64_password pem_private_key_base64 \
            bearer_token url_userinfo";
        let validators: Vec<Validator> = names
            .split_whitespace()
            .map(|name| serde_json::from_str(&format!("\"{name}\"")).unwrap())
            .collect();
        let atoms = [
            "0",
            "1",
            "7",
            "9",
            "12",
            "-",
            " ",
            ".",
            "/",
            "+",
            "=",
            ":",
            "@",
            "\\",
            "\n",
            "A",
            "X",
            "z",
            "é",
            "٣",
            "１",
            "😀",
            "€",
            "2A",
            "DE",
            "GB",
            "sk-",
            "T3BlbkFJ",
            "eyJ",
            "ey",
            "-----BEGIN ",
            "-----END ",
            "PRIVATE KEY-----",
            "QUJD",
            "http://",
            "u:p@",
            "Basic ",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..4000 {
            let mut value = String::new();
            for _ in 0..state % 40 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                value.push_str(atoms[(state % atoms.len() as u64) as usize]);
            }
            for validator in &validators {
                let _ = validator.check(&value);
            }
        }
    }
}
