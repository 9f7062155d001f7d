//! WebAssembly facade over scanner-core: one `scan` function with the same
//! JSON report contract as the verify-server and the command line.
//!
//! Thin on purpose: everything that decides lives in scanner-core, so the
//! browser and the server cannot disagree.

use scanner_core::{Allowlist, Limits, RuleSet, ScanOptions, Scanner, VerdictPolicy};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// Options a caller may pass from JavaScript; all optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct JsScanOptions {
    limits: Option<Limits>,
    /// Key for finding fingerprints (UTF-8).
    fingerprint_key: Option<String>,
    /// Rule files' TOML (the format of scanner-core/rules/*.toml), added
    /// to the built-in rules; compiled once per distinct text.
    custom_rules: Option<String>,
    /// Allowlist TOML: `fingerprints`, `paths`, `patterns`, `rules`.
    allowlist: Option<String>,
    /// `{ block: "high/medium", warn: "medium/low" }`, either key optional.
    verdict_policy: Option<VerdictPolicy>,
    /// Ignore `nospill:allow` in the scanned content.
    ignore_inline_allow: bool,
}

/// Distinct texts whose compiled form is kept; a policy has one or two.
const CACHE_ENTRIES: usize = 4;

thread_local! {
    static SCANNERS: RefCell<HashMap<u64, Arc<Scanner>>> = RefCell::new(HashMap::new());
    static ALLOWLISTS: RefCell<HashMap<u64, Arc<Allowlist>>> = RefCell::new(HashMap::new());
}

/// `make(text)` once per distinct `text`, cached by its hash.
fn cached<T>(
    cache: &'static std::thread::LocalKey<RefCell<HashMap<u64, Arc<T>>>>,
    text: &str,
    make: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Arc<T>, String> {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    let key = hasher.finish();
    if let Some(hit) = cache.with(|map| map.borrow().get(&key).cloned()) {
        return Ok(hit);
    }
    let value = Arc::new(make(text)?);
    cache.with(|map| {
        let mut map = map.borrow_mut();
        if map.len() >= CACHE_ENTRIES {
            map.clear();
        }
        map.insert(key, value.clone());
    });
    Ok(value)
}

fn custom_scanner(toml: &str) -> Result<Arc<Scanner>, JsError> {
    cached(&SCANNERS, toml, |text| {
        RuleSet::with_custom(&[("customRules", text)])
            .map(Scanner::new)
            .map_err(|err| err.to_string())
    })
    .map_err(|err| JsError::new(&format!("invalid customRules: {err}")))
}

fn allowlist(toml: &str) -> Result<Arc<Allowlist>, JsError> {
    cached(&ALLOWLISTS, toml, |text| {
        Allowlist::from_toml(text).map_err(|err| err.to_string())
    })
    .map_err(|err| JsError::new(&format!("invalid allowlist: {err}")))
}

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Scans `bytes` and returns the report as a plain object.
///
/// Throws an `Error` with a message when the input is over the size limit,
/// unreadable, or the options are malformed.
#[wasm_bindgen]
pub fn scan(bytes: &[u8], name: &str, options: JsValue) -> Result<JsValue, JsError> {
    let js_options: JsScanOptions = if options.is_undefined() || options.is_null() {
        JsScanOptions::default()
    } else {
        // Through JSON so that unknown or misspelt options are refused.
        let json = js_sys::JSON::stringify(&options)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| JsError::new("invalid scan options: not a plain object"))?;
        serde_json::from_str(&json)
            .map_err(|err| JsError::new(&format!("invalid scan options: {err}")))?
    };
    let scanner = match js_options.custom_rules.as_deref() {
        Some(toml) if !toml.trim().is_empty() => Some(custom_scanner(toml)?),
        _ => None,
    };
    let allowlist = match js_options.allowlist.as_deref() {
        Some(toml) if !toml.trim().is_empty() => Some(allowlist(toml)?),
        _ => None,
    };
    let options = ScanOptions {
        limits: js_options.limits.unwrap_or_default(),
        fingerprint_key: js_options.fingerprint_key.map(String::into_bytes),
        include_secrets: false,
        clock: Some(now_ms),
        allowlist,
        ignore_inline_allow: js_options.ignore_inline_allow,
        verdict_policy: js_options.verdict_policy.unwrap_or_default(),
    };
    let scanner = scanner.as_deref().unwrap_or(Scanner::builtin());
    let report = scanner
        .scan(bytes, name, &options)
        .map_err(|err| JsError::new(&err.to_string()))?;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&report, &serializer)
        .map_err(|err| JsError::new(&format!("report: {err}")))
}

/// Version of the report format this build produces.
#[wasm_bindgen(js_name = reportVersion)]
pub fn report_version() -> u32 {
    scanner_core::REPORT_VERSION
}

/// Number of built-in detection rules.
#[wasm_bindgen(js_name = ruleCount)]
pub fn rule_count() -> usize {
    scanner_core::Scanner::builtin().rules().len()
}

/// Rule matching alone (prefilter, patterns, validators; no extraction,
/// no report) with the built-in rules: the number of hits in `bytes` read as
/// UTF-8. For `scripts/bench-wasm.sh`, which times it against the native
/// `cargo bench --bench matcher` over the same texts.
#[doc(hidden)]
#[wasm_bindgen(js_name = benchMatchCount)]
pub fn bench_match_count(bytes: &[u8]) -> usize {
    scanner_core::detect_count(&String::from_utf8_lossy(bytes))
}

/// Checks custom rules (TOML) as `scan` would load them: returns the total
/// rule count, or throws the error that names the rule and example index.
#[wasm_bindgen(js_name = checkCustomRules)]
pub fn check_custom_rules(toml: &str) -> Result<usize, JsError> {
    Ok(custom_scanner(toml)?.rules().len())
}

/// Checks an allowlist (TOML); throws with line and column when invalid.
#[wasm_bindgen(js_name = checkAllowlist)]
pub fn check_allowlist(toml: &str) -> Result<(), JsError> {
    allowlist(toml).map(|_| ())
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}
