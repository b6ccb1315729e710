//! The web apps of hailong, compiled to wasm. Each binary mounts one app; the citizen app holds
//! only what a respondent's phone needs, so its bundle stays small.

mod api;
pub mod citizen;
mod dom;
mod error;
mod home;
mod i18n;
mod questionnaire;
mod receipt;
mod route;
mod thanks;
