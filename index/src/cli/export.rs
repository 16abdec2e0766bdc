//! The bundle's commands: `export` (a BagIt bag by default, or the plain zip), `verify`
//! (the archive, or with `--bundle` an exported bag or zip) and `cite`.

use std::path::PathBuf;
use std::process::ExitCode;

use ogp_archive::cite::{self, CiteFormat};
use ogp_archive::export::{bag_verify, bundle::BundleOptions, ExportFormat};
use ogp_archive::{Archive, Progress, Result};

use super::print::{json_pretty, progress_bar};

pub(super) fn export(
    archive: &Archive,
    cycle: i64,
    out: PathBuf,
    format: ExportFormat,
) -> Result<ExitCode> {
    let pb = progress_bar(
        archive
            .cycles()?
            .iter()
            .find(|c| c.number == cycle)
            .map_or(0, |c| c.documents as usize),
    );
    let mut on_progress = |p: &Progress| {
        if let Some(pb) = &pb {
            pb.set_position(p.done as u64);
            pb.set_message(p.current.clone());
        }
    };
    let line = match format {
        ExportFormat::Bagit => {
            let s = archive.export_bag(cycle, &out, &BundleOptions::default(), &mut on_progress)?;
            format!(
                "{}: BagIt bag, {} payload files, {} bytes of payload",
                s.path.display(),
                s.files,
                s.payload_bytes
            )
        }
        ExportFormat::Plain => {
            let s = archive.export_cycle(cycle, &out, &mut on_progress)?;
            format!("{}: {} files, {} bytes", s.path.display(), s.files, s.bytes)
        }
    };
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    println!("{line}");
    Ok(ExitCode::SUCCESS)
}

pub(super) fn cite(
    archive: &Archive,
    id: i64,
    page: Option<i64>,
    format: CiteFormat,
) -> Result<ExitCode> {
    print!("{}", cite::cite_document(archive, id, page, format)?);
    Ok(ExitCode::SUCCESS)
}

pub(super) fn verify(archive: &Archive, json: bool, bundle: Option<PathBuf>) -> Result<ExitCode> {
    let report = match bundle {
        Some(b) if bag_verify::is_bag(&b) => return verify_bag(&b, json),
        Some(b) => {
            let (documents, problems) = ogp_archive::export::verify_bundle(&b)?;
            ogp_archive::VerifyReport {
                documents,
                problems,
            }
        }
        None => archive.verify(&mut |_| {})?,
    };
    print_report(json, &report, &report.problems, || {
        format!("{} documents checked", report.documents)
    });
    Ok(exit(report.problems.is_empty()))
}

/// A bag: every problem with the file it concerns; `--json` gives them typed
/// (`{"problem": "payload-changed", "path": …, "algorithm": …}`).
fn verify_bag(path: &std::path::Path, json: bool) -> Result<ExitCode> {
    let report = bag_verify::validate(path)?;
    print_report(json, &report, &report.problems, || {
        format!(
            "BagIt: {} payload files ({} bytes) checked",
            report.files, report.payload_bytes
        )
    });
    Ok(exit(report.is_valid()))
}

/// A verification's report: as JSON, or each problem on a line and then what was checked
/// with the number of problems.
fn print_report<R: serde::Serialize, P: std::fmt::Display>(
    json: bool,
    report: &R,
    problems: &[P],
    checked: impl FnOnce() -> String,
) {
    if json {
        json_pretty(report);
    } else {
        for p in problems {
            println!("problem: {p}");
        }
        println!("{}, {} problems", checked(), problems.len());
    }
}

fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
