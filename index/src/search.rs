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
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery, TermSetQuery};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentOrdinal,
    SegmentReader, TantivyDocument, Term,
};

use crate::analysis;
use crate::dates;
use crate::error::{Error, Result};
use crate::model::{Filter, Lang};

/// Bumped when the schema or analyzers change; a mismatch rebuilds the index from the catalog.
pub const SCHEMA_VERSION: &str = "3";

#[derive(Clone, Copy)]
struct Fields {
    doc_id: Field,
    page: Field,
    body_lv: Field,
    body_en: Field,
    body_exact: Field,
    body_pairs: Field,
    title_lv: Field,
    title_exact: Field,
    file_name: Field,
    cycle: Field,
    session: Field,
    kind: Field,
    lang: Field,
    dates: Field,
}

fn text_field(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// A text field with term frequencies but no positions: no phrase queries on it.
fn text_field_without_positions(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let f = Fields {
        doc_id: b.add_u64_field("doc_id", INDEXED | FAST),
        page: b.add_u64_field("page", INDEXED | FAST),
        body_lv: b.add_text_field("body_lv", text_field(analysis::LV)),
        body_en: b.add_text_field("body_en", text_field(analysis::EN)),
        // Exact spelling ranks words; phrases are matched on the stemmed fields. Positions on
        // a third body field made every phrase of common words read three position lists
        // per page (BENCHMARKS.md: p99 of search).
        body_exact: b.add_text_field("body_exact", text_field_without_positions(analysis::EXACT)),
        // Neighbouring words as one term: quoted phrases look these up (see `phrase_ast`).
        body_pairs: b.add_text_field("body_pairs", text_field_without_positions(analysis::PAIRS)),
        title_lv: b.add_text_field("title_lv", text_field(analysis::LV)),
        title_exact: b.add_text_field("title_exact", text_field(analysis::EXACT)),
        file_name: b.add_text_field("file_name", text_field(analysis::FOLD)),
        cycle: b.add_i64_field("cycle", INDEXED),
        session: b.add_text_field("session", STRING),
        kind: b.add_text_field("kind", STRING),
        lang: b.add_text_field("lang", STRING),
        dates: b.add_text_field("dates", STRING),
    };
    (b.build(), f)
}

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
        let index = Index::open(ReadOnlyDir(mmap))?;
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

    /// Builds the query for what a user typed plus filters. Dates in the query (any usual
    /// form) match pages that mention that date in any form and the documents of the session
    /// held that day.
    pub fn query(&self, text: &str, filter: &Filter) -> Box<dyn Query> {
        let f = &self.f;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut rest = String::with_capacity(text.len());
        let mut last = 0;
        let whole = dates::parse_date(text);
        let mentions: Vec<(usize, usize, NaiveDate)> = match whole {
            Some(d) => vec![(0, text.len(), d)],
            None => {
                // A date inside a quoted phrase stays part of the phrase.
                let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
                let quoted = |pos: usize| quotes.iter().filter(|&&q| q < pos).count() % 2 == 1;
                dates::find_dates(text)
                    .into_iter()
                    .filter(|m| !quoted(m.start) && !quoted(m.end))
                    .map(|m| (m.start, m.end, m.date))
                    .collect()
            }
        };
        for (start, end, date) in mentions {
            if start < last || end > text.len() {
                continue;
            }
            rest.push_str(text.get(last..start).unwrap_or(""));
            rest.push(' ');
            last = end;
            let d = date.to_string();
            // The date as typed, as a phrase: pages with that very spelling rank first.
            if let Some(literal) = text.get(start..end) {
                let words: Vec<&str> = literal
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                if !words.is_empty() {
                    let q = self.parse_user_text(&format!("\"{}\"", words.join(" ")));
                    clauses.push((Occur::Should, q));
                }
            }
            clauses.push((
                Occur::Must,
                Box::new(BooleanQuery::new(vec![
                    (Occur::Should, term_query(f.dates, &d)),
                    (Occur::Should, term_query(f.session, &d)),
                ])),
            ));
        }
        rest.push_str(text.get(last..).unwrap_or(""));
        if !rest.trim().is_empty() {
            clauses.push((Occur::Must, self.parse_user_text(rest.trim())));
        }
        self.add_filters(&mut clauses, filter);
        Box::new(BooleanQuery::new(clauses))
    }

    /// The query for what a user typed (words, "phrases", OR, -word …). Quoted phrases are
    /// looked up as word pairs (see [`phrase_ast`]); the rest is tantivy's query language.
    fn parse_user_text(&self, text: &str) -> Box<dyn Query> {
        let (ast, _errors) = tantivy::query_grammar::parse_query_lenient(text);
        let (q, _errors) = self
            .text_parser()
            .build_query_from_user_input_ast_lenient(phrases_to_pairs(ast));
        q
    }

    /// The query whose words snippets mark: what the user typed, phrases as phrases (the
    /// pair terms of [`Self::query`] are not words of a page).
    pub fn highlight_query(&self, text: &str) -> Box<dyn Query> {
        self.text_parser().parse_query_lenient(text).0
    }

    /// The parser for what users type: every text field, all words required by default.
    fn text_parser(&self) -> QueryParser {
        let f = &self.f;
        let mut parser = QueryParser::for_index(
            &self.index,
            vec![
                f.body_lv,
                f.body_en,
                f.body_exact,
                f.title_lv,
                f.title_exact,
                f.file_name,
            ],
        );
        parser.set_conjunction_by_default();
        // Exact spelling outranks a stemmed or folded match; titles outrank body text.
        parser.set_field_boost(f.body_exact, 1.5);
        parser.set_field_boost(f.title_lv, 1.5);
        parser.set_field_boost(f.title_exact, 2.0);
        parser.set_field_boost(f.file_name, 1.2);
        parser
    }

    fn add_filters(&self, clauses: &mut Vec<(Occur, Box<dyn Query>)>, filter: &Filter) {
        let f = &self.f;
        if let Some(c) = filter.cycle {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_i64(f.cycle, c),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(s) = filter.session {
            clauses.push((Occur::Must, term_query(f.session, &s.to_string())));
        } else if filter.without_session {
            clauses.push((Occur::Must, term_query(f.session, NO_SESSION)));
        }
        if let Some(k) = filter.kind {
            clauses.push((Occur::Must, term_query(f.kind, k.as_str())));
        }
        if let Some(l) = filter.lang {
            clauses.push((Occur::Must, term_query(f.lang, l.as_str())));
        }
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

    /// Snippet makers for a query: (Latvian body, English body, exact body).
    pub fn snippet_generators(&self, query: &dyn Query) -> Result<[SnippetGenerator; 3]> {
        let searcher = self.reader.searcher();
        let make = |field| -> Result<SnippetGenerator> {
            let mut g = SnippetGenerator::create(&searcher, query, field)?;
            g.set_max_num_chars(220);
            Ok(g)
        };
        Ok([
            make(self.f.body_lv)?,
            make(self.f.body_en)?,
            make(self.f.body_exact)?,
        ])
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

/// Rewrites every quoted phrase of a parsed query (see [`phrase_ast`]).
fn phrases_to_pairs(ast: UserInputAst) -> UserInputAst {
    match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, a)| (occur, phrases_to_pairs(a)))
                .collect(),
        ),
        UserInputAst::Boost(a, boost) => UserInputAst::Boost(Box::new(phrases_to_pairs(*a)), boost),
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(lit)
                if lit.field_name.is_none()
                    && lit.delimiter == Delimiter::DoubleQuotes
                    && lit.slop == 0
                    && !lit.prefix =>
            {
                phrase_ast(lit)
            }
            other => UserInputAst::Leaf(Box::new(other)),
        },
    }
}

