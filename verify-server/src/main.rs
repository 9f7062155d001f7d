//! nospill's verify-server and command line.
//!
//! `verify-server serve` (the default) answers `POST /inspect` with a
//! scanner-core report and keeps the audit trail; `verify-server scan
//! PATH...` scans local files; `verify-server migrate` manages the audit
//! database's schema.
//! This file only wires configuration, logging and the chosen command.

mod app;
mod audit;
mod auth;
mod cli;
mod config;
mod cors;
mod deadline;
mod error;
mod migrate_cmd;
mod routes;
mod sarif;
mod scan_cmd;
mod scan_policy;
mod screen;
mod serve;
mod telemetry;
mod text_output;
mod upload;
mod walk;

use clap::Parser;
use cli::{Cli, Command, ServeArgs};
use config::ServeConfig;
use std::process::ExitCode;

fn main() -> ExitCode {
    match Cli::parse().into_command() {
        Command::Serve(args) => serve(args),
        Command::Migrate(args) => migrate_cmd::run(&args),
        Command::Scan(args) => scan_cmd::run(&args),
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    telemetry::init();
    telemetry::install_panic_hook(telemetry::PanicSink::Log);
    let config = match ServeConfig::from_args(args) {
        Ok(config) => config,
        Err(err) => {
            tracing::error!("{err}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            tracing::error!(
                "cannot start the async runtime ({err}); check the process's thread limits"
            );
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(serve::run(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("{err}");
            ExitCode::from(2)
        }
    }
}
