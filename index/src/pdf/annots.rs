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
    let mut max_len: Option<f32> = None;
    let mut d = widget;
    for _ in 0..32 {
        ft = ft.or_else(|| dict_get(doc, d, b"FT").and_then(name));
        value = value.or_else(|| dict_get(doc, d, b"V"));
        flags = flags.or_else(|| dict_get(doc, d, b"Ff").and_then(num));
        opts = opts.or_else(|| dict_get(doc, d, b"Opt").and_then(|o| arr(doc, o)));
        max_len = max_len.or_else(|| dict_get(doc, d, b"MaxLen").and_then(num));
        if ft.is_some() && value.is_some() && flags.is_some() && opts.is_some() && max_len.is_some()
        {
            break;
        }
        match dict_get(doc, d, b"Parent").and_then(|o| o.as_dict().ok()) {
            Some(p) => d = p,
            None => break,
        }
    }
    let flags = flags.unwrap_or(0.0) as i64;
    // A list box (a choice field that is not a combo box) shows all its options.
    let combo = flags & (1 << 17) != 0;
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
        (b"Tx", Object::String(s, _)) if is_comb(flags, max_len) => {
            Some(comb_cells(&decode_text_string(s)))
        }
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

/// Whether a text field is a comb field: `/Ff` bit 25 (Comb) with a `/MaxLen`, and none of
/// Multiline (13), Password (14) or FileSelect (21), which rule combs out (PDF 32000-1, 12.7.4.3).
fn is_comb(flags: i64, max_len: Option<f32>) -> bool {
    let comb = flags & (1 << 24) != 0;
    let excluded = flags & ((1 << 12) | (1 << 13) | (1 << 20)) != 0;
    comb && !excluded && max_len.is_some_and(|n| n >= 1.0)
}

/// A comb field's value as the page shows it: one character in each cell, so apart. Poppler
/// and MuPDF read the cells off the appearance as separate words, and so do we, so that a
/// reader searching for what is printed in the boxes finds it.
fn comb_cells(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 2);
    for c in value.chars().filter(|c| !c.is_whitespace()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comb_field_values_show_one_character_per_cell() {
        let comb = 1 << 24;
        assert!(is_comb(comb, Some(11.0)));
        assert_eq!(comb_cells("LV 40003"), "L V 4 0 0 0 3");
        // Without MaxLen, or multi-line, the flag means nothing: the value stays whole.
        assert!(!is_comb(comb, None));
        assert!(!is_comb(comb | (1 << 12), Some(11.0)));
        assert!(!is_comb(0, Some(11.0)));
    }
}
