//! Meetings and commitments read out of the documents (issue 15): at ingest (in the
//! parallel step that extracts and classifies a file, stored in the same transaction as the
//! document) and again when OCR completes a scan, from each document's page texts — a
//! protocol or a participants list gives a meeting, a plan its commitments, every other
//! document its mentions of commitments and, an evaluation, its ratings. The views over them
//! are in [`super::record_views`].
//!
//! Mentions and ratings depend on the commitments known at the time; when the known
//! commitments change (a plan arrives), the documents read against an older set are derived
//! again, in parallel.

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;

use super::Archive;
use crate::catalog::records::CommitmentRow;
use crate::catalog::records_write::{Derived, DocRecords};
use crate::catalog::Catalog;
use crate::commitments::{self, Commitment, Known, Mention, Rating};
use crate::error::Result;
use crate::meetings::{self, text::Stems};
use crate::model::Kind;

/// The setting that says an archive's agenda links are still to be made (migration 5).
const LINKS_PENDING: &str = "agenda_links_pending";

/// How many documents' pages a re-derivation holds in memory at once.
const REDERIVE_BATCH: usize = 256;

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
pub(super) fn by_cycle(rows: &[CommitmentRow]) -> Vec<(u32, Vec<Commitment>)> {
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

/// The commitments the catalogue knows, prepared for looking for their mentions.
pub(super) fn known_commitments(cat: &Catalog) -> Result<Known> {
    Ok(Known::new(by_cycle(&cat.plan_commitments()?)))
}

/// The records of one document from its page texts (no catalogue: this runs in ingest's
/// parallel step). What is not found is not there. A meeting whose date its text does not
/// give (a scan read badly) takes `session`, the date of the session the document belongs to.
/// Public for the ingest benchmark, which times it as `Archive::ingest` runs it.
pub fn read_records(
    kind: Kind,
    cycle: Option<i64>,
    session: Option<chrono::NaiveDate>,
    texts: &[&str],
    known: &Known,
    stems: &mut Stems,
) -> DocRecords {
    if kind == Kind::Plan {
        return DocRecords {
            plan: cycle.map(|c| (c, commitments::extract_plan(texts))),
            ..DocRecords::default()
        };
    }
    let mut meeting = None;
    if kind == Kind::Protocol || (kind == Kind::Other && is_participants_list(texts)) {
        let mut m = meetings::extract(texts);
        if m.date.is_none() && !m.is_empty() {
            m.date = session.map(|value| meetings::Found {
                value,
                page: 1,
                rule: meetings::Rule::SessionDate,
            });
        }
        meeting = Some(m);
    }
    let (mentions, ratings) = derive(kind, cycle, texts, known, stems);
    DocRecords {
        meeting,
        plan: None,
        mentions,
        ratings,
    }
}

/// Mentions and (for an evaluation of a cycle) ratings of one document: what is derived again
/// when the known commitments change.
pub fn derive(
    kind: Kind,
    cycle: Option<i64>,
    texts: &[&str],
    known: &Known,
    stems: &mut Stems,
) -> (Vec<Mention>, Option<(i64, Vec<Rating>)>) {
    let own = cycle.and_then(|c| u32::try_from(c).ok());
    let mentions = commitments::mentions_with(texts, own, known, stems);
    let ratings = own.filter(|_| kind == Kind::Evaluation).map(|c| {
        let list: &[Commitment] = known.of(c);
        let found = if list.is_empty() {
            Vec::new()
        } else {
            commitments::ratings(texts, list)
        };
        (i64::from(c), found)
    });
    (mentions, ratings)
}

impl Archive {
    /// Reads and stores a document's records from its page texts. Returns whether it was a
    /// plan (its cycle's commitments changed).
    fn extract_records(
        cat: &mut Catalog,
        id: i64,
        kind: Kind,
        cycle: Option<i64>,
        session: Option<chrono::NaiveDate>,
        texts: &[&str],
    ) -> Result<bool> {
        let known = known_commitments(cat)?;
        let r = read_records(kind, cycle, session, texts, &known, &mut Stems::new());
        cat.replace_records(id, &r)?;
        Ok(kind == Kind::Plan && cycle.is_some())
    }

    /// Derives the mentions and ratings of every non-plan document again, but for those in
    /// `fresh` (read against the commitments known now). Runs under the caller's write lock;
    /// a batch of documents at a time is read from the catalogue, derived on every core and
    /// written in one transaction.
    pub(super) fn rederive_records(&self, fresh: &HashSet<i64>) -> Result<()> {
        let (known, targets) = {
            let cat = self.cat();
            (known_commitments(&cat)?, cat.record_targets()?)
        };
        let targets: Vec<_> = targets
            .into_iter()
            .filter(|(id, ..)| !fresh.contains(id))
            .collect();
        for batch in targets.chunks(REDERIVE_BATCH) {
            let docs: Vec<(i64, Kind, Option<i64>, Vec<String>)> = {
                let cat = self.cat();
                let mut docs = Vec::with_capacity(batch.len());
                for (id, kind, cycle) in batch {
                    let kind: Kind = kind.parse().unwrap_or(Kind::Other);
                    let pages = cat.pages(*id)?.into_iter().map(|(_, _, t)| t).collect();
                    docs.push((*id, kind, *cycle, pages));
                }
                docs
            };
            let derived: Vec<Derived> = docs
                .par_iter()
                .map_init(Stems::new, |stems, (id, kind, cycle, pages)| {
                    let texts: Vec<&str> = pages.iter().map(String::as_str).collect();
                    let (mentions, ratings) = derive(*kind, *cycle, &texts, &known, stems);
                    Derived {
                        doc_id: *id,
                        mentions,
                        ratings,
                    }
                })
                .collect();
            self.cat().replace_derived(&derived)?;
        }
        Ok(())
    }

    /// Links the presentations and annexes of these days to their meeting's agenda items
    /// (see [`meetings::agenda_item_for`]); a link a user set stays.
    pub(super) fn link_agenda(&self, dates: &[String]) -> Result<()> {
        let mut cat = self.cat();
        for date in dates {
            let docs = cat.linkable(date)?;
            if docs.is_empty() {
                continue;
            }
            let meeting_ids: Vec<i64> = cat
                .meetings_on(date)?
                .iter()
                .map(|m| m.doc.doc_id)
                .collect();
            let agenda = cat.agenda(&meeting_ids)?;
            let mut links = Vec::new();
            for d in &docs {
                // the first meeting document (the protocol) whose agenda names it
                let found = meeting_ids.iter().find_map(|m| {
                    let items: Vec<(i64, &str)> = agenda
                        .iter()
                        .filter(|a| a.doc_id == *m)
                        .map(|a| (a.number, a.title.as_str()))
                        .collect();
                    meetings::agenda_item_for(&d.title, &d.file_name, &items).map(|n| (*m, n))
                });
                if let Some((m, n)) = found {
                    links.push((d.doc_id, m, n));
                }
            }
            let ids: Vec<i64> = docs.iter().map(|d| d.doc_id).collect();
            cat.replace_agenda_links(&ids, &links)?;
        }
        Ok(())
    }

    /// [`Archive::link_agenda`] for the days of these documents.
    pub(super) fn link_agenda_of(&self, ids: &[i64]) -> Result<()> {
        let dates = self.cat().dates_of(ids)?;
        self.link_agenda(&dates)
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
            self.rederive_records(&HashSet::new())?;
        }
        self.link_agenda_of(&[id])
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
        self.rederive_records(&HashSet::new())?;
        self.cat().records_done(&pending)?;
        Ok(())
    }

    /// Links the documents of every meeting's day to its agenda items once, in an archive
    /// catalogued before the links existed (migration 5 asks for it).
    pub(super) fn backfill_agenda_links(&self) -> Result<()> {
        if self.cat().setting(LINKS_PENDING)?.as_deref() != Some("1") {
            return Ok(());
        }
        let _g = self.write_lock()?;
        let dates = self.cat().all_meeting_dates()?;
        self.link_agenda(&dates)?;
        self.cat().set_setting(LINKS_PENDING, "0")
    }
}
