//! Validating a BagIt bag (RFC 8493 section 3), a folder or a zip with the bag as its one top
//! folder: `bagit.txt` declares version and encoding; every payload file is in every payload
//! manifest and every manifest entry exists; each checksum matches (SHA-256 and SHA-512, the
//! algorithms we write; a manifest of another algorithm is reported as not checked);
//! `Payload-Oxum` agrees with the payload; each tag manifest's entries match.
//!
//! Every problem names the file and is typed ([`BagProblem`]), so a caller (the CLI's
//! `verify --bundle`, a test) tells a changed payload byte from a changed tag file or a missing
//! file without reading messages. Zip entry names are compared, never joined to a path.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256, Sha512};

use super::bagit::{decode_path, hex, Algorithm, BagError, Digests};

/// One thing wrong with a bag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum BagProblem {
    /// `bagit.txt` is missing a line or declares something else.
    Declaration { detail: String },
    /// No `manifest-<algorithm>.txt` at all.
    NoPayloadManifest,
    /// A payload file's bytes differ from its manifest entry.
    PayloadChanged { path: String, algorithm: Algorithm },
    /// A tag file's bytes differ from its tag manifest entry.
    TagChanged { path: String, algorithm: Algorithm },
    /// A manifest lists a file the bag does not have.
    Missing { path: String, manifest: String },
    /// A payload file that a payload manifest does not list.
    NotInManifest { path: String, manifest: String },
    /// `Payload-Oxum` (bytes.files) disagrees with the payload.
    PayloadOxum { declared: String, found: String },
    /// A manifest line that is not `checksum path`, or a path that leaves the bag.
    BadManifestLine { manifest: String, line: String },
    /// A manifest of an algorithm we do not compute; its entries were not checked.
    UncheckedManifest { manifest: String },
    /// A file that could not be read to its end (in a zip: its CRC-32 does not match, which
    /// is how a changed byte in a stored entry shows first); its checksums cover what was read.
    Unreadable { path: String, detail: String },
}

impl std::fmt::Display for BagProblem {
    /// Latvian, then English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BagProblem::Declaration { detail } => {
                write!(f, "bagit.txt: nederīga deklarācija / invalid declaration ({detail})")
            }
            BagProblem::NoPayloadManifest => {
                write!(f, "nav neviena manifest-*.txt / no payload manifest")
            }
            BagProblem::PayloadChanged { path, algorithm } => write!(
                f,
                "{path}: saturs mainīts ({a} nesakrīt) / content changed ({a} does not match)",
                a = algorithm.name()
            ),
            BagProblem::TagChanged { path, algorithm } => write!(
                f,
                "{path}: apraksta fails mainīts ({a} nesakrīt) / tag file changed ({a} does not match)",
                a = algorithm.name()
            ),
            BagProblem::Missing { path, manifest } => {
                write!(f, "{path}: trūkst (minēts {manifest}) / missing (listed in {manifest})")
            }
            BagProblem::NotInManifest { path, manifest } => write!(
                f,
                "{path}: lieks fails, nav {manifest} / extra file, not in {manifest}"
            ),
            BagProblem::PayloadOxum { declared, found } => write!(
                f,
                "bag-info.txt: Payload-Oxum {declared}, bet saturā {found} / Payload-Oxum {declared}, payload has {found}"
            ),
            BagProblem::BadManifestLine { manifest, line } => {
                write!(f, "{manifest}: nesaprotama rinda / unreadable line {line:?}")
            }
            BagProblem::UncheckedManifest { manifest } => write!(
                f,
                "{manifest}: algoritms netiek pārbaudīts / algorithm not checked"
            ),
            BagProblem::Unreadable { path, detail } => {
                write!(f, "{path}: nevar nolasīt / cannot be read ({detail})")
            }
        }
    }
}

/// The outcome of validating a bag.
#[derive(Clone, Debug, Default, Serialize)]
pub struct BagReport {
    /// Payload files found.
    pub files: usize,
    pub payload_bytes: u64,
    pub problems: Vec<BagProblem>,
}

