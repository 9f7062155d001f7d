//! Runs in headless Chrome (`wasm-pack test --headless --chrome`).

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod fixtures {
    include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));
}

/// The report as JSON text with the timing zeroed, for comparison.
fn normalised(report: JsValue) -> serde_json::Value {
    let text = js_sys::JSON::stringify(&report)
        .unwrap()
        .as_string()
        .unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["stats"]["elapsed_ms"] = 0.into();
    value
}

#[wasm_bindgen_test]
fn every_fixture_gives_the_native_report() {
    assert!(fixtures::FIXTURES.len() >= 5, "fixtures are found");
    for (name, bytes, expected) in fixtures::FIXTURES {
        let wasm = scanner_wasm::scan(bytes, name, JsValue::UNDEFINED);
        match (wasm, expected.strip_prefix("error: ")) {
            (Ok(report), None) => {
                let mut expected: serde_json::Value = serde_json::from_str(expected).unwrap();
                expected["stats"]["elapsed_ms"] = 0.into();
                assert_eq!(
                    normalised(report),
                    expected,
                    "{name}: wasm and native reports differ"
                );
            }
            (Err(err), Some(native)) => {
                let message = JsValue::from(err);
                let message = js_sys::Reflect::get(&message, &"message".into()).unwrap();
                assert_eq!(message.as_string().unwrap(), native, "{name}");
            }
            (wasm, _) => panic!(
                "{name}: wasm gave {:?}, native {}",
                wasm.is_ok(),
                &expected[..expected.len().min(40)]
            ),
        }
    }
}

#[wasm_bindgen_test]
fn a_secret_is_found_and_never_returned_whole() {
    let secret = "AKIAQ7RT2LX5MN3PBZ4W";
    let text = format!("aws_access_key_id = {secret}\n");
    let report = scanner_wasm::scan(text.as_bytes(), "creds.txt", JsValue::UNDEFINED).unwrap();
    let json = js_sys::JSON::stringify(&report)
        .unwrap()
        .as_string()
        .unwrap();
    assert!(json.contains("\"aws.access_key_id\""), "finding reported");
    assert!(json.contains("\"verdict\":\"block\""));
    assert!(
        !json.contains(secret),
        "the full secret never leaves the engine"
    );
}

#[wasm_bindgen_test]
fn errors_become_js_errors_with_a_message() {
    let options = js_sys::JSON::parse(r#"{"limits": {"max_input_bytes": 4}}"#).unwrap();
    let err = scanner_wasm::scan(b"12345678", "big.txt", options).unwrap_err();
    let message = js_sys::Reflect::get(&JsValue::from(err), &"message".into()).unwrap();
    assert!(message.as_string().unwrap().contains("over the limit"));

    let bad = js_sys::JSON::parse(r#"{"nope": 1}"#).unwrap();
    assert!(
        scanner_wasm::scan(b"x", "x.txt", bad).is_err(),
        "unknown options are refused"
    );
}

fn message_of(err: wasm_bindgen::JsError) -> String {
    js_sys::Reflect::get(&JsValue::from(err), &"message".into())
        .unwrap()
        .as_string()
        .unwrap()
}

fn options(json: &serde_json::Value) -> JsValue {
    js_sys::JSON::parse(&json.to_string()).unwrap()
}

#[wasm_bindgen_test]
fn custom_rules_allowlist_and_verdict_policy_are_options() {
    let example = "acme_k3v9q2m7x4p8w1z6r5t0y2u8i4o6s9d1";
    let planted = "acme_p0o9i8u7y6t5r4e3w2q1z9x8c7v6b5n4";
    let rules = format!(
        "[[rule]]\nid = \"acme.api_token\"\nname = \"Acme API token\"\ncategory = \"secret\"\n\
         severity = \"critical\"\nconfidence = \"high\"\nrisk = \"Grants access to Acme.\"\n\
         reference = \"https://acme.invalid/docs\"\nkeywords = [\"acme_\"]\n\
         pattern = '''\\b(acme_[a-z0-9]{{32}})\\b'''\nexamples = [\"t={example}\"]\n"
    );
    let key = "AKIAQ7RT2LX5MN3PBZ4W";
    let text = format!("ACME={planted}\naws_access_key_id = {key} # nospill:allow\n");
    let with_rules = serde_json::json!({ "customRules": rules });
    for _ in 0..2 {
        // The second scan uses the compiled set from the cache.
        let report =
            normalised(scanner_wasm::scan(text.as_bytes(), "a.env", options(&with_rules)).unwrap());
        assert_eq!(report["findings"][0]["rule"], "acme.api_token");
        assert_eq!(report["findings"].as_array().unwrap().len(), 1);
        assert_eq!(report["stats"]["suppressed"], 1);
        assert_eq!(report["verdict"], "block");
        let json = report.to_string();
        assert!(!json.contains(planted) && !json.contains(key));
    }

    let relaxed = serde_json::json!({
        "customRules": rules,
        "allowlist": "patterns = ['^acme_p0']",
        "ignoreInlineAllow": true,
        "verdictPolicy": { "block": "critical/high", "warn": "critical/high" },
    });
    let report =
        normalised(scanner_wasm::scan(text.as_bytes(), "a.env", options(&relaxed)).unwrap());
    assert_eq!(report["findings"][0]["rule"], "aws.access_key_id");
    assert_eq!(report["verdict"], "allow");

    let broken = serde_json::json!({ "customRules": rules.replace(example, "acme_short") });
    let message = message_of(scanner_wasm::scan(b"x", "x.txt", options(&broken)).unwrap_err());
    assert!(
        message.contains("acme.api_token") && message.contains("example #0"),
        "{message}"
    );
    let bad_list = serde_json::json!({ "allowlist": "paths = ['(']" });
    let message = message_of(scanner_wasm::scan(b"x", "x.txt", options(&bad_list)).unwrap_err());
    assert!(
        message.starts_with("invalid allowlist: line 1, column 10"),
        "{message}"
    );
}
