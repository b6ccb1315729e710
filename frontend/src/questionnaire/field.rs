//! One question: a fieldset whose legend is the question, the input for its kind, and the
//! message saying what is wrong with the answer.

use super::choice::ChoiceItem;
use super::faces3::Faces3Item;
use super::multi::MultiItem;
use super::number::NumberItem;
use super::scale5::{Scale5Item, ScaleWords};
use super::sheet::Field;
use super::text::TextItem;
use crate::i18n::use_i18n;
use hailong_domain::ItemKind;
use leptos::either::EitherOf6;
use leptos::prelude::*;

pub fn field_view(field: Field, words: ScaleWords) -> impl IntoView {
    let i18n = use_i18n();
    let Field { item, answer, .. } = field;
    let name = item.id.to_string();
    let problem_id = format!("problem-{name}");
    let required = item.required;
    // One answer among several: announced as a radio group, the role that can carry aria-required.
    let one_of = matches!(item.kind, ItemKind::Scale5 { .. } | ItemKind::Faces3 | ItemKind::Choice { .. });
    // Said once: many templates write the limit into the question already.
    let at_most = match item.kind {
        ItemKind::Multi { max, .. } if !item.text.contains(&format!("tối đa {max}")) => Some(max),
        _ => None,
    };
    let input = match item.kind {
        ItemKind::Scale5 { zero } => EitherOf6::A(view! { <Scale5Item name=name.clone() answer zero words/> }),
        ItemKind::Faces3 => EitherOf6::B(view! { <Faces3Item name=name.clone() answer/> }),
        ItemKind::Choice { options, .. } => EitherOf6::C(view! { <ChoiceItem name=name.clone() answer options/> }),
        ItemKind::Multi { options, max } => EitherOf6::D(view! { <MultiItem name=name.clone() answer options max/> }),
        ItemKind::Number { min, max } => {
            EitherOf6::E(view! { <NumberItem name=name.clone() answer min max required/> })
        }
        ItemKind::Text { max_len, long } => {
            EitherOf6::F(view! { <TextItem name=name.clone() answer max_len long required/> })
        }
    };
    let has_problem = move || answer.problem.with(Option::is_some);
    let described_by = problem_id.clone();
    view! {
        <fieldset
            id=format!("item-{name}")
            class="item"
            role=one_of.then_some("radiogroup")
            aria-required=(one_of && required).then_some("true")
            aria-invalid=move || has_problem().then_some("true")
            aria-describedby=move || has_problem().then(|| described_by.clone())
        >
            // The legend names the group, so the hints a screen reader must hear go inside it.
            <legend>
                <span lang="vi">{item.text}</span>
                {required.then(|| view! { <span class="req">{i18n.text(|t| t.required)}</span> })}
                {at_most.map(|n| view! { <span class="hint">{move || (i18n.t().choose_at_most)(n)}</span> })}
            </legend>
            {input}
            {move || answer.problem.get().map(|p| view! {
                <p id=problem_id.clone() class="problem" role="alert">{move || i18n.t().problem(&p)}</p>
            })}
        </fieldset>
    }
}
