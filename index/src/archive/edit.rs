//! Changes a user makes: corrections, the trash, cycles and sessions. Each takes the write
//! lock and brings the index entries of the documents it touched in line at once.

use chrono::NaiveDate;

use super::Archive;
use crate::error::{Error, Result};
use crate::model::Patch;

impl Archive {
    /// Corrects documents; the correction wins over later guesses and search sees it at once.
    pub fn set(&self, ids: &[i64], patch: &Patch) -> Result<()> {
        if patch.is_empty() {
            return Err(Error::Invalid("nothing to change".into()));
        }
        let _g = self.write_lock()?;
        // a new date, session or kind moves a presentation to another meeting's agenda
        let mut days = self.cat().dates_of(ids)?;
        self.cat().apply_patch(ids, patch)?;
        self.reindex_unlocked(ids)?;
        days.extend(self.cat().dates_of(ids)?);
        days.dedup();
        self.link_agenda(&days)?;
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
}
