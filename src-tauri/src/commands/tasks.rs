//! Commands that start work: ingest (streaming each file's outcome), export, the OCR queue,
//! and opening a stored original in the system viewer.

use std::path::{Path, PathBuf};

use ogp_archive::export::{bundle::BundleOptions, ExportFormat};
use ogp_archive::{ocr, Error, ExportSummary, IngestOutcome, Progress};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use crate::error::{CmdResult, UiError};
use crate::jobs::{ocr_view, run_blocking, start_ocr};
use crate::state::{AppState, OcrView};

/// What an ingest streams to the UI: `{type: "progress", done, total, current}` before each
/// batch of files and after each file, `{type: "outcome", outcome: {…}}` for each file.
#[derive(Clone, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum IngestEvent {
    Progress(Progress),
    Outcome { outcome: Box<IngestOutcome> },
}

/// Ingests dropped or picked files and folders on a worker thread, streaming progress and each
/// file's outcome; the window stays responsive. The same command serves drops and the dialogs.
/// Scanned pages it finds are recognised afterwards in the background.
#[tauri::command]
pub async fn ingest<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    paths: Vec<PathBuf>,
    on_event: Channel<IngestEvent>,
) -> CmdResult<Vec<IngestOutcome>> {
    let archive = state.archive()?;
    let work = move || {
        archive.ingest(&paths, &mut |p, outcome| {
            if let Some(o) = outcome {
                let _ = on_event.send(IngestEvent::Outcome {
                    outcome: Box::new(o.clone()),
                });
            }
            let _ = on_event.send(IngestEvent::Progress(p.clone()));
        })
    };
    let out = run_blocking(work).await??;
    start_ocr(&app);
    Ok(out)
}

/// The OCR queue, the job's progress and the engine's presence.
#[tauri::command(async)]
pub fn ocr_status(state: State<'_, AppState>) -> CmdResult<OcrView> {
    let archive = state.archive()?;
    let run = state.ocr.lock().unwrap_or_else(|e| e.into_inner()).clone();
    Ok(ocr_view(
        &archive,
        &run,
        Some(&ocr::Engine::detect().map_err(UiError::from)),
    ))
}

/// Queues pages for OCR again (these documents' flagged pages, or every failed page) and
/// starts the background job.
#[tauri::command(async)]
pub fn start_ocr_job<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    ids: Option<Vec<i64>>,
) -> CmdResult<OcrView> {
    let archive = state.archive()?;
    archive.queue_ocr(ids.as_deref())?;
    start_ocr(&app);
    let run = state.ocr.lock().unwrap_or_else(|e| e.into_inner()).clone();
    Ok(ocr_view(&archive, &run, None))
}

/// Writes a cycle's bundle to `path` on a worker thread, with progress: a BagIt bag unless
/// `format` is `plain` (the core's default, as `ogp-archive export`). `bytes` is the payload
/// of a bag, the whole zip of the plain form.
#[tauri::command]
pub async fn export_cycle(
    state: State<'_, AppState>,
    cycle: i64,
    path: PathBuf,
    format: Option<ExportFormat>,
    on_progress: Channel<Progress>,
) -> CmdResult<ExportSummary> {
    let archive = state.archive()?;
    let work = move || {
        let mut progress = |p: &Progress| {
            let _ = on_progress.send(p.clone());
        };
        match format.unwrap_or_default() {
            ExportFormat::Bagit => archive
                .export_bag(cycle, &path, &BundleOptions::default(), &mut progress)
                .map(|b| ExportSummary {
                    path: b.path,
                    files: b.files,
                    bytes: b.payload_bytes,
                }),
            ExportFormat::Plain => archive.export_cycle(cycle, &path, &mut progress),
        }
    };
    Ok(run_blocking(work).await??)
}

/// Opens the stored original in the system's PDF viewer. A copy under the original file name
/// goes to the temp folder first, so the viewer shows a meaningful name (and the store stays
/// untouched).
#[tauri::command(async)]
pub fn open_original(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    let archive = state.archive()?;
    let doc = archive.get(id)?;
    let stored = archive.stored_path(id)?;
    let dir = std::env::temp_dir()
        .join("ogp-archive-view")
        .join(id.to_string());
    let copy = dir.join(ogp_archive::export::safe_file_name(&doc.file_name));
    std::fs::create_dir_all(&dir)
        .and_then(|_| std::fs::copy(&stored, &copy))
        .map_err(|e| UiError::from(Error::io(&copy, e)))?;
    open_with_system(&copy)
}

pub fn open_with_system(path: &Path) -> CmdResult<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let mut child = std::process::Command::new(opener)
        .arg(path)
        .spawn()
        .map_err(|e| {
            UiError::new(
                "no-viewer",
                &format!("nevar atvērt sistēmas skatītāju ({opener}: {e})"),
                &format!("cannot start the system viewer ({opener}: {e})"),
            )
        })?;
    std::thread::spawn(move || child.wait());
    Ok(())
}
