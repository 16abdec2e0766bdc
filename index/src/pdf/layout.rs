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

fn chunks_of(idx: &[usize], glyphs: &[Glyph], rules: &Rules) -> Vec<Chunk> {
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
    let mut cov = Vec::with_capacity(nb + 1);
    let mut c = 0i32;
    for d in diff.iter().take(nb + 1) {
        c += d;
        cov.push(c);
    }
    // The gutter is the widest run of the least-crossed x positions in the middle.
    let min = cov.get(lo..=hi)?.iter().copied().min()?;
    (min..=allowed).find_map(|t| {
        let mut best: Option<(usize, usize)> = None;
        let mut run_start: Option<usize> = None;
        for i in lo..=hi + 1 {
            let low = i <= hi && cov.get(i).is_some_and(|&v| v <= t);
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
        let (s, e) = best?;
        check_gutter(
            chunks,
            x0,
            x1,
            x0 + s as f32 * res,
            x0 + e as f32 * res,
            med,
        )
    })
}

/// Validates a candidate gutter `gs..ge`; returns its centre.
fn check_gutter(chunks: &[Chunk], x0: f32, x1: f32, gs: f32, ge: f32, med: f32) -> Option<f32> {
    let gw = ge - gs;
    if gw < (0.5 * med).max(4.0) {
        return None;
    }
    let mid = (gs + ge) * 0.5;
    let left: Vec<&Chunk> = chunks.iter().filter(|c| c.x1 <= mid).collect();
    let right: Vec<&Chunk> = chunks.iter().filter(|c| c.x0 >= mid).collect();
    if left.is_empty() || right.is_empty() || left.len() + right.len() < 6 {
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

/// Ruling lines in the layout frame: vertical (x, y0, y1) and horizontal (y, x0, x1).
#[derive(Default)]
struct Rules {
    v: Vec<(f32, f32, f32)>,
    h: Vec<(f32, f32, f32)>,
}

/// A flow of lines read in order: (baseline, text).
type Flow = Vec<(f32, String)>;

/// Lays out a region's chunks (column detection, lines) into flows.
/// Laid-out region: flows in reading order; `by_position` if they follow each other top to
/// bottom (no columns), so that other content can be merged in by position.
struct Region {
    flows: Vec<Flow>,
    by_position: bool,
}

#[derive(Clone, Copy)]
struct BlockBox {
    x0: f32,
    x1: f32,
    top: f32,
    bottom: f32,
    size: f32,
    last_x0: f32,
    last_x1: f32,
    last_y: f32,
    last_size: f32,
}

/// Most blocks handled by block ordering (more falls back to plain line order).
const MAX_BLOCKS: usize = 2_000;

/// Groups chunks, in content-stream order, into blocks: runs that continue on the same line or
/// on the next line with the same left edge (or within the block's width). A table cell or a
/// paragraph becomes one block. Blocks nested inside an earlier block's box are merged into it.
fn blocks_of(chunks: &[Chunk]) -> Vec<(BlockBox, Vec<usize>)> {
    let mut blocks: Vec<(BlockBox, Vec<usize>)> = Vec::new();
    for (i, c) in chunks.iter().enumerate() {
        let join = blocks.last().is_some_and(|(b, _)| {
            let size = b.size.max(c.size);
            let dy = c.y - b.last_y;
            // Same line; a smaller-size run (superscript, subscript) may sit off the baseline.
            let small = c.size < 0.85 * b.last_size || b.last_size < 0.85 * c.size;
            let same_line = (dy.abs() <= 0.3 * size || (small && dy.abs() <= 0.7 * size))
                && c.x0 >= b.last_x1 - 0.6 * size;
            let next_line = dy > 0.6 * size
                && dy <= 2.2 * size
                && ((c.x0 - b.last_x0).abs() <= 1.5 * size
                    // after a full (wrapped) line with an indent, the paragraph continues
                    // further left
                    || (b.last_x1 >= b.x1 - 2.0 * size
                        && c.x0 < b.last_x0
                        && c.x0 >= b.last_x0 - 4.0 * size)
                    || (c.x0 >= b.x0 - size && c.x1 <= b.x1 + size && b.last_x1 - b.last_x0 > 0.0));
            same_line || next_line
        });
        match blocks.last_mut() {
            Some((b, ids)) if join => {
                let new_line = c.y - b.last_y > 0.3 * b.size.max(c.size);
                b.x0 = b.x0.min(c.x0);
                b.x1 = b.x1.max(c.x1);
                b.top = b.top.min(c.y);
                b.bottom = b.bottom.max(c.y);
                b.size = b.size.max(c.size);
                if new_line {
                    b.last_x0 = c.x0;
                    b.last_y = c.y;
                }
                b.last_x1 = c.x1;
                b.last_size = c.size;
                ids.push(i);
            }
            _ => blocks.push((
                BlockBox {
                    x0: c.x0,
                    x1: c.x1,
                    top: c.y,
                    bottom: c.y,
                    size: c.size,
                    last_x0: c.x0,
                    last_x1: c.x1,
                    last_y: c.y,
                    last_size: c.size,
                },
                vec![i],
            )),
        }
        if blocks.len() > MAX_BLOCKS {
            return Vec::new();
        }
    }
    // Merge a one-line block into an earlier block when it fills a hole in one of that
    // block's lines (text drawn out of order, e.g. one font after another).
    let mut merged: Vec<(BlockBox, Vec<usize>)> = Vec::with_capacity(blocks.len());
    for (b, ids) in blocks {
        let one_line = b.bottom - b.top <= 0.3 * b.size;
        let host = merged.iter_mut().find(|(a, aids)| {
            let tol = b.size;
            one_line
                && b.x0 >= a.x0 - tol
                && b.x1 <= a.x1 + tol
                && b.top >= a.top - 0.5 * tol
                && b.bottom <= a.bottom + 0.5 * tol
                && aids.iter().filter_map(|&i| chunks.get(i)).any(|c| {
                    let t = c.size.max(b.size);
                    (c.y - b.top).abs() <= 0.3 * t
                        && ((b.x0 - c.x1 >= -0.5 * t && b.x0 - c.x1 <= 1.2 * t)
                            || (c.x0 - b.x1 >= -0.5 * t && c.x0 - b.x1 <= 1.2 * t))
                })
        });
        match host {
            Some((a, aids)) => {
                a.x0 = a.x0.min(b.x0);
                a.x1 = a.x1.max(b.x1);
                aids.extend(ids);
            }
            None => merged.push((b, ids)),
        }
    }
    merged
}

/// Orders blocks: by top, blocks side by side with the same top forming a row read left to right.
fn block_order(blocks: &[(BlockBox, Vec<usize>)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..blocks.len()).collect();
    order.sort_by(|&a, &b| {
        let (ba, bb) = (blocks.get(a).map(|x| x.0), blocks.get(b).map(|x| x.0));
        let ta = ba.map_or(0.0, |x| x.top);
        let tb = bb.map_or(0.0, |x| x.top);
        ta.total_cmp(&tb).then_with(|| {
            ba.map_or(0.0, |x| x.x0)
                .total_cmp(&bb.map_or(0.0, |x| x.x0))
        })
    });
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for bi in order {
        let Some((b, _)) = blocks.get(bi) else {
            continue;
        };
        let fits = rows.last().is_some_and(|row| {
            row.first()
                .and_then(|&f| blocks.get(f))
                .is_some_and(|(f, _)| (b.top - f.top).abs() <= 0.5 * f.size.max(b.size))
                && row
                    .iter()
                    .filter_map(|&o| blocks.get(o))
                    .all(|(o, _)| b.x0 >= o.x1 || b.x1 <= o.x0)
        });
        match rows.last_mut() {
            Some(row) if fits => row.push(bi),
            _ => rows.push(vec![bi]),
        }
    }
    for row in &mut rows {
        row.sort_by(|&a, &b| {
            let xa = blocks.get(a).map_or(0.0, |x| x.0.x0);
            let xb = blocks.get(b).map_or(0.0, |x| x.0.x0);
            xa.total_cmp(&xb)
        });
    }
    rows.into_iter().flatten().collect()
}

/// Lays out a region's chunks (column detection, blocks, lines) into flows.
fn region_flows(
    chunks: &[Chunk],
    idx: &[usize],
    glyphs: &[Glyph],
    text: &str,
    depth: usize,
) -> Region {
    let all: Vec<usize> = (0..chunks.len()).collect();
    let mut ordered: Vec<Vec<Line>> = Vec::new();
    let mut by_position = false;
    match find_gutter(chunks) {
        None => {
            by_position = true;
            let blocks = blocks_of(chunks);
            if blocks.is_empty() {
                ordered.push(build_lines(chunks, &all));
            } else {
                for bi in block_order(&blocks) {
                    if let Some((_, ids)) = blocks.get(bi) {
                        ordered.push(build_lines(chunks, ids));
                    }
                }
            }
        }
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
            // Text above the top of either column (titles, centred headers) is read first.
            let top_of = |v: &[usize]| {
                v.iter()
                    .filter_map(|&i| chunks.get(i))
                    .map(|c| c.y)
                    .fold(f32::INFINITY, f32::min)
            };
            let top = top_of(&l).max(top_of(&r));
            for side in [&mut l, &mut r] {
                side.retain(|&i| match chunks.get(i) {
                    Some(c) if c.y < top - 0.3 * c.size => {
                        s.push(i);
                        false
                    }
                    _ => true,
                });
            }
            // Nothing spans the columns below their top: read each column as a region of its
            // own (it may have columns itself).
            if depth < 2 && s.iter().all(|&i| chunks.get(i).is_some_and(|c| c.y < top)) {
                let to_flow = |lines: Vec<Line>| -> Flow {
                    lines
                        .iter()
                        .map(|line| (line.y, line_text(line, chunks, idx, glyphs, text)))
                        .filter(|(_, t)| !t.is_empty())
                        .collect()
                };
                let mut flows: Vec<Flow> = vec![to_flow(build_lines(chunks, &s))];
                for side in [&l, &r] {
                    let sub: Vec<Chunk> = side
                        .iter()
                        .filter_map(|&i| chunks.get(i).copied())
                        .collect();
                    flows.extend(region_flows(&sub, idx, glyphs, text, depth + 1).flows);
                }
                flows.retain(|f| !f.is_empty());
                return Region {
                    flows,
                    by_position: false,
                };
            }
            let ll = build_lines(chunks, &l);
            let rl = build_lines(chunks, &r);
            let sl = build_lines(chunks, &s);
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
    let flows = ordered
        .into_iter()
        .map(|flow| {
            flow.iter()
                .map(|line| (line.y, line_text(line, chunks, idx, glyphs, text)))
                .filter(|(_, s)| !s.is_empty())
                .collect::<Flow>()
        })
        .filter(|f| !f.is_empty())
        .collect();
    Region { flows, by_position }
}

/// The table cell a chunk sits in: (top, left) of the nearest rulings around it.
fn cell_of(c: &Chunk, rules: &Rules) -> Option<(f32, f32)> {
    let cy = c.y - 0.3 * c.size;
    let covers = |v: &&(f32, f32, f32)| v.1 - 2.0 <= cy && cy <= v.2 + 2.0;
    let left = rules
        .v
        .iter()
        .filter(covers)
        .filter(|v| v.0 <= c.x0 + 2.0)
        .map(|v| v.0)
        .fold(f32::NEG_INFINITY, f32::max);
    let right = rules
        .v
        .iter()
        .filter(covers)
        .filter(|v| v.0 >= c.x1 - 2.0)
        .map(|v| v.0)
        .fold(f32::INFINITY, f32::min);
    if !left.is_finite() || !right.is_finite() {
        return None;
    }
    let cx = (c.x0 + c.x1) * 0.5;
    let top = rules
        .h
        .iter()
        .filter(|h| h.0 <= cy && h.1 - 2.0 <= cx && cx <= h.2 + 2.0 && h.1 < right && h.2 > left)
        .map(|h| h.0)
        .fold(f32::NEG_INFINITY, f32::max);
    let top = if top.is_finite() { top } else { c.y - c.size };
    Some((top, left))
}

/// Lays out one rotation group, appending lines to `lines_out`. Chunks inside ruled table
/// cells are read cell by cell, row by row; the rest as running text (with columns).
fn layout_group(
    idx: &[usize],
    glyphs: &[Glyph],
    text: &str,
    rules: &Rules,
    lines_out: &mut Vec<String>,
) {
    let chunks = chunks_of(idx, glyphs, rules);
    if chunks.is_empty() {
        return;
    }
    let mut flows: Vec<Flow> = Vec::new();
    if rules.v.len() < 2 {
        flows = region_flows(&chunks, idx, glyphs, text, 0).flows;
    } else {
        let mut free: Vec<Chunk> = Vec::new();
        let mut cells: Vec<((f32, f32), Vec<Chunk>)> = Vec::new();
        for c in &chunks {
            match cell_of(c, rules) {
                None => free.push(*c),
                Some(key) => match cells
                    .iter_mut()
                    .find(|(k, _)| (k.0 - key.0).abs() < 1.0 && (k.1 - key.1).abs() < 1.0)
                {
                    Some((_, v)) => v.push(*c),
                    None => cells.push((key, vec![*c])),
                },
            }
        }
        // Rows: cells sharing a top ruling, read left to right.
        cells.sort_by(|a, b| a.0 .0.total_cmp(&b.0 .0).then(a.0 .1.total_cmp(&b.0 .1)));
        let mut rows: Vec<(f32, Vec<Flow>)> = Vec::new();
        for (key, cs) in &cells {
            // A cell is one flow (its own column detection aside).
            let joined: Flow = region_flows(cs, idx, glyphs, text, 0)
                .flows
                .into_iter()
                .flatten()
                .collect();
            match rows.last_mut() {
                Some((top, fl)) if (key.0 - *top).abs() < 1.5 => fl.push(joined),
                _ => rows.push((key.0, vec![joined])),
            }
        }
        let free = region_flows(&free, idx, glyphs, text, 0);
        if free.by_position {
            // Interleave the running text with the table rows by position.
            let mut free_flows = free.flows.into_iter().peekable();
            for (top, row) in rows {
                while let Some(f) = free_flows.next_if(|f| f.first().is_some_and(|(y, _)| *y < top))
                {
                    flows.push(f);
                }
                flows.extend(row);
            }
            flows.extend(free_flows);
        } else {
            flows.extend(free.flows);
            flows.extend(rows.into_iter().flat_map(|(_, r)| r));
        }
    }
    // Hyphenated words are joined within and across flows (a word may continue in the next
    // column).
    let start = lines_out.len();
    lines_out.extend(flows.into_iter().flatten().map(|(_, s)| s));
    if let Some(tail) = lines_out.get_mut(start..) {
        join_hyphens(tail);
    }
    lines_out.retain(|l| !l.is_empty());
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

/// Lays out a page's glyphs into text (lines separated by '\n').
pub(crate) fn layout(out: &mut PageOut) -> String {
    let PageOut {
        glyphs,
        text,
        rules,
        ..
    } = out;
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
    // Rulings in the upright frame (x, -y); used for upright text only.
    let mut upright = Rules::default();
    for r in rules.iter() {
        let (w, h) = (r[2] - r[0], r[3] - r[1]);
        if w <= h {
            upright.v.push(((r[0] + r[2]) * 0.5, -r[3], -r[1]));
        } else {
            upright.h.push((-(r[1] + r[3]) * 0.5, r[0], r[2]));
        }
    }
    let none = Rules::default();
    for rot in rots {
        idx.clear();
        idx.extend(
            glyphs
                .iter()
                .enumerate()
                .filter(|(_, g)| live(g) && g.rot == rot)
                .map(|(i, _)| i),
        );
        let r = if rot == 0 { &upright } else { &none };
        layout_group(&idx, glyphs, text, r, &mut lines);
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
        let mut l = vec!["izmantot e-".to_string(), "pakalpojumus".to_string()];
        join_hyphens(&mut l);
        assert_eq!(l, vec!["izmantot e-", "pakalpojumus"]);
        let mut l = vec!["pārval\u{AD}".to_string(), "des".to_string()];
        join_hyphens(&mut l);
        assert_eq!(l, vec!["pārvaldes", ""]);
    }
}