impl BagReport {
    pub fn is_valid(&self) -> bool {
        self.problems
            .iter()
            .all(|p| matches!(p, BagProblem::UncheckedManifest { .. }))
    }
}

/// What was read of one file: its size and digests, and the text of small tag files.
struct Seen {
    size: u64,
    digests: Digests,
    text: Option<String>,
    /// Why reading stopped early.
    error: Option<String>,
}

/// Tag files larger than this are hashed but not kept as text (they are not ours to parse).
const TAG_TEXT_MAX: u64 = 64 << 20;

/// Whether `path` (a folder or a zip) holds a bag: `bagit.txt` at its top or in its one top
/// folder.
pub fn is_bag(path: &Path) -> bool {
    if path.is_dir() {
        return path.join("bagit.txt").is_file() || single_bag_subdir(path).is_some();
    }
    File::open(path)
        .ok()
        .and_then(|f| zip::ZipArchive::new(f).ok())
        .is_some_and(|z| zip_bag_prefix(&z).is_some())
}

/// The folder of a zip that holds `bagit.txt`: `""` at the root or `NAME/` one level down.
fn zip_bag_prefix<R: Read + std::io::Seek>(zip: &zip::ZipArchive<R>) -> Option<String> {
    zip.file_names()
        .filter_map(|n| n.strip_suffix("bagit.txt"))
        .find(|p| p.is_empty() || (p.ends_with('/') && p.matches('/').count() == 1))
        .map(str::to_string)
}

/// Validates the bag at `path` (a folder, or a zip whose one top folder is the bag).
pub fn validate(path: &Path) -> Result<BagReport, BagError> {
    let files = read_all(path)?;
    Ok(check(&files))
}

fn read_all(path: &Path) -> Result<BTreeMap<String, Seen>, BagError> {
    if path.is_dir() {
        let base = if path.join("bagit.txt").is_file() {
            path.to_path_buf()
        } else {
            single_bag_subdir(path).ok_or_else(|| BagError::NotABag(path.to_path_buf()))?
        };
        read_dir(&base)
    } else {
        read_zip(path)
    }
}

/// A folder whose only entry is a folder holding `bagit.txt` (an unpacked zip).
fn single_bag_subdir(path: &Path) -> Option<PathBuf> {
    let mut entries = std::fs::read_dir(path).ok()?.flatten();
    let only = entries.next()?;
    if entries.next().is_some() {
        return None;
    }
    let p = only.path();
    p.join("bagit.txt").is_file().then_some(p)
}

/// Hashes a file as far as it can be read; a read error is kept in the result, not returned,
/// so that one bad entry does not hide the rest of the bag.
fn hash_reader(mut r: impl Read, keep_text: bool) -> Seen {
    let mut h256 = Sha256::new();
    let mut h512 = Sha512::new();
    let mut size = 0u64;
    let mut text = keep_text.then(Vec::new);
    let mut buf = vec![0u8; 1 << 16];
    let mut error = None;
    loop {
        let n = match r.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                error = Some(e.to_string());
                break;
            }
        };
        if n == 0 {
            break;
        }
        h256.update(&buf[..n]);
        h512.update(&buf[..n]);
        if let Some(t) = text.as_mut() {
            if size + (n as u64) <= TAG_TEXT_MAX {
                t.extend_from_slice(&buf[..n]);
            }
        }
        size += n as u64;
    }
    Seen {
        size,
        digests: Digests {
            sha256: hex(&h256.finalize()),
            sha512: hex(&h512.finalize()),
        },
        text: text.map(|t| String::from_utf8_lossy(&t).into_owned()),
        error,
    }
}

fn read_dir(base: &Path) -> Result<BTreeMap<String, Seen>, BagError> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(base)
        .into_iter()
        .filter_map(|e| e.ok())
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(base) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let f = File::open(entry.path()).map_err(|e| BagError::Io {
            path: entry.path().to_path_buf(),
            source: e,
        })?;
        let seen = hash_reader(f, !rel.starts_with("data/"));
        out.insert(rel, seen);
    }
    if !out.contains_key("bagit.txt") {
        return Err(BagError::NotABag(base.to_path_buf()));
    }
    Ok(out)
}

