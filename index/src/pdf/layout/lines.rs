//! Line assembly: glyphs into chunks (runs without a wide gap, a baseline jump or a ruling
//! between them), chunks into lines by baseline, a line's text with word spaces from the gaps
//! between glyphs, and words hyphenated at a line end joined.

use super::{text_of, Chunk, Line, Rules};
use crate::pdf::content::{Glyph, F_SPACE};

/// A gap wider than this fraction of the font size is a word break.
const WORD_GAP: f32 = 0.12;
/// A gap wider than this (times the font size) starts a new chunk within a line.
const CHUNK_GAP: f32 = 0.9;

pub(super) fn chunks_of(idx: &[usize], glyphs: &[Glyph], rules: &Rules) -> Vec<Chunk> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut cur: Option<Chunk> = None;
    let mut prev: Option<&Glyph> = None;
    for (k, &gi) in idx.iter().enumerate() {
        let Some(g) = glyphs.get(gi) else { continue };
        let is_space = g.flags & F_SPACE != 0;
        let brk = match prev {
            None => true,
            // Space glyphs never start a chunk (they are often only used to position text).
            Some(_) if is_space && cur.is_some() => false,
            Some(p) => {
                let size = p.size.max(g.size);
                let gap = g.x0 - p.x1;
                (g.y - p.y).abs() > 0.3 * size
                    || gap > CHUNK_GAP * size
                    || gap < -0.6 * size
                    || (gap > 0.0 && crosses_rule(p.x1, g.x0, g.y - 0.3 * g.size, rules))
            }
        };
        if brk {
            if let Some(c) = cur.take() {
                if c.x1 >= c.x0 {
                    chunks.push(c);
                }
            }
            cur = Some(Chunk {
                start: k,
                end: k,
                x0: f32::INFINITY,
                x1: f32::NEG_INFINITY,
                y: g.y,
                size: 0.0,
            });
        }
        if let Some(c) = cur.as_mut() {
            c.end = k + 1;
            if !is_space {
                c.x0 = c.x0.min(g.x0);
                c.x1 = c.x1.max(g.x1);
                if g.size > c.size {
                    c.size = g.size;
                    c.y = g.y;
                }
            }
        }
        if !is_space || prev.is_none() {
            prev = Some(g);
        }
    }
    if let Some(c) = cur {
        if c.x1 >= c.x0 {
            chunks.push(c);
        }
    }
    chunks
}

/// Whether a vertical ruling lies between x positions `a` and `b` at height `y`.
fn crosses_rule(a: f32, b: f32, y: f32, rules: &Rules) -> bool {
    rules
        .v
        .iter()
        .any(|v| v.0 >= a - 0.5 && v.0 <= b + 0.5 && v.1 - 2.0 <= y && y <= v.2 + 2.0)
}

pub(super) fn build_lines(chunks: &[Chunk], sel: &[usize]) -> Vec<Line> {
    let mut order: Vec<usize> = sel.to_vec();
    order.sort_by(|&a, &b| {
        let (ca, cb) = (chunks.get(a), chunks.get(b));
        let ya = ca.map_or(0.0, |c| c.y);
        let yb = cb.map_or(0.0, |c| c.y);
        ya.total_cmp(&yb).then_with(|| {
            ca.map_or(0.0, |c| c.x0)
                .total_cmp(&cb.map_or(0.0, |c| c.x0))
        })
    });
    let mut lines: Vec<Line> = Vec::new();
    let mut ref_y = 0.0f32;
    let mut ref_size = 0.0f32;
    for ci in order {
        let Some(c) = chunks.get(ci) else { continue };
        let join = match lines.last() {
            Some(_) => (c.y - ref_y).abs() <= 0.45 * c.size.max(ref_size),
            None => false,
        };
        if join {
            if let Some(l) = lines.last_mut() {
                l.chunks.push(ci);
                if c.size > ref_size {
                    ref_size = c.size;
                    l.y = c.y;
                }
            }
        } else {
            lines.push(Line {
                chunks: vec![ci],
                y: c.y,
            });
            ref_y = c.y;
            ref_size = c.size;
        }
    }
    for l in &mut lines {
        l.chunks.sort_by(|&a, &b| {
            chunks
                .get(a)
                .map_or(0.0, |c| c.x0)
                .total_cmp(&chunks.get(b).map_or(0.0, |c| c.x0))
        });
    }
    lines.sort_by(|a, b| a.y.total_cmp(&b.y));
    lines
}

fn push_space(s: &mut String) {
    if !s.is_empty() && !s.ends_with(' ') {
        s.push(' ');
    }
}

