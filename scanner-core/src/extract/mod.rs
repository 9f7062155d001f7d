//! Extraction: bytes → text parts, each with a location.
//!
//! The format is sniffed from the content, never from the file name. Every
//! extractor works through [`Ctx`], which enforces the [`Limits`] and
//! collects warnings, so anything that could not be read shows up in the
//! report instead of passing silently.

mod pdf;
mod text;

use crate::clock::Clock;
use crate::limits::Limits;
use crate::report::{Warning, WarningCode};
use std::collections::HashSet;

/// Most warnings listed in one report.
const MAX_WARNINGS: usize = 1000;

/// A piece of text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    /// `text`, `page 3`, `metadata/Author`, `attachment a.txt > page 1`, …
    pub part: String,
    pub page: Option<u32>,
    pub text: String,
}

/// The content could not be read at all, so nothing can be said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unreadable {
    pub kind: &'static str,
    pub reason: String,
}

/// What the top-level content turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Pdf,
    Binary,
}

impl Kind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Pdf => "pdf",
            Kind::Binary => "binary",
        }
    }
}

/// Shared state of one scan's extraction: limits, budgets, warnings and the
/// parts found so far.
pub(crate) struct Ctx<'a> {
    limits: &'a Limits,
    clock: Option<Clock>,
    started_ms: f64,
    pub(crate) parts: Vec<Part>,
    pub(crate) warnings: Vec<Warning>,
    /// `(part, message)` of every warning given, so each is given once.
    warned: HashSet<(String, String)>,
    inflated_total: u64,
    /// Values of the parsed documents in memory now (a document and the
    /// attachments being read inside it).
    values_held: u64,
    text_bytes: u64,
    /// Set once a global limit (time, parts, text) stops extraction.
    stopped: bool,
    /// Nesting of attachments: each entry is a location prefix.
    prefixes: Vec<String>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(limits: &'a Limits, clock: Option<Clock>) -> Self {
        let started_ms = clock.map_or(0.0, |now| now());
        Ctx {
            limits,
            clock,
            started_ms,
            parts: Vec::new(),
            warnings: Vec::new(),
            warned: HashSet::new(),
            inflated_total: 0,
            values_held: 0,
            text_bytes: 0,
            stopped: false,
            prefixes: Vec::new(),
        }
    }

    pub(crate) fn limits(&self) -> &Limits {
        self.limits
    }

    /// Milliseconds since the scan started (0 without a clock).
    pub(crate) fn elapsed_ms(&self) -> f64 {
        self.clock
            .map_or(0.0, |now| (now() - self.started_ms).max(0.0))
    }

    /// Records a warning about `part` (relative to the current attachment).
    /// Past [`MAX_WARNINGS`] one more says so and the rest are dropped: a
    /// file of 100 000 broken pages made as many warnings, and checking
    /// each new one against all before it spent the whole time budget.
    pub(crate) fn warn(&mut self, part: &str, code: WarningCode, message: impl Into<String>) {
        if self.warned.len() > MAX_WARNINGS {
            return;
        }
        let part = self.located(part);
        let message = message.into();
        if !self.warned.insert((part.clone(), message.clone())) {
            return;
        }
        if self.warned.len() > MAX_WARNINGS {
            self.warnings.push(Warning {
                part: "file".into(),
                code: WarningCode::Limit,
                message: format!("more than {MAX_WARNINGS} warnings; the rest are not listed"),
            });
            return;
        }
        self.warnings.push(Warning {
            part,
            code,
            message,
        });
    }

    /// False once extraction must stop: the time budget is spent or a
    /// global limit was reached. Extractors call it between units of work.
    pub(crate) fn keep_going(&mut self) -> bool {
        if self.stopped {
            return false;
        }
        let budget = self.limits.time_budget_ms;
        if budget > 0 && self.elapsed_ms() > budget as f64 {
            self.stop(format!(
                "time budget of {budget} ms spent; the rest of the file was not scanned"
            ));
        }
        !self.stopped
    }

    fn stop(&mut self, message: String) {
        self.stopped = true;
        // A global stop concerns the whole file, not the current attachment.
        self.warnings.push(Warning {
            part: "file".into(),
            code: WarningCode::Limit,
            message,
        });
    }

    /// Adds a part of text. Returns false when a limit stops extraction.
    pub(crate) fn push(&mut self, part: &str, page: Option<u32>, text: String) -> bool {
        if !self.keep_going() {
            return false;
        }
        if text.trim().is_empty() {
            return true;
        }
        if self.parts.len() as u64 >= self.limits.max_parts {
            let limit = self.limits.max_parts;
            self.stop(format!(
                "more than {limit} text parts; the rest of the file was not scanned"
            ));
            return false;
        }
        self.text_bytes += text.len() as u64;
        if self.text_bytes > self.limits.max_text_bytes {
            let limit = self.limits.max_text_bytes;
            self.stop(format!(
                "more than {limit} bytes of text; the rest of the file was not scanned"
            ));
            return false;
        }
        let (part, page) = match self.prefixes.last() {
            None => (part.to_string(), page),
            Some(_) => (self.located(part), None),
        };
        self.parts.push(Part { part, page, text });
        true
    }

    /// Reserves `bytes` of the document-wide inflation budget. False (with a
    /// warning) when the budget would be exceeded.
    pub(crate) fn reserve_inflated(&mut self, part: &str, bytes: u64) -> bool {
        if bytes > self.inflation_room() {
            self.warn_inflation_limit(part);
            return false;
        }
        self.inflated_total += bytes;
        true
    }

    /// Bytes the document-wide inflation budget has left. Decoders stop at
    /// it: a file of hundreds of bombs was inflated bomb by bomb, each in
    /// full, only for every one to be refused (400 streams: 70 s).
    pub(crate) fn inflation_room(&self) -> u64 {
        self.limits
            .max_inflated_total_bytes
            .saturating_sub(self.inflated_total)
    }

    /// Values a document parsed now may hold, with those held already.
    pub(crate) fn values_room(&self) -> u64 {
        self.limits.max_values.saturating_sub(self.values_held)
    }

    pub(crate) fn hold_values(&mut self, values: u64) {
        self.values_held = self.values_held.saturating_add(values);
    }

    pub(crate) fn release_values(&mut self, values: u64) {
        self.values_held = self.values_held.saturating_sub(values);
    }

    /// Warns that `part`, being decoded, does not fit in what is left of
    /// the inflation budget, and spends the rest: the decoder did that much
    /// work already, and every further stream would repeat it (400 bombs,
    /// each inflated to the 32 MB left, took 15 s).
    pub(crate) fn warn_inflation_spent(&mut self, part: &str) {
        self.inflated_total = self.limits.max_inflated_total_bytes;
        self.warn_inflation_limit(part);
    }

    fn warn_inflation_limit(&mut self, part: &str) {
        let limit = self.limits.max_inflated_total_bytes;
        self.warn(
            part,
            WarningCode::Limit,
            format!("inflated content exceeds {limit} bytes in total; not scanned"),
        );
    }

    /// Inflates a zlib (or raw deflate) stream within the per-stream and
    /// per-document limits. `None`, with a warning, when it cannot.
    pub(crate) fn inflate(&mut self, part: &str, data: &[u8]) -> Option<Vec<u8>> {
        use std::io::Read;
        let cap = self.limits.max_inflated_stream_bytes;
        let read_cap = cap.min(self.inflation_room());
        let mut out = Vec::new();
        let result = flate2::read::ZlibDecoder::new(data)
            .take(read_cap + 1)
            .read_to_end(&mut out);
        if result.is_err() && out.is_empty() {
            out.clear();
            let raw = flate2::read::DeflateDecoder::new(data)
                .take(read_cap + 1)
                .read_to_end(&mut out);
            if raw.is_err() && out.is_empty() {
                self.warn(
                    part,
                    WarningCode::Damaged,
                    "compressed stream could not be inflated; not scanned",
                );
                return None;
            }
        }
        if out.len() as u64 > read_cap && read_cap < cap {
            self.warn_inflation_spent(part);
            return None;
        }
        if out.len() as u64 > cap {
            self.warn(
                part,
                WarningCode::Limit,
                format!("stream inflates past {cap} bytes; only the first {cap} were scanned"),
            );
            out.truncate(cap as usize);
        }
        if !self.reserve_inflated(part, out.len() as u64) {
            return None;
        }
        Some(out)
    }

    /// Extracts an embedded file (a PDF attachment, a zip member) as a file
    /// of its own; its parts are located under `container`.
    pub(crate) fn nested(&mut self, container: &str, bytes: &[u8]) {
        let depth = self.prefixes.len() as u32 + 1;
        if depth > self.limits.max_attachment_depth {
            let limit = self.limits.max_attachment_depth;
            self.warn(
                container,
                WarningCode::Limit,
                format!("nested more than {limit} levels deep; not scanned"),
            );
            return;
        }
        let prefix = self.located(container);
        self.prefixes.push(prefix);
        if let Err(unreadable) = extract(bytes, self) {
            self.warn(
                "file",
                WarningCode::Damaged,
                format!("unreadable {}: {}", unreadable.kind, unreadable.reason),
            );
        }
        self.prefixes.pop();
    }

    /// `part` placed under the current attachment, if any.
    fn located(&self, part: &str) -> String {
        match self.prefixes.last() {
            None => part.to_string(),
            Some(prefix) if part == "text" || part == "file" => prefix.clone(),
            Some(prefix) => format!("{prefix} > {part}"),
        }
    }
}

