//! Which agenda item a presentation or annex of a meeting's day belongs to: the item whose
//! title shares the most words (search keys: stemmed, folded) with the document's title and
//! file name — at least two, one of them not a word every OGP document carries, and more than
//! any other item shares. The words that name a kind of document (`prezentācija`,
//! `apkopojums`, `presentation`) count for nothing: an item "OGP sekretariāta prezentācija par
//! …" is found by `OGP` and `sekretariāta` in `OGP_sekretariata_prezentacija.pdf`, not by
//! `prezentācija`, which every presentation's title carries.

use std::collections::HashSet;

use super::text::keys;

/// Words that name a kind of document, not what it is about.
const GENRE: &str = "prezentācija presentation slaidi slides apkopojums summary pielikums \
    annex ziņojums report informācija information materiāli materials dokuments document \
    protokols minutes sēde meeting sanāksme";

/// Words nearly every document of the archive carries: they never link on their own.
const COMMON: &str = "atvērtā pārvaldība rīcības plāns nacionālais latvija open government \
    partnership national action plan";

fn key_set(text: &str) -> HashSet<String> {
    keys(text).into_iter().collect()
}

/// The number of the agenda item (`items`: number and title) that a document titled `title`,
/// stored as `file_name`, belongs to; `None` when no item, or more than one equally, matches.
pub fn agenda_item_for(title: &str, file_name: &str, items: &[(i64, &str)]) -> Option<i64> {
    let genre = key_set(GENRE);
    let common = key_set(COMMON);
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(s, _)| s)
        .replace(['_', '-'], " ");
    let mut doc = key_set(title);
    doc.extend(key_set(&stem));
    doc.retain(|k| !genre.contains(k));
    let mut best: Option<(usize, i64)> = None;
    let mut tie = false;
    for (number, item) in items {
        let shared: Vec<String> = key_set(item)
            .into_iter()
            .filter(|k| doc.contains(k))
            .collect();
        if shared.len() < 2 || shared.iter().all(|k| common.contains(k)) {
            continue;
        }
        match best {
            Some((n, _)) if n > shared.len() => {}
            Some((n, _)) if n == shared.len() => tie = true,
            _ => {
                best = Some((shared.len(), *number));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SESSION_2023: [(i64, &str); 5] = [
        (1, "Iepriekšējās sēdes protokola apstiprināšana"),
        (
            2,
            "Informācija par Piektā plāna īstenošanas gaitu (Valsts kanceleja)",
        ),
        (
            3,
            "OGP sekretariāta prezentācija par atvērtās pārvaldības tendencēm Eiropā",
        ),
        (
            4,
            "Interaktīvā aktivitāte \"Atvērtība publiskajā sektorā Latvijā – labie un ne tik \
             labie piemēri. Kopīga kartēšana\"",
        ),
        (5, "Dažādi"),
    ];

    #[test]
    fn presentations_find_their_items_by_title_or_file_name() {
        let at = |title, file| agenda_item_for(title, file, &SESSION_2023);
        assert_eq!(
            at("Valsts kancelejas prezentācija", "VK_prezentacija.pdf"),
            Some(2)
        );
        assert_eq!(
            at(
                "OGP Secretariat presentation: Open Government in Europe",
                "OGP_sekretariata_prezentacija.pdf"
            ),
            Some(3)
        );
        assert_eq!(
            at(
                "Interaktīvās aktivitātes rezultātu apkopojums",
                "Atvertiba_publiskaja_sektora_kartesanas_apkopojums.pdf"
            ),
            Some(4)
        );
    }

    #[test]
    fn the_item_sharing_most_words_wins_and_a_tie_or_common_words_link_nothing() {
        let items = [
            (1, "Uzraudzības padomes izveidošana un darba organizācija"),
            (2, "Uzraudzības padomes nolikuma apspriešana"),
        ];
        assert_eq!(
            agenda_item_for("Uzraudzības padomes darba organizācija", "x.pdf", &items),
            Some(1)
        );
        // both items share the same two words
        assert_eq!(agenda_item_for("Uzraudzības padome", "x.pdf", &items), None);
        let items = [(1, "Atvērtās pārvaldības rīcības plāna projekts")];
        assert_eq!(
            agenda_item_for("Atvērtās pārvaldības prezentācija", "x.pdf", &items),
            None
        );
        // one shared word is not enough, nor the genre word
        assert_eq!(
            agenda_item_for(
                "Valsts kancelejas prezentācija",
                "VK.pdf",
                &SESSION_2023[2..]
            ),
            None
        );
    }
}
