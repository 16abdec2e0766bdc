//! Typed errors of the core. Every error that can reach a user names the file (where there is
//! one) and a reason the user can act on; `user_message` gives it in Latvian with English beside.

use std::path::PathBuf;

use crate::pdf::PdfError;

/// What to install when the OCR engine is missing, in words. (Here rather than in `ocr`, which
/// builds on this module's errors.)
pub const INSTALL_HINT: &str = "sudo apt install tesseract-ocr tesseract-ocr-lav poppler-utils";

/// Why one file could not be added. Kept apart from [`Error`] so that a batch can report a
/// reason per file and go on.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("empty file")]
    Empty,
    #[error("not a PDF")]
    NotPdf,
    #[error("damaged PDF: {0}")]
    Damaged(String),
    #[error("password-protected PDF")]
    Encrypted,
    #[error("too large: {size} bytes (limit {limit})")]
    TooLarge { size: u64, limit: u64 },
    #[error("PDF has no pages")]
    NoPages,
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    #[error("not enough disk space for the archive: {} free, {} needed", human_bytes(*.available), human_bytes(*.needed))]
    NoSpace { available: u64, needed: u64 },
}

impl FileError {
    /// A stable machine-readable code, used in JSON output and by the UI.
    pub fn code(&self) -> &'static str {
        match self {
            FileError::Empty => "empty",
            FileError::NotPdf => "not-pdf",
            FileError::Damaged(_) => "damaged",
            FileError::Encrypted => "password",
            FileError::TooLarge { .. } => "too-large",
            FileError::NoPages => "no-pages",
            FileError::Io(_) => "io",
            FileError::NoSpace { .. } => "disk-full",
        }
    }

    /// The reason in Latvian, then English.
    pub fn user_message(&self) -> String {
        let lv = match self {
            FileError::Empty => "tukšs fails".to_string(),
            FileError::NotPdf => "nav PDF fails".to_string(),
            FileError::Damaged(why) => format!("bojāts PDF ({why})"),
            FileError::Encrypted => "PDF aizsargāts ar paroli".to_string(),
            FileError::TooLarge { size, limit } => {
                format!("fails par lielu: {size} baiti (robeža {limit})")
            }
            FileError::NoPages => "PDF failā nav lapu".to_string(),
            FileError::Io(e) => format!("failu nevar nolasīt: {e}"),
            FileError::NoSpace { available, needed } => format!(
                "arhīva diskā nav vietas: brīvi {}, vajag {}",
                human_bytes(*available),
                human_bytes(*needed)
            ),
        };
        format!("{lv} / {self}")
    }
}

/// `512 KB`, `1.4 MB`, `12 GB`: sizes as people read them.
pub fn human_bytes(n: u64) -> String {
    const KB: f64 = 1024.0;
    let n = n as f64;
    if n < KB * KB {
        format!("{:.0} KB", (n / KB).ceil())
    } else if n < KB * KB * KB {
        format!("{:.1} MB", n / (KB * KB))
    } else {
        format!("{:.1} GB", n / (KB * KB * KB))
    }
}

impl From<PdfError> for FileError {
    fn from(e: PdfError) -> Self {
        match e {
            PdfError::Empty => FileError::Empty,
            PdfError::NotPdf => FileError::NotPdf,
            PdfError::Encrypted => FileError::Encrypted,
            PdfError::NoPages => FileError::NoPages,
            PdfError::TooLarge { .. } => FileError::TooLarge { size: 0, limit: 0 },
            other => FileError::Damaged(other.to_string()),
        }
    }
}

