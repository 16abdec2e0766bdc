//! Meetings and commitments as a user reaches them (issue 15): the `meeting`, `decisions`,
//! `commitments`, `commitment` and `people` commands over the ingested samples, the export
//! bundle's `meetings.json` and `commitments.json`, and a correction that survives reading
//! the document again.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;

use common::*;
use ogp_archive::RecordPatch;
use serde_json::Value;

fn cli(archive: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ogp-archive"));
    c.arg("--archive").arg(archive);
    c.env_remove("OGP_ARCHIVE_DIR");
    c
}

fn run(archive: &Path, args: &[&str]) -> Output {
    cli(archive).args(args).output().expect("run ogp-archive")
}

/// One archive with the samples, shared by the read-only tests of this file.
fn archive() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let o = run(dir.path(), &["ingest", samples().to_str().unwrap()]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        dir
    })
    .path()
}

fn json(args: &[&str]) -> Value {
    let o = run(archive(), args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("JSON")
}

#[test]
fn a_meeting_lists_attendees_agenda_decisions_and_documents() {
    let m = json(&["meeting", "2022-10-05", "--json"]);
    assert_eq!(m["chair"], "Ilze Bērziņa");
    assert_eq!(m["attendees"].as_array().unwrap().len(), 11);
    let absent: Vec<&str> = m["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["role"] == "absent")
        .map(|a| a["person"].as_str().unwrap())
        .collect();
    assert_eq!(absent, ["Dace Ļaudaka", "Ģirts Čakste"]);
    let item2 = &m["agenda"][1];
    assert_eq!(item2["title"], "Uzraudzības padomes nolikuma apspriešana");
    assert_eq!(item2["page"], 2);
    assert_eq!(item2["decisions"].as_array().unwrap().len(), 3);
    assert_eq!(item2["votes"][0]["for_count"], 7);
    assert_eq!(item2["actions"][0]["deadline"], "2022-10-19");
    let files: Vec<&str> = m["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file_name"].as_str().unwrap())
        .collect();
    assert!(
        files.contains(&"Padomes_sede_2022_10_05_protokols.pdf"),
        "{files:?}"
    );
    assert!(
        files.contains(&"Uzraudzibas_padome_2022-10-05_prezentacija.pdf"),
        "{files:?}"
    );
    // a date without a meeting
    let o = run(archive(), &["meeting", "2021-01-01"]);
    assert_eq!(o.status.code(), Some(1));
}

/// The (item, file) pairs of a meeting's agenda documents, from `meeting DATE --json`.
fn agenda_documents(m: &Value) -> Vec<(i64, String)> {
    let mut out = Vec::new();
    for item in m["agenda"].as_array().unwrap() {
        for d in item["documents"].as_array().unwrap() {
            let file = d["file_name"].as_str().unwrap().to_string();
            out.push((item["number"].as_i64().unwrap(), file));
        }
    }
    out.sort();
    out
}

#[test]
fn presentations_and_annexes_sit_under_the_agenda_item_their_title_names() {
    let text = std::fs::read_to_string(samples().join("expected.json")).unwrap();
    let expected: Value = serde_json::from_str(&text).unwrap();
    for e in expected["meetings"].as_array().unwrap() {
        let date = e["date"].as_str().unwrap();
        let mut want: Vec<(i64, String)> = e["agenda_documents"]
            .as_array()
            .map(|v| {
                v.iter()
                    .map(|d| {
                        let file = d["file"].as_str().unwrap().to_string();
                        (d["item"].as_i64().unwrap(), file)
                    })
                    .collect()
            })
            .unwrap_or_default();
        want.sort();
        let got = agenda_documents(&json(&["meeting", date, "--json"]));
        assert_eq!(got, want, "{date}");
    }
    let o = run(archive(), &["meeting", "2023-03-21"]);
    let text = String::from_utf8_lossy(&o.stdout);
    // the lines between agenda item 2 and item 3
    let from = text
        .find("\n  2. Informācija par Piektā plāna")
        .expect("item 2");
    let to = text.find("\n  3. OGP sekretariāta").expect("item 3");
    let item = &text[from..to];
    assert!(item.contains("VK_prezentacija.pdf"), "{item}");
    // the presentation first, its protocol in a later ingest: linked all the same
    let dir = tempfile::tempdir().unwrap();
    for file in ["VK_prezentacija.pdf", "2023-03-21_sedes_protokols.pdf"] {
        let o = run(
            dir.path(),
            &["ingest", samples().join(file).to_str().unwrap()],
        );
        assert_eq!(o.status.code(), Some(0));
    }
    let o = run(dir.path(), &["meeting", "2023-03-21", "--json"]);
    let m: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(
        agenda_documents(&m),
        [(2, "VK_prezentacija.pdf".to_string())]
    );
}

#[test]
fn decisions_are_found_without_diacritics_and_by_cycle() {
    let found = json(&["decisions", "lidzdalibas budzets", "--json"]);
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0]["doc"]["file_name"],
        "Padomes_sede_2022_10_05_protokols.pdf"
    );
    assert_eq!(found[0]["page"], 2);
    assert!(found[0]["text"]
        .as_str()
        .unwrap()
        .contains("līdzdalības budžetu"));
    // cycle 4: the working group of 14.10.2019 (5) and the stakeholder forum of 2020 (3), in
    // date order
    let c4 = json(&["decisions", "--cycle", "4", "--json"]);
    let files: Vec<&str> = c4
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["doc"]["file_name"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 8, "{files:?}");
    assert!(files[..5]
        .iter()
        .all(|f| *f == "Sanaksmes_protokols_14.10.2019.pdf"));
    assert!(files[5..]
        .iter()
        .all(|f| *f == "Stakeholder_forum_2020-12-09_minutes_EN.pdf"));
}

