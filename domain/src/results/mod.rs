//! Results: counting responses into aggregates, the published formulas, the 95% interval, the
//! public snapshot and the Merkle tree that lets respondents check they were counted.
//!
//! The path of a figure: each counted [`Response`](crate::Response) is added to the
//! [`Aggregate`] of its campaign × unit × questionnaire version (integer counters only, by channel);
//! aggregates merge exactly; [`Aggregate::figures`] applies the formulas of the domain reference §3
//! and withholds a unit below the campaign's minimum; [`Snapshot::build`] ranks the units and pools
//! each questionnaire's units for the overall figures.

mod aggregate;
mod counts;
pub mod digest;
mod figures;
mod interval;
mod layout;
pub mod merkle;
mod snapshot;
mod tally;

#[cfg(test)]
mod testgen;
#[cfg(test)]
mod tests;

pub use aggregate::{Aggregate, AggregateKey, Batch};
pub use counts::{CodeCounts, Counts, ReturnCounts};
pub use digest::{ProofError, UnitLeaves, UnitRoot, UnitRoots, campaign_digest, verify_receipt};
pub use figures::{
    ChannelFigures, ItemFigures, SectionFigures, UnitFigures, mean_of, mean_score, pct_dissatisfied, pct_satisfied,
    ratio_pct,
};
pub use interval::{INTERVAL_METHOD, Z95, ci95, intervals_overlap, wilson};
pub use layout::{BLANK, Layout, NumberItem, Row, Scale, ScoredItem};
pub use merkle::{MerkleTree, NodeHash, Proof, Side, leaf_hash, leaf_string, verify, verify_hex};
pub use snapshot::{OverallFigures, Snapshot, SnapshotCampaign, SnapshotUnit, UnitInput, method_note, ranks};
pub use tally::Tally;

use crate::questionnaire::QuestionnaireRef;
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ResultsError {
    #[error("questionnaire {0} has no scored item to count")]
    NoScoredItems(String),
    #[error("expected questionnaire {expected}, got {found}")]
    WrongQuestionnaire { expected: String, found: String },
    #[error("the counted items of {0} differ: was the template edited without a new version?")]
    LayoutMismatch(String),
    #[error("item {item} cannot serve as G1/G2: {why}")]
    BadExtraItem { item: String, why: &'static str },
    #[error("the answer {value} to {item} cannot be counted")]
    BadAnswer { item: String, value: String },
    #[error("row {row}: code {code} is not an answer to item {item}")]
    BadCode { row: usize, item: String, code: u8 },
    #[error("malformed batch: {0}")]
    BadBatch(String),
    #[error("the stored aggregate is inconsistent: {0}")]
    Corrupt(String),
    #[error("unit {0} is not part of this campaign")]
    UnitNotInCampaign(String),
    #[error("unit {0} is given twice")]
    DuplicateUnit(String),
    #[error("no template was given for questionnaire {0}")]
    UnknownQuestionnaire(String),
}

/// `moh-outpatient@1`: how errors and notes name a questionnaire version.
pub(crate) fn ref_name(r: &QuestionnaireRef) -> String {
    format!("{}@{}", r.id, r.version)
}
