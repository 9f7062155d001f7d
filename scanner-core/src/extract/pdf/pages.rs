//! Page text and annotations, in one pass over the page tree.
//!
//! lopdf's `extract_text` walks the page tree again for every page it is
//! asked about, which is quadratic in the page count; here the tree is
//! walked once, fonts and form XObjects are cached for the whole document,
//! and annotations are read from each page as it goes by.

use super::content::{self, Form, IDENTITY, Matrix, Resources};
use super::font::{self, Font, text_string};
use super::{Seen, deref, dict_get, streams};
use crate::extract::{Ctx, text};
use crate::report::WarningCode;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Decoded form XObjects kept for reuse across pages (a letterhead drawn on
/// every page is decoded once); past this, forms are decoded per use.
const FORM_CACHE_BYTES: usize = 32 << 20;
/// How far up the page tree inherited resources are looked for.
const MAX_TREE_DEPTH: usize = 64;

/// State shared by every page of one document.
#[derive(Default)]
pub(super) struct DocumentCache {
    fonts: HashMap<usize, Rc<Font>>,
    forms: HashMap<ObjectId, Rc<Vec<u8>>>,
    form_bytes: usize,
    /// Streams read as page or form content; the rest may be orphans.
    pub consumed: HashSet<ObjectId>,
}

/// Resolves names in content streams against resource dictionaries.
struct Env<'d, 'a, 'l> {
    doc: &'d Document,
    ctx: &'a mut Ctx<'l>,
    cache: &'a mut DocumentCache,
    /// Resource dictionaries; content refers to them by index.
    scopes: Vec<Option<&'d Dictionary>>,
    forms_shown: HashSet<ObjectId>,
    part: String,
}

impl<'d> Env<'d, '_, '_> {
    fn resource(&self, scope: usize, category: &[u8], name: &[u8]) -> Option<&'d Object> {
        let resources = (*self.scopes.get(scope)?)?;
        let category = dict_get(self.doc, resources, category)?.as_dict().ok()?;
        category.get(name).ok()
    }
}

impl Resources for Env<'_, '_, '_> {
    fn font(&mut self, scope: usize, name: &[u8]) -> Option<Rc<Font>> {
        let doc = self.doc;
        let dict = deref(doc, self.resource(scope, b"Font", name)?)
            .as_dict()
            .ok()?;
        // The document is not modified while it is read, so a dictionary's
        // address identifies it, referenced or direct.
        let key = dict as *const Dictionary as usize;
        if let Some(font) = self.cache.fonts.get(&key) {
            return Some(font.clone());
        }
        let to_unicode = dict_get(doc, dict, b"ToUnicode")
            .and_then(|o| o.as_stream().ok())
            .and_then(|stream| streams::decode_stream(self.ctx, &self.part, doc, stream));
        let font = Rc::new(font::build(doc, dict, to_unicode.as_deref()));
        self.cache.fonts.insert(key, font.clone());
        Some(font)
    }

    fn form(&mut self, scope: usize, name: &[u8]) -> Option<Form> {
        let doc = self.doc;
        let id = self
            .resource(scope, b"XObject", name)?
            .as_reference()
            .ok()?;
        let stream = doc.get_object(id).ok()?.as_stream().ok()?;
        if dict_get(doc, &stream.dict, b"Subtype").and_then(|o| o.as_name().ok())
            != Some(b"Form".as_slice())
        {
            return None;
        }
        if !self.forms_shown.insert(id) {
            return None;
        }
        self.cache.consumed.insert(id);
        let content = match self.cache.forms.get(&id) {
            Some(content) => content.clone(),
            None => {
                let content = Rc::new(streams::decode_stream(self.ctx, &self.part, doc, stream)?);
                if self.cache.form_bytes + content.len() <= FORM_CACHE_BYTES {
                    self.cache.form_bytes += content.len();
                    self.cache.forms.insert(id, content.clone());
                }
                content
            }
        };
        let matrix = dict_get(doc, &stream.dict, b"Matrix")
            .and_then(|o| matrix(doc, o))
            .unwrap_or(IDENTITY);
        let scope = match dict_get(doc, &stream.dict, b"Resources").and_then(|o| o.as_dict().ok()) {
            Some(resources) => {
                self.scopes.push(Some(resources));
                self.scopes.len() - 1
            }
            // Old files let a form use its page's resources.
            None => scope,
        };
        Some(Form {
            content,
            matrix,
            scope,
        })
    }

    fn keep_going(&mut self) -> bool {
        self.ctx.keep_going()
    }
}

