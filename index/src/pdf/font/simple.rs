//! Simple fonts (Type 1, TrueType, Type 3): the code -> text table from ToUnicode, the
//! `/Encoding` (base encoding and `/Differences`), the font program's built-in encoding
//! (Type 1, CFF, a symbolic TrueType's cmap) and the glyph list; and the widths, from
//! `/Widths` or the standard 14 fonts' metrics.

use super::{base_table, contains, strip_subset, symbol_pua, Font, Kind, MAX_AUX_STREAM};
use crate::pdf::cmap::CMap;
use crate::pdf::fontfile::{cff_builtin, truetype_simple, type1_builtin};
use crate::pdf::glyphlist::{self, numeric_name};
use crate::pdf::metrics::{std_metrics, std_width};
use crate::pdf::{arr, deref, dict_get, encodings, name, num, stream_bytes, Budget};
use lopdf::{Dictionary, Document, Object};

/// What the font dictionary says about a simple font, read once.
struct Facts<'d> {
    subtype: Option<&'d [u8]>,
    desc: Option<&'d Dictionary>,
    /// The base font name without its subset tag.
    stripped: &'d [u8],
    /// A Symbol, Dingbats, Wingdings or Webdings font by name.
    symbol_name: bool,
    /// The descriptor's Symbolic flag.
    symbolic_flag: bool,
    dingbats: bool,
}

/// The code -> glyph name / character sources of a simple font.
struct Encoding<'d> {
    table: &'static [u16; 256],
    /// Codes are Latin-1 characters (a symbolic TrueType font without a cmap that says more).
    latin1: bool,
    diffs: Vec<(u8, &'d [u8])>,
    /// The font program's own encoding (glyph names by code).
    builtin: Option<Vec<(u8, Vec<u8>)>>,
    /// Codes that are not text (Dingbats without an encoding).
    no_text: bool,
}

impl Font {
    pub(super) fn simple_from(
        subtype: Option<&[u8]>,
        dict: &Dictionary,
        doc: &Document,
        max_stream: usize,
        budget: &Budget,
    ) -> Font {
        let is_type3 = subtype == Some(b"Type3");
        let base = dict_get(doc, dict, b"BaseFont")
            .and_then(name)
            .unwrap_or(b"");
        let desc = dict_get(doc, dict, b"FontDescriptor").and_then(|o| o.as_dict().ok());
        let flags = desc
            .and_then(|d| dict_get(doc, d, b"Flags"))
            .and_then(num)
            .unwrap_or(0.0) as i64;
        let stripped = strip_subset(base);
        let symbol_name = contains(stripped, b"symbol")
            || contains(stripped, b"dingbat")
            || contains(stripped, b"wingding")
            || contains(stripped, b"webding");
        let facts = Facts {
            subtype,
            desc,
            stripped,
            symbol_name,
            symbolic_flag: flags & 4 != 0,
            dingbats: symbol_name && !contains(stripped, b"symbol"),
        };
        let (scale, mut size_scale) = if is_type3 {
            type3_scale(doc, dict)
        } else {
            (0.001, 1.0)
        };
        let enc = encoding(doc, dict, &facts, max_stream, budget);
        let tu = Self::to_unicode(doc, dict, max_stream, budget);
        let (uni, arena) = unicode_table(&enc, tu.as_ref(), &facts);
        let widths = widths(doc, dict, desc, base, scale, &uni, &arena);
        if is_type3 {
            // A Type 3 glyph's em is whatever its procedures draw: FontMatrix alone does not
            // tell the visual size. Typical text glyphs are about half an em wide, so the
            // median advance says how large the text looks (word gaps and overlaps scale
            // with it).
            let mut ws: Vec<f32> = widths.iter().copied().filter(|w| *w > 0.0).collect();
            if ws.len() >= 3 {
                ws.sort_by(f32::total_cmp);
                if let Some(&mid) = ws.get(ws.len() / 2) {
                    size_scale = (mid / 0.5).clamp(0.01, 100.0);
                }
            }
        }
        let space_width = {
            let (s, e) = uni.get(32).copied().unwrap_or((0, 0));
            if arena.get(s as usize..e as usize) == Some(" ") {
                widths.get(32).copied().unwrap_or(0.0)
            } else {
                0.0
            }
        };
        Font {
            kind: Kind::Simple { widths, uni, arena },
            size_scale,
            space_width,
            dingbats: facts.dingbats,
            symbol: false,
        }
    }
}

