//! Adding files: each file is read, extracted and classified in parallel (one file per core,
//! in chunks bounded by count and bytes), then staged, made durable with one sync per chunk,
//! and committed in input order. Each file gets its own [`IngestOutcome`]; a bad file never
//! stops the batch.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::records::{known_commitments, read_records};
use super::{quietly, Archive};
use crate::catalog::records_write::DocRecords;
use crate::catalog::NewDocument;
use crate::classify::{self, CycleRef, SessionRef};
use crate::commitments::Known;
use crate::error::{FileError, Result};
use crate::meetings::text::Stems;
use crate::model::{DocStatus, DocumentInfo, Kind, Sources};
use crate::pdf::{self, PageStatus};
use crate::progress::{IngestOutcome, Outcome, Progress};
use crate::search::IndexDoc;
use crate::store;

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
    new: Option<(NewDocument, DocRecords)>,
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
    out.status = Some(d.status);
}

/// One ingest worker per core.
fn workers() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
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

fn file_name_of(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| p.display().to_string())
}

/// Everything worked out about a file before it touches the archive (runs in parallel):
/// its text, what it is, and the records read out of it (issue 15).
struct Prepared {
    path: PathBuf,
    bytes: Vec<u8>,
    sha256: String,
    result: std::result::Result<(pdf::Document, classify::Classification, DocRecords), FileError>,
}

/// What the parallel step of an ingest reads against: the cycles and sessions a document may
/// belong to, and the commitments whose mentions it may carry.
struct Context {
    cycles: Vec<CycleRef>,
    sessions: Vec<SessionRef>,
    known: Arc<Known>,
    /// The words each worker has stemmed, kept across chunks (see [`Stems`]).
    stems: Vec<Mutex<Stems>>,
}

