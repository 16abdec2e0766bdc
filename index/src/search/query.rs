//! Queries: what a user typed, parsed with tantivy's query grammar, quoted phrases rewritten
//! to word pairs, dates lifted out and matched in any form, plus filters.

use chrono::NaiveDate;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::{SearchIndex, NO_SESSION};
use crate::dates;
use crate::model::Filter;

impl SearchIndex {
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

fn term_query(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}
