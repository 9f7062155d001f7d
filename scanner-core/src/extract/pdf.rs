//! PDF extraction (placeholder: page text only; being replaced by the full
//! extractor).

use super::{Ctx, Unreadable};

pub(crate) fn looks_like_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

pub(crate) fn extract_pdf(bytes: &[u8], ctx: &mut Ctx<'_>) -> Result<(), Unreadable> {
    let doc = lopdf::Document::load_mem(bytes)
        .map_err(|err| Unreadable { kind: "pdf", reason: err.to_string() })?;
    for (number, _) in doc.get_pages() {
        if let Ok(text) = doc.extract_text(&[number]) {
            if !ctx.push(&format!("page {number}"), Some(number), text) {
                break;
            }
        }
    }
    Ok(())
}
