//! Text outside page content: document info, XMP, form fields, outlines,
//! JavaScript, attachments, and a final walk over every object so that a
//! string in any other place still gets scanned (as `object N`).

use super::font::text_string;
use super::pages::text_value;
use super::{Seen, deref, dict_get, label, streams};
use crate::extract::{Ctx, text};
use crate::report::WarningCode;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Keys whose strings are binary by design (encryption, file identifiers).
const BINARY_KEYS: [&[u8]; 6] = [b"ID", b"O", b"U", b"OE", b"UE", b"Perms"];

/// Page object id → page number, for fields that name their page.
pub(super) type PageNumbers = HashMap<ObjectId, u32>;

pub(super) fn extract_objects(
    doc: &Document,
    ctx: &mut Ctx<'_>,
    seen: &mut Seen,
    pages: &PageNumbers,
    limit: usize,
) {
    info(doc, ctx, seen);
    if let Ok(catalog) = doc.catalog() {
        if let Some(Object::Stream(stream)) = dict_get(doc, catalog, b"Metadata") {
            xmp(doc, ctx, seen, stream);
        }
        form_fields(doc, ctx, seen, catalog, pages, limit);
        outlines(doc, ctx, seen, catalog, limit);
    }
    let mut walk = Walk {
        doc,
        seen,
        attached: HashSet::new(),
        strings: Vec::new(),
        max_depth: ctx.limits().max_depth as usize,
    };
    for (index, (&id, object)) in doc.objects.iter().take(limit).enumerate() {
        if index % 64 == 0 && !ctx.keep_going() {
            return;
        }
        walk.object(ctx, id, object);
    }
    walk.loose_attachments(ctx, limit);
}

/// `metadata/Author`, `metadata/Title`, … for every string in the Info
/// dictionary, custom keys included.
fn info(doc: &Document, ctx: &mut Ctx<'_>, seen: &mut Seen) {
    let Some(Object::Dictionary(info)) = doc.trailer.get(b"Info").ok().map(|o| deref(doc, o))
    else {
        return;
    };
    for (key, value) in info.iter() {
        if let Object::String(bytes, _) = deref(doc, value) {
            let part = format!("metadata/{}", label(&String::from_utf8_lossy(key)));
            if !seen.emit(ctx, &part, None, text_string(bytes)) {
                return;
            }
        }
    }
}

fn xmp(doc: &Document, ctx: &mut Ctx<'_>, seen: &mut Seen, stream: &lopdf::Stream) {
    let part = "metadata/XMP";
    if let Some(data) = streams::decode_stream(ctx, part, doc, stream) {
        let xml = text::decode(&data).unwrap_or_else(|| text::printable_strings(&data));
        seen.emit(ctx, part, None, xml);
    }
}

/// `form field "full.name"`: values, defaults, rich text, options and
/// tooltips of the AcroForm field tree; XFA form data as `form XFA`.
fn form_fields(
    doc: &Document,
    ctx: &mut Ctx<'_>,
    seen: &mut Seen,
    catalog: &Dictionary,
    pages: &PageNumbers,
    limit: usize,
) {
    let Some(Object::Dictionary(form)) = dict_get(doc, catalog, b"AcroForm") else {
        return;
    };
    xfa(doc, ctx, seen, form);
    let Some(Object::Array(fields)) = dict_get(doc, form, b"Fields") else {
        return;
    };
    let max_depth = ctx.limits().max_depth as usize;
    // A field is pushed once however many /Kids arrays name it, and kids
    // share their parent's name: one field with a long name and a million
    // kids (a 6 MB file) took 23 GB when each kid got a copy.
    let mut visited: HashSet<ObjectId> = HashSet::new();
    let mut unvisited = |object: &Object| match object {
        Object::Reference(id) => visited.insert(*id),
        _ => true,
    };
    let root: Rc<str> = Rc::from("");
    let mut stack: Vec<(&Object, Rc<str>, usize)> = fields
        .iter()
        .rev()
        .filter(|f| unvisited(f))
        .map(|f| (f, root.clone(), 0))
        .collect();
    let mut count = 0usize;
    while let Some((node, parent, depth)) = stack.pop() {
        count += 1;
        if count > limit || !ctx.keep_going() {
            return;
        }
        let Ok(field) = deref(doc, node).as_dict() else {
            continue;
        };
        let name: Rc<str> = match dict_get(doc, field, b"T") {
            Some(Object::String(partial, _)) if parent.is_empty() => {
                field_name(&text_string(partial))
            }
            Some(Object::String(partial, _)) => {
                field_name(&format!("{parent}.{}", text_string(partial)))
            }
            _ => parent,
        };
        let part = format!("form field \"{}\"", label(&name));
        let mut values = Vec::new();
        for key in [b"V".as_slice(), b"DV", b"RV", b"TU"] {
            match field.get(key).map(|o| deref(doc, o)) {
                Ok(Object::Array(items)) => {
                    values.extend(items.iter().filter_map(|i| text_value(doc, ctx, &part, i)))
                }
                Ok(value) => values.extend(text_value(doc, ctx, &part, value)),
                Err(_) => {}
            }
        }
        if let Some(Object::Array(options)) = dict_get(doc, field, b"Opt") {
            for option in options {
                match deref(doc, option) {
                    Object::Array(pair) => {
                        values.extend(pair.iter().filter_map(|i| text_value(doc, ctx, &part, i)))
                    }
                    other => values.extend(text_value(doc, ctx, &part, other)),
                }
            }
        }
        let mut unique = HashSet::new();
        values.retain(|value| unique.insert(value.clone()));
        for value in &values {
            seen.cover(value);
        }
        let page = field
            .get(b"P")
            .ok()
            .and_then(|p| p.as_reference().ok())
            .and_then(|p| pages.get(&p).copied());
        if !seen.emit(ctx, &part, page, values.join("\n")) {
            return;
        }
        if let Some(Object::Array(kids)) = dict_get(doc, field, b"Kids") {
            if depth >= max_depth {
                ctx.warn(&part, WarningCode::Limit, format!("form fields nested deeper than {max_depth} levels; the rest were not scanned"));
                continue;
            }
            stack.extend(
                kids.iter()
                    .rev()
                    .filter(|kid| unvisited(kid))
                    .map(|kid| (kid, name.clone(), depth + 1)),
            );
        }
    }
}

