//! The commands over meetings and commitments (issue 15): `meeting DATE`, `decisions [QUERY]`,
//! `commitments`, `commitment ID` and `people [QUERY]`, each as text or (with `--json`) JSON;
//! and `correct-record`, a user's correction of one of them.
//! Every item is printed with its document and page, so it can be opened at the place it was
//! read from.

use std::process::ExitCode;

use chrono::NaiveDate;
use ogp_archive::RecordPatch;
use ogp_archive::{Archive, Error, Result};

use super::args::CorrectRecord;
use super::print::json_pretty;

/// Exit code 1: nothing of that name or date.
fn not_found(what: &str) -> Result<ExitCode> {
    eprintln!("nav atrasts / not found: {what}");
    Ok(ExitCode::from(1))
}

/// A role as the catalogue keeps it (`member`).
fn role_name(r: ogp_archive::meetings::Role) -> String {
    match serde_json::to_value(r) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

pub(super) fn correct(archive: &Archive, what: CorrectRecord) -> Result<ExitCode> {
    let (patch, named) = match what {
        CorrectRecord::Attendee {
            doc_id,
            person,
            organisation,
            role,
        } => {
            let named = format!("#{doc_id} {person}");
            let role = role.map(role_name);
            let patch = RecordPatch::Attendee {
                doc_id,
                person,
                organisation,
                role,
            };
            (patch, named)
        }
        CorrectRecord::Decision {
            doc_id,
            item,
            ord,
            text,
        } => (
            RecordPatch::Decision {
                doc_id,
                item,
                ord,
                text,
            },
            format!("#{doc_id} item {item}, decision {ord}"),
        ),
        CorrectRecord::Commitment {
            doc_id,
            number,
            title,
            institution,
        } => (
            RecordPatch::Commitment {
                doc_id,
                number,
                title,
                institution,
            },
            format!("#{doc_id} commitment {number}"),
        ),
    };
    match archive.correct_record(&patch) {
        Ok(()) => {
            println!("labots / corrected: {named}");
            Ok(ExitCode::SUCCESS)
        }
        // the one way a correction is refused: no record has those keys
        Err(Error::Invalid(_)) => not_found(&named),
        Err(e) => Err(e),
    }
}

pub(super) fn meeting(archive: &Archive, date: NaiveDate, json: bool) -> Result<ExitCode> {
    let Some(m) = archive.meeting(date)? else {
        return not_found(&date.to_string());
    };
    if json {
        json_pretty(&m);
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}  {}", m.date, m.kind.as_deref().unwrap_or(""));
    if let Some(p) = &m.place {
        println!("vieta / place: {p}");
    }
    if let Some(c) = &m.chair {
        println!("vada / chair: {c}");
    }
    if let Some(s) = &m.secretary {
        println!("protokolē / secretary: {s}");
    }
    println!("\ndalībnieki / attendees ({}):", m.attendees.len());
    for a in &m.attendees {
        println!(
            "  {}  {}  [{}]  #{} p. {}",
            a.person,
            a.organisation.as_deref().unwrap_or(""),
            a.role,
            a.doc.doc_id,
            a.page
        );
    }
    println!("\ndarba kārtība / agenda:");
    for item in &m.agenda {
        println!(
            "  {}. {}  (#{} p. {})",
            item.number, item.title, item.doc_id, item.page
        );
        for d in &item.decisions {
            let n = d
                .number
                .as_deref()
                .map(|n| format!("{n}. "))
                .unwrap_or_default();
            println!("     → {n}{}  (p. {})", d.text, d.page);
        }
        for a in &item.actions {
            let by = a
                .deadline
                .as_deref()
                .or(a.deadline_text.as_deref())
                .unwrap_or("");
            println!("     ☐ {}: {}  {by}", a.who, a.what);
        }
        for v in &item.votes {
            println!(
                "     balsojums / vote: {} par, {} pret, {} atturas",
                v.for_count, v.against, v.abstained
            );
        }
        for d in &item.documents {
            println!("     dokuments / document: #{}  {}", d.doc_id, d.file_name);
        }
    }
    println!("\ndokumenti / documents:");
    for d in &m.documents {
        println!("  #{}  {}", d.doc_id, d.file_name);
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn decisions(
    archive: &Archive,
    query: Option<String>,
    cycle: Option<i64>,
    json: bool,
) -> Result<ExitCode> {
    let found = archive.decisions(query.as_deref(), cycle)?;
    if json {
        json_pretty(&found);
    } else if found.is_empty() {
        eprintln!("nothing found / nekas nav atrasts");
    } else {
        for d in &found {
            println!(
                "{}  {}. {}",
                d.doc.date.as_deref().unwrap_or("?"),
                d.item,
                d.item_title.as_deref().unwrap_or("")
            );
            println!(
                "     {}  (#{} {} p. {})",
                d.text, d.doc.doc_id, d.doc.file_name, d.page
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn commitments(archive: &Archive, cycle: Option<i64>, json: bool) -> Result<ExitCode> {
    let list = archive.commitments(cycle)?;
    if json {
        json_pretty(&list);
        return Ok(ExitCode::SUCCESS);
    }
    for c in &list {
        println!(
            "{:<5} {}  [{}]",
            c.id,
            c.title,
            c.completion.as_deref().unwrap_or("—")
        );
        println!(
            "      {}  (#{} {} p. {}; {} mentions)",
            c.institution.as_deref().unwrap_or(""),
            c.plan.doc_id,
            c.plan.file_name,
            c.page,
            c.mentions
        );
        if let Some(p) = &c.continues {
            println!("      turpina / continues {p}");
        }
        if let Some(n) = &c.continued_by {
            println!("      turpināta / continued by {n}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn commitment(archive: &Archive, id: &str, json: bool) -> Result<ExitCode> {
    let Some((c, thread)) = archive.commitment(id)? else {
        return not_found(id);
    };
    if json {
        json_pretty(&serde_json::json!({ "commitment": c, "thread": thread }));
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}  {}", c.id, c.title);
    if let Some(i) = &c.institution {
        println!("atbildīgā iestāde / responsible: {i}");
    }
    for m in &c.milestones {
        println!("  ◦ {}  {}", m.text, m.deadline.as_deref().unwrap_or(""));
    }
    for t in &thread {
        let step = serde_json::to_value(t.step)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let at = t
            .doc
            .as_ref()
            .map(|d| format!("#{} {} p. {}", d.doc_id, d.file_name, t.page.unwrap_or(1)))
            .unwrap_or_default();
        println!(
            "{}  {:<12} {:<5} {}  ({at})",
            t.date.as_deref().unwrap_or("          "),
            step,
            t.commitment,
            t.text
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn people(archive: &Archive, query: Option<String>, json: bool) -> Result<ExitCode> {
    let list = archive.people(query.as_deref())?;
    if json {
        json_pretty(&list);
        return Ok(ExitCode::SUCCESS);
    }
    for p in &list {
        println!("{}  ({})", p.person, p.organisations.join("; "));
        for m in &p.meetings {
            println!(
                "     {}  {}  #{} {} p. {}",
                m.doc.date.as_deref().unwrap_or("?"),
                m.role,
                m.doc.doc_id,
                m.doc.file_name,
                m.page
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
