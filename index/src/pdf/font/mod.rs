//! Fonts: code splitting, glyph widths and code -> Unicode for simple fonts (Type1, TrueType,
//! Type3: base encodings, Differences, built-in Type1 encodings) and Type0/CID fonts
//! (Identity-H/V, embedded encoding CMaps, W arrays), with ToUnicode CMaps on both.

mod simple;

use super::cmap::CMap;
use super::fontfile::truetype_gid_unicode;
use super::{arr, deref, dict_get, encodings, name, num, stream_bytes, Budget};
use lopdf::{Dictionary, Document, Object};

/// Most bytes of an embedded CMap / font program read for encodings.
const MAX_AUX_STREAM: usize = 4 << 20;

enum CidEncoding {
    /// Two-byte codes, CID = code.
    Identity,
    /// Two-byte codes that are UCS-2 / UTF-16 code units (Uni*-UCS2-*, Uni*-UTF16-*).
    Ucs2,
    /// An embedded encoding CMap.
    Embedded(CMap),
}

#[allow(clippy::large_enum_variant)]
enum Kind {
    Simple {
        /// Advance widths in text-space units per unit of font size.
        widths: Box<[f32; 256]>,
        /// Text of each code: range into `arena` (empty = unmapped).
        uni: Box<[(u32, u32); 256]>,
        arena: String,
    },
    Cid {
        enc: CidEncoding,
        /// (first CID, last CID, width) sorted by first CID.
        widths: Vec<(u32, u32, f32)>,
        dw: f32,
        to_unicode: Option<CMap>,
        /// Unicode by glyph id from the embedded TrueType font's `cmap` (used when ToUnicode
        /// is missing or does not map a code), and the CID -> GID map (None = identity).
        gid_unicode: Vec<u32>,
        cid_to_gid: Option<Vec<u16>>,
        /// CID -> Unicode of the font's Adobe CJK character collection (little-endian u16
        /// per CID), for fonts that map nothing else.
        collection: Option<&'static [u8]>,
    },
}

/// CID -> Unicode of Adobe's CJK collections, made by `scripts/make-cid-unicode.py` from
/// Adobe's cid2code tables (BSD-3-Clause: `cid2uni/LICENSE`).
fn collection_table(ordering: &[u8]) -> Option<&'static [u8]> {
    match ordering {
        b"Japan1" => Some(include_bytes!("../cid2uni/Adobe-Japan1.bin")),
        b"GB1" => Some(include_bytes!("../cid2uni/Adobe-GB1.bin")),
        b"CNS1" => Some(include_bytes!("../cid2uni/Adobe-CNS1.bin")),
        b"Korea1" => Some(include_bytes!("../cid2uni/Adobe-Korea1.bin")),
        _ => None,
    }
}

pub(crate) struct Font {
    kind: Kind,
    /// Scale from font size to the text's visual size (Type3 FontMatrix; 1 otherwise).
    pub(crate) size_scale: f32,
    /// Width of the space glyph in text-space units per unit font size, 0 if unknown.
    pub(crate) space_width: f32,
    /// A dingbat font (Wingdings, ZapfDingbats…) whose unmapped codes are bullets and other
    /// symbols, not undecodable text.
    pub(crate) dingbats: bool,
    /// A Symbol font (SymbolMT…): its ToUnicode maps often give the private-use U+F0xx codes
    /// of the Symbol encoding, which are read through that encoding instead.
    symbol: bool,
}

/// Rewrites private-use U+F020..U+F0FF characters appended after `start` through the Symbol
/// encoding (Windows' symbol fonts put their glyphs there).
fn symbol_pua(out: &mut String, start: usize) {
    let Some(tail) = out.get(start..) else { return };
    if !tail.chars().any(|c| ('\u{F020}'..='\u{F0FF}').contains(&c)) {
        return;
    }
    let fixed: String = tail
        .chars()
        .map(|c| match u32::from(c).checked_sub(0xF000) {
            Some(code @ 0x20..=0xFF) => encodings::SYMBOL_ENCODING
                .get(code as usize)
                .and_then(|&u| char::from_u32(u32::from(u)))
                .filter(|&u| u != '\0')
                .unwrap_or(c),
            _ => c,
        })
        .collect();
    out.truncate(start);
    out.push_str(&fixed);
}

