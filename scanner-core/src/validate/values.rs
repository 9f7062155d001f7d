//! Plausibility of free-form values: passwords, generic secrets, URL
//! passwords and SSNs. These formats have no checksum, so these checks
//! only drop what cannot be a real value (references, code, filler); they
//! never confirm one.

/// Values that name a type, a default or a field rather than hold a secret.
const NON_SECRET_WORDS: &[&str] = &[
    "null",
    "none",
    "nil",
    "undefined",
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "empty",
    "blank",
    "string",
    "str",
    "bool",
    "boolean",
    "int",
    "integer",
    "number",
    "text",
    "char",
    "bytes",
    "object",
    "required",
    "optional",
    "default",
    "hidden",
    "masked",
    "secret",
    "secrets",
    "password",
    "passwd",
    "pass",
    "pwd",
    "passphrase",
    "token",
    "apikey",
    "api_key",
    "key",
    "value",
    "test",
    "testing",
    "admin",
    "root",
    "user",
    "username",
    "guest",
    "letmein",
    "foobar",
    "foo",
    "bar",
    "baz",
    "qwerty",
    "postgres",
    "mysql",
    "redis",
    "mongo",
    "changeit",
    "secretkey",
    "mysecret",
    "mypassword",
    "secret123",
    "password1",
    "password123",
    "pass123",
    "test123",
    "admin123",
    "root123",
    "abc123",
    "notasecret",
    "todo",
    "tbd",
    "fixme",
    "unknown",
    "unset",
    "invalid",
    "incorrect",
    "wrong",
    "missing",
    "same",
    "sha256",
    "sha512",
    "md5",
    "bcrypt",
    "argon2",
    "plaintext",
    "plain",
    "base64",
    "hex",
];

/// Markers of a value read from somewhere else (environment, vault,
/// template, config object, secret manager) instead of written inline.
const REFERENCE_MARKERS: &[&str] = &[
    "os.environ",
    "getenv",
    "process.env",
    "env(",
    "env[",
    "env.",
    "environ",
    "secrets.",
    "vault:",
    "!vault",
    "ref+",
    "arn:aws:",
    "secretkeyref",
    "valuefrom",
    "import.meta",
    "config.",
    "settings.",
    "params.",
    "args.",
    "self.",
    "this.",
    "props.",
    "request.",
    "input(",
    "prompt(",
    "keyring",
    "credentials(",
    "lookup(",
    "::",
    "->",
    "=>",
];

/// Characters a value starts with when it is a reference, expression or
/// markup rather than a literal: `$VAR`, `%env(X)%`, `{var}`, `[x]`,
/// `@Value`, `*alias`, `&anchor`, `!Ref`, `#comment`, `=` of `==`, `~/path`.
const REFERENCE_STARTS: &[char] = &[
    '$', '%', '{', '[', '(', '@', '*', '&', '!', '#', '=', '<', '\\', '/', '.', '+', '~',
];

fn is_reference(value: &str) -> bool {
    value.starts_with(REFERENCE_STARTS) || value.contains(['(', '[']) || names_elsewhere(value)
}

/// A reference marker, an attribute path or a constant name: the value
/// says where the secret is kept, not what it is.
fn names_elsewhere(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    REFERENCE_MARKERS.iter().any(|m| lower.contains(m))
        || is_identifier_path(value)
        || is_constant_name(value)
}

