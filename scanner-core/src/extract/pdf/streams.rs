//! Stream data, decoded within the limits.
//!
//! Every FlateDecode layer goes through [`Ctx::inflate`], which caps each
//! stream and the whole document. Rarer filters (LZW, ASCII85, ASCIIHex,
//! RunLength, Brotli) use lopdf's decoders with the same per-stream cap and
//! are charged to the document budget. lopdf's own `decompressed_content()`
//! is never called: it has no bound.

use crate::extract::Ctx;
use crate::report::WarningCode;
use lopdf::{Dictionary, Document, Object, Stream};

/// One filter of a stream's chain and its decode parameters.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Filter {
    pub name: Vec<u8>,
    pub params: Option<Dictionary>,
}

impl Filter {
    pub(super) fn new(name: &[u8]) -> Filter {
        Filter {
            name: full_name(name).to_vec(),
            params: None,
        }
    }
}

/// Filter names spelled out (inline images abbreviate them).
fn full_name(name: &[u8]) -> &[u8] {
    match name {
        b"Fl" => b"FlateDecode",
        b"AHx" => b"ASCIIHexDecode",
        b"A85" => b"ASCII85Decode",
        b"LZW" => b"LZWDecode",
        b"RL" => b"RunLengthDecode",
        b"DCT" => b"DCTDecode",
        b"CCF" => b"CCITTFaxDecode",
        other => other,
    }
}

/// The filter chain of a stream dictionary.
pub(super) fn filters(doc: &Document, dict: &Dictionary) -> Vec<Filter> {
    let resolve = |object: &Object| {
        doc.dereference(object)
            .map_or(object.clone(), |(_, found)| found.clone())
    };
    let names: Vec<Vec<u8>> = match dict.get(b"Filter").map(resolve) {
        Ok(Object::Name(name)) => vec![name],
        Ok(Object::Array(names)) => names
            .iter()
            .filter_map(|n| resolve(n).as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    };
    let params: Vec<Option<Dictionary>> = match dict.get(b"DecodeParms").map(resolve) {
        Ok(Object::Dictionary(params)) => vec![Some(params)],
        Ok(Object::Array(list)) => list
            .iter()
            .map(|p| resolve(p).as_dict().ok().cloned())
            .collect(),
        _ => Vec::new(),
    };
    names
        .iter()
        .enumerate()
        .map(|(i, name)| Filter {
            name: full_name(name).to_vec(),
            params: params.get(i).cloned().flatten(),
        })
        .collect()
}

/// Decodes a loaded stream. `None` (with a warning where something was
/// skipped) when it cannot be decoded or holds an image.
pub(super) fn decode_stream(
    ctx: &mut Ctx<'_>,
    part: &str,
    doc: &Document,
    stream: &Stream,
) -> Option<Vec<u8>> {
    decode(ctx, part, &filters(doc, &stream.dict), &stream.content)
}

/// Whether the chain ends in an image codec: such data holds no text.
pub(super) fn is_image(filters: &[Filter]) -> bool {
    filters.iter().any(|f| {
        matches!(
            f.name.as_slice(),
            b"DCTDecode" | b"JPXDecode" | b"CCITTFaxDecode" | b"JBIG2Decode"
        )
    })
}

/// Runs `data` through `filters`.
pub(super) fn decode(
    ctx: &mut Ctx<'_>,
    part: &str,
    filters: &[Filter],
    data: &[u8],
) -> Option<Vec<u8>> {
    if is_image(filters) {
        return None;
    }
    if filters.len() > Stream::MAX_FILTERS {
        ctx.warn(
            part,
            WarningCode::Unsupported,
            format!("stream names {} filters; not scanned", filters.len()),
        );
        return None;
    }
    let mut current = data.to_vec();
    for filter in filters {
        current = match filter.name.as_slice() {
            b"FlateDecode" => {
                let inflated = ctx.inflate(part, &current)?;
                unpredict(inflated, filter.params.as_ref())
            }
            b"Crypt" => current,
            b"LZWDecode" | b"ASCII85Decode" | b"ASCIIHexDecode" | b"RunLengthDecode"
            | b"BrotliDecode" => lopdf_decode(ctx, part, filter, current)?,
            other => {
                let name = String::from_utf8_lossy(other);
                ctx.warn(
                    part,
                    WarningCode::Unsupported,
                    format!("stream uses the unsupported filter {name}; not scanned"),
                );
                return None;
            }
        };
    }
    Some(current)
}

/// Undoes a PNG predictor (rare outside cross-reference streams, but
/// allowed on any Flate stream).
fn unpredict(data: Vec<u8>, params: Option<&Dictionary>) -> Vec<u8> {
    let Some(params) = params else { return data };
    let get = |key: &[u8], default: i64| {
        params
            .get(key)
            .and_then(Object::as_i64)
            .unwrap_or(default)
            .max(1) as usize
    };
    if !(10..=15).contains(&get(b"Predictor", 1)) {
        return data;
    }
    let (columns, colors, bits) = (
        get(b"Columns", 1),
        get(b"Colors", 1),
        get(b"BitsPerComponent", 8),
    );
    let Some(row_bits) = columns
        .checked_mul(colors)
        .and_then(|n| n.checked_mul(bits))
    else {
        return data;
    };
    let bytes_per_row = row_bits.div_ceil(8);
    if bytes_per_row > data.len() {
        return data;
    }
    let pixel = (colors * bits).div_ceil(8);
    lopdf::filters::png::decode_frame(&data, pixel, bytes_per_row).unwrap_or(data)
}

fn lopdf_decode(ctx: &mut Ctx<'_>, part: &str, filter: &Filter, data: Vec<u8>) -> Option<Vec<u8>> {
    let cap = usize::try_from(ctx.limits().max_inflated_stream_bytes).unwrap_or(usize::MAX);
    // Decoding past what the document budget has left is wasted work.
    let room = usize::try_from(ctx.inflation_room()).unwrap_or(usize::MAX);
    let mut dict = Dictionary::new();
    dict.set("Filter", Object::Name(filter.name.clone()));
    if let Some(params) = &filter.params {
        dict.set("DecodeParms", Object::Dictionary(params.clone()));
    }
    let stream = Stream::new(dict, data);
    let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        stream.decompressed_content_with_limit(cap.min(room))
    }));
    match decoded {
        Ok(Ok(decoded)) => ctx
            .reserve_inflated(part, decoded.len() as u64)
            .then_some(decoded),
        Ok(Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
            ..
        }))) => {
            if room < cap {
                ctx.warn_inflation_spent(part);
            } else {
                ctx.warn(
                    part,
                    WarningCode::Limit,
                    format!("stream decodes past {cap} bytes; not scanned"),
                );
            }
            None
        }
        _ => {
            ctx.warn(
                part,
                WarningCode::Damaged,
                "stream could not be decoded; not scanned",
            );
            None
        }
    }
}
