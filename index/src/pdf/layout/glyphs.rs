//! Glyph clean-up before layout: overprinted duplicates (fake bold, shadows) are marked dead,
//! and accents drawn as glyphs of their own are attached to their base letters as combining
//! marks.

use super::{live, text_of};
use crate::pdf::content::{Glyph, F_DEAD, F_SPACE};

/// Combining mark for a spacing or combining accent character.
fn accent_mark(c: char) -> Option<char> {
    Some(match c {
        '\u{B4}' | '\u{2CA}' => '\u{301}',
        '\u{2CB}' => '\u{300}',
        '\u{A8}' => '\u{308}',
        '\u{AF}' | '\u{2C9}' => '\u{304}',
        '\u{B8}' => '\u{327}',
        '\u{2C6}' => '\u{302}',
        '\u{2C7}' => '\u{30C}',
        '\u{2D8}' => '\u{306}',
        '\u{2D9}' => '\u{307}',
        '\u{2DA}' => '\u{30A}',
        '\u{2DB}' => '\u{328}',
        '\u{2DC}' => '\u{303}',
        '\u{2DD}' => '\u{30B}',
        '\u{300}'..='\u{36F}' => c,
        _ => return None,
    })
}

fn single_char(s: &str) -> Option<char> {
    let mut it = s.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

/// Marks overprinted duplicates (fake bold, shadows) dead and attaches accents.
pub(super) fn preprocess(glyphs: &mut [Glyph], text: &str) {
    mark_duplicates(glyphs, text);
    attach_accents(glyphs, text);
}

/// Marks a glyph dead when one of the few glyphs before it shows the same text at the same
/// place (a producer's fake bold or shadow).
fn mark_duplicates(glyphs: &mut [Glyph], text: &str) {
    let n = glyphs.len();
    for i in 0..n {
        let Some(g) = glyphs.get(i).copied() else {
            continue;
        };
        if g.t0 == g.t1 || g.flags & F_SPACE != 0 {
            continue;
        }
        let gt = text_of(text, &g);
        let tol = 0.12 * g.size;
        let dup = (i.saturating_sub(8)..i).rev().any(|j| {
            glyphs.get(j).is_some_and(|p| {
                live(p)
                    && p.rot == g.rot
                    && (p.x0 - g.x0).abs() < tol
                    && (p.y - g.y).abs() < tol
                    && text_of(text, p) == gt
            })
        });
        if dup {
            if let Some(gm) = glyphs.get_mut(i) {
                gm.flags |= F_DEAD;
            }
        }
    }
}

/// Attaches an accent glyph (spacing or combining, TeX's comma accents) to the nearest base
/// letter under or over it, and marks the accent dead.
fn attach_accents(glyphs: &mut [Glyph], text: &str) {
    let n = glyphs.len();
    for i in 0..n {
        let Some(g) = glyphs.get(i).copied() else {
            continue;
        };
        if !live(&g) {
            continue;
        }
        let Some(ch) = single_char(text_of(text, &g)) else {
            continue;
        };
        // TeX's comma accents: a comma set under a letter (ķ ļ ņ) or a turned comma over g
        // (ģ), in a smaller size or off the baseline.
        let comma = matches!(ch, ',' | '\u{2018}' | '`');
        let mark = match ch {
            ',' => Some('\u{326}'),
            '\u{2018}' | '`' => Some('\u{312}'),
            _ => accent_mark(ch),
        };
        let Some(mark) = mark else {
            continue;
        };
        let combining = ('\u{300}'..='\u{36F}').contains(&ch);
        let cx = (g.x0 + g.x1) * 0.5;
        let mut best: Option<(usize, f32)> = None;
        let lo = i.saturating_sub(3);
        let hi = (i + 4).min(n);
        for j in lo..hi {
            if j == i {
                continue;
            }
            let Some(b) = glyphs.get(j) else { continue };
            if !live(b) || b.rot != g.rot || b.mark != '\0' {
                continue;
            }
            let Some(last) = text_of(text, b).chars().last() else {
                continue;
            };
            if !last.is_alphabetic() {
                continue;
            }
            let size = b.size.max(g.size);
            if (b.y - g.y).abs() > 0.7 * size {
                continue;
            }
            let tol = 0.08 * b.size;
            if cx < b.x0 - tol || cx > b.x1 + tol {
                continue;
            }
            if comma {
                let inner = 0.15 * (b.x1 - b.x0);
                let off = (g.y - b.y).abs() > 0.05 * b.size;
                if cx < b.x0 + inner || cx > b.x1 - inner || !(g.size < 0.85 * b.size || off) {
                    continue;
                }
            }
            let mut d = (cx - (b.x0 + b.x1) * 0.5).abs();
            if combining && j < i {
                d -= 1000.0; // a combining mark follows its base
            }
            if best.is_none_or(|(_, bd)| d < bd) {
                best = Some((j, d));
            }
        }
        if let Some((j, _)) = best {
            if let Some(b) = glyphs.get_mut(j) {
                b.mark = mark;
            }
            if let Some(a) = glyphs.get_mut(i) {
                a.flags |= F_DEAD;
            }
        }
    }
}
