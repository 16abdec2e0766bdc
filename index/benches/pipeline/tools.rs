//! Measuring helpers of the pipeline bench: timing processes on both cores, resident memory,
//! CPU time, the sample-copy corpus, and the clock of an ingest's phases.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::Instant;

use ogp_archive::pdf::{self, similarity, Limits};

use crate::common::repo;

pub(crate) fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

pub(crate) fn pdfs_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|x| x == "pdf"));
    v.sort();
    v
}

pub(crate) fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `cmd(file)` for every file as separate processes, two at a time (both cores).
pub(crate) fn time_processes(files: &[PathBuf], cmd: &(dyn Fn(&Path) -> Command + Sync)) -> f64 {
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
pub(crate) fn time_in_process(files: &[(PathBuf, Vec<u8>)]) -> f64 {
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

pub(crate) fn pages_of(files: &[PathBuf]) -> usize {
    files
        .iter()
        .map(|f| {
            pdf::extract_file(f, &Limits::default())
                .map(|d| d.pages.len())
                .unwrap_or(0)
        })
        .sum()
}

pub(crate) fn tool_text(cmd: &mut Command) -> Option<String> {
    let o = cmd.output().ok()?;
    o.status
        .success()
        .then(|| String::from_utf8_lossy(&o.stdout).to_string())
}

pub(crate) fn page_similarity(truth: &str, got: &str) -> f64 {
    let want: Vec<&str> = truth.split('\u{c}').collect();
    let have: Vec<&str> = got.split('\u{c}').collect();
    let n = want.len().saturating_sub(1).max(1);
    (0..n)
        .map(|i| similarity(want.get(i).unwrap_or(&""), have.get(i).unwrap_or(&"")))
        .sum::<f64>()
        / n as f64
}

pub(crate) fn max_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

pub(crate) fn dir_size(p: &Path) -> u64 {
    walk(p)
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum()
}

pub(crate) fn walk(p: &Path) -> Vec<PathBuf> {
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
pub(crate) fn run_quiet(cmd: &mut Command) -> Option<ExitStatus> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()
}

/// Peak RSS (KiB) of a command, through GNU time: `wait4` on a child we spawn ourselves would
/// report our own RSS (the child starts as a copy or a vfork of this process), `time` is small.
/// For a process tree, the largest single process.
pub(crate) fn peak_rss_of(cmd: &Command) -> Option<u64> {
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
pub(crate) fn peak_rss_sample(files: &[PathBuf], cmd: &dyn Fn(&Path) -> Command) -> Option<u64> {
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
pub(crate) fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// CPU seconds (user + system) this process has used so far, all threads.
pub(crate) fn cpu_seconds() -> f64 {
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
pub(crate) fn status_kib(key: &str) -> u64 {
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
pub(crate) struct RssSampler {
    pub(crate) stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    pub(crate) thread: Option<std::thread::JoinHandle<(u64, u64)>>,
}

impl RssSampler {
    pub(crate) fn start() -> RssSampler {
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
    pub(crate) fn finish(mut self) -> (u64, u64) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.thread
            .take()
            .and_then(|t| t.join().ok())
            .unwrap_or((0, 0))
    }
}

pub(crate) fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

pub(crate) fn pdfs_under(dir: &Path) -> Vec<PathBuf> {
    let mut v = walk(dir);
    v.retain(|p| p.extension().is_some_and(|x| x == "pdf"));
    v.sort();
    v
}

/// Copies of the 20 sample documents, one byte changed in each (the corpus of the first runs).
pub(crate) fn sample_copies(n_docs: usize, corpus: &Path) -> PathBuf {
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
pub(crate) struct PhaseClock {
    pub(crate) last: Option<Instant>,
    pub(crate) in_chunk: usize,
    pub(crate) chunk_start: Option<Instant>,
    pub(crate) commits: Vec<f64>,
    /// per chunk: wall time from its start to its first outcome
    pub(crate) first: Vec<f64>,
    /// time from a chunk's last outcome to the next chunk's start (index commits)
    pub(crate) between: f64,
}

impl PhaseClock {
    pub(crate) fn tick(&mut self, outcome: bool) {
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
