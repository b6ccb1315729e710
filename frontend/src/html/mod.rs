//! The citizen pages as plain HTML, rendered natively by the function that serves `/s/…` and
//! `/receipt/…`: a questionnaire that works with no script at all (a `<form method="post">`
//! answered on the server), its receipt, and the receipt check. The markup and its classes are
//! the app's, and the words come from `i18n.rs`, so a phone sees the same page before and after
//! the citizen app takes it over (`citizen::served`).
//!
//! Nothing here touches the DOM; what the wasm bundle needs of it (reading a served form's fields,
//! [`Filled::from_pairs`]) is plain Rust, and the rest is never linked into a bundle.

mod fields;
mod form;
mod page;
mod receipt;
mod refusal;

pub use fields::{Filled, FormError};
pub use form::{FormPage, Notice, form_page};
pub use page::message_page;
pub(crate) use page::text;
pub use receipt::{Counting, ReceiptFacts, receipt_page, thanks_page};
pub use refusal::Refusal;

/// Where a served questionnaire keeps its `FormView` for the app (a JSON island, allowed by a
/// Content-Security-Policy without `unsafe-inline`: it is data, never run).
pub const FORM_DATA_ID: &str = "form-data";
/// The served page's content, which the app removes when it mounts its own view.
pub const SERVED_ID: &str = "served";
/// The `<form>` of a served questionnaire.
pub const FORM_ID: &str = "answers";
