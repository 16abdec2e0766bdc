//! A commitment carried on into the next cycle: the later plan's commitment whose title shares
//! at least two words (stemmed and folded, stop words left out) with the earlier one's and at
//! least 60 % of the shorter title's words (`Lobēšanas atklātība` → `Interešu pārstāvniecības
//! un lobēšanas atklātība`). Each later commitment takes its best-scoring predecessor.

use std::collections::HashSet;

use super::{Commitment, CommitmentRef, Continuation, Rule};
use crate::meetings::text::keys;

/// The least share of the shorter title's words that must be shared.
const MIN_SIMILARITY: f32 = 0.6;

/// Shared words over the shorter title's words (0 when fewer than two are shared).
pub fn title_similarity(a: &str, b: &str) -> f32 {
    let a: HashSet<String> = keys(a).into_iter().collect();
    let b: HashSet<String> = keys(b).into_iter().collect();
    let shared = a.intersection(&b).count();
    let shorter = a.len().min(b.len());
    if shared < 2 || shorter == 0 {
        return 0.0;
    }
    shared as f32 / shorter as f32
}

/// Links between consecutive cycles. `cycles` holds each cycle's commitments.
pub fn continuations(cycles: &[(u32, Vec<Commitment>)]) -> Vec<Continuation> {
    let mut out = Vec::new();
    for (cycle, later) in cycles {
        let Some((prev_cycle, earlier)) = cycles.iter().find(|(c, _)| *c + 1 == *cycle) else {
            continue;
        };
        for b in later {
            let best = earlier
                .iter()
                .map(|a| (title_similarity(&a.title, &b.title), a))
                .filter(|(s, _)| *s >= MIN_SIMILARITY)
                .max_by(|x, y| x.0.total_cmp(&y.0));
            if let Some((similarity, a)) = best {
                out.push(Continuation {
                    from: CommitmentRef {
                        cycle: *prev_cycle,
                        number: a.number,
                    },
                    to: CommitmentRef {
                        cycle: *cycle,
                        number: b.number,
                    },
                    similarity,
                    rule: Rule::ContinuationTitle,
                });
            }
        }
    }
    out
}
