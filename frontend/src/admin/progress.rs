//! A campaign's live progress (`GET …/progress`, refreshed every 30 s): counted responses against
//! quota per unit and channel, units behind schedule, response rates, and the alerts first.

use super::api::{Api, use_api};
use super::text as t;
use super::widgets::{Loaded, shown};
use crate::api::Call;
use hailong_domain::Channel;
use leptos::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize)]
pub struct ProgressView {
    pub expected_share: f64,
    pub units: Vec<UnitProgress>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct UnitProgress {
    pub code: String,
    pub name: Option<String>,
    pub quota: u32,
    pub counted: usize,
    pub excluded: usize,
    pub by_channel: BTreeMap<Channel, usize>,
    pub pct_of_quota: f64,
    pub behind: bool,
    pub volume: Option<u32>,
    pub response_rate: Option<f64>,
    pub verification: BTreeMap<String, usize>,
    pub alert: Option<String>,
    /// Per poster version: scans, starts, completions.
    pub posters: BTreeMap<u32, BTreeMap<String, i64>>,
}

impl UnitProgress {
    pub fn label(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.code.clone())
    }

    pub fn verified(&self, key: &str) -> usize {
        self.verification.get(key).copied().unwrap_or(0)
    }
}

pub fn load_progress(api: Api, campaign: &str) -> Loaded<ProgressView> {
    let call = Call::new();
    refresh(api, call, campaign.to_owned());
    call
}

fn refresh(api: Api, call: Loaded<ProgressView>, campaign: String) {
    let path = format!("/api/admin/campaigns/{campaign}/progress");
    // Keeps the table on screen while a refresh runs, instead of flashing "loading".
    call.pending.set(true);
    leptos::task::spawn_local(async move {
        let result = api.get(&path).await;
        call.result.set(Some(result));
        call.pending.set(false);
    });
}

#[component]
pub fn Progress(campaign: String) -> impl IntoView {
    let api = use_api();
    let call = load_progress(api, &campaign);
    let again = {
        let campaign = campaign.clone();
        move || refresh(api, call, campaign.clone())
    };
    let timer = {
        let again = again.clone();
        set_interval_with_handle(again, std::time::Duration::from_secs(30)).ok()
    };
    on_cleanup(move || {
        if let Some(timer) = timer {
            timer.clear();
        }
    });
    view! {
        <section aria-labelledby="progress-title">
            <h2 id="progress-title">{t::PROGRESS_TITLE}</h2>
            <p><button type="button" id="refresh" on:click=move |_| again() disabled=move || call.pending.get()>{t::REFRESH}</button></p>
            {shown(call, progress_view)}
        </section>
    }
}

fn progress_view(p: ProgressView) -> impl IntoView {
    let alerts: Vec<_> = p.units.iter().filter_map(|u| u.alert.as_ref().map(|a| (u.label(), t::alert(a)))).collect();
    let behind = p.units.iter().filter(|u| u.behind).count();
    let counted: usize = p.units.iter().map(|u| u.counted).sum();
    let quota: u32 = p.units.iter().map(|u| u.quota).sum();
    let alerts = (!alerts.is_empty()).then(|| {
        let items = alerts.into_iter().map(|(unit, text)| view! { <li><strong>{unit}</strong>": "{text}</li> }).collect_view();
        view! {
            <div class="alerts" id="alerts" role="alert">
                <h3>{t::ALERTS_TITLE}</h3>
                <ul>{items}</ul>
            </div>
        }
    });
    let rows = p.units.into_iter().map(unit_row).collect_view();
    view! {
        {alerts}
        <p id="progress-summary">{t::progress_summary(counted, quota, p.expected_share * 100.0, behind)}</p>
        <div class="table-scroll">
            <table class="data" id="progress">
                <caption>{t::PROGRESS_CAPTION}</caption>
                <thead><tr>
                    <th scope="col">{t::UNIT}</th>
                    <th scope="col">{t::QUOTA}</th>
                    <th scope="col">{t::COUNTED}</th>
                    <th scope="col">{t::PCT_OF_QUOTA}</th>
                    <th scope="col">{t::channel(Channel::Qr)}</th>
                    <th scope="col">{t::channel(Channel::Paper)}</th>
                    <th scope="col">{t::channel(Channel::Phone)}</th>
                    <th scope="col">{t::channel(Channel::Interviewer)}</th>
                    <th scope="col">{t::EXCLUDED}</th>
                    <th scope="col">{t::RESPONSE_RATE}</th>
                    <th scope="col">{t::SCHEDULE}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn unit_row(u: UnitProgress) -> impl IntoView {
    let channel = |c| u.by_channel.get(&c).copied().unwrap_or(0);
    let rate = match (u.response_rate, u.volume) {
        (Some(rate), Some(volume)) => format!("{} ({}/{volume})", t::pct(rate), u.counted),
        _ => t::UNKNOWN.to_owned(),
    };
    let class = match (u.alert.is_some(), u.behind) {
        (true, _) => "alerted",
        (false, true) => "behind",
        _ => "",
    };
    let schedule = if u.behind { t::BEHIND } else { t::ON_TRACK };
    view! {
        <tr class=class data-unit=u.code.clone()>
            <th scope="row">{u.label()}<span class="code">{u.code.clone()}</span></th>
            <td class="num">{u.quota}</td>
            <td class="num">{u.counted}</td>
            <td class="num">
                <meter min="0" max="100" value=u.pct_of_quota.min(100.0) aria-hidden="true"></meter>
                " "{t::pct(u.pct_of_quota)}
            </td>
            <td class="num">{channel(Channel::Qr)}</td>
            <td class="num">{channel(Channel::Paper)}</td>
            <td class="num">{channel(Channel::Phone)}</td>
            <td class="num">{channel(Channel::Interviewer)}</td>
            <td class="num">{u.excluded}</td>
            <td class="num">{rate}</td>
            <td>{schedule}</td>
        </tr>
    }
}
