//! Tests with PDFs built in memory by lopdf.

use super::*;
use lopdf::{dictionary, Object, Stream};

struct Builder {
    doc: lopdf::Document,
    pages_id: ObjectId,
    kids: Vec<Object>,
}

impl Builder {
    fn new() -> Builder {
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        Builder {
            doc,
            pages_id,
            kids: Vec::new(),
        }
    }

    fn add(&mut self, o: impl Into<Object>) -> ObjectId {
        self.doc.add_object(o)
    }

    fn stream(&mut self, dict: Dictionary, data: &[u8]) -> ObjectId {
        self.doc.add_object(Stream::new(dict, data.to_vec()))
    }

    fn page(&mut self, content: &[u8], resources: Dictionary) {
        let c = self.stream(Dictionary::new(), content);
        let r = self.add(resources);
        let p = self.add(dictionary! {
            "Type" => "Page",
            "Parent" => self.pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Contents" => c,
            "Resources" => r,
        });
        self.kids.push(p.into());
    }

    fn finish(mut self) -> Vec<u8> {
        let count = self.kids.len() as i64;
        self.doc.objects.insert(
            self.pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => self.kids, "Count" => count },
            ),
        );
        let cat = self
            .doc
            .add_object(dictionary! { "Type" => "Catalog", "Pages" => self.pages_id });
        self.doc.trailer.set("Root", cat);
        self.doc.trailer.set(
            "Info",
            Object::Dictionary(
                dictionary! { "Title" => Object::string_literal("Testa dokuments") },
            ),
        );
        let mut out = Vec::new();
        self.doc.save_to(&mut out).expect("save");
        out
    }
}

fn fonts(list: &[(&str, ObjectId)]) -> Dictionary {
    let mut f = Dictionary::new();
    for (n, id) in list {
        f.set(n.as_bytes().to_vec(), *id);
    }
    dictionary! { "Font" => f }
}

fn helvetica(b: &mut Builder, differences: Vec<Object>) -> ObjectId {
    b.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => dictionary! { "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding",
                                    "Differences" => differences },
    })
}

fn names(first: i64, list: &[&str]) -> Vec<Object> {
    let mut v: Vec<Object> = vec![first.into()];
    v.extend(list.iter().map(|n| Object::Name(n.as_bytes().to_vec())));
    v
}

fn texts(pdf: &[u8]) -> Vec<String> {
    extract(pdf, &Limits::default())
        .expect("extract")
        .pages
        .into_iter()
        .map(|p| p.text)
        .collect()
}

const LV: [&str; 22] = [
    "amacron",
    "ccaron",
    "emacron",
    "gcommaaccent",
    "imacron",
    "kcommaaccent",
    "lcommaaccent",
    "ncommaaccent",
    "scaron",
    "umacron",
    "zcaron",
    "Amacron",
    "Ccaron",
    "Emacron",
    "Gcommaaccent",
    "Imacron",
    "Kcommaaccent",
    "Lcommaaccent",
    "Ncommaaccent",
    "Scaron",
    "Umacron",
    "Zcaron",
];

#[test]
fn simple_font_differences_latvian() {
    let mut b = Builder::new();
    let f = helvetica(&mut b, names(200, &LV));
    let mut content = b"BT /F1 12 Tf 72 700 Td (R\xccgas pils\xcatas ".to_vec();
    content.extend((200u8..222).chain([b' ', b'a', b'b']));
    content.extend(b") Tj 0 -14 Td (Office \x93quotes\x94 \x96 dash) Tj ET");
    b.page(&content, fonts(&[("F1", f)]));
    let pdf = b.finish();
    let doc = extract(&pdf, &Limits::default()).expect("extract");
    assert_eq!(doc.info.title.as_deref(), Some("Testa dokuments"));
    assert_eq!(doc.pages.len(), 1);
    assert_eq!(doc.pages[0].status, PageStatus::Text);
    assert_eq!(
        doc.pages[0].text,
        "Rīgas pilsētas āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ ab\nOffice “quotes” – dash"
    );
}

const TOUNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar <0003> <0020> <0010> <FB01> <0011> <00660066>
endbfchar
2 beginbfrange <0020> <0025> [<0050> <0101> <0072> <0161> <0137> <0069>]
<0040> <0045> <0061>
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

fn type0(b: &mut Builder, with_tounicode: bool) -> ObjectId {
    let tu = b.stream(Dictionary::new(), TOUNICODE);
    let desc = b.add(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEF+LiberationSerif",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        "DW" => 500,
        "W" => vec![3.into(), vec![250.into()].into(), 16.into(), 17.into(), 556.into(),
                    0x20.into(), vec![600.into(), 500.into(), 400.into(), 450.into(), 520.into(), 280.into()].into()],
    });
    let mut d = dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+LiberationSerif",
        "Encoding" => "Identity-H", "DescendantFonts" => vec![desc.into()],
    };
    if with_tounicode {
        d.set("ToUnicode", tu);
    }
    b.add(d)
}

#[test]
fn type0_identity_h_tounicode() {
    let mut b = Builder::new();
    let f = type0(&mut b, true);
    // "Prāršķi" + space + "abcdef" + space + "fi" "ff" "x" (unmapped 0x0046? no: 0x45 = f)
    let content = b"BT /F0 11 Tf 1 0 0 1 72 700 Tm <0020002100220023002400250003004000410042004300440045000300100011> Tj ET";
    b.page(content, fonts(&[("F0", f)]));
    assert_eq!(texts(&b.finish()), vec!["Pāršķi abcdef fiff"]);
}

#[test]
fn type0_without_tounicode_is_unreadable() {
    let mut b = Builder::new();
    let f = type0(&mut b, false);
    let mut content = b"BT /F0 11 Tf 72 700 Td <".to_vec();
    for i in 0..200u16 {
        content.extend(format!("{:04X}", 0x20 + i % 6 + if i % 7 == 0 { 0 } else { 0x20 }).bytes());
    }
    content.extend(b"> Tj ET");
    b.page(&content, fonts(&[("F0", f)]));
    let doc = extract(&b.finish(), &Limits::default()).expect("extract");
    assert_eq!(doc.pages[0].status, PageStatus::UnreadableText);
    assert_eq!(doc.pages[0].text, "");
}

#[test]
fn garbage_text_is_unreadable() {
    // A font whose codes map to punctuation and controls.
    let mut b = Builder::new();
    let f = helvetica(&mut b, Vec::new());
    b.page(
        b"BT /F1 12 Tf 72 700 Td (!#$%&*+,/:;<=>?@[]^{|}~!#$%&*+\\(\\)!#$%&*+,/:;<=>) Tj ET",
        fonts(&[("F1", f)]),
    );
    let doc = extract(&b.finish(), &Limits::default()).expect("extract");
    assert_eq!(doc.pages[0].status, PageStatus::UnreadableText);
    assert_eq!(doc.pages[0].text, "");
}

#[test]
fn form_xobject_text() {
    let mut b = Builder::new();
    let f = helvetica(&mut b, Vec::new());
    let form_res = fonts(&[("F9", f)]);
    let form = b.stream(
        dictionary! { "Type" => "XObject", "Subtype" => "Form",
        "BBox" => vec![0.into(), 0.into(), 500.into(), 100.into()],
        "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 0.into(), (-100).into()],
        "Resources" => form_res },
        b"BT /F9 10 Tf 0 0 Td (Footer from a form) Tj ET",
    );
    let nested = b.stream(
        dictionary! { "Type" => "XObject", "Subtype" => "Form",
        "BBox" => vec![0.into(), 0.into(), 500.into(), 500.into()],
        "Resources" => dictionary! { "XObject" => dictionary! { "Fx" => form } } },
        b"q 1 0 0 1 72 200 cm /Fx Do Q",
    );
    let mut res = fonts(&[("F1", f)]);
    res.set("XObject", dictionary! { "Fm" => nested });
    b.page(b"BT /F1 12 Tf 72 700 Td (Body text) Tj ET /Fm Do", res);
    assert_eq!(texts(&b.finish()), vec!["Body text\nFooter from a form"]);
}

