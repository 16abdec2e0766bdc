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
//! `BENCH_PEERS=0` (skip the peer tools over the scale corpus, for trying a change).

mod common;
use common::{median, repo};

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::Instant;

use ogp_archive::pdf::{self, similarity, Limits};
use ogp_archive::search::SearchIndex;
use ogp_archive::{Archive, Filter};

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

/// Runs a command to the end, its output discarded.
fn run_quiet(cmd: &mut Command) -> Option<ExitStatus> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()
}

/// Peak RSS (KiB) of a command, through GNU time: `wait4` on a child we spawn ourselves would
/// report our own RSS (the child starts as a copy or a vfork of this process), `time` is small.
/// For a process tree, the largest single process.
fn peak_rss_of(cmd: &Command) -> Option<u64> {
    let out = tempfile::NamedTempFile::new().ok()?;
    let mut t = Command::new("/usr/bin/time");
    t.arg("-f").arg("%M").arg("-o").arg(out.path());
    t.arg(cmd.get_program()).args(cmd.get_args());
    run_quiet(&mut t)?;
    std::fs::read_to_string(out.path())
        .ok()?
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()
}

/// The largest peak RSS (KiB) of `cmd` over a sample of the files (the 20 largest and every
/// 25th), untimed.
fn peak_rss_sample(files: &[PathBuf], cmd: &dyn Fn(&Path) -> Command) -> Option<u64> {
    let mut by_size: Vec<&PathBuf> = files.iter().collect();
    by_size.sort_by_key(|f| std::cmp::Reverse(std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)));
    by_size
        .into_iter()
        .take(20)
        .chain(files.iter().step_by(25))
        .filter_map(|f| peak_rss_of(&cmd(f)))
        .max()
}

/// Resets this process's VmHWM to its current RSS (Linux ≥ 4.0), so a later [`max_rss_kib`]
/// measures only what came after.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// CPU seconds (user + system) this process has used so far, all threads.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = s.get(s.rfind(')')? + 2..)?.to_string();
            let f: Vec<f64> = rest
                .split_whitespace()
                .skip(11)
                .take(2)
                .filter_map(|x| x.parse().ok())
                .collect();
            (f.len() == 2).then(|| (f[0] + f[1]) / 100.0) // clock ticks (USER_HZ = 100)
        })
        .unwrap_or(0.0)
}

/// A value of /proc/self/status in KiB (`VmRSS`, `RssAnon`, `RssFile` …).
fn status_kib(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.strip_prefix(key).is_some_and(|r| r.starts_with(':')))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

/// Samples this process's anonymous and file-backed resident memory every 50 ms until
/// dropped; the peaks of each (VmHWM counts both: the catalogue's and the index's memory
/// maps are page cache the kernel can drop, not memory the ingest holds).
struct RssSampler {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<(u64, u64)>>,
}

impl RssSampler {
    fn start() -> RssSampler {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let (mut anon, mut file) = (0, 0);
            while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                anon = anon.max(status_kib("RssAnon"));
                file = file.max(status_kib("RssFile"));
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            (anon, file)
        });
        RssSampler {
            stop,
            thread: Some(thread),
        }
    }

    /// (peak anonymous KiB, peak file-backed KiB).
    fn finish(mut self) -> (u64, u64) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.thread
            .take()
            .and_then(|t| t.join().ok())
            .unwrap_or((0, 0))
    }
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

fn pdfs_under(dir: &Path) -> Vec<PathBuf> {
    let mut v = walk(dir);
    v.retain(|p| p.extension().is_some_and(|x| x == "pdf"));
    v.sort();
    v
}

/// Copies of the 20 sample documents, one byte changed in each (the corpus of the first runs).
fn sample_copies(n_docs: usize, corpus: &Path) -> PathBuf {
    std::fs::create_dir_all(corpus).expect("corpus dir");
    let samples = pdfs_in(&repo().join("sample-docs"));
    for i in 0..n_docs {
        let src = &samples[i % samples.len()];
        let mut bytes = std::fs::read(src).unwrap_or_default();
        bytes.extend_from_slice(format!("\n%bench copy {i}\n").as_bytes());
        std::fs::write(
            corpus.join(format!(
                "{i:05}-{}",
                src.file_name().unwrap_or_default().to_string_lossy()
            )),
            bytes,
        )
        .expect("write corpus");
    }
    corpus.to_path_buf()
}

