//! Citations of a document, optionally at one page, in the three forms reference managers
//! import: CSL-JSON (Zotero, Pandoc, citeproc), RIS (EndNote, Zotero, Mendeley) and BibTeX.
//! Fields: the institution as author, title, date, plan cycle, council session, page (the
//! document's page range when no page is given) and the document's SHA-256 as its identifier,
//! which stays the same in every archive and bundle that holds the file.
//!
//! Written by hand: the formats are line-based (RIS), JSON (serde), or a few `key = {value}`
//! lines (BibTeX); the BibTeX crates on crates.io parse BibTeX, which is the other direction.

use serde_json::{json, Value};

use crate::error::{Error, Result};
use crate::model::{Cycle, DocumentInfo, Kind, Lang};

/// The author of the archive's documents as a citation names it: the national OGP contact
/// point that keeps them (the catalogue has no author field per document).
pub const DEFAULT_INSTITUTION: &str = "Valsts kanceleja";

/// The citation formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CiteFormat {
    CslJson,
    Ris,
    Bibtex,
    /// One line to paste into a text: `Valsts kanceleja (2023). Title. …, 3. lpp. SHA-256: …`.
    Text,
}

impl std::str::FromStr for CiteFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<CiteFormat> {
        match s {
            "csl-json" | "csl" | "json" => Ok(CiteFormat::CslJson),
            "ris" => Ok(CiteFormat::Ris),
            "bibtex" | "bib" => Ok(CiteFormat::Bibtex),
            "text" | "txt" => Ok(CiteFormat::Text),
            other => Err(Error::Invalid(format!(
                "citation format {other:?} (csl-json, ris, bibtex, text)"
            ))),
        }
    }
}

/// Which pages a citation points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pages {
    One(i64),
    /// The whole document, `1..=n`.
    All(i64),
}

/// Everything a citation says, taken from a catalogued document.
#[derive(Clone, Debug)]
pub struct Citation {
    /// A key stable across archives: `ogp_` + the first 12 hex digits of the SHA-256, and
    /// `_p<N>` for a page.
    pub key: String,
    pub institution: String,
    pub title: String,
    pub date: Option<chrono::NaiveDate>,
    pub kind: Kind,
    pub lang: Lang,
    /// `OGP 5. cikls (2022–2025): Piektais nacionālais … plāns`.
    pub cycle: Option<String>,
    pub session: Option<chrono::NaiveDate>,
    pub pages: Pages,
    pub sha256: String,
    pub file_name: String,
    /// The file's path inside a bundle, when the citation ships in one.
    pub location: Option<String>,
}

impl Citation {
    /// A citation of `doc` (at `page`, 1-based, when given). A page outside the document is
    /// refused.
    pub fn new(
        doc: &DocumentInfo,
        cycle: Option<&Cycle>,
        page: Option<i64>,
        institution: &str,
    ) -> Result<Citation> {
        let pages = match page {
            Some(p) if p < 1 || p > doc.pages.max(1) => {
                return Err(Error::Invalid(format!(
                    "page {p}: document {} has pages 1–{}",
                    doc.id, doc.pages
                )))
            }
            Some(p) => Pages::One(p),
            None => Pages::All(doc.pages.max(1)),
        };
        let short = doc.sha256.get(..12).unwrap_or(&doc.sha256);
        let key = match pages {
            Pages::One(p) => format!("ogp_{short}_p{p}"),
            Pages::All(_) => format!("ogp_{short}"),
        };
        Ok(Citation {
            key,
            institution: institution.to_string(),
            title: doc.title.clone(),
            date: doc.date.or(doc.session),
            kind: doc.kind,
            lang: doc.lang,
            cycle: cycle.map(cycle_label),
            session: doc.session,
            pages,
            sha256: doc.sha256.clone(),
            file_name: doc.file_name.clone(),
            location: None,
        })
    }

    fn page_text(&self, dash: &str) -> String {
        match self.pages {
            Pages::One(p) => p.to_string(),
            Pages::All(1) => "1".into(),
            Pages::All(n) => format!("1{dash}{n}"),
        }
    }

    /// `Sēde / meeting 2023-03-21. SHA-256: …`: what the note field carries in every format.
    fn note(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.session {
            parts.push(format!("Sēde / meeting {s}"));
        }
        parts.push(format!("SHA-256: {}", self.sha256));
        parts.join(". ")
    }

