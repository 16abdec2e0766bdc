//! Writing a BagIt 1.0 bag (RFC 8493): `bagit.txt`, the payload under `data/`,
//! `manifest-sha256.txt` and `manifest-sha512.txt`, `bag-info.txt` (with `Payload-Oxum`) and
//! tag manifests for both algorithms, into a folder or a zip (the zip holds one top folder, the
//! bag's base directory, as RFC 8493 section 4 asks of a serialised bag). Reading one back
//! is [`super::bag_verify`].
//!
//! Everything is written under a temporary name beside the target (`.NAME.PID.part`) and
//! renamed when complete, so a failed or killed export never leaves a half bag under the final
//! name; dropping an unfinished [`BagWriter`] removes its temporary file or folder.
//!
//! Written by hand rather than with a crate: the BagIt crates on crates.io are `async_bagit`
//! (needs a Tokio runtime and nightly Rust, and reads and writes folders only) and `bagr` (a
//! command-line tool whose library bags a folder in place, on clap 3 and `atty`); neither
//! writes a zip or streams files from our content store while hashing them, and the format is
//! small: four text files of `checksum path` and `Label: value` lines.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sha2::{Digest, Sha256, Sha512};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The two payload (and tag) manifest algorithms every bag we write carries.
pub const ALGORITHMS: [Algorithm; 2] = [Algorithm::Sha256, Algorithm::Sha512];

/// A checksum algorithm named by a manifest file (`manifest-<name>.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Algorithm {
    Sha256,
    Sha512,
}

impl Algorithm {
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Sha256 => "sha256",
            Algorithm::Sha512 => "sha512",
        }
    }

    pub fn from_name(name: &str) -> Option<Algorithm> {
        match name {
            "sha256" => Some(Algorithm::Sha256),
            "sha512" => Some(Algorithm::Sha512),
            _ => None,
        }
    }
}

/// Why a bag could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum BagError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("zip: {0}")]
    Zip(String),
    #[error("{0} already exists and is not empty")]
    Exists(PathBuf),
    #[error("not a usable path inside a bag: {0:?}")]
    BadPath(String),
    #[error("{path}: the stored file does not match its SHA-256; run `ogp-archive verify`")]
    HashMismatch { path: String },
    #[error("{0} is not a BagIt bag (no bagit.txt)")]
    NotABag(PathBuf),
}

