//! The `ogp-archive` command line as a user runs it: exit codes, JSON shapes, the exported
//! bundle verified with `sha256sum -c`, and an ingest killed at many moments.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use common::*;

fn cli(archive: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ogp-archive"));
    c.arg("--archive").arg(archive);
    c.env_remove("OGP_ARCHIVE_DIR");
    c
}

fn run(archive: &Path, args: &[&str]) -> Output {
    cli(archive).args(args).output().expect("run ogp-archive")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// The hits of `search --json` (`{"hits": […], "suggestion": …, "expanded": […]}`).
fn search_hits(o: &Output) -> Vec<serde_json::Value> {
    let out: serde_json::Value = serde_json::from_str(&stdout(o)).unwrap();
    out["hits"].as_array().expect("an array of hits").clone()
}

#[test]
fn ingest_reports_each_file_and_exits_by_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &["ingest", "--json", samples().to_str().unwrap()],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), expected().documents.len());
    assert!(lines
        .iter()
        .all(|l| l["outcome"] == "added" && l["id"].is_i64()));

    // Again, plus a bad file: duplicates keep their ids, the bad file fails, exit 1.
    let bad = bad_fixtures().join("photo.pdf");
    let o = run(
        dir.path(),
        &["ingest", samples().to_str().unwrap(), bad.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("duplicate")).count(),
        lines.len()
    );
    assert!(
        out.contains("photo.pdf: nav PDF fails / not a PDF"),
        "{out}"
    );

    let o = run(dir.path(), &["ingest", "/nonexistent/folder/x.pdf"]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(dir.path(), &["ingest"]);
    assert_eq!(o.status.code(), Some(2), "usage error");
}

