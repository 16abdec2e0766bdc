//! End-to-end tests: the real app in a real window (Xvfb + tauri-driver + WebKitWebDriver).
//! Ignored by default; `scripts/e2e.sh` runs them with `-- --ignored --test-threads=1`.

use std::io::Read;

use e2e::{
    choose, click, js, sidebar_count, text_of, wait_for, wait_for_samples, with_app, with_app_on,
};
use fantoccini::{Client, Locator};
use serde_json::json;
use sha2::{Digest, Sha256};

/// The citation, the similar documents and the spelling suggestion (issues 14 and 16).
#[path = "app/discovery.rs"]
mod discovery;
/// The records views (meeting page, decisions, commitments timeline).
#[path = "app/records.rs"]
mod records;

fn err(s: impl Into<String>) -> Box<dyn std::error::Error + Send + Sync> {
    s.into().into()
}

async fn search(c: &Client, query: &str) -> Result<usize, String> {
    let input = c
        .find(Locator::Id("search"))
        .await
        .map_err(|e| e.to_string())?;
    input.clear().await.map_err(|e| e.to_string())?;
    input.send_keys(query).await.map_err(|e| e.to_string())?;
    wait_for(20, &format!("results for {query:?}"), || async {
        let title = text_of(c, "#search-view:not([hidden]) #results-title").await?;
        let n = c
            .find_all(Locator::Css("#results li.result"))
            .await
            .ok()?
            .len();
        (n > 0 && !title.is_empty()).then_some(n)
    })
    .await
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn first_run_shows_the_sample_documents() {
    with_app("first_run_shows_the_sample_documents", |c, _| async move {
        let n = wait_for_samples(&c).await?;
        // Cycles are listed newest first, each with its count; kinds and the trash are there.
        let cycles = js(&c, "return [...document.querySelectorAll('#sidebar .cycle')].map(e => Number(e.dataset.cycle))", vec![]).await?;
        let cycles: Vec<i64> = serde_json::from_value(cycles)?;
        if cycles.is_empty() || cycles.windows(2).any(|w| w[0] < w[1]) {
            return Err(err(format!("cycles not newest first: {cycles:?}")));
        }
        let rows = c.find_all(Locator::Css("#doc-rows tr")).await?.len();
        if rows != n {
            return Err(err(format!("document list shows {rows} rows, expected {n}")));
        }
        if sidebar_count(&c, "trash").await != Some(0) {
            return Err(err("trash count is not 0"));
        }
        // The window's drop handler is registered.
        let drop = js(&c, "return document.body.dataset.dropReady || ''", vec![]).await?;
        if drop != json!("true") {
            return Err(err("the drag-and-drop handler is not registered"));
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn ingest_through_the_drop_path_reports_each_file() {
    with_app("ingest_through_the_drop_path_reports_each_file", |c, _| async move {
        let n = wait_for_samples(&c).await?;
        // A folder with a new PDF, a copy of an archived one and an empty file.
        let dir = tempfile::tempdir()?;
        let sample = e2e::sample_docs().join("VK_prezentacija.pdf");
        let mut new_pdf = std::fs::read(&sample)?;
        new_pdf.extend_from_slice(b"\n% e2e: same content, new bytes\n");
        std::fs::write(dir.path().join("jauns_dokuments.pdf"), new_pdf)?;
        std::fs::copy(&sample, dir.path().join("kopija.pdf"))?;
        std::fs::write(dir.path().join("tukss.pdf"), b"")?;
        // The same function a window drop calls.
        js(&c, "window.ogpApp.ingestPaths([arguments[0]]); return true", vec![json!(dir.path())]).await?;
        let outcomes = wait_for(60, "three outcomes and a finished ingest", || async {
            let done = js(&c, "return document.getElementById('task-panel').dataset.state", vec![]).await.ok()?;
            if done != json!("done") {
                return None;
            }
            let v = js(&c, "return [...document.querySelectorAll('#task-outcomes li')].map(li => li.dataset.outcome + ':' + li.querySelector('.oc-file').textContent)", vec![]).await.ok()?;
            let v: Vec<String> = serde_json::from_value(v).ok()?;
            (v.len() == 3).then_some(v)
        })
        .await?;
        for want in ["added:jauns_dokuments.pdf", "duplicate:kopija.pdf", "failed:tukss.pdf"] {
            if !outcomes.iter().any(|o| o == want) {
                return Err(err(format!("missing outcome {want} in {outcomes:?}")));
            }
        }
        let reason = text_of(&c, "#task-outcomes li.oc-failed .reason").await.unwrap_or_default();
        if reason.trim().is_empty() {
            return Err(err("the failed file shows no reason"));
        }
        wait_for(10, "the new document in the sidebar count", || async {
            (sidebar_count(&c, "all").await == Some(n + 1)).then_some(())
        })
        .await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn search_without_diacritics_finds_documents() {
    with_app(
        "search_without_diacritics_finds_documents",
        |c, _| async move {
            wait_for_samples(&c).await?;
            let n = search(&c, "lidzdaliba").await?;
            let snippets = js(
                &c,
                "return [...document.querySelectorAll('#results .snippet')].map(s => s.innerHTML)",
                vec![],
            )
            .await?;
            let snippets: Vec<String> = serde_json::from_value(snippets)?;
            if !snippets.iter().any(|s| s.to_lowercase().contains("<b>")) {
                return Err(err(format!(
                    "{n} results but no highlighted word in the snippets: {snippets:?}"
                )));
            }
            // Filters show counts.
            let filter = text_of(&c, "#filter-kind option[value='']")
                .await
                .unwrap_or_default();
            if !filter.contains('(') {
                return Err(err(format!("kind filter shows no count: {filter:?}")));
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn a_result_opens_at_its_page_with_the_words_marked() {
    with_app("a_result_opens_at_its_page_with_the_words_marked", |c, _| async move {
        wait_for_samples(&c).await?;
        search(&c, "kekavas lidzdalibas budzetu").await?;
        let page = js(&c, "return Number(document.querySelector('#results li.result').dataset.page)", vec![]).await?;
        let page = page.as_i64().ok_or("no page number on the first result")?;
        click(&c, "#results li.result:first-child .r-title").await?;
        wait_for(30, &format!("the viewer at page {page}"), || async {
            let shown = js(&c, "const p = document.querySelector('#pdf-host .pdf-page'); return p ? Number(p.dataset.page) : 0", vec![]).await.ok()?;
            (shown == json!(page)).then_some(())
        })
        .await?;
        let input = js(&c, "return document.getElementById('page-input').value", vec![]).await?;
        if input != json!(page.to_string()) {
            return Err(err(format!("page box shows {input}, expected {page}")));
        }
        let hits = wait_for(15, "marked words in the text layer", || async {
            let v = js(&c, "const p = document.querySelector('#pdf-host .pdf-page'); return p && p.dataset.hits ? Number(p.dataset.hits) : -1", vec![]).await.ok()?;
            let n = v.as_i64()?;
            (n >= 0).then_some(n)
        })
        .await?;
        if hits == 0 {
            return Err(err("no words marked on the page"));
        }
        // Esc goes back to the results.
        c.find(Locator::Id("search")).await?.send_keys("\u{e00c}").await?;
        wait_for(10, "the results again", || async {
            js(&c, "return document.body.dataset.mode", vec![]).await.ok().filter(|m| m == "search")
        })
        .await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn correcting_a_cycle_updates_the_sidebar_counts() {
    with_app(
        "correcting_a_cycle_updates_the_sidebar_counts",
        |c, _| async move {
            wait_for_samples(&c).await?;
            // Open the first document of the list.
            click(&c, "#doc-rows tr:first-child a.open-doc").await?;
            wait_for(10, "the metadata panel", || async {
                text_of(&c, "#meta h2").await
            })
            .await?;
            let before_value = js(
                &c,
                "return document.getElementById('meta-cycle').value",
                vec![],
            )
            .await?;
            let before_value = before_value.as_str().unwrap_or_default().to_string();
            let target = if before_value == "3" { "4" } else { "3" };
            let from_view = (!before_value.is_empty()).then(|| format!("cycle:{before_value}"));
            let target_view = format!("cycle:{target}");
            let target_before = sidebar_count(&c, &target_view)
                .await
                .ok_or("no target cycle")?;
            let from_before = match &from_view {
                Some(v) => sidebar_count(&c, v).await,
                None => sidebar_count(&c, "nocycle").await,
            };
            choose(&c, "#meta-cycle", target).await?;
            wait_for(15, "the target cycle count to go up by one", || async {
                (sidebar_count(&c, &target_view).await == Some(target_before + 1)).then_some(())
            })
            .await?;
            let from_after = match &from_view {
                Some(v) => sidebar_count(&c, v).await,
                None => sidebar_count(&c, "nocycle").await,
            };
            if from_before.map(|n| n - 1) != from_after.or(Some(0)) {
                return Err(err(format!(
                    "old place count {from_before:?} → {from_after:?}"
                )));
            }
            // The panel says the value was corrected by the user.
            let src = text_of(&c, "#meta [data-field='cycle'] .src")
                .await
                .unwrap_or_default();
            if !src.contains("labots") && !src.contains("corrected") {
                return Err(err(format!("cycle source shows {src:?}")));
            }
            Ok(())
        },
    )
    .await;
}

/// Exports cycle 5 from the sidebar in `format` (the dialog's choice) and returns the path
/// the task panel reports, after checking it is under the app's export folder.
async fn export_cycle_5(
    c: &Client,
    format: &str,
    export_dir: &std::path::Path,
) -> Result<String, String> {
    js(
        c,
        "document.getElementById('task-panel').dataset.state = ''; return true",
        vec![],
    )
    .await?;
    click(c, ".cycle[data-cycle='5'] [data-action='export-cycle']").await?;
    let default = wait_for(10, "the export dialog", || async {
        let v = js(c, "const d = document.getElementById('form-dialog'); const f = document.getElementById('fd-format'); return d.open && f ? f.value : ''", vec![]).await.ok()?;
        v.as_str().filter(|s| !s.is_empty()).map(String::from)
    })
    .await?;
    if default != "bagit" {
        return Err(format!(
            "the export dialog proposes {default:?}, not the BagIt bag"
        ));
    }
    choose(c, "#fd-format", format).await?;
    click(c, "#form-dialog-submit").await?;
    let path = wait_for(60, "the export to finish", || async {
        let v = js(c, "const p = document.getElementById('task-panel'); return p.dataset.state === 'done' ? (p.dataset.exportPath || '') : ''", vec![]).await.ok()?;
        v.as_str().filter(|s| !s.is_empty()).map(String::from)
    })
    .await?;
    if !std::path::Path::new(&path).starts_with(export_dir) {
        return Err(format!(
            "exported to {path}, not under {}",
            export_dir.display()
        ));
    }
    let msg = text_of(c, "#task-status").await.unwrap_or_default();
    if !msg.contains(&path) {
        return Err(format!(
            "message does not say where the bundle went: {msg:?}"
        ));
    }
    Ok(path)
}

/// Checks every `<hash>  <file>` line of a checksum file inside the zip against the bytes
/// under `top`, and returns how many PDFs it lists.
fn check_sums(
    zip: &mut zip::ZipArchive<std::fs::File>,
    top: &str,
    sums: &str,
) -> Result<usize, String> {
    let mut pdfs = 0;
    for line in sums.lines().filter(|l| !l.trim().is_empty()) {
        let (hash, file) = line
            .split_once("  ")
            .ok_or_else(|| format!("bad line {line:?}"))?;
        let mut bytes = Vec::new();
        zip.by_name(&format!("{top}{file}"))
            .map_err(|e| format!("{file}: {e}"))?
            .read_to_end(&mut bytes)
            .map_err(|e| e.to_string())?;
        let got: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if got != hash {
            return Err(format!("{file}: sha256 {got} ≠ {hash}"));
        }
        if file.to_lowercase().ends_with(".pdf") {
            pdfs += 1;
        }
    }
    Ok(pdfs)
}

fn read_entry(zip: &mut zip::ZipArchive<std::fs::File>, name: &str) -> Result<String, String> {
    let mut s = String::new();
    zip.by_name(name)
        .map_err(|e| format!("{name}: {e}"))?
        .read_to_string(&mut s)
        .map_err(|e| e.to_string())?;
    Ok(s)
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn exporting_a_cycle_writes_a_valid_bag_or_a_plain_zip() {
    with_app("exporting_a_cycle_writes_a_valid_bag_or_a_plain_zip", |c, export_dir| async move {
        wait_for_samples(&c).await?;
        // Make sure cycle 5 has documents: select two rows (click, Ctrl-click) and set their cycle.
        click(&c, "#doc-rows tr:nth-child(1) td:nth-child(3)").await?;
        let mods = js(
            &c,
            "const r = document.querySelectorAll('#doc-rows tr')[1]; r.dispatchEvent(new MouseEvent('click', {bubbles: true, ctrlKey: true})); return document.querySelectorAll('#doc-rows tr.selected').length",
            vec![],
        )
        .await?;
        if mods != json!(2) {
            return Err(err(format!("ctrl-click selected {mods} rows")));
        }
        choose(&c, "#bulk-cycle", "5").await?;
        let count = wait_for(15, "cycle 5 to have documents", || async {
            sidebar_count(&c, "cycle:5").await.filter(|n| *n >= 2)
        })
        .await?;

        // The default: a BagIt bag in a zip, one top folder.
        let path = export_cycle_5(&c, "bagit", &export_dir).await?;
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path)?)?;
        let names: Vec<String> = zip.file_names().map(String::from).collect();
        let bagit_txt = names.iter().find(|n| n.ends_with("/bagit.txt")).ok_or("no bagit.txt")?.clone();
        let top = bagit_txt.trim_end_matches("bagit.txt").to_string();
        for want in ["manifest-sha256.txt", "manifest-sha512.txt", "bag-info.txt", "tagmanifest-sha256.txt", "data/index.html"] {
            if !names.contains(&format!("{top}{want}")) {
                return Err(err(format!("the bag lacks {want}: {names:?}")));
            }
        }
        if !read_entry(&mut zip, &bagit_txt)?.starts_with("BagIt-Version: 1.0") {
            return Err(err("bagit.txt does not say BagIt 1.0"));
        }
        let manifest = read_entry(&mut zip, &format!("{top}manifest-sha256.txt"))?;
        let pdfs = check_sums(&mut zip, &top, &manifest)?;
        if pdfs != count {
            return Err(err(format!("the bag holds {pdfs} PDFs, the cycle has {count}")));
        }
        // The independent validator (installed by scripts/install-test-tools.sh).
        let has_bagit = std::process::Command::new("python3").args(["-c", "import bagit"]).status().is_ok_and(|s| s.success());
        if has_bagit {
            let unpacked = tempfile::tempdir()?;
            zip.extract(unpacked.path())?;
            let o = std::process::Command::new("python3")
                .args(["-m", "bagit", "--validate"])
                .arg(unpacked.path().join(top.trim_end_matches('/')))
                .output()?;
            if !o.status.success() {
                return Err(err(format!("bagit.py --validate: {}", String::from_utf8_lossy(&o.stderr))));
            }
        } else {
            eprintln!("python3's bagit is not installed (scripts/install-test-tools.sh): the bag was checked without it");
        }

        // The plain zip, still one choice away: SHA256SUMS that verify.
        let path = export_cycle_5(&c, "plain", &export_dir).await?;
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path)?)?;
        let names: Vec<String> = zip.file_names().map(String::from).collect();
        let sums_name = names.iter().find(|n| n.ends_with("SHA256SUMS")).ok_or("no SHA256SUMS")?.clone();
        if names.iter().any(|n| n.ends_with("bagit.txt")) {
            return Err(err("the plain zip is a bag"));
        }
        let top = sums_name.trim_end_matches("SHA256SUMS").to_string();
        let sums = read_entry(&mut zip, &sums_name)?;
        let pdfs = check_sums(&mut zip, &top, &sums)?;
        if pdfs != count {
            return Err(err(format!("zip holds {pdfs} PDFs, the cycle has {count}")));
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn a_scanned_protocol_is_read_in_the_background_and_found_at_its_page() {
    with_app(
        "a_scanned_protocol_is_read_in_the_background_and_found_at_its_page",
        |c, _| async move {
            wait_for_samples(&c).await?;
            let scan = e2e::workspace().join("tests/fixtures/ocr/scan-300dpi-flate.pdf");
            js(&c, "window.ogpApp.ingestPaths([arguments[0]]); return true", vec![json!(scan)]).await?;
            // The OCR panel appears on its own after the ingest and shows the job.
            let failed = wait_for(20, "the ingest outcome", || async {
                let v = js(&c, "const li = document.querySelector('#task-outcomes li'); return li ? li.dataset.outcome + ' ' + li.querySelector('.oc-file').title + ' ' + li.textContent : ''", vec![]).await.ok()?;
                v.as_str().filter(|s| !s.is_empty()).map(String::from)
            })
            .await?;
            if !failed.starts_with("added") {
                return Err(err(format!("the scan was not added: {failed}")));
            }
            // The OCR panel shows the job on its own: in progress, or its two pages done.
            wait_for(60, "the OCR panel showing the scan's job", || async {
                let v = js(&c, "const p = document.getElementById('ocr-panel'); return p.hidden ? '' : p.dataset.state + '|' + document.getElementById('ocr-text').textContent", vec![]).await.ok()?;
                let shown = v.as_str()?.to_string();
                (shown.starts_with("running|") || shown.contains(": 2")).then_some(())
            })
            .await?;
            // A query without diacritics finds the scan, at the page that says it.
            wait_for(240, "the recognised scan in the results", || async {
                search(&c, "ziguru pagasta").await.ok()?;
                let f = js(&c, "return document.querySelector('#results li.result').dataset.id", vec![]).await.ok()?;
                (!f.is_null()).then_some(())
            })
            .await?;
            let page = js(&c, "return Number(document.querySelector('#results li.result').dataset.page)", vec![]).await?;
            if page != json!(2) {
                return Err(err(format!("the scan's hit is on page {page}, expected 2")));
            }
            click(&c, "#results li.result:first-child .r-title").await?;
            // The page is marked as recognised text, with its confidence, and the hit is
            // marked on the scan through the OCR word boxes.
            let badge = wait_for(30, "the recognised-text badge", || async {
                let v = js(&c, "const b = document.getElementById('page-ocr'); return b.hidden ? '' : b.textContent", vec![]).await.ok()?;
                v.as_str().filter(|s| s.contains('%')).map(String::from)
            })
            .await?;
            let hits = wait_for(30, "words marked on the scan", || async {
                let v = js(&c, "const p = document.querySelector('#pdf-host .pdf-page'); return p && p.dataset.hits ? Number(p.dataset.hits) : -1", vec![]).await.ok()?;
                v.as_i64().filter(|n| *n > 0)
            })
            .await?;
            eprintln!("badge {badge:?}, {hits} marks");
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn after_an_upgrade_the_index_is_rebuilt_in_the_background_with_its_progress_shown() {
    // scripts/e2e.sh runs the app with OGP_DEFER_INDEX_ABOVE=0, so that the 20 samples are
    // enough to take the path a large archive takes (more than 300 documents).
    let archive = tempfile::tempdir().expect("temp archive");
    with_app_on(
        "index_rebuild_first_run",
        archive.path(),
        |c, _| async move {
            wait_for_samples(&c).await?;
            Ok(())
        },
    )
    .await;
    // A new version with another index layout: the whole index must be rebuilt.
    std::fs::write(archive.path().join("index/ogp-schema-version"), "0").expect("version");
    with_app_on(
        "after_an_upgrade_the_index_is_rebuilt_in_the_background_with_its_progress_shown",
        archive.path(),
        |c, _| async move {
            let n = e2e::sample_count();
            // The window lists the archive at once; the task panel reports the rebuild.
            if sidebar_count(&c, "all").await != Some(n) {
                wait_for(30, "the document list", || async {
                    (sidebar_count(&c, "all").await == Some(n)).then_some(())
                })
                .await?;
            }
            let done = wait_for(120, "the rebuild's end in the task panel (is OGP_DEFER_INDEX_ABOVE=0 set, as scripts/e2e.sh does?)", || async {
                let v = js(&c, "const p = document.getElementById('task-panel'); return p.hidden ? '' : document.getElementById('task-title').textContent + '|' + p.dataset.state + '|' + document.getElementById('task-status').textContent", vec![]).await.ok()?;
                let shown = v.as_str()?.to_string();
                (shown.starts_with("Meklēšanas indekss|done|")).then_some(shown)
            })
            .await?;
            if !done.ends_with(&format!(": {n} dokumenti")) {
                return Err(err(format!("unexpected end of the rebuild: {done}")));
            }
            // Search finds what it found before the upgrade.
            let found = search(&c, "lidzdaliba").await?;
            if found < 5 {
                return Err(err(format!("only {found} results after the rebuild")));
            }
            Ok(())
        },
    )
    .await;
    drop(archive);
}
