//! Filling a loaded questionnaire: one section at a time, then sending it, then the receipt.
//! The answers are kept as a draft while they are given; an answer that cannot be sent for want
//! of a connection goes to the outbox.

use super::answered;
use super::device;
use super::draft::{Draft, DraftSlot};
use super::field::field_view;
use super::history::SectionHistory;
use super::kiosk::RESET_AFTER_RECEIPT;
use super::outbox::{Queued, use_outbox};
use super::queued::QueuedNote;
use super::scale5::ScaleWords;
use super::sheet::{Sheet, Spot};
use crate::api::{self, ApiError, Call};
use crate::dom::random_uuid;
use crate::dom::{focus_first_input, focus_from_top};
use crate::error::{Retry, error_note};
use crate::i18n::use_i18n;
use crate::thanks::{About, Thanks};
use hailong_domain::api::FormView;
use hailong_domain::response::COMMENT_MAX_CHARS;
use hailong_domain::{AnswerProblem, ItemKind, PosterCode, Receipt};
use leptos::either::{Either, EitherOf3};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `reset` starts a fresh respondent (kiosk mode).
#[component]
pub fn Survey(form: FormView, poster: Option<PosterCode>, kiosk: bool, reset: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let sections = form.questionnaire.sections.len();
    let last = sections.saturating_sub(1);
    let (campaign_id, unit_code) = (form.campaign.id.clone(), form.unit.code.clone());
    let slot = DraftSlot::new(campaign_id.as_str(), unit_code.as_str());
    let reference = form.questionnaire.reference();
    let draft = slot.load(&reference);
    let poster_replaced = form.poster_replaced;
    let about = About::of(&form);
    if !kiosk {
        // So that a later visit, or the receipt of an answer sent from the outbox, names the unit.
        about.save();
    }
    let sheet = StoredValue::new(Sheet::new(form, &draft.as_ref().map(|d| d.answers.clone()).unwrap_or_default()));
    let id = draft.as_ref().map_or_else(random_uuid, |d| d.id);
    let current = RwSignal::new(draft.as_ref().map_or(0, |d| d.section.min(last)));
    let comment = RwSignal::new(draft.as_ref().map(|d| d.comment.clone()).unwrap_or_default());
    let started = RwSignal::new(draft.as_ref().is_some_and(|d| d.started));
    let website = RwSignal::new(String::new());
    let send = Call::new();

    // Sent, or handed to the outbox: the draft has done its job.
    let finished = move || send.result.with(|r| matches!(r, Some(Ok(_) | Err(ApiError::Offline))));
    let queued = move || send.result.with(|r| matches!(r, Some(Err(ApiError::Offline))));
    let draft_slot = slot.clone();
    Effect::new(move |_| {
        sheet.with_value(Sheet::track);
        let draft = Draft {
            id,
            questionnaire: reference.clone(),
            answers: sheet.with_value(Sheet::raw),
            comment: comment.get(),
            section: current.get(),
            started: started.get(),
        };
        if !untrack(finished) {
            draft_slot.save(&draft);
        }
    });
    // The poster counts a start once per respondent, at the first answer.
    if let Some(code) = poster.clone() {
        Effect::new(move |_| {
            let answered = sheet.with_value(|s| {
                s.track();
                !s.raw().is_empty()
            });
            if answered && !started.get_untracked() {
                started.set(true);
                let (campaign, unit, code) = (campaign_id.clone(), unit_code.clone(), code.clone());
                // Only a count: a lost start costs nothing to the respondent.
                spawn_local(async move {
                    let _ = api::start(campaign, unit, code).await;
                });
            }
        });
    }
    // An answer the outbox delivered later is this page's answer too.
    Effect::new(move |_| {
        if let Some(delivery) = outbox.delivered.get().filter(|d| d.id == id.to_string()) {
            send.result.set(Some(delivery.outcome));
        }
    });

    let go_to = move |(section, item): Spot| {
        current.set(section);
        request_animation_frame(move || focus_first_input(&format!("item-{item}")));
    };
    let turn_to = move |section: usize| {
        current.set(section);
        request_animation_frame(|| focus_from_top("section-title"));
    };
    // Each section is a history entry: the phone's Back button goes to the previous section.
    let history = SectionHistory::start(current.get_untracked(), move |section| turn_to(section.min(last)));
    let next = move || {
        let here = current.get_untracked();
        match sheet.with_value(|s| s.check(Some(here))) {
            Some(spot) => go_to(spot),
            None => {
                history.push(here + 1);
                turn_to(here + 1);
            }
        }
    };
    // Stored, so that `submit` is `Copy` like the other handlers.
    let (poster, slot) = (StoredValue::new(poster), StoredValue::new(slot));
    let submit = move || match sheet.with_value(|s| s.check(None)) {
        Some(spot) => go_to(spot),
        None => {
            let submission = sheet.with_value(|s| {
                poster.with_value(|p| s.submission(id, &comment.get_untracked(), p.as_ref(), &website.get_untracked()))
            });
            let answer = Queued::new(&submission);
            let slot = slot.get_value();
            send.run(async move {
                let result = api::submit(&answer.body, &device::token()).await;
                match &result {
                    Ok(receipt) => outbox.took(&answer, receipt),
                    Err(ApiError::Offline) => outbox.queue(answer),
                    Err(_) => return result,
                }
                slot.clear();
                result
            });
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
    // A kiosk clears the screen for the next person once this one is done.
    if kiosk {
        Effect::new(move |_| {
            if (receipt.with(Option::is_some) || queued())
                && let Ok(timer) = set_timeout_with_handle(move || reset.run(()), RESET_AFTER_RECEIPT)
            {
                on_cleanup(move || timer.clear());
            }
        });
    }

    let questions = move || {
        let here = current.get();
        let (title, fields, words) = sheet.with_value(|s| {
            let q = s.questionnaire();
            let words = ScaleWords { points: q.scale_labels.clone(), zero: q.zero_label.clone() };
            (q.sections[here].title.clone(), s.section(here), words)
        });
        view! {
            <h2 id="section-title" tabindex="-1" lang="vi">{title}</h2>
            {fields.into_iter().map(|f| field_view(f, words.clone())).collect_view()}
        }
    };
    // A template that ends with free text has asked for comments already.
    let ends_with_text = sheet.with_value(|s| {
        let q = s.questionnaire();
        q.sections.last().and_then(|s| s.items.last()).is_some_and(|i| matches!(i.kind, ItemKind::Text { .. }))
    });
    let comment_box = move || {
        (current.get() == last && !ends_with_text).then(|| {
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
    // Hidden from people (and screen readers), found by bots that fill every field.
    let honeypot = move || {
        view! {
            <div class="hp" aria-hidden="true">
                <label for="website">{i18n.text(|t| t.website)}</label>
                <input
                    id="website"
                    name="website"
                    type="text"
                    tabindex="-1"
                    autocomplete="off"
                    on:input=move |ev| website.set(event_target_value(&ev))
                />
            </div>
        }
    };
    let failure = move || {
        if send.pending.get() {
            return None;
        }
        let error = send.result.with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))?;
        let retry = matches!(error, ApiError::Server | ApiError::Busy).then(|| Retry::new(|t| t.resend, submit));
        let message = Signal::derive(move || {
            let t = i18n.t();
            match &error {
                ApiError::Offline => t.send_offline.into(),
                ApiError::Server => t.send_server.into(),
                ApiError::Busy => t.busy.into(),
                ApiError::Closed(window) => (t.closed)(window.map(|w| w.closes)),
                ApiError::NotYetOpen(window) => (t.not_yet_open)(window.map(|w| w.opens)),
                ApiError::Conflict => t.conflict.into(),
                ApiError::TooLarge => t.too_large.into(),
                ApiError::NotFound | ApiError::ForgedPoster => t.form_not_found.into(),
                ApiError::Invalid(errors)
                    if errors.is_empty() || errors.iter().any(|e| e.problem == AnswerProblem::UnknownItem) =>
                {
                    t.form_changed.into()
                }
                ApiError::Invalid(_) => t.fix_answers.into(),
            }
        });
        Some(error_note(message, retry))
    };
    let buttons = move || {
        let here = current.get();
        let back = (here > 0).then(|| {
            view! {
                <button id="back" type="button" on:click=move |_| history.back()>{i18n.text(|t| t.back)}</button>
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

    let (campaign, unit, title, intro) = sheet.with_value(|s| {
        let q = s.questionnaire();
        (s.form.campaign.title.clone(), s.form.unit.name.clone(), q.title.clone(), q.intro.clone())
    });
    let plan = sheet.with_value(|s| Plan::of(s.questionnaire()));
    let total = plan.questions.iter().sum::<usize>();
    let page_name = unit.clone();
    i18n.title(move || page_name.clone());
    // The full header and the instructions belong before the first section only; later sections
    // keep one line, so that the questions start on the first screen.
    let head = move || {
        let full = current.get() == 0;
        let intro = intro.clone();
        view! {
            {(!i18n.t().interface_note.is_empty()).then(|| view! {
                <p class="notice" id="interface-note">{i18n.text(|t| t.interface_note)}</p>
            })}
            {if full {
                Either::Left(view! {
                    <header class="survey-head" lang="vi">
                        {sheet.with_value(|s| crate::authority::authority_line(s.form.campaign.authority.as_ref()))}
                        <p class="campaign">{campaign.clone()}</p>
                        <p class="unit">{unit.clone()}</p>
                        <h1>{title.clone()}</h1>
                    </header>
                    <p id="duration" class="duration">{move || (i18n.t().duration)(total, minutes(total))}</p>
                    {intro_view(intro)}
                })
            } else {
                Either::Right(view! { <h1 class="survey-line" lang="vi">{unit.clone()}</h1> })
            }}
            {poster_replaced.then(|| view! {
                <p id="poster-replaced" class="notice" role="status">{i18n.text(|t| t.poster_replaced)}</p>
            })}
        }
    };
    let queued_head = head.clone();
    let progress = move || {
        let here = current.get();
        let first = plan.questions[..here].iter().sum::<usize>() + 1;
        let last = first + plan.questions[here].saturating_sub(1);
        view! {
            <p id="progress" class="progress" aria-live="polite">{move || (i18n.t().progress)(first, last, total)}</p>
            <div class="progress-bar" aria-hidden="true">
                <span style=format!("width: {}%", 100 * last / total.max(1))></span>
            </div>
            {plan.required[here].then(|| view! { <p class="hint">{i18n.text(|t| t.required_note)}</p> })}
        }
    };
    let survey = move || {
        view! {
            <div class="survey" data-ready="true">
                {head.clone()}
                <form novalidate on:submit=on_submit>
                    {progress.clone()}
                    {questions}
                    {comment_box}
                    {honeypot}
                    {failure}
                    <div class="actions">{buttons}</div>
                </form>
            </div>
        }
    };
    let next_respondent = kiosk.then_some(reset);
    move || match receipt.get() {
        Some(receipt) => {
            let earlier = if kiosk { Vec::new() } else { answered::receipts(&about.campaign, &about.unit) };
            EitherOf3::A(view! { <Thanks receipt about=Some(about.clone()) earlier next_respondent/> })
        }
        // Kept on the device: the form is done with, and the outbox will send it.
        None if queued() => EitherOf3::B(view! {
            <div class="survey">
                {queued_head.clone()}
                <QueuedNote message=Signal::derive(move || i18n.t().send_offline.to_owned())/>
            </div>
        }),
        None => EitherOf3::C(survey()),
    }
}

/// What the progress line needs of the questionnaire: questions per section, and which sections
/// hold a required one.
#[derive(Clone)]
struct Plan {
    questions: Vec<usize>,
    required: Vec<bool>,
}

impl Plan {
    fn of(q: &hailong_domain::Questionnaire) -> Plan {
        Plan {
            questions: q.sections.iter().map(|s| s.items.len()).collect(),
            required: q.sections.iter().map(|s| s.items.iter().any(|i| i.required)).collect(),
        }
    }
}

/// About ten seconds a question, rounded up to whole minutes.
fn minutes(questions: usize) -> usize {
    (questions * 10).div_ceil(60).max(1)
}

/// Longer than this, a template's introduction gives way to the app's one line, one tap from
/// the full text (the MoH form's runs to some 16 lines on a phone).
const LONG_INTRO: usize = 300;

fn intro_view(intro: String) -> impl IntoView {
    let i18n = use_i18n();
    if intro.is_empty() {
        return None;
    }
    Some(if intro.chars().count() <= LONG_INTRO {
        Either::Left(view! { <p class="intro" lang="vi">{intro}</p> })
    } else {
        Either::Right(view! {
            <p class="intro">{i18n.text(|t| t.intro_short)}</p>
            <details class="intro-more">
                <summary>{i18n.text(|t| t.intro_more)}</summary>
                <p class="intro" lang="vi">{intro}</p>
            </details>
        })
    })
}

#[cfg(test)]
mod tests {
    use super::minutes;

    #[test]
    fn a_form_takes_about_ten_seconds_a_question() {
        assert_eq!(minutes(3), 1);
        assert_eq!(minutes(33), 6);
        assert_eq!(minutes(44), 8);
    }
}
