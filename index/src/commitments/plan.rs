//! A plan's commitments. Three ways plans write them, merged by number (a heading wins over a
//! list item for the title and the page):
//! - a heading per commitment: `1. apņemšanās. Līdzdalības ietvara stiprināšana`,
//!   `Commitment 3: Open contracting`;
//! - a numbered list under a heading that names them (`Apņemšanās`, `3. Apņemšanās jeb rīcības
//!   virzieni`, `Commitments`, an overview table `Nr. | Apņemšanās | Atbildīgā institūcija`),
//!   the title being the item's first sentence; a later section that repeats the title
//!   (`3.1. Publisko iepirkumu un līgumu atklātība`) is where the commitment is described;
//! - in each commitment's section, `Atbildīgā iestāde:` and `Starpposma rezultāts: … – līdz
//!   <datums>` lines.

use std::collections::BTreeMap;

use super::{Commitment, Milestone, Rule};
use crate::dates;
use crate::meetings::text::{
    fold_lower, keys, leading_number, lines, match_prefix, sub_number, Line,
};

/// A commitment found at line `line`.
struct Start {
    line: usize,
    number: u32,
    title: String,
    rule: Rule,
    institution: Option<String>,
}

/// The commitments of one plan, in number order.
pub fn extract_plan(pages: &[&str]) -> Vec<Commitment> {
    let ls = lines(pages);
    let headings: Vec<Start> = ls
        .iter()
        .enumerate()
        .filter_map(|(i, l)| heading(&l.text).map(|(n, t)| (i, n, t)))
        .map(|(line, number, title)| Start {
            line,
            number,
            title,
            rule: Rule::PlanHeading,
            institution: None,
        })
        .collect();
    let listed = list(&ls, &headings);
    let mut by_number: BTreeMap<u32, Start> = BTreeMap::new();
    for s in headings {
        by_number.entry(s.number).or_insert(s);
    }
    for mut item in listed {
        match by_number.get_mut(&item.number) {
            Some(h) => {
                if h.title.is_empty() {
                    h.title = std::mem::take(&mut item.title);
                }
                if h.institution.is_none() {
                    h.institution = item.institution.take();
                }
            }
            None => {
                if let Some(k) = section_by_title(&ls, item.line, &item.title) {
                    item.line = k;
                }
                by_number.insert(item.number, item);
            }
        }
    }
    let mut starts: Vec<usize> = by_number.values().map(|s| s.line).collect();
    starts.sort_unstable();
    by_number
        .into_values()
        .map(|s| {
            let end = section_end(&ls, s.line, &starts);
            let section = &ls[s.line..end];
            let (institution, institution_rule) = match institution(section) {
                Some(i) => (Some(i), Some(Rule::InstitutionLabel)),
                None => {
                    let from_table = s.institution.is_some().then_some(Rule::InstitutionTable);
                    (s.institution, from_table)
                }
            };
            Commitment {
                number: s.number,
                title: s.title,
                institution,
                institution_rule,
                milestones: milestones(section),
                ogp_id: ogp_id(section),
                page: ls[s.line].page,
                rule: s.rule,
            }
        })
        .collect()
}

/// Merges the commitments of several plans of one cycle (the Latvian and the English text):
/// by number, the first plan's record wins and the others fill what it lacks.
pub fn merge(plans: Vec<Vec<Commitment>>) -> Vec<Commitment> {
    let mut by_number: BTreeMap<u32, Commitment> = BTreeMap::new();
    for plan in plans {
        for c in plan {
            match by_number.get_mut(&c.number) {
                None => {
                    by_number.insert(c.number, c);
                }
                Some(have) => {
                    if have.title.is_empty() {
                        have.title = c.title;
                    }
                    if have.institution.is_none() {
                        have.institution = c.institution;
                        have.institution_rule = c.institution_rule;
                    }
                    if have.milestones.is_empty() {
                        have.milestones = c.milestones;
                    }
                    if have.ogp_id.is_none() {
                        have.ogp_id = c.ogp_id;
                    }
                }
            }
        }
    }
    by_number.into_values().collect()
}

/// `N. apņemšanās[.:] Title` or `Commitment N[.:] Title` (title possibly empty); not prose
/// such as `6. apņemšanās kavējas`.
fn heading(text: &str) -> Option<(u32, String)> {
    let (n, title) = if let Some((n, rest)) = leading_number(text) {
        let end = match_prefix(rest, "apnemsanas")?;
        (n, &rest[end..])
    } else {
        let end = match_prefix(text, "commitment")?;
        let rest = text[end..].trim_start();
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        (rest[..digits].parse().ok()?, &rest[digits..])
    };
    let title = title
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ':' | '–' | '-'))
        .trim();
    if text.chars().count() > 140 || title.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    Some((n, title.trim_end_matches('.').to_string()))
}

