//! Running the server: bind, open the audit store, announce, serve until
//! SIGINT or SIGTERM, drain the requests in flight, then flush and close
//! the audit store.

use crate::app::{AppState, router};
use crate::audit::AuditStore;
use crate::config::{KeyOrigin, ServeConfig};
use crate::deadline::DeadlineListener;
use std::io;
use std::time::Duration;
use tokio::net::TcpListener;

/// Longest shutdown waits for the audit store to commit and close: every
/// answered request has already committed its row, so this only covers a
/// stalled disk.
const AUDIT_CLOSE_TIMEOUT: Duration = Duration::from_secs(30);

pub async fn run(config: ServeConfig) -> io::Result<()> {
    let listener = TcpListener::bind(&config.listen).await.map_err(|err| {
        io::Error::new(
            err.kind(),
            format!(
                "{}: cannot listen ({err}); stop whatever uses that address or choose another with \
                 --listen or NOSPILL_LISTEN",
                config.listen
            ),
        )
    })?;
    let addr = listener.local_addr()?;

    if config.fingerprint_key.origin == KeyOrigin::Random {
        tracing::warn!(
            "NOSPILL_FINGERPRINT_KEY is not set: using a random key for this process, so finding \
             fingerprints will not match across restarts or replicas; set NOSPILL_FINGERPRINT_KEY to a \
             secret of at least 16 bytes (e.g. `openssl rand -hex 32`) shared by all replicas"
        );
    }
    if config.api_tokens.is_none() {
        tracing::warn!(
            "NOSPILL_API_TOKENS is not set: POST /inspect, POST /decisions and GET /audit are open to \
             anyone who can reach {addr}; set NOSPILL_API_TOKENS to one or more comma-separated \
             tokens (e.g. `openssl rand -hex 32`) unless this server is only reachable from this \
             machine"
        );
    }
    let audit_db = config.audit_db.clone();
    let audit = tokio::task::spawn_blocking(move || AuditStore::open(&audit_db))
        .await
        .map_err(io::Error::other)?
        .map_err(io::Error::other)?;
    let app = router(&config, AppState::new(&config, audit.clone()));
    tracing::info!(
        addr = %addr,
        max_body_bytes = config.max_body_bytes,
        scan_timeout_s = config.scan_timeout.as_secs(),
        request_timeout_s = config.request_timeout.as_secs(),
        max_concurrent_scans = config.max_concurrent_scans,
        fingerprint_key = config.fingerprint_key.origin.as_str(),
        audit_db = %config.audit_db,
        auth = if config.api_tokens.is_some() { "bearer" } else { "open" },
        api_tokens = config.api_tokens.as_ref().map_or(0, |tokens| tokens.len()),
        overrides = config.overrides.as_str(),
        rules = config.policy.scanner.rules().len(),
        allowlist = config.policy.allowlist.is_some(),
        block_at = %config.policy.verdict_policy.block,
        warn_at = %config.policy.verdict_policy.warn,
        inline_allow = !config.policy.ignore_inline_allow,
        "listening"
    );
    // Past the request timeout, an answer is on its way or the client
    // stalled; the margin covers sending the request head.
    let stall = config.request_timeout + config.request_timeout.min(Duration::from_secs(5));
    let served = axum::serve(DeadlineListener::new(listener, stall), app)
        .with_graceful_shutdown(shutdown_signal())
        .await;
    // Requests in flight have drained, each having awaited its own audit
    // write; closing commits anything still queued and closes the file.
    let closed = match tokio::time::timeout(AUDIT_CLOSE_TIMEOUT, audit.close()).await {
        Ok(closed) => closed.map_err(|err| format!("closing the audit store: {err}")),
        Err(_) => Err(format!(
            "the audit store did not close within {} s; check the disk holding it, the last \
             writes may not have reached it",
            AUDIT_CLOSE_TIMEOUT.as_secs()
        )),
    };
    served?;
    closed.map_err(io::Error::other)?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on the first SIGINT or SIGTERM. Graceful shutdown then stops
/// accepting, closes idle connections and waits for requests in flight
/// (each bounded by the request timeout).
async fn shutdown_signal() {
    let interrupt = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for SIGINT");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    let signal = tokio::select! {
        () = interrupt => "SIGINT",
        () = terminate => "SIGTERM",
    };
    tracing::info!(signal, "shutting down; draining requests in flight");
}
