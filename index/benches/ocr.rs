//! OCR benchmark: `cargo bench -p ogp-archive --bench ocr`. On the scanned fixtures of
//! tests/fixtures/ocr (ground truth beside each), in one run: our OCR page by page (character
//! similarity and seconds per page), the image-source and resolution choices it was tuned
//! with, both cores over the whole set, and OCRmyPDF (`ocrmypdf -l lav+eng`, then `pdftotext`)
//! on the same files. Prints Markdown for BENCHMARKS.md; it reports, never fails on a number.
//!
//! Environment: `BENCH_REPEAT` (default 3; medians), `BENCH_OCRMYPDF_ARGS` (extra arguments
//! for the OCRmyPDF run, default `--rotate-pages --deskew`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use ogp_archive::ocr::Engine;
use ogp_archive::pdf::similarity;
use ogp_archive::Archive;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

struct Fixture {
    name: String,
    pdf: PathBuf,
    truth: Vec<String>,
}

fn fixtures() -> Vec<Fixture> {
    let dir = repo().join("tests/fixtures/ocr");
    let mut v: Vec<Fixture> = std::fs::read_dir(&dir)
        .map(|r| r.flatten().map(|e| e.path()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .filter_map(|pdf| {
            let truth = std::fs::read_to_string(pdf.with_extension("txt")).ok()?;
            Some(Fixture {
                name: pdf.file_stem()?.to_string_lossy().to_string(),
                truth: truth
                    .split('\x0c')
                    .filter(|p| !p.trim().is_empty())
                    .map(String::from)
                    .collect(),
                pdf,
            })
        })
        .collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// Recognises one page with `engine`, single-threaded; (similarity, seconds), median time.
fn ours_page(engine: &Engine, f: &Fixture, page: usize, repeat: usize) -> (f64, f64, String) {
    let bytes = std::fs::read(&f.pdf).expect("fixture");
    let doc = lopdf::Document::load_mem(&bytes).ok();
    let mut times = Vec::new();
    let mut sim = 0.0;
    let mut image = String::new();
    for _ in 0..repeat {
        let work = tempfile::tempdir().expect("tmp");
        let t = Instant::now();
        let r = engine.recognize(&f.pdf, doc.as_ref(), page as u32 + 1, work.path());
        times.push(t.elapsed().as_secs_f64());
        if let Ok(r) = r {
            sim = similarity(&f.truth[page], &r.text);
            image = r.image;
        }
    }
    (sim, median(times), image)
}

/// OCRmyPDF on one file, then pdftotext: per-page similarity and seconds per page.
fn ocrmypdf_file(f: &Fixture, jobs: &str, extra: &[String]) -> Option<(Vec<f64>, f64)> {
    let work = tempfile::tempdir().ok()?;
    let out = work.path().join("out.pdf");
    let t = Instant::now();
    let o = Command::new("ocrmypdf")
        .args([
            "-l",
            "lav+eng",
            "--force-ocr",
            "--output-type",
            "pdf",
            "--jobs",
            jobs,
            "-q",
        ])
        .args(extra)
        .arg(&f.pdf)
        .arg(&out)
        .output()
        .ok()?;
    let secs = t.elapsed().as_secs_f64();
    if !o.status.success() {
        eprintln!(
            "ocrmypdf failed on {}: {}",
            f.name,
            String::from_utf8_lossy(&o.stderr)
        );
        return None;
    }
    let text = Command::new("pdftotext").arg(&out).arg("-").output().ok()?;
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    let pages: Vec<&str> = text.split('\x0c').collect();
    let sims = f
        .truth
        .iter()
        .enumerate()
        .map(|(i, t)| similarity(t, pages.get(i).unwrap_or(&"")))
        .collect();
    Some((sims, secs / f.truth.len() as f64))
}

fn main() {
    let repeat: usize = std::env::var("BENCH_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let extra: Vec<String> = std::env::var("BENCH_OCRMYPDF_ARGS")
        .unwrap_or_else(|_| "--rotate-pages --deskew".into())
        .split_whitespace()
        .map(String::from)
        .collect();
    let engine = match Engine::detect() {
        Ok(e) => e,
        Err(e) => {
            println!("OCR benchmark skipped: {}", e.user_message());
            return;
        }
    };
    let fixtures = fixtures();
    let pages: usize = fixtures.iter().map(|f| f.truth.len()).sum();
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    let ocrmypdf_version = Command::new("ocrmypdf")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    println!(
        "## OCR run of {}\n",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
    );
    println!(
        "Machine: {cpu}, {} cores. Command: `cargo bench -p ogp-archive --bench ocr` (BENCH_REPEAT={repeat}). Engine: {} ({}), page images {} dpi when rendered. Peer: OCRmyPDF {} (`ocrmypdf -l lav+eng --force-ocr --output-type pdf {}` then `pdftotext`). {} fixture pages (tests/fixtures/ocr). Similarity: 1 − Levenshtein distance / length, whitespace-normalised, per page against the text that was printed.\n",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        engine.version,
        ogp_archive::ocr::LANGS,
        engine.dpi,
        ocrmypdf_version.as_deref().unwrap_or("not installed"),
        extra.join(" "),
        pages
    );

    // ---- page by page: ours vs OCRmyPDF, one page at a time ----
    println!("### Page by page, one core each (median of {repeat} for ours; OCRmyPDF `--jobs 1`, s/page = file time / pages)\n");
    println!("| fixture | page | ours: similarity | ours: s | ours: image | OCRmyPDF: similarity | OCRmyPDF: s/page |\n|---|---|---|---|---|---|---|");
    let (mut our_sims, mut our_secs, mut peer_sims, mut peer_secs) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for f in &fixtures {
        let peer = ocrmypdf_version
            .as_ref()
            .and_then(|_| ocrmypdf_file(f, "1", &extra));
        for p in 0..f.truth.len() {
            let (sim, secs, image) = ours_page(&engine, f, p, repeat);
            our_sims.push(sim);
            our_secs.push(secs);
            let (ps, pt) = match &peer {
                Some((sims, s)) => {
                    peer_sims.push(sims[p]);
                    peer_secs.push(*s);
                    (format!("{:.3}", sims[p]), format!("{s:.2}"))
                }
                None => ("–".into(), "–".into()),
            };
            println!(
                "| {} | {} | {sim:.3} | {secs:.2} | {image} | {ps} | {pt} |",
                f.name,
                p + 1
            );
        }
    }
    let min = |v: &[f64]| v.iter().cloned().fold(f64::INFINITY, f64::min);
    println!(
        "| **all pages** | | mean {:.3}, min {:.3} | median {:.2} | | mean {}, min {} | median {} |\n",
        mean(&our_sims),
        min(&our_sims),
        median(our_secs.clone()),
        if peer_sims.is_empty() { "–".into() } else { format!("{:.3}", mean(&peer_sims)) },
        if peer_sims.is_empty() { "–".into() } else { format!("{:.3}", min(&peer_sims)) },
        if peer_secs.is_empty() { "–".into() } else { format!("{:.2}", median(peer_secs.clone())) },
    );

    // ---- the choices: image source and resolution ----
    println!("### Image source and resolution (ours, same pages, one core)\n");
    println!("| variant | mean similarity | min similarity | median s/page |\n|---|---|---|---|");
    let variant = |embedded: bool, dpi: u32| {
        let mut e = engine.clone();
        e.use_embedded = embedded;
        e.dpi = dpi;
        e
    };
    let variants: Vec<(&str, Engine)> = vec![
        (
            "scan image from the PDF when plain, else rendered at 300 dpi (default)",
            engine.clone(),
        ),
        ("always rendered, 300 dpi", variant(false, 300)),
        ("always rendered, 200 dpi", variant(false, 200)),
        ("always rendered, 150 dpi", variant(false, 150)),
    ];
    for (label, e) in &variants {
        let (mut sims, mut secs) = (Vec::new(), Vec::new());
        for f in &fixtures {
            for p in 0..f.truth.len() {
                let (s, t, _) = ours_page(e, f, p, 1);
                sims.push(s);
                secs.push(t);
            }
        }
        println!(
            "| {label} | {:.3} | {:.3} | {:.2} |",
            mean(&sims),
            min(&sims),
            median(secs)
        );
    }

    // ---- both cores over the whole set ----
    println!("\n### Whole set, both cores ({pages} pages)\n");
    println!("| tool | wall s | s/page |\n|---|---|---|");
    let ours_wall = median(
        (0..repeat)
            .map(|_| {
                let dir = tempfile::tempdir().expect("tmp");
                let archive = Archive::open(dir.path()).expect("archive");
                let files: Vec<PathBuf> = fixtures.iter().map(|f| f.pdf.clone()).collect();
                archive.ingest(&files, &mut |_, _| {}).expect("ingest");
                let t = Instant::now();
                archive
                    .run_ocr(&engine, None, &mut |_, _| {}, &AtomicBool::new(false))
                    .expect("ocr");
                t.elapsed().as_secs_f64()
            })
            .collect(),
    );
    println!(
        "| ours (`ogp-archive ocr`: one Tesseract per core, results committed and indexed) | {ours_wall:.1} | {:.2} |",
        ours_wall / pages as f64
    );
    if ocrmypdf_version.is_some() {
        let t = Instant::now();
        for f in &fixtures {
            let _ = ocrmypdf_file(f, "2", &extra);
        }
        let wall = t.elapsed().as_secs_f64();
        println!(
            "| OCRmyPDF `--jobs 2`, file after file, + pdftotext | {wall:.1} | {:.2} |",
            wall / pages as f64
        );
    }
}
