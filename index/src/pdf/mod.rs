//! PDF text extraction on top of lopdf.
//!
//! lopdf parses the file (object streams, xref streams, repair of damaged cross-reference
//! data, decryption of files encrypted with an empty user password, bounded decompression);
//! this module interprets the page content streams itself (`content`), decodes fonts (`font`,
//! `fontfile`, `cmap`, `encodings`, `glyphlist`, `metrics`) and lays the glyphs out into reading-order text
//! (`layout`: lines, columns, table cells, accents, hyphenation), then adds the page's form
//! field values and note texts (`annots`). It never panics on file data:
//! [`Limits`] bounds work and memory per page, and a document as a whole may decompress at most
//! 16 x `max_stream_bytes` and interpret at most 100 x `max_ops_per_page` operators.
//! Documents are independent: callers may extract several in parallel threads.

mod annots;
mod cmap;
mod content;
mod encodings;
mod font;
mod fontfile;
mod glyphlist;
mod layout;
mod lex;
mod metrics;

use lopdf::{Dictionary, Object, ObjectId};
use std::path::Path;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Bounds on the work done for one file.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Most pages accepted.
    pub max_pages: usize,
    /// Largest decompressed size of one stream (and of one page's content), in bytes.
    pub max_stream_bytes: usize,
    /// Most content-stream operators interpreted per page (incl. Form XObjects).
    pub max_ops_per_page: usize,
    /// Deepest nesting of Form XObjects followed.
    pub max_xobject_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 512 << 20,
            max_pages: 20_000,
            max_stream_bytes: 64 << 20,
            max_ops_per_page: 2_000_000,
            max_xobject_depth: 12,
        }
    }
}

/// An extracted document.
#[derive(Debug)]
pub struct Document {
    pub pages: Vec<Page>,
    pub info: DocInfo,
}

/// The document information dictionary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocInfo {
    pub title: Option<String>,
    pub author: Option<String>,
    pub producer: Option<String>,
    /// The raw PDF date string, e.g. `D:20240131120000+02'00'`.
    pub creation_date: Option<String>,
}

/// One page's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Lines separated by '\n', no trailing newline; empty unless `status` is `Text`.
    pub text: String,
    pub status: PageStatus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageStatus {
    /// The page has text.
    Text,
    /// Nothing on the page: no text and no images.
    Blank,
    /// Images (a scan) but no text layer.
    NoTextLayer,
    /// Text is drawn but cannot be read (fonts without a usable Unicode mapping); not kept.
    UnreadableText,
}

/// What exceeded a limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TooLargeKind {
    /// The file size in bytes.
    File,
    /// The number of pages.
    Pages,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is not a PDF (it has no %PDF header)")]
    NotPdf,
    #[error("the PDF is password-protected; an unprotected copy is needed")]
    Encrypted,
    #[error("the PDF is damaged and could not be repaired ({0})")]
    Damaged(String),
    #[error("{}", too_large_message(*.what, *.size, *.limit))]
    TooLarge {
        what: TooLargeKind,
        /// Bytes or pages, as `what` says.
        size: u64,
        limit: u64,
    },
    #[error("the PDF has no pages")]
    NoPages,
}

fn too_large_message(what: TooLargeKind, actual: u64, limit: u64) -> String {
    match what {
        TooLargeKind::File => format!(
            "the file is too large ({:.1} MB; the limit is {:.1} MB)",
            actual as f64 / 1_048_576.0,
            limit as f64 / 1_048_576.0
        ),
        TooLargeKind::Pages => {
            format!("the PDF has too many pages ({actual}; the limit is {limit})")
        }
    }
}

/// Reads and extracts a PDF file.
pub fn extract_file(path: &Path, limits: &Limits) -> Result<Document, PdfError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| PdfError::Damaged(format!("the file cannot be read: {e}")))?;
    if meta.len() > limits.max_file_bytes {
        return Err(PdfError::TooLarge {
            what: TooLargeKind::File,
            size: meta.len(),
            limit: limits.max_file_bytes,
        });
    }
    let bytes = std::fs::read(path)
        .map_err(|e| PdfError::Damaged(format!("the file cannot be read: {e}")))?;
    extract(&bytes, limits)
}

