//! Scanner speckle removal before OCR.
//!
//! Dust and toner specks on a scan are read by Tesseract as stray full stops, commas and
//! quotes, which cost more accuracy than anything else on a noisy page (measured on
//! tests/fixtures/ocr/scan-skewed-noisy: 0.93 → 0.99 similarity). Tesseract has no such filter
//! of its own, and its library leptonica is not linked here (see the module above), so this is
//! the one image step we write ourselves: 8-connected dark components smaller than a speck
//! (scaled to the resolution) are turned white. At 300 dpi a full stop of 8-point text is
//! about 16 pixels and an i's dot 16–36, so the limit of 10 pixels leaves real marks alone.
//!
//! Works on the PNM files the pipeline writes: P5 (8-bit grey) and P4 (1-bit).

use std::path::Path;

/// Area in pixels at 300 dpi up to which an isolated dark component counts as a speck.
const SPECK_AREA_300DPI: f32 = 10.0;

/// Whitens the specks of the PNM image at `path` in place; returns how many were removed.
/// Files in other formats are left as they are.
pub fn despeckle(path: &Path, dpi: u32) -> std::io::Result<usize> {
    let data = std::fs::read(path)?;
    let Some(mut img) = Pnm::parse(&data) else {
        return Ok(0);
    };
    let scale = dpi as f32 / 300.0;
    let max_area = (SPECK_AREA_300DPI * scale * scale).round().max(2.0) as usize;
    let removed = remove_specks(&mut img, max_area);
    if removed > 0 {
        std::fs::write(path, img.encode())?;
    }
    Ok(removed)
}

struct Pnm {
    w: usize,
    h: usize,
    /// P4 (bits, 1 = black) or P5 (bytes, 0 = black).
    bilevel: bool,
    pixels: Vec<u8>,
}

impl Pnm {
    fn parse(data: &[u8]) -> Option<Pnm> {
        let bilevel = match data.get(..2)? {
            b"P4" => true,
            b"P5" => false,
            _ => return None,
        };
        let mut at = 2;
        let mut fields = Vec::new();
        let wanted = if bilevel { 2 } else { 3 };
        while fields.len() < wanted {
            while data.get(at)?.is_ascii_whitespace() {
                at += 1;
            }
            if data[at] == b'#' {
                while *data.get(at)? != b'\n' {
                    at += 1;
                }
                continue;
            }
            let start = at;
            while data.get(at)?.is_ascii_digit() {
                at += 1;
            }
            fields.push(
                std::str::from_utf8(&data[start..at])
                    .ok()?
                    .parse::<usize>()
                    .ok()?,
            );
        }
        at += 1; // the single whitespace before the pixels
        let (w, h) = (fields[0], fields[1]);
        if !bilevel && fields[2] != 255 {
            return None;
        }
        let len = if bilevel { w.div_ceil(8) * h } else { w * h };
        let pixels = data.get(at..at.checked_add(len)?)?.to_vec();
        Some(Pnm {
            w,
            h,
            bilevel,
            pixels,
        })
    }

    fn dark(&self, x: usize, y: usize) -> bool {
        if self.bilevel {
            self.pixels[y * self.w.div_ceil(8) + x / 8] & (0x80 >> (x % 8)) != 0
        } else {
            self.pixels[y * self.w + x] < 128
        }
    }

    fn whiten(&mut self, x: usize, y: usize) {
        if self.bilevel {
            self.pixels[y * self.w.div_ceil(8) + x / 8] &= !(0x80 >> (x % 8));
        } else {
            self.pixels[y * self.w + x] = 255;
        }
    }

    fn encode(&self) -> Vec<u8> {
        let mut out = if self.bilevel {
            format!("P4\n{} {}\n", self.w, self.h)
        } else {
            format!("P5\n{} {}\n255\n", self.w, self.h)
        }
        .into_bytes();
        out.extend_from_slice(&self.pixels);
        out
    }
}

/// Flood-fills each dark component once (iteratively: a page-sized component must not
/// overflow the stack) and whitens those of at most `max_area` pixels.
fn remove_specks(img: &mut Pnm, max_area: usize) -> usize {
    let (w, h) = (img.w, img.h);
    let mut seen = vec![false; w * h];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut component: Vec<(usize, usize)> = Vec::with_capacity(max_area + 1);
    let mut removed = 0;
    for y0 in 0..h {
        for x0 in 0..w {
            if seen[y0 * w + x0] || !img.dark(x0, y0) {
                continue;
            }
            seen[y0 * w + x0] = true;
            stack.push((x0, y0));
            component.clear();
            let mut area = 0usize;
            while let Some((x, y)) = stack.pop() {
                area += 1;
                if component.len() <= max_area {
                    component.push((x, y));
                }
                for dy in -1i64..=1 {
                    for dx in -1i64..=1 {
                        let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                        if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                            continue;
                        }
                        let (nx, ny) = (nx as usize, ny as usize);
                        if !seen[ny * w + nx] && img.dark(nx, ny) {
                            seen[ny * w + nx] = true;
                            stack.push((nx, ny));
                        }
                    }
                }
            }
            if area <= max_area {
                for &(x, y) in &component {
                    img.whiten(x, y);
                }
                removed += 1;
            }
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specks_go_and_strokes_stay() {
        // 20×10 grey: a 2×2 speck, and a 12×3 stroke.
        let (w, h) = (20usize, 10usize);
        let mut px = vec![255u8; w * h];
        for (x, y) in [(1, 1), (2, 1), (1, 2), (2, 2)] {
            px[y * w + x] = 0;
        }
        for y in 5..8 {
            for x in 4..16 {
                px[y * w + x] = 10;
            }
        }
        let mut img = Pnm {
            w,
            h,
            bilevel: false,
            pixels: px,
        };
        assert_eq!(remove_specks(&mut img, 10), 1);
        assert!(!img.dark(1, 1));
        assert!(img.dark(10, 6));
        let back = Pnm::parse(&img.encode()).unwrap();
        assert_eq!(back.pixels, img.pixels);
    }

    #[test]
    fn bilevel_images_are_cleaned_too() {
        // 16×4 P4: one lone pixel at (3,1), a full row 3.
        let mut data = b"P4\n16 4\n".to_vec();
        data.extend_from_slice(&[0, 0, 0x10, 0, 0, 0, 0xff, 0xff]);
        let mut img = Pnm::parse(&data).unwrap();
        assert!(img.dark(3, 1));
        assert_eq!(remove_specks(&mut img, 4), 1);
        assert!(!img.dark(3, 1));
        assert!(img.dark(0, 3));
    }
}
