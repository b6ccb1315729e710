//! The quick counter rating: three faces, 1 Không hài lòng · 2 Hài lòng · 3 Rất hài lòng.

use super::radios::radios;
use super::sheet::Answer;
use crate::i18n::use_i18n;
use leptos::prelude::*;

const FACES: [&str; 3] = ["☹️", "🙂", "😄"];

#[component]
pub fn Faces3Item(name: String, answer: Answer) -> impl IntoView {
    let i18n = use_i18n();
    let options = (0..3)
        .map(|i| {
            // The word carries the meaning; the face is decoration for screen readers.
            let label = view! {
                <span class="face" aria-hidden="true">{FACES[i]}</span>
                <span class="word">{move || i18n.t().faces[i]}</span>
            };
            (i as i64 + 1, label)
        })
        .collect();
    radios(name, answer, "opts faces", options)
}
