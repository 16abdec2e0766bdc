//! Meetings read out of protocols: date, place, kind, chair and secretary, who attended (and
//! who did not), the agenda, and under each agenda item its decisions, action items (who,
//! what, by when) and votes. Every item records the page it was read from and the [`Rule`]
//! that found it, so a reader can check it against the PDF and a correction can say what it
//! replaced.
//!
//! The input is a document's page texts (from the text layer or OCR); the output is plain
//! data. Nothing here touches the catalogue: storing, merging a protocol with the participants
//! list of the same session, and user corrections belong to the caller. The rules follow how
//! Latvian protocols are written (see `/work/shared/DOMAIN.md` → "Meetings and commitments"):
//! `Sēdē piedalās` / `Padomes locekļi` / `Pieaicinātās personas` / `Sēdē nepiedalās`, an
//! attendance table, `Darba kārtība` with numbered items, `NOLEMJ:` / `Nolēma:` / `Nolemts:` /
//! `Vienojās:` with numbered or `;`-separated decisions, `uzdot <iestādei> līdz <datums> …`
//! actions, `Balsojums: par – N, pret – N, atturas – N`; and English minutes (`Present:`,
//! `Agenda`, `Decided:` / `Agreed:`, `Action:`).

mod agenda;
mod attendance;
mod decisions;
mod header;
mod links;
pub(crate) mod text;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use decisions::parse_action;
pub use links::agenda_item_for;
pub use text::{person_key, Stems};

/// The rule that found an item: shown beside it, stored with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// The first date on page 1 (`Rīgā, 2022. gada 5. oktobrī`).
    DateLine,
    /// The date of the session the document belongs to (its text gives none).
    SessionDate,
    /// Council / working group / other, from the words of page 1.
    KindWords,
    /// `Sēdi vada:` / `Sanāksmi vada:` / `Chair:`.
    ChairLabel,
    /// `Protokolē:` / `Protokolēja:` / `Minutes:`.
    SecretaryLabel,
    /// One person a line under `Sēdē piedalās` / `Piedalās` / `Present`.
    AttendanceList,
    /// `Piedalās: A (X); B (Y)` on one line.
    AttendanceInline,
    /// Rows of a table with a `Vārds, uzvārds` column.
    AttendanceTable,
    /// Numbered items under `Darba kārtība` / `Agenda`.
    AgendaList,
    /// Numbered section headings when there is no agenda list.
    SectionHeading,
    /// Numbered decisions under `NOLEMJ:` (`2.1. …`).
    DecisionNumbered,
    /// Decisions after the marker on the same line, `;`-separated.
    DecisionInline,
    /// `uzdot <iestādei> līdz <datums> <darīt>` inside a decision, or `Action:`.
    ActionDative,
    /// An English `Action: X to … [by <date>]` line.
    ActionLabel,
    /// `Balsojums: par – N, pret – N, atturas – N`.
    VoteCount,
    /// A presentation or annex of the meeting's day whose title names the agenda item.
    AgendaDocumentTitle,
}

/// What kind of meeting a protocol records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingKind {
    CouncilSession,
    WorkingGroup,
    Other,
}

/// How a person is listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Under `Padomes locekļi` / `Members`.
    Member,
    /// Under `Pieaicinātās personas` / `Invited`.
    Invited,
    /// Listed as present without saying whether as member or guest.
    Present,
    /// Under `Nepiedalās` / `Absent` / `Apologies`.
    Absent,
}