/// One decoded code.
pub(crate) struct Code {
    pub(crate) code: u32,
    pub(crate) len: u8,
}

pub(crate) fn strip_subset(base: &[u8]) -> &[u8] {
    if base.len() > 7
        && base.get(6) == Some(&b'+')
        && base.iter().take(6).all(|b| b.is_ascii_uppercase())
    {
        base.get(7..).unwrap_or(base)
    } else {
        base
    }
}

pub(crate) fn contains(h: &[u8], n: &[u8]) -> bool {
    h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

fn base_table(n: &[u8]) -> Option<&'static [u16; 256]> {
    match n {
        b"WinAnsiEncoding" => Some(&encodings::WIN_ANSI_ENCODING),
        b"MacRomanEncoding" => Some(&encodings::MAC_ROMAN_ENCODING),
        b"StandardEncoding" => Some(&encodings::STANDARD_ENCODING),
        b"PDFDocEncoding" => Some(&encodings::PDF_DOC_ENCODING),
        _ => None,
    }
}

impl Font {
    /// A font used when a `Tf` names a font that cannot be found: Latin-1 codes, Helvetica widths.
    pub(crate) fn fallback() -> Font {
        Self::simple_from(
            None,
            &Dictionary::new(),
            &Document::new(),
            0,
            &Budget::new(0),
        )
    }

    pub(crate) fn load(
        doc: &Document,
        dict: &Dictionary,
        max_stream: usize,
        budget: &Budget,
    ) -> Font {
        let subtype = dict_get(doc, dict, b"Subtype")
            .and_then(name)
            .unwrap_or(b"");
        if subtype == b"Type0" {
            Self::cid_from(doc, dict, max_stream, budget)
        } else {
            Self::simple_from(Some(subtype), dict, doc, max_stream, budget)
        }
    }

    fn to_unicode(
        doc: &Document,
        dict: &Dictionary,
        max_stream: usize,
        budget: &Budget,
    ) -> Option<CMap> {
        let tu = dict_get(doc, dict, b"ToUnicode")?;
        let data = stream_bytes(tu, max_stream.min(MAX_AUX_STREAM), budget)?;
        let m = CMap::parse(&data);
        (!m.is_empty()).then_some(m)
    }

