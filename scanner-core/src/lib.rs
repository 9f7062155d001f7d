//! nospill's scanning engine.
//!
//! Bytes go in, a [`Report`] comes out: the file is sniffed by content,
//! turned into text parts with locations ([`extract`]), and every part is
//! run through the detection rules ([`rules`], [`detect`]). Findings carry a
//! redacted preview and a keyed fingerprint, never the secret itself.
//!
//! The crate does no I/O and no async so the same code runs natively (the
//! verify-server and command line) and as `wasm32-unknown-unknown` (the
//! browser extension), and both give the same report for the same bytes.
//!
//! ```
//! let report = scanner_core::scan(b"aws_key = AKIAZ4QW7RT2LX5MN3PB", "notes.txt",
//!     &scanner_core::ScanOptions::default()).unwrap();
//! assert_eq!(report.findings[0].rule, "aws.access_key_id");
//! assert!(!report.findings[0].preview.contains("AKIAZ4QW7RT2LX5MN3PB"));
//! ```

mod allow;
mod clock;
mod decode;
mod detect;
mod extract;
mod fingerprint;
mod limits;
mod report;
pub mod rules;
mod scan;
mod validate;

pub use allow::{Allowlist, AllowlistError, INLINE_ALLOW};
pub use clock::Clock;
pub use limits::Limits;
pub use report::*;
pub use rules::{Rule, RuleError, RuleSet};
pub use scan::{ScanError, ScanOptions, Scanner, scan};

/// Rule matching alone (no extraction, no report): how many hits the
/// built-in rules find in `text`. For `benches/matcher.rs`, which can reach
/// only the public API.
#[doc(hidden)]
pub fn detect_count(text: &str) -> usize {
    detect::detect_within(Scanner::builtin().rules(), text, &mut || true)
        .0
        .len()
}
