//! OCR benchmark: `cargo bench -p ogp-archive --bench ocr`. On the scanned fixtures of
//! tests/fixtures/ocr (ground truth beside each), in one run: our OCR page by page (character
//! similarity and seconds per page), the image-source and resolution choices it was tuned
//! with, both cores over the whole set, and OCRmyPDF (`ocrmypdf -l lav+eng`, then `pdftotext`)
//! on the same files. Prints Markdown for BENCHMARKS.md; it reports, never fails on a number.
//!
//! Environment: `BENCH_REPEAT` (default 3; medians), `BENCH_OCRMYPDF_ARGS` (extra arguments
//! for the OCRmyPDF run, default `--rotate-pages --deskew`).

mod common;
use common::{median, repo};

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use ogp_archive::ocr::Engine;
use ogp_archive::pdf::similarity;
use ogp_archive::Archive;

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

/// CPU seconds (user + system) of all waited-for child processes so far: Tesseract, pdftoppm,
/// OCRmyPDF and everything they ran. On a loaded machine CPU time is steadier than wall time.
fn children_cpu() -> f64 {
    // SAFETY: getrusage fills the zeroed struct we pass.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut u) };
    let t = |v: libc::timeval| v.tv_sec as f64 + v.tv_usec as f64 / 1e6;
    t(u.ru_utime) + t(u.ru_stime)
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

/// Recognises one page with `engine`, single-threaded: similarity, median wall seconds,
/// median CPU seconds, and the image source used.
fn ours_page(engine: &Engine, f: &Fixture, page: usize, repeat: usize) -> (f64, f64, f64, String) {
    let bytes = std::fs::read(&f.pdf).expect("fixture");
    let doc = lopdf::Document::load_mem(&bytes).ok();
    let (mut times, mut cpus) = (Vec::new(), Vec::new());
    let mut sim = 0.0;
    let mut image = String::new();
    for _ in 0..repeat {
        let work = tempfile::tempdir().expect("tmp");
        let (t, c) = (Instant::now(), children_cpu());
        let r = engine.recognize(&f.pdf, doc.as_ref(), page as u32 + 1, work.path());
        times.push(t.elapsed().as_secs_f64());
        cpus.push(children_cpu() - c);
        if let Ok(r) = r {
            sim = similarity(&f.truth[page], &r.text);
            image = r.image.to_string();
        }
    }
    (sim, median(times), median(cpus), image)
}

/// OCRmyPDF on one file, then pdftotext: per-page similarity, wall and CPU seconds per page.
fn ocrmypdf_file(f: &Fixture, jobs: &str, extra: &[String]) -> Option<(Vec<f64>, f64, f64)> {
    let work = tempfile::tempdir().ok()?;
    let out = work.path().join("out.pdf");
    let (t, c) = (Instant::now(), children_cpu());
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
    let cpu = children_cpu() - c;
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
    let n = f.truth.len() as f64;
    Some((sims, secs / n, cpu / n))
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
    let cpu = common::cpu_model();
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
    page_by_page(
        &engine,
        &fixtures,
        repeat,
        ocrmypdf_version.is_some(),
        &extra,
    );
    choices(&engine, &fixtures);
    whole_set(
        &engine,
        &fixtures,
        repeat,
        ocrmypdf_version.is_some(),
        &extra,
        pages,
    );
}

fn min(v: &[f64]) -> f64 {
    v.iter().cloned().fold(f64::INFINITY, f64::min)
}

/// The median with two decimals, or a dash when there is nothing.
fn med(v: &[f64]) -> String {
    if v.is_empty() {
        "–".to_string()
    } else {
        format!("{:.2}", median(v.to_vec()))
    }
}

/// Page by page: ours beside OCRmyPDF, one page at a time.
fn page_by_page(
    engine: &Engine,
    fixtures: &[Fixture],
    repeat: usize,
    peer: bool,
    extra: &[String],
) {
    println!("### Page by page, one core each (median of {repeat} for ours; OCRmyPDF `--jobs 1`, s/page = file time / pages)\n");
    println!("| fixture | page | ours: similarity | ours: wall s | ours: CPU s | ours: image | OCRmyPDF: similarity | OCRmyPDF: wall s/page | OCRmyPDF: CPU s/page |\n|---|---|---|---|---|---|---|---|---|");
    let (mut our_sims, mut our_secs, mut peer_sims, mut peer_secs) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut our_cpu, mut peer_cpu) = (Vec::new(), Vec::new());
    for f in fixtures {
        let peer = peer.then(|| ocrmypdf_file(f, "1", extra)).flatten();
        for p in 0..f.truth.len() {
            let (sim, secs, cpu, image) = ours_page(engine, f, p, repeat);
            our_sims.push(sim);
            our_secs.push(secs);
            our_cpu.push(cpu);
            let (ps, pt, pc) = match &peer {
                Some((sims, s, c)) => {
                    peer_sims.push(sims[p]);
                    peer_secs.push(*s);
                    peer_cpu.push(*c);
                    (
                        format!("{:.3}", sims[p]),
                        format!("{s:.2}"),
                        format!("{c:.2}"),
                    )
                }
                None => ("–".into(), "–".into(), "–".into()),
            };
            println!(
                "| {} | {} | {sim:.3} | {secs:.2} | {cpu:.2} | {image} | {ps} | {pt} | {pc} |",
                f.name,
                p + 1
            );
        }
    }
    println!(
        "| **all pages** | | mean {:.3}, min {:.3} | median {} | median {} | | mean {}, min {} | median {} | median {} |\n",
        mean(&our_sims),
        min(&our_sims),
        med(&our_secs),
        med(&our_cpu),
        if peer_sims.is_empty() { "–".into() } else { format!("{:.3}", mean(&peer_sims)) },
        if peer_sims.is_empty() { "–".into() } else { format!("{:.3}", min(&peer_sims)) },
        med(&peer_secs),
        med(&peer_cpu),
    );
}

