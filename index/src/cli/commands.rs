//! One function per command that reads or changes the archive: each calls the library and
//! prints, as text or (with `--json`) as JSON.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use ogp_archive::{Archive, Error, Lang, OcrState, Patch, Result, SearchOptions};

use super::args::{none_or, parse_date_arg, FilterArgs, SetArgs};
use super::print::{describe, join_ids, json_line, json_pretty, snippet_text};

pub(super) fn search(
    archive: &Archive,
    query: String,
    filter: FilterArgs,
    limit: usize,
    json: bool,
    expand: bool,
) -> Result<ExitCode> {
    let tty = std::io::stdout().is_terminal();
    let outcome = archive.search_with(
        &query,
        &filter.filter(),
        limit,
        SearchOptions {
            expand,
            ..SearchOptions::default()
        },
    )?;
    let hits = &outcome.hits;
    if json {
        // One object: the hits, the corrected query when little was found, and what the
        // glossary also searched in the other language.
        json_pretty(&serde_json::json!({
            "hits": hits,
            "suggestion": outcome.suggestion.as_ref().map(|s| &s.query),
            "expanded": &outcome.expansions,
        }));
    } else {
        if hits.is_empty() {
            eprintln!("nothing found / nekas nav atrasts");
        }
        for e in &outcome.expansions {
            let terms: Vec<String> = e
                .terms
                .iter()
                .map(|t| format!("{} → {}", t.typed, t.translations.join(" / ")))
                .collect();
            println!(
                "arī {} / also in {}: {}",
                lang_lv(e.lang),
                lang_en(e.lang),
                terms.join("; ")
            );
        }
        for h in hits {
            let also = match h.via_glossary {
                Some(l) => format!("  [arī {}]", lang_lv(l)),
                None => String::new(),
            };
            println!(
                "#{}  {}  ({})  p. {}{also}",
                h.id,
                h.title,
                describe(h.kind, h.cycle, h.session, h.lang),
                h.page
            );
            println!("     {}", snippet_text(&h.snippet, tty));
        }
        if let Some(s) = &outcome.suggestion {
            println!("Vai domājāt / did you mean: {}", s.query);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// "angliski" / "latviski": in which language the glossary also searched.
fn lang_lv(l: Lang) -> &'static str {
    match l {
        Lang::En => "angliski",
        Lang::Lv => "latviski",
    }
}

fn lang_en(l: Lang) -> &'static str {
    match l {
        Lang::En => "English",
        Lang::Lv => "Latvian",
    }
}

pub(super) fn similar(archive: &Archive, id: i64, limit: usize, json: bool) -> Result<ExitCode> {
    let docs = archive.similar(id, limit)?;
    if json {
        let rows: Vec<serde_json::Value> = docs
            .iter()
            .map(|(d, score)| {
                let mut v = serde_json::to_value(d).unwrap_or_default();
                v["score"] = serde_json::json!(score);
                v
            })
            .collect();
        json_pretty(&rows);
    } else {
        for (d, _) in &docs {
            println!(
                "#{:<4} {}  ({}, {} p.)  {}",
                d.id,
                d.title,
                describe(d.kind, d.cycle, d.session, d.lang),
                d.pages,
                d.file_name
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn list(archive: &Archive, filter: FilterArgs, json: bool) -> Result<ExitCode> {
    let docs = archive.list(&filter.filter())?;
    if json {
        json_pretty(&docs);
    } else {
        for d in &docs {
            println!(
                "#{:<4} {}  ({}, {} p.)  {}",
                d.id,
                d.title,
                describe(d.kind, d.cycle, d.session, d.lang),
                d.pages,
                d.file_name
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn show(archive: &Archive, id: i64, json: bool, text: bool) -> Result<ExitCode> {
    let d = archive.get(id)?;
    if json {
        json_pretty(&d);
    } else {
        let s = &d.sources;
        println!("#{}  {}", d.id, d.title);
        println!("  file      {}", d.file_name);
        println!("  kind      {}  ({})", d.kind.as_str(), s.kind);
        println!(
            "  cycle     {}  ({})",
            d.cycle.map(|c| c.to_string()).unwrap_or("-".into()),
            s.cycle
        );
        println!(
            "  session   {}  ({})",
            d.session.map(|c| c.to_string()).unwrap_or("-".into()),
            s.session
        );
        println!("  language  {}  ({})", d.lang.as_str(), s.lang);
        println!(
            "  date      {}  ({})",
            d.date.map(|c| c.to_string()).unwrap_or("-".into()),
            s.date
        );
        println!("  pages     {}", d.pages);
        println!("  size      {} bytes", d.size);
        println!("  sha256    {}", d.sha256);
        println!("  status    {}", d.status);
        if !d.corrected.is_empty() {
            println!("  corrected {}", d.corrected.join(", "));
        }
        if let Some(u) = d.unknown_session_date {
            println!("  note      meeting date {u} matches no known session");
        }
        if let Some(t) = &d.trashed_at {
            println!("  in trash  since {t}");
        }
    }
    if !json {
        for p in &d.ocr_pages {
            let what = match (p.state, p.confidence, &p.error) {
                (OcrState::Done, Some(c), _) => format!("recognised text, confidence {c:.0}%"),
                (OcrState::Failed, _, Some(e)) => format!("not recognised: {e}"),
                (OcrState::Queued, _, _) => "waiting for text recognition".to_string(),
                (OcrState::Done, None, _) => "done".to_string(),
                (OcrState::Failed, _, None) => "failed".to_string(),
            };
            println!("  page {:<5} {what}", p.page);
        }
    }
    if text {
        for (n, status, t) in archive.pages(id)? {
            println!("--- page {n} ({status}) ---\n{t}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn cycles(archive: &Archive, json: bool) -> Result<ExitCode> {
    let cycles = archive.cycles()?;
    if json {
        json_pretty(&cycles);
    } else {
        for c in cycles {
            println!(
                "{}  {}–{}  {}  ({} documents)",
                c.number, c.start_year, c.end_year, c.title, c.documents
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn cycle_add(
    archive: &Archive,
    number: i64,
    start_year: i32,
    end_year: i32,
    title: String,
) -> Result<ExitCode> {
    archive.add_cycle(number, start_year, end_year, &title)?;
    println!("cycle {number}: {start_year}–{end_year}");
    Ok(ExitCode::SUCCESS)
}

pub(super) fn cycle_delete(archive: &Archive, number: i64) -> Result<ExitCode> {
    archive.delete_cycle(number)?;
    println!("cycle {number} deleted");
    Ok(ExitCode::SUCCESS)
}

pub(super) fn sessions(archive: &Archive, cycle: Option<i64>, json: bool) -> Result<ExitCode> {
    let sessions = archive.sessions(cycle)?;
    if json {
        json_pretty(&sessions);
    } else {
        for s in sessions {
            println!(
                "#{:<3} {}  cycle {}  {}  ({} documents)",
                s.id, s.date, s.cycle, s.title, s.documents
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn session_add(
    archive: &Archive,
    cycle: i64,
    date: NaiveDate,
    title: String,
) -> Result<ExitCode> {
    let id = archive.add_session(cycle, date, &title)?;
    println!("session #{id}: {date}, cycle {cycle}");
    Ok(ExitCode::SUCCESS)
}

pub(super) fn session_rename(archive: &Archive, id: i64, title: String) -> Result<ExitCode> {
    archive.rename_session(id, &title)?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn session_delete(archive: &Archive, id: i64) -> Result<ExitCode> {
    archive.delete_session(id)?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn set(archive: &Archive, args: SetArgs) -> Result<ExitCode> {
    let SetArgs {
        ids,
        title,
        kind,
        cycle,
        session,
        lang,
        date,
    } = args;
    let bad = |m: String| Error::Invalid(m);
    let patch = Patch {
        title,
        kind,
        cycle: none_or(&cycle, |v| {
            v.parse::<i64>()
                .map_err(|_| format!("not a cycle number: {v}"))
        })
        .map_err(bad)?,
        session: none_or(&session, parse_date_arg).map_err(bad)?,
        lang,
        date: none_or(&date, parse_date_arg).map_err(bad)?,
    };
    archive.set(&ids, &patch)?;
    for id in ids {
        let d = archive.get(id)?;
        println!(
            "#{}  {}  ({})",
            d.id,
            d.title,
            describe(d.kind, d.cycle, d.session, d.lang)
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn remove(archive: &Archive, ids: Vec<i64>) -> Result<ExitCode> {
    archive.remove(&ids)?;
    println!("moved to the trash: {}", join_ids(&ids));
    Ok(ExitCode::SUCCESS)
}

pub(super) fn restore(archive: &Archive, ids: Vec<i64>) -> Result<ExitCode> {
    archive.restore(&ids)?;
    println!("restored: {}", join_ids(&ids));
    Ok(ExitCode::SUCCESS)
}

pub(super) fn trash(archive: &Archive, empty: bool, json: bool) -> Result<ExitCode> {
    if empty {
        let n = archive.empty_trash()?;
        println!("deleted for good: {n} documents");
    } else {
        let docs = archive.trash()?;
        if json {
            json_pretty(&docs);
        } else {
            for d in docs {
                println!("#{:<4} {}  {}", d.id, d.title, d.file_name);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn load_samples(archive: &Archive, from: Option<PathBuf>) -> Result<ExitCode> {
    let dir = from.unwrap_or_else(ogp_archive::bundled_samples_dir);
    match archive.load_samples_if_new(&dir)? {
        Some(out) => {
            for o in out {
                json_line(&o);
            }
        }
        None => eprintln!("the archive is not new; samples not loaded"),
    }
    Ok(ExitCode::SUCCESS)
}
