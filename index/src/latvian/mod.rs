//! Latvian text: the light stemmer, diacritic folding and the stop-word list.
//!
//! - [`stem`] is K. Kreslins' light stemmer exactly as Apache Lucene ships it
//!   (`LatvianStemmer`): it needs a lowercased word that still has its diacritics.
//! - [`fold_diacritics`] maps letters with diacritics to plain letters (ā→a, š→s, ß→ss …).
//! - [`stem_folded`] is the stemmer for words typed without diacritics, and [`search_key`] is
//!   the key the search index should use for every word (stem with diacritics then fold, or
//!   [`stem_folded`] for a word that has no diacritics). With it, every inflected form of a noun
//!   reaches the same key whether or not it was typed with diacritics; see the tests.
//! - [`is_stop_word`] is Lucene's Latvian stop-word list.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

/// One ending of the stemmer: removed when the word has more than `vowels` vowels and is at
/// least three letters longer than the ending; `palatal` endings then undo consonant mutation.
struct Affix {
    ending: &'static str,
    chars: usize,
    vowels: usize,
    palatal: bool,
}

const fn affix(ending: &'static str, chars: usize, vowels: usize, palatal: bool) -> Affix {
    Affix {
        ending,
        chars,
        vowels,
        palatal,
    }
}

/// The endings in the order they are tried (Lucene `LatvianStemmer.affixes`).
const AFFIXES: [Affix; 38] = [
    affix("ajiem", 5, 3, false),
    affix("ajai", 4, 3, false),
    affix("ajam", 4, 2, false),
    affix("ajām", 4, 2, false),
    affix("ajos", 4, 2, false),
    affix("ajās", 4, 2, false),
    affix("iem", 3, 2, true),
    affix("ajā", 3, 2, false),
    affix("ais", 3, 2, false),
    affix("ai", 2, 2, false),
    affix("ei", 2, 2, false),
    affix("ām", 2, 1, false),
    affix("am", 2, 1, false),
    affix("ēm", 2, 1, false),
    affix("īm", 2, 1, false),
    affix("im", 2, 1, false),
    affix("um", 2, 1, false),
    affix("us", 2, 1, true),
    affix("as", 2, 1, false),
    affix("ās", 2, 1, false),
    affix("es", 2, 1, false),
    affix("os", 2, 1, true),
    affix("ij", 2, 1, false),
    affix("īs", 2, 1, false),
    affix("ēs", 2, 1, false),
    affix("is", 2, 1, false),
    affix("ie", 2, 1, false),
    affix("u", 1, 1, true),
    affix("a", 1, 1, true),
    affix("i", 1, 1, true),
    affix("e", 1, 1, false),
    affix("ā", 1, 1, false),
    affix("ē", 1, 1, false),
    affix("ī", 1, 1, false),
    affix("ū", 1, 1, false),
    affix("o", 1, 1, false),
    affix("s", 1, 0, false),
    affix("š", 1, 0, false),
];

/// The same endings for a word without diacritics: each ending folded, in the same order,
/// duplicates dropped. Folding makes three endings appear that the plain list lacks: `em`
/// (from `ēm`), `aja` (from `ajā`) and `ajas` (from `ajās`); they sit where their originals sit.
const FOLDED_AFFIXES: [Affix; 27] = [
    affix("ajiem", 5, 3, false),
    affix("ajai", 4, 3, false),
    affix("ajam", 4, 2, false),
    affix("ajos", 4, 2, false),
    affix("ajas", 4, 2, false),
    affix("iem", 3, 2, true),
    affix("aja", 3, 2, false),
    affix("ais", 3, 2, false),
    affix("ai", 2, 2, false),
    affix("ei", 2, 2, false),
    affix("am", 2, 1, false),
    affix("em", 2, 1, false),
    affix("im", 2, 1, false),
    affix("um", 2, 1, false),
    affix("us", 2, 1, true),
    affix("as", 2, 1, false),
    affix("es", 2, 1, false),
    affix("os", 2, 1, true),
    affix("ij", 2, 1, false),
    affix("is", 2, 1, false),
    affix("ie", 2, 1, false),
    affix("u", 1, 1, true),
    affix("a", 1, 1, true),
    affix("i", 1, 1, true),
    affix("e", 1, 1, false),
    affix("o", 1, 1, false),
    affix("s", 1, 0, false),
];