/// Errors of the archive as a whole (not of one input file).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("archive folder {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("catalog: {0}")]
    Catalog(#[from] rusqlite::Error),
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("the archive is in use by another process (the app or another ogp-archive); try again when it has finished")]
    Busy,
    #[error("no document with id {0}")]
    NoSuchDocument(i64),
    #[error("no plan cycle {0}")]
    NoSuchCycle(i64),
    #[error("no council session on {0}")]
    NoSuchSession(String),
    #[error("{0}")]
    Invalid(String),
    #[error("export: {0}")]
    Export(String),
    #[error("the archive was made by a newer version of OGP Archive (schema {found}, this program knows {known})")]
    TooNew { found: i64, known: i64 },
    #[error("scanned pages cannot be read: {0} is not installed (install it with: {hint})", hint = INSTALL_HINT)]
    OcrUnavailable(String),
    #[error(
        "text recognition is already running for this archive (in the app or another ogp-archive)"
    )]
    OcrBusy,
    #[error("the archive is open read-only ({0})")]
    ReadOnly(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The disk holding the archive is full (whichever part found out).
    pub fn is_disk_full(&self) -> bool {
        match self {
            Error::Io { source, .. } => source.kind() == std::io::ErrorKind::StorageFull,
            Error::Catalog(e) => e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull),
            Error::Index(e) => {
                let text = e.to_string();
                text.contains("No space left on device") || text.contains("os error 28")
            }
            _ => false,
        }
    }

    pub fn code(&self) -> &'static str {
        if self.is_disk_full() {
            return "disk-full";
        }
        match self {
            Error::Io { .. } => "io",
            Error::Catalog(_) => "catalog",
            Error::Index(_) => "index",
            Error::Busy => "busy",
            Error::NoSuchDocument(_) => "no-such-document",
            Error::NoSuchCycle(_) => "no-such-cycle",
            Error::NoSuchSession(_) => "no-such-session",
            Error::Invalid(_) => "invalid",
            Error::Export(_) => "export",
            Error::TooNew { .. } => "too-new",
            Error::OcrUnavailable(_) => "ocr-unavailable",
            Error::OcrBusy => "ocr-busy",
            Error::ReadOnly(_) => "read-only",
        }
    }

    /// The error in Latvian, then English.
    pub fn user_message(&self) -> String {
        if self.is_disk_full() && !matches!(self, Error::Io { .. }) {
            return format!(
                "arhīva diskā nav vietas; atbrīvojiet vietu un mēģiniet vēlreiz, arhīvs nav bojāts / the disk holding the archive is full; free some space and try again, the archive is intact ({self})"
            );
        }
        let lv = match self {
            Error::Io { path, source } => {
                if source.kind() == std::io::ErrorKind::StorageFull {
                    format!("diskā nav vietas ({})", path.display())
                } else if source.kind() == std::io::ErrorKind::PermissionDenied
                    || source.kind() == std::io::ErrorKind::ReadOnlyFilesystem
                {
                    format!("arhīvā nevar rakstīt ({})", path.display())
                } else {
                    format!("arhīva mapes kļūda ({})", path.display())
                }
            }
            Error::Catalog(_) => "kataloga kļūda".into(),
            Error::Index(_) => "meklēšanas indeksa kļūda".into(),
            Error::Busy => "arhīvu pašlaik izmanto cits process".into(),
            Error::NoSuchDocument(id) => format!("nav dokumenta ar id {id}"),
            Error::NoSuchCycle(n) => format!("nav {n}. plāna cikla"),
            Error::NoSuchSession(d) => format!("nav padomes sēdes {d}"),
            Error::Invalid(m) => format!("nederīga vērtība: {m}"),
            Error::Export(_) => "eksporta kļūda".into(),
            Error::TooNew { .. } => "arhīvs izveidots ar jaunāku versiju".into(),
            Error::OcrUnavailable(_) => format!(
                "skenētās lapas nevar atpazīt: nav instalēts teksta atpazīšanas rīks Tesseract ar latviešu valodu ({})",
                INSTALL_HINT
            ),
            Error::OcrBusy => "teksta atpazīšana šim arhīvam jau notiek".into(),
            Error::ReadOnly(_) => {
                "arhīvs atvērts tikai lasīšanai: tajā var meklēt, bet nevar neko pievienot vai mainīt"
                    .into()
            }
        };
        format!("{lv} / {self}")
    }
}

impl From<std::io::Error> for Error {
    fn from(source: std::io::Error) -> Self {
        Error::Io {
            path: PathBuf::new(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
