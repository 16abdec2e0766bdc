//! Background jobs of the window: the first-run sample load, an index rebuild left by
//! opening, and the OCR queue. Each runs on its own thread and reports through an event
//! (`samples`, `index`, `ocr`) that the page also can ask for as a status.

use std::sync::atomic::AtomicBool;
use std::sync::Mutex;

use ogp_archive::{ocr, Archive, Filter, Outcome};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::error::{CmdResult, UiError};
use crate::state::{AppState, IndexStatus, OcrRun, OcrView, SamplesStatus};

/// The OCR queue as the UI shows it, from the archive's counts and this window's job.
pub(crate) fn ocr_view(
    archive: &Archive,
    run: &OcrRun,
    engine: Option<&Result<ocr::Engine, UiError>>,
) -> OcrView {
    let counts = archive.ocr_counts().unwrap_or_default();
    let mut v = OcrView {
        queued: counts.queued,
        recognised: counts.done,
        failed: counts.failed,
        running: run.running,
        run_done: run.done,
        run_total: run.total,
        current: run.current.clone(),
        last_doc: run.last_doc,
        error: run.error.clone(),
        ..Default::default()
    };
    match engine {
        Some(Ok(e)) => v.engine = Some(e.version.clone()),
        Some(Err(e)) => v.unavailable = Some(e.clone()),
        None => {}
    }
    v
}

/// Starts the background OCR job unless it runs already: it recognises every queued page,
/// one Tesseract per core, and emits an `ocr` event after each page and at the end. Pages
/// queued while it runs (a new ingest) are taken before it stops. Without the engine it emits
/// the status once (the UI says what to install) and stops.
pub(crate) fn start_ocr<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let Ok(archive) = state.archive() else { return };
    let run = state.ocr.clone();
    {
        let mut r = run.lock().unwrap_or_else(|e| e.into_inner());
        if r.running || archive.ocr_counts().map_or(0, |c| c.queued) == 0 {
            return;
        }
        *r = OcrRun {
            running: true,
            ..Default::default()
        };
    }
    let app = app.clone();
    std::thread::spawn(move || {
        let emit = |engine: Option<&Result<ocr::Engine, UiError>>| {
            let snapshot = run.lock().unwrap_or_else(|e| e.into_inner()).clone();
            let _ = app.emit("ocr", ocr_view(&archive, &snapshot, engine));
        };
        let engine = ocr::Engine::detect().map_err(UiError::from);
        if let Ok(e) = &engine {
            let result = archive.run_ocr_queue(
                e,
                None,
                &mut |p, outcome| {
                    {
                        let mut r = run.lock().unwrap_or_else(|e| e.into_inner());
                        r.done = p.done;
                        r.total = p.total;
                        r.current = p.current.clone();
                        if let Some(o) = outcome {
                            r.last_doc = Some(o.id);
                        }
                    }
                    emit(None);
                },
                &AtomicBool::new(false),
            );
            if let Err(err) = result {
                run.lock().unwrap_or_else(|e| e.into_inner()).error = Some(err.into());
            }
        }
        run.lock().unwrap_or_else(|e| e.into_inner()).running = false;
        emit(Some(&engine));
    });
}

/// Runs blocking work (an ingest, an export) off the async runtime's threads.
pub(crate) async fn run_blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| UiError::new("internal", "iekšēja kļūda", &e.to_string()))
}

/// Changes a status the page can also ask for, and sends its new state as `event`.
fn update_status<R: Runtime, T: Clone + Serialize>(
    app: &AppHandle<R>,
    event: &str,
    status: &Mutex<T>,
    change: impl FnOnce(&mut T),
) {
    let snapshot = {
        let mut s = status.lock().unwrap_or_else(|e| e.into_inner());
        change(&mut s);
        s.clone()
    };
    let _ = app.emit(event, snapshot);
}

/// Rebuilds the search index in the background when opening left that to do, reporting
/// `index` events (the page shows them in its task panel); OCR starts when it is done.
pub(crate) fn catch_up_index<R: Runtime>(app: &AppHandle<R>) -> bool {
    let state = app.state::<AppState>();
    let Ok(archive) = state.archive() else {
        return false;
    };
    let total = match archive.index_backlog() {
        Ok(n) if n > 0 && archive.read_only().is_none() => n,
        _ => return false,
    };
    let status = state.index.clone();
    *status.lock().unwrap_or_else(|e| e.into_inner()) = IndexStatus {
        running: true,
        total,
        ..Default::default()
    };
    let app = app.clone();
    std::thread::spawn(move || {
        let result = archive.catch_up_index(&mut |p| {
            update_status(&app, "index", &status, |s| {
                s.done = p.done;
                s.total = p.total;
            })
        });
        update_status(&app, "index", &status, |s| {
            s.running = false;
            if let Err(e) = result {
                s.error = Some(e.into());
            }
        });
        start_ocr(&app);
    });
    true
}

/// First run: fills an empty archive from the bundled sample documents on a worker thread.
/// Progress (documents catalogued of the samples' total) goes out as `samples` events.
pub(crate) fn load_samples<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let Ok(archive) = state.archive() else { return };
    let is_empty = archive.list(&Filter::default()).is_ok_and(|d| d.is_empty())
        && archive.trash().is_ok_and(|d| d.is_empty());
    if !is_empty {
        return;
    }
    let samples_dir = ogp_archive::bundled_samples_dir();
    let total = Archive::collect_files(std::slice::from_ref(&samples_dir)).len();
    if total == 0 {
        return;
    }
    let status = state.samples.clone();
    *status.lock().unwrap_or_else(|e| e.into_inner()) = SamplesStatus {
        loading: true,
        total,
        ..Default::default()
    };
    let app = app.clone();
    std::thread::spawn(move || {
        let result = archive.load_samples_if_new_with(&samples_dir, &mut |p, outcome| {
            if outcome.is_some() {
                update_status(&app, "samples", &status, |s| s.done = p.done.min(s.total));
            }
        });
        update_status(&app, "samples", &status, |s| {
            s.loading = false;
            match result {
                Ok(out) => {
                    let added = out
                        .map(|o| o.iter().filter(|o| o.outcome == Outcome::Added).count())
                        .unwrap_or(0);
                    s.added = Some(added);
                    s.done = s.total;
                }
                Err(e) => s.error = Some(e.into()),
            }
        });
        start_ocr(&app);
    });
}