#[inline]
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'ā' | 'ē' | 'ī' | 'ū')
}

/// Letters and vowels of a word, counted by chars.
#[inline]
fn counts(word: &str) -> (usize, usize) {
    word.chars()
        .fold((0, 0), |(n, v), c| (n + 1, v + usize::from(is_vowel(c))))
}

/// Strips the first matching ending of `table`; returns the removed ending's first char if it
/// was a palatalising one.
#[inline]
fn strip(word: &mut String, table: &[Affix]) -> Option<char> {
    let (len, vowels) = counts(word);
    for a in table {
        if vowels > a.vowels && len >= a.chars + 3 && word.ends_with(a.ending) {
            word.truncate(word.len() - a.ending.len());
            return if a.palatal {
                a.ending.chars().next()
            } else {
                None
            };
        }
    }
    None
}

/// Replaces the last `from.len()` bytes (which end the word) with `to`.
#[inline]
fn replace_end(word: &mut String, from: &str, to: &str) {
    word.truncate(word.len() - from.len());
    word.push_str(to);
}

/// Undoes consonant mutation at the end of a stem (Lucene `LatvianStemmer.unpalatalize`).
/// `removed` is the first char of the removed ending: Lucene tests that char, so the
/// `kš`/`ņņ` rules apply after `-u` and also after `-us`.
fn unpalatalize(word: &mut String, removed: char) {
    if removed == 'u' {
        if word.ends_with("kš") {
            replace_end(word, "š", "st");
            return;
        }
        if word.ends_with("ņņ") {
            replace_end(word, "ņņ", "nn");
            return;
        }
    }
    if word.ends_with("pj") || word.ends_with("bj") || word.ends_with("mj") || word.ends_with("vj")
    {
        word.pop();
        return;
    }
    for (from, to) in [
        ("šņ", "sn"),
        ("žņ", "zn"),
        ("šļ", "sl"),
        ("žļ", "zl"),
        ("ļņ", "ln"),
        ("ļļ", "ll"),
    ] {
        if word.ends_with(from) {
            replace_end(word, from, to);
            return;
        }
    }
    let to = match word.chars().next_back() {
        Some('č') => 'c',
        Some('ļ') => 'l',
        Some('ņ') => 'n',
        _ => return,
    };
    word.pop();
    word.push(to);
}

/// Kreslins' light stemmer (Lucene `LatvianStemmer`), in place. `word` must be lowercased and
/// still have its diacritics. Letters are counted as chars. Never allocates.
pub fn stem(word: &mut String) {
    if let Some(removed) = strip(word, &AFFIXES) {
        unpalatalize(word, removed);
    }
}

/// Undoes the one mutation that folding does not already undo: a labial + `j` (`pj bj mj vj`).
/// (`č ļ ņ šņ …` fold to the same letters their un-palatalised forms have.)
fn unpalatalize_folded(word: &mut String) {
    if word.ends_with("pj") || word.ends_with("bj") || word.ends_with("mj") || word.ends_with("vj")
    {
        word.pop();
    }
}

/// A final `aj` left on a key after its ending was removed. In text without diacritics the
/// definite-adjective endings (`-ajā`, `-ajam`, …, stripped whole) cannot be told from an
/// `-āj-` stem plus an ending (`vadītāj|am`, `apstiprināj|a`), so both spellings are brought
/// to the same key by also dropping `aj` from the end of a key whose remaining part has at
/// least 3 letters and a vowel — exactly the condition under which an `aj…` ending would have
/// been stripped from that word.
fn drop_final_aj(word: &mut String) {
    if let Some(rest) = word.strip_suffix("aj") {
        let (n, v) = counts(rest);
        if n >= 3 && v >= 1 {
            word.truncate(rest.len());
        }
    }
}

/// The stemmer for a word typed without diacritics (lowercased): folds it, strips the first
/// matching ending of the folded ending list, un-palatalises and drops a final `aj` (see
/// [`search_key`]). The result is a folded key comparable with `fold_diacritics(stem(w))`.
///
/// Where the plain stemmer cannot be used on such a word: `sēdēm` stems to `sēd`, but `sedem`
/// has no `-em` ending in the plain list and would stay `sedem`; `atklātajā` loses `ajā`, but
/// `atklataja` would only lose `a`.
pub fn stem_folded(word: &mut String) {
    if !word.is_ascii() {
        let folded = fold_diacritics(word).into_owned();
        *word = folded;
    }
    if strip(word, &FOLDED_AFFIXES).is_some() {
        unpalatalize_folded(word);
    }
    drop_final_aj(word);
}

