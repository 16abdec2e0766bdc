//! `ogp-archive`: the command line over the archive library.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use ogp_archive::{dates, Archive, Error, Filter, Kind, Lang, Patch, Progress};

#[derive(Parser)]
#[command(
    name = "ogp-archive",
    version,
    about = "OGP Archive: Latvia's Open Government Partnership document archive"
)]
struct Cli {
    /// The archive folder [default: $OGP_ARCHIVE_DIR, else ~/.local/share/ogp-archive]
    #[arg(long, global = true, value_name = "DIR")]
    archive: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Default)]
struct FilterArgs {
    /// Plan cycle number (1–5, …)
    #[arg(long)]
    cycle: Option<i64>,
    /// Council session date (YYYY-MM-DD or any usual date form)
    #[arg(long, value_parser = parse_date_arg)]
    session: Option<NaiveDate>,
    /// plan, protocol, presentation, evaluation, declaration, survey, other
    #[arg(long, value_parser = parse_kind)]
    kind: Option<Kind>,
    /// lv or en
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
}

impl FilterArgs {
    fn filter(&self) -> Filter {
        Filter {
            cycle: self.cycle,
            session: self.session,
            kind: self.kind,
            lang: self.lang,
            without_session: false,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Add PDF files and folders (searched recursively) to the archive
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// One JSON object per file
        #[arg(long)]
        json: bool,
        /// Then recognise the text of scanned pages (OCR) right away
        #[arg(long)]
        ocr: bool,
    },
    /// Recognise the text of scanned pages and pages with unreadable fonts (OCR, Tesseract
    /// lav+eng). With ids: those documents' flagged pages; --all: every flagged page, failed
    /// ones again; neither: the pages waiting in the queue
    Ocr {
        ids: Vec<i64>,
        #[arg(long, conflicts_with = "ids")]
        all: bool,
        /// Only show the queue and whether the engine is installed
        #[arg(long)]
        status: bool,
        /// One JSON object per page, then the summary
        #[arg(long)]
        json: bool,
    },
    /// Print the text of every page, pages ending in a form feed (like `pdftotext FILE -`)
    Extract { file: PathBuf },
    /// Full-text search: words with or without diacritics, "phrases", AND/OR/NOT, dates
    Search {
        query: String,
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// List documents
    List {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long)]
        json: bool,
    },
    /// Show one document: metadata, where each guess came from, and (with --text) its text
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        text: bool,
    },
    /// List plan cycles, or add/delete one
    Cycles {
        #[arg(long)]
        json: bool,
    },
    /// Add or change a plan cycle: NUMBER START_YEAR END_YEAR
    CycleAdd {
        number: i64,
        start_year: i32,
        end_year: i32,
        #[arg(long, default_value = "")]
        title: String,
    },
    /// Delete an empty plan cycle
    CycleDelete { number: i64 },
    /// List council sessions and meetings
    Sessions {
        #[arg(long)]
        cycle: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Add a council session: documents that stated this date move into it
    SessionAdd {
        #[arg(long)]
        cycle: i64,
        #[arg(value_parser = parse_date_arg)]
        date: NaiveDate,
        #[arg(long, default_value = "Uzraudzības padomes sēde")]
        title: String,
    },
    /// Rename a session
    SessionRename { id: i64, title: String },
    /// Delete a session (its documents stay in the cycle, without a session)
    SessionDelete { id: i64 },
    /// Correct what was guessed, for one document or several
    Set {
        #[arg(required = true)]
        ids: Vec<i64>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long, value_parser = parse_kind)]
        kind: Option<Kind>,
        /// A cycle number, or "none"
        #[arg(long)]
        cycle: Option<String>,
        /// A session date, or "none"
        #[arg(long)]
        session: Option<String>,
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
        /// The document's date, or "none"
        #[arg(long)]
        date: Option<String>,
    },
    /// Move documents to the trash (bytes are kept until `trash --empty`)
    Remove {
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// List the trash; --empty deletes it for good
    Trash {
        #[arg(long)]
        empty: bool,
        #[arg(long)]
        json: bool,
    },
    /// Bring documents back from the trash
    Restore {
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Export a cycle's bundle: a zip by session, with manifest and SHA256SUMS
    Export {
        #[arg(long)]
        cycle: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Re-read every stored file against its SHA-256 and check catalog and index agree;
    /// with --bundle, check an exported zip or unpacked folder against its manifest
    Verify {
        #[arg(long)]
        json: bool,
        #[arg(long, value_name = "ZIP_OR_FOLDER")]
        bundle: Option<PathBuf>,
    },
    /// Load the bundled sample documents into an archive that has never been filled
    LoadSamples {
        #[arg(long)]
        from: Option<PathBuf>,
    },
}

fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    dates::parse_date(s).ok_or_else(|| format!("not a date: {s} (use YYYY-MM-DD)"))
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    s.parse::<Kind>().map_err(|_| {
        format!("unknown kind {s}: plan, protocol, presentation, evaluation, declaration, survey, other")
    })
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse::<Lang>()
        .map_err(|_| format!("unknown language {s}: lv or en"))
}

fn none_or<T>(
    s: &Option<String>,
    f: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<Option<T>>, String> {
    match s.as_deref() {
        None => Ok(None),
        Some("none" | "") => Ok(Some(None)),
        Some(v) => f(v).map(|x| Some(Some(x))),
    }
}

/// A progress bar on a terminal's stderr; nothing at all otherwise.
fn progress_bar(total: usize) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = ProgressBar::new(total as u64);
    pb.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    Some(pb)
}

fn fail(e: &Error) -> ExitCode {
    eprintln!("ogp-archive: {}", e.user_message());
    ExitCode::from(2)
}

fn json_line<T: serde::Serialize>(v: &T) {
    println!("{}", serde_json::to_string(v).unwrap_or_default());
}

fn json_pretty<T: serde::Serialize>(v: &T) {
    println!("{}", serde_json::to_string_pretty(v).unwrap_or_default());
}

/// Snippet HTML to terminal text: matches in bold on a terminal, «like this» elsewhere.
fn snippet_text(html: &str, tty: bool) -> String {
    let (on, off) = if tty {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("«", "»")
    };
    html.replace("<b>", on)
        .replace("</b>", off)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

fn describe(kind: Kind, cycle: Option<i64>, session: Option<NaiveDate>, lang: Lang) -> String {
    let mut s = kind.as_str().to_string();
    match cycle {
        Some(c) => s.push_str(&format!(", cycle {c}")),
        None => s.push_str(", no cycle"),
    }
    if let Some(d) = session {
        s.push_str(&format!(", session {d}"));
    }
    s.push_str(&format!(", {}", lang.as_str()));
    s
}

fn main() -> ExitCode {
    // Piped into `head` and the like, stop quietly when the reader goes away, as Unix tools
    // do, instead of panicking on the failed write (Rust ignores SIGPIPE by default).
    // SAFETY: setting a signal's disposition to the default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    if let Command::Extract { file } = &cli.command {
        return extract(file);
    }
    let dir = cli.archive.clone().unwrap_or_else(Archive::default_dir);
    let archive = match Archive::open_deferring_index(&dir) {
        Ok(a) => a,
        Err(e) => return fail(&e),
    };
    // A search index to rebuild (a new version's layout, a lost index): before the command,
    // with a progress bar on a terminal.
    if let Err(e) = catch_up_index(&archive) {
        return fail(&e);
    }
    match run(&archive, cli.command) {
        Ok(code) => code,
        Err(e) => fail(&e),
    }
}

fn catch_up_index(archive: &Archive) -> ogp_archive::Result<()> {
    let backlog = archive.index_backlog()?;
    if backlog == 0 || archive.read_only().is_some() {
        return Ok(());
    }
    let pb = progress_bar(backlog);
    if let Some(pb) = &pb {
        pb.set_message("atjauno meklēšanas indeksu / rebuilding the search index");
    }
    archive.catch_up_index(&mut |p| {
        if let Some(pb) = &pb {
            pb.set_position(p.done as u64);
        }
    })?;
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    Ok(())
}

fn extract(file: &std::path::Path) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("ogp-archive: {}: {e}", file.display());
            return ExitCode::from(1);
        }
    };
    match ogp_archive::archive::extract_guarded(&bytes, &Default::default()) {
        Ok(doc) => {
            let mut out = std::io::stdout().lock();
            for p in &doc.pages {
                let _ = write!(out, "{}\x0c", p.text);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ogp-archive: {}: {}", file.display(), e.user_message());
            ExitCode::from(1)
        }
    }
}

