//! The bilingual OGP glossary: a query in one language also searched in the other.
//!
//! A Latvian plan speaks of `līdzdalības budžets` where an IRM report says `participatory
//! budgeting`; neither analyzer can bridge that. The glossary (`index/data/glossary.tsv`,
//! reviewed pairs, data not code) is matched against a query on the keys the index itself uses:
//! Latvian terms on the `lv` analyzer's keys (stemmed, then folded: any inflection, with or
//! without diacritics), English terms on the `en` analyzer's (Porter stems). The longest term
//! wins where terms overlap; the recognised words are replaced by their translation, giving
//! one extra query per target language, which the search runs beside what was typed.
//!
//! Deliberately left out: single common words (plāns/plan) and anything that would need a
//! translation model; words after a `-` (a negation stays as typed) and field queries.

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use crate::model::Lang;
use crate::search::analysis;

/// The reviewed pairs shipped with the program.
const GLOSSARY_TSV: &str = include_str!("../../data/glossary.tsv");

/// One pair of the glossary with the keys it is matched on.
#[derive(Clone, Debug)]
struct Entry {
    lv: String,
    en: String,
    lv_keys: Vec<String>,
    en_keys: Vec<String>,
}

/// A query rewritten into the other language (serialized for the CLI's `search --json` and
/// the app: `{lang, query, terms: [{typed, translations}]}`).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Expansion {
    /// The language the recognised terms were translated into.
    pub lang: Lang,
    /// The whole query with every recognised term replaced by its translation(s).
    pub query: String,
    /// What was recognised, as typed, and what it became.
    pub terms: Vec<Translated>,
}

/// One recognised term: the words as typed and their translations (a term with two usual
/// translations has both, searched as alternatives).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Translated {
    pub typed: String,
    pub translations: Vec<String>,
}

/// The glossary, parsed and keyed; cheap to share (build it once).
pub struct Glossary {
    entries: Vec<Entry>,
}

/// A word of the query: its byte span and its key under each analyzer.
struct Word {
    start: usize,
    end: usize,
    lv: String,
    en: String,
}

impl Glossary {
    /// The glossary shipped with the program.
    pub fn builtin() -> Glossary {
        Glossary::parse(GLOSSARY_TSV)
    }

    /// Parses `latvian<TAB>english` lines; `#` comments, blank lines, the header line and
    /// malformed lines are skipped (the file is data a person edits).
    pub fn parse(tsv: &str) -> Glossary {
        let mut lv_an = analysis::lv_analyzer();
        let mut en_an = analysis::en_analyzer();
        let entries = tsv
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(lv, en)| (lv.trim(), en.trim()))
            .filter(|(lv, en)| !lv.is_empty() && !en.is_empty() && *lv != "latvian")
            .map(|(lv, en)| Entry {
                lv: lv.to_string(),
                en: en.to_string(),
                lv_keys: analysis::terms(&mut lv_an, lv),
                en_keys: analysis::terms(&mut en_an, en),
            })
            .filter(|e| !e.lv_keys.is_empty() && !e.en_keys.is_empty())
            .collect();
        Glossary { entries }
    }

    /// How many pairs were read (the tests count them).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The query in the other language(s): at most one expansion per target language, none
    /// when no glossary term is in the query.
    pub fn expand(&self, query: &str) -> Vec<Expansion> {
        let words = words(query);
        let mut out = Vec::new();
        // Latvian terms recognised → English; English terms → Latvian.
        for (into, from_lv) in [(Lang::En, true), (Lang::Lv, false)] {
            let mut spans: Vec<(usize, usize, Vec<String>)> = Vec::new();
            let mut i = 0;
            while i < words.len() {
                let mut best_len = 0;
                let mut translations: Vec<String> = Vec::new();
                for e in &self.entries {
                    let (keys, target) = if from_lv {
                        (&e.lv_keys, &e.en)
                    } else {
                        (&e.en_keys, &e.lv)
                    };
                    let n = keys.len();
                    if i + n > words.len() || n < best_len {
                        continue;
                    }
                    let hit = keys.iter().zip(&words[i..i + n]).all(|(k, w)| {
                        let key = if from_lv { &w.lv } else { &w.en };
                        key == k
                    });
                    if !hit || negated(query, words[i].start) {
                        continue;
                    }
                    if n > best_len {
                        best_len = n;
                        translations.clear();
                    }
                    if !translations.contains(target) {
                        translations.push(target.clone());
                    }
                }
                if best_len == 0 {
                    i += 1;
                    continue;
                }
                spans.push((words[i].start, words[i + best_len - 1].end, translations));
                i += best_len;
            }
            if spans.is_empty() {
                continue;
            }
            out.push(rewrite(query, into, spans));
        }
        out
    }
}

