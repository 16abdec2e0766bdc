//! What a user of the archive notices, over the sample documents: the right document and
//! page found, the right cycle and session guessed, corrections kept, nothing lost.

mod common;

use chrono::NaiveDate;
use common::*;
use ogp_archive::{Archive, DocStatus, Filter, Kind, Lang, Outcome, Patch};

#[test]
fn every_sample_is_classified_as_expected() {
    let (_dir, archive) = sample_archive();
    let docs = archive.list(&Filter::default()).unwrap();
    let mut wrong = Vec::new();
    for e in expected().documents {
        let d = docs
            .iter()
            .find(|d| d.file_name == e.file)
            .unwrap_or_else(|| panic!("{} missing", e.file));
        let got = (
            d.kind.as_str().to_string(),
            d.cycle,
            d.session.map(|s| s.to_string()),
            d.lang.as_str().to_string(),
            d.pages,
        );
        let want = (
            e.kind.clone(),
            e.cycle,
            e.session.clone(),
            e.lang.clone(),
            e.pages,
        );
        if got != want {
            wrong.push(format!(
                "{}: got {got:?}, want {want:?} (sources {:?})",
                e.file, d.sources
            ));
        }
        if !d
            .title
            .to_lowercase()
            .contains(&e.title_contains.to_lowercase())
        {
            wrong.push(format!(
                "{}: title {:?} lacks {:?}",
                e.file, d.title, e.title_contains
            ));
        }
    }
    assert!(wrong.is_empty(), "misclassified:\n{}", wrong.join("\n"));
}

#[test]
fn queries_find_the_right_document_at_the_right_page() {
    let (_dir, archive) = sample_archive();
    let mut wrong = Vec::new();
    for q in expected().queries {
        let hits = archive.search(&q.query, &Filter::default(), 10).unwrap();
        match hits.first() {
            Some(h) if h.file_name == q.file && h.page == q.page => {}
            Some(h) => wrong.push(format!(
                "{:?}: first hit {} p.{}, want {} p.{} ({})",
                q.query, h.file_name, h.page, q.file, q.page, q.note
            )),
            None => wrong.push(format!("{:?}: nothing found ({})", q.query, q.note)),
        }
    }
    assert!(wrong.is_empty(), "search misses:\n{}", wrong.join("\n"));
}

#[test]
fn words_without_diacritics_and_other_inflections_find_the_same_documents() {
    let (_dir, archive) = sample_archive();
    let ids = |q: &str| -> Vec<i64> {
        let mut v: Vec<i64> = archive
            .search(q, &Filter::default(), 100)
            .unwrap()
            .iter()
            .map(|h| h.id)
            .collect();
        v.sort();
        v
    };
    let base = ids("līdzdalība");
    assert!(
        base.len() >= 5,
        "līdzdalība should be in many documents: {base:?}"
    );
    for form in [
        "lidzdaliba",
        "līdzdalības",
        "lidzdalibas",
        "līdzdalībā",
        "LĪDZDALĪBU",
    ] {
        assert_eq!(ids(form), base, "{form}");
    }
    let base = ids("sabiedrība");
    for form in ["sabiedriba", "sabiedrībai", "sabiedrības"] {
        assert_eq!(ids(form), base, "{form}");
    }
}

#[test]
fn snippets_mark_the_matched_words() {
    let (_dir, archive) = sample_archive();
    let hits = archive.search("lidzdaliba", &Filter::default(), 5).unwrap();
    assert!(!hits.is_empty());
    for h in hits {
        assert!(h.snippet.contains("<b>"), "{}: {}", h.file_name, h.snippet);
        if h.via_glossary.is_some() {
            // Found through the glossary ("participation"): its snippet marks the translation.
            continue;
        }
        let marked = h
            .snippet
            .split("<b>")
            .nth(1)
            .unwrap()
            .split("</b>")
            .next()
            .unwrap();
        assert!(
            marked.to_lowercase().starts_with("līdzdalīb")
                || marked.to_lowercase().starts_with("lidzdalib"),
            "{marked}"
        );
    }
}

#[test]
fn filters_narrow_results_to_cycle_session_kind_and_language() {
    let (_dir, archive) = sample_archive();
    let all = archive.search("plāns", &Filter::default(), 100).unwrap();
    let cycles: std::collections::HashSet<_> = all.iter().map(|h| h.cycle).collect();
    assert!(cycles.len() >= 2, "plāns should span cycles: {cycles:?}");
    for (filter, check) in [
        (
            Filter {
                cycle: Some(4),
                ..Default::default()
            },
            Box::new(|h: &ogp_archive::SearchHit| h.cycle == Some(4))
                as Box<dyn Fn(&ogp_archive::SearchHit) -> bool>,
        ),
        (
            Filter {
                kind: Some(Kind::Protocol),
                ..Default::default()
            },
            Box::new(|h: &ogp_archive::SearchHit| h.kind == Kind::Protocol),
        ),
        (
            Filter {
                lang: Some(Lang::En),
                ..Default::default()
            },
            Box::new(|h: &ogp_archive::SearchHit| h.lang == Lang::En),
        ),
        (
            Filter {
                session: NaiveDate::from_ymd_opt(2023, 3, 21),
                ..Default::default()
            },
            Box::new(|h: &ogp_archive::SearchHit| {
                h.session == NaiveDate::from_ymd_opt(2023, 3, 21)
            }),
        ),
    ] {
        let q = if filter.lang == Some(Lang::En) {
            "open government"
        } else {
            "sabiedrība"
        };
        let hits = archive.search(q, &filter, 100).unwrap();
        assert!(!hits.is_empty(), "{filter:?} found nothing");
        assert!(hits.iter().all(&check), "{filter:?}: {hits:?}");
    }
}

