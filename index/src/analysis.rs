//! Text analysis for the search index: the tantivy analyzers that make Latvian text findable
//! with or without diacritics and in any inflected form.
//!
//! Field analyzers (registered on the index by [`register`]):
//! - `lv`: words, lowercased, Latvian light stemmer, then diacritics folded. Stemming runs
//!   before folding so the stemmer's rules see the real endings (DOMAIN.md).
//! - `en`: words, lowercased, English (Porter/Snowball) stemmer, then folded.
//! - `exact`: words, lowercased only, so exact spelling (diacritics and ending) ranks first.
//! - `fold`: words, lowercased and folded, no stemming (titles and file names).

use std::mem;

use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

use crate::latvian;

pub const LV: &str = "lv";
pub const EN: &str = "en";
pub const EXACT: &str = "exact";
pub const FOLD: &str = "fold";

/// Longest token kept; longer "words" are binary garbage or URLs.
const MAX_TOKEN_BYTES: usize = 60;

pub fn register(index: &tantivy::Index) {
    let m = index.tokenizers();
    m.register(LV, lv_analyzer());
    m.register(EN, en_analyzer());
    m.register(EXACT, exact_analyzer());
    m.register(FOLD, fold_analyzer());
}

pub fn lv_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(LatvianStemFold)
        .build()
}

pub fn en_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .filter(Fold)
        .build()
}

pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .build()
}

pub fn fold_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(Fold)
        .build()
}

/// The terms an analyzer makes of a text (tests and query explanation).
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Token filter: Latvian light stemmer, then diacritic folding, in place.
#[derive(Clone, Copy)]
pub struct LatvianStemFold;

/// Token filter: diacritic folding only.
#[derive(Clone, Copy)]
pub struct Fold;

#[derive(Clone)]
pub struct Filtered<T> {
    inner: T,
    stem: bool,
}

impl TokenFilter for LatvianStemFold {
    type Tokenizer<T: Tokenizer> = Filtered<T>;
    fn transform<T: Tokenizer>(self, inner: T) -> Filtered<T> {
        Filtered { inner, stem: true }
    }
}

impl TokenFilter for Fold {
    type Tokenizer<T: Tokenizer> = Filtered<T>;
    fn transform<T: Tokenizer>(self, inner: T) -> Filtered<T> {
        Filtered { inner, stem: false }
    }
}

impl<T: Tokenizer> Tokenizer for Filtered<T> {
    type TokenStream<'a> = FilteredStream<T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        FilteredStream {
            tail: self.inner.token_stream(text),
            stem: self.stem,
            buffer: String::new(),
        }
    }
}

pub struct FilteredStream<S> {
    tail: S,
    stem: bool,
    buffer: String,
}

impl<S: TokenStream> TokenStream for FilteredStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        if self.stem {
            // Stemmed with its diacritics, then folded; a word typed without diacritics is
            // stemmed on folded endings, so both spellings meet on one key.
            latvian::search_key(text);
        } else if !text.is_ascii() {
            self.buffer.clear();
            self.buffer.push_str(&latvian::fold_diacritics(text));
            mem::swap(text, &mut self.buffer);
        }
        true
    }
    fn token(&self) -> &Token {
        self.tail.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lv(text: &str) -> Vec<String> {
        terms(&mut lv_analyzer(), text)
    }

    #[test]
    fn inflected_forms_with_and_without_diacritics_share_a_term() {
        let key = lv("līdzdalība");
        for form in [
            "līdzdalības",
            "līdzdalībā",
            "līdzdalību",
            "lidzdaliba",
            "LĪDZDALĪBAS",
            "lidzdalibas",
        ] {
            assert_eq!(lv(form), key, "{form}");
        }
        let key = lv("sabiedrība");
        for form in ["sabiedrības", "sabiedrībai", "sabiedrību", "sabiedriba"] {
            assert_eq!(lv(form), key, "{form}");
        }
    }

    #[test]
    fn exact_keeps_spelling_and_fold_drops_diacritics() {
        assert_eq!(
            terms(&mut exact_analyzer(), "Sēdes Protokols"),
            ["sēdes", "protokols"]
        );
        assert_eq!(
            terms(&mut fold_analyzer(), "Sēdes_protokols.pdf"),
            ["sedes", "protokols", "pdf"]
        );
    }

    #[test]
    fn english_is_stemmed() {
        assert_eq!(
            terms(&mut en_analyzer(), "Reports reporting"),
            ["report", "report"]
        );
    }
}
