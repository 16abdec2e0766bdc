//! A scanned page's own image, taken straight from the PDF so that Tesseract reads the scan at
//! its native resolution without a render pass.
//!
//! Only the plain case is taken: a page whose resources hold exactly one image, filling the
//! page (same aspect ratio), with no page rotation. JPEG (DCTDecode) bytes are passed through
//! untouched (leptonica decodes them); CCITT Group 4 data is wrapped in a TIFF header
//! (leptonica reads G4 TIFF); Flate-compressed grey, RGB or 1-bit pixels are written as PNM.
//! Everything else (JBIG2, JPEG 2000, indexed colour, masks, several images) is rendered by
//! pdftoppm instead. The TIFF and PNM headers are written by hand: each is a few fixed fields,
//! and an image crate would decode and re-encode pixels we only need to pass along.

use std::path::{Path, PathBuf};

use lopdf::{Dictionary, Object};

use crate::pdf::{arr, deref, dict_get, inherited, name, num, rect};

/// Largest decoded image taken from a PDF (bytes); larger pages are rendered instead.
const MAX_IMAGE_BYTES: usize = 96 << 20;

pub struct Embedded {
    pub path: PathBuf,
    /// The scan's resolution, from its pixel width and the page's width.
    pub dpi: u32,
}

/// Writes page `page`'s (1-based) scan image into `work`, if the page is one plain scan image.
pub fn embedded_scan(doc: &lopdf::Document, page: u32, work: &Path) -> Option<Embedded> {
    let mut seen = std::collections::HashSet::new();
    let id = doc
        .page_iter()
        .filter(|id| seen.insert(*id))
        .nth(page.checked_sub(1)? as usize)?;
    let dict = doc.get_dictionary(id).ok()?;
    if let Some(r) = inherited(doc, dict, b"Rotate").and_then(num) {
        if (r as i64).rem_euclid(360) != 0 {
            return None;
        }
    }
    let bbox = inherited(doc, dict, b"CropBox")
        .and_then(|o| rect(doc, o))
        .or_else(|| inherited(doc, dict, b"MediaBox").and_then(|o| rect(doc, o)))?;
    let resources = inherited(doc, dict, b"Resources")?.as_dict().ok()?;
    let xobjects = dict_get(doc, resources, b"XObject")?.as_dict().ok()?;
    let mut images = xobjects.iter().filter_map(|(_, o)| match deref(doc, o) {
        Object::Stream(s) if is_image(doc, &s.dict) => Some(s),
        _ => None,
    });
    let stream = images.next()?;
    if images.next().is_some() {
        return None;
    }
    let d = &stream.dict;
    let w = dict_get(doc, d, b"Width").and_then(num)? as u32;
    let h = dict_get(doc, d, b"Height").and_then(num)? as u32;
    let (page_w, page_h) = (bbox[2] - bbox[0], bbox[3] - bbox[1]);
    if w < 300 || h < 300 || w > 20_000 || h > 20_000 {
        return None;
    }
    let aspect = (w as f32 / h as f32) / (page_w / page_h);
    if !(0.97..=1.03).contains(&aspect) {
        return None;
    }
    let dpi = ((w as f32) * 72.0 / page_w).round().clamp(50.0, 1200.0) as u32;
    let filters = filter_names(doc, d);
    let bpc = dict_get(doc, d, b"BitsPerComponent")
        .and_then(num)
        .unwrap_or(8.0) as u32;
    let decode_inverted = dict_get(doc, d, b"Decode")
        .and_then(|o| arr(doc, o))
        .and_then(|a| a.first().and_then(num))
        .is_some_and(|first| first > 0.5);
    let components = components(doc, d)?;
    match filters.as_slice() {
        [f] if f == b"DCTDecode" => {
            if decode_inverted {
                return None;
            }
            let path = work.join("scan.jpg");
            std::fs::write(&path, &stream.content).ok()?;
            Some(Embedded { path, dpi })
        }
        [f] if f == b"CCITTFaxDecode" => {
            let parms = dict_get(doc, d, b"DecodeParms").and_then(|o| match o {
                Object::Dictionary(p) => Some(p),
                Object::Array(a) => a.first().and_then(|x| deref(doc, x).as_dict().ok()),
                _ => None,
            });
            let get = |k: &[u8]| parms.and_then(|p| dict_get(doc, p, k));
            let k = get(b"K").and_then(num).unwrap_or(0.0);
            let black_is_1 = matches!(get(b"BlackIs1"), Some(Object::Boolean(true)));
            let columns = get(b"Columns").and_then(num).unwrap_or(1728.0) as u32;
            if k >= 0.0 || columns != w || get(b"EncodedByteAlign").is_some() {
                return None; // Group 3 variants: rendered instead
            }
            let path = work.join("scan.tif");
            let tiff = g4_tiff(w, h, dpi, black_is_1 != decode_inverted, &stream.content);
            std::fs::write(&path, tiff).ok()?;
            Some(Embedded { path, dpi })
        }
        [f] if f == b"FlateDecode" => {
            let pixels = stream
                .decompressed_content_with_limit(MAX_IMAGE_BYTES)
                .ok()?;
            let (header, body) = match (components, bpc) {
                (1, 8) if !decode_inverted => (format!("P5\n{w} {h}\n255\n"), pixels),
                (1, 2 | 4) if !decode_inverted => (
                    format!("P5\n{w} {h}\n255\n"),
                    expand_grey(&pixels, w, h, bpc)?,
                ),
                (3, 8) if !decode_inverted => (format!("P6\n{w} {h}\n255\n"), pixels),
                (1, 1) => {
                    // PDF grey: 0 is black; PBM: 1 is black. A Decode of [1 0] flips it back.
                    let body = if decode_inverted {
                        pixels
                    } else {
                        pixels.iter().map(|b| !b).collect()
                    };
                    (format!("P4\n{w} {h}\n"), body)
                }
                _ => return None,
            };
            let row = match (components, bpc) {
                (_, 1) => (w as usize).div_ceil(8),
                (c, _) => w as usize * c as usize, // 2 and 4 bits are expanded to 8 by now
            };
            if body.len() < row * h as usize {
                return None;
            }
            let path = work.join("scan.pnm");
            let mut out = header.into_bytes();
            out.extend_from_slice(&body[..row * h as usize]);
            std::fs::write(&path, out).ok()?;
            Some(Embedded { path, dpi })
        }
        _ => None,
    }
}

