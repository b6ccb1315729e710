//! An answer kept on the device until the connection returns, said as reassurance rather than
//! as an error; "Gửi ngay" tries at once and says what came of it.

use super::outbox::use_outbox;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn QueuedNote(#[prop(into)] message: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let tried = RwSignal::new(false);
    let sending = move || outbox.sending();
    let send_now = move |_| {
        tried.set(true);
        outbox.flush();
    };
    view! {
        <div id="queued" class="notice queued" role="status">
            <p><strong>{i18n.text(|t| t.queued_title)}</strong></p>
            <p>{message}</p>
            <button id="send-now" type="button" class="primary" disabled=sending on:click=send_now>
                {move || if sending() { i18n.t().sending_now } else { i18n.t().send_now }}
            </button>
            <p id="send-now-outcome" aria-live="polite">
                {move || (tried.get() && !sending()).then(|| i18n.t().still_offline)}
            </p>
        </div>
    }
}
