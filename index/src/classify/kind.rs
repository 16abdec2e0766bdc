//! The kind: signal words in the file name, the title, then the head of page 1; a specific
//! kind beats an action plan, a head noun beats a genitive modifier.

use super::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Tier {
    /// A specific kind.
    Strong,
    /// A vague "other" word: names and titles only, and only when nothing specific matched.
    Weak,
    /// An action plan: only when nothing else matched.
    Plan,
}

/// How a signal's last word must end to be the head noun (nominative) of its phrase.
#[derive(Clone, Copy)]
pub(super) enum Head {
    /// English: any form.
    Always,
    /// Latvian: the rest of the word after the pattern must be one of these endings.
    Endings(&'static [&'static str]),
    /// A modifier only ("vidusposma"): never the head.
    Never,
}

pub(super) struct Signal {
    kind: Kind,
    tier: Tier,
    /// Word patterns, consecutive. Latvian patterns (matched on folded words) are stems (a
    /// prefix); English patterns start with `~` and are matched on the lowercased word, also as
    /// a prefix; a trailing `$` means the whole word; a trailing `#` means digits may follow.
    words: &'static [&'static str],
    head: Head,
    /// A participants list: a meeting document.
    meeting: bool,
}

pub(super) const MASC: Head = Head::Endings(&["s", "i"]);
pub(super) const FEM: Head = Head::Endings(&["a"]);

pub(super) const fn sig(
    kind: Kind,
    tier: Tier,
    words: &'static [&'static str],
    head: Head,
) -> Signal {
    Signal {
        kind,
        tier,
        words,
        head,
        meeting: false,
    }
}

pub(super) const SIGNALS: &[Signal] = &[
    // protocol / minutes
    sig(Kind::Protocol, Tier::Strong, &["protokol"], MASC),
    sig(Kind::Protocol, Tier::Strong, &["~minutes$"], Head::Always),
    sig(Kind::Protocol, Tier::Strong, &["~protocol$"], Head::Always),
    // presentation
    sig(Kind::Presentation, Tier::Strong, &["prezentacij"], FEM),
    sig(
        Kind::Presentation,
        Tier::Strong,
        &["~presentation"],
        Head::Always,
    ),
    sig(
        Kind::Presentation,
        Tier::Strong,
        &["~slides$"],
        Head::Always,
    ),
    // evaluation / report
    sig(Kind::Evaluation, Tier::Strong, &["izvertejum"], MASC),
    sig(Kind::Evaluation, Tier::Strong, &["novertejum"], MASC),
    sig(Kind::Evaluation, Tier::Strong, &["zinojum"], MASC),
    sig(
        Kind::Evaluation,
        Tier::Strong,
        &["atskait"],
        Head::Endings(&["e"]),
    ),
    sig(
        Kind::Evaluation,
        Tier::Strong,
        &["vidusposma$"],
        Head::Never,
    ),
    sig(
        Kind::Evaluation,
        Tier::Strong,
        &["~mid", "~term$"],
        Head::Always,
    ),
    sig(Kind::Evaluation, Tier::Strong, &["~midterm$"], Head::Always),
    sig(
        Kind::Evaluation,
        Tier::Strong,
        &["~end", "~of", "~term$"],
        Head::Always,
    ),
    sig(Kind::Evaluation, Tier::Strong, &["~report"], Head::Always),
    sig(Kind::Evaluation, Tier::Strong, &["~review$"], Head::Always),
    sig(
        Kind::Evaluation,
        Tier::Strong,
        &["~evaluation"],
        Head::Always,
    ),
    sig(
        Kind::Evaluation,
        Tier::Strong,
        &["~assessment"],
        Head::Always,
    ),
    sig(Kind::Evaluation, Tier::Strong, &["~irm$"], Head::Always),
    // declaration
    sig(Kind::Declaration, Tier::Strong, &["deklaracij"], FEM),
    sig(
        Kind::Declaration,
        Tier::Strong,
        &["~declaration"],
        Head::Always,
    ),
    // survey
    sig(Kind::Survey, Tier::Strong, &["aptauj"], FEM),
    sig(Kind::Survey, Tier::Strong, &["anket"], FEM),
    sig(Kind::Survey, Tier::Strong, &["~survey"], Head::Always),
    sig(
        Kind::Survey,
        Tier::Strong,
        &["~questionnaire"],
        Head::Always,
    ),
    // other, specific
    Signal {
        meeting: true,
        ..sig(Kind::Other, Tier::Strong, &["dalibnieku", "sarakst"], MASC)
    },
    Signal {
        meeting: true,
        ..sig(Kind::Other, Tier::Strong, &["~participants$"], Head::Always)
    },
    Signal {
        meeting: true,
        ..sig(
            Kind::Other,
            Tier::Strong,
            &["~attendance", "~list$"],
            Head::Always,
        )
    },
    sig(Kind::Other, Tier::Strong, &["pazinojum"], MASC),
    sig(Kind::Other, Tier::Strong, &["~notice$"], Head::Always),
    sig(Kind::Other, Tier::Strong, &["~announcement"], Head::Always),
    sig(Kind::Other, Tier::Strong, &["diskusiju", "dokument"], MASC),
    sig(
        Kind::Other,
        Tier::Strong,
        &["~discussion", "~paper"],
        Head::Always,
    ),
    // other, vague
    sig(Kind::Other, Tier::Weak, &["princip"], Head::Always),
    sig(Kind::Other, Tier::Weak, &["apkopojum"], Head::Always),
    sig(
        Kind::Other,
        Tier::Weak,
        &["izstrades", "proces"],
        Head::Always,
    ),
    sig(Kind::Other, Tier::Weak, &["~principles$"], Head::Always),
    sig(Kind::Other, Tier::Weak, &["~summary$"], Head::Always),
    // action plan
    sig(Kind::Plan, Tier::Plan, &["ricibas", "plan"], Head::Always),
    sig(
        Kind::Plan,
        Tier::Plan,
        &["parvaldibas", "plan"],
        Head::Always,
    ),
    sig(Kind::Plan, Tier::Plan, &["parvaldes", "plan"], Head::Always),
    sig(Kind::Plan, Tier::Plan, &["~action", "~plan"], Head::Always),
    sig(Kind::Plan, Tier::Plan, &["~nap#"], Head::Always),
    sig(Kind::Plan, Tier::Plan, &["plans$"], Head::Always),
    sig(Kind::Plan, Tier::Plan, &["~plan$"], Head::Always),
];

