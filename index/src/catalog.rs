//! The SQLite catalog: cycles, sessions, documents and their page texts.
//!
//! The catalog is the archive's source of truth: a document exists when its row is committed.
//! Page texts are kept here too, so the search index can always be rebuilt from the catalog
//! without re-reading PDFs. Schema changes are versioned migrations (`PRAGMA user_version`).

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::model::{Cycle, DocumentInfo, Filter, Kind, Lang, OcrPage, Patch, Session, Sources};
use crate::pdf::PageStatus;

/// Each entry moves the schema one version up. Never edit an entry that has shipped.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    "CREATE TABLE cycles (
        number INTEGER PRIMARY KEY,
        start_year INTEGER NOT NULL,
        end_year INTEGER NOT NULL,
        title TEXT NOT NULL
    );
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        cycle INTEGER NOT NULL REFERENCES cycles(number),
        date TEXT NOT NULL,
        title TEXT NOT NULL,
        UNIQUE (cycle, date)
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        file_name TEXT NOT NULL,
        size INTEGER NOT NULL,
        pages INTEGER NOT NULL,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        cycle INTEGER REFERENCES cycles(number),
        session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
        lang TEXT NOT NULL,
        doc_date TEXT,
        status TEXT NOT NULL,
        added_at TEXT NOT NULL,
        trashed_at TEXT,
        src_title TEXT NOT NULL, src_kind TEXT NOT NULL, src_cycle TEXT NOT NULL,
        src_session TEXT NOT NULL, src_lang TEXT NOT NULL, src_date TEXT NOT NULL,
        corrected TEXT NOT NULL DEFAULT '',
        unknown_session_date TEXT,
        producer TEXT,
        indexed INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX documents_cycle ON documents(cycle);
    CREATE INDEX documents_session ON documents(session_id);
    CREATE INDEX documents_unindexed ON documents(indexed) WHERE indexed = 0;
    CREATE TABLE pages (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page INTEGER NOT NULL,
        status TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (doc_id, page)
    ) WITHOUT ROWID;
    -- Files being stored by an ingest that has not committed yet: if the process dies, the
    -- next open removes exactly these files, and nothing else.
    CREATE TABLE pending (
        sha256 TEXT PRIMARY KEY,
        started_at TEXT NOT NULL
    );
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    // 2: the OCR queue lives on the pages it concerns. `ocr` is NULL (not needed), `queued`,
    // `done` or `failed`; a recognised page's status becomes `ocr` and its text the OCR text.
    // Word boxes are kept apart, so that page texts stay small to read.
    "ALTER TABLE pages ADD COLUMN ocr TEXT;
    ALTER TABLE pages ADD COLUMN ocr_confidence REAL;
    ALTER TABLE pages ADD COLUMN ocr_error TEXT;
    UPDATE pages SET ocr = 'queued' WHERE status IN ('no-text-layer', 'unreadable-text');
    CREATE INDEX pages_ocr ON pages(ocr) WHERE ocr IS NOT NULL;
    CREATE TABLE page_words (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page INTEGER NOT NULL,
        engine TEXT NOT NULL,
        words TEXT NOT NULL,
        PRIMARY KEY (doc_id, page)
    ) WITHOUT ROWID;",
    // 3: the pages that need OCR, kept on the document's row ("2,5"): every listing and
    // every search hit read them through a subquery over the document's page rows (a
    // 10,000-document list: 268 ms with it, 72 ms without; BENCHMARKS.md).
    "ALTER TABLE documents ADD COLUMN flagged TEXT NOT NULL DEFAULT '';
    UPDATE documents SET flagged = coalesce((SELECT group_concat(page) FROM
        (SELECT page FROM pages WHERE doc_id = documents.id
            AND status IN ('no-text-layer', 'unreadable-text') ORDER BY page)), '');",
];

/// Page statuses that need OCR.
const FLAGGED: &str = "('no-text-layer', 'unreadable-text')";

/// The cycles of DOMAIN.md. Years of 1–3 are the usual OGP records; all are editable data.
const SEED_CYCLES: &[(i64, i32, i32, &str)] = &[
    (1, 2012, 2014, "Pirmais nacionālais rīcības plāns"),
    (2, 2015, 2017, "Otrais nacionālais rīcības plāns"),
    (3, 2017, 2019, "Trešais nacionālais rīcības plāns"),
    (
        4,
        2020,
        2021,
        "Ceturtais nacionālais atvērtās pārvaldības rīcības plāns",
    ),
    (
        5,
        2022,
        2025,
        "Piektais nacionālais atvērtās pārvaldības rīcības plāns",
    ),
];

