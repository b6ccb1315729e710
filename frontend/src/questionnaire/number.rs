//! A whole number within bounds, such as the % of expectations met.

use super::sheet::Answer;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn NumberItem(name: String, answer: Answer, min: i64, max: i64, required: bool) -> impl IntoView {
    let i18n = use_i18n();
    let input_id = format!("input-{name}");
    // The section is rebuilt on Back and Next; start from what was typed before.
    let typed = answer.value.with_untracked(|v| match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        v => v.to_string(),
    });
    view! {
        <label for=input_id.clone()>{move || (i18n.t().number_label)(min, max)}</label>
        <input
            id=input_id
            type="number"
            inputmode="numeric"
            name=name
            min=min
            max=max
            step="1"
            aria-required=required.then_some("true")
            prop:value=typed
            on:input=move |ev| answer.set(number(&event_target_value(&ev)))
        />
    }
}

/// A whole number is sent as a number; anything else as typed, for the rules to explain.
fn number(typed: &str) -> Value {
    let typed = typed.trim();
    match typed.parse::<i64>() {
        _ if typed.is_empty() => Value::Null,
        Ok(n) => n.into(),
        Err(_) => typed.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_numbers_and_the_rest_is_left_for_the_rules() {
        assert_eq!(number(" 90 "), Value::from(90));
        assert_eq!(number("-3"), Value::from(-3));
        assert_eq!(number(""), Value::Null);
        assert_eq!(number("1.5"), Value::from("1.5"));
    }
}
