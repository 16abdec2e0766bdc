//! Layout: glyphs -> text. Drops overprinted duplicates, attaches accents drawn as separate
//! glyphs to their base letters, groups glyphs into chunks and lines by baseline, inserts
//! spaces at gaps, reads two-column pages column by column, and joins words hyphenated at a
//! line end.

use super::content::{Glyph, PageOut, F_DEAD, F_SPACE};

/// A gap wider than this fraction of the font size is a word break.
const WORD_GAP: f32 = 0.12;
/// A gap wider than this (times the font size) starts a new chunk within a line.
const CHUNK_GAP: f32 = 0.9;

#[derive(Clone, Copy, Debug)]
struct Chunk {
    /// Range into the rotation group's glyph index list.
    start: usize,
    end: usize,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
}

struct Line {
    chunks: Vec<usize>,
    y: f32,
}

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

fn text_of<'t>(text: &'t str, g: &Glyph) -> &'t str {
    text.get(g.t0 as usize..g.t1 as usize).unwrap_or("")
}

fn live(g: &Glyph) -> bool {
    g.flags & F_DEAD == 0
}

/// Marks overprinted duplicates (fake bold, shadows) dead and attaches accents.
fn preprocess(glyphs: &mut [Glyph], text: &str) {
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
    for i in 0..n {
        let Some(g) = glyphs.get(i).copied() else {
            continue;
        };
        if !live(&g) {
            continue;
        }
        let Some(mark) = single_char(text_of(text, &g)).and_then(accent_mark) else {
            continue;
        };
        let combining =
            ('\u{300}'..='\u{36F}').contains(&single_char(text_of(text, &g)).unwrap_or(' '));
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

fn chunks_of(idx: &[usize], glyphs: &[Glyph]) -> Vec<Chunk> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut cur: Option<Chunk> = None;
    let mut prev: Option<&Glyph> = None;
    for (k, &gi) in idx.iter().enumerate() {
        let Some(g) = glyphs.get(gi) else { continue };
        let is_space = g.flags & F_SPACE != 0;
        let brk = match prev {
            None => true,
            Some(p) => {
                let size = p.size.max(g.size);
                let gap = g.x0 - p.x1;
                (g.y - p.y).abs() > 0.3 * size || gap > CHUNK_GAP * size || gap < -0.6 * size
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
        prev = Some(g);
    }
    if let Some(c) = cur {
        if c.x1 >= c.x0 {
            chunks.push(c);
        }
    }
    chunks
}

fn build_lines(chunks: &[Chunk], sel: &[usize]) -> Vec<Line> {
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

/// Finds a column gutter: an x range in the middle of the text that almost no chunk crosses,
/// with text filling both sides. Returns the gutter's centre.
fn find_gutter(chunks: &[Chunk]) -> Option<f32> {
    if chunks.len() < 8 {
        return None;
    }
    let x0 = chunks.iter().map(|c| c.x0).fold(f32::INFINITY, f32::min);
    let x1 = chunks
        .iter()
        .map(|c| c.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    let w = x1 - x0;
    if !w.is_finite() || w < 100.0 {
        return None;
    }
    let nb = (w.ceil() as usize).clamp(1, 2000);
    let res = w / nb as f32;
    let bin = |x: f32| (((x - x0) / res).max(0.0) as usize).min(nb);
    let mut diff = vec![0i32; nb + 2];
    for c in chunks {
        let (a, b) = (bin(c.x0), bin(c.x1));
        if let Some(d) = diff.get_mut(a) {
            *d += 1;
        }
        if let Some(d) = diff.get_mut(b + 1) {
            *d -= 1;
        }
    }
    let allowed = (chunks.len() / 25).max(1) as i32;
    let mut sizes: Vec<f32> = chunks.iter().map(|c| c.size).collect();
    sizes.sort_by(f32::total_cmp);
    let med = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0);
    let lo = bin(x0 + 0.15 * w);
    let hi = bin(x1 - 0.15 * w);
    let mut cov = 0i32;
    let mut best: Option<(usize, usize)> = None;
    let mut run_start: Option<usize> = None;
    for (i, d) in diff.iter().enumerate().take(nb + 1) {
        cov += d;
        let low = cov <= allowed && i >= lo && i <= hi;
        match (low, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                if best.is_none_or(|(bs, be)| i - s > be - bs) {
                    best = Some((s, i));
                }
                run_start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = run_start {
        if best.is_none_or(|(bs, be)| nb + 1 - s > be - bs) {
            best = Some((s, nb + 1));
        }
    }
    let (s, e) = best?;
    let gw = (e - s) as f32 * res;
    if gw < (0.5 * med).max(4.0) {
        return None;
    }
    let gs = x0 + s as f32 * res;
    let ge = x0 + e as f32 * res;
    let mid = (gs + ge) * 0.5;
    let left: Vec<&Chunk> = chunks.iter().filter(|c| c.x1 <= mid).collect();
    let right: Vec<&Chunk> = chunks.iter().filter(|c| c.x0 >= mid).collect();
    if left.len() < 4 || right.len() < 4 {
        return None;
    }
    // Both columns must run alongside each other.
    let span = |v: &[&Chunk]| {
        let a = v.iter().map(|c| c.y).fold(f32::INFINITY, f32::min);
        let b = v.iter().map(|c| c.y).fold(f32::NEG_INFINITY, f32::max);
        (a, b)
    };
    let (la, lb) = span(&left);
    let (ra, rb) = span(&right);
    let overlap = lb.min(rb) - la.max(ra);
    let smaller = (lb - la).min(rb - ra);
    if smaller <= 0.0 || overlap < 0.5 * smaller {
        return None;
    }
    // Columns of running text are much wider than the gutter between them; a table of short
    // labels and values is not.
    if gw > 0.6 * (gs - x0).min(x1 - ge) {
        return None;
    }
    Some(mid)
}

/// Lays out one rotation group, appending lines to `lines`.
fn layout_group(idx: &[usize], glyphs: &[Glyph], text: &str, lines_out: &mut Vec<String>) {
    let chunks = chunks_of(idx, glyphs);
    if chunks.is_empty() {
        return;
    }
    let all: Vec<usize> = (0..chunks.len()).collect();
    let mut ordered: Vec<Vec<Line>> = Vec::new();
    match find_gutter(&chunks) {
        None => ordered.push(build_lines(&chunks, &all)),
        Some(mid) => {
            let (mut l, mut r, mut s) = (Vec::new(), Vec::new(), Vec::new());
            for (i, c) in chunks.iter().enumerate() {
                if c.x1 <= mid {
                    l.push(i);
                } else if c.x0 >= mid {
                    r.push(i);
                } else {
                    s.push(i);
                }
            }
            let ll = build_lines(&chunks, &l);
            let rl = build_lines(&chunks, &r);
            let sl = build_lines(&chunks, &s);
            // Spanning lines cut the page into bands; each band is read left column first.
            let mut li = ll.into_iter().peekable();
            let mut ri = rl.into_iter().peekable();
            for sline in sl {
                let mut band = Vec::new();
                while let Some(x) = li.next_if(|x| x.y < sline.y) {
                    band.push(x);
                }
                while let Some(x) = ri.next_if(|x| x.y < sline.y) {
                    band.push(x);
                }
                band.push(sline);
                ordered.push(band);
            }
            let mut band: Vec<Line> = li.collect();
            band.extend(ri);
            ordered.push(band);
        }
    }
    for flow in ordered {
        let start = lines_out.len();
        for line in &flow {
            let s = line_text(line, &chunks, idx, glyphs, text);
            if !s.is_empty() {
                lines_out.push(s);
            }
        }
        if let Some(tail) = lines_out.get_mut(start..) {
            join_hyphens(tail);
        }
        lines_out.retain(|l| !l.is_empty());
    }
}

fn push_space(s: &mut String) {
    if !s.is_empty() && !s.ends_with(' ') {
        s.push(' ');
    }
}

fn line_text(line: &Line, chunks: &[Chunk], idx: &[usize], glyphs: &[Glyph], text: &str) -> String {
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
        for &gi in idx.get(c.start..c.end).unwrap_or(&[]) {
            let Some(g) = glyphs.get(gi) else { continue };
            if g.flags & F_SPACE != 0 {
                push_space(&mut s);
                prev = Some(g);
                continue;
            }
            if let Some(p) = prev {
                if p.flags & F_SPACE == 0 && g.x0 - p.x1 > WORD_GAP * p.size.max(g.size) {
                    push_space(&mut s);
                }
            }
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
fn join_hyphens(lines: &mut [String]) {
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
        let hard = matches!(last, Some('-' | '\u{2010}'))
            && before.is_some_and(|c| c.is_lowercase())
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

/// Lays out a page's glyphs into text (lines separated by '\n').
pub(crate) fn layout(out: &mut PageOut) -> String {
    let PageOut { glyphs, text, .. } = out;
    preprocess(glyphs, text);
    let mut counts = [0usize; 4];
    for g in glyphs.iter().filter(|g| live(g)) {
        if let Some(c) = counts.get_mut(usize::from(g.rot & 3)) {
            *c += 1;
        }
    }
    let mut rots: Vec<u8> = (0..4u8)
        .filter(|r| counts.get(usize::from(*r)).is_some_and(|c| *c > 0))
        .collect();
    rots.sort_by_key(|r| std::cmp::Reverse(counts.get(usize::from(*r)).copied().unwrap_or(0)));
    let mut lines: Vec<String> = Vec::new();
    let mut idx: Vec<usize> = Vec::with_capacity(glyphs.len());
    for rot in rots {
        idx.clear();
        idx.extend(
            glyphs
                .iter()
                .enumerate()
                .filter(|(_, g)| live(g) && g.rot == rot)
                .map(|(i, _)| i),
        );
        layout_group(&idx, glyphs, text, &mut lines);
    }
    lines.join("\n")
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
        let mut l = vec!["pārval\u{AD}".to_string(), "des".to_string()];
        join_hyphens(&mut l);
        assert_eq!(l, vec!["pārvaldes", ""]);
    }
}
