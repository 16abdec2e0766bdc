//! The benchmark suite: `cargo bench -p ogp-archive --bench pipeline`. It measures, in one run
//! and on the same files, our extractor beside poppler's `pdftotext` and MuPDF's `mutool`
//! (speed and similarity to ground truth), the whole ingest pipeline, search latency and
//! export, and prints a Markdown report for BENCHMARKS.md. It reports; it never fails on a
//! number. Medians of repeated runs, because these machines are noisy.
//!
//! Environment: `BENCH_DOCS` (scale corpus size, default 1000), `BENCH_REPEAT` (default 5).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use ogp_archive::pdf::{self, similarity, Limits};
use ogp_archive::{Archive, Filter};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn pdfs_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|x| x == "pdf"));
    v.sort();
    v
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `cmd(file)` for every file as separate processes, two at a time (both cores).
fn time_processes(files: &[PathBuf], cmd: &(dyn Fn(&Path) -> Command + Sync)) -> f64 {
    let start = Instant::now();
    std::thread::scope(|s| {
        for half in [0, 1] {
            s.spawn(move || {
                for f in files.iter().skip(half).step_by(2) {
                    let _ = cmd(f).output();
                }
            });
        }
    });
    start.elapsed().as_secs_f64()
}

/// Our extractor in-process on both cores.
fn time_in_process(files: &[(PathBuf, Vec<u8>)]) -> f64 {
    let start = Instant::now();
    std::thread::scope(|s| {
        for half in [0, 1] {
            s.spawn(move || {
                for (_, bytes) in files.iter().skip(half).step_by(2) {
                    let _ = pdf::extract(bytes, &Limits::default());
                }
            });
        }
    });
    start.elapsed().as_secs_f64()
}

fn pages_of(files: &[PathBuf]) -> usize {
    files
        .iter()
        .map(|f| {
            pdf::extract_file(f, &Limits::default())
                .map(|d| d.pages.len())
                .unwrap_or(0)
        })
        .sum()
}

fn tool_text(cmd: &mut Command) -> Option<String> {
    let o = cmd.output().ok()?;
    o.status
        .success()
        .then(|| String::from_utf8_lossy(&o.stdout).to_string())
}

fn page_similarity(truth: &str, got: &str) -> f64 {
    let want: Vec<&str> = truth.split('\u{c}').collect();
    let have: Vec<&str> = got.split('\u{c}').collect();
    let n = want.len().saturating_sub(1).max(1);
    (0..n)
        .map(|i| similarity(want.get(i).unwrap_or(&""), have.get(i).unwrap_or(&"")))
        .sum::<f64>()
        / n as f64
}

fn max_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

fn dir_size(p: &Path) -> u64 {
    walk(p)
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum()
}

