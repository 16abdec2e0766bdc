//! Related documents for the document view's "Līdzīgi dokumenti" list: the core's
//! [`ogp_archive::Archive::similar`] (the protocols of a presentation's session, the protocols
//! that discussed a plan), each as a list row with its score.

use ogp_archive::DocumentRow;
use serde::Serialize;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// One related document: its list row and how related it is (higher is closer).
#[derive(Serialize)]
pub struct Related {
    #[serde(flatten)]
    doc: DocumentRow,
    score: f32,
}

/// Documents related to document `id`, most related first (at most `limit`, default 8).
#[tauri::command(async)]
pub fn similar_documents(
    state: State<'_, AppState>,
    id: i64,
    limit: Option<usize>,
) -> CmdResult<Vec<Related>> {
    Ok(state
        .archive()?
        .similar(id, limit.unwrap_or(8))?
        .into_iter()
        .map(|(doc, score)| Related { doc, score })
        .collect())
}
