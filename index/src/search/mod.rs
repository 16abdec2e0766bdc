//! The tantivy full-text index: one index document per page (so every hit knows its page)
//! plus one per document for its title and file name (page 0).
//!
//! The index stores no text: page texts live in the catalog, which is the source of truth and
//! from which the index can always be rebuilt. Snippets are cut from the catalog's text.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery, TermSetQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentOrdinal,
    SegmentReader, TantivyDocument, Term,
};

use crate::dates;
use crate::error::{Error, Result};
use crate::model::Lang;

pub mod analysis;
pub mod glossary;
pub(crate) mod hits;
mod query;
pub mod rank;
mod read_only;
mod schema;
mod similar;
mod snippet;
pub mod suggest;

use read_only::ReadOnlyDir;
pub use schema::SCHEMA_VERSION;
use schema::{schema, Fields};
pub use snippet::snippet;

/// What the index needs to know of a document to (re)index it.
pub struct IndexDoc<'a> {
    pub id: i64,
    pub title: &'a str,
    pub file_name: &'a str,
    pub kind: &'a str,
    pub lang: Lang,
    pub cycle: Option<i64>,
    pub session: Option<NaiveDate>,
    pub date: Option<NaiveDate>,
    /// (1-based page, text); pages without usable text are left out by the caller.
    pub pages: Vec<(i64, &'a str)>,
}

/// A page that matched: (doc id, 1-based page or 0 for title/file name, score).
#[derive(Clone, Debug)]
pub struct PageHit {
    pub doc_id: i64,
    pub page: i64,
    pub score: f32,
}

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    f: Fields,
}

const NO_SESSION: &str = "-";

