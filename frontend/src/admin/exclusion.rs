//! Excluding a response (`POST /api/admin/responses/{id}/exclude`): it stops counting, with a
//! reason; nothing is deleted. Administrators only.

use super::api::use_api;
use super::text as t;
use super::widgets::{Loaded, outcome, title};
use crate::api::Call;
use leptos::prelude::*;

const REASONS: [&str; 4] = ["invalid", "fraud", "failed_verification", "other"];

#[component]
pub fn ExcludePage(response: String) -> impl IntoView {
    let api = use_api();
    let id = RwSignal::new(response);
    let reason = RwSignal::new("invalid");
    let note = RwSignal::new(String::new());
    let call: Loaded<serde_json::Value> = Call::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let path = format!("/api/admin/responses/{}/exclude", id.get_untracked().trim());
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
    view! {
        {title(t::EXCLUDE_TITLE)}
        <p class="hint">{t::EXCLUDE_INTRO}</p>
        <form class="admin-form" on:submit=submit>
            <label for="exclude-id">{t::RESPONSE_ID}</label>
            <input id="exclude-id" type="text" required autocomplete="off" prop:value=move || id.get() on:input=move |ev| id.set(event_target_value(&ev))/>
            <fieldset>
                <legend>{t::REASON}</legend>
                {reasons}
            </fieldset>
            <label for="exclude-note">{t::NOTE}</label>
            <textarea id="exclude-note" rows="3" on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            <button type="submit" class="primary" id="exclude-submit" disabled=move || call.pending.get()>{t::EXCLUDE}</button>
        </form>
        <div id="exclude-outcome">{outcome(call, |v| t::excluded(v["response"].as_str().unwrap_or_default()))}</div>
    }
}
