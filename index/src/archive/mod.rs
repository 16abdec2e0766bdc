//! The archive: one folder holding the file store, the SQLite catalog and the tantivy index,
//! and every operation the CLI and the desktop app offer on it.
//!
//! Consistency rule: the catalog row is the commit point of an ingest. A file is stored
//! (under a `pending` mark) before its row commits; the index is brought up to date after.
//! Opening the archive repairs whatever a killed process left: pending files whose row never
//! committed are removed, documents the index has not seen are indexed, index entries with no
//! catalog row are dropped, and temporary files are cleaned.
//!
//! This file holds opening, the locks and the reads; the rest of `impl Archive` is split by
//! task: [`ingest`](self::ingest) (adding files), [`repair`](self::repair) (repair on open,
//! the index catch-up, `verify`), [`edit`](self::edit) (corrections, trash, cycles and
//! sessions), [`find`](self::find) (search and facets) and [`ocr_job`](self::ocr_job) (the OCR
//! queue).

use std::fs::File;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::model::{Cycle, DocumentInfo, Filter, Session};
use crate::pdf;
use crate::progress::{ExportSummary, Progress};
use crate::search::SearchIndex;
use crate::store::{self, Store};

mod edit;
mod find;
mod ingest;
mod ocr_job;
mod record_views;
mod records;
mod repair;
mod similar;

pub use find::{SearchOptions, SearchOutcome, FEW_HITS};
pub use ingest::extract_guarded;
pub use record_views::{
    parse_commitment_id, AgendaView, CommitmentView, MeetingView, PersonView, ThreadEntry,
    ThreadStep,
};
pub use records::{derive as derive_records, read_records};
pub use repair::Repairs;

/// How long a writer waits for another process to finish writing before saying "busy".
const WRITE_WAIT: Duration = Duration::from_secs(20);

/// An open archive: its folder, store, catalogue and index.
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

/// Runs a PDF parser over untrusted bytes: a panic inside it is caught (None) and not printed.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    install_quiet_hook();
    QUIET_PANICS.with(|q| q.set(true));
    let r = catch_unwind(AssertUnwindSafe(f));
    QUIET_PANICS.with(|q| q.set(false));
    r.ok()
}

/// Opens a lock file in the archive folder (created when missing).
fn lock_file(path: &Path) -> Result<File> {
    File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, e))
}

/// The archive folder option, shared by the `ogp-archive` command line and the desktop app.
#[derive(clap::Args, Clone, Debug, Default, PartialEq)]
pub struct ArchiveArg {
    /// The archive folder [default: $OGP_ARCHIVE_DIR, else ~/.local/share/ogp-archive]
    #[arg(long, global = true, value_name = "DIR")]
    pub archive: Option<PathBuf>,
}

impl ArchiveArg {
    /// The folder given, else [`Archive::default_dir`].
    pub fn dir(&self) -> PathBuf {
        self.archive.clone().unwrap_or_else(Archive::default_dir)
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
            .unwrap_or(repair::SYNC_REINDEX_MAX);
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
        archive.backfill_records()?;
        archive.backfill_agenda_links()?;
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
        let file = lock_file(&path)?;
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
        let records = self.export_records(cycle)?;
        crate::export::write_bundle(&c, &docs, &records, &self.store, out, progress)
    }

    /// Writes a cycle's researcher bundle, a BagIt bag; see [`crate::export::bundle`].
    pub fn export_bag(
        &self,
        cycle: i64,
        out: &Path,
        opts: &crate::export::bundle::BundleOptions,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<crate::export::bagit::BagSummary> {
        let c = self.cat().cycle(cycle)?;
        let sessions = self.sessions(Some(cycle))?;
        let docs = self.list(&Filter {
            cycle: Some(cycle),
            ..Default::default()
        })?;
        let mut pages = |id: i64| -> Result<Vec<(i64, String)>> {
            Ok(self
                .cat()
                .pages(id)?
                .into_iter()
                .map(|(n, _, text)| (n, text))
                .collect())
        };
        // The meetings and commitments read out of the cycle's documents travel with it.
        let mut records = || -> Result<crate::export::bundle::Extras> {
            let (meetings, commitments) = self.record_values(cycle)?;
            Ok(crate::export::bundle::Extras {
                meetings: Some(meetings),
                commitments: Some(commitments),
            })
        };
        let contents = crate::export::bundle::Contents {
            cycle: &c,
            sessions: &sessions,
            documents: &docs,
            store: &self.store,
            pages: &mut pages,
            records: &mut records,
        };
        crate::export::bundle::write(contents, out, opts, progress)
    }
}
