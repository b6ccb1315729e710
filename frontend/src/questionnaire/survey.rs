//! Filling a loaded questionnaire: one section at a time, then sending it, then the receipt.

use super::field::field_view;
use super::scale5::ScaleWords;
use super::sheet::{Sheet, Spot, response_id};
use crate::api::{self, ApiError, Call};
use crate::dom::{focus_first_input, focus_from_top};
use crate::error::{Retry, error_note};
use crate::i18n::use_i18n;
use crate::thanks::Thanks;
use hailong_domain::api::FormView;
use hailong_domain::response::COMMENT_MAX_CHARS;
use hailong_domain::{AnswerProblem, Receipt};
use leptos::either::Either;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn Survey(form: FormView) -> impl IntoView {
    let i18n = use_i18n();
    let sections = form.questionnaire.sections.len();
    let last = sections.saturating_sub(1);
    let sheet = StoredValue::new(Sheet::new(form));
    let current = RwSignal::new(0usize);
    let comment = RwSignal::new(String::new());
    let id = response_id();
    let send = Call::new();

    let go_to = move |(section, item): Spot| {
        current.set(section);
        request_animation_frame(move || focus_first_input(&format!("item-{item}")));
    };
    let turn_to = move |section: usize| {
        current.set(section);
        request_animation_frame(|| focus_from_top("section-title"));
    };
    let next = move || {
        let here = current.get_untracked();
        match sheet.with_value(|s| s.check(Some(here))) {
            Some(spot) => go_to(spot),
            None => turn_to(here + 1),
        }
    };
    let submit = move || match sheet.with_value(|s| s.check(None)) {
        Some(spot) => go_to(spot),
        None => {
            send.run(api::submit(sheet.with_value(|s| s.submission(id, &comment.get_untracked()))));
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if current.get_untracked() == last { submit() } else { next() }
    };

    // Answers the server refused are shown where they are, like the page's own checks.
    Effect::new(move |_| {
        let refused = send.result.with(|v| match v {
            Some(Err(ApiError::Invalid(errors))) => Some(errors.clone()),
            _ => None,
        });
        if let Some(spot) = refused.and_then(|errors| sheet.with_value(|s| s.show(&errors, None))) {
            go_to(spot);
        }
    });
    let receipt: Memo<Option<Receipt>> =
        Memo::new(move |_| send.result.with(|v| v.as_ref().and_then(|r| r.as_ref().ok().cloned())));

    let questions = move || {
        let here = current.get();
        let (title, fields, words) = sheet.with_value(|s| {
            let q = s.questionnaire();
            let words = ScaleWords { points: q.scale_labels.clone(), zero: q.zero_label.clone() };
            (q.sections[here].title.clone(), s.section(here), words)
        });
        view! {
            <h2 id="section-title" tabindex="-1">{title}</h2>
            {fields.into_iter().map(|f| field_view(f, words.clone())).collect_view()}
        }
    };
    let comment_box = move || {
        (current.get() == last).then(|| {
            view! {
                <div class="item">
                    <label for="comment">{i18n.text(|t| t.comment_label)}</label>
                    <textarea
                        id="comment"
                        name="comment"
                        rows="4"
                        maxlength=COMMENT_MAX_CHARS
                        prop:value=comment.get_untracked()
                        on:input=move |ev| comment.set(event_target_value(&ev))
                    ></textarea>
                </div>
            }
        })
    };
    let failure = move || {
        if send.pending.get() {
            return None;
        }
        let error = send.result.with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))?;
        {
            let retry = matches!(error, ApiError::Offline | ApiError::Server).then(|| Retry::new(|t| t.resend, submit));
            let message = Signal::derive(move || {
                let t = i18n.t();
                match &error {
                    ApiError::Offline => t.send_offline.into(),
                    ApiError::Server => t.send_server.into(),
                    ApiError::Closed(window) => (t.closed)(window.map(|w| w.closes)),
                    ApiError::NotYetOpen(window) => (t.not_yet_open)(window.map(|w| w.opens)),
                    ApiError::Conflict => t.conflict.into(),
                    ApiError::TooLarge => t.too_large.into(),
                    ApiError::NotFound => t.form_not_found.into(),
                    ApiError::Invalid(errors)
                        if errors.is_empty() || errors.iter().any(|e| e.problem == AnswerProblem::UnknownItem) =>
                    {
                        t.form_changed.into()
                    }
                    ApiError::Invalid(_) => t.fix_answers.into(),
                }
            });
            Some(error_note(message, retry))
        }
    };
    let buttons = move || {
        let here = current.get();
        let back = (here > 0).then(|| {
            view! {
                <button id="back" type="button" on:click=move |_| turn_to(here - 1)>{i18n.text(|t| t.back)}</button>
            }
        });
        let forward = if here == last {
            Either::Left(view! {
                <button id="submit" type="submit" class="primary" disabled=move || send.pending.get()>
                    {move || if send.pending.get() { i18n.t().sending } else { i18n.t().submit }}
                </button>
            })
        } else {
            Either::Right(view! { <button id="next" type="submit" class="primary">{i18n.text(|t| t.next)}</button> })
        };
        (back, forward)
    };

    let (campaign, unit, title, intro, any_required) = sheet.with_value(|s| {
        let q = s.questionnaire();
        let required = q.items().any(|(_, i)| i.required);
        (s.form.campaign.title.clone(), s.form.unit.name.clone(), q.title.clone(), q.intro.clone(), required)
    });
    // The instructions belong before the first section only.
    let intro =
        move || (current.get() == 0 && !intro.is_empty()).then(|| view! { <p class="intro">{intro.clone()}</p> });
    let survey = move || {
        view! {
            <div class="survey" data-ready="true">
                <header class="survey-head">
                    <p class="campaign">{campaign.clone()}</p>
                    <p class="unit">{unit.clone()}</p>
                    <h1>{title.clone()}</h1>
                </header>
                {intro.clone()}
                <form novalidate on:submit=on_submit>
                    <p id="progress" class="progress" aria-live="polite">
                        {move || (i18n.t().progress)(current.get() + 1, sections)}
                    </p>
                    {any_required.then(|| view! { <p class="hint">{i18n.text(|t| t.required_note)}</p> })}
                    {questions}
                    {comment_box}
                    {failure}
                    <div class="actions">{buttons}</div>
                </form>
            </div>
        }
    };
    move || match receipt.get() {
        Some(receipt) => Either::Left(view! { <Thanks receipt/> }),
        None => Either::Right(survey()),
    }
}
