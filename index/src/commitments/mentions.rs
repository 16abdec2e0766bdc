//! Where other documents mention a commitment:
//! - by number within the document's own cycle: `6. apņemšanās`, `1., 2. un 5. apņemšanās`,
//!   `4. apņemšanās ietvaros`, `commitment 4`, `Commitments 5 and 6`;
//! - by the words of its title in order, in any cycle (`… apņemšanās "Interešu
//!   pārstāvniecības un lobēšanas atklātība" …` in a later council's protocol); a match inside
//!   a longer title's match is that longer title's, and a title of another cycle whose words
//!   are all in a title of the document's own cycle counts for the own cycle's;
//! - by OGP identifier (`LV0040`) when a plan printed it.

use std::collections::HashSet;

use super::plan::is_ogp_id;
use super::{Commitment, CommitmentRef, Mention, Rule};
use crate::meetings::text::{contains_run, fold_lower, keys, lines, Line};

/// Mentions in one document of `cycle` (None when it has none). `known` holds every cycle's
/// commitments. A plan's own commitments are not mentions of themselves: leave its cycle out
/// of `known` or do not call this for plans.
pub fn mentions(
    pages: &[&str],
    cycle: Option<u32>,
    known: &[(u32, Vec<Commitment>)],
) -> Vec<Mention> {
    let ls = lines(pages);
    let mut out = Vec::new();
    let own: &[Commitment] = cycle
        .and_then(|c| known.iter().find(|(k, _)| *k == c))
        .map_or(&[], |(_, v)| v.as_slice());
    for l in &ls {
        let folded = fold_lower(&l.text);
        let by_number = folded.contains("apnemsan") || folded.contains("commitment");
        if let (Some(c), true) = (cycle, by_number) {
            for n in numbers_mentioned(&l.text) {
                if own.iter().any(|x| x.number == n) {
                    push(&mut out, c, n, l, Rule::MentionNumber);
                }
            }
        }
        if !l.text.contains("LV") {
            continue;
        }
        for w in l.text.split(|c: char| !c.is_alphanumeric()) {
            if !is_ogp_id(w) {
                continue;
            }
            for (c, list) in known {
                if let Some(x) = list.iter().find(|x| x.ogp_id.as_deref() == Some(w)) {
                    push(&mut out, *c, x.number, l, Rule::MentionOgpId);
                }
            }
        }
    }
    for page in 1..=pages.len() as u32 {
        title_mentions(&ls, page, cycle, known, &mut out);
    }
    out
}

fn push(out: &mut Vec<Mention>, cycle: u32, number: u32, l: &Line, rule: Rule) {
    let commitment = CommitmentRef { cycle, number };
    if out
        .iter()
        .any(|m| m.commitment == commitment && m.page == l.page && m.rule == rule)
    {
        return;
    }
    out.push(Mention {
        commitment,
        page: l.page,
        rule,
        excerpt: l.text.clone(),
    });
}

/// The numbers a line says are commitments: the numbers (`1.,` `2.` `un` `5.`) right before
/// a form of `apņemšanās`, or right after `commitment(s)`.
pub(crate) fn numbers_mentioned(text: &str) -> Vec<u32> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let f = fold_lower(w.trim_matches(|c: char| !c.is_alphanumeric()));
        if f.starts_with("apnemsan") {
            let mut j = i;
            while j > 0 {
                j -= 1;
                match ordinal(words[j]) {
                    Some(n) => out.push(n),
                    None if is_connector(words[j]) => {}
                    None => break,
                }
            }
        } else if f == "commitment" || f == "commitments" {
            for w in &words[i + 1..] {
                match w
                    .trim_end_matches([',', '.', ';', ':', ')'])
                    .parse::<u32>()
                    .ok()
                {
                    Some(n) if n > 0 && n < 50 => out.push(n),
                    _ if is_connector(w) => {}
                    _ => break,
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// `5.` or `1.,`: a small number written as a Latvian ordinal.
fn ordinal(w: &str) -> Option<u32> {
    let t = w.trim_start_matches('(').trim_end_matches([',', ')']);
    let digits = t.strip_suffix('.')?;
    let n: u32 = digits.parse().ok()?;
    (n > 0 && n < 50).then_some(n)
}

fn is_connector(w: &str) -> bool {
    matches!(fold_lower(w).as_str(), "un" | "," | "and" | "&" | "–" | "-")
}

/// Title mentions on one page: each commitment's title keys (at least two) as a run of the
/// page's keys.
fn title_mentions(
    ls: &[Line],
    page: u32,
    cycle: Option<u32>,
    known: &[(u32, Vec<Commitment>)],
    out: &mut Vec<Mention>,
) {
    // A title's keys (folded stems) are, but for a rare consonant change, substrings of the
    // folded words they come from: a page that lacks one cannot mention the title, and most
    // pages lack them all, so their words are not stemmed at all.
    let folded: String = ls
        .iter()
        .filter(|l| l.page == page)
        .map(|l| fold_lower(&l.text))
        .collect::<Vec<_>>()
        .join(" ");
    let titles: Vec<(u32, u32, Vec<String>)> = known
        .iter()
        .flat_map(|(c, list)| list.iter().map(move |x| (*c, x.number, keys(&x.title))))
        .filter(|(_, _, want)| want.len() >= 2 && want.iter().all(|k| folded.contains(k.as_str())))
        .collect();
    if titles.is_empty() {
        return;
    }
    // the page's keys, each with the index of its line
    let mut page_keys = Vec::new();
    let mut line_of = Vec::new();
    for (i, l) in ls.iter().enumerate().filter(|(_, l)| l.page == page) {
        for k in keys(&l.text) {
            page_keys.push(k);
            line_of.push(i);
        }
    }
    // (start, len, cycle, number)
    let mut found: Vec<(usize, usize, u32, u32)> = Vec::new();
    for (c, n, want) in &titles {
        let mut from = 0;
        while let Some(p) = contains_run(&page_keys[from..], want) {
            found.push((from + p, want.len(), *c, *n));
            from += p + 1;
        }
    }
    let own: Vec<(u32, HashSet<String>)> = cycle
        .and_then(|c| known.iter().find(|(k, _)| *k == c))
        .map(|(_, v)| {
            v.iter()
                .map(|x| (x.number, keys(&x.title).into_iter().collect()))
                .collect()
        })
        .unwrap_or_default();
    for &(start, len, c, n) in &found {
        let inside_longer = found
            .iter()
            .any(|&(s, l, ..)| l > len && s <= start && start + len <= s + l);
        if inside_longer {
            continue;
        }
        let (c, n) = match cycle {
            Some(own_cycle) if own_cycle != c => {
                let words: HashSet<&String> = page_keys[start..start + len].iter().collect();
                own.iter()
                    .find(|(_, t)| words.iter().all(|w| t.contains(*w)))
                    .map_or((c, n), |(on, _)| (own_cycle, *on))
            }
            _ => (c, n),
        };
        push(out, c, n, &ls[line_of[start]], Rule::MentionTitle);
    }
}
