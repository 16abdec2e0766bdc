//! OGP Archive core: everything the desktop app and the `ogp-archive` command line do, with no
//! GUI. See ARCHITECTURE.md for the map of modules.

pub mod archive;
pub mod catalog;
pub mod cite;
pub mod classify;
pub mod dates;
pub mod error;
pub mod export;
pub mod latvian;
pub mod model;
pub mod ocr;
pub mod pdf;
pub mod progress;
pub mod search;
pub mod store;

pub use archive::{Archive, ArchiveArg};
pub use error::{Error, FileError, Result};
pub use model::{
    Cycle, DocStatus, DocumentInfo, DocumentRow, Facets, Filter, Kind, Lang, OcrPage, OcrState,
    Patch, SearchHit, Session,
};
pub use progress::{
    ExportSummary, IngestOutcome, OcrCounts, OcrImage, OcrPageOutcome, OcrStatus, OcrSummary,
    Outcome, Progress, VerifyReport,
};

/// The sample documents shipped in the repository, loaded into an empty archive on first run.
pub fn bundled_samples_dir() -> std::path::PathBuf {
    if let Some(d) = std::env::var_os("OGP_SAMPLE_DOCS") {
        return d.into();
    }
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../sample-docs")
}
