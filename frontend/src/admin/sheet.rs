//! The compact entry sheet for paper and phone forms: every item of the questionnaire on one
//! screen, one small cell each. In a cell of a scale, faces or choice item a digit (1–5, 0 for
//! "not used") answers it and moves to the next item, so a form is typed with the digits alone;
//! Enter sends it. Answers are checked with the domain's `Answers::validate`, as the API does.

use super::text as t;
use crate::dom::focus;
use hailong_domain::{Answers, Item, ItemError, ItemKind, Questionnaire};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// What is typed in each cell, by item id.
#[derive(Clone, Copy)]
pub struct Sheet {
    pub cells: RwSignal<BTreeMap<String, String>>,
    pub errors: RwSignal<BTreeMap<String, String>>,
}

impl Sheet {
    pub fn new() -> Sheet {
        Sheet { cells: RwSignal::new(BTreeMap::new()), errors: RwSignal::new(BTreeMap::new()) }
    }

    pub fn clear(self) {
        self.cells.set(BTreeMap::new());
        self.errors.set(BTreeMap::new());
    }

    /// The answers as the API reads them, or the problems item by item (in Vietnamese).
    pub fn answers(self, q: &Questionnaire) -> Result<BTreeMap<String, Value>, Vec<ItemError>> {
        let cells = self.cells.get_untracked();
        let raw: BTreeMap<String, Value> = q
            .items()
            .filter_map(|(_, item)| {
                let text = cells.get(item.id.as_str())?.trim();
                (!text.is_empty()).then(|| (item.id.to_string(), raw_value(&item.kind, text)))
            })
            .collect();
        Answers::validate(q, &raw).map(|_| raw)
    }

    pub fn show_errors(self, errors: &[ItemError]) {
        self.errors.set(errors.iter().map(|e| (e.item.clone(), t::problem(&e.problem))).collect());
        if let Some(first) = errors.first() {
            let id = cell_id(&first.item);
            request_animation_frame(move || focus(&id));
        }
    }
}

/// Numbers stay numbers and lists become lists; anything else goes as typed, for the check to name.
fn raw_value(kind: &ItemKind, text: &str) -> Value {
    match kind {
        ItemKind::Text { .. } => Value::from(text),
        ItemKind::Multi { .. } => {
            let parts: Vec<Option<i64>> =
                text.split([' ', ',', ';']).filter(|s| !s.is_empty()).map(|s| s.parse().ok()).collect();
            if parts.iter().all(Option::is_some) {
                Value::from(parts.into_iter().flatten().collect::<Vec<_>>())
            } else {
                Value::from(text)
            }
        }
        _ => text.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::from(text)),
    }
}

pub fn cell_id(item: &str) -> String {
    format!("cell-{item}")
}

/// The digit that answers a one-key item, if `digit` is one of its values.
fn accepts(kind: &ItemKind, digit: i64) -> bool {
    match kind {
        ItemKind::Scale5 { zero } => (1..=5).contains(&digit) || (*zero && digit == 0),
        ItemKind::Faces3 => (1..=3).contains(&digit),
        ItemKind::Choice { options, .. } => options.iter().any(|c| c.value == digit),
        _ => false,
    }
}

fn one_key(kind: &ItemKind) -> bool {
    matches!(kind, ItemKind::Scale5 { .. } | ItemKind::Faces3 | ItemKind::Choice { .. })
}

/// What a one-key answer means, shown beside the cell ("4 · Hài lòng").
fn meaning(q: &Questionnaire, kind: &ItemKind, value: &str) -> String {
    let Ok(v) = value.parse::<i64>() else { return String::new() };
    match kind {
        ItemKind::Scale5 { .. } if v == 0 => q.zero_label.clone().unwrap_or_default(),
        ItemKind::Scale5 { .. } => q.scale_labels.get((v - 1) as usize).cloned().unwrap_or_default(),
        // The citizen form's own words for the three faces: 2 and 3 count as satisfied.
        ItemKind::Faces3 => crate::i18n::VI.faces.get((v - 1) as usize).map(|f| (*f).to_owned()).unwrap_or_default(),
        ItemKind::Choice { options, .. } => {
            options.iter().find(|c| c.value == v).map(|c| c.label.clone()).unwrap_or_default()
        }
        _ => String::new(),
    }
}

