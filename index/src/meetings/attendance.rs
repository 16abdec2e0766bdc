//! Who attended: the lists under `Sēdē piedalās` / `Piedalās` / `Present` (split into
//! `Padomes locekļi` / `Members` and `Pieaicinātās personas` / `Invited`), absentees under
//! `Nepiedalās` / `Absent` / `Apologies`, and attendance tables (`Nr. | Vārds, uzvārds |
//! Institūcija | Paraksts`), whose cells the extractor gives one per line, row by row.
//!
//! An entry is `Vārds Uzvārds, iestāde, amats` or `Vārds Uzvārds (iestāde) – iemesls`; a list
//! ends at the first line that is not one (prose that starts with a name, `I. Bērziņa atklāj
//! …`, is not an entry because no comma or parenthesis follows the name).

use super::text::{find_names, fold_lower, labelled, leading_number, Line};
use super::{Attendee, Role, Rule};

const PRESENT: &[&str] = &[
    "sede piedalas",
    "sanaksme piedalas",
    "sanaksmes dalibnieki",
    "piedalas",
    "klatesosie",
    "present",
    "attendees",
    "participants",
];
const MEMBERS: &[&str] = &[
    "padomes locekli",
    "darba grupas locekli",
    "locekli",
    "members",
];
const INVITED: &[&str] = &[
    "pieaicinatas personas",
    "pieaicinatie",
    "uzaicinatie",
    "invited",
    "guests",
    "in attendance",
];
const ABSENT: &[&str] = &[
    "sede nepiedalas",
    "sanaksme nepiedalas",
    "nepiedalas",
    "absent",
    "apologies",
];
/// Header cells of an attendance table.
const TABLE_HEAD: &[&str] = &[
    "nr. vards, uzvards",
    "vards, uzvards",
    "vards uzvards",
    "vards, uzvards, amats",
    "name",
];
const HEAD_CELLS: &[&str] = &[
    "nr.",
    "nr",
    "no.",
    "institucija",
    "organizacija",
    "iestade",
    "amats",
    "paraksts",
    "organisation",
    "organization",
    "position",
    "signature",
];

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Off,
    List(Role, Rule),
    /// A table, with the index in the output of its first row.
    Table(Role, usize),
}

pub fn attendees(lines: &[Line]) -> Vec<Attendee> {
    let mut out: Vec<Attendee> = Vec::new();
    let mut mode = Mode::Off;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let label = [
            (PRESENT, Role::Present),
            (MEMBERS, Role::Member),
            (INVITED, Role::Invited),
            (ABSENT, Role::Absent),
        ]
        .into_iter()
        .find_map(|(labels, role)| labelled(&line.text, labels).map(|rest| (role, rest)));
        if let Some((role, rest)) = label {
            let (text, next) = with_continuations(lines, i, rest.to_string());
            for entry in split_entries(&text) {
                if let Some(a) = parse_entry(&entry, role, line.page, Rule::AttendanceInline) {
                    out.push(a);
                }
            }
            mode = Mode::List(role, Rule::AttendanceList);
            i = next;
            continue;
        }
        let folded = fold_lower(&line.text);
        if TABLE_HEAD.iter().any(|h| folded.starts_with(h)) {
            let role = match mode {
                Mode::List(r, _) | Mode::Table(r, _) => r,
                Mode::Off => Role::Present,
            };
            mode = Mode::Table(role, out.len());
            i += 1;
            continue;
        }
        match mode {
            Mode::Off => {}
            Mode::List(role, rule) => {
                let (text, next) = with_continuations(lines, i, line.text.clone());
                match parse_entry(&text, role, line.page, rule) {
                    Some(a) => {
                        out.push(a);
                        i = next;
                        continue;
                    }
                    None => mode = Mode::Off,
                }
            }
            Mode::Table(role, start) => {
                if !table_cell(line, role, &folded, &mut out, start) {
                    mode = Mode::Off;
                }
            }
        }
        i += 1;
    }
    out
}

