//! `ogp-archive`, the command line: glue between the arguments ([`args`]), the library and
//! the terminal ([`print`]). One function per command ([`commands`], [`ingest`]).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use ogp_archive::{Archive, Error, Result};

mod args;
mod commands;
mod export;
mod ingest;
mod print;
mod records;

use args::{Cli, Command};
use print::progress_bar;

/// Parses the command line, opens the archive and runs the command; the exit code is 0 on
/// success, 1 when some item failed (a file, a page, a check), 2 when the command could not
/// run at all.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Extract { file } = &cli.command {
        return extract(file);
    }
    let dir = cli.archive.dir();
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

fn fail(e: &Error) -> ExitCode {
    eprintln!("ogp-archive: {}", e.user_message());
    ExitCode::from(2)
}

fn catch_up_index(archive: &Archive) -> Result<()> {
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

fn run(archive: &Archive, command: Command) -> Result<ExitCode> {
    match command {
        Command::Extract { .. } => unreachable!("handled before the archive is opened"),
        Command::Ingest { paths, json, ocr } => ingest::ingest(archive, paths, json, ocr),
        Command::Ocr {
            ids,
            all,
            status,
            json,
        } => ingest::ocr(archive, ids, all, status, json),
        Command::Search {
            query,
            filter,
            limit,
            json,
            no_expand,
        } => commands::search(archive, query, filter, limit, json, !no_expand),
        Command::Similar { id, limit, json } => commands::similar(archive, id, limit, json),
        Command::List { filter, json } => commands::list(archive, filter, json),
        Command::Show { id, json, text } => commands::show(archive, id, json, text),
        Command::Cycles { json } => commands::cycles(archive, json),
        Command::CycleAdd {
            number,
            start_year,
            end_year,
            title,
        } => commands::cycle_add(archive, number, start_year, end_year, title),
        Command::CycleDelete { number } => commands::cycle_delete(archive, number),
        Command::Sessions { cycle, json } => commands::sessions(archive, cycle, json),
        Command::SessionAdd { cycle, date, title } => {
            commands::session_add(archive, cycle, date, title)
        }
        Command::SessionRename { id, title } => commands::session_rename(archive, id, title),
        Command::SessionDelete { id } => commands::session_delete(archive, id),
        Command::Set(args) => commands::set(archive, args),
        Command::Remove { ids } => commands::remove(archive, ids),
        Command::Restore { ids } => commands::restore(archive, ids),
        Command::Trash { empty, json } => commands::trash(archive, empty, json),
        Command::CorrectRecord(what) => records::correct(archive, what),
        Command::Meeting { date, json } => records::meeting(archive, date, json),
        Command::Decisions { query, cycle, json } => {
            records::decisions(archive, query, cycle, json)
        }
        Command::Commitments { cycle, json } => records::commitments(archive, cycle, json),
        Command::Commitment { id, json } => records::commitment(archive, &id, json),
        Command::People { query, json } => records::people(archive, query, json),
        Command::Export { cycle, out, format } => export::export(archive, cycle, out, format),
        Command::Cite { id, page, format } => export::cite(archive, id, page, format),
        Command::Verify { json, bundle } => export::verify(archive, json, bundle),
        Command::LoadSamples { from } => commands::load_samples(archive, from),
    }
}

fn extract(file: &std::path::Path) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("ogp-archive: {}: {e}", file.display());
            return ExitCode::from(1);
        }
    };
    match ogp_archive::extract_guarded(&bytes, &Default::default()) {
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