/// 2- or 4-bit grey rows (each padded to a byte) as 8-bit grey.
fn expand_grey(packed: &[u8], w: u32, h: u32, bpc: u32) -> Option<Vec<u8>> {
    let (w, h) = (w as usize, h as usize);
    let row_bytes = (w * bpc as usize).div_ceil(8);
    if packed.len() < row_bytes * h {
        return None;
    }
    let per_byte = 8 / bpc as usize;
    let max = (1u32 << bpc) - 1;
    let mut out = Vec::with_capacity(w * h);
    for row in packed.chunks(row_bytes).take(h) {
        for x in 0..w {
            let byte = row[x / per_byte];
            let shift = 8 - bpc as usize * (x % per_byte + 1);
            let v = (u32::from(byte) >> shift) & max;
            out.push((v * 255 / max) as u8);
        }
    }
    Some(out)
}

fn is_image(doc: &lopdf::Document, d: &Dictionary) -> bool {
    dict_get(doc, d, b"Subtype").and_then(name) == Some(b"Image".as_slice())
        && !matches!(dict_get(doc, d, b"ImageMask"), Some(Object::Boolean(true)))
        && dict_get(doc, d, b"SMask").is_none()
        && dict_get(doc, d, b"Mask").is_none()
}

fn filter_names(doc: &lopdf::Document, d: &Dictionary) -> Vec<Vec<u8>> {
    match dict_get(doc, d, b"Filter") {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| name(deref(doc, o)).map(|n| n.to_vec()))
            .collect(),
        _ => Vec::new(),
    }
}