/// `config.db.password`, `settings.SECRET_KEY`: an attribute path.
fn is_identifier_path(value: &str) -> bool {
    value.contains('.')
        && value.split('.').all(|part| {
            part.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// `DB_PASSWORD`, `SECRET_KEY`: a constant or environment variable name.
fn is_constant_name(value: &str) -> bool {
    value.contains('_')
        && value.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && value
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// A filler word, bare or in quotes and punctuation: `None`, `"null"`,
/// `password1.` A capitalised one with a symbol added (`Password1!`) is
/// someone's real, if weak, password.
fn is_filler_word(value: &str) -> bool {
    let trimmed = value.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    NON_SECRET_WORDS.contains(&trimmed.to_ascii_lowercase().as_str())
        && (trimmed.len() == value.len() || !value.chars().any(|c| c.is_ascii_uppercase()))
}

/// Character classes present: lower, upper, digit, other.
fn classes(value: &str) -> usize {
    let lower = value.chars().any(|c| c.is_ascii_lowercase());
    let upper = value.chars().any(|c| c.is_ascii_uppercase());
    let digit = value.chars().any(|c| c.is_ascii_digit());
    let other = value.chars().any(|c| !c.is_ascii_alphanumeric());
    [lower, upper, digit, other].iter().filter(|&&b| b).count()
}

/// Words that name what a value stands for: `mypassword`, `owner-secret`.
const STAND_IN_WORDS: &[&str] = &["password", "passwd", "passwort", "passphrase", "secret"];

/// A human-chosen password assigned to a password key: 6–128 characters
/// with a letter and a digit or symbol (a bare word after `password =` is
/// almost always a variable), and none of: a reference, filler, code, a
/// stored hash, a path, a URL or an e-mail address.
pub(super) fn password_value(value: &str) -> bool {
    let len = value.chars().count();
    if !(6..=128).contains(&len)
        || is_reference(value)
        || is_filler_word(value)
        || value.contains(['{', '}'])
        || is_stored_hash(value)
        || is_uuid(value)
        || is_number_like(value)
    {
        return false;
    }
    // Sentence punctuation after a word is prose, not part of a password.
    let core = value.trim_end_matches(['.', ',', ';', ':', '!', '?']);
    has_letter_and_mark(core)
        && !names_itself(core)
        && !is_word_identifier(core)
        && !is_file_path(value)
        && !value.contains("://")
        && !is_email(value)
}

/// A letter, and a digit or a symbol that is not a word joiner (`-_.`):
/// `Summer2024!`, `w1nter-Harbor`, not `focus-visible`.
fn has_letter_and_mark(value: &str) -> bool {
    value.chars().any(char::is_alphabetic)
        && value
            .chars()
            .any(|c| c.is_ascii_digit() || !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
}

/// `mypassword1`, `user_password`, `secretsFile`: a stand-in or a variable
/// that names what it stands for. A password that merely contains the
/// word (`Password1!`, `MyPassword#2024`) mixes cases and has a digit or
/// symbol besides it.
fn names_itself(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let Some(word) = STAND_IN_WORDS.iter().find(|w| lower.contains(*w)) else {
        return false;
    };
    let rest = lower.replace(word, "");
    let mixed_case = value.chars().any(|c| c.is_ascii_uppercase())
        && value.chars().any(|c| c.is_ascii_lowercase());
    !(mixed_case && classes(value) >= 3 && has_letter_and_mark(&format!("x{rest}")))
}

/// `owner_password`, `focus-visible`, `default_pw`: lowercase words joined
/// by `_`, `-` or `.`, an identifier or CSS name rather than a password.
fn is_word_identifier(value: &str) -> bool {
    value.contains(['_', '-', '.'])
        && value
            .split(['_', '-', '.'])
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase()))
}

/// `0x1F2E3D4C`, `1.2.3-rc1`, `v2.0.1`: a number or version.
fn is_number_like(value: &str) -> bool {
    let hex = value
        .strip_prefix("0x")
        .or_else(|| value.strip_prefix("0X"))
        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_hexdigit()));
    let version = value
        .strip_prefix(['v', 'V'])
        .unwrap_or(value)
        .split(['.', '-', '+'])
        .next()
        .is_some_and(|first| !first.is_empty() && first.chars().all(|c| c.is_ascii_digit()))
        && value.contains('.');
    hex || version
}

/// A password hash as stored by an application: `$2b$12$…` (bcrypt),
/// `$argon2id$…`, `pbkdf2_sha256$…` (Django), `pbkdf2:sha256:…` and
/// `scrypt:…` (Werkzeug), `{SSHA}…` (LDAP), or a bare hex digest. A stored
/// hash is not the password.
fn is_stored_hash(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    const PREFIXES: &[&str] = &[
        "$2a$", "$2b$", "$2y$", "$argon2", "$scrypt$", "$pbkdf2", "$1$", "$5$", "$6$", "$y$",
        "pbkdf2_", "pbkdf2:", "pbkdf2$", "argon2$", "argon2:", "bcrypt$", "scrypt:", "scrypt$",
        "sha1$", "md5$", "sha256$", "{ssha", "{sha", "{md5", "{crypt", "{bcrypt",
    ];
    PREFIXES.iter().any(|p| lower.starts_with(p)) || is_hex_digest(value) || is_sri_hash(value)
}

/// 32, 40, 64 or 128 hex digits of one case: an MD5, SHA-1 (git object),
/// SHA-256 or SHA-512 digest.
fn is_hex_digest(value: &str) -> bool {
    matches!(value.len(), 32 | 40 | 64 | 128)
        && value.chars().all(|c| c.is_ascii_hexdigit())
        && !(value.chars().any(|c| c.is_ascii_uppercase())
            && value.chars().any(|c| c.is_ascii_lowercase()))
}

/// Subresource integrity and lockfile `integrity`: `sha512-<base64>`, and
/// the `sha256:<hex>` digests of container images and lockfiles.
fn is_sri_hash(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    [
        "sha1-", "sha256-", "sha384-", "sha512-", "sha1:", "sha256:", "sha384:", "sha512:", "md5:",
        "md5-",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// `anonymous@domain.org`: the customary anonymous-FTP password, or a
/// user name put in the wrong field; not a secret.
fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let top_level = domain.rsplit('.').next().unwrap_or("");
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && top_level.len() >= 2
        && top_level.chars().all(|c| c.is_ascii_alphabetic())
}

fn is_file_path(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let windows_drive = lower.len() > 3
        && lower.as_bytes()[0].is_ascii_alphabetic()
        && lower[1..].starts_with(":\\");
    windows_drive
        || lower.starts_with("~/")
        || lower.starts_with("./")
        || lower.starts_with("../")
        || [
            ".txt",
            ".pem",
            ".key",
            ".json",
            ".yaml",
            ".yml",
            ".env",
            ".conf",
            ".cfg",
            ".ini",
            ".crt",
            ".p12",
            ".pfx",
            ".jks",
            ".html",
            ".py",
            ".rs",
            ".js",
            ".ts",
            ".md",
            ".gpg",
            ".asc",
            ".pub",
            ".der",
            ".cer",
            ".csr",
            ".properties",
            ".xml",
            ".toml",
            ".db",
            ".sqlite",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// Public halves and public identifiers that sit next to credential words:
/// SSH public keys, Stripe publishable keys, JWTs (their own rule judges
/// them; one it rejected is no token).
fn is_public_or_structured(value: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "pk_live_",
        "pk_test_",
        "ssh-rsa",
        "ssh-ed25519",
        "ssh-dss",
        "ecdsa-sha2-",
        "sk-ssh-",
        "aaaab3nzac1",
        "aaaac3nzac1",
        "aaaae2vjzhnh",
        "-----begin",
        "npub1",
    ];
    let lower = value.to_ascii_lowercase();
    PREFIXES.iter().any(|p| lower.starts_with(p))
        || (value.starts_with("eyJ") && value.matches('.').count() >= 2)
}

/// A value assigned to a secret, key or token name: 20–256 characters that
/// look machine-generated, and none of: a reference, filler, a path or
/// URL, a UUID, a hash, a public key, or words joined into an identifier.
pub(super) fn secret_value(value: &str) -> bool {
    let len = value.len();
    if !(20..=256).contains(&len)
        || names_elsewhere(value)
        || is_filler_word(value)
        || is_file_path(value)
        || is_uuid(value)
        || is_stored_hash(value) && !is_hex_digest(value)
        || is_empty_input_hash(value)
        || is_public_or_structured(value)
    {
        return false;
    }
    if value.contains('/')
        && value.chars().filter(|&c| c == '/').count() > 2
        && !value.contains('+')
    {
        return false; // a path or URL, not base64
    }
    looks_random(value)
}

/// The digest of empty input: what a hash field holds before there is data.
fn is_empty_input_hash(value: &str) -> bool {
    const EMPTY_HASHES: &[&str] = &[
        "d41d8cd98f00b204e9800998ecf8427e",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    ];
    EMPTY_HASHES.contains(&value.to_ascii_lowercase().as_str())
}

/// Machine-generated rather than typed: two or more character classes,
/// the entropy of random text over its alphabet, and letters and digits
/// that switch class often. `TokenType.IDENTIFIER`, `secret_key_for_dev`
/// and `someModuleName` switch rarely; random base62 switches on most
/// characters, lowercase hex on about half.
fn looks_random(value: &str) -> bool {
    let hex = value.chars().all(|c| c.is_ascii_hexdigit());
    let floor = if hex { 3.0 } else { 3.4 };
    classes(value) >= 2 && super::shannon_entropy(value) >= floor && class_switch_rate(value) >= 0.2
}

/// Among neighbouring alphanumeric characters, the share that differ in
/// class (lower, upper, digit), not counting an upper-case letter followed
/// by lower case: the start of a word in `CamelCase`.
fn class_switch_rate(value: &str) -> f64 {
    fn class(c: u8) -> u8 {
        match c {
            b'a'..=b'z' => 1,
            b'A'..=b'Z' => 2,
            b'0'..=b'9' => 3,
            _ => 0,
        }
    }
    let (mut pairs, mut switches) = (0u32, 0u32);
    for pair in value.as_bytes().windows(2) {
        let (a, b) = (class(pair[0]), class(pair[1]));
        if a != 0 && b != 0 {
            pairs += 1;
            switches += u32::from(a != b && (a, b) != (2, 1));
        }
    }
    if pairs == 0 {
        0.0
    } else {
        f64::from(switches) / f64::from(pairs)
    }
}

fn is_uuid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5
        && groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The password part of a `scheme://user:password@host` URL: anything but
/// a reference, a format directive or a filler word.
pub(super) fn url_password(value: &str) -> bool {
    let len = value.chars().count();
    (3..=256).contains(&len)
        && !value.starts_with(['$', '%', '{', '[', '<', '*', '('])
        && !value.contains("%s")
        && !is_filler_word(value)
        && !is_constant_name(value)
}

/// US SSN rules since 2011 randomisation: area not 000, 666 or 9xx; group
/// not 00; serial not 0000; and not one of the numbers known from
/// advertising and documentation.
pub(super) fn us_ssn(value: &str) -> bool {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 9
        || value
            .chars()
            .any(|c| !c.is_ascii_digit() && c != '-' && c != ' ')
    {
        return false;
    }
    let (area, group, serial) = (&digits[..3], &digits[3..5], &digits[5..]);
    const PUBLISHED: &[&str] = &[
        "078051120",
        "219099999",
        "123456789",
        "111111111",
        "457555462",
    ];
    area != "000"
        && area != "666"
        && !area.starts_with('9')
        && group != "00"
        && serial != "0000"
        && !PUBLISHED.contains(&digits.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_passwords_pass_references_and_filler_do_not() {
        for ok in [
            "Summer2024!",
            "hunter2!x",
            "Tr0ub4dor&3",
            "s3cr3t-Pass",
            "letmein99",
            "P@ssw0rd.x",
        ] {
            assert!(password_value(ok), "{ok}");
        }
        for bad in [
            "${DB_PASSWORD}",
            "%env(DB_PASS)%",
            "os.environ['X']",
            "process.env.DB_PASS",
            "DB_PASSWORD",
            "self.password",
            "null",
            "None",
            "password",
            "********",
            "getenv(\"X\")",
            "str",
            "String",
            "required",
            "admin123",
            "owner-secret",
            "owner_password",
            "correct.",
            "secure%20password",
            "user-\\u{FB01}le",
            "compute_password(x)",
            "anonymous@domain.org",
            "config['pw']",
            "secretsFile",
            "./key.pem",
            "abc",
            "==",
        ] {
            assert!(!password_value(bad), "{bad}");
        }
        // One character changed into a reference marker flips the result.
        assert!(password_value("xSummer2024!"));
        assert!(!password_value("$Summer2024!"));
    }

    #[test]
    fn passwords_may_contain_the_word_but_not_only_name_it() {
        for ok in [
            "Password1!",
            "MyPassword#2024",
            "Secret-Harbor9",
            "w1nter-Harbor",
        ] {
            assert!(password_value(ok), "{ok}");
        }
        for bad in [
            "password",
            "mypassword1",
            "password_1",
            "newPassword",
            "Password_Field",
            "i18n:password",
            "focus-visible",
        ] {
            assert!(!password_value(bad), "{bad}");
        }
    }

    #[test]
    fn stored_hashes_numbers_and_urls_are_not_passwords() {
        for bad in [
            "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
            "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
            "pbkdf2_sha256$600000$c2FsdA$aGFzaGhhc2g=",
            "scrypt:32768:8:1$c2FsdA$9f86d081884c7d65",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "3f2b8a1c-9d4e-4f6a-8b7c-2e1d0a9f8b7c",
            "0xDEADBEEF",
            "1.2.3-rc1",
            "https://auth.internal/login",
            "C:\\secrets\\db.txt",
            "Self::Basic",
        ] {
            assert!(!password_value(bad), "{bad}");
        }
    }

    #[test]
    fn secret_values_must_look_random() {
        assert!(secret_value("q7Vd9LmR2xK4pT8wZc3N"));
        assert!(
            !secret_value("d41d8cd98f00b204e9800998ecf8427e"),
            "MD5 of nothing"
        );
        assert!(
            !secret_value("3f2b8a1c-9d4e-4f6a-8b7c-2e1d0a9f8b7c"),
            "UUID"
        );
        assert!(!secret_value("settings.SECRET_KEY_VALUE"));
        assert!(!secret_value("aaaaaaaaaaaaaaaaaaaa"));
        assert!(secret_value("3c9f1a7e5b2d8046f1e3a9c7b5d2e8f0"), "hex key");
        for bad in [
            "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==",
            "pk_live_51Hq8ZtLq2Wr6Xv9Nc4Kp7Bs1Dj3",
            "AAAAC3NzaC1lZDI1NTE5AAAAIG8kNqLq2Wr6Xv9Nc4Kp7Bs1Dj3",
            "secret_key_for_local_development_only",
            "TokenType.IDENTIFIER_OR_KEYWORD",
            "someModuleClassNameHere",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db",
        ] {
            assert!(!secret_value(bad), "{bad}");
        }
    }

    #[test]
    fn url_passwords() {
        assert!(url_password("Zq7!rP2m"));
        assert!(!url_password("password"));
        assert!(!url_password("$DB_PASS"));
        assert!(!url_password("%s"));
        assert!(!url_password("DB_PASSWORD"));
    }

    #[test]
    fn ssn_rules() {
        assert!(us_ssn("536-22-4178"));
        assert!(us_ssn("536224178"));
        for bad in [
            "000-22-4178",
            "666-22-4178",
            "936-22-4178",
            "536-00-4178",
            "536-22-0000",
            "078-05-1120",
        ] {
            assert!(!us_ssn(bad), "{bad}");
        }
    }
}
