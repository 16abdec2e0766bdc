//! The archive: one folder holding the file store, the SQLite catalog and the tantivy index,
//! and every operation the CLI and the desktop app offer on it.
//!
//! Consistency rule: the catalog row is the commit point of an ingest. A file is stored
//! (under a `pending` mark) before its row commits; the index is brought up to date after.
//! Opening the archive repairs whatever a killed process left: pending files whose row never
//! committed are removed, documents the index has not seen are indexed, index entries with no
//! catalog row are dropped, and temporary files are cleaned.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, NewDocument};
use crate::classify::{self, CycleRef, SessionRef, Source};
use crate::error::{Error, FileError, Result};
use crate::model::{
    Cycle, DocumentInfo, Facets, Filter, Kind, Lang, Patch, SearchHit, Session, Sources,
};
use crate::ocr;
use crate::pdf::{self, PageStatus};
use crate::search::{self, IndexDoc, SearchIndex};
use crate::store::{self, Store};

/// How long a writer waits for another process to finish writing before saying "busy".
const WRITE_WAIT: Duration = Duration::from_secs(20);
/// Files extracted in parallel before their results are committed in order...
const CHUNK: usize = 16;
/// ...and at most this many bytes of them, so that a folder of large scans is never held in
/// memory at once (a larger file goes alone).
const CHUNK_BYTES: u64 = 96 << 20;

/// The index is committed after this many new documents...
const INDEX_COMMIT_DOCS: usize = 2048;
/// ...or when this long has passed since its last commit, so searches see an ingest's progress.
const INDEX_COMMIT_EVERY: Duration = Duration::from_secs(3);

/// A file staged by an ingest: its outcome so far, and the row to commit (a new document) or
/// the hash of the file it duplicates earlier in the same chunk.
struct Staged {
    out: IngestOutcome,
    new: Option<NewDocument>,
    duplicate_of: Option<String>,
}

impl Staged {
    fn done(out: IngestOutcome) -> Staged {
        Staged {
            out,
            new: None,
            duplicate_of: None,
        }
    }
}

/// A duplicate's outcome shows the document already in the archive.
fn fill_from_document(out: &mut IngestOutcome, d: &DocumentInfo) {
    out.id = Some(d.id);
    out.title = Some(d.title.clone());
    out.kind = Some(d.kind);
    out.cycle = d.cycle;
    out.session = d.session;
    out.lang = Some(d.lang);
    out.status = Some(d.status.clone());
}

/// Splits files into chunks of at most [`CHUNK`] files and [`CHUNK_BYTES`] bytes.
fn chunks_by_size(files: &[PathBuf]) -> Vec<&[PathBuf]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, f) in files.iter().enumerate() {
        let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        if i > start && (i - start >= CHUNK || bytes + size > CHUNK_BYTES) {
            out.push(&files[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

pub struct Archive {
    dir: PathBuf,
    store: Store,
    catalog: Mutex<Catalog>,
    index: SearchIndex,
    limits: pdf::Limits,
    /// Serialises writers inside this process; the lock file serialises processes.
    write_mutex: Mutex<()>,
    /// Set when the archive could only be opened for reading (read-only mount, full disk):
    /// why, in words. Searching and reading work; every write says so.
    read_only: Option<String>,
}

/// Held while the archive is being written to.
pub struct WriteGuard<'a> {
    _inner: MutexGuard<'a, ()>,
    _file: File,
}

/// What happened to one input file.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct IngestOutcome {
    /// The path as given (or found in a folder).
    pub path: String,
    pub file_name: String,
    /// `added`, `duplicate` or `failed`.
    pub outcome: String,
    pub id: Option<i64>,
    pub title: Option<String>,
    pub kind: Option<Kind>,
    pub cycle: Option<i64>,
    pub session: Option<NaiveDate>,
    pub lang: Option<Lang>,
    /// `ok`, `no-text-layer`, `unreadable-text` for added files.
    pub status: Option<String>,
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
    fn new(path: &Path) -> Self {
        IngestOutcome {
            path: path.display().to_string(),
            file_name: file_name_of(path),
            outcome: String::new(),
            id: None,
            title: None,
            kind: None,
            cycle: None,
            session: None,
            lang: None,
            status: None,
            in_trash: false,
            error_code: None,
            error: None,
            unknown_session_date: None,
            note: None,
        }
    }

    pub fn is_failure(&self) -> bool {
        self.outcome == "failed"
    }
}

/// Progress of a long operation: `done` of `total`, and what is being worked on.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub current: String,
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

/// What happened to one page in an OCR job.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OcrPageOutcome {
    pub id: i64,
    pub file_name: String,
    pub page: i64,
    pub confidence: Option<f32>,
    /// `embedded` or `rendered`.
    pub image: Option<String>,
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

/// A rebuild of more documents than this is left to `catch_up_index` by
/// `open_deferring_index` (about a second of work).
const SYNC_REINDEX_MAX: usize = 300;

/// What opening the archive repaired.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Repairs {
    pub temp_files_removed: usize,
    pub interrupted_ingests_removed: usize,
    pub reindexed: usize,
    pub stale_index_entries_removed: usize,
    /// Documents left for `catch_up_index` (a deferred rebuild).
    pub index_deferred: usize,
}

fn file_name_of(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| p.display().to_string())
}

/// Everything worked out about a file before it touches the archive (runs in parallel).
struct Prepared {
    path: PathBuf,
    bytes: Vec<u8>,
    sha256: String,
    result: std::result::Result<(pdf::Document, classify::Classification), FileError>,
}

thread_local! {
    static QUIET_PANICS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs (once) a panic hook that stays silent for panics caught while reading a file:
/// those become a "damaged PDF" outcome for that file, not a message on the terminal.
fn install_quiet_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET_PANICS.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
}

/// Extracts a PDF; a panic inside the reader becomes a "damaged" error for this file.
pub fn extract_guarded(
    bytes: &[u8],
    limits: &pdf::Limits,
) -> std::result::Result<pdf::Document, FileError> {
    install_quiet_hook();
    QUIET_PANICS.with(|q| q.set(true));
    let r = catch_unwind(AssertUnwindSafe(|| pdf::extract(bytes, limits)));
    QUIET_PANICS.with(|q| q.set(false));
    match r {
        Ok(Ok(doc)) => Ok(doc),
        Ok(Err(e)) => Err(e.into()),
        Err(_) => Err(FileError::Damaged(
            "the PDF reader could not parse it".into(),
        )),
    }
}

fn doc_status(pages: &[pdf::Page]) -> &'static str {
    if pages.iter().any(|p| p.status == PageStatus::UnreadableText) {
        "unreadable-text"
    } else if pages.iter().any(|p| p.status == PageStatus::NoTextLayer) {
        "no-text-layer"
    } else {
        "ok"
    }
}

