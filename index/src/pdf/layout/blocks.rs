//! Blocks: chunks grouped in content-stream order into paragraphs and table cells, and the
//! order they are read in (by top; blocks side by side in a row, left to right).

use super::Chunk;

#[derive(Clone, Copy)]
pub(super) struct BlockBox {
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
pub(super) fn blocks_of(chunks: &[Chunk]) -> Vec<(BlockBox, Vec<usize>)> {
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
pub(super) fn block_order(blocks: &[(BlockBox, Vec<usize>)]) -> Vec<usize> {
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
