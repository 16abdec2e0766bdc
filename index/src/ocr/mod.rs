//! Optical character recognition of pages with no usable text layer (scans, and fonts whose
//! text cannot be decoded), in Latvian and English.
//!
//! The engine is Tesseract's command-line program with the `lav` and `eng` models, run as a
//! child process with a time limit. We drive the program rather than link libtesseract: the
//! engine and leptonica's image decoders are fed images from untrusted PDFs, and as a separate
//! process a crash or a hang in them costs one page, never the archive; it also keeps a C++
//! build out of ours. Page images are rendered by poppler's `pdftoppm` (the same library that
//! draws the page in any viewer, so rotation, masks, JBIG2 and odd colour spaces come out as
//! the user sees them) or, for a page that is one scanned image, taken straight from the PDF.
//!
//! Results come back as text (lines in reading order, line-end hyphenation joined), the mean
//! word confidence, and each word's box as fractions of the page, so that a viewer can later
//! highlight OCR hits.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::progress::OcrImage;

mod clean;
mod image;

/// Languages passed to Tesseract: Latvian first, English for the English parts.
pub const LANGS: &str = "lav+eng";
/// Longest one page may take before its Tesseract process is stopped.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(180);

/// Tesseract and the page renderer, found on this machine.
#[derive(Clone, Debug)]
pub struct Engine {
    tesseract: PathBuf,
    pdftoppm: Option<PathBuf>,
    /// e.g. `tesseract 5.3.0`.
    pub version: String,
    /// Longest one page may take; its processes are stopped after that.
    pub timeout: Duration,
    /// Resolution pages are rendered at.
    pub dpi: u32,
    /// Tesseract page segmentation mode.
    pub psm: u32,
    /// Take a scanned page's own image when it is plain, instead of rendering the page.
    pub use_embedded: bool,
}

/// One recognised word: its text, Tesseract's confidence (0–100) and its box as fractions of
/// the page's width and height, `[left, top, right, bottom]`, measured from the top left.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Word {
    pub text: String,
    pub conf: f32,
    pub bbox: [f32; 4],
}

/// The text of one page as Tesseract read it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Recognized {
    pub text: String,
    /// Mean word confidence (0–100), weighted by word length; 0 when no word was found.
    pub confidence: f32,
    pub words: Vec<Word>,
    /// The page's own scan image, or the page as pdftoppm drew it.
    pub image: OcrImage,
    pub seconds: f64,
}

/// Why one page could not be recognised. The page stays flagged; other pages go on.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("the OCR engine took longer than {0} s and was stopped")]
    Timeout(u64),
    #[error("the OCR engine failed: {0}")]
    Engine(String),
    #[error("the page could not be turned into an image: {0}")]
    Render(String),
    #[error("temporary files: {0}")]
    Io(#[from] std::io::Error),
}

impl PageError {
    pub fn code(&self) -> &'static str {
        match self {
            PageError::Timeout(_) => "timeout",
            PageError::Engine(_) => "engine",
            PageError::Render(_) => "render",
            PageError::Io(_) => "io",
        }
    }

    /// The reason in Latvian, then English.
    pub fn user_message(&self) -> String {
        let lv = match self {
            PageError::Timeout(s) => format!("atpazīšana ilga vairāk nekā {s} s un tika apturēta"),
            PageError::Engine(_) => "atpazīšanas programma beidza darbu ar kļūdu".into(),
            PageError::Render(_) => "lapu neizdevās pārvērst attēlā".into(),
            PageError::Io(_) => "pagaidu failu kļūda".into(),
        };
        format!("{lv} / {self}")
    }
}

