//! Turning page hits into document hits: grouping by document (the best body page is the
//! document's page, a title match adds to its score) and facet counts in order.

use std::collections::HashMap;

use super::PageHit;

pub(crate) struct Grouped {
    pub doc_id: i64,
    pub score: f32,
    pub page: i64,
    pub title_only: bool,
    /// The best body page's score (0 when only the title matched).
    pub best: f32,
    /// The title record's score (0 when it did not match).
    pub title: f32,
}

/// Groups page hits by document: the best body page is the document's page; a title match
/// adds to the document's score.
pub(crate) fn group_hits(pages: &[PageHit]) -> Vec<Grouped> {
    let mut order: Vec<i64> = Vec::new();
    let mut by_doc: HashMap<i64, Grouped> = HashMap::new();
    for h in pages {
        let g = by_doc.entry(h.doc_id).or_insert_with(|| {
            order.push(h.doc_id);
            Grouped {
                doc_id: h.doc_id,
                score: 0.0,
                page: 0,
                title_only: true,
                best: 0.0,
                title: 0.0,
            }
        });
        if h.page == 0 {
            g.score += 0.5 * h.score;
            g.title = h.score;
        } else if g.page == 0 {
            g.page = h.page;
            g.title_only = false;
            g.score += h.score;
            g.best = h.score;
        }
    }
    let mut out: Vec<Grouped> = order
        .into_iter()
        .filter_map(|id| by_doc.remove(&id))
        .map(|mut g| {
            if g.page == 0 {
                g.page = 1;
            }
            g
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

/// Facet values, most documents first.
pub(crate) fn by_count<K: Clone>(m: HashMap<K, usize>) -> Vec<(K, usize)> {
    let mut v: Vec<(K, usize)> = m.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1));
    v
}
