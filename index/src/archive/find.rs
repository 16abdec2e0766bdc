//! Search glue: the index finds pages, [`crate::search::hits`] groups them by document, and
//! the catalogue supplies the rows, page texts for snippets and the facets' filter fields.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::Archive;
use crate::error::Result;
use crate::model::{Facets, Filter, Kind, Lang, SearchHit};
use crate::search::{self, hits};

impl Archive {
    /// Documents matching a query, best first, each with its best page and a snippet.
    pub fn search(&self, text: &str, filter: &Filter, limit: usize) -> Result<Vec<SearchHit>> {
        /// Beyond this many best pages, the documents found are what there is.
        const MAX_PAGES: usize = 20_000;
        let limit = limit.max(1);
        let query = self.index.query(text, filter);
        // The best pages, grouped by document. A few pages per wanted document are usually
        // enough, and more are asked for only when they gave too few documents: a small top-k
        // lets tantivy skip most of a common word's pages (block-max WAND), where a fixed
        // 1,000 cost about 2 ms per search on 96,000 pages.
        let mut k = (limit * 5).max(100);
        let grouped = loop {
            let pages = self.index.search_pages(&*query, k)?;
            let grouped = hits::group_hits(&pages);
            if grouped.len() >= limit || pages.len() < k || k >= MAX_PAGES {
                break grouped;
            }
            k = (k * 8).min(MAX_PAGES);
        };
        let gens = self
            .index
            .snippet_generators(&*self.index.highlight_query(text))?;
        let mut docs = Vec::with_capacity(limit);
        {
            let cat = self.cat();
            for g in grouped {
                if docs.len() >= limit {
                    break;
                }
                match cat.get_row(g.doc_id) {
                    Ok(d) if d.trashed_at.is_none() => docs.push((g, d)),
                    _ => continue,
                }
            }
        }
        // Every matching page of the documents shown, not only those among the best pages:
        // "also on pages …", and a body page for a document found by its title.
        let ids: Vec<i64> = docs.iter().map(|(g, _)| g.doc_id).collect();
        let mut pages_of: HashMap<i64, Vec<i64>> = HashMap::new();
        for (id, page) in self.index.matching_pages_of(&*query, &ids)? {
            if page > 0 {
                pages_of.entry(id).or_default().push(page);
            }
        }
        let cat = self.cat();
        let mut hits = Vec::with_capacity(docs.len());
        for (mut g, doc) in docs {
            let mut pages = pages_of.remove(&g.doc_id).unwrap_or_default();
            pages.sort_unstable();
            pages.dedup();
            if g.title_only {
                if let Some(&first) = pages.first() {
                    g.page = first;
                    g.title_only = false;
                }
            }
            let snippet = if g.title_only {
                search::snippet(&gens, doc.lang, &doc.title)
            } else {
                search::snippet(&gens, doc.lang, &cat.page_text(g.doc_id, g.page)?)
            };
            hits.push(SearchHit {
                id: doc.id,
                title: doc.title,
                file_name: doc.file_name,
                kind: doc.kind,
                cycle: doc.cycle,
                session: doc.session,
                lang: doc.lang,
                score: g.score,
                page: g.page,
                snippet,
                other_pages: pages
                    .into_iter()
                    .filter(|&p| p != g.page)
                    .take(20)
                    .collect(),
            });
        }
        Ok(hits)
    }

    /// How many documents each filter value would give for this query (ignoring filters).
    pub fn facets(&self, text: &str) -> Result<Facets> {
        let query = self.index.query(text, &Filter::default());
        // Every matching page, unscored (a common word is on most pages of a large archive).
        let pages = self.index.matching_pages(&*query)?;
        // One query for the filter fields of every document, not one `get` per hit: a common
        // word matches most of a large archive (measured: 1.1 s at 10,000 documents).
        let fields = self.cat().facet_fields()?;
        let mut f = Facets::default();
        let mut cycle: HashMap<Option<i64>, usize> = HashMap::new();
        let mut session: HashMap<Option<NaiveDate>, usize> = HashMap::new();
        let mut kind: HashMap<Kind, usize> = HashMap::new();
        let mut lang: HashMap<Lang, usize> = HashMap::new();
        let mut seen = HashSet::new();
        for (doc_id, _) in pages {
            if !seen.insert(doc_id) {
                continue;
            }
            // Trashed documents are not in `fields`.
            let Some(d) = fields.get(&doc_id) else {
                continue;
            };
            f.total += 1;
            *cycle.entry(d.cycle).or_default() += 1;
            *session.entry(d.session).or_default() += 1;
            *kind.entry(d.kind).or_default() += 1;
            *lang.entry(d.lang).or_default() += 1;
        }
        f.cycle = hits::by_count(cycle);
        f.session = hits::by_count(session);
        f.kind = hits::by_count(kind);
        f.lang = hits::by_count(lang);
        Ok(f)
    }
}
