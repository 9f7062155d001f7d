//! Structural checks: the match must decode into what its format says it
//! is (JSON in a JWT, DER in a PEM body, an OpenPGP packet in armour).

use super::Validity;
use super::checksum::crc24;
use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Longest encoded body any structural check decodes; the detection
/// windows are smaller, this only bounds the work if that changes.
const MAX_ENCODED: usize = 256 * 1024;

const PADDING_OPTIONAL: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, PADDING_OPTIONAL);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, PADDING_OPTIONAL);

/// A JWT whose header is a JSON object naming `alg` and whose payload is a
/// JSON object. The payload of the jwt.io documentation token is rejected,
/// and so is an unsigned token (`alg: none`): anyone can mint one, so it
/// proves nothing to a server that checks signatures and is no credential.
pub(super) fn jwt(token: &str) -> bool {
    let mut parts = token.split('.');
    let (Some(header), Some(payload)) = (parts.next(), parts.next()) else {
        return false;
    };
    let decode_object = |part: &str| -> Option<serde_json::Map<String, serde_json::Value>> {
        if part.len() > MAX_ENCODED {
            return None;
        }
        let bytes = URL_SAFE.decode(part).ok()?;
        match serde_json::from_slice(&bytes).ok()? {
            serde_json::Value::Object(map) => Some(map),
            _ => None,
        }
    };
    let Some(header) = decode_object(header) else {
        return false;
    };
    let Some(payload) = decode_object(payload) else {
        return false;
    };
    let documentation_example = payload.get("name").and_then(|v| v.as_str()) == Some("John Doe");
    let signed = header
        .get("alg")
        .and_then(|alg| alg.as_str())
        .is_some_and(|alg| !alg.eq_ignore_ascii_case("none"));
    signed && !documentation_example
}

/// OpenAI keys carry `T3BlbkFJ` (base64 of "OpenAI") between two random
/// runs of at least 20 characters. Project, service-account and admin keys
/// without it are plausible by their prefix alone.
pub(super) fn openai_key(token: &str) -> Validity {
    const MARKER: &str = "T3BlbkFJ";
    let body = ["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-None-", "sk-"]
        .iter()
        .find_map(|prefix| token.strip_prefix(prefix));
    let Some(body) = body else {
        return Validity::Invalid;
    };
    if let Some(at) = body.find(MARKER)
        && at >= 20
        && body.len() - at - MARKER.len() >= 20
    {
        return Validity::Valid;
    }
    let typed = token.len() - body.len() > "sk-".len();
    if typed && body.len() >= 40 {
        Validity::Plausible
    } else {
        Validity::Invalid
    }
}

/// Base64 text of a PEM or armour body with its line breaks removed,
/// including the literal `\n` escapes of a key pasted into JSON (escaped
/// once or more).
fn armour_text(body: &str) -> Option<String> {
    if body.len() > MAX_ENCODED {
        return None;
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            // `\\n` too: a key in a JSON string inside another JSON string.
            '\\' => {
                let mut next = chars.next();
                while next == Some('\\') {
                    next = chars.next();
                }
                if !matches!(next, Some('n' | 'r' | 't')) {
                    return None;
                }
            }
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    Some(out)
}

/// A PEM body that decodes to exactly one DER SEQUENCE whose first element
/// is an INTEGER (version of PKCS#1, PKCS#8, SEC1 and DSA keys) or a
/// SEQUENCE (the algorithm of an encrypted PKCS#8 key).
pub(super) fn pem_der(body: &str) -> bool {
    let Some(text) = armour_text(body) else {
        return false;
    };
    let Ok(der) = STANDARD.decode(text) else {
        return false;
    };
    if der.len() < 8 || der[0] != 0x30 {
        return false;
    }
    let (length, header) = match der[1] {
        n if n < 0x80 => (usize::from(n), 2),
        0x81 => (usize::from(der[2]), 3),
        0x82 => (usize::from(der[2]) << 8 | usize::from(der[3]), 4),
        0x83 => (
            usize::from(der[2]) << 16 | usize::from(der[3]) << 8 | usize::from(der[4]),
            5,
        ),
        _ => return false,
    };
    header + length == der.len() && matches!(der[header], 0x02 | 0x30)
}

/// An OpenSSH private key body: the `openssh-key-v1` container, whose
/// first field (the cipher name) is a short ASCII string.
pub(super) fn openssh_key(body: &str) -> bool {
    const MAGIC: &[u8] = b"openssh-key-v1\0";
    let Some(text) = armour_text(body) else {
        return false;
    };
    let Ok(bytes) = STANDARD.decode(text) else {
        return false;
    };
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        return false;
    };
    let Some(length) = rest.get(..4) else {
        return false;
    };
    let length = u32::from_be_bytes([length[0], length[1], length[2], length[3]]) as usize;
    (1..=32).contains(&length)
        && rest
            .get(4..4 + length)
            .is_some_and(|name| name.iter().all(u8::is_ascii_graphic))
}

