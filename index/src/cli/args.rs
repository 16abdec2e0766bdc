//! The command line's arguments (clap derive): the archive folder, one subcommand each with
//! its options, and the parsers of dates, kinds and languages given as text.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use ogp_archive::cite::CiteFormat;
use ogp_archive::export::ExportFormat;
use ogp_archive::meetings::Role;
use ogp_archive::{dates, ArchiveArg, Filter, Kind, Lang};

#[derive(Parser)]
#[command(
    name = "ogp-archive",
    version,
    about = "OGP Archive: Latvia's Open Government Partnership document archive"
)]
pub struct Cli {
    #[command(flatten)]
    pub archive: ArchiveArg,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Args, Default)]
pub struct FilterArgs {
    /// Plan cycle number (1–5, …)
    #[arg(long)]
    cycle: Option<i64>,
    /// Council session date (YYYY-MM-DD or any usual date form)
    #[arg(long, value_parser = parse_date_arg)]
    session: Option<NaiveDate>,
    /// plan, protocol, presentation, evaluation, declaration, survey, other
    #[arg(long)]
    kind: Option<Kind>,
    /// lv or en
    #[arg(long)]
    lang: Option<Lang>,
}

impl FilterArgs {
    pub fn filter(&self) -> Filter {
        Filter {
            cycle: self.cycle,
            session: self.session,
            kind: self.kind,
            lang: self.lang,
            without_session: false,
        }
    }
}

