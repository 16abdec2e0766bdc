//! The document view's "Citēt" button and "Līdzīgi dokumenti" list, and search's "Vai
//! domājāt" suggestion (issues 14 and 16), in the real app.

use e2e::{click, js, text_of, wait_for, wait_for_samples, with_app};
use fantoccini::{Client, Locator};
use serde_json::json;

use super::{err, search};

/// The id of the sample document stored under `file_name`, asked of the shell.
async fn id_of(c: &Client, file_name: &str) -> Result<i64, String> {
    let v = c
        .execute_async(
            "const [name, done] = arguments;
             window.__TAURI__.core.invoke('list_documents', { filter: null })
               .then((docs) => done((docs.find((d) => d.file_name === name) || {}).id ?? null), () => done(null));",
            vec![json!(file_name)],
        )
        .await
        .map_err(|e| e.to_string())?;
    v.as_i64().ok_or_else(|| format!("no sample {file_name}"))
}

/// Opens document `id` from the list ("all documents") and waits for its metadata.
async fn open_from_list(c: &Client, id: i64) -> Result<(), String> {
    click(c, "#sidebar [data-view='all']").await?;
    click(c, &format!("#doc-rows tr[data-id='{id}'] a.open-doc")).await?;
    wait_for(15, "the document view", || async {
        let shown = js(
            c,
            "return document.getElementById('doc-view').dataset.id",
            vec![],
        )
        .await
        .ok()?;
        (shown == json!(id.to_string())).then_some(())
    })
    .await
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn citing_a_page_gives_the_title_the_page_and_the_sha256() {
    with_app(
        "citing_a_page_gives_the_title_the_page_and_the_sha256",
        |c, _| async move {
            wait_for_samples(&c).await?;
            search(&c, "lidzdaliba").await?;
            let (title, page) = serde_json::from_value::<(String, i64)>(js(&c, "const h = window.ogpApp.state.hits[0]; return [h.title, h.page]", vec![]).await?)?;
            click(&c, "#results li.result:first-child .r-title").await?;
            wait_for(20, "the hit's page in the viewer", || async {
                let p = js(&c, "const p = document.querySelector('#pdf-host .pdf-page'); return p ? Number(p.dataset.page) : 0", vec![]).await.ok()?;
                (p == json!(page)).then_some(())
            })
            .await?;
            let sha = js(&c, "return window.ogpApp.state.doc.sha256", vec![]).await?;
            let sha = sha.as_str().ok_or("no sha256")?.to_string();
            click(&c, "#cite").await?;
            let citation = wait_for(15, "the citation on the button", || async {
                let v = js(&c, "return document.getElementById('cite').dataset.citation || ''", vec![]).await.ok()?;
                v.as_str().filter(|s| !s.is_empty()).map(String::from)
            })
            .await?;
            for (what, want) in [
                ("title", title.clone()),
                ("page", format!(" {page}. lpp.")),
                ("SHA-256", format!("SHA-256: {sha}")),
            ] {
                if !citation.contains(&want) {
                    return Err(err(format!("the citation lacks the {what} ({want:?}): {citation:?}")));
                }
            }
            // BibTeX carries the page too.
            e2e::choose(&c, "#cite-format", "bibtex").await?;
            click(&c, "#cite").await?;
            wait_for(15, "the BibTeX citation", || async {
                let v = js(&c, "return document.getElementById('cite').dataset.citation || ''", vec![]).await.ok()?;
                let s = v.as_str()?;
                (s.starts_with('@') && s.contains(&format!("pages = {{{page}}}")) && s.contains(&sha)).then_some(())
            })
            .await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn a_presentation_lists_the_protocol_of_its_session_as_similar_and_opens_it() {
    with_app(
        "a_presentation_lists_the_protocol_of_its_session_as_similar_and_opens_it",
        |c, _| async move {
            wait_for_samples(&c).await?;
            let presentation = id_of(&c, "Uzraudzibas_padome_2022-10-05_prezentacija.pdf").await?;
            let protocol = id_of(&c, "Padomes_sede_2022_10_05_protokols.pdf").await?;
            open_from_list(&c, presentation).await?;
            let first = wait_for(20, "the similar documents", || async {
                let v = js(&c, "const s = document.getElementById('similar'); if (!s || s.dataset.state !== 'ready' || s.dataset.id !== String(arguments[0])) return null; const li = s.querySelector('.similar-item'); return li ? [Number(li.dataset.id), li.dataset.relation] : []", vec![json!(presentation)]).await.ok()?;
                serde_json::from_value::<Vec<serde_json::Value>>(v).ok()
            })
            .await?;
            if first != vec![json!(protocol), json!("session")] {
                return Err(err(format!("the first similar document is {first:?}, expected the protocol {protocol} of the same session")));
            }
            let heading = text_of(&c, "#similar h2").await.unwrap_or_default();
            if heading != "Līdzīgi dokumenti" {
                return Err(err(format!("the list is headed {heading:?}")));
            }
            // The page drawn and the list in view, for the screenshot to look at.
            wait_for(20, "the presentation's page drawn", || async {
                let v = js(&c, "return !!document.querySelector('#pdf-host .pdf-page canvas')", vec![]).await.ok()?;
                (v == json!(true)).then_some(())
            })
            .await?;
            js(&c, "document.getElementById('similar').scrollIntoView(); document.getElementById('ocr-panel').hidden = true; return true", vec![]).await?;
            e2e::screenshot(&c, "similar").await;
            click(&c, "#similar .similar-item:first-child a.similar-open").await?;
            wait_for(15, "the protocol opened from the list", || async {
                let v = js(&c, "return [document.getElementById('doc-view').dataset.id, document.getElementById('similar').dataset.id]", vec![]).await.ok()?;
                (v == json!([protocol.to_string(), protocol.to_string()])).then_some(())
            })
            .await?;
            // The protocol's own list has the presentation of its session.
            wait_for(20, "the presentation in the protocol's list", || async {
                let v = js(&c, "const s = document.getElementById('similar'); return s.dataset.state === 'ready' && !!s.querySelector(`.similar-item[data-id='${arguments[0]}']`)", vec![json!(presentation)]).await.ok()?;
                (v == json!(true)).then_some(())
            })
            .await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn a_misspelt_query_offers_the_archives_spelling_and_one_click_runs_it() {
    with_app(
        "a_misspelt_query_offers_the_archives_spelling_and_one_click_runs_it",
        |c, _| async move {
            wait_for_samples(&c).await?;
            let input = c.find(Locator::Id("search")).await?;
            input.send_keys("lidzdalbas").await?;
            let offered = wait_for(20, "the suggestion", || async {
                let v = js(&c, "const a = document.getElementById('suggestion-link'); return a && !document.getElementById('suggestion').hidden ? a.dataset.query : ''", vec![]).await.ok()?;
                v.as_str().filter(|s| !s.is_empty()).map(String::from)
            })
            .await?;
            if offered != "līdzdalības" {
                return Err(err(format!("suggested {offered:?}")));
            }
            let line = text_of(&c, "#suggestion").await.unwrap_or_default();
            if line != "Vai domājāt: līdzdalības?" {
                return Err(err(format!("the suggestion reads {line:?}")));
            }
            let before = c.find_all(Locator::Css("#results li.result")).await?.len();
            e2e::screenshot(&c, "suggestion").await;
            click(&c, "#suggestion-link").await?;
            let n = wait_for(20, "results of the suggested spelling", || async {
                let n = c.find_all(Locator::Css("#results li.result")).await.ok()?.len();
                let q = js(&c, "return document.getElementById('search').value", vec![]).await.ok()?;
                (n > before.max(2) && q == json!("līdzdalības")).then_some(n)
            })
            .await?;
            // Found plenty: no suggestion any more.
            let hidden = js(&c, "return document.getElementById('suggestion').hidden", vec![]).await?;
            if hidden != json!(true) {
                return Err(err(format!("the suggestion still shows beside {n} results")));
            }
            // An English OGP term finds the Latvian plan through the glossary, marked so (wait
            // for its own glossary line: the results of the query before stay until then).
            search(&c, "co-creation").await?;
            let expanded = wait_for(20, "the glossary line of co-creation", || async {
                let v = text_of(&c, "#search-expanded").await?;
                v.contains("co-creation").then_some(v)
            })
            .await?;
            if !expanded.contains("co-creation → koprade") {
                return Err(err(format!("the glossary line reads {expanded:?}")));
            }
            let marked = wait_for(20, "a result marked 'arī latviski'", || async {
                let v = js(&c, "return [...document.querySelectorAll('#results li.result .via-glossary')].map((b) => b.textContent)", vec![]).await.ok()?;
                let marks: Vec<String> = serde_json::from_value(v).ok()?;
                (!marks.is_empty()).then_some(marks)
            })
            .await?;
            if marked.iter().any(|m| m != "arī latviski") {
                return Err(err(format!("glossary marks {marked:?}")));
            }
            Ok(())
        },
    )
    .await;
}
