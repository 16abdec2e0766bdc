//! The data the archive hands out: documents, cycles, sessions, filters and corrections.
//! Everything here crosses a boundary (CLI JSON, the desktop UI), so it is all serde; the
//! enums keep the names the JSON has always had (`plan`, `lv`, `file_name`, `no-text-layer`).

use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use strum::{Display, IntoStaticStr, VariantArray};

/// What a document is.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Display,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Kind {
    Plan,
    Protocol,
    Presentation,
    Evaluation,
    Declaration,
    Survey,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Plan,
        Kind::Protocol,
        Kind::Presentation,
        Kind::Evaluation,
        Kind::Declaration,
        Kind::Survey,
        Kind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl FromStr for Kind {
    type Err = String;

    /// `plan`, `protocol`, … (any case, surrounding spaces ignored).
    fn from_str(s: &str) -> Result<Self, String> {
        parse_name(s, "kind")
    }
}

/// The language of a document.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Display,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Lang {
    Lv,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl FromStr for Lang {
    type Err = String;

    /// `lv` or `en` (any case, surrounding spaces ignored).
    fn from_str(s: &str) -> Result<Self, String> {
        parse_name(s, "language")
    }
}

/// Where a guess came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Source {
    FileName,
    Text,
    PdfTitle,
    Default,
}

impl Source {
    /// The name a catalogue row and [`Sources`] keep for it.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The name of a guess's source, or `""` when there was no guess.
    pub fn name_of(source: Option<Source>) -> String {
        source.map(Source::as_str).unwrap_or("").to_string()
    }
}

/// Whether a document's text could be read: `ok`, `no-text-layer` (a scan) or
/// `unreadable-text` on at least one page, or `ocr` once its flagged pages were all
/// recognised.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Display,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum DocStatus {
    Ok,
    NoTextLayer,
    UnreadableText,
    Ocr,
}

impl DocStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl FromStr for DocStatus {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        parse_name(s, "document status")
    }
}

/// A national action plan cycle. Data, not code: users add a sixth.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Cycle {
    pub number: i64,
    pub start_year: i32,
    pub end_year: i32,
    pub title: String,
    /// Documents in the cycle (not counting the trash).
    pub documents: i64,
}

/// A council session or working-group meeting of a cycle.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Session {
    pub id: i64,
    pub cycle: i64,
    pub date: NaiveDate,
    pub title: String,
    pub documents: i64,
}

/// Where each guess about a document came from: `file_name`, `text`, `pdf_title`, `default`,
/// or `user` for a correction.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Sources {
    pub title: String,
    pub kind: String,
    pub cycle: String,
    pub session: String,
    pub lang: String,
    pub date: String,
}

/// A catalogued document.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct DocumentInfo {
    pub id: i64,
    pub title: String,
    /// The file's original name as it was ingested.
    pub file_name: String,
    pub kind: Kind,
    pub cycle: Option<i64>,
    /// The session's date, `YYYY-MM-DD`.
    pub session: Option<NaiveDate>,
    pub session_id: Option<i64>,
    pub lang: Lang,
    /// The document's own date (meeting date, or the first date it states).
    pub date: Option<NaiveDate>,
    pub pages: i64,
    pub size: i64,
    pub sha256: String,
    pub status: DocStatus,
    /// Page numbers (1-based) that still have no text layer or unreadable text.
    pub flagged_pages: Vec<i64>,
    /// The OCR state of every page that needed it (filled by `get`; empty in lists).
    #[serde(default)]
    pub ocr_pages: Vec<OcrPage>,
    pub added_at: String,
    pub trashed_at: Option<String>,
    pub sources: Sources,
    /// Fields a user corrected; later guesses never overwrite them.
    pub corrected: Vec<String>,
    /// A meeting date stated in the document that matches no known session.
    pub unknown_session_date: Option<NaiveDate>,
    pub producer: Option<String>,
}