/// A quoted phrase of the body text as word pairs: "a b c" must have the pairs "a b" and "b
/// c" (stemmed and folded as the Latvian field), and, from three words on, the Latvian phrase
/// itself, which then reads positions only on the pages that have both pairs. A phrase of
/// two common words ("sabiedrības līdzdalība", on 37,436 of 95,845 pages) was a walk through
/// the positions of every page with both words: 6–13 ms; as one pair term it is a lookup
/// that tantivy's block-max WAND cuts short. Titles, file names and English pages keep
/// their phrase queries (short fields, few pages).
fn phrase_ast(lit: UserInputLiteral) -> UserInputAst {
    let words: Vec<&str> = lit
        .phrase
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let on = |field: &str, phrase: String| {
        UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(UserInputLiteral {
            field_name: Some(field.to_string()),
            phrase,
            delimiter: Delimiter::DoubleQuotes,
            slop: 0,
            prefix: false,
        })))
    };
    if words.len() < 2 {
        return UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(lit)));
    }
    let mut body: Vec<(Option<tantivy::query_grammar::Occur>, UserInputAst)> = words
        .windows(2)
        .map(|w| {
            (
                Some(tantivy::query_grammar::Occur::Must),
                on("body_pairs", format!("{} {}", w[0], w[1])),
            )
        })
        .collect();
    if words.len() > 2 {
        body.push((
            Some(tantivy::query_grammar::Occur::Must),
            on("body_lv", lit.phrase.clone()),
        ));
    }
    let mut alternatives = vec![(
        Some(tantivy::query_grammar::Occur::Should),
        UserInputAst::Clause(body),
    )];
    for field in ["body_en", "title_lv", "title_exact", "file_name"] {
        alternatives.push((
            Some(tantivy::query_grammar::Occur::Should),
            on(field, lit.phrase.clone()),
        ));
    }
    UserInputAst::Clause(alternatives)
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

