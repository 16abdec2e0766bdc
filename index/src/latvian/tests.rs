//! Tests of the Latvian stemmer, folding and stop words.

use super::*;

fn stemmed(w: &str) -> String {
    let mut s = w.to_string();
    stem(&mut s);
    s
}

fn stem_then_fold(w: &str) -> String {
    fold_diacritics(&stemmed(w)).into_owned()
}

fn key(w: &str) -> String {
    let mut s = w.to_string();
    search_key(&mut s);
    s
}

fn key_folded(w: &str) -> String {
    let mut s = w.to_string();
    stem_folded(&mut s);
    s
}

#[test]
fn stem_table() {
    let table: &[(&str, &str)] = &[
        // DOMAIN.md examples
        ("dokumentiem", "dokument"),
        ("dokumenti", "dokument"),
        ("dokuments", "dokument"),
        ("plāns", "plān"),
        ("plāna", "plān"),
        ("plānu", "plān"),
        ("sēde", "sēd"),
        ("sēdes", "sēd"),
        ("sēdē", "sēd"),
        ("brālis", "brāl"),
        ("brāļu", "brāl"),
        ("atklātais", "atklāt"),
        ("atklātā", "atklāt"),
        // 4th declension
        ("sabiedrība", "sabiedrīb"),
        ("sabiedrības", "sabiedrīb"),
        ("sabiedrībai", "sabiedrīb"),
        ("sabiedrību", "sabiedrīb"),
        ("sabiedrībā", "sabiedrīb"),
        ("sabiedrībām", "sabiedrīb"),
        ("sabiedrībās", "sabiedrīb"),
        ("līdzdalība", "līdzdalīb"),
        ("līdzdalības", "līdzdalīb"),
        ("līdzdalībā", "līdzdalīb"),
        ("līdzdalību", "līdzdalīb"),
        // each ending class
        ("atklātajiem", "atklāt"), // ajiem
        ("atklātajai", "atklāt"),  // ajai
        ("atklātajam", "atklāt"),  // ajam
        ("atklātajām", "atklāt"),  // ajām
        ("atklātajos", "atklāt"),  // ajos
        ("atklātajās", "atklāt"),  // ajās
        ("atklātajā", "atklāt"),   // ajā
        ("atklātai", "atklāt"),    // ai
        ("sēdei", "sēd"),          // ei
        ("sēdēm", "sēd"),          // ēm
        ("brālim", "brāl"),        // im
        ("plāniem", "plān"),       // iem
        ("plānus", "plān"),        // us
        ("plānos", "plān"),        // os
        ("sēdēs", "sēd"),          // ēs
        ("protokoli", "protokol"), // i
        ("protokolā", "protokol"), // ā
        ("izvērtējums", "izvērtējum"),
        ("izvērtējumam", "izvērtējum"),
        ("prezentācija", "prezentācij"),
        ("prezentācijām", "prezentācij"),
        ("atvērtās", "atvērt"), // ās
        ("pārvaldības", "pārvaldīb"),
        ("kalnu", "kaln"),
        ("dzīvokļu", "dzīvokl"), // ļ → l
        ("ceļu", "cel"),         // ļ → l
        // un-palatalisation
        ("zivju", "ziv"),        // vj → v
        ("ķirbji", "ķirb"),      // bj → b
        ("ķirbjiem", "ķirb"),    // iem + bj
        ("asmeņu", "asmen"),     // ņ → n
        ("kāšļu", "kāsl"),       // šļ → sl
        ("zvaigžņu", "zvaigzn"), // žņ → zn
        ("akmeņņu", "akmenn"),   // u + ņņ → nn
        ("nakšu", "nakst"),      // u + kš → kst
        ("mēļļu", "mēll"),       // ļļ → ll
        ("pūļņu", "pūln"),       // ļņ → ln
        ("lāču", "lāc"),         // č → c
        ("sēžu", "sēž"),         // d/z → ž is left alone (ambiguous)
        // thresholds and the length condition
        ("ir", "ir"),
        ("ies", "ies"), // len 3 < 2 + 3
        ("sēd", "sēd"),
        ("mājai", "māj"), // ajai needs > 3 vowels: ai
        ("mājas", "māj"),
        ("kas", "kas"),   // length condition
        ("tiem", "tiem"), // iem: 2 vowels, not > 2
        ("tēvs", "tēv"),  // s: threshold 0
        ("bšs", "bšs"),   // no vowel: nothing
        ("ogp4", "ogp4"),
        ("2023", "2023"),
        ("", ""),
    ];
    for &(word, want) in table {
        assert_eq!(stemmed(word), want, "{word}");
    }
    assert!(table.len() >= 40);
}

