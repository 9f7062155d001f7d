//! Makes the expected reports for the differential test: every fixture is
//! scanned by the *native* scanner-core at build time; the wasm test scans
//! the same bytes in the browser and must get the same report.

use std::{env, fs, path::PathBuf};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let testdata = manifest.join("../testdata");
    println!("cargo:rerun-if-changed={}", testdata.display());
    let mut fixtures: Vec<PathBuf> = Vec::new();
    for dir in ["pdf", "text"] {
        if let Ok(entries) = fs::read_dir(testdata.join(dir)) {
            fixtures.extend(entries.flatten().map(|e| e.path()).filter(|p| {
                p.is_file() && !p.file_name().unwrap().to_string_lossy().ends_with(".toml")
            }));
        }
    }
    fixtures.sort();
    let options = scanner_core::ScanOptions {
        clock: None,
        ..Default::default()
    };
    let mut generated = String::from("pub const FIXTURES: &[(&str, &[u8], &str)] = &[\n");
    for path in &fixtures {
        println!("cargo:rerun-if-changed={}", path.display());
        let bytes = fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let expected = match scanner_core::scan(&bytes, &name, &options) {
            Ok(report) => serde_json::to_string(&report).unwrap(),
            Err(err) => format!("error: {err}"),
        };
        generated.push_str(&format!(
            "    ({name:?}, include_bytes!({:?}), {expected:?}),\n",
            path.display().to_string()
        ));
    }
    generated.push_str("];\n");
    fs::write(
        PathBuf::from(env::var("OUT_DIR").unwrap()).join("fixtures.rs"),
        generated,
    )
    .unwrap();
}
