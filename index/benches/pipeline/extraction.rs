//! The extraction sections of the pipeline report: speed beside pdftotext and mutool, a long
//! document alone, and similarity to the fixtures' ground truth.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use ogp_archive::pdf::{self, Limits};

use crate::common::{median, repo};
use crate::tools::*;

/// Extraction speed on the sample documents and the extraction fixtures, ours beside the
/// peers, then a 300-page document alone.
pub(crate) fn extraction_speed(work: &Path, repeat: usize, ours_bin: &Path) {
    let mut files = pdfs_in(&repo().join("sample-docs"));
    files.extend(pdfs_in(&repo().join("tests/fixtures/extract")));
    let long = work.join("long-300.pdf");
    if have("qpdf") {
        // A 300-page document: the 5-page plan repeated 60 times.
        let src = repo().join("sample-docs/Piektais_atvertas_parvaldibas_plans_2022-2025.pdf");
        let mut c = Command::new("qpdf");
        c.arg("--empty").arg("--pages");
        for _ in 0..60 {
            c.arg(&src);
        }
        c.arg("--").arg(&long);
        let _ = c.output();
    }
    let pages = pages_of(&files);
    let loaded: Vec<(PathBuf, Vec<u8>)> = files
        .iter()
        .map(|f| (f.clone(), std::fs::read(f).unwrap_or_default()))
        .collect();
    println!("### Extraction speed ({} files, {pages} pages: sample-docs + tests/fixtures/extract; both cores)\n", files.len());
    println!("| extractor | median s | pages/s | ratio to ours (in-process) |\n|---|---|---|---|");
    let ours = median((0..repeat).map(|_| time_in_process(&loaded)).collect());
    let row = |name: &str, secs: f64| {
        println!(
            "| {name} | {secs:.3} | {:.0} | {:.2}× |",
            pages as f64 / secs,
            secs / ours
        )
    };
    row("ours, in-process (ingest path)", ours);
    if ours_bin.is_file() {
        row(
            "ours, `ogp-archive extract` per file",
            median(
                (0..repeat)
                    .map(|_| {
                        time_processes(&files, &|f| {
                            let mut c = Command::new(ours_bin);
                            c.arg("extract").arg(f);
                            c
                        })
                    })
                    .collect(),
            ),
        );
    }
    if have("pdftotext") {
        row(
            "poppler `pdftotext FILE -` per file",
            median(
                (0..repeat)
                    .map(|_| {
                        time_processes(&files, &|f| {
                            let mut c = Command::new("pdftotext");
                            c.arg(f).arg("-");
                            c
                        })
                    })
                    .collect(),
            ),
        );
    }
    if have("mutool") {
        row(
            "MuPDF `mutool draw -F txt` per file",
            median(
                (0..repeat)
                    .map(|_| {
                        time_processes(&files, &|f| {
                            let mut c = Command::new("mutool");
                            c.args(["draw", "-q", "-F", "txt", "-o", "-"]).arg(f);
                            c
                        })
                    })
                    .collect(),
            ),
        );
    }
    long_document(&long, repeat);
}

/// A 300-page document alone (one process, one core).
fn long_document(long: &Path, repeat: usize) {
    let bytes = std::fs::read(long).unwrap_or_default();
    let one = [(long.to_path_buf(), bytes)];
    println!("\n300-page document alone (one process, one core):\n\n| extractor | median s | pages/s |\n|---|---|---|");
    let t = median(
        (0..repeat)
            .map(|_| {
                let s = Instant::now();
                let _ = pdf::extract(&one[0].1, &Limits::default());
                s.elapsed().as_secs_f64()
            })
            .collect(),
    );
    println!("| ours, in-process | {t:.3} | {:.0} |", 300.0 / t);
    for (name, args) in [
        ("pdftotext", vec!["-"]),
        ("mutool", vec!["draw", "-q", "-F", "txt", "-o", "-"]),
    ] {
        if have(name) {
            let t = median(
                (0..repeat)
                    .map(|_| {
                        let s = Instant::now();
                        let mut c = Command::new(name);
                        if name == "pdftotext" {
                            c.arg(long).args(&args);
                        } else {
                            c.args(&args).arg(long);
                        }
                        let _ = c.output();
                        s.elapsed().as_secs_f64()
                    })
                    .collect(),
            );
            println!("| {name} | {t:.3} | {:.0} |", 300.0 / t);
        }
    }
}

/// Extraction quality: mean per-page similarity to the ground truth of each fixture.
pub(crate) fn extraction_quality() {
    println!("\n### Extraction quality (mean per-page similarity to ground truth, tests/fixtures/extract)\n");
    println!("| fixture | ours | pdftotext | mutool |\n|---|---|---|---|");
    let mut sums = [0.0f64; 3];
    let mut n = 0;
    for f in pdfs_in(&repo().join("tests/fixtures/extract")) {
        let Ok(truth) = std::fs::read_to_string(f.with_extension("txt")) else {
            continue;
        };
        let ours = pdf::extract_file(&f, &Limits::default())
            .map(|d| {
                d.pages
                    .iter()
                    .map(|p| format!("{}\u{c}", p.text))
                    .collect::<String>()
            })
            .unwrap_or_default();
        let pop = tool_text(Command::new("pdftotext").arg(&f).arg("-")).unwrap_or_default();
        let mu = tool_text(
            Command::new("mutool")
                .args(["draw", "-q", "-F", "txt", "-o", "-"])
                .arg(&f),
        )
        .unwrap_or_default();
        let s = [
            page_similarity(&truth, &ours),
            page_similarity(&truth, &pop),
            page_similarity(&truth, &mu),
        ];
        for i in 0..3 {
            sums[i] += s[i];
        }
        n += 1;
        println!(
            "| {} | {:.3} | {:.3} | {:.3} |",
            f.file_stem().unwrap_or_default().to_string_lossy(),
            s[0],
            s[1],
            s[2]
        );
    }
    if n > 0 {
        println!(
            "| **mean** | **{:.3}** | **{:.3}** | **{:.3}** |",
            sums[0] / n as f64,
            sums[1] / n as f64,
            sums[2] / n as f64
        );
    }
}
