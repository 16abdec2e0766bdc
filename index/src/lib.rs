//! OGP Archive core: everything the desktop app and the `ogp-archive` command line do, with no
//! GUI. See ARCHITECTURE.md for the map of modules.

pub mod archive;
pub mod catalog;
pub mod cite;
pub mod classify;
pub mod commitments;
pub mod dates;
pub mod error;
pub mod export;
pub mod latvian;
pub mod meetings;
pub mod model;
pub mod ocr;
pub mod pdf;
pub mod progress;
pub mod search;
pub mod store;

pub use archive::{Archive, ArchiveArg, SearchOptions, SearchOutcome};
pub use error::{Error, FileError, Result};
pub use model::{
    Cycle, DocStatus, DocumentInfo, DocumentRow, Facets, Filter, Kind, Lang, OcrPage, OcrState,
    Patch, SearchHit, Session,
};
pub use progress::{
    ExportSummary, IngestOutcome, OcrCounts, OcrImage, OcrPageOutcome, OcrStatus, OcrSummary,
    Outcome, Progress, VerifyReport,
};

/// The sample documents loaded into an empty archive on first run: `$OGP_SAMPLE_DOCS` when set;
/// else the copy an installed package ships beside the binary (`<prefix>/bin/ogp-archive-app` →
/// `<prefix>/share/ogp-archive/sample-docs`, i.e. `/usr/share/…` for the .deb); else the
/// repository's `sample-docs/`, for builds run from the source tree.
pub fn bundled_samples_dir() -> std::path::PathBuf {
    if let Some(d) = std::env::var_os("OGP_SAMPLE_DOCS") {
        return d.into();
    }
    let installed = std::env::current_exe().ok().and_then(|exe| {
        let dir = exe
            .parent()?
            .parent()?
            .join("share/ogp-archive/sample-docs");
        dir.is_dir().then_some(dir)
    });
    installed
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../sample-docs"))
}
