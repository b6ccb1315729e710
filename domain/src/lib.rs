//! The pure domain of hailong: what a questionnaire, a campaign and a response are, and the rules
//! that make them valid. No I/O here: this crate compiles for the browser (wasm32) and for the
//! Lambda functions alike, so both sides agree on every rule by construction.

pub mod action;
pub mod api;
pub mod authority;
pub mod batch;
pub mod campaign;
pub mod catalogue;
pub mod code;
pub mod csv;
pub mod date;
pub mod poster;
pub mod privacy;
pub mod questionnaire;
pub mod receipt;
pub mod response;
pub mod results;
pub mod rng;
pub mod shard;
pub mod source;
pub mod unit;

pub use authority::Authority;
pub use campaign::{Campaign, CampaignStatus, CampaignUnit, Target, TargetRule, WindowState};
pub use code::{CampaignId, CodeError, ItemId, QuestionnaireId, SectionId, UnitCode};
pub use date::Date;
pub use poster::PosterCode;
pub use questionnaire::{Choice, Item, ItemKind, Questionnaire, QuestionnaireRef, Section};
pub use receipt::Receipt;
pub use response::{
    AnswerProblem, AnswerValue, Answers, Channel, ItemError, Response, ResponseId, Submission, SubmissionError,
};
pub use results::{Aggregate, ResultsError, Snapshot, UnitFigures};
pub use rng::SplitMix64;
pub use shard::Shard;
pub use source::{Sender, Source, SourceError};
pub use unit::{Unit, UnitKind, suggested_quota};
