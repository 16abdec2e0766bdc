//! OCR: scanned pages (and a page whose font cannot be decoded) become searchable text.
//!
//! Fixtures: tests/fixtures/ocr (made by scripts/make-ocr-fixtures.sh), each with its ground
//! truth. These tests need Tesseract with the Latvian model, which `./test.sh` installs
//! (scripts/install-system-deps.sh); without it they fail and say what to install.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use ogp_archive::ocr::Engine;
use ogp_archive::pdf::similarity;
use ogp_archive::{Archive, DocStatus, Filter, Outcome};

fn fixtures() -> PathBuf {
    common::repo().join("tests/fixtures/ocr")
}

fn engine() -> Engine {
    Engine::detect().unwrap_or_else(|e| {
        panic!(
            "OCR tests need Tesseract with Latvian: {} (./test.sh installs it)",
            e.user_message()
        )
    })
}

fn truth_pages(name: &str) -> Vec<String> {
    let t = std::fs::read_to_string(fixtures().join(format!("{name}.txt"))).expect("truth");
    t.split('\x0c')
        .map(String::from)
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// Ingests the given fixtures and runs OCR over everything queued.
fn ocr_archive(names: &[&str]) -> (tempfile::TempDir, Archive) {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = Archive::open(dir.path()).expect("open");
    let paths: Vec<PathBuf> = names
        .iter()
        .map(|n| fixtures().join(format!("{n}.pdf")))
        .collect();
    let out = archive.ingest(&paths, &mut |_, _| {}).expect("ingest");
    for o in &out {
        assert_eq!(o.outcome, Outcome::Added, "{o:?}");
    }
    let summary = archive
        .run_ocr(&engine(), None, &mut |_, _| {}, &AtomicBool::new(false))
        .expect("ocr");
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    (dir, archive)
}

fn doc_named(archive: &Archive, file: &str) -> ogp_archive::DocumentInfo {
    let d = archive
        .list(&Filter::default())
        .unwrap()
        .into_iter()
        .find(|d| d.file_name == file)
        .unwrap_or_else(|| panic!("{file} not in archive"));
    archive.get(d.id).unwrap()
}

/// Every fixture page reads back at ≥ 0.95 character similarity to what was printed on it —
/// straight, 150 dpi, turned 90°, skewed and noisy, JPEG, CCITT in both polarities, and a page
/// whose font has no Unicode mapping — and each document's status moves to `ocr`.
#[test]
fn scanned_pages_read_back_close_to_the_printed_text() {
    let names = [
        "scan-300dpi-flate",
        "scan-150dpi",
        "scan-rotated-90",
        "scan-skewed-noisy",
        "scan-gray-jpeg",
        "scan-ccitt",
        "scan-ccitt-blackis1",
        "font-no-unicode",
    ];
    let (_dir, archive) = ocr_archive(&names);
    let mut report = Vec::new();
    let mut worst = 1.0f64;
    for name in names {
        let d = doc_named(&archive, &format!("{name}.pdf"));
        assert_eq!(d.status, DocStatus::Ocr, "{name}: status {}", d.status);
        assert!(d.flagged_pages.is_empty(), "{name}: {:?}", d.flagged_pages);
        let pages = archive.pages(d.id).unwrap();
        let truth = truth_pages(name);
        assert_eq!(pages.len(), truth.len(), "{name}: page count");
        for ((n, status, text), want) in pages.iter().zip(&truth) {
            assert_eq!(status, "ocr", "{name} p. {n}");
            let sim = similarity(want, text);
            worst = worst.min(sim);
            report.push(format!("{name} p. {n}: {sim:.3}"));
            let conf = d
                .ocr_pages
                .iter()
                .find(|p| p.page == *n)
                .and_then(|p| p.confidence)
                .unwrap_or(0.0);
            assert!(conf > 50.0, "{name} p. {n}: confidence {conf}");
            assert!(
                !archive.page_words(d.id, *n).unwrap().is_empty(),
                "{name} p. {n}: no word boxes kept"
            );
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(
        worst >= 0.95,
        "a page read back below 0.95:\n{}",
        report.join("\n")
    );
}

/// The user's view: a Latvian query typed without diacritics finds the scanned protocol at
/// the page that says it, and the scan's text gave it its kind.
#[test]
fn a_query_without_diacritics_finds_the_scan_at_its_page() {
    let (_dir, archive) = ocr_archive(&["scan-300dpi-flate", "scan-150dpi"]);
    let hits = archive
        .search("ziguru pagasta", &Filter::default(), 10)
        .unwrap();
    let first = hits.first().expect("the scanned protocol is found");
    assert_eq!(first.file_name, "scan-300dpi-flate.pdf");
    assert_eq!(first.page, 2, "{first:?}");
    assert!(first.snippet.contains("<b>"), "{}", first.snippet);
    let d = doc_named(&archive, "scan-300dpi-flate.pdf");
    assert_eq!(
        d.kind.as_str(),
        "protocol",
        "classified from the recognised text"
    );
}

fn cli(archive: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ogp-archive"));
    c.arg("--archive").arg(archive);
    c
}

/// The queue lives in the catalog: pages queued by an ingest are still queued when the archive
/// is opened again, and `ogp-archive ocr` then empties it.
#[test]
fn the_queue_survives_a_restart_and_the_cli_empties_it() {
    let dir = tempfile::tempdir().unwrap();
    let o = cli(dir.path())
        .arg("ingest")
        .arg(fixtures().join("scan-gray-jpeg.pdf"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("ogp-archive ocr"),
        "ingest says how to run OCR: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let archive = Archive::open(dir.path()).unwrap();
    assert_eq!(archive.ocr_status().unwrap().queued, 1);
    drop(archive);
    let o = cli(dir.path()).args(["ocr", "--json"]).output().unwrap();
    assert!(o.status.success(), "{o:?}");
    let archive = Archive::open(dir.path()).unwrap();
    let st = archive.ocr_status().unwrap();
    assert_eq!((st.queued, st.done, st.failed), (0, 1, 0));
    let hits = archive.search("ventspils", &Filter::default(), 5).unwrap();
    assert_eq!(hits.len(), 1, "the recognised page is searchable");
}

/// Without Tesseract nothing breaks: ingest adds the scan and queues it, `ocr` says what to
/// install and exits non-zero, the page stays flagged and queued.
#[test]
fn without_the_engine_pages_stay_queued_and_the_user_is_told_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let o = cli(dir.path())
        .env("OGP_TESSERACT", "/nonexistent/tesseract")
        .arg("ingest")
        .arg("--ocr")
        .arg(fixtures().join("scan-150dpi.pdf"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("tesseract-ocr-lav"), "{stderr}");
    assert_eq!(o.status.code(), Some(2));
    let archive = Archive::open(dir.path()).unwrap();
    let d = doc_named(&archive, "scan-150dpi.pdf");
    assert_eq!(d.status, DocStatus::NoTextLayer);
    assert_eq!(d.flagged_pages, vec![1]);
    assert_eq!(archive.ocr_status().unwrap().queued, 1);
}

/// An engine that hangs is stopped at the time limit and one that crashes costs only its
/// page: each page fails with its own reason, the archive stays usable, and the pages can be
/// queued again.
#[test]
fn a_hanging_or_crashing_engine_costs_only_its_page() {
    let bin = tempfile::tempdir().unwrap();
    for (name, body) in [("hangs", "sleep 30"), ("crashes", "kill -SEGV $$")] {
        let script = bin.path().join(name);
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\ncase \"$1\" in\n  --list-langs) printf 'List of available languages (2):\\neng\\nlav\\n'; exit 0;;\n  --version) echo 'fake tesseract'; exit 0;;\nesac\n{body}\n"
            ),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path()).unwrap();
    archive
        .ingest(&[fixtures().join("scan-ccitt.pdf")], &mut |_, _| {})
        .unwrap();
    for (name, code) in [("hangs", "timeout"), ("crashes", "engine")] {
        let mut engine =
            Engine::detect_program(&bin.path().join(name).to_string_lossy()).expect("fake");
        engine.timeout = std::time::Duration::from_secs(2);
        let t = std::time::Instant::now();
        let s = archive
            .run_ocr(&engine, None, &mut |_, _| {}, &AtomicBool::new(false))
            .unwrap();
        assert!(t.elapsed().as_secs() < 20, "{name}: took {:?}", t.elapsed());
        assert_eq!(s.recognized, 0);
        assert_eq!(s.failed.len(), 1, "{name}");
        assert_eq!(
            s.failed[0].error_code.as_deref(),
            Some(code),
            "{name}: {:?}",
            s.failed
        );
        let st = archive.ocr_status().unwrap();
        assert_eq!((st.queued, st.failed), (0, 1), "{name}");
        assert_eq!(
            archive.queue_ocr(None).unwrap(),
            1,
            "failed pages can be queued again"
        );
    }
    // The archive is intact and the page still readable by the real engine.
    let s = archive
        .run_ocr(&engine(), None, &mut |_, _| {}, &AtomicBool::new(false))
        .unwrap();
    assert_eq!(s.recognized, 1);
    assert!(archive.verify(&mut |_| {}).unwrap().problems.is_empty());
}

/// One OCR job per archive: a second one is told the first is running.
#[test]
fn a_second_ocr_job_is_told_one_is_running() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path()).unwrap();
    archive
        .ingest(&[fixtures().join("scan-150dpi.pdf")], &mut |_, _| {})
        .unwrap();
    let lock = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.path().join("ocr.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    let r = archive.run_ocr(&engine(), None, &mut |_, _| {}, &AtomicBool::new(false));
    assert!(matches!(r, Err(ogp_archive::Error::OcrBusy)), "{r:?}");
    assert!(archive.ocr_status().unwrap().running);
    drop(lock);
    assert_eq!(archive.ocr_status().unwrap().queued, 1, "nothing was lost");
}
