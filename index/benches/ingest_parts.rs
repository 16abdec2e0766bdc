//! What one document costs in each step of an ingest: `cargo bench -p ogp-archive --bench
//! ingest_parts`. Runs the steps `Archive::ingest` runs, through the library's public functions,
//! one after another on one thread, each over all files before the next step, and times each
//! step alone; then `Archive::ingest` itself on the same files (both cores) for comparison.
//! Prints a Markdown table for BENCHMARKS.md. It reports; it never fails on a number.
//!
//! The steps mirror `Archive::prepare`, `Archive::stage` and `Archive::finish` (files synced
//! once per chunk of 16, the index committed every 2,048 documents or 3 s); if those change,
//! change this.
//!
//! The records of issue 15 (meetings, commitments, mentions, ratings) are a step of their own:
//! read as `Archive::ingest` reads them (chunk by chunk in input order, against the commitments
//! known before the chunk, then the documents read against older commitments derived again),
//! and stored with the document's row (timed as the difference to the same rows without them).
//!
//! Environment: `BENCH_DOCS` (default 1000), `BENCH_SEED` (default 1): the scale corpus of
//! `scripts/make-scale-corpus.sh`, cached under the target directory, as `pipeline` uses it.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use ogp_archive::classify::{self, CycleRef};
use ogp_archive::commitments::{self, Commitment, Known};
use ogp_archive::internals::{derive_records, read_records, Derived, DocRecords};
use ogp_archive::internals::{sha256_hex, Catalog, IndexDoc, NewDocument, SearchIndex, Store};
use ogp_archive::meetings::Stems;
use ogp_archive::pdf::{self, PageStatus};
use ogp_archive::{extract_guarded, Kind, Lang};
use ogp_archive::{Archive, Filter};
use ogp_archive::{DocStatus, Sources};

fn walk(p: &Path, out: &mut Vec<PathBuf>) {
    if let Ok(rd) = std::fs::read_dir(p) {
        for e in rd.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "pdf") {
                out.push(path);
            }
        }
    }
}

/// Times `f` and adds the seconds to `acc`.
fn timed<T>(acc: &mut f64, f: impl FnOnce() -> T) -> T {
    let s = Instant::now();
    let r = f();
    *acc += s.elapsed().as_secs_f64();
    r
}

struct Doc {
    name: String,
    bytes: Vec<u8>,
    sha: String,
    doc: pdf::Document,
    class: classify::Classification,
}

