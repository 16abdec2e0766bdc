//! Writing a document's records (the other half of [`super::records`]): the rows
//! [`crate::meetings`] and [`crate::commitments`] read out of one document, written in one
//! transaction — at ingest the same one as the document's own row — replacing its `rule` rows
//! and keeping the rows a user corrected (`source = 'user'`); and the corrections themselves.

use rusqlite::{params, Transaction};

use super::records::{name, RecordPatch};
use super::Catalog;
use crate::commitments::{Commitment, Mention, Rating};
use crate::error::Result;
use crate::meetings::{person_key, Meeting, Rule};

/// What one document's text gives as records, read without the catalogue (in ingest's
/// parallel step) and written with [`Catalog::replace_records`] or with the document's row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocRecords {
    /// A protocol's or participants list's meeting.
    pub meeting: Option<Meeting>,
    /// A plan's commitments and the cycle they belong to.
    pub plan: Option<(i64, Vec<Commitment>)>,
    /// Mentions of commitments (every document but plans).
    pub mentions: Vec<Mention>,
    /// An evaluation's ratings and the cycle it evaluates.
    pub ratings: Option<(i64, Vec<Rating>)>,
}

/// A document's mentions and ratings, derived again when the known commitments change.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Derived {
    pub doc_id: i64,
    pub mentions: Vec<Mention>,
    pub ratings: Option<(i64, Vec<Rating>)>,
}

fn clear(tx: &Transaction, doc_id: i64, tables: &[&str]) -> Result<()> {
    for t in tables {
        tx.prepare_cached(&format!(
            "DELETE FROM {t} WHERE doc_id = ?1 AND source = 'rule'"
        ))?
        .execute([doc_id])?;
    }
    Ok(())
}

const MEETING_TABLES: &[&str] = &[
    "meetings",
    "attendees",
    "agenda_items",
    "decisions",
    "actions",
    "votes",
];
const PLAN_TABLES: &[&str] = &["commitments", "milestones"];
const DERIVED_TABLES: &[&str] = &["mentions", "ratings"];

/// Replaces every `rule` record of a document with `r`, inside the caller's transaction.
pub(crate) fn write_records(tx: &Transaction, doc_id: i64, r: &DocRecords) -> Result<()> {
    clear(tx, doc_id, MEETING_TABLES)?;
    clear(tx, doc_id, PLAN_TABLES)?;
    if let Some(m) = &r.meeting {
        write_meeting(tx, doc_id, m)?;
        write_items(tx, doc_id, m)?;
    }
    if let Some((cycle, list)) = &r.plan {
        write_plan(tx, doc_id, *cycle, list)?;
    }
    write_derived(tx, doc_id, &r.mentions, r.ratings.as_ref())
}

/// The meeting's own row, its attendees and agenda items.
fn write_meeting(tx: &Transaction, doc_id: i64, m: &Meeting) -> Result<()> {
    if m.date.is_some() || !m.is_empty() {
        tx.execute(
            "INSERT OR IGNORE INTO meetings (doc_id, date, place, kind, chair, secretary)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                doc_id,
                m.date.as_ref().map(|d| d.value.to_string()),
                m.place.as_ref().map(|p| p.value.clone()),
                m.kind.as_ref().map(|k| name(&k.value)),
                m.chair.as_ref().map(|c| c.value.clone()),
                m.secretary.as_ref().map(|c| c.value.clone()),
            ],
        )?;
    }
    for (ord, a) in m.attendees.iter().enumerate() {
        tx.execute(
            "INSERT OR IGNORE INTO attendees (doc_id, person_key, ord, person, organisation,
             note, role, page, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                doc_id,
                person_key(&a.person),
                ord as i64,
                a.person,
                a.organisation,
                a.note,
                name(&a.role),
                a.page,
                name(&a.rule)
            ],
        )?;
    }
    Ok(())
}

/// The decisions, action items and votes, under their agenda items (item 0: outside any).
fn write_items(tx: &Transaction, doc_id: i64, m: &Meeting) -> Result<()> {
    let loose = (0i64, &m.decisions, &m.actions, &m.votes);
    let items = m
        .agenda
        .iter()
        .map(|a| (i64::from(a.number), &a.decisions, &a.actions, &a.votes));
    for a in &m.agenda {
        tx.execute(
            "INSERT OR IGNORE INTO agenda_items (doc_id, number, title, page, rule)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![doc_id, a.number, a.title, a.page, name(&a.rule)],
        )?;
    }
    for (item, decisions, actions, votes) in items.chain(std::iter::once(loose)) {
        for (ord, d) in decisions.iter().enumerate() {
            tx.execute(
                "INSERT OR IGNORE INTO decisions (doc_id, item, ord, number, text, page, rule)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    doc_id,
                    item,
                    ord as i64,
                    d.number,
                    d.text,
                    d.page,
                    name(&d.rule)
                ],
            )?;
        }
        for (ord, a) in actions.iter().enumerate() {
            tx.execute(
                "INSERT OR IGNORE INTO actions (doc_id, item, ord, who, what, deadline,
                 deadline_text, page, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    doc_id,
                    item,
                    ord as i64,
                    a.who,
                    a.what,
                    a.deadline.map(|d| d.to_string()),
                    a.deadline_text,
                    a.page,
                    name(&a.rule)
                ],
            )?;
        }
        for (ord, v) in votes.iter().enumerate() {
            tx.execute(
                "INSERT OR IGNORE INTO votes (doc_id, item, ord, decision, for_count, against,
                 abstained, page, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    doc_id,
                    item,
                    ord as i64,
                    v.decision,
                    v.for_,
                    v.against,
                    v.abstained,
                    v.page,
                    name(&v.rule)
                ],
            )?;
        }
    }
    Ok(())
}

