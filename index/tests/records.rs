//! Meetings and commitments read out of the sample documents, against the ground truth in
//! `sample-docs/expected.json` (`meetings`, `commitments`, `ratings`, `mentions`,
//! `continuations`). Precision and recall of attendees, decisions and commitments must each
//! be at least 0.95 (issue 15); the page texts come from the archive's own extractor, as at
//! ingest.

use std::collections::BTreeMap;
use std::path::Path;

use ogp_archive::commitments::{self, Commitment};
use ogp_archive::meetings::{self, Meeting};
use ogp_archive::pdf::{extract_file, Limits, PageStatus};
use serde_json::Value;

fn samples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../sample-docs")
}

fn expected() -> Value {
    let text = std::fs::read_to_string(samples().join("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The page texts of a sample, as the archive extracts them.
fn pages(file: &str) -> Vec<String> {
    let doc = extract_file(&samples().join(file), &Limits::default()).unwrap();
    doc.pages
        .into_iter()
        .map(|p| match p.status {
            PageStatus::Text => p.text,
            _ => String::new(),
        })
        .collect()
}

fn refs(pages: &[String]) -> Vec<&str> {
    pages.iter().map(String::as_str).collect()
}

/// Lowercase, diacritics kept, whitespace collapsed: how names and titles are compared.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// Precision and recall of `got` against `want`, items matched one to one by `same`.
fn score<G, W>(got: &[G], want: &[W], same: impl Fn(&G, &W) -> bool) -> (f64, f64, Vec<String>)
where
    G: std::fmt::Debug,
    W: std::fmt::Debug,
{
    let mut used = vec![false; got.len()];
    let mut hits = 0;
    let mut missed = Vec::new();
    for w in want {
        match (0..got.len()).find(|&i| !used[i] && same(&got[i], w)) {
            Some(i) => {
                used[i] = true;
                hits += 1;
            }
            None => missed.push(format!("missed {w:?}")),
        }
    }
    for (i, g) in got.iter().enumerate() {
        if !used[i] {
            missed.push(format!("extra {g:?}"));
        }
    }
    let p = if got.is_empty() {
        1.0
    } else {
        hits as f64 / got.len() as f64
    };
    let r = if want.is_empty() {
        1.0
    } else {
        hits as f64 / want.len() as f64
    };
    (p, r, missed)
}

#[track_caller]
fn at_least(what: &str, (p, r, misses): (f64, f64, Vec<String>), min: f64) {
    eprintln!("{what}: precision {p:.3}, recall {r:.3}");
    for m in &misses {
        eprintln!("  {m}");
    }
    assert!(
        p >= min && r >= min,
        "{what}: precision {p:.3}, recall {r:.3} < {min}\n{}",
        misses.join("\n")
    );
}

fn meetings_of(exp: &Value) -> Vec<(Value, Meeting)> {
    exp["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let p = pages(&s(&m["file"]));
            (m.clone(), meetings::extract(&refs(&p)))
        })
        .collect()
}

/// What a protocol's meeting must have exactly: date, kind, chair, secretary, place, agenda and
/// votes.
fn exact_fields(file: &str, e: &Value, m: &Meeting) {
    assert_eq!(
        m.date.as_ref().map(|d| d.value.to_string()),
        Some(s(&e["date"])),
        "{file}: date"
    );
    assert_eq!(
        m.kind
            .as_ref()
            .map(|k| serde_json::to_value(k.value).unwrap()),
        Some(e["kind"].clone()),
        "{file}: kind"
    );
    for (field, got) in [
        ("chair", &m.chair),
        ("secretary", &m.secretary),
        ("place", &m.place),
    ] {
        let got = got.as_ref().map(|f| f.value.clone());
        let want = e[field].as_str().map(str::to_string);
        assert_eq!(got, want, "{file}: {field}");
    }
    let agenda: Vec<(u32, String, u32)> = m
        .agenda
        .iter()
        .map(|a| (a.number, a.title.clone(), a.page))
        .collect();
    let want_agenda: Vec<(u32, String, u32)> = e["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["number"].as_u64().unwrap() as u32,
                s(&a["title"]),
                a["page"].as_u64().unwrap() as u32,
            )
        })
        .collect();
    assert_eq!(agenda, want_agenda, "{file}: agenda");
    let votes: Vec<(u32, Option<String>, u32, u32, u32, u32)> = m
        .agenda
        .iter()
        .flat_map(|i| {
            i.votes.iter().map(move |v| {
                (
                    i.number,
                    v.decision.clone(),
                    v.for_,
                    v.against,
                    v.abstained,
                    v.page,
                )
            })
        })
        .collect();
    let want_votes: Vec<(u32, Option<String>, u32, u32, u32, u32)> = e["votes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let n = |k: &str| v[k].as_u64().unwrap() as u32;
            (
                n("item"),
                v["decision"].as_str().map(str::to_string),
                n("for"),
                n("against"),
                n("abstained"),
                n("page"),
            )
        })
        .collect();
    assert_eq!(votes, want_votes, "{file}: votes");
}