#[derive(Subcommand)]
pub enum Command {
    /// Add PDF files and folders (searched recursively) to the archive
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// One JSON object per file
        #[arg(long)]
        json: bool,
        /// Then recognise the text of scanned pages (OCR) right away
        #[arg(long)]
        ocr: bool,
    },
    /// Recognise the text of scanned pages and pages with unreadable fonts (OCR, Tesseract
    /// lav+eng). With ids: those documents' flagged pages; --all: every flagged page, failed
    /// ones again; neither: the pages waiting in the queue
    Ocr {
        ids: Vec<i64>,
        #[arg(long, conflicts_with = "ids")]
        all: bool,
        /// Only show the queue and whether the engine is installed
        #[arg(long)]
        status: bool,
        /// One JSON object per page, then the summary
        #[arg(long)]
        json: bool,
    },
    /// Print the text of every page, pages ending in a form feed (like `pdftotext FILE -`)
    Extract { file: PathBuf },
    /// Full-text search: words with or without diacritics, "phrases", AND/OR/NOT, dates
    Search {
        query: String,
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
        /// Search only the words as typed, not also their translation through the glossary
        #[arg(long)]
        no_expand: bool,
    },
    /// Documents related to one: the protocols of a presentation's session, the protocols
    /// that discussed a plan
    Similar {
        id: i64,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// List documents
    List {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long)]
        json: bool,
    },
    /// Show one document: metadata, where each guess came from, and (with --text) its text
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        text: bool,
    },
    /// List plan cycles, or add/delete one
    Cycles {
        #[arg(long)]
        json: bool,
    },
    /// Add or change a plan cycle: NUMBER START_YEAR END_YEAR
    CycleAdd {
        number: i64,
        start_year: i32,
        end_year: i32,
        #[arg(long, default_value = "")]
        title: String,
    },
    /// Delete an empty plan cycle
    CycleDelete { number: i64 },
    /// List council sessions and meetings
    Sessions {
        #[arg(long)]
        cycle: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Add a council session: documents that stated this date move into it
    SessionAdd {
        #[arg(long)]
        cycle: i64,
        #[arg(value_parser = parse_date_arg)]
        date: NaiveDate,
        #[arg(long, default_value = "Uzraudzības padomes sēde")]
        title: String,
    },
    /// Rename a session
    SessionRename { id: i64, title: String },
    /// Delete a session (its documents stay in the cycle, without a session)
    SessionDelete { id: i64 },
    /// Correct what was guessed, for one document or several
    Set(SetArgs),
    /// Move documents to the trash (bytes are kept until `trash --empty`)
    Remove {
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// List the trash; --empty deletes it for good
    Trash {
        #[arg(long)]
        empty: bool,
        #[arg(long)]
        json: bool,
    },
    /// Bring documents back from the trash
    Restore {
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Correct a record read out of a document (an attendee, a decision, a commitment); the
    /// correction is marked `user` and kept when the document is read again
    #[command(subcommand)]
    CorrectRecord(CorrectRecord),
    /// A meeting: attendees, agenda with decisions and action items, documents
    Meeting {
        /// The meeting's date (YYYY-MM-DD or any usual date form)
        #[arg(value_parser = parse_date_arg)]
        date: NaiveDate,
        #[arg(long)]
        json: bool,
    },
    /// Decisions of the meetings, all or those with every word of QUERY (diacritics and
    /// word endings optional)
    Decisions {
        query: Option<String>,
        #[arg(long)]
        cycle: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// The commitments of the plans, with their latest completion rating
    Commitments {
        #[arg(long)]
        cycle: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// One commitment (`4.3` = cycle 4, number 3; or an OGP id such as LV0040) and its
    /// thread: plan, mentions, ratings, continuation
    Commitment {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// People listed in meetings and the meetings they attended
    People {
        query: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Export a cycle's bundle: a BagIt bag (PDFs by session, page texts, citations, an
    /// offline index.html that searches them) as a zip or, without .zip, a folder;
    /// --format plain for the zip with manifest and SHA256SUMS
    Export {
        #[arg(long)]
        cycle: i64,
        #[arg(long, value_name = "ZIP_OR_FOLDER")]
        out: PathBuf,
        /// bagit or plain
        #[arg(long, default_value = "bagit", value_parser = parse_export_format)]
        format: ExportFormat,
    },
    /// A document's citation, at a page: CSL-JSON, RIS, BibTeX or one line of text
    Cite {
        id: i64,
        #[arg(long)]
        page: Option<i64>,
        /// csl-json, ris, bibtex or text
        #[arg(long, default_value = "csl-json", value_parser = parse_cite_format)]
        format: CiteFormat,
    },
    /// Re-read every stored file against its SHA-256 and check catalog and index agree;
    /// with --bundle, check an exported bag (every manifest, Payload-Oxum, tag manifests) or
    /// plain zip (its manifest and SHA256SUMS), zipped or unpacked
    Verify {
        #[arg(long)]
        json: bool,
        #[arg(long, value_name = "ZIP_OR_FOLDER")]
        bundle: Option<PathBuf>,
    },
    /// Load the bundled sample documents into an archive that has never been filled
    LoadSamples {
        #[arg(long)]
        from: Option<PathBuf>,
    },
}

pub fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    dates::parse_date(s).ok_or_else(|| format!("not a date: {s} (use YYYY-MM-DD)"))
}

fn parse_export_format(s: &str) -> Result<ExportFormat, String> {
    s.parse()
        .map_err(|_| format!("unknown export format {s}: bagit, plain"))
}

fn parse_cite_format(s: &str) -> Result<CiteFormat, String> {
    s.parse()
        .map_err(|_| format!("unknown citation format {s}: csl-json, ris, bibtex, text"))
}

/// What `correct-record` corrects: the record is named as `meeting --json` and
/// `commitments --json` show it (document id, then the record's own keys).
#[derive(Subcommand)]
pub enum CorrectRecord {
    /// An attendee of a meeting (by the name as listed): organisation and/or role
    #[command(group(clap::ArgGroup::new("field").required(true).multiple(true)))]
    Attendee {
        doc_id: i64,
        person: String,
        #[arg(long, group = "field")]
        organisation: Option<String>,
        /// member, invited, present or absent
        #[arg(long, group = "field", value_parser = parse_role)]
        role: Option<Role>,
    },
    /// A decision's text: ITEM is its agenda item's number (0: outside any), ORD its place
    /// under it from 0
    Decision {
        doc_id: i64,
        item: i64,
        ord: i64,
        text: String,
    },
    /// A plan's commitment (by its number in the plan): title and/or institution
    #[command(group(clap::ArgGroup::new("field").required(true).multiple(true)))]
    Commitment {
        doc_id: i64,
        number: i64,
        #[arg(long, group = "field")]
        title: Option<String>,
        #[arg(long, group = "field")]
        institution: Option<String>,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    serde_json::from_value(serde_json::Value::String(s.to_lowercase()))
        .map_err(|_| format!("unknown role {s}: member, invited, present, absent"))
}
pub fn none_or<T>(
    s: &Option<String>,
    f: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<Option<T>>, String> {
    match s.as_deref() {
        None => Ok(None),
        Some("none" | "") => Ok(Some(None)),
        Some(v) => f(v).map(|x| Some(Some(x))),
    }
}

// The documents to correct and the corrections (`none` clears a cycle, session or date).
// (A `//` comment: a doc comment would become the subcommand's help text.)
#[derive(clap::Args)]
pub struct SetArgs {
    #[arg(required = true)]
    pub ids: Vec<i64>,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub kind: Option<Kind>,
    /// A cycle number, or "none"
    #[arg(long)]
    pub cycle: Option<String>,
    /// A session date, or "none"
    #[arg(long)]
    pub session: Option<String>,
    #[arg(long)]
    pub lang: Option<Lang>,
    /// The document's date, or "none"
    #[arg(long)]
    pub date: Option<String>,
}
