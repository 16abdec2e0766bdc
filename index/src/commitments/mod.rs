//! Commitments of the action plans and what became of them: each plan's numbered commitments
//! (`N. apņemšanās` / `Commitment N`, a numbered list under `Apņemšanās` / `Commitments`, or
//! an overview table) with title, responsible institution and milestones with deadlines;
//! mentions of a commitment in other documents (by number within the document's cycle, by the
//! words of its title, by an OGP identifier such as `LV0040`); ratings in evaluation reports
//! (the IRM's completion, `Did it open government?` and potential impact, and the Latvian
//! `izpildīta pilnībā / būtiski / daļēji` of government reports); and a commitment's
//! continuation in the next cycle under the same or a close title.
//!
//! Every item records its page and the [`Rule`] that found it. Like [`crate::meetings`], this
//! is plain data from page texts: the caller knows a document's kind and cycle, stores the
//! records and keeps user corrections.

mod continuation;
mod mentions;
mod plan;
mod ratings;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use continuation::{continuations, title_similarity};
pub use mentions::{mentions, mentions_known, mentions_with, Known};
pub use plan::{extract_plan, merge};
pub use ratings::ratings;

/// The rule that found an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A heading `N. apņemšanās. Title` / `Commitment N: Title`.
    PlanHeading,
    /// A numbered item under a heading `Apņemšanās` / `Commitments` (or an overview table).
    PlanList,
    /// `Atbildīgā iestāde:` / `Atbildīgā institūcija –` / `Responsible institution:`.
    InstitutionLabel,
    /// The institution column of an overview table.
    InstitutionTable,
    /// `Starpposma rezultāts: … – līdz <datums>` / `Milestone: … by <date>`.
    MilestoneLabel,
    /// `N. apņemšanās`, `1., 2. un 5. apņemšanās`, `commitment 4` in a document of the cycle.
    MentionNumber,
    /// The words of a commitment's title, in order.
    MentionTitle,
    /// An OGP identifier (`LV0040`).
    MentionOgpId,
    /// A row of a ratings table (`Completion`, `Did it open government?`, `Izpildes pakāpe`).
    RatingTable,
    /// `<Title>. Apņemšanās izpildīta būtiski.`
    RatingProse,
    /// The same or a close title in the next cycle.
    ContinuationTitle,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub text: String,
    pub deadline: Option<NaiveDate>,
    pub page: u32,
    pub rule: Rule,
}

/// One commitment of one plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    pub number: u32,
    pub title: String,
    pub institution: Option<String>,
    pub institution_rule: Option<Rule>,
    pub milestones: Vec<Milestone>,
    /// OGP's identifier when the plan prints it.
    pub ogp_id: Option<String>,
    /// Where the commitment is described (its heading or section), else where it is listed.
    pub page: u32,
    pub rule: Rule,
}

/// A commitment's identity across documents: its cycle and number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CommitmentRef {
    pub cycle: u32,
    pub number: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub commitment: CommitmentRef,
    pub page: u32,
    pub rule: Rule,
    /// The line it was found on.
    pub excerpt: String,
}

/// What a rating rates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scale {
    /// IRM completion; the Latvian `izpildes pakāpe`.
    Completion,
    /// IRM "Did it open government?".
    OpenedGovernment,
    /// IRM "potential impact" (design reports up to 2020).
    PotentialImpact,
}

/// The levels of the IRM's scales (and the Latvian completion words mapped onto them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    NoEvidence,
    NotStarted,
    Limited,
    Substantial,
    Complete,
    Worsened,
    DidNotChange,
    Marginal,
    Major,
    Outstanding,
    Minor,
    Moderate,
    Transformative,
}

impl Level {
    pub fn scale(self) -> Scale {
        use Level::*;
        match self {
            NoEvidence | NotStarted | Limited | Substantial | Complete => Scale::Completion,
            Worsened | DidNotChange | Marginal | Major | Outstanding => Scale::OpenedGovernment,
            Minor | Moderate | Transformative => Scale::PotentialImpact,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    /// The commitment's number within the evaluated cycle.
    pub number: u32,
    pub scale: Scale,
    pub level: Level,
    pub page: u32,
    pub rule: Rule,
}

/// A commitment carried on into a later cycle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Continuation {
    pub from: CommitmentRef,
    pub to: CommitmentRef,
    /// Shared title words over the shorter title's words, 0–1.
    pub similarity: f32,
    pub rule: Rule,
}

#[cfg(test)]
mod tests;
