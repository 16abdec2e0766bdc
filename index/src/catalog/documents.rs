//! Documents in the catalogue: adding one (its row is the commit point of an ingest), reading,
//! listing and correcting them, the trash, and which ones the search index has seen.

use rusqlite::{params, params_from_iter, OptionalExtension};

use super::*;

impl Catalog {
    /// The document with these bytes, if any: (id, in the trash).
    pub fn find_sha(&self, sha256: &str) -> Result<Option<(i64, bool)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, trashed_at IS NOT NULL FROM documents WHERE sha256 = ?1",
                [sha256],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    pub fn add_pending(&self, sha256: &str) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO pending (sha256, started_at) VALUES (?1, ?2)",
            params![sha256, now()],
        )?;
        Ok(())
    }

    /// Pending entries whose document never committed (an interrupted ingest).
    pub fn stale_pending(&self) -> Result<Vec<String>> {
        let mut st = self.conn.prepare(
            "SELECT p.sha256 FROM pending p
             WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = p.sha256)",
        )?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn clear_pending(&self) -> Result<()> {
        self.conn.execute("DELETE FROM pending", [])?;
        Ok(())
    }

    /// Catalogues a document and its pages in one transaction, and clears its pending mark.
    pub fn insert_document(&mut self, d: &NewDocument) -> Result<i64> {
        self.insert_document_with(d, None)
    }

    /// [`Catalog::insert_document`] with the records read out of its text, in the same
    /// transaction: one commit (one WAL sync) per document instead of two.
    pub fn insert_document_with(
        &mut self,
        d: &NewDocument,
        records: Option<&super::records_write::DocRecords>,
    ) -> Result<i64> {
        let flagged = d
            .pages
            .iter()
            .enumerate()
            .filter(|(_, (status, _))| {
                matches!(status, PageStatus::NoTextLayer | PageStatus::UnreadableText)
            })
            .map(|(i, _)| (i + 1).to_string())
            .collect::<Vec<_>>()
            .join(",");
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO documents (sha256, file_name, size, pages, title, kind, cycle, session_id,
                lang, doc_date, status, added_at, src_title, src_kind, src_cycle, src_session,
                src_lang, src_date, unknown_session_date, producer, flagged)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                ?18, ?19, ?20, ?21)",
            params![
                d.sha256,
                d.file_name,
                d.size,
                d.pages.len() as i64,
                d.title,
                d.kind.as_str(),
                d.cycle,
                d.session_id,
                d.lang.as_str(),
                d.date.map(|x| x.to_string()),
                d.status.as_str(),
                now(),
                d.sources.title,
                d.sources.kind,
                d.sources.cycle,
                d.sources.session,
                d.sources.lang,
                d.sources.date,
                d.unknown_session_date.map(|x| x.to_string()),
                d.producer,
                flagged,
            ],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO pages (doc_id, page, status, text, ocr) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (i, (status, text)) in d.pages.iter().enumerate() {
                let queued = matches!(status, PageStatus::NoTextLayer | PageStatus::UnreadableText)
                    .then_some("queued");
                st.execute(params![
                    id,
                    i as i64 + 1,
                    page_status_str(*status),
                    text,
                    queued
                ])?;
            }
        }
        if let Some(r) = records {
            super::records_write::write_records(&tx, id, r)?;
        }
        tx.execute("DELETE FROM pending WHERE sha256 = ?1", [&d.sha256])?;
        tx.commit()?;
        Ok(id)
    }

    pub fn get(&self, id: i64) -> Result<DocumentInfo> {
        let mut doc = self.get_row(id)?;
        doc.ocr_pages = self.ocr_pages(id)?;
        Ok(doc)
    }

    /// A document's row without the OCR state of its pages (`ocr_pages` empty): what a
    /// search hit or a list needs, in one indexed read.
    pub fn get_row(&self, id: i64) -> Result<DocumentInfo> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {DOC_COLUMNS} FROM documents d LEFT JOIN sessions s ON s.id = d.session_id
                 WHERE d.id = ?1"
            ))?
            .query_row([id], doc_from_row)
            .optional()?
            .ok_or(Error::NoSuchDocument(id))
    }

    /// Documents matching the filter, newest session/date first. `trash` selects the trash.
    pub fn list(&self, f: &Filter, trash: bool) -> Result<Vec<DocumentInfo>> {
        let mut cond = vec![if trash {
            "d.trashed_at IS NOT NULL".to_string()
        } else {
            "d.trashed_at IS NULL".to_string()
        }];
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(c) = f.cycle {
            args.push(c.into());
            cond.push(format!("d.cycle = ?{}", args.len()));
        }
        if let Some(s) = f.session {
            args.push(s.to_string().into());
            cond.push(format!("s.date = ?{}", args.len()));
        }
        if f.without_session {
            cond.push("d.session_id IS NULL".into());
        }
        if let Some(k) = f.kind {
            args.push(k.as_str().to_string().into());
            cond.push(format!("d.kind = ?{}", args.len()));
        }
        if let Some(l) = f.lang {
            args.push(l.as_str().to_string().into());
            cond.push(format!("d.lang = ?{}", args.len()));
        }
        let sql = format!(
            "SELECT {DOC_COLUMNS} FROM documents d LEFT JOIN sessions s ON s.id = d.session_id
             WHERE {} ORDER BY d.cycle DESC, s.date DESC, d.doc_date DESC, d.id",
            cond.join(" AND ")
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(params_from_iter(args), doc_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The filter fields of every document not in the trash, by id (for search facets).
    pub fn facet_fields(&self) -> Result<std::collections::HashMap<i64, FacetFields>> {
        let mut st = self.conn.prepare_cached(
            "SELECT d.id, d.cycle, s.date, d.kind, d.lang FROM documents d
             LEFT JOIN sessions s ON s.id = d.session_id WHERE d.trashed_at IS NULL",
        )?;
        let rows = st.query_map([], |r| {
            let kind: String = r.get(3)?;
            let lang: String = r.get(4)?;
            Ok((
                r.get::<_, i64>(0)?,
                FacetFields {
                    cycle: r.get(1)?,
                    session: parse_date(r.get(2)?),
                    kind: kind.parse().unwrap_or(Kind::Other),
                    lang: lang.parse().unwrap_or(Lang::Lv),
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Page texts of a document: (1-based page, status, text).
    pub fn pages(&self, id: i64) -> Result<Vec<(i64, String, String)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT page, status, text FROM pages WHERE doc_id = ?1 ORDER BY page",
        )?;
        let rows = st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The text of one page (empty when there is no such page).
    pub fn page_text(&self, id: i64, page: i64) -> Result<String> {
        Ok(self
            .conn
            .prepare_cached("SELECT text FROM pages WHERE doc_id = ?1 AND page = ?2")?
            .query_row(params![id, page], |r| r.get(0))
            .optional()?
            .unwrap_or_default())
    }

    /// Applies a correction to documents, marking each changed field as the user's.
    pub fn apply_patch(&mut self, ids: &[i64], p: &Patch) -> Result<()> {
        let session_id = match p.session {
            Some(Some(date)) => Some(Some(self.session_by_date(date)?)),
            Some(None) => Some(None),
            None => None,
        };
        if let Some(Some(c)) = p.cycle {
            self.cycle(c)?;
        }
        let tx = self.conn.transaction()?;
        for &id in ids {
            let corrected: String = tx
                .query_row("SELECT corrected FROM documents WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or(Error::NoSuchDocument(id))?;
            let mut fields: Vec<String> = corrected
                .split(',')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            let mut mark = |f: &str| {
                if !fields.iter().any(|x| x == f) {
                    fields.push(f.to_string());
                }
            };
            if let Some(t) = &p.title {
                tx.execute(
                    "UPDATE documents SET title = ?2, src_title = 'user' WHERE id = ?1",
                    params![id, t],
                )?;
                mark("title");
            }
            if let Some(k) = p.kind {
                tx.execute(
                    "UPDATE documents SET kind = ?2, src_kind = 'user' WHERE id = ?1",
                    params![id, k.as_str()],
                )?;
                mark("kind");
            }
            if let Some(l) = p.lang {
                tx.execute(
                    "UPDATE documents SET lang = ?2, src_lang = 'user' WHERE id = ?1",
                    params![id, l.as_str()],
                )?;
                mark("lang");
            }
            if let Some(d) = p.date {
                tx.execute(
                    "UPDATE documents SET doc_date = ?2, src_date = 'user' WHERE id = ?1",
                    params![id, d.map(|x| x.to_string())],
                )?;
                mark("date");
            }
            if let Some(c) = p.cycle {
                // A new cycle drops a session that belongs to another cycle.
                tx.execute(
                    "UPDATE documents SET cycle = ?2, src_cycle = 'user',
                        session_id = CASE WHEN session_id IN
                            (SELECT id FROM sessions WHERE cycle IS ?2) THEN session_id ELSE NULL END
                     WHERE id = ?1",
                    params![id, c],
                )?;
                mark("cycle");
            }
            if let Some(s) = &session_id {
                match s {
                    Some(sess) => {
                        tx.execute(
                            "UPDATE documents SET session_id = ?2, cycle = ?3, src_session = 'user',
                                unknown_session_date = NULL WHERE id = ?1",
                            params![id, sess.id, sess.cycle],
                        )?;
                    }
                    None => {
                        tx.execute(
                            "UPDATE documents SET session_id = NULL, src_session = 'user' WHERE id = ?1",
                            [id],
                        )?;
                    }
                }
                mark("session");
            }
            tx.execute(
                "UPDATE documents SET corrected = ?2, indexed = 0 WHERE id = ?1",
                params![id, fields.join(",")],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Moves documents to the trash (or back). Unknown ids are an error, and nothing changes.
    pub fn set_trashed(&mut self, ids: &[i64], trashed: bool) -> Result<()> {
        let tx = self.conn.transaction()?;
        for &id in ids {
            let n = tx.execute(
                "UPDATE documents SET trashed_at = CASE WHEN ?2 THEN ?3 ELSE NULL END, indexed = 0
                 WHERE id = ?1",
                params![id, trashed, now()],
            )?;
            if n == 0 {
                return Err(Error::NoSuchDocument(id));
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Deletes the trashed documents' rows for good; returns (id, sha256) of each, so the
    /// caller can delete the stored files after this commits.
    pub fn purge_trash(&mut self) -> Result<Vec<(i64, String)>> {
        let tx = self.conn.transaction()?;
        let gone: Vec<(i64, String)> = {
            let mut st =
                tx.prepare("SELECT id, sha256 FROM documents WHERE trashed_at IS NOT NULL")?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        tx.execute("DELETE FROM documents WHERE trashed_at IS NOT NULL", [])?;
        tx.commit()?;
        Ok(gone)
    }

    /// Ids of documents whose index entries are not known to match the catalog.
    pub fn unindexed(&self) -> Result<Vec<i64>> {
        self.ids_where("indexed = 0", [])
    }

    /// Records whether these documents are in the search index: set after an index commit,
    /// cleared for a rebuild left for later (so that a restart resumes it).
    pub fn set_indexed(&mut self, ids: &[i64], indexed: bool) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut st = tx.prepare_cached("UPDATE documents SET indexed = ?2 WHERE id = ?1")?;
            for id in ids {
                st.execute(params![id, indexed])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// All documents' (id, sha256, trashed).
    pub fn all_hashes(&self) -> Result<Vec<(i64, String, bool)>> {
        let mut st = self
            .conn
            .prepare("SELECT id, sha256, trashed_at IS NOT NULL FROM documents ORDER BY id")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn active_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM documents WHERE trashed_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }
}
