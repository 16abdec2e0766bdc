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

use super::bagit::{BagInfo, BagSummary, BagWriter};
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
}

/// Writes a cycle's bundle as a bag at `out` (a `.zip`, or else a folder); see
/// `Archive::export_bag`.
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
    } = contents;
    let mut bag = BagWriter::create(out, &bag_name(c))?;
    let mut site = SiteData::new(
        c,
        sessions,
        opts.now.format("%Y-%m-%d %H:%M UTC").to_string(),
    );
    let mut used = HashSet::new();
    let mut cites = Vec::with_capacity(docs.len());
    let mut entries = Vec::with_capacity(docs.len());
    for (i, d) in docs.iter().enumerate() {
        let (rel, src) = place(store, docs, i, &mut used, progress)?;
        bag.add_file(&rel, &src, Some(&d.sha256))?;
        let pages = pages_of(d.id)?;
        let text = offline_site::page_text_file(pages.iter().map(|(_, t)| t.as_str()));
        bag.add_bytes(&offline_site::text_path(d.id), text.as_bytes())?;
        site.pages
            .extend(pages.into_iter().map(|(n, t)| (d.id, n, t)));
        let mut cite = Citation::new(d, Some(c), None, &opts.institution)?;
        cite.location = Some(rel.clone());
        cites.push(cite);
        entries.push(ManifestEntry::new(
            d,
            rel.clone(),
            Some(offline_site::text_path(d.id)),
        ));
        site.documents.push(SiteDocument::new(d, rel));
    }
    let json_err = |e: serde_json::Error| Error::Export(e.to_string());
    let manifest = serde_json::json!({
        "cycle": c.number,
        "years": format!("{}-{}", c.start_year, c.end_year),
        "title": c.title,
        "exported_at": opts.now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "documents": entries,
    });
    bag.add_bytes(
        "manifest.json",
        &serde_json::to_vec_pretty(&manifest).map_err(json_err)?,
    )?;
    bag.add_bytes("manifest.csv", &manifest_csv(&entries, true)?)?;
    for (name, format) in [
        ("citations.json", CiteFormat::CslJson),
        ("citations.ris", CiteFormat::Ris),
        ("citations.bib", CiteFormat::Bibtex),
    ] {
        bag.add_bytes(name, cite::render(&cites, format).as_bytes())?;
    }
    for (name, value) in [
        ("meetings.json", &opts.extras.meetings),
        ("commitments.json", &opts.extras.commitments),
    ] {
        if let Some(v) = value {
            bag.add_bytes(name, &serde_json::to_vec_pretty(v).map_err(json_err)?)?;
        }
    }
    site.meetings = opts.extras.meetings.clone();
    site.commitments = opts.extras.commitments.clone();
    let script = offline_site::data_script(&site).map_err(json_err)?;
    bag.add_bytes(offline_site::DATA_SCRIPT, script.as_bytes())?;
    for (path, text) in offline_site::ASSETS {
        bag.add_bytes(path, text.as_bytes())?;
    }
    let summary = bag.finish(&bag_info(c, docs.len(), opts))?;
    progress(&Progress {
        done: docs.len(),
        total: docs.len(),
        current: String::new(),
    });
    Ok(summary)
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