/// The keys a cell takes, said once under its label.
fn keys_hint(q: &Questionnaire, kind: &ItemKind) -> String {
    match kind {
        ItemKind::Scale5 { zero: true } => t::scale_keys(q.zero_label.as_deref()),
        ItemKind::Scale5 { zero: false } => t::scale_keys(None),
        ItemKind::Faces3 => t::faces_keys(),
        ItemKind::Choice { options, .. } | ItemKind::Multi { options, .. } => {
            let list: Vec<String> = options.iter().map(|c| format!("{} = {}", c.value, c.label)).collect();
            let joined = list.join("; ");
            if matches!(kind, ItemKind::Multi { .. }) { t::multi_keys(&joined) } else { joined }
        }
        ItemKind::Number { min, max } => t::number_keys(*min, *max),
        ItemKind::Text { max_len, .. } => t::text_keys(*max_len),
    }
}

/// The whole questionnaire as cells, section by section; `after_last` is focused after the
/// last item (the form's comment, where Enter saves).
pub fn sheet_view(q: Questionnaire, sheet: Sheet, after_last: &'static str) -> impl IntoView {
    let order: Vec<String> = q.items().map(|(_, i)| i.id.to_string()).collect();
    let next_of = move |id: &str| -> String {
        let at = order.iter().position(|o| o == id).unwrap_or(order.len());
        order.get(at + 1).map(|n| cell_id(n)).unwrap_or_else(|| after_last.to_owned())
    };
    let mut number = 0;
    let sections = q
        .sections
        .iter()
        .map(|section| {
            let rows = section
                .items
                .iter()
                .map(|item| {
                    number += 1;
                    item_row(&q, item, number, sheet, next_of(item.id.as_str()))
                })
                .collect_view();
            view! {
                <fieldset class="entry-section">
                    <legend>{section.title.clone()}</legend>
                    {rows}
                </fieldset>
            }
        })
        .collect_view();
    let scale: Vec<String> = q.scale_labels.iter().enumerate().map(|(i, l)| format!("{} = {l}", i + 1)).collect();
    view! {
        <p class="hint" id="scale-legend">{t::SCALE_LEGEND}{scale.join("; ")}</p>
        {sections}
    }
}