#[test]
fn a_date_in_any_form_finds_the_session_documents() {
    let (_dir, archive) = sample_archive();
    let session_docs: Vec<i64> = archive
        .list(&Filter {
            session: NaiveDate::from_ymd_opt(2023, 3, 21),
            ..Default::default()
        })
        .unwrap()
        .iter()
        .map(|d| d.id)
        .collect();
    assert!(session_docs.len() >= 3);
    for q in [
        "21.03.2023",
        "2023-03-21",
        "2023. gada 21. marts",
        "2023. gada 21. martā",
    ] {
        let found: Vec<i64> = archive
            .search(q, &Filter::default(), 50)
            .unwrap()
            .iter()
            .map(|h| h.id)
            .collect();
        for id in &session_docs {
            assert!(
                found.contains(id),
                "{q}: session document {id} not found in {found:?}"
            );
        }
    }
}

#[test]
fn exact_spelling_ranks_above_a_stemmed_match() {
    let (_dir, archive) = sample_archive();
    // "līdzdalības" exactly vs. other forms of the word: pages with the exact form come first.
    let hits = archive
        .search("līdzdalības", &Filter::default(), 50)
        .unwrap();
    // Among the documents found by the word as typed (not through the glossary).
    let first = hits.iter().find(|h| h.via_glossary.is_none()).unwrap();
    let text = archive
        .pages(first.id)
        .unwrap()
        .into_iter()
        .find(|(n, _, _)| *n == first.page)
        .unwrap()
        .2;
    assert!(
        text.to_lowercase().contains("līdzdalības"),
        "first hit p.{} lacks the exact form",
        first.page
    );
}

#[test]
fn reingesting_the_same_files_changes_nothing() {
    let (_dir, archive) = sample_archive();
    let before = archive.list(&Filter::default()).unwrap();
    let again = archive.ingest(&[samples()], &mut |_, _| {}).unwrap();
    assert!(
        again.iter().all(|o| o.outcome == Outcome::Duplicate),
        "{again:?}"
    );
    for o in &again {
        let d = before.iter().find(|d| d.file_name == o.file_name).unwrap();
        assert_eq!(o.id, Some(d.id));
    }
    assert_eq!(archive.list(&Filter::default()).unwrap(), before);
}

#[test]
fn corrections_are_kept_and_search_sees_them_at_once() {
    let (dir, archive) = sample_archive();
    let id = id_of(&archive, "OGP_Paris_Declaration_2016.pdf");
    let other = id_of(&archive, "Aptaujas_rezultati_2019.pdf");
    assert!(archive
        .search(
            "collective actions",
            &Filter {
                cycle: Some(2),
                ..Default::default()
            },
            10
        )
        .unwrap()
        .is_empty());
    archive
        .set(
            &[id, other],
            &Patch {
                cycle: Some(Some(2)),
                kind: Some(Kind::Other),
                ..Default::default()
            },
        )
        .unwrap();
    let hits = archive
        .search(
            "collective actions",
            &Filter {
                cycle: Some(2),
                ..Default::default()
            },
            10,
        )
        .unwrap();
    assert_eq!(hits.first().map(|h| h.id), Some(id));
    drop(archive);
    let reopened = Archive::open(dir.path()).unwrap();
    let d = reopened.get(id).unwrap();
    assert_eq!((d.cycle, d.kind), (Some(2), Kind::Other));
    assert_eq!(d.sources.cycle, "user");
    assert!(d.corrected.contains(&"cycle".to_string()));
    assert_eq!(reopened.get(other).unwrap().cycle, Some(2));
}

