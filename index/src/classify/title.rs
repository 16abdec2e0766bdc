//! The title: a meaningful PDF title, else the first substantial lines of page 1 (after any
//! letterhead), else the file name.

use super::*;

pub(super) const OFFICE_PREFIXES: [&str; 4] = [
    "microsoft word - ",
    "microsoft powerpoint - ",
    "microsoft excel - ",
    "microsoft visio - ",
];

/// `Microsoft Word - Sedes_protokols.docx` → `Sedes_protokols.docx`.
pub(super) fn office_file_name(title: &str) -> Option<&str> {
    let t = title.trim();
    let lower = t.to_ascii_lowercase();
    OFFICE_PREFIXES
        .iter()
        .find(|p| lower.starts_with(*p))
        .and_then(|p| t.get(p.len()..))
        .map(|rest| strip_extension(rest.trim()))
        .filter(|rest| !rest.is_empty())
}

/// Whether a PDF title says something: not empty, not an Office default or a file name.
pub(super) fn meaningful_pdf_title(title: &str) -> Option<String> {
    let t = title
        .trim_matches(|c: char| c.is_whitespace() || c.is_control() || c == '\u{feff}')
        .trim();
    if t.is_empty() {
        return None;
    }
    let lower = t.to_lowercase();
    if OFFICE_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return None;
    }
    let without_number = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    const PLACEHOLDERS: [&str; 17] = [
        "untitled",
        "title",
        "no title",
        "document",
        "dokuments",
        "presentation",
        "powerpoint presentation",
        "powerpoint-präsentation",
        "prezentācija",
        "powerpoint prezentācija",
        "prezentācija powerpoint",
        "slide",
        "slaids",
        "nosaukums",
        "virsraksts",
        "microsoft word",
        "microsoft powerpoint",
    ];
    if PLACEHOLDERS.contains(&without_number) || lower.starts_with("untitled") {
        return None;
    }
    // A file name or a path.
    let ext_like = strip_extension(&lower).len() != lower.len()
        && [
            ".pdf", ".doc", ".docx", ".odt", ".rtf", ".ppt", ".pptx", ".odp", ".xls", ".xlsx",
            ".txt", ".tex", ".dvi", ".indd",
        ]
        .iter()
        .any(|e| lower.ends_with(e));
    if ext_like || lower.contains(":\\") || lower.starts_with('/') {
        return None;
    }
    if t.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    Some(clip_title(&collapse_spaces(t)))
}

/// Letterhead and contact lines: addresses, phones, e-mail, web.
pub(super) fn is_letterhead(line: &str) -> bool {
    let n = norm(line);
    [
        "talr",
        "tel.",
        "tel:",
        "e-pasts",
        "e-mail",
        "email",
        "www.",
        "http",
        "@",
        "lv-1",
        "fakss",
        "fax",
        "bulvaris",
        " iela",
        "reg. nr",
        "reg.nr",
        "registracijas nr",
    ]
    .iter()
    .any(|k| n.contains(k))
}

/// A line that could be (the start of) a title: some letters, not a page number, not a date.
pub(super) fn is_substantial(line: &str) -> bool {
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 6 {
        return false;
    }
    let n = norm(line);
    if n.starts_with("lapa ") || n.starts_with("page ") || n.starts_with("lpp") {
        return false;
    }
    // mostly a date ("Rīgā, 2023. gada 21. martā")
    let dated: usize = dates::find_dates(line)
        .iter()
        .map(|m| m.end - m.start)
        .sum();
    dated * 2 < line.len()
}

/// The issuing body or report series on a line of its own above the title ("Valsts
/// kanceleja", "VALSTS KANCELEJA", "Ārlietu ministrija", "Independent Reporting Mechanism
/// (IRM):").
pub(super) fn is_issuer(line: &str) -> bool {
    let mut n = norm(line);
    if let Some(i) = n.find('(') {
        n.truncate(i);
    }
    let n = n.trim().trim_end_matches(':').trim();
    n.split_whitespace().count() <= 6
        && (n.ends_with("kanceleja")
            || n.ends_with("ministrija")
            || n == "latvijas republika"
            || n.starts_with("latvijas republikas ")
            || n == "ministru kabinets"
            || n == "independent reporting mechanism"
            || n == "open government partnership"
            || n == "atvertas parvaldibas partneriba")
}

