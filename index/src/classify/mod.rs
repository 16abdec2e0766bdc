//! What a document is: its title, kind, language, plan cycle, council session and date, each
//! guessed by rules from the file name, the PDF's title and the first page, and each recording
//! where the guess came from ([`Source`]).
//!
//! Rules, in short:
//! - **title**: the PDF title if meaningful (not `Microsoft Word - …`, not `Untitled`, not a
//!   file name), else the first substantial lines of page 1 (after any letterhead), else the
//!   file name without its extension, `_` and `-` as spaces.
//! - **kind**: signal words (DOMAIN.md) in the file name first, then the title, then the first
//!   ~600 characters of page 1. Within one of these, a specific kind (protocol, presentation,
//!   evaluation, declaration, survey, participants list, notice, …) beats an action plan, so
//!   "izvērtējums par plāna izpildi" is an evaluation and "… plāna … sēdes protokols" a protocol.
//!   Among specific signals the first word in the nominative (the head noun: "protokols",
//!   "prezentācija") wins over genitive modifiers ("aptaujas rezultātu prezentācija" is a
//!   presentation); weak signals ("apkopojums", "principi") count only in names and titles and
//!   only when nothing specific matched.
//! - **lang**: Latvian words (with Latvian diacritics, or Latvian function words) against
//!   English stop words over the first pages; else the file name and title; else Latvian.
//! - **session**: a date in the file name, else the meeting date near the start of page 1
//!   (next to "sēde", "sanāksme", "meeting" …, or the first date of a meeting document), equal
//!   to a known session's date. A protocol, presentation or participants list whose meeting date
//!   matches no session reports it as `unknown_session_date`.
//! - **cycle**: the session's; else a year range (file name, title, page 1) matching a cycle;
//!   else an ordinal next to "plāns"/"plan" ("Ceturtais … rīcības plāns", "Fifth National
//!   Action Plan", "OGP4"); else a year stated as such in the file name or title ("… izpildi
//!   2020.gadā"; a bare number like `_2019` is no evidence), else the document date's year; a
//!   year counts if it falls in exactly one cycle (or starts one of two). The year rules are
//!   not used for declarations, which are international OGP documents.
//! - **date**: the session's date, else the first date in the file name, else the meeting
//!   date, else the first date on page 1.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dates::{self, DateMention};
use crate::latvian;
use crate::model::Sources;
pub use crate::model::{Kind, Lang, Source};

mod cycle;
mod kind;
mod lang;
mod session;
mod text;
mod title;

use cycle::*;
pub use cycle::{cycle_for_range, cycle_for_year};
use kind::*;
use lang::*;
use session::*;
use text::*;
use title::*;

/// A guessed value and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guess<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Guess<T> {
    pub fn new(value: T, source: Source) -> Self {
        Guess { value, source }
    }
}

/// A plan cycle as the classifier needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleRef {
    pub number: i64,
    pub start_year: i32,
    pub end_year: i32,
}

/// A known session as the classifier needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRef {
    pub id: i64,
    pub cycle: i64,
    pub date: NaiveDate,
}

/// Everything guessed about one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    pub title: Guess<String>,
    pub kind: Guess<Kind>,
    pub lang: Guess<Lang>,
    pub cycle: Option<Guess<i64>>,
    /// The id of the session.
    pub session: Option<Guess<i64>>,
    /// A protocol's (presentation's, participants list's) meeting date that matches no known
    /// session.
    pub unknown_session_date: Option<NaiveDate>,
    pub date: Option<Guess<NaiveDate>>,
}

impl From<&Classification> for Sources {
    /// Where each guess came from, by name (`""` for a guess not made), as the catalogue keeps it.
    fn from(c: &Classification) -> Sources {
        Sources {
            title: Source::name_of(Some(c.title.source)),
            kind: Source::name_of(Some(c.kind.source)),
            cycle: Source::name_of(c.cycle.as_ref().map(|g| g.source)),
            session: Source::name_of(c.session.as_ref().map(|g| g.source)),
            lang: Source::name_of(Some(c.lang.source)),
            date: Source::name_of(c.date.as_ref().map(|g| g.source)),
        }
    }
}

/// Longest title kept, in chars.
const MAX_TITLE_CHARS: usize = 160;
/// How much of page 1 is read for kind signals, in chars.
const KIND_HEAD_CHARS: usize = 600;
/// How much of page 1 is read for the meeting date, ranges and ordinals, in chars.
const MEETING_HEAD_CHARS: usize = 700;
/// How much text the language guess reads, in bytes (cut at a char boundary).
const LANG_TEXT_BYTES: usize = 20_000;

