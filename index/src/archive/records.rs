//! Meetings and commitments through the archive (issue 15): the records are read at ingest
//! (and again when OCR completes a scan) from each document's page texts — a protocol or a
//! participants list gives a meeting, a plan its commitments, every other document its
//! mentions of commitments and, an evaluation, its ratings — and are read back as the views
//! the CLI, the export and the app show: a meeting by date, decisions found by words, a cycle's
//! commitments, one commitment's thread across documents and cycles, and who attended what.
//!
//! Mentions and ratings depend on the commitments known at the time; when a batch adds a plan,
//! every other document's mentions and ratings are derived again.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::Archive;
use crate::catalog::records::{
    ActionRow, AttendeeRow, CommitmentRow, DecisionRow, DocRef, MentionRow, MilestoneRow,
    RatingRow, RecordPatch, VoteRow,
};
use crate::catalog::Catalog;
use crate::commitments::{self, Commitment, CommitmentRef, Continuation};
use crate::error::{Error, Result};
use crate::meetings::{self, text::keys};
use crate::model::Kind;

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

/// A participants list: its first lines say so.
fn is_participants_list(texts: &[&str]) -> bool {
    let head: String = texts
        .first()
        .map(|t| t.lines().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    let f = meetings::text::fold_lower(&head);
    f.contains("dalibnieku saraksts") || f.contains("list of participants")
}

/// The commitments of each cycle, merged from its plans' rows (Latvian plans first).
fn by_cycle(rows: &[CommitmentRow]) -> Vec<(u32, Vec<Commitment>)> {
    let mut plans: BTreeMap<u32, Vec<(i64, Vec<Commitment>)>> = BTreeMap::new();
    for r in rows {
        let Some(cycle) = r.doc.cycle.and_then(|c| u32::try_from(c).ok()) else {
            continue;
        };
        let list = plans.entry(cycle).or_default();
        let c = Commitment {
            number: r.number as u32,
            title: r.title.clone(),
            institution: r.institution.clone(),
            institution_rule: None,
            milestones: Vec::new(),
            ogp_id: r.ogp_id.clone(),
            page: r.page as u32,
            rule: commitments::Rule::PlanHeading,
        };
        match list.iter_mut().find(|(doc, _)| *doc == r.doc.doc_id) {
            Some((_, v)) => v.push(c),
            None => list.push((r.doc.doc_id, vec![c])),
        }
    }
    plans
        .into_iter()
        .map(|(c, docs)| {
            (
                c,
                commitments::merge(docs.into_iter().map(|(_, v)| v).collect()),
            )
        })
        .collect()
}

impl Archive {
    /// Reads and stores a document's records from its page texts. Returns whether it was a
    /// plan (its cycle's commitments changed). Never fails on the text: what is not found is
    /// not stored. A meeting whose date its text does not give (a scan read badly) takes
    /// `session`, the date of the session the document belongs to.
    pub(super) fn extract_records(
        cat: &mut Catalog,
        id: i64,
        kind: Kind,
        cycle: Option<i64>,
        session: Option<chrono::NaiveDate>,
        texts: &[&str],
    ) -> Result<bool> {
        cat.clear_records(id)?;
        if kind == Kind::Plan {
            if let Some(c) = cycle {
                cat.replace_plan(id, c, &commitments::extract_plan(texts))?;
                return Ok(true);
            }
            return Ok(false);
        }
        if kind == Kind::Protocol || (kind == Kind::Other && is_participants_list(texts)) {
            let mut m = meetings::extract(texts);
            if m.date.is_none() && !m.is_empty() {
                m.date = session.map(|value| meetings::Found {
                    value,
                    page: 1,
                    rule: meetings::Rule::SessionDate,
                });
            }
            cat.replace_meeting(id, &m)?;
        }
        let known = by_cycle(&cat.plan_commitments()?);
        Self::derive(cat, id, kind, cycle, texts, &known)?;
        Ok(false)
    }

    /// Mentions and (for an evaluation) ratings of one document.
    fn derive(
        cat: &mut Catalog,
        id: i64,
        kind: Kind,
        cycle: Option<i64>,
        texts: &[&str],
        known: &[(u32, Vec<Commitment>)],
    ) -> Result<()> {
        let own = cycle.and_then(|c| u32::try_from(c).ok());
        let mentions = commitments::mentions(texts, own, known);
        let rated = own.filter(|_| kind == Kind::Evaluation);
        let ratings = match rated.and_then(|c| known.iter().find(|(k, _)| *k == c)) {
            Some((_, list)) => commitments::ratings(texts, list),
            None => Vec::new(),
        };
        cat.replace_mentions_and_ratings(id, &mentions, rated.map(i64::from), &ratings)
    }

    /// Derives every non-plan document's mentions and ratings again (a plan was added or
    /// changed). Runs under the caller's write lock.
    pub(super) fn rederive_records(&self) -> Result<()> {
        let mut cat = self.cat();
        let known = by_cycle(&cat.plan_commitments()?);
        for (id, kind, cycle) in cat.record_targets()? {
            let kind: Kind = kind.parse().unwrap_or(Kind::Other);
            let pages = cat.pages(id)?;
            let texts: Vec<&str> = pages.iter().map(|(_, _, t)| t.as_str()).collect();
            Self::derive(&mut cat, id, kind, cycle, &texts, &known)?;
        }
        Ok(())
    }

    /// Reads a stored document's records again from its page texts (after OCR or a change of
    /// its kind); user corrections stay.
    pub fn reextract_records(&self, id: i64) -> Result<()> {
        let _g = self.write_lock()?;
        self.reextract_records_unlocked(id)
    }

    pub(super) fn reextract_records_unlocked(&self, id: i64) -> Result<()> {
        let plan = {
            let mut cat = self.cat();
            let doc = cat.get(id)?;
            let pages = cat.pages(id)?;
            let texts: Vec<&str> = pages.iter().map(|(_, _, t)| t.as_str()).collect();
            Self::extract_records(&mut cat, id, doc.kind, doc.cycle, doc.session, &texts)?
        };
        if plan {
            self.rederive_records()?;
        }
        Ok(())
    }

    /// Reads the records of documents catalogued by a version without them (once, on the
    /// first writable open after the upgrade; see BENCHMARKS.md for what it costs).
    pub(super) fn backfill_records(&self) -> Result<()> {
        let pending = self.cat().records_pending()?;
        if pending.is_empty() {
            return Ok(());
        }
        let _g = self.write_lock()?;
        for id in &pending {
            let mut cat = self.cat();
            let doc = cat.get(*id)?;
            let pages = cat.pages(*id)?;
            let texts: Vec<&str> = pages.iter().map(|(_, _, t)| t.as_str()).collect();
            Self::extract_records(&mut cat, *id, doc.kind, doc.cycle, doc.session, &texts)?;
        }
        // mentions and ratings against every plan now known
        self.rederive_records()?;
        self.cat().records_done(&pending)?;
        Ok(())
    }

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
        let decisions: Vec<DecisionRow> = cat
            .decisions()?
            .into_iter()
            .filter(|d| ids.contains(&d.doc.doc_id))
            .collect();
        let (actions, votes) = cat.actions_and_votes(&ids)?;
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
            .decisions()?
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
        Ok(Some((view, thread)))
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
        let mut list = Vec::new();
        for c in self.commitments(Some(cycle))? {
            if let Some((view, thread)) = self.commitment(&c.id)? {
                list.push(serde_json::json!({ "commitment": view, "thread": thread }));
            }
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
