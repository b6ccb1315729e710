//! The web apps of hailong, compiled to wasm. Each binary mounts one app; the citizen app holds
//! only what a respondent's phone needs, so its bundle stays small.

pub mod admin;
mod api;
mod authority;
mod chrome;
pub mod citizen;
mod dom;
mod error;
mod figures;
pub mod html;
mod i18n;
mod open_data;
pub mod public;
mod questionnaire;
mod route;
mod saved;
mod thanks;
