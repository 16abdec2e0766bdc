//! Tests of the date forms.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn dates(text: &str) -> Vec<NaiveDate> {
    find_dates(text).into_iter().map(|m| m.date).collect()
}

#[test]
fn latvian_forms() {
    let table: &[(&str, NaiveDate)] = &[
        ("2023. gada 21. marta sēde", d(2023, 3, 21)),
        ("2023. gada 21. martā", d(2023, 3, 21)),
        ("2023.gada 21.marts", d(2023, 3, 21)),
        ("2019.gada 4.decembrī", d(2019, 12, 4)),
        ("2022. gada 5. oktobra sēde", d(2022, 10, 5)),
        ("2023. g. 21. martā", d(2023, 3, 21)),
        ("2023. GADA 21. MARTĀ", d(2023, 3, 21)),
        ("2023 gada 21 marta", d(2023, 3, 21)),
        ("2023_gada_21_marta_sede.pdf", d(2023, 3, 21)),
        ("Rīgā, 2023. gada 21. okt.", d(2023, 10, 21)),
    ];
    for &(text, want) in table {
        assert_eq!(dates(text), vec![want], "{text}");
    }
}

#[test]
fn all_months_in_all_cases_with_and_without_diacritics() {
    let months: [&[&str]; 12] = [
        &[
            "janvāris",
            "janvāra",
            "janvārī",
            "janvārim",
            "janvari",
            "janvara",
        ],
        &["februāris", "februāra", "februārī", "februari", "februara"],
        &["marts", "marta", "martā", "martam", "martu"],
        &["aprīlis", "aprīļa", "aprīlī", "aprili", "aprila", "aprilis"],
        &["maijs", "maija", "maijā", "maijam"],
        &["jūnijs", "jūnija", "jūnijā", "jūnijam", "junija", "junijs"],
        &["jūlijs", "jūlija", "jūlijā", "julija"],
        &["augusts", "augusta", "augustā"],
        &[
            "septembris",
            "septembra",
            "septembrī",
            "septembrim",
            "septembri",
        ],
        &["oktobris", "oktobra", "oktobrī", "oktobrim", "oktobri"],
        &["novembris", "novembra", "novembrī", "novembri"],
        &["decembris", "decembra", "decembrī", "decembri", "DECEMBRĪ"],
    ];
    for (k, forms) in months.iter().enumerate() {
        for form in *forms {
            let text = format!("2021. gada 3. {form}");
            assert_eq!(dates(&text), vec![d(2021, k as u32 + 1, 3)], "{text}");
        }
    }
}

#[test]
fn latvian_continuations_share_the_year() {
    let table: &[(&str, &[NaiveDate])] = &[
        (
            "no 2021. gada 24. maija līdz 29. jūnijam",
            &[d(2021, 5, 24), d(2021, 6, 29)],
        ),
        (
            "2019. gada 16. septembrī un 14. oktobrī",
            &[d(2019, 9, 16), d(2019, 10, 14)],
        ),
        (
            "2022. gada 5. un 6. oktobrī",
            &[d(2022, 10, 5), d(2022, 10, 6)],
        ),
        (
            "no 2021. gada 24. maija līdz 2022. gada 1. jūnijam",
            &[d(2021, 5, 24), d(2022, 6, 1)],
        ),
        ("2019. gada 16. septembrī un 14 cilvēki", &[d(2019, 9, 16)]),
        ("2019. gada 16. un 17 cilvēki", &[]),
        // no year at all: not a date
        ("No 1. līdz 13. oktobrim tika veikta aptauja", &[]),
        ("14.oktobrī tika lemts", &[]),
    ];
    for &(text, want) in table {
        assert_eq!(dates(text), want, "{text}");
    }
}

#[test]
fn spans_are_byte_offsets_in_order() {
    let text = "Sanāksmes notika 2019. gada 16. septembrī un 14. oktobrī.";
    let found = find_dates(text);
    assert_eq!(found.len(), 2);
    assert_eq!(
        &text[found[0].start..found[0].end],
        "2019. gada 16. septembrī"
    );
    assert_eq!(&text[found[1].start..found[1].end], "14. oktobrī");
    let text = "Publicēts: 10.12.2020. Atjaunināts: 12.05.2023.";
    let found = find_dates(text);
    assert_eq!(&text[found[0].start..found[0].end], "10.12.2020.");
    assert_eq!(&text[found[1].start..found[1].end], "12.05.2023.");
    let text = "ā 2022. gada 5. un 6. oktobrī";
    let found = find_dates(text);
    assert_eq!(&text[found[0].start..found[0].end], "2022. gada 5.");
    assert_eq!(&text[found[1].start..found[1].end], "6. oktobrī");
}