#[test]
fn attendees_decisions_and_agendas_of_the_protocols() {
    let exp = expected();
    let all = meetings_of(&exp);
    // (file, person, organisation, role, page)
    let mut got_att = Vec::new();
    let mut want_att = Vec::new();
    // (file, item, number, text, page)
    let mut got_dec = Vec::new();
    let mut want_dec = Vec::new();
    let mut got_act = Vec::new();
    let mut want_act = Vec::new();
    for (e, m) in &all {
        let file = s(&e["file"]);
        exact_fields(&file, e, m);
        for a in &m.attendees {
            got_att.push((
                file.clone(),
                norm(&a.person),
                norm(a.organisation.as_deref().unwrap_or("")),
                serde_json::to_value(a.role).unwrap(),
                a.page,
            ));
        }
        for a in e["attendees"].as_array().unwrap() {
            want_att.push((
                file.clone(),
                norm(&s(&a["person"])),
                norm(&s(&a["organisation"])),
                a["role"].clone(),
                a["page"].as_u64().unwrap() as u32,
            ));
        }
        for item in &m.agenda {
            for d in &item.decisions {
                got_dec.push((
                    file.clone(),
                    item.number,
                    d.number.clone(),
                    norm(&d.text),
                    d.page,
                ));
            }
            for a in &item.actions {
                got_act.push((
                    file.clone(),
                    item.number,
                    norm(&a.who),
                    a.deadline.map(|d| d.to_string()),
                    a.deadline_text.clone(),
                    a.page,
                ));
            }
        }
        for d in &m.decisions {
            got_dec.push((file.clone(), 0, d.number.clone(), norm(&d.text), d.page));
        }
        for d in e["decisions"].as_array().unwrap() {
            want_dec.push((
                file.clone(),
                d["item"].as_u64().unwrap() as u32,
                d["number"].as_str().map(str::to_string),
                norm(&s(&d["text_contains"])),
                d["page"].as_u64().unwrap() as u32,
            ));
        }
        for a in e["actions"].as_array().unwrap() {
            want_act.push((
                file.clone(),
                a["item"].as_u64().unwrap() as u32,
                norm(&s(&a["who"])),
                a["deadline"].as_str().map(str::to_string),
                a["deadline_text"].as_str().map(str::to_string),
                a["page"].as_u64().unwrap() as u32,
            ));
        }
    }
    at_least("attendees", score(&got_att, &want_att, |g, w| g == w), 0.95);
    at_least(
        "decisions",
        score(&got_dec, &want_dec, |g, w| {
            g.0 == w.0
                && g.1 == w.1
                && g.4 == w.4
                && g.3.contains(&w.3)
                && (w.2.is_none() || g.2 == w.2)
        }),
        0.95,
    );
    at_least(
        "actions",
        score(&got_act, &want_act, |g, w| {
            g.0 == w.0
                && g.1 == w.1
                && g.2 == w.2
                && g.3 == w.3
                && g.5 == w.5
                && (w.4.is_none() || g.4 == w.4)
        }),
        0.95,
    );
}

/// Each cycle's commitments from its plans (Latvian first), as the archive will keep them.
fn cycles(exp: &Value) -> Vec<(u32, Vec<Commitment>)> {
    let mut by_cycle: BTreeMap<u32, Vec<(bool, Vec<Commitment>)>> = BTreeMap::new();
    for d in exp["documents"].as_array().unwrap() {
        if d["kind"] != "plan" {
            continue;
        }
        let p = pages(&s(&d["file"]));
        by_cycle
            .entry(d["cycle"].as_u64().unwrap() as u32)
            .or_default()
            .push((d["lang"] != "lv", commitments::extract_plan(&refs(&p))));
    }
    by_cycle
        .into_iter()
        .map(|(c, mut plans)| {
            plans.sort_by_key(|(english, _)| *english);
            (
                c,
                commitments::merge(plans.into_iter().map(|(_, v)| v).collect()),
            )
        })
        .collect()
}