const SEED_SESSIONS: &[(i64, &str, &str)] = &[
    (4, "2019-09-16", "Darba grupas sanāksme par plāna izstrādi"),
    (4, "2019-10-14", "Darba grupas sanāksme par plāna izstrādi"),
    (5, "2022-10-05", "Uzraudzības padomes sēde"),
    (5, "2023-03-21", "Uzraudzības padomes sēde"),
];

pub struct Catalog {
    conn: Connection,
}

/// A document about to be catalogued.
pub struct NewDocument {
    pub sha256: String,
    pub file_name: String,
    pub size: i64,
    pub title: String,
    pub kind: Kind,
    pub cycle: Option<i64>,
    pub session_id: Option<i64>,
    pub lang: Lang,
    pub date: Option<NaiveDate>,
    pub status: &'static str,
    pub sources: Sources,
    pub unknown_session_date: Option<NaiveDate>,
    pub producer: Option<String>,
    pub pages: Vec<(PageStatus, String)>,
}

pub fn page_status_str(s: PageStatus) -> &'static str {
    match s {
        PageStatus::Text => "text",
        PageStatus::Blank => "blank",
        PageStatus::NoTextLayer => "no-text-layer",
        PageStatus::UnreadableText => "unreadable-text",
    }
}

/// Fresh guesses for a document, each with its source (see [`Catalog::apply_guesses`]).
pub struct Guesses {
    pub title: (String, String),
    pub kind: (Kind, String),
    pub lang: (Lang, String),
    pub cycle: (Option<i64>, String),
    pub session: (Option<i64>, String),
    pub date: (Option<NaiveDate>, String),
    pub unknown_session_date: Option<NaiveDate>,
}

/// What search facets count a document by.
pub struct FacetFields {
    pub cycle: Option<i64>,
    pub session: Option<NaiveDate>,
    pub kind: Kind,
    pub lang: Lang,
}

/// A page waiting for OCR.
#[derive(Clone, Debug)]
pub struct OcrTask {
    pub doc_id: i64,
    pub sha256: String,
    pub file_name: String,
    pub page: i64,
}

fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn parse_date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

const DOC_COLUMNS: &str =
    "d.id, d.title, d.file_name, d.kind, d.cycle, s.date, d.session_id, d.lang,
    d.doc_date, d.pages, d.size, d.sha256, d.status, d.added_at, d.trashed_at,
    d.src_title, d.src_kind, d.src_cycle, d.src_session, d.src_lang, d.src_date,
    d.corrected, d.unknown_session_date, d.producer, d.flagged";

fn doc_from_row(r: &Row) -> rusqlite::Result<DocumentInfo> {
    let kind: String = r.get(3)?;
    let lang: String = r.get(7)?;
    let corrected: String = r.get(21)?;
    let flagged: String = r.get(24)?;
    Ok(DocumentInfo {
        id: r.get(0)?,
        title: r.get(1)?,
        file_name: r.get(2)?,
        kind: kind.parse().unwrap_or(Kind::Other),
        cycle: r.get(4)?,
        session: parse_date(r.get(5)?),
        session_id: r.get(6)?,
        lang: lang.parse().unwrap_or(Lang::Lv),
        date: parse_date(r.get(8)?),
        pages: r.get(9)?,
        size: r.get(10)?,
        sha256: r.get(11)?,
        status: r.get(12)?,
        added_at: r.get(13)?,
        trashed_at: r.get(14)?,
        sources: Sources {
            title: r.get(15)?,
            kind: r.get(16)?,
            cycle: r.get(17)?,
            session: r.get(18)?,
            lang: r.get(19)?,
            date: r.get(20)?,
        },
        corrected: corrected
            .split(',')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        unknown_session_date: parse_date(r.get(22)?),
        producer: r.get(23)?,
        flagged_pages: flagged.split(',').filter_map(|p| p.parse().ok()).collect(),
        ocr_pages: Vec::new(),
    })
}

/// Settings that make the many small reads of a search cheap (measured on a 10,000-document
/// catalogue, `cargo bench --bench search`).
fn tune_reads(conn: &Connection) -> Result<()> {
    // The query planner's stability guarantee: without it SQLite re-prepares a statement
    // whenever a parameter is re-bound if that parameter was compared against a partial
    // index's condition (`pages_ocr`), which made every `get` parse its SQL again (a tenth
    // of a search's time).
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    // Read the file through a memory map instead of one pread() per page: page texts sit in
    // overflow pages, and the system calls were a sixth of a search's time.
    conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
    Ok(())
}