/// Characters of a full field name kept: it only labels the field's part
/// (the names themselves are scanned with every other string).
const MAX_FIELD_NAME_CHARS: usize = 256;

fn field_name(name: &str) -> Rc<str> {
    match name.char_indices().nth(MAX_FIELD_NAME_CHARS) {
        Some((cut, _)) => Rc::from(&name[..cut]),
        None => Rc::from(name),
    }
}

/// XFA forms keep their data (and field values) in XML packets.
fn xfa(doc: &Document, ctx: &mut Ctx<'_>, seen: &mut Seen, form: &Dictionary) {
    let packets: Vec<&Object> = match dict_get(doc, form, b"XFA") {
        Some(Object::Array(items)) => items.iter().collect(),
        Some(single @ Object::Stream(_)) => vec![single],
        _ => return,
    };
    for packet in packets {
        if let Object::Stream(stream) = deref(doc, packet)
            && let Some(data) = streams::decode_stream(ctx, "form XFA", doc, stream)
        {
            let xml = text::decode(&data).unwrap_or_else(|| text::printable_strings(&data));
            if !seen.emit(ctx, "form XFA", None, xml) {
                return;
            }
        }
    }
}

/// `outline`: every bookmark title, one per line.
fn outlines(
    doc: &Document,
    ctx: &mut Ctx<'_>,
    seen: &mut Seen,
    catalog: &Dictionary,
    limit: usize,
) {
    let Some(Object::Dictionary(root)) = dict_get(doc, catalog, b"Outlines") else {
        return;
    };
    let mut stack: Vec<&Object> = root.get(b"First").ok().into_iter().collect();
    let mut visited: HashSet<ObjectId> = HashSet::new();
    let mut titles = Vec::new();
    while let Some(node) = stack.pop() {
        if visited.len() > limit || titles.len() % 1024 == 1023 && !ctx.keep_going() {
            break;
        }
        // Every outline item is an indirect object; a cycle revisits one.
        let Ok(id) = node.as_reference() else {
            continue;
        };
        if !visited.insert(id) {
            continue;
        }
        let Ok(item) = doc.get_dictionary(id) else {
            continue;
        };
        if let Some(Object::String(title, _)) = dict_get(doc, item, b"Title") {
            let title = text_string(title);
            seen.cover(&title);
            titles.push(title);
        }
        stack.extend(item.get(b"Next").ok());
        stack.extend(item.get(b"First").ok());
    }
    seen.emit(ctx, "outline", None, titles.join("\n"));
}

/// The walk over all objects: scripts and attachments wherever they are,
/// XMP streams, and any string not scanned yet.
struct Walk<'d, 's> {
    doc: &'d Document,
    seen: &'s mut Seen,
    /// Embedded file streams already scanned.
    attached: HashSet<ObjectId>,
    strings: Vec<String>,
    max_depth: usize,
}

