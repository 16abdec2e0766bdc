//! Helpers for the end-to-end tests: start the real app through tauri-driver with its own
//! temporary archive, wait for the page, and save a screenshot when a test fails.
//!
//! Environment: `E2E_APP_BIN` (the app binary; default `<workspace>/target/debug/ogp-archive-app`),
//! `E2E_DRIVER_URL` (default `http://127.0.0.1:4444`), `E2E_SCREENSHOT_DIR` (default
//! `<workspace>/target/e2e-screenshots`).

use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn sample_docs() -> PathBuf {
    workspace().join("sample-docs")
}

/// The PDFs the app loads on first run.
pub fn sample_count() -> usize {
    std::fs::read_dir(sample_docs())
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
                .count()
        })
        .unwrap_or(0)
}

fn app_bin() -> PathBuf {
    std::env::var_os("E2E_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/debug/ogp-archive-app"))
}

fn screenshot_dir() -> PathBuf {
    std::env::var_os("E2E_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/e2e-screenshots"))
}

/// A running app with its own archive and export folder (both removed afterwards).
/// Starts the app (a new session through tauri-driver) on a fresh archive, runs `body`, and on
/// failure or panic saves a screenshot as `<screenshot dir>/<name>.png` before failing.
pub async fn with_app<F, Fut>(name: &str, body: F)
where
    F: FnOnce(Client, PathBuf) -> Fut,
    Fut: Future<Output = TestResult> + Send + 'static,
{
    let archive = tempfile::tempdir().expect("temp archive");
    with_app_on(name, archive.path(), body).await;
    // The archive is removed only after the app has quit.
    drop(archive);
}

/// Like [`with_app`], on an archive folder the caller keeps (to start the app on it again).
pub async fn with_app_on<F, Fut>(name: &str, archive: &Path, body: F)
where
    F: FnOnce(Client, PathBuf) -> Fut,
    Fut: Future<Output = TestResult> + Send + 'static,
{
    let export_dir = tempfile::tempdir().expect("temp export dir");
    let bin = app_bin();
    assert!(
        bin.is_file(),
        "app binary {} is missing: build it first (scripts/e2e.sh)",
        bin.display()
    );
    let caps = json!({
        "tauri:options": {
            "application": bin,
            "args": ["--archive", archive, "--export-dir", export_dir.path()],
        }
    });
    let Value::Object(caps) = caps else {
        unreachable!()
    };
    let url = std::env::var("E2E_DRIVER_URL").unwrap_or_else(|_| "http://127.0.0.1:4444".into());
    let client = ClientBuilder::native()
        .capabilities(caps)
        .connect(&url)
        .await
        .unwrap_or_else(|e| panic!("cannot reach tauri-driver at {url}: {e}"));
    let task = tokio::spawn(body(client.clone(), export_dir.path().to_path_buf()));
    let outcome = match tokio::time::timeout(Duration::from_secs(240), task).await {
        Ok(Ok(Ok(()))) => Ok(()),
        Ok(Ok(Err(e))) => Err(format!("{e}")),
        Ok(Err(join)) => Err(format!("test panicked: {join}")),
        Err(_) => Err("test timed out".to_string()),
    };
    if outcome.is_err() {
        let dir = screenshot_dir();
        let _ = std::fs::create_dir_all(&dir);
        match client.screenshot().await {
            Ok(png) => {
                let path = dir.join(format!("{name}.png"));
                let _ = std::fs::write(&path, png);
                eprintln!("screenshot saved: {}", path.display());
            }
            Err(e) => eprintln!("no screenshot: {e}"),
        }
    }
    let _ = client.close().await;
    // The export folder is removed only after the app has quit.
    drop(export_dir);
    if let Err(e) = outcome {
        panic!("{name}: {e}");
    }
}

/// Saves the page as `<screenshot dir>/<name>.png` (to be looked at; a test passes without
/// it when the driver cannot take one).
pub async fn screenshot(c: &Client, name: &str) {
    let dir = screenshot_dir();
    let _ = std::fs::create_dir_all(&dir);
    match c.screenshot().await {
        Ok(png) => {
            let path = dir.join(format!("{name}.png"));
            let _ = std::fs::write(&path, png);
            eprintln!("screenshot saved: {}", path.display());
        }
        Err(e) => eprintln!("no screenshot: {e}"),
    }
}

