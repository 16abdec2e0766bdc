//! The bundle's offline page: `index.html` with its script and style (`assets/`), and
//! `search-data.js`, the cycle's documents, sessions and page texts as one script. It lists
//! the documents by session with their metadata, opens each PDF (at the hit's page), shows the
//! meetings and commitments when the export has them, and searches the page texts in
//! Latvian with or without diacritics — all from the file system, with no server and no
//! network: browsers refuse `fetch()` on `file://` pages, so the data is a `<script>` that sets
//! `window.OGP_BUNDLE`.
//!
//! The page's files live in `index/assets/offline/` and are compiled in with `include_str!`;
//! the search itself is `assets/offline/search.js`, on the desktop UI's folding and endings.
//! This module only gathers the data and lays out the files; the bag writer stores them.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Cycle, DocumentInfo, Kind, Lang, Session};

macro_rules! asset {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/offline/",
            $name
        ))
    };
}

/// The page's fixed files: (path relative to the bundle's `data/`, content).
pub const ASSETS: [(&str, &str); 4] = [
    ("index.html", asset!("index.html")),
    ("assets/offline.css", asset!("offline.css")),
    ("assets/search.js", asset!("search.js")),
    ("assets/offline.js", asset!("offline.js")),
];

/// Where the data script goes, beside `index.html`.
pub const DATA_SCRIPT: &str = "search-data.js";

/// The cycle as the page heads it.
#[derive(Clone, Debug, Serialize)]
pub struct SiteCycle {
    pub number: i64,
    pub years: String,
    pub title: String,
    /// `OGP 5. cikls (2022–2025)`.
    pub label: String,
}

impl From<&Cycle> for SiteCycle {
    fn from(c: &Cycle) -> SiteCycle {
        SiteCycle {
            number: c.number,
            years: format!("{}–{}", c.start_year, c.end_year),
            title: c.title.clone(),
            label: format!("OGP {}. cikls ({}–{})", c.number, c.start_year, c.end_year),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SiteSession {
    pub date: NaiveDate,
    pub title: String,
}

/// A document as the page lists it; `path` and `text` are relative to `index.html`.
#[derive(Clone, Debug, Serialize)]
pub struct SiteDocument {
    pub id: i64,
    pub title: String,
    pub file_name: String,
    pub kind: Kind,
    pub session: Option<NaiveDate>,
    pub lang: Lang,
    pub date: Option<NaiveDate>,
    pub pages: i64,
    pub size: i64,
    pub sha256: String,
    /// The PDF, e.g. `2023-03-21/2023-03-21_sedes_protokols.pdf`.
    pub path: String,
    /// The page texts, `text/<id>.txt`.
    pub text: String,
}

impl SiteDocument {
    pub fn new(d: &DocumentInfo, path: String) -> SiteDocument {
        SiteDocument {
            id: d.id,
            title: d.title.clone(),
            file_name: d.file_name.clone(),
            kind: d.kind,
            session: d.session,
            lang: d.lang,
            date: d.date,
            pages: d.pages,
            size: d.size,
            sha256: d.sha256.clone(),
            path,
            text: text_path(d.id),
        }
    }
}

/// Everything `search-data.js` carries.
#[derive(Clone, Debug, Serialize)]
pub struct SiteData {
    pub cycle: SiteCycle,
    /// `YYYY-MM-DD HH:MM UTC`.
    pub exported_at: String,
    pub sessions: Vec<SiteSession>,
    pub documents: Vec<SiteDocument>,
    /// `[document id, page (1-based), text]`, every page of every document.
    pub pages: Vec<(i64, i64, String)>,
    /// The meetings' records when the archive has them (`null` otherwise; the page then
    /// leaves their section out). Any JSON: the page shows whatever fields they have.
    pub meetings: Option<serde_json::Value>,
    pub commitments: Option<serde_json::Value>,
}

impl SiteData {
    pub fn new(cycle: &Cycle, sessions: &[Session], exported_at: String) -> SiteData {
        SiteData {
            cycle: cycle.into(),
            exported_at,
            sessions: sessions
                .iter()
                .map(|s| SiteSession {
                    date: s.date,
                    title: s.title.clone(),
                })
                .collect(),
            documents: Vec::new(),
            pages: Vec::new(),
            meetings: None,
            commitments: None,
        }
    }
}

/// `text/<id>.txt`, relative to `data/`.
pub fn text_path(id: i64) -> String {
    format!("text/{id}.txt")
}

/// A document's page texts as one file, each page ending in a form feed (as `pdftotext` and
/// `ogp-archive extract` write them).
pub fn page_text_file<'a>(pages: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for p in pages {
        out.push_str(p);
        out.push('\u{c}');
    }
    out
}

/// `search-data.js`: `window.OGP_BUNDLE = {…};`. JSON is a JavaScript expression; U+2028 and
/// U+2029 are escaped as well, for engines older than ES2019 that end a string at them.
pub fn data_script(data: &SiteData) -> serde_json::Result<String> {
    let json = serde_json::to_string(data)?
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    Ok(format!(
        "// The bundle's documents and page texts for index.html (a script, so that it loads from file://).\nwindow.OGP_BUNDLE = {json};\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cycle() -> Cycle {
        Cycle {
            number: 5,
            start_year: 2022,
            end_year: 2025,
            title: "Piektais plāns".into(),
            documents: 1,
        }
    }

    #[test]
    fn the_page_loads_its_data_and_scripts_by_relative_path() {
        let html = ASSETS[0].1;
        for (path, _) in &ASSETS[1..] {
            assert!(html.contains(&format!("\"{path}\"")), "{path}");
        }
        assert!(html.contains(&format!("<script src=\"{DATA_SCRIPT}\">")));
        // Nothing from the network: no absolute URLs in any asset.
        for (path, text) in ASSETS {
            assert!(
                !text.contains("http://") && !text.contains("https://"),
                "{path}"
            );
            assert!(!text.contains("fetch("), "{path}");
        }
    }

    #[test]
    fn the_data_script_is_one_assignment_with_every_page() {
        let mut data = SiteData::new(&cycle(), &[], "2026-12-04 15:00 UTC".into());
        data.pages
            .push((1, 1, "Līdzdalības budžets\u{2028}</script>".into()));
        let js = data_script(&data).unwrap();
        let json = js
            .lines()
            .find_map(|l| l.strip_prefix("window.OGP_BUNDLE = "))
            .and_then(|l| l.strip_suffix(';'))
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(v["pages"][0][2], "Līdzdalības budžets\u{2028}</script>");
        assert_eq!(v["cycle"]["label"], "OGP 5. cikls (2022–2025)");
        assert!(v["meetings"].is_null());
        assert!(!js.contains('\u{2028}'));
    }

    #[test]
    fn page_texts_end_each_page_with_a_form_feed() {
        assert_eq!(page_text_file(["a", "", "b"]), "a\u{c}\u{c}b\u{c}");
        assert_eq!(text_path(12), "text/12.txt");
    }
}
