//! Embedded font programs, read for text when the PDF font dictionary does not say which
//! character each code draws: the built-in encoding of a Type 1 program (its clear-text
//! `/Encoding` array), the built-in encoding and charset of a bare CFF program (FontFile3), and
//! a TrueType program's `cmap` subtables and `post` glyph names. TrueType and CFF are parsed
//! with `ttf-parser`; the Type 1 clear text is a few PostScript words, read here directly.
//!
//! Every function answers with glyph names per code, so that the caller resolves them like
//! `/Differences` names (the glyph list, `uniXXXX`): a TrueType glyph whose Unicode value is
//! known gets the name `uniXXXX` / `uXXXXXX`.

use ttf_parser::{cmap, GlyphId, PlatformId, RawFace, Tag};

/// Most glyph ids mapped from an embedded TrueType font.
const MAX_GIDS: usize = 65_536;
/// Most code points read from one `cmap` subtable.
const MAX_CODEPOINTS: usize = 200_000;

/// Parses the `/Encoding` array of a Type1 font program's clear-text part
/// (`dup 65 /A put` …). Returns None for `StandardEncoding` or when absent.
pub(crate) fn type1_builtin(data: &[u8]) -> Option<Vec<(u8, Vec<u8>)>> {
    let head = data.get(..data.len().min(64 * 1024))?;
    let pos = head.windows(9).position(|w| w == b"/Encoding")?;
    let rest = head.get(pos + 9..)?;
    let mut words = rest
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .take(20_000)
        .peekable();
    if words.peek().is_some_and(|w| *w == b"StandardEncoding") {
        return None;
    }
    let mut out = Vec::new();
    let mut prev: [&[u8]; 3] = [&[], &[], &[]];
    for w in words {
        let end = w == b"readonly" || w == b"def" || w == b"eexec" || w.ends_with(b"eexec");
        if end && (!out.is_empty() || w != b"def") {
            break;
        }
        if w == b"put" && prev[0] == b"dup" {
            if let (Some(code), Some(n)) = (
                std::str::from_utf8(prev[1])
                    .ok()
                    .and_then(|s| s.parse::<u8>().ok()),
                prev[2].strip_prefix(b"/"),
            ) {
                out.push((code, n.to_vec()));
            }
        }
        prev = [prev[1], prev[2], w];
    }
    (!out.is_empty()).then_some(out)
}

/// The glyph name of every code of a bare CFF font (FontFile3 /Type1C) through its built-in
/// encoding and charset.
pub(crate) fn cff_builtin(data: &[u8]) -> Option<Vec<(u8, Vec<u8>)>> {
    let cff = ttf_parser::cff::Table::parse(data)?;
    let out: Vec<(u8, Vec<u8>)> = (0..=255u8)
        .filter_map(|code| {
            let gid = cff.glyph_index(code).filter(|g| g.0 != 0)?;
            let name = cff.glyph_name(gid).filter(|n| *n != ".notdef")?;
            Some((code, name.as_bytes().to_vec()))
        })
        .collect();
    (!out.is_empty()).then_some(out)
}

/// Unicode by glyph id, from a TrueType font's Unicode `cmap` subtables (Windows UCS-4 and
/// Unicode platform first, then Windows BMP). Where several characters use one glyph, the
/// first (lowest) wins; private-use characters (symbol fonts' U+F0xx) are left out.
pub(crate) fn truetype_gid_unicode(data: &[u8]) -> Option<Vec<u32>> {
    let table = cmap_table(data)?;
    let rank = |s: &cmap::Subtable| match (s.platform_id, s.encoding_id) {
        (PlatformId::Windows, 10) | (PlatformId::Unicode, 4 | 6) => 3,
        (PlatformId::Windows, 1) | (PlatformId::Unicode, _) => 2,
        _ => 0,
    };
    let best = table
        .subtables
        .into_iter()
        .filter(|s| rank(s) > 0)
        .max_by_key(|s| rank(s))?;
    let mut map: Vec<u32> = Vec::new();
    let mut left = MAX_CODEPOINTS;
    best.codepoints(|c| {
        if left == 0 || (0xE000..0xF900).contains(&c) {
            return;
        }
        left -= 1;
        let Some(g) = best.glyph_index(c).map(|g| usize::from(g.0)) else {
            return;
        };
        if g == 0 || g >= MAX_GIDS {
            return;
        }
        if map.len() <= g {
            map.resize(g + 1, 0);
        }
        if let Some(slot) = map.get_mut(g) {
            if *slot == 0 || c < *slot {
                *slot = c;
            }
        }
    });
    map.iter().any(|&u| u != 0).then_some(map)
}

