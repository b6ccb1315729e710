//! Responses flagged for review (`GET …/flags`): bursts of QR answers, identical sheets, forms
//! entered too fast; each with a link to exclude it (administrators); a page of units at a time.

use super::api::use_api;
use super::campaigns::campaign_links;
use super::pager::{PagerNav, Pages};
use super::text as t;
use super::use_session;
use super::widgets::{Loaded, shown, title};
use crate::api::Call;
use leptos::prelude::*;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
struct Flags {
    flags: Vec<Flag>,
    /// The cursor of the next page of units.
    next: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Flag {
    kind: String,
    unit: String,
    responses: Vec<String>,
}

#[component]
pub fn FlagsPage(campaign: String) -> impl IntoView {
    let api = use_api();
    let admin = use_session().is_admin();
    let call: Loaded<Flags> = Call::new();
    let pages = Pages::new();
    let load = {
        let path = format!("/api/admin/campaigns/{campaign}/flags");
        Callback::new(move |()| {
            let path = pages.path(&path);
            call.run(async move {
                let result: Result<Flags, _> = api.get(&path).await;
                pages.answered(result.as_ref().ok().and_then(|f| f.next.clone()));
                result
            })
        })
    };
    load.run(());
    let table = move |f: Flags| {
        if f.flags.is_empty() {
            return view! { <p id="no-flags">{t::NO_FLAGS}</p> }.into_any();
        }
        let rows = f
            .flags
            .into_iter()
            .map(|flag| {
                let detail = t::flag_detail(&flag.kind, flag.responses.len());
                let ids = flag
                    .responses
                    .into_iter()
                    .map(|id| {
                        let short: String = id.chars().take(8).collect();
                        if admin {
                            let href = format!("/admin/responses/{id}/exclude");
                            view! { <li><a href=href aria-label=t::exclude_label(&id)>{short}</a></li> }.into_any()
                        } else {
                            view! { <li><code>{short}</code></li> }.into_any()
                        }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{t::flag_kind(&flag.kind)}</th>
                        <td>{flag.unit}</td>
                        <td>{detail}</td>
                        <td><ul class="ids">{ids}</ul></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="data" id="flags">
                <caption>{t::FLAGS_CAPTION}</caption>
                <thead><tr>
                    <th scope="col">{t::FLAG_KIND}</th><th scope="col">{t::UNIT}</th>
                    <th scope="col">{t::FLAG_DETAIL}</th><th scope="col">{t::FLAG_RESPONSES}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        {title(t::FLAGS_TITLE)}
        {campaign_links(&campaign)}
        <p class="hint">{t::FLAGS_INTRO}</p>
        <PagerNav pages moved=load/>
        {shown(call, table)}
    }
}
