//! One table of cases per rule: a plan, report or protocol fragment in, the records out.

use chrono::NaiveDate;

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn commitment(number: u32, title: &str) -> Commitment {
    Commitment {
        number,
        title: title.into(),
        institution: None,
        institution_rule: None,
        milestones: Vec::new(),
        ogp_id: None,
        page: 1,
        rule: Rule::PlanHeading,
    }
}

/// (number, title, institution, page) of a plan's commitments.
#[track_caller]
fn plan_case(pages: &[&str], want: &[(u32, &str, Option<&str>, u32)]) {
    let got: Vec<(u32, String, Option<String>, u32)> = extract_plan(pages)
        .into_iter()
        .map(|c| (c.number, c.title, c.institution, c.page))
        .collect();
    let want: Vec<(u32, String, Option<String>, u32)> = want
        .iter()
        .map(|(n, t, i, p)| (*n, t.to_string(), i.map(str::to_string), *p))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn plans() {
    // headings, a label per section, a sub-heading inside a section
    plan_case(
        &[
            "Ievads\nTeksts.",
            "1. apņemšanās. Līdzdalības ietvara stiprināšana\nProblēmas apraksts\nTeksts.\n\
             Atbildīgā iestāde: Valsts kanceleja.\n\
             2. apņemšanās. Datu pieejamība\nAtbildīgā iestāde: Vides aizsardzības un reģionālās\n\
             attīstības ministrija.\nĪSTENOŠANAS UZRAUDZĪBA\nAtbildīgā iestāde: Saeima.",
        ],
        &[
            (
                1,
                "Līdzdalības ietvara stiprināšana",
                Some("Valsts kanceleja"),
                2,
            ),
            (
                2,
                "Datu pieejamība",
                Some("Vides aizsardzības un reģionālās attīstības ministrija"),
                2,
            ),
        ],
    );
    // a list under `Apņemšanās`, first sentence as title, the institution in the paragraph
    plan_case(
        &[
            "Apņemšanās\n1. Atvērto datu stratēģija. Izstrādāt vienotu pieeju. Atbildīgā\n\
           iestāde: Valsts kanceleja.\n2. Lobēšanas atklātība. Sagatavot priekšlikumus.\n\
           Īstenošana un uzraudzība",
        ],
        &[
            (1, "Atvērto datu stratēģija", Some("Valsts kanceleja"), 1),
            (2, "Lobēšanas atklātība", None, 1),
        ],
    );
    // a list, and sections that repeat the titles on later pages
    plan_case(
        &[
            "3. Apņemšanās jeb rīcības virzieni\nPlānā ir divas apņemšanās:\n\
             1. Publisko iepirkumu un līgumu atklātība.\n2. Kvalitatīva sabiedrības iesaiste reformu\n\
             procesos un jautājumu risināšanā.",
            "3.1. Publisko iepirkumu un līgumu atklātība\nTeksts.\n\
             Atbildīgā institūcija – Iepirkumu uzraudzības birojs.",
            "3.2. Kvalitatīva sabiedrības iesaiste reformu procesos\nTeksts.\n4. Finansējums",
        ],
        &[
            (
                1,
                "Publisko iepirkumu un līgumu atklātība",
                Some("Iepirkumu uzraudzības birojs"),
                2,
            ),
            (
                2,
                "Kvalitatīva sabiedrības iesaiste reformu procesos un jautājumu risināšanā",
                None,
                3,
            ),
        ],
    );
    // English headings and list
    plan_case(
        &["Commitment 1: Open contracting\nResponsible institution: Procurement Monitoring Bureau.\n\
           Commitment 2. Beneficial ownership\nText."],
        &[
            (
                1,
                "Open contracting",
                Some("Procurement Monitoring Bureau"),
                1,
            ),
            (2, "Beneficial ownership", None, 1),
        ],
    );
    plan_case(
        &["Commitments\nThe plan contains two commitments:\n1. Strengthen the framework for public\nparticipation.\n2. Promote open data.\nMonitoring"],
        &[
            (1, "Strengthen the framework for public participation", None, 1),
            (2, "Promote open data", None, 1),
        ],
    );
    // prose that names a commitment is no heading
    plan_case(
        &["Protokols\n6. apņemšanās kavējas, jo trūkst cilvēkresursu."],
        &[],
    );
}

#[test]
fn overview_table_cells() {
    // an overview table read cell by cell: number, title over two lines, institution
    let got = extract_plan(&["Apņemšanās pārskats\nNr.\nApņemšanās\nAtbildīgā institūcija\n1.\n\
         Stiprināt sabiedrības līdzdalības ietvaru un vairot izpratni par\nefektīvu līdzdalības procesu\n\
         Valsts kanceleja\n2.\nPopularizēt līdzdalības iespējas\nValsts kanceleja, Jaunatnes starptautisko programmu aģentūra"]);
    let got: Vec<(u32, &str, Option<&str>, Option<Rule>)> = got
        .iter()
        .map(|c| {
            (
                c.number,
                c.title.as_str(),
                c.institution.as_deref(),
                c.institution_rule,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                1,
                "Stiprināt sabiedrības līdzdalības ietvaru un vairot izpratni par efektīvu līdzdalības procesu",
                Some("Valsts kanceleja"),
                Some(Rule::InstitutionTable)
            ),
            (
                2,
                "Popularizēt līdzdalības iespējas",
                Some("Valsts kanceleja, Jaunatnes starptautisko programmu aģentūra"),
                Some(Rule::InstitutionTable)
            ),
        ]
    );
}

/// (text, deadline) of the milestones of a plan's only commitment.
#[track_caller]
fn milestones_case(section: &str, want: &[(&str, Option<NaiveDate>)]) {
    let plan = extract_plan(&[&format!("1. apņemšanās. Virsraksts\n{section}")]);
    let got: Vec<(&str, Option<NaiveDate>)> = plan[0]
        .milestones
        .iter()
        .map(|m| (m.text.as_str(), m.deadline))
        .collect();
    assert_eq!(got, want, "{section}");
}

#[test]
fn milestones() {
    milestones_case(
        "Starpposma rezultāti:\n– vadlīnijas apstiprinātas – līdz 2023. gada 31. decembrim;\n\
         – novērtēšanas rīks publicēts – līdz 2024. gada 30.\njūnijam.\nSagaidāmie rezultāti\n\
         Līdz 2025. gadam visas ministrijas – līdz 2025. gada 1. maijam.",
        &[
            ("vadlīnijas apstiprinātas", Some(date(2023, 12, 31))),
            ("novērtēšanas rīks publicēts", Some(date(2024, 6, 30))),
        ],
    );
    milestones_case(
        "Starpposma rezultāts: likumprojekts iesniegts Saeimā – līdz 2021. gada 30. jūnijam;\n\
         Starpposma rezultāts: reģistra koncepcija sagatavota – līdz 2021. gada 31. augustam.",
        &[
            ("likumprojekts iesniegts Saeimā", Some(date(2021, 6, 30))),
            ("reģistra koncepcija sagatavota", Some(date(2021, 8, 31))),
        ],
    );
    milestones_case(
        "Milestone: draft law submitted to the Saeima by 30 June 2021.",
        &[("draft law submitted to the Saeima", Some(date(2021, 6, 30)))],
    );
    milestones_case(
        "Teksts bez starpposma rezultātiem līdz 2021. gada 1. maijam.",
        &[],
    );
}

/// (cycle, number, page, rule) of the mentions in a document of cycle 5.
#[track_caller]
fn mentions_case(pages: &[&str], want: &[(u32, u32, u32, Rule)]) {
    let known = vec![
        (
            4,
            vec![
                commitment(3, "Interešu pārstāvniecības un lobēšanas atklātība"),
                Commitment {
                    ogp_id: Some("LV0040".into()),
                    ..commitment(4, "Atvērtā pārvaldība pašvaldībās")
                },
            ],
        ),
        (
            5,
            vec![
                commitment(1, "Līdzdalības ietvara stiprināšana"),
                commitment(2, "Līdzdalības iespēju popularizēšana"),
                commitment(5, "Datu pieejamība"),
                commitment(6, "Atvērtība pašvaldībās"),
                commitment(7, "Lobēšanas atklātība"),
            ],
        ),
    ];
    let mut got: Vec<(u32, u32, u32, Rule)> = mentions(pages, Some(5), &known)
        .into_iter()
        .map(|m| (m.commitment.cycle, m.commitment.number, m.page, m.rule))
        .collect();
    got.sort_by_key(|g| (g.2, g.0, g.1));
    assert_eq!(got, want);
}

#[test]
fn mentions_by_number_title_and_id() {
    use Rule::*;
    mentions_case(
        &["atbilstoši grafikam rit 1., 2. un 5. apņemšanās īstenošana, bet 6. apņemšanās\nkavējas; 2022. gada budžets"],
        &[(5, 1, 1, MentionNumber), (5, 2, 1, MentionNumber), (5, 5, 1, MentionNumber), (5, 6, 1, MentionNumber)],
    );
    // a number the cycle does not have; an English mention
    mentions_case(
        &["9. apņemšanās\nUnder commitment 5 and 6 the data"],
        &[(5, 5, 1, MentionNumber), (5, 6, 1, MentionNumber)],
    );
    // a title of the previous cycle, across a line break; the shorter own-cycle title inside
    // it is not a second mention
    mentions_case(
        &[
            "",
            "apņemšanās \"Interešu pārstāvniecības un\nlobēšanas atklātība\" netika izpildīta",
        ],
        &[(4, 3, 2, MentionTitle)],
    );
    // title words in another form, and not in a row
    mentions_case(
        &["par līdzdalības ietvaru stiprināšanu"],
        &[(5, 1, 1, MentionTitle)],
    );
    mentions_case(&["līdzdalības ietvars ir jāpārskata, stiprināšana"], &[]);
    mentions_case(&["Skat. LV0040."], &[(4, 4, 1, MentionOgpId)]);
}

/// (number, scale, level, page, rule) of the ratings in an evaluation.
#[track_caller]
fn ratings_case(pages: &[&str], cycle: &[Commitment], want: &[(u32, Scale, Level, u32, Rule)]) {
    let got: Vec<(u32, Scale, Level, u32, Rule)> = ratings(pages, cycle)
        .into_iter()
        .map(|r| (r.number, r.scale, r.level, r.page, r.rule))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn ratings_tables_and_prose() {
    use Level::*;
    use Rule::*;
    use Scale::*;
    let c3 = [
        commitment(1, "Atvērto datu stratēģija"),
        commitment(2, "Trauksmes cēlēju aizsardzība"),
        commitment(3, "Lobēšanas atklātība"),
    ];
    // a row per line
    ratings_case(
        &["Commitment Completion Did it open government?\n1. Open data Substantial Major\n\
           2. Whistleblower protection Complete Major\n3. Lobbying transparency Limited Did not change"],
        &c3,
        &[
            (1, Completion, Substantial, 1, RatingTable),
            (1, OpenedGovernment, Major, 1, RatingTable),
            (2, Completion, Complete, 1, RatingTable),
            (2, OpenedGovernment, Major, 1, RatingTable),
            (3, Completion, Limited, 1, RatingTable),
            (3, OpenedGovernment, DidNotChange, 1, RatingTable),
        ],
    );
    // a cell per line; `Yes` of a column that is no scale is ignored; prose after the table
    ratings_case(
        &["Commitment\nVerifiable\nPotential impact\n1. Open data\nYes\nModerate\n3. Lobbying\nYes\nTransformative\n\
           Commitment 3 is the most ambitious and its impact could be major if adopted in time."],
        &c3,
        &[(1, PotentialImpact, Moderate, 1, RatingTable), (3, PotentialImpact, Transformative, 1, RatingTable)],
    );
    // rows named by title (a title cell over two lines), Latvian levels
    ratings_case(
        &["Apņemšanās\nIzpildes pakāpe\nKomentārs\nTrauksmes cēlēju\naizsardzība\ndaļēji\nLikums pieņemts\n\
           Lobēšanas atklātība\npilnībā\nReģistrs darbojas"],
        &c3,
        &[(2, Completion, Limited, 1, RatingTable), (3, Completion, Complete, 1, RatingTable)],
    );
    // prose
    ratings_case(
        &["Apņemšanos izpilde\nAtvērto datu stratēģija. Apņemšanās izpildīta būtiski. Portāls darbojas\nkopš 2017. gada.\n\
           Lobēšanas atklātība. Apņemšanās izpildīta daļēji.\nTrauksmes cēlēju aizsardzība. Darbs kavējas."],
        &c3,
        &[(1, Completion, Substantial, 1, RatingProse), (3, Completion, Limited, 1, RatingProse)],
    );
}

#[test]
fn continuation_by_close_titles() {
    let cycles = vec![
        (
            3,
            vec![
                commitment(3, "Lobēšanas atklātība"),
                commitment(5, "Līdzdalība pašvaldībās"),
                commitment(6, "Budžeta atklātība"),
            ],
        ),
        (
            4,
            vec![
                commitment(1, "Publisko iepirkumu un līgumu atklātība"),
                commitment(3, "Interešu pārstāvniecības un lobēšanas atklātība"),
                commitment(4, "Atvērtā pārvaldība pašvaldībās"),
            ],
        ),
        (5, vec![commitment(6, "Atvērtība pašvaldībās")]),
    ];
    let got: Vec<(u32, u32, u32, u32)> = continuations(&cycles)
        .into_iter()
        .map(|c| (c.from.cycle, c.from.number, c.to.cycle, c.to.number))
        .collect();
    assert_eq!(got, [(3, 3, 4, 3)]);
    assert_eq!(
        title_similarity("Budžeta atklātība", "budžeta atklātību"),
        1.0
    );
}

#[test]
fn merged_plans_keep_the_first_and_fill_gaps() {
    let lv = vec![Commitment {
        institution: None,
        ..commitment(1, "Līdzdalības ietvars")
    }];
    let en = vec![
        Commitment {
            institution: Some("State Chancellery".into()),
            ..commitment(1, "Participation framework")
        },
        commitment(2, "Open data"),
    ];
    let m = merge(vec![lv, en]);
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].title, "Līdzdalības ietvars");
    assert_eq!(m[0].institution.as_deref(), Some("State Chancellery"));
}