/// A line that names the commitments as a heading: `Apņemšanās`, `Apņemšanās pārskats`,
/// `3. Apņemšanās jeb rīcības virzieni`, `Commitments`.
fn is_list_heading(text: &str) -> bool {
    let body = leading_number(text).map_or(text, |(_, rest)| rest);
    let f = fold_lower(body);
    f.split_whitespace().count() <= 5
        && !f.ends_with(['.', ':', ';', ','])
        && (f.starts_with("apnemsan") || f.starts_with("commitments"))
        && heading(text).is_none()
}

/// A short line in title case without closing punctuation: a heading or a table cell.
fn is_heading_like(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
        && text.split_whitespace().count() <= 8
        && !text.ends_with(['.', ':', ';'])
}

/// Numbered items under the list headings.
fn list(ls: &[Line], headings: &[Start]) -> Vec<Start> {
    let mut out = Vec::new();
    for h in (0..ls.len()).filter(|&i| is_list_heading(&ls[i].text)) {
        let mut j = h + 1;
        let mut skipped = 0;
        let mut expected = 1;
        while j < ls.len() && headings.iter().all(|s| s.line != j) {
            let Some((n, rest)) = leading_number(&ls[j].text) else {
                if expected == 1 && skipped < 3 {
                    skipped += 1;
                    j += 1;
                    continue;
                }
                break;
            };
            if n != expected {
                break;
            }
            let line = j;
            let mut text = rest.to_string();
            j += 1;
            if text.is_empty() {
                match ls.get(j) {
                    Some(l) if leading_number(&l.text).is_none() => {
                        text = l.text.clone();
                        j += 1;
                    }
                    _ => break,
                }
            }
            // the item continues until the next item, a section number or a heading-like line
            while let Some(l) = ls.get(j) {
                let stop = leading_number(&l.text).is_some()
                    || sub_number(&l.text).is_some()
                    || (is_heading_like(&l.text) && text.ends_with('.'))
                    || (is_heading_like(&l.text) && !starts_lower(&l.text) && table_row(ls, j));
                if stop {
                    break;
                }
                text.push(' ');
                text.push_str(&l.text);
                j += 1;
            }
            // an overview table: the institution cell before the next row's number
            let mut institution = None;
            let mut k = j;
            let mut cells = Vec::new();
            while let Some(l) = ls.get(k) {
                if leading_number(&l.text).is_some() || !is_heading_like(&l.text) || k - j > 1 {
                    break;
                }
                cells.push(l.text.clone());
                k += 1;
            }
            if !cells.is_empty() && !text.ends_with('.') && row_ends(ls, k) {
                institution = Some(cells.join(" "));
                j = k;
            }
            out.push(Start {
                line,
                number: n,
                title: first_sentence(&text),
                rule: Rule::PlanList,
                institution,
            });
            expected += 1;
        }
    }
    out
}

fn starts_lower(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_lowercase)
}

/// Whether line `j` is a cell ending a table row: the next line or the one after it starts
/// the next row (a number alone), a commitment heading follows, or the text ends.
fn table_row(ls: &[Line], j: usize) -> bool {
    (1..=2).any(|d| row_ends(ls, j + d))
}

/// Whether a table row ends before line `k`: it is a number alone, a commitment heading, or
/// past the end.
fn row_ends(ls: &[Line], k: usize) -> bool {
    ls.get(k).is_none_or(|l| {
        leading_number(&l.text).is_some_and(|(_, r)| r.is_empty()) || heading(&l.text).is_some()
    })
}

