//! Deterministic labelled corpora for measuring secret scanners.
//!
//! [`generate`] plants exactly one synthetic secret (or personal datum) per
//! positive file, in a realistic surrounding, and writes hard negatives that
//! look risky but hold nothing. Every file carries its label and, for
//! positives, the lines of the planted value, so recall and false alarms
//! can be counted for nospill and for peer scanners alike.
//!
//! The formats are taken from vendor documentation and public rule sets,
//! never from nospill's own rules: the corpus is an independent yardstick.
//! The same seed gives byte-identical output on every platform.

pub mod check;
mod contexts;
pub mod families;
mod keys;
mod negatives;
pub mod pii;
mod rng;

use contexts::{Ctx, Parts};
use families::{MARK_END, MARK_START, Shape};
pub use rng::Rng;
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Positive,
    Negative,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Positive => "positive",
            Kind::Negative => "negative",
        }
    }
}

/// One generated file and its label.
#[derive(Clone, Debug)]
pub struct File {
    /// Relative path: `positives/00001-github.classic_pat.env`.
    pub path: String,
    pub kind: Kind,
    /// Family id for positives, negative kind for negatives.
    pub family: String,
    pub group: String,
    pub context: String,
    pub bytes: Vec<u8>,
    /// 1-based lines of the planted value; 0 for negatives.
    pub line_start: u32,
    pub line_end: u32,
}

#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pub files: Vec<File>,
}

/// Share of single-line positives written base64- or percent-encoded: one in
/// twenty.
const ENCODED_EVERY: usize = 20;

/// How many files each negative kind gets relative to `per_family`: more
/// negatives make the false-alarm rate finer grained.
const NEGATIVES_FACTOR: usize = 2;

/// Generates the corpus: `per_family` positives for every family and
/// `2 * per_family` files for every hard-negative kind.
pub fn generate(seed: u64, per_family: usize) -> Corpus {
    let mut files = Vec::new();
    let mut n = 0usize;
    for (fi, fam) in families::all().iter().enumerate() {
        for i in 0..per_family {
            n += 1;
            let mut r = Rng::derive(seed, fam.id, i as u64);
            let value = (fam.generate)(&mut r);
            let (marked, ctx_name, ext) = match fam.shape {
                Shape::Document(ext) => (value, fam.label_context(), ext),
                shape => {
                    let ctx = pick_context(shape, fi, i, n);
                    let key = fam.keys[(i + fi) % fam.keys.len()];
                    let parts = Parts {
                        key,
                        label: fam.label,
                        value: &value,
                        shape,
                    };
                    let text = if shape == Shape::Pii {
                        contexts::render_pii(ctx, &parts, &mut r)
                    } else {
                        contexts::render(ctx, &parts, &mut r)
                    };
                    (text, ctx.name(), ctx.ext())
                }
            };
            let (text, line_start, line_end) = unmark(&marked);
            files.push(File {
                path: format!("positives/{n:05}-{}.{ext}", fam.id),
                kind: Kind::Positive,
                family: fam.id.to_string(),
                group: fam.group.to_string(),
                context: ctx_name.to_string(),
                bytes: text.into_bytes(),
                line_start,
                line_end,
            });
        }
    }
    let mut m = 0usize;
    for neg in negatives::all() {
        for i in 0..per_family * NEGATIVES_FACTOR {
            m += 1;
            let mut r = Rng::derive(seed, neg.kind, i as u64);
            let text = (neg.generate)(&mut r);
            files.push(File {
                path: format!("negatives/{m:05}-{}.{}", neg.kind, neg.ext),
                kind: Kind::Negative,
                family: neg.kind.to_string(),
                group: "negative".to_string(),
                context: neg.context.to_string(),
                bytes: text.into_bytes(),
                line_start: 0,
                line_end: 0,
            });
        }
    }
    Corpus { files }
}

impl families::Family {
    fn label_context(&self) -> &'static str {
        match self.shape {
            Shape::Document(_) => self.id.rsplit('.').next().unwrap_or("file"),
            _ => "",
        }
    }
}

/// Rotates contexts so each family meets different ones, and encodes a
/// twentieth of the single-line values (base64 or percent-encoding).
fn pick_context(shape: Shape, family_index: usize, instance: usize, serial: usize) -> Ctx {
    if shape == Shape::Token && serial % ENCODED_EVERY == ENCODED_EVERY / 2 {
        return match (serial / ENCODED_EVERY) % 4 {
            0 => Ctx::Base64K8s,
            1 => Ctx::PercentUrl,
            2 => Ctx::Base64Wrapped,
            _ => Ctx::Base64Shell,
        };
    }
    let list = contexts::contexts_for(shape);
    list[(family_index * 7 + instance * 5) % list.len()]
}

/// Removes the markers and returns the 1-based lines they enclosed.
fn unmark(marked: &str) -> (String, u32, u32) {
    let line_of = |pos: usize| marked[..pos].matches('\n').count() as u32 + 1;
    let start = marked.find(MARK_START).map(line_of).unwrap_or(0);
    let end = marked.find(MARK_END).map(line_of).unwrap_or(start);
    let text: String = marked
        .chars()
        .filter(|&c| c != MARK_START && c != MARK_END)
        .collect();
    (text, start, end)
}

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl File {
    /// This file's line of `manifest.jsonl`.
    pub fn manifest_line(&self) -> String {
        format!(
            "{{\"path\":{},\"kind\":{},\"family\":{},\"group\":{},\"context\":{},\"line_start\":{},\"line_end\":{}}}",
            json_str(&self.path),
            json_str(self.kind.as_str()),
            json_str(&self.family),
            json_str(&self.group),
            json_str(&self.context),
            self.line_start,
            self.line_end
        )
    }
}

impl Corpus {
    pub fn manifest(&self) -> String {
        let mut s = String::new();
        for f in &self.files {
            s.push_str(&f.manifest_line());
            s.push('\n');
        }
        s
    }

    /// Writes every file under `dir` plus `dir/manifest.jsonl`.
    pub fn write_to(&self, dir: &std::path::Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir.join("positives"))?;
        std::fs::create_dir_all(dir.join("negatives"))?;
        for f in &self.files {
            std::fs::write(dir.join(&f.path), &f.bytes)?;
        }
        std::fs::write(dir.join("manifest.jsonl"), self.manifest())
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.files.iter().filter(|f| f.kind == kind).count()
    }
}

/// Ids of all positive families, in output order.
pub fn family_ids() -> Vec<&'static str> {
    families::all().iter().map(|f| f.id).collect()
}

/// Kinds of all hard negatives, in output order.
pub fn negative_kinds() -> Vec<&'static str> {
    negatives::all().iter().map(|n| n.kind).collect()
}