/// An ASCII-armoured OpenPGP private key: the data starts with a
/// Secret-Key packet (tag 5), and the `=XXXX` CRC-24 line, when present,
/// matches the data.
pub(super) fn pgp_private_key(body: &str) -> bool {
    let Some(text) = armour_text(body) else {
        return false;
    };
    let (data, checksum) = match text.len().checked_sub(5) {
        Some(at) if text.as_bytes()[at] == b'=' && !text[at + 1..].contains('=') => {
            (&text[..at], Some(&text[at + 1..]))
        }
        _ => (text.as_str(), None),
    };
    let Ok(packets) = STANDARD.decode(data) else {
        return false;
    };
    let Some(&first) = packets.first() else {
        return false;
    };
    if first & 0x80 == 0 {
        return false;
    }
    let tag = if first & 0x40 != 0 {
        first & 0x3F
    } else {
        (first >> 2) & 0x0F
    };
    if tag != 5 {
        return false;
    }
    match checksum {
        None => true,
        Some(checksum) => match STANDARD.decode(checksum) {
            Ok(crc) if crc.len() == 3 => {
                u32::from(crc[0]) << 16 | u32::from(crc[1]) << 8 | u32::from(crc[2])
                    == crc24(&packets)
            }
            _ => false,
        },
    }
}

/// A Discord bot token's first segment is the base64 of the bot's user id,
/// a 17–20 digit snowflake.
pub(super) fn discord_bot_token(token: &str) -> bool {
    let Some((id, _)) = token.split_once('.') else {
        return false;
    };
    let decoded = URL_SAFE.decode(id).or_else(|_| STANDARD.decode(id));
    decoded.is_ok_and(|digits| {
        (17..=20).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit)
    })
}

// Private keys, credential files and HTTP auth.

/// The Bech32 alphabet (BIP 173).
const BECH32: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn bech32_polymod(values: impl Iterator<Item = u8>) -> u32 {
    const GENERATOR: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let mut check: u32 = 1;
    for value in values {
        let top = check >> 25;
        check = (check & 0x1ff_ffff) << 5 ^ u32::from(value);
        for (bit, generator) in GENERATOR.iter().enumerate() {
            if (top >> bit) & 1 == 1 {
                check ^= generator;
            }
        }
    }
    check
}

/// An age secret key: Bech32 (checksum constant 1, not Bech32m) with the
/// human-readable part `age-secret-key-` and a 32-byte X25519 scalar. Upper
/// case is how age prints it; the checksum is computed over lower case.
pub(super) fn age_secret_key(key: &str) -> bool {
    if key.bytes().any(|b| b.is_ascii_lowercase()) && key.bytes().any(|b| b.is_ascii_uppercase()) {
        return false; // Bech32 forbids mixed case
    }
    let lower = key.to_ascii_lowercase();
    let Some(data) = lower.strip_prefix("age-secret-key-1") else {
        return false;
    };
    // 32 bytes = 52 five-bit groups (4 bits of padding) + 6 checksum groups.
    if data.len() != 58 {
        return false;
    }
    let Some(values) = data
        .bytes()
        .map(|c| BECH32.iter().position(|&b| b == c).map(|v| v as u8))
        .collect::<Option<Vec<u8>>>()
    else {
        return false;
    };
    let hrp = b"age-secret-key-";
    let expanded = hrp
        .iter()
        .map(|c| c >> 5)
        .chain([0])
        .chain(hrp.iter().map(|c| c & 31));
    bech32_polymod(expanded.chain(values.iter().copied())) == 1 && values[51] & 0x0f == 0
}

/// `Name: value` on one line of a key file header.
fn header_field<'a>(line: Option<&'a str>, name: &str) -> Option<&'a str> {
    let rest = line?.strip_prefix(name)?.strip_prefix(':')?;
    Some(rest.trim())
}

