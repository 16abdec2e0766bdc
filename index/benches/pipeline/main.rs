//! The benchmark suite: `cargo bench -p ogp-archive --bench pipeline`. It measures, in one run
//! and on the same files, our extractor beside poppler's `pdftotext` and MuPDF's `mutool`
//! (speed and similarity to ground truth), the whole ingest pipeline, search latency and
//! export, and prints a Markdown report for BENCHMARKS.md. It reports; it never fails on a
//! number. Medians of repeated runs, because these machines are noisy.
//!
//! Environment: `BENCH_DOCS` (scale corpus size, default 1000), `BENCH_REPEAT` (default 5),
//! `BENCH_CORPUS` (`scale`, the default: `scripts/make-scale-corpus.sh` writes BENCH_DOCS
//! multi-page documents, about 10 pages each, cached under the target directory; `samples`:
//! copies of the 20 sample documents, one byte changed), `BENCH_SEED` (default 1),
//! `BENCH_PEERS=0` (skip the peer tools over the scale corpus, for trying a change),
//! `BENCH_ONLY=extraction` (only the extraction speed and quality sections), `BENCH_ONLY=export`
//! with `BENCH_ARCHIVE=DIR` (only the export section, of an archive ingested before).

#[path = "../common/mod.rs"]
mod common;
mod extraction;
mod tools;

use common::median;
use extraction::{extraction_quality, extraction_speed};
use tools::*;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use ogp_archive::internals::SearchIndex;
use ogp_archive::pdf::{self, Limits};
use ogp_archive::{Archive, Filter, Outcome};

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
    // Built by cargo for this bench, with its profile (release for `cargo bench`).
    let ours_bin = PathBuf::from(env!("CARGO_BIN_EXE_ogp-archive"));
    let cpu = common::cpu_model();
    println!(
        "## Run of {}\n",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
    );
    let only = std::env::var("BENCH_ONLY")
        .map(|v| format!(", BENCH_ONLY={v}"))
        .unwrap_or_default();
    // The machine is shared: the load says how much of it the run had.
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    println!("Machine: {cpu}, {} cores, load average {load} at the start. Command: `cargo bench -p ogp-archive --bench pipeline` (BENCH_DOCS={n_docs}, BENCH_REPEAT={repeat}{only}); medians of {repeat} runs.\n", std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    if let (Ok("export"), Some(dir)) = (
        std::env::var("BENCH_ONLY").as_deref(),
        std::env::var_os("BENCH_ARCHIVE"),
    ) {
        // An archive that is not there would be created empty by `Archive::open`.
        if !Path::new(&dir).join("index").is_dir() {
            eprintln!(
                "BENCH_ARCHIVE={}: no archive there (a relative path is taken from index/)",
                Path::new(&dir).display()
            );
            std::process::exit(2);
        }
        println!("Archive: `BENCH_ARCHIVE={}`.\n", Path::new(&dir).display());
        export(work.path(), Path::new(&dir), repeat);
        return;
    }
    extraction_speed(work.path(), repeat, &ours_bin);
    extraction_quality();
    if std::env::var("BENCH_ONLY").is_ok_and(|v| v == "extraction") {
        return;
    }
    let ing = ingest_at_scale(work.path(), n_docs);
    ingest_phases(&ing);
    search_latency(&ing.archive, ing.pages);
    drop(ing.archive);
    search_processes(
        &ours_bin,
        &ing.archive_dir,
        repeat,
        ing.recoll.as_deref(),
        ing.pages,
    );
    open_time(&ing.archive_dir, repeat, n_docs);
    export(work.path(), &ing.archive_dir, repeat);
}

/// The corpus the ingest runs on: the scale corpus, or copies of the samples.
struct Corpus {
    dir: PathBuf,
    files: Vec<PathBuf>,
    bytes: u64,
    /// What it is, for the report.
    kind: String,
}

