//! Reading an upload: the raw body or the multipart field `file`.
//!
//! The body is streamed into one buffer that never holds more than the
//! limit: a declared `Content-Length` over the limit is refused before
//! reading, and a chunked body is refused the moment it passes the limit.
//!
//! Uploads of all requests together share one memory budget (see
//! [`Charge`]): a request that does not fit is answered 503 instead of
//! being read, so many concurrent uploads cannot exhaust the memory.

use crate::error::ApiError;
use axum::body::{Body, Bytes};
use axum::extract::multipart::MultipartError;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{HeaderMap, StatusCode, header};
use http_body_util::BodyExt;
use percent_encoding::percent_decode;
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Name reported for an upload that did not say what it is called.
pub const DEFAULT_NAME: &str = "upload";

/// Header carrying the file name of a raw upload, percent-encoded if it is
/// not plain ASCII.
pub const FILENAME_HEADER: &str = "x-filename";

/// Longest file name kept, in characters; names are only reported.
const MAX_NAME_CHARS: usize = 255;

/// The multipart field that holds the file.
const FILE_FIELD: &str = "file";

/// One uploaded file.
#[derive(Debug)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
    /// This request's share of the upload memory budget, given back when
    /// the upload is dropped, i.e. once its scan has really ended.
    _memory: Option<OwnedSemaphorePermit>,
}

/// Reads the file from a request: multipart when the content type says
/// so, otherwise the raw body (whatever its content type). `memory` is the
/// budget of upload bytes all requests share, one permit per byte.
pub async fn read_upload(
    request: Request,
    limit: u64,
    memory: &Arc<Semaphore>,
) -> Result<Upload, ApiError> {
    let multipart = is_multipart(request.headers());
    let declared = declared_length(request.headers())?;
    // A multipart body may exceed the file limit by its boundaries and
    // part headers; the body limit layer bounds it.
    if !multipart && declared.is_some_and(|length| length > limit) {
        return Err(ApiError::too_large(limit));
    }
    let charge = Charge::new(memory.clone());
    if let Some(length) = declared
        && !charge.reserve(usize::try_from(length).unwrap_or(usize::MAX))
    {
        return Err(ApiError::busy());
    }
    // Every body byte is charged as it arrives. Past the budget the data is
    // dropped, so nothing (the multipart parser's buffers included) holds
    // it, and the readers below answer 503.
    let body_charge = charge.clone();
    let request = request.map(|body| {
        Body::new(body.map_frame(move |frame| {
            let fits = frame
                .data_ref()
                .is_none_or(|data| body_charge.receive(data.len()));
            if fits {
                frame
            } else {
                frame.map_data(|_| Bytes::new())
            }
        }))
    });
    let read = if multipart {
        read_multipart(request, limit, &charge).await
    } else {
        read_raw(request, limit, declared, &charge).await
    };
    if charge.refused() {
        return Err(ApiError::busy());
    }
    let upload = read?;
    Ok(Upload {
        _memory: charge.take(),
        ..upload
    })
}

/// A request's share of the upload memory budget: reserved for its declared
/// length up front, topped up as bytes arrive beyond what is reserved (a
/// chunked body, multipart part headers). Counting body bytes rather than
/// the file's also bounds what the multipart parser buffers.
#[derive(Clone)]
struct Charge(Arc<Mutex<ChargeState>>);

struct ChargeState {
    memory: Arc<Semaphore>,
    permit: Option<OwnedSemaphorePermit>,
    received: usize,
    refused: bool,
}

impl Charge {
    fn new(memory: Arc<Semaphore>) -> Self {
        Charge(Arc::new(Mutex::new(ChargeState {
            memory,
            permit: None,
            received: 0,
            refused: false,
        })))
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ChargeState> {
        // A panic while holding the lock leaves plain counters behind.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Makes the share at least `bytes`; false (for good) when the budget
    /// cannot give that much now.
    fn reserve(&self, bytes: usize) -> bool {
        let mut state = self.state();
        if state.refused {
            return false;
        }
        let held = state.permit.as_ref().map_or(0, |p| p.num_permits());
        if bytes <= held {
            return true;
        }
        let more = u32::try_from(bytes - held)
            .ok()
            .and_then(|more| state.memory.clone().try_acquire_many_owned(more).ok());
        match (more, state.permit.as_mut()) {
            (Some(more), Some(permit)) => permit.merge(more),
            (Some(more), None) => state.permit = Some(more),
            (None, _) => {
                state.refused = true;
                return false;
            }
        }
        true
    }

    /// Counts `bytes` more of the body; false once they do not fit.
    fn receive(&self, bytes: usize) -> bool {
        let received = {
            let mut state = self.state();
            state.received = state.received.saturating_add(bytes);
            state.received
        };
        self.reserve(received)
    }

    fn refused(&self) -> bool {
        self.state().refused
    }

    fn take(&self) -> Option<OwnedSemaphorePermit> {
        self.state().permit.take()
    }
}

fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        })
}

