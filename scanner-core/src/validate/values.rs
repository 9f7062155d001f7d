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
/// template, config object) instead of written inline.
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
];

/// Characters a value starts with when it is a reference, expression or
/// markup rather than a literal: `$VAR`, `%env(X)%`, `{var}`, `[x]`,
/// `@Value`, `*alias`, `&anchor`, `!Ref`, `#comment`, `=` of `==`.
const REFERENCE_STARTS: &[char] = &[
    '$', '%', '{', '[', '(', '@', '*', '&', '!', '#', '=', '<', '\\', '/', '.', '+',
];

fn is_reference(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    value.starts_with(REFERENCE_STARTS)
        || REFERENCE_MARKERS.iter().any(|m| lower.contains(m))
        || value.contains(['(', '['])
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

fn is_filler_word(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let trimmed = lower.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    NON_SECRET_WORDS.contains(&trimmed)
}

/// Character classes present: lower, upper, digit, other.
fn classes(value: &str) -> usize {
    let lower = value.chars().any(|c| c.is_ascii_lowercase());
    let upper = value.chars().any(|c| c.is_ascii_uppercase());
    let digit = value.chars().any(|c| c.is_ascii_digit());
    let other = value.chars().any(|c| !c.is_ascii_alphanumeric());
    [lower, upper, digit, other].iter().filter(|&&b| b).count()
}

/// A human-chosen password assigned to a password key: 6–128 characters,
/// not a reference or filler word, and with a letter plus a digit or
/// symbol (a bare word after `password =` is almost always a variable).
pub(super) fn password_value(value: &str) -> bool {
    let len = value.chars().count();
    if !(6..=128).contains(&len) || is_reference(value) || is_filler_word(value) {
        return false;
    }
    let lower = value.to_ascii_lowercase();
    // `owner-secret`, `user_password`, `mypassword1`: a stand-in that
    // names what it stands for; `{0}`, `\u{..}`: a format or escape.
    if ["password", "passwd", "secret"]
        .iter()
        .any(|word| lower.contains(word))
        || value.contains(['{', '}'])
    {
        return false;
    }
    // Sentence punctuation after a word is prose, not part of a password.
    let core = value.trim_end_matches(['.', ',', ';', ':', '!', '?']);
    let has_letter = core.chars().any(|c| c.is_alphabetic());
    let has_digit_or_symbol = core.chars().any(|c| !c.is_alphabetic());
    has_letter
        && has_digit_or_symbol
        && !is_snake_identifier(core)
        && !is_file_path(value)
        && !is_email(value)
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

/// `owner_password`, `default_pw`: a variable name in code.
fn is_snake_identifier(value: &str) -> bool {
    value.contains('_')
        && value
            .split('_')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase()))
}

fn is_file_path(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    [
        ".txt", ".pem", ".key", ".json", ".yaml", ".yml", ".env", ".conf", ".cfg", ".ini", ".crt",
        ".p12",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
}

/// A value assigned to a secret, key or token name: long and random
/// enough to be machine-generated, not a reference, path, UUID or the
/// hash of nothing.
pub(super) fn secret_value(value: &str) -> bool {
    let len = value.len();
    if !(16..=256).contains(&len)
        || is_reference(value)
        || is_filler_word(value)
        || is_file_path(value)
    {
        return false;
    }
    const EMPTY_HASHES: &[&str] = &[
        "d41d8cd98f00b204e9800998ecf8427e",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    ];
    if EMPTY_HASHES.contains(&value.to_ascii_lowercase().as_str()) || is_uuid(value) {
        return false;
    }
    if value.contains('/')
        && value.chars().filter(|&c| c == '/').count() > 2
        && !value.contains('+')
    {
        return false; // a path or URL, not base64
    }
    classes(value) >= 2 && super::shannon_entropy(value) >= 3.5
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
