//! Printing for a terminal or a pipe: progress bars (on a terminal only), JSON lines, and the
//! short descriptions and snippets of the text output.

use std::io::IsTerminal;

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use ogp_archive::{Kind, Lang};

/// A progress bar on a terminal's stderr; nothing at all otherwise.
pub(super) fn progress_bar(total: usize) -> Option<ProgressBar> {
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

pub(super) fn json_line<T: serde::Serialize>(v: &T) {
    println!("{}", serde_json::to_string(v).unwrap_or_default());
}

pub(super) fn json_pretty<T: serde::Serialize>(v: &T) {
    println!("{}", serde_json::to_string_pretty(v).unwrap_or_default());
}

/// Snippet HTML to terminal text: matches in bold on a terminal, «like this» elsewhere.
pub(super) fn snippet_text(html: &str, tty: bool) -> String {
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

pub(super) fn describe(
    kind: Kind,
    cycle: Option<i64>,
    session: Option<NaiveDate>,
    lang: Lang,
) -> String {
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

pub(super) fn join_ids(ids: &[i64]) -> String {
    ids.iter()
        .map(|i| format!("#{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}