/// Colour components of a grey or RGB image (DeviceGray/RGB, or ICCBased with N 1 or 3).
fn components(doc: &lopdf::Document, d: &Dictionary) -> Option<u32> {
    match dict_get(doc, d, b"ColorSpace") {
        None => Some(1), // CCITT and image masks have none
        Some(Object::Name(n)) if n == b"DeviceGray" || n == b"CalGray" => Some(1),
        Some(Object::Name(n)) if n == b"DeviceRGB" || n == b"CalRGB" => Some(3),
        Some(o) => {
            let a = arr(doc, o)?;
            match name(deref(doc, a.first()?))? {
                b"ICCBased" => {
                    let Object::Stream(s) = deref(doc, a.get(1)?) else {
                        return None;
                    };
                    match dict_get(doc, &s.dict, b"N").and_then(num)? as u32 {
                        n @ (1 | 3) => Some(n),
                        _ => None,
                    }
                }
                b"CalGray" => Some(1),
                b"CalRGB" => Some(3),
                _ => None,
            }
        }
    }
}

/// A little-endian baseline TIFF holding one strip of CCITT Group 4 data as it came from the
/// PDF. `black_is_zero` selects the photometric interpretation matching the PDF's BlackIs1.
fn g4_tiff(w: u32, h: u32, dpi: u32, black_is_zero: bool, data: &[u8]) -> Vec<u8> {
    const ENTRIES: u16 = 12;
    let ifd_len = 2 + ENTRIES as u32 * 12 + 4;
    let res_at = 8 + ifd_len; // two RATIONALs (x, y resolution)
    let data_at = res_at + 16;
    let mut t: Vec<u8> = Vec::with_capacity(data_at as usize + data.len());
    t.extend_from_slice(b"II*\0");
    t.extend_from_slice(&8u32.to_le_bytes());
    t.extend_from_slice(&ENTRIES.to_le_bytes());
    let mut entry = |tag: u16, typ: u16, value: u32| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&typ.to_le_bytes());
        t.extend_from_slice(&1u32.to_le_bytes());
        if typ == 3 {
            t.extend_from_slice(&(value as u16).to_le_bytes());
            t.extend_from_slice(&[0, 0]);
        } else {
            t.extend_from_slice(&value.to_le_bytes());
        }
    };
    // Tags in ascending order, as TIFF requires. Types: 3 SHORT, 4 LONG, 5 RATIONAL.
    entry(256, 4, w); // ImageWidth
    entry(257, 4, h); // ImageLength
    entry(258, 3, 1); // BitsPerSample
    entry(259, 3, 4); // Compression: CCITT T.6 (Group 4)
    entry(262, 3, u32::from(black_is_zero)); // Photometric: 0 WhiteIsZero, 1 BlackIsZero
    entry(273, 4, data_at); // StripOffsets
    entry(277, 3, 1); // SamplesPerPixel
    entry(278, 4, h); // RowsPerStrip
    entry(279, 4, data.len() as u32); // StripByteCounts
    entry(282, 5, res_at); // XResolution
    entry(283, 5, res_at + 8); // YResolution
    entry(296, 3, 2); // ResolutionUnit: inch
    t.extend_from_slice(&0u32.to_le_bytes()); // no next IFD
    for _ in 0..2 {
        t.extend_from_slice(&dpi.to_le_bytes());
        t.extend_from_slice(&1u32.to_le_bytes());
    }
    t.extend_from_slice(data);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_bit_grey_becomes_eight_bit() {
        // 3 pixels of 4 bits in a row padded to 2 bytes: 0x0, 0xf, 0x8.
        let v = expand_grey(&[0x0f, 0x80, 0xf0, 0x00], 3, 2, 4).unwrap();
        assert_eq!(v, vec![0, 255, 136, 255, 0, 0]);
    }

    #[test]
    fn tiff_header_points_at_the_data() {
        let t = g4_tiff(100, 50, 300, false, b"DATA");
        assert_eq!(&t[..4], b"II*\0");
        let data_at = t.len() - 4;
        assert_eq!(&t[data_at..], b"DATA");
        // StripOffsets is the 6th entry: 8 (header) + 2 (count) + 5 * 12, value at +8.
        let at = 8 + 2 + 5 * 12 + 8;
        let off = u32::from_le_bytes([t[at], t[at + 1], t[at + 2], t[at + 3]]);
        assert_eq!(off as usize, data_at);
    }
}
