//! Search relevance on the judged query set: `cargo bench -p ogp-archive --bench relevance`.
//!
//! Reads `tests/judged/queries.tsv` (each query with the documents a researcher asking it
//! wants), ingests the samples into a temporary archive (and, for the `scale` queries, the
//! samples plus the scale corpus of 300 documents, `scripts/make-scale-corpus.sh 300 1`,
//! kept in `target/tmp`), runs every query through `Archive::search` as a user would, and
//! prints MRR (the mean of 1 / rank of the first relevant document, 0 when none is in the
//! top 100) and recall@10 (the share of the relevant documents in the first ten, averaged over
//! queries). Documents are matched by their SHA-256, so two files of the same name in
//! different folders are told apart.
//!
//! Environment: `RELEVANCE_SCALE=0` skips the scale queries (they need LibreOffice, groff,
//! Ghostscript and qpdf to write the corpus once); `RELEVANCE_ONLY`: only queries containing
//! this text. Reports; never fails on a number.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ogp_archive::{Archive, Filter, SearchHit, SearchOptions};
use sha2::{Digest, Sha256};

struct Judged {
    corpus: String,
    query: String,
    relevant: Vec<String>,
    tests: String,
}

fn judged() -> Vec<Judged> {
    let path = common::repo().join("tests/judged/queries.tsv");
    let text = std::fs::read_to_string(&path).expect("tests/judged/queries.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1) // the header
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some(Judged {
                corpus: cols.next()?.to_string(),
                query: cols.next()?.to_string(),
                relevant: cols
                    .next()?
                    .split(" | ")
                    .map(|s| s.trim().to_string())
                    .collect(),
                tests: cols.next().unwrap_or("").to_string(),
            })
        })
        .collect()
}

fn sha256_of(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    format!("{:x}", Sha256::digest(bytes))
}

/// An archive of these folders, ingested once into `target/tmp/relevance/NAME`.
fn archive_of(name: &str, folders: &[PathBuf]) -> Archive {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("relevance")
        .join(name);
    let complete = dir.join(".complete");
    if !complete.is_file() {
        let _ = std::fs::remove_dir_all(&dir);
        let archive = Archive::open(&dir).expect("archive");
        eprintln!("ingesting {name} into {} (once)", dir.display());
        archive.ingest(folders, &mut |_, _| {}).expect("ingest");
        drop(archive);
        std::fs::write(&complete, "").expect(".complete");
    }
    Archive::open(&dir).expect("archive")
}

/// What a user gets for a query: the results (the first 100), or, when there are none and
/// the archive suggests a spelling, the results of that suggestion (one click).
fn search_as_user(archive: &Archive, query: &str, options: SearchOptions) -> Vec<SearchHit> {
    let filter = Filter::default();
    let Ok(outcome) = archive.search_with(query, &filter, 100, options) else {
        return Vec::new();
    };
    match outcome.suggestion {
        Some(s) if outcome.hits.is_empty() => archive
            .search_with(&s.query, &filter, 100, options)
            .map(|o| o.hits)
            .unwrap_or_default(),
        _ => outcome.hits,
    }
}

struct Score {
    reciprocal_rank: f64,
    recall_at_10: f64,
    first: Option<usize>,
}

fn score(archive: &Archive, q: &Judged, root: &Path, options: SearchOptions) -> Score {
    let relevant: HashSet<String> = q
        .relevant
        .iter()
        .map(|f| sha256_of(&root.join(f)))
        .collect();
    let hits = search_as_user(archive, &q.query, options);
    let shas: Vec<String> = hits
        .iter()
        .map(|h| archive.get(h.id).map(|d| d.sha256).unwrap_or_default())
        .collect();
    let first = shas.iter().position(|s| relevant.contains(s));
    let in_top_10 = shas
        .iter()
        .take(10)
        .filter(|s| relevant.contains(*s))
        .collect::<HashSet<_>>()
        .len();
    Score {
        reciprocal_rank: first.map_or(0.0, |r| 1.0 / (r as f64 + 1.0)),
        recall_at_10: in_top_10 as f64 / relevant.len() as f64,
        first,
    }
}

