//! The SQLite catalog: cycles, sessions, documents and their page texts.
//!
//! The catalog is the archive's source of truth: a document exists when its row is committed.
//! Page texts are kept here too, so the search index can always be rebuilt from the catalog
//! without re-reading PDFs. Schema changes are versioned migrations (`PRAGMA user_version`),
//! one `.sql` file each in `migrations/`. The queries are split by table: [`cycles`](self::cycles)
//! (cycles and sessions), [`documents`](self::documents), [`ocr_queue`](self::ocr_queue).

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::model::{
    Cycle, DocStatus, DocumentInfo, Filter, Kind, Lang, OcrPage, OcrState, Patch, Session, Sources,
};
use crate::pdf::PageStatus;
use crate::progress::OcrCounts;

mod cycles;
mod documents;
mod ocr_queue;
pub mod records;
pub mod records_write;

/// Each entry moves the schema one version up (`migrations/`, one file a version). Never
/// edit a file that has shipped.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_first_schema.sql"),
    include_str!("migrations/0002_ocr_queue.sql"),
    include_str!("migrations/0003_flagged_pages.sql"),
    include_str!("migrations/0004_records.sql"),
    include_str!("migrations/0005_agenda_links.sql"),
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
    pub status: DocStatus,
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
        status: r.get::<_, String>(12)?.parse().unwrap_or(DocStatus::Ok),
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
