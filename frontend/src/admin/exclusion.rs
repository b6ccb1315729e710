//! Excluding a response (`POST /api/admin/responses/{id}/exclude`): it stops counting, with a
//! reason; nothing is deleted. Administrators only. The response is shown first (unit, channel,
//! time, answers) and the exclusion asked once more, since it cannot be taken back.

use super::api::use_api;
use super::text as t;
use super::widgets::{AskFirst, Loaded, outcome, shown, title};
use crate::api::Call;
use hailong_domain::AnswerValue;
use hailong_domain::api::ResponseDetail;
use leptos::prelude::*;

const REASONS: [&str; 4] = ["invalid", "fraud", "failed_verification", "other"];

#[component]
pub fn ExcludePage(response: String) -> impl IntoView {
    let id = RwSignal::new(response.clone());
    let shown_id = RwSignal::new(response);
    let look = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        shown_id.set(id.get_untracked().trim().to_owned());
    };
    view! {
        {title(t::EXCLUDE_TITLE)}
        <p class="hint">{t::EXCLUDE_INTRO}</p>
        <form class="admin-form" on:submit=look>
            <label for="exclude-id">{t::RESPONSE_ID}</label>
            <input id="exclude-id" type="text" required autocomplete="off" prop:value=move || id.get() on:input=move |ev| id.set(event_target_value(&ev))/>
            <button type="submit" id="exclude-look">{t::REFRESH}</button>
        </form>
        {move || {
            let id = shown_id.get();
            if id.is_empty() { view! { <p>{t::EXCLUDE_PICK}</p> }.into_any() } else { view! { <Exclude id/> }.into_any() }
        }}
    }
}

#[component]
fn Exclude(id: String) -> impl IntoView {
    let api = use_api();
    let detail: Loaded<ResponseDetail> = Call::new();
    let path = format!("/api/admin/responses/{id}");
    call_get(api, detail, path);
    let reason = RwSignal::new("invalid");
    let note = RwSignal::new(String::new());
    let call: Loaded<serde_json::Value> = Call::new();
    let exclude = move || {
        let path = format!("/api/admin/responses/{id}/exclude");
        let body = serde_json::json!({ "reason": reason.get_untracked(), "note": note.get_untracked() });
        call.run(async move { api.post(&path, &body).await });
    };
    let reasons = REASONS
        .into_iter()
        .map(|r| {
            let rid = format!("reason-{r}");
            let label_for = rid.clone();
            view! {
                <label class="inline" for=label_for>
                    <input type="radio" name="reason" id=rid checked=move || reason.get() == r on:change=move |_| reason.set(r)/>
                    {t::reason(r)}
                </label>
            }
        })
        .collect_view();
    let form = move |d: ResponseDetail| {
        let done = d.excluded.is_some();
        view! {
            {summary(&d)}
            {done.then(|| view! { <p class="ok" id="already-excluded">{t::ALREADY_EXCLUDED}{" "}{d.excluded.as_ref().map(|e| t::reason(&e.reason))}</p> })}
        }
    };
    let excluded_already = move || detail.result.with(|r| matches!(r, Some(Ok(d)) if d.excluded.is_some()));
    view! {
        {shown(detail, form)}
        <div class="admin-form">
            <fieldset>
                <legend>{t::REASON}</legend>
                {reasons}
            </fieldset>
            <label for="exclude-note">{t::NOTE}</label>
            <textarea id="exclude-note" rows="3" on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            <AskFirst id="exclude-submit".to_owned() label=t::EXCLUDE
                disabled=Signal::derive(move || {
                    call.pending.get() || excluded_already() || !matches!(detail.result.get(), Some(Ok(_)))
                        || matches!(call.result.get(), Some(Ok(_)))
                })
                yes=t::EXCLUDE_YES on_yes=move |_| exclude()>
                <p>{move || t::confirm_exclude(t::reason(reason.get()))}</p>
            </AskFirst>
        </div>
        <div id="exclude-outcome">{outcome(call, |v| t::excluded(v["response"].as_str().unwrap_or_default()))}</div>
    }
}

fn call_get(api: super::api::Api, call: Loaded<ResponseDetail>, path: String) {
    call.run(async move { api.get(&path).await });
}

/// What the administrator is about to exclude: unit, channel, time, and the answers given.
fn summary(d: &ResponseDetail) -> impl IntoView + use<> {
    let r = &d.response;
    let unit = match &d.unit_name {
        Some(name) => format!("{name} ({})", r.unit),
        None => r.unit.to_string(),
    };
    let answers: Vec<String> = r
        .answers
        .iter()
        .map(|(item, value)| match value {
            AnswerValue::Int(v) => format!("{item}: {v}"),
            AnswerValue::List(vs) => {
                format!("{item}: {}", vs.iter().map(i64::to_string).collect::<Vec<_>>().join(", "))
            }
            AnswerValue::Text(text) => format!("{item}: “{text}”"),
        })
        .collect();
    let serial = r.source.serial().map(str::to_owned).map(|s| view! { <dt>{t::SERIAL}</dt><dd>{s}</dd> });
    let by = r.source.entered_by().map(str::to_owned).map(|s| view! { <dt>{t::ENTERED_BY}</dt><dd>{s}</dd> });
    let comment = r.comment.clone().map(|s| view! { <dt>{t::COMMENT}</dt><dd>{s}</dd> });
    view! {
        <section aria-labelledby="response-title" id="response-summary">
            <h2 id="response-title">{t::RESPONSE_TITLE}</h2>
            <dl class="facts">
                <dt>{t::RESPONSE_ID}</dt><dd><code>{r.id.to_string()}</code></dd>
                <dt>{t::UNIT}</dt><dd id="response-unit">{unit}</dd>
                <dt>{t::CHANNEL}</dt><dd id="response-channel">{t::channel(r.source.channel())}</dd>
                <dt>{t::RECEIVED_AT}</dt><dd id="response-time">{t::vietnam_time(r.received_at_ms)}</dd>
                {serial}
                {by}
                <dt>{t::ANSWERS}</dt><dd id="response-answers">{t::answers_summary(answers.len())}": "{answers.join("; ")}</dd>
                {comment}
            </dl>
        </section>
    }
}
