//! The session and the date: a date in the file name, else the meeting date near the top of
//! page 1, matched to a known session; a meeting document whose date matches none reports it.

use super::*;

/// Whether a date of the page head stands next to a word about a meeting ("2023. gada 21.
/// marta sēde", "Sēde notika 2022. gada 5. oktobrī", "Meeting of 21 March 2023").
pub(super) fn near_meeting_word(head: &str, m: &DateMention) -> bool {
    const WINDOW: usize = 60;
    let mut from = m.start.saturating_sub(WINDOW);
    while !head.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (m.end + WINDOW).min(head.len());
    while !head.is_char_boundary(to) {
        to += 1;
    }
    let Some(window) = head.get(from..to) else {
        return false;
    };
    words(window).iter().any(|w| {
        let f = w.folded.as_str();
        [
            "sede", "sedes", "sedi", "sanaksm", "sapulc", "tiksanas", "forum", "notika",
            "protokol", "kartiba", "meeting", "session", "workshop", "seminar", "darbnic",
            "minutes", "agenda",
        ]
        .iter()
        .any(|k| f.starts_with(k))
    })
}

/// The session a document belongs to, a meeting date that matches no known session, and the
/// document's date.
pub(super) struct SessionFound {
    pub session: Option<(SessionRef, Source)>,
    pub unknown_session_date: Option<NaiveDate>,
    pub date: Option<Guess<NaiveDate>>,
}