/// Where the time of one ingest went, from the progress callback's timestamps: `ingest` calls
/// it with `None` before each chunk of files (which it then reads, hashes, extracts and
/// classifies on all cores, then marks pending, writes to the store and syncs once) and with
/// each outcome as the file is committed (catalogued, added to the index), one after another.
#[derive(Default)]
struct PhaseClock {
    last: Option<Instant>,
    in_chunk: usize,
    chunk_start: Option<Instant>,
    commits: Vec<f64>,
    /// per chunk: wall time from its start to its first outcome
    first: Vec<f64>,
    /// time from a chunk's last outcome to the next chunk's start (index commits)
    between: f64,
}

impl PhaseClock {
    fn tick(&mut self, outcome: bool) {
        let now = Instant::now();
        if !outcome {
            if let Some(l) = self.last {
                self.between += (now - l).as_secs_f64();
            }
            self.chunk_start = Some(now);
            self.in_chunk = 0;
        } else {
            if self.in_chunk == 0 {
                if let Some(c) = self.chunk_start {
                    self.first.push((now - c).as_secs_f64());
                }
            } else if let Some(l) = self.last {
                self.commits.push((now - l).as_secs_f64());
            }
            self.in_chunk += 1;
        }
        self.last = Some(now);
    }
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
    // Built by cargo for this bench, with its profile (release for `cargo bench`).
    let ours_bin = PathBuf::from(env!("CARGO_BIN_EXE_ogp-archive"));
    let cpu = common::cpu_model();
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
    let seed = std::env::var("BENCH_SEED").unwrap_or_else(|_| "1".into());
    let want_scale = std::env::var("BENCH_CORPUS").map_or(true, |c| c != "samples");
    // BENCH_PEERS=0: our pipeline only, without pdftotext, mutool and Recoll over the corpus
    // (minutes at 10,000 documents), for trying a change.
    let peers = std::env::var("BENCH_PEERS").map_or(true, |v| v != "0");
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
    let corpus = scale.unwrap_or_else(|| sample_copies(n_docs, &work.path().join("corpus")));
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
    let archive_dir = work.path().join("archive");
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
            time_processes(&corpus_files, &cmd),
            peak_rss_sample(&corpus_files, &cmd),
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
            time_processes(&corpus_files, &cmd),
            peak_rss_sample(&corpus_files, &cmd),
        );
    }
    let recoll_conf = work.path().join("recoll");
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
        let rss_file = work.path().join("recollindex.rss");
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
    println!("\nAll added: {}. Peak RSS of `Archive::ingest`: VmHWM of this process, reset before the ingest (RSS was {} MB before it); of the peers: the largest single process (GNU `time`; pdftotext and mutool over the 20 largest files and every 25th). Peak resident memory of `Archive::ingest` sampled every 50 ms: anonymous (heap) {} MB, file-backed (memory-mapped catalogue and index, page cache) {} MB. Index on disk: {:.1} MB ({:.0}% of the PDFs); catalogue: {:.1} MB{}.",
        out.iter().all(|o| o.outcome == "added"), rss_before / 1024, peak_anon / 1024, peak_file / 1024,
        dir_size(&archive_dir.join("index")) as f64 / 1e6, 100.0 * dir_size(&archive_dir.join("index")) as f64 / corpus_bytes as f64,
        std::fs::metadata(archive_dir.join("catalog.sqlite3")).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
        if recoll {
            let x = dir_size(&recoll_conf.join("xapiandb"));
            format!("; Recoll's Xapian index: {:.1} MB ({:.0}% of the PDFs)", x as f64 / 1e6, 100.0 * x as f64 / corpus_bytes as f64)
        } else {
            String::new()
        });

    // Where the ingest's wall time went (see PhaseClock).
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

    // ---- search latency ----
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
    drop(archive);

    // Whole processes, as a user at a shell would run them: ours beside Recoll's recollq,
    // unfiltered (recollq knows no plan cycles), top 20 with snippets / abstracts.
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
            if recoll { " beside `recollq -c DIR -n 20 -A QUERY` (top 20 with abstracts) on the same folder" } else { "" });
        println!("| query | ours: documents | ours: median ms | recollq: documents | recollq: median ms |\n|---|---|---|---|---|");
        let mut all_ours = Vec::new();
        let mut all_recoll = Vec::new();
        for (q, found) in queries.iter().zip(&found) {
            let ours: Vec<f64> = (0..rounds)
                .map(|_| {
                    let s = Instant::now();
                    let _ = run_quiet(
                        Command::new(&ours_bin)
                            .arg("--archive")
                            .arg(&archive_dir)
                            .args(["search", q, "--json"]),
                    );
                    s.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            all_ours.extend(&ours);
            let (rc_docs, rc_ms) = if recoll {
                let times: Vec<f64> = (0..rounds)
                    .map(|_| {
                        let s = Instant::now();
                        let _ = run_quiet(
                            Command::new("recollq")
                                .arg("-c")
                                .arg(&recoll_conf)
                                .args(["-n", "20", "-A", q]),
                        );
                        s.elapsed().as_secs_f64() * 1000.0
                    })
                    .collect();
                all_recoll.extend(&times);
                let count = Command::new("recollq")
                    .arg("-c")
                    .arg(&recoll_conf)
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
                (
                    count.map_or("?".into(), |c| c.to_string()),
                    format!("{:.1}", median(times)),
                )
            } else {
                ("—".into(), "—".into())
            };
            println!(
                "| `{}` | {found} | {:.1} | {rc_docs} | {rc_ms} |",
                q.replace('|', "\\|"),
                median(ours)
            );
        }
        let mo = median(all_ours);
        if recoll {
            let mr = median(all_recoll);
            println!("| **all queries** | | **{mo:.1}** | | **{mr:.1}** |\n\nMedian over all runs: ours {mo:.1} ms, recollq {mr:.1} ms ({:.2}× ours). Documents: ours counts the distinct documents of all matching pages; recollq its exact result count (`-Q -E`). Recoll has no Latvian stemmer and folds diacritics only as configured (here: Debian's defaults).", mr / mo);
        } else {
            println!("| **all queries** | | **{mo:.1}** | | |");
        }
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
    // The cycle whose size is nearest 1,000 documents (the issue's export size).
    let archive = Archive::open(&archive_dir).expect("reopen");
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
    let out_zip = work.path().join("cycle.zip");
    let t = median(
        (0..repeat)
            .map(|_| {
                let s = Instant::now();
                let _ = archive.export_cycle(cycle, &out_zip, &mut |_| {});
                s.elapsed().as_secs_f64()
            })
            .collect(),
    );
    println!("\n### Export of cycle {cycle} ({} documents, {mb:.1} MB; the cycle nearest 1,000 documents)\n\n| tool | median s | MB/s | zip MB |\n|---|---|---|---|\n| `export_cycle` (stores the PDFs; verifies every hash; manifest, SHA256SUMS) | {t:.3} | {:.0} | {:.1} |", docs.len(), mb / t, std::fs::metadata(&out_zip).map_or(0.0, |m| m.len() as f64 / 1e6));
    if have("zip") {
        let store_files: Vec<PathBuf> = docs
            .iter()
            .filter_map(|d| archive.stored_path(d.id).ok())
            .collect();
        for (name, level) in [
            ("`zip -q -r` (deflate, zip's default level)", None),
            ("`zip -q -0` (stored, as ours)", Some("-0")),
        ] {
            let z = work.path().join("plain.zip");
            let t = median(
                (0..repeat)
                    .map(|_| {
                        let _ = std::fs::remove_file(&z);
                        let s = Instant::now();
                        let _ = Command::new("zip")
                            .arg("-q")
                            .arg("-r")
                            .args(level)
                            .arg(&z)
                            .args(&store_files)
                            .output();
                        s.elapsed().as_secs_f64()
                    })
                    .collect(),
            );
            println!(
                "| {name} of the same files | {t:.3} | {:.0} | {:.1} |",
                mb / t,
                std::fs::metadata(&z).map_or(0.0, |m| m.len() as f64 / 1e6)
            );
        }
    }
}
