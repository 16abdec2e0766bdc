//! The researcher's bundle (issue 16) checked by tools that are not ours: the Library of
//! Congress `bagit` package validates the bag, headless Chromium opens the offline page from
//! the file system and searches it, and `rispy` / `bibtexparser` import the citations. Our own
//! validator must name a changed payload byte and a changed tag file.
//!
//! The tools come from `scripts/install-test-tools.sh` (pinned versions) and
//! `scripts/install-system-deps.sh` (chromium). Without them a test says SKIPPED, except
//! under CI=true, where a missing tool fails the test: CI must run these checks.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use ogp_archive::export::bag_verify::{self, BagProblem};
use ogp_archive::export::bagit::Algorithm;
use ogp_archive::export::bundle::BundleOptions;
use ogp_archive::Archive;

/// Whether a tool is there; without it the test is skipped, or fails on CI.
fn have(tool: &str, check: &mut Command) -> bool {
    let ok = check.output().map(|o| o.status.success()).unwrap_or(false);
    if !ok {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{tool} is missing; scripts/install-test-tools.sh and scripts/install-system-deps.sh install it");
        }
        eprintln!("SKIPPED: {tool} is not installed (scripts/install-test-tools.sh)");
    }
    ok
}

fn python_has(module: &str) -> bool {
    have(
        &format!("python3 module {module}"),
        Command::new("python3").args(["-c", &format!("import {module}")]),
    )
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .or_else(|| {
            have("chromium", &mut Command::new("chromium"));
            None
        })
}

fn bag_of_cycle(archive: &Archive, cycle: i64, out: &Path) {
    archive
        .export_bag(cycle, out, &BundleOptions::default(), &mut |_| {})
        .expect("export");
}

fn bagit_py_validate(dir: &Path) -> std::process::Output {
    Command::new("python3")
        .args(["-m", "bagit", "--validate"])
        .arg(dir)
        .output()
        .expect("python3 runs")
}

fn flip(path: &Path, at: usize) {
    let mut b = std::fs::read(path).unwrap();
    let at = at.min(b.len() - 1);
    b[at] ^= 0x20;
    std::fs::write(path, b).unwrap();
}

