//! Search at archive scale, query by query: `cargo bench -p ogp-archive --bench search`.
//!
//! The pipeline bench gives one p50/p95/p99 over the whole query mix; this one says which
//! query costs what and where (tantivy alone, the whole `Archive::search` with catalogue rows
//! and snippets, the facet counts, listing the documents), so a change to the index can be
//! judged in minutes on an archive that is ingested once and kept.
//!
//! Environment: `BENCH_ARCHIVE` (an existing archive to measure; it is opened, not changed,
//! unless its index must be rebuilt for a new schema), else `BENCH_DOCS` (default 10000) and
//! `BENCH_SEED` (default 1): the scale corpus is written by `scripts/make-scale-corpus.sh`
//! and ingested once into `target/tmp/search-archive/nN-seedS` (kept between runs).
//! `BENCH_ROUNDS` (default 20); `BENCH_QUERY`: only the queries that contain this text. Reports; never fails on a number.

mod common;
use common::median;

use std::path::{Path, PathBuf};
use std::time::Instant;

use ogp_archive::internals::SearchIndex;
use ogp_archive::{Archive, Filter};

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// The kept archive of the scale corpus, made on the first run.
fn scale_archive(n_docs: usize, seed: &str) -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.join(format!("search-archive/n{n_docs}-seed{seed}"));
    if dir.join(".complete").is_file() {
        return dir;
    }
    let corpus = common::scale_corpus(n_docs, seed).expect("the scale corpus could not be written");
    let _ = std::fs::remove_dir_all(&dir);
    let archive = Archive::open(&dir).expect("archive");
    eprintln!(
        "ingesting {} into {} (once)",
        corpus.display(),
        dir.display()
    );
    let t = Instant::now();
    archive
        .ingest(std::slice::from_ref(&corpus), &mut |_, _| {})
        .expect("ingest");
    eprintln!("ingested in {:.1} s", t.elapsed().as_secs_f64());
    drop(archive);
    std::fs::write(dir.join(".complete"), "").expect(".complete");
    dir
}

fn main() {
    let rounds: usize = env_or("BENCH_ROUNDS", 20);
    let dir = match std::env::var_os("BENCH_ARCHIVE") {
        Some(d) => PathBuf::from(d),
        None => scale_archive(
            env_or("BENCH_DOCS", 10_000),
            &std::env::var("BENCH_SEED").unwrap_or_else(|_| "1".into()),
        ),
    };
    let t = Instant::now();
    let archive = Archive::open(&dir).expect("archive");
    let open_ms = ms(t);
    let docs = archive.list(&Filter::default()).expect("list").len();
    let (index, _) = SearchIndex::open(&dir.join("index")).expect("index");

    println!(
        "## Search bench, {}\n",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
    );
    println!(
        "Machine: {}, {} cores. Command: `cargo bench -p ogp-archive --bench search` ({rounds} rounds; archive of {docs} documents; `Archive::open` {open_ms:.1} ms).\n",
        common::cpu_model(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let filters = [
        ("all", Filter::default()),
        (
            "cycle 5",
            Filter {
                cycle: Some(5),
                ..Default::default()
            },
        ),
    ];
    // Warm up: every query once (page cache, mmap, statement cache).
    for q in common::QUERIES {
        for (_, f) in &filters {
            let _ = archive.search(q, f, 20);
        }
    }
    println!("| query | filter | matching pages | tantivy top 1,000: median ms | `Archive::search` top 20: median ms | max ms |\n|---|---|---|---|---|---|");
    let mut all = Vec::new();
    let mut all_tantivy = Vec::new();
    // BENCH_QUERY: only queries containing this text (for profiling one of them).
    let only = std::env::var("BENCH_QUERY").unwrap_or_default();
    let queries: Vec<&str> = common::QUERIES
        .into_iter()
        .filter(|q| q.contains(only.as_str()))
        .collect();
    for &q in &queries {
        for (fname, f) in &filters {
            let query = index.query(q, f);
            let matching = index
                .search_pages(&*query, 1_000_000)
                .map_or(0, |p| p.len());
            let mut tan = Vec::new();
            let mut whole = Vec::new();
            for _ in 0..rounds {
                let t = Instant::now();
                let query = index.query(q, f);
                let _ = index.search_pages(&*query, 1000);
                tan.push(ms(t));
                let t = Instant::now();
                let _ = archive.search(q, f, 20);
                whole.push(ms(t));
            }
            all.extend(&whole);
            all_tantivy.extend(&tan);
            let max = whole.iter().copied().fold(0.0, f64::max);
            println!(
                "| `{q}` | {fname} | {matching} | {:.2} | {:.2} | {max:.2} |",
                median(tan),
                median(whole)
            );
        }
    }
    all.sort_by(f64::total_cmp);
    all_tantivy.sort_by(f64::total_cmp);
    println!("\n| measured | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|");
    for (name, v) in [
        ("`Archive::search`, top 20 with snippets", &all),
        ("of which tantivy (query + top 1,000 pages)", &all_tantivy),
    ] {
        println!(
            "| {name} | {:.2} | {:.2} | {:.2} |",
            pct(v, 0.5),
            pct(v, 0.95),
            pct(v, 0.99)
        );
    }

    if !only.is_empty() {
        return;
    }
    let mut facets = Vec::new();
    for _ in 0..rounds.div_ceil(4) {
        for &q in &queries {
            let t = Instant::now();
            let _ = archive.facets(q);
            facets.push(ms(t));
        }
    }
    facets.sort_by(f64::total_cmp);
    let mut list = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let _ = archive.list(&Filter::default());
        list.push(ms(t));
    }
    println!(
        "| `Archive::facets` (the app asks with every search) | {:.2} | {:.2} | {:.2} |",
        pct(&facets, 0.5),
        pct(&facets, 0.95),
        pct(&facets, 0.99)
    );
    println!(
        "| `Archive::list`, all {docs} documents (median of 5) | {:.2} | | |",
        median(list)
    );
}
