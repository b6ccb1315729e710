//! The audit log (`GET /api/admin/audit`), newest first, read-only: pages of the API's cursor,
//! filters (campaign, person, action, dates in Việt Nam), local time, one Vietnamese sentence per
//! entry, and the recorded JSON one click away.

use super::api::use_api;
use super::text as t;
use super::widgets::{Loaded, shown, title};
use crate::api::Call;
use leptos::prelude::*;
use serde::Deserialize;

/// Entries per page.
const PAGE: u32 = 50;

#[derive(Debug, Clone, Deserialize)]
struct Page {
    entries: Vec<Entry>,
    /// The cursor of the next (older) page; absent on the last one.
    #[serde(default)]
    next: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Entry {
    at: String,
    user: String,
    action: String,
    target: String,
    #[serde(default)]
    before: Option<serde_json::Value>,
    #[serde(default)]
    after: Option<serde_json::Value>,
}

/// What the filters ask, as the API's query string (empty fields left out).
#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    campaign: String,
    user: String,
    action: String,
    from: String,
    to: String,
}

impl Filters {
    fn query(&self, cursor: Option<&str>) -> String {
        let mut query = format!("limit={PAGE}");
        let fields = [
            ("campaign", &self.campaign),
            ("user", &self.user),
            ("action", &self.action),
            ("from", &self.from),
            ("to", &self.to),
        ];
        for (name, value) in fields.into_iter().filter(|(_, v)| !v.trim().is_empty()) {
            query.push_str(&format!("&{name}={}", js_sys::encode_uri_component(value.trim())));
        }
        if let Some(cursor) = cursor {
            query.push_str(&format!("&cursor={}", js_sys::encode_uri_component(cursor)));
        }
        query
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let api = use_api();
    let call: Loaded<Page> = Call::new();
    let filters = RwSignal::new(Filters::default());
    // The cursors of the pages before the shown one (the first page has none), to go back.
    let trail = RwSignal::new(Vec::<Option<String>>::new());
    let current = RwSignal::new(None::<String>);
    let load = move |cursor: Option<String>| {
        let path = format!("/api/admin/audit?{}", filters.get_untracked().query(cursor.as_deref()));
        current.set(cursor);
        call.run(async move { api.get(&path).await });
    };
    load(None);
    let (campaign, user, action, from, to) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        filters.set(Filters {
            campaign: campaign.get_untracked(),
            user: user.get_untracked(),
            action: action.get_untracked(),
            from: from.get_untracked(),
            to: to.get_untracked(),
        });
        trail.set(Vec::new());
        load(None);
    };
    let older = move |_| {
        let next =
            call.result.with_untracked(|r| r.as_ref().and_then(|r| r.as_ref().ok()).and_then(|p| p.next.clone()));
        if next.is_some() {
            trail.update(|t| t.push(current.get_untracked()));
            load(next);
        }
    };
    let newer = move |_| {
        let mut back = None;
        trail.update(|t| back = t.pop());
        if let Some(cursor) = back {
            load(cursor);
        }
    };
    let has_older = move || call.result.with(|r| matches!(r, Some(Ok(p)) if p.next.is_some()));
    let page_no = move || trail.with(Vec::len) + 1;
    let actions =
        t::AUDIT_ACTIONS.iter().map(|(code, label)| view! { <option value=*code>{*label}</option> }).collect_view();
    let field = |id: &'static str, label: &'static str, kind: &'static str, value: RwSignal<String>| {
        view! {
            <div>
                <label for=id>{label}</label>
                <input id=id type=kind autocomplete="off" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        {title(t::AUDIT_TITLE)}
        <form class="admin-form filters" id="audit-filters" on:submit=apply>
            {field("audit-campaign", t::AUDIT_CAMPAIGN, "text", campaign)}
            {field("audit-user", t::AUDIT_USER, "text", user)}
            <div>
                <label for="audit-action">{t::AUDIT_ACTION}</label>
                <select id="audit-action" on:change=move |ev| action.set(event_target_value(&ev))>
                    <option value="">{t::AUDIT_ANY_ACTION}</option>
                    {actions}
                </select>
            </div>
            {field("audit-from", t::AUDIT_FROM, "date", from)}
            {field("audit-to", t::AUDIT_TO, "date", to)}
            <button type="submit" class="primary" id="audit-apply">{t::AUDIT_APPLY}</button>
        </form>
        {shown(call, table)}
        <nav class="row pager" aria-label=t::AUDIT_PAGES>
            <button type="button" id="audit-newer" disabled=move || trail.with(Vec::is_empty) || call.pending.get() on:click=newer>{t::AUDIT_NEWER}</button>
            <span id="audit-page" aria-live="polite">{move || t::audit_page(page_no())}</span>
            <button type="button" id="audit-older" disabled=move || !has_older() || call.pending.get() on:click=older>{t::AUDIT_OLDER}</button>
        </nav>
    }
}

fn table(page: Page) -> AnyView {
    if page.entries.is_empty() {
        return view! { <p id="audit-empty">{t::AUDIT_EMPTY}</p> }.into_any();
    }
    let rows = page
        .entries
        .into_iter()
        .map(|e| {
            let when = t::vietnam_time_of(&e.at);
            let sentence = t::audit_sentence(&e.action, &e.target, e.before.as_ref(), e.after.as_ref());
            let json = serde_json::to_string_pretty(&serde_json::json!({ "before": e.before, "after": e.after }))
                .unwrap_or_default();
            view! {
                <tr data-action=e.action.clone()>
                    <td><time datetime=e.at.clone()>{when}</time></td>
                    <td>{e.user}</td>
                    <th scope="row">{sentence}</th>
                    <td><details><summary>{t::AUDIT_JSON}</summary><pre class="json">{json}</pre></details></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data" id="audit">
                <caption>{t::AUDIT_CAPTION}</caption>
                <thead><tr>
                    <th scope="col">{t::AUDIT_AT}</th><th scope="col">{t::AUDIT_USER}</th>
                    <th scope="col">{t::AUDIT_WHAT}</th><th scope="col">{t::AUDIT_AFTER}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