/// The search key of a lowercased word, to use on both the indexed text and the query: a word
/// with diacritics is stemmed with them ([`stem`]) and then folded; a word without diacritics
/// goes through [`stem_folded`]. Both end with the same final-`aj` rule, so all inflected forms
/// of the common nouns meet on one key with or without diacritics (see the tests).
pub fn search_key(word: &mut String) {
    if word.is_ascii() {
        stem_folded(word);
        return;
    }
    stem(word);
    if !word.is_ascii() {
        let folded = fold_diacritics(word).into_owned();
        *word = folded;
    }
    drop_final_aj(word);
}

/// Folds one char into `out`.
fn push_folded(c: char, out: &mut String) {
    let plain: &str = match c {
        'ā' | 'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ą' | 'ă' => "a",
        'Ā' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ą' | 'Ă' => "A",
        'č' | 'ć' | 'ç' | 'ĉ' | 'ċ' => "c",
        'Č' | 'Ć' | 'Ç' | 'Ĉ' | 'Ċ' => "C",
        'ď' | 'đ' => "d",
        'Ď' | 'Đ' => "D",
        'ē' | 'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ė' | 'ě' => "e",
        'Ē' | 'É' | 'È' | 'Ê' | 'Ë' | 'Ę' | 'Ė' | 'Ě' => "E",
        'ģ' | 'ğ' | 'ĝ' | 'ġ' => "g",
        'Ģ' | 'Ğ' | 'Ĝ' | 'Ġ' => "G",
        'ī' | 'í' | 'ì' | 'î' | 'ï' | 'į' | 'ı' => "i",
        'Ī' | 'Í' | 'Ì' | 'Î' | 'Ï' | 'Į' | 'İ' => "I",
        'ķ' => "k",
        'Ķ' => "K",
        'ļ' | 'ł' | 'ĺ' | 'ľ' => "l",
        'Ļ' | 'Ł' | 'Ĺ' | 'Ľ' => "L",
        'ņ' | 'ñ' | 'ń' | 'ň' => "n",
        'Ņ' | 'Ñ' | 'Ń' | 'Ň' => "N",
        'ō' | 'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ő' => "o",
        'Ō' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' | 'Ő' => "O",
        'ŗ' | 'ř' | 'ŕ' => "r",
        'Ŗ' | 'Ř' | 'Ŕ' => "R",
        'š' | 'ś' | 'ş' | 'ș' => "s",
        'Š' | 'Ś' | 'Ş' | 'Ș' => "S",
        'ť' | 'ţ' | 'ț' => "t",
        'Ť' | 'Ţ' | 'Ț' => "T",
        'ū' | 'ú' | 'ù' | 'û' | 'ü' | 'ų' | 'ů' | 'ű' => "u",
        'Ū' | 'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ų' | 'Ů' | 'Ű' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ž' | 'ź' | 'ż' => "z",
        'Ž' | 'Ź' | 'Ż' => "Z",
        'ß' => "ss",
        'ẞ' => "SS",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        // typographic ligatures that PDF text layers keep ("beneﬁcial")
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        // Combining marks of decomposed text (a + U+0304) are dropped.
        '\u{0300}'..='\u{036f}' => "",
        // Any other Latin letter with a canonical decomposition: keep its base letter(s).
        '\u{00c0}'..='\u{024f}' | '\u{1e00}'..='\u{1eff}' => {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !unicode_normalization::char::is_combining_mark(d) {
                    out.push(d);
                }
            });
            return;
        }
        _ => {
            out.push(c);
            return;
        }
    };
    out.push_str(plain);
}

/// Maps letters with diacritics to plain letters: Latvian `ā č ē ģ ī ķ ļ ņ š ū ž`, Lithuanian,
/// Estonian, German (`ß`→`ss`), other Latin letters through their canonical decomposition, in
/// upper and lower case; also the ligatures `ﬁ ﬂ ﬀ ﬃ ﬄ` of PDF text. Combining marks are
/// dropped. ASCII text is returned borrowed without copying. The result is never longer (in
/// bytes) than the input.
pub fn fold_diacritics(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            push_folded(c, &mut out);
        }
    }
    Cow::Owned(out)
}