/// Finds (or builds) the corpus and reads it once, so every tool starts from a warm page cache.
fn corpus(work: &Path, n_docs: usize) -> Corpus {
    let seed = std::env::var("BENCH_SEED").unwrap_or_else(|_| "1".into());
    let want_scale = std::env::var("BENCH_CORPUS").map_or(true, |c| c != "samples");
    let scale = if want_scale {
        let corpus = common::scale_corpus(n_docs, &seed);
        if corpus.is_none() {
            eprintln!("scale corpus not available; falling back to copies of the samples");
        }
        corpus
    } else {
        None
    };
    let corpus_kind = if scale.is_some() {
        format!("scale corpus, seed {seed}: `scripts/make-scale-corpus.sh {n_docs} {seed} DIR`")
    } else {
        "copies of the 20 sample documents".to_string()
    };
    let corpus = scale.unwrap_or_else(|| sample_copies(n_docs, &work.join("corpus")));
    let corpus_files = pdfs_under(&corpus);
    let corpus_bytes: u64 = corpus_files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    // Read every file once so all tools below start from a warm page cache.
    for f in &corpus_files {
        let _ = std::fs::read(f);
    }
    Corpus {
        dir: corpus,
        files: corpus_files,
        bytes: corpus_bytes,
        kind: corpus_kind,
    }
}

/// What the ingest at scale measured, for the sections after it.
struct Ingested {
    archive: Archive,
    archive_dir: PathBuf,
    pages: i64,
    seconds: f64,
    cpu: f64,
    tail: f64,
    clock: PhaseClock,
    /// Recoll's configuration folder, when Recoll indexed the corpus too.
    recoll: Option<PathBuf>,
}

/// The whole ingest of the corpus with `Archive::ingest`, beside the peers over the same files.
fn ingest_at_scale(work: &Path, n_docs: usize) -> Ingested {
    // BENCH_PEERS=0: our pipeline only, without pdftotext, mutool and Recoll over the corpus
    // (minutes at 10,000 documents), for trying a change.
    let peers = std::env::var("BENCH_PEERS").map_or(true, |v| v != "0");
    let Corpus {
        dir: corpus,
        files: corpus_files,
        bytes: corpus_bytes,
        kind: corpus_kind,
    } = corpus(work, n_docs);
    let archive_dir = work.join("archive");
    let archive = Archive::open(&archive_dir).expect("archive");
    let rss_before = rss_kib();
    let peak_reset = reset_peak_rss();
    let sampler = RssSampler::start();
    let mut clock = PhaseClock::default();
    let cpu0 = cpu_seconds();
    let t = Instant::now();
    let out = archive
        .ingest(std::slice::from_ref(&corpus), &mut |_, o| {
            clock.tick(o.is_some())
        })
        .expect("ingest");
    let t_end = Instant::now();
    let ingest_s = (t_end - t).as_secs_f64();
    let ingest_cpu = cpu_seconds() - cpu0;
    let ingest_peak = max_rss_kib();
    let (peak_anon, peak_file) = sampler.finish();
    let tail = clock.last.map_or(0.0, |l| (t_end - l).as_secs_f64());
    let ingested_pages: i64 = archive
        .list(&Filter::default())
        .expect("list")
        .iter()
        .map(|d| d.pages)
        .sum();
    let pages_f = ingested_pages as f64;
    println!("\n### Ingest ({} documents, {ingested_pages} pages, {:.1} MB of PDFs; {corpus_kind}; copy, hash, extract, classify, catalogue, index)\n", corpus_files.len(), corpus_bytes as f64 / 1e6);
    println!("| pipeline | s | pages/s | ratio to `Archive::ingest` | peak RSS MB |\n|---|---|---|---|---|");
    println!(
        "| `Archive::ingest` (both cores) | {ingest_s:.2} | {:.0} | 1.00× | {} |",
        pages_f / ingest_s,
        if peak_reset {
            format!("{}", ingest_peak / 1024)
        } else {
            "—".into()
        }
    );
    let recoll_dir = peer_rows(work, &corpus, &corpus_files, pages_f, ingest_s, peers);
    let recoll = recoll_dir.is_some();
    let recoll_conf = recoll_dir.clone().unwrap_or_default();
    println!("\nAll added: {}. Peak RSS of `Archive::ingest`: VmHWM of this process, reset before the ingest (RSS was {} MB before it); of the peers: the largest single process (GNU `time`; pdftotext and mutool over the 20 largest files and every 25th). Peak resident memory of `Archive::ingest` sampled every 50 ms: anonymous (heap) {} MB, file-backed (memory-mapped catalogue and index, page cache) {} MB. Index on disk: {:.1} MB ({:.0}% of the PDFs); catalogue: {:.1} MB{}.",
        out.iter().all(|o| o.outcome == Outcome::Added), rss_before / 1024, peak_anon / 1024, peak_file / 1024,
        dir_size(&archive_dir.join("index")) as f64 / 1e6, 100.0 * dir_size(&archive_dir.join("index")) as f64 / corpus_bytes as f64,
        std::fs::metadata(archive_dir.join("catalog.sqlite3")).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
        if recoll {
            let x = dir_size(&recoll_conf.join("xapiandb"));
            format!("; Recoll's Xapian index: {:.1} MB ({:.0}% of the PDFs)", x as f64 / 1e6, 100.0 * x as f64 / corpus_bytes as f64)
        } else {
            String::new()
        });
    Ingested {
        archive,
        archive_dir,
        pages: ingested_pages,
        seconds: ingest_s,
        cpu: ingest_cpu,
        tail,
        clock,
        recoll: recoll_dir,
    }
}