impl IngestOutcome {
    /// The outcome of a file before it is decided (a staged file is `added` once it commits).
    fn new(path: &Path, outcome: Outcome) -> Self {
        IngestOutcome {
            path: path.display().to_string(),
            file_name: file_name_of(path),
            outcome,
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

    /// A file that could not be added.
    fn failed(path: &Path, e: &FileError) -> Self {
        IngestOutcome {
            error_code: Some(e.code().into()),
            error: Some(e.user_message()),
            ..IngestOutcome::new(path, Outcome::Failed)
        }
    }
}

/// Extracts a PDF; a panic inside the reader becomes a "damaged" error for this file.
pub fn extract_guarded(
    bytes: &[u8],
    limits: &pdf::Limits,
) -> std::result::Result<pdf::Document, FileError> {
    match quietly(|| pdf::extract(bytes, limits)) {
        Some(Ok(doc)) => Ok(doc),
        Some(Err(e)) => Err(e.into()),
        None => Err(FileError::Damaged(
            "the PDF reader could not parse it".into(),
        )),
    }
}

fn doc_status(pages: &[pdf::Page]) -> DocStatus {
    if pages.iter().any(|p| p.status == PageStatus::UnreadableText) {
        DocStatus::UnreadableText
    } else if pages.iter().any(|p| p.status == PageStatus::NoTextLayer) {
        DocStatus::NoTextLayer
    } else {
        DocStatus::Ok
    }
}

impl Archive {
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
    pub(super) fn classify_refs(&self) -> Result<(Vec<CycleRef>, Vec<SessionRef>)> {
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

    fn prepare(&self, path: &Path, ctx: &Context, stems: &mut Stems) -> Prepared {
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
                &ctx.cycles,
                &ctx.sessions,
            );
            let session = c.session.as_ref().and_then(|g| {
                let s = ctx.sessions.iter().find(|s| s.id == g.value);
                s.map(|s| s.date)
            });
            let cycle = c.cycle.as_ref().map(|g| g.value);
            let records = read_records(c.kind.value, cycle, session, &texts, &ctx.known, stems);
            (doc, c, records)
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
        let mut ctx = Context {
            cycles,
            sessions,
            known: Arc::new(known_commitments(&self.cat())?),
            stems: (0..workers()).map(|_| Mutex::new(Stems::new())).collect(),
        };
        // Which documents were read against the commitments known at the end (a plan in the
        // batch changes them; the others are derived again after the batch).
        let mut changed = false;
        let mut fresh: HashSet<i64> = HashSet::new();
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
            let prepared = self.prepare_chunk(chunk, &ctx);
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
            let mut new_plan = false;
            for st in staged {
                let outcome = self.finish(st, &writer, &session_dates)?;
                if let (Some(id), Outcome::Added) = (outcome.id, outcome.outcome) {
                    uncommitted.push(id);
                    fresh.insert(id);
                    new_plan |= outcome.kind == Some(Kind::Plan) && outcome.cycle.is_some();
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
            // A plan brings commitments that the documents read before it may mention: the
            // next chunks are read against them, the earlier ones derived again at the end.
            if new_plan {
                let known = known_commitments(&self.cat())?;
                if known.cycles() != ctx.known.cycles() {
                    ctx.known = Arc::new(known);
                    changed = true;
                    fresh.clear();
                }
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
        if changed {
            self.rederive_records(&fresh)?;
        }
        // The presentations and annexes of the days the batch brought documents for (either
        // side of a link may come in a later batch).
        let added: Vec<i64> = outcomes
            .iter()
            .filter(|o| o.outcome == Outcome::Added)
            .filter_map(|o| o.id)
            .collect();
        self.link_agenda_of(&added)?;
        Ok(outcomes)
    }

    /// Reads, extracts, classifies and reads the records of a chunk's files. One worker per
    /// core takes the files in turn: both cores are used, and at most one file per core is
    /// being decoded at any moment, which bounds memory.
    fn prepare_chunk(&self, chunk: &[PathBuf], ctx: &Context) -> Vec<Prepared> {
        let slots: Vec<Mutex<Option<Prepared>>> = chunk.iter().map(|_| Mutex::new(None)).collect();
        let next = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for stems in ctx.stems.iter().take(chunk.len()) {
                let (next, slots) = (&next, &slots);
                s.spawn(move || {
                    let mut stems = stems.lock().unwrap_or_else(|e| e.into_inner());
                    loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(p) = chunk.get(i) else { break };
                        let prepared = self.prepare(p, ctx, &mut stems);
                        *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(prepared);
                    }
                });
            }
        });
        slots
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
            .collect()
    }

    /// First half of adding a file: its outcome if it fails or is a duplicate; otherwise it
    /// is marked pending and written to the store (not yet synced), and the catalogue row to
    /// commit once the chunk's files are durable is returned with it. `staged` holds the hashes
    /// staged earlier in the same chunk, so a file given twice is a duplicate of the first.
    fn stage(&self, p: Prepared, staged: &mut HashSet<String>) -> Result<Staged> {
        let (doc, c, records) = match p.result {
            Ok(x) => x,
            Err(e) => return Ok(Staged::done(IngestOutcome::failed(&p.path, &e))),
        };
        let mut out = IngestOutcome::new(&p.path, Outcome::Duplicate);
        // (The lookup is bound first: a guard in an `if let` head would live through the body.)
        let found = self.cat().find_sha(&p.sha256)?;
        if let Some((id, trashed)) = found {
            let existing = self.cat().get(id)?;
            out.in_trash = trashed;
            fill_from_document(&mut out, &existing);
            return Ok(Staged::done(out));
        }
        if staged.contains(&p.sha256) {
            return Ok(Staged {
                out,
                new: None,
                duplicate_of: Some(p.sha256),
            });
        }
        let new = new_document(&p.sha256, p.bytes.len(), out.file_name.clone(), doc, c);
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
                return Ok(Staged::done(IngestOutcome::failed(&p.path, &e)));
            }
        }
        // Mark, then store: a kill before the row commits is repaired on the next open.
        self.cat().add_pending(&p.sha256)?;
        self.store.put_unsynced(&p.sha256, &p.bytes)?;
        staged.insert(p.sha256);
        Ok(Staged {
            out,
            new: Some((new, records)),
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
        let Some((new, records)) = staged.new else {
            return Ok(out);
        };
        // The document, its pages and the records read out of its text (issue 15), in one
        // transaction.
        let id = self.cat().insert_document_with(&new, Some(&records))?;
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
        out.outcome = Outcome::Added;
        out.id = Some(id);
        out.title = Some(new.title);
        out.kind = Some(new.kind);
        out.cycle = new.cycle;
        out.session = session;
        out.lang = Some(new.lang);
        out.status = Some(new.status);
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
}

/// The catalogue row of a new document, from what extraction and classification found.
fn new_document(
    sha256: &str,
    size: usize,
    file_name: String,
    doc: pdf::Document,
    c: classify::Classification,
) -> NewDocument {
    NewDocument {
        sha256: sha256.to_string(),
        file_name,
        size: size as i64,
        title: c.title.value.clone(),
        kind: c.kind.value,
        cycle: c.cycle.as_ref().map(|g| g.value),
        session_id: c.session.as_ref().map(|g| g.value),
        lang: c.lang.value,
        date: c.date.as_ref().map(|g| g.value),
        status: doc_status(&doc.pages),
        sources: Sources::from(&c),
        unknown_session_date: c.unknown_session_date,
        producer: doc.info.producer.clone(),
        pages: doc
            .pages
            .into_iter()
            .map(|pg| (pg.status, pg.text))
            .collect(),
    }
}