#[test]
fn search_json_has_the_documented_keys() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["ingest", samples().to_str().unwrap()])
        .status
        .success());
    let o = run(
        dir.path(),
        &["search", "lidzdaliba", "--cycle", "5", "--json"],
    );
    assert!(o.status.success());
    let out: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let hits = out["hits"].as_array().expect("an array of hits");
    assert!(!hits.is_empty());
    // Plenty found: no suggestion; the glossary's term also searched in English.
    assert!(out["suggestion"].is_null(), "{out}");
    assert_eq!(out["expanded"][0]["lang"], "en", "{out}");
    assert_eq!(out["expanded"][0]["query"], "participation");
    for h in hits {
        for key in [
            "id",
            "title",
            "file_name",
            "kind",
            "cycle",
            "session",
            "lang",
            "score",
            "page",
            "snippet",
        ] {
            assert!(h.get(key).is_some(), "missing {key} in {h}");
        }
        assert_eq!(h["cycle"], 5);
        assert!(h["page"].as_i64().unwrap() >= 1);
        assert!(h["session"].is_null() || h["session"].as_str().unwrap().len() == 10);
    }
    let o = run(
        dir.path(),
        &["search", "\"sabiedrības līdzdalība\"", "--json"],
    );
    assert!(!search_hits(&o).is_empty(), "phrase found");

    // A typo: no hits, the archive's spelling as `suggestion`.
    let o = run(dir.path(), &["search", "lidzdalbas", "--json"]);
    assert!(o.status.success());
    let out: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(out["hits"], serde_json::json!([]));
    assert_eq!(out["suggestion"], "līdzdalības");
    // An English term: what the glossary searched, and the Latvian plan marked with it.
    let o = run(dir.path(), &["search", "co-creation", "--json"]);
    let out: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(out["expanded"][0]["lang"], "lv", "{out}");
    assert_eq!(out["expanded"][0]["query"], "koprade");
    assert_eq!(out["expanded"][0]["terms"][0]["typed"], "co-creation");
    let plan = out["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["file_name"] == "Piektais_atvertas_parvaldibas_plans_2022-2025.pdf")
        .expect("the Latvian plan through the glossary");
    assert_eq!(plan["via_glossary"], "lv");

    let o = run(dir.path(), &["list", "--json", "--cycle", "4"]);
    let docs: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(!docs.is_empty());
    for d in &docs {
        for key in [
            "id",
            "title",
            "file_name",
            "kind",
            "cycle",
            "session",
            "lang",
            "pages",
            "size",
            "sha256",
            "status",
        ] {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
        assert_eq!(d["cycle"], 4);
    }
}

#[test]
fn extract_prints_pages_separated_by_form_feeds() {
    let file = samples().join("2023-03-21_sedes_protokols.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_ogp-archive"))
        .args(["extract", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success());
    let text = stdout(&o);
    assert_eq!(text.matches('\x0c').count(), 4, "one form feed per page");
    assert!(text.ends_with('\x0c'));
    let page3 = text.split('\x0c').nth(2).unwrap();
    assert!(page3.contains("jauniešu iesaiste pašvaldībās"), "{page3}");

    let o = Command::new(env!("CARGO_BIN_EXE_ogp-archive"))
        .args([
            "extract",
            bad_fixtures().join("user-password.pdf").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("password"), "{err}");
}

#[test]
fn exported_bundle_unpacks_and_verifies_with_sha256sum() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["ingest", samples().to_str().unwrap()])
        .status
        .success());
    let zip_path = dir.path().join("ogp5.zip");
    let o = run(
        dir.path(),
        &[
            "export",
            "--cycle",
            "5",
            "--out",
            zip_path.to_str().unwrap(),
            "--format",
            "plain",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let unpack = dir.path().join("unpacked");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    zip.extract(&unpack).unwrap();
    let tops: Vec<_> = std::fs::read_dir(&unpack).unwrap().flatten().collect();
    assert_eq!(tops.len(), 1, "one top folder");
    let top = tops[0].path();
    assert_eq!(top.file_name().unwrap(), "OGP5_2022-2025");

    let check = Command::new("sha256sum")
        .args(["-c", "--strict", "SHA256SUMS"])
        .current_dir(&top)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", stdout(&check));

    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(top.join("manifest.json")).unwrap()).unwrap();
    let docs = manifest["documents"].as_array().unwrap();
    let cycle5: Vec<_> = expected()
        .documents
        .into_iter()
        .filter(|d| d.cycle == Some(5))
        .collect();
    assert_eq!(docs.len(), cycle5.len());
    for e in &cycle5 {
        let m = docs
            .iter()
            .find(|d| d["file_name"] == e.file.as_str())
            .unwrap();
        let folder = e.session.clone().unwrap_or_else(|| "bez-sedes".into());
        assert!(
            m["path"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{folder}/")),
            "{m}"
        );
        let bytes = std::fs::read(top.join(m["path"].as_str().unwrap())).unwrap();
        assert_eq!(
            bytes,
            std::fs::read(samples().join(&e.file)).unwrap(),
            "original bytes"
        );
    }
    let csv = std::fs::read_to_string(top.join("manifest.csv")).unwrap();
    assert_eq!(csv.lines().count(), docs.len() + 1);
    assert!(csv.starts_with("id,title,kind,session,lang,pages,size,sha256,file_name,path"));
    // No temporary file is left beside the bundle.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty());
}

/// Copies the samples with one byte appended to each, so they are new documents.
fn variant_corpus(dest: &Path, copies: usize) -> usize {
    std::fs::create_dir_all(dest).unwrap();
    let mut n = 0;
    for copy in 0..copies {
        for e in std::fs::read_dir(samples()).unwrap().flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "pdf") {
                let mut bytes = std::fs::read(&p).unwrap();
                bytes.extend_from_slice(format!("\n%copy {copy}\n").as_bytes());
                std::fs::write(
                    dest.join(format!("{copy}-{}", e.file_name().to_string_lossy())),
                    bytes,
                )
                .unwrap();
                n += 1;
            }
        }
    }
    n
}

fn assert_consistent(archive_dir: &Path) {
    let archive = ogp_archive::Archive::open(archive_dir).unwrap();
    let report = archive.verify(&mut |_| {}).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    for d in archive.list(&Default::default()).unwrap() {
        let hits = archive
            .search(&format!("\"{}\"", d.file_name), &Default::default(), 200)
            .unwrap();
        assert!(
            hits.iter().any(|h| h.id == d.id),
            "document {} ({}) not searchable",
            d.id,
            d.file_name
        );
    }
    let tmp = archive_dir.join("store/tmp");
    assert_eq!(
        std::fs::read_dir(tmp).unwrap().count(),
        0,
        "no stray temporary files"
    );
}

