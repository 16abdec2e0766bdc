//! Dates in Latvian and English text and in file names.
//!
//! Forms found by [`find_dates`] (case-insensitive, with or without diacritics in month names):
//! - Latvian: `2023. gada 21. marta`, `2023. gada 21. martā`, `2023.gada 21.marts`,
//!   `2019.gada 4.decembrī`, `2023. g. 21. martā`; month names in the nominative, genitive,
//!   dative, accusative and locative (`janvāris janvāra janvārim janvāri janvārī`, …) and their
//!   plain-letter spellings (`janvari`, `junija`, …). Continuations share the year:
//!   `no 2021. gada 24. maija līdz 29. jūnijam`, `2019. gada 16. septembrī un 14. oktobrī`,
//!   `2022. gada 5. un 6. oktobrī`.
//! - Numeric: `21.03.2023.`, `21.03.2023`, `21/03/2023`, `21-03-2023`, `2023-03-21`,
//!   `2023.03.21`, `2023/03/21`, `2023_03_21`; `20230321` only file-name-like (bounded by
//!   non-digits, not between two spaces, year 1990–2100).
//! - English: `21 March 2023`, `21st of March, 2023`, `March 21, 2023`, `Mar 21 2023`.
//!
//! Impossible dates (`31.02.2023`) are rejected. Offsets are byte offsets into the text, always
//! on char boundaries; nothing here panics on any input.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A date found in a text; `start..end` is its byte range in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateMention {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

const MIN_YEAR: u32 = 1900;
const MAX_YEAR: u32 = 2100;
/// Years accepted for the bare `YYYYMMDD` form and for year ranges.
const MIN_COMPACT_YEAR: u32 = 1990;

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|t| t.chars().next_back())
}

fn byte_at(s: &str, i: usize) -> Option<u8> {
    s.as_bytes().get(i).copied()
}

fn is_ws(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}'
}

