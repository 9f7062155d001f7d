//! The command line: `serve` (the default) and `scan`.
//!
//! Serve options also read environment variables so a container or a
//! systemd unit can configure the server without a wrapper script. The
//! fingerprint key is deliberately *not* a flag: command lines show up in
//! `ps` and shell history.

use clap::{Args, Parser, Subcommand, ValueEnum};
use scanner_core::{Limits, Threshold};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "verify-server",
    version,
    about = "nospill's verify-server and command line: find secrets and personal data in files",
    after_help = "Without a subcommand, `verify-server` runs `serve`.\n\
                  Set NOSPILL_FINGERPRINT_KEY (at least 16 bytes, e.g. `openssl rand -hex 32`) so \
                  finding fingerprints stay stable across restarts and replicas.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of `serve`, accepted without the subcommand too.
    #[command(flatten)]
    pub serve: ServeArgs,
}

impl Cli {
    /// The command to run: `serve` when none was named.
    pub fn into_command(self) -> Command {
        self.command.unwrap_or(Command::Serve(self.serve))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server (POST /inspect, POST /decisions, GET /audit,
    /// GET /healthz, GET /readyz).
    Serve(ServeArgs),
    /// Show the audit database's schema version and migrate it: up to the
    /// latest (what `serve` does at startup) or down to roll back.
    Migrate(MigrateArgs),
    /// Scan files and folders and print what was found.
    ///
    /// Exit code 0 when every file was scanned completely and nothing
    /// reached the warn threshold (see --warn-at); 1 when something did or a
    /// file could not be scanned in full (encrypted, damaged, a limit
    /// reached); 2 on error. Skips .git/, node_modules/ and target/ unless
    /// --no-skip-dirs is given.
    Scan(ScanArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (see the `listening` log line).
    #[arg(
        long,
        env = "NOSPILL_LISTEN",
        value_name = "ADDR",
        default_value = "127.0.0.1:8000"
    )]
    pub listen: String,

    /// Largest file accepted by POST /inspect, in bytes.
    #[arg(
        long,
        env = "NOSPILL_MAX_BODY_BYTES",
        value_name = "BYTES",
        default_value_t = Limits::default().max_input_bytes,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub max_body_bytes: u64,

    /// Time budget of one scan, in seconds; a scan that runs out returns a
    /// partial report with a warning.
    #[arg(
        long,
        env = "NOSPILL_SCAN_TIMEOUT_SECS",
        value_name = "SECS",
        default_value_t = Limits::default().time_budget_ms / 1000,
        value_parser = clap::value_parser!(u64).range(1..=3600)
    )]
    pub scan_timeout_secs: u64,

    /// Longest a whole request (upload and scan) may take, in seconds.
    #[arg(
        long,
        env = "NOSPILL_REQUEST_TIMEOUT_SECS",
        value_name = "SECS",
        default_value_t = 120,
        value_parser = clap::value_parser!(u64).range(1..=86400)
    )]
    pub request_timeout_secs: u64,

    /// Scans that may run at once; more wait their turn. Default: the number of CPUs.
    #[arg(
        long,
        env = "NOSPILL_MAX_CONCURRENT_SCANS",
        value_name = "N",
        value_parser = clap::value_parser!(u32).range(1..=4096)
    )]
    pub max_concurrent_scans: Option<u32>,

    /// Audit database: a SQLite file (created if missing) or `:memory:`
    /// (kept only while the process runs).
    #[arg(
        long,
        env = "NOSPILL_AUDIT_DB",
        value_name = "PATH",
        default_value = DEFAULT_AUDIT_DB
    )]
    pub audit_db: String,

    /// Whether the server agrees when a user overrides a finding with a
    /// reason; the decision is recorded either way.
    #[arg(
        long,
        env = "NOSPILL_OVERRIDES",
        value_enum,
        value_name = "POLICY",
        default_value_t = OverridePolicy::Allow
    )]
    pub overrides: OverridePolicy,

    #[command(flatten)]
    pub policy: PolicyArgs,
}

/// What is found and what blocks: shared by `serve` and `scan`, and read
/// from the environment by both, so the server and the command line agree.
#[derive(Debug, Clone, Args)]
pub struct PolicyArgs {
    /// Custom rules added to the built-in ones: a rule file or a folder of
    /// `.toml` rule files, in the format of scanner-core/rules/*.toml.
    #[arg(long, env = "NOSPILL_RULES", value_name = "PATH")]
    pub rules: Option<PathBuf>,