#[test]
fn a_commitments_thread_runs_from_plan_through_mentions_and_ratings_to_its_predecessor() {
    let list = json(&["commitments", "--cycle", "4", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 6);
    let c3 = list.iter().find(|c| c["id"] == "4.3").unwrap();
    assert_eq!(c3["continues"], "3.3");
    assert_eq!(c3["completion"], "limited");

    let t = json(&["commitment", "4.3", "--json"]);
    let thread = t["thread"].as_array().unwrap();
    let steps: Vec<&str> = thread.iter().map(|e| e["step"].as_str().unwrap()).collect();
    assert_eq!(steps[0], "plan");
    assert_eq!(thread[0]["doc"]["file_name"], "Ceturtais_NAP_2020-2021.pdf");
    assert_eq!(thread[0]["page"], 3);
    let council = thread
        .iter()
        .position(|e| {
            e["step"] == "mention"
                && e["doc"]["file_name"] == "Padomes_sede_2022_10_05_protokols.pdf"
                && e["page"] == 3
        })
        .expect("the council's mention");
    let rating = thread
        .iter()
        .position(|e| {
            e["step"] == "rating" && e["doc"]["file_name"] == "VK_zinojums_par_OGP4_izpildi.pdf"
        })
        .expect("the report's rating");
    assert!(council > 0 && rating > 0);
    assert_eq!(*steps.last().unwrap(), "continuation");
    assert_eq!(thread.last().unwrap()["commitment"], "3.3");
    // dated steps in date order
    let dates: Vec<&str> = thread[1..thread.len() - 1]
        .iter()
        .filter_map(|e| e["date"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
}

#[test]
fn people_are_found_across_meetings_and_name_forms() {
    let p = json(&["people", "ozolina", "--json"]);
    let p = p.as_array().unwrap();
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(p[0]["person"], "Līga Ozoliņa");
    let dates: Vec<&str> = p[0]["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["doc"]["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2019-09-16",
            "2019-10-14",
            "2020-12-09",
            "2022-10-05",
            "2023-03-21"
        ]
    );
}

#[test]
fn the_export_bundle_carries_meetings_and_commitments() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c5.zip");
    let o = run(
        archive(),
        &["export", "--cycle", "5", "--out", out.to_str().unwrap()],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let read = |zip: &mut zip::ZipArchive<std::fs::File>, name: &str| -> Value {
        let n = (0..zip.len())
            .find(|&i| zip.by_index(i).unwrap().name().ends_with(name))
            .unwrap_or_else(|| panic!("{name} missing"));
        serde_json::from_reader(zip.by_index(n).unwrap()).unwrap()
    };
    let meetings = read(&mut zip, "/meetings.json");
    let dates: Vec<&str> = meetings
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2022-10-05", "2023-03-21"]);
    let commitments = read(&mut zip, "/commitments.json");
    assert_eq!(commitments.as_array().unwrap().len(), 6);
    let o = run(archive(), &["verify", "--bundle", out.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn a_correction_survives_reading_the_document_again() {
    let (_dir, archive) = sample_archive();
    let id = id_of(&archive, "Padomes_sede_2022_10_05_protokols.pdf");
    let date = chrono::NaiveDate::from_ymd_opt(2022, 10, 5).unwrap();
    archive
        .correct_record(&RecordPatch::Attendee {
            doc_id: id,
            person: "Kārlis Šteins".into(),
            organisation: Some("Sabiedrības integrācijas fonds (SIF)".into()),
            role: Some("member".into()),
        })
        .unwrap();
    archive
        .correct_record(&RecordPatch::Decision {
            doc_id: id,
            item: 2,
            ord: 0,
            text: "atbalstīt nolikuma projektu ar papildinājumiem".into(),
        })
        .unwrap();
    archive.reextract_records(id).unwrap();
    let m = archive.meeting(date).unwrap().unwrap();
    let k = m
        .attendees
        .iter()
        .find(|a| a.person == "Kārlis Šteins")
        .unwrap();
    assert_eq!(
        k.organisation.as_deref(),
        Some("Sabiedrības integrācijas fonds (SIF)")
    );
    assert_eq!(k.role, "member");
    assert_eq!(serde_json::to_value(k.source).unwrap(), "user");
    let d = &m.agenda[1].decisions[0];
    assert_eq!(d.text, "atbalstīt nolikuma projektu ar papildinājumiem");
    // the rest was read again as before
    assert_eq!(m.attendees.len(), 11);
    assert_eq!(m.agenda[1].decisions.len(), 3);
}

#[test]
fn correct_record_on_the_command_line_is_kept_through_reading_the_document_again() {
    let (dir, archive) = sample_archive();
    let id = id_of(&archive, "Padomes_sede_2022_10_05_protokols.pdf");
    let plan = id_of(
        &archive,
        "Piektais_atvertas_parvaldibas_plans_2022-2025.pdf",
    );
    let ids = id.to_string();
    let plan_id = plan.to_string();
    let runs: [&[&str]; 3] = [
        &[
            "correct-record",
            "attendee",
            &ids,
            "Kārlis Šteins",
            "--organisation",
            "Sabiedrības integrācijas fonds (SIF)",
            "--role",
            "member",
        ],
        &[
            "correct-record",
            "decision",
            &ids,
            "2",
            "0",
            "atbalstīt nolikuma projektu ar papildinājumiem",
        ],
        &[
            "correct-record",
            "commitment",
            &plan_id,
            "1",
            "--institution",
            "Valsts kanceleja (labots)",
        ],
    ];
    for args in runs {
        let o = run(dir.path(), args);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    // a record that is not there, and a role that does not exist
    let o = run(
        dir.path(),
        &[
            "correct-record",
            "attendee",
            &ids,
            "Nav Tāda",
            "--role",
            "member",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let o = run(
        dir.path(),
        &[
            "correct-record",
            "attendee",
            &ids,
            "Kārlis Šteins",
            "--role",
            "boss",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    // read again from the text: the corrections stay, marked `user`
    archive.reextract_records(id).unwrap();
    archive.reextract_records(plan).unwrap();
    let o = run(dir.path(), &["meeting", "2022-10-05", "--json"]);
    let m: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let k = m["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["person"] == "Kārlis Šteins")
        .expect("Kārlis Šteins");
    assert_eq!(k["organisation"], "Sabiedrības integrācijas fonds (SIF)");
    assert_eq!(k["role"], "member");
    assert_eq!(k["source"], "user");
    let d = &m["agenda"][1]["decisions"][0];
    assert_eq!(d["text"], "atbalstīt nolikuma projektu ar papildinājumiem");
    assert_eq!(d["source"], "user");
    assert_eq!(m["agenda"][1]["decisions"].as_array().unwrap().len(), 3);
    let o = run(dir.path(), &["commitments", "--cycle", "5", "--json"]);
    let list: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let c = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["number"] == 1)
        .expect("commitment 5.1");
    assert_eq!(c["institution"], "Valsts kanceleja (labots)");
}

#[test]
fn a_scanned_protocol_gets_its_meeting_once_ocr_has_read_it() {
    let engine = ogp_archive::ocr::Engine::detect()
        .unwrap_or_else(|e| panic!("needs Tesseract with Latvian: {}", e.user_message()));
    let dir = tempfile::tempdir().unwrap();
    let archive = ogp_archive::Archive::open(dir.path()).unwrap();
    let scan = samples().join("2019-09-16_sanaksmes_protokols_parakstits.pdf");
    archive.ingest(&[scan], &mut |_, _| {}).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2019, 9, 16).unwrap();
    assert!(
        archive.meeting(date).unwrap().is_none(),
        "no text before OCR"
    );
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let summary = archive
        .run_ocr(&engine, None, &mut |_, _| {}, &cancel)
        .unwrap();
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    let m = archive
        .meeting(date)
        .unwrap()
        .expect("the meeting after OCR");
    assert_eq!(m.chair.as_deref(), Some("Ilze Bērziņa"));
    let decisions: Vec<&str> = m
        .agenda
        .iter()
        .flat_map(|a| a.decisions.iter().map(|d| d.text.as_str()))
        .collect();
    assert!(
        decisions.iter().any(|d| d.contains("aptauju")),
        "{decisions:?}"
    );
}

#[test]
fn an_archive_from_before_the_records_gets_them_when_next_opened() {
    let (dir, archive) = sample_archive();
    drop(archive);
    // the state a version without records leaves: no record rows, every document pending
    let db = rusqlite::Connection::open(dir.path().join("catalog.sqlite3")).unwrap();
    db.execute_batch(
        "DELETE FROM meetings; DELETE FROM attendees; DELETE FROM agenda_items;
         DELETE FROM decisions; DELETE FROM actions; DELETE FROM votes;
         DELETE FROM commitments; DELETE FROM milestones; DELETE FROM mentions;
         DELETE FROM ratings; INSERT INTO records_pending SELECT id FROM documents;",
    )
    .unwrap();
    drop(db);
    let archive = ogp_archive::Archive::open(dir.path()).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2022, 10, 5).unwrap();
    let m = archive.meeting(date).unwrap().expect("read again on open");
    assert_eq!(m.attendees.len(), 11);
    assert_eq!(archive.commitments(Some(4)).unwrap().len(), 6);
    let (_, thread) = archive.commitment("4.3").unwrap().unwrap();
    assert!(thread
        .iter()
        .any(|e| e.step == ogp_archive::ThreadStep::Rating));
}
