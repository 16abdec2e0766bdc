//! Exporting a cycle, in two forms ([`ExportFormat`]):
//!
//! - `bagit` (the default): the researcher's bundle, a BagIt 1.0 bag with page texts,
//!   citations and an offline page that searches them ([`bundle`], written by [`bagit`],
//!   checked by [`bag_verify`], the page in [`offline_site`]);
//! - `plain` (this file): one zip with one top folder, documents under `<session date>/`
//!   folders (`bez-sedes/` for those without a session), the original bytes,
//!   `manifest.json`, `manifest.csv` and a `SHA256SUMS` that `sha256sum -c` verifies in the
//!   unpacked folder; beside them, the records read out of the documents (`meetings.json`,
//!   `commitments.json`).
//!
//! Both write to a temporary name beside the target and rename when complete, so a failed or
//! killed export never leaves a half bundle under the final name.

pub mod bag_verify;
pub mod bagit;
pub mod bundle;
pub mod offline_site;

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use serde::Serialize;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::error::{Error, Result};
use crate::model::{Cycle, DocumentInfo};
use crate::progress::{ExportSummary, Progress};
use crate::store::Store;

pub const NO_SESSION_DIR: &str = "bez-sedes";

/// The layout of an export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// A BagIt 1.0 bag with page texts, citations and the offline page.
    #[default]
    Bagit,
    /// The zip with `manifest.json`, `manifest.csv` and `SHA256SUMS`.
    Plain,
}

impl std::str::FromStr for ExportFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<ExportFormat> {
        match s {
            "bagit" | "bag" => Ok(ExportFormat::Bagit),
            "plain" | "zip" => Ok(ExportFormat::Plain),
            other => Err(Error::Invalid(format!(
                "export format {other:?} (bagit, plain)"
            ))),
        }
    }
}

/// One document of a bundle's manifest (JSON and CSV), for the plain zip and the bag alike.
#[derive(Serialize)]
pub(crate) struct ManifestEntry<'a> {
    id: i64,
    title: &'a str,
    kind: &'a str,
    session: Option<String>,
    lang: &'a str,
    pages: i64,
    size: i64,
    sha256: &'a str,
    file_name: &'a str,
    /// Inside the bundle's top folder (a bag's: inside `data/`).
    path: String,
    /// The page-text file, in bags only.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

impl<'a> ManifestEntry<'a> {
    pub(crate) fn new(d: &'a DocumentInfo, path: String, text: Option<String>) -> Self {
        ManifestEntry {
            id: d.id,
            title: &d.title,
            kind: d.kind.as_str(),
            session: d.session.map(|s| s.to_string()),
            lang: d.lang.as_str(),
            pages: d.pages,
            size: d.size,
            sha256: &d.sha256,
            file_name: &d.file_name,
            path,
            text,
        }
    }
}

#[derive(Serialize)]
struct Manifest<'a> {
    cycle: i64,
    years: String,
    title: &'a str,
    exported_at: String,
    documents: Vec<ManifestEntry<'a>>,
}

/// A file name that is safe on every common file system and cannot leave its folder:
/// no path separators, no control or reserved characters, no leading dots, at most 150 bytes.
/// Latvian letters are kept.
pub fn safe_file_name(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    s = s.trim().trim_start_matches('.').trim().to_string();
    if s.is_empty() {
        s = "dokuments.pdf".into();
    }
    if s.len() > 150 {
        let (stem, ext) = match s.rfind('.') {
            Some(i) if s.len() - i <= 10 => (s[..i].to_string(), s[i..].to_string()),
            _ => (s.clone(), String::new()),
        };
        let mut cut = 150 - ext.len();
        while !stem.is_char_boundary(cut.min(stem.len())) {
            cut -= 1;
        }
        s = format!("{}{}", &stem[..cut.min(stem.len())], ext);
    }
    s
}

/// `<session date>/<file name>` or `bez-sedes/<file name>`, the name made safe and ending in
/// `.pdf`: where a document goes in either form of export.
pub(crate) fn doc_path(d: &DocumentInfo) -> String {
    let folder = d
        .session
        .map(|s| s.to_string())
        .unwrap_or_else(|| NO_SESSION_DIR.to_string());
    let mut name = safe_file_name(&d.file_name);
    if !name.to_lowercase().ends_with(".pdf") {
        name.push_str(".pdf");
    }
    format!("{folder}/{name}")
}

/// The path, numbered (`x (2).pdf`) when another document already has it in any letter case.
pub(crate) fn unique(name: String, used: &mut HashSet<String>) -> String {
    if used.insert(name.to_lowercase()) {
        return name;
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name.as_str(), ""),
    };
    for n in 2.. {
        let candidate = format!("{stem} ({n}){ext}");
        if used.insert(candidate.to_lowercase()) {
            return candidate;
        }
    }
    unreachable!("an unused name always exists")
}

