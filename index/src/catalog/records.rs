//! Meetings and commitments as catalogue rows (migration 4): what [`crate::meetings`] and
//! [`crate::commitments`] read out of a document, one table per kind of record, each row with
//! its page, rule and source: the row types and the reads (which skip documents in the trash).
//! Writing them, and the corrections a user makes, is in [`super::records_write`].

use std::collections::HashMap;

use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use super::Catalog;
use crate::error::Result;

/// Where a record came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordSource {
    /// As a rule read it.
    Rule,
    /// As a user corrected it.
    User,
}

/// A serde enum as its bare name (`council-session`).
pub(super) fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn source(s: &str) -> RecordSource {
    if s == "user" {
        RecordSource::User
    } else {
        RecordSource::Rule
    }
}

/// The document a record is in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocRef {
    pub doc_id: i64,
    pub file_name: String,
    pub cycle: Option<i64>,
    /// The meeting's, the session's or the document's date.
    pub date: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingRow {
    pub doc: DocRef,
    pub place: Option<String>,
    pub kind: Option<String>,
    pub chair: Option<String>,
    pub secretary: Option<String>,
    pub source: RecordSource,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttendeeRow {
    pub doc: DocRef,
    pub person: String,
    pub person_key: String,
    pub organisation: Option<String>,
    pub note: Option<String>,
    pub role: String,
    pub page: i64,
    pub rule: String,
    pub source: RecordSource,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaRow {
    pub doc_id: i64,
    pub number: i64,
    pub title: String,
    pub page: i64,
    pub rule: String,
    pub source: RecordSource,
}

/// A presentation or annex linked to a meeting's agenda item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaLinkRow {
    pub doc: DocRef,
    pub meeting_doc_id: i64,
    pub item: i64,
    pub rule: String,
    pub source: RecordSource,
}

/// A document that may belong to an agenda item of its day's meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct Linkable {
    pub doc_id: i64,
    pub title: String,
    pub file_name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionRow {
    pub doc: DocRef,
    /// The agenda item (0: outside any) and its title.
    pub item: i64,
    pub item_title: Option<String>,
    pub ord: i64,
    pub number: Option<String>,
    pub text: String,
    pub page: i64,
    pub rule: String,
    pub source: RecordSource,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionRow {
    pub doc_id: i64,
    pub item: i64,
    pub who: String,
    pub what: String,
    pub deadline: Option<String>,
    pub deadline_text: Option<String>,
    pub page: i64,
    pub rule: String,
    pub source: RecordSource,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VoteRow {
    pub doc_id: i64,
    pub item: i64,
    pub decision: Option<String>,
    pub for_count: i64,
    pub against: i64,
    pub abstained: i64,
    pub page: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneRow {
    pub text: String,
    pub deadline: Option<String>,
    pub page: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommitmentRow {
    pub doc: DocRef,
    pub lang: String,
    pub number: i64,
    pub title: String,
    pub institution: Option<String>,
    pub ogp_id: Option<String>,
    pub page: i64,
    pub rule: String,
    pub source: RecordSource,
    pub milestones: Vec<MilestoneRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionRow {
    pub doc: DocRef,
    pub kind: String,
    pub cycle: i64,
    pub number: i64,
    pub page: i64,
    pub rule: String,
    pub excerpt: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatingRow {
    pub doc: DocRef,
    pub cycle: i64,
    pub number: i64,
    pub scale: String,
    pub level: String,
    pub page: i64,
    pub rule: String,
    pub source: RecordSource,
}

/// A correction of one record, as a user makes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "kebab-case")]
pub enum RecordPatch {
    Attendee {
        doc_id: i64,
        person: String,
        organisation: Option<String>,
        role: Option<String>,
    },
    Decision {
        doc_id: i64,
        item: i64,
        ord: i64,
        text: String,
    },
    Commitment {
        doc_id: i64,
        number: i64,
        title: Option<String>,
        institution: Option<String>,
    },
}

const DOC_REF: &str = "d.id, d.file_name, d.cycle, \
    COALESCE((SELECT date FROM meetings WHERE doc_id = d.id), \
             (SELECT date FROM sessions WHERE id = d.session_id), d.doc_date)";

fn doc_ref(r: &Row, at: usize) -> rusqlite::Result<DocRef> {
    Ok(DocRef {
        doc_id: r.get(at)?,
        file_name: r.get(at + 1)?,
        cycle: r.get(at + 2)?,
        date: r.get(at + 3)?,
    })
}

impl Catalog {
    /// The meeting records of the documents dated `date` (ISO), protocol and lists alike.
    pub fn meetings_on(&self, date: &str) -> Result<Vec<MeetingRow>> {
        let sql = format!(
            "SELECT {DOC_REF}, m.place, m.kind, m.chair, m.secretary, m.source
             FROM meetings m JOIN documents d ON d.id = m.doc_id
             WHERE m.date = ?1 AND d.trashed_at IS NULL ORDER BY d.id"
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map([date], |r| {
            Ok(MeetingRow {
                doc: doc_ref(r, 0)?,
                place: r.get(4)?,
                kind: r.get(5)?,
                chair: r.get(6)?,
                secretary: r.get(7)?,
                source: source(&r.get::<_, String>(8)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every attendee of every meeting, or of these documents, in list order (by document).
    pub fn attendees(&self, doc_ids: Option<&[i64]>) -> Result<Vec<AttendeeRow>> {
        // Some documents: one indexed look-up each (the primary key starts with doc_id), not
        // every attendee of the archive read and filtered (it made a cycle's export read the
        // whole table once per meeting).
        let only = if doc_ids.is_some() {
            "AND a.doc_id = ?1"
        } else {
            ""
        };
        let sql = format!(
            "SELECT {DOC_REF}, a.person, a.person_key, a.organisation, a.note, a.role, a.page,
                    a.rule, a.source
             FROM attendees a JOIN documents d ON d.id = a.doc_id
             WHERE d.trashed_at IS NULL {only} ORDER BY a.doc_id, a.ord"
        );
        let mut st = self.conn.prepare(&sql)?;
        let row = |r: &rusqlite::Row<'_>| {
            Ok(AttendeeRow {
                doc: doc_ref(r, 0)?,
                person: r.get(4)?,
                person_key: r.get(5)?,
                organisation: r.get(6)?,
                note: r.get(7)?,
                role: r.get(8)?,
                page: r.get(9)?,
                rule: r.get(10)?,
                source: source(&r.get::<_, String>(11)?),
            })
        };
        rows_of(&mut st, doc_ids, row)
    }

    /// The agenda items of some documents.
    pub fn agenda(&self, doc_ids: &[i64]) -> Result<Vec<AgendaRow>> {
        let mut st = self.conn.prepare(
            "SELECT doc_id, number, title, page, rule, source FROM agenda_items
             WHERE doc_id = ?1 ORDER BY number",
        )?;
        let mut out = Vec::new();
        for id in doc_ids {
            let rows = st.query_map([id], |r| {
                Ok(AgendaRow {
                    doc_id: r.get(0)?,
                    number: r.get(1)?,
                    title: r.get(2)?,
                    page: r.get(3)?,
                    rule: r.get(4)?,
                    source: source(&r.get::<_, String>(5)?),
                })
            })?;
            out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        Ok(out)
    }

    /// Every decision, or those of these documents, with its meeting's date and agenda item.
    pub fn decisions(&self, doc_ids: Option<&[i64]>) -> Result<Vec<DecisionRow>> {
        let only = if doc_ids.is_some() {
            "AND x.doc_id = ?1"
        } else {
            ""
        };
        let sql = format!(
            "SELECT {DOC_REF}, x.item, (SELECT title FROM agenda_items
                 WHERE doc_id = x.doc_id AND number = x.item), x.ord, x.number, x.text, x.page,
                 x.rule, x.source
             FROM decisions x JOIN documents d ON d.id = x.doc_id
             WHERE d.trashed_at IS NULL {only} ORDER BY x.doc_id, x.item, x.ord"
        );
        let mut st = self.conn.prepare(&sql)?;
        let row = |r: &rusqlite::Row<'_>| {
            Ok(DecisionRow {
                doc: doc_ref(r, 0)?,
                item: r.get(4)?,
                item_title: r.get(5)?,
                ord: r.get(6)?,
                number: r.get(7)?,
                text: r.get(8)?,
                page: r.get(9)?,
                rule: r.get(10)?,
                source: source(&r.get::<_, String>(11)?),
            })
        };
        rows_of(&mut st, doc_ids, row)
    }

    /// The action items and votes of some documents.
    pub fn actions_and_votes(&self, doc_ids: &[i64]) -> Result<(Vec<ActionRow>, Vec<VoteRow>)> {
        let mut actions = Vec::new();
        let mut votes = Vec::new();
        let mut sa = self.conn.prepare(
            "SELECT doc_id, item, who, what, deadline, deadline_text, page, rule, source
             FROM actions WHERE doc_id = ?1 ORDER BY item, ord",
        )?;
        let mut sv = self.conn.prepare(
            "SELECT doc_id, item, decision, for_count, against, abstained, page
             FROM votes WHERE doc_id = ?1 ORDER BY item, ord",
        )?;
        for id in doc_ids {
            let rows = sa.query_map([id], |r| {
                Ok(ActionRow {
                    doc_id: r.get(0)?,
                    item: r.get(1)?,
                    who: r.get(2)?,
                    what: r.get(3)?,
                    deadline: r.get(4)?,
                    deadline_text: r.get(5)?,
                    page: r.get(6)?,
                    rule: r.get(7)?,
                    source: source(&r.get::<_, String>(8)?),
                })
            })?;
            actions.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
            let rows = sv.query_map([id], |r| {
                Ok(VoteRow {
                    doc_id: r.get(0)?,
                    item: r.get(1)?,
                    decision: r.get(2)?,
                    for_count: r.get(3)?,
                    against: r.get(4)?,
                    abstained: r.get(5)?,
                    page: r.get(6)?,
                })
            })?;
            votes.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        Ok((actions, votes))
    }

    /// Every plan's commitments with their milestones, Latvian plans first within a cycle.
    pub fn plan_commitments(&self) -> Result<Vec<CommitmentRow>> {
        let sql = format!(
            "SELECT {DOC_REF}, d.lang, c.number, c.title, c.institution, c.ogp_id, c.page,
                    c.rule, c.source, c.cycle
             FROM commitments c JOIN documents d ON d.id = c.doc_id
             WHERE d.trashed_at IS NULL
             ORDER BY c.cycle, d.lang <> 'lv', d.id, c.number"
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map([], |r| {
            let mut doc = doc_ref(r, 0)?;
            doc.cycle = r.get(12)?;
            Ok(CommitmentRow {
                doc,
                lang: r.get(4)?,
                number: r.get(5)?,
                title: r.get(6)?,
                institution: r.get(7)?,
                ogp_id: r.get(8)?,
                page: r.get(9)?,
                rule: r.get(10)?,
                source: source(&r.get::<_, String>(11)?),
                milestones: Vec::new(),
            })
        })?;
        let mut out: Vec<CommitmentRow> = rows.collect::<rusqlite::Result<_>>()?;
        let mut st = self.conn.prepare(
            "SELECT doc_id, number, text, deadline, page FROM milestones ORDER BY doc_id, number, ord",
        )?;
        let mut by_key: HashMap<(i64, i64), Vec<MilestoneRow>> = HashMap::new();
        let rows = st.query_map([], |r| {
            Ok((
                (r.get::<_, i64>(0)?, r.get::<_, i64>(1)?),
                MilestoneRow {
                    text: r.get(2)?,
                    deadline: r.get(3)?,
                    page: r.get(4)?,
                },
            ))
        })?;
        for row in rows {
            let (k, m) = row?;
            by_key.entry(k).or_default().push(m);
        }
        for c in &mut out {
            c.milestones = by_key.remove(&(c.doc.doc_id, c.number)).unwrap_or_default();
        }
        Ok(out)
    }

    /// Mentions of commitments (all, or of one commitment).
    pub fn mentions(&self, of: Option<(i64, i64)>) -> Result<Vec<MentionRow>> {
        let sql = format!(
            "SELECT {DOC_REF}, d.kind, m.cycle, m.number, m.page, m.rule, m.excerpt
             FROM mentions m JOIN documents d ON d.id = m.doc_id
             WHERE d.trashed_at IS NULL AND (?1 IS NULL OR (m.cycle = ?1 AND m.number = ?2))
             ORDER BY m.cycle, m.number, d.id, m.page"
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(params![of.map(|o| o.0), of.map(|o| o.1)], |r| {
            Ok(MentionRow {
                doc: doc_ref(r, 0)?,
                kind: r.get(4)?,
                cycle: r.get(5)?,
                number: r.get(6)?,
                page: r.get(7)?,
                rule: r.get(8)?,
                excerpt: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Ratings of commitments (all, or of one commitment).
    pub fn ratings(&self, of: Option<(i64, i64)>) -> Result<Vec<RatingRow>> {
        let sql = format!(
            "SELECT {DOC_REF}, r.cycle, r.number, r.scale, r.level, r.page, r.rule, r.source
             FROM ratings r JOIN documents d ON d.id = r.doc_id
             WHERE d.trashed_at IS NULL AND (?1 IS NULL OR (r.cycle = ?1 AND r.number = ?2))
             ORDER BY r.cycle, r.number, d.id"
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(params![of.map(|o| o.0), of.map(|o| o.1)], |r| {
            Ok(RatingRow {
                doc: doc_ref(r, 0)?,
                cycle: r.get(4)?,
                number: r.get(5)?,
                scale: r.get(6)?,
                level: r.get(7)?,
                page: r.get(8)?,
                rule: r.get(9)?,
                source: source(&r.get::<_, String>(10)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The dates of the meetings recorded in a cycle's documents, in order.
    pub fn meeting_dates(&self, cycle: i64) -> Result<Vec<String>> {
        let mut st = self.conn.prepare(
            "SELECT DISTINCT m.date FROM meetings m JOIN documents d ON d.id = m.doc_id
             WHERE d.trashed_at IS NULL AND d.cycle = ?1 AND m.date IS NOT NULL ORDER BY m.date",
        )?;
        let rows = st.query_map([cycle], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The documents of the session held on `date` (ISO) or dated that day.
    pub fn documents_dated(&self, date: &str) -> Result<Vec<DocRef>> {
        let sql = format!(
            "SELECT {DOC_REF} FROM documents d
             WHERE d.trashed_at IS NULL AND (d.doc_date = ?1
                OR d.session_id IN (SELECT id FROM sessions WHERE date = ?1))
             ORDER BY d.id"
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map([date], |r| doc_ref(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Documents catalogued before the records existed, whose records are still to be read.
    pub fn records_pending(&self) -> Result<Vec<i64>> {
        let mut st = self.conn.prepare(
            "SELECT p.doc_id FROM records_pending p JOIN documents d ON d.id = p.doc_id
             ORDER BY p.doc_id",
        )?;
        let rows = st.query_map([], |r| r.get(0))?;
        let ids = rows.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Forgets the pending mark of documents whose records were read (or that are gone).
    pub fn records_done(&mut self, ids: &[i64]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for id in ids {
            tx.execute("DELETE FROM records_pending WHERE doc_id = ?1", [id])?;
        }
        tx.execute(
            "DELETE FROM records_pending WHERE doc_id NOT IN (SELECT id FROM documents)",
            [],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The documents that may carry mentions or ratings: every document not in the trash and
    /// not a plan, with kind and cycle.
    pub fn record_targets(&self) -> Result<Vec<(i64, String, Option<i64>)>> {
        let mut st = self.conn.prepare(
            "SELECT id, kind, cycle FROM documents WHERE trashed_at IS NULL AND kind <> 'plan'",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The presentations and annexes (kind `other`) dated `date` (ISO) or of that day's
    /// session that are not themselves a meeting's record, for linking to its agenda items.
    pub fn linkable(&self, date: &str) -> Result<Vec<Linkable>> {
        let mut st = self.conn.prepare(
            "SELECT d.id, d.title, d.file_name FROM documents d
             WHERE d.trashed_at IS NULL AND d.kind IN ('presentation', 'other')
               AND (d.doc_date = ?1 OR d.session_id IN (SELECT id FROM sessions WHERE date = ?1))
               AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.doc_id = d.id)
             ORDER BY d.id",
        )?;
        let rows = st.query_map([date], |r| {
            Ok(Linkable {
                doc_id: r.get(0)?,
                title: r.get(1)?,
                file_name: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The documents linked to the agenda items of these meetings' documents.
    pub fn agenda_links(&self, meeting_doc_ids: &[i64]) -> Result<Vec<AgendaLinkRow>> {
        let sql = format!(
            "SELECT {DOC_REF}, l.meeting_doc_id, l.item, l.rule, l.source
             FROM agenda_links l JOIN documents d ON d.id = l.doc_id
             WHERE d.trashed_at IS NULL AND l.meeting_doc_id = ?1 ORDER BY l.item, d.id"
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut out = Vec::new();
        for id in meeting_doc_ids {
            let rows = st.query_map([id], |r| {
                Ok(AgendaLinkRow {
                    doc: doc_ref(r, 0)?,
                    meeting_doc_id: r.get(4)?,
                    item: r.get(5)?,
                    rule: r.get(6)?,
                    source: source(&r.get::<_, String>(7)?),
                })
            })?;
            out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        Ok(out)
    }

    /// Every day some of these documents are of: their own date, their session's and their
    /// meeting's (ISO, each once).
    pub fn dates_of(&self, ids: &[i64]) -> Result<Vec<String>> {
        let mut st = self.conn.prepare(
            "SELECT doc_date FROM documents WHERE id = ?1 AND doc_date IS NOT NULL
             UNION SELECT s.date FROM documents d JOIN sessions s ON s.id = d.session_id
                   WHERE d.id = ?1
             UNION SELECT date FROM meetings WHERE doc_id = ?1 AND date IS NOT NULL",
        )?;
        let mut out: Vec<String> = Vec::new();
        for id in ids {
            for d in st.query_map([id], |r| r.get::<_, String>(0))? {
                let d = d?;
                if !out.contains(&d) {
                    out.push(d);
                }
            }
        }
        Ok(out)
    }

    /// Every day a meeting was recorded on (ISO).
    pub fn all_meeting_dates(&self) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare("SELECT DISTINCT date FROM meetings WHERE date IS NOT NULL ORDER BY date")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The rows of a statement with an optional `?1` document id: every row without ids, else the
/// rows of each document in turn, in the order of the statement's `ORDER BY doc_id` (each
/// document once).
fn rows_of<T>(
    st: &mut rusqlite::Statement<'_>,
    doc_ids: Option<&[i64]>,
    row: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let Some(ids) = doc_ids else {
        return Ok(st.query_map([], row)?.collect::<rusqlite::Result<_>>()?);
    };
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut out = Vec::new();
    for id in ids {
        for r in st.query_map([id], &row)? {
            out.push(r?);
        }
    }
    Ok(out)
}
