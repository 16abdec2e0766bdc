//! Search glue: the index finds pages, [`crate::search::hits`] groups them by document, and
//! the catalogue supplies the rows, page texts for snippets and the facets' filter fields.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::Archive;
use crate::error::Result;
use crate::model::{Facets, Filter, Kind, Lang, SearchHit};
use crate::search::glossary::{Expansion, Glossary};
use crate::search::suggest::{Dictionary, Suggester, Suggestion};
use crate::search::{self, hits, rank};

/// What a search found, with what it did beside: the query in the other language (glossary)
/// and a corrected spelling when the query found little.
#[derive(Clone, Debug, Default)]
pub struct SearchOutcome {
    pub hits: Vec<SearchHit>,
    /// The query rewritten into the other language, searched beside what was typed.
    pub expansions: Vec<Expansion>,
    /// A corrected query ("did you mean"), offered when the query found fewer than
    /// [`FEW_HITS`] documents.
    pub suggestion: Option<Suggestion>,
}

/// How a search runs.
#[derive(Clone, Copy, Debug)]
pub struct SearchOptions {
    /// Also search the query translated through the glossary (`--no-expand` turns it off).
    pub expand: bool,
    /// Rank documents by how much of them is about the query ([`rank`]); off, a document
    /// scores by its best page (plus half its title's score), as before issue 14. Off only
    /// to measure the difference (`index/benches/relevance.rs`).
    pub focus: bool,
    /// Look for a corrected spelling when the query finds little.
    pub suggest: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            expand: true,
            focus: true,
            suggest: true,
        }
    }
}

/// Fewer documents than this and a corrected spelling is looked for.
pub const FEW_HITS: usize = 3;

/// The reviewed glossary, parsed once per process.
fn glossary() -> &'static Glossary {
    static G: OnceLock<Glossary> = OnceLock::new();
    G.get_or_init(Glossary::builtin)
}

impl Archive {
    /// Documents matching a query, best first, each with its best page and a snippet; the
    /// query is also searched in the other language through the glossary.
    pub fn search(&self, text: &str, filter: &Filter, limit: usize) -> Result<Vec<SearchHit>> {
        Ok(self
            .search_with(text, filter, limit, SearchOptions::default())?
            .hits)
    }

    /// [`Archive::search`] with its options, saying what it translated and suggesting a
    /// spelling when the query found little.
    pub fn search_with(
        &self,
        text: &str,
        filter: &Filter,
        limit: usize,
        options: SearchOptions,
    ) -> Result<SearchOutcome> {
        let limit = limit.max(1);
        let (typed, expansions, query) = self.full_query(text, filter, options.expand);
        let docs = self.candidate_documents(&*query, limit)?;
        // Every matching page of the candidates, not only those among the best pages: how
        // much of each document is about the query (rank.rs), "also on pages …", and a body
        // page for a document found by its title.
        let ids: Vec<i64> = docs.iter().map(|(g, _)| g.doc_id).collect();
        let mut pages_of = self.body_pages_matching(&*query, &ids)?;
        let mut ranked = rank::rank(
            docs.iter()
                .map(|(g, d)| rank::Candidate {
                    doc_id: g.doc_id,
                    best_page: (!g.title_only).then_some((g.page, g.best)),
                    title: g.title,
                    matching_pages: pages_of.get(&g.doc_id).map_or(0, Vec::len),
                    pages: d.pages.max(0) as usize,
                })
                .collect(),
        );
        if !options.focus {
            let old: HashMap<i64, f32> = docs.iter().map(|(g, _)| (g.doc_id, g.score)).collect();
            for r in &mut ranked {
                r.1 = old.get(&r.0.doc_id).copied().unwrap_or(0.0);
            }
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        }
        let mut by_id: HashMap<i64, _> =
            docs.into_iter().map(|(g, d)| (g.doc_id, (g, d))).collect();
        let shown: Vec<(hits::Grouped, crate::model::DocumentInfo, f32)> = ranked
            .into_iter()
            .take(limit)
            .filter_map(|(c, score)| by_id.remove(&c.doc_id).map(|(g, d)| (g, d, score)))
            .collect();
        // Documents the words as typed do not find came through the glossary.
        let typed_finds: HashSet<i64> = if expansions.is_empty() {
            HashSet::new()
        } else {
            let ids: Vec<i64> = shown.iter().map(|(g, _, _)| g.doc_id).collect();
            self.index
                .matching_pages_of(&*typed, &ids)?
                .into_iter()
                .map(|(id, _)| id)
                .collect()
        };
        let highlight = self.highlight_query(text, &expansions);
        let gens = self.index.snippet_generators(&*highlight)?;
        // The page each hit shows, read from the catalogue here; the snippets, which run the
        // Latvian analyser over each page (about a fifth of a search's time for 20 hits on
        // 10,000 documents), are then made on every core.
        let mut shown_pages = Vec::with_capacity(shown.len());
        {
            let cat = self.cat();
            for (mut g, doc, score) in shown {
                let pages = pages_of.remove(&g.doc_id).unwrap_or_default();
                if g.title_only {
                    if let Some(&first) = pages.first() {
                        g.page = first;
                        g.title_only = false;
                    }
                }
                let text = if g.title_only {
                    doc.title.clone()
                } else {
                    cat.page_text(g.doc_id, g.page)?
                };
                shown_pages.push((g, doc, score, pages, text));
            }
        }
        let snippets: Vec<String> = shown_pages
            .par_iter()
            .map(|(_, doc, _, _, text)| search::snippet(&gens, doc.lang, text))
            .collect();
        let mut hits = Vec::with_capacity(shown_pages.len());
        for ((g, doc, score, pages, _), snippet) in shown_pages.into_iter().zip(snippets) {
            let via_glossary = match expansions.first() {
                Some(e) if !typed_finds.contains(&doc.id) => Some(e.lang),
                _ => None,
            };
            hits.push(SearchHit {
                id: doc.id,
                title: doc.title,
                file_name: doc.file_name,
                kind: doc.kind,
                cycle: doc.cycle,
                session: doc.session,
                lang: doc.lang,
                score,
                page: g.page,
                snippet,
                other_pages: pages
                    .into_iter()
                    .filter(|&p| p != g.page)
                    .take(20)
                    .collect(),
                via_glossary,
            });
        }
        let suggestion = if options.suggest && hits.len() < FEW_HITS {
            self.suggest(text)?
        } else {
            None
        };
        Ok(SearchOutcome {
            hits,
            expansions,
            suggestion,
        })
    }

