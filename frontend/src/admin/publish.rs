//! Results: preview of the figures as they would be published, and publishing
//! (`POST …/publish`, with a public reason for a second version). Publishing is for
//! administrators; everyone may preview the units they see.

use super::api::use_api;
use super::campaigns::campaign_links;
use super::text as t;
use super::use_session;
use super::widgets::{Loaded, failure_note, shown, title};
use crate::api::Call;
use hailong_domain::Snapshot;
use leptos::prelude::*;

#[component]
pub fn PublishPage(campaign: String) -> impl IntoView {
    let api = use_api();
    let preview: Loaded<Snapshot> = Call::new();
    let path = format!("/api/admin/campaigns/{campaign}/preview");
    preview.run(async move { api.get(&path).await });
    view! {
        {title(t::PUBLISH_TITLE)}
        {campaign_links(&campaign)}
        {use_session().is_admin().then(|| view! { <Publish campaign=campaign.clone()/> })}
        <h2>{t::PREVIEW_TITLE}</h2>
        {shown(preview, figures)}
    }
}

#[component]
fn Publish(campaign: String) -> impl IntoView {
    let api = use_api();
    let reason = RwSignal::new(String::new());
    let call: Loaded<Snapshot> = Call::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let r = reason.get_untracked().trim().to_owned();
        let body = if r.is_empty() { serde_json::json!({}) } else { serde_json::json!({ "reason": r }) };
        let path = format!("/api/admin/campaigns/{campaign}/publish");
        call.run(async move { api.post(&path, &body).await });
    };
    let result = move || {
        call.result.with(|r| match r {
            None => ().into_any(),
            Some(Ok(s)) => {
                view! { <div class="ok" role="status"><p>{t::published(s.version, &s.digest)}</p></div> }.into_any()
            }
            Some(Err(f)) if f.code() == Some("reason_required") => {
                view! { <div class="error" role="alert"><p>{t::REASON_REQUIRED}</p></div> }.into_any()
            }
            Some(Err(f)) => failure_note(f).into_any(),
        })
    };
    view! {
        <form class="admin-form" on:submit=submit>
            <label for="publish-reason">{t::PUBLISH_REASON}</label>
            <textarea id="publish-reason" rows="2" aria-describedby="publish-hint" on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
            <p class="hint" id="publish-hint">{t::PUBLISH_HINT}</p>
            <button type="submit" class="primary" id="publish" disabled=move || call.pending.get()>{t::PUBLISH}</button>
        </form>
        {result}
    }
}

fn figures(s: Snapshot) -> impl IntoView {
    let maybe = |x: Option<f64>| x.map(t::pct).unwrap_or_else(|| t::UNKNOWN.to_owned());
    let rows = s
        .units
        .into_iter()
        .map(|u| {
            let f = &u.figures;
            let ci =
                f.ci95.map(|[a, b]| format!("{} – {}", t::pct(a), t::pct(b))).unwrap_or_else(|| t::UNKNOWN.to_owned());
            let met = match (f.suppressed, f.target_met) {
                (true, _) => t::SUPPRESSED,
                (false, Some(true)) => t::TARGET_MET,
                (false, Some(false)) => t::TARGET_MISSED,
                (false, None) => t::UNKNOWN,
            };
            view! {
                <tr>
                    <th scope="row">{u.name.clone()}</th>
                    <td class="num">{f.n}</td>
                    <td class="num">{maybe(f.index)}</td>
                    <td class="num">{ci}</td>
                    <td class="num">{maybe(f.pooled_pct)}</td>
                    <td>{met}</td>
                    <td class="num">{u.rank.map(|r| r.to_string()).unwrap_or_else(|| t::UNKNOWN.to_owned())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data" id="preview">
                <caption>{t::PREVIEW_CAPTION}</caption>
                <thead><tr>
                    <th scope="col">{t::UNIT}</th><th scope="col">{t::COUNTED}</th><th scope="col">{t::INDEX}</th>
                    <th scope="col">{t::CI95}</th><th scope="col">{t::POOLED}</th><th scope="col">{t::TARGET}</th><th scope="col">{t::RANK}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