/// An approval stamp or annex mark at the top of a page ("APSTIPRINĀTS ar Ministru kabineta
/// rīkojumu", "Pielikums", "Projekts").
pub(super) fn is_stamp(line: &str) -> bool {
    let n = norm(line);
    [
        "apstiprinat",
        "pielikums",
        "projekts",
        "ar ministru kabineta",
        "ierobezotas pieejamibas",
    ]
    .iter()
    .any(|k| n.starts_with(k))
}

/// Whether a line continues the title above it: a title wrapped over lines goes on in
/// lowercase ("… diskusiju" / "dokuments"), with a number ("2017. –2019. gadam …") or with a
/// heading word in capitals ("PROTOKOLS"); a line starting with a capital begins something else
/// (a subtitle, the author, the body).
pub(super) fn continues_title(line: &str) -> bool {
    let Some(first) = line.chars().next() else {
        return false;
    };
    if !first.is_uppercase() {
        return true;
    }
    line.split_whitespace().count() <= 2
        && line
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

pub(super) fn title_from_text(page: &str) -> Option<String> {
    let lines: Vec<&str> = page.lines().map(str::trim).collect();
    let non_empty: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
    // A letterhead: an organisation's name over its contact line(s) at the very top.
    let mut skip_to = 0;
    if let Some(k) = non_empty
        .iter()
        .take(2)
        .position(|&i| is_letterhead(lines[i]))
    {
        skip_to = non_empty[k];
    }
    let mut start = None;
    let mut i = skip_to;
    while i < lines.len() {
        let l = lines[i];
        if is_stamp(l) {
            // the stamp goes on to the next blank line
            while i < lines.len() && !lines[i].is_empty() {
                i += 1;
            }
            continue;
        }
        if is_substantial(l) && !is_letterhead(l) && !is_issuer(l) {
            start = Some(i);
            break;
        }
        i += 1;
    }
    let start = start?;
    let mut title = lines[start].to_string();
    for l in lines.iter().skip(start + 1).take(3) {
        if l.is_empty()
            || !(continues_title(l) || title.ends_with(':'))
            || title.ends_with('.')
            || is_letterhead(l)
            || !dates::find_dates(l).is_empty()
            || title.chars().count() + 1 + l.chars().count() > MAX_TITLE_CHARS
            || l.chars().filter(|c| c.is_alphabetic()).count() < 2
        {
            break;
        }
        title.push(' ');
        title.push_str(l);
    }
    let title = collapse_spaces(&title);
    Some(clip_title(&title)).filter(|t| !t.is_empty())
}

pub(super) fn title_from_file_name(stem: &str) -> String {
    // `_` and `-` become spaces, except a `-` between digits (a year range).
    let chars: Vec<char> = stem.chars().collect();
    let mut out = String::with_capacity(stem.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c == '_' || (c == '-' && !between_digits) {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    clip_title(&collapse_spaces(&out))
}

pub(super) fn guess_title(name_stem: &str, pdf_title: Option<&str>, page1: &str) -> Guess<String> {
    if let Some(t) = pdf_title.and_then(meaningful_pdf_title) {
        return Guess::new(t, Source::PdfTitle);
    }
    if let Some(t) = title_from_text(page1) {
        return Guess::new(t, Source::Text);
    }
    let t = title_from_file_name(name_stem);
    if t.is_empty() {
        Guess::new("untitled".to_string(), Source::Default)
    } else {
        Guess::new(t, Source::FileName)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::fixtures::*;

    #[test]
    fn pdf_title_is_used_when_meaningful() {
        let c = run(
            "x.pdf",
            Some("Latvijas trešā nacionālā rīcības plāna nobeiguma ziņojums"),
            &["Saturs\n1. Ievads"],
        );
        assert_eq!(c.title.source, Source::PdfTitle);
        assert_eq!(c.kind, Guess::new(Kind::Evaluation, Source::PdfTitle));
        assert_eq!(c.cycle, Some(Guess::new(3, Source::PdfTitle)));
        for junk in [
            "Microsoft Word - protokols.docx",
            "Microsoft PowerPoint - prez.pptx",
            "Untitled",
            "untitled document",
            "",
            "   ",
            "Dokuments1",
            "Presentation1",
            "PowerPoint Presentation",
            "sedes_protokols.docx",
            "C:\\Users\\x\\Desktop\\a.doc",
            "1",
        ] {
            let c = run("Sedes_protokols.pdf", Some(junk), &[]);
            assert_eq!(
                c.title,
                Guess::new("Sedes protokols".into(), Source::FileName),
                "{junk:?}"
            );
        }
        // the Office file name inside the title still tells the kind
        let c = run(
            "scan.pdf",
            Some("Microsoft Word - Sedes_protokols.docx"),
            &[],
        );
        assert_eq!(c.kind, Guess::new(Kind::Protocol, Source::PdfTitle));
    }

    #[test]
    fn title_rules() {
        let c = run("Latvia_2019-2021_Design-Report.pdf", None, &[]);
        assert_eq!(c.title.value, "Latvia 2019-2021 Design Report");
        let long = "Ļoti garš virsraksts ".repeat(20);
        let c = run("x.pdf", Some(&long), &[]);
        assert!(c.title.value.chars().count() <= MAX_TITLE_CHARS);
        // cut at a word boundary
        assert!(long.starts_with(&c.title.value));
        assert_eq!(long[c.title.value.len()..].chars().next(), Some(' '));
        let c = run(
            "x.pdf",
            None,
            &["1\n\n  Atvērtās pārvaldības plāna izpilde  \n\n21.03.2023."],
        );
        assert_eq!(
            c.title,
            Guess::new("Atvērtās pārvaldības plāna izpilde".into(), Source::Text)
        );
        let table: &[(&str, &str)] = &[
            // approval stamp, then the title over two lines, then the issuer
            (
                "APSTIPRINĀTS ar Ministru kabineta rīkojumu\n\nCeturtais nacionālais atvērtās \
                 pārvaldības\nrīcības plāns 2020.-2021.gadam\nValsts kanceleja\n\n1. Ievads",
                "Ceturtais nacionālais atvērtās pārvaldības rīcības plāns 2020.-2021.gadam",
            ),
            // a series name ending in ':' goes on with the next line
            (
                "Independent Reporting Mechanism (IRM):\nLatvia Design Report 2019–2021\n\
                 Independent Reporting Mechanism",
                "Latvia Design Report 2019–2021",
            ),
            (
                "Open Government in Europe:\nTrends and Lessons\nOGP Secretariat",
                "Open Government in Europe: Trends and Lessons",
            ),
            // the issuer's name alone on the first line
            (
                "Valsts kanceleja\n\nUzraudzības padomes sēdes protokols Nr. 1\nLatvijas Piektā \
                 plāna padome\nRīgā, 2022. gada 5. oktobrī",
                "Uzraudzības padomes sēdes protokols Nr. 1",
            ),
            // a contact line on the third line is not a letterhead over the title
            (
                "Dalībnieku saraksts\nSanāksme par plāna izstrādi\nValsts kanceleja, Brīvības \
                 bulvāris 36, Rīga",
                "Dalībnieku saraksts",
            ),
            // a title wrapped in lowercase; the subtitle in capitals is left out
            (
                "Latvijas Ceturtais rīcības plāns: diskusiju\ndokuments\nSagatavots apspriešanai",
                "Latvijas Ceturtais rīcības plāns: diskusiju dokuments",
            ),
        ];
        for &(page, want) in table {
            let c = run("x.pdf", None, &[page]);
            assert_eq!(
                c.title,
                Guess::new(want.to_string(), Source::Text),
                "{page}"
            );
        }
        let c = run("", None, &[]);
        assert_eq!(c.title, Guess::new("untitled".into(), Source::Default));
        let c = run("dir/sub\\Sēdes protokols.pdf", None, &[]);
        assert_eq!(c.title.value, "Sēdes protokols");
    }
}
