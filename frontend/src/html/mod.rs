//! The citizen and public pages as plain HTML, rendered natively by the function that serves
//! `/s/…`, `/receipt/…`, `/` and `/r/…`: a questionnaire that works with no script at all (a
//! `<form method="post">` answered on the server), its receipt, the receipt check, and the
//! published results. The markup and its classes are the app's, and the words come from
//! `i18n.rs`, so a page reads the same before and after the citizen or public app takes it over
//! (`citizen::served`, `chrome::mount_app`).
//!
//! Nothing here touches the DOM; what the wasm bundle needs of it (reading a served form's fields,
//! [`Filled::from_pairs`]) is plain Rust, and the rest is never linked into a bundle.

mod fields;
mod form;
mod page;
mod receipt;
mod refusal;
mod results;

pub use crate::figures::previous_campaign;
pub use fields::{Filled, FormError};
pub use form::{FormPage, Notice, form_page};
pub use page::message_page;
pub(crate) use page::text;
pub use receipt::{Counting, ReceiptFacts, receipt_form_page, receipt_page, thanks_page};
pub use refusal::Refusal;
pub use results::{UnitFacts, home_page, no_results_page, results_page, unit_page};

/// Where a served questionnaire keeps its `FormView` for the app (a JSON island, allowed by a
/// Content-Security-Policy without `unsafe-inline`: it is data, never run).
pub const FORM_DATA_ID: &str = "form-data";
/// The served page's content, which the app removes when it mounts its own view.
pub const SERVED_ID: &str = "served";
/// The `<form>` of a served questionnaire.
pub const FORM_ID: &str = "answers";