pub(super) fn line_text(
    line: &Line,
    chunks: &[Chunk],
    idx: &[usize],
    glyphs: &[Glyph],
    text: &str,
) -> String {
    let mut s = String::new();
    let mut prev_end: Option<(f32, f32)> = None; // (x1, size)
    for &ci in &line.chunks {
        let Some(c) = chunks.get(ci) else { continue };
        if let Some((px1, psize)) = prev_end {
            let gap = c.x0 - px1;
            let size = psize.max(c.size);
            if gap > WORD_GAP * size || gap < -0.3 * size {
                push_space(&mut s);
            }
        }
        let mut prev: Option<&Glyph> = None;
        let mut pending_space = false;
        for &gi in idx.get(c.start..c.end).unwrap_or(&[]) {
            let Some(g) = glyphs.get(gi) else { continue };
            if g.flags & F_SPACE != 0 {
                // A space glyph separates words unless the next glyph closes up to the
                // previous one (space characters used only to position text).
                pending_space = true;
                continue;
            }
            if let Some(p) = prev {
                let gap = g.x0 - p.x1;
                let size = p.size.max(g.size);
                if gap > WORD_GAP * size || (pending_space && gap > 0.05 * size) {
                    push_space(&mut s);
                }
            }
            pending_space = false;
            let t = text_of(text, g);
            if g.mark != '\0' {
                match t {
                    "\u{131}" => s.push('i'),
                    "\u{237}" => s.push('j'),
                    _ => s.push_str(t),
                }
                let mark = match (g.mark, t.chars().last()) {
                    // A comma accent under g k l n r is the Latvian cedilla.
                    (
                        '\u{326}',
                        Some('g' | 'k' | 'l' | 'n' | 'r' | 'G' | 'K' | 'L' | 'N' | 'R'),
                    ) => '\u{327}',
                    ('\u{312}', Some('g' | 'G')) => '\u{327}',
                    (m, _) => m,
                };
                s.push(mark);
            } else {
                s.push_str(t);
            }
            prev = Some(g);
        }
        prev_end = Some((c.x1, c.size));
    }
    let trimmed = s.trim_end().len();
    s.truncate(trimmed);
    if s.starts_with(' ') {
        s.remove(0);
    }
    s
}

/// Joins a word hyphenated at a line end with the rest of it on the next line, when the hyphen
/// is a soft hyphen or sits between lower-case letters; removes other soft hyphens.
pub(super) fn join_hyphens(lines: &mut [String]) {
    for i in 0..lines.len() {
        let (head, tail) = lines.split_at_mut(i + 1);
        let Some(cur) = head.last_mut() else { continue };
        let Some(next) = tail.first_mut() else {
            if cur.contains('\u{AD}') {
                *cur = cur.replace('\u{AD}', "");
            }
            continue;
        };
        let mut chars = cur.chars().rev();
        let last = chars.next();
        let before = chars.next();
        let soft = last == Some('\u{AD}');
        // "e-" + "pakalpojumi" keeps its hyphen: a one-letter prefix is a compound, not a break.
        let second = chars.next();
        let hard = matches!(last, Some('-' | '\u{2010}'))
            && before.is_some_and(|c| c.is_lowercase())
            && second.is_some_and(char::is_alphabetic)
            && next.chars().next().is_some_and(|c| c.is_lowercase());
        if soft || hard {
            let word_end = next.find(' ').unwrap_or(next.len());
            let word: String = next.get(..word_end).unwrap_or("").to_string();
            if !word.is_empty() {
                cur.pop();
                cur.push_str(&word);
                let rest = next.get(word_end..).unwrap_or("").trim_start().to_string();
                *next = rest;
            }
        }
        if cur.contains('\u{AD}') {
            *cur = cur.replace('\u{AD}', "");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphen_join() {
        let mut l = vec![
            "Šis ir doku-".to_string(),
            "ments par plānu".to_string(),
            "Rīga-".to_string(),
            "Jūrmala".to_string(),
        ];
        join_hyphens(&mut l);
        assert_eq!(l, vec!["Šis ir dokuments", "par plānu", "Rīga-", "Jūrmala"]);
        let mut l = vec!["izmantot e-".to_string(), "pakalpojumus".to_string()];
        join_hyphens(&mut l);
        assert_eq!(l, vec!["izmantot e-", "pakalpojumus"]);
        let mut l = vec!["pārval\u{AD}".to_string(), "des".to_string()];
        join_hyphens(&mut l);
        assert_eq!(l, vec!["pārvaldes", ""]);
    }
}
