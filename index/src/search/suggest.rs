//! "Did you mean": corrected spellings for a query that found little.
//!
//! Suggestions come first from the archive's own vocabulary — the words of its index, each
//! with the number of pages it is on — so what is suggested is what the archive can find,
//! spelt as the archive spells it (a surname, a place, an acronym no dictionary has). A typed
//! word is compared with the vocabulary on folded forms (no diacritics), by Damerau–Levenshtein
//! distance: `lidzdalbas` is one edit from `lidzdalibas`, the folded `līdzdalības`. The
//! closest word wins, then the most frequent, then one that a Latvian dictionary knows
//! (OCR and extraction leave misspelt words in any archive).
//!
//! The Latvian dictionary is Debian's `hunspell-lv` (`/usr/share/hunspell/lv_LV.aff/.dic`),
//! read by `spellbook` (a Rust rewrite of Nuspell). It says which words are correct and adds
//! its own suggestions for words too far from anything in the archive; only suggestions the
//! archive knows are offered, since a spelling that finds nothing does not help a search.
//! Without the dictionary (not installed, unreadable) the archive's vocabulary works alone.
//!
//! Deliberately not here: deciding *when* to suggest (the search does: when a query finds
//! little) and phonetic matching.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use tantivy::schema::Field;
use tantivy::Searcher;

use crate::latvian;

/// Words shorter than this (in characters) are not corrected: too many neighbours.
const MIN_WORD_CHARS: usize = 3;

/// Where the Debian package `hunspell-lv` puts the Latvian dictionary.
const SYSTEM_DICTIONARY_DIR: &str = "/usr/share/hunspell";

/// A corrected query.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The whole query with each corrected word replaced.
    pub query: String,
    pub corrections: Vec<Correction>,
}

/// One corrected word.
#[derive(Clone, Debug, PartialEq)]
pub struct Correction {
    pub typed: String,
    pub suggested: String,
    pub source: SuggestionSource,
}

/// Where a correction came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionSource {
    /// The archive's own words.
    Archive,
    /// The Latvian dictionary's suggestion (which the archive also has).
    Dictionary,
}

/// A word of the archive, folded: its spellings (lowercase, most pages first) and on how
/// many pages each is.
#[derive(Clone, Debug)]
struct Known {
    folded: Vec<char>,
    spellings: Vec<(String, u64)>,
    pages: u64,
}

/// The archive's words, folded, with their page counts.
#[derive(Default)]
pub struct Vocabulary {
    words: Vec<Known>,
    /// folded form → index into `words`
    by_folded: HashMap<String, usize>,
    /// The `lv` analyzer's keys (stemmed, folded) of every word: a typed word with such a
    /// key is found by the search in some inflection and needs no correction.
    keys: HashSet<String>,
    /// Word indices by folded length in characters.
    by_len: Vec<Vec<usize>>,
}