fn walk(p: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(p) {
        for e in rd.flatten() {
            let path = e.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

fn main() {
    let repeat: usize = std::env::var("BENCH_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let n_docs: usize = std::env::var("BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let work = tempfile::tempdir().expect("tempdir");
    let ours_bin = repo().join("target/release/ogp-archive");
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    println!(
        "## Run of {}\n",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
    );
    println!("Machine: {cpu}, {} cores. Command: `cargo bench -p ogp-archive --bench pipeline` (BENCH_DOCS={n_docs}, BENCH_REPEAT={repeat}); medians of {repeat} runs.\n", std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));

    // ---- extraction: speed ----
    let mut files = pdfs_in(&repo().join("sample-docs"));
    files.extend(pdfs_in(&repo().join("tests/fixtures/extract")));
    let long = work.path().join("long-300.pdf");
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
                            let mut c = Command::new(&ours_bin);
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
    if long.is_file() {
        let bytes = std::fs::read(&long).unwrap_or_default();
        let one = [(long.clone(), bytes)];
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
                                c.arg(&long).args(&args);
                            } else {
                                c.args(&args).arg(&long);
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

    // ---- extraction: quality ----
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

    // ---- ingest at scale ----
    let corpus = work.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus dir");
    let samples = pdfs_in(&repo().join("sample-docs"));
    let mut corpus_bytes = 0u64;
    for i in 0..n_docs {
        let src = &samples[i % samples.len()];
        let mut bytes = std::fs::read(src).unwrap_or_default();
        bytes.extend_from_slice(format!("\n%bench copy {i}\n").as_bytes());
        corpus_bytes += bytes.len() as u64;
        std::fs::write(
            corpus.join(format!(
                "{i:05}-{}",
                src.file_name().unwrap_or_default().to_string_lossy()
            )),
            bytes,
        )
        .expect("write corpus");
    }
    let archive_dir = work.path().join("archive");
    let archive = Archive::open(&archive_dir).expect("archive");
    let t = Instant::now();
    let out = archive
        .ingest(std::slice::from_ref(&corpus), &mut |_, _| {})
        .expect("ingest");
    let ingest_s = t.elapsed().as_secs_f64();
    let ingested_pages: i64 = archive
        .list(&Filter::default())
        .expect("list")
        .iter()
        .map(|d| d.pages)
        .sum();
    println!("\n### Ingest ({n_docs} documents, {ingested_pages} pages, {:.1} MB of PDFs; copy, hash, extract, classify, catalogue, index)\n", corpus_bytes as f64 / 1e6);
    println!("| pipeline | s | pages/s |\n|---|---|---|");
    println!(
        "| `Archive::ingest` (both cores) | {ingest_s:.2} | {:.0} |",
        ingested_pages as f64 / ingest_s
    );
    let corpus_files = pdfs_in(&corpus);
    if have("pdftotext") {
        let s = time_processes(&corpus_files, &|f| {
            let mut c = Command::new("pdftotext");
            c.arg(f).arg("-");
            c
        });
        println!(
            "| pdftotext alone, same files (both cores) | {s:.2} | {:.0} |",
            ingested_pages as f64 / s
        );
    }
    if have("mutool") {
        let s = time_processes(&corpus_files, &|f| {
            let mut c = Command::new("mutool");
            c.args(["draw", "-q", "-F", "txt", "-o", "-"]).arg(f);
            c
        });
        println!(
            "| mutool alone, same files (both cores) | {s:.2} | {:.0} |",
            ingested_pages as f64 / s
        );
    }
    println!("\nAll added: {}. Peak memory of this process (VmHWM): {} MB. Index on disk: {:.1} MB ({:.0}% of the PDFs); catalogue: {:.1} MB.",
        out.iter().all(|o| o.outcome == "added"), max_rss_kib() / 1024,
        dir_size(&archive_dir.join("index")) as f64 / 1e6, 100.0 * dir_size(&archive_dir.join("index")) as f64 / corpus_bytes as f64,
        std::fs::metadata(archive_dir.join("catalog.sqlite3")).map(|m| m.len()).unwrap_or(0) as f64 / 1e6);

    // ---- search latency ----
    let queries = [
        "lidzdaliba",
        "līdzdalība",
        "sabiedrībai",
        "sabiedribas",
        "\"sabiedrības līdzdalība\"",
        "\"jauniešu iesaiste pašvaldībās\"",
        "atklātība",
        "atklatiba",
        "protokols",
        "sēdes protokols",
        "pašvaldībās",
        "pasvaldibas",
        "21.03.2023",
        "2022-10-05",
        "open government",
        "beneficial ownership",
        "\"plain language\"",
        "lobētāju reģistrs",
        "kekavas budzets",
        "trauksmes cēlēju",
        "datu pieejamība",
        "rīcības plāns",
        "izvērtējums",
    ];
    let filters = [
        Filter::default(),
        Filter {
            cycle: Some(5),
            ..Default::default()
        },
    ];
    let mut lat = Vec::new();
    for _ in 0..20 {
        for q in queries {
            for f in &filters {
                let s = Instant::now();
                let _ = archive.search(q, f, 20);
                lat.push(s.elapsed().as_secs_f64() * 1000.0);
            }
        }
    }
    lat.sort_by(f64::total_cmp);
    println!("\n### Search latency, in-process, warm ({} queries × 2 filters × 20 rounds, top 20 with snippets, {ingested_pages}-page archive)\n", queries.len());
    println!(
        "| p50 ms | p95 ms | p99 ms |\n|---|---|---|\n| {:.2} | {:.2} | {:.2} |",
        percentile(&lat, 0.5),
        percentile(&lat, 0.95),
        percentile(&lat, 0.99)
    );
    drop(archive);

    if ours_bin.is_file() {
        let mut procs = Vec::new();
        for q in queries.iter().take(10) {
            let s = Instant::now();
            let _ = Command::new(&ours_bin)
                .arg("--archive")
                .arg(&archive_dir)
                .args(["search", q, "--json"])
                .output();
            procs.push(s.elapsed().as_secs_f64() * 1000.0);
        }
        println!("\nWhole process `ogp-archive search QUERY --json` (cold process, warm disk): median {:.1} ms over 10 queries.", median(procs));
    }

    // ---- opening (with its consistency check) ----
    let open_ms = median(
        (0..repeat)
            .map(|_| {
                let s = Instant::now();
                drop(Archive::open(&archive_dir).expect("reopen"));
                s.elapsed().as_secs_f64() * 1000.0
            })
            .collect(),
    );
    println!("\n`Archive::open` of the {n_docs}-document archive, nothing to repair (store, catalogue and index checked): median {open_ms:.1} ms.");

    // ---- export ----
    let archive = Archive::open(&archive_dir).expect("reopen");
    let docs5 = archive
        .list(&Filter {
            cycle: Some(5),
            ..Default::default()
        })
        .expect("list");
    let bytes5: i64 = docs5.iter().map(|d| d.size).sum();
    let out_zip = work.path().join("c5.zip");
    let t = median(
        (0..repeat)
            .map(|_| {
                let s = Instant::now();
                let _ = archive.export_cycle(5, &out_zip, &mut |_| {});
                s.elapsed().as_secs_f64()
            })
            .collect(),
    );
    println!("\n### Export of cycle 5 ({} documents, {:.1} MB)\n\n| tool | median s | MB/s |\n|---|---|---|\n| `export_cycle` (verifies every hash, manifest, SHA256SUMS) | {t:.3} | {:.0} |", docs5.len(), bytes5 as f64 / 1e6, bytes5 as f64 / 1e6 / t);
    if have("zip") {
        let store_files: Vec<PathBuf> = docs5
            .iter()
            .filter_map(|d| archive.stored_path(d.id).ok())
            .collect();
        let t = median(
            (0..repeat)
                .map(|_| {
                    let z = work.path().join("plain.zip");
                    let _ = std::fs::remove_file(&z);
                    let s = Instant::now();
                    let _ = Command::new("zip")
                        .arg("-q")
                        .arg("-0")
                        .arg(&z)
                        .args(&store_files)
                        .output();
                    s.elapsed().as_secs_f64()
                })
                .collect(),
        );
        println!(
            "| `zip -q -0` of the same files | {t:.3} | {:.0} |",
            bytes5 as f64 / 1e6 / t
        );
    }
}
