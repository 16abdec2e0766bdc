//! The agenda: numbered items under `Darba kārtība` / `Sēdes darba kārtība` / `Agenda`, and
//! the section of the protocol where each item is discussed (the numbered heading that repeats
//! the item, `2. Uzraudzības padomes nolikuma apspriešana`). Without an agenda list, numbered
//! short headings in sequence are the items.

use super::text::{ends_sentence, find_names, fold_lower, keys, leading_number, Line};
use super::{AgendaItem, Rule};

const HEADINGS: &[&str] = &["darba kartiba", "dienas kartiba", "agenda"];

/// The items, and the sections as (first line index, item index) in line order.
pub fn agenda(lines: &[Line]) -> (Vec<AgendaItem>, Vec<(usize, usize)>) {
    let Some(h) = lines.iter().position(is_heading) else {
        return headings_only(lines);
    };
    let (mut items, end) = list(lines, h + 1);
    let mut sections = Vec::new();
    let mut from = end;
    for (idx, item) in items.iter_mut().enumerate() {
        if let Some(k) = (from..lines.len()).find(|&k| is_section(lines, k, item)) {
            item.page = lines[k].page;
            sections.push((k, idx));
            from = k + 1;
        }
    }
    (items, sections)
}

fn is_heading(l: &Line) -> bool {
    let f = fold_lower(&l.text);
    let f = f.trim_end_matches(':').trim();
    f.split_whitespace().count() <= 4 && HEADINGS.iter().any(|h| f.ends_with(h))
}

/// Numbered items from line `start`: 1, 2, 3 … in sequence, a number alone on its line taking
/// the next line as its title, titles continued on lines that start in lower case. Returns the
/// items and the index of the first line after the list.
fn list(lines: &[Line], start: usize) -> (Vec<AgendaItem>, usize) {
    let mut items: Vec<AgendaItem> = Vec::new();
    let mut j = start;
    let mut skipped = 0;
    while j < lines.len() {
        let Some((n, rest)) = leading_number(&lines[j].text) else {
            if items.is_empty() && skipped < 2 {
                skipped += 1;
                j += 1;
                continue;
            }
            break;
        };
        if n as usize != items.len() + 1 {
            break;
        }
        let page = lines[j].page;
        let mut title = rest.to_string();
        j += 1;
        if title.is_empty() {
            match lines.get(j) {
                Some(l) if leading_number(&l.text).is_none() => {
                    title = l.text.clone();
                    j += 1;
                }
                _ => break,
            }
        }
        while let Some(l) = lines.get(j) {
            let continues = !ends_sentence(&title)
                && leading_number(&l.text).is_none()
                && l.text.chars().next().is_some_and(char::is_lowercase);
            if !continues {
                break;
            }
            title.push(' ');
            title.push_str(&l.text);
            j += 1;
        }
        items.push(AgendaItem {
            number: n,
            title: title.trim_end_matches('.').trim().to_string(),
            page,
            rule: Rule::AgendaList,
            decisions: Vec::new(),
            actions: Vec::new(),
            votes: Vec::new(),
        });
    }
    (items, j)
}

/// Whether line `k` is the heading of `item`'s section: its number, and a title sharing a word
/// with the agenda's (on the same line or, for a number alone, the next).
fn is_section(lines: &[Line], k: usize, item: &AgendaItem) -> bool {
    let Some((n, rest)) = leading_number(&lines[k].text) else {
        return false;
    };
    if n != item.number {
        return false;
    }
    let title = if rest.is_empty() {
        match lines.get(k + 1) {
            Some(l) => l.text.as_str(),
            None => return false,
        }
    } else {
        rest
    };
    let want = keys(&item.title);
    keys(title).iter().any(|k| want.contains(k))
}

/// A protocol without an agenda list: numbered short headings in sequence (`1. Plāna izstrādes
/// laika grafiks`) that do not end like a sentence.
fn headings_only(lines: &[Line]) -> (Vec<AgendaItem>, Vec<(usize, usize)>) {
    let mut items = Vec::new();
    let mut sections = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        let Some((n, rest)) = leading_number(&l.text) else {
            continue;
        };
        // not a numbered list (consecutive lines) nor the rows of a participants table
        let apart = sections.last().is_none_or(|&(prev, _)| k > prev + 1);
        let heading_like = n as usize == items.len() + 1
            && apart
            && rest.chars().next().is_some_and(char::is_uppercase)
            && rest.chars().count() <= 80
            && !rest.ends_with(['.', ';', ',', ':'])
            && find_names(rest).first() != Some(&(0, rest.len()));
        if heading_like {
            sections.push((k, items.len()));
            items.push(AgendaItem {
                number: n,
                title: rest.to_string(),
                page: l.page,
                rule: Rule::SectionHeading,
                decisions: Vec::new(),
                actions: Vec::new(),
                votes: Vec::new(),
            });
        }
    }
    (items, sections)
}