/// Sniffs `bytes` and extracts their text into `ctx`.
pub(crate) fn extract(bytes: &[u8], ctx: &mut Ctx<'_>) -> Result<Kind, Unreadable> {
    if pdf::looks_like_pdf(bytes) {
        pdf::extract_pdf(bytes, ctx)?;
        return Ok(Kind::Pdf);
    }
    // What follows an embedded PDF's start is read as PDF.
    let mut end_of_text = bytes.len();
    if let Some(start) = pdf::embedded_pdf_start(bytes) {
        ctx.nested("embedded PDF", &bytes[start..]);
        end_of_text = start;
    }
    match text::decode(bytes) {
        Some(decoded) => {
            if let Some(at) = text::binary_after_start(&bytes[..end_of_text]) {
                ctx.warn(
                    "file",
                    WarningCode::Unsupported,
                    format!(
                        "binary data from byte {at} on: it was scanned as text, but anything \
                         compressed in it could not be read"
                    ),
                );
            }
            ctx.push("text", None, decoded);
            Ok(Kind::Text)
        }
        None => {
            ctx.warn(
                "file",
                WarningCode::Unsupported,
                "binary format not recognised; only its printable strings were scanned",
            );
            ctx.push("strings", None, text::printable_strings(bytes));
            Ok(Kind::Binary)
        }
    }
}