    fn cid_from(doc: &Document, dict: &Dictionary, max_stream: usize, budget: &Budget) -> Font {
        let base = dict_get(doc, dict, b"BaseFont")
            .and_then(name)
            .unwrap_or(b"");
        let enc = match dict_get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => {
                if contains(n, b"UCS2") || contains(n, b"UTF16") {
                    CidEncoding::Ucs2
                } else {
                    CidEncoding::Identity
                }
            }
            Some(o @ Object::Stream(_)) => {
                match stream_bytes(o, max_stream.min(MAX_AUX_STREAM), budget) {
                    Some(data) => {
                        let m = CMap::parse(&data);
                        if m.has_codespace() {
                            CidEncoding::Embedded(m)
                        } else {
                            CidEncoding::Identity
                        }
                    }
                    None => CidEncoding::Identity,
                }
            }
            _ => CidEncoding::Identity,
        };
        let desc_font = dict_get(doc, dict, b"DescendantFonts")
            .and_then(|o| arr(doc, o))
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o).as_dict().ok());
        let (widths, dw) = desc_font.map_or((Vec::new(), 1.0), |df| cid_widths(doc, df));
        let to_unicode = Self::to_unicode(doc, dict, max_stream, budget);
        // Without a (complete) ToUnicode map, an embedded TrueType font's own cmap can still
        // tell which character each glyph draws.
        let mut gid_unicode = Vec::new();
        let mut cid_to_gid = None;
        if let Some(df) = desc_font {
            let ff2 = dict_get(doc, df, b"FontDescriptor")
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| dict_get(doc, d, b"FontFile2"));
            if let Some(data) = ff2.and_then(|o| stream_bytes(o, max_stream.min(16 << 20), budget))
            {
                gid_unicode = truetype_gid_unicode(&data).unwrap_or_default();
            }
            if !gid_unicode.is_empty() {
                if let Some(o @ Object::Stream(_)) = dict_get(doc, df, b"CIDToGIDMap") {
                    cid_to_gid = stream_bytes(o, max_stream.min(1 << 20), budget).map(|b| {
                        b.chunks_exact(2)
                            .map(|c| {
                                u16::from_be_bytes([
                                    c.first().copied().unwrap_or(0),
                                    c.get(1).copied().unwrap_or(0),
                                ])
                            })
                            .collect()
                    });
                }
            }
        }
        let collection = desc_font
            .and_then(|df| dict_get(doc, df, b"CIDSystemInfo"))
            .and_then(|o| o.as_dict().ok())
            .and_then(|si| match dict_get(doc, si, b"Ordering") {
                Some(Object::String(s, _)) => collection_table(s),
                _ => None,
            });
        let mut f = Font {
            kind: Kind::Cid {
                enc,
                widths,
                dw,
                to_unicode,
                gid_unicode,
                cid_to_gid,
                collection,
            },
            size_scale: 1.0,
            space_width: 0.0,
            dingbats: false,
            symbol: contains(strip_subset(base), b"symbol"),
        };
        f.space_width = f.guess_cid_space();
        f
    }

    fn guess_cid_space(&self) -> f32 {
        // Width of the code that maps to a space, if any (Identity: CID 3 is the usual space).
        if let Kind::Cid {
            to_unicode: Some(tu),
            ..
        } = &self.kind
        {
            let mut s = String::new();
            for code in [3u32, 32, 1] {
                s.clear();
                if tu.lookup(code, 2, &mut s) && s == " " {
                    return self.width(&Code { code, len: 2 });
                }
            }
        }
        0.0
    }

    /// Splits the next code off `bytes` (not empty).
    pub(crate) fn next_code(&self, bytes: &[u8]) -> Code {
        match &self.kind {
            Kind::Simple { .. } => Code {
                code: u32::from(bytes.first().copied().unwrap_or(0)),
                len: 1,
            },
            Kind::Cid {
                enc, to_unicode, ..
            } => {
                let (code, len) = match enc {
                    CidEncoding::Embedded(m) => m.next_code(bytes, 2),
                    _ => match to_unicode {
                        // A ToUnicode map with its own code space (one-byte codes) is trusted.
                        Some(tu) if tu.has_codespace() => {
                            let (c, l) = tu.next_code(bytes, 2);
                            if l == 2 || bytes.len() < 2 {
                                (c, l)
                            } else {
                                two(bytes)
                            }
                        }
                        _ => two(bytes),
                    },
                };
                Code { code, len }
            }
        }
    }

    /// Advance width of a code, in text-space units per unit of font size.
    pub(crate) fn width(&self, c: &Code) -> f32 {
        match &self.kind {
            Kind::Simple { widths, .. } => widths.get(c.code as usize).copied().unwrap_or(0.5),
            Kind::Cid {
                enc, widths, dw, ..
            } => {
                let cid = match enc {
                    CidEncoding::Embedded(m) => m.cid(c.code, c.len).unwrap_or(0),
                    _ => c.code,
                };
                let idx = widths.partition_point(|w| w.0 <= cid);
                match idx.checked_sub(1).and_then(|i| widths.get(i)) {
                    Some(&(lo, hi, w)) if cid >= lo && cid <= hi => w,
                    _ => *dw,
                }
            }
        }
    }

    /// Appends the code's Unicode text; false if the font gives no usable mapping.
    pub(crate) fn unicode(&self, c: &Code, out: &mut String) -> bool {
        match &self.kind {
            Kind::Simple { uni, arena, .. } => {
                let (s, e) = uni.get(c.code as usize).copied().unwrap_or((0, 0));
                match arena.get(s as usize..e as usize) {
                    Some(t) if !t.is_empty() => {
                        out.push_str(t);
                        true
                    }
                    _ => false,
                }
            }
            Kind::Cid {
                enc,
                to_unicode,
                gid_unicode,
                cid_to_gid,
                collection,
                ..
            } => {
                if let Some(tu) = to_unicode {
                    let start = out.len();
                    if tu.lookup(c.code, c.len, out) {
                        if self.symbol {
                            symbol_pua(out, start);
                        }
                        if out.get(start..).is_some_and(|s| {
                            !s.is_empty()
                                && !s.chars().all(|c| c.is_control() && !c.is_whitespace())
                        }) {
                            return true;
                        }
                        out.truncate(start);
                    }
                }
                if let CidEncoding::Ucs2 = enc {
                    if let Some(ch) = char::from_u32(c.code) {
                        out.push(ch);
                        return true;
                    }
                }
                if !gid_unicode.is_empty() {
                    let cid = match enc {
                        CidEncoding::Embedded(m) => m.cid(c.code, c.len).unwrap_or(0),
                        _ => c.code,
                    };
                    let gid = match cid_to_gid {
                        Some(map) => map.get(cid as usize).map_or(0, |g| u32::from(*g)),
                        None => cid,
                    };
                    if let Some(ch) = gid_unicode
                        .get(gid as usize)
                        .and_then(|&u| char::from_u32(u))
                    {
                        if u32::from(ch) != 0 {
                            out.push(ch);
                            return true;
                        }
                    }
                }
                if let Some(table) = collection {
                    let cid = match enc {
                        CidEncoding::Embedded(m) => m.cid(c.code, c.len).unwrap_or(0),
                        _ => c.code,
                    } as usize;
                    let u = table
                        .get(2 * cid..2 * cid + 2)
                        .and_then(|b| Some(u16::from_le_bytes([*b.first()?, *b.get(1)?])))
                        .unwrap_or(0);
                    if let Some(ch) = char::from_u32(u32::from(u)).filter(|_| u != 0) {
                        out.push(ch);
                        return true;
                    }
                }
                false
            }
        }
    }

    /// True if a code is the single-byte code 32 (word spacing applies).
    pub(crate) fn is_word_space(&self, c: &Code) -> bool {
        c.len == 1 && c.code == 32
    }
}

