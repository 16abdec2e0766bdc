//! Prints the text our PDF extractor gets from one file, each page followed by a form feed
//! (like `pdftotext FILE -`), for `scripts/score-extraction.py`.
//!
//! Unlike `ogp-archive extract`, it calls `pdf::extract` without the archive's panic guard, so
//! that a panic shows as exit code 101 and the scorer can count it. With `--status` each page's
//! status goes to stderr, one line per page.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: extract_text FILE.pdf [--status]");
        return ExitCode::from(2);
    };
    let status = args.next().is_some_and(|a| a == "--status");
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: {e}", file.to_string_lossy());
            return ExitCode::from(1);
        }
    };
    match ogp_archive::pdf::extract(&bytes, &Default::default()) {
        Ok(doc) => {
            let mut out = std::io::stdout().lock();
            for (i, p) in doc.pages.iter().enumerate() {
                let _ = write!(out, "{}\x0c", p.text);
                if status {
                    eprintln!("page {}: {:?}", i + 1, p.status);
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", file.to_string_lossy());
            ExitCode::from(1)
        }
    }
}
