//! Keeping the three parts of an archive consistent: the repair when it is opened (what a
//! killed process left), the deferred rebuild of the search index ([`Archive::catch_up_index`]),
//! bringing index entries in line with the catalogue after any change, and the fixity check
//! ([`Archive::verify`]).

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{lock_file, Archive};
use crate::error::{Error, Result};
use crate::progress::{Progress, VerifyReport};
use crate::search::IndexDoc;

/// `open_deferring_index` (about a second of work).
pub(super) const SYNC_REINDEX_MAX: usize = 300;

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

impl Archive {
    pub(super) fn repair(
        &self,
        index_created: bool,
        defer_above: Option<usize>,
    ) -> Result<Repairs> {
        let mut r = Repairs::default();
        // Another process is writing: it owns repairs; we read the last committed state.
        let Ok(file) = lock_file(&self.dir.join("write.lock")) else {
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
    pub(super) fn reindex_unlocked(&self, ids: &[i64]) -> Result<usize> {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Filter;

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