/// Finds the session (a date in the file name, else the meeting date near the top of page 1)
/// and the document's date. `meeting_doc`: the kind says the document belongs to a meeting.
pub(super) fn guess_session(
    name: &str,
    head: &str,
    page1: &str,
    meeting_doc: bool,
    sessions: &[SessionRef],
) -> SessionFound {
    let name_dates = dates::find_dates(name);
    let head_dates = dates::find_dates(head);
    // The meeting date stated near the top of page 1: the first date next to a word about a
    // meeting ("2022. gada 5. oktobra sēde", "Sēdes protokols … Rīgā, 2023. gada 21. martā",
    // "Meeting of 21 March 2023"), else a meeting document's first date. Later dates (the next
    // meeting, decisions' deadlines) do not count.
    let meeting_date = head_dates
        .iter()
        .find(|m| near_meeting_word(head, m))
        .or_else(|| head_dates.first().filter(|_| meeting_doc))
        .map(|m| m.date);
    let session_on = |d: NaiveDate| sessions.iter().find(|s| s.date == d);
    let session: Option<(SessionRef, Source)> = name_dates
        .iter()
        .find_map(|m| session_on(m.date))
        .map(|s| (*s, Source::FileName))
        .or_else(|| {
            meeting_date
                .and_then(session_on)
                .map(|s| (*s, Source::Text))
        });
    let unknown_session_date = if session.is_none() && meeting_doc {
        meeting_date.or_else(|| name_dates.first().map(|m| m.date))
    } else {
        None
    };

    let date = if let Some((s, src)) = session {
        Some(Guess::new(s.date, src))
    } else if let Some(m) = name_dates.first() {
        Some(Guess::new(m.date, Source::FileName))
    } else if let Some(d) = unknown_session_date.or(meeting_date) {
        Some(Guess::new(d, Source::Text))
    } else {
        dates::find_dates(page1)
            .first()
            .map(|m| Guess::new(m.date, Source::Text))
    };
    SessionFound {
        session,
        unknown_session_date,
        date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::fixtures::*;

    #[test]
    fn protocol_from_text_gets_its_session_title_and_date() {
        let c = run(
            "dokuments.pdf",
            Some("Microsoft Word - dokuments.docx"),
            &[PROTOCOL_PAGE],
        );
        assert_eq!(c.kind, Guess::new(Kind::Protocol, Source::Text));
        assert_eq!(
            c.title.value,
            "Latvijas Piektā nacionālā atvērtās pārvaldības rīcības plāna 2022.–2025. gadam \
             uzraudzības padomes sēdes PROTOKOLS"
        );
        assert_eq!(c.title.source, Source::Text);
        assert_eq!(c.session, Some(Guess::new(2, Source::Text)));
        assert_eq!(c.cycle, Some(Guess::new(5, Source::Text)));
        assert_eq!(c.date, Some(Guess::new(d(2023, 3, 21), Source::Text)));
        assert_eq!(c.unknown_session_date, None);
        assert_eq!(c.lang, Guess::new(Lang::Lv, Source::Text));
    }

    #[test]
    fn protocol_of_an_unknown_session_reports_its_date() {
        let page = PROTOCOL_PAGE.replace("2023. gada 21. martā", "2024. gada 14. februārī");
        let c = run("protokols.pdf", None, &[&page]);
        assert_eq!(c.kind, Guess::new(Kind::Protocol, Source::FileName));
        assert_eq!(c.session, None);
        assert_eq!(c.unknown_session_date, Some(d(2024, 2, 14)));
        assert_eq!(c.date, Some(Guess::new(d(2024, 2, 14), Source::Text)));
        // the year range on the page still gives the cycle
        assert_eq!(c.cycle, Some(Guess::new(5, Source::Text)));
    }

    #[test]
    fn session_from_file_name_date() {
        let c = run("Sedes_protokols_2022-10-05.pdf", None, &[]);
        assert_eq!(c.session, Some(Guess::new(1, Source::FileName)));
        assert_eq!(c.cycle, Some(Guess::new(5, Source::FileName)));
        assert_eq!(c.date, Some(Guess::new(d(2022, 10, 5), Source::FileName)));
        let c = run("Sedes_protokols_2022-10-06.pdf", None, &[]);
        assert_eq!(c.session, None);
        assert_eq!(c.unknown_session_date, Some(d(2022, 10, 6)));
    }

    #[test]
    fn meeting_date_phrases() {
        for (page, session) in [
            (
                "Uzraudzības padome\n2023. gada 21. marta sēde\nDarba kārtība",
                2,
            ),
            (
                "Informācija\nSēde notika 2022. gada 5. oktobrī attālināti.",
                1,
            ),
            (
                "Open Government Partnership\nMeeting of 21 March 2023\nAgenda",
                2,
            ),
            ("Darba grupas sanāksme 16.09.2019.", 3),
        ] {
            let c = run("x.pdf", None, &[page]);
            assert_eq!(c.session, Some(Guess::new(session, Source::Text)), "{page}");
        }
    }

    #[test]
    fn a_protocol_header_date_beats_the_next_meeting_it_mentions() {
        let page = "Sēdes protokols Nr. 3\nRīgā, 2024. gada 10. aprīlī\nNākamā sēde notiks 2023. \
                    gada 21. martā.";
        // the header date is the meeting date, even though it matches no known session
        let c = run("protokols.pdf", None, &[page]);
        assert_eq!(c.session, None);
        assert_eq!(c.unknown_session_date, Some(d(2024, 4, 10)));
        let page = "Sēdes protokols Nr. 2\nRīgā, 2023. gada 21. martā\nNākamā sēde notiks 2022. \
                    gada 5. oktobrī.";
        let c = run("protokols.pdf", None, &[page]);
        assert_eq!(c.session, Some(Guess::new(2, Source::Text)));
    }

    #[test]
    fn dates_deep_in_the_text_are_not_sessions() {
        let filler = "Plāna īstenošana turpinās. ".repeat(40);
        let page = format!(
            "Latvijas Piektais nacionālais atvērtās pārvaldības rīcības plāns\n{filler}\n\
             Padomes sēde notika 2023. gada 21. martā."
        );
        let c = run("plans.pdf", None, &[&page]);
        assert_eq!(c.kind.value, Kind::Plan);
        assert_eq!(c.session, None);
        assert_eq!(c.unknown_session_date, None);
        // a plan's unrelated dates never make an unknown session
        let c = run(
            "plans.pdf",
            None,
            &["Rīcības plāns\nApstiprināts 2022. gada 8. februārī"],
        );
        assert_eq!(c.unknown_session_date, None);
        assert_eq!(c.session, None);
        assert_eq!(c.date, Some(Guess::new(d(2022, 2, 8), Source::Text)));
        assert_eq!(c.cycle, Some(Guess::new(5, Source::Text)));
    }
}
