//! Text that a page carries outside its content stream: the values of its form fields (text
//! and combo-box fields, read from `/V`, inherited through the field tree; a list box's options) and the text of its
//! FreeText and Text (note) annotations (`/Contents`). Poppler and MuPDF print such text
//! because they draw the annotations' appearance streams; we read the values themselves,
//! which hold the whole text even where an appearance lacks glyphs for it (a Latvian name
//! typed into a WinAnsi field). The page text gets them after its own lines, each line
//! marked with [`MARK`], so that they are searchable and show in snippets.

use super::{arr, decode_text_string, deref, dict_get, name, num};
use lopdf::{Dictionary, Document, Object};

/// Put before each line of annotation or field text in the page text.
pub(crate) const MARK: &str = "» ";

/// Most annotations read on one page and most text taken from them (bytes).
const MAX_ANNOTS: usize = 2_000;
const MAX_TEXT: usize = 256 << 10;

/// The page's field values and note texts, one entry per line, in the order of `/Annots`.
pub(crate) fn page_annotation_lines(doc: &Document, page: &Dictionary) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let Some(annots) = dict_get(doc, page, b"Annots").and_then(|o| arr(doc, o)) else {
        return lines;
    };
    let mut total = 0usize;
    for a in annots.iter().take(MAX_ANNOTS) {
        let Ok(d) = deref(doc, a).as_dict() else {
            continue;
        };
        let flags = dict_get(doc, d, b"F").and_then(num).unwrap_or(0.0) as i64;
        if flags & 2 != 0 {
            continue; // hidden
        }
        let text = match dict_get(doc, d, b"Subtype").and_then(name) {
            Some(b"Widget") => field_value(doc, d),
            Some(b"FreeText" | b"Text") => match dict_get(doc, d, b"Contents") {
                Some(Object::String(s, _)) => Some(decode_text_string(s)),
                _ => None,
            },
            _ => None,
        };
        let Some(text) = text else { continue };
        for line in text.split(['\r', '\n']) {
            let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
            if line.is_empty() {
                continue;
            }
            total += line.len();
            if total > MAX_TEXT {
                return lines;
            }
            lines.push(line);
        }
    }
    lines
}

/// A text or choice field's value, looked up through the widget's `/Parent` chain (a widget
/// is often a kid of the field that holds `/FT` and `/V`).
fn field_value(doc: &Document, widget: &Dictionary) -> Option<String> {
    let mut ft: Option<&[u8]> = None;
    let mut value: Option<&Object> = None;
    let mut flags: Option<f32> = None;
    let mut opts: Option<&Vec<Object>> = None;
    let mut d = widget;
    for _ in 0..32 {
        ft = ft.or_else(|| dict_get(doc, d, b"FT").and_then(name));
        value = value.or_else(|| dict_get(doc, d, b"V"));
        flags = flags.or_else(|| dict_get(doc, d, b"Ff").and_then(num));
        opts = opts.or_else(|| dict_get(doc, d, b"Opt").and_then(|o| arr(doc, o)));
        if ft.is_some() && value.is_some() && flags.is_some() && opts.is_some() {
            break;
        }
        match dict_get(doc, d, b"Parent").and_then(|o| o.as_dict().ok()) {
            Some(p) => d = p,
            None => break,
        }
    }
    // A list box (a choice field that is not a combo box) shows all its options.
    let combo = (flags.unwrap_or(0.0) as i64) & (1 << 17) != 0;
    if ft == Some(b"Ch") && !combo {
        if let Some(opts) = opts {
            let shown: Vec<String> = opts
                .iter()
                .take(1_000)
                .filter_map(|o| match deref(doc, o) {
                    Object::String(s, _) => Some(decode_text_string(s)),
                    // [export value, shown text]
                    Object::Array(pair) => match pair.get(1).map(|o| deref(doc, o)) {
                        Some(Object::String(s, _)) => Some(decode_text_string(s)),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            if !shown.is_empty() {
                return Some(shown.join("\n"));
            }
        }
    }
    match (ft?, value?) {
        (b"Tx" | b"Ch", Object::String(s, _)) => Some(decode_text_string(s)),
        (b"Ch", Object::Array(items)) => {
            let v: Vec<String> = items
                .iter()
                .take(1_000)
                .filter_map(|o| match deref(doc, o) {
                    Object::String(s, _) => Some(decode_text_string(s)),
                    _ => None,
                })
                .collect();
            (!v.is_empty()).then(|| v.join("\n"))
        }
        _ => None,
    }
}
