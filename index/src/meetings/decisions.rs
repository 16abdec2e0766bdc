//! Decisions, action items and votes. A decision follows a marker (`NOLEMJ:`, `Nolēma:`,
//! `Nolemts:`, `Vienojās:`, `Lēmums:`, `Decided:`, `Agreed:`): numbered (`2.1. …`, one per
//! item, continued over wrapped lines) or on the marker's line, several separated by `;`. An
//! action item is a decision that tasks someone — `uzdot Valsts kancelejai līdz 2023. gada
//! 1. martam sagatavot …` (the institution in the dative, brought back to the nominative, the
//! deadline as written and as a date) — or an English `Action: X to … by <date>` line.

use chrono::NaiveDate;

use super::text::{ends_sentence, fold_lower, labelled, leading_number, sub_number, Line};
use super::{Action, Decision, Rule, Vote};
use crate::dates;

const MARKERS: &[&str] = &[
    "nolemj", "nolema", "nolemts", "nolemt", "vienojas", "lemums", "decided", "agreed", "resolved",
    "decision",
];
const ACTION_LABELS: &[&str] = &["action", "actions", "uzdevums"];

pub struct LocatedDecision {
    pub line: usize,
    pub decision: Decision,
}
pub struct LocatedAction {
    pub line: usize,
    pub action: Action,
}
pub struct LocatedVote {
    pub line: usize,
    pub vote: Vote,
}

#[derive(Default)]
pub struct Found {
    pub decisions: Vec<LocatedDecision>,
    pub actions: Vec<LocatedAction>,
    pub votes: Vec<LocatedVote>,
}

pub fn decisions(lines: &[Line]) -> Found {
    let mut out = Found::default();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if let Some(v) = vote(&line.text) {
            out.votes.push(LocatedVote {
                line: i,
                vote: Vote {
                    page: line.page,
                    ..v
                },
            });
            i += 1;
            continue;
        }
        if let Some(rest) = labelled(&line.text, ACTION_LABELS) {
            let (text, next) = paragraph(lines, i, rest.to_string());
            if let Some(a) = parse_english_action(&text) {
                out.actions.push(LocatedAction {
                    line: i,
                    action: Action {
                        page: line.page,
                        ..a
                    },
                });
            }
            i = next;
            continue;
        }
        let Some(rest) = labelled(&line.text, MARKERS) else {
            i += 1;
            continue;
        };
        let mut found = Vec::new();
        let next = if rest.is_empty() && lines.get(i + 1).is_some_and(|l| numbered(l).is_some()) {
            numbered_list(lines, i + 1, &mut found)
        } else {
            let (text, next, at) = if rest.is_empty() {
                match lines.get(i + 1) {
                    Some(l) => {
                        let (t, n) = paragraph(lines, i + 1, l.text.clone());
                        (t, n, i + 1)
                    }
                    None => break,
                }
            } else {
                let (t, n) = paragraph(lines, i, rest.to_string());
                (t, n, i)
            };
            for part in text.split("; ") {
                let part = clean(part);
                if !part.is_empty() {
                    found.push((at, None, part, Rule::DecisionInline));
                }
            }
            next
        };
        for (at, number, text, rule) in found {
            let page = lines[at].page;
            if let Some(a) = parse_action(&text) {
                out.actions.push(LocatedAction {
                    line: at,
                    action: Action { page, ..a },
                });
            }
            out.decisions.push(LocatedDecision {
                line: at,
                decision: Decision {
                    number,
                    text,
                    page,
                    rule,
                },
            });
        }
        i = next;
    }
    out
}

type Item = (usize, Option<String>, String, Rule);

/// `N.M. text` lines from `start`, each continued until the next number or the end of its
/// sentence; returns the index after the list.
fn numbered_list(lines: &[Line], start: usize, found: &mut Vec<Item>) -> usize {
    let mut j = start;
    while let Some((number, rest)) = lines.get(j).and_then(numbered) {
        let (text, next) = paragraph(lines, j, rest.to_string());
        found.push((j, Some(number), clean(&text), Rule::DecisionNumbered));
        j = next;
    }
    j
}

fn numbered(l: &Line) -> Option<(String, &str)> {
    sub_number(&l.text).filter(|(_, rest)| !rest.is_empty())
}

/// The text from line `i` (given as `text`) on, continued while it does not end a sentence
/// and the next line is neither a numbered item nor a label.
fn paragraph(lines: &[Line], i: usize, mut text: String) -> (String, usize) {
    let mut j = i + 1;
    while let Some(l) = lines.get(j) {
        let ended = ends_sentence(&text);
        let starts_item = sub_number(&l.text).is_some() || leading_number(&l.text).is_some();
        let is_label = labelled(&l.text, MARKERS).is_some() || vote(&l.text).is_some();
        if ended || starts_item || is_label {
            break;
        }
        text.push(' ');
        text.push_str(&l.text);
        j += 1;
    }
    (text, j)
}

fn clean(s: &str) -> String {
    s.trim()
        .trim_end_matches([';', '.', ','])
        .trim()
        .to_string()
}

