//! Campaigns: the list, and one campaign's page with its lifecycle (draft → open → closed), its
//! progress, its exports and the links to everything done within it.

use super::api::{Api, use_api};
use super::exports::Exports;
use super::progress::LiveProgress;
use super::text as t;
use super::use_session;
use super::widgets::{Loaded, failure_note, shown, title};
use crate::api::Call;
use hailong_domain::{Campaign, CampaignStatus};
use leptos::prelude::*;
use serde::Deserialize;

/// `GET /api/admin/campaigns/{c}`: the campaign and its units with their names.
#[derive(Debug, Clone, Deserialize)]
pub struct CampaignDetail {
    pub campaign: Campaign,
    pub units: Vec<MemberUnit>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MemberUnit {
    pub code: String,
    pub name: Option<String>,
}

impl MemberUnit {
    pub fn label(&self) -> String {
        match &self.name {
            Some(name) => format!("{name} ({})", self.code),
            None => self.code.clone(),
        }
    }
}

pub fn load_campaign(api: Api, id: &str) -> Loaded<CampaignDetail> {
    let call = Call::new();
    let path = format!("/api/admin/campaigns/{id}");
    call.run(async move { api.get(&path).await });
    call
}

pub fn load_campaigns(api: Api) -> Loaded<Vec<Campaign>> {
    let call = Call::new();
    call.run(async move { api.get("/api/admin/campaigns").await });
    call
}

#[component]
pub fn CampaignList() -> impl IntoView {
    let session = use_session();
    let campaigns = load_campaigns(use_api());
    let rows = move |list: Vec<Campaign>| {
        if list.is_empty() {
            return view! { <p>{t::NO_CAMPAIGNS}</p> }.into_any();
        }
        let rows = list
            .into_iter()
            .map(|c| {
                let href = format!("/admin/campaigns/{}", c.id);
                view! {
                    <tr>
                        <th scope="row"><a href=href>{c.title.clone()}</a></th>
                        <td>{c.id.to_string()}</td>
                        <td>{t::status(c.status)}</td>
                        <td>{t::date(c.opens)}" – "{t::date(c.closes)}</td>
                        <td class="num">{c.units.len()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="data" id="campaigns">
                <caption>{t::CAMPAIGNS_CAPTION}</caption>
                <thead><tr>
                    <th scope="col">{t::TITLE}</th><th scope="col">{t::CODE}</th><th scope="col">{t::STATUS}</th>
                    <th scope="col">{t::PERIOD}</th><th scope="col">{t::UNITS_COUNT}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        {title(t::CAMPAIGNS_TITLE)}
        {session.is_admin().then(|| view! { <p><a class="button" href="/admin/campaigns/new" id="new-campaign">{t::NEW_CAMPAIGN}</a></p> })}
        {shown(campaigns, rows)}
    }
}

/// Links to the pages of one campaign, shown on each of them.
pub fn campaign_links(id: &str) -> impl IntoView + use<> {
    let session = use_session();
    let base = format!("/admin/campaigns/{id}");
    let mut links = vec![(base.clone(), t::PROGRESS_TITLE)];
    if session.enters_data() {
        links.push((format!("/admin/entry/{id}"), t::NAV_ENTRY));
    }
    links.push((format!("{base}/verification"), t::VERIFICATION_TITLE));
    links.push((format!("{base}/flags"), t::FLAGS_TITLE));
    links.push((format!("{base}/posters"), t::POSTERS_TITLE));
    if session.enters_data() {
        links.push((format!("{base}/sampling"), t::SAMPLING_TITLE));
    }
    links.push((format!("{base}/publish"), t::PUBLISH_TITLE));
    let here = leptos::prelude::window().location().pathname().unwrap_or_default();
    let items = links
        .into_iter()
        .map(|(href, label)| {
            let current = (href == here).then_some("page");
            view! { <li><a href=href aria-current=current>{label}</a></li> }
        })
        .collect_view();
    view! { <nav class="campaign-nav" aria-label=t::CAMPAIGN_NAV><ul>{items}</ul></nav> }
}

#[component]
pub fn CampaignPage(id: String) -> impl IntoView {
    let api = use_api();
    let detail = load_campaign(api, &id);
    let page = {
        let id = id.clone();
        move |d: CampaignDetail| {
            let c = d.campaign;
            view! {
                {title(c.title.clone())}
                {campaign_links(&id)}
                <dl class="facts">
                    <dt>{t::CODE}</dt><dd>{c.id.to_string()}</dd>
                    <dt>{t::STATUS}</dt><dd id="campaign-status">{t::status(c.status)}</dd>
                    <dt>{t::PERIOD}</dt><dd>{t::date(c.opens)}" – "{t::date(c.closes)}</dd>
                    <dt>{t::TARGET}</dt><dd>{t::target(c.target())}</dd>
                    <dt>{t::MIN_RESPONSES}</dt><dd>{c.min_responses}</dd>
                </dl>
                <Lifecycle id=id.clone() status=c.status reload=detail/>
                <LiveProgress campaign=id.clone() quotas=use_session().is_admin() && c.status != CampaignStatus::Closed/>
                <Exports campaign=id.clone() units=d.units/>
            }
        }
    };
    shown(detail, page)
}

/// Opening and closing a campaign: administrators only; others see the status alone.
#[component]
fn Lifecycle(id: String, status: CampaignStatus, reload: Loaded<CampaignDetail>) -> impl IntoView {
    let api = use_api();
    if !use_session().is_admin() {
        return ().into_any();
    }
    let (action, label) = match status {
        CampaignStatus::Draft => ("open", t::OPEN_CAMPAIGN),
        CampaignStatus::Open => ("close", t::CLOSE_CAMPAIGN),
        CampaignStatus::Closed => return view! { <p class="hint">{t::CAMPAIGN_CLOSED_NOTE}</p> }.into_any(),
    };
    let call: Loaded<Campaign> = Call::new();
    let run = move |_| {
        if action == "close" && !window().confirm_with_message(t::CONFIRM_CLOSE).unwrap_or(false) {
            return;
        }
        let path = format!("/api/admin/campaigns/{id}/{action}");
        let id = id.clone();
        call.run(async move {
            let result = api.post(&path, &serde_json::json!({})).await;
            if result.is_ok() {
                reload.run(async move { api.get(&format!("/api/admin/campaigns/{id}")).await });
            }
            result
        });
    };
    view! {
        <p><button type="button" class="primary" id="lifecycle" on:click=run disabled=move || call.pending.get()>{label}</button></p>
        {move || call.result.with(|r| r.as_ref().and_then(|r| r.as_ref().err()).map(failure_note))}
    }
    .into_any()
}
