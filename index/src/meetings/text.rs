//! Line-level helpers shared by the meeting and commitment extractors: a document's pages as
//! numbered lines without running footers, labels matched without regard to case or
//! diacritics (`NOLEMJ` / `Nolēma`, `Sēdē piedalās` / `SEDE PIEDALAS`), numbered items,
//! person names, and the search keys (stem + fold) that compare titles across inflections.
//!
//! The patterns here are word shapes over Latvian letters, stems and folded spellings; the
//! `regex` crate would match the shapes but not the stemming and folding, which is most of the
//! work, so they are written out by hand.

use crate::latvian;

/// One line of a page's text, with its 1-based page number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub page: u32,
    pub text: String,
}

/// The pages' lines, trimmed, without empty lines and without running footers or headers
/// (`Protokols Nr. 1 – 2. lappuse`, `page 3`, `- 2 -`), which would otherwise run into a
/// decision that continues on the next page.
pub fn lines(pages: &[&str]) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        for l in page.lines() {
            let t = l.trim();
            if t.is_empty() || is_running_footer(t) {
                continue;
            }
            out.push(Line {
                page: i as u32 + 1,
                text: t.to_string(),
            });
        }
    }
    out
}

fn is_running_footer(t: &str) -> bool {
    // Every line of every document passes here: the line is folded only when its last ten
    // letters fold to an end in `lappuse`. Digits, dashes and spaces fold to themselves, and
    // English `page` has no diacritics, so the other two tests need no folding.
    let tail_at = t.char_indices().rev().nth(9).map_or(0, |(i, _)| i);
    if fold_lower(&t[tail_at..]).ends_with("lappuse") && fold_lower(t).len() < 60 {
        return true;
    }
    let bare = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    if !bare.is_empty() && bare.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    match (t.get(..5), t.get(5..)) {
        (Some(head), Some(rest)) if head.eq_ignore_ascii_case("page ") => {
            rest.trim().chars().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Whether `text` ends a sentence: `;`, `!`, `?`, or a full stop that is not the dot of a
/// number (`2023. gada 30.` wraps before `septembrim`), an initial (`I.`) or an abbreviation.
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end();
    if t.ends_with([';', '!', '?']) {
        return true;
    }
    let Some(body) = t.strip_suffix('.') else {
        return false;
    };
    let last = body
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let abbreviation = matches!(
        fold_lower(last).as_str(),
        "nr" | "plkst" | "g" | "utt" | "u.c" | "t.sk" | "skat" | "sk" | "no"
    );
    !(last.is_empty()
        || last.chars().all(|c| c.is_ascii_digit())
        || last.chars().count() == 1
        || abbreviation)
}

/// Lowercased, diacritics folded.
pub fn fold_lower(s: &str) -> String {
    latvian::fold_diacritics(&s.to_lowercase()).into_owned()
}

/// If `text` starts with `label` (compared lowercased and folded; `label` is given folded and
/// lowercased, single spaces), the byte offset in `text` just after it. The label must end at
/// a word boundary.
pub fn match_prefix(text: &str, label: &str) -> Option<usize> {
    let mut want = label.chars().peekable();
    let mut end = 0;
    let mut chars = text.char_indices().peekable();
    while want.peek().is_some() {
        let (i, c) = chars.next()?;
        // every line is tried against every label: ASCII (most letters) without allocating
        if c.is_ascii() {
            if want.next() != Some(c.to_ascii_lowercase()) {
                return None;
            }
        } else {
            for fc in fold_lower(c.encode_utf8(&mut [0; 4])).chars() {
                if want.next() != Some(fc) {
                    return None;
                }
            }
        }
        end = i + c.len_utf8();
        // one space in the label matches any run of whitespace
        if c.is_whitespace() {
            while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                let (j, c) = chars.next()?;
                end = j + c.len_utf8();
            }
        }
    }
    match text[end..].chars().next() {
        Some(c) if c.is_alphanumeric() => None,
        _ => Some(end),
    }
}

/// `Label: rest` or `Label` alone, for any of `labels` (folded, lowercased): the text after
/// the colon (trimmed; empty when the label ends the line). A label without a colon counts
/// only when it is the whole line.
pub fn labelled<'a>(text: &'a str, labels: &[&str]) -> Option<&'a str> {
    for label in labels {
        if let Some(end) = match_prefix(text, label) {
            let rest = text[end..].trim_start();
            if let Some(r) = rest.strip_prefix(':') {
                return Some(r.trim());
            }
            if rest.is_empty() {
                return Some("");
            }
        }
    }
    None
}

/// `N. text` (or `N.` alone, or `N) text`): the number and the trimmed rest. Not `N.M.`.
pub fn leading_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let n: u32 = text[..digits].parse().ok()?;
    let rest = &text[digits..];
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    match rest.chars().next() {
        None => Some((n, "")),
        Some(c) if c.is_whitespace() => Some((n, rest.trim())),
        _ => None,
    }
}