async fn read_raw(
    request: Request,
    limit: u64,
    declared: Option<u64>,
    charge: &Charge,
) -> Result<Upload, ApiError> {
    let name = match request.headers().get(FILENAME_HEADER) {
        Some(value) => decode_filename(value.as_bytes())?,
        None => DEFAULT_NAME.to_string(),
    };
    let mut buffer = CappedBuffer::new(limit, declared.unwrap_or(0));
    let mut body = request.into_body();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|err| body_error(&err, limit))?;
        if charge.refused() {
            return Err(ApiError::busy());
        }
        if let Ok(data) = frame.into_data() {
            buffer.extend(&data)?;
        }
    }
    Ok(Upload {
        name,
        bytes: buffer.into_inner(),
        _memory: None,
    })
}

async fn read_multipart(request: Request, limit: u64, charge: &Charge) -> Result<Upload, ApiError> {
    let mut multipart = Multipart::from_request(request, &()).await.map_err(|rejection| {
        ApiError::bad_request(format!(
            "malformed multipart request ({}); send multipart/form-data with a boundary and the file \
             in field `file`",
            rejection.body_text()
        ))
    })?;
    let mut upload: Option<Upload> = None;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|err| multipart_error(&err, limit))?
    {
        if charge.refused() {
            return Err(ApiError::busy());
        }
        if field.name() != Some(FILE_FIELD) {
            // Other fields are allowed and ignored; the body limit bounds them.
            while field
                .chunk()
                .await
                .map_err(|err| multipart_error(&err, limit))?
                .is_some()
            {
                if charge.refused() {
                    return Err(ApiError::busy());
                }
            }
            continue;
        }
        if upload.is_some() {
            return Err(ApiError::bad_request(
                "more than one `file` field; send one file per request",
            ));
        }
        let name = field
            .file_name()
            .map_or_else(|| DEFAULT_NAME.to_string(), clean_name);
        let mut buffer = CappedBuffer::new(limit, 0);
        while let Some(chunk) = field
            .chunk()
            .await
            .map_err(|err| multipart_error(&err, limit))?
        {
            if charge.refused() {
                return Err(ApiError::busy());
            }
            buffer.extend(&chunk)?;
        }
        upload = Some(Upload {
            name,
            bytes: buffer.into_inner(),
            _memory: None,
        });
    }
    upload.ok_or_else(|| {
        ApiError::bad_request(
            "the multipart request has no `file` field; send the file as form field `file` \
             (e.g. curl -F file=@report.pdf)",
        )
    })
}

fn declared_length(headers: &HeaderMap) -> Result<Option<u64>, ApiError> {
    match headers.get(header::CONTENT_LENGTH) {
        None => Ok(None),
        Some(value) => value
            .to_str()
            .ok()
            .and_then(|text| text.trim().parse::<u64>().ok())
            .map(Some)
            .ok_or_else(|| {
                ApiError::bad_request("Content-Length is not a number; send a valid length")
            }),
    }
}

/// A body read error: the body limit layer's, or a broken upload.
fn body_error(err: &axum::Error, limit: u64) -> ApiError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(current) = source {
        if current.is::<http_body_util::LengthLimitError>() {
            return ApiError::too_large(limit);
        }
        source = current.source();
    }
    ApiError::bad_request(format!(
        "the request body could not be read ({err}); send the file again"
    ))
}

/// Multipart errors are the client's: too large or malformed, never a 500
/// (axum reports a dropped connection as one). The parser's own message is
/// not passed on: it quotes field names, which may be anything, a secret
/// included.
fn multipart_error(err: &MultipartError, limit: u64) -> ApiError {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::too_large(limit);
    }
    ApiError::bad_request(
        "malformed multipart body (cut off, or a part without a valid header); send \
         multipart/form-data with the file in field `file`",
    )
}