#[test]
fn commitments_of_the_plans_their_ratings_mentions_and_continuation() {
    let exp = expected();
    let cycles = cycles(&exp);
    let got: Vec<(u32, &Commitment)> = cycles
        .iter()
        .flat_map(|(c, v)| v.iter().map(move |x| (*c, x)))
        .collect();
    let want = exp["commitments"].as_array().unwrap();
    at_least(
        "commitments",
        score(&got, want, |(c, x), w| {
            *c as u64 == w["cycle"].as_u64().unwrap()
                && x.number as u64 == w["number"].as_u64().unwrap()
                && norm(&x.title).contains(&norm(&s(&w["title_contains"])))
                && x.institution.as_deref().map(norm) == Some(norm(&s(&w["institution"])))
                && x.page as u64 == w["page"].as_u64().unwrap()
        }),
        0.95,
    );
    // milestones: every deadline and text
    let got_ms: Vec<(u32, u32, String, String)> = got
        .iter()
        .flat_map(|(c, x)| {
            x.milestones.iter().map(move |m| {
                (
                    *c,
                    x.number,
                    m.deadline.map(|d| d.to_string()).unwrap_or_default(),
                    norm(&m.text),
                )
            })
        })
        .collect();
    let want_ms: Vec<(u32, u32, String, String)> = want
        .iter()
        .flat_map(|w| {
            let (c, n) = (
                w["cycle"].as_u64().unwrap() as u32,
                w["number"].as_u64().unwrap() as u32,
            );
            w["milestones"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |m| (c, n, s(&m["deadline"]), norm(&s(&m["text_contains"]))))
        })
        .collect();
    at_least(
        "milestones",
        score(&got_ms, &want_ms, |g, w| {
            g.0 == w.0 && g.1 == w.1 && g.2 == w.2 && g.3.contains(&w.3)
        }),
        0.95,
    );

    // ratings of the evaluation reports
    let mut got_r = Vec::new();
    for d in exp["documents"].as_array().unwrap() {
        if d["kind"] != "evaluation" {
            continue;
        }
        let cycle = d["cycle"].as_u64().unwrap() as u32;
        let list = &cycles.iter().find(|(c, _)| *c == cycle).unwrap().1;
        let p = pages(&s(&d["file"]));
        for r in commitments::ratings(&refs(&p), list) {
            got_r.push((
                s(&d["file"]),
                cycle,
                r.number,
                serde_json::to_value(r.scale).unwrap(),
                serde_json::to_value(r.level).unwrap(),
                r.page,
            ));
        }
    }
    let want_r: Vec<_> = exp["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let n = |k: &str| r[k].as_u64().unwrap() as u32;
            (
                s(&r["file"]),
                n("cycle"),
                n("number"),
                r["scale"].clone(),
                r["level"].clone(),
                n("page"),
            )
        })
        .collect();
    at_least("ratings", score(&got_r, &want_r, |g, w| g == w), 0.95);

    // mentions in the council protocols
    for m in exp["mentions"].as_array().unwrap() {
        let file = s(&m["file"]);
        let doc = exp["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| s(&d["file"]) == file)
            .unwrap();
        let cycle = doc["cycle"].as_u64().map(|c| c as u32);
        let p = pages(&file);
        let found = commitments::mentions(&refs(&p), cycle, &cycles);
        let hit = found.iter().any(|x| {
            x.commitment.cycle as u64 == m["cycle"].as_u64().unwrap()
                && x.commitment.number as u64 == m["number"].as_u64().unwrap()
                && x.page as u64 == m["page"].as_u64().unwrap()
                && serde_json::to_value(x.rule).unwrap() == m["rule"]
        });
        assert!(hit, "mention {m} not among {found:#?}");
    }

    // the one commitment carried across cycles, and no other
    let links: Vec<Value> = commitments::continuations(&cycles)
        .iter()
        .map(|c| serde_json::json!({"from": c.from, "to": c.to}))
        .collect();
    assert_eq!(
        links.as_slice(),
        exp["continuations"].as_array().unwrap().as_slice()
    );
}
