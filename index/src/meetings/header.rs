//! A protocol's opening: the meeting's date and place (the first dated line of page 1), its
//! kind (council session, working group, other) and the chair and secretary named after
//! `Sēdi vada:` / `Protokolē:` (or the signature lines at the end).

use chrono::NaiveDate;

use super::text::{find_names, fold_lower, labelled, Line};
use super::{Found, MeetingKind, Rule};
use crate::dates;

pub const CHAIR: &[&str] = &[
    "sedi vada",
    "sanaksmi vada",
    "sedes vaditaja",
    "sedes vaditajs",
    "sanaksmes vaditaja",
    "sanaksmes vaditajs",
    "chair",
    "chaired by",
];

pub const SECRETARY: &[&str] = &[
    "protokole",
    "protokoleja",
    "protokoletaja",
    "protokoletajs",
    "minutes taken by",
    "secretary",
];

/// Only the opening lines of page 1 are read for the date: later dates are deadlines.
const HEADER_LINES: usize = 12;

pub fn date(lines: &[Line]) -> Option<Found<NaiveDate>> {
    lines
        .iter()
        .take_while(|l| l.page == 1)
        .take(HEADER_LINES)
        .find_map(|l| {
            let d = dates::find_dates(&l.text).into_iter().next()?;
            Some(Found {
                value: d.date,
                page: 1,
                rule: Rule::DateLine,
            })
        })
}

/// The text before the date on the date line (`Rīgā`, `Rīgā, Brīvības bulvārī 36`), else the
/// line above it when that names an address (a participants list's heading).
pub fn place(lines: &[Line], date: Option<&Found<NaiveDate>>) -> Option<Found<String>> {
    date?;
    let (i, line) = lines
        .iter()
        .take(HEADER_LINES)
        .enumerate()
        .find(|(_, l)| !dates::find_dates(&l.text).is_empty())?;
    let m = dates::find_dates(&line.text).into_iter().next()?;
    let before = line.text[..m.start].trim().trim_end_matches(',').trim();
    let value = if !before.is_empty() {
        before.to_string()
    } else {
        let prev = lines.get(i.checked_sub(1)?)?;
        if !prev.text.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        prev.text.clone()
    };
    Some(Found {
        value,
        page: line.page,
        rule: Rule::DateLine,
    })
}

pub fn kind(lines: &[Line]) -> Option<Found<MeetingKind>> {
    let head: String = lines
        .iter()
        .take_while(|l| l.page == 1)
        .take(HEADER_LINES)
        .map(|l| fold_lower(&l.text))
        .collect::<Vec<_>>()
        .join(" ");
    let value = if head.contains("padomes sede")
        || head.contains("padomes sedes")
        || head.contains("council meeting")
        || head.contains("council session")
    {
        MeetingKind::CouncilSession
    } else if head.contains("darba grupa")
        || head.contains("darba grupas")
        || head.contains("sanaksme")
        || head.contains("working group")
    {
        MeetingKind::WorkingGroup
    } else if head.contains("protokols") || head.contains("minutes") || head.contains("sede") {
        MeetingKind::Other
    } else {
        return None;
    };
    Some(Found {
        value,
        page: 1,
        rule: Rule::KindWords,
    })
}

/// The person named after one of `labels`: the last full name in the text after it (`Sēdi
/// vada: … departamenta vadītāja Ilze Bērziņa.`), else the first name by initial. The
/// opening label wins over a signature line at the end.
pub fn labelled_person(lines: &[Line], labels: &[&str], rule: Rule) -> Option<Found<String>> {
    lines.iter().find_map(|l| {
        let rest = labelled(&l.text, labels)?;
        let names = find_names(rest);
        let full = names
            .iter()
            .rev()
            .find(|(a, b)| !rest[*a..*b].contains('.'))
            .or_else(|| names.first())?;
        Some(Found {
            value: rest[full.0..full.1].to_string(),
            page: l.page,
            rule,
        })
    })
}