fn matrix(doc: &Document, object: &Object) -> Option<Matrix> {
    let items = object.as_array().ok()?;
    if items.len() != 6 {
        return None;
    }
    let mut m = [0.0; 6];
    for (slot, item) in m.iter_mut().zip(items) {
        *slot = match deref(doc, item) {
            Object::Integer(i) => *i as f64,
            Object::Real(r) => f64::from(*r),
            _ => return None,
        };
    }
    Some(m)
}

/// A page attribute, inherited from the page tree when the page lacks it.
fn inherited<'d>(doc: &'d Document, page: &'d Dictionary, key: &[u8]) -> Option<&'d Object> {
    let mut node = page;
    for _ in 0..MAX_TREE_DEPTH {
        if let Some(found) = dict_get(doc, node, key) {
            return Some(found);
        }
        node = dict_get(doc, node, b"Parent")?.as_dict().ok()?;
    }
    None
}

/// Extracts the text and annotations of every page. Returns the page
/// number of each page object.
pub(super) fn extract_pages(
    doc: &Document,
    ctx: &mut Ctx<'_>,
    seen: &mut Seen,
    cache: &mut DocumentCache,
) -> HashMap<ObjectId, u32> {
    let pages: Vec<ObjectId> = doc.page_iter().collect();
    let numbers: HashMap<ObjectId, u32> = pages
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, i as u32 + 1))
        .collect();
    for (index, &page_id) in pages.iter().enumerate() {
        if !ctx.keep_going() {
            break;
        }
        let number = index as u32 + 1;
        let Ok(page) = doc.get_dictionary(page_id) else {
            continue;
        };
        let part = format!("page {number}");
        let mut data = Vec::new();
        for stream_id in content_streams(doc, page) {
            cache.consumed.insert(stream_id);
            if let Some(stream) = doc
                .get_object(stream_id)
                .ok()
                .and_then(|o| o.as_stream().ok())
                && let Some(decoded) = streams::decode_stream(ctx, &part, doc, stream)
            {
                data.extend_from_slice(&decoded);
                data.push(b'\n');
            }
        }
        let resources = inherited(doc, page, b"Resources").and_then(|o| o.as_dict().ok());
        let extracted = page_text(doc, ctx, cache, &part, resources, &data);
        if extracted.unmapped {
            ctx.warn(
                &part,
                WarningCode::Unsupported,
                "some text uses a font without a Unicode map and could not be read",
            );
        }
        if !seen.emit(ctx, &part, Some(number), extracted.text) {
            break;
        }
        annotations(doc, ctx, seen, page, number);
    }
    numbers
}

fn page_text<'d>(
    doc: &'d Document,
    ctx: &mut Ctx<'_>,
    cache: &mut DocumentCache,
    part: &str,
    resources: Option<&'d Dictionary>,
    data: &[u8],
) -> content::Extracted {
    let max_depth = ctx.limits().max_depth as usize;
    let mut env = Env {
        doc,
        ctx,
        cache,
        scopes: vec![resources],
        forms_shown: HashSet::new(),
        part: part.to_string(),
    };
    content::extract(data, &mut env, 0, max_depth)
}

/// Ids of a page's content streams (`/Contents` is one stream or an array).
fn content_streams(doc: &Document, page: &Dictionary) -> Vec<ObjectId> {
    match page.get(b"Contents") {
        Ok(Object::Reference(id)) => match doc.get_object(*id) {
            Ok(Object::Array(items)) => {
                items.iter().filter_map(|o| o.as_reference().ok()).collect()
            }
            _ => vec![*id],
        },
        Ok(Object::Array(items)) => items.iter().filter_map(|o| o.as_reference().ok()).collect(),
        _ => Vec::new(),
    }
}