fn skip_ws(s: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(s, i) {
        if !is_ws(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// Like [`skip_ws`], also skipping `_` (file names write `2023_gada_21_marta`).
fn skip_sp(s: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(s, i) {
        if !is_ws(c) && c != '_' {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// An ASCII digit run at `i`: (value, digit count, end). Runs longer than 9 digits are
/// reported with their length but a saturated value.
fn digits(s: &str, i: usize) -> Option<(u32, usize, usize)> {
    let b = s.as_bytes();
    let mut j = i;
    let mut v: u32 = 0;
    while j < b.len() && b[j].is_ascii_digit() {
        v = v.saturating_mul(10).saturating_add(u32::from(b[j] - b'0'));
        j += 1;
    }
    (j > i).then_some((v, j - i, j))
}

/// An alphabetic run at `i`: (word, end).
fn word(s: &str, i: usize) -> Option<(&str, usize)> {
    let rest = s.get(i..)?;
    let len: usize = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| (&rest[..len], i + len))
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '−' | '\u{2010}' | '\u{2011}')
}

/// Lowercased, folded, ASCII-only copy of a short word (month names), or None if too long.
fn norm_word(w: &str) -> Option<String> {
    if w.chars().count() > 12 {
        return None;
    }
    let folded = crate::latvian::fold_diacritics(w);
    Some(folded.to_ascii_lowercase())
}

const LV_MONTH_STEMS: [&str; 12] = [
    "janvar", "februar", "mart", "april", "maij", "junij", "julij", "august", "septembr", "oktobr",
    "novembr", "decembr",
];

/// Latvian month name in any of the cases dates use, with or without diacritics.
fn lv_month(w: &str) -> Option<u32> {
    let n = norm_word(w)?;
    for (k, stem) in LV_MONTH_STEMS.iter().enumerate() {
        if let Some(ending) = n.strip_prefix(stem) {
            if matches!(ending, "is" | "s" | "a" | "i" | "u" | "am" | "im") {
                return Some(k as u32 + 1);
            }
        }
    }
    // common abbreviations
    match n.as_str() {
        "janv" => Some(1),
        "febr" => Some(2),
        "apr" => Some(4),
        "aug" => Some(8),
        "sept" | "sep" => Some(9),
        "okt" => Some(10),
        "nov" => Some(11),
        "dec" => Some(12),
        _ => None,
    }
}

const EN_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// English month name or abbreviation (ASCII, any case); `abbrev` tells whether a `.` may follow.
fn en_month(w: &str) -> Option<(u32, bool)> {
    if !w.is_ascii() || w.len() > 9 || w.len() < 3 {
        return None;
    }
    for (k, m) in EN_MONTHS.iter().enumerate() {
        if w.eq_ignore_ascii_case(m) {
            return Some((k as u32 + 1, false));
        }
    }
    let abbrev = [
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    abbrev
        .iter()
        .find(|(a, _)| w.eq_ignore_ascii_case(a))
        .map(|&(_, m)| (m, true))
}

fn ymd(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// Whether a number starting at `i` continues a numeric expression to its left (`1.21.03.2023`,
/// `10:21`, a longer digit run).
fn numeric_context_before(s: &str, i: usize) -> bool {
    match char_before(s, i) {
        Some(c) if c.is_ascii_digit() => true,
        Some(c @ ('.' | '/' | '-' | '_' | ':' | ',')) => {
            char_before(s, i - c.len_utf8()).is_some_and(|p| p.is_ascii_digit())
        }
        _ => false,
    }
}

/// Whether the text right after `i` continues a numeric expression (`2023.5`, `2023-1`).
fn numeric_context_after(s: &str, i: usize) -> bool {
    match byte_at(s, i) {
        Some(b) if b.is_ascii_digit() => true,
        Some(b'.' | b'/' | b'-' | b'_' | b':') => {
            byte_at(s, i + 1).is_some_and(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

/// `DD.MM.YYYY[.]`, `DD/MM/YYYY`, `DD-MM-YYYY` at `i`.
fn numeric_dmy(s: &str, i: usize) -> Option<(NaiveDate, usize)> {
    let (d, dn, e1) = digits(s, i)?;
    if dn > 2 {
        return None;
    }
    let sep = byte_at(s, e1)?;
    if !matches!(sep, b'.' | b'/' | b'-') {
        return None;
    }
    let (m, mn, e2) = digits(s, e1 + 1)?;
    if mn > 2 || byte_at(s, e2)? != sep {
        return None;
    }
    let (y, yn, e3) = digits(s, e2 + 1)?;
    if yn != 4 || numeric_context_after(s, e3) {
        return None;
    }
    let date = ymd(y, m, d)?;
    let end = if sep == b'.' && byte_at(s, e3) == Some(b'.') {
        e3 + 1
    } else {
        e3
    };
    Some((date, end))
}

/// `YYYY-MM-DD`, `YYYY.MM.DD`, `YYYY/MM/DD`, `YYYY_MM_DD` at `i`.
fn numeric_ymd(s: &str, i: usize) -> Option<(NaiveDate, usize)> {
    let (y, yn, e1) = digits(s, i)?;
    if yn != 4 {
        return None;
    }
    let sep = byte_at(s, e1)?;
    if !matches!(sep, b'.' | b'/' | b'-' | b'_') {
        return None;
    }
    let (m, mn, e2) = digits(s, e1 + 1)?;
    if mn > 2 || byte_at(s, e2)? != sep {
        return None;
    }
    let (d, dn, e3) = digits(s, e2 + 1)?;
    if dn > 2 || numeric_context_after(s, e3) {
        return None;
    }
    Some((ymd(y, m, d)?, e3))
}

/// `YYYYMMDD`, file-name-like: not between two spaces, not a phone number.
fn compact(s: &str, i: usize) -> Option<(NaiveDate, usize)> {
    let (v, n, e) = digits(s, i)?;
    if n != 8 {
        return None;
    }
    let before = char_before(s, i);
    let after = char_at(s, e);
    if before == Some('+') {
        return None;
    }
    if before.is_some_and(is_ws) && after.is_some_and(is_ws) {
        return None;
    }
    let (y, m, d) = (v / 10000, v / 100 % 100, v % 100);
    if y < MIN_COMPACT_YEAR {
        return None;
    }
    Some((ymd(y, m, d)?, e))
}

/// A Latvian day: `21.` (1–2 digits, then the ordinal dot, which file names may drop) at `i`:
/// (day, end).
fn lv_day(s: &str, i: usize) -> Option<(u32, usize)> {
    let (d, dn, e) = digits(s, i)?;
    if dn > 2 || !(1..=31).contains(&d) {
        return None;
    }
    match byte_at(s, e) {
        Some(b'.') => Some((d, e + 1)),
        Some(b) if b.is_ascii_digit() => None,
        _ => Some((d, e)),
    }
}

/// A connector between two dates of one sentence: `un`, `līdz`, `,`, a dash. Returns the end.
fn connector(s: &str, i: usize) -> Option<usize> {
    let c = char_at(s, i)?;
    if c == ',' || c == '&' || is_dash(c) {
        return Some(i + c.len_utf8());
    }
    let (w, e) = word(s, i)?;
    let n = norm_word(w)?;
    matches!(n.as_str(), "un" | "lidz").then_some(e)
}

/// `YYYY. gada D. mēnesis` and what follows it sharing the year.
fn latvian(s: &str, i: usize, out: &mut Vec<DateMention>) -> Option<usize> {
    let (y, yn, e) = digits(s, i)?;
    if yn != 4 || !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return None;
    }
    let mut j = e;
    if byte_at(s, j) == Some(b'.') {
        j += 1;
    }
    j = skip_sp(s, j);
    let (w, e) = word(s, j)?;
    let n = norm_word(w)?;
    j = match n.as_str() {
        "gada" => e,
        "g" => {
            if byte_at(s, e) == Some(b'.') {
                e + 1
            } else {
                e
            }
        }
        _ => return None,
    };
    let mut found = Vec::new();
    let mut pending: Vec<(u32, usize, usize)> = Vec::new();
    let mut item_start = i;
    let mut end = None;
    loop {
        j = skip_sp(s, j);
        let Some((d, after_day)) = lv_day(s, j) else {
            break;
        };
        let k = skip_sp(s, after_day);
        let month = word(s, k).and_then(|(w, e)| lv_month(w).map(|m| (m, e)));
        if let Some((m, mut month_end)) = month {
            if byte_at(s, month_end) == Some(b'.')
                && norm_word(&s[k..month_end]).is_some_and(|n| n.len() <= 4)
            {
                month_end += 1; // abbreviation "okt."
            }
            for &(pd, ps, pe) in &pending {
                if let Some(date) = ymd(y, m, pd) {
                    found.push(DateMention {
                        date,
                        start: ps,
                        end: pe,
                    });
                }
            }
            pending.clear();
            if let Some(date) = ymd(y, m, d) {
                found.push(DateMention {
                    date,
                    start: item_start,
                    end: month_end,
                });
            }
            end = Some(month_end);
            // a continuation: "un 14. oktobrī", "līdz 29. jūnijam"
            let c = skip_ws(s, month_end);
            let Some(after) = connector(s, c) else {
                break;
            };
            j = after;
            item_start = skip_ws(s, j);
        } else if let Some(after) = connector(s, k) {
            // "5. un 6. oktobrī": the day waits for its month
            pending.push((d, item_start, after_day));
            j = after;
            item_start = skip_ws(s, j);
        } else {
            break;
        }
    }
    let end = end?;
    out.extend(found);
    Some(end)
}

/// Day suffix `st nd rd th` (ASCII, any case) at `i`: its end, or `i`.
fn ordinal_suffix(s: &str, i: usize) -> usize {
    match s.get(i..i + 2) {
        Some(t)
            if ["st", "nd", "rd", "th"]
                .iter()
                .any(|x| t.eq_ignore_ascii_case(x))
                && !char_at(s, i + 2).is_some_and(char::is_alphanumeric) =>
        {
            i + 2
        }
        _ => i,
    }
}

/// A 4-digit year at `i` (after optional `,` and spaces) that no digit follows: (year, end).
fn en_year(s: &str, mut i: usize) -> Option<(u32, usize)> {
    if byte_at(s, i) == Some(b',') {
        i += 1;
    }
    i = skip_ws(s, i);
    let (y, yn, e) = digits(s, i)?;
    if yn != 4 || numeric_context_after(s, e) {
        return None;
    }
    Some((y, e))
}

/// English month name at `i`, with the `.` of an abbreviation: (month, end).
fn en_month_at(s: &str, i: usize) -> Option<(u32, usize)> {
    let (w, e) = word(s, i)?;
    let (m, abbrev) = en_month(w)?;
    let e = if abbrev && byte_at(s, e) == Some(b'.') {
        e + 1
    } else {
        e
    };
    Some((m, e))
}

/// `21 March 2023`, `21st of March, 2023`.
fn english_dmy(s: &str, i: usize) -> Option<(NaiveDate, usize)> {
    let (d, dn, e) = digits(s, i)?;
    if dn > 2 {
        return None;
    }
    let mut j = skip_ws(s, ordinal_suffix(s, e));
    if j == e && byte_at(s, e) != Some(b'-') {
        return None; // "21March": no separator
    }
    if byte_at(s, j) == Some(b'-') {
        j += 1; // 21-Mar-2023
    }
    if let Some((w, we)) = word(s, j) {
        if w.eq_ignore_ascii_case("of") {
            j = skip_ws(s, we);
        }
    }
    let (m, me) = en_month_at(s, j)?;
    let k = if byte_at(s, me) == Some(b'-') {
        me + 1
    } else {
        me
    };
    if k == me && !char_at(s, k).is_some_and(|c| is_ws(c) || c == ',') {
        return None;
    }
    let (y, ye) = en_year(s, k)?;
    Some((ymd(y, m, d)?, ye))
}

/// `March 21, 2023`, `Mar. 21st 2023`.
fn english_mdy(s: &str, i: usize) -> Option<(NaiveDate, usize)> {
    let (m, me) = en_month_at(s, i)?;
    let j = skip_ws(s, me);
    if j == me {
        return None;
    }
    let (d, dn, e) = digits(s, j)?;
    if dn > 2 {
        return None;
    }
    let e = ordinal_suffix(s, e);
    if !char_at(s, e).is_some_and(|c| is_ws(c) || c == ',') {
        return None;
    }
    let (y, ye) = en_year(s, e)?;
    Some((ymd(y, m, d)?, ye))
}

/// Every date mentioned in `text`, in order, not overlapping.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let s = text;
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = char_at(s, i) {
        if c.is_ascii_digit() && !numeric_context_before(s, i) {
            if let Some(end) = latvian(s, i, &mut out) {
                i = end;
                continue;
            }
            let single = numeric_dmy(s, i)
                .or_else(|| numeric_ymd(s, i))
                .or_else(|| compact(s, i))
                .or_else(|| english_dmy(s, i));
            if let Some((date, end)) = single {
                out.push(DateMention {
                    date,
                    start: i,
                    end,
                });
                i = end;
                continue;
            }
        } else if c.is_ascii_alphabetic() && !char_before(s, i).is_some_and(char::is_alphanumeric) {
            if let Some((date, end)) = english_mdy(s, i) {
                out.push(DateMention {
                    date,
                    start: i,
                    end,
                });
                i = end;
                continue;
            }
        }
        // skip the rest of a digit run or word, then one char
        if c.is_ascii_digit() {
            i = digits(s, i).map_or(i + 1, |(_, _, e)| e);
        } else if c.is_alphabetic() {
            i = word(s, i).map_or(i + c.len_utf8(), |(_, e)| e);
        } else {
            i += c.len_utf8();
        }
    }
    out
}

/// The date that the whole of `s` is (trimmed, any case, any form [`find_dates`] knows), or
/// None if `s` is not exactly one date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    let core = t.trim_end_matches('.').trim_end();
    let found = find_dates(t);
    match found.as_slice() {
        [m] if m.start == 0 && (m.end == t.len() || m.end >= core.len()) => Some(m.date),
        _ => None,
    }
}

/// A 4-digit year at `i` within 1990–2100, not inside a longer number: (year, end).
fn range_year(s: &str, i: usize) -> Option<(i32, usize)> {
    let (y, n, e) = digits(s, i)?;
    if n != 4 || !(MIN_COMPACT_YEAR..=MAX_YEAR).contains(&y) {
        return None;
    }
    Some((i32::try_from(y).ok()?, e))
}

/// Year ranges such as `2022.–2025. gadam`, `2022.-2025.gadam`, `2022. – 2025. gada`,
/// `2019-2021`, `2012–2014`: plausible only (first < second, at most 5 years apart, years
/// 1990–2100). In order of appearance.
pub fn find_year_ranges(text: &str) -> Vec<(i32, i32)> {
    let s = text;
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = char_at(s, i) {
        if !c.is_ascii_digit() {
            i += c.len_utf8();
            continue;
        }
        let run_end = digits(s, i).map_or(i + 1, |(_, _, e)| e);
        let found = (|| {
            if numeric_context_before(s, i) {
                return None;
            }
            let (y1, e1) = range_year(s, i)?;
            let mut j = e1;
            if byte_at(s, j) == Some(b'.') {
                j += 1;
            }
            j = skip_ws(s, j);
            let dash = char_at(s, j)?;
            if !is_dash(dash) {
                return None;
            }
            j = skip_ws(s, j + dash.len_utf8());
            let (y2, e2) = range_year(s, j)?;
            if numeric_context_after(s, e2) {
                return None;
            }
            (y1 < y2 && y2 - y1 <= 5).then_some(((y1, y2), e2))
        })();
        match found {
            Some((r, e)) => {
                out.push(r);
                i = e;
            }
            None => i = run_end,
        }
    }
    out
}

#[cfg(test)]
mod tests;