/// A value with the page and the rule it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Found<T> {
    pub value: T,
    pub page: u32,
    pub rule: Rule,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attendee {
    /// As the list writes it (`Ilze Bērziņa`, or `L. Ozoliņa` where the list uses initials).
    pub person: String,
    pub organisation: Option<String>,
    /// The position after the organisation (`departamenta vadītāja`), or an absentee's reason.
    pub note: Option<String>,
    pub role: Role,
    pub page: u32,
    pub rule: Rule,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// As numbered in the protocol (`2.1`), when it is.
    pub number: Option<String>,
    pub text: String,
    pub page: u32,
    pub rule: Rule,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// The institution or person tasked, in the nominative (`Valsts kanceleja`).
    pub who: String,
    pub what: String,
    /// The deadline as written (`līdz 2023. gada 1. martam`, `nedēļas laikā`).
    pub deadline_text: Option<String>,
    /// The deadline as a date, when it is one.
    pub deadline: Option<NaiveDate>,
    pub page: u32,
    pub rule: Rule,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Vote {
    /// The decision voted on (`2.2`), when the protocol says.
    pub decision: Option<String>,
    pub for_: u32,
    pub against: u32,
    pub abstained: u32,
    pub page: u32,
    pub rule: Rule,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub number: u32,
    pub title: String,
    /// Where the item is discussed (its section heading), else where the agenda lists it.
    pub page: u32,
    pub rule: Rule,
    pub decisions: Vec<Decision>,
    pub actions: Vec<Action>,
    pub votes: Vec<Vote>,
}

/// Everything read from one protocol (or participants list).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub date: Option<Found<NaiveDate>>,
    pub place: Option<Found<String>>,
    pub kind: Option<Found<MeetingKind>>,
    pub chair: Option<Found<String>>,
    pub secretary: Option<Found<String>>,
    pub attendees: Vec<Attendee>,
    pub agenda: Vec<AgendaItem>,
    /// Decisions, actions and votes outside any agenda item (a protocol without an agenda).
    pub decisions: Vec<Decision>,
    pub actions: Vec<Action>,
    pub votes: Vec<Vote>,
}

impl Meeting {
    /// Every decision, in agenda order.
    pub fn all_decisions(&self) -> impl Iterator<Item = &Decision> {
        self.agenda
            .iter()
            .flat_map(|a| a.decisions.iter())
            .chain(self.decisions.iter())
    }

    /// Every action item, in agenda order.
    pub fn all_actions(&self) -> impl Iterator<Item = &Action> {
        self.agenda
            .iter()
            .flat_map(|a| a.actions.iter())
            .chain(self.actions.iter())
    }

    /// Every vote, in agenda order.
    pub fn all_votes(&self) -> impl Iterator<Item = &Vote> {
        self.agenda
            .iter()
            .flat_map(|a| a.votes.iter())
            .chain(self.votes.iter())
    }

    /// Whether anything was found beyond the date.
    pub fn is_empty(&self) -> bool {
        self.attendees.is_empty()
            && self.agenda.is_empty()
            && self.decisions.is_empty()
            && self.chair.is_none()
    }
}

/// Reads a meeting from a document's page texts (page 1 first). Never fails: what is not
/// found stays empty.
pub fn extract(pages: &[&str]) -> Meeting {
    let lines = text::lines(pages);
    let mut m = Meeting {
        date: header::date(&lines),
        kind: header::kind(&lines),
        chair: header::labelled_person(&lines, header::CHAIR, Rule::ChairLabel),
        secretary: header::labelled_person(&lines, header::SECRETARY, Rule::SecretaryLabel),
        attendees: attendance::attendees(&lines),
        ..Meeting::default()
    };
    m.place = header::place(&lines, m.date.as_ref());
    let (agenda, sections) = agenda::agenda(&lines);
    m.agenda = agenda;
    let found = decisions::decisions(&lines);
    for d in found.decisions {
        match section_of(&sections, d.line) {
            Some(i) => m.agenda[i].decisions.push(d.decision),
            None => m.decisions.push(d.decision),
        }
    }
    for a in found.actions {
        match section_of(&sections, a.line) {
            Some(i) => m.agenda[i].actions.push(a.action),
            None => m.actions.push(a.action),
        }
    }
    for v in found.votes {
        match section_of(&sections, v.line) {
            Some(i) => m.agenda[i].votes.push(v.vote),
            None => m.votes.push(v.vote),
        }
    }
    m
}

/// The agenda item whose section holds line `line`: sections are (first line, item index) in
/// line order.
fn section_of(sections: &[(usize, usize)], line: usize) -> Option<usize> {
    sections
        .iter()
        .rev()
        .find(|(start, _)| *start <= line)
        .map(|(_, i)| *i)
}

#[cfg(test)]
mod tests;
