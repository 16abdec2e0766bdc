//! The records as the CLI, the export and the app read them (issue 15): a meeting by date
//! with its agenda, decisions, attendees and documents (a presentation or annex of the day
//! under the agenda item its title names), decisions found by words, a cycle's commitments,
//! one commitment's thread across documents and cycles, who attended what, and the bundle's
//! `meetings.json` / `commitments.json`. Reading the records out of the documents is in
//! [`super::records`].

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::records::by_cycle;
use super::Archive;
use crate::catalog::records::{
    ActionRow, AttendeeRow, DecisionRow, DocRef, MentionRow, MilestoneRow, RatingRow, RecordPatch,
    VoteRow,
};
use crate::commitments::{self, CommitmentRef, Continuation};
use crate::error::{Error, Result};
use crate::meetings::{self, text::keys};

/// One agenda item of a meeting, with what was decided under it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaView {
    pub number: i64,
    pub title: String,
    pub doc_id: i64,
    pub file_name: String,
    pub page: i64,
    pub decisions: Vec<DecisionRow>,
    pub actions: Vec<ActionRow>,
    pub votes: Vec<VoteRow>,
    /// The presentations and annexes of the day whose title names this item.
    pub documents: Vec<DocRef>,
}

/// A meeting: what its protocol and participants list say, and the session's documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingView {
    pub date: String,
    pub kind: Option<String>,
    pub place: Option<String>,
    pub chair: Option<String>,
    pub secretary: Option<String>,
    pub documents: Vec<DocRef>,
    pub attendees: Vec<AttendeeRow>,
    pub agenda: Vec<AgendaView>,
    /// Decisions outside any agenda item.
    pub decisions: Vec<DecisionRow>,
}

/// A commitment of a cycle, merged from the cycle's plans (the Latvian text first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommitmentView {
    /// `cycle.number`, e.g. `4.3`.
    pub id: String,
    pub cycle: i64,
    pub number: i64,
    pub title: String,
    pub institution: Option<String>,
    pub ogp_id: Option<String>,
    pub plan: DocRef,
    pub page: i64,
    pub milestones: Vec<MilestoneRow>,
    /// The latest completion level an evaluation gives (`substantial`), if any.
    pub completion: Option<String>,
    pub mentions: usize,
    /// The commitment it continues (`3.3`) and the one that continues it.
    pub continues: Option<String>,
    pub continued_by: Option<String>,
}

/// A step of a commitment's thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThreadStep {
    Plan,
    Mention,
    Rating,
    Continuation,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadEntry {
    pub step: ThreadStep,
    /// The commitment this entry is about (`3.3` for a predecessor).
    pub commitment: String,
    pub date: Option<String>,
    pub doc: Option<DocRef>,
    pub page: Option<i64>,
    pub text: String,
}

/// Someone who attended (or was listed as absent from) meetings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonView {
    /// The fullest form of the name seen.
    pub person: String,
    pub organisations: Vec<String>,
    pub meetings: Vec<AttendeeRow>,
}

fn commitment_id(cycle: i64, number: i64) -> String {
    format!("{cycle}.{number}")
}