/// Classifies a document from its file name (a path is fine: only the last part counts), the
/// PDF's title, its pages' text, and the known cycles and sessions.
pub fn classify(
    file_name: &str,
    pdf_title: Option<&str>,
    pages: &[&str],
    cycles: &[CycleRef],
    sessions: &[SessionRef],
) -> Classification {
    let name = base_name(file_name);
    let name_stem = strip_extension(name);
    let page1 = pages.first().copied().unwrap_or("");
    let kind_head = prefix_chars(page1, KIND_HEAD_CHARS);
    let head = prefix_chars(page1, MEETING_HEAD_CHARS);
    // "Microsoft Word - Sedes_protokols.docx": not a title, but the original file's name.
    let office_name = pdf_title.and_then(office_file_name);

    let title = guess_title(name_stem, pdf_title, page1);
    // The title as a place to look for signals, unless it is only the file name again.
    let title_text = match title.source {
        Source::PdfTitle | Source::Text => Some((title.value.as_str(), title.source)),
        Source::FileName | Source::Default => None,
    };

    let (kind, meeting_doc) = guess_kind(name_stem, office_name, title_text, kind_head);

    let lang = guess_lang(pages, name_stem, pdf_title);

    let found = guess_session(name, head, page1, meeting_doc, sessions);
    let (session, unknown_session_date, date) =
        (found.session, found.unknown_session_date, found.date);

    // Cycle: the session's, else what the names, the title or page 1 state.
    let mut named: Vec<(&str, Source)> = vec![(name_stem, Source::FileName)];
    if let Some(n) = office_name {
        named.push((n, Source::PdfTitle));
    }
    if let Some((t, src)) = title_text {
        named.push((t, src));
    }
    let cycle = match session {
        Some((s, src)) => Some(Guess::new(s.cycle, src)),
        None => guess_cycle(&named, head, kind.value, date.as_ref(), cycles),
    };

    Classification {
        title,
        kind,
        lang,
        cycle,
        session: session.map(|(s, src)| Guess::new(s.id, src)),
        unknown_session_date,
        date,
    }
}

#[cfg(test)]
mod fixtures {
    use super::*;

    pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    pub(super) fn cycles() -> Vec<CycleRef> {
        [
            (1, 2012, 2014),
            (2, 2015, 2017),
            (3, 2017, 2019),
            (4, 2020, 2021),
            (5, 2022, 2025),
        ]
        .into_iter()
        .map(|(number, start_year, end_year)| CycleRef {
            number,
            start_year,
            end_year,
        })
        .collect()
    }

    pub(super) fn sessions() -> Vec<SessionRef> {
        vec![
            SessionRef {
                id: 1,
                cycle: 5,
                date: d(2022, 10, 5),
            },
            SessionRef {
                id: 2,
                cycle: 5,
                date: d(2023, 3, 21),
            },
            SessionRef {
                id: 3,
                cycle: 4,
                date: d(2019, 9, 16),
            },
            SessionRef {
                id: 4,
                cycle: 4,
                date: d(2019, 10, 14),
            },
        ]
    }

    pub(super) fn run(name: &str, title: Option<&str>, pages: &[&str]) -> Classification {
        classify(name, title, pages, &cycles(), &sessions())
    }

    pub(super) const PROTOCOL_PAGE: &str = "VALSTS KANCELEJA\n\
        Brīvības bulvāris 36, Rīga, LV-1520, tālr. 67082800, e-pasts vk@mk.gov.lv\n\
        \n\
        Latvijas Piektā nacionālā atvērtās pārvaldības rīcības plāna 2022.–2025. gadam\n\
        uzraudzības padomes sēdes\n\
        PROTOKOLS\n\
        \n\
        Rīgā\n\
        2023. gada 21. martā                                   Nr. 2\n\
        \n\
        Sēdi vada: Valsts kancelejas pārstāvis. Darba kārtība: 1. Valsts kancelejas \
        prezentācija par rīcības plāna izpildi. 2. OGP sekretariāta prezentācija. Sēdes \
        dalībnieku saraksts pievienots pielikumā. Nākamā sēde notiks 2023. gada 5. oktobrī.";
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;

    #[test]
    fn enums_round_trip() {
        for k in Kind::ALL {
            assert_eq!(k.as_str().parse::<Kind>(), Ok(k));
            assert_eq!(
                serde_json::to_string(&k).expect("serialize"),
                format!("\"{}\"", k.as_str())
            );
        }
        assert_eq!(" Protocol ".parse::<Kind>(), Ok(Kind::Protocol));
        assert!("minutes".parse::<Kind>().is_err());
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert!("de".parse::<Lang>().is_err());
        assert_eq!(
            serde_json::to_string(&Source::PdfTitle).expect("serialize"),
            "\"pdf_title\""
        );
        assert_eq!(
            serde_json::to_string(&Lang::Lv).expect("serialize"),
            "\"lv\""
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd = [
            "",
            "\u{0}",
            "🙂🙂🙂",
            "ā",
            ".",
            "..",
            ".pdf",
            "/",
            "\\",
            "2023-02-31.pdf",
            "99999999999999999999.pdf",
            "Microsoft Word - ",
            "Microsoft Word - .docx",
            "ĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀ",
        ];
        let big = "ā😀 2023. gada 21. martā sēde\n".repeat(500);
        for a in odd {
            for b in odd {
                let _ = run(a, Some(b), &[b, a]);
                let _ = run(a, None, &[&big]);
            }
        }
        let c = run("x", None, &[&big]);
        assert!(c.title.value.chars().count() <= MAX_TITLE_CHARS);
    }
}