/// Polls `check` until it gives `Some`, or fails after `secs` seconds with `what`.
pub async fn wait_for<T, F, Fut>(secs: u64, what: &str, mut check: F) -> Result<T, String>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(v) = check().await {
            return Ok(v);
        }
        if start.elapsed() > Duration::from_secs(secs) {
            return Err(format!("timed out after {secs}s waiting for {what}"));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The text of the first element matching `css`, if any.
pub async fn text_of(c: &Client, css: &str) -> Option<String> {
    let e: Element = c.find(Locator::Css(css)).await.ok()?;
    e.text().await.ok()
}

/// A sidebar count (`data-view` key such as `all`, `cycle:5`, `kind:plan`, `trash`).
pub async fn sidebar_count(c: &Client, view: &str) -> Option<usize> {
    text_of(c, &format!("#sidebar [data-view=\"{view}\"] .count"))
        .await?
        .trim()
        .parse()
        .ok()
}

/// Runs a script in the page and returns its value.
pub async fn js(c: &Client, script: &str, args: Vec<Value>) -> Result<Value, String> {
    c.execute(script, args).await.map_err(|e| e.to_string())
}

/// Waits until the first-run sample load has finished and the sidebar shows every sample.
pub async fn wait_for_samples(c: &Client) -> Result<usize, String> {
    let n = sample_count();
    wait_for(
        120,
        &format!("{n} sample documents in the sidebar"),
        || async { (sidebar_count(c, "all").await == Some(n)).then_some(n) },
    )
    .await?;
    // The samples include scans, which the app reads in the background after loading them:
    // wait for that too, so that a test's clicks do not race the refresh at its end.
    let scans = scanned_sample_pages();
    wait_for(
        240,
        &format!("background OCR of the {scans} scanned sample pages"),
        || async {
            let v = js(c, "const o = window.ogpApp.state.ocr; return o ? [o.running, o.queued, o.recognised + o.failed, !!o.unavailable] : null", vec![]).await.ok()?;
            let (running, queued, done, missing) = serde_json::from_value::<(bool, usize, usize, bool)>(v).ok()?;
            (!running && queued == 0 && (done >= scans || missing)).then_some(())
        },
    )
    .await?;
    // Events can fill the list before the app's own start has finished (the first run's
    // sample load refreshes it): wait for the page's ready mark too, so that a click never
    // meets a page that does not yet know the app's status (its export folder, say).
    wait_for(60, "the app to finish starting", || async {
        let v = js(c, "return document.body.dataset.ready === 'true'", vec![])
            .await
            .ok()?;
        (v == Value::Bool(true)).then_some(())
    })
    .await?;
    Ok(n)
}

/// Pages of the sample documents marked as scans in sample-docs/expected.json.
pub fn scanned_sample_pages() -> usize {
    let text = std::fs::read_to_string(sample_docs().join("expected.json")).unwrap_or_default();
    let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    v["documents"]
        .as_array()
        .map(|docs| {
            docs.iter()
                .filter(|d| d["scan"] == Value::Bool(true))
                .map(|d| d["pages"].as_u64().unwrap_or(0) as usize)
                .sum()
        })
        .unwrap_or(0)
}

/// Finds and clicks an element, finding it again when the page re-rendered in between (the
/// sidebar and lists are rebuilt after every change).
pub async fn click(c: &Client, css: &str) -> Result<(), String> {
    let mut last = String::new();
    for _ in 0..25 {
        match c.find(Locator::Css(css)).await {
            Ok(e) => match e.click().await {
                Ok(()) => return Ok(()),
                Err(err) => last = err.to_string(),
            },
            Err(err) => last = err.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Err(format!("cannot click {css}: {last}"))
}

/// Chooses an option of a `<select>` by value, like `click`.
pub async fn choose(c: &Client, css: &str, value: &str) -> Result<(), String> {
    let mut last = String::new();
    for _ in 0..25 {
        match c.find(Locator::Css(css)).await {
            Ok(e) => match e.select_by_value(value).await {
                Ok(()) => return Ok(()),
                Err(err) => last = err.to_string(),
            },
            Err(err) => last = err.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Err(format!("cannot choose {value} in {css}: {last}"))
}