/// Finds an executable on `PATH` (or takes a path as given when it contains a slash).
fn find_program(name: &str) -> Option<PathBuf> {
    if name.contains('/') {
        let p = PathBuf::from(name);
        return p.is_file().then_some(p);
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

pub use crate::error::INSTALL_HINT;

impl Engine {
    /// Finds Tesseract with the Latvian and English models, and `pdftoppm`.
    /// `OGP_TESSERACT` names another program (a path, or a name on `PATH`);
    /// `OGP_OCR_TIMEOUT_S` changes the per-page time limit.
    pub fn detect() -> Result<Engine> {
        let name = std::env::var("OGP_TESSERACT").unwrap_or_else(|_| "tesseract".into());
        Self::detect_program(&name)
    }

    /// [`Engine::detect`] with the Tesseract program named (a path, or a name on `PATH`).
    pub fn detect_program(name: &str) -> Result<Engine> {
        let missing = |what: &str| Error::OcrUnavailable(what.to_string());
        let tesseract = find_program(name).ok_or_else(|| missing("tesseract"))?;
        let langs = Command::new(&tesseract)
            .arg("--list-langs")
            .stdin(Stdio::null())
            .output()
            .map_err(|_| missing("tesseract"))?;
        let listed = String::from_utf8_lossy(&langs.stdout).to_string()
            + &String::from_utf8_lossy(&langs.stderr);
        let have = |l: &str| listed.lines().any(|x| x.trim() == l);
        let absent: Vec<&str> = ["lav", "eng"].into_iter().filter(|l| !have(l)).collect();
        if !absent.is_empty() {
            return Err(missing(&format!(
                "tesseract language data: {}",
                absent.join(", ")
            )));
        }
        let version = Command::new(&tesseract)
            .arg("--version")
            .stdin(Stdio::null())
            .output()
            .ok()
            .and_then(|o| {
                let s = String::from_utf8_lossy(&o.stdout).to_string()
                    + &String::from_utf8_lossy(&o.stderr);
                s.lines().next().map(|l| l.trim().to_string())
            })
            .unwrap_or_else(|| "tesseract".into());
        let timeout = std::env::var("OGP_OCR_TIMEOUT_S")
            .ok()
            .and_then(|v| v.parse().ok())
            .map(Duration::from_secs)
            .unwrap_or(DEFAULT_TIMEOUT);
        Ok(Engine {
            tesseract,
            pdftoppm: find_program("pdftoppm"),
            version,
            timeout,
            dpi: 300,
            psm: 1,
            use_embedded: true,
        })
    }

    /// Reads page `page` (1-based) of the PDF at `pdf`; `parsed` is the same file already
    /// parsed, when the caller has it (its scan image is then used directly). `work` is a
    /// folder this call may use for its images and outputs.
    pub fn recognize(
        &self,
        pdf: &Path,
        parsed: Option<&lopdf::Document>,
        page: u32,
        work: &Path,
    ) -> std::result::Result<Recognized, PageError> {
        let start = Instant::now();
        let embedded = parsed
            .filter(|_| self.use_embedded)
            .and_then(|doc| image::embedded_scan(doc, page, work))
            .map(|e| {
                let _ = clean::despeckle(&e.path, e.dpi);
                self.tesseract(&e.path, e.dpi, work)
            });
        let mut r = match embedded {
            // The scan image may be drawn transformed (flipped, masked, inverted) in ways only
            // a renderer applies, or be one the engine cannot decode: then the page as drawn
            // is read too, and the better reading kept.
            Some(Ok(r)) if r.confidence >= 60.0 || self.pdftoppm.is_none() => Recognized {
                image: OcrImage::Embedded,
                ..r
            },
            Some(first) => {
                let rendered = self.read_rendered(pdf, page, work);
                match (first, rendered) {
                    (Ok(a), Ok(b)) if a.confidence >= b.confidence => Recognized {
                        image: OcrImage::Embedded,
                        ..a
                    },
                    (_, Ok(b)) => b,
                    (Ok(a), Err(_)) => Recognized {
                        image: OcrImage::Embedded,
                        ..a
                    },
                    (Err(_), Err(e)) => return Err(e),
                }
            }
            None => self.read_rendered(pdf, page, work)?,
        };
        r.seconds = start.elapsed().as_secs_f64();
        Ok(r)
    }

    /// Renders the page, cleans it and reads it.
    fn read_rendered(
        &self,
        pdf: &Path,
        page: u32,
        work: &Path,
    ) -> std::result::Result<Recognized, PageError> {
        let image = self.render(pdf, page, work)?;
        let _ = clean::despeckle(&image, self.dpi);
        let r = self.tesseract(&image, self.dpi, work)?;
        Ok(Recognized {
            image: OcrImage::Rendered,
            ..r
        })
    }

    /// Draws the page with pdftoppm, greyscale, at `self.dpi`.
    fn render(
        &self,
        pdf: &Path,
        page: u32,
        work: &Path,
    ) -> std::result::Result<PathBuf, PageError> {
        let Some(pdftoppm) = &self.pdftoppm else {
            return Err(PageError::Render(
                "pdftoppm (poppler-utils) is not installed".into(),
            ));
        };
        let base = work.join("page");
        let mut cmd = Command::new(pdftoppm);
        cmd.arg("-r")
            .arg(self.dpi.to_string())
            .arg("-gray")
            .arg("-f")
            .arg(page.to_string())
            .arg("-l")
            .arg(page.to_string())
            .arg("-singlefile")
            .arg(pdf)
            .arg(&base);
        let out = run_limited(cmd, self.timeout)?;
        let image = base.with_extension("pgm");
        if !out.success || !image.is_file() {
            return Err(PageError::Render(out.stderr_tail()));
        }
        Ok(image)
    }

    /// Runs Tesseract on one image and reads its TSV output.
    fn tesseract(
        &self,
        image: &Path,
        dpi: u32,
        work: &Path,
    ) -> std::result::Result<Recognized, PageError> {
        let base = work.join("ocr");
        let tsv = base.with_extension("tsv");
        let _ = std::fs::remove_file(&tsv);
        let mut cmd = Command::new(&self.tesseract);
        cmd.arg(image)
            .arg(&base)
            .arg("-l")
            .arg(LANGS)
            .arg("--psm")
            .arg(self.psm.to_string())
            .arg("--dpi")
            .arg(dpi.to_string())
            .arg("tsv")
            // One thread per process: the archive runs one process per core instead, which
            // uses both cores better than Tesseract's own OpenMP threads on one page.
            .env("OMP_THREAD_LIMIT", "1");
        let out = run_limited(cmd, self.timeout)?;
        let text = std::fs::read_to_string(&tsv).map_err(|_| {
            PageError::Engine(if out.success {
                "no output".into()
            } else {
                out.stderr_tail()
            })
        })?;
        Ok(parse_tsv(&text))
    }
}

struct Finished {
    success: bool,
    stderr: String,
}

impl Finished {
    fn stderr_tail(&self) -> String {
        let lines: Vec<&str> = self.stderr.lines().rev().take(3).collect();
        let s = lines.into_iter().rev().collect::<Vec<_>>().join("; ");
        if s.is_empty() {
            "it stopped with an error".into()
        } else {
            s
        }
    }
}

/// Runs a program with a time limit, killing it when the limit passes. std has no wait with a
/// timeout; polling `try_wait` every 20 ms costs nothing beside a page's OCR time, and spares a
/// dependency. Standard error is collected on a thread so a chatty program cannot block.
fn run_limited(mut cmd: Command, limit: Duration) -> std::result::Result<Finished, PageError> {
    use std::os::unix::process::CommandExt;
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        // Its own process group, so that a stop reaches anything it started too.
        .process_group(0);
    let mut child = cmd
        .spawn()
        .map_err(|e| PageError::Engine(format!("could not start: {e}")))?;
    let mut stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(e) = stderr.as_mut() {
            let mut buf = Vec::new();
            let _ = e.take(64 * 1024).read_to_end(&mut buf);
            s = String::from_utf8_lossy(&buf).to_string();
        }
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if start.elapsed() > limit {
            kill_group(child.id());
            let _ = child.kill();
            let _ = child.wait();
            let _ = reader.join();
            return Err(PageError::Timeout(limit.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = reader.join().unwrap_or_default();
    if status.code().is_none() {
        return Err(PageError::Engine(format!("it crashed ({status})")));
    }
    Ok(Finished {
        success: status.success(),
        stderr,
    })
}

/// Stops a process group started by [`run_limited`]. std can only kill the direct child.
fn kill_group(pid: u32) {
    if let Ok(pid) = i32::try_from(pid) {
        // SAFETY: kill(2) with a negative pid signals that process group; it touches no memory.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
}

/// Turns Tesseract's TSV output into text, confidence and word boxes.
///
/// Columns: level page_num block_num par_num line_num word_num left top width height conf text.
/// Level 1 is the page (its width and height scale the boxes), level 5 a word; rows of other
/// levels carry conf -1. Words of one line are joined by spaces, lines by newlines, paragraphs
/// by a blank line; a word broken by a hyphen at a line end is joined when the next line goes
/// on in lower case.
pub fn parse_tsv(tsv: &str) -> Recognized {
    let (mut page_w, mut page_h) = (1.0f32, 1.0f32);
    let mut words: Vec<Word> = Vec::new();
    let mut lines: Vec<(u32, u32, Vec<String>)> = Vec::new();
    let mut key = None;
    for row in tsv.lines() {
        let cols: Vec<&str> = row.splitn(12, '\t').collect();
        if cols.len() < 11 {
            continue;
        }
        let num = |i: usize| cols[i].trim().parse::<f32>().ok();
        let Some(level) = num(0) else { continue };
        if level == 1.0 {
            page_w = num(8).unwrap_or(1.0).max(1.0);
            page_h = num(9).unwrap_or(1.0).max(1.0);
            continue;
        }
        if level != 5.0 {
            continue;
        }
        let text = cols.get(11).map(|t| t.trim()).unwrap_or("");
        let conf = num(10).unwrap_or(-1.0);
        if text.is_empty() || conf < 0.0 {
            continue;
        }
        let (l, t, w, h) = (
            num(6).unwrap_or(0.0),
            num(7).unwrap_or(0.0),
            num(8).unwrap_or(0.0),
            num(9).unwrap_or(0.0),
        );
        let round = |v: f32| (v * 10_000.0).round() / 10_000.0;
        words.push(Word {
            text: text.to_string(),
            conf,
            bbox: [
                round(l / page_w),
                round(t / page_h),
                round((l + w) / page_w),
                round((t + h) / page_h),
            ],
        });
        let block = num(2).unwrap_or(0.0) as u32;
        let par = num(3).unwrap_or(0.0) as u32;
        let line = num(4).unwrap_or(0.0) as u32;
        let k = (block, par, line);
        if key != Some(k) {
            lines.push((block, par, Vec::new()));
            key = Some(k);
        }
        if let Some(last) = lines.last_mut() {
            last.2.push(text.to_string());
        }
    }
    let mut text = String::new();
    let mut prev_par = None;
    for (block, par, ws) in &lines {
        let line = ws.join(" ");
        if let Some(pp) = prev_par {
            let hyphen_join = text.ends_with('-')
                && text.len() > 1
                && !text.ends_with(" -")
                && line.chars().next().is_some_and(|c| c.is_lowercase());
            if hyphen_join {
                text.pop();
            } else if pp != (*block, *par) {
                text.push_str("\n\n");
            } else {
                text.push('\n');
            }
        }
        text.push_str(&line);
        prev_par = Some((*block, *par));
    }
    let (sum, weight) = words.iter().fold((0.0f64, 0.0f64), |(s, n), w| {
        let len = w.text.chars().count() as f64;
        (s + w.conf as f64 * len, n + len)
    });
    use unicode_normalization::UnicodeNormalization;
    Recognized {
        text: text.nfc().collect(),
        confidence: if weight > 0.0 {
            (sum / weight) as f32
        } else {
            0.0
        },
        words,
        // Set by the caller, which knows which image it read.
        image: OcrImage::Rendered,
        seconds: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t1000\t2000\t-1\t
2\t1\t1\t0\t0\t0\t100\t100\t800\t200\t-1\t
5\t1\t1\t1\t1\t1\t100\t100\t200\t50\t96.5\tSēdes
5\t1\t1\t1\t1\t2\t320\t100\t300\t50\t91\tprotokols
5\t1\t1\t1\t2\t1\t100\t160\t400\t50\t90\tpašvaldī-
5\t1\t1\t1\t3\t1\t100\t220\t200\t50\t88\tbām
5\t1\t2\t1\t1\t1\t100\t400\t200\t50\t95\tRīgā
5\t1\t2\t1\t1\t2\t100\t400\t200\t50\t-1\t
";

    #[test]
    fn tsv_becomes_lines_paragraphs_and_boxes() {
        let r = parse_tsv(TSV);
        assert_eq!(r.text, "Sēdes protokols\npašvaldībām\n\nRīgā");
        assert_eq!(r.words.len(), 5);
        assert_eq!(r.words[0].bbox, [0.1, 0.05, 0.3, 0.075]);
        assert!(r.confidence > 88.0 && r.confidence < 96.5);
    }

    #[test]
    fn empty_output_has_no_text_and_no_confidence() {
        let r = parse_tsv("level\tpage_num\n1\t1\t0\t0\t0\t0\t0\t0\t10\t10\t-1\t\n");
        assert_eq!(r.text, "");
        assert_eq!(r.confidence, 0.0);
    }

    #[test]
    fn a_missing_program_is_reported_not_run() {
        assert!(find_program("/nonexistent/tesseract").is_none());
        assert!(find_program("sh").is_some());
    }

    #[test]
    fn a_hanging_program_is_stopped_at_the_limit() {
        let mut c = Command::new("sleep");
        c.arg("30");
        let t = Instant::now();
        let r = run_limited(c, Duration::from_millis(300));
        assert!(matches!(r, Err(PageError::Timeout(_))));
        assert!(t.elapsed() < Duration::from_secs(5));
    }
}