impl BagError {
    fn io(path: impl Into<PathBuf>, source: std::io::Error) -> BagError {
        BagError::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<BagError> for crate::error::Error {
    fn from(e: BagError) -> Self {
        match e {
            BagError::Io { path, source } => crate::error::Error::io(path, source),
            other => crate::error::Error::Export(other.to_string()),
        }
    }
}

/// What `bag-info.txt` says besides the computed `Payload-Oxum` and `Bag-Size`.
#[derive(Clone, Debug)]
pub struct BagInfo {
    pub source_organization: String,
    pub external_description: String,
    pub bagging_date: NaiveDate,
    /// `Bag-Count: N of M`.
    pub bag_count: (u32, u32),
    /// Further `Label: value` lines, in order.
    pub extra: Vec<(String, String)>,
}

/// A finished bag.
#[derive(Clone, Debug)]
pub struct BagSummary {
    pub path: PathBuf,
    /// Payload files (under `data/`).
    pub files: usize,
    /// Payload bytes (the first number of `Payload-Oxum`).
    pub payload_bytes: u64,
}

/// Both digests of one file, lowercase hex.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digests {
    pub sha256: String,
    pub sha512: String,
}

impl Digests {
    pub fn get(&self, alg: Algorithm) -> &str {
        match alg {
            Algorithm::Sha256 => &self.sha256,
            Algorithm::Sha512 => &self.sha512,
        }
    }
}

/// Files above this size hash SHA-512 on a second thread while SHA-256 and the write run on
/// this one: SHA-512 has no CPU instructions of its own and would otherwise double the time
/// of an export (the machine's SHA extensions make SHA-256 the cheaper of the two).
const PARALLEL_HASH_MIN: usize = 256 * 1024;

/// Both digests of a buffer.
pub fn digests(bytes: &[u8]) -> Digests {
    if bytes.len() < PARALLEL_HASH_MIN {
        return Digests {
            sha256: hex(&Sha256::digest(bytes)),
            sha512: hex(&Sha512::digest(bytes)),
        };
    }
    std::thread::scope(|s| {
        let h512 = s.spawn(|| hex(&Sha512::digest(bytes)));
        let sha256 = hex(&Sha256::digest(bytes));
        Digests {
            sha256,
            sha512: h512.join().expect("hashing does not panic"),
        }
    })
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// A manifest path: `%`, CR and LF percent-encoded (RFC 8493 section 2.1.3).
pub fn encode_path(path: &str) -> String {
    path.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The inverse of [`encode_path`].
pub fn decode_path(path: &str) -> String {
    path.replace("%0D", "\r")
        .replace("%0d", "\r")
        .replace("%0A", "\n")
        .replace("%0a", "\n")
        .replace("%25", "%")
}

/// A path inside the payload is relative, uses `/`, and has no empty, `.` or `..` part.
fn check_rel(rel: &str) -> Result<(), BagError> {
    let bad = rel.is_empty()
        || rel.starts_with('/')
        || rel.contains('\\')
        || rel.contains('\0')
        || rel
            .split('/')
            .any(|p| p.is_empty() || p == "." || p == "..");
    if bad {
        Err(BagError::BadPath(rel.to_string()))
    } else {
        Ok(())
    }
}

enum Sink {
    Dir(PathBuf),
    // Boxed: the writer is large, and a bag has one sink for its whole life.
    Zip {
        zip: Box<ZipWriter<BufWriter<File>>>,
        top: String,
    },
}

/// Deflate level of the text entries of a zip bag (page texts, the offline page's search
/// data, manifests, citations): 1, the fastest. At zip's default level 6 (miniz_oxide)
/// compressing them took 45 % of an export (0.25 s of 0.58 s for a cycle of 258 documents);
/// level 1 with zlib-rs (see Cargo.toml) takes about 12 % and writes a bundle 8 % larger
/// (23.2 MB instead of 21.5 MB: the stored PDFs are most of it).
const TEXT_LEVEL: i64 = 1;

fn entry_options(method: CompressionMethod, len: usize) -> SimpleFileOptions {
    let opts = SimpleFileOptions::default()
        .compression_method(method)
        .large_file(len as u64 >= u32::MAX as u64);
    match method {
        CompressionMethod::Deflated => opts.compression_level(Some(TEXT_LEVEL)),
        _ => opts,
    }
}

/// How a bag packs its files: what [`Packing::ready`] needs to make a file ready for
/// [`BagWriter::put`] on any thread, so that reading, hashing and compressing a cycle's files
/// use every core while one thread writes.
#[derive(Clone, Debug)]
pub struct Packing {
    /// The zip's top folder; `None` for a folder bag.
    zip_top: Option<String>,
}

/// A payload file ready for [`BagWriter::put`]: checked, hashed and, for a zip, compressed.
pub struct Ready {
    /// `data/<rel>`.
    path: String,
    len: u64,
    digests: Digests,
    body: Body,
}

enum Body {
    /// The file's bytes as they are written (a folder bag, or a PDF stored in a zip).
    Plain(Vec<u8>),
    /// A zip in memory whose one entry is the file, compressed: merged into the bag's zip as
    /// it is (zip's `merge_archive` copies compressed entries without decompressing them).
    Zipped(Vec<u8>),
}

impl Packing {
    /// Reads a file from disk and makes it ready as `data/<rel>`; see [`Packing::ready`].
    pub fn ready_file(
        &self,
        rel: &str,
        src: &Path,
        expect_sha256: Option<&str>,
    ) -> Result<Ready, BagError> {
        let bytes = std::fs::read(src).map_err(|e| BagError::io(src, e))?;
        self.ready(rel, bytes, expect_sha256)
    }

    /// Hashes `bytes` as `data/<rel>` and, in a zip, compresses them unless they are a PDF
    /// (compressed already: stored, as `zip -0` would, fast and with the bytes visible). With
    /// `expect_sha256`, bytes that no longer match it are refused (a damaged store must not be
    /// exported as if it were sound).
    pub fn ready(
        &self,
        rel: &str,
        bytes: Vec<u8>,
        expect_sha256: Option<&str>,
    ) -> Result<Ready, BagError> {
        check_rel(rel)?;
        let path = format!("data/{rel}");
        let digests = digests(&bytes);
        if let Some(want) = expect_sha256 {
            if !want.eq_ignore_ascii_case(&digests.sha256) {
                return Err(BagError::HashMismatch { path });
            }
        }
        let len = bytes.len() as u64;
        let body = match &self.zip_top {
            Some(top) if !path.to_lowercase().ends_with(".pdf") => {
                let mut one = ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(
                    bytes.len() / 3 + 256,
                )));
                let zerr = |e: zip::result::ZipError| BagError::Zip(e.to_string());
                let opts = entry_options(CompressionMethod::Deflated, bytes.len());
                one.start_file(format!("{top}/{path}"), opts)
                    .map_err(zerr)?;
                one.write_all(&bytes)
                    .map_err(|e| BagError::Zip(e.to_string()))?;
                Body::Zipped(one.finish().map_err(zerr)?.into_inner())
            }
            _ => Body::Plain(bytes),
        };
        Ok(Ready {
            path,
            len,
            digests,
            body,
        })
    }
}

/// Writes one bag. Add the payload with [`BagWriter::add_file`] / [`BagWriter::add_bytes`],
/// then [`BagWriter::finish`] writes the tag files and renames the bag into place.
pub struct BagWriter {
    sink: Sink,
    tmp: PathBuf,
    out: PathBuf,
    /// (path relative to the bag, digests), payload files only.
    payload: Vec<(String, Digests)>,
    payload_bytes: u64,
    done: bool,
}

impl BagWriter {
    /// A bag at `out`: a zip when `out` ends in `.zip` (one top folder named `bag_name`
    /// inside), else a folder that is the bag itself. An existing zip is replaced when the new
    /// one is complete; an existing folder must be empty.
    pub fn create(out: &Path, bag_name: &str) -> Result<BagWriter, BagError> {
        check_rel(bag_name)?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let file_name = out
            .file_name()
            .ok_or_else(|| BagError::BadPath(out.display().to_string()))?
            .to_string_lossy()
            .to_string();
        super::remove_stale_parts(&parent, &file_name);
        let tmp = parent.join(format!(".{file_name}.{}.part", std::process::id()));
        let is_zip = file_name.to_lowercase().ends_with(".zip");
        let sink = if is_zip {
            let f = File::create(&tmp).map_err(|e| BagError::io(&tmp, e))?;
            Sink::Zip {
                zip: Box::new(ZipWriter::new(BufWriter::with_capacity(1 << 20, f))),
                top: bag_name.to_string(),
            }
        } else {
            if out.exists() && !is_empty_dir(out) {
                return Err(BagError::Exists(out.to_path_buf()));
            }
            if tmp.exists() {
                let _ = std::fs::remove_dir_all(&tmp);
            }
            std::fs::create_dir_all(tmp.join("data")).map_err(|e| BagError::io(&tmp, e))?;
            Sink::Dir(tmp.clone())
        };
        Ok(BagWriter {
            sink,
            tmp,
            out: out.to_path_buf(),
            payload: Vec::new(),
            payload_bytes: 0,
            done: false,
        })
    }