/// The peers' rows of the ingest table: our extractor alone, pdftotext, mutool and Recoll over
/// the same files. Returns Recoll's configuration folder when Recoll ran.
fn peer_rows(
    work: &Path,
    corpus: &Path,
    corpus_files: &[PathBuf],
    pages_f: f64,
    ingest_s: f64,
    peers: bool,
) -> Option<PathBuf> {
    let peer_row = |name: &str, s: f64, rss: Option<u64>| {
        println!(
            "| {name} | {s:.2} | {:.0} | {:.2}× | {} |",
            pages_f / s,
            s / ingest_s,
            rss.map_or("—".into(), |r| (r / 1024).to_string())
        )
    };
    // Our extractor alone on the same files (read + extract, in-process, both cores): what
    // the issue's "extractor alone" target is about, at scale.
    let extract_only = {
        let start = Instant::now();
        std::thread::scope(|s| {
            for half in [0, 1] {
                let files = &corpus_files;
                s.spawn(move || {
                    for f in files.iter().skip(half).step_by(2) {
                        if let Ok(bytes) = std::fs::read(f) {
                            let _ = pdf::extract(&bytes, &Limits::default());
                        }
                    }
                });
            }
        });
        start.elapsed().as_secs_f64()
    };
    peer_row(
        "our extractor alone (read + extract, in-process, both cores)",
        extract_only,
        None,
    );
    if peers && have("pdftotext") {
        let cmd = |f: &Path| {
            let mut c = Command::new("pdftotext");
            c.arg(f).arg("-");
            c
        };
        peer_row(
            "poppler `pdftotext FILE -`, one process per file, only extracting (both cores)",
            time_processes(corpus_files, &cmd),
            peak_rss_sample(corpus_files, &cmd),
        );
    }
    if peers && have("mutool") {
        let cmd = |f: &Path| {
            let mut c = Command::new("mutool");
            c.args(["draw", "-q", "-F", "txt", "-o", "-"]).arg(f);
            c
        };
        peer_row(
            "MuPDF `mutool draw -F txt`, one process per file, only extracting (both cores)",
            time_processes(corpus_files, &cmd),
            peak_rss_sample(corpus_files, &cmd),
        );
    }
    let recoll_conf = work.join("recoll");
    let recoll = peers && have("recollindex") && have("recollq");
    if recoll {
        std::fs::create_dir_all(&recoll_conf).expect("recoll conf");
        // Only the corpus, only PDFs (Recoll's rclpdf filter runs pdftotext), no spelling
        // dictionary; everything else as Debian ships it (its default thread layout).
        std::fs::write(
            recoll_conf.join("recoll.conf"),
            format!(
                "topdirs = {}\nindexedmimetypes = application/pdf\nnoaspell = 1\nloglevel = 1\n",
                corpus.display()
            ),
        )
        .expect("recoll.conf");
        let mut idx = Command::new("recollindex");
        idx.arg("-c").arg(&recoll_conf);
        let rss_file = work.join("recollindex.rss");
        let mut timed = Command::new("/usr/bin/time");
        timed.arg("-f").arg("%M").arg("-o").arg(&rss_file);
        timed.arg(idx.get_program()).args(idx.get_args());
        let s = Instant::now();
        let status = run_quiet(if Path::new("/usr/bin/time").is_file() {
            &mut timed
        } else {
            &mut idx
        });
        let secs = s.elapsed().as_secs_f64();
        let rss = std::fs::read_to_string(&rss_file)
            .ok()
            .and_then(|t| t.lines().last().and_then(|l| l.trim().parse().ok()));
        if status.is_some_and(|s| s.success()) {
            peer_row(
                "Recoll `recollindex -c DIR`, a fresh index of the same folder",
                secs,
                rss,
            );
        } else {
            println!("| Recoll `recollindex` | failed: {status:?} | | | |");
        }
    }
    recoll.then_some(recoll_conf)
}

