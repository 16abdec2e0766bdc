//! The desktop shell of OGP Archive: Tauri commands over [`ogp_archive::Archive`], the
//! `ogpdoc:` protocol that serves stored PDFs to the viewer, and window setup.
//!
//! Every command is a few lines over the library. Errors reach the UI as [`UiError`]
//! (`{code, message, lv, en}`); long work (ingest, export, the first-run sample load, OCR) runs
//! off the main thread and reports progress over a [`Channel`] or an event.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use ogp_archive::{
    ocr, Archive, Cycle, DocumentInfo, DocumentRow, Error, ExportSummary, Facets, Filter,
    IngestOutcome, Kind, Lang, Patch, Progress, SearchHit, Session,
};
use serde::{Deserialize, Deserializer, Serialize};
use tauri::http::{header, Request, Response, StatusCode};
use tauri::ipc::Channel;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

/// An error as the UI sees it: a stable code and the message in both languages.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct UiError {
    pub code: String,
    /// "Latvian / English", as the library words it.
    pub message: String,
    pub lv: String,
    pub en: String,
}

impl From<Error> for UiError {
    fn from(e: Error) -> Self {
        let en = e.to_string();
        let message = e.user_message();
        let lv = message
            .strip_suffix(&format!(" / {en}"))
            .unwrap_or(&message)
            .to_string();
        UiError {
            code: e.code().into(),
            message,
            lv,
            en,
        }
    }
}

impl UiError {
    fn new(code: &str, lv: &str, en: &str) -> Self {
        UiError {
            code: code.into(),
            message: format!("{lv} / {en}"),
            lv: lv.into(),
            en: en.into(),
        }
    }
}

pub type CmdResult<T> = Result<T, UiError>;

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

/// Command-line options: `--archive DIR` (else `$OGP_ARCHIVE_DIR` or the platform data
/// folder) and `--export-dir DIR` (else `$OGP_EXPORT_DIR`): when set, exports go there without
/// a save dialog (used by the end-to-end tests, which cannot drive native dialogs).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    pub archive: Option<PathBuf>,
    pub export_dir: Option<PathBuf>,
}

impl Options {
    pub fn parse(args: impl IntoIterator<Item = String>) -> Options {
        let mut o = Options::default();
        let mut it = args.into_iter();
        while let Some(a) = it.next() {
            let (key, inline) = match a.split_once('=') {
                Some((k, v)) => (k.to_string(), Some(v.to_string())),
                None => (a.clone(), None),
            };
            let slot = match key.as_str() {
                "--archive" => &mut o.archive,
                "--export-dir" => &mut o.export_dir,
                _ => continue,
            };
            if let Some(v) = inline.or_else(|| it.next()).filter(|v| !v.is_empty()) {
                *slot = Some(PathBuf::from(v));
            }
        }
        if o.export_dir.is_none() {
            o.export_dir = std::env::var_os("OGP_EXPORT_DIR")
                .filter(|d| !d.is_empty())
                .map(PathBuf::from);
        }
        o
    }
}

/// What the app holds: the open archive (or why it could not be opened).
pub struct AppState {
    archive: Result<Arc<Archive>, UiError>,
    dir: PathBuf,
    export_dir: Option<PathBuf>,
    samples: Arc<Mutex<SamplesStatus>>,
    index: Arc<Mutex<IndexStatus>>,
    ocr: Arc<Mutex<OcrRun>>,
}

/// The background OCR job of this window.
#[derive(Clone, Debug, Default)]
struct OcrRun {
    running: bool,
    done: usize,
    total: usize,
    current: String,
    /// The document whose page was last recognised (the UI refreshes it if it is open).
    last_doc: Option<i64>,
    error: Option<UiError>,
}

/// The OCR queue as the UI shows it: counts over the archive, the running job's progress, and
/// whether the engine is installed (with what to install when not).
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OcrView {
    queued: usize,
    recognised: usize,
    failed: usize,
    running: bool,
    run_done: usize,
    run_total: usize,
    current: String,
    last_doc: Option<i64>,
    engine: Option<String>,
    /// Set when the engine is missing.
    unavailable: Option<UiError>,
    error: Option<UiError>,
}

