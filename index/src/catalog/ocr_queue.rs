//! The OCR queue: columns of the `pages` table (`ocr` is `queued`, `done` or `failed`), the
//! recognised text and word boxes, and the guesses made again once a scan has text.

use rusqlite::{params, OptionalExtension};

use super::*;

impl Catalog {
    /// The OCR state of each of a document's pages that needed it.
    pub fn ocr_pages(&self, id: i64) -> Result<Vec<OcrPage>> {
        let mut st = self.conn.prepare_cached(
            "SELECT page, ocr, ocr_confidence, ocr_error FROM pages
             WHERE doc_id = ?1 AND ocr IS NOT NULL ORDER BY page",
        )?;
        let rows = st.query_map([id], |r| {
            Ok(OcrPage {
                page: r.get(0)?,
                state: r.get::<_, String>(1)?.parse().unwrap_or(OcrState::Queued),
                confidence: r.get::<_, Option<f64>>(2)?.map(|c| c as f32),
                error: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Queues the flagged pages of these documents (all documents when `ids` is None) that are
    /// not queued yet, failed ones included. Returns how many pages were queued.
    pub fn queue_ocr(&mut self, ids: Option<&[i64]>) -> Result<usize> {
        let sql = format!(
            "UPDATE pages SET ocr = 'queued', ocr_error = NULL
             WHERE status IN {FLAGGED} AND (ocr IS NULL OR ocr = 'failed')
               AND doc_id IN (SELECT id FROM documents WHERE trashed_at IS NULL)"
        );
        match ids {
            None => Ok(self.conn.execute(&sql, [])?),
            Some(ids) => {
                let tx = self.conn.transaction()?;
                let mut n = 0;
                for id in ids {
                    tx.query_row("SELECT 1 FROM documents WHERE id = ?1", [id], |_| Ok(()))
                        .optional()?
                        .ok_or(Error::NoSuchDocument(*id))?;
                    n += tx.execute(&format!("{sql} AND doc_id = ?1"), [id])?;
                }
                tx.commit()?;
                Ok(n)
            }
        }
    }

    /// Pages waiting for OCR (of these documents, or all), in document and page order.
    /// Trashed documents wait until they are restored.
    pub fn ocr_queue(&self, ids: Option<&[i64]>) -> Result<Vec<OcrTask>> {
        let mut st = self.conn.prepare_cached(
            "SELECT p.doc_id, d.sha256, d.file_name, p.page FROM pages p
             JOIN documents d ON d.id = p.doc_id
             WHERE p.ocr = 'queued' AND d.trashed_at IS NULL ORDER BY p.doc_id, p.page",
        )?;
        let rows = st.query_map([], |r| {
            Ok(OcrTask {
                doc_id: r.get(0)?,
                sha256: r.get(1)?,
                file_name: r.get(2)?,
                page: r.get(3)?,
            })
        })?;
        let all: Vec<OcrTask> = rows.collect::<rusqlite::Result<_>>()?;
        Ok(match ids {
            None => all,
            Some(ids) => all
                .into_iter()
                .filter(|t| ids.contains(&t.doc_id))
                .collect(),
        })
    }

    /// Pages queued, done and failed, over documents not in the trash.
    pub fn ocr_counts(&self) -> Result<OcrCounts> {
        let mut st = self.conn.prepare_cached(
            "SELECT p.ocr, count(*) FROM pages p JOIN documents d ON d.id = p.doc_id
             WHERE p.ocr IS NOT NULL AND d.trashed_at IS NULL GROUP BY p.ocr",
        )?;
        let mut counts = OcrCounts::default();
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (state, n) = row?;
            match state.parse() {
                Ok(OcrState::Queued) => counts.queued = n as usize,
                Ok(OcrState::Done) => counts.done = n as usize,
                Ok(OcrState::Failed) => counts.failed = n as usize,
                Err(_) => {}
            }
        }
        Ok(counts)
    }

    /// Stores a page's OCR text, confidence and word boxes, and updates the document's status:
    /// `ocr` once none of its pages is flagged any more. The document is marked for
    /// re-indexing. A page that is no longer queued (its document emptied from the trash, or
    /// already done by someone else) is left alone; returns whether the page was saved.
    pub fn save_ocr(
        &mut self,
        doc_id: i64,
        page: i64,
        text: &str,
        confidence: f32,
        engine: &str,
        words_json: &str,
    ) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let status = if text.trim().is_empty() {
            "blank"
        } else {
            "ocr"
        };
        let n = tx.execute(
            "UPDATE pages SET status = ?3, text = ?4, ocr = 'done', ocr_confidence = ?5,
                ocr_error = NULL
             WHERE doc_id = ?1 AND page = ?2 AND ocr = 'queued'",
            params![doc_id, page, status, text, confidence as f64],
        )?;
        if n == 0 {
            return Ok(false);
        }
        tx.execute(
            "INSERT OR REPLACE INTO page_words (doc_id, page, engine, words) VALUES (?1, ?2, ?3, ?4)",
            params![doc_id, page, engine, words_json],
        )?;
        tx.execute(
            &format!(
                "UPDATE documents SET indexed = 0, status = CASE
                    WHEN EXISTS (SELECT 1 FROM pages WHERE doc_id = ?1 AND status IN {FLAGGED})
                    THEN status ELSE 'ocr' END,
                    flagged = coalesce((SELECT group_concat(page) FROM (SELECT page FROM pages
                        WHERE doc_id = ?1 AND status IN {FLAGGED} ORDER BY page)), '')
                 WHERE id = ?1"
            ),
            [doc_id],
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// Replaces a document's guesses with fresh ones, field by field, except where the user
    /// corrected the field or the PDF's own title gave it. Marks the document for re-indexing.
    pub fn apply_guesses(&mut self, id: i64, g: &Guesses) -> Result<()> {
        let tx = self.conn.transaction()?;
        let keep = "(src_{f} IN ('user', 'pdf_title') OR (',' || corrected || ',') LIKE '%,{f},%')";
        let set = |f: &str, col: &str, v: &dyn rusqlite::ToSql, source: &str| -> Result<()> {
            tx.execute(
                &format!(
                    "UPDATE documents SET {col} = ?2, src_{f} = ?3 WHERE id = ?1 AND NOT {}",
                    keep.replace("{f}", f)
                ),
                params![id, v, source],
            )?;
            Ok(())
        };
        set("title", "title", &g.title.0, &g.title.1)?;
        set("kind", "kind", &g.kind.0.as_str(), &g.kind.1)?;
        set("lang", "lang", &g.lang.0.as_str(), &g.lang.1)?;
        set(
            "date",
            "doc_date",
            &g.date.0.map(|d| d.to_string()),
            &g.date.1,
        )?;
        set("cycle", "cycle", &g.cycle.0, &g.cycle.1)?;
        set("session", "session_id", &g.session.0, &g.session.1)?;
        // A session belongs to a cycle; an unknown meeting date is noted only without one.
        tx.execute(
            "UPDATE documents SET cycle = (SELECT cycle FROM sessions WHERE id = session_id)
             WHERE id = ?1 AND session_id IS NOT NULL",
            [id],
        )?;
        tx.execute(
            "UPDATE documents SET unknown_session_date = CASE WHEN session_id IS NULL THEN ?2 END,
                indexed = 0
             WHERE id = ?1",
            params![id, g.unknown_session_date.map(|d| d.to_string())],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records why a page could not be recognised; it stays flagged, out of the queue until
    /// queued again.
    pub fn fail_ocr(&mut self, doc_id: i64, page: i64, error: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE pages SET ocr = 'failed', ocr_error = ?3
             WHERE doc_id = ?1 AND page = ?2 AND ocr = 'queued'",
            params![doc_id, page, error],
        )?;
        Ok(())
    }

    /// The OCR word boxes of a page, as stored (JSON), if it was recognised.
    pub fn page_words(&self, doc_id: i64, page: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT words FROM page_words WHERE doc_id = ?1 AND page = ?2")?
            .query_row(params![doc_id, page], |r| r.get(0))
            .optional()?)
    }
}
