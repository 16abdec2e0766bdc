//! The data the archive hands out: documents, cycles, sessions, filters and corrections.
//! Everything here crosses a boundary (CLI JSON, the desktop UI), so it is all serde.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::classify::{Kind, Lang, Source};

/// A national action plan cycle. Data, not code: users add a sixth.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Cycle {
    pub number: i64,
    pub start_year: i32,
    pub end_year: i32,
    pub title: String,
    /// Documents in the cycle (not counting the trash).
    pub documents: i64,
}

/// A council session or working-group meeting of a cycle.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Session {
    pub id: i64,
    pub cycle: i64,
    pub date: NaiveDate,
    pub title: String,
    pub documents: i64,
}

/// Where each guess about a document came from: `file_name`, `text`, `pdf_title`, `default`,
/// or `user` for a correction.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Sources {
    pub title: String,
    pub kind: String,
    pub cycle: String,
    pub session: String,
    pub lang: String,
    pub date: String,
}

/// A catalogued document.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct DocumentInfo {
    pub id: i64,
    pub title: String,
    /// The file's original name as it was ingested.
    pub file_name: String,
    pub kind: Kind,
    pub cycle: Option<i64>,
    /// The session's date, `YYYY-MM-DD`.
    pub session: Option<NaiveDate>,
    pub session_id: Option<i64>,
    pub lang: Lang,
    /// The document's own date (meeting date, or the first date it states).
    pub date: Option<NaiveDate>,
    pub pages: i64,
    pub size: i64,
    pub sha256: String,
    /// `ok`, `no-text-layer`, `unreadable-text`, or `ocr` once its flagged pages were all
    /// recognised.
    pub status: String,
    /// Page numbers (1-based) that still have no text layer or unreadable text.
    pub flagged_pages: Vec<i64>,
    /// The OCR state of every page that needed it (filled by `get`; empty in lists).
    #[serde(default)]
    pub ocr_pages: Vec<OcrPage>,
    pub added_at: String,
    pub trashed_at: Option<String>,
    pub sources: Sources,
    /// Fields a user corrected; later guesses never overwrite them.
    pub corrected: Vec<String>,
    /// A meeting date stated in the document that matches no known session.
    pub unknown_session_date: Option<NaiveDate>,
    pub producer: Option<String>,
}

/// A document as a row of a list shows it: what the desktop list and its sidebar counts
/// need. A list of thousands crosses into the web page at start, and the whole
/// [`DocumentInfo`] is four times the JSON (8 MB at 10,000 documents).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct DocumentRow {
    pub id: i64,
    pub title: String,
    pub file_name: String,
    pub kind: Kind,
    pub cycle: Option<i64>,
    pub session: Option<NaiveDate>,
    pub lang: Lang,
    pub date: Option<NaiveDate>,
    pub pages: i64,
}

impl From<DocumentInfo> for DocumentRow {
    fn from(d: DocumentInfo) -> DocumentRow {
        DocumentRow {
            id: d.id,
            title: d.title,
            file_name: d.file_name,
            kind: d.kind,
            cycle: d.cycle,
            session: d.session,
            lang: d.lang,
            date: d.date,
            pages: d.pages,
        }
    }
}

/// A page that needed OCR: `queued`, `done` (with its confidence) or `failed` (with why).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct OcrPage {
    pub page: i64,
    pub state: String,
    /// Mean word confidence, 0–100.
    pub confidence: Option<f32>,
    pub error: Option<String>,
}

/// Filters shared by `list` and `search`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Filter {
    pub cycle: Option<i64>,
    pub session: Option<NaiveDate>,
    pub kind: Option<Kind>,
    pub lang: Option<Lang>,
    /// Only documents without a session (combine with `cycle`).
    #[serde(default)]
    pub without_session: bool,
}

/// A correction of one or more documents. `Some(None)` clears a cycle or session.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Patch {
    pub title: Option<String>,
    pub kind: Option<Kind>,
    pub cycle: Option<Option<i64>>,
    pub session: Option<Option<NaiveDate>>,
    pub lang: Option<Lang>,
    pub date: Option<Option<NaiveDate>>,
}

impl Patch {
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.kind.is_none()
            && self.cycle.is_none()
            && self.session.is_none()
            && self.lang.is_none()
            && self.date.is_none()
    }
}

/// One search result: a document with its best-matching page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: i64,
    pub title: String,
    pub file_name: String,
    pub kind: Kind,
    pub cycle: Option<i64>,
    pub session: Option<NaiveDate>,
    pub lang: Lang,
    pub score: f32,
    /// 1-based.
    pub page: i64,
    /// Text around the match; matched words between `<b>` and `</b>`, other text HTML-escaped.
    pub snippet: String,
    /// Every other page of the document that matches, in page order (at most 20).
    pub other_pages: Vec<i64>,
}

/// How many results each filter value would give (for the UI's filter counts).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Facets {
    pub total: usize,
    pub cycle: Vec<(Option<i64>, usize)>,
    pub session: Vec<(Option<NaiveDate>, usize)>,
    pub kind: Vec<(Kind, usize)>,
    pub lang: Vec<(Lang, usize)>,
}
