//! One option among the questionnaire's own (gender, age band, …).

use super::radios::radios;
use super::sheet::Answer;
use hailong_domain::Choice;
use leptos::prelude::*;

#[component]
pub fn ChoiceItem(name: String, answer: Answer, options: Vec<Choice>) -> impl IntoView {
    let options =
        options.into_iter().map(|c| (c.value, view! { <span class="word" lang="vi">{c.label}</span> })).collect();
    radios(name, answer, "opts", options)
}
