//! The questionnaire page, `/s/{campaign}/{unit}`: loads the form, then lets the respondent fill
//! it one section at a time and send it.

mod choice;
mod faces3;
mod field;
mod multi;
mod number;
mod radios;
mod scale5;
mod sheet;
mod survey;
mod text;

use crate::api::{self, ApiError, Call};
use crate::error::{Retry, error_note};
use crate::i18n::use_i18n;
use hailong_domain::{CampaignId, UnitCode};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use survey::Survey;

#[component]
pub fn FormPage(campaign: CampaignId, unit: UnitCode) -> impl IntoView {
    let i18n = use_i18n();
    let form = Call::new();
    let fetch = move || form.run(api::form(campaign.clone(), unit.clone()));
    fetch();
    move || match form.result.get() {
        None => EitherOf3::A(view! { <p class="status" role="status">{i18n.text(|t| t.loading)}</p> }),
        Some(Ok(form)) => EitherOf3::B(view! { <Survey form/> }),
        Some(Err(error)) => {
            let retry =
                matches!(error, ApiError::Offline | ApiError::Server).then(|| Retry::new(|t| t.retry, fetch.clone()));
            let message = Signal::derive(move || {
                let t = i18n.t();
                match &error {
                    ApiError::Closed(window) => (t.closed)(window.map(|w| w.closes)),
                    ApiError::NotYetOpen(window) => (t.not_yet_open)(window.map(|w| w.opens)),
                    ApiError::Offline => t.load_offline.into(),
                    ApiError::Server => t.server_trouble.into(),
                    _ => t.form_not_found.into(),
                }
            });
            // The page still needs a heading when all it can say is why there is no form.
            EitherOf3::C(view! { <h1>{i18n.text(|t| t.tagline)}</h1>{error_note(message, retry)} })
        }
    }
}