    fn is_report(&self) -> bool {
        matches!(self.kind, Kind::Plan | Kind::Evaluation | Kind::Survey)
    }
}

/// `OGP 5. cikls (2022–2025): <title>`.
pub fn cycle_label(c: &Cycle) -> String {
    let base = format!("OGP {}. cikls ({}–{})", c.number, c.start_year, c.end_year);
    if c.title.trim().is_empty() {
        base
    } else {
        format!("{base}: {}", c.title.trim())
    }
}

/// The citations in one format.
pub fn render(cites: &[Citation], format: CiteFormat) -> String {
    match format {
        CiteFormat::CslJson => {
            let items: Vec<Value> = cites.iter().map(csl_item).collect();
            let mut s = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
            s.push('\n');
            s
        }
        CiteFormat::Ris => cites.iter().map(ris_entry).collect(),
        CiteFormat::Bibtex => cites
            .iter()
            .map(bibtex_entry)
            .collect::<Vec<_>>()
            .join("\n"),
        CiteFormat::Text => cites.iter().map(|c| text_line(c) + "\n").collect(),
    }
}

/// The citation of document `id` of `archive` (at `page`, when given) in `format`: what
/// `ogp-archive cite` prints and the app's "Citēt" button copies.
pub fn cite_document(
    archive: &crate::Archive,
    id: i64,
    page: Option<i64>,
    format: CiteFormat,
) -> Result<String> {
    let doc = archive.get(id)?;
    let cycle = match doc.cycle {
        Some(n) => archive.cycles()?.into_iter().find(|c| c.number == n),
        None => None,
    };
    let c = Citation::new(&doc, cycle.as_ref(), page, DEFAULT_INSTITUTION)?;
    Ok(render(&[c], format))
}

fn text_line(c: &Citation) -> String {
    use chrono::Datelike;
    let mut s = c.institution.clone();
    if let Some(d) = c.date {
        s.push_str(&format!(" ({})", d.year()));
    }
    s.push_str(&format!(". {}.", c.title.trim_end_matches('.')));
    if let Some(cycle) = &c.cycle {
        s.push_str(&format!(" {cycle}."));
    }
    if let Some(session) = c.session {
        s.push_str(&format!(" Sēde {session}."));
    }
    match c.pages {
        Pages::One(p) => s.push_str(&format!(" {p}. lpp.")),
        Pages::All(n) => s.push_str(&format!(" {n} lpp.")),
    }
    s.push_str(&format!(" PDF, SHA-256: {}", c.sha256));
    s
}

fn csl_item(c: &Citation) -> Value {
    let mut item = json!({
        "id": c.key,
        "type": if c.is_report() { "report" } else { "document" },
        "title": c.title,
        "author": [{ "literal": c.institution }],
        "publisher": c.institution,
        "page": c.page_text("-"),
        "language": c.lang.as_str(),
        "medium": "PDF",
        "note": c.note(),
        "custom": { "sha256": c.sha256, "file_name": c.file_name },
    });
    if let Pages::All(n) = c.pages {
        item["number-of-pages"] = json!(n.to_string());
    }
    if let Some(d) = c.date {
        item["issued"] = date_parts(d);
    }
    if let Some(cycle) = &c.cycle {
        item["collection-title"] = json!(cycle);
    }
    if let Some(s) = c.session {
        item["event-title"] = json!(format!("Sēde {s}"));
        item["event-date"] = date_parts(s);
    }
    if let Some(loc) = &c.location {
        item["archive_location"] = json!(loc);
    }
    item
}

fn date_parts(d: chrono::NaiveDate) -> Value {
    use chrono::Datelike;
    json!({ "date-parts": [[d.year(), d.month(), d.day()]] })
}

