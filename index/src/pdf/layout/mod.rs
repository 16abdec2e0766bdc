//! Layout: glyphs -> text. Drops overprinted duplicates, attaches accents drawn as separate
//! glyphs to their base letters, groups glyphs into chunks and lines by baseline, inserts
//! spaces at gaps, reads two-column pages column by column, and joins words hyphenated at a
//! line end.
//!
//! The parts: `glyphs` (duplicates and accents), `lines` (chunks, lines, word gaps, hyphens),
//! `blocks` (paragraphs and cells in stream order), `columns` (gutters, reading order of a
//! region); this file splits a page by writing direction and reads ruled tables cell by cell.

use super::content::{Glyph, PageOut, F_DEAD};

mod blocks;
mod columns;
mod glyphs;
mod lines;

use columns::region_flows;
use lines::{chunks_of, join_hyphens};

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

fn text_of<'t>(text: &'t str, g: &Glyph) -> &'t str {
    text.get(g.t0 as usize..g.t1 as usize).unwrap_or("")
}

fn live(g: &Glyph) -> bool {
    g.flags & F_DEAD == 0
}

/// Ruling lines in the layout frame: vertical (x, y0, y1) and horizontal (y, x0, x1).
#[derive(Default)]
struct Rules {
    v: Vec<(f32, f32, f32)>,
    h: Vec<(f32, f32, f32)>,
}

/// A flow of lines read in order: (baseline, text).
type Flow = Vec<(f32, String)>;

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

/// Lays out a page's glyphs into text (lines separated by '\n').
pub(crate) fn layout(out: &mut PageOut) -> String {
    let PageOut {
        glyphs,
        text,
        rules,
        ..
    } = out;
    glyphs::preprocess(glyphs, text);
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
