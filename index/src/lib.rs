//! OGP Archive core: everything the desktop app and the `ogp-archive` command line do, with no
//! GUI. See ARCHITECTURE.md for the map of modules.

pub(crate) mod archive;
pub(crate) mod catalog;
pub mod cite;
pub mod classify;
pub mod commitments;
pub mod dates;
pub(crate) mod error;
pub mod export;
pub(crate) mod latvian;
pub mod meetings;
pub(crate) mod model;
pub mod ocr;
pub mod pdf;
pub(crate) mod progress;
pub(crate) mod search;
pub(crate) mod store;

pub use archive::{
    extract_guarded, parse_commitment_id, AgendaView, Archive, ArchiveArg, CommitmentView,
    MeetingView, PersonView, Repairs, SearchOptions, SearchOutcome, ThreadEntry, ThreadStep,
    WriteGuard, FEW_HITS,
};
pub use catalog::records::{DecisionRow, RecordPatch};
pub use error::{human_bytes, Error, FileError, Result, INSTALL_HINT};
pub use model::{
    Cycle, DocStatus, DocumentInfo, DocumentRow, Facets, Filter, Kind, Lang, OcrPage, OcrState,
    Patch, SearchHit, Session, Source, Sources,
};
pub use progress::{
    ExportSummary, IngestOutcome, OcrCounts, OcrImage, OcrPageOutcome, OcrStatus, OcrSummary,
    Outcome, Progress, VerifyReport,
};
pub use search::glossary::{Expansion, Translated};

/// The sample documents loaded into an empty archive on first run: `$OGP_SAMPLE_DOCS` when set;
/// else the copy an installed package ships beside the binary (`<prefix>/bin/ogp-archive-app` →
/// `<prefix>/share/ogp-archive/sample-docs`, i.e. `/usr/share/…` for the .deb); else the
/// repository's `sample-docs/`, for builds run from the source tree.
/// The parts of the ingest pipeline, for the `ingest_parts`, `search` and `pipeline`
/// benchmarks, which time them one by one. Not an API: the app and the CLI go through
/// [`Archive`], and everything else of these modules stays inside the crate.
#[doc(hidden)]
pub mod internals {
    pub use crate::archive::{derive_records, read_records};
    pub use crate::catalog::records_write::{Derived, DocRecords};
    pub use crate::catalog::{Catalog, NewDocument};
    pub use crate::search::{IndexDoc, SearchIndex};
    pub use crate::store::{sha256_hex, Store};
}

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