    /// How this bag packs its files, for [`Packing::ready`] on other threads.
    pub fn packing(&self) -> Packing {
        Packing {
            zip_top: match &self.sink {
                Sink::Zip { top, .. } => Some(top.clone()),
                Sink::Dir(_) => None,
            },
        }
    }

    /// Adds a file from disk as `data/<rel>`. With `expect_sha256`, a file whose bytes no
    /// longer match it is refused (a damaged store must not be exported as if it were sound).
    pub fn add_file(
        &mut self,
        rel: &str,
        src: &Path,
        expect_sha256: Option<&str>,
    ) -> Result<Digests, BagError> {
        let ready = self.packing().ready_file(rel, src, expect_sha256)?;
        self.put(ready)
    }

    /// Adds generated content as `data/<rel>`.
    pub fn add_bytes(&mut self, rel: &str, bytes: &[u8]) -> Result<Digests, BagError> {
        let ready = self.packing().ready(rel, bytes.to_vec(), None)?;
        self.put(ready)
    }

    /// Adds a payload file made ready by [`Packing::ready`]: only its bytes are written here.
    pub fn put(&mut self, ready: Ready) -> Result<Digests, BagError> {
        let Ready {
            path,
            len,
            digests,
            body,
        } = ready;
        match (&mut self.sink, body) {
            (Sink::Zip { zip, .. }, Body::Zipped(one)) => {
                let entry = zip::ZipArchive::new(std::io::Cursor::new(one))
                    .map_err(|e| BagError::Zip(e.to_string()))?;
                zip.merge_archive(entry)
                    .map_err(|e| BagError::Zip(e.to_string()))?;
            }
            (_, Body::Plain(bytes)) => {
                self.write_entry(&path, &bytes, CompressionMethod::Stored)?
            }
            (Sink::Dir(_), Body::Zipped(_)) => {
                return Err(BagError::Zip(format!(
                    "{path}: a zip entry for a folder bag"
                )))
            }
        }
        self.payload_bytes += len;
        self.payload.push((path, digests.clone()));
        Ok(digests)
    }