/// Whether `word` matches `pattern`; if so, the rest of the word after the pattern.
pub(super) fn match_word<'w>(pattern: &str, word: &'w Word) -> Option<&'w str> {
    let (p, w) = match pattern.strip_prefix('~') {
        Some(p) => (p, word.lower.as_str()),
        None => (pattern, word.folded.as_str()),
    };
    if let Some(p) = p.strip_suffix('$') {
        return (w == p).then_some("");
    }
    if let Some(p) = p.strip_suffix('#') {
        let rest = w.strip_prefix(p)?;
        return rest.chars().all(|c| c.is_ascii_digit()).then_some(rest);
    }
    w.strip_prefix(p)
}

pub(super) struct KindFound {
    pub kind: Kind,
    pub meeting: bool,
}

/// The kind that the signal words of one text point to.
pub(super) fn kind_in(text: &str, weak_ok: bool) -> Option<KindFound> {
    let ws = words(text);
    // (signal, word index, is head)
    let mut hits: Vec<(&Signal, usize, bool)> = Vec::new();
    for i in 0..ws.len() {
        for s in SIGNALS {
            if s.tier == Tier::Weak && !weak_ok {
                continue;
            }
            let n = s.words.len();
            if i + n > ws.len() {
                continue;
            }
            let mut last_rest = None;
            let ok = s.words.iter().enumerate().all(|(k, p)| {
                let r = match_word(p, &ws[i + k]);
                last_rest = r;
                r.is_some()
            });
            if !ok {
                continue;
            }
            let head = match s.head {
                Head::Always => true,
                Head::Never => false,
                Head::Endings(e) => last_rest.is_some_and(|r| e.contains(&r)),
            };
            hits.push((s, ws[i].start, head));
        }
    }
    let pick = |tier: Tier| -> Option<&(&Signal, usize, bool)> {
        let of_tier = || hits.iter().filter(move |h| h.0.tier == tier);
        of_tier()
            .filter(|h| h.2)
            .min_by_key(|h| h.1)
            .or_else(|| of_tier().min_by_key(|h| h.1))
    };
    let best = pick(Tier::Strong)
        .or_else(|| pick(Tier::Weak))
        .or_else(|| pick(Tier::Plan))?;
    Some(KindFound {
        kind: best.0.kind,
        meeting: best.0.meeting,
    })
}