/// The `count` base64 lines after a `Public-Lines: N` / `Private-Lines: M`
/// header, decoded. PuTTY writes at most 64 characters a line.
fn counted_base64<'a>(
    header: Option<&'a str>,
    name: &str,
    lines: &mut impl Iterator<Item = &'a str>,
) -> Option<Vec<u8>> {
    let count: usize = header_field(header, name)?.parse().ok()?;
    if !(1..=256).contains(&count) {
        return None;
    }
    let mut text = String::new();
    for _ in 0..count {
        let line = lines.next()?;
        let base64_chars = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
        if line.is_empty() || line.len() > 64 || !line.bytes().all(base64_chars) {
            return None;
        }
        text.push_str(line);
    }
    STANDARD.decode(text).ok()
}

/// An SSH wire-format string: a 4-byte big-endian length and the bytes;
/// returns the string and what follows it.
fn ssh_string(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let length = bytes.get(..4)?;
    let length = u32::from_be_bytes([length[0], length[1], length[2], length[3]]) as usize;
    let rest = &bytes[4..];
    (length <= rest.len()).then(|| rest.split_at(length))
}

/// A PuTTY key file (PPK version 2 or 3): header, `Encryption`, `Comment`,
/// `Public-Lines: N` and N base64 lines whose public blob names the header's
/// algorithm, key-derivation fields (version 3, encrypted), `Private-Lines: M`
/// and M base64 lines (whole cipher blocks when encrypted), then a
/// `Private-MAC` of the version's length (HMAC-SHA-1 or HMAC-SHA-256, hex).
/// Accepts real line breaks and the literal `\n` of a JSON string. The MAC
/// itself is not checked: a key with a damaged MAC still leaks the key.
pub(super) fn putty_key(text: &str) -> bool {
    if text.len() > MAX_ENCODED {
        return false;
    }
    let text = text.replace("\\r\\n", "\n").replace("\\n", "\n");
    putty_key_lines(&mut text.lines().map(str::trim)).is_some()
}

fn putty_key_lines<'a>(lines: &mut impl Iterator<Item = &'a str>) -> Option<()> {
    let header = lines.next()?.strip_prefix("PuTTY-User-Key-File-")?;
    let (version, algorithm) = header.split_once(':')?;
    let algorithm = algorithm.trim();
    let mac_hex_len = match version {
        "2" => 40,
        "3" => 64,
        _ => return None,
    };
    let encrypted = match header_field(lines.next(), "Encryption")? {
        "none" => false,
        "aes256-cbc" => true,
        _ => return None,
    };
    header_field(lines.next(), "Comment")?;
    let public = counted_base64(lines.next(), "Public-Lines", lines)?;
    let (name, _) = ssh_string(&public)?;
    if algorithm.is_empty() || name != algorithm.as_bytes() {
        return None;
    }
    // Version 3 puts Key-Derivation and Argon2-* fields here when encrypted.
    let mut line = lines.next();
    for _ in 0..6 {
        match line {
            Some(l) if l.starts_with("Key-Derivation:") || l.starts_with("Argon2-") => {
                line = lines.next();
            }
            _ => break,
        }
    }
    let private = counted_base64(line, "Private-Lines", lines)?;
    if encrypted && private.len() % 16 != 0 {
        return None;
    }
    let mac = header_field(lines.next(), "Private-MAC")?;
    (mac.len() == mac_hex_len && mac.bytes().all(|b| b.is_ascii_hexdigit())).then_some(())
}

/// An SSH.com (SECSH) private key body: magic number 0x3f6ff9eb, the total
/// length of the blob, then a key type and a cipher name as SSH strings.
pub(super) fn ssh2_private_key(body: &str) -> bool {
    let Some(text) = armour_text(body) else {
        return false;
    };
    let Ok(bytes) = STANDARD.decode(text) else {
        return false;
    };
    let Some(head) = bytes.get(..8) else {
        return false;
    };
    let magic = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
    let total = u32::from_be_bytes([head[4], head[5], head[6], head[7]]) as usize;
    let printable =
        |s: &[u8]| !s.is_empty() && s.len() <= 128 && s.iter().all(u8::is_ascii_graphic);
    magic == 0x3f6f_f9eb
        && total == bytes.len()
        && ssh_string(&bytes[8..]).is_some_and(|(key_type, rest)| {
            printable(key_type) && ssh_string(rest).is_some_and(|(cipher, _)| printable(cipher))
        })
}

