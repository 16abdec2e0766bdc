//! The records views in the app (issue 15): a meeting page opened from a session in the
//! sidebar, a decision followed to its page, the search narrowed to decisions, and a cycle's
//! commitments with one commitment's timeline across cycles. Expected values come from the
//! samples' ground truth (`sample-docs/expected.json`: `meetings`, `commitments`, `mentions`,
//! `ratings`, `continuations`). With `E2E_DOCS_SCREENSHOTS=1` the tests also save
//! `docs/screenshot-meeting.png`, `docs/screenshot-decisions.png` and
//! `docs/screenshot-commitments.png`.

use std::time::Duration;

use e2e::{click, js, wait_for, wait_for_samples, with_app};
use fantoccini::Client;
use serde_json::{json, Value};

use super::{err, search};

fn expected() -> Value {
    let text = std::fs::read_to_string(e2e::sample_docs().join("expected.json"))
        .expect("sample-docs/expected.json");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

/// The archive's id of the sample document `file`.
async fn doc_id(c: &Client, file: &str) -> Result<i64, String> {
    js(
        c,
        "const d = window.ogpApp.state.docs.find(d => d.file_name === arguments[0]); return d ? d.id : null",
        vec![json!(file)],
    )
    .await?
    .as_i64()
    .ok_or_else(|| format!("no document {file} in the list"))
}

/// Waits until the document view shows document `id` at `page`, its page rendered.
async fn viewer_at(c: &Client, id: i64, page: i64) -> Result<(), String> {
    wait_for(30, &format!("document {id} at page {page}"), || async {
        let v = js(c, "const v = document.getElementById('doc-view'); const p = document.querySelector('#pdf-host .pdf-page'); return v.hidden || !p ? null : [Number(v.dataset.id), Number(p.dataset.page)]", vec![]).await.ok()?;
        (v == json!([id, page])).then_some(())
    })
    .await
}

/// Saves the page as `docs/screenshot-<name>.png` when `E2E_DOCS_SCREENSHOTS` is set.
async fn docs_screenshot(c: &Client, name: &str) -> Result<(), String> {
    if std::env::var_os("E2E_DOCS_SCREENSHOTS").is_none() {
        return Ok(());
    }
    js(c, "for (const id of ['task-panel', 'ocr-panel']) document.getElementById(id).hidden = true; return true", vec![]).await?;
    tokio::time::sleep(Duration::from_millis(700)).await;
    let png = c.screenshot().await.map_err(|e| e.to_string())?;
    // The English page is for looking at, not for docs/.
    let dir = if name.ends_with("-en") {
        "target/e2e-screenshots"
    } else {
        "docs"
    };
    let path = e2e::workspace().join(format!("{dir}/screenshot-{name}.png"));
    std::fs::write(&path, png).map_err(|e| e.to_string())?;
    eprintln!("saved {}", path.display());
    Ok(())
}

/// The first meeting of the ground truth with a numbered decision (its date is a session).
fn meeting_with_numbered_decision(truth: &Value) -> (Value, Value) {
    truth["meetings"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|m| {
            let d = m["decisions"]
                .as_array()?
                .iter()
                .find(|d| d["number"].is_string())?;
            Some((m.clone(), d.clone()))
        })
        .expect("a meeting with a numbered decision in expected.json")
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn a_meeting_page_lists_attendees_and_follows_a_decision_to_its_page() {
    with_app("a_meeting_page_lists_attendees_and_follows_a_decision_to_its_page", |c, _| async move {
        wait_for_samples(&c).await?;
        let truth = expected();
        let (meeting, decision) = meeting_with_numbered_decision(&truth);
        let date = meeting["date"].as_str().ok_or("meeting without a date")?;
        let file = meeting["file"].as_str().ok_or("meeting without a file")?;
        let id = doc_id(&c, file).await?;

        click(&c, &format!("#sidebar [data-action='open-meeting'][data-date='{date}']")).await?;
        wait_for(20, "the meeting page with its attendees", || async {
            let n = js(&c, "const v = document.getElementById('meeting-view'); return v.hidden ? 0 : v.querySelectorAll('.attendee').length", vec![]).await.ok()?;
            (n.as_u64()? > 0).then_some(())
        })
        .await?;
        let title = js(&c, "return document.getElementById('meeting-title').textContent", vec![]).await?;
        if !title.as_str().is_some_and(|t| t.contains(date)) {
            return Err(err(format!("meeting title {title} does not name {date}")));
        }
        // Every attendee the protocol lists, under their role, with their organisation.
        for a in meeting["attendees"].as_array().ok_or("no attendees")? {
            let (person, role) = (a["person"].as_str().unwrap_or_default(), a["role"].as_str().unwrap_or_default());
            let shown = js(&c, "const li = [...document.querySelectorAll(`#meeting-view .role-group[data-role='${arguments[1]}'] .attendee`)].find(li => li.dataset.person === arguments[0]); return li ? [li.textContent, Number(li.dataset.page)] : null", vec![json!(person), json!(role)]).await?;
            let text = shown[0].as_str().ok_or_else(|| format!("{person} is not listed as {role}"))?;
            if let Some(org) = a["organisation"].as_str() {
                if !text.contains(org) {
                    return Err(err(format!("{person}: {text:?} lacks the organisation {org:?}")));
                }
            }
            if shown[1] != a["page"] {
                return Err(err(format!("{person}: page {} expected {}", shown[1], a["page"])));
            }
        }
        // The decision under its agenda item, with its page; a click opens it there.
        let (item, number, page) = (decision["item"].clone(), decision["number"].as_str().unwrap_or_default(), decision["page"].as_i64().unwrap_or(0));
        let words = decision["text_contains"].as_str().unwrap_or_default();
        let css = format!("#meeting-view .agenda-item[data-item='{item}'] .decision[data-number='{number}']");
        let shown = js(&c, "const d = document.querySelector(arguments[0]); return d ? [d.textContent, Number(d.dataset.page), Number(d.dataset.doc)] : null", vec![json!(css)]).await?;
        if !shown[0].as_str().is_some_and(|t| t.contains(words)) || shown[1] != json!(page) || shown[2] != json!(id) {
            return Err(err(format!("decision {number} under item {item}: {shown} (expected {words:?}, page {page}, document {id})")));
        }
        docs_screenshot(&c, "meeting").await?;
        click(&c, &css).await?;
        viewer_at(&c, id, page).await?;
        // Back to the meeting page; in English, then in Latvian again.
        click(&c, "#doc-back").await?;
        wait_for(10, "the meeting page again", || async {
            js(&c, "return document.body.dataset.mode", vec![]).await.ok().filter(|m| m == "meeting")
        })
        .await?;
        meeting_in_english(&c, date).await?;

        decisions_about_participatory_budgeting(&c, &truth).await
    })
    .await;
}

/// The meeting page speaks English after the language switch, and Latvian again after the next.
async fn meeting_in_english(c: &Client, date: &str) -> Result<(), String> {
    let heads = "return [document.getElementById('meeting-title').textContent, [...document.querySelectorAll('#meeting-view .role-group h3')].map(h => h.textContent).join('|')]";
    for (switch_to, title, invited) in [
        ("en", "Meeting", "Invited ("),
        ("lv", "Sēde", "Pieaicinātie ("),
    ] {
        click(c, "#lang-switch").await?;
        wait_for(10, &format!("the meeting page in {switch_to}"), || async {
            let v = js(c, heads, vec![]).await.ok()?;
            let (t, groups): (String, String) = serde_json::from_value(v).ok()?;
            (t == format!("{title} {date}") && groups.contains(invited)).then_some(())
        })
        .await?;
        if switch_to == "en" {
            docs_screenshot(c, "meeting-en").await?;
        }
    }
    Ok(())
}

/// The search narrowed to decisions finds every decision of the ground truth about
/// participatory budgeting, typed without diacritics, each with its document and page, and a
/// click opens it there.
async fn decisions_about_participatory_budgeting(c: &Client, truth: &Value) -> e2e::TestResult {
    // The search narrowed to decisions finds the ones about participatory budgeting,
    // typed without diacritics, each with its document and page.
    let want: Vec<(i64, i64)> = {
        let mut v = Vec::new();
        for m in truth["meetings"].as_array().into_iter().flatten() {
            for d in m["decisions"].as_array().into_iter().flatten() {
                if d["text_contains"]
                    .as_str()
                    .is_some_and(|t| t.contains("līdzdalības budžet"))
                {
                    v.push((
                        doc_id(c, m["file"].as_str().unwrap_or_default()).await?,
                        d["page"].as_i64().unwrap_or(0),
                    ));
                }
            }
        }
        v
    };
    if want.is_empty() {
        return Err(err(
            "expected.json has no decision about līdzdalības budžets",
        ));
    }
    search(c, "lidzdalibas budzets").await?;
    click(c, "#search-decisions").await?;
    let got = wait_for(20, "decisions in the results", || async {
            let v = js(c, "const o = document.getElementById('decision-results'); return o.hidden ? [] : [...o.querySelectorAll('li.decision-hit')].map(li => [Number(li.dataset.doc), Number(li.dataset.page)])", vec![]).await.ok()?;
            let v: Vec<(i64, i64)> = serde_json::from_value(v).ok()?;
            (!v.is_empty()).then_some(v)
        })
        .await?;
    for w in &want {
        if !got.contains(w) {
            return Err(err(format!(
                "decision at document {} page {} missing from {got:?}",
                w.0, w.1
            )));
        }
    }
    docs_screenshot(c, "decisions").await?;
    let (did, dpage) = want[0];
    click(
        c,
        &format!("#decision-results li.decision-hit[data-doc='{did}'][data-page='{dpage}']"),
    )
    .await?;
    viewer_at(c, did, dpage).await?;
    Ok(())
}

/// A mark of the timeline: step, commitment, date, x, file, page.
type Mark = (String, String, String, f64, String, i64);

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn a_commitment_carried_across_cycles_shows_its_thread_as_a_timeline() {
    with_app("a_commitment_carried_across_cycles_shows_its_thread_as_a_timeline", |c, _| async move {
        wait_for_samples(&c).await?;
        let truth = expected();
        let link = &truth["continuations"][0];
        let (cycle, number) = (link["to"]["cycle"].as_i64().ok_or("no continuation")?, link["to"]["number"].as_i64().unwrap_or(0));
        let from = format!("{}.{}", link["from"]["cycle"], link["from"]["number"]);
        let id = format!("{cycle}.{number}");
        let of = |list: &str| -> Vec<Value> {
            truth[list].as_array().into_iter().flatten().filter(|x| x["cycle"] == json!(cycle) && x["number"] == json!(number)).cloned().collect()
        };
        let commitment = of("commitments").into_iter().next().ok_or("the commitment is not in expected.json")?;

        click(&c, &format!("#sidebar [data-view='commitments:{cycle}']")).await?;
        let row = format!("#commitments-view tr.commitment[data-id='{id}']");
        let text = wait_for(20, "the cycle's commitments", || async {
            js(&c, "const r = document.querySelector(arguments[0]); return r ? r.textContent : null", vec![json!(row)]).await.ok()?.as_str().map(String::from)
        })
        .await?;
        for key in ["title_contains", "institution"] {
            let want = commitment[key].as_str().unwrap_or_default();
            if !text.contains(want) {
                return Err(err(format!("row {id} {text:?} lacks {want:?}")));
            }
        }
        click(&c, &format!("{row} td.num")).await?;
        let marks: Vec<Mark> = wait_for(20, "the timeline's marks", || async {
            let v = js(&c, "return [...document.querySelectorAll('#timeline .tl-mark')].map(g => [g.dataset.step, g.dataset.commitment, g.dataset.date, Number(g.dataset.x), g.dataset.file || '', Number(g.dataset.page)])", vec![]).await.ok()?;
            let v: Vec<Mark> = serde_json::from_value(v).ok()?;
            (!v.is_empty()).then_some(v)
        })
        .await?;
        let find = |step: &str, who: &str, file: Option<&str>, page: i64| {
            marks.iter().find(|m| m.0 == step && m.1 == who && file.is_none_or(|f| m.4 == f) && m.5 == page).cloned()
        };
        // Its plan at the plan's page, and the plan of the commitment it continues (a lane each).
        let plan = find("plan", &id, None, commitment["page"].as_i64().unwrap_or(0)).ok_or_else(|| format!("no plan mark of {id}: {marks:?}"))?;
        if !marks.iter().any(|m| m.0 == "plan" && m.1 == from) || !marks.iter().any(|m| m.0 == "continuation") {
            return Err(err(format!("the timeline does not show {from} and its continuation: {marks:?}")));
        }
        // A mention in a council protocol and a rating of an evaluation, each at its page.
        let protocols: Vec<&str> = truth["documents"].as_array().into_iter().flatten().filter(|d| d["kind"] == "protocol").filter_map(|d| d["file"].as_str()).collect();
        let council = of("mentions").iter().filter(|m| m["file"].as_str().is_some_and(|f| protocols.contains(&f))).find_map(|m| find("mention", &id, m["file"].as_str(), m["page"].as_i64().unwrap_or(0))).ok_or_else(|| format!("no council mention of {id}: {marks:?}"))?;
        let rating = of("ratings").iter().find_map(|r| find("rating", &id, r["file"].as_str(), r["page"].as_i64().unwrap_or(0))).ok_or_else(|| format!("no rating of {id}: {marks:?}"))?;
        // Left to right is earlier to later: plan → mention, plan → rating, and all marks in date order.
        if !(plan.3 < council.3 && plan.3 < rating.3 && plan.2 <= council.2 && plan.2 <= rating.2) {
            return Err(err(format!("not in date order: plan {plan:?}, mention {council:?}, rating {rating:?}")));
        }
        let mut by_x: Vec<&Mark> = marks.iter().filter(|m| m.0 != "continuation").collect();
        by_x.sort_by(|a, b| a.3.total_cmp(&b.3));
        if by_x.windows(2).any(|w| w[0].2 > w[1].2) {
            return Err(err(format!("marks not in date order from left to right: {by_x:?}")));
        }
        docs_screenshot(&c, "commitments").await?;
        // The mention opens its protocol at its page (an SVG mark: clicked through the DOM).
        let did = doc_id(&c, &council.4).await?;
        js(&c, "document.querySelector(`#timeline .tl-mark[data-step='mention'][data-file='${arguments[0]}'][data-page='${arguments[1]}']`).dispatchEvent(new MouseEvent('click', { bubbles: true })); return true", vec![json!(council.4), json!(council.5)]).await?;
        viewer_at(&c, did, council.5).await?;
        click(&c, "#doc-back").await?;
        wait_for(10, "the commitments again, the timeline drawn", || async {
            let v = js(&c, "return document.body.dataset.mode === 'commitments' && !!document.querySelector('#timeline .tl-mark')", vec![]).await.ok()?;
            (v == json!(true)).then_some(())
        })
        .await?;
        Ok(())
    })
    .await;
}
