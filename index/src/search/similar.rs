//! Pages like a given text: tantivy's more-like-this over the Latvian body field.
//!
//! The index stores no text, so the text comes from the catalogue and is handed to
//! [`MoreLikeThisQuery`] as field values: its most telling terms (frequent in the text, rare in
//! the archive) become one query. Grouping the pages by document and weighing the session is
//! the archive's part ([`crate::archive`]).

use tantivy::query::MoreLikeThisQuery;
use tantivy::schema::OwnedValue;

use super::{PageHit, SearchIndex};
use crate::error::Result;

/// At most this many characters of a document are read for its terms: the first pages say
/// what it is about, and the query stays small.
const MAX_CHARS: usize = 30_000;

impl SearchIndex {
    /// The pages most like `text`, best first, at most `limit`.
    pub fn pages_like(&self, text: &str, limit: usize) -> Result<Vec<PageHit>> {
        let text: String = text.chars().take(MAX_CHARS).collect();
        let query = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_max_doc_frequency(
                // A term on more than a third of all pages says nothing about the document.
                (self.reader.searcher().num_docs() / 3).max(2),
            )
            .with_min_term_frequency(2)
            .with_max_query_terms(30)
            .with_min_word_length(4)
            .with_document_fields(vec![(self.f.body_lv, vec![OwnedValue::Str(text)])]);
        self.search_pages(&query, limit)
    }
}