/// Where the ingest's wall time went (see PhaseClock).
fn ingest_phases(ing: &Ingested) {
    let (clock, ingest_s, ingest_cpu, tail) = (&ing.clock, ing.seconds, ing.cpu, ing.tail);
    let n_commits = clock.commits.len() + clock.first.len();
    let commit_mean = clock.commits.iter().sum::<f64>() / clock.commits.len().max(1) as f64;
    let prepare: f64 = clock.first.iter().map(|f| (f - commit_mean).max(0.0)).sum();
    let commit = clock.commits.iter().sum::<f64>() + commit_mean * clock.first.len() as f64;
    let mut sorted_commits = clock.commits.clone();
    sorted_commits.sort_by(f64::total_cmp);
    let per_doc = |x: f64| x * 1000.0 / n_commits.max(1) as f64;
    println!(
        "\n`Archive::ingest` used {ingest_cpu:.1} s of CPU in {ingest_s:.1} s: {:.2} of the {} cores busy on average.",
        ingest_cpu / ingest_s,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("\nWhere the ingest's {ingest_s:.1} s went (from the progress callback's timestamps; the first commit of each chunk is taken as the mean commit):\n");
    println!("| phase | s | share | ms per document |\n|---|---|---|---|");
    for (name, x) in [
        ("read, hash, extract, classify on all cores; then the chunk's pending marks, store writes and one sync", prepare),
        ("commit, one file after another: catalogue transaction, index add", commit),
        ("index commits (every 2,048 documents or 3 s) and between-chunk work", clock.between),
        ("final index commit and reload", tail.max(0.0)),
    ] {
        println!("| {name} | {x:.2} | {:.0}% | {:.2} |", 100.0 * x / ingest_s, per_doc(x));
    }
    if !sorted_commits.is_empty() {
        println!(
            "\nOne commit: median {:.2} ms, p90 {:.2} ms, p99 {:.2} ms.",
            percentile(&sorted_commits, 0.5) * 1000.0,
            percentile(&sorted_commits, 0.9) * 1000.0,
            percentile(&sorted_commits, 0.99) * 1000.0
        );
    }
}

/// Search latency in-process, warm: top 20 with snippets.
fn search_latency(archive: &Archive, ingested_pages: i64) {
    let queries = common::QUERIES;
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
}

/// Search as whole processes, as a user at a shell would run them: ours beside Recoll's
/// recollq, unfiltered (recollq knows no plan cycles), top 20 with snippets / abstracts.
fn search_processes(
    ours_bin: &Path,
    archive_dir: &Path,
    repeat: usize,
    recoll: Option<&Path>,
    ingested_pages: i64,
) {
    let queries = common::QUERIES;
    if ours_bin.is_file() {
        // Documents found, counted in-process before any timing: every matching page of the
        // index (no cut-off), distinct documents.
        let found: Vec<String> = {
            let (index, _) = SearchIndex::open(&archive_dir.join("index")).expect("index");
            queries
                .iter()
                .map(|q| {
                    let query = index.query(q, &Filter::default());
                    index
                        .search_pages(&*query, 100_000_000)
                        .map(|pages| {
                            let docs: std::collections::HashSet<i64> =
                                pages.iter().map(|p| p.doc_id).collect();
                            docs.len().to_string()
                        })
                        .unwrap_or_else(|_| "error".into())
                })
                .collect()
        };
        let rounds = repeat.max(3);
        println!("\n### Search as whole processes ({} queries, each run {rounds} times, cold process, warm disk; {ingested_pages}-page archive)\n", queries.len());
        println!("`ogp-archive --archive DIR search QUERY --json` (open + consistency check + search + top 20 with snippets as JSON){}.\n",
            if recoll.is_some() { " beside `recollq -c DIR -n 20 -A QUERY` (top 20 with abstracts) on the same folder" } else { "" });
        println!("| query | ours: documents | ours: median ms | recollq: documents | recollq: median ms |\n|---|---|---|---|---|");
        let mut all_ours = Vec::new();
        let mut all_recoll = Vec::new();
        for (q, found) in queries.iter().zip(&found) {
            let ours: Vec<f64> = (0..rounds)
                .map(|_| {
                    let s = Instant::now();
                    let _ = run_quiet(
                        Command::new(ours_bin)
                            .arg("--archive")
                            .arg(archive_dir)
                            .args(["search", q, "--json"]),
                    );
                    s.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            all_ours.extend(&ours);
            let (rc_docs, rc_ms) = match recoll {
                Some(conf) => {
                    let (docs, times) = recollq(conf, q, rounds);
                    let ms = format!("{:.1}", median(times.clone()));
                    all_recoll.extend(times);
                    (docs, ms)
                }
                None => ("—".into(), "—".into()),
            };
            println!(
                "| `{}` | {found} | {:.1} | {rc_docs} | {rc_ms} |",
                q.replace('|', "\\|"),
                median(ours)
            );
        }
        let mo = median(all_ours);
        if recoll.is_some() {
            let mr = median(all_recoll);
            println!("| **all queries** | | **{mo:.1}** | | **{mr:.1}** |\n\nMedian over all runs: ours {mo:.1} ms, recollq {mr:.1} ms ({:.2}× ours). Documents: ours counts the distinct documents of all matching pages; recollq its exact result count (`-Q -E`). Recoll has no Latvian stemmer and folds diacritics only as configured (here: Debian's defaults).", mr / mo);
        } else {
            println!("| **all queries** | | **{mo:.1}** | | |");
        }
    }
}

/// recollq on one query: its exact result count and the times of `rounds` top-20 runs (ms).
fn recollq(recoll_conf: &Path, q: &str, rounds: usize) -> (String, Vec<f64>) {
    let times: Vec<f64> = (0..rounds)
        .map(|_| {
            let s = Instant::now();
            let _ = run_quiet(
                Command::new("recollq")
                    .arg("-c")
                    .arg(recoll_conf)
                    .args(["-n", "20", "-A", q]),
            );
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let count = Command::new("recollq")
        .arg("-c")
        .arg(recoll_conf)
        .args(["-Q", "-E", q])
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .chain(String::from_utf8_lossy(&o.stderr).lines())
                // "164 results" or "5595 results (printing  2000 max):"
                .find_map(|l| {
                    l.split_once(" results")
                        .and_then(|(n, _)| n.trim().parse::<u64>().ok())
                })
        });
    (count.map_or("?".into(), |c| c.to_string()), times)
}

/// Opening the archive, with its consistency check, when there is nothing to repair.
fn open_time(archive_dir: &Path, repeat: usize, n_docs: usize) {
    let open_ms = median(
        (0..repeat)
            .map(|_| {
                let s = Instant::now();
                drop(Archive::open(archive_dir).expect("reopen"));
                s.elapsed().as_secs_f64() * 1000.0
            })
            .collect(),
    );
    println!("\n`Archive::open` of the {n_docs}-document archive, nothing to repair (store, catalogue and index checked): median {open_ms:.1} ms.");
}

/// Export of the cycle whose size is nearest 1,000 documents, as the BagIt bag (the default)
/// and the plain zip, beside `zip` on the same stored files.
fn export(work: &Path, archive_dir: &Path, repeat: usize) {
    // The cycle whose size is nearest 1,000 documents (the issue's export size).
    let archive = Archive::open(archive_dir).expect("reopen");
    let by_cycle: Vec<(i64, Vec<ogp_archive::DocumentInfo>)> = archive
        .cycles()
        .expect("cycles")
        .iter()
        .map(|c| {
            let docs = archive
                .list(&Filter {
                    cycle: Some(c.number),
                    ..Default::default()
                })
                .expect("list");
            (c.number, docs)
        })
        .filter(|(_, d)| !d.is_empty())
        .collect();
    let Some((cycle, docs)) = by_cycle
        .into_iter()
        .min_by_key(|(_, d)| d.len().abs_diff(1000))
    else {
        return;
    };
    let bytes: i64 = docs.iter().map(|d| d.size).sum();
    let mb = bytes as f64 / 1e6;
    // Each tool's median time over `repeat` runs, writing `out` (removed before each run).
    let timed = |out: &Path, run: &mut dyn FnMut()| -> (f64, f64) {
        let t = median(
            (0..repeat)
                .map(|_| {
                    let _ = std::fs::remove_file(out);
                    let s = Instant::now();
                    run();
                    s.elapsed().as_secs_f64()
                })
                .collect(),
        );
        (
            t,
            std::fs::metadata(out).map_or(0.0, |m| m.len() as f64 / 1e6),
        )
    };
    println!("\n### Export of cycle {cycle} ({} documents, {mb:.1} MB of PDFs; the cycle nearest 1,000 documents)\n\n| tool | median s | MB/s of PDFs | zip MB | time ÷ `zip -0` of the PDFs | time ÷ `zip -0` of the bag's files |\n|---|---|---|---|---|---|", docs.len());
    let bag_zip = work.join("cycle-bag.zip");
    let bag = timed(&bag_zip, &mut || {
        let opts = ogp_archive::export::bundle::BundleOptions::default();
        let _ = archive.export_bag(cycle, &bag_zip, &opts, &mut |_| {});
    });
    let plain_zip = work.join("cycle.zip");
    let plain = timed(&plain_zip, &mut || {
        let _ = archive.export_cycle(cycle, &plain_zip, &mut |_| {});
    });
    let store_files: Vec<PathBuf> = docs
        .iter()
        .filter_map(|d| archive.stored_path(d.id).ok())
        .collect();
    let zip_run = |level: Option<&str>| {
        let z = work.join("plain.zip");
        timed(&z, &mut || {
            let _ = Command::new("zip")
                .arg("-q")
                .arg("-r")
                .args(level)
                .arg(&z)
                .args(&store_files)
                .output();
        })
    };
    // The bag's own files: the bag written to a folder, then zipped by `zip` as it is.
    let bag_dir = work.join("cycle-bag");
    let bag_files = {
        let _ = std::fs::remove_dir_all(&bag_dir);
        let opts = ogp_archive::export::bundle::BundleOptions::default();
        archive
            .export_bag(cycle, &bag_dir, &opts, &mut |_| {})
            .ok()
            .map(|_| bag_dir.clone())
    };
    let (zip0, zip_deflate) = if have("zip") {
        (Some(zip_run(Some("-0"))), Some(zip_run(None)))
    } else {
        (None, None)
    };
    let zip_bag = bag_files.filter(|_| have("zip")).map(|dir| {
        let z = work.join("bag-files.zip");
        timed(&z, &mut || {
            let _ = Command::new("zip")
                .current_dir(&dir)
                .args(["-q", "-r", "-0"])
                .arg(&z)
                .arg(".")
                .output();
        })
    });
    let ratio = |t: f64| zip0.map_or("—".to_string(), |(z, _)| format!("{:.2}", t / z));
    let ratio_bag = |t: f64| zip_bag.map_or("—".to_string(), |(z, _)| format!("{:.2}", t / z));
    let row = |name: &str, (t, size): (f64, f64), bag: bool| {
        println!(
            "| {name} | {t:.3} | {:.0} | {size:.1} | {} | {} |",
            mb / t,
            ratio(t),
            if bag { ratio_bag(t) } else { String::new() }
        );
    };
    row("`export_bag` to a zip, the default (verifies every hash; SHA-256 and SHA-512 manifests, page texts, citations, offline page)", bag, true);
    row("`export_cycle --format plain` (stores the PDFs; verifies every hash; manifest, SHA256SUMS)", plain, false);
    if let (Some(z0), Some(zd)) = (zip0, zip_deflate) {
        row(
            "`zip -q -0` of the cycle's PDFs (stored, as ours)",
            z0,
            false,
        );
        row(
            "`zip -q -r` of the cycle's PDFs (deflate, zip's default level)",
            zd,
            false,
        );
    }
    if let Some(zb) = zip_bag {
        row("`zip -q -r -0` of the bag's own files (the bag written to a folder: PDFs, page texts, search data, manifests)", zb, true);
    }
}