/// The `i`th document of an export, after its progress is reported: its unique path in
/// the bundle and its file in the store.
pub(crate) fn place(
    store: &Store,
    docs: &[DocumentInfo],
    i: usize,
    used: &mut HashSet<String>,
    progress: &mut dyn FnMut(&Progress),
) -> Result<(String, std::path::PathBuf)> {
    let d = &docs[i];
    progress(&Progress {
        done: i,
        total: docs.len(),
        current: d.file_name.clone(),
    });
    let src = store
        .path_of(&d.sha256)
        .ok_or_else(|| Error::Export(format!("document {} has no stored file", d.id)))?;
    Ok((unique(doc_path(d), used), src))
}

fn csv_err(e: csv::Error) -> Error {
    Error::Export(e.to_string())
}

/// Files beside the manifest that a bundle may carry: the cycle's meetings and commitments.
pub const RECORD_FILES: [&str; 2] = ["meetings.json", "commitments.json"];

pub fn write_bundle(
    cycle: &Cycle,
    docs: &[DocumentInfo],
    records: &[(&str, Vec<u8>)],
    store: &Store,
    out: &Path,
    progress: &mut dyn FnMut(&Progress),
) -> Result<ExportSummary> {
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let file_name = out
        .file_name()
        .ok_or_else(|| Error::Export(format!("not a file path: {}", out.display())))?
        .to_string_lossy()
        .to_string();
    remove_stale_parts(&dir, &file_name);
    let tmp = dir.join(format!(".{file_name}.{}.part", std::process::id()));
    let result = write_zip(cycle, docs, records, store, &tmp, progress);
    match result {
        Ok((files, _)) => {
            std::fs::rename(&tmp, out).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                Error::io(out, e)
            })?;
            let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
            Ok(ExportSummary {
                path: out.to_path_buf(),
                files,
                bytes,
            })
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Removes temporary files or folders a killed export to the same place left (their process
/// is gone).
pub(crate) fn remove_stale_parts(dir: &Path, file_name: &str) {
    let prefix = format!(".{file_name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let Some(pid) = name
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".part"))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let alive = Path::new("/proc").join(pid.to_string()).exists();
        if !alive || pid == std::process::id() {
            let p = e.path();
            if p.is_dir() {
                let _ = std::fs::remove_dir_all(p);
            } else {
                let _ = std::fs::remove_file(p);
            }
        }
    }
}

fn write_zip(
    cycle: &Cycle,
    docs: &[DocumentInfo],
    records: &[(&str, Vec<u8>)],
    store: &Store,
    tmp: &Path,
    progress: &mut dyn FnMut(&Progress),
) -> Result<(usize, u64)> {
    let top = format!(
        "OGP{}_{}-{}",
        cycle.number, cycle.start_year, cycle.end_year
    );
    let file = File::create(tmp).map_err(|e| Error::io(tmp, e))?;
    let mut zip = ZipWriter::new(BufWriter::new(file));
    let zerr = |e: zip::result::ZipError| Error::Export(e.to_string());
    let ioerr = |e: std::io::Error| Error::io(tmp, e);
    // PDFs are compressed already: store them as they are (fast, and bytes stay visible).
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .large_file(false);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut used = HashSet::new();
    let mut entries = Vec::with_capacity(docs.len());
    let mut sums = String::new();
    let mut total_bytes = 0u64;
    for (i, d) in docs.iter().enumerate() {
        let (rel, src) = place(store, docs, i, &mut used, progress)?;
        let bytes = std::fs::read(&src).map_err(|e| Error::io(&src, e))?;
        if crate::store::sha256_hex(&bytes) != d.sha256 {
            return Err(Error::Export(format!(
                "stored file of document {} does not match its SHA-256; run `ogp-archive verify`",
                d.id
            )));
        }
        zip.start_file(format!("{top}/{rel}"), stored)
            .map_err(zerr)?;
        zip.write_all(&bytes).map_err(ioerr)?;
        total_bytes += bytes.len() as u64;
        sums.push_str(&format!("{}  {}\n", d.sha256, rel));
        entries.push(ManifestEntry::new(d, rel, None));
    }
    let csv = manifest_csv(&entries, false)?;
    let files = entries.len();
    let manifest = Manifest {
        cycle: cycle.number,
        years: format!("{}-{}", cycle.start_year, cycle.end_year),
        title: &cycle.title,
        exported_at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        documents: entries,
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Export(e.to_string()))?;
    let fixed = [
        ("manifest.json", json.as_slice()),
        ("manifest.csv", csv.as_slice()),
        ("SHA256SUMS", sums.as_bytes()),
    ];
    let extra = records.iter().map(|(n, d)| (*n, d.as_slice()));
    for (name, data) in fixed.into_iter().chain(extra) {
        zip.start_file(format!("{top}/{name}"), deflated)
            .map_err(zerr)?;
        zip.write_all(data).map_err(ioerr)?;
    }
    let mut inner = zip.finish().map_err(zerr)?;
    inner.flush().map_err(ioerr)?;
    let file = inner.into_inner().map_err(|e| ioerr(e.into_error()))?;
    file.sync_all().map_err(ioerr)?;
    progress(&Progress {
        done: files,
        total: files,
        current: String::new(),
    });
    Ok((files, total_bytes))
}

