//! Commands over the records read out of the documents (issue 15): a meeting by its date, the
//! decisions found by words, a cycle's commitments, one commitment with its thread across
//! documents and cycles, and the people listed in meetings. Each is a call of the
//! [`ogp_archive::Archive`] method of the same name; the JSON is the library's (as the CLI's
//! `--json` prints it).

use chrono::NaiveDate;
use ogp_archive::{CommitmentView, DecisionRow, MeetingView, PersonView, ThreadEntry};
use serde::Serialize;
use tauri::State;

use crate::error::{CmdResult, UiError};
use crate::state::AppState;

/// The meeting held on `date` (a session's date), or `null` when no protocol of that day was
/// read.
#[tauri::command(async)]
pub fn meeting(state: State<'_, AppState>, date: NaiveDate) -> CmdResult<Option<MeetingView>> {
    Ok(state.archive()?.meeting(date)?)
}

/// Decisions with every word of `query` (diacritics and endings optional), of one cycle or all,
/// by date.
#[tauri::command(async)]
pub fn decisions(
    state: State<'_, AppState>,
    query: Option<String>,
    cycle: Option<i64>,
) -> CmdResult<Vec<DecisionRow>> {
    let query = query.as_deref().map(str::trim).filter(|q| !q.is_empty());
    Ok(state.archive()?.decisions(query, cycle)?)
}

/// The commitments of one cycle (or all), each with its latest completion rating.
#[tauri::command(async)]
pub fn commitments(
    state: State<'_, AppState>,
    cycle: Option<i64>,
) -> CmdResult<Vec<CommitmentView>> {
    Ok(state.archive()?.commitments(cycle)?)
}

/// A commitment and its thread, as `ogp-archive commitment ID --json` prints it.
#[derive(Serialize)]
pub struct CommitmentThread {
    commitment: CommitmentView,
    thread: Vec<ThreadEntry>,
}

/// Commitment `id` (`4.3`, or an OGP id such as `LV0040`) with its thread in date order.
#[tauri::command(async)]
pub fn commitment(state: State<'_, AppState>, id: String) -> CmdResult<CommitmentThread> {
    match state.archive()?.commitment(&id)? {
        Some((commitment, thread)) => Ok(CommitmentThread { commitment, thread }),
        None => Err(UiError::new(
            "no-such-commitment",
            &format!("nav apņemšanās {id}"),
            &format!("no commitment {id}"),
        )),
    }
}

/// People listed in meetings (narrowed by `query`), each with the meetings they are listed in.
#[tauri::command(async)]
pub fn people(state: State<'_, AppState>, query: Option<String>) -> CmdResult<Vec<PersonView>> {
    let query = query.as_deref().map(str::trim).filter(|q| !q.is_empty());
    Ok(state.archive()?.people(query)?)
}