#[test]
fn lucene_applies_ks_rule_after_us_too() {
    // Lucene tests the first char of the removed ending (s[len] == 'u'), so "-us" counts.
    assert_eq!(stemmed("zakšus"), "zakst");
    // after other palatalising endings only the general rules apply
    assert_eq!(stemmed("nakšos"), "nakš");
}

#[test]
fn stem_is_char_based_not_byte_based() {
    // "ūs" is 2 chars but 3 bytes; "sūs" is too short for "s" (needs 4 letters).
    assert_eq!(stemmed("sūs"), "sūs");
    assert_eq!(stemmed("pūšs"), "pūš");
}

#[test]
fn fold_table() {
    for (s, want) in [
        ("ā č ē ģ ī ķ ļ ņ š ū ž", "a c e g i k l n s u z"),
        ("Ā Č Ē Ģ Ī Ķ Ļ Ņ Š Ū Ž", "A C E G I K L N S U Z"),
        ("ąčęėįšųūž ĄČĘĖĮŠŲŪŽ", "aceeisuuz ACEEISUUZ"),
        ("õäöü ÕÄÖÜ šž", "oaou OAOU sz"),
        ("Straße ẞ", "Strasse SS"),
        ("Łódź œ", "Lodz oe"),
        ("beneﬁcial oﬃcials ﬂow", "beneficial officials flow"),
        ("a\u{304}tra", "atra"),
        ("ǖ ḕ", "u e"),
        ("Līdzdalība", "Lidzdaliba"),
        ("日本 – €", "日本 – €"),
    ] {
        assert_eq!(fold_diacritics(s), want, "{s}");
    }
    // never longer than the input, over every Latin letter and then some
    for c in ('\u{a0}'..='\u{2fff}').chain('\u{fb00}'..='\u{fb06}') {
        let t = c.to_string();
        assert!(fold_diacritics(&t).len() <= t.len(), "{c:?}");
    }
    assert!(matches!(fold_diacritics("plain ascii"), Cow::Borrowed(_)));
    assert!(matches!(fold_diacritics("sēde"), Cow::Owned(_)));
}

#[test]
fn stop_words() {
    for w in [
        "un",
        "vai",
        "ir",
        "ka",
        "par",
        "uz",
        "no",
        "ar",
        "pēc",
        "kļūsiet",
        "varēs",
    ] {
        assert!(is_stop_word(w), "{w}");
    }
    for w in ["plāns", "sēde", "pec", "UN", "kas", ""] {
        assert!(!is_stop_word(w), "{w}");
    }
    for w in STOP_WORDS {
        assert!(is_stop_word(w), "{w}");
    }
    let mut seen = HashSet::new();
    for w in STOP_WORDS {
        assert!(seen.insert(*w), "duplicate {w}");
    }
    assert!(is_stop_word_folded("pec"));
    assert!(is_stop_word_folded("lidz"));
    assert!(is_stop_word_folded("līdz"));
    assert!(!is_stop_word_folded("plans"));
}

#[test]
fn stem_then_fold_matches_text_typed_without_diacritics() {
    // The plain stemmer followed by folding already agrees for these.
    let key = stem_then_fold("līdzdalības");
    assert_eq!(key, "lidzdalib");
    for w in [
        "lidzdaliba",
        "līdzdalībā",
        "līdzdalību",
        "lidzdalibai",
        "līdzdalībai",
    ] {
        assert_eq!(stem_then_fold(w), key, "{w}");
    }
    // Where it does not: "sedem" (sēdēm typed without diacritics) has no "-em" ending in
    // the plain list, and "atklataja" (atklātajā) would lose only "-a". stem_folded handles
    // text typed without diacritics.
    assert_eq!(stem_then_fold("sēdēm"), "sed");
    assert_eq!(stem_then_fold("sedem"), "sedem");
    assert_eq!(key_folded("sedem"), "sed");
    assert_eq!(stem_then_fold("atklātajā"), "atklat");
    assert_eq!(stem_then_fold("atklataja"), "atklataj");
    assert_eq!(key_folded("atklataja"), "atklat");
}

