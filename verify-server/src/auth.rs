//! Bearer-token authentication for the API endpoints.
//!
//! Tokens come from `NOSPILL_API_TOKENS` (comma-separated, so a new token
//! can be rolled out before the old one is removed), never from a flag:
//! command lines show up in `ps`. Only SHA-256 digests of the tokens are
//! kept, and a presented token is hashed and compared with every digest in
//! constant time, so neither the comparison nor its length leaks through
//! timing. Health endpoints stay open for load balancers.

use crate::config::ConfigError;
use crate::error::ApiError;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::fmt;
use std::sync::Arc;
use subtle::{Choice, ConstantTimeEq};

pub const API_TOKENS_ENV: &str = "NOSPILL_API_TOKENS";

/// Shortest accepted token: anything shorter can be guessed.
const MIN_TOKEN_BYTES: usize = 16;

/// The accepted tokens, as digests. `Debug` shows only how many.
#[derive(Clone)]
pub struct ApiTokens {
    digests: Arc<[[u8; 32]]>,
}

impl fmt::Debug for ApiTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiTokens")
            .field("count", &self.digests.len())
            .finish()
    }
}

impl ApiTokens {
    /// The tokens from `NOSPILL_API_TOKENS`; `None` when it is unset (the
    /// API is then open).
    pub fn from_env() -> Result<Option<Self>, ConfigError> {
        match std::env::var_os(API_TOKENS_ENV) {
            None => Ok(None),
            Some(value) => Self::parse(value.as_encoded_bytes()).map(Some),
        }
    }

    /// Comma-separated tokens; blanks around them are ignored. Errors name
    /// a token by its position, never by its value.
    pub fn parse(value: &[u8]) -> Result<Self, ConfigError> {
        let error = |problem: String| ConfigError {
            subject: API_TOKENS_ENV.into(),
            problem,
            fix: format!(
                "use tokens of at least {MIN_TOKEN_BYTES} printable ASCII characters without spaces \
                 or commas, e.g. the output of `openssl rand -hex 32`, separated by commas; unset it \
                 to run without authentication"
            ),
        };
        let mut digests = Vec::new();
        for (index, token) in value.split(|&b| b == b',').enumerate() {
            let token = token.trim_ascii();
            if token.is_empty() {
                continue;
            }
            let position = index + 1;
            if token.len() < MIN_TOKEN_BYTES {
                return Err(error(format!(
                    "token {position} is shorter than {MIN_TOKEN_BYTES} characters"
                )));
            }
            if !token.iter().all(|b| b.is_ascii_graphic()) {
                return Err(error(format!(
                    "token {position} has characters that cannot be sent in an HTTP header"
                )));
            }
            digests.push(Sha256::digest(token).into());
        }
        if digests.is_empty() {
            return Err(error("is set but holds no token".into()));
        }
        Ok(ApiTokens {
            digests: digests.into(),
        })
    }

    pub fn len(&self) -> usize {
        self.digests.len()
    }

    /// Whether `presented` is one of the tokens. Every digest is compared,
    /// whatever matched first.
    pub fn accepts(&self, presented: &[u8]) -> bool {
        let digest: [u8; 32] = Sha256::digest(presented).into();
        let matched = self.digests.iter().fold(Choice::from(0), |matched, known| {
            matched | known.ct_eq(&digest)
        });
        matched.into()
    }
}

/// Middleware: lets a request through only with `Authorization: Bearer
/// <token>` naming one of the tokens; otherwise a 401 JSON error with
/// `WWW-Authenticate: Bearer`.
pub async fn require_bearer(
    State(tokens): State<ApiTokens>,
    request: Request,
    next: Next,
) -> Response {
    match bearer_token(&request) {
        Some(token) if tokens.accepts(token) => next.run(request).await,
        Some(_) => {
            tracing::warn!("request refused: the bearer token is not one of NOSPILL_API_TOKENS");
            unauthorized(
                "the API token was not accepted; send one of this server's NOSPILL_API_TOKENS",
                "Bearer realm=\"nospill\", error=\"invalid_token\"",
            )
        }
        None => {
            tracing::warn!("request refused: no bearer token");
            unauthorized(
                "this server needs an API token: send `Authorization: Bearer <token>` with one of \
                 its NOSPILL_API_TOKENS",
                "Bearer realm=\"nospill\"",
            )
        }
    }
}

/// The token of an `Authorization: Bearer` header (scheme in any case).
fn bearer_token(request: &Request) -> Option<&[u8]> {
    let value = request.headers().get(header::AUTHORIZATION)?.as_bytes();
    let scheme = value.get(..7)?;
    if !scheme.eq_ignore_ascii_case(b"bearer ") {
        return None;
    }
    let token = value[7..].trim_ascii();
    (!token.is_empty()).then_some(token)
}

fn unauthorized(message: &str, challenge: &'static str) -> Response {
    let mut response =
        ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", message).into_response();
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(challenge),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN_A: &str = "token-a-0123456789abcdef";
    const TOKEN_B: &str = "token-b-fedcba9876543210";

    #[test]
    fn tokens_are_split_trimmed_and_matched_exactly() {
        let tokens = ApiTokens::parse(format!(" {TOKEN_A} ,, {TOKEN_B},").as_bytes()).unwrap();
        assert_eq!(tokens.len(), 2);
        assert!(tokens.accepts(TOKEN_A.as_bytes()));
        assert!(tokens.accepts(TOKEN_B.as_bytes()));
        assert!(!tokens.accepts(b"token-a-0123456789abcde"));
        assert!(!tokens.accepts(format!("{TOKEN_A}x").as_bytes()));
        assert!(!tokens.accepts(b""));
    }

    #[test]
    fn weak_or_empty_settings_are_refused_without_echoing_tokens() {
        let err = ApiTokens::parse(format!("{TOKEN_A},tiny-tok").as_bytes()).unwrap_err();
        assert!(err.to_string().contains("token 2 is shorter"), "{err}");
        assert!(!err.to_string().contains("tiny-tok"), "{err}");
        assert!(!err.to_string().contains(TOKEN_A));
        let err = ApiTokens::parse(b" , ").unwrap_err();
        assert!(err.to_string().contains("holds no token"), "{err}");
        let err = ApiTokens::parse("token-with-\u{e9}-0123456789".as_bytes()).unwrap_err();
        assert!(err.to_string().contains("token 1 has characters"), "{err}");
    }

    #[test]
    fn debug_shows_no_token() {
        let tokens = ApiTokens::parse(TOKEN_A.as_bytes()).unwrap();
        let shown = format!("{tokens:?}");
        assert!(!shown.contains("token-a"), "{shown}");
        assert!(shown.contains("count: 1"));
    }

    #[test]
    fn the_bearer_scheme_is_case_insensitive_and_needs_a_token() {
        let with = |value: &str| {
            Request::builder()
                .header(header::AUTHORIZATION, value)
                .body(axum::body::Body::empty())
                .unwrap()
        };
        assert_eq!(bearer_token(&with("bearer  abc ")), Some(&b"abc"[..]));
        assert_eq!(bearer_token(&with("Bearer ")), None);
        assert_eq!(bearer_token(&with("Basic YWxhZGRpbjpvcGVu")), None);
        assert_eq!(bearer_token(&with("Bear")), None);
    }
}
