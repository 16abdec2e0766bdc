//! One table of cases per rule: a protocol fragment in, what a reader would write down out.

use chrono::NaiveDate;

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// (person, organisation, role) of each attendee of `text` (one page).
#[track_caller]
fn attendees_case(text: &str, want: &[(&str, Option<&str>, Role)]) {
    let m = extract(&[text]);
    let got: Vec<(&str, Option<&str>, Role)> = m
        .attendees
        .iter()
        .map(|a| (a.person.as_str(), a.organisation.as_deref(), a.role))
        .collect();
    assert_eq!(got, want, "{text}");
}

#[test]
fn attendance_lists() {
    use Role::*;
    // one person a line, members and invited, absentees inline with reasons over two lines
    attendees_case(
        "Sēdē piedalās:\nPadomes locekļi:\nIlze Bērziņa, Valsts kanceleja, departamenta vadītāja\n\
         Rasma Kalniņa, biedrība \"Latvijas Pilsoniskā alianse\", direktore\n\
         Pieaicinātās personas:\nKārlis Šteins, Sabiedrības integrācijas fonds\n\
         Sēdē nepiedalās: Dace Ļaudaka (Tieslietu ministrija) – slimības dēļ; Ģirts Čakste (Izglītības\n\
         un zinātnes ministrija) – komandējumā.\nDarba kārtība",
        &[
            ("Ilze Bērziņa", Some("Valsts kanceleja"), Member),
            (
                "Rasma Kalniņa",
                Some("biedrība \"Latvijas Pilsoniskā alianse\""),
                Member,
            ),
            ("Kārlis Šteins", Some("Sabiedrības integrācijas fonds"), Invited),
            ("Dace Ļaudaka", Some("Tieslietu ministrija"), Absent),
            ("Ģirts Čakste", Some("Izglītības un zinātnes ministrija"), Absent),
        ],
    );
    // initials, and prose after the list is not an entry
    attendees_case(
        "Piedalās:\nL. Ozoliņa, Valsts kanceleja\nŽ. Lāce, Latvijas Pašvaldību savienība\n\
         L. Ozoliņa informē, ka aptauja notika.",
        &[
            ("L. Ozoliņa", Some("Valsts kanceleja"), Present),
            ("Ž. Lāce", Some("Latvijas Pašvaldību savienība"), Present),
        ],
    );
    // a count instead of names is no attendee
    attendees_case(
        "Piedalās: 17 dalībnieki no ministrijām un nevalstiskajām organizācijām.",
        &[],
    );
    // English minutes, inline
    attendees_case(
        "Present: Helen Darbishire (Access Info Europe), Ilze Bērziņa (State Chancellery)\n\
         Apologies: Jānis Priedītis (Providus)",
        &[
            ("Helen Darbishire", Some("Access Info Europe"), Present),
            ("Ilze Bērziņa", Some("State Chancellery"), Present),
            ("Jānis Priedītis", Some("Providus"), Absent),
        ],
    );
    // a table: cells one per line, row numbers, an empty signature column
    attendees_case(
        "Dalībnieku saraksts\nNr.\nVārds, uzvārds\nInstitūcija / organizācija\nParaksts\n1.\n\
         Ilze Bērziņa\nValsts kanceleja\n2.\nPēteris Ūsiņš\nLatvijas Universitāte\n\
         Sarakstu sagatavoja: Valsts kancelejas Valsts pārvaldes attīstības nodaļa",
        &[
            ("Ilze Bērziņa", Some("Valsts kanceleja"), Present),
            ("Pēteris Ūsiņš", Some("Latvijas Universitāte"), Present),
        ],
    );
    // a table whose rows come as one line each
    attendees_case(
        "Sēdē piedalās\nVārds, uzvārds Institūcija\nDace Ļaudaka Tieslietu ministrija\n\
         1. Iepriekšējās sēdes protokola apstiprināšana",
        &[("Dace Ļaudaka", Some("Tieslietu ministrija"), Present)],
    );
}

#[track_caller]
fn header_case(text: &str, when: Option<NaiveDate>, chair: Option<&str>, secretary: Option<&str>) {
    let m = extract(&[text]);
    assert_eq!(m.date.map(|d| d.value), when, "date of {text}");
    assert_eq!(
        m.chair.map(|c| c.value).as_deref(),
        chair,
        "chair of {text}"
    );
    assert_eq!(
        m.secretary.map(|c| c.value).as_deref(),
        secretary,
        "secretary of {text}"
    );
}

