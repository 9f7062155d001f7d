//! Compiles every rule file under `rules/` into the binary, so adding a
//! provider means adding a `.toml` file and nothing else.

use std::{env, fs, path::PathBuf};

#[path = "build_required.rs"]
mod required;

#[allow(dead_code)]
mod pattern_macros {
    include!("src/pattern_macros.rs");
}

fn main() {
    let rules_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("rules");
    println!("cargo:rerun-if-changed={}", rules_dir.display());
    println!("cargo:rerun-if-changed=build_required.rs");
    println!("cargo:rerun-if-changed=src/pattern_macros.rs");
    let mut files: Vec<PathBuf> = fs::read_dir(&rules_dir)
        .expect("scanner-core/rules must exist")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    let mut generated = String::from("/// (file stem, contents) of every built-in rule file.\n");
    generated.push_str("pub(crate) const BUILTIN_RULE_FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let stem = path.file_stem().unwrap().to_string_lossy();
        generated.push_str(&format!(
            "    ({stem:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    generated.push_str("];\n");
    generated.push_str(&required_table(&files));
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    fs::write(out, generated).unwrap();
}

/// `BUILTIN_REQUIRED`: (rule id, pattern, chain of (256-bit set, run))
/// of every built-in rule with any, sorted by id; see `build_required.rs`.
fn required_table(files: &[PathBuf]) -> String {
    let mut rows = Vec::new();
    for path in files {
        let text = fs::read_to_string(path).unwrap();
        let Ok(table) = text.parse::<toml::Table>() else {
            // The rule loader reports the error, with its line.
            continue;
        };
        let Some(rules) = table.get("rule").and_then(|r| r.as_array()) else {
            continue;
        };
        for rule in rules {
            let field = |name: &str| rule.get(name).and_then(|v| v.as_str()).map(String::from);
            let (Some(id), Some(pattern)) = (field("id"), field("pattern")) else {
                continue;
            };
            // Analysed as compiled: with `{assign}` and `{csv}` expanded.
            let expanded = pattern_macros::expand_macros(&pattern);
            let classes = required::required_classes(&expanded, 8);
            if !classes.is_empty() {
                rows.push((id, pattern, classes));
            }
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::from(
        "/// (rule id, pattern, chain of (byte set, n): every match holds, in\n\
         /// this order, n bytes of each set in a row) of the built-in rules,\n\
         /// sorted by id; worked out by `build_required.rs`.\n\
         #[allow(clippy::type_complexity)]\n\
         pub(crate) const BUILTIN_REQUIRED: &[(&str, &str, &[([u64; 4], usize)])] = &[\n",
    );
    for (id, pattern, classes) in rows {
        let sets: Vec<String> = classes
            .iter()
            .map(|(class, run)| {
                let mut words = [0u64; 4];
                for (byte, &on) in class.iter().enumerate() {
                    if on {
                        words[byte / 64] |= 1 << (byte % 64);
                    }
                }
                format!(
                    "([{:#x}, {:#x}, {:#x}, {:#x}], {run})",
                    words[0], words[1], words[2], words[3]
                )
            })
            .collect();
        out.push_str(&format!(
            "    ({id:?}, {pattern:?}, &[{}]),\n",
            sets.join(", ")
        ));
    }
    out.push_str("];\n");
    out
}
