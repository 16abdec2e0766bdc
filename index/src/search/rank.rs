//! How much of a document is about the query: the document score of a search.
//!
//! The index scores pages (BM25 per page record). A document's score was its best page's: a
//! 300-page compilation of meeting summaries that names a person once, on one short page,
//! then outranks the protocol of the meeting the person took part in, whose longer first
//! page names them in the attendance list. A researcher wants the focused document first.
//! So the best page's BM25 is weighed by the document's focus on the query:
//!
//! - *share*: the fewer of its pages match, the less the document is about the query
//!   (`1 / (1 + DAMP · ln(pages / matching))`: no damping when every page matches, about
//!   halved for one page out of a hundred);
//! - *breadth*: several matching pages add a little (`1 + BREADTH · ln(matching)`), so a
//!   plan that treats a topic over three pages beats a passing mention;
//! - *title*: a match in the title (or file name) adds its own score, weighted.
//!
//! The constants were tuned on the judged set (`tests/judged/queries.tsv`, see BENCHMARKS.md)
//! and mean the same for every document: nothing here knows a document.

/// What the search knows of a candidate document.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub doc_id: i64,
    /// The best body page's score and its number; `None` when only the title matched.
    pub best_page: Option<(i64, f32)>,
    /// The title record's score (title, file name), 0 when it did not match.
    pub title: f32,
    /// How many of the document's pages match the query.
    pub matching_pages: usize,
    /// How many pages the document has.
    pub pages: usize,
}

/// Damping by the share of matching pages.
pub const DAMP: f32 = 0.25;
/// Bonus for several matching pages.
pub const BREADTH: f32 = 0.1;
/// Weight of a title match beside the best page.
pub const TITLE: f32 = 0.5;

impl Candidate {
    /// The document's score: the best page weighed by focus and breadth, plus the title.
    pub fn score(&self) -> f32 {
        let body = match self.best_page {
            Some((_, best)) => {
                let pages = self.pages.max(1) as f32;
                let matching = (self.matching_pages.max(1) as f32).min(pages);
                let focus = 1.0 / (1.0 + DAMP * (pages / matching).ln());
                let breadth = 1.0 + BREADTH * matching.ln();
                best * focus * breadth
            }
            None => 0.0,
        };
        body + TITLE * self.title
    }
}

/// Candidates best first (by [`Candidate::score`]; ties keep their order), with their scores.
pub fn rank(candidates: Vec<Candidate>) -> Vec<(Candidate, f32)> {
    let mut scored: Vec<(Candidate, f32)> = candidates
        .into_iter()
        .map(|c| {
            let s = c.score();
            (c, s)
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    scored
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: i64, best: f32, matching: usize, pages: usize) -> Candidate {
        Candidate {
            doc_id: id,
            best_page: Some((1, best)),
            title: 0.0,
            matching_pages: matching,
            pages,
        }
    }

    fn order(c: Vec<Candidate>) -> Vec<i64> {
        rank(c).into_iter().map(|(c, _)| c.doc_id).collect()
    }

    #[test]
    fn a_focused_document_beats_one_page_of_a_long_compilation() {
        // The compilation's short page scores higher in BM25 (a name once in fewer words).
        let protocol = doc(1, 10.0, 1, 4);
        let compilation = doc(2, 13.0, 1, 300);
        assert_eq!(order(vec![compilation, protocol]), [1, 2]);
    }

    #[test]
    fn a_document_about_the_topic_beats_a_passing_mention() {
        let plan = doc(1, 9.0, 3, 5);
        let mention = doc(2, 10.0, 1, 5);
        assert_eq!(order(vec![mention, plan]), [1, 2]);
    }

    #[test]
    fn a_much_better_page_still_wins_and_titles_count() {
        let long_but_exact = doc(1, 30.0, 1, 60);
        let short_weak = doc(2, 8.0, 1, 2);
        assert_eq!(order(vec![short_weak, long_but_exact]), [1, 2]);
        let mut titled = doc(3, 8.0, 1, 10);
        titled.title = 8.0;
        assert_eq!(order(vec![doc(4, 9.0, 1, 10), titled]), [3, 4]);
        // Only the title matched: the title's score alone.
        let title_only = Candidate {
            doc_id: 5,
            best_page: None,
            title: 4.0,
            matching_pages: 0,
            pages: 3,
        };
        assert_eq!(title_only.score(), TITLE * 4.0);
    }

    #[test]
    fn odd_counts_neither_panic_nor_go_negative() {
        for c in [doc(1, 1.0, 0, 0), doc(2, 1.0, 9, 3), doc(3, 0.0, 1, 1)] {
            let s = c.score();
            assert!(s.is_finite() && s >= 0.0, "{c:?}: {s}");
        }
    }
}
