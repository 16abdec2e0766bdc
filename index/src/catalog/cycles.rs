//! Plan cycles and council sessions in the catalogue.

use chrono::NaiveDate;
use rusqlite::params;

use super::*;

impl Catalog {
    pub fn cycles(&self) -> Result<Vec<Cycle>> {
        let mut st = self.conn.prepare_cached(
            "SELECT c.number, c.start_year, c.end_year, c.title,
                (SELECT count(*) FROM documents d WHERE d.cycle = c.number AND d.trashed_at IS NULL)
             FROM cycles c ORDER BY c.number DESC",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Cycle {
                number: r.get(0)?,
                start_year: r.get(1)?,
                end_year: r.get(2)?,
                title: r.get(3)?,
                documents: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn cycle(&self, number: i64) -> Result<Cycle> {
        self.cycles()?
            .into_iter()
            .find(|c| c.number == number)
            .ok_or(Error::NoSuchCycle(number))
    }

    pub fn add_cycle(
        &self,
        number: i64,
        start_year: i32,
        end_year: i32,
        title: &str,
    ) -> Result<()> {
        if number < 1 || start_year > end_year {
            return Err(Error::Invalid(format!(
                "cycle {number}: {start_year}–{end_year}"
            )));
        }
        self.conn.execute(
            "INSERT INTO cycles (number, start_year, end_year, title) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(number) DO UPDATE SET start_year = excluded.start_year,
                end_year = excluded.end_year, title = excluded.title",
            params![number, start_year, end_year, title],
        )?;
        Ok(())
    }

    /// Deletes an empty cycle (one with no documents or sessions).
    pub fn delete_cycle(&self, number: i64) -> Result<()> {
        let c = self.cycle(number)?;
        let sessions: i64 = self.conn.query_row(
            "SELECT count(*) FROM sessions WHERE cycle = ?1",
            [number],
            |r| r.get(0),
        )?;
        let any_docs: i64 = self.conn.query_row(
            "SELECT count(*) FROM documents WHERE cycle = ?1",
            [number],
            |r| r.get(0),
        )?;
        if any_docs > 0 || sessions > 0 {
            return Err(Error::Invalid(format!(
                "cycle {} still has {} documents and {sessions} sessions",
                c.number, any_docs
            )));
        }
        self.conn
            .execute("DELETE FROM cycles WHERE number = ?1", [number])?;
        Ok(())
    }

    pub fn sessions(&self, cycle: Option<i64>) -> Result<Vec<Session>> {
        let mut st = self.conn.prepare_cached(
            "SELECT s.id, s.cycle, s.date, s.title,
                (SELECT count(*) FROM documents d WHERE d.session_id = s.id AND d.trashed_at IS NULL)
             FROM sessions s WHERE ?1 IS NULL OR s.cycle = ?1 ORDER BY s.date DESC",
        )?;
        let rows = st.query_map([cycle], |r| {
            let date: String = r.get(2)?;
            Ok(Session {
                id: r.get(0)?,
                cycle: r.get(1)?,
                date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap_or_default(),
                title: r.get(3)?,
                documents: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn session_by_date(&self, date: NaiveDate) -> Result<Session> {
        self.sessions(None)?
            .into_iter()
            .find(|s| s.date == date)
            .ok_or_else(|| Error::NoSuchSession(date.to_string()))
    }

    pub fn add_session(&self, cycle: i64, date: NaiveDate, title: &str) -> Result<i64> {
        self.cycle(cycle)?;
        self.conn.execute(
            "INSERT INTO sessions (cycle, date, title) VALUES (?1, ?2, ?3)",
            params![cycle, date.to_string(), title],
        )?;
        let id = self.conn.last_insert_rowid();
        // Documents that stated this meeting date but had no session to land in now do.
        self.conn.execute(
            "UPDATE documents SET session_id = ?1, cycle = ?2, src_session = 'text',
                unknown_session_date = NULL, indexed = 0
             WHERE unknown_session_date = ?3 AND session_id IS NULL
                AND instr(corrected, 'session') = 0",
            params![id, cycle, date.to_string()],
        )?;
        Ok(id)
    }

    pub fn rename_session(&self, id: i64, title: &str) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE sessions SET title = ?2 WHERE id = ?1",
            params![id, title],
        )?;
        if n == 0 {
            return Err(Error::NoSuchSession(id.to_string()));
        }
        Ok(())
    }

    /// Deletes a session; its documents stay in the cycle without a session. Returns their ids.
    pub fn delete_session(&self, id: i64) -> Result<Vec<i64>> {
        let ids = self.ids_where("session_id = ?1", [id])?;
        self.conn.execute(
            "UPDATE documents SET session_id = NULL, indexed = 0 WHERE session_id = ?1",
            [id],
        )?;
        self.conn
            .execute("DELETE FROM sessions WHERE id = ?1", [id])?;
        Ok(ids)
    }

    pub(super) fn ids_where<P: rusqlite::Params>(&self, cond: &str, p: P) -> Result<Vec<i64>> {
        let mut st = self
            .conn
            .prepare(&format!("SELECT id FROM documents WHERE {cond}"))?;
        let rows = st.query_map(p, |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
