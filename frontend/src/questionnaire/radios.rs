//! Radio buttons choosing one numbered value, shared by scales, faces and plain choices.

use super::sheet::Answer;
use leptos::prelude::*;

/// `options` pairs each value with what its label shows after the button.
pub fn radios<L: IntoView + 'static>(
    name: String,
    answer: Answer,
    class: &'static str,
    options: Vec<(i64, L)>,
) -> impl IntoView {
    let buttons = options
        .into_iter()
        .map(|(n, label)| {
            view! {
                <label class="opt">
                    <input
                        type="radio"
                        name=name.clone()
                        value=n
                        prop:checked=move || answer.value.with(|v| v.as_i64() == Some(n))
                        on:change=move |_| answer.set(n.into())
                    />
                    {label}
                </label>
            }
        })
        .collect_view();
    view! { <div class=class>{buttons}</div> }
}