/// The `X-Filename` value, percent-decoded (a plain name passes unchanged).
pub fn decode_filename(raw: &[u8]) -> Result<String, ApiError> {
    let decoded = percent_decode(raw).decode_utf8().map_err(|_| {
        ApiError::bad_request("X-Filename is not UTF-8; percent-encode the name's UTF-8 bytes")
    })?;
    Ok(clean_name(&decoded))
}

/// A file name fit to report: the last path component, without control
/// characters, at most [`MAX_NAME_CHARS`] characters, never empty.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        DEFAULT_NAME.to_string()
    } else {
        cleaned.to_string()
    }
}

/// A byte buffer that refuses to grow past its limit, and whose capacity
/// never exceeds it either (plain `Vec` growth could double past it).
struct CappedBuffer {
    bytes: Vec<u8>,
    limit: usize,
}

impl CappedBuffer {
    fn new(limit: u64, expected: u64) -> Self {
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let expected = usize::try_from(expected).unwrap_or(usize::MAX).min(limit);
        CappedBuffer {
            bytes: Vec::with_capacity(expected),
            limit,
        }
    }

    fn extend(&mut self, data: &[u8]) -> Result<(), ApiError> {
        let needed = self.bytes.len().saturating_add(data.len());
        if needed > self.limit {
            return Err(ApiError::too_large(self.limit as u64));
        }
        if needed > self.bytes.capacity() {
            let target = needed
                .max(self.bytes.capacity().saturating_mul(2))
                .min(self.limit);
            self.bytes.reserve_exact(target - self.bytes.len());
        }
        self.bytes.extend_from_slice(data);
        Ok(())
    }

    fn into_inner(self) -> Vec<u8> {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filenames_are_percent_decoded_and_cleaned() {
        assert_eq!(decode_filename(b"report.pdf").unwrap(), "report.pdf");
        assert_eq!(
            decode_filename(b"r%C3%A9sum%C3%A9%20final.pdf").unwrap(),
            "résumé final.pdf"
        );
        assert_eq!(
            decode_filename(b"..%2F..%2Fetc%2Fpasswd").unwrap(),
            "passwd"
        );
        assert_eq!(decode_filename(b"C:%5Cdocs%5Ca.txt").unwrap(), "a.txt");
        assert_eq!(decode_filename(b"bad%0Aname").unwrap(), "badname");
        assert_eq!(decode_filename(b"").unwrap(), DEFAULT_NAME);
        assert_eq!(decode_filename(b"..").unwrap(), DEFAULT_NAME);
        assert!(decode_filename(b"%FF%FE").is_err());
        assert_eq!(clean_name(&"a".repeat(1000)).len(), MAX_NAME_CHARS);
    }

    #[test]
    fn capped_buffer_refuses_past_the_limit_and_never_over_allocates() {
        let mut buffer = CappedBuffer::new(10, 0);
        buffer.extend(b"12345").unwrap();
        buffer.extend(b"67890").unwrap();
        assert!(buffer.bytes.capacity() <= 10);
        let err = buffer.extend(b"x").unwrap_err();
        assert_eq!(err.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(buffer.into_inner(), b"1234567890");
    }

    #[test]
    fn declared_length_must_be_a_number() {
        let mut headers = HeaderMap::new();
        assert_eq!(declared_length(&headers).unwrap(), None);
        headers.insert(header::CONTENT_LENGTH, "12".parse().unwrap());
        assert_eq!(declared_length(&headers).unwrap(), Some(12));
        headers.insert(header::CONTENT_LENGTH, "twelve".parse().unwrap());
        assert_eq!(
            declared_length(&headers).unwrap_err().status,
            StatusCode::BAD_REQUEST
        );
    }

    #[test]
    fn multipart_is_recognised_by_content_type_only() {
        let mut headers = HeaderMap::new();
        assert!(!is_multipart(&headers));
        headers.insert(
            header::CONTENT_TYPE,
            "Multipart/Form-Data; boundary=x".parse().unwrap(),
        );
        assert!(is_multipart(&headers));
        headers.insert(header::CONTENT_TYPE, "application/pdf".parse().unwrap());
        assert!(!is_multipart(&headers));
    }
}
