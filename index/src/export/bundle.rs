//! A cycle's researcher bundle: a BagIt 1.0 bag ([`super::bagit`]) whose payload is the
//! cycle's PDFs by session (`data/<session date>/`, `data/bez-sedes/`), each document's page
//! texts (`data/text/<id>.txt`), `manifest.json` / `manifest.csv`, the citations of every
//! document (`citations.json`, `.ris`, `.bib`), the meetings and commitments when there are
//! any, and the offline page (`data/index.html`, [`super::offline_site`]) that lists and
//! searches all of it from the file system.
//!
//! The plain zip of earlier versions (`--format plain`) is [`super`]. Writing here, reading
//! the catalogue in `Archive::export_bag`.

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, Utc};

use rayon::prelude::*;

use super::bagit::{BagInfo, BagSummary, BagWriter, Packing, Ready};
use super::offline_site::{self, SiteData, SiteDocument};
use super::{manifest_csv, place, ManifestEntry};
use crate::cite::{self, Citation, CiteFormat};
use crate::error::{Error, Result};
use crate::model::{Cycle, DocumentInfo, Session};
use crate::progress::Progress;
use crate::store::Store;

/// Records the archive may have beside its documents, written into the bundle when present.
#[derive(Clone, Debug, Default)]
pub struct Extras {
    pub meetings: Option<serde_json::Value>,
    pub commitments: Option<serde_json::Value>,
}

/// Who and what the bag says it is.
#[derive(Clone, Debug)]
pub struct BundleOptions {
    pub institution: String,
    pub now: DateTime<Utc>,
    pub extras: Extras,
}

impl Default for BundleOptions {
    fn default() -> Self {
        BundleOptions {
            institution: cite::DEFAULT_INSTITUTION.to_string(),
            now: Utc::now(),
            extras: Extras::default(),
        }
    }
}

/// `OGP5_2022-2025`: the bag's name (its folder in a zip).
pub fn bag_name(c: &Cycle) -> String {
    format!("OGP{}_{}-{}", c.number, c.start_year, c.end_year)
}

/// What a bag is made of, as the archive hands it over.
pub struct Contents<'a> {
    pub cycle: &'a Cycle,
    pub sessions: &'a [Session],
    pub documents: &'a [DocumentInfo],
    pub store: &'a Store,
    /// A document's page texts in page order: (1-based page, text).
    pub pages: &'a mut dyn FnMut(i64) -> Result<Vec<(i64, String)>>,
    /// The cycle's meetings and commitments, asked for when the options bring none.
    pub records: &'a mut dyn FnMut() -> Result<Extras>,
}

/// PDFs read and hashed together on every core while one thread writes those before them:
/// enough to keep both cores busy, few enough that a cycle's PDFs are never all in memory.
const READY_CHUNK: usize = 32;

/// One document as it goes into the bag: its place in the bag, its stored file and hash.
struct Planned {
    id: i64,
    sha256: String,
    rel: String,
    src: std::path::PathBuf,
}

/// Writes a cycle's bundle as a bag at `out` (a `.zip`, or else a folder); see
/// `Archive::export_bag`.
///
/// Three things overlap: the pool reads and hashes the PDFs from the first moment (they need
/// nothing from the catalogue), this thread meanwhile reads the catalogue (records, page
/// texts) and then writes the documents in order, compressing each page-text file as it
/// goes, and another thread makes the offline page's search data, the manifests and the
/// citations ready.
pub fn write(
    contents: Contents<'_>,
    out: &Path,
    opts: &BundleOptions,
    progress: &mut dyn FnMut(&Progress),
) -> Result<BagSummary> {
    let Contents {
        cycle: c,
        sessions,
        documents: docs,
        store,
        pages: pages_of,
        records,
    } = contents;
    let mut bag = BagWriter::create(out, &bag_name(c))?;
    let packing = bag.packing();
    let mut used = HashSet::new();
    let mut planned = Vec::with_capacity(docs.len());
    for (i, d) in docs.iter().enumerate() {
        let (rel, src) = place(store, docs, i, &mut used, &mut |_| {})?;
        planned.push(Planned {
            id: d.id,
            sha256: d.sha256.clone(),
            rel,
            src,
        });
    }
    std::thread::scope(|s| -> Result<()> {
        let pdfs = spawn_pdf_reader(s, &planned, &packing);
        let mut extras = opts.extras.clone();
        if extras.meetings.is_none() && extras.commitments.is_none() {
            extras = records()?;
        }
        let mut site = SiteData::new(
            c,
            sessions,
            opts.now.format("%Y-%m-%d %H:%M UTC").to_string(),
        );
        let mut cites = Vec::with_capacity(docs.len());
        let mut entries = Vec::with_capacity(docs.len());
        let mut texts = Vec::with_capacity(docs.len());
        for (d, p) in docs.iter().zip(&planned) {
            let pages = pages_of(d.id)?;
            texts.push(offline_site::page_text_file(
                pages.iter().map(|(_, t)| t.as_str()),
            ));
            site.pages
                .extend(pages.into_iter().map(|(n, t)| (d.id, n, t)));
            let mut cite = Citation::new(d, Some(c), None, &opts.institution)?;
            cite.location = Some(p.rel.clone());
            cites.push(cite);
            entries.push(ManifestEntry::new(
                d,
                p.rel.clone(),
                Some(offline_site::text_path(d.id)),
            ));
            site.documents.push(SiteDocument::new(d, p.rel.clone()));
        }
        site.meetings = extras.meetings.clone();
        site.commitments = extras.commitments.clone();
        let packing = &packing;
        let others =
            s.spawn(move || other_files(packing, c, &site, &entries, &cites, &extras, opts));
        let mut texts = texts.into_iter();
        let mut i = 0;
        for chunk in pdfs {
            for pdf in chunk? {
                progress(&Progress {
                    done: i,
                    total: docs.len(),
                    current: docs[i].file_name.clone(),
                });
                let text = texts.next().unwrap_or_default().into_bytes();
                let text = packing.ready(&offline_site::text_path(planned[i].id), text, None)?;
                bag.put(pdf)?;
                bag.put(text)?;
                i += 1;
            }
        }
        for r in others
            .join()
            .expect("making the bundle's files ready does not panic")?
        {
            bag.put(r)?;
        }
        Ok(())
    })?;
    let summary = bag.finish(&bag_info(c, docs.len(), opts))?;
    progress(&Progress {
        done: docs.len(),
        total: docs.len(),
        current: String::new(),
    });
    Ok(summary)
}