#[test]
fn numeric_forms() {
    let table: &[(&str, &[NaiveDate])] = &[
        ("21.03.2023.", &[d(2023, 3, 21)]),
        ("21.03.2023", &[d(2023, 3, 21)]),
        ("21/03/2023", &[d(2023, 3, 21)]),
        ("1.3.2023", &[d(2023, 3, 1)]),
        ("2023-03-21", &[d(2023, 3, 21)]),
        ("2023_03_21", &[d(2023, 3, 21)]),
        ("2023.03.21", &[d(2023, 3, 21)]),
        ("sede_2023-03-21_protokols.pdf", &[d(2023, 3, 21)]),
        ("protokols_20230321.pdf", &[d(2023, 3, 21)]),
        ("20221005 sede.pdf", &[d(2022, 10, 5)]),
        ("20230321", &[d(2023, 3, 21)]),
        // rejected
        ("31.02.2023", &[]),
        ("2023-02-30", &[]),
        ("20230231.pdf", &[]),
        ("19800101.pdf", &[]),
        ("tālr. 67082910", &[]),
        ("Reģ. nr. 20230321 ir", &[]),
        ("+20230321", &[]),
        ("123456789", &[]),
        ("1.21.03.2023", &[]),
        ("21.03.20234", &[]),
        ("21.03.2023.5", &[]),
        ("2023-03-215", &[]),
        ("21.03-2023", &[]),
        ("v2.10.2023", &[d(2023, 10, 2)]),
    ];
    for &(text, want) in table {
        assert_eq!(dates(text), want, "{text}");
    }
}

#[test]
fn english_forms() {
    let table: &[(&str, &[NaiveDate])] = &[
        ("21 March 2023", &[d(2023, 3, 21)]),
        ("Meeting of 21 March 2023", &[d(2023, 3, 21)]),
        ("March 21, 2023", &[d(2023, 3, 21)]),
        ("5 October 2022", &[d(2022, 10, 5)]),
        ("21st of March, 2023", &[d(2023, 3, 21)]),
        ("Mar. 21st 2023", &[d(2023, 3, 21)]),
        ("21-Mar-2023", &[d(2023, 3, 21)]),
        (
            "on 1 may 2020 and June 2, 2021",
            &[d(2020, 5, 1), d(2021, 6, 2)],
        ),
        ("30 February 2023", &[]),
        ("March 2023", &[]),
        ("21 Marchx 2023", &[]),
        ("may 21 people", &[]),
    ];
    for &(text, want) in table {
        assert_eq!(dates(text), want, "{text}");
    }
}

#[test]
fn seed_page_dates() {
    let text = "Publicēts: 10.12.2020.\n\n2023. gada 21. marta sēde\n\n2022. gada 5. oktobra \
                sēde\n\nno 2021. gada 24. maija līdz 29. jūnijam.\n[OGP vadītāja vizīte \
                Latvijā 2019.gada 4.decembrī](#)\n2019. gada 16. septembrī un 14. oktobrī.\n\
                Piektais plāns 2022.-2025. gadam";
    assert_eq!(
        dates(text),
        vec![
            d(2020, 12, 10),
            d(2023, 3, 21),
            d(2022, 10, 5),
            d(2021, 5, 24),
            d(2021, 6, 29),
            d(2019, 12, 4),
            d(2019, 9, 16),
            d(2019, 10, 14),
        ]
    );
}