/// `Balsojums: par – 7, pret – 0, atturas – 1` (also `Balsojums par 2.2. apakšpunktu: …`,
/// `Votes: for 7, against 0, abstained 1`; `nav` counts as 0).
fn vote(text: &str) -> Option<Vote> {
    let f = fold_lower(text);
    if !(f.starts_with("balsojum") || f.starts_with("vote") || f.starts_with("balsoja")) {
        return None;
    }
    let colon = text.find(':')?;
    let decision = text[..colon]
        .split_whitespace()
        .find_map(|w| sub_number(w).map(|(n, _)| n));
    let words: Vec<String> = fold_lower(&text[colon + 1..])
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let count_after = |names: &[&str]| -> Option<u32> {
        let at = words.iter().position(|w| names.contains(&w.as_str()))?;
        let w = words.get(at + 1)?;
        if w == "nav" || w == "none" {
            return Some(0);
        }
        w.parse().ok()
    };
    let for_ = count_after(&["par", "for", "favour", "favor"])?;
    let against = count_after(&["pret", "against"]).unwrap_or(0);
    let abstained = count_after(&[
        "atturas",
        "atturejas",
        "abstained",
        "abstentions",
        "abstain",
    ])
    .unwrap_or(0);
    Some(Vote {
        decision,
        for_,
        against,
        abstained,
        page: 0,
        rule: Rule::VoteCount,
    })
}

/// An action item in a Latvian decision: `[uzdot] <who, dative> [līdz <deadline> | <N>
/// nedēļu laikā] <what>`. None when the decision tasks no one.
pub fn parse_action(text: &str) -> Option<Action> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut i = 0;
    if words
        .first()
        .is_some_and(|w| matches!(fold_lower(w).as_str(), "uzdot" | "uzdod" | "uzdots"))
    {
        i = 1;
    }
    if !words.get(i)?.chars().next()?.is_uppercase() {
        return None;
    }
    let end = (i..words.len().min(i + 8)).find(|&k| is_dative_noun(words[k]))?;
    let who = nominative(&words[i..=end]);
    let mut k = end + 1;
    let mut deadline_text = None;
    let mut deadline = None;
    if words.get(k).is_some_and(|w| fold_lower(w) == "lidz") {
        let rest = words[k..].join(" ");
        let after = &rest["līdz".len()..];
        match dates::find_dates(after).into_iter().next() {
            Some(m) if after[..m.start].trim().is_empty() => {
                deadline = Some(m.date);
                let shown = format!("līdz {}", after[m.start..m.end].trim());
                k += shown.split_whitespace().count();
                deadline_text = Some(shown);
            }
            _ => {
                // `līdz nākamajai sēdei`: up to the verb (an infinitive ends in -t / -ties)
                let stop = (k + 1..words.len()).find(|&j| is_infinitive(words[j]))?;
                deadline_text = Some(words[k..stop].join(" "));
                k = stop;
            }
        }
    } else if let Some(stop) = (k..words.len().min(k + 3))
        .find(|&j| fold_lower(words[j]).trim_end_matches([',', '.']) == "laika")
    {
        deadline_text = Some(words[k..=stop].join(" "));
        k = stop + 1;
    }
    let what = clean(&words.get(k..)?.join(" "));
    if what.is_empty() || !words.get(k).is_some_and(|w| is_infinitive(w)) {
        return None;
    }
    if deadline.is_none() {
        deadline = later_deadline(&what);
    }
    Some(Action {
        who,
        what,
        deadline_text,
        deadline,
        page: 0,
        rule: Rule::ActionDative,
    })
}

/// A `līdz <date>` inside the task's text.
fn later_deadline(what: &str) -> Option<NaiveDate> {
    let f = what.to_lowercase();
    let at = f.find("līdz ")?;
    let m = dates::find_dates(&what[at..]).into_iter().next()?;
    (what[at + "līdz ".len()..at + m.start].trim().is_empty()).then_some(m.date)
}

/// A noun in the dative singular or plural (`kancelejai`, `padomei`, `birojam`,
/// `ministrijām`), not a definite adjective (`juridiskajam`), which comes before its noun.
fn is_dative_noun(w: &str) -> bool {
    let f = fold_lower(w.trim_matches(|c: char| !c.is_alphanumeric()));
    if f.ends_with("ajam") || f.ends_with("ajai") || f.chars().count() < 5 {
        return false;
    }
    f.ends_with("ai") || f.ends_with("ei") || f.ends_with("am") || f.ends_with("iem")
}

fn is_infinitive(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    w.chars().next().is_some_and(char::is_lowercase)
        && w.chars().count() > 3
        && (w.ends_with('t') || w.ends_with("ties"))
}

/// The institution's name with its last word back in the nominative (`Valsts kancelejai` →
/// `Valsts kanceleja`, `birojam` → `birojs`, `padomei` → `padome`, `ministrijām` →
/// `ministrijas`).
fn nominative(words: &[&str]) -> String {
    let mut ws: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '"')
                .to_string()
        })
        .collect();
    if let Some(last) = ws.last_mut() {
        for (from, to) in [
            ("iem", "i"),
            ("ām", "as"),
            ("ai", "a"),
            ("ei", "e"),
            ("am", "s"),
        ] {
            if let Some(stem) = last.strip_suffix(from) {
                *last = format!("{stem}{to}");
                break;
            }
        }
    }
    ws.join(" ")
}

/// `State Chancellery to publish the summary by 30 June 2023`.
fn parse_english_action(text: &str) -> Option<Action> {
    let at = text.find(" to ")?;
    let who = text[..at].trim().to_string();
    let mut what = clean(&text[at + 4..]);
    let mut deadline = None;
    let mut deadline_text = None;
    if let Some(by) = what.rfind(" by ") {
        let tail = what[by + 4..].to_string();
        if let Some(d) = dates::parse_date(&tail) {
            deadline = Some(d);
            deadline_text = Some(format!("by {tail}"));
            what.truncate(by);
        }
    }
    (!who.is_empty() && !what.is_empty()).then_some(Action {
        who,
        what,
        deadline_text,
        deadline,
        page: 0,
        rule: Rule::ActionLabel,
    })
}