#[test]
fn the_bag_of_the_samples_validates_with_bagit_py_as_folder_and_zip() {
    if !python_has("bagit") {
        return;
    }
    let (_a, archive) = common::sample_archive();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("OGP5");
    bag_of_cycle(&archive, 5, &dir);
    let o = bagit_py_validate(&dir);
    assert!(
        o.status.success(),
        "bagit.py: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let report = bag_verify::validate(&dir).unwrap();
    assert!(report.is_valid(), "{:?}", report.problems);
    // 8 PDFs of cycle 5, their 8 texts, 2 manifests, 3 citation files, the meetings and
    // commitments read out of them, the page's 5 files.
    assert_eq!(report.files, 8 + 8 + 2 + 3 + 2 + 5, "{report:?}");
    let meetings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("data/meetings.json")).unwrap()).unwrap();
    let dates: Vec<&str> = meetings
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["date"].as_str())
        .collect();
    assert!(
        dates.contains(&"2022-10-05") && dates.contains(&"2023-03-21"),
        "{dates:?}"
    );

    let zip = out.path().join("ogp5.zip");
    bag_of_cycle(&archive, 5, &zip);
    assert!(bag_verify::validate(&zip).unwrap().is_valid());
    let unpacked = out.path().join("unpacked");
    zip::ZipArchive::new(std::fs::File::open(&zip).unwrap())
        .unwrap()
        .extract(&unpacked)
        .unwrap();
    let o = bagit_py_validate(&unpacked.join("OGP5_2022-2025"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_flipped_byte_is_named_by_verify_and_refused_by_bagit_py() {
    let (_a, archive) = common::sample_archive();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("bag");
    bag_of_cycle(&archive, 5, &dir);
    let pdf = "data/2023-03-21/2023-03-21_sedes_protokols.pdf";
    let original = std::fs::read(dir.join(pdf)).unwrap();
    flip(&dir.join(pdf), 400);
    let r = bag_verify::validate(&dir).unwrap();
    assert_eq!(
        r.problems,
        vec![
            BagProblem::PayloadChanged {
                path: pdf.into(),
                algorithm: Algorithm::Sha256
            },
            BagProblem::PayloadChanged {
                path: pdf.into(),
                algorithm: Algorithm::Sha512
            },
        ]
    );
    if python_has("bagit") {
        let o = bagit_py_validate(&dir);
        assert!(!o.status.success());
        assert!(String::from_utf8_lossy(&o.stderr).contains("2023-03-21_sedes_protokols.pdf"));
    }
    std::fs::write(dir.join(pdf), original).unwrap();
    flip(&dir.join("manifest-sha512.txt"), 3);
    let r = bag_verify::validate(&dir).unwrap();
    assert!(
        r.problems.contains(&BagProblem::TagChanged {
            path: "manifest-sha512.txt".into(),
            algorithm: Algorithm::Sha256
        }),
        "{:?}",
        r.problems
    );
    assert!(!r.is_valid());
}

/// The offline page, opened from the file system with the query in its address, as DOM.
fn dump_dom(browser: &str, index: &Path, fragment: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}#{fragment}", index.display());
    let o = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--virtual-time-budget=5000", "--dump-dom"])
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// `(data-file, data-page)` of each hit, in order.
fn hits(dom: &str) -> Vec<(String, i64)> {
    let attr = |tag: &str, name: &str| {
        let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
        Some(tag[start..].split('"').next()?.to_string())
    };
    dom.split("<li class=\"hit\"")
        .skip(1)
        .filter_map(|rest| {
            let tag = rest.split('>').next()?;
            Some((
                attr(tag, "data-file")?,
                attr(tag, "data-page")?.parse().ok()?,
            ))
        })
        .collect()
}

#[test]
fn the_offline_page_finds_the_document_and_page_from_the_file_system() {
    let Some(browser) = chromium() else { return };
    let (_a, archive) = common::sample_archive();
    let out = tempfile::tempdir().unwrap();
    // A folder name with a space and a Latvian letter: the page must not depend on the path.
    let dir = out.path().join("OGP 5 sūtījums");
    bag_of_cycle(&archive, 5, &dir);
    let index = dir.join("data/index.html");
    let want = (
        "Piektais_atvertas_parvaldibas_plans_2022-2025.pdf".to_string(),
        4,
    );
    for q in [
        "q=lidzdalibas%20budzets",
        "q=L%C4%AADZDAL%C4%AABAS%20bud%C5%BEets",
    ] {
        let dom = dump_dom(browser, &index, q);
        let found = hits(&dom);
        assert_eq!(found.first(), Some(&want), "{q}: {found:?}");
        assert!(
            dom.contains("<mark>līdzdalības</mark>"),
            "{q}: the words are marked"
        );
    }
    // Without a query: every document listed under its session, each linking its PDF.
    let dom = dump_dom(browser, &index, "");
    for d in archive
        .list(&ogp_archive::Filter {
            cycle: Some(5),
            ..Default::default()
        })
        .unwrap()
    {
        assert!(
            dom.contains(&format!("data-doc-id=\"{}\"", d.id)),
            "{}",
            d.file_name
        );
    }
    assert!(dom.contains("data-session=\"2023-03-21\""));
    assert!(dom.contains("href=\"2023-03-21/VK_prezentacija.pdf\""));
}

#[test]
fn citations_import_into_reference_parsers_with_their_pages() {
    if !(python_has("rispy") && python_has("bibtexparser")) {
        return;
    }
    let (_a, archive) = common::sample_archive();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("bag");
    bag_of_cycle(&archive, 4, &dir);
    // One citation at a page, as `ogp-archive cite ID --page N` gives it.
    let id = common::id_of(&archive, "Ceturtais_NAP_2020-2021.pdf");
    let doc = archive.get(id).unwrap();
    let cycle = archive
        .cycles()
        .unwrap()
        .into_iter()
        .find(|c| c.number == 4)
        .unwrap();
    let one =
        ogp_archive::cite::Citation::new(&doc, Some(&cycle), Some(3), "Valsts kanceleja").unwrap();
    let page_ris = out.path().join("page.ris");
    let page_bib = out.path().join("page.bib");
    std::fs::write(
        &page_ris,
        ogp_archive::cite::render(
            std::slice::from_ref(&one),
            ogp_archive::cite::CiteFormat::Ris,
        ),
    )
    .unwrap();
    std::fs::write(
        &page_bib,
        ogp_archive::cite::render(&[one], ogp_archive::cite::CiteFormat::Bibtex),
    )
    .unwrap();
    let script = common::repo().join("scripts/check-citations.py");
    let run = |args: &[PathBuf]| {
        let o = Command::new("python3")
            .arg(&script)
            .args(args)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    // Every document of cycle 4 in both files, each with its pages and title.
    let n = archive
        .list(&ogp_archive::Filter {
            cycle: Some(4),
            ..Default::default()
        })
        .unwrap()
        .len();
    assert!(n >= 8);
    let report = run(&[
        dir.join("data/citations.ris"),
        dir.join("data/citations.bib"),
    ]);
    assert!(report.contains(&format!("ris {n} entries")), "{report}");
    assert!(report.contains(&format!("bibtex {n} entries")), "{report}");
    let report = run(&[page_ris, page_bib]);
    assert!(report.contains("ris 1 entries, pages 3"), "{report}");
    assert!(report.contains("bibtex 1 entries, pages 3"), "{report}");
    assert!(report.contains("Ceturtais nacionālais"), "{report}");
}

#[test]
fn page_texts_ship_one_file_per_document() {
    let (_a, archive) = common::sample_archive();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("bag");
    bag_of_cycle(&archive, 5, &dir);
    let id = common::id_of(
        &archive,
        "Piektais_atvertas_parvaldibas_plans_2022-2025.pdf",
    );
    let text = std::fs::read_to_string(dir.join(format!("data/text/{id}.txt"))).unwrap();
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert_eq!(pages.len(), 5 + 1, "five pages, each ending in a form feed");
    assert!(pages[3].contains("Ķekavas novada līdzdalības budžets"));
    let info = std::fs::read_to_string(dir.join("bag-info.txt")).unwrap();
    assert!(info.contains("Source-Organization: Valsts kanceleja"));
    assert!(info.contains("External-Description: Latvijas atvērtās pārvaldības (OGP) 5."));
    assert!(info.contains("Bag-Count: 1 of 1"));
}

#[test]
fn a_damaged_stored_pdf_stops_the_export_and_leaves_nothing_behind() {
    let (_a, archive) = common::sample_archive();
    let id = common::id_of(
        &archive,
        "Piektais_atvertas_parvaldibas_plans_2022-2025.pdf",
    );
    let stored = archive.stored_path(id).unwrap();
    flip(&stored, 300);
    let out = tempfile::tempdir().unwrap();
    for name in ["bag.zip", "bag"] {
        let target = out.path().join(name);
        let err = archive
            .export_bag(5, &target, &BundleOptions::default(), &mut |_| {})
            .expect_err("a stored file that no longer matches its SHA-256 is not exported");
        assert!(err.to_string().contains("SHA-256"), "{err}");
        assert!(!target.exists(), "{name}: no bag under the final name");
    }
    let left: Vec<_> = std::fs::read_dir(out.path()).unwrap().collect();
    assert!(left.is_empty(), "no temporary files left: {left:?}");
}

#[test]
fn the_zip_bag_lists_each_pdf_before_its_page_text_and_every_manifest_line_matches() {
    let (_a, archive) = common::sample_archive();
    let out = tempfile::tempdir().unwrap();
    let zip_path = out.path().join("bag.zip");
    bag_of_cycle(&archive, 5, &zip_path);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().to_string())
        .collect();
    let pdfs = names.iter().filter(|n| n.ends_with(".pdf")).count();
    let texts = names.iter().filter(|n| n.contains("/data/text/")).count();
    assert!(pdfs > 0 && pdfs == texts, "{pdfs} PDFs, {texts} page texts");
    for (i, n) in names
        .iter()
        .enumerate()
        .filter(|(_, n)| n.ends_with(".pdf"))
    {
        assert!(
            names[i + 1].contains("/data/text/"),
            "{n} is followed by its page text, not {}",
            names[i + 1]
        );
    }
    let report = bag_verify::validate(&zip_path).unwrap();
    assert!(report.is_valid(), "{:?}", report.problems);
}

// ---- the command line: export (bagit by default), verify --bundle, cite ----

fn cli(archive: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ogp-archive"))
        .arg("--archive")
        .arg(archive)
        .env_remove("OGP_ARCHIVE_DIR")
        .args(args)
        .output()
        .expect("run ogp-archive")
}

fn text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn the_cli_exports_a_bag_and_verify_names_a_changed_payload_byte_and_tag_file() {
    let dir = tempfile::tempdir().unwrap();
    let arch = dir.path().join("archive");
    let o = cli(&arch, &["ingest", common::samples().to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let zip = dir.path().join("ogp5.zip");
    let o = cli(
        &arch,
        &["export", "--cycle", "5", "--out", zip.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = cli(&arch, &["verify", "--bundle", zip.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));

    let unpacked = dir.path().join("unpacked");
    zip::ZipArchive::new(std::fs::File::open(&zip).unwrap())
        .unwrap()
        .extract(&unpacked)
        .unwrap();
    let bag = unpacked.join("OGP5_2022-2025");
    let pdf = bag.join("data/2023-03-21/VK_prezentacija.pdf");
    flip(&pdf, 1000);
    let o = cli(
        &arch,
        &["verify", "--bundle", unpacked.to_str().unwrap(), "--json"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{report}");
    for p in problems {
        assert_eq!(p["problem"], "payload-changed");
        assert_eq!(p["path"], "data/2023-03-21/VK_prezentacija.pdf");
    }
    flip(&pdf, 1000);
    flip(&bag.join("bag-info.txt"), 5);
    let o = cli(&arch, &["verify", "--bundle", bag.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = text(&o);
    assert!(
        out.contains("bag-info.txt: apraksta fails mainīts"),
        "{out}"
    );
    assert!(!out.contains("VK_prezentacija"), "{out}");
}

#[test]
fn the_cli_keeps_the_plain_zip_and_cites_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let arch = dir.path().join("archive");
    assert!(cli(&arch, &["ingest", common::samples().to_str().unwrap()])
        .status
        .success());
    let zip = dir.path().join("plain.zip");
    let o = cli(
        &arch,
        &[
            "export",
            "--cycle",
            "5",
            "--out",
            zip.to_str().unwrap(),
            "--format",
            "plain",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let names: Vec<String> = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap())
        .unwrap()
        .file_names()
        .map(String::from)
        .collect();
    assert!(
        names.contains(&"OGP5_2022-2025/SHA256SUMS".to_string()),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.ends_with("bagit.txt")));
    let o = cli(&arch, &["verify", "--bundle", zip.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));

    let archive = Archive::open(&arch).unwrap();
    let id = common::id_of(
        &archive,
        "Piektais_atvertas_parvaldibas_plans_2022-2025.pdf",
    );
    drop(archive);
    let o = cli(
        &arch,
        &["cite", &id.to_string(), "--page", "4", "--format", "ris"],
    );
    assert!(o.status.success(), "{}", text(&o));
    let ris = String::from_utf8_lossy(&o.stdout);
    assert!(
        ris.contains("SP  - 4\r\n") && ris.contains("TI  - Latvijas Piektais"),
        "{ris}"
    );
    let o = cli(&arch, &["cite", &id.to_string(), "--page", "4"]);
    let csl: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(csl[0]["page"], "4");
    let o = cli(&arch, &["cite", &id.to_string(), "--page", "9"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}