impl Vocabulary {
    /// The words of an index field whose analyzer only lowercases (`body_exact`), with the
    /// number of pages each is on, over every segment.
    pub fn from_searcher(searcher: &Searcher, field: Field) -> tantivy::Result<Vocabulary> {
        let mut counts: HashMap<String, u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let Ok(word) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                *counts.entry(word.to_string()).or_default() += stream.value().doc_freq as u64;
            }
        }
        Ok(Vocabulary::from_words(counts))
    }

    /// A vocabulary of (lowercase word, pages) pairs; words with digits or of fewer than
    /// three letters are left out (numbers and initials are not misspelt words).
    pub fn from_words(words: impl IntoIterator<Item = (String, u64)>) -> Vocabulary {
        let mut v = Vocabulary::default();
        for (word, pages) in words {
            if word.chars().count() < MIN_WORD_CHARS || !word.chars().all(char::is_alphabetic) {
                continue;
            }
            let mut key = word.clone();
            latvian::search_key(&mut key);
            v.keys.insert(key);
            let folded = latvian::fold_diacritics(&word).into_owned();
            match v.by_folded.get(&folded) {
                // Several spellings fold alike (`līdzdalība`, and `lidzdaliba` from a text
                // typed without diacritics): one word with both spellings.
                Some(&i) => {
                    let k = &mut v.words[i];
                    k.spellings.push((word, pages));
                    k.spellings
                        .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                    k.pages += pages;
                }
                None => {
                    let chars: Vec<char> = folded.chars().collect();
                    let len = chars.len();
                    v.by_folded.insert(folded, v.words.len());
                    if v.by_len.len() <= len {
                        v.by_len.resize(len + 1, Vec::new());
                    }
                    v.by_len[len].push(v.words.len());
                    v.words.push(Known {
                        folded: chars,
                        spellings: vec![(word, pages)],
                        pages,
                    });
                }
            }
        }
        v
    }

    /// Whether the search finds this word as typed: in this spelling, without diacritics, or
    /// in another inflection.
    pub fn knows(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        if self
            .by_folded
            .contains_key(latvian::fold_diacritics(&lower).as_ref())
        {
            return true;
        }
        let mut key = lower;
        latvian::search_key(&mut key);
        self.keys.contains(&key)
    }

    /// The archive's words at most `max` edits from `word` (compared folded), closest and
    /// most frequent first, with their distance.
    fn near(&self, word: &str, max: usize) -> Vec<(&Known, usize)> {
        let typed: Vec<char> = latvian::fold_diacritics(&word.to_lowercase())
            .chars()
            .collect();
        let n = typed.len();
        let mut out = Vec::new();
        for len in n.saturating_sub(max)..=n + max {
            for &i in self.by_len.get(len).map(Vec::as_slice).unwrap_or_default() {
                let k = &self.words[i];
                let d = strsim::generic_damerau_levenshtein(&typed, &k.folded);
                if d <= max {
                    out.push((k, d));
                }
            }
        }
        out.sort_by(|a, b| {
            (a.1.cmp(&b.1))
                .then(b.0.pages.cmp(&a.0.pages))
                .then(a.0.folded.cmp(&b.0.folded))
        });
        out
    }
}

/// A Hunspell dictionary read by `spellbook`.
pub struct Dictionary(spellbook::Dictionary);

impl Dictionary {
    /// Parses a dictionary from the texts of its `.aff` and `.dic` files.
    pub fn parse(aff: &str, dic: &str) -> Option<Dictionary> {
        match spellbook::Dictionary::new(aff, dic) {
            Ok(d) => Some(Dictionary(d)),
            Err(e) => {
                tracing::warn!("the Hunspell dictionary could not be read: {e}");
                None
            }
        }
    }

    /// Reads `lv_LV.aff` and `lv_LV.dic` from `dir`; `None` when they are missing or bad.
    pub fn load(dir: &Path) -> Option<Dictionary> {
        let aff = std::fs::read_to_string(dir.join("lv_LV.aff")).ok()?;
        let dic = std::fs::read_to_string(dir.join("lv_LV.dic")).ok()?;
        Dictionary::parse(&aff, &dic)
    }

    /// The system's Latvian dictionary (`$OGP_HUNSPELL_DIR`, else Debian's place), read once
    /// per process; `None` when `hunspell-lv` is not installed.
    pub fn latvian() -> Option<&'static Dictionary> {
        static LV: OnceLock<Option<Dictionary>> = OnceLock::new();
        LV.get_or_init(|| {
            let dir = std::env::var_os("OGP_HUNSPELL_DIR")
                .map(std::path::PathBuf::from)
                .unwrap_or_else(|| SYSTEM_DICTIONARY_DIR.into());
            Dictionary::load(&dir)
        })
        .as_ref()
    }

    pub fn check(&self, word: &str) -> bool {
        self.0.check(word)
    }

    pub fn suggest(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.0.suggest(word, &mut out);
        out
    }
}

/// Suggests corrections from a vocabulary and, when there is one, a dictionary.
pub struct Suggester<'a> {
    pub vocabulary: &'a Vocabulary,
    pub dictionary: Option<&'a Dictionary>,
}

