//! The audit log (`GET /api/admin/audit`), newest first, read-only.

use super::api::use_api;
use super::text as t;
use super::widgets::{Loaded, shown, title};
use crate::api::Call;
use leptos::prelude::*;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
struct Entry {
    at: String,
    user: String,
    action: String,
    target: String,
    #[serde(default)]
    after: Option<serde_json::Value>,
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let api = use_api();
    let call: Loaded<Vec<Entry>> = Call::new();
    call.run(async move { api.get("/api/admin/audit").await });
    let table = |entries: Vec<Entry>| {
        let rows = entries
            .into_iter()
            .map(|e| {
                let after = e.after.map(|v| v.to_string()).unwrap_or_default();
                let after: String =
                    if after.chars().count() > 160 { after.chars().take(160).chain(['…']).collect() } else { after };
                view! {
                    <tr>
                        <td>{e.at}</td><td>{e.user}</td><th scope="row">{e.action}</th><td>{e.target}</td>
                        <td><code class="json">{after}</code></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="data" id="audit">
                    <caption>{t::AUDIT_CAPTION}</caption>
                    <thead><tr>
                        <th scope="col">{t::AUDIT_AT}</th><th scope="col">{t::AUDIT_USER}</th><th scope="col">{t::AUDIT_ACTION}</th>
                        <th scope="col">{t::AUDIT_TARGET}</th><th scope="col">{t::AUDIT_AFTER}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    };
    view! {
        {title(t::AUDIT_TITLE)}
        {shown(call, table)}
    }
}