#[test]
fn header_lines() {
    header_case(
        "Uzraudzības padomes sēdes protokols Nr. 1\nRīgā, 2022. gada 5. oktobrī\n\
         Sēdi vada: Valsts kancelejas departamenta vadītāja Ilze Bērziņa.\nProtokolē: Līga Ozoliņa.",
        Some(date(2022, 10, 5)),
        Some("Ilze Bērziņa"),
        Some("Līga Ozoliņa"),
    );
    header_case(
        "Darba sanāksmes protokols\nRīgā, 2019. gada 14. oktobrī\n\
         Sanāksmi vada: Ilze Bērziņa, Valsts kanceleja.\nProtokolē: L. Ozoliņa, Valsts kanceleja.",
        Some(date(2019, 10, 14)),
        Some("Ilze Bērziņa"),
        Some("L. Ozoliņa"),
    );
    // signature lines at the end only
    header_case(
        "Minutes\n21 March 2023\nText.\nSēdes vadītāja: I. Bērziņa\nProtokolētāja: L. Ozoliņa",
        Some(date(2023, 3, 21)),
        Some("I. Bērziņa"),
        Some("L. Ozoliņa"),
    );
    let m = extract(&[
        "Uzraudzības padomes sēdes protokols\nRīgā, Brīvības bulvārī 36, 2023. gada 21. martā",
    ]);
    assert_eq!(m.place.unwrap().value, "Rīgā, Brīvības bulvārī 36");
    assert_eq!(m.kind.unwrap().value, MeetingKind::CouncilSession);
    let m = extract(&["Darba grupas sanāksmes protokols\nRīgā, 2019. gada 16. septembrī"]);
    assert_eq!(m.kind.unwrap().value, MeetingKind::WorkingGroup);
}