    /// Allowlist (TOML with `fingerprints`, `paths`, `patterns`, `rules`):
    /// matching findings are counted as suppressed, not listed.
    #[arg(long, env = "NOSPILL_ALLOWLIST", value_name = "FILE")]
    pub allowlist: Option<PathBuf>,

    /// Least severity/confidence of a finding that blocks.
    #[arg(
        long,
        env = "NOSPILL_BLOCK_AT",
        value_name = "SEVERITY/CONFIDENCE",
        default_value = "high/medium"
    )]
    pub block_at: Threshold,

    /// Least severity/confidence of a finding that warns; findings below
    /// are listed but leave the verdict `allow`.
    #[arg(
        long,
        env = "NOSPILL_WARN_AT",
        value_name = "SEVERITY/CONFIDENCE",
        default_value = "medium/low"
    )]
    pub warn_at: Threshold,

    /// Ignore `nospill:allow` comments in scanned content (the person
    /// sending a file then cannot allow its findings).
    #[arg(long, env = "NOSPILL_IGNORE_INLINE_ALLOW")]
    pub ignore_inline_allow: bool,
}

/// Where the audit database lives unless configured: the working directory.
pub const DEFAULT_AUDIT_DB: &str = "nospill-audit.sqlite3";

/// The server's answer to an override.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OverridePolicy {
    /// Overrides with a reason are allowed.
    Allow,
    /// Overrides are recorded but refused (`"allowed": false`).
    Deny,
}

impl OverridePolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            OverridePolicy::Allow => "allow",
            OverridePolicy::Deny => "deny",
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct MigrateArgs {
    /// Audit database to migrate (a SQLite file).
    #[arg(
        long,
        env = "NOSPILL_AUDIT_DB",
        value_name = "PATH",
        default_value = DEFAULT_AUDIT_DB
    )]
    pub audit_db: String,

    /// Schema version to migrate to; default: the latest. Lower versions
    /// roll back (and drop the data of the tables they remove).
    #[arg(long, value_name = "VERSION")]
    pub to: Option<u32>,
}

#[derive(Debug, Clone, Args)]
pub struct ScanArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Print each full matched value (`"secret"`) for local triage. Never use
    /// this where output is stored or shared.
    #[arg(long)]
    pub show_secrets: bool,

    /// Also walk into .git/, node_modules/ and target/ folders.
    #[arg(long)]
    pub no_skip_dirs: bool,

    #[command(flatten)]
    pub policy: PolicyArgs,

    /// Files and folders to scan; folders are walked recursively.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable text, one block per file and a summary line.
    Text,
    /// One JSON array holding a report per file.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn serve_is_the_default_and_flags_work_without_the_subcommand() {
        let cli = Cli::try_parse_from(["verify-server", "--listen", "127.0.0.1:0"]).unwrap();
        match cli.into_command() {
            Command::Serve(args) => assert_eq!(args.listen, "127.0.0.1:0"),
            other => panic!("expected serve, got {other:?}"),
        }
    }

    #[test]
    fn policy_flags_parse_thresholds() {
        let cli = Cli::try_parse_from([
            "verify-server",
            "scan",
            "--rules",
            "rules.d",
            "--allowlist",
            "allow.toml",
            "--block-at",
            "critical/high",
            "a",
        ])
        .unwrap();
        let Command::Scan(args) = cli.into_command() else {
            panic!("expected scan");
        };
        assert_eq!(args.policy.rules, Some(PathBuf::from("rules.d")));
        assert_eq!(args.policy.block_at.to_string(), "critical/high");
        assert_eq!(args.policy.warn_at.to_string(), "medium/low");
        let bad = Cli::try_parse_from(["verify-server", "scan", "--block-at", "high", "a"]);
        assert!(bad.unwrap_err().to_string().contains("SEVERITY/CONFIDENCE"));
    }

    #[test]
    fn scan_needs_a_path_and_parses_its_flags() {
        assert!(Cli::try_parse_from(["verify-server", "scan"]).is_err());
        let cli = Cli::try_parse_from([
            "verify-server",
            "scan",
            "--format",
            "sarif",
            "--show-secrets",
            "a",
            "b",
        ])
        .unwrap();
        match cli.into_command() {
            Command::Scan(args) => {
                assert_eq!(args.format, Format::Sarif);
                assert!(args.show_secrets);
                assert_eq!(args.paths, [PathBuf::from("a"), PathBuf::from("b")]);
            }
            other => panic!("expected scan, got {other:?}"),
        }
    }
}
