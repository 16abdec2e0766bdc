//! Related documents: from a plan to the protocols that discussed it, from a presentation to
//! the protocol of its session.
//!
//! A document's text (from the catalogue) is turned into a more-like-this query over the
//! index's pages ([`crate::search::SearchIndex::pages_like`]); pages are grouped by document,
//! a document scoring by its best page plus a little for each further similar page. The
//! catalogue's own knowledge counts first: the other documents of the same session are related
//! by definition and come before the rest (by their text similarity among themselves, and even
//! when they share no words: a scanned protocol still waiting for OCR), and a document of the
//! same plan cycle is a little more likely related than one of another.

use std::collections::HashMap;

use super::Archive;
use crate::error::Result;
use crate::model::DocumentRow;

/// Weight of the same cycle on the text similarity.
const SAME_CYCLE: f32 = 1.2;

impl Archive {
    /// Documents related to document `id`, most related first, at most `limit`.
    pub fn similar(&self, id: i64, limit: usize) -> Result<Vec<(DocumentRow, f32)>> {
        let me = self.cat().get(id)?;
        let text: String = self
            .cat()
            .pages(id)?
            .into_iter()
            .map(|(_, _, t)| t)
            .collect::<Vec<_>>()
            .join("\n");
        let pages = self.index.pages_like(&text, 400)?;
        let mut score: HashMap<i64, (f32, usize)> = HashMap::new();
        for p in pages.iter().filter(|p| p.doc_id != id) {
            let e = score.entry(p.doc_id).or_insert((0.0, 0));
            // The best page, then a tenth of each further one.
            e.0 += if e.1 == 0 { p.score } else { 0.1 * p.score };
            e.1 += 1;
        }
        if me.session.is_some() {
            for d in self.cat().list(
                &crate::model::Filter {
                    session: me.session,
                    ..Default::default()
                },
                false,
            )? {
                if d.id != id {
                    score.entry(d.id).or_insert((0.0, 0));
                }
            }
        }
        let cat = self.cat();
        let mut out = Vec::new();
        for (doc, (s, _)) in score {
            let Ok(d) = cat.get_row(doc) else { continue };
            if d.trashed_at.is_some() {
                continue;
            }
            let same_session = me.session.is_some() && d.session == me.session;
            let s = if !same_session && me.cycle.is_some() && d.cycle == me.cycle {
                s * SAME_CYCLE
            } else {
                s
            };
            out.push((same_session, DocumentRow::from(d), s));
        }
        // The session's own documents first, then by similarity.
        out.sort_by(|a, b| b.0.cmp(&a.0).then(b.2.total_cmp(&a.2)));
        out.truncate(limit.max(1));
        let out = out.into_iter().map(|(_, d, s)| (d, s)).collect();
        Ok(out)
    }
}