/// Runs the OCR queue (of these documents, or all) with a progress bar on a terminal.
fn run_ocr(archive: &Archive, ids: Option<Vec<i64>>, json: bool) -> ogp_archive::Result<ExitCode> {
    let engine = ogp_archive::ocr::Engine::detect()?;
    let total = archive.ocr_counts()?.0;
    let pb = progress_bar(total);
    let print = |line: String| match &pb {
        Some(pb) => pb.println(line),
        None => println!("{line}"),
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let summary = archive.run_ocr(
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
    } else if summary.recognized + summary.failed.len() == 0 {
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

fn run(archive: &Archive, command: Command) -> ogp_archive::Result<ExitCode> {
    let tty = std::io::stdout().is_terminal();
    match command {
        Command::Extract { .. } => unreachable!("handled before the archive is opened"),
        Command::Ingest { paths, json, ocr } => {
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
                let line = match o.outcome.as_str() {
                    "added" => {
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
                        if let Some(s) = o.status.as_deref().filter(|s| *s != "ok") {
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
                    "duplicate" => format!(
                        "duplicate  #{}  {}  (already in the archive{})",
                        o.id.unwrap_or_default(),
                        o.file_name,
                        if o.in_trash { ", in the trash" } else { "" }
                    ),
                    _ => format!(
                        "failed     {}: {}",
                        o.path,
                        o.error.as_deref().unwrap_or("")
                    ),
                };
                print(line);
            })?;
            if let Some(pb) = pb {
                pb.finish_and_clear();
            }
            let failed = outcomes.iter().filter(|o| o.is_failure()).count();
            let added = outcomes.iter().filter(|o| o.outcome == "added").count();
            if !json {
                eprintln!(
                    "{} files: {added} added, {} already in the archive, {failed} failed",
                    outcomes.len(),
                    outcomes.len() - added - failed
                );
            }
            let queued = archive.ocr_counts()?.0;
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
        Command::Ocr {
            ids,
            all,
            status,
            json,
        } => {
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
        Command::Search {
            query,
            filter,
            limit,
            json,
        } => {
            let hits = archive.search(&query, &filter.filter(), limit)?;
            if json {
                json_pretty(&hits);
            } else if hits.is_empty() {
                eprintln!("nothing found / nekas nav atrasts");
            } else {
                for h in &hits {
                    println!(
                        "#{}  {}  ({})  p. {}",
                        h.id,
                        h.title,
                        describe(h.kind, h.cycle, h.session, h.lang),
                        h.page
                    );
                    println!("     {}", snippet_text(&h.snippet, tty));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::List { filter, json } => {
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
        Command::Show { id, json, text } => {
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
                    let what = match (p.state.as_str(), p.confidence, &p.error) {
                        ("done", Some(c), _) => format!("recognised text, confidence {c:.0}%"),
                        ("failed", _, Some(e)) => format!("not recognised: {e}"),
                        ("queued", _, _) => "waiting for text recognition".to_string(),
                        (s, _, _) => s.to_string(),
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
        Command::Cycles { json } => {
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
        Command::CycleAdd {
            number,
            start_year,
            end_year,
            title,
        } => {
            archive.add_cycle(number, start_year, end_year, &title)?;
            println!("cycle {number}: {start_year}–{end_year}");
            Ok(ExitCode::SUCCESS)
        }
        Command::CycleDelete { number } => {
            archive.delete_cycle(number)?;
            println!("cycle {number} deleted");
            Ok(ExitCode::SUCCESS)
        }
        Command::Sessions { cycle, json } => {
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
        Command::SessionAdd { cycle, date, title } => {
            let id = archive.add_session(cycle, date, &title)?;
            println!("session #{id}: {date}, cycle {cycle}");
            Ok(ExitCode::SUCCESS)
        }
        Command::SessionRename { id, title } => {
            archive.rename_session(id, &title)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::SessionDelete { id } => {
            archive.delete_session(id)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Set {
            ids,
            title,
            kind,
            cycle,
            session,
            lang,
            date,
        } => {
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
        Command::Remove { ids } => {
            archive.remove(&ids)?;
            println!("moved to the trash: {}", join_ids(&ids));
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore { ids } => {
            archive.restore(&ids)?;
            println!("restored: {}", join_ids(&ids));
            Ok(ExitCode::SUCCESS)
        }
        Command::Trash { empty, json } => {
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
        Command::Export { cycle, out } => {
            let pb = progress_bar(
                archive
                    .cycles()?
                    .iter()
                    .find(|c| c.number == cycle)
                    .map_or(0, |c| c.documents as usize),
            );
            let summary = archive.export_cycle(cycle, &out, &mut |p| {
                if let Some(pb) = &pb {
                    pb.set_position(p.done as u64);
                    pb.set_message(p.current.clone());
                }
            })?;
            if let Some(pb) = pb {
                pb.finish_and_clear();
            }
            println!(
                "{}: {} files, {} bytes",
                summary.path.display(),
                summary.files,
                summary.bytes
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { json, bundle } => {
            let report = match bundle {
                Some(b) => {
                    let (documents, problems) = ogp_archive::export::verify_bundle(&b)?;
                    ogp_archive::VerifyReport {
                        documents,
                        problems,
                    }
                }
                None => archive.verify(&mut |_| {})?,
            };
            if json {
                json_pretty(&report);
            } else {
                for p in &report.problems {
                    println!("problem: {p}");
                }
                println!(
                    "{} documents checked, {} problems",
                    report.documents,
                    report.problems.len()
                );
            }
            Ok(if report.problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::LoadSamples { from } => {
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
    }
}

fn join_ids(ids: &[i64]) -> String {
    ids.iter()
        .map(|i| format!("#{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}
