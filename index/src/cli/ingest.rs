//! The commands that add to the archive: `ingest` (with a line per file) and `ocr` (the
//! queue of scanned pages), both with a progress bar on a terminal.

use std::path::PathBuf;
use std::process::ExitCode;

use ogp_archive::{Archive, DocStatus, IngestOutcome, Kind, Lang, Outcome, Progress, Result};

use super::print::{describe, json_pretty, progress_bar};

pub(super) fn ingest(
    archive: &Archive,
    paths: Vec<PathBuf>,
    json: bool,
    ocr: bool,
) -> Result<ExitCode> {
    let files = Archive::collect_files(&paths);
    let pb = progress_bar(files.len());
    let print = |line: String| match &pb {
        Some(pb) => pb.println(line),
        None => println!("{line}"),
    };
    let outcomes = archive.ingest(&paths, &mut |p: &Progress, outcome| {
        if let Some(pb) = &pb {
            pb.set_position(p.done as u64);
            pb.set_message(p.current.clone());
        }
        let Some(o) = outcome else { return };
        if json {
            print(serde_json::to_string(o).unwrap_or_default());
            return;
        }
        print(outcome_line(o));
    })?;
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    let failed = outcomes.iter().filter(|o| o.is_failure()).count();
    let added = outcomes
        .iter()
        .filter(|o| o.outcome == Outcome::Added)
        .count();
    if !json {
        eprintln!(
            "{} files: {added} added, {} already in the archive, {failed} failed",
            outcomes.len(),
            outcomes.len() - added - failed
        );
    }
    let queued = archive.ocr_counts()?.queued;
    if ocr && queued > 0 {
        let code = run_ocr(archive, None, json)?;
        if code != ExitCode::SUCCESS {
            return Ok(code);
        }
    } else if queued > 0 && !json {
        eprintln!(
            "{queued} scanned pages wait for text recognition: run `ogp-archive ocr` / \
             {queued} skenētas lapas gaida teksta atpazīšanu"
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub(super) fn ocr(
    archive: &Archive,
    ids: Vec<i64>,
    all: bool,
    status: bool,
    json: bool,
) -> Result<ExitCode> {
    if status {
        let st = archive.ocr_status()?;
        if json {
            json_pretty(&st);
        } else {
            println!(
                "{} pages queued, {} recognised, {} failed{}",
                st.queued,
                st.done,
                st.failed,
                if st.running { " (running now)" } else { "" }
            );
            match (&st.engine, &st.unavailable) {
                (Some(v), _) => println!("engine: {v} ({})", ogp_archive::ocr::LANGS),
                (None, Some(m)) => println!("{m}"),
                _ => {}
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let ids = (!ids.is_empty()).then_some(ids);
    if all || ids.is_some() {
        archive.queue_ocr(ids.as_deref())?;
    }
    run_ocr(archive, ids, json)
}

/// Runs the OCR queue (of these documents, or all) with a progress bar on a terminal.
fn run_ocr(archive: &Archive, ids: Option<Vec<i64>>, json: bool) -> Result<ExitCode> {
    let engine = ogp_archive::ocr::Engine::detect()?;
    let total = archive.ocr_counts()?.queued;
    let pb = progress_bar(total);
    let print = |line: String| match &pb {
        Some(pb) => pb.println(line),
        None => println!("{line}"),
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let summary = archive.run_ocr_queue(
        &engine,
        ids.as_deref(),
        &mut |p: &Progress, outcome| {
            if let Some(pb) = &pb {
                pb.set_length(p.total as u64);
                pb.set_position(p.done as u64);
                pb.set_message(p.current.clone());
            }
            let Some(o) = outcome else { return };
            if json {
                print(serde_json::to_string(o).unwrap_or_default());
            } else if let Some(e) = &o.error {
                print(format!(
                    "failed     #{}  {}  p. {}: {e}",
                    o.id, o.file_name, o.page
                ));
            } else {
                print(format!(
                    "recognised #{}  {}  p. {}  ({:.0}% confidence, {:.1} s)",
                    o.id,
                    o.file_name,
                    o.page,
                    o.confidence.unwrap_or_default(),
                    o.seconds
                ));
            }
        },
        &cancel,
    )?;
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    if json {
        println!("{}", serde_json::to_string(&summary).unwrap_or_default());
    } else if summary.pages() == 0 {
        eprintln!("no pages wait for text recognition / neviena lapa negaida atpazīšanu");
    } else {
        eprintln!(
            "{} pages recognised, {} failed, in {:.1} s",
            summary.recognized,
            summary.failed.len(),
            summary.seconds
        );
    }
    Ok(if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One line (a few for an added file with a note) for a file's outcome.
fn outcome_line(o: &IngestOutcome) -> String {
    match o.outcome {
        Outcome::Added => {
            let mut l = format!(
                "added      #{}  {}  ({})",
                o.id.unwrap_or_default(),
                o.file_name,
                describe(
                    o.kind.unwrap_or(Kind::Other),
                    o.cycle,
                    o.session,
                    o.lang.unwrap_or(Lang::Lv)
                )
            );
            if let Some(s) = o.status.filter(|s| *s != DocStatus::Ok) {
                l.push_str(&format!(" [{s}]"));
            }
            if let Some(n) = &o.note {
                l.push_str(&format!("\n           {n}"));
            }
            if let Some(d) = o.unknown_session_date {
                l.push_str(&format!(
                    "\n           add it with: ogp-archive session-add --cycle N {d}"
                ));
            }
            l
        }
        Outcome::Duplicate => format!(
            "duplicate  #{}  {}  (already in the archive{})",
            o.id.unwrap_or_default(),
            o.file_name,
            if o.in_trash { ", in the trash" } else { "" }
        ),
        Outcome::Failed => format!(
            "failed     {}: {}",
            o.path,
            o.error.as_deref().unwrap_or("")
        ),
    }
}