/// Takes one line of a table: a cell (ruled tables are read cell by cell, row by row), a whole
/// row, or — where the extractor read an unruled table column by column — a name of the first
/// column or an organisation of the second, which goes to the first row still without one.
/// False when the line is not part of the table.
fn table_cell(
    line: &Line,
    role: Role,
    folded: &str,
    out: &mut Vec<Attendee>,
    start: usize,
) -> bool {
    let header = folded
        .split_whitespace()
        .all(|w| w == "/" || HEAD_CELLS.contains(&w));
    if header {
        return true;
    }
    let text = match leading_number(&line.text) {
        Some((_, "")) => return true, // the row number cell
        Some((_, rest)) => rest,
        None => line.text.as_str(),
    };
    if let Some(&(0, mut end)) = find_names(text).first() {
        // a row on one line: `Dace Ļaudaka Tieslietu ministrija` — a third capitalised word
        // followed by a lower-case one opens the organisation
        let words: Vec<&str> = text[..end].split_whitespace().collect();
        let next_lower = text[end..]
            .split_whitespace()
            .next()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
        if words.len() == 3 && next_lower {
            end = text.find(words[2]).unwrap_or(end);
            end = text[..end].trim_end().len();
        }
        let rest = text[end..].trim_matches(|c: char| c.is_whitespace() || c == ',');
        out.push(Attendee {
            person: text[..end].to_string(),
            organisation: (!rest.is_empty()).then(|| rest.to_string()),
            note: None,
            role,
            page: line.page,
            rule: Rule::AttendanceTable,
        });
        return true;
    }
    let rows = out.get_mut(start..).unwrap_or_default();
    if let Some(a) = rows.iter_mut().find(|a| a.organisation.is_none()) {
        a.organisation = Some(line.text.clone());
        return true;
    }
    // a cell continued on a second line
    let continues = text.starts_with(|c: char| c.is_lowercase() || c == '"' || c == '„');
    match rows.last_mut() {
        Some(a) if continues => {
            let org = a.organisation.get_or_insert_with(String::new);
            org.push(' ');
            org.push_str(text);
            true
        }
        _ => false,
    }
}

/// The text from line `i` on with the lines that continue it: a line that starts in lower case
/// or follows an unclosed parenthesis. Returns the joined text and the next line's index.
fn with_continuations(lines: &[Line], i: usize, mut text: String) -> (String, usize) {
    let mut j = i + 1;
    while let Some(next) = lines.get(j) {
        let open = text.matches('(').count() > text.matches(')').count();
        let lower = next.text.chars().next().is_some_and(char::is_lowercase);
        if !(open || lower) || next.page != lines[i].page {
            break;
        }
        text.push(' ');
        text.push_str(&next.text);
        j += 1;
    }
    (text, j)
}

/// Splits an inline list at top-level `;` (or `,` when there is no `;`), keeping a part that
/// does not start with a name (`Valsts kanceleja` after `Ilze Bērziņa,`) with the one before.
fn split_entries(text: &str) -> Vec<String> {
    let sep = if top_level_splits(text, ';').len() > 1 {
        ';'
    } else {
        ','
    };
    let mut out: Vec<String> = Vec::new();
    for part in top_level_splits(text, sep) {
        let p = part.trim();
        if p.is_empty() {
            continue;
        }
        let starts_with_name = find_names(p).first().is_some_and(|(a, _)| *a == 0);
        match out.last_mut() {
            Some(prev) if !starts_with_name => {
                prev.push(sep);
                prev.push(' ');
                prev.push_str(p);
            }
            _ => out.push(p.to_string()),
        }
    }
    out
}

/// `text` split at `sep` outside parentheses and quotes.
fn top_level_splits(text: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '"' => quoted = !quoted,
            '„' => quoted = true,
            '“' | '”' => quoted = false,
            c if c == sep && depth <= 0 && !quoted => {
                out.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// `Name, organisation, position`, `Name (organisation) – reason`, `Name – organisation` or
/// `Name` alone; None when the text does not start with a name followed by one of those.
fn parse_entry(text: &str, role: Role, page: u32, rule: Rule) -> Option<Attendee> {
    let text = text.trim().trim_end_matches(['.', ';', ',']);
    let &(0, end) = find_names(text).first()? else {
        return None;
    };
    let person = text[..end].to_string();
    let rest = text[end..].trim();
    let (organisation, note) = if rest.is_empty() {
        (None, None)
    } else if let Some(r) = rest.strip_prefix('(') {
        let close = r.find(')')?;
        let org = r[..close].trim().to_string();
        let after = r[close + 1..]
            .trim()
            .trim_start_matches(['–', '-', '—', ','])
            .trim();
        (Some(org), (!after.is_empty()).then(|| after.to_string()))
    } else if let Some(r) = rest
        .strip_prefix(',')
        .or_else(|| rest.strip_prefix('–'))
        .or_else(|| rest.strip_prefix('-'))
    {
        let parts = top_level_splits(r, ',');
        let org = parts[0].trim().to_string();
        let note = parts[1..].join(",").trim().to_string();
        (Some(org), (!note.is_empty()).then_some(note))
    } else {
        return None;
    };
    Some(Attendee {
        person,
        organisation: organisation.filter(|o| !o.is_empty()),
        note,
        role,
        page,
        rule,
    })
}