/// Searches run over the index's segments on every core: tantivy's search executor, one pool
/// for the process (every archive opened shares it). On the 10,000-document archive a search's
/// two index passes (the best pages, then every matching page of the candidates) took 7 of
/// its 10 ms on one core for a two-word query found on 68,000 pages; the largest segment holds
/// under half the pages, so two cores take them in a little over half the time.
fn with_search_threads(mut index: Index) -> Index {
    static EXECUTOR: std::sync::OnceLock<Option<tantivy::Executor>> = std::sync::OnceLock::new();
    let shared = EXECUTOR.get_or_init(|| {
        let n = std::thread::available_parallelism().map_or(1, |n| n.get());
        (n > 1)
            .then(|| tantivy::Executor::multi_thread(n, "ogp-search-").ok())
            .flatten()
    });
    if let Some(e) = shared {
        index.set_executor(e.clone());
    }
    index
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it if missing. Returns whether it was (re)created,
    /// in which case the caller must re-index every document from the catalog.
    pub fn open(dir: &Path) -> Result<(SearchIndex, bool)> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let (schema, f) = schema();
        let version_file = dir.join("ogp-schema-version");
        let current = std::fs::read_to_string(&version_file).ok();
        let mut created = false;
        let index = match (current.as_deref(), Index::open_in_dir(dir)) {
            (Some(SCHEMA_VERSION), Ok(index)) => index,
            _ => {
                // Missing, damaged or of another schema: start afresh; the catalog refills it.
                for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
                    let p = entry.map_err(|e| Error::io(dir, e))?.path();
                    if p.is_file() {
                        std::fs::remove_file(&p).map_err(|e| Error::io(&p, e))?;
                    }
                }
                created = true;
                let index = Index::create_in_dir(dir, schema)?;
                std::fs::write(&version_file, SCHEMA_VERSION)
                    .map_err(|e| Error::io(&version_file, e))?;
                index
            }
        };
        let index = with_search_threads(index);
        analysis::register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok((SearchIndex { index, reader, f }, created))
    }

    /// Opens an existing index for reading only (an archive on a read-only mount, or on a
    /// full disk): no lock files, no writes; a missing or outdated index is an error.
    pub fn open_read_only(dir: &Path) -> Result<SearchIndex> {
        let (_, f) = schema();
        let current = std::fs::read_to_string(dir.join("ogp-schema-version")).ok();
        if current.as_deref() != Some(SCHEMA_VERSION) {
            return Err(Error::Invalid(
                "the search index must be rebuilt, which needs write access".into(),
            ));
        }
        let mmap = tantivy::directory::MmapDirectory::open(dir)
            .map_err(|e| Error::Invalid(format!("search index: {e}")))?;
        let index = with_search_threads(Index::open(ReadOnlyDir(mmap))?);
        analysis::register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex { index, reader, f })
    }

    /// A writer; fails with [`Error::Busy`] when another process is writing.
    pub fn writer(&self) -> Result<IndexWriter> {
        match self.index.writer_with_num_threads(1, 64_000_000) {
            Ok(w) => Ok(w),
            Err(tantivy::TantivyError::LockFailure(..)) => Err(Error::Busy),
            Err(e) => Err(e.into()),
        }
    }

    pub fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        Ok(())
    }

    pub fn delete(&self, w: &IndexWriter, doc_id: i64) {
        w.delete_term(Term::from_field_u64(self.f.doc_id, doc_id as u64));
    }

    /// Adds a document's records (the caller deleted older ones first).
    pub fn add(&self, w: &IndexWriter, d: &IndexDoc) -> Result<()> {
        let f = &self.f;
        let session = d
            .session
            .map(|s| s.to_string())
            .unwrap_or_else(|| NO_SESSION.to_string());
        let common = |doc: &mut TantivyDocument, page: u64| {
            doc.add_u64(f.doc_id, d.id as u64);
            doc.add_u64(f.page, page);
            doc.add_i64(f.cycle, d.cycle.unwrap_or(0));
            doc.add_text(f.session, &session);
            doc.add_text(f.kind, d.kind);
            doc.add_text(f.lang, d.lang.as_str());
        };
        let mut meta = TantivyDocument::default();
        common(&mut meta, 0);
        meta.add_text(f.title_lv, d.title);
        meta.add_text(f.title_exact, d.title);
        meta.add_text(f.file_name, d.file_name);
        if let Some(s) = d.session {
            meta.add_text(f.dates, s.to_string());
        }
        if let Some(s) = d.date {
            meta.add_text(f.dates, s.to_string());
        }
        w.add_document(meta)?;
        for (page, text) in &d.pages {
            let mut doc = TantivyDocument::default();
            common(&mut doc, *page as u64);
            // Latvian stems for every page (a query's language is not known, and English
            // pages name Latvian bodies); English stems where the page has English running
            // text: documents mix languages (Latvian plans with English annexes).
            doc.add_text(f.body_lv, text);
            if d.lang == Lang::En || analysis::has_english(text) {
                doc.add_text(f.body_en, text);
            }
            doc.add_text(f.body_exact, text);
            doc.add_text(f.body_pairs, text);
            let mut seen = Vec::new();
            for m in dates::find_dates(text) {
                if !seen.contains(&m.date) {
                    seen.push(m.date);
                    doc.add_text(f.dates, m.date.to_string());
                }
            }
            w.add_document(doc)?;
        }
        Ok(())
    }

    /// Pages matching the query, best first, at most `limit`.
    pub fn search_pages(&self, query: &dyn Query, limit: usize) -> Result<Vec<PageHit>> {
        let searcher = self.reader.searcher();
        let top = searcher.search(query, &TopDocs::with_limit(limit).order_by_score())?;
        let mut columns: HashMap<u32, (Column<u64>, Column<u64>)> = HashMap::new();
        let mut out = Vec::with_capacity(top.len());
        for (
            score,
            DocAddress {
                segment_ord,
                doc_id,
            },
        ) in top
        {
            if let std::collections::hash_map::Entry::Vacant(e) = columns.entry(segment_ord) {
                let ff = searcher.segment_reader(segment_ord).fast_fields();
                e.insert((ff.u64("doc_id")?, ff.u64("page")?));
            }
            let Some((ids, pages)) = columns.get(&segment_ord) else {
                continue;
            };
            let (Some(id), Some(page)) = (ids.first(doc_id), pages.first(doc_id)) else {
                continue;
            };
            out.push(PageHit {
                doc_id: id as i64,
                page: page as i64,
                score,
            });
        }
        Ok(out)
    }

    /// Every record matching the query as (doc id, page), unscored and unordered: counting
    /// (facets) needs no ranking, and skipping the scores makes a word on most pages cheap.
    pub fn matching_pages(&self, query: &dyn Query) -> Result<Vec<(i64, i64)>> {
        Ok(self.reader.searcher().search(query, &MatchingPages)?)
    }

    /// The records of these documents that match the query, as (doc id, page), unscored:
    /// all the pages of a hit, not only those among the best-scored pages.
    pub fn matching_pages_of(&self, query: &dyn Query, doc_ids: &[i64]) -> Result<Vec<(i64, i64)>> {
        if doc_ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids = TermSetQuery::new(
            doc_ids
                .iter()
                .map(|&id| Term::from_field_u64(self.f.doc_id, id as u64)),
        );
        let q = BooleanQuery::new(vec![
            (Occur::Must, query.box_clone()),
            (Occur::Must, Box::new(ids)),
        ]);
        self.matching_pages(&q)
    }

    /// Every document id that has live records in the index.
    pub fn indexed_ids(&self) -> Result<std::collections::HashSet<i64>> {
        let searcher = self.reader.searcher();
        let mut ids = std::collections::HashSet::new();
        for seg in searcher.segment_readers() {
            let col = seg.fast_fields().u64("doc_id")?;
            for doc in seg.doc_ids_alive() {
                if let Some(id) = col.first(doc) {
                    ids.insert(id as i64);
                }
            }
        }
        Ok(ids)
    }

    /// The archive's words (the exact-spelling field) with the number of pages each is on,
    /// for "did you mean" ([`suggest`]).
    pub fn vocabulary(&self) -> Result<suggest::Vocabulary> {
        Ok(suggest::Vocabulary::from_searcher(
            &self.reader.searcher(),
            self.f.body_exact,
        )?)
    }

    /// Number of documents in the index (title records), for a cheap consistency check.
    pub fn document_count(&self) -> Result<u64> {
        let searcher = self.reader.searcher();
        let q = TermQuery::new(
            Term::from_field_u64(self.f.page, 0),
            IndexRecordOption::Basic,
        );
        Ok(searcher.search(&q, &tantivy::collector::Count)? as u64)
    }
}

