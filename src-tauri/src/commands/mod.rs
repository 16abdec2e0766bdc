//! The Tauri commands, by area: [`documents`] (lists, search, reading, corrections, trash),
//! [`cycles`] (cycles and sessions), [`records`] (meetings, decisions, commitments, people),
//! [`tasks`] (ingest, export, OCR, opening originals) and [`related`] (similar documents).
//! Each is a few lines over [`ogp_archive::Archive`]; names, arguments and JSON are the
//! contract with `ui/`.

pub mod cycles;
pub mod documents;
pub mod records;
pub mod related;
pub mod tasks;

use serde::Serialize;
use tauri::State;

use crate::error::UiError;
use crate::state::{AppState, IndexStatus, SamplesStatus};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    archive_dir: String,
    /// Set when the archive could not be opened.
    error: Option<UiError>,
    samples: SamplesStatus,
    index: IndexStatus,
    /// Exports go here without a dialog (test seam); normally absent.
    export_dir: Option<String>,
    version: &'static str,
    /// Set when the archive is open read-only (read-only mount, full disk): why, in words.
    read_only: Option<String>,
}

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    AppStatus {
        archive_dir: state.dir.display().to_string(),
        error: state.archive.as_ref().err().cloned(),
        index: state
            .index
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone(),
        samples: state
            .samples
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone(),
        export_dir: state.export_dir.as_ref().map(|d| d.display().to_string()),
        version: env!("CARGO_PKG_VERSION"),
        read_only: state
            .archive
            .as_ref()
            .ok()
            .and_then(|a| a.read_only().map(String::from)),
    }
}