macro_rules! stop_words {
    ($($w:literal),* $(,)?) => {
        /// Lucene's Latvian stop words (`lv/stopwords.txt`, after Kreslins), lowercased, with
        /// diacritics.
        pub const STOP_WORDS: &[&str] = &[$($w),*];

        /// Whether `w` (lowercased, with diacritics) is one of Lucene's Latvian stop words.
        pub fn is_stop_word(w: &str) -> bool {
            matches!(w, $($w)|*)
        }
    };
}

stop_words![
    // prepositions
    "aiz",
    "ap",
    "ar",
    "apakš",
    "ārpus",
    "augšpus",
    "bez",
    "caur",
    "dēļ",
    "gar",
    "iekš",
    "iz",
    "kopš",
    "labad",
    "lejpus",
    "līdz",
    "no",
    "otrpus",
    "pa",
    "par",
    "pār",
    "pēc",
    "pie",
    "pirms",
    "pret",
    "priekš",
    "starp",
    "šaipus",
    "uz",
    "viņpus",
    "virs",
    "virspus",
    "zem",
    "apakšpus",
    // conjunctions
    "un",
    "bet",
    "jo",
    "ja",
    "ka",
    "lai",
    "tomēr",
    "tikko",
    "turpretī",
    "arī",
    "kaut",
    "gan",
    "tādēļ",
    "tā",
    "ne",
    "tikvien",
    "vien",
    "kā",
    "ir",
    "te",
    "vai",
    "kamēr",
    // particles ("ar" and "vien" are listed twice in Lucene's file)
    "diezin",
    "droši",
    "diemžēl",
    "nebūt",
    "ik",
    "it",
    "taču",
    "nu",
    "pat",
    "tiklab",
    "iekšpus",
    "nedz",
    "tik",
    "nevis",
    "turpretim",
    "jeb",
    "iekam",
    "iekām",
    "iekāms",
    "kolīdz",
    "līdzko",
    "tiklīdz",
    "jebšu",
    "tālab",
    "tāpēc",
    "nekā",
    "itin",
    "jā",
    "jau",
    "jel",
    "nē",
    "nezin",
    "tad",
    "tikai",
    "vis",
    "tak",
    "iekams",
    // modal verbs
    "būt",
    "biju",
    "biji",
    "bija",
    "bijām",
    "bijāt",
    "esmu",
    "esi",
    "esam",
    "esat",
    "būšu",
    "būsi",
    "būs",
    "būsim",
    "būsiet",
    "tikt",
    "tiku",
    "tiki",
    "tika",
    "tikām",
    "tikāt",
    "tieku",
    "tiec",
    "tiek",
    "tiekam",
    "tiekat",
    "tikšu",
    "tiks",
    "tiksim",
    "tiksiet",
    "tapt",
    "tapi",
    "tapāt",
    "topat",
    "tapšu",
    "tapsi",
    "taps",
    "tapsim",
    "tapsiet",
    "kļūt",
    "kļuvu",
    "kļuvi",
    "kļuva",
    "kļuvām",
    "kļuvāt",
    "kļūstu",
    "kļūsti",
    "kļūst",
    "kļūstam",
    "kļūstat",
    "kļūšu",
    "kļūsi",
    "kļūs",
    "kļūsim",
    "kļūsiet",
    // verbs
    "varēt",
    "varēju",
    "varējām",
    "varēšu",
    "varēsim",
    "var",
    "varēji",
    "varējāt",
    "varēsi",
    "varēsiet",
    "varat",
    "varēja",
    "varēs",
];

/// Whether `w` (lowercased, without diacritics) is a stop word typed without diacritics, e.g.
/// `pec` for `pēc`. Folding merges some stop words with other words (`bus` for `būs`), so use
/// it only where a word is known to be Latvian typed without diacritics.
pub fn is_stop_word_folded(w: &str) -> bool {
    static FOLDED: OnceLock<HashSet<String>> = OnceLock::new();
    FOLDED
        .get_or_init(|| {
            STOP_WORDS
                .iter()
                .map(|s| fold_diacritics(s).into_owned())
                .collect()
        })
        .contains(fold_diacritics(w).as_ref())
}

#[cfg(test)]
mod tests;