/// A Type 3 font's width scale (its FontMatrix instead of 1/1000 em) and size scale.
fn type3_scale(doc: &Document, dict: &Dictionary) -> (f32, f32) {
    let mut scale = 0.001f32;
    let mut size_scale = 1.0f32;
    if let Some(m) = dict_get(doc, dict, b"FontMatrix").and_then(|o| arr(doc, o)) {
        let a = m.first().and_then(|o| num(deref(doc, o))).unwrap_or(0.001);
        let d = m.get(3).and_then(|o| num(deref(doc, o))).unwrap_or(0.001);
        if a.is_finite() && a != 0.0 {
            scale = a.abs();
        }
        if d.is_finite() && d != 0.0 {
            size_scale = (d.abs() * 1000.0).clamp(0.01, 100.0);
        }
    }
    (scale, size_scale)
}

/// The encoding: `/Encoding` (a base encoding name, or a dictionary with `/BaseEncoding` and
/// `/Differences`); without a base encoding, the one the font type and program imply.
fn encoding<'d>(
    doc: &'d Document,
    dict: &'d Dictionary,
    facts: &Facts<'d>,
    max_stream: usize,
    budget: &Budget,
) -> Encoding<'d> {
    let Facts {
        subtype,
        desc,
        stripped,
        symbol_name,
        symbolic_flag,
        dingbats,
    } = *facts;
    let mut table: &'static [u16; 256] = &encodings::STANDARD_ENCODING;
    let mut latin1 = false;
    let mut diffs: Vec<(u8, &[u8])> = Vec::new();
    let mut builtin: Option<Vec<(u8, Vec<u8>)>> = None;
    let enc = dict_get(doc, dict, b"Encoding");
    let mut have_base = false;
    match enc {
        Some(Object::Name(n)) => {
            if let Some(t) = base_table(n) {
                table = t;
                have_base = true;
            }
        }
        Some(Object::Dictionary(ed)) => {
            if let Some(t) = dict_get(doc, ed, b"BaseEncoding")
                .and_then(name)
                .and_then(base_table)
            {
                table = t;
                have_base = true;
            }
            if let Some(d) = dict_get(doc, ed, b"Differences").and_then(|o| arr(doc, o)) {
                let mut code: i64 = 0;
                for item in d.iter().take(4096) {
                    match deref(doc, item) {
                        Object::Integer(i) => code = *i,
                        Object::Real(r) => code = *r as i64,
                        Object::Name(n) => {
                            if let Ok(c) = u8::try_from(code) {
                                diffs.push((c, n.as_slice()));
                            }
                            code = code.saturating_add(1);
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => {}
    }
    let mut no_text = false;
    if !have_base {
        if dingbats {
            // Dingbat codes are not text; a ToUnicode map may still say otherwise.
            no_text = true;
        } else if symbol_name && contains(stripped, b"symbol") && subtype != Some(b"TrueType") {
            table = &encodings::SYMBOL_ENCODING;
        } else if subtype == Some(b"TrueType") {
            if symbolic_flag || symbol_name {
                // The font's own cmap (3,0)/(1,0) says which glyph a code draws; where
                // it does not, producers mostly used Latin-1 codes.
                builtin = desc
                    .and_then(|d| dict_get(doc, d, b"FontFile2"))
                    .and_then(|ff| stream_bytes(ff, max_stream.min(16 << 20), budget))
                    .and_then(|data| truetype_simple(&data));
                latin1 = true;
            } else {
                table = &encodings::WIN_ANSI_ENCODING;
            }
        } else if let Some(ff) = desc.and_then(|d| dict_get(doc, d, b"FontFile")) {
            if let Some(data) = stream_bytes(ff, max_stream.min(MAX_AUX_STREAM), budget) {
                builtin = type1_builtin(&data);
            }
        } else if let Some(ff) = desc.and_then(|d| dict_get(doc, d, b"FontFile3")) {
            if let Some(data) = stream_bytes(ff, max_stream.min(MAX_AUX_STREAM), budget) {
                builtin = cff_builtin(&data);
            }
        } else if subtype.is_none() {
            latin1 = true;
        }
    }
    Encoding {
        table,
        latin1,
        diffs,
        builtin,
        no_text,
    }
}

/// Each code's text, as ranges into one string: ToUnicode first, then glyph names (the
/// font's built-in encoding overridden by `/Differences`), then the encoding table.
fn unicode_table(
    enc: &Encoding,
    tu: Option<&CMap>,
    facts: &Facts,
) -> (Box<[(u32, u32); 256]>, String) {
    let Encoding {
        table,
        latin1,
        ref diffs,
        ref builtin,
        no_text,
    } = *enc;
    let symbol_name = facts.symbol_name;
    let stripped = facts.stripped;
    let mut arena = String::new();
    let mut uni = Box::new([(0u32, 0u32); 256]);
    let mut names: [Option<&[u8]>; 256] = [None; 256];
    if let Some(b) = &builtin {
        for (c, n) in b {
            if let Some(slot) = names.get_mut(usize::from(*c)) {
                *slot = Some(n.as_slice());
            }
        }
    }
    for (c, n) in diffs {
        if let Some(slot) = names.get_mut(usize::from(*c)) {
            *slot = Some(n);
        }
    }
    let builtin_only = builtin.is_some();
    for code in 0..256usize {
        let start = arena.len() as u32;
        let mut done = false;
        if let Some(tu) = &tu {
            if tu.lookup(code as u32, 1, &mut arena) {
                if symbol_name && contains(stripped, b"symbol") {
                    symbol_pua(&mut arena, start as usize);
                }
                let s = arena.get(start as usize..).unwrap_or("");
                if s.is_empty() || s.chars().all(|c| c.is_control() && !c.is_whitespace()) {
                    arena.truncate(start as usize);
                } else {
                    done = true;
                }
            }
        }
        if !done && !no_text {
            if let Some(Some(n)) = names.get(code) {
                if !glyphlist::name_to_unicode(n, &mut arena) {
                    numeric_name(n, &mut arena);
                }
            } else if !builtin_only || diffs.is_empty() {
                if latin1 {
                    if code >= 32 {
                        arena.push(char::from(code as u8));
                    }
                } else if let Some(&cp) = table.get(code) {
                    if cp != 0 {
                        if let Some(c) = char::from_u32(u32::from(cp)) {
                            arena.push(c);
                        }
                    }
                }
            }
        }
        if let Some(slot) = uni.get_mut(code) {
            *slot = (start, arena.len() as u32);
        }
    }
    (uni, arena)
}

/// Advance widths per code (text-space units per unit of font size).
fn widths(
    doc: &Document,
    dict: &Dictionary,
    desc: Option<&Dictionary>,
    base: &[u8],
    scale: f32,
    uni: &[(u32, u32); 256],
    arena: &str,
) -> Box<[f32; 256]> {
    let std = std_metrics(base);
    let missing = desc
        .and_then(|d| dict_get(doc, d, b"MissingWidth"))
        .and_then(num)
        .filter(|w| *w > 0.0)
        .map(|w| w * scale);
    let mut widths = Box::new([0f32; 256]);
    let first = dict_get(doc, dict, b"FirstChar")
        .and_then(num)
        .unwrap_or(0.0) as i64;
    let wa = dict_get(doc, dict, b"Widths").and_then(|o| arr(doc, o));
    for code in 0..256usize {
        let (s, e) = uni.get(code).copied().unwrap_or((0, 0));
        let text = arena.get(s as usize..e as usize).unwrap_or("");
        let fallback = || missing.or_else(|| std_width(&std, text)).unwrap_or(0.5);
        let w = match wa {
            Some(wa) => {
                let idx = (code as i64)
                    .checked_sub(first)
                    .and_then(|i| usize::try_from(i).ok());
                match idx.and_then(|i| wa.get(i)) {
                    Some(o) => num(deref(doc, o))
                        .map(|w| w * scale)
                        .unwrap_or_else(fallback),
                    None => fallback(),
                }
            }
            None => std_width(&std, text).or(missing).unwrap_or(0.5),
        };
        if let Some(slot) = widths.get_mut(code) {
            *slot = if w.is_finite() {
                w.clamp(-10.0, 10.0)
            } else {
                0.5
            };
        }
    }
    widths
}