/// (number, title, page) of the agenda items and their decisions' texts.
#[track_caller]
fn agenda_case(pages: &[&str], want: &[(u32, &str, u32, &[&str])]) {
    let m = extract(pages);
    let got: Vec<(u32, &str, u32, Vec<&str>)> = m
        .agenda
        .iter()
        .map(|a| {
            (
                a.number,
                a.title.as_str(),
                a.page,
                a.decisions.iter().map(|d| d.text.as_str()).collect(),
            )
        })
        .collect();
    let want: Vec<(u32, &str, u32, Vec<&str>)> = want
        .iter()
        .map(|(n, t, p, d)| (*n, *t, *p, d.to_vec()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn agenda_and_decisions() {
    // numbers alone on their line, a wrapped title, sections on later pages, numbered and
    // inline decisions, `Vienojās`
    agenda_case(
        &[
            "Darba kārtība\n1.\nPadomes izveidošana.\n2.\nNolikuma apspriešana un\napstiprināšana.\n\
             3.\nDažādi.\n1. Padomes izveidošana\nI. Bērziņa atklāj sēdi.",
            "2. Nolikuma apspriešana\nTeksts.\nNOLEMJ:\n2.1. atbalstīt nolikuma projektu;\n\
             2.2. par līdzpriekšsēdētāju ievēlēt Rasmu\nKalniņu;\n\
             Balsojums par 2.2. apakšpunktu: par – 7, pret – 0, atturas – 1.\n3. Dažādi\n\
             Vienojās: nākamo sēdi sasaukt rudenī.\nNOLEMJ: pieņemt zināšanai; uzdot Valsts kancelejai nedēļas laikā izsūtīt protokolu.",
        ],
        &[
            (1, "Padomes izveidošana", 1, &[]),
            (
                2,
                "Nolikuma apspriešana un apstiprināšana",
                2,
                &[
                    "atbalstīt nolikuma projektu",
                    "par līdzpriekšsēdētāju ievēlēt Rasmu Kalniņu",
                ],
            ),
            (
                3,
                "Dažādi",
                2,
                &[
                    "nākamo sēdi sasaukt rudenī",
                    "pieņemt zināšanai",
                    "uzdot Valsts kancelejai nedēļas laikā izsūtīt protokolu",
                ],
            ),
        ],
    );
    // no agenda list: numbered headings are the items; `Nolemts` with `;`
    agenda_case(
        &[
            "Protokols\n1. Plāna izstrādes laika grafiks\nTeksts.\n2. Līdzdalības veidi\n\
           Nolemts: uzsākt aptauju 1. oktobrī; diskusijas rīkot oktobrī.",
        ],
        &[
            (1, "Plāna izstrādes laika grafiks", 1, &[]),
            (
                2,
                "Līdzdalības veidi",
                1,
                &["uzsākt aptauju 1. oktobrī", "diskusijas rīkot oktobrī"],
            ),
        ],
    );
    let m = extract(&[
        "Darba kārtība\n1. Par nolikumu\n1. Par nolikumu\nNOLEMJ:\n1.1. atbalstīt;\n\
         Balsojums: par – 9, pret – nav, atturas – 2.",
    ]);
    let v: Vec<_> = m
        .all_votes()
        .map(|v| (v.for_, v.against, v.abstained))
        .collect();
    assert_eq!(v, [(9, 0, 2)]);
}

/// (who, what, deadline text, deadline) of the action in a decision.
#[track_caller]
fn action_case(decision: &str, want: Option<(&str, &str, Option<&str>, Option<NaiveDate>)>) {
    let got = parse_action(decision);
    let got = got.as_ref().map(|a| {
        (
            a.who.as_str(),
            a.what.as_str(),
            a.deadline_text.as_deref(),
            a.deadline,
        )
    });
    assert_eq!(got, want, "{decision}");
}

#[test]
fn action_items() {
    action_case(
        "uzdot Valsts kancelejai līdz 2022. gada 19. oktobrim izsūtīt precizēto nolikumu",
        Some((
            "Valsts kanceleja",
            "izsūtīt precizēto nolikumu",
            Some("līdz 2022. gada 19. oktobrim"),
            Some(date(2022, 10, 19)),
        )),
    );
    action_case(
        "uzdot Vides aizsardzības un reģionālās attīstības ministrijai līdz 2023. gada 1. martam \
         sagatavot ieteikumus",
        Some((
            "Vides aizsardzības un reģionālās attīstības ministrija",
            "sagatavot ieteikumus",
            Some("līdz 2023. gada 1. martam"),
            Some(date(2023, 3, 1)),
        )),
    );
    action_case(
        "Valsts kancelejai nedēļas laikā izsūtīt darba grupu sastāvu",
        Some((
            "Valsts kanceleja",
            "izsūtīt darba grupu sastāvu",
            Some("nedēļas laikā"),
            None,
        )),
    );
    action_case(
        "Valsts kancelejai līdz nākamajai sēdei apkopot rezultātus",
        Some((
            "Valsts kanceleja",
            "apkopot rezultātus",
            Some("līdz nākamajai sēdei"),
            None,
        )),
    );
    action_case(
        "uzdot Korupcijas novēršanas un apkarošanas birojam sagatavot ziņojumu līdz 2021. gada \
         31. maijam",
        Some((
            "Korupcijas novēršanas un apkarošanas birojs",
            "sagatavot ziņojumu līdz 2021. gada 31. maijam",
            None,
            Some(date(2021, 5, 31)),
        )),
    );
    action_case("pieņemt zināšanai sniegto informāciju", None);
    action_case("par līdzpriekšsēdētāju ievēlēt Rasmu Kalniņu", None);
    action_case("Padomes locekļi atbalsta projektu", None);
    let m =
        extract(&["Minutes\nAction: State Chancellery to publish the summary by 30 June 2023."]);
    let a: Vec<_> = m.all_actions().collect();
    assert_eq!(a.len(), 1);
    assert_eq!(
        (a[0].who.as_str(), a[0].what.as_str(), a[0].deadline),
        (
            "State Chancellery",
            "publish the summary",
            Some(date(2023, 6, 30))
        )
    );
}

#[test]
fn nothing_in_prose_and_no_panic_on_odd_input() {
    let m = extract(&["Šis ir ziņojums par plāna izpildi. Tas nav protokols."]);
    assert!(m.is_empty());
    for odd in [
        "",
        ":",
        "NOLEMJ:",
        "1.",
        "Piedalās: (",
        "Balsojums: par",
        "2.1.",
        "uzdot",
    ] {
        let _ = extract(&[odd, odd]);
    }
}
