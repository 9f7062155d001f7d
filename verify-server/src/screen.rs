//! Client-supplied text that ends up in the audit store: the
//! `X-Nospill-Site`, `X-Nospill-User` and `X-Nospill-Mode` headers and
//! the reason given with a decision.
//!
//! Such text is cleaned (control characters stripped, length capped) and
//! run through the scanner, because people paste the wrong thing: a token
//! configured as the "user id", a URL with a key in its query string, a
//! reason that quotes the very secret it excuses. The audit store must never
//! hold a secret, so:
//! - a header value with any finding is replaced by `[withheld: <rule ids>]`
//!   (the upload itself is still scanned and recorded: refusing it over a
//!   header would only push people to switch the header off);
//! - a reason with any finding is refused with a 400 that names what was
//!   found by its preview, so the user can rephrase.
//!
//! Header values are never logged; only the audit store keeps their cleaned
//! and screened form.

use crate::audit::{Mode, Origin};
use crate::error::ApiError;
use axum::http::{HeaderMap, StatusCode};
use scanner_core::{Finding, ScanOptions};

pub const SITE_HEADER: &str = "x-nospill-site";
pub const USER_HEADER: &str = "x-nospill-user";
pub const MODE_HEADER: &str = "x-nospill-mode";

/// Longest site kept, in characters: a DNS name is at most 253, plus a port.
const MAX_SITE_CHARS: usize = 260;
/// Longest user id kept, in characters.
const MAX_USER_CHARS: usize = 128;
/// Longest reason accepted, in characters.
pub const MAX_REASON_CHARS: usize = 1000;

/// The upload's origin from the request headers, cleaned and screened.
/// An `X-Nospill-Mode` other than block, warn or audit is a 400.
pub fn origin_from_headers(headers: &HeaderMap) -> Result<Origin, ApiError> {
    let mode = match header_text(headers, MODE_HEADER, 16) {
        None => None,
        Some(value) => Some(Mode::parse(&value).ok_or_else(|| {
            ApiError::bad_request("X-Nospill-Mode must be block, warn or audit; or leave it out")
        })?),
    };
    Ok(Origin {
        site: header_text(headers, SITE_HEADER, MAX_SITE_CHARS).map(|site| withhold_secrets(&site)),
        user: header_text(headers, USER_HEADER, MAX_USER_CHARS).map(|user| withhold_secrets(&user)),
        mode,
        request_id: headers
            .get(crate::app::REQUEST_ID_HEADER)
            .and_then(|id| id.to_str().ok())
            .map(str::to_string),
    })
}

/// A header's value as text: lossy UTF-8, without control characters,
/// trimmed, at most `max_chars` characters; `None` when absent or empty.
fn header_text(headers: &HeaderMap, name: &str, max_chars: usize) -> Option<String> {
    let raw = headers.get(name)?;
    let text: String = String::from_utf8_lossy(raw.as_bytes())
        .chars()
        .filter(|c| !c.is_control())
        .take(max_chars)
        .collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// `value`, or `[withheld: <rule ids>]` when the scanner finds anything in it.
fn withhold_secrets(value: &str) -> String {
    match findings_in(value) {
        Ok(findings) if findings.is_empty() => value.to_string(),
        Ok(findings) => {
            let mut rules: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
            rules.sort_unstable();
            rules.dedup();
            format!("[withheld: {}]", rules.join(", "))
        }
        Err(()) => "[withheld: could not be checked]".to_string(),
    }
}

/// The reason for a decision, cleaned: control characters other than
/// newline and tab stripped, trimmed; `None` when empty. Refused (400) when
/// longer than [`MAX_REASON_CHARS`] or when it holds a secret.
pub fn screen_reason(reason: &str) -> Result<Option<String>, ApiError> {
    let length = reason.chars().count();
    if length > MAX_REASON_CHARS {
        return Err(ApiError::bad_request(format!(
            "the reason is {length} characters long; keep it to {MAX_REASON_CHARS} or fewer"
        )));
    }
    let cleaned: String = reason
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let findings = findings_in(cleaned).map_err(|()| {
        ApiError::bad_request(
            "the reason could not be checked for secrets, so it was not stored; write it as plain text",
        )
    })?;
    if let Some(first) = findings.first() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "secret_in_reason",
            format!(
                "the reason contains what looks like a {} ({}), so it was not stored; explain the \
                 decision without quoting the secret itself",
                first.rule_name, first.preview
            ),
        ));
    }
    Ok(Some(cleaned.to_string()))
}

/// Every finding in a short piece of client text. Reports from this scan
/// carry previews only (the default options never include secrets).
pub(crate) fn findings_in(text: &str) -> Result<Vec<Finding>, ()> {
    let options = ScanOptions::default();
    debug_assert!(!options.include_secrets);
    scanner_core::scan(text.as_bytes(), "text", &options)
        .map(|report| report.findings)
        .map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    const KEY: &str = "AKIAZ4QW7RT2LX5MN3PB";

    fn headers(pairs: &[(&'static str, &[u8])]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_bytes(value).unwrap());
        }
        map
    }

    #[test]
    fn headers_are_cleaned_capped_and_screened() {
        let long_user = "u".repeat(500);
        let site_with_key = format!("chat.example/?key={KEY}");
        let origin = origin_from_headers(&headers(&[
            (SITE_HEADER, site_with_key.as_bytes()),
            (USER_HEADER, long_user.as_bytes()),
            (MODE_HEADER, b"Warn"),
        ]))
        .unwrap();
        assert_eq!(
            origin.site.as_deref(),
            Some("[withheld: aws.access_key_id]")
        );
        assert_eq!(origin.user.unwrap().len(), MAX_USER_CHARS);
        assert_eq!(origin.mode, Some(Mode::Warn));

        let origin = origin_from_headers(&headers(&[
            (SITE_HEADER, b"  chat.example:8443\t"),
            (USER_HEADER, "al\tice \u{e9}".as_bytes()),
        ]))
        .unwrap();
        assert_eq!(origin.site.as_deref(), Some("chat.example:8443"));
        assert_eq!(origin.user.as_deref(), Some("alice \u{e9}"));
        assert_eq!(origin.mode, None);

        let origin = origin_from_headers(&headers(&[(USER_HEADER, b"   ")])).unwrap();
        assert_eq!(origin.user, None);
    }

    #[test]
    fn an_unknown_mode_is_a_400() {
        let err = origin_from_headers(&headers(&[(MODE_HEADER, b"allow")])).unwrap_err();
        assert_eq!(err.status, StatusCode::BAD_REQUEST);
        assert!(err.message.contains("block, warn or audit"));
    }

    #[test]
    fn reasons_are_cleaned_and_refused_when_long_or_secret() {
        assert_eq!(
            screen_reason("  shared with the\u{0} vendor\n under NDA  ").unwrap(),
            Some("shared with the vendor\n under NDA".to_string())
        );
        assert_eq!(screen_reason(" \n ").unwrap(), None);
        assert!(screen_reason(&"é".repeat(MAX_REASON_CHARS)).is_ok());
        let err = screen_reason(&"é".repeat(MAX_REASON_CHARS + 1)).unwrap_err();
        assert!(err.message.contains("1001 characters"), "{}", err.message);

        let err = screen_reason(&format!("it is only the staging key {KEY}")).unwrap_err();
        assert_eq!(err.code, "secret_in_reason");
        assert!(err.message.contains("AWS"), "{}", err.message);
        assert!(
            !err.message.contains(KEY),
            "the message shows only a preview"
        );
    }
}
