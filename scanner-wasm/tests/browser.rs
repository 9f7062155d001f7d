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