    fn write_entry(
        &mut self,
        path: &str,
        bytes: &[u8],
        method: CompressionMethod,
    ) -> Result<(), BagError> {
        match &mut self.sink {
            Sink::Dir(root) => {
                let dest = root.join(path);
                if let Some(dir) = dest.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| BagError::io(dir, e))?;
                }
                std::fs::write(&dest, bytes).map_err(|e| BagError::io(&dest, e))
            }
            Sink::Zip { zip, top } => {
                let opts = entry_options(method, bytes.len());
                zip.start_file(format!("{top}/{path}"), opts)
                    .map_err(|e| BagError::Zip(e.to_string()))?;
                zip.write_all(bytes).map_err(|e| BagError::io(&self.tmp, e))
            }
        }
    }

    /// Writes the manifests, `bagit.txt`, `bag-info.txt` and the tag manifests, makes the bag
    /// durable and renames it into place.
    pub fn finish(mut self, info: &BagInfo) -> Result<BagSummary, BagError> {
        self.payload.sort_by(|a, b| a.0.cmp(&b.0));
        let mut tags: Vec<(String, Vec<u8>)> = Vec::new();
        tags.push((
            "bagit.txt".into(),
            b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".to_vec(),
        ));
        for alg in ALGORITHMS {
            let body = manifest_text(self.payload.iter().map(|(p, d)| (p.as_str(), d)), alg);
            tags.push((format!("manifest-{}.txt", alg.name()), body.into_bytes()));
        }
        let bag_info = bag_info_text(info, self.payload_bytes, self.payload.len());
        tags.push(("bag-info.txt".into(), bag_info.into_bytes()));
        let tag_digests: Vec<(String, Digests)> = tags
            .iter()
            .map(|(name, body)| (name.clone(), digests(body)))
            .collect();
        for alg in ALGORITHMS {
            let body = manifest_text(tag_digests.iter().map(|(p, d)| (p.as_str(), d)), alg);
            tags.push((format!("tagmanifest-{}.txt", alg.name()), body.into_bytes()));
        }
        for (name, body) in &tags {
            self.write_entry(name, body, CompressionMethod::Deflated)?;
        }
        self.seal()?;
        self.done = true;
        Ok(BagSummary {
            path: self.out.clone(),
            files: self.payload.len(),
            payload_bytes: self.payload_bytes,
        })
    }

    /// Flushes and syncs the temporary bag, then renames it to its final name.
    fn seal(&mut self) -> Result<(), BagError> {
        let sink = std::mem::replace(&mut self.sink, Sink::Dir(PathBuf::new()));
        match sink {
            Sink::Zip { zip, .. } => {
                let mut inner = zip.finish().map_err(|e| BagError::Zip(e.to_string()))?;
                inner.flush().map_err(|e| BagError::io(&self.tmp, e))?;
                let file = inner
                    .into_inner()
                    .map_err(|e| BagError::io(&self.tmp, e.into_error()))?;
                file.sync_all().map_err(|e| BagError::io(&self.tmp, e))?;
            }
            Sink::Dir(root) => {
                // One syncfs for the whole folder instead of an fsync per file.
                sync_fs(&root).map_err(|e| BagError::io(&root, e))?;
                if self.out.exists() {
                    // Empty (checked in `create`): a folder cannot be renamed over a non-empty one.
                    std::fs::remove_dir(&self.out).map_err(|e| BagError::io(&self.out, e))?;
                }
            }
        }
        std::fs::rename(&self.tmp, &self.out).map_err(|e| BagError::io(&self.out, e))
    }
}