fn main() {
    let only = std::env::var("RELEVANCE_ONLY").unwrap_or_default();
    let with_scale = std::env::var("RELEVANCE_SCALE").map_or(true, |v| v != "0");
    let queries: Vec<Judged> = judged()
        .into_iter()
        .filter(|q| q.query.contains(only.as_str()))
        .collect();
    let samples = common::repo().join("sample-docs");
    let samples_archive = archive_of("samples", std::slice::from_ref(&samples));
    let scale = if with_scale && queries.iter().any(|q| q.corpus == "scale") {
        match common::scale_corpus(300, "1") {
            Some(corpus) => {
                let archive = archive_of("samples+scale300", &[samples.clone(), corpus.clone()]);
                Some((archive, corpus))
            }
            None => {
                eprintln!("the scale corpus could not be written: scale queries skipped");
                None
            }
        }
    } else {
        None
    };

    println!(
        "## Relevance, {}\n",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
    );
    println!("Command: `cargo bench -p ogp-archive --bench relevance` (judged set `tests/judged/queries.tsv`). \"before\": a document scores by its best page, no glossary, no suggestion (the search before issue 14, `SearchOptions {{ expand: false, focus: false, suggest: false }}`); \"after\": the defaults.\n");
    let before = SearchOptions {
        expand: false,
        focus: false,
        suggest: false,
    };
    let after = SearchOptions::default();
    println!("| corpus | query | tests | first relevant at, before → after | recall@10, before → after |\n|---|---|---|---|---|");
    let mut per_corpus: Vec<(String, Vec<(Score, Score)>)> = Vec::new();
    for q in &queries {
        let (archive, root) = match q.corpus.as_str() {
            "samples" => (&samples_archive, samples.as_path()),
            "scale" => match &scale {
                Some((a, corpus)) => (a, corpus.as_path()),
                None => continue,
            },
            other => {
                eprintln!("{:?}: unknown corpus {other:?}", q.query);
                continue;
            }
        };
        let b = score(archive, q, root, before);
        let a = score(archive, q, root, after);
        let rank = |s: &Score| s.first.map_or("—".to_string(), |r| (r + 1).to_string());
        println!(
            "| {} | `{}` | {} | {} → {} | {:.2} → {:.2} |",
            q.corpus,
            q.query.replace('|', "\\|"),
            q.tests,
            rank(&b),
            rank(&a),
            b.recall_at_10,
            a.recall_at_10
        );
        match per_corpus.iter_mut().find(|(c, _)| *c == q.corpus) {
            Some((_, v)) => v.push((b, a)),
            None => per_corpus.push((q.corpus.clone(), vec![(b, a)])),
        }
    }
    println!("\n| judged set | queries | MRR before | MRR after | recall@10 before | recall@10 after |\n|---|---|---|---|---|---|");
    let mut all: Vec<&(Score, Score)> = Vec::new();
    for (corpus, scores) in &per_corpus {
        print_summary(corpus, &scores.iter().collect::<Vec<_>>());
        all.extend(scores);
    }
    print_summary("all", &all);
}

fn print_summary(name: &str, scores: &[&(Score, Score)]) {
    if scores.is_empty() {
        return;
    }
    let n = scores.len() as f64;
    let mean = |f: &dyn Fn(&(Score, Score)) -> f64| scores.iter().map(|s| f(s)).sum::<f64>() / n;
    println!(
        "| {name} | {} | {:.3} | {:.3} | {:.3} | {:.3} |",
        scores.len(),
        mean(&|s| s.0.reciprocal_rank),
        mean(&|s| s.1.reciprocal_rank),
        mean(&|s| s.0.recall_at_10),
        mean(&|s| s.1.recall_at_10)
    );
}
