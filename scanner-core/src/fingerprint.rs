//! Previews and fingerprints: the only forms in which a secret leaves the
//! engine.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Key used when the caller supplies none. Public, so fingerprints made with
/// it only correlate repeats; a server keys them with its own secret so that
/// low-entropy values (card numbers, SSNs) cannot be recovered by guessing.
pub(crate) const DEFAULT_FINGERPRINT_KEY: &[u8] = b"nospill-fingerprint-v1";

/// `fp1:` followed by 32 hex digits (128 bits) of HMAC-SHA256(key, secret).
pub(crate) fn fingerprint(key: &[u8], secret: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts any key length");
    mac.update(secret.as_bytes());
    let digest = mac.finalize().into_bytes();
    let mut out = String::with_capacity(36);
    out.push_str("fp1:");
    for byte in &digest[..16] {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// At most 8 characters and at most a quarter of the secret, then `…`.
/// Secrets shorter than 4 characters show nothing but the ellipsis.
pub(crate) fn preview(secret: &str) -> String {
    let chars = secret.chars().count();
    let shown = (chars / 4).min(8);
    let mut out: String = secret.chars().take(shown).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_never_shows_more_than_a_quarter_or_eight_chars() {
        assert_eq!(preview("AKIAZ4QW7RT2LX5MN3PB"), "AKIAZ…");
        assert_eq!(preview("abc"), "…");
        let long = "x".repeat(200);
        assert_eq!(preview(&long).chars().count(), 9);
        assert_eq!(preview("päßwörd1"), "pä…");
    }

    #[test]
    fn fingerprint_depends_on_key_and_secret() {
        let a = fingerprint(b"k1", "secret-one");
        assert_eq!(a, fingerprint(b"k1", "secret-one"));
        assert_ne!(a, fingerprint(b"k2", "secret-one"));
        assert_ne!(a, fingerprint(b"k1", "secret-two"));
        assert!(a.starts_with("fp1:") && a.len() == 36);
        assert!(!a.contains("secret"));
    }
}
