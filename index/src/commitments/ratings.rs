//! Ratings of a cycle's commitments in an evaluation report:
//! - a table whose header names a scale (`Completion`, `Did it open government?`, `Potential
//!   impact`, `Izpildes pakāpe`), one row per commitment — the row named by its number
//!   (`3. Lobbying transparency`) or by its title's words — with the levels in its cells, read
//!   in whatever order the extractor gives the cells (one per line, or a row on one line);
//! - prose that opens with a commitment's title and says `Apņemšanās izpildīta būtiski /
//!   daļēji / pilnībā` or `nav uzsākta`.
//!
//! Latvian completion words map onto the IRM's: `pilnībā` → Complete, `būtiski` →
//! Substantial, `daļēji` → Limited, `nav uzsākta` → Not Started.

use std::collections::HashSet;

use super::{Commitment, Level, Rating, Rule, Scale};
use crate::meetings::text::{fold_lower, keys, leading_number, lines, Line};

/// Header words of each scale (folded, lowercased).
const HEADERS: &[(&str, Scale)] = &[
    ("completion", Scale::Completion),
    ("izpildes pakape", Scale::Completion),
    ("did it open government", Scale::OpenedGovernment),
    ("potential impact", Scale::PotentialImpact),
];

/// Level words (folded, lowercased), longest first so `not started` wins over nothing and
/// `did not change` is read whole.
const LEVELS: &[(&str, Level)] = &[
    ("no evidence", Level::NoEvidence),
    ("not started", Level::NotStarted),
    ("nav uzsakta", Level::NotStarted),
    ("did not change", Level::DidNotChange),
    ("substantial", Level::Substantial),
    ("completed", Level::Complete),
    ("complete", Level::Complete),
    ("limited", Level::Limited),
    ("worsened", Level::Worsened),
    ("marginal", Level::Marginal),
    ("major", Level::Major),
    ("outstanding", Level::Outstanding),
    ("transformative", Level::Transformative),
    ("moderate", Level::Moderate),
    ("minor", Level::Minor),
    ("pilniba", Level::Complete),
    ("butiski", Level::Substantial),
    ("daleji", Level::Limited),
];

/// The ratings in one evaluation of the cycle whose commitments are `cycle`.
pub fn ratings(pages: &[&str], cycle: &[Commitment]) -> Vec<Rating> {
    let ls = lines(pages);
    // each title's keys, once (in order, and as a set)
    let titles: Vec<Title> = cycle
        .iter()
        .map(|c| {
            let k = keys(&c.title);
            (c.number, k.iter().cloned().collect(), k)
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < ls.len() {
        let scales = header_scales(&ls, i);
        if scales.is_empty() {
            i += 1;
            continue;
        }
        i = table(&ls, i + 1, &scales, &titles, &mut out);
    }
    prose(&ls, &titles, &mut out);
    out
}

/// A commitment's number and its title's keys as a set and in order.
type Title = (u32, HashSet<String>, Vec<String>);

/// The scales named on header line `i` and the header cells right after it.
fn header_scales(ls: &[Line], i: usize) -> Vec<Scale> {
    let mut scales = Vec::new();
    for l in ls.iter().skip(i).take(4) {
        if l.text.split_whitespace().count() > 10 {
            break;
        }
        let f = fold_lower(&l.text);
        for (h, s) in HEADERS {
            if has_phrase(&f, h) && !scales.contains(s) {
                scales.push(*s);
            }
        }
        if scales.is_empty() {
            break;
        }
    }
    scales
}

/// Whether `phrase` occurs in `f` at word boundaries.
fn has_phrase(f: &str, phrase: &str) -> bool {
    f.match_indices(phrase).any(|(at, _)| {
        let before = f[..at].chars().last();
        let after = f[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The rows of a ratings table from line `from`; returns the line after the table.
fn table(
    ls: &[Line],
    from: usize,
    scales: &[Scale],
    cycle: &[Title],
    out: &mut Vec<Rating>,
) -> usize {
    let mut row: Option<u32> = None;
    let mut seen: HashSet<(u32, Scale)> = HashSet::new();
    let mut j = from;
    while let Some(l) = ls.get(j) {
        let mut rest = l.text.as_str();
        if let Some(n) = row_start(l, cycle, row) {
            row = Some(n);
            rest = leading_number(rest).map_or(rest, |(_, r)| r);
        } else if row.is_some() && l.text.split_whitespace().count() > 10 {
            break;
        }
        if let Some(n) = row {
            for level in levels_in(rest) {
                if scales.contains(&level.scale()) && seen.insert((n, level.scale())) {
                    out.push(Rating {
                        number: n,
                        scale: level.scale(),
                        level,
                        page: l.page,
                        rule: Rule::RatingTable,
                    });
                }
            }
        }
        j += 1;
    }
    j
}

/// Whether line `l` opens a row: `N. …` for a commitment N of the cycle, or a line whose
/// words (two or more) are among one commitment's title words (another than the current
/// row's), or contain them all.
fn row_start(l: &Line, cycle: &[Title], current: Option<u32>) -> Option<u32> {
    if let Some((n, _)) = leading_number(&l.text) {
        return cycle.iter().any(|c| c.0 == n).then_some(n);
    }
    let got: HashSet<String> = keys(&l.text).into_iter().collect();
    if got.len() < 2 {
        return None;
    }
    let matching: Vec<u32> = cycle
        .iter()
        .filter(|(_, want, _)| want.len() >= 2 && (got.is_subset(want) || want.is_subset(&got)))
        .map(|c| c.0)
        .collect();
    match matching.as_slice() {
        [n] if Some(*n) != current => Some(*n),
        _ => None,
    }
}

/// The levels named in `text`, in order, each word used once.
fn levels_in(text: &str) -> Vec<Level> {
    let mut f = fold_lower(text);
    let mut found: Vec<(usize, Level)> = Vec::new();
    for (w, level) in LEVELS {
        while let Some(at) = f.match_indices(w).map(|(i, _)| i).find(|&i| {
            let before = f[..i].chars().last();
            let after = f[i + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        }) {
            found.push((at, *level));
            f.replace_range(at..at + w.len(), &" ".repeat(w.len()));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, l)| l).collect()
}

/// `<Title>. Apņemšanās izpildīta būtiski.`: a line opening with a commitment's title words,
/// and a completion word after `izpildīta` / `nav uzsākta` on it or the next two lines.
fn prose(ls: &[Line], cycle: &[Title], out: &mut Vec<Rating>) {
    for (i, l) in ls.iter().enumerate() {
        let got = keys(&l.text);
        let Some((number, _, _)) = cycle
            .iter()
            .find(|(_, _, want)| want.len() >= 2 && got.starts_with(want))
        else {
            continue;
        };
        let number = *number;
        let text: String = ls[i..ls.len().min(i + 3)]
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let f = fold_lower(&text);
        let level = if f.contains("nav uzsakta") {
            Some(Level::NotStarted)
        } else {
            f.find("izpildita ").and_then(|at| {
                let word = f[at + "izpildita ".len()..].split_whitespace().next()?;
                levels_in(word).into_iter().next()
            })
        };
        let Some(level) = level else { continue };
        let already = out
            .iter()
            .any(|r| r.number == number && r.scale == Scale::Completion && r.page == l.page);
        if !already {
            out.push(Rating {
                number,
                scale: Scale::Completion,
                level,
                page: l.page,
                rule: Rule::RatingProse,
            });
        }
    }
}