impl Drop for BagWriter {
    fn drop(&mut self) {
        if !self.done {
            if self.tmp.is_dir() {
                let _ = std::fs::remove_dir_all(&self.tmp);
            } else {
                let _ = std::fs::remove_file(&self.tmp);
            }
        }
    }
}

/// `checksum  path` lines, the layout `sha256sum` and bagit.py write.
fn manifest_text<'a>(
    entries: impl Iterator<Item = (&'a str, &'a Digests)>,
    alg: Algorithm,
) -> String {
    let mut s = String::new();
    for (path, d) in entries {
        s.push_str(d.get(alg));
        s.push_str("  ");
        s.push_str(&encode_path(path));
        s.push('\n');
    }
    s
}

/// `bag-info.txt`: the labels RFC 8493 section 2.2.2 reserves that we know, long values folded
/// onto indented continuation lines at 79 characters.
pub fn bag_info_text(info: &BagInfo, payload_bytes: u64, files: usize) -> String {
    let mut lines: Vec<(String, String)> = vec![
        (
            "Source-Organization".into(),
            info.source_organization.clone(),
        ),
        (
            "Bagging-Date".into(),
            info.bagging_date.format("%Y-%m-%d").to_string(),
        ),
        ("Payload-Oxum".into(), format!("{payload_bytes}.{files}")),
        ("Bag-Size".into(), crate::error::human_bytes(payload_bytes)),
        (
            "External-Description".into(),
            info.external_description.clone(),
        ),
        (
            "Bag-Count".into(),
            format!("{} of {}", info.bag_count.0, info.bag_count.1),
        ),
    ];
    lines.extend(info.extra.iter().cloned());
    let mut out = String::new();
    for (label, value) in lines {
        out.push_str(&fold_line(&label, &value));
    }
    out
}

/// `Label: value`, folded at word boundaries so that no line passes 79 characters where a
/// space allows it (continuation lines start with two spaces). Line breaks in the value become
/// spaces: a tag value is one logical line.
fn fold_line(label: &str, value: &str) -> String {
    let value: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = format!("{label}:");
    let mut width = out.chars().count();
    for (i, word) in value.split(' ').enumerate() {
        let w = word.chars().count();
        if i > 0 && width + 1 + w > 79 {
            out.push_str("\n ");
            width = 1;
        }
        out.push(' ');
        out.push_str(word);
        width += 1 + w;
    }
    out.push('\n');
    out
}

fn is_empty_dir(p: &Path) -> bool {
    std::fs::read_dir(p)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false)
}