/// The text up to the first sentence end (`Atvērto datu stratēģija. Izstrādāt …`).
fn first_sentence(text: &str) -> String {
    let end = text
        .match_indices(". ")
        .map(|(i, _)| i)
        .find(|&i| !text[..i].ends_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(text.len());
    text[..end].trim().trim_end_matches('.').to_string()
}

/// A later line that repeats `title` as a section heading (after a `3.1.` number).
fn section_by_title(ls: &[Line], after: usize, title: &str) -> Option<usize> {
    let want = keys(title);
    if want.len() < 2 {
        return None;
    }
    (after + 1..ls.len()).find(|&k| {
        let body = sub_number(&ls[k].text).map_or(ls[k].text.as_str(), |(_, r)| r);
        let got = keys(body);
        got.len() >= 2 && is_heading_like(body) && want.starts_with(&got)
    })
}

/// Where the section starting at `start` ends: the next commitment, a numbered top-level
/// heading, a heading in capitals, or the end.
fn section_end(ls: &[Line], start: usize, starts: &[usize]) -> usize {
    let next = starts
        .iter()
        .copied()
        .find(|&s| s > start)
        .unwrap_or(ls.len());
    (start + 1..next)
        .find(|&k| {
            let t = &ls[k].text;
            let numbered = leading_number(t).is_some_and(|(_, r)| is_heading_like(r));
            let caps = t.chars().filter(|c| c.is_alphabetic()).count() > 5
                && !t.chars().any(char::is_lowercase);
            numbered || caps
        })
        .unwrap_or(next)
}

fn joined(section: &[Line]) -> String {
    section
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Byte offsets in `text` just after each occurrence of one of `labels` (folded, lowercased)
/// at a word start.
fn label_ends(text: &str, labels: &[&str]) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, _) in text.char_indices() {
        if i > 0 && text[..i].chars().last().is_some_and(char::is_alphanumeric) {
            continue;
        }
        if let Some(end) = labels.iter().find_map(|l| match_prefix(&text[i..], l)) {
            out.push(i + end);
        }
    }
    out
}

const INSTITUTION: &[&str] = &[
    "atbildiga iestade",
    "atbildiga institucija",
    "atbildigas iestades",
    "responsible institution",
    "lead institution",
    "lead implementing agency",
];

fn institution(section: &[Line]) -> Option<String> {
    let text = joined(section);
    let at = *label_ends(&text, INSTITUTION).first()?;
    let rest =
        text[at..].trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '–' | '-'));
    let end = rest.find(['.', ';']).unwrap_or(rest.len());
    let value = rest[..end].trim();
    (!value.is_empty() && value.split_whitespace().count() <= 12).then(|| value.to_string())
}

const MILESTONE: &[&str] = &[
    "starpposma rezultats",
    "starpposma rezultati",
    "starpposma merki",
    "milestone",
    "milestones",
];

/// Milestones: after a `Starpposma rezultāts:` label, each `<text> – līdz <datums>` (or `…
/// by <date>`), up to the next heading-like line.
fn milestones(section: &[Line]) -> Vec<Milestone> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < section.len() {
        let ends = label_ends(&section[k].text, MILESTONE);
        let Some(&first) = ends.first() else {
            k += 1;
            continue;
        };
        // the label's region: this line from the label on, and the lines after it that are
        // not headings
        let mut region = section[k].text[first..].to_string();
        let page = section[k].page;
        let mut j = k + 1;
        while let Some(l) = section.get(j) {
            if is_heading_like(&l.text) && !l.text.starts_with(['–', '-', '•']) {
                break;
            }
            if !label_ends(&l.text, INSTITUTION).is_empty() {
                break;
            }
            region.push(' ');
            region.push_str(&l.text);
            j += 1;
        }
        out.extend(region_milestones(&region, page));
        k = j;
    }
    out
}

fn region_milestones(region: &str, page: u32) -> Vec<Milestone> {
    let mut out = Vec::new();
    let mut from = 0;
    for m in dates::find_dates(region) {
        if m.start < from {
            continue;
        }
        let before = &region[from..m.start];
        let lead = before.trim_end();
        let lead = if fold_lower(lead).ends_with("lidz") || lead.ends_with(" by") {
            &lead[..lead.len()
                - if lead.ends_with(" by") {
                    3
                } else {
                    "līdz".len()
                }]
        } else {
            continue;
        };
        let text = lead
            .trim_end()
            .trim_end_matches(['–', '-', ','])
            .trim()
            .trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | ';' | '.' | '–' | '-' | '•')
            });
        let text = strip_label(text);
        if !text.is_empty() {
            out.push(Milestone {
                text: text.to_string(),
                deadline: Some(m.date),
                page,
                rule: Rule::MilestoneLabel,
            });
        }
        from = m.end;
    }
    out
}

/// `Starpposma rezultāts: x` → `x` (a second label inside one region).
fn strip_label(text: &str) -> &str {
    MILESTONE
        .iter()
        .find_map(|l| match_prefix(text, l))
        .map_or(text, |end| text[end..].trim_start_matches([':', ' ']))
}

/// An OGP identifier (`LV0040`) in the section.
fn ogp_id(section: &[Line]) -> Option<String> {
    section.iter().find_map(|l| {
        l.text
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| is_ogp_id(w))
            .map(str::to_string)
    })
}

/// `LV` and four digits.
pub(crate) fn is_ogp_id(w: &str) -> bool {
    w.len() == 6 && w.starts_with("LV") && w[2..].chars().all(|c| c.is_ascii_digit())
}
