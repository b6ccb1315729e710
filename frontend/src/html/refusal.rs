//! Why a served form was not stored, in the words the app uses for the same answers of the API.

use crate::i18n::VI;
use hailong_domain::Date;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No such campaign or unit (or a draft campaign).
    NotFound,
    Closed(Option<Date>),
    NotYetOpen(Option<Date>),
    /// The form's questionnaire is no longer the unit's, or the page was not one this server made.
    FormChanged,
    /// Over the network's limit for now (429).
    Busy,
    /// This response id was stored with other answers.
    Conflict,
    TooLarge,
    /// The honeypot: the message names no field.
    NotAccepted,
    /// Something on the server's side (5xx): the answers are kept on the page, to press again.
    Server,
}

impl Refusal {
    pub fn message(&self) -> String {
        match self {
            Refusal::NotFound => VI.form_not_found.into(),
            Refusal::Closed(closes) => (VI.closed)(*closes),
            Refusal::NotYetOpen(opens) => (VI.not_yet_open)(*opens),
            Refusal::FormChanged => VI.form_changed.into(),
            Refusal::Busy => VI.busy.into(),
            Refusal::Conflict => VI.conflict.into(),
            Refusal::TooLarge => VI.too_large.into(),
            Refusal::NotAccepted => VI.not_accepted.into(),
            Refusal::Server => VI.server_trouble.into(),
        }
    }

    /// Whether the form is shown again with the answers as given (pressing "Gửi phiếu" again may
    /// succeed), rather than a page saying there is nothing to answer here.
    pub fn keeps_form(&self) -> bool {
        matches!(self, Refusal::Busy | Refusal::TooLarge | Refusal::NotAccepted | Refusal::Server)
    }
}