/// Extracts the text of every page of a PDF held in memory.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, PdfError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
        return Err(PdfError::Empty);
    }
    let len = bytes.len() as u64;
    if len > limits.max_file_bytes {
        return Err(PdfError::TooLarge {
            what: TooLargeKind::File,
            size: len,
            limit: limits.max_file_bytes,
        });
    }
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    let opts = lopdf::LoadOptions {
        max_decompressed_size: Some(limits.max_stream_bytes),
        ..Default::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, opts).map_err(load_error)?;
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let has_tree = doc
        .catalog()
        .ok()
        .and_then(|c| dict_get(&doc, c, b"Pages"))
        .is_some_and(|p| p.as_dict().is_ok());
    if !has_tree {
        return Err(PdfError::Damaged("it has no page tree".into()));
    }
    // A page object reached twice means a cycle (or a shared node) in the page tree: each
    // page counts once, in the order first met.
    let mut seen = std::collections::HashSet::new();
    let ids: Vec<ObjectId> = doc
        .page_iter()
        .filter(|id| seen.insert(*id))
        .take(limits.max_pages.saturating_add(1))
        .collect();
    if ids.len() > limits.max_pages {
        let total = doc.page_iter().count() as u64;
        return Err(PdfError::TooLarge {
            what: TooLargeKind::Pages,
            size: total,
            limit: limits.max_pages as u64,
        });
    }
    if ids.is_empty() {
        return Err(PdfError::NoPages);
    }
    let info = doc_info(&doc);
    let mut ex = Extractor {
        doc: &doc,
        limits,
        cache: content::Cache::new(limits.max_stream_bytes.saturating_mul(DOC_INFLATE_FACTOR)),
        out: content::PageOut::default(),
        ops_left: limits.max_ops_per_page.saturating_mul(DOC_OPS_FACTOR),
        text_left: MAX_DOC_TEXT,
    };
    let pages = ids.iter().map(|&id| ex.page(id)).collect();
    Ok(Document { pages, info })
}

fn load_error(e: lopdf::Error) -> PdfError {
    use lopdf::Error as E;
    match e {
        E::InvalidPassword | E::Decryption(_) | E::UnsupportedSecurityHandler(_) => {
            PdfError::Encrypted
        }
        E::Parse(_)
        | E::Xref(_)
        | E::InvalidOffset(_)
        | E::MissingXrefEntry
        | E::IndirectObject { .. } => {
            PdfError::Damaged("its cross-reference table and objects cannot be read".into())
        }
        E::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit }) => {
            PdfError::Damaged(format!(
                "a compressed stream expands beyond the {} MB limit",
                limit >> 20
            ))
        }
        other => PdfError::Damaged(other.to_string()),
    }
}

/// A document may decompress at most this many times `max_stream_bytes` in all.
const DOC_INFLATE_FACTOR: usize = 16;
/// A document may interpret at most this many times `max_ops_per_page` operators in all.
const DOC_OPS_FACTOR: usize = 100;
/// Most text kept for one document (bytes); later pages get none.
const MAX_DOC_TEXT: usize = 256 << 20;

struct Extractor<'a> {
    doc: &'a lopdf::Document,
    limits: &'a Limits,
    cache: content::Cache,
    out: content::PageOut,
    /// Document-wide budgets, so that no file can take unbounded time or memory.
    ops_left: usize,
    text_left: usize,
}

/// Follows page-tree inheritance (`Parent`) for an attribute.
pub(crate) fn inherited<'a>(
    doc: &'a lopdf::Document,
    page: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Object> {
    let mut d = page;
    for _ in 0..64 {
        if let Some(v) = dict_get(doc, d, key) {
            return Some(v);
        }
        d = dict_get(doc, d, b"Parent")?.as_dict().ok()?;
    }
    None
}

pub(crate) fn rect(doc: &lopdf::Document, o: &Object) -> Option<[f32; 4]> {
    let a = arr(doc, o)?;
    if a.len() != 4 {
        return None;
    }
    let mut r = [0f32; 4];
    for (slot, v) in r.iter_mut().zip(a.iter()) {
        *slot = num(deref(doc, v))?;
    }
    let b = [
        r[0].min(r[2]),
        r[1].min(r[3]),
        r[0].max(r[2]),
        r[1].max(r[3]),
    ];
    (b[2] - b[0] > 1.0 && b[3] - b[1] > 1.0).then_some(b)
}