/// Glyph names by code for a simple TrueType font used without a usable encoding (symbolic
/// fonts): the code reaches a glyph through the (3,0) subtable (at U+F000 + code, or the code
/// itself) or the (1,0) Macintosh subtable, as PDF 32000 9.6.6.4 describes; the glyph's text
/// then comes from the font's Unicode `cmap` (as `uniXXXX`) or its `post` name.
pub(crate) fn truetype_simple(data: &[u8]) -> Option<Vec<(u8, Vec<u8>)>> {
    let table = cmap_table(data)?;
    let find = |p: PlatformId, e: u16| {
        table
            .subtables
            .into_iter()
            .find(|s| s.platform_id == p && s.encoding_id == e)
    };
    let (sym, mac) = (find(PlatformId::Windows, 0), find(PlatformId::Macintosh, 0));
    if sym.is_none() && mac.is_none() {
        return None;
    }
    let unicode = truetype_gid_unicode(data).unwrap_or_default();
    let raw = RawFace::parse(data, 0).ok()?;
    let post = raw
        .table(Tag::from_bytes(b"post"))
        .and_then(ttf_parser::post::Table::parse);
    let mut out = Vec::new();
    for code in 0..=255u8 {
        let c = u32::from(code);
        let gid = sym
            .and_then(|s| {
                [0xF000 + c, c, 0xF100 + c, 0xF200 + c]
                    .into_iter()
                    .find_map(|x| s.glyph_index(x))
            })
            .or_else(|| mac.and_then(|s| s.glyph_index(c)))
            .filter(|g| g.0 != 0);
        let Some(gid) = gid else { continue };
        let name = match unicode.get(usize::from(gid.0)).copied().filter(|&u| u != 0) {
            Some(u) if u <= 0xFFFF => format!("uni{u:04X}").into_bytes(),
            Some(u) => format!("u{u:X}").into_bytes(),
            None => match post.as_ref().and_then(|p| p.glyph_name(GlyphId(gid.0))) {
                Some(n) if n != ".notdef" => n.as_bytes().to_vec(),
                _ => continue,
            },
        };
        out.push((code, name));
    }
    (!out.is_empty()).then_some(out)
}

fn cmap_table(data: &[u8]) -> Option<cmap::Table<'_>> {
    let raw = RawFace::parse(data, 0).ok()?;
    cmap::Table::parse(raw.table(Tag::from_bytes(b"cmap"))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_type1_encoding() {
        let prog = b"%!PS-AdobeFont-1.0: CMR10\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 65 /A put\ndup 22 /macron put\nreadonly def\ncurrentfile eexec\x80\x81";
        let e = type1_builtin(prog).unwrap_or_default();
        assert_eq!(e, vec![(65, b"A".to_vec()), (22, b"macron".to_vec())]);
        assert!(type1_builtin(b"/Encoding StandardEncoding def").is_none());
    }

    #[test]
    fn bad_font_programs_give_nothing() {
        for junk in [
            &b""[..],
            b"\0\x01\0\0\0\x10garbage",
            b"OTTO\0\0\0\0",
            &[0xFF; 300],
        ] {
            assert!(cff_builtin(junk).is_none());
            assert!(truetype_gid_unicode(junk).is_none());
            assert!(truetype_simple(junk).is_none());
        }
    }
}
