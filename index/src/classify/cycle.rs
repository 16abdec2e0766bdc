//! The plan cycle: the session's, else a year range, else an ordinal next to "plāns"/"plan",
//! else a stated year or the document date's year that falls in one cycle.

use super::*;

/// The cycle a year range names: the cycle with exactly those years, else the one cycle that
/// contains it, else the cycle it overlaps most (ties: the one ending the same year, then the
/// later one). "2019-2021" (the 4th plan as OGP dates it) → the 2020–2021 cycle.
pub fn cycle_for_range(a: i32, b: i32, cycles: &[CycleRef]) -> Option<i64> {
    if let Some(c) = cycles.iter().find(|c| c.start_year == a && c.end_year == b) {
        return Some(c.number);
    }
    let containing: Vec<&CycleRef> = cycles
        .iter()
        .filter(|c| c.start_year <= a && b <= c.end_year)
        .collect();
    if let [c] = containing.as_slice() {
        return Some(c.number);
    }
    cycles
        .iter()
        .map(|c| {
            let overlap = c.end_year.min(b) - c.start_year.max(a) + 1;
            (overlap, c.end_year == b, c.start_year, c.number)
        })
        .filter(|x| x.0 > 0)
        .max()
        .map(|x| x.3)
}

/// The cycle of a year: the one cycle containing it, or of two, the one starting that year.
pub fn cycle_for_year(y: i32, cycles: &[CycleRef]) -> Option<i64> {
    let containing: Vec<&CycleRef> = cycles
        .iter()
        .filter(|c| c.start_year <= y && y <= c.end_year)
        .collect();
    match containing.as_slice() {
        [] => None,
        [c] => Some(c.number),
        many => {
            let starting: Vec<&&CycleRef> = many.iter().filter(|c| c.start_year == y).collect();
            match starting.as_slice() {
                [c] => Some(c.number),
                _ => None,
            }
        }
    }
}