/// A RIS value on one line (RIS has no escaping; a line break would start a new tag).
fn ris_value(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn ris_entry(c: &Citation) -> String {
    use chrono::Datelike;
    let mut lines: Vec<(&str, String)> = vec![
        ("TY", if c.is_report() { "RPRT" } else { "GEN" }.to_string()),
        ("ID", c.key.clone()),
        // A trailing comma marks a corporate author in RIS (EndNote's convention).
        ("AU", format!("{},", ris_value(&c.institution))),
        ("TI", ris_value(&c.title)),
    ];
    if let Some(cycle) = &c.cycle {
        lines.push(("T2", ris_value(cycle)));
    }
    if let Some(d) = c.date {
        lines.push(("PY", d.year().to_string()));
        lines.push(("DA", d.format("%Y/%m/%d").to_string()));
    }
    match c.pages {
        Pages::One(p) => lines.push(("SP", p.to_string())),
        Pages::All(n) => {
            lines.push(("SP", "1".into()));
            lines.push(("EP", n.to_string()));
        }
    }
    lines.push(("PB", ris_value(&c.institution)));
    lines.push(("LA", c.lang.as_str().to_string()));
    lines.push(("N1", ris_value(&c.note())));
    if let Some(loc) = &c.location {
        lines.push(("L1", ris_value(loc)));
    }
    let mut out = String::new();
    for (tag, value) in lines {
        out.push_str(&format!("{tag}  - {value}\r\n"));
    }
    out.push_str("ER  - \r\n");
    out
}

/// BibTeX text with its special characters escaped. Latvian letters stay UTF-8 (BibTeX 0.99d,
/// biber and every reference manager read it); the title is wrapped in one more pair of braces
/// so that no style changes its case, which would also break capitals such as `Ķ` that a
/// style's ASCII case rules do not know.
pub fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        match ch {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '$' | '&' | '%' | '#' | '_' => {
                out.push('\\');
                out.push(ch);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

fn bibtex_entry(c: &Citation) -> String {
    let inst = bibtex_escape(&c.institution);
    let mut fields: Vec<(&str, String)> = vec![
        // Double braces: one corporate name, not "kanceleja, Valsts".
        ("author", format!("{{{inst}}}")),
        ("title", format!("{{{}}}", bibtex_escape(&c.title))),
    ];
    if c.is_report() {
        fields.push(("institution", inst.clone()));
    } else {
        fields.push(("howpublished", "PDF".into()));
        fields.push(("organization", inst.clone()));
    }
    if let Some(d) = c.date {
        use chrono::Datelike;
        fields.push(("year", d.year().to_string()));
        fields.push(("date", d.format("%Y-%m-%d").to_string()));
    }
    if let Some(cycle) = &c.cycle {
        fields.push(("series", bibtex_escape(cycle)));
    }
    fields.push(("pages", c.page_text("--")));
    fields.push(("language", lang_name(c.lang).into()));
    let mut note = c.note();
    if let Some(loc) = &c.location {
        // In `note`, not `file`: reference managers read `file` as a path on this machine.
        note.push_str(&format!(". Fails / file: {loc}"));
    }
    fields.push(("note", bibtex_escape(&note)));
    let kind = if c.is_report() { "techreport" } else { "misc" };
    let mut out = format!("@{kind}{{{},\n", c.key);
    for (k, v) in fields {
        out.push_str(&format!("  {k} = {{{v}}},\n"));
    }
    out.push_str("}\n");
    out
}

fn lang_name(l: Lang) -> &'static str {
    match l {
        Lang::Lv => "latvian",
        Lang::En => "english",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn doc() -> DocumentInfo {
        DocumentInfo {
            id: 7,
            title: "Uzraudzības padomes sēdes protokols Nr. 2: Ķekavas 100% {budžets} & C_D".into(),
            file_name: "2023-03-21_sedes_protokols.pdf".into(),
            kind: Kind::Protocol,
            cycle: Some(5),
            session: NaiveDate::from_ymd_opt(2023, 3, 21),
            session_id: Some(2),
            lang: Lang::Lv,
            date: NaiveDate::from_ymd_opt(2023, 3, 21),
            pages: 4,
            size: 1000,
            sha256: "0123456789abcdef".repeat(4),
            status: crate::model::DocStatus::Ok,
            flagged_pages: vec![],
            ocr_pages: vec![],
            added_at: String::new(),
            trashed_at: None,
            sources: Default::default(),
            corrected: vec![],
            unknown_session_date: None,
            producer: None,
        }
    }

    fn cycle() -> Cycle {
        Cycle {
            number: 5,
            start_year: 2022,
            end_year: 2025,
            title: "Piektais nacionālais atvērtās pārvaldības rīcības plāns".into(),
            documents: 0,
        }
    }

    #[test]
    fn a_page_outside_the_document_is_refused() {
        for p in [0, 5, -1] {
            assert!(
                Citation::new(&doc(), None, Some(p), DEFAULT_INSTITUTION).is_err(),
                "{p}"
            );
        }
    }

    #[test]
    fn csl_json_carries_every_field() {
        let c = Citation::new(&doc(), Some(&cycle()), Some(3), DEFAULT_INSTITUTION).unwrap();
        let v: Value = serde_json::from_str(&render(&[c], CiteFormat::CslJson)).unwrap();
        let item = &v[0];
        assert_eq!(item["id"], "ogp_0123456789ab_p3");
        assert_eq!(item["page"], "3");
        assert_eq!(item["author"][0]["literal"], "Valsts kanceleja");
        assert_eq!(item["issued"]["date-parts"][0], json!([2023, 3, 21]));
        assert_eq!(item["event-date"]["date-parts"][0], json!([2023, 3, 21]));
        assert!(item["collection-title"]
            .as_str()
            .unwrap()
            .starts_with("OGP 5. cikls (2022–2025): Piektais"));
        assert!(item["note"].as_str().unwrap().ends_with(&doc().sha256));
        assert_eq!(item["title"], doc().title);
    }

    #[test]
    fn ris_has_one_tag_a_line_and_the_page() {
        let c = Citation::new(&doc(), Some(&cycle()), Some(2), DEFAULT_INSTITUTION).unwrap();
        let ris = render(&[c], CiteFormat::Ris);
        let lines: Vec<&str> = ris.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[0], "TY  - GEN");
        assert!(lines.contains(&"SP  - 2"));
        assert!(lines.contains(&"DA  - 2023/03/21"));
        assert!(lines.contains(&"AU  - Valsts kanceleja,"));
        assert_eq!(*lines.last().unwrap(), "ER  - ");
        for l in &lines {
            assert!(l.len() >= 5 && &l[2..5] == "  -", "{l:?}");
        }
        let whole = Citation::new(&doc(), None, None, DEFAULT_INSTITUTION).unwrap();
        let ris = render(&[whole], CiteFormat::Ris);
        assert!(ris.contains("SP  - 1\r\nEP  - 4\r\n"), "{ris}");
    }

    #[test]
    fn bibtex_escapes_specials_and_keeps_latvian_letters() {
        let c = Citation::new(&doc(), Some(&cycle()), Some(4), DEFAULT_INSTITUTION).unwrap();
        let bib = render(&[c], CiteFormat::Bibtex);
        assert!(bib.starts_with("@misc{ogp_0123456789ab_p4,\n"), "{bib}");
        assert!(bib.contains(
            "  title = {{Uzraudzības padomes sēdes protokols Nr. 2: Ķekavas 100\\% \\{budžets\\} \\& C\\_D}},\n"
        ), "{bib}");
        assert!(bib.contains("  author = {{Valsts kanceleja}},\n"));
        assert!(bib.contains("  pages = {4},\n"));
        // Unescaped braces balance, so a parser reads the entry to its end.
        let unescaped_open = bib.matches('{').count() - bib.matches("\\{").count();
        let unescaped_close = bib.matches('}').count() - bib.matches("\\}").count();
        assert_eq!(unescaped_open, unescaped_close);
    }

    #[test]
    fn the_text_line_names_the_page() {
        let c = Citation::new(&doc(), Some(&cycle()), Some(2), DEFAULT_INSTITUTION).unwrap();
        let line = render(&[c], CiteFormat::Text);
        assert!(
            line.starts_with("Valsts kanceleja (2023). Uzraudzības padomes sēdes protokols Nr. 2:"),
            "{line}"
        );
        assert!(
            line.contains(" OGP 5. cikls (2022–2025): Piektais"),
            "{line}"
        );
        assert!(
            line.contains(" Sēde 2023-03-21. 2. lpp. PDF, SHA-256: 0123"),
            "{line}"
        );
    }

    #[test]
    fn formats_parse_from_their_names() {
        assert_eq!(
            "csl-json".parse::<CiteFormat>().unwrap(),
            CiteFormat::CslJson
        );
        assert_eq!("ris".parse::<CiteFormat>().unwrap(), CiteFormat::Ris);
        assert_eq!("bibtex".parse::<CiteFormat>().unwrap(), CiteFormat::Bibtex);
        assert!("word".parse::<CiteFormat>().is_err());
    }
}
