//! WebAssembly facade over scanner-core. Thin on purpose: the extension
//! issue adds the `wasm-bindgen` exports; until then this crate only proves
//! that scanner-core links for the browser build.

pub use scanner_core::{Report, ScanError, ScanOptions, scan};
