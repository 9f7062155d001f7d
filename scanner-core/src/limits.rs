//! Resource limits for one scan.
//!
//! Every parser in scanner-core checks these, so hostile input cannot make a
//! scan use unbounded memory or time. Hitting a limit never aborts the scan:
//! what was read so far is still scanned and the report carries a warning
//! naming the limit (see [`crate::WarningCode`]).

use serde::{Deserialize, Serialize};

/// Bounds on what one scan may read, inflate and spend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest input accepted at all; a larger file is refused with
    /// [`crate::ScanError::TooLarge`].
    pub max_input_bytes: u64,
    /// Most bytes a single compressed stream may inflate to.
    pub max_inflated_stream_bytes: u64,
    /// Most bytes all streams of one document (attachments included) may
    /// inflate to together.
    pub max_inflated_total_bytes: u64,
    /// Most objects a document may hold before the rest are skipped.
    pub max_objects: u64,
    /// Most values (numbers, names, strings, arrays, …) outside stream data
    /// that a document may hold and still be parsed into memory; a larger
    /// one is read by carving instead. A PDF parser keeps each value as an
    /// object of about a hundred bytes.
    pub max_values: u64,
    /// Deepest nesting of arrays and dictionaries a parser will follow.
    pub max_depth: u32,
    /// How deep attachments inside attachments are opened.
    pub max_attachment_depth: u32,
    /// Most text parts one scan produces.
    pub max_parts: u64,
    /// Most bytes of text handed to the detectors in total.
    pub max_text_bytes: u64,
    /// Most bytes decoded from base64, percent-encoding and string escapes
    /// inside one text part (never more than the part's own size), so that
    /// nested or flooded encodings cannot multiply the work. 0 turns
    /// decoding off.
    pub max_decoded_bytes: u64,
    /// Wall-clock budget in milliseconds; 0 means none. Checked between
    /// units of work, so a scan may run over by one unit.
    pub time_budget_ms: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 128 * MIB,
            max_inflated_stream_bytes: 64 * MIB,
            max_inflated_total_bytes: 512 * MIB,
            max_objects: 1_000_000,
            max_values: 4_000_000,
            max_depth: 64,
            max_attachment_depth: 4,
            max_parts: 200_000,
            max_text_bytes: 512 * MIB,
            max_decoded_bytes: 16 * MIB,
            time_budget_ms: 30_000,
        }
    }
}

const MIB: u64 = 1024 * 1024;
