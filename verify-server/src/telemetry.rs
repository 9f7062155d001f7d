//! Logging: one JSON object per line on stderr.
//!
//! Events inside a request carry its span (`request_id`, `method`, `path`)
//! under `"span"`, so every line about a request can be joined by its id.
//! Nothing here ever logs a request body, a header value other than the
//! request id, or a fingerprint key.

use tracing_subscriber::EnvFilter;

/// Installs the JSON subscriber. The filter comes from `NOSPILL_LOG` (or
/// `RUST_LOG`), default `info` (lopdf's parser warnings muted).
pub fn init() {
    let filter = EnvFilter::try_from_env("NOSPILL_LOG")
        .or_else(|_| EnvFilter::try_from_default_env())
        // lopdf warns about every oddity of the documents it parses; the
        // report's own warnings already say what matters to the user.
        .unwrap_or_else(|_| EnvFilter::new("info,lopdf=error"));
    tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(true)
        .with_span_list(false)
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_env_filter(filter)
        .init();
}

/// Replaces the default panic hook, which prints the panic message: a
/// message from inside the scanner may quote the text being scanned, and
/// that text may be a secret. Only the code location is reported.
pub fn install_panic_hook(sink: PanicSink) {
    std::panic::set_hook(Box::new(move |info| {
        let location = info
            .location()
            .map_or_else(String::new, |l| format!("{}:{}", l.file(), l.line()));
        match sink {
            PanicSink::Log => tracing::error!(
                location = %location,
                "panic; its message is withheld because it may quote scanned content"
            ),
            PanicSink::Stderr => eprintln!(
                "verify-server: internal error at {location} (message withheld: it may quote file \
                 contents); please report it"
            ),
        }
    }));
}

/// Where the panic hook reports.
#[derive(Debug, Clone, Copy)]
pub enum PanicSink {
    /// A JSON log line (the server).
    Log,
    /// A plain line on stderr (the command line).
    Stderr,
}