/// The choices: image source and resolution.
fn choices(engine: &Engine, fixtures: &[Fixture]) {
    println!("### Image source and resolution (ours, same pages, one core)\n");
    println!("| variant | mean similarity | min similarity | median wall s/page | median CPU s/page |\n|---|---|---|---|---|");
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
        let (mut sims, mut secs, mut cpus) = (Vec::new(), Vec::new(), Vec::new());
        for f in fixtures {
            for p in 0..f.truth.len() {
                let (s, t, c, _) = ours_page(e, f, p, 1);
                sims.push(s);
                secs.push(t);
                cpus.push(c);
            }
        }
        println!(
            "| {label} | {:.3} | {:.3} | {:.2} | {:.2} |",
            mean(&sims),
            min(&sims),
            median(secs),
            median(cpus)
        );
    }
}

/// Both cores over the whole set.
fn whole_set(
    engine: &Engine,
    fixtures: &[Fixture],
    repeat: usize,
    peer: bool,
    extra: &[String],
    pages: usize,
) {
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
                    .run_ocr(engine, None, &mut |_, _| {}, &AtomicBool::new(false))
                    .expect("ocr");
                t.elapsed().as_secs_f64()
            })
            .collect(),
    );
    println!(
        "| ours (`ogp-archive ocr`: one Tesseract per core, results committed and indexed) | {ours_wall:.1} | {:.2} |",
        ours_wall / pages as f64
    );
    if peer {
        // `--jobs 1`, two files at a time: its default (`--jobs` = cores, Tesseract with two
        // OpenMP threads) was several times slower on this 2-core machine.
        let t = Instant::now();
        std::thread::scope(|s| {
            for half in [0, 1] {
                s.spawn(move || {
                    for f in fixtures.iter().skip(half).step_by(2) {
                        let _ = ocrmypdf_file(f, "1", extra);
                    }
                });
            }
        });
        let wall = t.elapsed().as_secs_f64();
        println!(
            "| OCRmyPDF `--jobs 1`, two files at a time, + pdftotext | {wall:.1} | {:.2} |",
            wall / pages as f64
        );
    }
}