#[test]
fn self_referencing_form_terminates() {
    let mut b = Builder::new();
    let f = helvetica(&mut b, Vec::new());
    let id = b.doc.new_object_id();
    let s = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form",
        "Resources" => dictionary! { "XObject" => dictionary! { "Me" => id }, "Font" => dictionary! { "F1" => f } } },
        b"BT /F1 12 Tf 72 700 Td (loop) Tj ET /Me Do".to_vec(),
    );
    b.doc.objects.insert(id, Object::Stream(s));
    let res = dictionary! { "XObject" => dictionary! { "Me" => id } };
    b.page(b"/Me Do", res);
    assert_eq!(texts(&b.finish()), vec!["loop"]);
}

#[test]
fn two_columns_read_column_by_column() {
    let mut b = Builder::new();
    let f = b.add(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier" });
    let mut c =
        b"BT /F1 14 Tf 72 740 Td (Kopsavilkums par abam kolonnam virsraksts) Tj ET\n".to_vec();
    // Courier 10pt: 6pt per char; columns 72..282 and 320..530 (35 chars each).
    for i in 0..10 {
        let y = 700 - i * 12;
        c.extend(
            format!("BT /F1 10 Tf 72 {y} Td (kreisa kolonna rinda {i:02} teksts ir) Tj ET\n")
                .bytes(),
        );
        c.extend(
            format!("BT /F1 10 Tf 320 {y} Td (laba kolonna rinda {i:02} teksts te ir) Tj ET\n")
                .bytes(),
        );
    }
    b.page(&c, fonts(&[("F1", f)]));
    let mut expected = vec!["Kopsavilkums par abam kolonnam virsraksts".to_string()];
    expected.extend((0..10).map(|i| format!("kreisa kolonna rinda {i:02} teksts ir")));
    expected.extend((0..10).map(|i| format!("laba kolonna rinda {i:02} teksts te ir")));
    assert_eq!(texts(&b.finish()), vec![expected.join("\n")]);
}

#[test]
fn table_rows_stay_together() {
    // Short label cells and values: not columns of running text.
    let mut b = Builder::new();
    let f = b.add(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier" });
    let mut c = Vec::new();
    for i in 0..10 {
        let y = 700 - i * 14;
        c.extend(format!("BT /F1 10 Tf 72 {y} Td (Nr {i}) Tj ET BT /F1 10 Tf 320 {y} Td (vertiba {i} eiro) Tj ET\n").bytes());
    }
    b.page(&c, fonts(&[("F1", f)]));
    let expected: Vec<String> = (0..10)
        .map(|i| format!("Nr {i} vertiba {i} eiro"))
        .collect();
    assert_eq!(texts(&b.finish()), vec![expected.join("\n")]);
}

#[test]
fn separate_accent_glyphs_combine() {
    let mut b = Builder::new();
    let f = helvetica(
        &mut b,
        names(
            1,
            &["dotlessi", "macron", "caron", "commaaccent", "cedilla"],
        ),
    );
    // ı 278 + macron 333 centred: back 305.5, then forward to the end of ı.
    // s 500 + caron 333 centred: back 416.5; k 500 + comma accent (500) centred: back 500.
    let c = b"BT /F1 12 Tf 72 700 Td [(R\x01) 305.5 (\x02) 27.5 (ga s) 416.5 (\x03) 83.5 (k) 500 (\x04) (ins) ] TJ ET";
    b.page(c, fonts(&[("F1", f)]));
    assert_eq!(texts(&b.finish()), vec!["Rīga šķins"]);
}

#[test]
fn kerning_does_not_split_words() {
    let mut b = Builder::new();
    let f = helvetica(&mut b, Vec::new());
    let c = b"BT /F1 12 Tf 72 700 Td [(W) 80 (ord) -60 (s) -300 (next) -20 (one) 20 (s)] TJ ET\n\
BT /F1 12 Tf 72 680 Td [(S) -40 (p) -40 (a) -40 (c) -40 (e) -40 (d)] TJ ET";
    b.page(c, fonts(&[("F1", f)]));
    assert_eq!(texts(&b.finish()), vec!["Words nextones\nSpaced"]);
}

#[test]
fn actual_text_replaces_glyphs() {
    let mut b = Builder::new();
    let f = helvetica(&mut b, Vec::new());
    let c = b"BT /F1 12 Tf 72 700 Td (ef) Tj /Span <</ActualText <FEFF00660069>>> BDC (X) Tj EMC (ciency) Tj ET";
    b.page(c, fonts(&[("F1", f)]));
    assert_eq!(texts(&b.finish()), vec!["efficiency"]);
}

#[test]
fn hyphenated_line_end_joins() {
    let mut b = Builder::new();
    let f = helvetica(&mut b, names(128, &["amacron"]));
    let c = b"BT /F1 12 Tf 72 700 Td (Pl\x80nots doku-) Tj 0 -14 Td (menti un Latvijas-) Tj 0 -14 Td (Eiropas fondi) Tj ET";
    b.page(c, fonts(&[("F1", f)]));
    assert_eq!(
        texts(&b.finish()),
        vec!["Plānots dokumenti\nun Latvijas-\nEiropas fondi"]
    );
}

#[test]
fn rotated_text_and_page_order() {
    let mut b = Builder::new();
    let f = helvetica(&mut b, Vec::new());
    b.page(
        b"BT /F1 12 Tf 72 700 Td (First page) Tj ET",
        fonts(&[("F1", f)]),
    );
    // Text running upwards (90 degrees).
    b.page(
        b"BT /F1 12 Tf 0 1 -1 0 100 100 Tm (Vertical label) Tj 0 -14 Td (second line) Tj ET",
        fonts(&[("F1", f)]),
    );
    assert_eq!(
        texts(&b.finish()),
        vec!["First page", "Vertical label\nsecond line"]
    );
}

#[test]
fn images_blank_and_no_text_layer() {
    let mut b = Builder::new();
    let img = b.stream(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
        "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
        &[0x80],
    );
    b.page(
        b"q 500 0 0 700 50 50 cm /Im0 Do Q",
        dictionary! { "XObject" => dictionary! { "Im0" => img } },
    );
    b.page(b"0 0 1 rg 10 10 100 100 re f", Dictionary::new());
    b.page(
        b"q 400 0 0 600 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x00 EI Q",
        Dictionary::new(),
    );
    // A scan with a stamped page number.
    let f = helvetica(&mut b, Vec::new());
    let mut res = fonts(&[("F1", f)]);
    res.set("XObject", dictionary! { "Im0" => img });
    b.page(
        b"q 612 0 0 792 0 0 cm /Im0 Do Q BT /F1 9 Tf 300 20 Td (3) Tj ET",
        res,
    );
    let doc = extract(&b.finish(), &Limits::default()).expect("extract");
    let st: Vec<PageStatus> = doc.pages.iter().map(|p| p.status).collect();
    assert_eq!(
        st,
        vec![
            PageStatus::NoTextLayer,
            PageStatus::Blank,
            PageStatus::NoTextLayer,
            PageStatus::NoTextLayer
        ]
    );
}

#[test]
fn errors() {
    let l = Limits::default();
    assert!(matches!(extract(b"", &l), Err(PdfError::Empty)));
    assert!(matches!(extract(b"  \n\t ", &l), Err(PdfError::Empty)));
    assert!(matches!(
        extract(b"<html><body>hello</body></html>", &l),
        Err(PdfError::NotPdf)
    ));
    assert!(matches!(
        extract(b"%PDF-1.4\n garbage only", &l),
        Err(PdfError::Damaged(_))
    ));
    let small = Limits {
        max_file_bytes: 10,
        ..Limits::default()
    };
    assert!(matches!(
        extract(b"%PDF-1.4 0123456789", &small),
        Err(PdfError::TooLarge { .. })
    ));
    let mut b = Builder::new();
    let f = helvetica(&mut b, Vec::new());
    b.page(b"BT /F1 12 Tf 72 700 Td (a) Tj ET", fonts(&[("F1", f)]));
    b.page(b"BT /F1 12 Tf 72 700 Td (b) Tj ET", fonts(&[("F1", f)]));
    let pdf = b.finish();
    let one = Limits {
        max_pages: 1,
        ..Limits::default()
    };
    let e = extract(&pdf, &one).expect_err("too many pages");
    assert_eq!(
        e.to_string(),
        "the PDF has too many pages (2; the limit is 1)"
    );
    assert_eq!(
        PdfError::Encrypted.to_string(),
        "the PDF is password-protected; an unprotected copy is needed"
    );
    // No pages.
    let mut b = Builder::new();
    let _ = helvetica(&mut b, Vec::new());
    assert!(matches!(extract(&b.finish(), &l), Err(PdfError::NoPages)));
}

#[test]
fn truncated_and_corrupted_inputs_do_not_panic() {
    let mut b = Builder::new();
    let f = type0(&mut b, true);
    let h = helvetica(&mut b, names(128, &LV));
    for i in 0..3 {
        let c = format!(
            "BT /F0 11 Tf 72 {} Td <002000210022> Tj /F1 9 Tf (\u{80}bc {i}) Tj ET",
            700 - i
        );
        b.page(c.as_bytes(), fonts(&[("F0", f), ("F1", h)]));
    }
    let pdf = b.finish();
    let l = Limits::default();
    for cut in (0..pdf.len()).step_by(37) {
        let _ = extract(&pdf[..cut], &l);
    }
    // A truncated file whose objects are intact is repaired.
    let end = pdf
        .windows(4)
        .rposition(|w| w == b"xref")
        .unwrap_or(pdf.len());
    let doc = extract(&pdf[..end], &l).expect("repaired");
    assert_eq!(doc.pages.len(), 3);
    let mut seed = 0x2545F491u32;
    for _ in 0..300 {
        let mut m = pdf.clone();
        for _ in 0..8 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let at = seed as usize % m.len();
            m[at] = (seed >> 8) as u8;
        }
        let _ = extract(&m, &l);
    }
}

#[test]
fn hostile_content_is_bounded() {
    let mut b = Builder::new();
    let f = helvetica(&mut b, Vec::new());
    let mut c = Vec::new();
    c.extend(b"q ".repeat(5000));
    c.extend(b"1e30 0 0 1e30 1e30 1e30 cm BT /F1 1e38 Tf 99999999999 -99999 Td (x) Tj ET ");
    c.extend(b"BT /Nope 12 Tf 72 700 Td [(a) 1e39 (b)] TJ ( unclosed");
    b.page(&c, fonts(&[("F1", f)]));
    let pdf = b.finish();
    let l = Limits {
        max_ops_per_page: 3000,
        ..Limits::default()
    };
    let doc = extract(&pdf, &l).expect("extract");
    assert_eq!(doc.pages.len(), 1);
}

fn cell_text(x: i32, y: i32, lines: &[&str]) -> String {
    let mut s = format!("BT /F1 10 Tf {x} {y} Td 12 TL ");
    for l in lines {
        s.push_str(&format!("({l}) Tj T* "));
    }
    s.push_str("ET\n");
    s
}

#[test]
fn borderless_table_cells_stay_together() {
    // Cells drawn one after another (as office suites do); each cell has two lines.
    let mut b = Builder::new();
    let f = helvetica(&mut b, Vec::new());
    let mut c = cell_text(
        72,
        740,
        &["Ievads virs tabulas ar garu teikumu par plana izpildi"],
    );
    c += &cell_text(72, 700, &["Tiesibu aktu projekti", "ir pieejami"]);
    c += &cell_text(300, 700, &["Atzinumu termini", "ir isi"]);
    c += &cell_text(72, 660, &["Dazas ministrijas", "publice protokolus"]);
    c += &cell_text(300, 660, &["Izzina noradits", "tikai nemts vera"]);
    b.page(c.as_bytes(), fonts(&[("F1", f)]));
    assert_eq!(
        texts(&b.finish()),
        vec![
            "Ievads virs tabulas ar garu teikumu par plana izpildi\nTiesibu aktu projekti\nir pieejami\n\
             Atzinumu termini\nir isi\nDazas ministrijas\npublice protokolus\nIzzina noradits\ntikai nemts vera"
        ]
    );
}

#[test]
fn ruled_table_is_read_cell_by_cell() {
    // Text drawn line by line across the cells; the rulings define the cells.
    let mut b = Builder::new();
    let f = helvetica(&mut b, Vec::new());
    let mut c =
        String::from("0.5 w 70 715 m 520 715 l S 70 675 m 520 675 l S 70 635 m 520 635 l S\n");
    c += "70 635 m 70 715 l S 290 635 m 290 715 l S 520 635 m 520 715 l S\n";
    c += "q 0 0 0 rg 70 600 450 0.5 re f Q\n";
    for (y, a, bb) in [
        (700, "Pirma suna", "Otra suna"),
        (688, "turpinajums", "vel teksts"),
        (660, "Tresa suna", "Ceturta"),
        (648, "beigas", "suna"),
    ] {
        c += &cell_text(72, y, &[a]);
        c += &cell_text(300, y, &[bb]);
    }
    b.page(c.as_bytes(), fonts(&[("F1", f)]));
    assert_eq!(
        texts(&b.finish()),
        vec!["Pirma suna\nturpinajums\nOtra suna\nvel teksts\nTresa suna\nbeigas\nCeturta\nsuna"]
    );
}

#[test]
fn indented_paragraph_joins_hyphenated_word() {
    let mut b = Builder::new();
    let f = helvetica(&mut b, Vec::new());
    let c = "BT /F1 10 Tf 97 700 Td (Pirmais teikums ir garaks par citiem un beidzas ar vardu infor-) Tj ET\n\
             BT /F1 10 Tf 72 688 Td (macija un turpinas) Tj ET";
    b.page(c.as_bytes(), fonts(&[("F1", f)]));
    assert_eq!(
        texts(&b.finish()),
        vec!["Pirmais teikums ir garaks par citiem un beidzas ar vardu informacija\nun turpinas"]
    );
}

/// The real-producer corpus (scripts/make-extract-fixtures.sh): every page must match its
/// ground truth closely. Skipped where the fixtures are not present.
#[test]
fn producer_fixtures_match_ground_truth() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/extract");
    let entries = std::fs::read_dir(&dir).expect("the fixture corpus is committed");
    let mut checked = 0;
    let mut failures = Vec::new();
    for e in entries.flatten() {
        let pdf = e.path();
        if pdf.extension().and_then(|x| x.to_str()) != Some("pdf") {
            continue;
        }
        let Ok(truth) = std::fs::read_to_string(pdf.with_extension("txt")) else {
            continue;
        };
        let want: Vec<&str> = truth.split('\u{c}').filter(|_| true).collect();
        let want = &want[..want.len().saturating_sub(1)];
        let doc = extract_file(&pdf, &Limits::default()).expect("fixture extracts");
        assert_eq!(doc.pages.len(), want.len(), "{}: page count", pdf.display());
        for (i, (page, w)) in doc.pages.iter().zip(want).enumerate() {
            let s = similarity(w, &page.text);
            if s < 0.98 {
                failures.push(format!(
                    "{} page {}: similarity {s:.4}\n{}",
                    pdf.display(),
                    i + 1,
                    page.text
                ));
            }
            if w.trim().is_empty() {
                assert_ne!(page.status, PageStatus::Text, "{}", pdf.display());
            }
            // Every word with a Latvian diacritic must come through whole.
            let got: std::collections::HashSet<&str> =
                page.text.split(|c: char| !c.is_alphanumeric()).collect();
            for word in w.split(|c: char| !c.is_alphanumeric()) {
                if word.chars().any(|c| "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ".contains(c)) && !got.contains(word)
                {
                    failures.push(format!(
                        "{} page {}: missing {word:?}",
                        pdf.display(),
                        i + 1
                    ));
                }
            }
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 15, "only {checked} fixture files");
}

#[test]
fn decompression_bombs_are_bounded() {
    let mut b = Builder::new();
    let f = helvetica(&mut b, Vec::new());
    // 16 MB of spaces compressed; the limit below is 1 MB.
    let mut bomb = Stream::new(Dictionary::new(), vec![b' '; 16 << 20]);
    bomb.compress().expect("compress");
    let bomb_id = b.add(bomb.clone());
    let mut form = bomb;
    form.dict.set("Type", "XObject");
    form.dict.set("Subtype", "Form");
    let form_id = b.add(form);
    let mut draw = String::new();
    for _ in 0..500 {
        draw.push_str("/Fb Do ");
    }
    let res = {
        let mut r = fonts(&[("F1", f)]);
        r.set("XObject", dictionary! { "Fb" => form_id });
        r
    };
    for _ in 0..40 {
        let ok = b.stream(
            Dictionary::new(),
            format!("BT /F1 12 Tf 72 700 Td (ok) Tj ET {draw}").as_bytes(),
        );
        let r = b.add(res.clone());
        let p = b.add(dictionary! {
            "Type" => "Page", "Parent" => b.pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Contents" => vec![Object::Reference(ok), Object::Reference(bomb_id)],
            "Resources" => r,
        });
        b.kids.push(p.into());
    }
    let pdf = b.finish();
    let l = Limits {
        max_stream_bytes: 1 << 20,
        ..Limits::default()
    };
    let t = std::time::Instant::now();
    let doc = extract(&pdf, &l).expect("extract");
    assert_eq!(doc.pages.len(), 40);
    assert!(doc.pages.iter().all(|p| p.text == "ok"));
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}

fn encrypted(user: &str) -> Vec<u8> {
    let mut b = Builder::new();
    let f = helvetica(&mut b, names(200, &LV));
    b.page(
        b"BT /F1 12 Tf 72 700 Td (Sl\xcapts teksts) Tj ET",
        fonts(&[("F1", f)]),
    );
    let pdf = b.finish();
    let mut doc = lopdf::Document::load_mem(&pdf).expect("reload");
    doc.trailer.set(
        "ID",
        vec![
            Object::string_literal(b"0123456789abcdef".to_vec()),
            Object::string_literal(b"0123456789abcdef".to_vec()),
        ],
    );
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: user,
        key_length: 128,
        permissions: lopdf::Permissions::default(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("state");
    doc.encrypt(&state).expect("encrypt");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

#[test]
fn encryption_with_and_without_user_password() {
    assert!(matches!(
        extract(&encrypted("slepens"), &Limits::default()),
        Err(PdfError::Encrypted)
    ));
    assert_eq!(texts(&encrypted("")), vec!["Slēpts teksts"]);
}

#[test]
fn three_columns() {
    let mut b = Builder::new();
    let f = b.add(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier" });
    let mut c = b"BT /F1 14 Tf 50 760 Td (Trijas kolonnas) Tj ET\n".to_vec();
    let mut expected = vec!["Trijas kolonnas".to_string()];
    // Courier 9pt: 5.4pt per char, 28 chars = 151pt wide columns at 50, 220, 390.
    for (col, x) in [50, 220, 390].iter().enumerate() {
        for i in 0..8 {
            let line = format!("kolonna {col} rinda {i} teksts ir");
            c.extend(format!("BT /F1 9 Tf {x} {} Td ({line}) Tj ET\n", 720 - i * 11).bytes());
            expected.push(line);
        }
    }
    b.page(&c, fonts(&[("F1", f)]));
    assert_eq!(texts(&b.finish()), vec![expected.join("\n")]);
}

#[test]
fn dingbat_bullets_are_not_text() {
    let mut b = Builder::new();
    let f = helvetica(&mut b, Vec::new());
    let z =
        b.add(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "ZapfDingbats" });
    let w = b.add(
        dictionary! { "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "Wingdings-Regular",
        "FontDescriptor" => dictionary! { "Type" => "FontDescriptor", "Flags" => 4 } },
    );
    let c = b"BT /Z 10 Tf 72 700 Td (l) Tj /F1 10 Tf 20 0 Td (Pirmais punkts) Tj ET\n\
              BT /W 10 Tf 72 686 Td (\xa7) Tj /F1 10 Tf 20 0 Td (Otrais punkts) Tj ET";
    b.page(c, fonts(&[("F1", f), ("Z", z), ("W", w)]));
    assert_eq!(texts(&b.finish()), vec!["Pirmais punkts\nOtrais punkts"]);
}

mod realworld;