/// Years stated as such: `2020.gadā`, `2020. gada`, `2020_gada` (1990–2100). A bare number
/// (`_2019`) is not taken for a year.
pub(super) fn stated_years(text: &str) -> Vec<i32> {
    let ws = words(text);
    let mut out = Vec::new();
    for pair in ws.windows(2) {
        let (y, next) = (&pair[0], &pair[1]);
        if y.lower.len() != 4 || !y.lower.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if !next.folded.starts_with("gad") {
            continue;
        }
        // nothing but a dot and spaces or `_` between the year and "gada"
        let between = text.get(y.start + 4..next.start).unwrap_or("x");
        if !between
            .chars()
            .all(|c| c == '.' || c == '_' || c.is_whitespace())
        {
            continue;
        }
        if let Ok(v) = y.lower.parse::<i32>() {
            if (1990..=2100).contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// An ordinal word as a number: Latvian (any case of the definite adjective, with or without
/// diacritics) or English.
pub(super) fn ordinal(w: &Word) -> Option<i64> {
    const LV: [(&str, i64); 8] = [
        ("pirm", 1),
        ("otr", 2),
        ("tres", 3),
        ("ceturt", 4),
        ("piekt", 5),
        ("sest", 6),
        ("septit", 7),
        ("astot", 8),
    ];
    const ENDINGS: [&str; 15] = [
        "ais", "a", "o", "ie", "as", "aja", "ajam", "ajai", "ajiem", "ajos", "ajas", "am", "ai",
        "u", "ajo",
    ];
    for (stem, n) in LV {
        if let Some(rest) = w.folded.strip_prefix(stem) {
            if ENDINGS.contains(&rest) {
                return Some(n);
            }
        }
    }
    const EN: [(&str, i64); 8] = [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
    ];
    if let Some(&(_, n)) = EN.iter().find(|(e, _)| w.lower == *e) {
        return Some(n);
    }
    // 4th, 5th
    let digits: String = w.lower.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &w.lower[digits.len()..];
    if !digits.is_empty() && ["st", "nd", "rd", "th"].contains(&rest) {
        return digits.parse().ok().filter(|n| (1..=20).contains(n));
    }
    None
}

/// The plan number a text names: "OGP4"/"NAP4", or an ordinal followed within a few words by
/// "plāns"/"plan" ("Ceturtais nacionālais atvērtās pārvaldības rīcības plāns").
pub(super) fn ordinal_plan_number(text: &str) -> Option<i64> {
    let ws = words(text);
    for (i, w) in ws.iter().enumerate() {
        for tag in ["ogp", "nap"] {
            if let Some(rest) = w.folded.strip_prefix(tag) {
                if (1..=2).contains(&rest.len()) && rest.chars().all(|c| c.is_ascii_digit()) {
                    if let Ok(n) = rest.parse::<i64>() {
                        return Some(n);
                    }
                }
            }
        }
        if let Some(n) = ordinal(w) {
            let near_plan = ws
                .iter()
                .skip(i + 1)
                .take(6)
                .any(|x| x.folded.starts_with("plan") || x.folded == "nap");
            if near_plan {
                return Some(n);
            }
        }
    }
    None
}

/// The cycle the names, the title or page 1 state: a year range matching a cycle, else an
/// ordinal plan number, else (not for declarations) a stated year or the document date's
/// year. `named`: the file name, the Office file name and the title, with their sources.
pub(super) fn guess_cycle(
    named: &[(&str, Source)],
    head: &str,
    kind: Kind,
    date: Option<&Guess<NaiveDate>>,
    cycles: &[CycleRef],
) -> Option<Guess<i64>> {
    let mut cycle_sources = named.to_vec();
    cycle_sources.push((head, Source::Text));
    cycle_sources
        .iter()
        .find_map(|&(text, src)| {
            dates::find_year_ranges(text)
                .into_iter()
                .find_map(|(a, b)| cycle_for_range(a, b, cycles))
                .map(|c| Guess::new(c, src))
        })
        .or_else(|| {
            cycle_sources.iter().find_map(|&(text, src)| {
                ordinal_plan_number(text)
                    .filter(|n| cycles.iter().any(|c| c.number == *n))
                    .map(|n| Guess::new(n, src))
            })
        })
        .or_else(|| {
            // A single year only places a national document: an OGP declaration is
            // international, whatever year it was signed.
            if kind == Kind::Declaration {
                return None;
            }
            // "izvērtējums par plāna izpildi 2020.gadā" in the file name or title
            named
                .iter()
                .find_map(|&(text, src)| {
                    stated_years(text)
                        .into_iter()
                        .find_map(|y| cycle_for_year(y, cycles))
                        .map(|c| Guess::new(c, src))
                })
                .or_else(|| {
                    let d = date?;
                    cycle_for_year(d.value.year(), cycles).map(|c| Guess::new(c, d.source))
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::fixtures::*;

    #[test]
    fn cycles_from_ranges_ordinals_and_years() {
        let cs = cycles();
        let table: &[((i32, i32), Option<i64>)] = &[
            ((2022, 2025), Some(5)),
            ((2020, 2021), Some(4)),
            ((2019, 2021), Some(4)),
            ((2016, 2017), Some(2)),
            ((2017, 2019), Some(3)),
            ((2015, 2017), Some(2)),
            ((2026, 2028), None),
            ((2011, 2013), Some(1)),
        ];
        for &((a, b), want) in table {
            assert_eq!(cycle_for_range(a, b, &cs), want, "{a}-{b}");
        }
        let years: &[(i32, Option<i64>)] = &[
            (2012, Some(1)),
            (2016, Some(2)),
            (2017, Some(3)), // in cycles 2 and 3: the one starting that year
            (2019, Some(3)),
            (2020, Some(4)),
            (2023, Some(5)),
            (2011, None),
            (2030, None),
        ];
        for &(y, want) in years {
            assert_eq!(cycle_for_year(y, &cs), want, "{y}");
        }
        // ordinals
        let table: &[(&str, Option<i64>)] = &[
            (
                "Latvijas Ceturtais atvērtās pārvaldes rīcības plāns",
                Some(4),
            ),
            (
                "Piektā nacionālā atvērtās pārvaldības plāna izstrāde",
                Some(5),
            ),
            ("latvijas tresa nacionala ricibas plana", Some(3)),
            ("Latvia's Fifth National Action Plan", Some(5)),
            ("Second National Action Plan", Some(2)),
            ("Latvia 4th National Action Plan", Some(4)),
            ("Paziņojums par līdzdalību OGP4", Some(4)),
            ("NAP5 review", Some(5)),
            ("pirms plāna apstiprināšanas", None),
            ("pirmais jautājums, otrais jautājums", None),
        ];
        for &(text, want) in table {
            assert_eq!(ordinal_plan_number(text), want, "{text}");
        }
        // cycles are data: a sixth cycle is found without code changes
        let mut six = cycles();
        six.push(CycleRef {
            number: 6,
            start_year: 2026,
            end_year: 2029,
        });
        let c = classify("Sestais_ricibas_plans.pdf", None, &[], &six, &[]);
        assert_eq!(c.cycle, Some(Guess::new(6, Source::FileName)));
        let c = classify("plans_2026-2029.pdf", None, &[], &six, &[]);
        assert_eq!(c.cycle, Some(Guess::new(6, Source::FileName)));
        let c = classify("plans_2026-2029.pdf", None, &[], &cycles(), &[]);
        assert_eq!(c.cycle, None);
    }

    #[test]
    fn cycle_from_document_year() {
        let c = run(
            "Vestule.pdf",
            None,
            &["Rīgā, 2016. gada 7. decembrī\nPar plāna izpildi"],
        );
        assert_eq!(c.date, Some(Guess::new(d(2016, 12, 7), Source::Text)));
        assert_eq!(c.cycle, Some(Guess::new(2, Source::Text)));
        // not for an (international) declaration
        let c = run("Paris_Declaration.pdf", None, &["Paris, 7 December 2016"]);
        assert_eq!(c.kind.value, Kind::Declaration);
        assert_eq!(c.date, Some(Guess::new(d(2016, 12, 7), Source::Text)));
        assert_eq!(c.cycle, None);
        let c = run("vestule_2017-05-02.pdf", None, &[]);
        assert_eq!(c.cycle, Some(Guess::new(3, Source::FileName)));
    }
}
