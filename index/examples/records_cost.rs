// # What reading meetings and commitments costs beside an ingest
//
// `cargo run --release -p ogp-archive --example records_cost [REPEAT]` (issue 15).
//
// We will:
// - extract the page texts of the sample documents once, timing the extraction and the
//   classification (the two steps of an ingest that read text);
// - ingest the samples into a temporary archive with `Archive::ingest`, timing it;
// - run the record extraction that ingest runs per document — a protocol's meeting, a plan's
//   commitments, every other document's mentions and an evaluation's ratings — REPEAT times
//   over the same pages, timing it per page.
//
// The records are linear in the pages (a mention looks up a cycle's few dozen commitment
// titles per page), so the per-page ratio carries over to a larger archive.

use std::time::Instant;

use ogp_archive::classify;
use ogp_archive::commitments;
use ogp_archive::meetings;
use ogp_archive::pdf::{extract_file, Limits, PageStatus};
use ogp_archive::{Archive, Filter, Kind};

/// 1. Extraction and classification, once per file: (file name, page texts) and the two times.
#[allow(clippy::type_complexity)]
fn read_samples(files: &[std::path::PathBuf]) -> (Vec<(String, Vec<String>)>, f64, f64) {
    let (mut t_extract, mut t_classify) = (0.0, 0.0);
    let mut docs: Vec<(String, Vec<String>)> = Vec::new();
    for f in files {
        let s = Instant::now();
        let doc = extract_file(f, &Limits::default()).expect("sample extracts");
        t_extract += s.elapsed().as_secs_f64();
        let pages: Vec<String> = doc
            .pages
            .iter()
            .map(|p| {
                if p.status == PageStatus::Text {
                    p.text.clone()
                } else {
                    String::new()
                }
            })
            .collect();
        let texts: Vec<&str> = pages.iter().map(String::as_str).collect();
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let s = Instant::now();
        std::hint::black_box(classify::classify(
            &name,
            doc.info.title.as_deref(),
            &texts,
            &[],
            &[],
        ));
        t_classify += s.elapsed().as_secs_f64();
        docs.push((name, pages));
    }
    (docs, t_extract, t_classify)
}

/// The commitments of each cycle's plans, merged, as ingest keeps them.
fn known_of(docs: &[Doc], refs: &[Vec<&str>]) -> Vec<(u32, Vec<commitments::Commitment>)> {
    let mut plans: std::collections::BTreeMap<u32, Vec<Vec<commitments::Commitment>>> =
        Default::default();
    for ((kind, cycle, _), texts) in docs.iter().zip(refs) {
        if *kind == Kind::Plan {
            let c = cycle.unwrap_or(0) as u32;
            plans
                .entry(c)
                .or_default()
                .push(commitments::extract_plan(texts));
        }
    }
    plans
        .into_iter()
        .map(|(c, v)| (c, commitments::merge(v)))
        .collect()
}

/// 3. The records as ingest reads them, `repeat` times: seconds per pass.
fn time_records(docs: &[Doc], refs: &[Vec<&str>], repeat: usize) -> f64 {
    let s = Instant::now();
    for _ in 0..repeat {
        for ((kind, _, _), texts) in docs.iter().zip(refs) {
            if *kind == Kind::Protocol {
                std::hint::black_box(meetings::extract(texts));
            }
        }
        let known = known_of(docs, refs);
        // prepared once per pass, as an ingest prepares it once per batch
        let prepared = commitments::Known::new(known.clone());
        for ((kind, cycle, _), texts) in docs.iter().zip(refs) {
            if *kind == Kind::Plan {
                continue;
            }
            let own = cycle.map(|c| c as u32);
            std::hint::black_box(commitments::mentions_known(texts, own, &prepared));
            if *kind == Kind::Evaluation {
                if let Some((_, list)) = known.iter().find(|(c, _)| Some(*c) == own) {
                    std::hint::black_box(commitments::ratings(texts, list));
                }
            }
        }
        std::hint::black_box(commitments::continuations(&known));
    }
    s.elapsed().as_secs_f64() / repeat as f64
}

type Doc = (Kind, Option<i64>, Vec<String>);

