//! What the app holds between commands: the open archive (or why it could not be opened)
//! and where its background jobs stand (the first-run sample load, an index rebuild, OCR).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use ogp_archive::Archive;
use serde::Serialize;

use crate::error::{CmdResult, UiError};
use crate::options::Options;

/// Where the first-run load of the sample documents stands.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SamplesStatus {
    pub loading: bool,
    pub done: usize,
    pub total: usize,
    /// Documents added when the load finished.
    pub added: Option<usize>,
    pub error: Option<UiError>,
}

/// Where the rebuild of the search index stands (after an upgrade changed its layout, or
/// when it was lost; see `Archive::open_deferring_index`).
#[derive(Clone, Debug, Default, Serialize)]
pub struct IndexStatus {
    pub running: bool,
    pub done: usize,
    pub total: usize,
    pub error: Option<UiError>,
}

/// What the app holds: the open archive (or why it could not be opened).
pub struct AppState {
    pub(crate) archive: Result<Arc<Archive>, UiError>,
    pub(crate) dir: PathBuf,
    pub(crate) export_dir: Option<PathBuf>,
    pub(crate) samples: Arc<Mutex<SamplesStatus>>,
    pub(crate) index: Arc<Mutex<IndexStatus>>,
    pub(crate) ocr: Arc<Mutex<OcrRun>>,
}

/// The background OCR job of this window.
#[derive(Clone, Debug, Default)]
pub(crate) struct OcrRun {
    pub(crate) running: bool,
    pub(crate) done: usize,
    pub(crate) total: usize,
    pub(crate) current: String,
    /// The document whose page was last recognised (the UI refreshes it if it is open).
    pub(crate) last_doc: Option<i64>,
    pub(crate) error: Option<UiError>,
}

/// The OCR queue as the UI shows it: counts over the archive, the running job's progress, and
/// whether the engine is installed (with what to install when not).
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OcrView {
    pub(crate) queued: usize,
    pub(crate) recognised: usize,
    pub(crate) failed: usize,
    pub(crate) running: bool,
    pub(crate) run_done: usize,
    pub(crate) run_total: usize,
    pub(crate) current: String,
    pub(crate) last_doc: Option<i64>,
    pub(crate) engine: Option<String>,
    /// Set when the engine is missing.
    pub(crate) unavailable: Option<UiError>,
    pub(crate) error: Option<UiError>,
}

impl AppState {
    pub fn open(options: &Options) -> AppState {
        let dir = options.archive_dir();
        AppState {
            // A large index rebuild runs after the window is up, with its progress shown.
            archive: Archive::open_deferring_index(&dir)
                .map(Arc::new)
                .map_err(UiError::from),
            dir,
            export_dir: options.export_dir.clone(),
            samples: Arc::default(),
            index: Arc::default(),
            ocr: Arc::default(),
        }
    }

    pub(crate) fn archive(&self) -> CmdResult<Arc<Archive>> {
        self.archive.clone()
    }
}
