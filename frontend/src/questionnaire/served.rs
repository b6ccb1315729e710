//! A questionnaire the server rendered (`html::form_page`), found by the app when it starts: the
//! form it embeds (sparing `GET /api/forms/…`) and whatever the respondent answered before the
//! bundle had loaded, read from the page's inputs as the server would read them posted.

use super::draft::{Draft, DraftSlot};
use crate::html::{FORM_DATA_ID, FORM_ID, Filled};
use hailong_domain::api::FormView;
use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};

pub struct Served {
    pub form: FormView,
    pub filled: Filled,
}

impl Served {
    /// The served form on this page, if it is one; read before the app replaces the page.
    pub fn read() -> Option<Served> {
        let doc = document();
        let form: FormView = serde_json::from_str(&doc.get_element_by_id(FORM_DATA_ID)?.text_content()?).ok()?;
        let fields = doc.get_element_by_id(FORM_ID)?.query_selector_all("[name]").ok()?;
        let mut pairs = Vec::new();
        for node in (0..fields.length()).filter_map(|i| fields.item(i)) {
            if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
                let kind = input.type_();
                if !matches!(kind.as_str(), "radio" | "checkbox") || input.checked() {
                    pairs.push((input.name(), input.value()));
                }
            } else if let Some(area) = node.dyn_ref::<HtmlTextAreaElement>() {
                pairs.push((area.name(), area.value()));
            }
        }
        let filled = Filled::from_pairs(&form.questionnaire, pairs);
        Some(Served { form, filled })
    }

    /// Puts the answers given on the served page into the device's draft, over an older draft's
    /// (whose response id and place in the form are kept: the draft is the same filled form).
    pub fn keep_answers(&self, slot: &DraftSlot) {
        let reference = self.form.questionnaire.reference();
        let earlier = slot.load(&reference);
        let given = &self.filled;
        if given.answers.is_empty() && given.comment.trim().is_empty() {
            return;
        }
        let Some(id) = earlier.as_ref().map(|d| d.id).or(given.id) else { return };
        let mut answers = earlier.as_ref().map(|d| d.answers.clone()).unwrap_or_default();
        answers.extend(given.answers.iter().map(|(k, v)| (k.clone(), v.clone())));
        let comment = match &earlier {
            Some(d) if given.comment.trim().is_empty() => d.comment.clone(),
            _ => given.comment.clone(),
        };
        slot.save(&Draft {
            id,
            questionnaire: reference,
            answers,
            comment,
            section: earlier.as_ref().map_or(0, |d| d.section),
            started: earlier.is_some_and(|d| d.started),
        });
    }
}