/// Collects (doc id, page) of every matching record from the fast fields, without scores.
struct MatchingPages;

struct MatchingPagesOfSegment {
    ids: Column<u64>,
    pages: Column<u64>,
    out: Vec<(i64, i64)>,
}

impl Collector for MatchingPages {
    type Fruit = Vec<(i64, i64)>;
    type Child = MatchingPagesOfSegment;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<MatchingPagesOfSegment> {
        let ff = reader.fast_fields();
        Ok(MatchingPagesOfSegment {
            ids: ff.u64("doc_id")?,
            pages: ff.u64("page")?,
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(i64, i64)>>) -> tantivy::Result<Vec<(i64, i64)>> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for MatchingPagesOfSegment {
    type Fruit = Vec<(i64, i64)>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let (Some(id), Some(page)) = (self.ids.first(doc), self.pages.first(doc)) {
            self.out.push((id as i64, page as i64));
        }
    }

    fn harvest(self) -> Vec<(i64, i64)> {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Filter;

    fn index_of(pages: &[&str]) -> (tempfile::TempDir, SearchIndex) {
        let dir = tempfile::tempdir().unwrap();
        let (index, _) = SearchIndex::open(dir.path()).unwrap();
        let mut w = index.writer().unwrap();
        index
            .add(
                &w,
                &IndexDoc {
                    id: 1,
                    title: "Sēdes protokols",
                    file_name: "protokols.pdf",
                    kind: "protocol",
                    lang: Lang::Lv,
                    cycle: Some(5),
                    session: None,
                    date: None,
                    pages: pages.iter().zip(1..).map(|(t, n)| (n, *t)).collect(),
                },
            )
            .unwrap();
        w.commit().unwrap();
        index.reload().unwrap();
        (dir, index)
    }

    fn pages_found(index: &SearchIndex, q: &str) -> Vec<i64> {
        let query = index.query(q, &Filter::default());
        let mut pages: Vec<i64> = index
            .matching_pages(&*query)
            .unwrap()
            .into_iter()
            .map(|(_, p)| p)
            .filter(|&p| p > 0)
            .collect();
        pages.sort_unstable();
        pages
    }

    #[test]
    fn quoted_phrases_find_the_words_together_in_that_order_in_any_form() {
        let (_dir, index) = index_of(&[
            "Sabiedrības līdzdalība ir svarīga.",
            "Līdzdalība sabiedrības labā.",
            "Iedzīvotāju līdzdalība un sabiedrības atklātība.",
            "Plāns stiprina sabiedrības līdzdalību pašvaldībās.",
            "Jauniešu iesaiste un iesaiste pašvaldībās.",
        ]);
        assert_eq!(pages_found(&index, "\"sabiedrības līdzdalība\""), [1, 4]);
        assert_eq!(pages_found(&index, "\"sabiedribas lidzdalibu\""), [1, 4]);
        assert_eq!(pages_found(&index, "sabiedrības līdzdalība"), [1, 2, 3, 4]);
        // Three words: both pairs ("jauniešu iesaiste", "iesaiste pašvaldībās") are on page
        // 5, but not as one phrase.
        assert!(pages_found(&index, "\"jauniešu iesaiste pašvaldībās\"").is_empty());
        assert_eq!(pages_found(&index, "\"līdzdalību pašvaldībās\" plāns"), [4]);
    }

    #[test]
    fn odd_queries_neither_panic_nor_lose_the_phrase() {
        let (_dir, index) = index_of(&[
            "Sabiedrības līdzdalība ir svarīga.",
            "Līdzdalība sabiedrības labā.",
        ]);
        for q in [
            "\"",
            "\"\"",
            "\" \"",
            "\"sabiedrības",
            "sabiedrības\"",
            "-\"sabiedrības līdzdalība\"",
            "\"sabiedrības  -  līdzdalība\"",
            "body_lv:\"sabiedrības līdzdalība\"",
            "((\"a b\")",
            "\"sabiedrības līdzdalība\"~2",
            "\"sabiedr*\"",
            ":",
            "OR",
            "\"a\" AND \"b c\"",
        ] {
            let _ = pages_found(&index, q);
        }
        // Punctuation between the words of a phrase is no word: still the phrase.
        assert_eq!(pages_found(&index, "\"sabiedrības, līdzdalība\""), [1]);
        // A phrase with slop keeps tantivy's phrase query (on the positions of body_lv).
        assert_eq!(pages_found(&index, "\"līdzdalība sabiedrības\"~2"), [1, 2]);
        assert_eq!(
            pages_found(&index, "-\"sabiedrības līdzdalība\" līdzdalība"),
            [2]
        );
    }

    #[test]
    fn the_pages_of_given_documents_that_match() {
        let (_dir, index) = index_of(&["Atklātība.", "Nekā.", "Atklātības plāns."]);
        let query = index.query("atklātība", &Filter::default());
        let mut got = index.matching_pages_of(&*query, &[1]).unwrap();
        got.sort_unstable();
        assert_eq!(got, [(1, 1), (1, 3)]);
        assert!(index.matching_pages_of(&*query, &[2]).unwrap().is_empty());
    }
}
