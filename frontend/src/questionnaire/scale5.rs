//! A 5-point statement: 1 to 5, each with a face and its word, and 0 ("Không sử dụng") where
//! allowed. The faces help those who read with difficulty; the words carry the meaning.

use super::radios::radios;
use super::sheet::Answer;
use crate::i18n::VI;
use leptos::prelude::*;

/// From "very dissatisfied" (1) to "very satisfied" (5).
const FACES: [&str; 5] = ["😠", "🙁", "😐", "🙂", "😄"];

/// The questionnaire's words for the scale points.
#[derive(Clone)]
pub struct ScaleWords {
    pub points: [String; 5],
    pub zero: Option<String>,
}

#[component]
pub fn Scale5Item(name: String, answer: Answer, zero: bool, words: ScaleWords) -> impl IntoView {
    let ScaleWords { points, zero: zero_word } = words;
    let mut options: Vec<(i64, String)> = (1..).zip(points).collect();
    if zero {
        // Like the other scale words this is the template's language, whatever the switch says.
        options.push((0, zero_word.unwrap_or_else(|| VI.not_used.into())));
    }
    let options = options
        .into_iter()
        .map(|(n, word)| {
            let face = usize::try_from(n - 1).ok().and_then(|i| FACES.get(i)).copied().unwrap_or("");
            let label = view! {
                <span class="mark">{n}</span>
                <span class="face" aria-hidden="true">{face}</span>
                <span class="word" lang="vi">{word}</span>
            };
            (n, label)
        })
        .collect();
    radios(name, answer, "opts scale", options)
}