impl Catalog {
    pub fn open(path: &Path) -> Result<Catalog> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        tune_reads(&conn)?;
        let mut cat = Catalog { conn };
        cat.migrate()?;
        Ok(cat)
    }

    /// Opens the catalogue for reading only, without touching its files (SQLite's
    /// `immutable`): for an archive on a read-only mount or a full disk. An older schema is an
    /// error here, since migrating it needs writing.
    pub fn open_read_only(path: &Path) -> Result<Catalog> {
        use rusqlite::OpenFlags;
        let escaped: String = path
            .to_string_lossy()
            .chars()
            .map(|c| match c {
                '%' => "%25".to_string(),
                '?' => "%3f".to_string(),
                '#' => "%23".to_string(),
                c => c.to_string(),
            })
            .collect();
        let conn = Connection::open_with_flags(
            format!("file:{escaped}?immutable=1"),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
        )?;
        tune_reads(&conn)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version != MIGRATIONS.len() as i64 {
            return Err(Error::Invalid(format!(
                "the catalogue (schema {version}) must be upgraded, which needs write access"
            )));
        }
        Ok(Catalog { conn })
    }

    fn migrate(&mut self) -> Result<()> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(Error::TooNew {
                found: version,
                known,
            });
        }
        if version == known {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            if i == 0 {
                for (n, a, b, title) in SEED_CYCLES {
                    tx.execute(
                        "INSERT INTO cycles (number, start_year, end_year, title) VALUES (?1, ?2, ?3, ?4)",
                        params![n, a, b, title],
                    )?;
                }
                for (cycle, date, title) in SEED_SESSIONS {
                    tx.execute(
                        "INSERT INTO sessions (cycle, date, title) VALUES (?1, ?2, ?3)",
                        params![cycle, date, title],
                    )?;
                }
            }
        }
        tx.pragma_update(None, "user_version", known)?;
        tx.commit()?;
        Ok(())
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    // ---- cycles and sessions ----

    pub fn cycles(&self) -> Result<Vec<Cycle>> {
        let mut st = self.conn.prepare_cached(
            "SELECT c.number, c.start_year, c.end_year, c.title,
                (SELECT count(*) FROM documents d WHERE d.cycle = c.number AND d.trashed_at IS NULL)
             FROM cycles c ORDER BY c.number DESC",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Cycle {
                number: r.get(0)?,
                start_year: r.get(1)?,
                end_year: r.get(2)?,
                title: r.get(3)?,
                documents: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn cycle(&self, number: i64) -> Result<Cycle> {
        self.cycles()?
            .into_iter()
            .find(|c| c.number == number)
            .ok_or(Error::NoSuchCycle(number))
    }

    pub fn add_cycle(
        &self,
        number: i64,
        start_year: i32,
        end_year: i32,
        title: &str,
    ) -> Result<()> {
        if number < 1 || start_year > end_year {
            return Err(Error::Invalid(format!(
                "cycle {number}: {start_year}–{end_year}"
            )));
        }
        self.conn.execute(
            "INSERT INTO cycles (number, start_year, end_year, title) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(number) DO UPDATE SET start_year = excluded.start_year,
                end_year = excluded.end_year, title = excluded.title",
            params![number, start_year, end_year, title],
        )?;
        Ok(())
    }

    /// Deletes an empty cycle (one with no documents or sessions).
    pub fn delete_cycle(&self, number: i64) -> Result<()> {
        let c = self.cycle(number)?;
        let sessions: i64 = self.conn.query_row(
            "SELECT count(*) FROM sessions WHERE cycle = ?1",
            [number],
            |r| r.get(0),
        )?;
        let any_docs: i64 = self.conn.query_row(
            "SELECT count(*) FROM documents WHERE cycle = ?1",
            [number],
            |r| r.get(0),
        )?;
        if any_docs > 0 || sessions > 0 {
            return Err(Error::Invalid(format!(
                "cycle {} still has {} documents and {sessions} sessions",
                c.number, any_docs
            )));
        }
        self.conn
            .execute("DELETE FROM cycles WHERE number = ?1", [number])?;
        Ok(())
    }

    pub fn sessions(&self, cycle: Option<i64>) -> Result<Vec<Session>> {
        let mut st = self.conn.prepare_cached(
            "SELECT s.id, s.cycle, s.date, s.title,
                (SELECT count(*) FROM documents d WHERE d.session_id = s.id AND d.trashed_at IS NULL)
             FROM sessions s WHERE ?1 IS NULL OR s.cycle = ?1 ORDER BY s.date DESC",
        )?;
        let rows = st.query_map([cycle], |r| {
            let date: String = r.get(2)?;
            Ok(Session {
                id: r.get(0)?,
                cycle: r.get(1)?,
                date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap_or_default(),
                title: r.get(3)?,
                documents: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn session_by_date(&self, date: NaiveDate) -> Result<Session> {
        self.sessions(None)?
            .into_iter()
            .find(|s| s.date == date)
            .ok_or_else(|| Error::NoSuchSession(date.to_string()))
    }

    pub fn add_session(&self, cycle: i64, date: NaiveDate, title: &str) -> Result<i64> {
        self.cycle(cycle)?;
        self.conn.execute(
            "INSERT INTO sessions (cycle, date, title) VALUES (?1, ?2, ?3)",
            params![cycle, date.to_string(), title],
        )?;
        let id = self.conn.last_insert_rowid();
        // Documents that stated this meeting date but had no session to land in now do.
        self.conn.execute(
            "UPDATE documents SET session_id = ?1, cycle = ?2, src_session = 'text',
                unknown_session_date = NULL, indexed = 0
             WHERE unknown_session_date = ?3 AND session_id IS NULL
                AND instr(corrected, 'session') = 0",
            params![id, cycle, date.to_string()],
        )?;
        Ok(id)
    }

    pub fn rename_session(&self, id: i64, title: &str) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE sessions SET title = ?2 WHERE id = ?1",
            params![id, title],
        )?;
        if n == 0 {
            return Err(Error::NoSuchSession(id.to_string()));
        }
        Ok(())
    }

    /// Deletes a session; its documents stay in the cycle without a session. Returns their ids.
    pub fn delete_session(&self, id: i64) -> Result<Vec<i64>> {
        let ids = self.ids_where("session_id = ?1", [id])?;
        self.conn.execute(
            "UPDATE documents SET session_id = NULL, indexed = 0 WHERE session_id = ?1",
            [id],
        )?;
        self.conn
            .execute("DELETE FROM sessions WHERE id = ?1", [id])?;
        Ok(ids)
    }

    fn ids_where<P: rusqlite::Params>(&self, cond: &str, p: P) -> Result<Vec<i64>> {
        let mut st = self
            .conn
            .prepare(&format!("SELECT id FROM documents WHERE {cond}"))?;
        let rows = st.query_map(p, |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    // ---- documents ----

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

    pub fn remove_pending(&self, sha256: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM pending WHERE sha256 = ?1", [sha256])?;
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
                d.status,
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

    /// The OCR state of each of a document's pages that needed it.
    pub fn ocr_pages(&self, id: i64) -> Result<Vec<OcrPage>> {
        let mut st = self.conn.prepare_cached(
            "SELECT page, ocr, ocr_confidence, ocr_error FROM pages
             WHERE doc_id = ?1 AND ocr IS NOT NULL ORDER BY page",
        )?;
        let rows = st.query_map([id], |r| {
            Ok(OcrPage {
                page: r.get(0)?,
                state: r.get(1)?,
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
    pub fn ocr_counts(&self) -> Result<(usize, usize, usize)> {
        let mut st = self.conn.prepare_cached(
            "SELECT p.ocr, count(*) FROM pages p JOIN documents d ON d.id = p.doc_id
             WHERE p.ocr IS NOT NULL AND d.trashed_at IS NULL GROUP BY p.ocr",
        )?;
        let mut counts = (0, 0, 0);
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (state, n) = row?;
            match state.as_str() {
                "queued" => counts.0 = n as usize,
                "done" => counts.1 = n as usize,
                "failed" => counts.2 = n as usize,
                _ => {}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalogue_of_schema_2_keeps_its_flagged_pages_after_the_upgrade() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.execute_batch(MIGRATIONS[1]).unwrap();
            conn.execute_batch(
                "INSERT INTO documents (id, sha256, file_name, size, pages, title, kind, lang,
                    status, added_at, src_title, src_kind, src_cycle, src_session, src_lang,
                    src_date)
                 VALUES (1, 'ab', 'a.pdf', 10, 4, 'A', 'other', 'lv', 'needs-ocr', '2026-01-01',
                    'default', 'default', 'default', 'default', 'default', 'default');
                 INSERT INTO pages (doc_id, page, status, text) VALUES (1, 1, 'text', 'a'),
                    (1, 3, 'unreadable-text', ''), (1, 2, 'no-text-layer', ''), (1, 4, 'blank', '');
                 PRAGMA user_version = 2;",
            )
            .unwrap();
        }
        let cat = Catalog::open(&path).unwrap();
        assert_eq!(cat.get(1).unwrap().flagged_pages, vec![2, 3]);
        assert_eq!(
            cat.list(&Filter::default(), false).unwrap()[0].flagged_pages,
            vec![2, 3]
        );
    }
}