    /// The documents of the best pages, best first, at most `(2 × limit).max(30)` of them and
    /// none in the trash. A few pages per wanted document are usually enough, and more are
    /// asked for only when they gave too few documents: a small top-k lets tantivy skip most
    /// of a common word's pages (block-max WAND), where a fixed 1,000 cost about 2 ms per
    /// search on 96,000 pages.
    fn candidate_documents(
        &self,
        query: &dyn Query,
        limit: usize,
    ) -> Result<Vec<(hits::Grouped, crate::model::DocumentInfo)>> {
        /// Beyond this many best pages, the documents found are what there is.
        const MAX_PAGES: usize = 20_000;
        let candidates = (limit * 2).max(30);
        let mut k = (limit * 5).max(100);
        let grouped = loop {
            let pages = self.index.search_pages(query, k)?;
            let grouped = hits::group_hits(&pages);
            if grouped.len() >= candidates || pages.len() < k || k >= MAX_PAGES {
                break grouped;
            }
            k = (k * 8).min(MAX_PAGES);
        };
        let cat = self.cat();
        let mut docs = Vec::with_capacity(candidates);
        for g in grouped {
            if docs.len() >= candidates {
                break;
            }
            if let Ok(d) = cat.get_row(g.doc_id) {
                if d.trashed_at.is_none() {
                    docs.push((g, d));
                }
            }
        }
        Ok(docs)
    }

    /// The body pages (not the title, page 0) of these documents that match, sorted.
    fn body_pages_matching(
        &self,
        query: &dyn Query,
        ids: &[i64],
    ) -> Result<HashMap<i64, Vec<i64>>> {
        let mut pages_of: HashMap<i64, Vec<i64>> = HashMap::new();
        for (id, page) in self.index.matching_pages_of(query, ids)? {
            if page > 0 {
                pages_of.entry(id).or_default().push(page);
            }
        }
        for pages in pages_of.values_mut() {
            pages.sort_unstable();
            pages.dedup();
        }
        Ok(pages_of)
    }

    /// What snippets mark: the words as typed and their translations (phrases as phrases).
    fn highlight_query(&self, text: &str, expansions: &[Expansion]) -> Box<dyn Query> {
        if expansions.is_empty() {
            return self.index.highlight_query(text);
        }
        let mut clauses = vec![(Occur::Should, self.index.highlight_query(text))];
        for e in expansions {
            clauses.push((Occur::Should, self.index.highlight_query(&e.query)));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// The query as typed, its glossary expansions, and the query searched: the typed one
    /// or, with expansions, either of them (the translation a little below).
    fn full_query(
        &self,
        text: &str,
        filter: &Filter,
        expand: bool,
    ) -> (Box<dyn Query>, Vec<Expansion>, Box<dyn Query>) {
        let typed = self.index.query(text, filter);
        let expansions = if expand {
            glossary().expand(text)
        } else {
            Vec::new()
        };
        let query: Box<dyn Query> = if expansions.is_empty() {
            typed.box_clone()
        } else {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> =
                vec![(Occur::Should, typed.box_clone())];
            for e in &expansions {
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(self.index.query(&e.query, filter), 0.8)),
                ));
            }
            Box::new(BooleanQuery::new(clauses))
        };
        (typed, expansions, query)
    }

    /// A corrected spelling of the query from the archive's own words and, when installed,
    /// the Latvian Hunspell dictionary.
    pub fn suggest(&self, text: &str) -> Result<Option<Suggestion>> {
        let vocabulary = self.index.vocabulary()?;
        Ok(Suggester {
            vocabulary: &vocabulary,
            dictionary: Dictionary::latvian(),
        }
        .suggest(text))
    }

    /// How many documents each filter value would give for this query (ignoring filters).
    pub fn facets(&self, text: &str) -> Result<Facets> {
        // The same query as the search's, glossary included, so the counts match its hits.
        let (_, _, query) = self.full_query(text, &Filter::default(), true);
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