impl<'a> Extractor<'a> {
    fn page(&mut self, id: ObjectId) -> Page {
        let doc = self.doc;
        let Ok(dict) = doc.get_dictionary(id) else {
            return Page {
                text: String::new(),
                status: PageStatus::Blank,
            };
        };
        let resources = inherited(doc, dict, b"Resources").and_then(|o| o.as_dict().ok());
        let bbox = inherited(doc, dict, b"CropBox")
            .and_then(|o| rect(doc, o))
            .or_else(|| inherited(doc, dict, b"MediaBox").and_then(|o| rect(doc, o)))
            .unwrap_or([0.0, 0.0, 612.0, 792.0]);
        let mut data: Vec<u8> = Vec::new();
        let mut left = self.limits.max_stream_bytes;
        let cache = &mut self.cache;
        let mut add = |o: &Object| {
            let id = o.as_reference().ok();
            if id.is_some_and(|id| cache.failed.contains(&id)) {
                return;
            }
            match stream_bytes(deref(doc, o), left, &cache.budget) {
                Some(bytes) => {
                    left = left.saturating_sub(bytes.len());
                    data.extend_from_slice(&bytes);
                    data.push(b'\n');
                }
                None => {
                    if let Some(id) = id {
                        cache.failed.insert(id);
                    }
                }
            }
        };
        if let Ok(o) = dict.get(b"Contents") {
            match deref(doc, o) {
                Object::Array(items) => items.iter().take(10_000).for_each(&mut add),
                Object::Stream(_) => add(o),
                _ => {}
            }
        }
        self.out.clear();
        {
            let max_ops = self.limits.max_ops_per_page.min(self.ops_left);
            let mut it = content::Interp::new(
                doc,
                &mut self.cache,
                self.limits,
                &mut self.out,
                bbox,
                max_ops,
            );
            it.run_page(&data, resources);
            self.ops_left = self.ops_left.saturating_sub(it.ops());
        }
        let mut raw = layout::layout(&mut self.out);
        for line in annots::page_annotation_lines(doc, dict) {
            if !raw.is_empty() {
                raw.push('\n');
            }
            raw.push_str(annots::MARK);
            raw.push_str(&line);
        }
        let text = match is_nfc_quick(raw.chars()) {
            IsNormalized::Yes => raw,
            _ => raw.nfc().collect(),
        };
        let area = (bbox[2] - bbox[0]) * (bbox[3] - bbox[1]);
        let status = status(&self.out, &text, area);
        match status {
            PageStatus::Text if text.len() <= self.text_left => {
                self.text_left -= text.len();
                Page { text, status }
            }
            _ => Page {
                text: String::new(),
                status,
            },
        }
    }
}

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'ā'
            | 'ē'
            | 'ī'
            | 'ū'
            | 'á'
            | 'à'
            | 'â'
            | 'ä'
            | 'å'
            | 'ą'
            | 'é'
            | 'è'
            | 'ê'
            | 'ë'
            | 'ę'
            | 'ė'
            | 'í'
            | 'ì'
            | 'î'
            | 'ï'
            | 'į'
            | 'ó'
            | 'ò'
            | 'ô'
            | 'ö'
            | 'õ'
            | 'ø'
            | 'ő'
            | 'ú'
            | 'ù'
            | 'û'
            | 'ü'
            | 'ű'
            | 'ų'
            | 'ý'
            | 'æ'
            | 'œ'
    )
}

/// Decides a page's status from its glyphs and text.
fn status(out: &content::PageOut, text: &str, page_area: f32) -> PageStatus {
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let bad = out.bad_chars + out.unmapped;
    if chars == 0 {
        // A few undecodable symbols (bullets, a logo) on an otherwise empty page are not
        // unreadable text.
        if bad > 3 {
            return PageStatus::UnreadableText;
        }
        let has_images =
            out.image_area > 0.0 && (page_area <= 0.0 || out.image_area >= 0.05 * page_area);
        return if has_images {
            PageStatus::NoTextLayer
        } else {
            PageStatus::Blank
        };
    }
    // A scan with only a stamp or page number as text still needs OCR.
    if chars < 20 && page_area > 0.0 && out.image_area >= 0.7 * page_area {
        return PageStatus::NoTextLayer;
    }
    // Undecodable glyphs beside readable text (symbols, a logo font) do not make the page
    // unreadable: only when they are the larger part is the page left for OCR.
    if bad as f32 > 0.5 * (chars + bad) as f32 {
        return PageStatus::UnreadableText;
    }
    // Dot leaders and rules of a table of contents or a form are punctuation, not garbage.
    let leader = |c: char| matches!(c, '.' | '_' | '-' | '·' | '…' | '─' | '=' | '*');
    let alnum = text.chars().filter(|c| c.is_alphanumeric()).count();
    let counted = text
        .chars()
        .filter(|&c| !c.is_whitespace() && !leader(c))
        .count();
    if counted >= 20 && (alnum as f32) < 0.5 * counted as f32 {
        return PageStatus::UnreadableText;
    }
    // Glyph-id garbage that happens to land on letters has words without vowels.
    let mut words = 0usize;
    let mut voweled = 0usize;
    for w in text.split_whitespace() {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 3 || letters * 10 < w.chars().count() * 8 {
            continue;
        }
        if w.chars()
            .any(|c| c.is_alphabetic() && !(c.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&c)))
        {
            continue; // not Latin script
        }
        if w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) {
            continue; // abbreviations
        }
        words += 1;
        if w.chars().any(is_vowel) {
            voweled += 1;
        }
    }
    if words >= 15 && (voweled as f32) < 0.6 * words as f32 {
        return PageStatus::UnreadableText;
    }
    PageStatus::Text
}