impl Suggester<'_> {
    /// A corrected query, or `None` when every word is known to the archive (or nothing
    /// better is known). Operators (`AND`, `OR`, `NOT`), field names, numbers and words
    /// after `-` are kept as typed.
    pub fn suggest(&self, query: &str) -> Option<Suggestion> {
        let mut text = String::with_capacity(query.len());
        let mut corrections = Vec::new();
        let mut last = 0;
        for (start, word) in word_spans(query) {
            let before = &query[..start];
            if before.ends_with('-')
                || query[start + word.len()..].starts_with(':')
                || matches!(word, "AND" | "OR" | "NOT")
                || word.chars().count() < MIN_WORD_CHARS
                || !word.chars().all(char::is_alphabetic)
            {
                continue;
            }
            let Some(c) = self.correct(word) else {
                continue;
            };
            text.push_str(&query[last..start]);
            text.push_str(&c.suggested);
            last = start + word.len();
            corrections.push(c);
        }
        if corrections.is_empty() {
            return None;
        }
        text.push_str(&query[last..]);
        Some(Suggestion {
            query: text,
            corrections,
        })
    }

    /// A correction of one word, in the typed word's case (`Nikiforov` → `Ņikiforovs`).
    fn correct(&self, word: &str) -> Option<Correction> {
        if self.vocabulary.knows(word) {
            return None;
        }
        let correct_word = self.dictionary.is_some_and(|d| d.check(word));
        // A real word the archive lacks gets only a very close neighbour.
        let max = if correct_word || word.chars().count() <= 4 {
            1
        } else {
            2
        };
        let near = self.vocabulary.near(word, max);
        let spelling = |k: &Known| k.spellings[0].0.clone();
        let best = match (near.first(), self.dictionary) {
            (Some(&(_, d)), Some(dict)) => {
                // Among the closest, a spelling the dictionary knows beats a misspelt one,
                // however frequent (OCR, texts typed without diacritics).
                near.iter()
                    .take_while(|n| n.1 == d)
                    .flat_map(|n| n.0.spellings.iter())
                    .find(|s| dict.check(&s.0))
                    .map(|s| s.0.clone())
                    .or_else(|| near.first().map(|n| spelling(n.0)))
            }
            (Some(&(k, _)), None) => Some(spelling(k)),
            (None, _) => None,
        };
        if let Some(best) = best {
            return Some(Correction {
                typed: word.to_string(),
                suggested: same_case(word, &best),
                source: SuggestionSource::Archive,
            });
        }
        let dict = self.dictionary?;
        if correct_word {
            return None;
        }
        dict.suggest(word)
            .into_iter()
            .find(|s| self.vocabulary.knows(s))
            .map(|s| Correction {
                typed: word.to_string(),
                suggested: s,
                source: SuggestionSource::Dictionary,
            })
    }
}

/// The words of a query with their byte offsets.
fn word_spans(query: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in query.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &query[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &query[s..]));
    }
    out
}