#[test]
fn parse_whole_string() {
    let table: &[(&str, Option<NaiveDate>)] = &[
        ("2023-03-21", Some(d(2023, 3, 21))),
        ("  21.03.2023. ", Some(d(2023, 3, 21))),
        ("21.03.2023", Some(d(2023, 3, 21))),
        ("21/03/2023", Some(d(2023, 3, 21))),
        ("2023. gada 21. martā", Some(d(2023, 3, 21))),
        ("2023. GADA 21. MARTA.", Some(d(2023, 3, 21))),
        ("21 March 2023", Some(d(2023, 3, 21))),
        ("march 21, 2023", Some(d(2023, 3, 21))),
        ("20230321", Some(d(2023, 3, 21))),
        ("2023_03_21", Some(d(2023, 3, 21))),
        ("2023-3-5", Some(d(2023, 3, 5))),
        ("sēde 2023-03-21", None),
        ("2023-03-21 sēde", None),
        ("2019. gada 16. septembrī un 14. oktobrī", None),
        ("31.02.2023", None),
        ("", None),
        ("2023", None),
    ];
    for &(s, want) in table {
        assert_eq!(parse_date(s), want, "{s:?}");
    }
}

#[test]
fn year_ranges() {
    let table: &[(&str, &[(i32, i32)])] = &[
        ("2022.–2025. gadam", &[(2022, 2025)]),
        ("2022.-2025.gadam", &[(2022, 2025)]),
        ("2022. – 2025. gada", &[(2022, 2025)]),
        ("2022. -2025. gadam", &[(2022, 2025)]),
        ("2020.-2021.gadam", &[(2020, 2021)]),
        ("Latvia 2019-2021 Design Report", &[(2019, 2021)]),
        ("2012–2014", &[(2012, 2014)]),
        ("2012—2014", &[(2012, 2014)]),
        (
            "2015 - 2017 un 2017.–2019. gadam",
            &[(2015, 2017), (2017, 2019)],
        ),
        // implausible
        ("2025-2022", &[]),
        ("2020-2020", &[]),
        ("2000-2010", &[]),
        ("1980-1982", &[]),
        ("2023-03-21", &[]),
        ("tālr. 6708-2910", &[]),
        ("12019-2021", &[]),
        ("2019-20210", &[]),
        ("1.2019-2021", &[]),
    ];
    for &(text, want) in table {
        assert_eq!(find_year_ranges(text), want, "{text}");
    }
}

#[test]
fn never_panics_and_spans_are_char_boundaries() {
    let weird = [
        "",
        ".",
        "2023.",
        "2023. gada",
        "2023. gada 21.",
        "2023. gada 21. ",
        "2023. gada 21. ā",
        "2023. gada 21. un",
        "2023. gada 21. un 22.",
        "21.03.",
        "21.03.2",
        "99999999999999999999999999",
        "2023-",
        "2023-03-",
        "2022.–",
        "2022.–2025",
        "ā2023-03-21ā",
        "𝟚𝟘𝟚𝟛-𝟘𝟛-𝟚𝟙",
        "٢٠٢٣-٠٣-٢١",
        "2023\u{0}-03-21",
        "2023-03-21\u{301}",
        "March",
        "March 2",
        "March 21,",
        "21st",
        "21 of",
        "1 ĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀĀ 2023",
        "2023. gada 1. 🙂",
        "🙂2023. gada 21. martā🙂 2019-2021🙂",
        "\u{feff}2023.\u{a0}gada\u{a0}21.\u{a0}martā",
        "2023. g",
        "2023. g.",
        "Mar.",
        "5. un",
        "2023. gada 5. un 6.",
        "\u{10ffff}\u{10ffff}1",
    ];
    for text in weird {
        for m in find_dates(text) {
            assert!(m.start < m.end && m.end <= text.len(), "{text:?}");
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        let _ = parse_date(text);
        let _ = find_year_ranges(text);
    }
    assert_eq!(
        dates("\u{feff}2023.\u{a0}gada\u{a0}21.\u{a0}martā"),
        vec![d(2023, 3, 21)]
    );
    // a pseudo-random sweep of byte soup cut at char boundaries
    let alphabet: Vec<char> = "0123456789.-–/_ ,gadamrtāīūšjūnijsMarch\u{a0}🙂līdzun"
        .chars()
        .collect();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..3000 {
        let mut t = String::new();
        for _ in 0..(x % 40) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            t.push(alphabet[(x % alphabet.len() as u64) as usize]);
        }
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let found = find_dates(&t);
        let mut last = 0;
        for m in &found {
            assert!(
                m.start >= last && m.start < m.end && m.end <= t.len(),
                "{t:?}"
            );
            assert!(t.is_char_boundary(m.start) && t.is_char_boundary(m.end));
            last = m.end;
        }
        let _ = parse_date(&t);
        let _ = find_year_ranges(&t);
    }
}