fn read_zip(path: &Path) -> Result<BTreeMap<String, Seen>, BagError> {
    let f = File::open(path).map_err(|e| BagError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let mut zip =
        zip::ZipArchive::new(f).map_err(|e| BagError::Zip(format!("{}: {e}", path.display())))?;
    // The bag is the zip's one top folder, or the zip's root.
    let top = zip_bag_prefix(&zip).ok_or_else(|| BagError::NotABag(path.to_path_buf()))?;
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| BagError::Zip(e.to_string()))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_string();
        // Entries outside the bag's folder are extra files of the serialisation: reported as
        // not in the manifest by their full name.
        let rel = name.strip_prefix(&top).unwrap_or(&name).to_string();
        let seen = hash_reader(entry, !rel.starts_with("data/"));
        out.insert(rel, seen);
    }
    Ok(out)
}

/// Parses `checksum path` lines; a bad line or a path leaving the bag is a problem.
fn manifest_entries(
    name: &str,
    text: &str,
    problems: &mut Vec<BagProblem>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let parsed = line
            .split_once([' ', '\t'])
            .map(|(sum, rest)| (sum.to_lowercase(), decode_path(rest.trim_start())));
        match parsed {
            Some((sum, path))
                if !sum.is_empty()
                    && sum.bytes().all(|b| b.is_ascii_hexdigit())
                    && !path.starts_with('/')
                    && !path.split('/').any(|p| p == ".." || p.is_empty()) =>
            {
                out.push((path, sum))
            }
            _ => problems.push(BagProblem::BadManifestLine {
                manifest: name.to_string(),
                line: line.to_string(),
            }),
        }
    }
    out
}

/// `Label: value` pairs of a tag file, continuation lines joined.
pub fn tag_values(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            out.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    out
}

fn check(files: &BTreeMap<String, Seen>) -> BagReport {
    let mut problems: Vec<BagProblem> = files
        .iter()
        .filter_map(|(path, s)| {
            s.error.as_ref().map(|detail| BagProblem::Unreadable {
                path: path.clone(),
                detail: detail.clone(),
            })
        })
        .collect();
    let text = |name: &str| files.get(name).and_then(|s| s.text.clone());
    let decl = tag_values(&text("bagit.txt").unwrap_or_default());
    let get = |k: &str| decl.iter().find(|(l, _)| l == k).map(|(_, v)| v.as_str());
    match get("BagIt-Version") {
        Some(v) if v.starts_with("0.9") || v.starts_with("1.") => {}
        other => problems.push(BagProblem::Declaration {
            detail: format!("BagIt-Version {}", other.unwrap_or("-")),
        }),
    }
    if !get("Tag-File-Character-Encoding").is_some_and(|e| e.eq_ignore_ascii_case("UTF-8")) {
        problems.push(BagProblem::Declaration {
            detail: "Tag-File-Character-Encoding is not UTF-8".into(),
        });
    }
    let payload: BTreeSet<&str> = files
        .keys()
        .filter(|k| k.starts_with("data/"))
        .map(String::as_str)
        .collect();
    let mut payload_manifests = 0;
    for (name, seen) in files {
        let (is_tag, alg) = if let Some(a) = manifest_algorithm(name, "tagmanifest-") {
            (true, a)
        } else if let Some(a) = manifest_algorithm(name, "manifest-") {
            payload_manifests += 1;
            (false, a)
        } else {
            continue;
        };
        let Some(alg) = Algorithm::from_name(alg) else {
            problems.push(BagProblem::UncheckedManifest {
                manifest: name.clone(),
            });
            continue;
        };
        let entries = manifest_entries(name, seen.text.as_deref().unwrap_or(""), &mut problems);
        let mut listed = BTreeSet::new();
        for (path, sum) in entries {
            match files.get(&path) {
                None => problems.push(BagProblem::Missing {
                    path: path.clone(),
                    manifest: name.clone(),
                }),
                Some(s) if s.digests.get(alg) != sum => problems.push(if is_tag {
                    BagProblem::TagChanged {
                        path: path.clone(),
                        algorithm: alg,
                    }
                } else {
                    BagProblem::PayloadChanged {
                        path: path.clone(),
                        algorithm: alg,
                    }
                }),
                Some(_) => {}
            }
            listed.insert(path);
        }
        if !is_tag {
            for p in payload.iter().filter(|p| !listed.contains(**p)) {
                problems.push(BagProblem::NotInManifest {
                    path: p.to_string(),
                    manifest: name.clone(),
                });
            }
        }
    }
    if payload_manifests == 0 {
        problems.push(BagProblem::NoPayloadManifest);
    }
    let bytes: u64 = payload.iter().map(|p| files[*p].size).sum();
    let found = format!("{bytes}.{}", payload.len());
    let info = tag_values(&text("bag-info.txt").unwrap_or_default());
    if let Some((_, declared)) = info.iter().find(|(l, _)| l == "Payload-Oxum") {
        if declared != &found {
            problems.push(BagProblem::PayloadOxum {
                declared: declared.clone(),
                found,
            });
        }
    }
    BagReport {
        files: payload.len(),
        payload_bytes: bytes,
        problems,
    }
}