fn source_str(s: Source) -> &'static str {
    match s {
        Source::FileName => "file_name",
        Source::Text => "text",
        Source::PdfTitle => "pdf_title",
        Source::Default => "default",
    }
}

impl Archive {
    /// The archive folder used when none is given: `$OGP_ARCHIVE_DIR`, else the platform data
    /// directory (`~/.local/share/ogp-archive` on Linux).
    pub fn default_dir() -> PathBuf {
        if let Some(d) = std::env::var_os("OGP_ARCHIVE_DIR").filter(|d| !d.is_empty()) {
            return PathBuf::from(d);
        }
        directories::ProjectDirs::from("", "", "ogp-archive")
            .map(|p| p.data_dir().to_path_buf())
            .unwrap_or_else(|| PathBuf::from("ogp-archive"))
    }

    /// Opens (creating if needed) the archive in `dir` and repairs what an interrupted
    /// process left behind.
    ///
    /// An archive that cannot be written — on a read-only mount or medium, without write
    /// permission, or on a full disk — opens read-only when its parts are all there: it can be
    /// searched and read, and every change is refused with [`Error::ReadOnly`].
    pub fn open(dir: &Path) -> Result<Archive> {
        Self::open_with(dir, None)
    }

    /// Like [`Archive::open`], but when the whole search index must be rebuilt (a new
    /// version changed its layout, or it was lost) and that is more than a moment's work,
    /// the rebuild is left to [`Archive::catch_up_index`]: a large archive opens at once, and
    /// the rebuild can show its progress (10,000 documents take about half a minute).
    /// Meanwhile searches see the documents indexed so far; [`Archive::index_backlog`] says
    /// how many are missing.
    pub fn open_deferring_index(dir: &Path) -> Result<Archive> {
        // The limit can be lowered (end-to-end tests, whose archives are small) with
        // OGP_DEFER_INDEX_ABOVE.
        let max = std::env::var("OGP_DEFER_INDEX_ABOVE")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(SYNC_REINDEX_MAX);
        Self::open_with(dir, Some(max))
    }

