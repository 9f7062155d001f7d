//! Loading what an organisation adds to the engine: custom rule files and
//! an allowlist, shared by `serve` (`NOSPILL_RULES`, `NOSPILL_ALLOWLIST`)
//! and `scan` (`--rules`, `--allowlist`). A file that cannot be used stops
//! the command before it scans anything, naming the file and the line.

use crate::cli::PolicyArgs;
use crate::config::ConfigError;
use scanner_core::{Allowlist, RuleSet, ScanOptions, Scanner, VerdictPolicy};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The built-in rules plus the custom rules in `path`: one `.toml` rule
/// file, or a folder whose `.toml` files (not its subfolders) are read in
/// name order.
pub fn load_rules(path: &Path) -> Result<Scanner, ConfigError> {
    let files = rule_files(path)?;
    let mut sources = Vec::with_capacity(files.len());
    for file in &files {
        sources.push((file.to_string_lossy().into_owned(), read(file)?));
    }
    let borrowed: Vec<(&str, &str)> = sources
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    let rules = RuleSet::with_custom(&borrowed).map_err(|err| ConfigError {
        subject: err.source.clone(),
        problem: match &err.rule {
            Some(rule) => format!("rule {rule}: {}", err.message),
            None => err.message.clone(),
        },
        fix: "fix the rule file (same format as scanner-core/rules/*.toml)".into(),
    })?;
    Ok(Scanner::new(rules))
}

fn rule_files(path: &Path) -> Result<Vec<PathBuf>, ConfigError> {
    let metadata = fs::metadata(path).map_err(|err| unreadable(path, &err))?;
    if !metadata.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(path).map_err(|err| unreadable(path, &err))? {
        let file = entry.map_err(|err| unreadable(path, &err))?.path();
        if file.extension().is_some_and(|ext| ext == "toml") && file.is_file() {
            files.push(file);
        }
    }
    if files.is_empty() {
        return Err(ConfigError {
            subject: path.to_string_lossy().into_owned(),
            problem: "holds no .toml rule files".into(),
            fix: "point it at a rule file or a folder of them".into(),
        });
    }
    files.sort();
    Ok(files)
}

/// The allowlist in `path` (TOML: `fingerprints`, `paths`, `patterns`,
/// `rules`).
pub fn load_allowlist(path: &Path) -> Result<Arc<Allowlist>, ConfigError> {
    let text = read(path)?;
    Allowlist::from_toml(&text)
        .map(Arc::new)
        .map_err(|err| ConfigError {
            subject: path.to_string_lossy().into_owned(),
            problem: err.to_string(),
            fix: "allowed keys: fingerprints, paths, patterns, rules (lists of strings)".into(),
        })
}

fn read(path: &Path) -> Result<String, ConfigError> {
    fs::read_to_string(path).map_err(|err| unreadable(path, &err))
}

fn unreadable(path: &Path, err: &std::io::Error) -> ConfigError {
    ConfigError {
        subject: path.to_string_lossy().into_owned(),
        problem: format!("cannot read ({err})"),
        fix: "check the path and its permissions".into(),
    }
}

/// The rules, allowlist and verdict policy a command scans with.
#[derive(Debug, Clone)]
pub struct ScanPolicy {
    pub scanner: Arc<Scanner>,
    pub allowlist: Option<Arc<Allowlist>>,
    pub verdict_policy: VerdictPolicy,
    pub ignore_inline_allow: bool,
}

impl Default for ScanPolicy {
    fn default() -> Self {
        ScanPolicy {
            scanner: Arc::new(Scanner::builtin().clone()),
            allowlist: None,
            verdict_policy: VerdictPolicy::default(),
            ignore_inline_allow: false,
        }
    }
}

impl ScanPolicy {
    /// Loads the files the flags (or their environment variables) name.
    pub fn load(args: &PolicyArgs) -> Result<Self, ConfigError> {
        let scanner = match &args.rules {
            Some(path) => Arc::new(load_rules(path)?),
            None => Arc::new(Scanner::builtin().clone()),
        };
        let allowlist = match &args.allowlist {
            Some(path) => {
                let allowlist = load_allowlist(path)?;
                check_rule_ids(path, &allowlist, &scanner)?;
                Some(allowlist)
            }
            None => None,
        };
        Ok(ScanPolicy {
            scanner,
            allowlist,
            verdict_policy: VerdictPolicy {
                block: args.block_at,
                warn: args.warn_at,
            },
            ignore_inline_allow: args.ignore_inline_allow,
        })
    }

    /// `options` with this policy's allowlist and verdict policy.
    pub fn options(&self, options: ScanOptions) -> ScanOptions {
        ScanOptions {
            allowlist: self.allowlist.clone(),
            verdict_policy: self.verdict_policy,
            ignore_inline_allow: self.ignore_inline_allow,
            ..options
        }
    }
}

/// A misspelt rule id in an allowlist would silently allow nothing.
/// A rule id as an error may show it: whole when it is shaped like one
/// (`provider.rule`, lower case), else a few characters, since a token
/// pasted into the wrong list must not end up in a log.
fn shown_id(id: &str) -> String {
    let id_shaped = id.len() <= 64
        && id.contains('.')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.');
    if id_shaped {
        id.to_string()
    } else {
        format!("{}…", id.chars().take(4).collect::<String>())
    }
}

fn check_rule_ids(
    path: &Path,
    allowlist: &Allowlist,
    scanner: &Scanner,
) -> Result<(), ConfigError> {
    let known = |id: &str| scanner.rules().rules().iter().any(|rule| rule.id == id);
    match allowlist.rule_ids().find(|id| !known(id)) {
        None => Ok(()),
        Some(id) => Err(ConfigError {
            subject: path.to_string_lossy().into_owned(),
            problem: format!(
                "rules: `{}` is not the id of a built-in or custom rule",
                shown_id(id)
            ),
            fix: "use ids as reports show them, e.g. `generic.secret_assignment`".into(),
        }),
    }
}
