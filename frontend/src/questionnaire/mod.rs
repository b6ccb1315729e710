//! The questionnaire page, `/s/{campaign}/{unit}`: loads the form, then lets the respondent fill
//! it one section at a time and send it. A device that already answered for this unit shows the
//! receipts instead (unless it is a kiosk; another person of the household may still answer), and
//! one whose answer waits in the outbox says so.

mod answered;
mod choice;
mod device;
mod draft;
mod faces3;
mod field;
mod history;
mod household;
pub mod kiosk;
mod multi;
mod number;
pub mod outbox;
mod queued;
mod radios;
mod scale5;
mod served;
mod sheet;
mod survey;
mod text;

use crate::api::{self, ApiError, Call};
use crate::error::{Retry, error_note};
use crate::i18n::use_i18n;
use crate::route::{current_query, query_param};
use crate::thanks::{About, Thanks};
use draft::DraftSlot;
use hailong_domain::{CampaignId, PosterCode, Receipt, UnitCode};
use household::Answered;
use kiosk::KioskBar;
use leptos::either::{Either, EitherOf3, EitherOf4};
use leptos::prelude::*;
use outbox::{Delivery, use_outbox};
use queued::QueuedNote;
pub use served::Served;
use survey::Survey;

#[component]
pub fn FormPage(campaign: CampaignId, unit: UnitCode, kiosk: bool, served: Option<Served>) -> impl IntoView {
    let outbox = use_outbox();
    let (c, u) = (campaign.to_string(), unit.to_string());
    if kiosk {
        return EitherOf4::A(view! { <LoadForm campaign unit kiosk served/> });
    }
    if !answered::receipts(&c, &u).is_empty() {
        return EitherOf4::B(view! { <Answered campaign unit/> });
    }
    if outbox.holds(&c, &u) {
        return EitherOf4::C(view! { <Waiting campaign=c unit=u/> });
    }
    EitherOf4::D(view! { <LoadForm campaign unit kiosk served/> })
}

/// This device's answer for the unit waits in the outbox; the receipt shows once it is delivered.
/// An answer the server refused for good (the campaign closed, the form changed) has left the
/// outbox: the page loads again, to show the form or why there is none.
#[component]
fn Waiting(campaign: String, unit: String) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let about = About::load(&campaign, &unit);
    let outcome: Memo<Option<Result<Receipt, ApiError>>> = Memo::new(move |_| {
        let mine = |d: &&Delivery| d.campaign == campaign && d.unit == unit;
        outbox.delivered.with(|d| d.as_ref().filter(mine).map(|d| d.outcome.clone()))
    });
    Effect::new(move |_| {
        if outcome.with(|o| matches!(o, Some(Err(_)))) {
            let _ = window().location().reload();
        }
    });
    let message = Signal::derive(move || i18n.t().waiting.to_owned());
    i18n.title(move || i18n.t().queued_title.to_owned());
    move || match outcome.get() {
        Some(Ok(receipt)) => Either::Left(view! { <Thanks receipt about=about.clone()/> }),
        _ => Either::Right(view! {
            <h1>{i18n.text(|t| t.tagline)}</h1>
            <QueuedNote message/>
        }),
    }
}

/// `served`: the form the server rendered in this page, with what was answered in it so far.
#[component]
fn LoadForm(campaign: CampaignId, unit: UnitCode, kiosk: bool, served: Option<Served>) -> impl IntoView {
    let i18n = use_i18n();
    let poster = query_param(&current_query(), "p").and_then(PosterCode::parse);
    let form = Call::new();
    let (c, u) = (campaign.clone(), unit.clone());
    let fetch = move || {
        let (campaign, unit, poster) = (c.clone(), u.clone(), poster.clone());
        form.run(async move {
            match api::form(campaign.clone(), unit.clone(), poster.clone()).await {
                // A misread or made-up poster code must not keep anyone from answering.
                Err(ApiError::ForgedPoster) => api::form(campaign, unit, None).await.map(|f| (f, None)),
                other => other.map(|f| (f, poster)),
            }
        })
    };
    // Each kiosk respondent gets a new `Survey`: new answers, new response id, nothing of the last.
    let round = RwSignal::new(0u32);
    let slot = DraftSlot::new(campaign.as_str(), unit.as_str());
    match served {
        // The served page already counted the poster's scan and dropped a forged code.
        Some(served) => {
            served.keep_answers(&slot);
            let poster = served.filled.poster.as_deref().and_then(PosterCode::parse);
            form.result.set(Some(Ok((served.form, poster))));
        }
        None => fetch(),
    }
    let reset = Callback::new(move |()| {
        slot.clear();
        device::renew();
        round.update(|n| *n += 1);
    });
    let kiosk_bar = kiosk.then(|| view! { <KioskBar warning=kiosk::reset_when_idle(move || reset.run(()))/> });
    let page = move || match form.result.get() {
        None => EitherOf3::A(view! { <p class="status" role="status">{i18n.text(|t| t.loading)}</p> }),
        Some(Ok((form, poster))) => EitherOf3::B(move || {
            round.track();
            view! { <Survey form=form.clone() poster=poster.clone() kiosk reset/> }
        }),
        Some(Err(error)) => {
            let retry = matches!(error, ApiError::Offline | ApiError::Server | ApiError::Busy)
                .then(|| Retry::new(|t| t.retry, fetch.clone()));
            let message = Signal::derive(move || {
                let t = i18n.t();
                match &error {
                    ApiError::Closed(window) => (t.closed)(window.map(|w| w.closes)),
                    ApiError::NotYetOpen(window) => (t.not_yet_open)(window.map(|w| w.opens)),
                    ApiError::Offline => t.load_offline.into(),
                    ApiError::Server => t.server_trouble.into(),
                    ApiError::Busy => t.busy.into(),
                    _ => t.form_not_found.into(),
                }
            });
            // The page still needs a heading when all it can say is why there is no form.
            EitherOf3::C(view! { <h1>{i18n.text(|t| t.tagline)}</h1>{error_note(message, retry)} })
        }
    };
    view! { {kiosk_bar}{page} }
}
