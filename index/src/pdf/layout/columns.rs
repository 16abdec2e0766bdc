//! Columns: a gutter that almost no chunk crosses splits a region into columns, read one after
//! the other (or band by band where lines span both); a region without columns is read block
//! by block.

use super::blocks::{block_order, blocks_of};
use super::lines::{build_lines, line_text};
use super::{Chunk, Flow, Line};
use crate::pdf::content::Glyph;

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

/// Lays out a region's chunks (column detection, lines) into flows.
/// Laid-out region: flows in reading order; `by_position` if they follow each other top to
/// bottom (no columns), so that other content can be merged in by position.
pub(super) struct Region {
    pub(super) flows: Vec<Flow>,
    pub(super) by_position: bool,
}

/// Lays out a region's chunks (column detection, blocks, lines) into flows.
pub(super) fn region_flows(
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
