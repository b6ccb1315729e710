//! Pieces every console page uses: the page title that takes focus, loading and failure notes,
//! and a call whose result a page renders.

use super::api::Failure;
use super::text as t;
use crate::api::Call;
use leptos::prelude::*;

/// The page's `<h1>`, focused after navigation so screen readers announce the new page.
pub fn title(text: impl IntoView + 'static) -> impl IntoView {
    view! { <h1 id="page-title" tabindex="-1">{text}</h1> }
}

pub fn failure_note(failure: &Failure) -> impl IntoView + use<> {
    view! { <div class="error" role="alert"><p>{failure.message()}</p></div> }
}

pub fn done_note(message: String) -> impl IntoView {
    view! { <div class="ok" role="status"><p>{message}</p></div> }
}

pub fn loading() -> impl IntoView {
    view! { <p class="status" role="status">{t::LOADING}</p> }
}

pub type Loaded<T> = Call<Result<T, Failure>>;

/// Renders a call: "loading" until it ends, then its value through `ok`, or the failure.
pub fn shown<T, V>(call: Loaded<T>, ok: impl Fn(T) -> V + Send + Sync + 'static) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match call.result.get() {
        None => loading().into_any(),
        Some(Ok(value)) => ok(value).into_any(),
        Some(Err(failure)) => failure_note(&failure).into_any(),
    }
}

/// The outcome of an action (a button's call): nothing yet, a success message, or the failure.
pub fn outcome<T>(call: Loaded<T>, ok: impl Fn(&T) -> String + Send + Sync + 'static) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    move || {
        call.result.with(|r| match r {
            None => ().into_any(),
            Some(Ok(value)) => done_note(ok(value)).into_any(),
            Some(Err(failure)) => failure_note(failure).into_any(),
        })
    }
}

/// A whole number typed in a field, or `None` when blank or not a number.
pub fn number<N: std::str::FromStr>(text: &str) -> Option<N> {
    text.trim().parse().ok()
}