    /// `defer_above`: a rebuild of more documents than this is left to `catch_up_index`.
    fn open_with(dir: &Path, defer_above: Option<usize>) -> Result<Archive> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        if let Err(e) = tempfile::tempfile_in(dir) {
            if matches!(
                e.kind(),
                std::io::ErrorKind::ReadOnlyFilesystem
                    | std::io::ErrorKind::PermissionDenied
                    | std::io::ErrorKind::StorageFull
            ) {
                return Self::open_read_only(dir, Error::io(dir, e));
            }
        }
        match Self::open_writable(dir, defer_above) {
            Err(e)
                if e.is_disk_full()
                    || store::fs_space(dir).is_some_and(|(free, _)| free < 1 << 20) =>
            {
                let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
                match Self::open_read_only(dir, Error::io(dir, full)) {
                    Ok(a) => Ok(a),
                    Err(_) => Err(e),
                }
            }
            other => other,
        }
    }

    /// Opens the catalogue and the index without writing anything; `why` is returned when
    /// that is not possible either (a new archive, or one that needs upgrading).
    fn open_read_only(dir: &Path, why: Error) -> Result<Archive> {
        let (Ok(catalog), Ok(index)) = (
            Catalog::open_read_only(&dir.join("catalog.sqlite3")),
            SearchIndex::open_read_only(&dir.join("index")),
        ) else {
            return Err(why);
        };
        tracing::warn!("archive opened read-only: {}", why.user_message());
        Ok(Archive {
            dir: dir.to_path_buf(),
            store: Store::open_read_only(&dir.join("store")),
            catalog: Mutex::new(catalog),
            index,
            limits: pdf::Limits::default(),
            write_mutex: Mutex::new(()),
            read_only: Some(why.user_message()),
        })
    }

    /// Why the archive is open read-only, if it is.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    fn open_writable(dir: &Path, defer_above: Option<usize>) -> Result<Archive> {
        let store = Store::open(&dir.join("store"))?;
        let catalog = Catalog::open(&dir.join("catalog.sqlite3"))?;
        let (index, created) = SearchIndex::open(&dir.join("index"))?;
        let archive = Archive {
            dir: dir.to_path_buf(),
            store,
            catalog: Mutex::new(catalog),
            index,
            limits: pdf::Limits::default(),
            write_mutex: Mutex::new(()),
            read_only: None,
        };
        archive.repair(created, defer_above)?;
        Ok(archive)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn cat(&self) -> MutexGuard<'_, Catalog> {
        self.catalog.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the archive's write lock, waiting a while for another process to finish.
    pub fn write_lock(&self) -> Result<WriteGuard<'_>> {
        if let Some(why) = &self.read_only {
            return Err(Error::ReadOnly(why.clone()));
        }
        let inner = self.write_mutex.lock().unwrap_or_else(|e| e.into_inner());
        let path = self.dir.join("write.lock");
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        let start = Instant::now();
        // How long to wait can be shortened (tests, scripts) with OGP_WRITE_WAIT_MS.
        let wait = std::env::var("OGP_WRITE_WAIT_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map(Duration::from_millis)
            .unwrap_or(WRITE_WAIT);
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::WouldBlock) => return Err(Error::Busy),
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
        }
        Ok(WriteGuard {
            _inner: inner,
            _file: file,
        })
    }

    fn repair(&self, index_created: bool, defer_above: Option<usize>) -> Result<Repairs> {
        let mut r = Repairs::default();
        // Another process is writing: it owns repairs; we read the last committed state.
        let Ok(file) = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join("write.lock"))
        else {
            return Ok(r);
        };
        if file.try_lock().is_err() {
            return Ok(r);
        }
        r.temp_files_removed = self.store.clean_tmp();
        {
            let cat = self.cat();
            for sha in cat.stale_pending()? {
                self.store.remove(&sha)?;
                r.interrupted_ingests_removed += 1;
            }
            cat.clear_pending()?;
        }
        let mut todo: Vec<i64> = if index_created {
            self.cat()
                .all_hashes()?
                .into_iter()
                .map(|(id, _, _)| id)
                .collect()
        } else {
            self.cat().unindexed()?
        };
        let active = self.cat().active_count()?;
        if !index_created && self.index.document_count()? != active as u64 {
            let in_index = self.index.indexed_ids()?;
            let catalog: HashMap<i64, bool> = self
                .cat()
                .all_hashes()?
                .into_iter()
                .map(|(id, _, trashed)| (id, trashed))
                .collect();
            for id in &in_index {
                if catalog.get(id) != Some(&false) {
                    todo.push(*id);
                    r.stale_index_entries_removed += 1;
                }
            }
            for (id, trashed) in &catalog {
                if !trashed && !in_index.contains(id) {
                    todo.push(*id);
                }
            }
        }
        todo.sort_unstable();
        todo.dedup();
        if defer_above.is_some_and(|max| todo.len() > max) {
            // The documents wait for `catch_up_index`, flagged so that a kill before it
            // ends resumes it (and the next open defers them again); stale entries and
            // trashed documents (nothing to add) are settled now.
            let active: HashSet<i64> = self
                .cat()
                .all_hashes()?
                .into_iter()
                .filter(|(_, _, trashed)| !trashed)
                .map(|(id, _, _)| id)
                .collect();
            let (later, now): (Vec<i64>, Vec<i64>) =
                todo.into_iter().partition(|id| active.contains(id));
            self.cat().set_indexed(&later, false)?;
            if !now.is_empty() {
                r.reindexed = self.reindex_unlocked(&now)?;
            }
            r.index_deferred = later.len();
        } else if !todo.is_empty() {
            r.reindexed = self.reindex_unlocked(&todo)?;
        }
        drop(file);
        Ok(r)
    }

    /// Documents the search index still lacks (see [`Archive::open_deferring_index`]).
    pub fn index_backlog(&self) -> Result<usize> {
        Ok(self.cat().unindexed()?.len())
    }

    /// Adds the documents the search index lacks, a batch at a time under the write lock (an
    /// ingest or OCR waiting for it gets its turn between batches), committing each batch.
    /// Returns how many were indexed.
    pub fn catch_up_index(&self, progress: &mut dyn FnMut(&Progress)) -> Result<usize> {
        const BATCH: usize = 500;
        let total = self.index_backlog()?;
        let mut done = 0;
        loop {
            // An ingest holding the lock longer than `write_lock` waits: wait for its end.
            let _g = match self.write_lock() {
                Ok(g) => g,
                Err(Error::Busy) => {
                    std::thread::sleep(Duration::from_secs(1));
                    continue;
                }
                Err(e) => return Err(e),
            };
            let batch: Vec<i64> = self.cat().unindexed()?.into_iter().take(BATCH).collect();
            if batch.is_empty() {
                break;
            }
            self.reindex_unlocked(&batch)?;
            done += batch.len();
            progress(&Progress {
                done,
                total: total.max(done),
                current: String::new(),
            });
        }
        Ok(done)
    }

    /// Brings the index entries of these documents in line with the catalog.
    fn reindex_unlocked(&self, ids: &[i64]) -> Result<usize> {
        let mut writer = self.index.writer()?;
        let mut n = 0;
        for &id in ids {
            self.index.delete(&writer, id);
            if self.add_to_index(&writer, id)? {
                n += 1;
            }
        }
        writer.commit()?;
        self.cat().set_indexed(ids, true)?;
        self.index.reload()?;
        Ok(n)
    }

    /// Adds a catalogued, non-trashed document to the index. False if there was nothing to add.
    fn add_to_index(&self, writer: &tantivy::IndexWriter, id: i64) -> Result<bool> {
        let cat = self.cat();
        let doc = match cat.get(id) {
            Ok(d) if d.trashed_at.is_none() => d,
            Ok(_) | Err(Error::NoSuchDocument(_)) => return Ok(false),
            Err(e) => return Err(e),
        };
        let pages = cat.pages(id)?;
        drop(cat);
        self.index.add(
            writer,
            &IndexDoc {
                id,
                title: &doc.title,
                file_name: &doc.file_name,
                kind: doc.kind.as_str(),
                lang: doc.lang,
                cycle: doc.cycle,
                session: doc.session,
                date: doc.date,
                pages: pages
                    .iter()
                    .filter(|(_, status, text)| {
                        (status == "text" || status == "ocr") && !text.is_empty()
                    })
                    .map(|(n, _, text)| (*n, text.as_str()))
                    .collect(),
            },
        )?;
        Ok(true)
    }

    // ---- ingest ----

    /// The files an ingest of these paths covers: files as given, PDFs found in folders.
    pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for p in paths {
            if p.is_dir() {
                let mut found: Vec<PathBuf> = walkdir::WalkDir::new(p)
                    .follow_links(false)
                    .into_iter()
                    .filter_map(|e| e.ok())
                    .filter(|e| e.file_type().is_file())
                    .map(|e| e.into_path())
                    .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")))
                    .collect();
                found.sort();
                out.extend(found);
            } else {
                out.push(p.clone());
            }
        }
        out
    }

    /// The cycles and sessions the classifier may choose from.
    fn classify_refs(&self) -> Result<(Vec<CycleRef>, Vec<SessionRef>)> {
        let cat = self.cat();
        let cycles: Vec<CycleRef> = cat
            .cycles()?
            .into_iter()
            .map(|c| CycleRef {
                number: c.number,
                start_year: c.start_year,
                end_year: c.end_year,
            })
            .collect();
        let sessions: Vec<SessionRef> = cat
            .sessions(None)?
            .into_iter()
            .map(|s| SessionRef {
                id: s.id,
                cycle: s.cycle,
                date: s.date,
            })
            .collect();
        Ok((cycles, sessions))
    }

    fn prepare(&self, path: &Path, cycles: &[CycleRef], sessions: &[SessionRef]) -> Prepared {
        let mut prepared = Prepared {
            path: path.to_path_buf(),
            bytes: Vec::new(),
            sha256: String::new(),
            result: Err(FileError::Empty),
        };
        let size = match std::fs::metadata(path) {
            Ok(m) => m.len(),
            Err(e) => {
                prepared.result = Err(FileError::Io(e));
                return prepared;
            }
        };
        if size > self.limits.max_file_bytes {
            prepared.result = Err(FileError::TooLarge {
                size,
                limit: self.limits.max_file_bytes,
            });
            return prepared;
        }
        match std::fs::read(path) {
            Ok(b) => prepared.bytes = b,
            Err(e) => {
                prepared.result = Err(FileError::Io(e));
                return prepared;
            }
        }
        prepared.sha256 = store::sha256_hex(&prepared.bytes);
        prepared.result = extract_guarded(&prepared.bytes, &self.limits).map(|doc| {
            let texts: Vec<&str> = doc.pages.iter().map(|p| p.text.as_str()).collect();
            let c = classify::classify(
                &file_name_of(path),
                doc.info.title.as_deref(),
                &texts,
                cycles,
                sessions,
            );
            (doc, c)
        });
        prepared
    }

    /// Adds files and folders to the archive. Each file gets its own outcome; a bad file never
    /// stops the batch. `progress` is called before each file and with each outcome.
    pub fn ingest(
        &self,
        paths: &[PathBuf],
        progress: &mut dyn FnMut(&Progress, Option<&IngestOutcome>),
    ) -> Result<Vec<IngestOutcome>> {
        let files = Self::collect_files(paths);
        let _guard = self.write_lock()?;
        let (cycles, sessions) = self.classify_refs()?;
        let session_dates: HashMap<i64, NaiveDate> =
            sessions.iter().map(|s| (s.id, s.date)).collect();
        let mut writer = self.index.writer()?;
        let mut outcomes = Vec::with_capacity(files.len());
        let mut uncommitted: Vec<i64> = Vec::new();
        let mut last_commit = Instant::now();
        let total = files.len();
        for chunk in chunks_by_size(&files) {
            progress(
                &Progress {
                    done: outcomes.len(),
                    total,
                    current: chunk.first().map(|p| file_name_of(p)).unwrap_or_default(),
                },
                None,
            );
            // One worker per core takes the chunk's files in turn: both cores are used, and
            // at most one file per core is being decoded at any moment, which bounds memory.
            let slots: Vec<Mutex<Option<Prepared>>> =
                chunk.iter().map(|_| Mutex::new(None)).collect();
            let next = AtomicUsize::new(0);
            let workers = std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
                .min(chunk.len());
            std::thread::scope(|s| {
                for _ in 0..workers {
                    s.spawn(|| loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(p) = chunk.get(i) else { break };
                        let prepared = self.prepare(p, &cycles, &sessions);
                        *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(prepared);
                    });
                }
            });
            let prepared: Vec<Prepared> = slots
                .into_iter()
                .zip(chunk)
                .map(|(slot, p)| {
                    slot.into_inner()
                        .unwrap_or_else(|e| e.into_inner())
                        .unwrap_or_else(|| Prepared {
                            path: p.clone(),
                            bytes: Vec::new(),
                            sha256: String::new(),
                            result: Err(FileError::Damaged("could not be read".into())),
                        })
                })
                .collect();
            // Stage the chunk, make its stored files durable with one sync, then commit the
            // catalogue rows in order.
            let mut hashes = HashSet::new();
            let mut staged = Vec::with_capacity(prepared.len());
            for p in prepared {
                staged.push(self.stage(p, &mut hashes)?);
            }
            if !hashes.is_empty() {
                self.store.sync()?;
            }
            for st in staged {
                let outcome = self.finish(st, &writer, &session_dates)?;
                if let (Some(id), "added") = (outcome.id, outcome.outcome.as_str()) {
                    uncommitted.push(id);
                }
                progress(
                    &Progress {
                        done: outcomes.len() + 1,
                        total,
                        current: outcome.file_name.clone(),
                    },
                    Some(&outcome),
                );
                outcomes.push(outcome);
            }
            // The index is committed every few seconds, not per file: each commit writes and
            // syncs a segment (it took a third of the ingest time at every 64 files), and
            // documents it has not seen are re-indexed from the catalogue on the next open.
            if !uncommitted.is_empty()
                && (uncommitted.len() >= INDEX_COMMIT_DOCS
                    || last_commit.elapsed() >= INDEX_COMMIT_EVERY)
            {
                writer.commit()?;
                self.cat().set_indexed(&uncommitted, true)?;
                uncommitted.clear();
                last_commit = Instant::now();
            }
        }
        writer.commit()?;
        self.cat().set_indexed(&uncommitted, true)?;
        drop(writer);
        self.index.reload()?;
        Ok(outcomes)
    }

    /// First half of adding a file: its outcome if it fails or is a duplicate; otherwise it
    /// is marked pending and written to the store (not yet synced), and the catalogue row to
    /// commit once the chunk's files are durable is returned with it. `staged` holds the hashes
    /// staged earlier in the same chunk, so a file given twice is a duplicate of the first.
    fn stage(&self, p: Prepared, staged: &mut HashSet<String>) -> Result<Staged> {
        let mut out = IngestOutcome::new(&p.path);
        let (doc, c) = match p.result {
            Ok(x) => x,
            Err(e) => {
                out.outcome = "failed".into();
                out.error_code = Some(e.code().into());
                out.error = Some(e.user_message());
                return Ok(Staged::done(out));
            }
        };
        // (The lookup is bound first: a guard in an `if let` head would live through the body.)
        let found = self.cat().find_sha(&p.sha256)?;
        if let Some((id, trashed)) = found {
            let existing = self.cat().get(id)?;
            out.outcome = "duplicate".into();
            out.in_trash = trashed;
            fill_from_document(&mut out, &existing);
            return Ok(Staged::done(out));
        }
        if staged.contains(&p.sha256) {
            out.outcome = "duplicate".into();
            return Ok(Staged {
                out,
                new: None,
                duplicate_of: Some(p.sha256),
            });
        }
        let src = |g: Option<Source>| g.map(source_str).unwrap_or("").to_string();
        let new = NewDocument {
            sha256: p.sha256.clone(),
            file_name: out.file_name.clone(),
            size: p.bytes.len() as i64,
            title: c.title.value.clone(),
            kind: c.kind.value,
            cycle: c.cycle.as_ref().map(|g| g.value),
            session_id: c.session.as_ref().map(|g| g.value),
            lang: c.lang.value,
            date: c.date.as_ref().map(|g| g.value),
            status: doc_status(&doc.pages),
            sources: Sources {
                title: src(Some(c.title.source)),
                kind: src(Some(c.kind.source)),
                cycle: src(c.cycle.as_ref().map(|g| g.source)),
                session: src(c.session.as_ref().map(|g| g.source)),
                lang: src(Some(c.lang.source)),
                date: src(c.date.as_ref().map(|g| g.source)),
            },
            unknown_session_date: c.unknown_session_date,
            producer: doc.info.producer.clone(),
            pages: doc
                .pages
                .into_iter()
                .map(|pg| (pg.status, pg.text))
                .collect(),
        };
        // A full disk is found before anything is written, so that the archive is never left
        // half-written and the catalogue and index keep room to work: the file, its text (in
        // the catalogue and the index, with SQLite's and tantivy's temporary copies) and a
        // reserve of 5% of the file system (at least 1 MB, at most 64 MB) must fit.
        if let Some((available, total)) = self.store.space() {
            let text: u64 = new.pages.iter().map(|(_, t)| t.len() as u64).sum();
            let reserve = (total / 20).clamp(1 << 20, 64 << 20);
            let needed = p.bytes.len() as u64 + 4 * text + reserve;
            if available < needed {
                let e = FileError::NoSpace { available, needed };
                out.outcome = "failed".into();
                out.error_code = Some(e.code().into());
                out.error = Some(e.user_message());
                return Ok(Staged::done(out));
            }
        }
        // Mark, then store: a kill before the row commits is repaired on the next open.
        self.cat().add_pending(&p.sha256)?;
        self.store.put_unsynced(&p.sha256, &p.bytes)?;
        staged.insert(p.sha256);
        Ok(Staged {
            out,
            new: Some(new),
            duplicate_of: None,
        })
    }

    /// Second half, after the chunk's stored files were synced: catalogues the document (its
    /// row is the commit point) and adds it to the index.
    fn finish(
        &self,
        staged: Staged,
        writer: &tantivy::IndexWriter,
        session_dates: &HashMap<i64, NaiveDate>,
    ) -> Result<IngestOutcome> {
        let mut out = staged.out;
        if let Some(sha) = staged.duplicate_of {
            let found = self.cat().find_sha(&sha)?;
            if let Some((id, _)) = found {
                let first = self.cat().get(id)?;
                fill_from_document(&mut out, &first);
            }
            return Ok(out);
        }
        let Some(new) = staged.new else {
            return Ok(out);
        };
        let id = self.cat().insert_document(&new)?;
        let session = new.session_id.and_then(|s| session_dates.get(&s).copied());
        // Indexed from what was just catalogued, not read back from the catalogue (the same
        // fields and page texts as `add_to_index`; 0.15 ms and the catalogue's pages in memory
        // per document saved).
        self.index.add(
            writer,
            &IndexDoc {
                id,
                title: &new.title,
                file_name: &new.file_name,
                kind: new.kind.as_str(),
                lang: new.lang,
                cycle: new.cycle,
                session,
                date: new.date,
                pages: new
                    .pages
                    .iter()
                    .zip(1..)
                    .filter(|((status, text), _)| *status == PageStatus::Text && !text.is_empty())
                    .map(|((_, text), n)| (n, text.as_str()))
                    .collect(),
            },
        )?;
        out.outcome = "added".into();
        out.id = Some(id);
        out.title = Some(new.title);
        out.kind = Some(new.kind);
        out.cycle = new.cycle;
        out.session = session;
        out.lang = Some(new.lang);
        out.status = Some(new.status.into());
        if let Some(d) = new.unknown_session_date {
            out.unknown_session_date = Some(d);
            out.note = Some(format!(
                "sēdes datums {d} neatbilst nevienai zināmai sēdei / meeting date {d} matches no known session"
            ));
        }
        Ok(out)
    }

    /// On an empty archive that has never been filled, ingests the sample documents.
    pub fn load_samples_if_new(&self, samples: &Path) -> Result<Option<Vec<IngestOutcome>>> {
        self.load_samples_if_new_with(samples, &mut |_, _| {})
    }

    /// [`Archive::load_samples_if_new`] with progress, as [`Archive::ingest`] reports it.
    pub fn load_samples_if_new_with(
        &self,
        samples: &Path,
        progress: &mut dyn FnMut(&Progress, Option<&IngestOutcome>),
    ) -> Result<Option<Vec<IngestOutcome>>> {
        if self.cat().setting("samples_loaded")?.is_some() || self.cat().active_count()? > 0 {
            return Ok(None);
        }
        if !samples.is_dir() {
            return Ok(None);
        }
        let out = self.ingest(&[samples.to_path_buf()], progress)?;
        self.cat().set_setting("samples_loaded", "1")?;
        Ok(Some(out))
    }

    // ---- reading ----

    pub fn cycles(&self) -> Result<Vec<Cycle>> {
        self.cat().cycles()
    }

    pub fn sessions(&self, cycle: Option<i64>) -> Result<Vec<Session>> {
        self.cat().sessions(cycle)
    }

    pub fn get(&self, id: i64) -> Result<DocumentInfo> {
        self.cat().get(id)
    }

    pub fn list(&self, filter: &Filter) -> Result<Vec<DocumentInfo>> {
        self.cat().list(filter, false)
    }

    pub fn trash(&self) -> Result<Vec<DocumentInfo>> {
        self.cat().list(&Filter::default(), true)
    }

    /// Page texts: (1-based page, status, text).
    pub fn pages(&self, id: i64) -> Result<Vec<(i64, String, String)>> {
        self.cat().get(id)?;
        self.cat().pages(id)
    }

    /// The stored original of a document (only ever a path inside the store).
    pub fn stored_path(&self, id: i64) -> Result<PathBuf> {
        let d = self.cat().get(id)?;
        self.store
            .path_of(&d.sha256)
            .filter(|p| p.is_file())
            .ok_or_else(|| Error::Invalid(format!("stored file of document {id} is missing")))
    }

    /// Documents matching a query, best first, each with its best page and a snippet.
    pub fn search(&self, text: &str, filter: &Filter, limit: usize) -> Result<Vec<SearchHit>> {
        /// Beyond this many best pages, the documents found are what there is.
        const MAX_PAGES: usize = 20_000;
        let limit = limit.max(1);
        let query = self.index.query(text, filter);
        // The best pages, grouped by document. A few pages per wanted document are usually
        // enough, and more are asked for only when they gave too few documents: a small top-k
        // lets tantivy skip most of a common word's pages (block-max WAND), where a fixed
        // 1,000 cost about 2 ms per search on 96,000 pages.
        let mut k = (limit * 5).max(100);
        let grouped = loop {
            let pages = self.index.search_pages(&*query, k)?;
            let grouped = group_hits(&pages);
            if grouped.len() >= limit || pages.len() < k || k >= MAX_PAGES {
                break grouped;
            }
            k = (k * 8).min(MAX_PAGES);
        };
        let gens = self
            .index
            .snippet_generators(&*self.index.highlight_query(text))?;
        let mut docs = Vec::with_capacity(limit);
        {
            let cat = self.cat();
            for g in grouped {
                if docs.len() >= limit {
                    break;
                }
                match cat.get_row(g.doc_id) {
                    Ok(d) if d.trashed_at.is_none() => docs.push((g, d)),
                    _ => continue,
                }
            }
        }
        // Every matching page of the documents shown, not only those among the best pages:
        // "also on pages …", and a body page for a document found by its title.
        let ids: Vec<i64> = docs.iter().map(|(g, _)| g.doc_id).collect();
        let mut pages_of: HashMap<i64, Vec<i64>> = HashMap::new();
        for (id, page) in self.index.matching_pages_of(&*query, &ids)? {
            if page > 0 {
                pages_of.entry(id).or_default().push(page);
            }
        }
        let cat = self.cat();
        let mut hits = Vec::with_capacity(docs.len());
        for (mut g, doc) in docs {
            let mut pages = pages_of.remove(&g.doc_id).unwrap_or_default();
            pages.sort_unstable();
            pages.dedup();
            if g.title_only {
                if let Some(&first) = pages.first() {
                    g.page = first;
                    g.title_only = false;
                }
            }
            let snippet = if g.title_only {
                search::snippet(&gens, doc.lang, &doc.title)
            } else {
                search::snippet(&gens, doc.lang, &cat.page_text(g.doc_id, g.page)?)
            };
            hits.push(SearchHit {
                id: doc.id,
                title: doc.title,
                file_name: doc.file_name,
                kind: doc.kind,
                cycle: doc.cycle,
                session: doc.session,
                lang: doc.lang,
                score: g.score,
                page: g.page,
                snippet,
                other_pages: pages
                    .into_iter()
                    .filter(|&p| p != g.page)
                    .take(20)
                    .collect(),
            });
        }
        Ok(hits)
    }

    /// How many documents each filter value would give for this query (ignoring filters).
    pub fn facets(&self, text: &str) -> Result<Facets> {
        let query = self.index.query(text, &Filter::default());
        // Every matching page, unscored (a common word is on most pages of a large archive).
        let pages = self.index.matching_pages(&*query)?;
        // One query for the filter fields of every document, not one `get` per hit: a common
        // word matches most of a large archive (measured: 1.1 s at 10,000 documents).
        let fields = self.cat().facet_fields()?;
        let mut f = Facets::default();
        let mut cycle: HashMap<Option<i64>, usize> = HashMap::new();
        let mut session: HashMap<Option<NaiveDate>, usize> = HashMap::new();
        let mut kind: HashMap<Kind, usize> = HashMap::new();
        let mut lang: HashMap<Lang, usize> = HashMap::new();
        let mut seen = HashSet::new();
        for (doc_id, _) in pages {
            if !seen.insert(doc_id) {
                continue;
            }
            // Trashed documents are not in `fields`.
            let Some(d) = fields.get(&doc_id) else {
                continue;
            };
            f.total += 1;
            *cycle.entry(d.cycle).or_default() += 1;
            *session.entry(d.session).or_default() += 1;
            *kind.entry(d.kind).or_default() += 1;
            *lang.entry(d.lang).or_default() += 1;
        }
        f.cycle = sorted(cycle);
        f.session = sorted(session);
        f.kind = sorted(kind);
        f.lang = sorted(lang);
        Ok(f)
    }

    // ---- corrections, trash ----

    /// Corrects documents; the correction wins over later guesses and search sees it at once.
    pub fn set(&self, ids: &[i64], patch: &Patch) -> Result<()> {
        if patch.is_empty() {
            return Err(Error::Invalid("nothing to change".into()));
        }
        let _g = self.write_lock()?;
        self.cat().apply_patch(ids, patch)?;
        self.reindex_unlocked(ids)?;
        Ok(())
    }

    /// Moves documents to the trash: gone from search and lists, bytes kept.
    pub fn remove(&self, ids: &[i64]) -> Result<()> {
        let _g = self.write_lock()?;
        self.cat().set_trashed(ids, true)?;
        self.reindex_unlocked(ids)?;
        Ok(())
    }

    pub fn restore(&self, ids: &[i64]) -> Result<()> {
        let _g = self.write_lock()?;
        self.cat().set_trashed(ids, false)?;
        self.reindex_unlocked(ids)?;
        Ok(())
    }

    /// Deletes the trash for good. Returns how many documents were deleted.
    pub fn empty_trash(&self) -> Result<usize> {
        let _g = self.write_lock()?;
        let gone = self.cat().purge_trash()?;
        let ids: Vec<i64> = gone.iter().map(|(id, _)| *id).collect();
        self.reindex_unlocked(&ids)?;
        for (_, sha) in &gone {
            self.store.remove(sha)?;
        }
        Ok(gone.len())
    }

    // ---- cycles and sessions ----

    pub fn add_cycle(
        &self,
        number: i64,
        start_year: i32,
        end_year: i32,
        title: &str,
    ) -> Result<()> {
        let _g = self.write_lock()?;
        self.cat().add_cycle(number, start_year, end_year, title)
    }

    pub fn delete_cycle(&self, number: i64) -> Result<()> {
        let _g = self.write_lock()?;
        self.cat().delete_cycle(number)
    }

    /// Adds a session; documents that stated this meeting date move into it.
    pub fn add_session(&self, cycle: i64, date: NaiveDate, title: &str) -> Result<i64> {
        let _g = self.write_lock()?;
        let id = self.cat().add_session(cycle, date, title)?;
        let todo = self.cat().unindexed()?;
        self.reindex_unlocked(&todo)?;
        Ok(id)
    }

    pub fn rename_session(&self, id: i64, title: &str) -> Result<()> {
        let _g = self.write_lock()?;
        self.cat().rename_session(id, title)
    }

    pub fn delete_session(&self, id: i64) -> Result<()> {
        let _g = self.write_lock()?;
        let ids = self.cat().delete_session(id)?;
        self.reindex_unlocked(&ids)?;
        Ok(())
    }

    // ---- fixity ----

    /// Re-reads every stored file against its SHA-256 and checks catalog ↔ store ↔ index.
    pub fn verify(&self, progress: &mut dyn FnMut(&Progress)) -> Result<VerifyReport> {
        let all = self.cat().all_hashes()?;
        let mut report = VerifyReport {
            documents: all.len(),
            ..Default::default()
        };
        let known: HashSet<&str> = all.iter().map(|(_, s, _)| s.as_str()).collect();
        for (i, (id, sha, _)) in all.iter().enumerate() {
            progress(&Progress {
                done: i,
                total: all.len(),
                current: format!("#{id}"),
            });
            match self.store.verify(sha) {
                Ok(true) => {}
                Ok(false) => report.problems.push(format!(
                    "document {id}: stored file does not match its SHA-256 {sha}"
                )),
                Err(_) => report
                    .problems
                    .push(format!("document {id}: stored file is missing ({sha})")),
            }
        }
        for sha in self.store.all() {
            if !known.contains(sha.as_str()) {
                report
                    .problems
                    .push(format!("stored file {sha} has no catalog entry"));
            }
        }
        self.index.reload()?;
        let in_index = self.index.indexed_ids()?;
        for (id, _, trashed) in &all {
            if !trashed && !in_index.contains(id) {
                report
                    .problems
                    .push(format!("document {id} is not in the search index"));
            }
        }
        let active: HashSet<i64> = all
            .iter()
            .filter(|(_, _, t)| !t)
            .map(|(id, _, _)| *id)
            .collect();
        for id in in_index {
            if !active.contains(&id) {
                report.problems.push(format!(
                    "search index has document {id}, which the catalog does not list"
                ));
            }
        }
        Ok(report)
    }

    // ---- OCR ----

    /// Pages (queued, done, failed) for OCR, over documents not in the trash.
    pub fn ocr_counts(&self) -> Result<(usize, usize, usize)> {
        self.cat().ocr_counts()
    }

    /// How many pages wait for OCR, are done or failed, and whether the engine is here.
    pub fn ocr_status(&self) -> Result<OcrStatus> {
        let (queued, done, failed) = self.cat().ocr_counts()?;
        let running = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join("ocr.lock"))
            .map(|f| f.try_lock().is_err())
            .unwrap_or(false);
        let (engine, unavailable) = match ocr::Engine::detect() {
            Ok(e) => (Some(e.version), None),
            Err(e) => (None, Some(e.user_message())),
        };
        Ok(OcrStatus {
            queued,
            done,
            failed,
            running,
            engine,
            unavailable,
        })
    }

    /// Queues the flagged pages of these documents (or of all) for OCR, failed pages included.
    pub fn queue_ocr(&self, ids: Option<&[i64]>) -> Result<usize> {
        let _guard = self.write_lock()?;
        self.cat().queue_ocr(ids)
    }

    /// Recognises the queued pages (of these documents, or all): both cores, one Tesseract
    /// process per core, each page committed (and made searchable) as it is done. Only one OCR
    /// job runs per archive; a second gets [`Error::OcrBusy`]. The engine runs without the
    /// write lock, which is taken only to store each result, so ingest and edits go on beside
    /// it. `cancel` stops the job between pages; what was done is kept, the rest stays queued.
    pub fn run_ocr(
        &self,
        engine: &ocr::Engine,
        ids: Option<&[i64]>,
        progress: &mut dyn FnMut(&Progress, Option<&OcrPageOutcome>),
        cancel: &AtomicBool,
    ) -> Result<OcrSummary> {
        if let Some(why) = &self.read_only {
            return Err(Error::ReadOnly(why.clone()));
        }
        let start = Instant::now();
        let lock_path = self.dir.join("ocr.lock");
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::io(&lock_path, e))?;
        if lock.try_lock().is_err() {
            return Err(Error::OcrBusy);
        }
        let tasks = self.cat().ocr_queue(ids)?;
        let total = tasks.len();
        let mut summary = OcrSummary::default();
        if tasks.is_empty() {
            return Ok(summary);
        }
        let mut left_per_doc: HashMap<i64, usize> = HashMap::new();
        for t in &tasks {
            *left_per_doc.entry(t.doc_id).or_default() += 1;
        }
        let workers = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(total);
        progress(
            &Progress {
                done: 0,
                total,
                current: format!("{} — {}. lpp.", tasks[0].file_name, tasks[0].page),
            },
            None,
        );
        let next = AtomicUsize::new(0);
        let (tx, rx) = std::sync::mpsc::channel::<(
            usize,
            std::result::Result<ocr::Recognized, ocr::PageError>,
        )>();
        std::thread::scope(|s| -> Result<()> {
            for _ in 0..workers {
                let tx = tx.clone();
                let (tasks, next) = (&tasks, &next);
                s.spawn(move || {
                    let Ok(work) = tempfile::Builder::new().prefix("ogp-ocr-").tempdir() else {
                        return;
                    };
                    let mut parsed: Option<(String, Option<lopdf::Document>)> = None;
                    loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        if i >= tasks.len() || cancel.load(Ordering::SeqCst) {
                            break;
                        }
                        let t = &tasks[i];
                        let Some(path) = self.store.path_of(&t.sha256) else {
                            continue;
                        };
                        if parsed.as_ref().map(|(sha, _)| sha) != Some(&t.sha256) {
                            parsed = Some((t.sha256.clone(), self.parse_for_ocr(&path)));
                        }
                        let doc = parsed.as_ref().and_then(|(_, d)| d.as_ref());
                        let page = u32::try_from(t.page).unwrap_or(u32::MAX);
                        let r = engine.recognize(&path, doc, page, work.path());
                        if tx.send((i, r)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            let mut dirty: Vec<i64> = Vec::new();
            let mut last_flush = Instant::now();
            for (done, (i, result)) in rx.iter().enumerate() {
                let t = &tasks[i];
                let outcome = self.store_ocr_result(engine, t, result)?;
                match &outcome.error {
                    None => summary.recognized += 1,
                    Some(_) => summary.failed.push(outcome.clone()),
                }
                let left = left_per_doc.entry(t.doc_id).or_default();
                *left = left.saturating_sub(1);
                if outcome.error.is_none() && !dirty.contains(&t.doc_id) {
                    dirty.push(t.doc_id);
                }
                // A document becomes searchable when its last page is done, and at least
                // every few seconds while a long scan is being read.
                let doc_finished = *left == 0;
                if !dirty.is_empty()
                    && (doc_finished || last_flush.elapsed() > Duration::from_secs(5))
                {
                    let _guard = self.write_lock_patiently(cancel)?;
                    if doc_finished && outcome.error.is_none() {
                        self.reclassify_after_ocr(t.doc_id)?;
                    }
                    self.reindex_unlocked(&dirty)?;
                    dirty.clear();
                    last_flush = Instant::now();
                }
                progress(
                    &Progress {
                        done: done + 1,
                        total,
                        current: format!("{} — {}. lpp.", t.file_name, t.page),
                    },
                    Some(&outcome),
                );
            }
            if !dirty.is_empty() {
                let _guard = self.write_lock_patiently(cancel)?;
                self.reindex_unlocked(&dirty)?;
            }
            Ok(())
        })?;
        summary.seconds = start.elapsed().as_secs_f64();
        drop(lock);
        Ok(summary)
    }

    /// A scan had no text to classify by at ingest: now that it has, the guesses that came
    /// from the file name or from nothing are made again from name and text together, as
    /// ingest would have made them. A user's corrections and the PDF's own title stay.
    fn reclassify_after_ocr(&self, id: i64) -> Result<()> {
        let (cycles, sessions) = self.classify_refs()?;
        let mut cat = self.cat();
        let doc = cat.get(id)?;
        let pages = cat.pages(id)?;
        let texts: Vec<&str> = pages.iter().map(|(_, _, t)| t.as_str()).collect();
        let c = classify::classify(&doc.file_name, None, &texts, &cycles, &sessions);
        let src = |g: Option<Source>| g.map(source_str).unwrap_or("").to_string();
        cat.apply_guesses(
            id,
            &crate::catalog::Guesses {
                title: (c.title.value.clone(), src(Some(c.title.source))),
                kind: (c.kind.value, src(Some(c.kind.source))),
                lang: (c.lang.value, src(Some(c.lang.source))),
                cycle: (
                    c.cycle.as_ref().map(|g| g.value),
                    src(c.cycle.as_ref().map(|g| g.source)),
                ),
                session: (
                    c.session.as_ref().map(|g| g.value),
                    src(c.session.as_ref().map(|g| g.source)),
                ),
                date: (
                    c.date.as_ref().map(|g| g.value),
                    src(c.date.as_ref().map(|g| g.source)),
                ),
                unknown_session_date: c.unknown_session_date,
            },
        )
    }

    /// Parses a stored PDF once for all its queued pages (its scan images are then taken
    /// directly); None when it cannot be parsed here, and the pages are rendered instead.
    fn parse_for_ocr(&self, path: &Path) -> Option<lopdf::Document> {
        let bytes = std::fs::read(path).ok()?;
        let opts = lopdf::LoadOptions {
            max_decompressed_size: Some(self.limits.max_stream_bytes),
            ..Default::default()
        };
        install_quiet_hook();
        QUIET_PANICS.with(|q| q.set(true));
        let r = catch_unwind(AssertUnwindSafe(|| {
            lopdf::Document::load_mem_with_options(&bytes, opts).ok()
        }));
        QUIET_PANICS.with(|q| q.set(false));
        r.ok().flatten().filter(|d| !d.is_encrypted())
    }

    /// The write lock for an OCR result: waits as long as another writer (a long ingest)
    /// needs, unless the job is cancelled.
    fn write_lock_patiently(&self, cancel: &AtomicBool) -> Result<WriteGuard<'_>> {
        loop {
            match self.write_lock() {
                Err(Error::Busy) if !cancel.load(Ordering::SeqCst) => continue,
                other => return other,
            }
        }
    }

    fn store_ocr_result(
        &self,
        engine: &ocr::Engine,
        t: &crate::catalog::OcrTask,
        result: std::result::Result<ocr::Recognized, ocr::PageError>,
    ) -> Result<OcrPageOutcome> {
        let mut out = OcrPageOutcome {
            id: t.doc_id,
            file_name: t.file_name.clone(),
            page: t.page,
            confidence: None,
            image: None,
            seconds: 0.0,
            error_code: None,
            error: None,
        };
        let _guard = self.write_lock_patiently(&AtomicBool::new(false))?;
        match result {
            Ok(r) => {
                let words = serde_json::to_string(&r.words).unwrap_or_else(|_| "[]".into());
                self.cat().save_ocr(
                    t.doc_id,
                    t.page,
                    &r.text,
                    r.confidence,
                    &engine.version,
                    &words,
                )?;
                out.confidence = Some(r.confidence);
                out.image = Some(r.image);
                out.seconds = r.seconds;
            }
            Err(e) => {
                let msg = e.user_message();
                self.cat().fail_ocr(t.doc_id, t.page, &msg)?;
                out.error_code = Some(e.code().into());
                out.error = Some(msg);
            }
        }
        Ok(out)
    }

    /// A recognised page's word boxes (see [`ocr::Word`]); empty if it was not recognised.
    pub fn page_words(&self, id: i64, page: i64) -> Result<Vec<ocr::Word>> {
        let json = self.cat().page_words(id, page)?;
        Ok(json
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default())
    }

    // ---- export ----

    /// Writes a cycle's bundle; see [`crate::export`].
    pub fn export_cycle(
        &self,
        cycle: i64,
        out: &Path,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<ExportSummary> {
        let c = self.cat().cycle(cycle)?;
        let docs = self.list(&Filter {
            cycle: Some(cycle),
            ..Default::default()
        })?;
        crate::export::write_bundle(&c, &docs, &self.store, out, progress)
    }
}

struct Grouped {
    doc_id: i64,
    score: f32,
    page: i64,
    title_only: bool,
}

/// Groups page hits by document: the best body page is the document's page; a title match
/// adds to the document's score.
fn group_hits(pages: &[search::PageHit]) -> Vec<Grouped> {
    let mut order: Vec<i64> = Vec::new();
    let mut by_doc: HashMap<i64, Grouped> = HashMap::new();
    for h in pages {
        let g = by_doc.entry(h.doc_id).or_insert_with(|| {
            order.push(h.doc_id);
            Grouped {
                doc_id: h.doc_id,
                score: 0.0,
                page: 0,
                title_only: true,
            }
        });
        if h.page == 0 {
            g.score += 0.5 * h.score;
        } else if g.page == 0 {
            g.page = h.page;
            g.title_only = false;
            g.score += h.score;
        }
    }
    let mut out: Vec<Grouped> = order
        .into_iter()
        .filter_map(|id| by_doc.remove(&id))
        .map(|mut g| {
            if g.page == 0 {
                g.page = 1;
            }
            g
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

fn sorted<K: Clone>(m: HashMap<K, usize>) -> Vec<(K, usize)> {
    let mut v: Vec<(K, usize)> = m.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rebuilt_index_can_wait_for_its_catch_up_which_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let a = Archive::open(dir.path()).unwrap();
        a.ingest(&[crate::bundled_samples_dir()], &mut |_, _| {})
            .unwrap();
        let n = a.list(&Filter::default()).unwrap().len();
        let found = |a: &Archive| {
            a.search("līdzdalība", &Filter::default(), 100)
                .unwrap()
                .len()
        };
        let before = found(&a);
        assert!(before > 3, "{before}");
        drop(a);
        // A new version with another index layout: the whole index must be rebuilt.
        let version = dir.path().join("index/ogp-schema-version");
        std::fs::write(&version, "0").unwrap();
        let a = Archive::open_with(dir.path(), Some(0)).unwrap();
        assert_eq!(a.index_backlog().unwrap(), n);
        assert_eq!(found(&a), 0, "nothing indexed yet");
        drop(a); // closed (or killed) before catching up: the backlog is kept
        let a = Archive::open_with(dir.path(), Some(0)).unwrap();
        assert_eq!(a.index_backlog().unwrap(), n);
        let mut seen = Vec::new();
        let added = a
            .catch_up_index(&mut |p| seen.push((p.done, p.total)))
            .unwrap();
        assert_eq!(added, n);
        assert_eq!(seen.last(), Some(&(n, n)));
        assert_eq!(a.index_backlog().unwrap(), 0);
        assert_eq!(found(&a), before);
        drop(a);
        // Plain `open` rebuilds at once.
        std::fs::write(&version, "0").unwrap();
        let a = Archive::open(dir.path()).unwrap();
        assert_eq!(a.index_backlog().unwrap(), 0);
        assert_eq!(found(&a), before);
    }
}
