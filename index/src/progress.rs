//! What long operations report and return: the progress of an ingest, an export, a check or
//! an OCR job, and each one's outcomes and summary. These types sit below every module that
//! runs such an operation (the archive, the export), so that none of those imports another
//! for them. All are serde: the CLI prints them as JSON and the desktop app sends them to
//! its window, field names and values exactly as they are here.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{DocStatus, Kind, Lang};

/// Progress of a long operation: `done` of `total`, and what is being worked on.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub current: String,
}

/// What an ingest did with one file.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// A new document.
    Added,
    /// The same bytes are in the archive already (perhaps in the trash).
    Duplicate,
    /// Not added: see `error_code` and `error`.
    Failed,
}

/// What happened to one input file.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct IngestOutcome {
    /// The path as given (or found in a folder).
    pub path: String,
    pub file_name: String,
    pub outcome: Outcome,
    pub id: Option<i64>,
    pub title: Option<String>,
    pub kind: Option<Kind>,
    pub cycle: Option<i64>,
    pub session: Option<NaiveDate>,
    pub lang: Option<Lang>,
    /// The document's status (for added files and duplicates).
    pub status: Option<DocStatus>,
    /// For duplicates: the existing document is in the trash.
    #[serde(default)]
    pub in_trash: bool,
    /// For failures: `empty`, `not-pdf`, `damaged`, `password`, `too-large`, `no-pages`, `io`.
    pub error_code: Option<String>,
    /// For failures: the reason, Latvian / English.
    pub error: Option<String>,
    /// A meeting date the document states that matches no known session: the user can add it.
    pub unknown_session_date: Option<NaiveDate>,
    /// Anything the user should act on, in words (Latvian / English).
    pub note: Option<String>,
}

impl IngestOutcome {
    pub fn is_failure(&self) -> bool {
        self.outcome == Outcome::Failed
    }
}

/// The result of an export.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ExportSummary {
    pub path: PathBuf,
    pub files: usize,
    pub bytes: u64,
}

/// The result of checking the archive.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct VerifyReport {
    pub documents: usize,
    pub problems: Vec<String>,
}

/// Pages in the OCR queue by state, over documents not in the trash.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OcrCounts {
    pub queued: usize,
    pub done: usize,
    pub failed: usize,
}

/// The OCR queue, and whether the engine is installed.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct OcrStatus {
    pub queued: usize,
    pub done: usize,
    pub failed: usize,
    /// An OCR job holds this archive (this process or another).
    pub running: bool,
    /// The engine's version when it is installed.
    pub engine: Option<String>,
    /// When it is not: what to install, Latvian / English.
    pub unavailable: Option<String>,
}

/// Which image of a page the OCR engine read.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, strum::Display)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum OcrImage {
    /// The page's own scan image, taken from the PDF.
    Embedded,
    /// The page as drawn by pdftoppm.
    Rendered,
}

/// What happened to one page in an OCR job.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OcrPageOutcome {
    pub id: i64,
    pub file_name: String,
    pub page: i64,
    pub confidence: Option<f32>,
    pub image: Option<OcrImage>,
    pub seconds: f64,
    pub error_code: Option<String>,
    /// Latvian / English.
    pub error: Option<String>,
}

/// The result of an OCR job.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct OcrSummary {
    pub recognized: usize,
    pub failed: Vec<OcrPageOutcome>,
    pub seconds: f64,
}

impl OcrSummary {
    /// Pages the job took from the queue (recognised or failed).
    pub fn pages(&self) -> usize {
        self.recognized + self.failed.len()
    }

    /// Adds a later pass's pages and time to this summary.
    pub(crate) fn absorb(&mut self, later: OcrSummary) {
        self.recognized += later.recognized;
        self.failed.extend(later.failed);
        self.seconds += later.seconds;
    }
}