fn doc_info(doc: &lopdf::Document) -> DocInfo {
    let Some(info) = doc
        .trailer
        .get(b"Info")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
    else {
        return DocInfo::default();
    };
    let get = |k: &[u8]| -> Option<String> {
        match dict_get(doc, info, k) {
            Some(Object::String(s, _)) => {
                let t = decode_text_string(s);
                let t = t.trim();
                (!t.is_empty()).then(|| t.to_string())
            }
            _ => None,
        }
    };
    DocInfo {
        title: get(b"Title"),
        author: get(b"Author"),
        producer: get(b"Producer"),
        creation_date: get(b"CreationDate"),
    }
}

// ---- small helpers over lopdf objects (no panics, references followed with a bound) ----

static NULL: Object = Object::Null;

pub(crate) fn deref<'a>(doc: &'a lopdf::Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..32 {
        match o {
            Object::Reference(id) => match doc.objects.get(id) {
                Some(x) => o = x,
                None => return &NULL,
            },
            _ => return o,
        }
    }
    &NULL
}

pub(crate) fn dict_get<'a>(
    doc: &'a lopdf::Document,
    d: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Object> {
    match d.get(key).ok().map(|o| deref(doc, o)) {
        Some(Object::Null) | None => None,
        Some(o) => Some(o),
    }
}

pub(crate) fn name(o: &Object) -> Option<&[u8]> {
    match o {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

pub(crate) fn num(o: &Object) -> Option<f32> {
    let v = match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => return None,
    };
    v.is_finite().then_some(v)
}

pub(crate) fn arr<'a>(doc: &'a lopdf::Document, o: &'a Object) -> Option<&'a Vec<Object>> {
    match deref(doc, o) {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

/// Bytes a document may still decompress (shared by all stream decoding of one document).
pub(crate) struct Budget(std::cell::Cell<usize>);

impl Budget {
    pub(crate) fn new(n: usize) -> Budget {
        Budget(std::cell::Cell::new(n))
    }

    fn take(&self, n: usize) {
        self.0.set(self.0.get().saturating_sub(n));
    }
}

/// A stream's decoded bytes, at most `limit` of them, charged to `budget`; None if it cannot
/// be decoded (or the budget is spent).
pub(crate) fn stream_bytes(o: &Object, limit: usize, budget: &Budget) -> Option<Vec<u8>> {
    let Object::Stream(s) = o else { return None };
    let limit = limit.min(budget.0.get());
    let raw = |s: &lopdf::Stream| (s.content.len() <= limit).then(|| s.content.clone());
    let out = match s.dict.get(b"Filter") {
        Ok(Object::Null) | Err(_) => raw(s),
        Ok(Object::Array(a)) if a.is_empty() => raw(s),
        Ok(_) => match s.decompressed_content_with_limit(limit) {
            Ok(v) => Some(v),
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                budget.take(limit);
                return None;
            }
            Err(_) => {
                budget.take(s.content.len());
                return None;
            }
        },
    };
    if let Some(v) = &out {
        budget.take(v.len().max(s.content.len()));
    }
    out
}

/// Decodes a PDF text string (UTF-16BE/LE with BOM, UTF-8 with BOM, else PDFDocEncoding).
pub(crate) fn decode_text_string(b: &[u8]) -> String {
    let mut out = String::new();
    if let Some(rest) = b.strip_prefix(&[0xFE, 0xFF]) {
        cmap::utf16be_into(rest, &mut out);
    } else if let Some(rest) = b.strip_prefix(&[0xFF, 0xFE]) {
        let units = rest.chunks_exact(2).map(|c| {
            u16::from_le_bytes([
                c.first().copied().unwrap_or(0),
                c.get(1).copied().unwrap_or(0),
            ])
        });
        out.extend(char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')));
    } else if let Some(rest) = b.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        out.push_str(&String::from_utf8_lossy(rest));
    } else {
        for &c in b {
            let cp = encodings::PDF_DOC_ENCODING
                .get(usize::from(c))
                .copied()
                .unwrap_or(0);
            match char::from_u32(u32::from(cp)) {
                Some(ch) if cp != 0 => out.push(ch),
                _ if c == b'\n' || c == b'\r' || c == b'\t' => out.push(char::from(c)),
                _ => {}
            }
        }
    }
    out.retain(|c| c != '\0');
    out
}

/// Whitespace-normalised character similarity of two texts: 1 − edit distance / longer length
/// (the measure the fixture test and the benchmark score extraction with).
pub fn similarity(a: &str, b: &str) -> f64 {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .collect::<Vec<char>>()
    };
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[b.len()] as f64 / a.len().max(b.len()) as f64
}

#[cfg(test)]
mod tests;