/// `manifest-sha256.txt` → `sha256` (for the given prefix).
fn manifest_algorithm<'a>(name: &'a str, prefix: &str) -> Option<&'a str> {
    name.strip_prefix(prefix)?.strip_suffix(".txt")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::bagit::{BagInfo, BagWriter};

    fn make_bag(out: &Path) {
        let mut w = BagWriter::create(out, "OGP5_2022-2025").unwrap();
        w.add_bytes("2023-03-21/protokols.pdf", &vec![b'%'; 5000])
            .unwrap();
        w.add_bytes("text/1.txt", "Līdzdalības budžets\u{c}".as_bytes())
            .unwrap();
        w.finish(&BagInfo {
            source_organization: "Valsts kanceleja".into(),
            external_description: "OGP 5. cikls".into(),
            bagging_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            bag_count: (1, 1),
            extra: vec![],
        })
        .unwrap();
    }

    fn flip(path: &Path, at: usize) {
        let mut b = std::fs::read(path).unwrap();
        b[at] ^= 0x01;
        std::fs::write(path, b).unwrap();
    }

    #[track_caller]
    fn case(change: impl FnOnce(&Path), want: &[BagProblem]) {
        let dir = tempfile::tempdir().unwrap();
        let bag = dir.path().join("bag");
        make_bag(&bag);
        assert!(validate(&bag).unwrap().is_valid());
        change(&bag);
        let report = validate(&bag).unwrap();
        assert_eq!(report.problems, want);
    }

    #[test]
    fn each_kind_of_damage_names_its_file() {
        use BagProblem::*;
        let p = |s: &str| s.to_string();
        case(
            |b| flip(&b.join("data/2023-03-21/protokols.pdf"), 100),
            &[
                PayloadChanged {
                    path: p("data/2023-03-21/protokols.pdf"),
                    algorithm: Algorithm::Sha256,
                },
                PayloadChanged {
                    path: p("data/2023-03-21/protokols.pdf"),
                    algorithm: Algorithm::Sha512,
                },
            ],
        );
        case(
            |b| {
                let t = std::fs::read_to_string(b.join("bag-info.txt")).unwrap();
                std::fs::write(b.join("bag-info.txt"), t.replace("Valsts", "Valsts ")).unwrap();
            },
            &[
                TagChanged {
                    path: p("bag-info.txt"),
                    algorithm: Algorithm::Sha256,
                },
                TagChanged {
                    path: p("bag-info.txt"),
                    algorithm: Algorithm::Sha512,
                },
            ],
        );
        case(
            |b| std::fs::remove_file(b.join("data/text/1.txt")).unwrap(),
            &[
                Missing {
                    path: p("data/text/1.txt"),
                    manifest: p("manifest-sha256.txt"),
                },
                Missing {
                    path: p("data/text/1.txt"),
                    manifest: p("manifest-sha512.txt"),
                },
                PayloadOxum {
                    declared: p("5023.2"),
                    found: p("5000.1"),
                },
            ],
        );
        case(
            |b| std::fs::write(b.join("data/extra.txt"), b"x").unwrap(),
            &[
                NotInManifest {
                    path: p("data/extra.txt"),
                    manifest: p("manifest-sha256.txt"),
                },
                NotInManifest {
                    path: p("data/extra.txt"),
                    manifest: p("manifest-sha512.txt"),
                },
                PayloadOxum {
                    declared: p("5023.2"),
                    found: p("5024.3"),
                },
            ],
        );
    }

    #[test]
    fn a_changed_oxum_alone_is_reported_with_the_tag_file() {
        case(
            |b| {
                let t = std::fs::read_to_string(b.join("bag-info.txt")).unwrap();
                std::fs::write(b.join("bag-info.txt"), t.replace("5023.2", "5021.2")).unwrap();
            },
            &[
                BagProblem::TagChanged {
                    path: "bag-info.txt".into(),
                    algorithm: Algorithm::Sha256,
                },
                BagProblem::TagChanged {
                    path: "bag-info.txt".into(),
                    algorithm: Algorithm::Sha512,
                },
                BagProblem::PayloadOxum {
                    declared: "5021.2".into(),
                    found: "5023.2".into(),
                },
            ],
        );
    }

    #[test]
    fn a_zip_bag_validates_and_reports_a_flipped_byte() {
        let dir = tempfile::tempdir().unwrap();
        let z = dir.path().join("b.zip");
        make_bag(&z);
        let r = validate(&z).unwrap();
        assert!(r.is_valid(), "{:?}", r.problems);
        assert_eq!((r.files, r.payload_bytes), (2, 5023));
        // The PDF is stored uncompressed: change a byte of its content inside the zip.
        let mut bytes = std::fs::read(&z).unwrap();
        let at = bytes
            .windows(50)
            .position(|w| w.iter().all(|b| *b == b'%'))
            .unwrap();
        bytes[at + 10] = b'#';
        std::fs::write(&z, &bytes).unwrap();
        let r = validate(&z).unwrap();
        let path = "data/2023-03-21/protokols.pdf";
        // The zip's CRC-32 and both manifests tell, each naming the file.
        assert!(
            r.problems
                .iter()
                .any(|p| matches!(p, BagProblem::Unreadable { path: p, .. } if p == path)),
            "{:?}",
            r.problems
        );
        assert!(
            r.problems.iter().any(|p| matches!(p, BagProblem::PayloadChanged { path: p, algorithm: Algorithm::Sha256 } if p == path)),
            "{:?}",
            r.problems
        );
    }

    #[test]
    fn a_folder_without_bagit_txt_is_not_a_bag() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x"), b"x").unwrap();
        assert!(matches!(validate(dir.path()), Err(BagError::NotABag(_))));
        assert!(!is_bag(dir.path()));
        let bag = dir.path().join("b.zip");
        make_bag(&bag);
        assert!(is_bag(&bag));
        let unpacked = dir.path().join("u");
        zip::ZipArchive::new(File::open(&bag).unwrap())
            .unwrap()
            .extract(&unpacked)
            .unwrap();
        assert!(is_bag(&unpacked) && is_bag(&unpacked.join("OGP5_2022-2025")));
    }

    #[test]
    fn hostile_manifest_paths_are_problems_not_reads() {
        let mut problems = Vec::new();
        let e = manifest_entries(
            "manifest-sha256.txt",
            "ab  ../../etc/passwd\nzz  data/x\nab  data/ok\n",
            &mut problems,
        );
        assert_eq!(e, vec![("data/ok".to_string(), "ab".to_string())]);
        assert_eq!(problems.len(), 2);
    }
}