fn main() {
    let repeat: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let dir = ogp_archive::bundled_samples_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("sample-docs")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();

    let (docs, t_extract, t_classify) = read_samples(&files);
    let n_pages: usize = docs.iter().map(|d| d.1.len()).sum();

    // 2. a whole ingest of the same files
    let tmp = tempfile::tempdir().expect("temp dir");
    let archive = Archive::open(tmp.path()).expect("open");
    let s = Instant::now();
    archive
        .ingest(std::slice::from_ref(&dir), &mut |_, _| {})
        .expect("ingest");
    let t_ingest = s.elapsed().as_secs_f64();
    // the kind and cycle the archive gave each file
    let listed = archive.list(&Filter::default()).expect("list");
    let docs: Vec<Doc> = docs
        .into_iter()
        .filter_map(|(name, pages)| {
            let d = listed.iter().find(|d| d.file_name == name)?;
            Some((d.kind, d.cycle, pages))
        })
        .collect();

    // 3. the records, `repeat` times
    let refs: Vec<Vec<&str>> = docs
        .iter()
        .map(|d| d.2.iter().map(String::as_str).collect())
        .collect();
    let t_records = time_records(&docs, &refs, repeat);

    // 3b. the parts alone: meetings of the protocols, commitments of the plans, mentions
    let mut parts = [0.0f64; 3];
    for _ in 0..repeat {
        for ((kind, _, _), texts) in docs.iter().zip(&refs) {
            let s = Instant::now();
            match kind {
                Kind::Protocol => {
                    std::hint::black_box(meetings::extract(texts));
                    parts[0] += s.elapsed().as_secs_f64();
                }
                Kind::Plan => {
                    std::hint::black_box(commitments::extract_plan(texts));
                    parts[1] += s.elapsed().as_secs_f64();
                }
                _ => {}
            }
        }
    }
    let known_once = known_of(&docs, &refs);
    let s = Instant::now();
    for _ in 0..repeat {
        let known_once = commitments::Known::new(known_once.clone());
        for ((kind, cycle, _), texts) in docs.iter().zip(&refs) {
            if *kind != Kind::Plan {
                let own = cycle.map(|c| c as u32);
                std::hint::black_box(commitments::mentions_known(texts, own, &known_once));
            }
        }
    }
    parts[2] = s.elapsed().as_secs_f64();
    let parts = parts.map(|t| t / repeat as f64);

    // 4. the same, stored: each document's records read again and written to the catalogue
    // (what ingest adds per document), `repeat / 10` times over all documents but the plans
    // (a plan's re-reading derives every other document's mentions again)
    let ids: Vec<i64> = listed
        .iter()
        .filter(|d| d.kind != Kind::Plan)
        .map(|d| d.id)
        .collect();
    let stored_repeat = (repeat / 10).max(1);
    let s = Instant::now();
    for _ in 0..stored_repeat {
        for id in &ids {
            archive.reextract_records(*id).expect("re-extract");
        }
    }
    let plan_pages: usize = listed
        .iter()
        .filter(|d| d.kind == Kind::Plan)
        .map(|d| d.pages as usize)
        .sum();
    // scaled to all pages: the plans' share is read at the same per-page cost
    let t_stored = s.elapsed().as_secs_f64() / stored_repeat as f64 * n_pages as f64
        / (n_pages - plan_pages) as f64;

    let per_page = |t: f64| t * 1e6 / n_pages as f64;
    println!(
        "{} documents, {n_pages} pages; records repeated {repeat} times",
        files.len()
    );
    println!("| step | µs per page | share of the ingest |");
    println!("|---|---|---|");
    for (name, t) in [
        ("extract (once)", t_extract),
        ("classify (once)", t_classify),
        ("Archive::ingest, whole (both cores)", t_ingest),
        ("meetings + commitments + mentions + ratings", t_records),
        ("— of which meetings (protocols)", parts[0]),
        ("— of which commitments (plans)", parts[1]),
        ("— of which mentions (all but plans)", parts[2]),
        ("the same, stored in the catalogue", t_stored),
    ] {
        println!(
            "| {name} | {:.0} | {:.1} % |",
            per_page(t),
            100.0 * t / t_ingest
        );
    }
}
