//! CORS for the extension's own pages.
//!
//! The service worker reaches the server through its host permissions, but
//! the options page's "test connection" is an ordinary cross-origin fetch
//! from `chrome-extension://<id>`. Only extension origins are allowed: a web
//! page must not be able to drive the API from a user's browser (with the
//! API open on localhost that would let any site write audit records or
//! read them). `POST /decisions` insists on `application/json`, which
//! forces a preflight that only extension origins pass.

use crate::app::REQUEST_ID_HEADER;
use crate::screen::{MODE_HEADER, SITE_HEADER, USER_HEADER};
use crate::upload::FILENAME_HEADER;
use axum::http::{HeaderName, HeaderValue, Method, header, request::Parts};
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// How long a browser may cache a preflight answer.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(600);

pub fn layer() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(is_extension_origin))
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static(FILENAME_HEADER),
            HeaderName::from_static(SITE_HEADER),
            HeaderName::from_static(USER_HEADER),
            HeaderName::from_static(MODE_HEADER),
            REQUEST_ID_HEADER,
        ])
        .expose_headers([REQUEST_ID_HEADER])
        .max_age(PREFLIGHT_MAX_AGE)
}

/// `chrome-extension://` followed by an extension id (32 letters a–p).
fn is_extension_origin(origin: &HeaderValue, _request: &Parts) -> bool {
    origin
        .as_bytes()
        .strip_prefix(b"chrome-extension://")
        .is_some_and(|id| id.len() == 32 && id.iter().all(|b| (b'a'..=b'p').contains(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(origin: &str) -> bool {
        let (parts, ()) = axum::http::Request::new(()).into_parts();
        is_extension_origin(&HeaderValue::from_str(origin).unwrap(), &parts)
    }

    #[test]
    fn only_extension_origins_are_allowed() {
        assert!(allowed(
            "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
        ));
        assert!(!allowed(
            "chrome-extension://abcdefghijklmnopabcdefghijklmnop.evil.example"
        ));
        assert!(!allowed("chrome-extension://short"));
        assert!(!allowed("https://chatgpt.com"));
        assert!(!allowed("null"));
        assert!(!allowed("http://chrome-extension.example"));
    }
}
