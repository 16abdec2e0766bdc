//! The extractor on PDFs nobody on the team wrote: the licensed subset of the real-world
//! scoring corpus in tests/fixtures/realworld, against pdftotext's words.

use super::super::{extract_file, Limits};

/// Lower-cased NFKC words (runs of letters and digits) as a multiset, as
/// `scripts/score-extraction.py` counts them.
fn word_counts(text: &str) -> std::collections::HashMap<String, usize> {
    use unicode_normalization::UnicodeNormalization;
    let norm: String = text.nfkc().collect::<String>().to_lowercase();
    let mut m = std::collections::HashMap::new();
    for w in norm
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
    {
        *m.entry(w.to_string()).or_insert(0) += 1;
    }
    m
}

/// PDFs nobody on the team wrote (tests/fixtures/realworld, a licensed subset of the scoring
/// corpus): we find at least 0.9 of pdftotext's words in each, 0.95 on average.
#[test]
fn realworld_subset_recalls_pdftotext_words() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/realworld");
    let mut recalls = Vec::new();
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/realworld")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    entries.sort();
    for pdf in entries {
        let want = std::fs::read_to_string(pdf.with_extension("pdftotext.txt")).expect("reference");
        let doc = extract_file(&pdf, &Limits::default()).expect("real-world file extracts");
        let got: String = doc
            .pages
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let (want, got) = (word_counts(&want), word_counts(&got));
        let total: usize = want.values().sum();
        let hit: usize = want
            .iter()
            .map(|(w, n)| (*n).min(got.get(w).copied().unwrap_or(0)))
            .sum();
        let recall = hit as f64 / total.max(1) as f64;
        if recall < 0.9 {
            failures.push(format!("{}: recall {recall:.3}", pdf.display()));
        }
        recalls.push(recall);
    }
    assert!(recalls.len() >= 5, "only {} files", recalls.len());
    let mean = recalls.iter().sum::<f64>() / recalls.len() as f64;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(mean >= 0.95, "mean recall {mean:.3}");
}