/// The query's words with their `lv` and `en` keys (both analyzers split words alike, so the
/// n-th token of one is the n-th of the other).
fn words(query: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut lv: TextAnalyzer = analysis::lv_analyzer();
    let mut stream = lv.token_stream(query);
    while stream.advance() {
        let t = stream.token();
        out.push(Word {
            start: t.offset_from,
            end: t.offset_to,
            lv: t.text.clone(),
            en: String::new(),
        });
    }
    let mut en: TextAnalyzer = analysis::en_analyzer();
    let mut stream = en.token_stream(query);
    let mut i = 0;
    while stream.advance() {
        let t = stream.token();
        // Aligned by offsets, in case a filter ever drops a token in one analyzer only.
        while i < out.len() && out[i].start < t.offset_from {
            i += 1;
        }
        if let Some(w) = out.get_mut(i) {
            if w.start == t.offset_from {
                w.en = t.text.clone();
            }
        }
    }
    out
}

/// Whether the word at `start` is negated (`-word`) or a field query (`title:word`):
/// expanding those would change what the user asked for.
fn negated(query: &str, start: usize) -> bool {
    let before = &query[..start];
    before.ends_with('-') || before.ends_with(':')
}

/// Whether byte `pos` lies inside a double-quoted phrase.
fn quoted(query: &str, pos: usize) -> bool {
    query[..pos].matches('"').count() % 2 == 1
}

fn rewrite(query: &str, lang: Lang, spans: Vec<(usize, usize, Vec<String>)>) -> Expansion {
    let mut text = String::with_capacity(query.len() + 32);
    let mut last = 0;
    let mut terms = Vec::new();
    for (start, end, translations) in spans {
        text.push_str(&query[last..start]);
        let inside = quoted(query, start);
        let alternatives: Vec<String> = translations
            .iter()
            .map(|t| {
                // Inside a phrase the words simply continue it; outside, a term of several
                // words is a phrase of its own.
                if inside || !t.contains(char::is_whitespace) {
                    t.clone()
                } else {
                    format!("\"{t}\"")
                }
            })
            .collect();
        if alternatives.len() == 1 || inside {
            text.push_str(&alternatives[0]);
        } else {
            text.push('(');
            text.push_str(&alternatives.join(" OR "));
            text.push(')');
        }
        terms.push(Translated {
            typed: query[start..end].to_string(),
            translations,
        });
        last = end;
    }
    text.push_str(&query[last..]);
    Expansion {
        lang,
        query: text,
        terms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(query: &str, lang: Lang, want: &str) {
        let g = Glossary::builtin();
        let got = g.expand(query);
        let e = got
            .iter()
            .find(|e| e.lang == lang)
            .unwrap_or_else(|| panic!("{query:?}: no expansion into {lang:?}: {got:?}"));
        assert_eq!(e.query, want, "{query:?}");
    }

    #[test]
    fn the_shipped_glossary_has_at_least_sixty_pairs() {
        assert!(
            Glossary::builtin().len() >= 60,
            "{}",
            Glossary::builtin().len()
        );
    }

    #[test]
    fn terms_are_recognised_in_any_form_and_translated() {
        case(
            "participatory budgeting",
            Lang::Lv,
            "\"līdzdalības budžets\"",
        );
        // Inflected Latvian, without diacritics.
        case(
            "lidzdalibas budzetu",
            Lang::En,
            "(\"participatory budgeting\" OR \"participatory budget\")",
        );
        case("trauksmes cēlēju", Lang::En, "whistleblower");
        case("whistleblowers", Lang::Lv, "\"trauksmes cēlējs\"");
        case("Commitments", Lang::Lv, "apņemšanās");
        case("apņemšanās izpilde", Lang::En, "commitment izpilde");
        case("atvērtos datus", Lang::En, "\"open data\"");
        case("co-creation", Lang::Lv, "koprade");
        case(
            "mid-term evaluation",
            Lang::Lv,
            "\"vidusposma izvērtējums\"",
        );
        // The rest of the query stays as typed; the longest term wins.
        case(
            "open data portal Ķekava",
            Lang::Lv,
            "\"atvērto datu portāls\" Ķekava",
        );
    }

    #[test]
    fn phrases_negations_and_unknown_words_are_respected() {
        // Inside a phrase the translation continues the phrase.
        case(
            "\"participatory budgeting Ķekava\"",
            Lang::Lv,
            "\"līdzdalības budžets Ķekava\"",
        );
        let g = Glossary::builtin();
        assert!(g.expand("-whistleblower protokols").is_empty());
        assert!(g.expand("title:commitment").is_empty());
        assert!(g.expand("Ķiģelis sēde").is_empty());
        assert!(g.expand("").is_empty());
    }

    #[test]
    fn no_term_is_read_as_another_language() {
        // A Latvian term must not look like an English term to the English analyzer and the
        // other way round, or an English query would be "translated" into English.
        let g = Glossary::builtin();
        let mut wrong = Vec::new();
        for e in &g.entries {
            for x in g.expand(&e.lv) {
                if x.lang == Lang::Lv {
                    wrong.push(format!("{:?} read as English: {:?}", e.lv, x.query));
                }
            }
            for x in g.expand(&e.en) {
                if x.lang == Lang::En && !x.terms.iter().all(|t| t.translations.contains(&e.en)) {
                    wrong.push(format!("{:?} read as Latvian: {:?}", e.en, x.query));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn malformed_lines_are_skipped() {
        let g = Glossary::parse("# c\nlatvian\tenglish\n\nkoprade\tco-creation\nno tab\n\t\n");
        assert_eq!(g.len(), 1);
    }
}
