//! Running the server: bind, announce, serve until SIGINT or SIGTERM, then
//! drain the requests in flight.

use crate::app::{AppState, router};
use crate::config::{KeyOrigin, ServeConfig};
use std::io;
use tokio::net::TcpListener;

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
    let app = router(&config, AppState::new(&config));
    tracing::info!(
        addr = %addr,
        max_body_bytes = config.max_body_bytes,
        scan_timeout_s = config.scan_timeout.as_secs(),
        request_timeout_s = config.request_timeout.as_secs(),
        max_concurrent_scans = config.max_concurrent_scans,
        fingerprint_key = config.fingerprint_key.origin.as_str(),
        "listening"
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
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