#[test]
fn removed_documents_go_to_the_trash_and_come_back() {
    let (_dir, archive) = sample_archive();
    let id = id_of(&archive, "OGP_Paris_Declaration_2016.pdf");
    let path = archive.stored_path(id).unwrap();
    archive.remove(&[id]).unwrap();
    assert!(archive
        .search("collective actions", &Filter::default(), 10)
        .unwrap()
        .iter()
        .all(|h| h.id != id));
    assert!(archive
        .list(&Filter::default())
        .unwrap()
        .iter()
        .all(|d| d.id != id));
    assert_eq!(
        archive
            .trash()
            .unwrap()
            .iter()
            .map(|d| d.id)
            .collect::<Vec<_>>(),
        vec![id]
    );
    assert!(path.is_file(), "bytes are kept in the trash");
    archive.restore(&[id]).unwrap();
    assert_eq!(
        archive
            .search("collective actions", &Filter::default(), 10)
            .unwrap()[0]
            .id,
        id
    );
    archive.remove(&[id]).unwrap();
    assert_eq!(archive.empty_trash().unwrap(), 1);
    assert!(!path.exists());
    assert!(archive.get(id).is_err());
}

#[test]
fn bad_files_get_their_own_reason_and_the_good_files_are_added() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path()).unwrap();
    let good = samples().join("VK_prezentacija.pdf");
    let out = archive
        .ingest(&[bad_fixtures(), good], &mut |_, _| {})
        .unwrap();
    let by_name = |n: &str| {
        out.iter()
            .find(|o| o.file_name == n)
            .unwrap_or_else(|| panic!("{n}"))
    };
    for (file, code) in [
        ("empty.pdf", "empty"),
        ("photo.pdf", "not-pdf"),
        ("page.pdf", "not-pdf"),
        ("truncated.pdf", "damaged"),
        ("user-password.pdf", "password"),
    ] {
        let o = by_name(file);
        assert_eq!(o.outcome, Outcome::Failed, "{file}: {o:?}");
        assert_eq!(o.error_code.as_deref(), Some(code), "{file}: {o:?}");
        assert!(
            o.error.as_deref().unwrap_or("").contains(" / "),
            "bilingual message: {o:?}"
        );
    }
    let owner = by_name("owner-only.pdf");
    assert_eq!(owner.outcome, Outcome::Added, "{owner:?}");
    let scan = by_name("scan.pdf");
    assert_eq!(
        (scan.outcome, scan.status),
        (Outcome::Added, Some(DocStatus::NoTextLayer)),
        "{scan:?}"
    );
    let broken = by_name("broken-xref.pdf");
    assert!(
        broken.outcome == Outcome::Added || broken.error_code.as_deref() == Some("damaged"),
        "{broken:?}"
    );
    assert_eq!(by_name("VK_prezentacija.pdf").outcome, Outcome::Added);
    // The owner-password file's text is searchable.
    let hits = archive
        .search("padomes sēdes protokols", &Filter::default(), 10)
        .unwrap();
    assert!(hits.iter().any(|h| Some(h.id) == owner.id), "{hits:?}");
}

#[test]
fn facet_counts_match_the_documents_each_filter_finds() {
    let (_dir, archive) = sample_archive();
    for q in ["līdzdalība", "\"rīcības plāns\"", "open government"] {
        let f = archive.facets(q).unwrap();
        let found = |filter: &Filter| archive.search(q, filter, 1000).unwrap().len();
        assert_eq!(f.total, found(&Filter::default()), "{q}: total");
        assert!(f.total > 0, "{q}: nothing found");
        for (cycle, n) in &f.cycle {
            let filter = match cycle {
                Some(c) => Filter {
                    cycle: Some(*c),
                    ..Default::default()
                },
                None => continue,
            };
            assert_eq!(*n, found(&filter), "{q}: cycle {cycle:?}");
        }
        for (kind, n) in &f.kind {
            let filter = Filter {
                kind: Some(*kind),
                ..Default::default()
            };
            assert_eq!(*n, found(&filter), "{q}: kind {kind:?}");
        }
        for (lang, n) in &f.lang {
            let filter = Filter {
                lang: Some(*lang),
                ..Default::default()
            };
            assert_eq!(*n, found(&filter), "{q}: language {lang:?}");
        }
    }
}

#[test]
fn a_hit_lists_every_other_page_that_matches() {
    let (_dir, archive) = sample_archive();
    let hits = archive
        .search("līdzdalība", &Filter::default(), 100)
        .unwrap();
    let mut checked = 0;
    for h in &hits {
        let pages = archive.pages(h.id).unwrap();
        let with_word: Vec<i64> = pages
            .iter()
            .filter(|(n, _, text)| {
                *n != h.page && {
                    let t = text.to_lowercase();
                    t.contains("līdzdalīb") || t.contains("lidzdalib")
                }
            })
            .map(|(n, _, _)| *n)
            .collect();
        // Every page with a form of the word is listed (stemming may find more, never fewer),
        // up to the 20 that a hit lists, in page order.
        for n in with_word.iter().take(20) {
            assert!(
                h.other_pages.contains(n),
                "{} p.{}: page {n} has the word but is not among {:?}",
                h.file_name,
                h.page,
                h.other_pages
            );
        }
        assert!(!h.other_pages.contains(&h.page));
        checked += with_word.len();
    }
    assert!(checked > 5, "too few other pages to check: {checked}");
}
