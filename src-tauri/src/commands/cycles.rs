//! Commands over plan cycles and council sessions.

use chrono::NaiveDate;
use ogp_archive::{Cycle, Session};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_cycles(state: State<'_, AppState>) -> CmdResult<Vec<Cycle>> {
    Ok(state.archive()?.cycles()?)
}

#[tauri::command(async)]
pub fn list_sessions(state: State<'_, AppState>, cycle: Option<i64>) -> CmdResult<Vec<Session>> {
    Ok(state.archive()?.sessions(cycle)?)
}

/// Adds a cycle, or changes the years and title of an existing one (rename).
#[tauri::command(async)]
pub fn save_cycle(
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
pub fn delete_cycle(state: State<'_, AppState>, number: i64) -> CmdResult<()> {
    Ok(state.archive()?.delete_cycle(number)?)
}

#[tauri::command(async)]
pub fn add_session(
    state: State<'_, AppState>,
    cycle: i64,
    date: NaiveDate,
    title: String,
) -> CmdResult<i64> {
    Ok(state.archive()?.add_session(cycle, date, title.trim())?)
}

#[tauri::command(async)]
pub fn rename_session(state: State<'_, AppState>, id: i64, title: String) -> CmdResult<()> {
    Ok(state.archive()?.rename_session(id, title.trim())?)
}

#[tauri::command(async)]
pub fn delete_session(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(state.archive()?.delete_session(id)?)
}