#[test]
fn an_ingest_killed_at_any_moment_leaves_a_consistent_archive() {
    let work = tempfile::tempdir().unwrap();
    let corpus = work.path().join("corpus");
    let total = variant_corpus(&corpus, 3);
    let archive_dir = work.path().join("archive");
    // Kill points spread from "just started" to "nearly done"; each run resumes the last.
    for i in 0..30u64 {
        let mut child = cli(&archive_dir)
            .args(["ingest", corpus.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(5 + i * 12));
        let _ = child.kill();
        let _ = child.wait();
        assert_consistent(&archive_dir);
    }
    let o = run(&archive_dir, &["ingest", corpus.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let archive = ogp_archive::Archive::open(&archive_dir).unwrap();
    assert_eq!(
        archive.list(&Default::default()).unwrap().len(),
        total,
        "re-running completes the set"
    );
    drop(archive);
    assert_consistent(&archive_dir);
}

#[test]
fn a_killed_export_leaves_no_half_bundle() {
    let work = tempfile::tempdir().unwrap();
    let corpus = work.path().join("corpus");
    variant_corpus(&corpus, 3);
    let archive_dir = work.path().join("archive");
    assert!(run(&archive_dir, &["ingest", corpus.to_str().unwrap()])
        .status
        .success());
    let out = work.path().join("bundle.zip");
    for i in 0..10u64 {
        let mut child = cli(&archive_dir)
            .args(["export", "--cycle", "5", "--out", out.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(1 + i * 3));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if out.exists() {
            // Whatever is under the final name is a complete, valid bundle.
            let zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap());
            assert!(
                zip.is_ok(),
                "half bundle under the final name (run {i}, {status:?})"
            );
            std::fs::remove_file(&out).unwrap();
        }
    }
}

#[test]
fn verify_finds_a_flipped_byte_in_the_store_and_in_a_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let archive_dir = dir.path().join("a");
    assert!(run(&archive_dir, &["ingest", samples().to_str().unwrap()])
        .status
        .success());
    assert!(run(&archive_dir, &["verify"]).status.success());
    let zip_path = dir.path().join("c4.zip");
    assert!(run(
        &archive_dir,
        &[
            "export",
            "--cycle",
            "4",
            "--out",
            zip_path.to_str().unwrap(),
            "--format",
            "plain"
        ]
    )
    .status
    .success());
    let o = run(
        &archive_dir,
        &["verify", "--bundle", zip_path.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stdout(&o));

    // One byte flipped in a stored file: verify names it and exits 1.
    let stored = walk_files(&archive_dir.join("store"))
        .into_iter()
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .unwrap();
    let mut bytes = std::fs::read(&stored).unwrap();
    bytes[100] ^= 0x01;
    std::fs::write(&stored, &bytes).unwrap();
    let o = run(&archive_dir, &["verify"]);
    assert_eq!(o.status.code(), Some(1));
    let sha = stored.file_stem().unwrap().to_string_lossy().to_string();
    assert!(stdout(&o).contains(&sha), "{}", stdout(&o));

    // The same in an unpacked bundle.
    let unpack = dir.path().join("u");
    zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap())
        .unwrap()
        .extract(&unpack)
        .unwrap();
    let top = unpack.join("OGP4_2020-2021");
    assert!(
        run(&archive_dir, &["verify", "--bundle", top.to_str().unwrap()])
            .status
            .success()
    );
    let victim = walk_files(&top)
        .into_iter()
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .unwrap();
    let mut bytes = std::fs::read(&victim).unwrap();
    bytes[50] ^= 0x01;
    std::fs::write(&victim, &bytes).unwrap();
    let o = run(&archive_dir, &["verify", "--bundle", top.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("SHA-256 does not match"),
        "{}",
        stdout(&o)
    );
}

fn walk_files(p: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(p).unwrap().flatten() {
        let path = e.path();
        if path.is_dir() {
            out.extend(walk_files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn searches_answer_while_another_process_ingests() {
    let work = tempfile::tempdir().unwrap();
    let corpus = work.path().join("corpus");
    variant_corpus(&corpus, 4);
    let archive_dir = work.path().join("archive");
    assert!(run(&archive_dir, &["ingest", samples().to_str().unwrap()])
        .status
        .success());
    let mut ingest = cli(&archive_dir)
        .args(["ingest", corpus.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut searches = 0;
    loop {
        let finished = ingest.try_wait().unwrap().is_some();
        let o = run(&archive_dir, &["search", "lidzdaliba", "--json"]);
        assert!(
            o.status.success(),
            "search failed during ingest: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            !search_hits(&o).is_empty(),
            "the committed documents stay findable"
        );
        searches += 1;
        if finished {
            break;
        }
    }
    assert!(ingest.wait().unwrap().success());
    assert!(searches >= 1);
}

#[test]
fn a_second_writer_is_told_the_archive_is_in_use_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["ingest", samples().to_str().unwrap()])
        .status
        .success());
    let archive = ogp_archive::Archive::open(dir.path()).unwrap();
    let before = archive.list(&Default::default()).unwrap();
    let guard = archive.write_lock().unwrap();
    let o = cli(dir.path())
        .env("OGP_WRITE_WAIT_MS", "300")
        .args(["remove", "1"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("in use by another process"), "{err}");
    // Reading still works while the other writer holds the lock.
    let o = run(dir.path(), &["search", "lidzdaliba", "--json"]);
    assert!(o.status.success());
    drop(guard);
    assert_eq!(archive.list(&Default::default()).unwrap(), before);
    assert!(run(dir.path(), &["remove", "1"]).status.success());
}
