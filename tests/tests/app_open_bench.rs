//! Time to first results in the desktop app, on a large existing archive: not a test, a
//! measurement (ignored by default; `scripts/bench-app.sh` runs it under Xvfb and prints the
//! numbers). Environment: `E2E_BENCH_ARCHIVE` (the archive to open, required),
//! `E2E_BENCH_QUERY` (default `līdzdalība`), `E2E_BENCH_ROUNDS` (default 3), and the variables
//! of the `e2e` helpers (`E2E_APP_BIN`, `E2E_DRIVER_URL`).

use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// What the window shows: the "all documents" count, rows in the list, search results.
async fn state(c: &Client) -> Option<(usize, usize, usize)> {
    let v = c
        .execute(
            "const n = document.querySelector('#sidebar [data-view=\"all\"] .count');
             return [n ? n.textContent.trim() : '',
                     document.querySelectorAll('#doc-rows tr').length,
                     document.querySelectorAll('#search-view:not([hidden]) #results li.result').length];",
            vec![],
        )
        .await
        .ok()?;
    let a = v.as_array()?;
    Some((
        a.first()?.as_str()?.parse().unwrap_or(0),
        a.get(1)?.as_u64()? as usize,
        a.get(2)?.as_u64()? as usize,
    ))
}

/// Milliseconds of one command as the page sees it (IPC, the Rust command, JSON), measured
/// in the page with `performance.now()`.
async fn invoke_ms(c: &Client, cmd: &str, args: Value) -> Option<f64> {
    let v = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const t0 = performance.now();
             window.__TAURI__.core.invoke(arguments[0], arguments[1])
               .then(() => done(performance.now() - t0), () => done(-1));",
            vec![json!(cmd), args],
        )
        .await
        .ok()?;
    v.as_f64().filter(|x| *x >= 0.0)
}

/// Polls every 10 ms until `done` holds; the time it took, or an error after 120 s.
async fn until(
    c: &Client,
    what: &str,
    done: impl Fn((usize, usize, usize)) -> bool,
) -> Result<Duration, String> {
    let start = Instant::now();
    loop {
        let st = state(c).await;
        if st.is_some_and(&done) {
            return Ok(start.elapsed());
        }
        if start.elapsed() > Duration::from_secs(120) {
            return Err(format!("timed out waiting for {what}"));
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn ms(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}

#[tokio::test]
#[ignore = "a measurement: needs a display, tauri-driver and a large archive (scripts/bench-app.sh)"]
async fn time_to_first_results_on_a_large_archive() {
    // A PathBuf: serde would write an OsString as bytes, not as a string.
    let Some(archive) = std::env::var_os("E2E_BENCH_ARCHIVE").map(std::path::PathBuf::from) else {
        eprintln!("E2E_BENCH_ARCHIVE not set: nothing to measure");
        return;
    };
    let query = std::env::var("E2E_BENCH_QUERY").unwrap_or_else(|_| "līdzdalība".into());
    let rounds: usize = std::env::var("E2E_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let bin = std::env::var_os("E2E_APP_BIN")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| e2e::workspace().join("target/debug/ogp-archive-app"));
    let url = std::env::var("E2E_DRIVER_URL").unwrap_or_else(|_| "http://127.0.0.1:4444".into());
    println!("\n| round | session ready ms | document list shown ms | results {query:?} ms after typing | start to results ms | `list_documents` ms | `search` (limit 100) ms | `facets` ms | list re-render in the page ms |\n|---|---|---|---|---|---|---|---|---|");
    for round in 1..=rounds {
        let export = tempfile::tempdir().expect("export dir");
        let caps = json!({
            "tauri:options": {
                "application": bin,
                "args": ["--archive", archive, "--export-dir", export.path()],
            }
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let t0 = Instant::now();
        let launch_epoch_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
        let c = ClientBuilder::native()
            .capabilities(caps)
            .connect(&url)
            .await
            .unwrap_or_else(|e| panic!("cannot reach tauri-driver at {url}: {e}"));
        let session = t0.elapsed();
        let listed = until(&c, "the document list", |(n, rows, _)| n > 0 && rows > 0)
            .await
            .expect("list");
        let listed = session + listed;
        let input = c.find(Locator::Id("search")).await.expect("search box");
        let t1 = Instant::now();
        input.send_keys(&query).await.expect("type");
        until(&c, "search results", |(_, _, r)| r > 0)
            .await
            .expect("results");
        let typed_to_results = t1.elapsed(); // typing, the page's 200 ms debounce, the commands
        let total = t0.elapsed();
        // The commands the page ran, once more, timed inside the page.
        let cmd = |name: &'static str, args: Value| {
            let c = c.clone();
            async move {
                invoke_ms(&c, name, args)
                    .await
                    .map_or("—".to_string(), |x| format!("{x:.0}"))
            }
        };
        // Where the page's start went: ms since navigation start of the page's marks.
        let marks = c
            .execute(
                "const n = performance.getEntriesByType('navigation')[0];
                 const m = (name) => { const e = performance.getEntriesByName(name)[0]; return e ? Math.round(e.startTime) : '—'; };
                 return `page loaded ${n ? Math.round(n.domContentLoadedEventEnd) : '—'}, script ${m('ogp-start')}, status ${m('ogp-status')}, data ${m('ogp-data')}, listed ${m('ogp-listed')}|${performance.timeOrigin}`;",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        // The page's navigation start, measured from the session request (the app's launch).
        let (marks, origin) = marks.split_once('|').unwrap_or((marks.as_str(), ""));
        let nav_start = origin
            .parse::<f64>()
            .ok()
            .map_or("—".to_string(), |o| format!("{:.0}", o - launch_epoch_ms));
        eprintln!("round {round}: the page started loading {nav_start} ms after launch; in the page (ms from its navigation start): {marks}");
        let list = cmd("list_documents", json!({ "filter": null })).await;
        let search = cmd(
            "search",
            json!({ "query": query, "filter": null, "limit": 100 }),
        )
        .await;
        let facets = cmd("facets", json!({ "query": query })).await;
        // Rebuilding the whole list in the page (a click on "all documents" renders the sidebar
        // and every row synchronously), with layout forced.
        let render = c
            .execute(
                "const t0 = performance.now();
                 document.querySelector('#sidebar [data-view=\"all\"]').click();
                 void document.body.offsetHeight;
                 return performance.now() - t0;",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_f64())
            .map_or("—".to_string(), |x| format!("{x:.0}"));
        println!(
            "| {round} | {} | {} | {} | {} | {list} | {search} | {facets} | {render} |",
            ms(session),
            ms(listed),
            ms(typed_to_results),
            ms(total)
        );
        let _ = c.close().await;
    }
}
