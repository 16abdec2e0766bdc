//! Snippets: the words a query matched, marked in the page text the catalogue keeps (the index
//! stores no text).

use tantivy::query::Query;
use tantivy::snippet::SnippetGenerator;

use super::SearchIndex;
use crate::error::Result;
use crate::model::Lang;

impl SearchIndex {
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