/// Text of a text-or-stream value (`/RC`, `/V` of rich text fields, `/JS`).
pub(super) fn text_value(
    doc: &Document,
    ctx: &mut Ctx<'_>,
    part: &str,
    object: &Object,
) -> Option<String> {
    match deref(doc, object) {
        Object::String(bytes, _) => Some(text_string(bytes)),
        Object::Name(name) => Some(String::from_utf8_lossy(name).into_owned()),
        Object::Stream(stream) => {
            let data = streams::decode_stream(ctx, part, doc, stream)?;
            Some(text::decode(&data).unwrap_or_else(|| text::printable_strings(&data)))
        }
        _ => None,
    }
}

fn annotations(doc: &Document, ctx: &mut Ctx<'_>, seen: &mut Seen, page: &Dictionary, number: u32) {
    let Some(Object::Array(annotations)) = dict_get(doc, page, b"Annots") else {
        return;
    };
    let part = format!("annotation p{number}");
    let link_part = format!("link p{number}");
    for annotation in annotations {
        let Ok(annotation) = deref(doc, annotation).as_dict() else {
            continue;
        };
        let widget = dict_get(doc, annotation, b"Subtype").and_then(|o| o.as_name().ok())
            == Some(b"Widget".as_slice());
        // A widget's name and value belong to its form field.
        let keys: &[&[u8]] = if widget {
            &[b"Contents", b"TU"]
        } else {
            &[b"Contents", b"T", b"Subj", b"RC"]
        };
        let mut texts = Vec::new();
        for key in keys {
            if let Some(value) = annotation
                .get(key)
                .ok()
                .and_then(|v| text_value(doc, ctx, &part, v))
                && !value.trim().is_empty()
            {
                seen.cover(&value);
                texts.push(value);
            }
        }
        if !seen.emit(ctx, &part, Some(number), texts.join("\n")) {
            return;
        }
        let action = dict_get(doc, annotation, b"A").and_then(|o| o.as_dict().ok());
        if let Some(uri) = action.and_then(|a| dict_get(doc, a, b"URI"))
            && let Object::String(bytes, _) = uri
            && !seen.emit(ctx, &link_part, Some(number), text_string(bytes))
        {
            return;
        }
    }
}

/// Streams that look like page content but no page uses: appearance
/// streams, pages cut off from a damaged page tree, leftovers of edits.
pub(super) fn extract_orphans(
    doc: &Document,
    ctx: &mut Ctx<'_>,
    seen: &mut Seen,
    cache: &mut DocumentCache,
    limit: usize,
) {
    for (&id, object) in doc.objects.iter().take(limit) {
        if !ctx.keep_going() {
            return;
        }
        let Object::Stream(stream) = object else {
            continue;
        };
        if cache.consumed.contains(&id) || !may_hold_content(doc, &stream.dict) {
            continue;
        }
        let part = format!("object {}", id.0);
        let Some(data) = streams::decode_stream(ctx, &part, doc, stream) else {
            continue;
        };
        if !looks_like_content(&data) {
            continue;
        }
        let resources = dict_get(doc, &stream.dict, b"Resources").and_then(|o| o.as_dict().ok());
        let extracted = page_text(doc, ctx, cache, &part, resources, &data);
        // A widget's appearance repeats the field value already scanned.
        if !seen.covered(&extracted.text) && !seen.emit(ctx, &part, None, extracted.text) {
            return;
        }
    }
}

/// Rules out streams that cannot be content: images, fonts, ICC profiles,
/// metadata, object and cross-reference streams, embedded files.
fn may_hold_content(doc: &Document, dict: &Dictionary) -> bool {
    let name = |key: &[u8]| dict_get(doc, dict, key).and_then(|o| o.as_name().ok());
    if let Some(kind) = name(b"Type")
        && kind != b"XObject"
    {
        return false;
    }
    if let Some(subtype) = name(b"Subtype")
        && subtype != b"Form"
    {
        return false;
    }
    const NOT_CONTENT: [&[u8]; 8] = [
        b"Length1",
        b"Length2",
        b"Length3",
        b"N",
        b"Width",
        b"FunctionType",
        b"ShadingType",
        b"PatternType",
    ];
    !NOT_CONTENT.iter().any(|key| dict.has(key))
}

/// Decoded data with text operators in it.
pub(super) fn looks_like_content(data: &[u8]) -> bool {
    let has = |needle: &[u8]| data.windows(needle.len()).any(|w| w == needle);
    has(b"BT") && (has(b"Tj") || has(b"TJ") || has(b"'") || has(b"\""))
}