/// `suggested` (lowercase, from the index) capitalised like `typed`.
fn same_case(typed: &str, suggested: &str) -> String {
    let upper = |s: &str| s.chars().any(char::is_uppercase);
    if typed.chars().count() > 1 && typed.chars().all(|c| !c.is_lowercase()) {
        return suggested.to_uppercase();
    }
    if typed.chars().next().is_some_and(char::is_uppercase) && !upper(suggested) {
        let mut c = suggested.chars();
        return c
            .next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default();
    }
    suggested.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary::from_words(
            [
                ("līdzdalības", 40),
                ("līdzdalība", 60),
                ("līdzdalību", 20),
                ("līdzdalībā", 5),
                ("lidzdalibas", 1), // a file name typed without diacritics
                ("ņikiforovs", 2),
                ("budžets", 30),
                ("apņemšanās", 50),
                ("2023", 9),
                ("un", 500),
            ]
            .into_iter()
            .map(|(w, n)| (w.to_string(), n)),
        )
    }

    fn suggest(v: &Vocabulary, d: Option<&Dictionary>, q: &str) -> Option<String> {
        Suggester {
            vocabulary: v,
            dictionary: d,
        }
        .suggest(q)
        .map(|s| s.query)
    }

    #[test]
    fn a_typo_gets_the_archives_spelling() {
        let v = vocabulary();
        assert_eq!(
            suggest(&v, None, "lidzdalbas").as_deref(),
            Some("līdzdalības")
        );
        assert_eq!(
            suggest(&v, None, "Nikiforof").as_deref(),
            Some("Ņikiforovs")
        );
        assert_eq!(
            suggest(&v, None, "lidzdalbas budzets 2023").as_deref(),
            Some("līdzdalības budzets 2023"),
            "known words (folded, other inflections) and numbers stay as typed"
        );
        assert_eq!(suggest(&v, None, "-lidzdalbas apnemsanas OR budžets"), None);
    }

    #[test]
    fn words_the_search_finds_get_no_suggestion() {
        let v = vocabulary();
        for q in [
            "līdzdalība",
            "lidzdaliba",
            "līdzdalībai",
            "Nikiforov",
            "budzetu",
        ] {
            assert_eq!(suggest(&v, None, q), None, "{q}");
        }
        // Too far from every word: nothing rather than nonsense.
        assert_eq!(suggest(&v, None, "sabiedrība"), None);
    }

    #[test]
    fn the_closest_then_the_most_frequent_word_wins() {
        let v = Vocabulary::from_words(
            [("padome", 3), ("padomē", 40), ("pamode", 90)].map(|(w, n)| (w.to_string(), n)),
        );
        // padome/padomē fold alike: one word, spelt as most pages spell it.
        assert_eq!(suggest(&v, None, "padpme").as_deref(), Some("padomē"));
    }

    #[test]
    fn a_dictionary_prefers_real_words_and_adds_its_own_corrections() {
        // A tiny Hunspell dictionary, parsed by spellbook as the system one is.
        let aff = "SET UTF-8\nTRY aāb\nREP 1\nREP ks x\n";
        let dic = "3\nsaksofons\nbudžets\npadome\n";
        let d = Dictionary::parse(aff, dic).expect("dictionary");
        assert!(d.check("budžets") && !d.check("budzhets"));
        let v = Vocabulary::from_words(
            [("padome", 10), ("padoma", 30), ("saksofons", 1)].map(|(w, n)| (w.to_string(), n)),
        );
        // Equally close: the word the dictionary knows, though less frequent.
        assert_eq!(suggest(&v, Some(&d), "padomx").as_deref(), Some("padome"));
        assert_eq!(suggest(&v, None, "padomx").as_deref(), Some("padoma"));
    }

    #[test]
    fn the_vocabulary_comes_from_the_index_terms() {
        use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
        let mut b = Schema::builder();
        let field = b.add_text_field(
            "body_exact",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(crate::search::analysis::EXACT)
                    .set_index_option(IndexRecordOption::WithFreqs),
            ),
        );
        let index = tantivy::Index::create_in_ram(b.build());
        crate::search::analysis::register(&index);
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for text in [
            "Līdzdalības budžets Ķekavā.",
            "Sabiedrības līdzdalības vadlīnijas.",
        ] {
            let mut doc = tantivy::TantivyDocument::default();
            doc.add_text(field, text);
            w.add_document(doc).unwrap();
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let v = Vocabulary::from_searcher(&searcher, field).unwrap();
        assert!(v.knows("lidzdalibas") && v.knows("Ķekava"));
        assert_eq!(
            suggest(&v, None, "lidzdalbas").as_deref(),
            Some("līdzdalības")
        );
    }

    #[test]
    fn the_system_latvian_dictionary_when_installed() {
        let Some(d) = Dictionary::latvian() else {
            eprintln!("hunspell-lv is not installed: the archive's vocabulary works alone");
            return;
        };
        assert!(d.check("līdzdalības"));
        assert!(!d.check("lidzdalbas"));
        let v = Vocabulary::from_words(
            [("līdzdalības", 4), ("lidzdalibas", 9)].map(|(w, n)| (w.to_string(), n)),
        );
        // The misspelt form is more frequent, the dictionary picks the right one.
        assert_eq!(
            suggest(&v, Some(d), "lidzdalbas").as_deref(),
            Some("līdzdalības")
        );
    }
}
