//! Helpers shared by the benchmark binaries (a folder, so cargo does not take it for a bench).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The scale corpus of `n_docs` documents from `scripts/make-scale-corpus.sh`, written once
/// and cached under the target directory (with its pool of base documents); `None` when it
/// cannot be made here (a producer missing). Progress goes to stderr, not into the report.
pub fn scale_corpus(n_docs: usize, seed: &str) -> Option<PathBuf> {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let out = tmp.join(format!("scale-corpus/n{n_docs}-seed{seed}"));
    let status = Command::new(repo().join("scripts/make-scale-corpus.sh"))
        .arg(n_docs.to_string())
        .arg(seed)
        .arg(&out)
        .env("SCALE_POOL", tmp.join("scale-pool"))
        .stdout(Stdio::from(std::io::stderr()))
        .stderr(Stdio::inherit())
        .status();
    status.is_ok_and(|s| s.success()).then_some(out)
}

/// The middle value (upper middle for an even count); `v` must not be empty.
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The CPU model from /proc/cpuinfo, for the report's "Machine:" line.
pub fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default()
}

/// The fixed query mix of the search benchmarks (issue 6): single words with and without
/// diacritics, inflected forms, phrases, dates in two spellings, English terms.
pub const QUERIES: [&str; 23] = [
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
