//! `verify-server scan`: scan local files and folders.
//!
//! Exit code 0 when every report is `allow`, 1 when any is `warn` or
//! `block` (a finding at the warn threshold, or a file not scanned in
//! full), 2 when any path could not be scanned; the reports that could be
//! made are printed either way. Problems go to stderr as
//! `verify-server: <path>: <what went wrong>; <what to do>`.

use crate::cli::{Format, ScanArgs};
use crate::config::FingerprintKey;
use crate::sarif::sarif_log;
use crate::scan_policy::ScanPolicy;
use crate::telemetry::{PanicSink, install_panic_hook};
use crate::text_output::{self, Summary, printable};
use crate::walk::{Walk, io_error};
use scanner_core::{Report, ScanError, ScanOptions, Scanner};
use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const FOUND: u8 = 1;
const ERROR: u8 = 2;

/// One scanned file.
#[derive(Debug)]
pub struct Scanned {
    pub path: PathBuf,
    pub report: Report,
}

/// A path that could not be scanned, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    pub problem: String,
    pub fix: String,
}

impl FileError {
    pub fn new(path: &Path, problem: &str, fix: &str) -> Self {
        FileError {
            path: path.to_path_buf(),
            problem: problem.into(),
            fix: fix.into(),
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.to_string_lossy();
        write!(
            f,
            "verify-server: {}: {}; {}",
            printable(&path),
            self.problem,
            self.fix
        )
    }
}

pub fn run(args: &ScanArgs) -> ExitCode {
    install_panic_hook(PanicSink::Stderr);
    let fingerprint_key = match FingerprintKey::from_env() {
        Ok(key) => key.map(|key| key.bytes().to_vec()),
        Err(err) => {
            eprintln!("verify-server: {err}");
            return ExitCode::from(ERROR);
        }
    };
    let policy = match ScanPolicy::load(&args.policy) {
        Ok(policy) => policy,
        Err(err) => {
            eprintln!("verify-server: {err}");
            return ExitCode::from(ERROR);
        }
    };
    let options = policy.options(ScanOptions {
        fingerprint_key,
        include_secrets: args.show_secrets,
        ..ScanOptions::default()
    });
    let out = &mut BufWriter::new(io::stdout().lock());
    match scan_all(args, &policy.scanner, &options, out) {
        Ok(code) => ExitCode::from(code),
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(ERROR),
        Err(err) => {
            eprintln!("verify-server: stdout: cannot write ({err}); check where the output goes");
            ExitCode::from(ERROR)
        }
    }
}

/// Scans every path and writes the chosen format; returns the exit code.
fn scan_all(
    args: &ScanArgs,
    scanner: &Scanner,
    options: &ScanOptions,
    out: &mut impl Write,
) -> io::Result<u8> {
    let mut summary = Summary::default();
    // Kept only for the formats printed as one document at the end.
    let mut scanned = Vec::new();
    let mut errors = Vec::new();
    for item in Walk::new(&args.paths, !args.no_skip_dirs) {
        let scanned_file = |path: PathBuf| {
            scan_file(scanner, &path, options).map(|report| Scanned { path, report })
        };
        match item.and_then(scanned_file) {
            Ok(item) => {
                summary.add(&item.report);
                if args.format == Format::Text {
                    text_output::write_report(out, &item.report)?;
                } else {
                    scanned.push(item);
                }
            }
            Err(error) => {
                eprintln!("{error}");
                summary.errors += 1;
                errors.push(error);
            }
        }
    }
    match args.format {
        Format::Text => text_output::write_summary(out, &summary)?,
        Format::Json => {
            let reports: Vec<&Report> = scanned.iter().map(|item| &item.report).collect();
            serde_json::to_writer_pretty(&mut *out, &reports)?;
            writeln!(out)?;
        }
        Format::Sarif => {
            let base = std::env::current_dir().ok();
            let log = sarif_log(scanner.rules().rules(), &scanned, &errors, base.as_deref());
            serde_json::to_writer_pretty(&mut *out, &log)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if summary.errors > 0 {
        ERROR
    } else if summary.block + summary.warn > 0 {
        // Findings, or content that could not be scanned: either way not clean.
        FOUND
    } else {
        0
    })
}

/// Reads and scans one file, reading at most one byte past the size limit.
fn scan_file(scanner: &Scanner, path: &Path, options: &ScanOptions) -> Result<Report, FileError> {
    let limit = options.limits.max_input_bytes;
    let too_large = |size: u64| {
        FileError::new(
            path,
            &format!("is {size} bytes, over the limit of {limit} bytes"),
            "split the file, or scan it with the verify-server configured for larger files",
        )
    };
    let file = File::open(path).map_err(|err| io_error(path, &err))?;
    let size = file.metadata().map_err(|err| io_error(path, &err))?.len();
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| io_error(path, &err))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    let name = path.to_string_lossy();
    match catch_unwind(AssertUnwindSafe(|| scanner.scan(&bytes, &name, options))) {
        Ok(Ok(report)) => Ok(report),
        Ok(Err(ScanError::TooLarge { size, .. })) => Err(too_large(size)),
        Ok(Err(err @ ScanError::Unreadable { .. })) => Err(FileError::new(
            path,
            &err.to_string(),
            "check that the file is complete and undamaged (open it in a viewer)",
        )),
        Err(_panic) => Err(FileError::new(
            path,
            "could not scan this file: the scanner hit an internal error",
            "please report it with the file's type and size (not the file, if it holds secrets)",
        )),
    }
}
