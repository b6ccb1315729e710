//! Results: running aggregates fed by the responses stream, published snapshots, and the public
//! results API.

pub mod actions;
pub mod aggregation;
pub mod public;
pub mod publish;
pub mod snapshots;
pub mod stream;