fn write_plan(tx: &Transaction, doc_id: i64, cycle: i64, list: &[Commitment]) -> Result<()> {
    for c in list {
        tx.execute(
            "INSERT OR IGNORE INTO commitments (doc_id, number, cycle, title, institution,
             ogp_id, page, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                doc_id,
                c.number,
                cycle,
                c.title,
                c.institution,
                c.ogp_id,
                c.page,
                name(&c.rule)
            ],
        )?;
        for (ord, m) in c.milestones.iter().enumerate() {
            tx.execute(
                "INSERT OR IGNORE INTO milestones (doc_id, number, ord, text, deadline, page,
                 rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    doc_id,
                    c.number,
                    ord as i64,
                    m.text,
                    m.deadline.map(|d| d.to_string()),
                    m.page,
                    name(&m.rule)
                ],
            )?;
        }
    }
    Ok(())
}

fn write_derived(
    tx: &Transaction,
    doc_id: i64,
    mentions: &[Mention],
    ratings: Option<&(i64, Vec<Rating>)>,
) -> Result<()> {
    clear(tx, doc_id, DERIVED_TABLES)?;
    for m in mentions {
        tx.execute(
            "INSERT OR IGNORE INTO mentions (doc_id, cycle, number, page, rule, excerpt)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                doc_id,
                m.commitment.cycle,
                m.commitment.number,
                m.page,
                name(&m.rule),
                m.excerpt
            ],
        )?;
    }
    if let Some((cycle, ratings)) = ratings {
        for r in ratings {
            tx.execute(
                "INSERT OR IGNORE INTO ratings (doc_id, cycle, number, scale, level, page,
                 rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    doc_id,
                    cycle,
                    r.number,
                    name(&r.scale),
                    name(&r.level),
                    r.page,
                    name(&r.rule)
                ],
            )?;
        }
    }
    Ok(())
}

impl Catalog {
    /// Replaces a document's `rule` records with `r` (user corrections stay).
    pub fn replace_records(&mut self, doc_id: i64, r: &DocRecords) -> Result<()> {
        let tx = self.conn.transaction()?;
        write_records(&tx, doc_id, r)?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces the `rule` links of the documents `considered` with `links` (document,
    /// meeting document, agenda item); a link a user set stays.
    pub fn replace_agenda_links(
        &mut self,
        considered: &[i64],
        links: &[(i64, i64, i64)],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        for id in considered {
            clear(&tx, *id, &["agenda_links"])?;
        }
        for (doc, meeting, item) in links {
            tx.execute(
                "INSERT OR IGNORE INTO agenda_links (doc_id, meeting_doc_id, item, rule)
                 VALUES (?1, ?2, ?3, ?4)",
                params![doc, meeting, item, name(&Rule::AgendaDocumentTitle)],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Replaces the mentions and ratings of many documents, in one transaction.
    pub fn replace_derived(&mut self, list: &[Derived]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for d in list {
            write_derived(&tx, d.doc_id, &d.mentions, d.ratings.as_ref())?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Applies a user's correction; the row is then `user` and kept by re-extraction. False
    /// when there is no such record.
    pub fn correct_record(&mut self, patch: &RecordPatch) -> Result<bool> {
        let n = match patch {
            RecordPatch::Attendee {
                doc_id,
                person,
                organisation,
                role,
            } => self.conn.execute(
                "UPDATE attendees SET organisation = COALESCE(?3, organisation),
                 role = COALESCE(?4, role), source = 'user' WHERE doc_id = ?1 AND person_key = ?2",
                params![doc_id, person_key(person), organisation, role],
            )?,
            RecordPatch::Decision {
                doc_id,
                item,
                ord,
                text,
            } => self.conn.execute(
                "UPDATE decisions SET text = ?4, source = 'user'
                 WHERE doc_id = ?1 AND item = ?2 AND ord = ?3",
                params![doc_id, item, ord, text],
            )?,
            RecordPatch::Commitment {
                doc_id,
                number,
                title,
                institution,
            } => self.conn.execute(
                "UPDATE commitments SET title = COALESCE(?3, title),
                 institution = COALESCE(?4, institution), source = 'user'
                 WHERE doc_id = ?1 AND number = ?2",
                params![doc_id, number, title, institution],
            )?,
        };
        Ok(n > 0)
    }
}