/// Every case form, singular and plural, of a noun (with diacritics).
struct Paradigm {
    key: &'static str,
    forms: &'static [&'static str],
}

const NOUNS: &[Paradigm] = &[
    Paradigm {
        key: "sabiedrib",
        forms: &[
            "sabiedrība",
            "sabiedrības",
            "sabiedrībai",
            "sabiedrību",
            "sabiedrībā",
            "sabiedrībām",
            "sabiedrībās",
        ],
    },
    Paradigm {
        key: "lidzdalib",
        forms: &[
            "līdzdalība",
            "līdzdalības",
            "līdzdalībai",
            "līdzdalību",
            "līdzdalībā",
            "līdzdalībām",
            "līdzdalībās",
        ],
    },
    Paradigm {
        key: "atklatib",
        forms: &[
            "atklātība",
            "atklātības",
            "atklātībai",
            "atklātību",
            "atklātībā",
            "atklātībām",
            "atklātībās",
        ],
    },
    Paradigm {
        key: "parvaldib",
        forms: &[
            "pārvaldība",
            "pārvaldības",
            "pārvaldībai",
            "pārvaldību",
            "pārvaldībā",
            "pārvaldībām",
            "pārvaldībās",
        ],
    },
    Paradigm {
        key: "pasvaldib",
        forms: &[
            "pašvaldība",
            "pašvaldības",
            "pašvaldībai",
            "pašvaldību",
            "pašvaldībā",
            "pašvaldībām",
            "pašvaldībās",
        ],
    },
    Paradigm {
        key: "prezentacij",
        forms: &[
            "prezentācija",
            "prezentācijas",
            "prezentācijai",
            "prezentāciju",
            "prezentācijā",
            "prezentācijām",
            "prezentācijās",
        ],
    },
    // 5th declension. The genitive plural "sēžu" is left out: the stemmer deliberately
    // leaves d/z → ž alone, so it stems to "sēž" (key "sez") with or without diacritics.
    Paradigm {
        key: "sed",
        forms: &["sēde", "sēdes", "sēdei", "sēdi", "sēdē", "sēdēm", "sēdēs"],
    },
    Paradigm {
        key: "plan",
        forms: &[
            "plāns", "plāna", "plānam", "plānu", "plānā", "plāni", "plāniem", "plānus", "plānos",
            "plān",
        ],
    },
    Paradigm {
        key: "protokol",
        forms: &[
            "protokols",
            "protokola",
            "protokolam",
            "protokolu",
            "protokolā",
            "protokoli",
            "protokoliem",
            "protokolus",
            "protokolos",
            "protokol",
        ],
    },
    Paradigm {
        key: "izvertejum",
        forms: &[
            "izvērtējums",
            "izvērtējuma",
            "izvērtējumam",
            "izvērtējumu",
            "izvērtējumā",
            "izvērtējumi",
            "izvērtējumiem",
            "izvērtējumus",
            "izvērtējumos",
        ],
    },
    Paradigm {
        key: "dokument",
        forms: &[
            "dokuments",
            "dokumenta",
            "dokumentam",
            "dokumentu",
            "dokumentā",
            "dokumenti",
            "dokumentiem",
            "dokumentus",
            "dokumentos",
        ],
    },
];

/// Exhaustive: every form of every common noun, typed with or without diacritics, reaches
/// one key; for these nouns the key is also plain stem-then-fold of the diacritic form.
#[test]
fn all_forms_of_common_nouns_share_one_key_with_or_without_diacritics() {
    for p in NOUNS {
        for form in p.forms {
            let plain = fold_diacritics(form).into_owned();
            assert_eq!(stem_then_fold(form), p.key, "stem+fold {form}");
            assert_eq!(key(form), p.key, "search_key {form}");
            assert_eq!(
                key(&plain),
                p.key,
                "search_key {plain} (typed without diacritics)"
            );
            assert_eq!(key_folded(form), p.key, "stem_folded {form}");
            assert_eq!(key_folded(&plain), p.key, "stem_folded {plain}");
        }
    }
    // documented exception
    assert_eq!(key("sēžu"), key("sezu"));
    assert_ne!(key("sēžu"), "sed");
}