/// A document as a row of a list shows it: what the desktop list and its sidebar counts
/// need. A list of thousands crosses into the web page at start, and the whole
/// [`DocumentInfo`] is four times the JSON (8 MB at 10,000 documents).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct DocumentRow {
    pub id: i64,
    pub title: String,
    pub file_name: String,
    pub kind: Kind,
    pub cycle: Option<i64>,
    pub session: Option<NaiveDate>,
    pub lang: Lang,
    pub date: Option<NaiveDate>,
    pub pages: i64,
}

impl From<DocumentInfo> for DocumentRow {
    fn from(d: DocumentInfo) -> DocumentRow {
        DocumentRow {
            id: d.id,
            title: d.title,
            file_name: d.file_name,
            kind: d.kind,
            cycle: d.cycle,
            session: d.session,
            lang: d.lang,
            date: d.date,
            pages: d.pages,
        }
    }
}

/// Where a page that needed OCR stands.
#[derive(
    Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, IntoStaticStr, VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum OcrState {
    Queued,
    /// Recognised.
    Done,
    Failed,
}

impl FromStr for OcrState {
    type Err = String;

    /// The catalogue's `queued`, `done` or `failed`.
    fn from_str(s: &str) -> Result<Self, String> {
        parse_name(s, "OCR state")
    }
}

/// The variant of `T` named `s` (any case, surrounding spaces ignored), the names being the
/// ones the JSON and the catalogue use (strum's, kept equal to serde's by the same
/// `rename_all`). A hand-written `FromStr` because strum's says only "Matching variant not
/// found", where a user typing `--kind minutes` should see the names there are.
fn parse_name<T>(s: &str, what: &str) -> Result<T, String>
where
    T: VariantArray + Copy + Into<&'static str>,
{
    let t = s.trim();
    T::VARIANTS
        .iter()
        .copied()
        .find(|v| (*v).into().eq_ignore_ascii_case(t))
        .ok_or_else(|| {
            let names: Vec<&str> = T::VARIANTS.iter().map(|v| (*v).into()).collect();
            format!("unknown {what} {t:?} (expected {})", names.join(", "))
        })
}

/// A page that needed OCR: queued, done (with its confidence) or failed (with why).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct OcrPage {
    pub page: i64,
    pub state: OcrState,
    /// Mean word confidence, 0–100.
    pub confidence: Option<f32>,
    pub error: Option<String>,
}

/// Filters shared by `list` and `search`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Filter {
    pub cycle: Option<i64>,
    pub session: Option<NaiveDate>,
    pub kind: Option<Kind>,
    pub lang: Option<Lang>,
    /// Only documents without a session (combine with `cycle`).
    #[serde(default)]
    pub without_session: bool,
}

/// A correction of one or more documents. `Some(None)` clears a cycle or session.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Patch {
    pub title: Option<String>,
    pub kind: Option<Kind>,
    pub cycle: Option<Option<i64>>,
    pub session: Option<Option<NaiveDate>>,
    pub lang: Option<Lang>,
    pub date: Option<Option<NaiveDate>>,
}

impl Patch {
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.kind.is_none()
            && self.cycle.is_none()
            && self.session.is_none()
            && self.lang.is_none()
            && self.date.is_none()
    }
}

/// One search result: a document with its best-matching page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: i64,
    pub title: String,
    pub file_name: String,
    pub kind: Kind,
    pub cycle: Option<i64>,
    pub session: Option<NaiveDate>,
    pub lang: Lang,
    pub score: f32,
    /// 1-based.
    pub page: i64,
    /// Text around the match; matched words between `<b>` and `</b>`, other text HTML-escaped.
    pub snippet: String,
    /// Every other page of the document that matches, in page order (at most 20).
    pub other_pages: Vec<i64>,
    /// Set when the document was found only through the glossary: the language the query's
    /// terms were translated into (the UI says "arī angliski" / "arī latviski").
    #[serde(default)]
    pub via_glossary: Option<Lang>,
}

/// How many results each filter value would give (for the UI's filter counts).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Facets {
    pub total: usize,
    pub cycle: Vec<(Option<i64>, usize)>,
    pub session: Vec<(Option<NaiveDate>, usize)>,
    pub kind: Vec<(Kind, usize)>,
    pub lang: Vec<(Lang, usize)>,
}