fn sync_fs(dir: &Path) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let f = File::open(dir)?;
    // SAFETY: syncfs(2) takes an open descriptor, which `f` holds for the call.
    if unsafe { libc::syncfs(f.as_raw_fd()) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> BagInfo {
        BagInfo {
            source_organization: "Valsts kanceleja".into(),
            external_description: "Atvērtās pārvaldības 5. rīcības plāna cikls (2022–2025): \
                dokumenti pa padomes sēdēm, ar to tekstu un meklēšanu bez tīkla"
                .into(),
            bagging_date: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            bag_count: (1, 1),
            extra: vec![("Bag-Group-Identifier".into(), "OGP5".into())],
        }
    }

    #[test]
    fn paths_are_percent_encoded_both_ways() {
        let odd = "data/a%b\nc\rd.pdf";
        assert_eq!(encode_path(odd), "data/a%25b%0Ac%0Dd.pdf");
        assert_eq!(decode_path(&encode_path(odd)), odd);
    }

    #[test]
    fn payload_paths_cannot_leave_the_bag() {
        for bad in ["", "/etc/x", "../x", "a/../../x", "a//b", "a\\b", "./a"] {
            assert!(check_rel(bad).is_err(), "{bad:?}");
        }
        assert!(check_rel("2023-03-21/Sēdes protokols.pdf").is_ok());
    }

    #[test]
    fn bag_info_folds_long_values_and_counts_the_payload() {
        let text = bag_info_text(&info(), 1234, 3);
        assert!(text.contains("Payload-Oxum: 1234.3\n"), "{text}");
        assert!(text.contains("Bagging-Date: 2026-12-04\n"));
        assert!(text.contains("Bag-Count: 1 of 1\n"));
        assert!(text.starts_with("Source-Organization: Valsts kanceleja\n"));
        for line in text.lines() {
            assert!(line.chars().count() <= 79, "{line:?}");
        }
        // The folded description reads back as one value.
        let desc: String = text
            .lines()
            .skip_while(|l| !l.starts_with("External-Description"))
            .take_while(|l| l.starts_with("External") || l.starts_with(' '))
            .map(|l| l.trim_start_matches("External-Description:").trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            desc,
            info()
                .external_description
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
    }

    #[test]
    fn digests_are_the_known_values_in_both_paths() {
        // "abc": FIPS 180 test vectors.
        let d = digests(b"abc");
        assert_eq!(
            d.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(d.sha512.starts_with("ddaf35a193617aba"));
        let big = vec![7u8; PARALLEL_HASH_MIN + 5];
        let d2 = digests(&big);
        assert_eq!(d2.sha256, hex(&Sha256::digest(&big)));
        assert_eq!(d2.sha512, hex(&Sha512::digest(&big)));
    }

    #[test]
    fn a_folder_bag_has_every_tag_file_and_sorted_manifests() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("bag");
        let mut w = BagWriter::create(&out, "OGP5").unwrap();
        w.add_bytes("b.txt", b"bee").unwrap();
        let sha = hex(&Sha256::digest(b"%PDF-1.4 a"));
        let src = dir.path().join("src.pdf");
        std::fs::write(&src, b"%PDF-1.4 a").unwrap();
        w.add_file("2023-03-21/a.pdf", &src, Some(&sha)).unwrap();
        let s = w.finish(&info()).unwrap();
        assert_eq!((s.files, s.payload_bytes), (2, 13));
        for f in [
            "bagit.txt",
            "bag-info.txt",
            "manifest-sha256.txt",
            "manifest-sha512.txt",
            "tagmanifest-sha256.txt",
            "tagmanifest-sha512.txt",
            "data/b.txt",
            "data/2023-03-21/a.pdf",
        ] {
            assert!(out.join(f).is_file(), "{f}");
        }
        let m = std::fs::read_to_string(out.join("manifest-sha256.txt")).unwrap();
        assert_eq!(
            m,
            format!(
                "{sha}  data/2023-03-21/a.pdf\n{}  data/b.txt\n",
                hex(&Sha256::digest(b"bee"))
            )
        );
        let tm = std::fs::read_to_string(out.join("tagmanifest-sha256.txt")).unwrap();
        assert!(tm.contains("  bag-info.txt\n") && tm.contains("  manifest-sha512.txt\n"));
        // No temporary left beside it.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_changed_stored_file_is_refused_and_nothing_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src.pdf");
        std::fs::write(&src, b"%PDF-1.4 changed").unwrap();
        let out = dir.path().join("b.zip");
        let mut w = BagWriter::create(&out, "OGP5").unwrap();
        let err = w
            .add_file("x.pdf", &src, Some(&"0".repeat(64)))
            .unwrap_err();
        assert!(matches!(err, BagError::HashMismatch { .. }), "{err}");
        drop(w);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("src.pdf")]);
    }

    #[test]
    fn a_zip_bag_has_one_top_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("ogp5.zip");
        let mut w = BagWriter::create(&out, "OGP5_2022-2025").unwrap();
        w.add_bytes("index.html", b"<!doctype html>").unwrap();
        w.finish(&info()).unwrap();
        let zip = zip::ZipArchive::new(File::open(&out).unwrap()).unwrap();
        let names: Vec<&str> = zip.file_names().collect();
        assert!(
            names.iter().all(|n| n.starts_with("OGP5_2022-2025/")),
            "{names:?}"
        );
        assert!(names.contains(&"OGP5_2022-2025/bagit.txt"));
        assert!(names.contains(&"OGP5_2022-2025/data/index.html"));
    }

    #[test]
    fn a_folder_with_content_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("keep.txt"), b"x").unwrap();
        let err = BagWriter::create(dir.path(), "OGP5").err().unwrap();
        assert!(matches!(err, BagError::Exists(_)));
    }
}