/// The kind, looked for in the file name, the Office file name inside the PDF title, the
/// title (when it is not the file name again) and the head of page 1; and whether the document
/// belongs to a meeting (its date is then a meeting date).
pub(super) fn guess_kind(
    name_stem: &str,
    office_name: Option<&str>,
    title_text: Option<(&str, Source)>,
    kind_head: &str,
) -> (Guess<Kind>, bool) {
    let mut kind_sources: Vec<(&str, Source, bool)> = vec![(name_stem, Source::FileName, true)];
    if let Some(n) = office_name {
        kind_sources.push((n, Source::PdfTitle, true));
    }
    if let Some((t, src)) = title_text {
        kind_sources.push((t, src, true));
    }
    kind_sources.push((kind_head, Source::Text, false));
    let mut kind = Guess::new(Kind::Other, Source::Default);
    let mut meeting_doc = false;
    for &(text, src, weak_ok) in &kind_sources {
        if let Some(found) = kind_in(text, weak_ok) {
            kind = Guess::new(found.kind, src);
            meeting_doc = found.meeting;
            break;
        }
    }
    if matches!(kind.value, Kind::Protocol | Kind::Presentation) {
        meeting_doc = true;
    }
    (kind, meeting_doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::fixtures::*;

    /// Seed file names: (file name, expected kind, expected cycle).
    const SEED_TITLES: &[(&str, Kind, Option<i64>)] = &[
        ("Sēdes protokols.pdf", Kind::Protocol, None),
        (
            "Valsts kancelejas prezentācija.pdf",
            Kind::Presentation,
            None,
        ),
        (
            "OGP sekretariāta prezentācija.pdf",
            Kind::Presentation,
            None,
        ),
        (
            "Interaktīvas aktivitātes Atvērtība publiskajā sektorā Latvijā – labie un ne tik \
             labie piemēri. Kopīga kartēšana rezultātu apkopojums.pdf",
            Kind::Other,
            None,
        ),
        (
            "Latvijas Piektais Nacionālais atvērtās pārvaldības plāns.pdf",
            Kind::Plan,
            Some(5),
        ),
        (
            "Latvijas Piektais Nacionālās atvērtās pārvaldības plāns (English).pdf",
            Kind::Plan,
            Some(5),
        ),
        (
            "Informācija par Piektā nacionālā atvērtās pārvaldības rīcības plāna 2022. -2025. \
             gadam izstrādes procesu.pdf",
            Kind::Other,
            Some(5),
        ),
        (
            "Ceturtais nacionālais atvērtās pārvaldības rīcības plāns 2020.-2021.gadam.pdf",
            Kind::Plan,
            Some(4),
        ),
        (
            "Valsts kancelejas ziņojums par Latvijas Ceturtā nacionālā atvērtās pārvaldības \
             rīcības plāna 2020. – 2021. gadam izpildi.pdf",
            Kind::Evaluation,
            Some(4),
        ),
        (
            "Vidusposma izvērtējums par plāna izpildi 2020.gadā..pdf",
            Kind::Evaluation,
            Some(4),
        ),
        (
            "Iesaistīto pušu foruma dalībnieku saraksts.pdf",
            Kind::Other,
            None,
        ),
        ("Paziņojums par līdzdalību OGP4.pdf", Kind::Other, Some(4)),
        (
            "Latvijas Ceturtais atvērtās pārvaldes rīcības plāns: diskusiju dokuments.pdf",
            Kind::Other,
            Some(4),
        ),
        ("aptaujas rezultāti.pdf", Kind::Survey, None),
        ("Rīcības plāna izstrādes principi.pdf", Kind::Other, None),
        (
            "Latvijas pirmais nacionālais rīcības plāns(LV, ENG).pdf",
            Kind::Plan,
            Some(1),
        ),
        (
            "Latvijas otrais nacionālais rīcības plāns(LV, ENG).pdf",
            Kind::Plan,
            Some(2),
        ),
        (
            "Latvijas otrā nacionālā rīcības plāna vidusposma izvērtējums(LV, ENG).pdf",
            Kind::Evaluation,
            Some(2),
        ),
        (
            "Latvijas trešais nacionālais rīcības plāns(LV).pdf",
            Kind::Plan,
            Some(3),
        ),
        (
            "Latvijas trešā nacionālā rīcības plāna vidusposma izvērtējums(LV).pdf",
            Kind::Evaluation,
            Some(3),
        ),
        (
            "OGP 2016.gada Parīzes samita deklarācija (ENG).pdf",
            Kind::Declaration,
            None,
        ),
        (
            "OGP dibināšanās sanāksmes 2011.gadā kopīgā deklarācija (LV, ENG).pdf",
            Kind::Declaration,
            None,
        ),
        (
            "Latvijas trešā nacionālā rīcības plāna nobeiguma ziņojums(LV).pdf",
            Kind::Evaluation,
            Some(3),
        ),
        (
            "Latvia 2019-2021 Design Report in Latvian and English(LV, ENG).pdf",
            Kind::Evaluation,
            Some(4),
        ),
        // folded file names
        ("sedes_protokols_2023-03-21.pdf", Kind::Protocol, Some(5)),
        (
            "VK_prezentacija_20230321.pptx.pdf",
            Kind::Presentation,
            Some(5),
        ),
        // a bare number is not a year; "2020.gada" is
        ("vidusposma-izvertejums-2020.pdf", Kind::Evaluation, None),
        (
            "vidusposma-izvertejums-2020_gada.pdf",
            Kind::Evaluation,
            Some(4),
        ),
        ("aptaujas_rezultati_2019.pdf", Kind::Survey, None),
        ("aptaujas_rezultati_2019.gada.pdf", Kind::Survey, Some(3)),
        // declarations are international: no cycle from a year or date
        ("OGP_Paris_Declaration_2016.pdf", Kind::Declaration, None),
        ("Latvia_Action-Plan_2022-2025.pdf", Kind::Plan, Some(5)),
        (
            "Latvia_Mid-Term_Report_2020-2021.pdf",
            Kind::Evaluation,
            Some(4),
        ),
        (
            "Latvia_End-of-Term_Report_2017-2019.pdf",
            Kind::Evaluation,
            Some(3),
        ),
        ("meeting_minutes_2022-10-05.pdf", Kind::Protocol, Some(5)),
        (
            "Aptaujas_rezultatu_prezentacija.pdf",
            Kind::Presentation,
            None,
        ),
        ("pazinojums.pdf", Kind::Other, None),
        ("scan0001.pdf", Kind::Other, None),
        ("", Kind::Other, None),
    ];

    #[test]
    fn kind_table_from_seed_titles() {
        for &(name, kind, cycle) in SEED_TITLES {
            let c = run(name, None, &[]);
            assert_eq!(c.kind.value, kind, "kind of {name}");
            let want_source = if kind == Kind::Other && c.kind.source == Source::Default {
                Source::Default
            } else {
                Source::FileName
            };
            assert_eq!(c.kind.source, want_source, "kind source of {name}");
            assert_eq!(c.cycle.as_ref().map(|g| g.value), cycle, "cycle of {name}");
        }
    }

    #[test]
    fn kind_order_in_text() {
        let table: &[(&str, Kind)] = &[
            (
                "Vidusposma izvērtējums par Latvijas ceturtā rīcības plāna izpildi",
                Kind::Evaluation,
            ),
            (
                "Rīcības plāna uzraudzības padomes sēdes protokols",
                Kind::Protocol,
            ),
            (
                "Sēdes protokols. Darba kārtība: rīcības plāna prezentācija",
                Kind::Protocol,
            ),
            ("Aptaujas rezultātu prezentācija", Kind::Presentation),
            ("Aptaujas rezultātu apkopojums", Kind::Survey),
            (
                "Latvijas Piektais nacionālais atvērtās pārvaldības rīcības plāns",
                Kind::Plan,
            ),
            ("Latvia's Fifth National Action Plan 2022-2025", Kind::Plan),
            (
                "Fifth National Action Plan: Mid-term review",
                Kind::Evaluation,
            ),
            ("MINUTES of the meeting of the council", Kind::Protocol),
            ("Paris Declaration on Open Government", Kind::Declaration),
            ("Results of the public survey", Kind::Survey),
            ("Sēdes dalībnieku saraksts", Kind::Other),
            ("Ierosinājumi darba grupai", Kind::Other),
        ];
        for &(text, kind) in table {
            let c = run("file.pdf", None, &[text]);
            assert_eq!(c.kind.value, kind, "{text}");
        }
        // "minūtes" (Latvian minutes of time) is not English "minutes"
        let c = run(
            "file.pdf",
            None,
            &["Atvērtā pārvaldība: 15 minūtes jautājumiem"],
        );
        assert_eq!(c.kind.value, Kind::Other);
        // vague words do not count in the body text
        let c = run(
            "file.pdf",
            None,
            &["Ievads\n\nŠeit apkopojums par principiem"],
        );
        assert_eq!(c.kind, Guess::new(Kind::Other, Source::Default));
    }
}
