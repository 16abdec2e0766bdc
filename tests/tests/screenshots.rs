//! Takes the screenshots under docs/ (search results, document view, ingest outcome) of the real
//! app. Ignored by default; `scripts/screenshots.sh` runs it under Xvfb at 1280×800.
//! With `SCREENSHOT_DARK=1` the names get a `-dark` suffix (for a dark-scheme run).

use std::path::PathBuf;
use std::time::Duration;

use e2e::{js, wait_for, wait_for_samples, with_app};
use fantoccini::{Client, Locator};
use serde_json::json;

fn out_dir() -> PathBuf {
    std::env::var_os("SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| e2e::workspace().join("docs"))
}

/// The whole X screen with `import` when there is a display (what a user sees), else the
/// WebDriver screenshot of the page.
async fn shoot(c: &Client, name: &str) -> Result<(), String> {
    tokio::time::sleep(Duration::from_millis(700)).await;
    let suffix = if std::env::var_os("SCREENSHOT_DARK").is_some() {
        "-dark"
    } else {
        ""
    };
    let path = out_dir().join(format!("screenshot-{name}{suffix}.png"));
    std::fs::create_dir_all(out_dir()).map_err(|e| e.to_string())?;
    let by_import = std::env::var_os("DISPLAY").is_some()
        && std::process::Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
    if !by_import {
        let png = c.screenshot().await.map_err(|e| e.to_string())?;
        std::fs::write(&path, png).map_err(|e| e.to_string())?;
    }
    eprintln!("saved {}", path.display());
    Ok(())
}

#[tokio::test]
#[ignore = "takes the docs/ screenshots: run scripts/screenshots.sh"]
async fn take_screenshots() {
    with_app("take_screenshots", |c, _| async move {
        wait_for_samples(&c).await?;
        // The screenshots show the default (Latvian) interface, whatever an earlier run chose.
        js(&c, "if (document.documentElement.lang !== 'lv') document.getElementById('lang-switch').click(); document.getElementById('task-panel').hidden = true; return true", vec![]).await?;

        // Search results.
        let input = c.find(Locator::Id("search")).await?;
        input.send_keys("lidzdalibas").await?;
        wait_for(20, "results", || async {
            let n = c.find_all(Locator::Css("#results li.result")).await.ok()?.len();
            (n > 0).then_some(())
        })
        .await?;
        js(&c, "document.getElementById('search').blur(); return true", vec![]).await?;
        shoot(&c, "search").await?;

        // A document opened from a result, at its page, words marked.
        input.clear().await?;
        input.send_keys("kekavas lidzdalibas budzetu").await?;
        tokio::time::sleep(Duration::from_millis(600)).await;
        wait_for(20, "results", || async {
            let n = c.find_all(Locator::Css("#results li.result")).await.ok()?.len();
            (n > 0).then_some(())
        })
        .await?;
        c.find(Locator::Css("#results li.result")).await?.click().await?;
        wait_for(30, "the rendered page", || async {
            let v = js(&c, "const p = document.querySelector('#pdf-host .pdf-page'); return p && p.dataset.hits ? 1 : 0", vec![]).await.ok()?;
            (v == json!(1)).then_some(())
        })
        .await?;
        shoot(&c, "document").await?;

        // An ingest with every kind of outcome.
        // Back to the document list (Esc twice: document → results → list).
        js(&c, "document.getElementById('doc-back').click(); return true", vec![]).await?;
        input.send_keys("\u{e00c}").await?;
        let dir = tempfile::tempdir()?;
        let docs = e2e::sample_docs();
        for (i, name) in ["Padomes_sede_2022_10_05_protokols.pdf", "Ceturtais_NAP_2020-2021.pdf"].iter().enumerate() {
            let mut b = std::fs::read(docs.join(name))?;
            b.extend_from_slice(format!("\n% copy {i}\n").as_bytes());
            std::fs::write(dir.path().join(format!("Jauns_{name}")), b)?;
        }
        std::fs::copy(docs.join("VK_prezentacija.pdf"), dir.path().join("VK_prezentacija.pdf"))?;
        std::fs::write(dir.path().join("tukss.pdf"), b"")?;
        let bad = e2e::workspace().join("tests/fixtures/bad");
        let mut paths = vec![json!(dir.path())];
        for f in ["scan.pdf", "photo.pdf", "user-password.pdf", "truncated.pdf"] {
            if bad.join(f).is_file() {
                paths.push(json!(bad.join(f)));
            }
        }
        js(&c, "window.ogpApp.ingestPaths(arguments[0]); return true", vec![json!(paths)]).await?;
        wait_for(60, "the ingest to finish", || async {
            let v = js(&c, "return document.getElementById('task-panel').dataset.state", vec![]).await.ok()?;
            (v == json!("done")).then_some(())
        })
        .await?;
        shoot(&c, "ingest").await?;

        // A scanned protocol, read by OCR in the background, found without diacritics and
        // opened at its page: the badge says it is recognised text, the hit is marked.
        js(&c, "document.getElementById('task-close').click(); return true", vec![]).await?;
        let scan = e2e::workspace().join("tests/fixtures/ocr/scan-300dpi-flate.pdf");
        js(&c, "window.ogpApp.ingestPaths([arguments[0]]); return true", vec![json!(scan)]).await?;
        wait_for(240, "the recognised scan in the results", || async {
            input.clear().await.ok()?;
            input.send_keys("ziguru pagasta").await.ok()?;
            tokio::time::sleep(Duration::from_millis(1500)).await;
            let f = js(&c, "const r = document.querySelector('#results li.result'); return r ? r.dataset.page : null", vec![]).await.ok()?;
            (f == json!("2") || f == json!(2)).then_some(())
        })
        .await?;
        js(&c, "document.getElementById('task-close').click(); return true", vec![]).await?;
        c.find(Locator::Css("#results li.result")).await?.click().await?;
        wait_for(30, "the marked scan", || async {
            let v = js(&c, "const p = document.querySelector('#pdf-host .pdf-page'); return p && Number(p.dataset.hits) > 0 ? 1 : 0", vec![]).await.ok()?;
            (v == json!(1)).then_some(())
        })
        .await?;
        shoot(&c, "ocr").await?;
        Ok(())
    })
    .await;
}
