//! The index's fields: one record per page (and one per document for its title and file name,
//! page 0), each body field analysed one way (tantivy: one tokenizer per field), and the filter
//! fields.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STRING,
};

use super::analysis;

/// Bumped when the schema or analyzers change; a mismatch rebuilds the index from the catalog.
pub const SCHEMA_VERSION: &str = "3";

#[derive(Clone, Copy)]
pub(super) struct Fields {
    pub(super) doc_id: Field,
    pub(super) page: Field,
    pub(super) body_lv: Field,
    pub(super) body_en: Field,
    pub(super) body_exact: Field,
    pub(super) body_pairs: Field,
    pub(super) title_lv: Field,
    pub(super) title_exact: Field,
    pub(super) file_name: Field,
    pub(super) cycle: Field,
    pub(super) session: Field,
    pub(super) kind: Field,
    pub(super) lang: Field,
    pub(super) dates: Field,
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

pub(super) fn schema() -> (Schema, Fields) {
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
