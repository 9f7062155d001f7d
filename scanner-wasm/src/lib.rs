//! WebAssembly facade over scanner-core: one `scan` function with the same
//! JSON report contract as the verify-server and the command line.
//!
//! Thin on purpose: everything that decides lives in scanner-core, so the
//! browser and the server cannot disagree.

use scanner_core::{Limits, ScanOptions};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// Options a caller may pass from JavaScript; all optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct JsScanOptions {
    limits: Option<Limits>,
    /// Key for finding fingerprints (UTF-8).
    fingerprint_key: Option<String>,
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
    let options = ScanOptions {
        limits: js_options.limits.unwrap_or_default(),
        fingerprint_key: js_options.fingerprint_key.map(String::into_bytes),
        include_secrets: false,
        clock: Some(now_ms),
    };
    let report =
        scanner_core::scan(bytes, name, &options).map_err(|err| JsError::new(&err.to_string()))?;
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

fn now_ms() -> f64 {
    js_sys::Date::now()
}
