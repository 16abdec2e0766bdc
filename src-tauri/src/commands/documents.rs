//! Commands over documents: lists, search, facets, a document and its pages, corrections and
//! the trash.

use chrono::NaiveDate;
use ogp_archive::Expansion;
use ogp_archive::{
    ocr, DocumentInfo, DocumentRow, Facets, Filter, Kind, Lang, Patch, SearchHit, SearchOptions,
};
use serde::{Deserialize, Deserializer, Serialize};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_documents(
    state: State<'_, AppState>,
    filter: Option<Filter>,
) -> CmdResult<Vec<DocumentRow>> {
    let docs = state.archive()?.list(&filter.unwrap_or_default())?;
    Ok(docs.into_iter().map(DocumentRow::from).collect())
}

#[tauri::command(async)]
pub fn list_trash(state: State<'_, AppState>) -> CmdResult<Vec<DocumentRow>> {
    Ok(state
        .archive()?
        .trash()?
        .into_iter()
        .map(DocumentRow::from)
        .collect())
}

/// What a search gives the page: the hits (each with `via_glossary` when found only through
/// the glossary), the corrected query when little was found ("Vai domājāt"), and what the
/// glossary also searched in the other language (the same object as `search --json`).
#[derive(Serialize)]
pub struct SearchResult {
    hits: Vec<SearchHit>,
    suggestion: Option<String>,
    expanded: Vec<Expansion>,
}

#[tauri::command(async)]
pub fn search(
    state: State<'_, AppState>,
    query: String,
    filter: Option<Filter>,
    limit: Option<usize>,
) -> CmdResult<SearchResult> {
    let filter = filter.unwrap_or_default();
    let outcome = state.archive()?.search_with(
        &query,
        &filter,
        limit.unwrap_or(100),
        SearchOptions::default(),
    )?;
    Ok(SearchResult {
        hits: outcome.hits,
        suggestion: outcome.suggestion.map(|s| s.query),
        expanded: outcome.expansions,
    })
}

#[tauri::command(async)]
pub fn facets(state: State<'_, AppState>, query: String) -> CmdResult<Facets> {
    Ok(state.archive()?.facets(&query)?)
}

#[tauri::command(async)]
pub fn get_document(state: State<'_, AppState>, id: i64) -> CmdResult<DocumentInfo> {
    Ok(state.archive()?.get(id)?)
}

/// A citation of a document at a page (the "Citēt" button): `format` is text, bibtex, ris or
/// csl-json.
#[tauri::command(async)]
pub fn cite_document(
    state: State<'_, AppState>,
    id: i64,
    page: Option<i64>,
    format: String,
) -> CmdResult<String> {
    let format: ogp_archive::cite::CiteFormat = format.parse()?;
    Ok(ogp_archive::cite::cite_document(
        &*state.archive()?,
        id,
        page,
        format,
    )?)
}

#[derive(Serialize)]
pub struct PageText {
    page: i64,
    status: String,
    text: String,
}

#[tauri::command(async)]
pub fn document_pages(state: State<'_, AppState>, id: i64) -> CmdResult<Vec<PageText>> {
    let pages = state.archive()?.pages(id)?;
    Ok(pages
        .into_iter()
        .map(|(page, status, text)| PageText { page, status, text })
        .collect())
}

/// A recognised page's words with their boxes (empty for pages that were not OCR'd).
#[tauri::command(async)]
pub fn page_words(state: State<'_, AppState>, id: i64, page: i64) -> CmdResult<Vec<ocr::Word>> {
    Ok(state.archive()?.page_words(id, page)?)
}

/// `null` in JSON is "clear", a missing key is "leave alone".
pub fn clearable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A correction from the UI. Unlike [`Patch`]'s own serde form, `"cycle": null` clears.
#[derive(Debug, Default, Deserialize)]
pub struct PatchInput {
    title: Option<String>,
    kind: Option<Kind>,
    #[serde(default, deserialize_with = "clearable")]
    cycle: Option<Option<i64>>,
    #[serde(default, deserialize_with = "clearable")]
    session: Option<Option<NaiveDate>>,
    lang: Option<Lang>,
    #[serde(default, deserialize_with = "clearable")]
    date: Option<Option<NaiveDate>>,
}

impl From<PatchInput> for Patch {
    fn from(p: PatchInput) -> Patch {
        Patch {
            title: p.title,
            kind: p.kind,
            cycle: p.cycle,
            session: p.session,
            lang: p.lang,
            date: p.date,
        }
    }
}

#[tauri::command(async)]
pub fn set_documents(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    patch: PatchInput,
) -> CmdResult<()> {
    Ok(state.archive()?.set(&ids, &patch.into())?)
}

#[tauri::command(async)]
pub fn trash_documents(state: State<'_, AppState>, ids: Vec<i64>) -> CmdResult<()> {
    Ok(state.archive()?.remove(&ids)?)
}

#[tauri::command(async)]
pub fn restore_documents(state: State<'_, AppState>, ids: Vec<i64>) -> CmdResult<()> {
    Ok(state.archive()?.restore(&ids)?)
}

#[tauri::command(async)]
pub fn empty_trash(state: State<'_, AppState>) -> CmdResult<usize> {
    Ok(state.archive()?.empty_trash()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch_null_clears_missing_leaves() {
        let p: Patch = serde_json::from_str::<PatchInput>(r#"{"cycle": null, "kind": "plan"}"#)
            .unwrap()
            .into();
        assert_eq!(p.cycle, Some(None));
        assert_eq!(p.session, None);
        assert_eq!(p.kind, Some(Kind::Plan));
        let p: Patch =
            serde_json::from_str::<PatchInput>(r#"{"cycle": 5, "session": "2023-03-21"}"#)
                .unwrap()
                .into();
        assert_eq!(p.cycle, Some(Some(5)));
        assert_eq!(p.session, Some(NaiveDate::from_ymd_opt(2023, 3, 21)));
    }
}