impl AppState {
    pub fn open(options: &Options) -> AppState {
        let dir = options.archive.clone().unwrap_or_else(Archive::default_dir);
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

    fn archive(&self) -> CmdResult<Arc<Archive>> {
        self.archive.clone()
    }
}

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
fn app_status(state: State<'_, AppState>) -> AppStatus {
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

#[tauri::command(async)]
fn list_cycles(state: State<'_, AppState>) -> CmdResult<Vec<Cycle>> {
    Ok(state.archive()?.cycles()?)
}

#[tauri::command(async)]
fn list_sessions(state: State<'_, AppState>, cycle: Option<i64>) -> CmdResult<Vec<Session>> {
    Ok(state.archive()?.sessions(cycle)?)
}

#[tauri::command(async)]
fn list_documents(
    state: State<'_, AppState>,
    filter: Option<Filter>,
) -> CmdResult<Vec<DocumentRow>> {
    let docs = state.archive()?.list(&filter.unwrap_or_default())?;
    Ok(docs.into_iter().map(DocumentRow::from).collect())
}

#[tauri::command(async)]
fn list_trash(state: State<'_, AppState>) -> CmdResult<Vec<DocumentRow>> {
    Ok(state
        .archive()?
        .trash()?
        .into_iter()
        .map(DocumentRow::from)
        .collect())
}

#[tauri::command(async)]
fn search(
    state: State<'_, AppState>,
    query: String,
    filter: Option<Filter>,
    limit: Option<usize>,
) -> CmdResult<Vec<SearchHit>> {
    let filter = filter.unwrap_or_default();
    Ok(state
        .archive()?
        .search(&query, &filter, limit.unwrap_or(100))?)
}

#[tauri::command(async)]
fn facets(state: State<'_, AppState>, query: String) -> CmdResult<Facets> {
    Ok(state.archive()?.facets(&query)?)
}

#[tauri::command(async)]
fn get_document(state: State<'_, AppState>, id: i64) -> CmdResult<DocumentInfo> {
    Ok(state.archive()?.get(id)?)
}

#[derive(Serialize)]
pub struct PageText {
    page: i64,
    status: String,
    text: String,
}

#[tauri::command(async)]
fn document_pages(state: State<'_, AppState>, id: i64) -> CmdResult<Vec<PageText>> {
    let pages = state.archive()?.pages(id)?;
    Ok(pages
        .into_iter()
        .map(|(page, status, text)| PageText { page, status, text })
        .collect())
}

/// A recognised page's words with their boxes (empty for pages that were not OCR'd).
#[tauri::command(async)]
fn page_words(state: State<'_, AppState>, id: i64, page: i64) -> CmdResult<Vec<ocr::Word>> {
    Ok(state.archive()?.page_words(id, page)?)
}

/// `null` in JSON is "clear", a missing key is "leave alone".
fn clearable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A correction from the UI. Unlike [`Patch`]'s own serde form, `"cycle": null` clears.
#[derive(Debug, Default, Deserialize)]
pub struct PatchInput {
    title: Option<String>,
    kind: Option<Kind>,
    #[serde(default, deserialize_with = "clearable")]
    cycle: Option<Option<i64>>,
    #[serde(default, deserialize_with = "clearable")]
    session: Option<Option<NaiveDate>>,
    lang: Option<Lang>,
    #[serde(default, deserialize_with = "clearable")]
    date: Option<Option<NaiveDate>>,
}

impl From<PatchInput> for Patch {
    fn from(p: PatchInput) -> Patch {
        Patch {
            title: p.title,
            kind: p.kind,
            cycle: p.cycle,
            session: p.session,
            lang: p.lang,
            date: p.date,
        }
    }
}

#[tauri::command(async)]
fn set_documents(state: State<'_, AppState>, ids: Vec<i64>, patch: PatchInput) -> CmdResult<()> {
    Ok(state.archive()?.set(&ids, &patch.into())?)
}

#[tauri::command(async)]
fn trash_documents(state: State<'_, AppState>, ids: Vec<i64>) -> CmdResult<()> {
    Ok(state.archive()?.remove(&ids)?)
}

#[tauri::command(async)]
fn restore_documents(state: State<'_, AppState>, ids: Vec<i64>) -> CmdResult<()> {
    Ok(state.archive()?.restore(&ids)?)
}

#[tauri::command(async)]
fn empty_trash(state: State<'_, AppState>) -> CmdResult<usize> {
    Ok(state.archive()?.empty_trash()?)
}

/// Adds a cycle, or changes the years and title of an existing one (rename).
#[tauri::command(async)]
fn save_cycle(
    state: State<'_, AppState>,
    number: i64,
    start_year: i32,
    end_year: i32,
    title: String,
) -> CmdResult<()> {
    Ok(state
        .archive()?
        .add_cycle(number, start_year, end_year, title.trim())?)
}

#[tauri::command(async)]
fn delete_cycle(state: State<'_, AppState>, number: i64) -> CmdResult<()> {
    Ok(state.archive()?.delete_cycle(number)?)
}

#[tauri::command(async)]
fn add_session(
    state: State<'_, AppState>,
    cycle: i64,
    date: NaiveDate,
    title: String,
) -> CmdResult<i64> {
    Ok(state.archive()?.add_session(cycle, date, title.trim())?)
}

#[tauri::command(async)]
fn rename_session(state: State<'_, AppState>, id: i64, title: String) -> CmdResult<()> {
    Ok(state.archive()?.rename_session(id, title.trim())?)
}

#[tauri::command(async)]
fn delete_session(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(state.archive()?.delete_session(id)?)
}

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
async fn ingest<R: Runtime>(
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

fn ocr_view(
    archive: &Archive,
    run: &OcrRun,
    engine: Option<&Result<ocr::Engine, UiError>>,
) -> OcrView {
    let (queued, recognised, failed) = archive.ocr_counts().unwrap_or_default();
    let mut v = OcrView {
        queued,
        recognised,
        failed,
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

/// The OCR queue, the job's progress and the engine's presence.
#[tauri::command(async)]
fn ocr_status(state: State<'_, AppState>) -> CmdResult<OcrView> {
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
fn start_ocr_job<R: Runtime>(
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

/// Starts the background OCR job unless it runs already: it recognises every queued page,
/// one Tesseract per core, and emits an `ocr` event after each page and at the end. Pages
/// queued while it runs (a new ingest) are taken before it stops. Without the engine it emits
/// the status once (the UI says what to install) and stops.
fn start_ocr<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let Ok(archive) = state.archive() else { return };
    let run = state.ocr.clone();
    {
        let mut r = run.lock().unwrap_or_else(|e| e.into_inner());
        if r.running || archive.ocr_counts().map(|c| c.0).unwrap_or(0) == 0 {
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
            let cancel = AtomicBool::new(false);
            loop {
                if archive.ocr_counts().map(|c| c.0).unwrap_or(0) == 0 {
                    break;
                }
                let result = archive.run_ocr(
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
                    &cancel,
                );
                match result {
                    Ok(s) if s.recognized + s.failed.len() > 0 => continue,
                    Ok(_) => break,
                    Err(err) => {
                        run.lock().unwrap_or_else(|e| e.into_inner()).error = Some(err.into());
                        break;
                    }
                }
            }
        }
        run.lock().unwrap_or_else(|e| e.into_inner()).running = false;
        emit(Some(&engine));
    });
}

/// Writes a cycle's bundle to `path` on a worker thread, with progress.
#[tauri::command]
async fn export_cycle(
    state: State<'_, AppState>,
    cycle: i64,
    path: PathBuf,
    on_progress: Channel<Progress>,
) -> CmdResult<ExportSummary> {
    let archive = state.archive()?;
    let work = move || {
        archive.export_cycle(cycle, &path, &mut |p| {
            let _ = on_progress.send(p.clone());
        })
    };
    Ok(run_blocking(work).await??)
}

async fn run_blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| UiError::new("internal", "iekšēja kļūda", &e.to_string()))
}

/// Opens the stored original in the system's PDF viewer. A copy under the original file name
/// goes to the temp folder first, so the viewer shows a meaningful name (and the store stays
/// untouched).
#[tauri::command(async)]
fn open_original(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
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

fn open_with_system(path: &Path) -> CmdResult<()> {
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

/// The document id of an `ogpdoc:` URL path (`/<id>`); anything else is refused.
fn document_id(path: &str) -> Option<i64> {
    let id = path.strip_prefix('/').unwrap_or(path);
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    id.parse().ok().filter(|id| *id > 0)
}

/// Serves `ogpdoc://localhost/<id>`: the stored PDF of document `<id>`, nothing else. The id
/// is resolved through the catalog; no path from the web view ever reaches the file system.
fn serve_document<R: Runtime>(app: &AppHandle<R>, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    let reply = |status: StatusCode, body: &str| {
        Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
            .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .body(body.as_bytes().to_vec())
            .expect("static response")
    };
    let Some(id) = document_id(request.uri().path()) else {
        return reply(StatusCode::NOT_FOUND, "no such document");
    };
    let state = app.state::<AppState>();
    let bytes = state
        .archive()
        .ok()
        .and_then(|a| a.stored_path(id).ok())
        .and_then(|p| std::fs::read(p).ok());
    match bytes {
        Some(b) => Response::builder()
            .header(header::CONTENT_TYPE, "application/pdf")
            .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .header(header::CACHE_CONTROL, "no-store")
            .body(b)
            .expect("pdf response"),
        None => reply(StatusCode::NOT_FOUND, "no such document"),
    }
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
fn catch_up_index<R: Runtime>(app: &AppHandle<R>) -> bool {
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
fn load_samples<R: Runtime>(app: &AppHandle<R>) {
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
                        .map(|o| o.iter().filter(|o| o.outcome == "added").count())
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

/// Adds the plugins, commands, protocol and first-run work to a builder (also used by tests
/// with the mock runtime).
pub fn setup<R: Runtime>(builder: tauri::Builder<R>, options: Options) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::open(&options))
        .register_asynchronous_uri_scheme_protocol("ogpdoc", |ctx, request, responder| {
            let app = ctx.app_handle().clone();
            std::thread::spawn(move || responder.respond(serve_document(&app, &request)));
        })
        .invoke_handler(tauri::generate_handler![
            app_status,
            list_cycles,
            list_sessions,
            list_documents,
            list_trash,
            search,
            facets,
            get_document,
            document_pages,
            set_documents,
            trash_documents,
            restore_documents,
            empty_trash,
            save_cycle,
            delete_cycle,
            add_session,
            rename_session,
            delete_session,
            ingest,
            export_cycle,
            open_original,
            ocr_status,
            start_ocr_job,
            page_words,
        ])
        .setup(|app| {
            load_samples(app.handle());
            // Pages left in the queue by an earlier run (the queue lives in the catalog);
            // after an index rebuild, when there is one.
            if !catch_up_index(app.handle()) {
                start_ocr(app.handle());
            }
            Ok(())
        })
}

pub fn run() {
    let options = Options::parse(std::env::args().skip(1));
    setup(tauri::Builder::default(), options)
        .run(tauri::generate_context!())
        .expect("error while running the OGP Archive app");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_from_args() {
        let o = Options::parse(args(&["--archive", "/tmp/a", "--export-dir=/tmp/e"]));
        assert_eq!(o.archive, Some(PathBuf::from("/tmp/a")));
        assert_eq!(o.export_dir, Some(PathBuf::from("/tmp/e")));
        let o = Options::parse(args(&["--archive=/x", "--unknown"]));
        assert_eq!(o.archive, Some(PathBuf::from("/x")));
    }

    #[test]
    fn ui_error_splits_languages() {
        let e: UiError = Error::NoSuchDocument(7).into();
        assert_eq!(e.code, "no-such-document");
        assert_eq!(e.lv, "nav dokumenta ar id 7");
        assert_eq!(e.en, "no document with id 7");
        assert_eq!(e.message, "nav dokumenta ar id 7 / no document with id 7");
    }

    #[test]
    fn csp_forbids_remote_and_inline_scripts() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).expect("tauri.conf.json");
        let csp = &conf["app"]["security"]["csp"];
        assert_eq!(csp["default-src"], "'self'");
        assert_eq!(csp["script-src"], "'self'");
        for (directive, value) in csp.as_object().expect("csp object") {
            let v = value.as_str().unwrap_or_default();
            assert!(
                !v.contains("https:") && !v.contains("http://*") && !v.contains('*'),
                "{directive}: {v}"
            );
            assert!(
                !v.contains("unsafe-inline") && !v.contains("unsafe-eval"),
                "{directive}: {v}"
            );
        }
        let caps: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json"))
                .expect("capabilities");
        let perms: Vec<&str> = caps["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(|p| p.as_str())
            .collect();
        assert!(
            perms
                .iter()
                .all(|p| !p.starts_with("fs:") && !p.starts_with("shell:")),
            "{perms:?}"
        );
    }

    #[test]
    fn protocol_accepts_only_document_ids() {
        assert_eq!(document_id("/12"), Some(12));
        assert_eq!(document_id("12"), Some(12));
        for bad in [
            "/",
            "",
            "/0",
            "/-1",
            "/../store",
            "/1/2",
            "/%2e%2e",
            "/1.pdf",
            "/+1",
        ] {
            assert_eq!(document_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn patch_null_clears_missing_leaves() {
        let p: Patch = serde_json::from_str::<PatchInput>(r#"{"cycle": null, "kind": "plan"}"#)
            .unwrap()
            .into();
        assert_eq!(p.cycle, Some(None));
        assert_eq!(p.session, None);
        assert_eq!(p.kind, Some(Kind::Plan));
        let p: Patch =
            serde_json::from_str::<PatchInput>(r#"{"cycle": 5, "session": "2023-03-21"}"#)
                .unwrap()
                .into();
        assert_eq!(p.cycle, Some(Some(5)));
        assert_eq!(p.session, Some(NaiveDate::from_ymd_opt(2023, 3, 21)));
    }
}