/// A CID font's widths from its `/W` array, as (first CID, last CID, width) sorted by first
/// CID, and its default width `/DW` (both in text-space units per unit of font size).
fn cid_widths(doc: &Document, df: &Dictionary) -> (Vec<(u32, u32, f32)>, f32) {
    let mut widths: Vec<(u32, u32, f32)> = Vec::new();
    let mut dw = 1.0f32;
    if let Some(d) = dict_get(doc, df, b"DW").and_then(num) {
        if d.is_finite() {
            dw = (d / 1000.0).clamp(-10.0, 10.0);
        }
    }
    if let Some(w) = dict_get(doc, df, b"W").and_then(|o| arr(doc, o)) {
        let mut i = 0usize;
        while i < w.len() && widths.len() < 200_000 {
            let a = w.get(i).map(|o| deref(doc, o));
            let b = w.get(i + 1).map(|o| deref(doc, o));
            let Some(first) = a.and_then(num) else { break };
            let first = first.max(0.0) as u32;
            match b {
                Some(Object::Array(list)) => {
                    for (k, o) in list.iter().enumerate().take(65_536) {
                        if let Some(v) = num(deref(doc, o)) {
                            let c = first.saturating_add(k as u32);
                            widths.push((c, c, (v / 1000.0).clamp(-10.0, 10.0)));
                        }
                    }
                    i += 2;
                }
                Some(o) => {
                    let last = num(o).unwrap_or(0.0).max(0.0) as u32;
                    let v = w
                        .get(i + 2)
                        .and_then(|o| num(deref(doc, o)))
                        .unwrap_or(dw * 1000.0);
                    if last >= first {
                        widths.push((first, last, (v / 1000.0).clamp(-10.0, 10.0)));
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }
    widths.sort_by_key(|w| w.0);
    (widths, dw)
}

fn two(bytes: &[u8]) -> (u32, u8) {
    match bytes {
        [a, b, ..] => ((u32::from(*a) << 8) | u32::from(*b), 2),
        [a] => (u32::from(*a), 1),
        [] => (0, 1),
    }
}
