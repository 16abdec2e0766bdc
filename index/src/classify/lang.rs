//! The language: Latvian against English words over the first pages, else the file name
//! and title, else Latvian.

use super::*;

pub(super) const LV_WORDS: &[&str] = &[
    "un",
    "ir",
    "par",
    "ar",
    "no",
    "uz",
    "lai",
    "kas",
    "ka",
    "vai",
    "tiek",
    "pie",
    "ko",
    "gada",
    "gadam",
    "valsts",
    "padomes",
    "sedes",
    "ari",
    "pec",
    "tika",
    "sabiedribas",
    "parvaldibas",
    "atvertas",
    "ricibas",
    "kanceleja",
    "kancelejas",
    "latvijas",
    "nacionalais",
    "nacionala",
    "ministrijas",
    "darba",
];

pub(super) const EN_WORDS: &[&str] = &[
    "the",
    "and",
    "of",
    "to",
    "in",
    "is",
    "for",
    "on",
    "with",
    "that",
    "by",
    "this",
    "are",
    "be",
    "as",
    "from",
    "an",
    "or",
    "at",
    "was",
    "which",
    "it",
    "will",
    "have",
    "has",
    "were",
    "their",
    "its",
    "not",
    "government",
    "open",
    "plan",
    "action",
    "national",
    "report",
    "partnership",
    "public",
    "meeting",
];

/// (Latvian evidence, English evidence) in a text.
pub(super) fn lang_scores(text: &str) -> (usize, usize) {
    let mut lv = 0;
    let mut en = 0;
    for w in words(text) {
        if w.lower.chars().any(|c| "āčēģīķļņšūž".contains(c))
            || LV_WORDS.contains(&w.folded.as_str())
        {
            lv += 1;
        } else if EN_WORDS.contains(&w.lower.as_str()) {
            en += 1;
        }
    }
    (lv, en)
}

pub(super) fn guess_lang(pages: &[&str], name_stem: &str, pdf_title: Option<&str>) -> Guess<Lang> {
    let mut lv = 0;
    let mut en = 0;
    let mut budget = LANG_TEXT_BYTES;
    for p in pages.iter().take(3) {
        if budget == 0 {
            break;
        }
        let t = prefix_bytes(p, budget);
        budget -= t.len();
        let (a, b) = lang_scores(t);
        lv += a;
        en += b;
    }
    if lv + en >= 3 {
        let value = if en > lv { Lang::En } else { Lang::Lv };
        return Guess::new(value, Source::Text);
    }
    // The file name: language tags, and its words.
    let (mut lv, mut en) = lang_scores(name_stem);
    for w in words(name_stem) {
        match w.folded.as_str() {
            "en" | "eng" | "english" | "angliski" | "anglu" => en += 3,
            "lv" | "lat" | "latviski" | "latviesu" => lv += 3,
            _ => {}
        }
    }
    if lv != en {
        let value = if en > lv { Lang::En } else { Lang::Lv };
        return Guess::new(value, Source::FileName);
    }
    if let Some(t) = pdf_title {
        let (lv, en) = lang_scores(t);
        if lv != en {
            let value = if en > lv { Lang::En } else { Lang::Lv };
            return Guess::new(value, Source::PdfTitle);
        }
    }
    Guess::new(Lang::Lv, Source::Default)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::fixtures::*;

    #[test]
    fn language() {
        let en = "The Open Government Partnership is an international initiative. This report \
                  describes the progress of the action plan and the results of the meeting.";
        let lv = "Atvērtās pārvaldības partnerība ir starptautiska iniciatīva, kuras mērķis ir \
                  veicināt atklātību, atbildību un sabiedrības līdzdalību.";
        assert_eq!(
            run("x.pdf", None, &[en]).lang,
            Guess::new(Lang::En, Source::Text)
        );
        assert_eq!(
            run("x.pdf", None, &[lv]).lang,
            Guess::new(Lang::Lv, Source::Text)
        );
        assert_eq!(
            run("Latvia_Design_Report_ENG.pdf", None, &[]).lang,
            Guess::new(Lang::En, Source::FileName)
        );
        assert_eq!(
            run("Sedes_protokols_LV.pdf", None, &[]).lang,
            Guess::new(Lang::Lv, Source::FileName)
        );
        assert_eq!(
            run("scan.pdf", None, &[]).lang,
            Guess::new(Lang::Lv, Source::Default)
        );
        // English words folded from Latvian do not count as English
        assert_eq!(
            run("x.pdf", None, &["Sēdes protokols, plāns un izvērtējums"])
                .lang
                .value,
            Lang::Lv
        );
    }
}