/// The body of a legacy encrypted PEM key (`Proc-Type: 4,ENCRYPTED`): CBC
/// ciphertext, so whole 8- or 16-byte blocks.
pub(super) fn pem_ciphertext(body: &str) -> bool {
    let Some(text) = armour_text(body) else {
        return false;
    };
    STANDARD
        .decode(text)
        .is_ok_and(|bytes| bytes.len() >= 32 && bytes.len() % 8 == 0)
}

/// Standard base64 that decodes to printable UTF-8 text without control
/// characters.
fn base64_text(encoded: &str) -> Option<String> {
    if encoded.len() > 4096 {
        return None;
    }
    let text = String::from_utf8(STANDARD.decode(encoded).ok()?).ok()?;
    (!text.is_empty() && !text.chars().any(char::is_control)).then_some(text)
}

/// HTTP Basic credentials, npm `_auth` and Docker `auths` entries: base64 of
/// `user:password` with a real password (not a reference or filler word),
/// or of an API key as the user name with an empty password, as Stripe and
/// others use it.
pub(super) fn basic_credentials(encoded: &str) -> bool {
    let Some(text) = base64_text(encoded) else {
        return false;
    };
    let Some((user, password)) = text.split_once(':') else {
        return false;
    };
    if password.is_empty() {
        return user.len() >= 20 && super::values::secret_value(user);
    }
    !user.is_empty() && super::values::url_password(password)
}

/// npm's `_password`: the base64 of the password itself.
pub(super) fn base64_password(encoded: &str) -> bool {
    base64_text(encoded).is_some_and(|password| super::values::url_password(&password))
}

/// Base64 of a PEM private key block whose body has the structure of its
/// kind (kubeconfig `client-key-data`, a Secret's `tls.key`, CI variables),
/// line breaks allowed. A certificate or public key does not pass.
pub(super) fn pem_private_key_base64(encoded: &str) -> bool {
    let Some(encoded) = armour_text(encoded) else {
        return false;
    };
    let Ok(bytes) = STANDARD.decode(encoded) else {
        return false;
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return false;
    };
    let Some(rest) = text.trim_start().strip_prefix("-----BEGIN ") else {
        return false;
    };
    let Some((label, rest)) = rest.split_once("-----") else {
        return false;
    };
    let Some((body, _)) = rest.split_once("-----END ") else {
        return false;
    };
    if !label.ends_with("PRIVATE KEY") {
        return false;
    }
    if label == "OPENSSH PRIVATE KEY" {
        openssh_key(body)
    } else if body.contains("Proc-Type:") {
        true // legacy encrypted PEM: headers, then ciphertext
    } else {
        pem_der(body)
    }
}

/// The `user:password@host` of a URL: the password passes the URL password
/// filter and is not the user name again; anonymous FTP logins, whose
/// password is conventionally anything, are no secret; nor is the port list
/// of a multi-host URL (`https://a.io:123,b:c@d.io`). The host is part of
/// the match so that documentation hosts (`example.com`) meet the shared
/// placeholder filter.
pub(super) fn url_userinfo(userinfo: &str) -> bool {
    let userinfo = userinfo.rsplit_once('@').map_or(userinfo, |(info, _)| info);
    let Some((user, password)) = userinfo.split_once(':') else {
        return false;
    };
    let port_list = password
        .split_once(',')
        .is_some_and(|(port, _)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()));
    !user.is_empty()
        && !port_list
        && !password.eq_ignore_ascii_case(user)
        && !["anonymous", "ftp"].contains(&user.to_ascii_lowercase().as_str())
        && super::values::url_password(password)
}

/// A JWT whose header says `alg: none`: no credential (see [`jwt`]).
fn unsigned_jwt(token: &str) -> bool {
    let Some((header, _)) = token.split_once('.') else {
        return false;
    };
    let Ok(header) = URL_SAFE.decode(header) else {
        return false;
    };
    serde_json::from_slice::<serde_json::Value>(&header).is_ok_and(|header| {
        header
            .get("alg")
            .and_then(|alg| alg.as_str())
            .is_some_and(|alg| alg.eq_ignore_ascii_case("none"))
    })
}