/// Reads and hashes the documents' PDFs on the pool, a chunk at a time, in order: the chunks
/// come out of the returned channel (at most two waiting, so memory stays bounded); the first
/// error ends it.
fn spawn_pdf_reader<'scope>(
    s: &'scope std::thread::Scope<'scope, '_>,
    planned: &'scope [Planned],
    packing: &'scope Packing,
) -> std::sync::mpsc::Receiver<Result<Vec<Ready>>> {
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    s.spawn(move || {
        for chunk in planned.chunks(READY_CHUNK) {
            let ready = chunk
                .par_iter()
                .map(|p| Ok(packing.ready_file(&p.rel, &p.src, Some(&p.sha256))?))
                .collect::<Result<Vec<_>>>();
            let failed = ready.is_err();
            if tx.send(ready).is_err() || failed {
                return;
            }
        }
    });
    rx
}

/// The bundle's files beside the documents, ready to write: manifests, citations, the
/// meetings and commitments, the offline page's search data and assets.
fn other_files(
    packing: &Packing,
    c: &Cycle,
    site: &SiteData,
    entries: &[ManifestEntry],
    cites: &[Citation],
    extras: &Extras,
    opts: &BundleOptions,
) -> Result<Vec<Ready>> {
    let json_err = |e: serde_json::Error| Error::Export(e.to_string());
    let manifest = serde_json::json!({
        "cycle": c.number,
        "years": format!("{}-{}", c.start_year, c.end_year),
        "title": c.title,
        "exported_at": opts.now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "documents": entries,
    });
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        (
            "manifest.json",
            serde_json::to_vec_pretty(&manifest).map_err(json_err)?,
        ),
        ("manifest.csv", manifest_csv(entries, true)?),
    ];
    for (name, format) in [
        ("citations.json", CiteFormat::CslJson),
        ("citations.ris", CiteFormat::Ris),
        ("citations.bib", CiteFormat::Bibtex),
    ] {
        files.push((name, cite::render(cites, format).into_bytes()));
    }
    for (name, value) in [
        ("meetings.json", &extras.meetings),
        ("commitments.json", &extras.commitments),
    ] {
        if let Some(v) = value {
            files.push((name, serde_json::to_vec_pretty(v).map_err(json_err)?));
        }
    }
    let script = offline_site::data_script(site).map_err(json_err)?;
    files.push((offline_site::DATA_SCRIPT, script.into_bytes()));
    for (path, text) in offline_site::ASSETS {
        files.push((path, text.as_bytes().to_vec()));
    }
    files
        .into_iter()
        .map(|(name, bytes)| Ok(packing.ready(name, bytes, None)?))
        .collect()
}

fn bag_info(c: &Cycle, documents: usize, opts: &BundleOptions) -> BagInfo {
    BagInfo {
        source_organization: opts.institution.clone(),
        external_description: format!(
            "Latvijas atvērtās pārvaldības (OGP) {n}. rīcības plāna cikls {a}–{b} ({t}): \
             {documents} dokumenti pa sēdēm, to teksts pa lappusēm, citējamas atsauces un \
             meklējama lapa data/index.html. / Latvia's Open Government Partnership cycle {n} \
             ({a}–{b}): {documents} documents by session, their page texts, citations and a \
             searchable page, data/index.html.",
            n = c.number,
            a = c.start_year,
            b = c.end_year,
            t = c.title,
        ),
        bagging_date: opts.now.date_naive(),
        bag_count: (1, 1),
        extra: vec![
            ("External-Identifier".into(), bag_name(c)),
            (
                "Bag-Software-Agent".into(),
                format!("ogp-archive {}", env!("CARGO_PKG_VERSION")),
            ),
        ],
    }
}