fn item_row(q: &Questionnaire, item: &Item, number: usize, sheet: Sheet, next: String) -> impl IntoView + use<> {
    let id = item.id.to_string();
    let cell = cell_id(&id);
    let hint_id = format!("hint-{id}");
    let error_id = format!("error-{id}");
    let kind = item.kind.clone();
    let value = {
        let id = id.clone();
        move || sheet.cells.with(|c| c.get(&id).cloned().unwrap_or_default())
    };
    let error = {
        let id = id.clone();
        Signal::derive(move || sheet.errors.with(|e| e.get(&id).cloned()))
    };
    let set = {
        let id = id.clone();
        move |text: String| {
            sheet.cells.update(|c| {
                c.insert(id.clone(), text);
            });
            sheet.errors.update(|e| {
                e.remove(&id);
            });
        }
    };
    let described = format!("{hint_id} {error_id}");
    let required = item.required.then_some(" *");
    let label = view! { <label for=cell.clone()>{format!("{number}. ")}{item.text.clone()}{required}</label> };
    let input = if one_key(&kind) {
        let chosen = {
            let (q, kind, value) = (q.clone(), kind.clone(), value.clone());
            move || meaning(&q, &kind, &value())
        };
        let keydown = {
            let (kind, set, id) = (kind.clone(), set.clone(), id.clone());
            move |ev: KeyboardEvent| {
                let key = ev.key();
                if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || key == "Tab" || key == "Enter" {
                    return;
                }
                if let Some(digit) = key.parse::<i64>().ok().filter(|_| key.len() == 1) {
                    ev.prevent_default();
                    if accepts(&kind, digit) {
                        set(digit.to_string());
                        let next = next.clone();
                        request_animation_frame(move || focus(&next));
                    } else {
                        sheet.errors.update(|e| {
                            e.insert(id.clone(), t::key_refused(digit));
                        });
                    }
                } else if key == "Backspace" || key == "Delete" {
                    ev.prevent_default();
                    set(String::new());
                } else if key.chars().count() == 1 {
                    // Letters and signs mean nothing in a one-key cell.
                    ev.prevent_default();
                }
            }
        };
        view! {
            <input id=cell class="key" type="text" inputmode="numeric" autocomplete="off" maxlength="1"
                aria-describedby=described aria-invalid=move || error.get().map(|_| "true")
                prop:value=value on:keydown=keydown/>
            <span class="chosen" aria-hidden="true">{chosen}</span>
        }
        .into_any()
    } else {
        let numeric = matches!(kind, ItemKind::Number { .. });
        view! {
            <input id=cell class=if numeric { "short" } else { "long" } type="text"
                inputmode=if numeric { "numeric" } else { "text" } autocomplete="off"
                aria-describedby=described aria-invalid=move || error.get().map(|_| "true")
                prop:value=value on:input=move |ev| set(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="entry-row" class:invalid=move || error.get().is_some()>
            {label}
            <div class="entry-cell">
                {input}
                <span class="hint" id=hint_id>{keys_hint(q, &kind)}</span>
                <span class="problem" id=error_id>{move || error.get()}</span>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hailong_domain::catalogue;

    #[test]
    fn a_digit_answers_only_items_that_have_it() {
        assert!(accepts(&ItemKind::Scale5 { zero: true }, 0));
        assert!(!accepts(&ItemKind::Scale5 { zero: false }, 0));
        assert!(accepts(&ItemKind::Scale5 { zero: false }, 5));
        assert!(!accepts(&ItemKind::Scale5 { zero: true }, 6));
        assert!(!accepts(&ItemKind::Faces3, 4));
        let q = catalogue::template("moh-outpatient").unwrap();
        let age = &q.item("do_tuoi").unwrap().kind;
        assert!(accepts(age, 6) && !accepts(age, 7));
        assert!(!accepts(&q.item("g1").unwrap().kind, 1), "a number is typed, not keyed");
    }

    #[test]
    fn typed_cells_become_the_values_the_api_reads() {
        let multi = ItemKind::Multi { options: vec![], max: 3 };
        assert_eq!(raw_value(&multi, "1 3,4"), serde_json::json!([1, 3, 4]));
        assert_eq!(raw_value(&multi, "1 x"), serde_json::json!("1 x"), "left as typed, for the check to refuse");
        assert_eq!(raw_value(&ItemKind::Number { min: 0, max: 200 }, "90"), serde_json::json!(90));
        assert_eq!(raw_value(&ItemKind::Text { max_len: 10, long: false }, "12"), serde_json::json!("12"));
    }

    #[test]
    fn meanings_name_the_scale_point_or_option() {
        let q = catalogue::template("moh-outpatient").unwrap();
        assert_eq!(meaning(&q, &ItemKind::Scale5 { zero: true }, "0"), "Không sử dụng");
        assert_eq!(meaning(&q, &ItemKind::Scale5 { zero: true }, "4"), q.scale_labels[3]);
        assert_eq!(meaning(&q, &q.item("gioi_tinh").unwrap().kind, "2"), "Nữ");
        assert_eq!(meaning(&q, &ItemKind::Faces3, ""), "");
    }
}