impl Walk<'_, '_> {
    fn object(&mut self, ctx: &mut Ctx<'_>, id: ObjectId, object: &Object) {
        match object {
            Object::Stream(stream) => {
                let kind = dict_get(self.doc, &stream.dict, b"Type").and_then(|o| o.as_name().ok());
                if kind == Some(b"Metadata".as_slice()) {
                    xmp(self.doc, ctx, self.seen, stream);
                }
                self.dict(ctx, &stream.dict, 0);
            }
            other => self.visit(ctx, other, 0),
        }
        if !self.strings.is_empty() {
            let text = std::mem::take(&mut self.strings).join("\n");
            self.seen.emit(ctx, &format!("object {}", id.0), None, text);
        }
    }

    fn visit(&mut self, ctx: &mut Ctx<'_>, object: &Object, depth: usize) {
        if depth > self.max_depth {
            return;
        }
        match object {
            Object::String(bytes, _) => {
                let text = text_string(bytes);
                if readable(&text) && !self.seen.covered(&text) && self.strings.len() < 100_000 {
                    self.strings.push(text);
                }
            }
            Object::Array(items) => {
                for item in items {
                    self.visit(ctx, item, depth + 1);
                }
            }
            Object::Dictionary(dict) => self.dict(ctx, dict, depth),
            _ => {}
        }
    }

    fn dict(&mut self, ctx: &mut Ctx<'_>, dict: &Dictionary, depth: usize) {
        let doc = self.doc;
        if let Ok(script) = dict.get(b"JS")
            && let Some(text) = text_value(doc, ctx, "javascript", script)
        {
            self.seen.emit(ctx, "javascript", None, text);
        }
        if dict.has(b"EF") {
            self.attachment(ctx, dict);
        }
        // A signature's /Contents is a binary PKCS#7 blob.
        let signature = dict.has(b"ByteRange");
        for (key, value) in dict.iter() {
            let key = key.as_slice();
            if key == b"JS" || BINARY_KEYS.contains(&key) || (signature && key == b"Contents") {
                continue;
            }
            self.visit(ctx, value, depth + 1);
        }
    }

    /// Scans the embedded files of a file specification as files of their
    /// own, named after the specification.
    fn attachment(&mut self, ctx: &mut Ctx<'_>, spec: &Dictionary) {
        let doc = self.doc;
        let Some(Object::Dictionary(files)) = dict_get(doc, spec, b"EF") else {
            return;
        };
        let name = [b"UF".as_slice(), b"F", b"Desc"]
            .iter()
            .find_map(|key| match dict_get(doc, spec, key) {
                Some(Object::String(name, _)) => Some(text_string(name)),
                _ => None,
            })
            .filter(|name| !name.trim().is_empty());
        for key in [b"UF".as_slice(), b"F", b"DOS", b"Mac", b"Unix"] {
            let Ok(Object::Reference(id)) = files.get(key) else {
                continue;
            };
            if !self.attached.insert(*id) {
                continue;
            }
            let Ok(Object::Stream(stream)) = doc.get_object(*id) else {
                continue;
            };
            let container = format!(
                "attachment {}",
                label(name.as_deref().unwrap_or(&format!("object {}", id.0)))
            );
            if let Some(data) = streams::decode_stream(ctx, &container, doc, stream) {
                ctx.nested(&container, &data);
            }
        }
    }

    /// Embedded file streams no file specification points to.
    fn loose_attachments(&mut self, ctx: &mut Ctx<'_>, limit: usize) {
        let doc = self.doc;
        for (&id, object) in doc.objects.iter().take(limit) {
            let Object::Stream(stream) = object else {
                continue;
            };
            let kind = dict_get(doc, &stream.dict, b"Type").and_then(|o| o.as_name().ok());
            if kind != Some(b"EmbeddedFile".as_slice()) || !self.attached.insert(id) {
                continue;
            }
            if !ctx.keep_going() {
                return;
            }
            let container = format!("attachment object {}", id.0);
            if let Some(data) = streams::decode_stream(ctx, &container, doc, stream) {
                ctx.nested(&container, &data);
            }
        }
    }
}

/// Whether a string reads as text rather than binary data.
pub(super) fn readable(text: &str) -> bool {
    let mut total = 0usize;
    let mut odd = 0usize;
    for c in text.chars() {
        total += 1;
        if c == char::REPLACEMENT_CHARACTER || (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            odd += 1;
        }
    }
    !text.trim().is_empty() && odd * 5 <= total
}
