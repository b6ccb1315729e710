//! Several options, at most `max`: further boxes are disabled once `max` are ticked.

use super::sheet::Answer;
use hailong_domain::Choice;
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn MultiItem(name: String, answer: Answer, options: Vec<Choice>, max: u8) -> impl IntoView {
    let chosen = move || answer.value.with(|v| v.as_array().map_or(0, Vec::len));
    let has = move |n: i64| answer.value.with(|v| v.as_array().is_some_and(|a| a.contains(&n.into())));
    let toggle = move |n: i64, on: bool| {
        let mut list: Vec<i64> = answer
            .value
            .with_untracked(|v| v.as_array().map(|a| a.iter().filter_map(Value::as_i64).collect()).unwrap_or_default());
        list.retain(|&x| x != n);
        if on {
            // Kept ascending, as stored; an insertion spares the bundle a sort routine.
            list.insert(list.partition_point(|&x| x < n), n);
        }
        answer.set(if list.is_empty() { Value::Null } else { list.into() });
    };
    let boxes = options
        .into_iter()
        .map(|c| {
            let n = c.value;
            view! {
                <label class="opt">
                    <input
                        type="checkbox"
                        name=name.clone()
                        value=n
                        prop:checked=move || has(n)
                        prop:disabled=move || { !has(n) && chosen() >= usize::from(max) }
                        on:change=move |ev| toggle(n, event_target_checked(&ev))
                    />
                    <span class="word" lang="vi">{c.label}</span>
                </label>
            }
        })
        .collect_view();
    view! { <div class="opts">{boxes}</div> }
}