fn term_query(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// Snippet for a page text: matched words in `<b>`…`</b>`, the rest HTML-escaped.
pub fn snippet(gens: &[SnippetGenerator; 3], lang: Lang, text: &str) -> String {
    let order = match lang {
        Lang::Lv => [&gens[0], &gens[1], &gens[2]],
        Lang::En => [&gens[1], &gens[0], &gens[2]],
    };
    for g in order {
        let s = g.snippet(text);
        if !s.highlighted().is_empty() {
            return s.to_html().replace('\n', " ");
        }
    }
    // No word to mark (e.g. a date-only query): the start of the page.
    let start: String = text.chars().take(200).collect();
    html_escape(&start).replace('\n', " ")
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The index directory of a read-only archive: reads go to the files, writes are refused, and
/// locks are not taken (there is no writer to guard against, and a lock file cannot be
/// created). tantivy's own directories always take their lock files, hence this wrapper.
#[derive(Clone, Debug)]
struct ReadOnlyDir(tantivy::directory::MmapDirectory);

fn read_only_error() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::ReadOnlyFilesystem,
        "the archive is open read-only",
    )
}

impl tantivy::Directory for ReadOnlyDir {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> Result<
        std::sync::Arc<dyn tantivy::directory::FileHandle>,
        tantivy::directory::error::OpenReadError,
    > {
        self.0.get_file_handle(path)
    }

    fn delete(&self, _path: &Path) -> Result<(), tantivy::directory::error::DeleteError> {
        Ok(())
    }

    fn exists(&self, path: &Path) -> Result<bool, tantivy::directory::error::OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(
        &self,
        path: &Path,
    ) -> Result<tantivy::directory::WritePtr, tantivy::directory::error::OpenWriteError> {
        Err(tantivy::directory::error::OpenWriteError::wrap_io_error(
            read_only_error(),
            path.to_path_buf(),
        ))
    }

    fn atomic_read(
        &self,
        path: &Path,
    ) -> Result<Vec<u8>, tantivy::directory::error::OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> std::io::Result<()> {
        Err(read_only_error())
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }

    fn acquire_lock(
        &self,
        _lock: &tantivy::directory::Lock,
    ) -> Result<tantivy::directory::DirectoryLock, tantivy::directory::error::LockError> {
        Ok(tantivy::directory::DirectoryLock::from(Box::new(())))
    }

    fn watch(
        &self,
        callback: tantivy::directory::WatchCallback,
    ) -> tantivy::Result<tantivy::directory::WatchHandle> {
        self.0.watch(callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
