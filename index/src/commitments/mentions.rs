//! Where other documents mention a commitment:
//! - by number within the document's own cycle: `6. apņemšanās`, `1., 2. un 5. apņemšanās`,
//!   `4. apņemšanās ietvaros`, `commitment 4`, `Commitments 5 and 6`;
//! - by the words of its title in order, in any cycle (`… apņemšanās "Interešu
//!   pārstāvniecības un lobēšanas atklātība" …` in a later council's protocol); a match inside
//!   a longer title's match is that longer title's, and a title of another cycle whose words
//!   are all in a title of the document's own cycle counts for the own cycle's;
//! - by OGP identifier (`LV0040`) when a plan printed it.

use std::collections::HashSet;

use aho_corasick::AhoCorasick;

use super::plan::is_ogp_id;
use super::{Commitment, CommitmentRef, Mention, Rule};
use crate::meetings::text::{contains_run, fold_lower, keys, lines, Line, Stems};

/// A commitment title's search keys, worked out once for every page they are looked for on.
struct Title {
    cycle: u32,
    number: u32,
    keys: Vec<String>,
    /// The prefilter's pattern number of each key.
    patterns: Vec<usize>,
}

/// Every cycle's commitments as mentions are looked for: each title's keys (folded stems)
/// worked out once, and one Aho-Corasick automaton over all of them, so that a page is
/// searched for every key of every title in one pass over its folded text (the keys of a
/// hundred titles looked up one by one took most of the time of reading the records).
pub struct Known {
    cycles: Vec<(u32, Vec<Commitment>)>,
    titles: Vec<Title>,
    matcher: Option<AhoCorasick>,
    patterns: usize,
}

impl Known {
    pub fn new(cycles: Vec<(u32, Vec<Commitment>)>) -> Known {
        let mut distinct: Vec<String> = Vec::new();
        let mut titles = Vec::new();
        for (c, list) in &cycles {
            for x in list {
                let keys = keys(&x.title);
                let patterns = keys
                    .iter()
                    .map(|k| match distinct.iter().position(|d| d == k) {
                        Some(i) => i,
                        None => {
                            distinct.push(k.clone());
                            distinct.len() - 1
                        }
                    })
                    .collect();
                titles.push(Title {
                    cycle: *c,
                    number: x.number,
                    keys,
                    patterns,
                });
            }
        }
        // A key that cannot be built into an automaton (never for short stems) only turns
        // the prefilter off: every page is then stemmed, as before it existed.
        let matcher = AhoCorasick::new(&distinct).ok();
        Known {
            cycles,
            titles,
            matcher,
            patterns: distinct.len(),
        }
    }

    /// The commitments of each cycle.
    pub fn cycles(&self) -> &[(u32, Vec<Commitment>)] {
        &self.cycles
    }

    /// The commitments of one cycle.
    pub fn of(&self, cycle: u32) -> &[Commitment] {
        self.cycles
            .iter()
            .find(|(k, _)| *k == cycle)
            .map_or(&[], |(_, v)| v.as_slice())
    }

    /// The titles (at least two keys) whose every key occurs in `folded`.
    fn candidates(&self, folded: &str) -> Vec<&Title> {
        let long = self.titles.iter().filter(|t| t.keys.len() >= 2);
        let Some(m) = &self.matcher else {
            return long
                .filter(|t| t.keys.iter().all(|k| folded.contains(k.as_str())))
                .collect();
        };
        let mut present = vec![false; self.patterns];
        for hit in m.find_overlapping_iter(folded) {
            present[hit.pattern().as_usize()] = true;
        }
        long.filter(|t| t.patterns.iter().all(|&p| present[p]))
            .collect()
    }
}

/// Mentions in one document of `cycle` (None when it has none). `known` holds every cycle's
/// commitments. A plan's own commitments are not mentions of themselves: leave its cycle out
/// of `known` or do not call this for plans.
pub fn mentions(
    pages: &[&str],
    cycle: Option<u32>,
    known: &[(u32, Vec<Commitment>)],
) -> Vec<Mention> {
    mentions_known(pages, cycle, &Known::new(known.to_vec()))
}

/// [`mentions`] against commitments prepared once for many documents.
pub fn mentions_known(pages: &[&str], cycle: Option<u32>, known: &Known) -> Vec<Mention> {
    mentions_with(pages, cycle, known, &mut Stems::new())
}

/// [`mentions_known`] with the words stemmed for earlier documents.
pub fn mentions_with(
    pages: &[&str],
    cycle: Option<u32>,
    known: &Known,
    stems: &mut Stems,
) -> Vec<Mention> {
    let ls = lines(pages);
    let folded: Vec<String> = ls.iter().map(|l| fold_lower(&l.text)).collect();
    let mut out = Vec::new();
    let own = cycle.map_or(&[][..], |c| known.of(c));
    for (l, f) in ls.iter().zip(&folded) {
        let by_number = f.contains("apnemsan") || f.contains("commitment");
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
            for (c, list) in known.cycles() {
                if let Some(x) = list.iter().find(|x| x.ogp_id.as_deref() == Some(w)) {
                    push(&mut out, *c, x.number, l, Rule::MentionOgpId);
                }
            }
        }
    }
    // the lines of each page are consecutive: one range per page
    let mut start = 0;
    while start < ls.len() {
        let page = ls[start].page;
        let end = start + ls[start..].iter().take_while(|l| l.page == page).count();
        let lines = Lines {
            all: &ls,
            range: start..end,
            folded: &folded[start..end],
        };
        title_mentions(&lines, cycle, known, stems, &mut out);
        start = end;
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

/// One page's lines: its `range` of all the document's lines, and those lines folded.
struct Lines<'a> {
    all: &'a [Line],
    range: std::ops::Range<usize>,
    folded: &'a [String],
}

/// Title mentions on one page: each commitment's title keys (at least two) as a run of the
/// page's keys (`stems`: the words stemmed so far).
fn title_mentions(
    page: &Lines,
    cycle: Option<u32>,
    known: &Known,
    stems: &mut Stems,
    out: &mut Vec<Mention>,
) {
    let (ls, folded) = (page.all, page.folded);
    // A title's keys (folded stems) are, but for a rare consonant change, substrings of the
    // folded words they come from: a page that lacks one cannot mention the title, and most
    // pages lack them all, so their words are not stemmed at all.
    let titles = known.candidates(&folded.join(" "));
    if titles.is_empty() {
        return;
    }
    // the page's keys, each with the index of its line
    let mut page_keys = Vec::new();
    let mut line_of = Vec::new();
    for i in page.range.clone() {
        for k in stems.keys(&ls[i].text) {
            page_keys.push(k);
            line_of.push(i);
        }
    }
    // (start, len, cycle, number)
    let mut found: Vec<(usize, usize, u32, u32)> = Vec::new();
    for t in &titles {
        let mut from = 0;
        while let Some(p) = contains_run(&page_keys[from..], &t.keys) {
            found.push((from + p, t.keys.len(), t.cycle, t.number));
            from += p + 1;
        }
    }
    if found.is_empty() {
        return;
    }
    let own: Vec<(u32, HashSet<&String>)> = known
        .titles
        .iter()
        .filter(|t| Some(t.cycle) == cycle)
        .map(|t| (t.number, t.keys.iter().collect()))
        .collect();
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