/// `N.M. text` (also `N.M text`): the number as written without the final dot (`2.1`) and the
/// rest.
pub fn sub_number(text: &str) -> Option<(String, &str)> {
    let mut end = 0;
    let mut parts = 0;
    let b = text.as_bytes();
    loop {
        let start = end;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
        if end == start || end - start > 2 {
            return None;
        }
        parts += 1;
        if end < b.len() && b[end] == b'.' {
            end += 1;
            if end < b.len() && b[end].is_ascii_digit() {
                continue;
            }
        }
        break;
    }
    if parts < 2 {
        return None;
    }
    let number = text[..end].trim_end_matches('.').to_string();
    let rest = &text[end..];
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some((number, rest.trim()))
}

fn is_upper_word(w: &str) -> bool {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => {}
        _ => return false,
    }
    let rest: Vec<char> = cs.collect();
    rest.len() >= 2
        && rest
            .iter()
            .all(|c| c.is_lowercase() || *c == '-' || *c == '\'')
        && rest.iter().any(|c| c.is_lowercase())
}

fn is_initial(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Words of `s` with their byte spans, split at whitespace, with punctuation around a word
/// trimmed (but an initial's dot kept).
fn words_with_spans(s: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                let w = &s[st..i];
                let trimmed_front = w.trim_start_matches(|c: char| !c.is_alphanumeric());
                let front = w.len() - trimmed_front.len();
                let mut t = trimmed_front.trim_end_matches(|c: char| !c.is_alphanumeric());
                // keep the dot of an initial ("M.")
                if t.chars().count() == 1 && trimmed_front[t.len()..].starts_with('.') {
                    t = &trimmed_front[..t.len() + 1];
                }
                if !t.is_empty() {
                    out.push((st + front, st + front + t.len(), t));
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// Person names in `s`: two or three capitalised words (`Ilze Bērziņa`, `Anna Marija Kalna`)
/// or an initial and a surname (`M. Ķiģelis`), not part of a longer run of capitalised words
/// (so `Valsts Kancelejas Lielajā` is not a name). Byte spans, in order.
pub fn find_names(s: &str) -> Vec<(usize, usize)> {
    let ws = words_with_spans(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let (st, _, w) = ws[i];
        if is_initial(w) && i + 1 < ws.len() && is_upper_word(ws[i + 1].2) {
            out.push((st, ws[i + 1].1));
            i += 2;
            continue;
        }
        if is_upper_word(w) {
            let mut j = i;
            while j < ws.len() && is_upper_word(ws[j].2) && !ends_clause(s, ws[j].1) {
                j += 1;
            }
            // the last capitalised word before a clause end belongs to the run too
            if j < ws.len() && is_upper_word(ws[j].2) {
                j += 1;
            }
            let n = j - i;
            if (2..=3).contains(&n)
                && !is_institution_word(ws[j - 1].2)
                && !is_place_genitive(ws[i].2)
            {
                out.push((st, ws[j - 1].1));
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

/// Whether a comma, parenthesis, quote or other clause mark follows the word ending at `end`
/// (after any spaces): a name does not run on past it.
fn ends_clause(s: &str, end: usize) -> bool {
    s[end..]
        .chars()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| {
            matches!(
                c,
                ',' | ';' | ':' | '(' | ')' | '–' | '—' | '-' | '.' | '"' | '„' | '“' | '”'
            )
        })
}

/// Capitalised words that end organisation names, never a surname.
fn is_institution_word(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "kanceleja",
        "ministrija",
        "universitate",
        "alianse",
        "fonds",
        "birojs",
        "padome",
        "savieniba",
        "agentura",
        "asociacija",
        "saeima",
        "delna",
        "providus",
        "europe",
        "unit",
    ];
    let f = fold_lower(w);
    WORDS.contains(&f.as_str())
}

/// Capitalised genitives that open organisation names (`Latvijas Pilsoniskā alianse`,
/// `Valsts Kancelejas …`), never a given name.
fn is_place_genitive(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "latvijas",
        "valsts",
        "eiropas",
        "rigas",
        "sabiedribas",
        "ministru",
        "tiesu",
        "vides",
        "finansu",
        "open",
        "state",
        "national",
        "european",
        "independent",
    ];
    WORDS.contains(&fold_lower(w).as_str())
}

/// The search key of one word: lowercased, stemmed, folded (see [`latvian::search_key`]).
pub fn key(word: &str) -> String {
    let mut w = word.to_lowercase();
    latvian::search_key(&mut w);
    w
}

/// The content keys of a text in order: words stemmed and folded, without stop words, numbers
/// and one-letter words.
pub fn keys(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter_map(word_key)
        .collect()
}

/// The content key of one word of [`keys`], if it has one.
fn word_key(w: &str) -> Option<String> {
    if w.chars().count() <= 1 || w.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if latvian::is_stop_word(&w.to_lowercase()) {
        return None;
    }
    let k = key(w);
    (!k.is_empty() && !latvian::is_stop_word_folded(&k) && !is_english_stop(&k)).then_some(k)
}

/// The words stemmed so far, for [`Stems::keys`]: an archive's documents share most of their
/// words, and stemming is the costly part of finding a commitment's title on a page. Kept by
/// each ingest worker for its whole ingest; emptied when it grows past [`Stems::MAX`] words.
#[derive(Default)]
pub struct Stems(std::collections::HashMap<String, Option<String>>);

impl Stems {
    /// About 20 MB of words and keys.
    pub const MAX: usize = 200_000;

    pub fn new() -> Stems {
        Stems::default()
    }

    /// [`keys`], each distinct word stemmed once.
    pub fn keys(&mut self, text: &str) -> Vec<String> {
        if self.0.len() > Self::MAX {
            self.0.clear();
        }
        let mut out = Vec::new();
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if w.is_empty() {
                continue;
            }
            let k = match self.0.get(w) {
                Some(k) => k.clone(),
                None => {
                    let k = word_key(w);
                    self.0.insert(w.to_string(), k.clone());
                    k
                }
            };
            out.extend(k);
        }
        out
    }
}

fn is_english_stop(k: &str) -> bool {
    matches!(
        k,
        "the" | "of" | "and" | "in" | "on" | "to" | "for" | "by" | "with" | "an" | "or" | "at"
    )
}

/// Whether `needle` occurs in `hay` as consecutive elements.
pub fn contains_run(hay: &[String], needle: &[String]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A name's key for matching across forms: the surname's key, with the first letter of the
/// given name (`Ilze Bērziņa` and `I. Bērziņa` → `i berzin`).
pub fn person_key(name: &str) -> String {
    let parts: Vec<&str> = name.split_whitespace().collect();
    match parts.as_slice() {
        [] => String::new(),
        [one] => key(one),
        [first, .., last] => {
            let initial: String = fold_lower(first).chars().take(1).collect();
            format!("{initial} {}", key(last))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn names(s: &str, want: &[&str]) {
        let got: Vec<&str> = find_names(s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(got, want, "{s:?}");
    }

    #[test]
    fn person_names() {
        names("Ilze Bērziņa, Valsts kanceleja", &["Ilze Bērziņa"]);
        names(
            "Valsts kancelejas Valsts pārvaldes politikas departamenta vadītāja Ilze Bērziņa.",
            &["Ilze Bērziņa"],
        );
        names("M. Ķiģelis (VARAM) informē", &["M. Ķiģelis"]);
        names("Latvijas Pašvaldību savienība", &[]);
        names("Finanšu ministrija", &[]);
        names("Ģirts Čakste (Izglītības", &["Ģirts Čakste"]);
        names("Jaunatnes starptautisko programmu aģentūra", &[]);
        names(
            "Helen Darbishire, Access Info Europe",
            &["Helen Darbishire"],
        );
        names("biedrība \"Latvijas Pilsoniskā alianse\"", &[]);
    }

    #[track_caller]
    fn label(text: &str, labels: &[&str], want: Option<&str>) {
        assert_eq!(labelled(text, labels), want, "{text:?}");
    }

    #[test]
    fn labels_ignore_case_and_diacritics() {
        label("NOLEMJ:", &["nolemj"], Some(""));
        label("Nolēma: atbalstīt", &["nolema"], Some("atbalstīt"));
        label("SĒDĒ  PIEDALĀS:", &["sede piedalas"], Some(""));
        label("Sēdē piedalās", &["sede piedalas"], Some(""));
        label("Sēdē piedalās 27 locekļi", &["sede piedalas"], None);
        label("Nolemtsx: a", &["nolemts"], None);
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("pieņemt zināšanai."));
        assert!(ends_sentence("atbalstīt projektu;"));
        assert!(!ends_sentence("līdz 2023. gada 30."));
        assert!(!ends_sentence("informē I."));
        assert!(!ends_sentence("protokols Nr."));
        assert!(!ends_sentence("un vairot izpratni par"));
    }

    #[test]
    fn numbers() {
        assert_eq!(leading_number("1. Par plānu"), Some((1, "Par plānu")));
        assert_eq!(leading_number("12."), Some((12, "")));
        assert_eq!(leading_number("2.1. atbalstīt"), None);
        assert_eq!(leading_number("2022. gada"), None);
        assert_eq!(
            sub_number("2.1. atbalstīt projektu"),
            Some(("2.1".into(), "atbalstīt projektu"))
        );
        assert_eq!(sub_number("1. Par"), None);
        assert_eq!(sub_number("2.1.3. x"), Some(("2.1.3".into(), "x")));
    }

    #[test]
    fn footers_are_dropped() {
        let ls = lines(&[
            "Teksts\nProtokols Nr. 1 – 2. lappuse",
            "- 3 -\nCits\npage 4",
        ]);
        let texts: Vec<&str> = ls.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Teksts", "Cits"]);
        assert_eq!(ls[1].page, 2);
    }

    #[test]
    fn person_keys_meet_across_initials() {
        assert_eq!(person_key("Ilze Bērziņa"), person_key("I. Bērziņa"));
        assert_ne!(person_key("Ilze Bērziņa"), person_key("Anna Bērziņa"));
    }
}
