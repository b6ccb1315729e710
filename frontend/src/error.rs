//! The page-level message: one place, `#error`, announced to screen readers as it appears.

use crate::i18n::{Texts, use_i18n};
use leptos::prelude::*;

/// A `#retry` button, for failures that trying again can cure.
pub struct Retry {
    label: fn(&Texts) -> &'static str,
    run: Callback<()>,
}

impl Retry {
    pub fn new(label: fn(&Texts) -> &'static str, run: impl Fn() + Send + Sync + 'static) -> Retry {
        Retry { label, run: Callback::new(move |()| run()) }
    }
}

pub fn error_note(message: Signal<String>, retry: Option<Retry>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div id="error" class="error" role="alert">
            <p>{message}</p>
            {retry.map(|Retry { label, run }| view! {
                <button id="retry" type="button" class="primary" on:click=move |_| run.run(())>
                    {i18n.text(label)}
                </button>
            })}
        </div>
    }
}
