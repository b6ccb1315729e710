//! Free text: one line, or a text area when the template says `long`.

use super::sheet::Answer;
use crate::i18n::use_i18n;
use leptos::either::Either;
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn TextItem(name: String, answer: Answer, max_len: u32, long: bool, required: bool) -> impl IntoView {
    let i18n = use_i18n();
    let input_id = format!("input-{name}");
    // The section is rebuilt on Back and Next; start from what was typed before.
    let typed = answer.value.with_untracked(|v| v.as_str().unwrap_or_default().to_owned());
    let required = required.then_some("true");
    let input = if long {
        Either::Left(view! {
            <textarea
                id=input_id.clone()
                name=name
                rows="4"
                maxlength=max_len
                aria-required=required
                prop:value=typed
                on:input=move |ev| answer.set(Value::String(event_target_value(&ev)))
            ></textarea>
        })
    } else {
        Either::Right(view! {
            <input
                id=input_id.clone()
                type="text"
                name=name
                maxlength=max_len
                aria-required=required
                prop:value=typed
                on:input=move |ev| answer.set(Value::String(event_target_value(&ev)))
            />
        })
    };
    view! {
        <label for=input_id>{move || (i18n.t().text_label)(max_len)}</label>
        {input}
    }
}
