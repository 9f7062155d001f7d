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
/// JSON object. The payload of the jwt.io documentation token is rejected.
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
    header.get("alg").is_some_and(|alg| alg.is_string()) && !documentation_example
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
/// including the literal `\n` escapes of a key pasted into JSON.
fn armour_text(body: &str) -> Option<String> {
    if body.len() > MAX_ENCODED {
        return None;
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'r' | 't') => {}
                _ => return None,
            },
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
}
