//! Pieces every console page uses: the page title that takes focus, loading and failure notes,
//! a call whose result a page renders, and the question an irreversible action asks first.

use super::api::Failure;
use super::text as t;
use crate::api::Call;
use crate::dom::focus;
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

/// An action that cannot be taken back, asked first. The button (`#{id}`) opens a panel
/// (`#{id}-ask`) saying what will happen (`children`); only its confirm button (`#{id}-yes`)
/// acts, and "Hủy" (`#{id}-no`, focused first so a stray Enter changes nothing) closes it.
#[component]
pub fn AskFirst(
    id: String,
    label: &'static str,
    /// Said to screen readers after the label (which unit, which response).
    #[prop(optional)]
    hidden: String,
    /// What the state does not allow: the button is disabled, the reason is `why_not`.
    #[prop(into)]
    disabled: Signal<bool>,
    #[prop(optional)] why_not: &'static str,
    yes: &'static str,
    #[prop(into)] on_yes: Callback<()>,
    children: ChildrenFn,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let (panel, yes_id, no_id, text_id) =
        (format!("{id}-ask"), format!("{id}-yes"), format!("{id}-no"), format!("{id}-what"));
    let show = {
        let no_id = no_id.clone();
        move |_| {
            open.set(true);
            let no_id = no_id.clone();
            request_animation_frame(move || focus(&no_id));
        }
    };
    let back = {
        let id = id.clone();
        move || {
            open.set(false);
            let id = id.clone();
            request_animation_frame(move || focus(&id));
        }
    };
    let cancel = back.clone();
    let confirm = move |_| {
        back();
        on_yes.run(());
    };
    let why_id = format!("{id}-why");
    let described = move || disabled.get().then(|| why_id.clone());
    let why = {
        let why_id = format!("{id}-why");
        move || {
            (disabled.get() && !why_not.is_empty())
                .then(|| view! { <span class="hint" id=why_id.clone()>{why_not}</span> })
        }
    };
    view! {
        <button type="button" class="small" id=id.clone() disabled=move || disabled.get() aria-describedby=described
            aria-expanded=move || open.get().to_string() aria-controls=panel.clone() on:click=show>
            {label}{(!hidden.is_empty()).then(|| view! { <span class="visually-hidden">{format!(" {hidden}")}</span> })}
        </button>
        {why}
        <Show when=move || open.get()>
            <div class="ask" role="alertdialog" id=panel.clone() aria-labelledby=text_id.clone()>
                <div id=text_id.clone()>{children()}</div>
                <p class="row">
                    <button type="button" class="primary danger" id=yes_id.clone() on:click=confirm.clone()>{yes}</button>
                    <button type="button" id=no_id.clone() on:click={ let cancel = cancel.clone(); move |_| cancel() }>{t::CANCEL}</button>
                </p>
            </div>
        </Show>
    }
}

/// A whole number typed in a field, or `None` when blank or not a number.
pub fn number<N: std::str::FromStr>(text: &str) -> Option<N> {
    text.trim().parse().ok()
}