/// The manifest as CSV: one row per document, the same fields as the JSON manifest (with
/// `with_text`, the bag's column of page-text files).
pub(crate) fn manifest_csv(entries: &[ManifestEntry], with_text: bool) -> Result<Vec<u8>> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "id",
        "title",
        "kind",
        "session",
        "lang",
        "pages",
        "size",
        "sha256",
        "file_name",
        "path",
    ];
    if with_text {
        header.push("text");
    }
    csv.write_record(&header).map_err(csv_err)?;
    for e in entries {
        let mut row = vec![
            e.id.to_string(),
            e.title.to_string(),
            e.kind.to_string(),
            e.session.clone().unwrap_or_default(),
            e.lang.to_string(),
            e.pages.to_string(),
            e.size.to_string(),
            e.sha256.to_string(),
            e.file_name.to_string(),
            e.path.clone(),
        ];
        if with_text {
            row.push(e.text.clone().unwrap_or_default());
        }
        csv.write_record(&row).map_err(csv_err)?;
    }
    csv.into_inner().map_err(|e| Error::Export(e.to_string()))
}

/// Checks an exported bundle (the zip, or its unpacked top folder) against its manifest: every
/// listed file present with its SHA-256, `SHA256SUMS` in agreement, nothing unlisted.
/// Returns the problems found (empty when the bundle is intact) and the number of documents.
pub fn verify_bundle(path: &Path) -> Result<(usize, Vec<String>)> {
    use std::collections::BTreeMap;
    use std::io::Read;
    // name (relative to the top folder) -> bytes
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    if path.is_dir() {
        for entry in walkdir::WalkDir::new(path)
            .into_iter()
            .filter_map(|e| e.ok())
        {
            if entry.file_type().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(path)
                    .map(|r| r.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                files.insert(rel, bytes);
            }
        }
    } else {
        let f = File::open(path).map_err(|e| Error::io(path, e))?;
        let mut zip = zip::ZipArchive::new(f)
            .map_err(|e| Error::Export(format!("not a readable zip: {e}")))?;
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).map_err(|e| Error::Export(e.to_string()))?;
            if entry.is_dir() {
                continue;
            }
            // Names are checked, never joined to a path: a hostile "../x" is only a problem report.
            let name = entry.name().to_string();
            let rel = match name.split_once('/') {
                Some((_, rest)) => rest.to_string(),
                None => name.clone(),
            };
            let mut bytes = Vec::new();
            entry
                .read_to_end(&mut bytes)
                .map_err(|e| Error::Export(format!("{name}: {e}")))?;
            files.insert(rel, bytes);
        }
    }
    let manifest: serde_json::Value = files
        .get("manifest.json")
        .and_then(|b| serde_json::from_slice(b).ok())
        .ok_or_else(|| Error::Export("no readable manifest.json in the bundle".into()))?;
    let mut problems = Vec::new();
    let docs = manifest["documents"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut listed: HashSet<String> = ["manifest.json", "manifest.csv", "SHA256SUMS"]
        .iter()
        .chain(RECORD_FILES.iter())
        .map(|s| s.to_string())
        .collect();
    for d in &docs {
        let rel = d["path"].as_str().unwrap_or_default().to_string();
        let want = d["sha256"].as_str().unwrap_or_default();
        if rel.split('/').any(|part| part == ".." || part.is_empty()) {
            problems.push(format!("{rel}: unsafe path in the manifest"));
            continue;
        }
        match files.get(&rel) {
            None => problems.push(format!("{rel}: missing")),
            Some(bytes) if crate::store::sha256_hex(bytes) != want => {
                problems.push(format!("{rel}: SHA-256 does not match the manifest"))
            }
            Some(_) => {}
        }
        listed.insert(rel);
    }
    let sums = files
        .get("SHA256SUMS")
        .map(|b| String::from_utf8_lossy(b).to_string())
        .unwrap_or_default();
    for line in sums.lines() {
        let Some((sha, rel)) = line.split_once("  ") else {
            problems.push(format!("SHA256SUMS: unreadable line {line:?}"));
            continue;
        };
        let in_manifest = docs
            .iter()
            .any(|d| d["path"].as_str() == Some(rel) && d["sha256"].as_str() == Some(sha));
        if !in_manifest {
            problems.push(format!("SHA256SUMS: {rel} disagrees with the manifest"));
        }
    }
    for name in files.keys() {
        if !listed.contains(name) {
            problems.push(format!("{name}: not listed in the manifest"));
        }
    }
    Ok((docs.len(), problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_escape_or_break() {
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_name("a\\b:c?.pdf"), "a_b_c_.pdf");
        assert_eq!(safe_file_name("..."), "dokuments.pdf");
        assert_eq!(safe_file_name("Sēdes protokols.pdf"), "Sēdes protokols.pdf");
        let long = format!("{}.pdf", "ā".repeat(200));
        let s = safe_file_name(&long);
        assert!(s.len() <= 150 && s.ends_with(".pdf"), "{s}");
    }

    #[test]
    fn duplicate_names_get_numbers() {
        let mut used = HashSet::new();
        assert_eq!(unique("a/x.pdf".into(), &mut used), "a/x.pdf");
        assert_eq!(unique("a/X.pdf".into(), &mut used), "a/X (2).pdf");
    }
}
