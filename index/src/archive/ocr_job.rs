//! The OCR job: pages flagged `no-text-layer` / `unreadable-text` are queued in the catalogue,
//! and [`Archive::run_ocr`] recognises them, one Tesseract process per core, without the write
//! lock (taken only to store each result). [`Archive::run_ocr_queue`] runs passes until the
//! queue is empty: the desktop app's background job and the CLI both call it.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::{lock_file, quietly, Archive, WriteGuard};
use crate::catalog::{Guesses, OcrTask};
use crate::classify;
use crate::error::{Error, Result};
use crate::model::Sources;
use crate::ocr;
use crate::progress::{OcrCounts, OcrPageOutcome, OcrStatus, OcrSummary, Progress};

/// A page a worker read (or could not): its task's index and the engine's result.
type Recognition = (usize, std::result::Result<ocr::Recognized, ocr::PageError>);

impl Archive {
    /// Pages queued, done and failed for OCR, over documents not in the trash.
    pub fn ocr_counts(&self) -> Result<OcrCounts> {
        self.cat().ocr_counts()
    }

    /// How many pages wait for OCR, are done or failed, and whether the engine is here.
    pub fn ocr_status(&self) -> Result<OcrStatus> {
        let OcrCounts {
            queued,
            done,
            failed,
        } = self.cat().ocr_counts()?;
        let running = lock_file(&self.dir.join("ocr.lock"))
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

    /// Runs [`Archive::run_ocr`] pass after pass until a pass finds no page left: pages queued
    /// while a pass runs (a new ingest) are taken before it stops. The summary covers every
    /// pass; `progress` counts each pass from zero.
    pub fn run_ocr_queue(
        &self,
        engine: &ocr::Engine,
        ids: Option<&[i64]>,
        progress: &mut dyn FnMut(&Progress, Option<&OcrPageOutcome>),
        cancel: &AtomicBool,
    ) -> Result<OcrSummary> {
        let mut summary = OcrSummary::default();
        while !cancel.load(Ordering::SeqCst) {
            let pass = self.run_ocr(engine, ids, progress, cancel)?;
            let pages = pass.pages();
            summary.absorb(pass);
            if pages == 0 {
                break;
            }
        }
        Ok(summary)
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
        let lock = lock_file(&self.dir.join("ocr.lock"))?;
        if lock.try_lock().is_err() {
            return Err(Error::OcrBusy);
        }
        let tasks = self.cat().ocr_queue(ids)?;
        if tasks.is_empty() {
            return Ok(OcrSummary::default());
        }
        let workers = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(tasks.len());
        progress(
            &Progress {
                done: 0,
                total: tasks.len(),
                current: format!("{} — {}. lpp.", tasks[0].file_name, tasks[0].page),
            },
            None,
        );
        let next = AtomicUsize::new(0);
        let (tx, rx) = mpsc::channel::<Recognition>();
        let mut summary = std::thread::scope(|s| {
            for _ in 0..workers {
                let tx = tx.clone();
                let (tasks, next) = (&tasks, &next);
                s.spawn(move || self.recognize_pages(engine, tasks, next, cancel, tx));
            }
            drop(tx);
            self.commit_pages(engine, &tasks, rx, progress, cancel)
        })?;
        summary.seconds = start.elapsed().as_secs_f64();
        drop(lock);
        Ok(summary)
    }

    /// One worker: takes the next task until none is left (or the job is cancelled) and sends
    /// what the engine read. A document's PDF is parsed once for its consecutive pages.
    fn recognize_pages(
        &self,
        engine: &ocr::Engine,
        tasks: &[OcrTask],
        next: &AtomicUsize,
        cancel: &AtomicBool,
        tx: mpsc::Sender<Recognition>,
    ) {
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
    }

    /// Stores each page the workers read, in the order they finish, and makes documents
    /// searchable: when their last page is done, and at least every few seconds while a long
    /// scan is being read.
    fn commit_pages(
        &self,
        engine: &ocr::Engine,
        tasks: &[OcrTask],
        rx: mpsc::Receiver<Recognition>,
        progress: &mut dyn FnMut(&Progress, Option<&OcrPageOutcome>),
        cancel: &AtomicBool,
    ) -> Result<OcrSummary> {
        let mut summary = OcrSummary::default();
        let mut left_per_doc: HashMap<i64, usize> = HashMap::new();
        for t in tasks {
            *left_per_doc.entry(t.doc_id).or_default() += 1;
        }
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
            let doc_finished = *left == 0;
            if !dirty.is_empty() && (doc_finished || last_flush.elapsed() > Duration::from_secs(5))
            {
                let _guard = self.write_lock_patiently(cancel)?;
                if doc_finished && outcome.error.is_none() {
                    self.reclassify_after_ocr(t.doc_id)?;
                    self.reextract_records_unlocked(t.doc_id)?;
                }
                self.reindex_unlocked(&dirty)?;
                dirty.clear();
                last_flush = Instant::now();
            }
            progress(
                &Progress {
                    done: done + 1,
                    total: tasks.len(),
                    current: format!("{} — {}. lpp.", t.file_name, t.page),
                },
                Some(&outcome),
            );
        }
        if !dirty.is_empty() {
            let _guard = self.write_lock_patiently(cancel)?;
            self.reindex_unlocked(&dirty)?;
        }
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
        let sources = Sources::from(&c);
        cat.apply_guesses(
            id,
            &Guesses {
                title: (c.title.value, sources.title),
                kind: (c.kind.value, sources.kind),
                lang: (c.lang.value, sources.lang),
                cycle: (c.cycle.map(|g| g.value), sources.cycle),
                session: (c.session.map(|g| g.value), sources.session),
                date: (c.date.map(|g| g.value), sources.date),
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
        quietly(|| lopdf::Document::load_mem_with_options(&bytes, opts).ok())
            .flatten()
            .filter(|d| !d.is_encrypted())
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
        t: &OcrTask,
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
}