/// A bearer token: random-looking (as a generic secret value) and with
/// both letters and digits, which drops hyphenated words such as
/// `Bearer-token-authentication`.
pub(super) fn bearer_token(token: &str) -> bool {
    !unsigned_jwt(token)
        && token.bytes().any(|b| b.is_ascii_digit())
        && token.bytes().any(|b| b.is_ascii_alphabetic())
        && super::values::secret_value(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Changes the character at `at` to another base64 character.
    fn altered(value: &str, at: usize) -> String {
        let mut bytes = value.as_bytes().to_vec();
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        String::from_utf8(bytes).unwrap()
    }

    fn b64url(bytes: &[u8]) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    }

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    #[test]
    fn jwt_needs_json_header_with_alg_and_json_payload() {
        let header = b64url(br#"{"alg":"HS256","typ":"JWT"}"#);
        let payload = b64url(br#"{"sub":"u-7731","iat":1716000000}"#);
        let token = format!("{header}.{payload}.QmV0dGVyTm90QmVBUmVhbFNpZ25hdHVyZQ");
        assert!(jwt(&token));
        assert!(!jwt(&altered(&token, 1)), "one changed header character");
        let no_alg = format!("{}.{payload}.sig", b64url(br#"{"typ":"JWT"}"#));
        assert!(!jwt(&no_alg));
        let array_payload = format!("{header}.{}.sig", b64url(b"[1,2]"));
        assert!(!jwt(&array_payload));
        let docs = format!(
            "{header}.{}.sig",
            b64url(br#"{"sub":"1","name":"John Doe"}"#)
        );
        assert!(!jwt(&docs), "jwt.io documentation token");
        let unsigned = format!("{}.{payload}.sig", b64url(br#"{"alg":"none"}"#));
        assert!(!jwt(&unsigned), "alg none");
    }

    #[test]
    fn openai_marker() {
        let key = "sk-proj-Rk2mQ8vTx7LpN4wZb9Hc3JdF6gYs1UaE0T3BlbkFJq5Wn8Xr2Kt7Mv4Pz6Lc9Bh3Dj1Gf";
        assert_eq!(openai_key(key), Validity::Valid);
        assert_eq!(
            openai_key(&key.replace("T3BlbkFJ", "T3BlbkFK")),
            Validity::Plausible
        );
        assert_eq!(
            openai_key("sk-Rk2mQ8vTx7LpN4wZb9Hc3JdF6gYs1UaE0q5Wn8Xr2Kt7Mv4"),
            Validity::Invalid
        );
        assert_eq!(openai_key("sk-proj-short"), Validity::Invalid);
    }

    fn der_key() -> Vec<u8> {
        // SEQUENCE { INTEGER 0, INTEGER <40 bytes>, INTEGER 65537 }
        let mut inner = vec![0x02, 0x01, 0x00, 0x02, 0x28];
        inner.extend((0..40u8).map(|i| i.wrapping_mul(37).wrapping_add(11)));
        inner.extend([0x02, 0x03, 0x01, 0x00, 0x01]);
        let mut der = vec![0x30, inner.len() as u8];
        der.extend(inner);
        der
    }

    #[test]
    fn pem_body_is_one_der_sequence() {
        let body = b64(&der_key());
        assert!(pem_der(&body));
        let wrapped = format!("{}\n{}", &body[..32], &body[32..]);
        assert!(pem_der(&wrapped), "line breaks are ignored");
        let escaped = format!("{}\\n{}", &body[..32], &body[32..]);
        assert!(pem_der(&escaped), "JSON \\n escapes are ignored");
        assert!(
            !pem_der(&altered(&body, 0)),
            "first character changed: no SEQUENCE"
        );
        assert!(!pem_der(&altered(&body, 2)), "length byte changed");
        let mut truncated = der_key();
        truncated.truncate(30);
        assert!(!pem_der(&b64(&truncated)));
    }

    #[test]
    fn openssh_body_has_the_container_magic() {
        let mut bytes = b"openssh-key-v1\0".to_vec();
        bytes.extend([0, 0, 0, 4]);
        bytes.extend(b"none");
        bytes.extend([7u8; 40]);
        let body = b64(&bytes);
        assert!(openssh_key(&body));
        assert!(!openssh_key(&altered(&body, 3)));
    }

    fn pgp_armour(packets: &[u8]) -> String {
        let crc = crc24(packets);
        let checksum = b64(&[(crc >> 16) as u8, (crc >> 8) as u8, crc as u8]);
        format!("{}\n={checksum}", b64(packets))
    }

    #[test]
    fn pgp_body_starts_with_secret_key_packet_and_matches_crc24() {
        let mut packets = vec![0xC5, 0x20, 0x04];
        packets.extend((0..31u8).map(|i| i.wrapping_mul(91)));
        let body = pgp_armour(&packets);
        assert!(pgp_private_key(&body));
        assert!(
            !pgp_private_key(&altered(&body, 10)),
            "data changed: CRC-24 mismatch"
        );
        let without_checksum = b64(&packets);
        assert!(pgp_private_key(&without_checksum));
        let mut public = packets.clone();
        public[0] = 0xC6;
        assert!(!pgp_private_key(&pgp_armour(&public)), "public key packet");
    }

    #[test]
    fn discord_token_id_decodes_to_digits() {
        let id = b64url(b"1187342309117640786");
        let token = format!("{id}.GkR2tQ.Vb8sLq3Nw7Zx1Jc5Hd9Fm2Kp6Rt0Ye4Ua8Wi3");
        assert!(discord_bot_token(&token));
        assert!(!discord_bot_token(&altered(&token, 0)));
    }

    #[test]
    fn pem_body_may_be_flattened_to_spaces_or_escaped_twice() {
        let body = b64(&der_key());
        let spaced = format!("{} {}", &body[..32], &body[32..]);
        assert!(pem_der(&spaced));
        let twice = format!("{}\\\\n{}", &body[..32], &body[32..]);
        assert!(pem_der(&twice), "JSON in JSON: \\\\n");
        let stray = format!("{}\\x{}", &body[..32], &body[32..]);
        assert!(!pem_der(&stray), "other escapes are no line break");
        assert!(!pem_der(&format!("{body}\\")), "trailing backslash");
    }

    #[test]
    fn age_key_bech32_checksum() {
        // 32 bytes of 0x5a, Bech32-encoded with hrp `age-secret-key-`.
        let key = "AGE-SECRET-KEY-1TFD95KJ6TFD95KJ6TFD95KJ6TFD95KJ6TFD95KJ6TFD95KJ6TFDQZJ8MMH";
        assert!(age_secret_key(key));
        assert!(age_secret_key(&key.to_ascii_lowercase()));
        let mut changed = key.as_bytes().to_vec();
        changed[20] = if changed[20] == b'Q' { b'P' } else { b'Q' };
        assert!(!age_secret_key(std::str::from_utf8(&changed).unwrap()));
        assert!(!age_secret_key(&key[..key.len() - 1]), "one group short");
        let mixed = format!("age-SECRET-KEY-1{}", &key[16..]);
        assert!(!age_secret_key(&mixed), "mixed case");
        assert!(!age_secret_key("AGE-SECRET-KEY-1"));
        assert!(!age_secret_key("AGE-SECRET-KEY-1ü"));
    }

    fn ppk(
        version: u8,
        encryption: &str,
        public: &[u8],
        private_len: usize,
        mac_len: usize,
    ) -> String {
        let public = b64(public);
        let private = b64(&vec![0x42; private_len]);
        let lines = |text: &str| -> Vec<String> {
            text.as_bytes()
                .chunks(64)
                .map(|c| String::from_utf8(c.to_vec()).unwrap())
                .collect()
        };
        let (public, private) = (lines(&public), lines(&private));
        format!(
            "PuTTY-User-Key-File-{version}: ssh-ed25519\nEncryption: {encryption}\nComment: ops@gw\nPublic-Lines: {}\n{}\nPrivate-Lines: {}\n{}\nPrivate-MAC: {}",
            public.len(),
            public.join("\n"),
            private.len(),
            private.join("\n"),
            "c".repeat(mac_len)
        )
    }

    fn ed25519_public_blob() -> Vec<u8> {
        let mut blob = vec![0, 0, 0, 11];
        blob.extend(b"ssh-ed25519");
        blob.extend([0, 0, 0, 32]);
        blob.extend([9u8; 32]);
        blob
    }

    #[test]
    fn putty_key_structure() {
        let blob = ed25519_public_blob();
        let v3 = ppk(3, "none", &blob, 36, 64);
        assert!(putty_key(&v3));
        assert!(putty_key(&v3.replace('\n', "\\n")), "JSON escapes");
        assert!(putty_key(&v3.replace('\n', "\r\n")), "CRLF");
        assert!(putty_key(&ppk(2, "none", &blob, 100, 40)));
        assert!(putty_key(&ppk(2, "aes256-cbc", &blob, 48, 40)));
        assert!(
            !putty_key(&ppk(2, "aes256-cbc", &blob, 36, 40)),
            "partial block"
        );
        assert!(
            !putty_key(&ppk(3, "none", &blob, 36, 40)),
            "v2 MAC length in v3"
        );
        assert!(!putty_key(&ppk(3, "rot13", &blob, 36, 64)));
        let mut rsa_blob = vec![0, 0, 0, 7];
        rsa_blob.extend(b"ssh-rsa");
        assert!(
            !putty_key(&ppk(3, "none", &rsa_blob, 36, 64)),
            "algorithm mismatch"
        );
        assert!(
            !putty_key(&v3.replace("Private-Lines: 1", "Private-Lines: 2")),
            "count"
        );
        assert!(!putty_key(
            &v3.replace("Public-Lines: 2", "Public-Lines: 0")
        ));
        assert!(!putty_key(&v3.replace(
            "Public-Lines: 2",
            "Public-Lines: 99999999999999999999"
        )));
        let argon = v3.replace(
            "Private-Lines",
            "Key-Derivation: Argon2id\nArgon2-Memory: 8192\nArgon2-Salt: 00ff\nPrivate-Lines",
        );
        assert!(putty_key(&argon));
        for cut in 0..v3.len() {
            if v3.is_char_boundary(cut) {
                let _ = putty_key(&v3[..cut]);
            }
        }
        assert!(!putty_key(&v3[..v3.len() - 1]), "MAC cut short");
    }

    #[test]
    fn ssh2_key_magic_and_length() {
        let mut body = vec![0, 0, 0, 7];
        body.extend(b"if-modn");
        body.extend([0, 0, 0, 4]);
        body.extend(b"none");
        body.extend([0x33; 40]);
        let mut blob = 0x3f6f_f9ebu32.to_be_bytes().to_vec();
        blob.extend(((body.len() + 8) as u32).to_be_bytes());
        blob.extend(&body);
        let encoded = b64(&blob);
        assert!(ssh2_private_key(&encoded));
        assert!(!ssh2_private_key(&altered(&encoded, 0)), "magic");
        blob.push(0);
        assert!(!ssh2_private_key(&b64(&blob)), "length field disagrees");
        assert!(!ssh2_private_key("P2/56w=="));
    }

    #[test]
    fn pem_ciphertext_is_whole_blocks() {
        assert!(pem_ciphertext(&b64(&[7u8; 64])));
        assert!(!pem_ciphertext(&b64(&[7u8; 63])));
        assert!(!pem_ciphertext(&b64(&[7u8; 16])), "too short for a key");
        assert!(!pem_ciphertext("not base64!"));
    }

    #[test]
    fn basic_credentials_decode_to_user_and_password() {
        assert!(basic_credentials(&b64(b"deploy:Vq8rT2mLp4Xz")));
        assert!(
            basic_credentials(&b64(b"rk_live_51Hx9Lq2Wm7Tz4Kv8Mc3:")),
            "key as user"
        );
        assert!(!basic_credentials(&b64(b"deploy:")), "empty password");
        assert!(!basic_credentials(&b64(b"user:password")), "filler");
        assert!(
            !basic_credentials(&b64(b"ci:${REGISTRY_PASS}")),
            "reference"
        );
        assert!(!basic_credentials(&b64(b"no colon here")));
        assert!(
            !basic_credentials(&b64(b"deploy:Vq8\x01rT2")),
            "control character"
        );
        assert!(
            !basic_credentials(&b64(&[0xff, 0x3a, 0x41, 0x42, 0x43])),
            "not UTF-8"
        );
        assert!(!basic_credentials("Zm9v!"));
        assert!(!basic_credentials(""));
    }

    #[test]
    fn base64_password_decodes_to_a_password() {
        assert!(base64_password(&b64(b"Harbor-Tern-58")));
        assert!(!base64_password(&b64(b"password")));
        assert!(!base64_password(&b64(b"$NPM_PASS")));
        assert!(!base64_password("%%%"));
    }

    #[test]
    fn kube_client_key_data_is_a_pem_private_key() {
        let pem = format!(
            "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----\n",
            b64(&der_key())
        );
        let encoded = b64(pem.as_bytes());
        assert!(pem_private_key_base64(&encoded));
        let wrapped = format!("{}\n{}", &encoded[..76], &encoded[76..]);
        assert!(pem_private_key_base64(&wrapped), "base64 -w 76 output");
        let cert = pem.replace("RSA PRIVATE KEY", "CERTIFICATE");
        assert!(
            !pem_private_key_base64(&b64(cert.as_bytes())),
            "certificate"
        );
        let broken = pem.replace("MDI", "QDI");
        assert!(
            !pem_private_key_base64(&b64(broken.as_bytes())),
            "body not DER"
        );
        let unterminated = &pem[..pem.find("-----END").unwrap()];
        assert!(!pem_private_key_base64(&b64(unterminated.as_bytes())));
        assert!(!pem_private_key_base64("LS0tLS1CRUdJTi"));
    }

    #[test]
    fn url_userinfo_needs_a_real_password() {
        assert!(url_userinfo("deploy:Vq8rT2mLp4Xz"));
        assert!(url_userinfo("deploy:Vq8rT2mLp4Xz@git.internal"));
        assert!(
            !url_userinfo("foo.com:123,foo:bar@bar.com"),
            "multi-host URL"
        );
        assert!(!url_userinfo("anonymous:guest@x.org"));
        assert!(!url_userinfo("backup:backup"));
        assert!(!url_userinfo("deploy:${PASS}"));
        assert!(!url_userinfo(":Vq8rT2mLp4Xz"));
        assert!(!url_userinfo("no-colon"));
    }

    /// Every prefix of a valid input and byte-level mutations of it, with
    /// multi-byte characters: the validators must answer, never panic.
    #[test]
    fn key_and_credential_validators_survive_arbitrary_input() {
        let validators: [fn(&str) -> bool; 10] = [
            age_secret_key,
            putty_key,
            ssh2_private_key,
            pem_ciphertext,
            basic_credentials,
            base64_password,
            pem_private_key_base64,
            bearer_token,
            url_userinfo,
            jwt,
        ];
        let pem = format!(
            "-----BEGIN EC PRIVATE KEY-----\n{}\n-----END EC PRIVATE KEY-----",
            b64(&der_key())
        );
        let seeds = [
            ppk(3, "aes256-cbc", &ed25519_public_blob(), 48, 64),
            "AGE-SECRET-KEY-1TFD95KJ6TFD95KJ6TFD95KJ6TFD95KJ6TFD95KJ6TFD95KJ6TFDQZJ8MMH".into(),
            b64(pem.as_bytes()),
            b64(b"deploy:Vq8rT2mLp4Xz"),
            "P2/56wAAAB0AAAAHaWYtbW9kbgAAAARub25l".into(),
            "ü\\n\\€:@\u{0}\u{FEFF}".into(),
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for seed in &seeds {
            let mut inputs: Vec<String> = (0..=seed.len())
                .filter(|&cut| seed.is_char_boundary(cut))
                .map(|cut| seed[..cut].to_string())
                .collect();
            for _ in 0..200 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let mut chars: Vec<char> = seed.chars().collect();
                if chars.is_empty() {
                    break;
                }
                let at = (state % chars.len() as u64) as usize;
                chars[at] = ['\n', ':', '=', 'é', '\\', '-', '0', 'Z'][(state >> 32) as usize % 8];
                inputs.push(chars.into_iter().collect());
            }
            for input in &inputs {
                for validator in validators {
                    let _ = validator(input);
                }
            }
        }
    }

    #[test]
    fn bearer_tokens_need_letters_and_digits() {
        assert!(bearer_token("q7Vd9LmR2xK4pT8wZc3NbH6f"));
        assert!(!bearer_token("Bearer-token-authentication-scheme"));
        assert!(!bearer_token("YOUR_ACCESS_TOKEN_2"));
        assert!(!bearer_token("1234567890123456789012"));
        let unsigned = format!(
            "{}.{}.",
            b64url(br#"{"alg":"none"}"#),
            b64url(br#"{"sub":"u-5c1e7a9d","iat":1726992402}"#)
        );
        assert!(!bearer_token(&unsigned), "unsigned JWT");
    }
}