/// `4.3`, `4/3`, `4-3` → (4, 3).
pub fn parse_commitment_id(s: &str) -> Option<(i64, i64)> {
    let (a, b) = s.trim().split_once(['.', '/', '-'])?;
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

impl Archive {
    /// Corrects one record; the correction is kept when the document is read again.
    pub fn correct_record(&self, patch: &RecordPatch) -> Result<()> {
        let _g = self.write_lock()?;
        if self.cat().correct_record(patch)? {
            Ok(())
        } else {
            Err(Error::Invalid("no such record".into()))
        }
    }

    /// The meeting held on `date`, from every document of that date.
    pub fn meeting(&self, date: chrono::NaiveDate) -> Result<Option<MeetingView>> {
        let cat = self.cat();
        let iso = date.to_string();
        let rows = cat.meetings_on(&iso)?;
        if rows.is_empty() {
            return Ok(None);
        }
        let ids: Vec<i64> = rows.iter().map(|r| r.doc.doc_id).collect();
        let first =
            |f: fn(&crate::catalog::records::MeetingRow) -> Option<String>| rows.iter().find_map(f);
        let mut attendees: Vec<AttendeeRow> = Vec::new();
        for a in cat.attendees(Some(&ids))? {
            if !attendees.iter().any(|b| b.person_key == a.person_key) {
                attendees.push(a);
            }
        }
        let decisions: Vec<DecisionRow> = cat.decisions(Some(&ids))?;
        let (actions, votes) = cat.actions_and_votes(&ids)?;
        let links = cat.agenda_links(&ids)?;
        let file_of: HashMap<i64, String> = rows
            .iter()
            .map(|r| (r.doc.doc_id, r.doc.file_name.clone()))
            .collect();
        let agenda = cat
            .agenda(&ids)?
            .into_iter()
            .map(|a| AgendaView {
                decisions: decisions
                    .iter()
                    .filter(|d| d.doc.doc_id == a.doc_id && d.item == a.number)
                    .cloned()
                    .collect(),
                actions: actions
                    .iter()
                    .filter(|x| x.doc_id == a.doc_id && x.item == a.number)
                    .cloned()
                    .collect(),
                votes: votes
                    .iter()
                    .filter(|x| x.doc_id == a.doc_id && x.item == a.number)
                    .cloned()
                    .collect(),
                documents: links
                    .iter()
                    .filter(|l| l.meeting_doc_id == a.doc_id && l.item == a.number)
                    .map(|l| l.doc.clone())
                    .collect(),
                file_name: file_of.get(&a.doc_id).cloned().unwrap_or_default(),
                number: a.number,
                title: a.title,
                doc_id: a.doc_id,
                page: a.page,
            })
            .collect();
        let mut documents: Vec<DocRef> = rows.iter().map(|r| r.doc.clone()).collect();
        for d in cat.documents_dated(&iso)? {
            if !documents.iter().any(|x| x.doc_id == d.doc_id) {
                documents.push(d);
            }
        }
        Ok(Some(MeetingView {
            date: iso,
            kind: first(|r| r.kind.clone()),
            place: first(|r| r.place.clone()),
            chair: first(|r| r.chair.clone()),
            secretary: first(|r| r.secretary.clone()),
            documents,
            attendees,
            agenda,
            decisions: decisions.into_iter().filter(|d| d.item == 0).collect(),
        }))
    }

    /// Decisions whose words contain every word of `query` (stemmed, diacritics folded:
    /// `lidzdalibas budzets` finds `līdzdalības budžetu`), of one cycle or all, by date.
    pub fn decisions(&self, query: Option<&str>, cycle: Option<i64>) -> Result<Vec<DecisionRow>> {
        let want = query.map(keys).unwrap_or_default();
        let mut out: Vec<DecisionRow> = self
            .cat()
            .decisions(None)?
            .into_iter()
            .filter(|d| cycle.is_none() || d.doc.cycle == cycle)
            .filter(|d| {
                let have = keys(&d.text);
                want.iter().all(|w| have.contains(w))
            })
            .collect();
        out.sort_by(|a, b| a.doc.date.cmp(&b.doc.date));
        Ok(out)
    }

    /// The commitments of one cycle or of all, with their latest completion rating and links
    /// to the cycles before and after.
    pub fn commitments(&self, cycle: Option<i64>) -> Result<Vec<CommitmentView>> {
        let cat = self.cat();
        let rows = cat.plan_commitments()?;
        let ratings = cat.ratings(None)?;
        let mentions = cat.mentions(None)?;
        let links = commitments::continuations(&by_cycle(&rows));
        let mut out: Vec<CommitmentView> = Vec::new();
        for r in rows {
            let Some(c) = r.doc.cycle else { continue };
            if cycle.is_some_and(|w| w != c) {
                continue;
            }
            if let Some(have) = out
                .iter_mut()
                .find(|v| v.cycle == c && v.number == r.number)
            {
                if have.institution.is_none() {
                    have.institution = r.institution;
                }
                if have.milestones.is_empty() {
                    have.milestones = r.milestones;
                }
                continue;
            }
            let key = CommitmentRef {
                cycle: c as u32,
                number: r.number as u32,
            };
            let completion = ratings
                .iter()
                .filter(|x| x.cycle == c && x.number == r.number && x.scale == "completion")
                .max_by(|a, b| a.doc.date.cmp(&b.doc.date))
                .map(|x| x.level.clone());
            out.push(CommitmentView {
                id: commitment_id(c, r.number),
                cycle: c,
                number: r.number,
                title: r.title,
                institution: r.institution,
                ogp_id: r.ogp_id,
                plan: r.doc,
                page: r.page,
                milestones: r.milestones,
                completion,
                mentions: mentions
                    .iter()
                    .filter(|m| m.cycle == c && m.number == r.number)
                    .count(),
                continues: link(&links, |l| l.to == key).map(|l| id_of(l.from)),
                continued_by: link(&links, |l| l.from == key).map(|l| id_of(l.to)),
            });
        }
        Ok(out)
    }

    /// A commitment (`4.3`, or an OGP id `LV0040`) and its thread: the plan, then mentions
    /// and ratings in date order, then the commitments it continues and that continue it.
    pub fn commitment(&self, id: &str) -> Result<Option<(CommitmentView, Vec<ThreadEntry>)>> {
        let all = self.commitments(None)?;
        let found = match parse_commitment_id(id) {
            Some((c, n)) => all.iter().find(|v| v.cycle == c && v.number == n),
            None => all.iter().find(|v| {
                v.ogp_id
                    .as_deref()
                    .is_some_and(|o| o.eq_ignore_ascii_case(id))
            }),
        };
        let Some(view) = found.cloned() else {
            return Ok(None);
        };
        let thread = self.thread(&view, &all)?;
        Ok(Some((view, thread)))
    }

    /// A commitment's way through the archive: its plan, the documents that mention or rate
    /// it by date, and the commitments it continues or is continued by (among `all`).
    fn thread(&self, view: &CommitmentView, all: &[CommitmentView]) -> Result<Vec<ThreadEntry>> {
        let of = Some((view.cycle, view.number));
        let (mentions, ratings) = {
            let cat = self.cat();
            (cat.mentions(of)?, cat.ratings(of)?)
        };
        let mut thread = vec![ThreadEntry {
            step: ThreadStep::Plan,
            commitment: view.id.clone(),
            date: view.plan.date.clone(),
            doc: Some(view.plan.clone()),
            page: Some(view.page),
            text: view.title.clone(),
        }];
        let mut middle: Vec<ThreadEntry> = mentions
            .into_iter()
            .map(|m: MentionRow| ThreadEntry {
                step: ThreadStep::Mention,
                commitment: view.id.clone(),
                date: m.doc.date.clone(),
                page: Some(m.page),
                text: m.excerpt,
                doc: Some(m.doc),
            })
            .chain(ratings.into_iter().map(|r: RatingRow| ThreadEntry {
                step: ThreadStep::Rating,
                commitment: view.id.clone(),
                date: r.doc.date.clone(),
                page: Some(r.page),
                text: format!("{}: {}", r.scale, r.level),
                doc: Some(r.doc),
            }))
            .collect();
        // undated documents (a report without a day) after the dated ones
        middle.sort_by(|a, b| match (&a.date, &b.date) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        thread.extend(middle);
        for other in [&view.continues, &view.continued_by].into_iter().flatten() {
            if let Some(o) = all.iter().find(|v| &v.id == other) {
                thread.push(ThreadEntry {
                    step: ThreadStep::Continuation,
                    commitment: o.id.clone(),
                    date: o.plan.date.clone(),
                    doc: Some(o.plan.clone()),
                    page: Some(o.page),
                    text: o.title.clone(),
                });
            }
        }
        Ok(thread)
    }

    /// The records of a cycle's export bundles: every meeting of the cycle as
    /// [`Archive::meeting`] gives it, and every commitment with its thread.
    pub(super) fn record_values(
        &self,
        cycle: i64,
    ) -> Result<(serde_json::Value, serde_json::Value)> {
        let dates = self.cat().meeting_dates(cycle)?;
        let mut meetings = Vec::new();
        for d in dates {
            if let Some(date) = crate::dates::parse_date(&d) {
                meetings.extend(self.meeting(date)?);
            }
        }
        // Every cycle's views once (a thread names the commitments of other cycles it
        // continues), not once per commitment.
        let all = self.commitments(None)?;
        let mut list = Vec::new();
        for view in all.iter().filter(|v| v.cycle == cycle) {
            let thread = self.thread(view, &all)?;
            list.push(serde_json::json!({ "commitment": view, "thread": thread }));
        }
        Ok((serde_json::json!(meetings), serde_json::json!(list)))
    }

    /// `meetings.json` and `commitments.json` of a cycle's plain export, as bytes.
    pub(super) fn export_records(&self, cycle: i64) -> Result<Vec<(&'static str, Vec<u8>)>> {
        let (meetings, commitments) = self.record_values(cycle)?;
        let json = |v: serde_json::Value| {
            serde_json::to_vec_pretty(&v).map_err(|e| Error::Export(e.to_string()))
        };
        Ok(vec![
            ("meetings.json", json(meetings)?),
            ("commitments.json", json(commitments)?),
        ])
    }

    /// People listed in meetings, each with every meeting they are listed in; `query` (words
    /// of a name or organisation, diacritics optional) narrows the list.
    pub fn people(&self, query: Option<&str>) -> Result<Vec<PersonView>> {
        let rows = self.cat().attendees(None)?;
        let mut by_key: BTreeMap<String, PersonView> = BTreeMap::new();
        for a in rows {
            let p = by_key
                .entry(a.person_key.clone())
                .or_insert_with(|| PersonView {
                    person: a.person.clone(),
                    organisations: Vec::new(),
                    meetings: Vec::new(),
                });
            if a.person.chars().count() > p.person.chars().count() {
                p.person = a.person.clone();
            }
            if let Some(o) = &a.organisation {
                if !p.organisations.contains(o) {
                    p.organisations.push(o.clone());
                }
            }
            p.meetings.push(a);
        }
        let want = query.map(meetings::text::fold_lower);
        let mut out: Vec<PersonView> = by_key
            .into_values()
            .filter(|p| {
                let Some(w) = &want else { return true };
                let hay = meetings::text::fold_lower(&format!(
                    "{} {}",
                    p.person,
                    p.organisations.join(" ")
                ));
                w.split_whitespace().all(|x| hay.contains(x))
            })
            .collect();
        for p in &mut out {
            p.meetings.sort_by(|a, b| a.doc.date.cmp(&b.doc.date));
        }
        Ok(out)
    }
}

fn link(links: &[Continuation], f: impl Fn(&Continuation) -> bool) -> Option<&Continuation> {
    links.iter().find(|l| f(l))
}

fn id_of(r: CommitmentRef) -> String {
    commitment_id(i64::from(r.cycle), i64::from(r.number))
}