fn main() {
    let n_docs: usize = std::env::var("BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let seed = std::env::var("BENCH_SEED").unwrap_or_else(|_| "1".into());
    let Some(corpus) = common::scale_corpus(n_docs, &seed) else {
        eprintln!("no scale corpus (scripts/make-scale-corpus.sh failed): nothing to measure");
        return;
    };
    let mut files = Vec::new();
    walk(&corpus, &mut files);
    files.sort();
    for f in &files {
        let _ = std::fs::read(f); // warm page cache, as for every other row
    }
    let work = tempfile::tempdir().expect("tempdir");
    // The seed cycles, as a new archive has them.
    let cycles: Vec<CycleRef> = {
        let a = Archive::open(&work.path().join("seed")).expect("archive");
        a.cycles()
            .expect("cycles")
            .into_iter()
            .map(|c| CycleRef {
                number: c.number,
                start_year: c.start_year,
                end_year: c.end_year,
            })
            .collect()
    };
    let limits = pdf::Limits::default();
    let mut steps = Steps::default();
    let docs = prepare(&files, &cycles, &limits, &mut steps);
    let pages: usize = docs.iter().map(|d| d.doc.pages.len()).sum();
    store_steps(work.path(), &docs, &mut steps);
    let (records, stale) = records_steps(&docs, &mut steps);
    let ids = catalogue_steps(work.path(), &docs, &mut steps);
    records_stored(work.path(), &docs, &records, &stale, &mut steps);
    index_steps(work.path(), &docs, &ids, &mut steps);

    // ---- the real thing, same files, both cores ----
    let archive = Archive::open(&work.path().join("archive")).expect("archive");
    let t = Instant::now();
    archive
        .ingest(std::slice::from_ref(&corpus), &mut |_, _| {})
        .expect("ingest");
    let t_ingest = t.elapsed().as_secs_f64();
    let ingest_pages: i64 = archive
        .list(&Filter::default())
        .expect("list")
        .iter()
        .map(|d| d.pages)
        .sum();
    report(&docs, pages, &steps, t_ingest, ingest_pages);
}

/// The report's table and notes.
fn report(docs: &[Doc], pages: usize, steps: &Steps, t_ingest: f64, ingest_pages: i64) {
    let Steps {
        read: t_read,
        hash: t_hash,
        extract: t_extract,
        classify: t_classify,
        store: t_store,
        sync: t_sync,
        plain: t_plain,
        pending: t_pending,
        insert: t_insert,
        index: t_index,
        add_calls: t_add_calls,
        commits: t_commits,
        ..
    } = *steps;
    let n = docs.len() as f64;
    let p = pages as f64;
    let records =
        steps.records_read + steps.records_known + steps.records_rederive + steps.records_stored;
    let rows = [
        ("read the file", t_read),
        ("SHA-256", t_hash),
        ("extract (parse, inflate, interpret, lay out)", t_extract),
        ("classify", t_classify),
        (
            "store: free-space check, write + rename (`Store::put_unsynced`)",
            t_store,
        ),
        ("store: one `syncfs` per chunk of 16 files (`Store::sync`)", t_sync),
        ("catalogue: pending mark (one autocommit)", t_pending),
        (
            "catalogue: document + page rows (one transaction, WAL)",
            t_insert,
        ),
        (
            "index: tantivy add, commit every 2,048 documents or 3 s (wall; its one indexing thread)",
            t_index,
        ),
        (
            "records (issue 15): read, derived again, stored — detail below",
            records,
        ),
    ];
    let records =
        steps.records_read + steps.records_known + steps.records_rederive + steps.records_stored;
    let sum: f64 = rows.iter().map(|r| r.1).sum::<f64>() + records;
    println!(
        "### Ingest, step by step ({} documents, {pages} pages, one thread, each step over all files)\n",
        docs.len()
    );
    println!("| step | s | ms per document | µs per page | share |\n|---|---|---|---|---|");
    for (name, s) in rows {
        println!(
            "| {name} | {s:.2} | {:.2} | {:.0} | {:.0}% |",
            s * 1e3 / n,
            s * 1e6 / p,
            100.0 * s / sum
        );
    }
    println!(
        "| **sum (one core)** | **{sum:.2}** | **{:.2}** | **{:.0}** | 100% |",
        sum * 1e3 / n,
        sum * 1e6 / p
    );
    println!(
        "\nSame bytes written with `fs::write`, no sync: {t_plain:.2} s ({:.2} ms per document). Index: of its {t_index:.2} s, the `add` calls took {t_add_calls:.2} s and the commits {t_commits:.2} s.",
        t_plain * 1e3 / n
    );
    println!(
        "\n`Archive::ingest` of the same files (both cores): {t_ingest:.2} s, {:.0} pages/s; the one-core sum above would be {:.0} pages/s.",
        ingest_pages as f64 / t_ingest,
        p / sum
    );
    records_report(steps, n, p, sum, t_ingest);
}

/// The records' own table: each part, its share of the one-core sum and of the whole ingest.
fn records_report(steps: &Steps, n: f64, p: f64, sum: f64, t_ingest: f64) {
    let rows = [
        (
            "read (meeting, plan, mentions, ratings), against the commitments known before the chunk",
            steps.records_read,
        ),
        (
            "commitments prepared again after a chunk with a plan (`Known::new`)",
            steps.records_known,
        ),
        (
            "derived again (mentions, ratings) for the documents read before the last change",
            steps.records_rederive,
        ),
        (
            "stored: with the document's row, and the derived rows in batches",
            steps.records_stored,
        ),
    ];
    let total: f64 = rows.iter().map(|r| r.1).sum();
    println!(
        "\n### Records (issue 15), {} documents derived again, one thread\n",
        steps.rederived_docs
    );
    println!("| part | s | ms per document | µs per page | share of the one-core sum | of `Archive::ingest` (wall, 2 cores) |\n|---|---|---|---|---|---|");
    for (name, s) in rows
        .iter()
        .chain(std::iter::once(&("**records, all**", total)))
    {
        println!(
            "| {name} | {s:.2} | {:.2} | {:.0} | {:.1}% | {:.1}% |",
            s * 1e3 / n,
            s * 1e6 / p,
            100.0 * s / sum,
            100.0 * s / t_ingest
        );
    }
}

/// The records (issue 15) as `Archive::ingest` reads them: chunks of 16 in input order, each
/// file against the commitments known before its chunk (a chunk that brings a plan adds its
/// commitments for the next chunks), then the documents read against older commitments
/// derived again (ingest does that on every core; here one thread). Returns each document's
/// records and the derived rows to store again.
fn records_steps(docs: &[Doc], steps: &mut Steps) -> (Vec<DocRecords>, Vec<Derived>) {
    let (mut t_read, mut t_known) = (0.0, 0.0);
    // each cycle's plans, Latvian first, as the catalogue orders them
    let mut plans: BTreeMap<u32, Vec<(bool, Vec<Commitment>)>> = BTreeMap::new();
    let mut known = Known::new(Vec::new());
    let mut fresh_from = 0;
    let mut out = Vec::with_capacity(docs.len());
    // one thread: one worker's words stemmed so far, as each ingest worker keeps its own
    let mut stems = Stems::new();
    for (i, chunk) in docs.chunks(16).enumerate() {
        let mut new_plan = false;
        for d in chunk {
            let texts: Vec<&str> = d.doc.pages.iter().map(|p| p.text.as_str()).collect();
            let cycle = d.class.cycle.as_ref().map(|g| g.value);
            let kind = d.class.kind.value;
            let r = timed(&mut t_read, || {
                read_records(kind, cycle, None, &texts, &known, &mut stems)
            });
            if let Some((c, list)) = &r.plan {
                let lv = d.class.lang.value == Lang::Lv;
                let v = plans.entry(*c as u32).or_default();
                v.push((lv, list.clone()));
                v.sort_by_key(|(lv, _)| !lv);
                new_plan = true;
            }
            out.push(r);
        }
        if new_plan {
            let next = timed(&mut t_known, || {
                Known::new(
                    plans
                        .iter()
                        .map(|(c, v)| {
                            let lists = v.iter().map(|(_, l)| l.clone()).collect();
                            (*c, commitments::merge(lists))
                        })
                        .collect(),
                )
            });
            if next.cycles() != known.cycles() {
                known = next;
                fresh_from = (i + 1) * 16;
            }
        }
    }
    let mut t_rederive = 0.0;
    let mut derived = Vec::new();
    for (i, d) in docs.iter().enumerate().take(fresh_from) {
        let kind = d.class.kind.value;
        if kind == Kind::Plan {
            continue;
        }
        let texts: Vec<&str> = d.doc.pages.iter().map(|p| p.text.as_str()).collect();
        let cycle = d.class.cycle.as_ref().map(|g| g.value);
        let (mentions, ratings) = timed(&mut t_rederive, || {
            derive_records(kind, cycle, &texts, &known, &mut stems)
        });
        derived.push(Derived {
            doc_id: i as i64 + 1,
            mentions,
            ratings,
        });
    }
    steps.records_read = t_read;
    steps.records_known = t_known;
    steps.records_rederive = t_rederive;
    steps.rederived_docs = derived.len();
    (out, derived)
}

/// The records stored as ingest stores them: with the document's row in its transaction
/// (timed as that insert's extra time over the same rows without records, measured in
/// [`catalogue_steps`]), then the derived rows again in batches of 256 documents.
fn records_stored(
    work: &Path,
    docs: &[Doc],
    records: &[DocRecords],
    derived: &[Derived],
    steps: &mut Steps,
) {
    let mut cat = Catalog::open(&work.join("catalog-records.sqlite3")).expect("catalog");
    let mut t_insert = 0.0;
    for (d, r) in docs.iter().zip(records) {
        let new = new_document(d);
        cat.add_pending(&d.sha).expect("pending");
        timed(&mut t_insert, || {
            cat.insert_document_with(&new, Some(r)).expect("insert")
        });
    }
    let mut t_derived = 0.0;
    for batch in derived.chunks(256) {
        timed(&mut t_derived, || {
            cat.replace_derived(batch).expect("derived")
        });
    }
    steps.records_stored = (t_insert - steps.insert).max(0.0) + t_derived;
}

/// Step times of the parts of an ingest, one thread, each over all files (seconds).
#[derive(Clone, Copy, Default)]
struct Steps {
    read: f64,
    hash: f64,
    extract: f64,
    classify: f64,
    store: f64,
    sync: f64,
    plain: f64,
    pending: f64,
    insert: f64,
    index: f64,
    add_calls: f64,
    commits: f64,
    records_read: f64,
    records_known: f64,
    records_rederive: f64,
    records_stored: f64,
    rederived_docs: usize,
}

/// Read, hash, extract, classify (parallel in ingest; here one thread).
fn prepare(
    files: &[PathBuf],
    cycles: &[CycleRef],
    limits: &pdf::Limits,
    steps: &mut Steps,
) -> Vec<Doc> {
    let (mut t_read, mut t_hash, mut t_extract, mut t_classify) = (0.0, 0.0, 0.0, 0.0);
    let mut docs = Vec::new();
    for f in files {
        let bytes = timed(&mut t_read, || std::fs::read(f).unwrap_or_default());
        let sha = timed(&mut t_hash, || sha256_hex(&bytes));
        let Ok(doc) = timed(&mut t_extract, || extract_guarded(&bytes, limits)) else {
            continue;
        };
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let class = timed(&mut t_classify, || {
            let texts: Vec<&str> = doc.pages.iter().map(|p| p.text.as_str()).collect();
            classify::classify(&name, doc.info.title.as_deref(), &texts, cycles, &[])
        });
        docs.push(Doc {
            name,
            bytes,
            sha,
            doc,
            class,
        });
    }
    (steps.read, steps.hash, steps.extract, steps.classify) =
        (t_read, t_hash, t_extract, t_classify);
    docs
}

/// Store: free-space check, write + rename, one syncfs per chunk of 16 files; and the same
/// bytes with `fs::write`.
fn store_steps(work: &Path, docs: &[Doc], steps: &mut Steps) {
    let store = Store::open(&work.join("store")).expect("store");
    let (mut t_store, mut t_sync) = (0.0, 0.0);
    for chunk in docs.chunks(16) {
        for d in chunk {
            timed(&mut t_store, || {
                let _ = store.space();
                store.put_unsynced(&d.sha, &d.bytes).expect("put")
            });
        }
        timed(&mut t_sync, || store.sync().expect("sync"));
    }
    // The same bytes written with `fs::write` into the same layout, no sync at all.
    let plain = work.join("plain");
    let mut t_plain = 0.0;
    for d in docs {
        timed(&mut t_plain, || {
            let dir = plain.join(&d.sha[..2]);
            std::fs::create_dir_all(&dir).expect("mkdir");
            std::fs::write(dir.join(format!("{}.pdf", d.sha)), &d.bytes).expect("write");
        });
    }
    (steps.store, steps.sync, steps.plain) = (t_store, t_sync, t_plain);
}

/// Catalogue: pending mark, one transaction per document (the index is fed from memory).
fn catalogue_steps(work: &Path, docs: &[Doc], steps: &mut Steps) -> Vec<i64> {
    let mut cat = Catalog::open(&work.join("catalog.sqlite3")).expect("catalog");
    let (mut t_pending, mut t_insert) = (0.0, 0.0);
    let mut ids = Vec::new();
    for d in docs {
        let new = new_document(d);
        timed(&mut t_pending, || cat.add_pending(&d.sha).expect("pending"));
        let id = timed(&mut t_insert, || cat.insert_document(&new).expect("insert"));
        ids.push(id);
    }
    (steps.pending, steps.insert) = (t_pending, t_insert);
    ids
}

/// Index: add every page (one indexing thread), commit every 2,048 documents or 3 s.
fn index_steps(work: &Path, docs: &[Doc], ids: &[i64], steps: &mut Steps) {
    let (index, _) = SearchIndex::open(&work.join("index")).expect("index");
    let mut writer = index.writer().expect("writer");
    let t = Instant::now();
    let mut t_add_calls = 0.0;
    let mut t_commits = 0.0;
    let mut since_commit = 0;
    let mut last_commit = Instant::now();
    for (d, id) in docs.iter().zip(ids) {
        let kind = d.class.kind.value.as_str();
        timed(&mut t_add_calls, || {
            index
                .add(
                    &writer,
                    &IndexDoc {
                        id: *id,
                        title: &d.class.title.value,
                        file_name: &d.name,
                        kind,
                        lang: d.class.lang.value,
                        cycle: d.class.cycle.as_ref().map(|g| g.value),
                        session: None,
                        date: d.class.date.as_ref().map(|g| g.value),
                        pages: d
                            .doc
                            .pages
                            .iter()
                            .enumerate()
                            .filter(|(_, p)| p.status == PageStatus::Text && !p.text.is_empty())
                            .map(|(n, p)| (n as i64 + 1, p.text.as_str()))
                            .collect(),
                    },
                )
                .expect("add")
        });
        since_commit += 1;
        if since_commit >= 2048 || last_commit.elapsed().as_secs_f64() >= 3.0 {
            timed(&mut t_commits, || writer.commit().expect("commit"));
            since_commit = 0;
            last_commit = Instant::now();
        }
    }
    timed(&mut t_commits, || writer.commit().expect("commit"));
    let t_index = t.elapsed().as_secs_f64();
    drop(writer);
    (steps.index, steps.add_calls, steps.commits) = (t_index, t_add_calls, t_commits);
}

/// The catalogue row of a prepared document.
fn new_document(d: &Doc) -> NewDocument {
    let c = &d.class;
    NewDocument {
        sha256: d.sha.clone(),
        file_name: d.name.clone(),
        size: d.bytes.len() as i64,
        title: c.title.value.clone(),
        kind: c.kind.value,
        cycle: c.cycle.as_ref().map(|g| g.value),
        session_id: None,
        lang: c.lang.value,
        date: c.date.as_ref().map(|g| g.value),
        status: DocStatus::Ok,
        sources: Sources::default(),
        unknown_session_date: c.unknown_session_date,
        producer: d.doc.info.producer.clone(),
        pages: d
            .doc
            .pages
            .iter()
            .map(|p| (p.status, p.text.clone()))
            .collect(),
    }
}
