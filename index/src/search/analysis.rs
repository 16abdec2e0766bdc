//! Text analysis for the search index: the tantivy analyzers that make Latvian text findable
//! with or without diacritics and in any inflected form.
//!
//! Field analyzers (registered on the index by [`register`]):
//! - `lv`: words, lowercased, Latvian light stemmer, then diacritics folded. Stemming runs
//!   before folding so the stemmer's rules see the real endings (DOMAIN.md).
//! - `en`: words, lowercased, English (Porter/Snowball) stemmer, then folded.
//! - `exact`: words, lowercased only, so exact spelling (diacritics and ending) ranks first.
//! - `fold`: words, lowercased and folded, no stemming (titles and file names).
//! - `pairs`: each two neighbouring words as one term, analysed as by `lv` ("sabiedrib
//!   lidzdalib"), so that a quoted phrase is a term lookup instead of a walk through the
//!   positions of every page with both words (Elasticsearch's `index_phrases`, Lucene's
//!   shingles; tantivy has no such filter, hence [`Pairs`]).

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
pub const PAIRS: &str = "pairs";

/// Longest token kept; longer "words" are binary garbage or URLs.
const MAX_TOKEN_BYTES: usize = 60;

pub fn register(index: &tantivy::Index) {
    let m = index.tokenizers();
    m.register(LV, lv_analyzer());
    m.register(EN, en_analyzer());
    m.register(EXACT, exact_analyzer());
    m.register(FOLD, fold_analyzer());
    m.register(PAIRS, pairs_analyzer());
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

pub fn pairs_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(LatvianStemFold)
        .filter(Pairs)
        .build()
}

pub fn fold_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(Fold)
        .build()
}

/// Whether a page has English running text, so that it is worth indexing English stems.
///
/// Counts English function words (not content words: Latvian pages name the "Open
/// Government Partnership" in English) against Latvian evidence (words with Latvian letters,
/// Latvian function words). A page is English enough when it has at least three English
/// function words and they are not drowned in Latvian: an English page, a bilingual page, a
/// Latvian page with an English paragraph or annex count; a Latvian page quoting an English
/// phrase or two does not. Indexing English stems only where there is English saves about
/// 40 % of the indexing CPU and a third of the index (BENCHMARKS.md); English words on a
/// Latvian page stay findable in their exact and Latvian-analysed forms.
pub fn has_english(text: &str) -> bool {
    const EN: &[&str] = &[
        "the", "and", "of", "in", "is", "for", "on", "with", "that", "by", "this", "are", "be",
        "from", "an", "or", "at", "was", "which", "will", "have", "has", "were", "their", "its",
        "not", "these", "should", "been",
    ];
    // Latvian function words without Latvian letters ("to", "it" are both languages').
    const LV: &[&str] = &[
        "un", "ir", "par", "ar", "no", "uz", "lai", "tas", "ka", "vai", "kas", "bet", "pie",
        "tiek", "tika", "ko", "gan", "jau", "kur", "ja", "tad", "tikai", "var",
    ];
    let (mut en, mut lv) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        if !word.is_ascii() {
            if word.chars().any(|c| "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ".contains(c)) {
                lv += 1;
            }
        } else if word.len() <= 6 {
            if EN.iter().any(|w| w.eq_ignore_ascii_case(word)) {
                en += 1;
            } else if LV.iter().any(|w| w.eq_ignore_ascii_case(word)) {
                lv += 1;
            }
        }
    }
    en >= 3 && en * 6 >= lv
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

/// Token filter: each two neighbouring tokens as one token, joined by a space (which no
/// token contains).
#[derive(Clone, Copy)]
pub struct Pairs;

#[derive(Clone)]
pub struct PairsTokenizer<T>(T);

impl TokenFilter for Pairs {
    type Tokenizer<T: Tokenizer> = PairsTokenizer<T>;
    fn transform<T: Tokenizer>(self, inner: T) -> PairsTokenizer<T> {
        PairsTokenizer(inner)
    }
}

impl<T: Tokenizer> Tokenizer for PairsTokenizer<T> {
    type TokenStream<'a> = PairsStream<T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PairsStream {
            tail: self.0.token_stream(text),
            previous: None,
            token: Token::default(),
        }
    }
}

pub struct PairsStream<S> {
    tail: S,
    /// The previous token: (text, start offset, position).
    previous: Option<(String, usize, usize)>,
    token: Token,
}

impl<S: TokenStream> TokenStream for PairsStream<S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let t = self.tail.token();
            let Some((text, from, position)) = self.previous.as_mut() else {
                self.previous = Some((t.text.clone(), t.offset_from, t.position));
                continue;
            };
            self.token.text.clear();
            self.token.text.push_str(text);
            self.token.text.push(' ');
            self.token.text.push_str(&t.text);
            self.token.offset_from = *from;
            self.token.offset_to = t.offset_to;
            self.token.position = *position;
            text.clear();
            text.push_str(&t.text);
            *from = t.offset_from;
            *position = t.position;
            return true;
        }
        false
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
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
    fn english_text_is_told_from_latvian_text_with_english_names() {
        assert!(has_english(
            "The action plan was adopted by the council and published on the portal."
        ));
        assert!(has_english(
            "Sēdes protokols. Annex: the commitments of the plan and their milestones are listed in the table."
        ));
        // A page of Latvian with one English sentence: not worth English stems.
        let latvian = "Padomes sēdē piedalījās Valsts kancelejas pārstāvji un biedrību \
            pārstāvji. Sēdes vadītājs informēja par rīcības plāna īstenošanas gaitu un \
            izvērtējumu. Dalībnieki vienojās par nākamās sēdes darba kārtību un termiņiem. ";
        let page = format!(
            "{} The report of the mechanism is in the annex.",
            latvian.repeat(4)
        );
        assert!(!has_english(&page));
        let page = format!(
            "{latvian} {}",
            "The report of the mechanism is in the annex. ".repeat(4)
        );
        assert!(has_english(&page));
        assert!(!has_english(
            "Latvija pievienojās Open Government Partnership 2011. gadā; to apstiprināja valdība."
        ));
        assert!(!has_english(""));
    }

    #[test]
    fn neighbouring_words_pair_up_in_their_search_keys() {
        let pairs = terms(&mut pairs_analyzer(), "Sabiedrības līdzdalība, 2023.");
        assert_eq!(pairs.len(), 2);
        assert_eq!(
            pairs[0],
            format!("{} {}", lv("sabiedrības")[0], lv("līdzdalība")[0])
        );
        // Any form, with or without diacritics, makes the same pair.
        assert_eq!(
            terms(&mut pairs_analyzer(), "sabiedribas lidzdalibai")[0],
            pairs[0]
        );
        assert!(terms(&mut pairs_analyzer(), "vārds").is_empty());
    }

    #[test]
    fn english_is_stemmed() {
        assert_eq!(
            terms(&mut en_analyzer(), "Reports reporting"),
            ["report", "report"]
        );
    }
}