/// Adjectives and agent nouns, whose "-aj-" endings are ambiguous without diacritics.
#[test]
fn adjectives_and_agent_nouns_share_one_key_with_or_without_diacritics() {
    let groups: &[(&str, &[&str])] = &[
        (
            "atklat",
            &[
                "atklāts",
                "atklāta",
                "atklātam",
                "atklātu",
                "atklātā",
                "atklāti",
                "atklātiem",
                "atklātus",
                "atklātos",
                "atklātas",
                "atklātai",
                "atklātām",
                "atklātās",
                "atklātais",
                "atklātajam",
                "atklāto",
                "atklātajā",
                "atklātie",
                "atklātajiem",
                "atklātajos",
                "atklātajai",
                "atklātajām",
                "atklātajās",
            ],
        ),
        (
            "nacional",
            &[
                "nacionālais",
                "nacionālā",
                "nacionālajam",
                "nacionālo",
                "nacionālajā",
                "nacionālie",
                "nacionālajiem",
                "nacionālajos",
                "nacionālās",
                "nacionālajai",
                "nacionālajām",
                "nacionālajās",
            ],
        ),
        (
            "vadit",
            &[
                "vadītājs",
                "vadītāja",
                "vadītājam",
                "vadītāju",
                "vadītājā",
                "vadītāji",
                "vadītājiem",
                "vadītājus",
                "vadītājos",
                "vadītājas",
                "vadītājai",
                "vadītājām",
                "vadītājās",
            ],
        ),
    ];
    for (want, forms) in groups {
        for form in *forms {
            let plain = fold_diacritics(form).into_owned();
            assert_eq!(key(form), *want, "{form}");
            assert_eq!(key(&plain), *want, "{plain}");
        }
    }
    // Short stems keep "aj": māja, kāja.
    for w in [
        "māja", "mājas", "mājai", "mājām", "maja", "majas", "majai", "majam",
    ] {
        assert_eq!(key(w), "maj", "{w}");
    }
}

/// Query words and the page words they must find (sample-docs/expected.json).
#[test]
fn sample_query_words_meet_their_page_words() {
    let pairs: &[(&str, &str)] = &[
        ("kekavas", "ķekavas"),
        ("lidzdalibas", "līdzdalības"),
        ("budzetu", "budžets"),
        ("sabiedrībai", "sabiedrības"),
        ("uzticēšanos", "uzticēšanās"),
        ("nolikums", "nolikuma"),
        ("nolikums", "nolikumu"),
        ("līdzpriekšsēdētājs", "līdzpriekšsēdētāju"),
        ("zanete", "žanete"),
        ("lace", "lāce"),
        ("lobētāju", "lobētāju"),
        ("reģistrs", "reģistru"),
        ("trauksmes", "trauksmes"),
        ("celeju", "cēlēju"),
        ("kontaktpunkts", "kontaktpunktu"),
        ("respondentu", "respondenti"),
        ("celvedis", "ceļvedis"),
        ("praksei", "praksei"),
        ("pandēmijas", "pandēmija"),
        ("jauniesu", "jauniešu"),
        ("iesaiste", "iesaiste"),
        ("pasvaldibas", "pašvaldībās"),
        ("ģeotelpiskie", "ģeotelpiskie"),
        ("dati", "dati"),
    ];
    for &(query, page) in pairs {
        assert_eq!(key(query), key(page), "{query} / {page}");
    }
}

#[test]
fn search_key_of_plain_ascii_words_is_stable() {
    for (w, want) in [
        ("dokumentiem", "dokument"),
        ("ogp", "ogp"),
        ("ogp4", "ogp4"),
        ("2023", "2023"),
        ("", ""),
    ] {
        assert_eq!(key(w), want, "{w}");
    }
}

#[test]
fn stemming_never_panics_on_odd_input() {
    for w in [
        "š",
        "ņņ",
        "kš",
        "ņņu",
        "kšu",
        "ūūūū",
        "\u{0}",
        "a\u{304}\u{304}",
        "𝔞𝔟𝔠iem",
        "🙂🙂🙂iem",
        "ǅaiš",
        "ßßßu",
        "ajiem",
        "aaajiem",
    ] {
        let mut s = w.to_string();
        stem(&mut s);
        let mut s = w.to_string();
        search_key(&mut s);
        let mut s = w.to_string();
        stem_folded(&mut s);
    }
}
