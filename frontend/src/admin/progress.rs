//! A campaign's live progress (`GET …/progress`, refreshed every 30 s): counted responses against
//! quota per unit and channel, units behind schedule, response rates, and the alerts first, a
//! page of units at a time.

use super::api::{Api, use_api};
use super::pager::{PagerNav, Pages};
use super::text as t;
use super::widgets::{Loaded, failure_note, number, shown};
use crate::api::Call;
use hailong_domain::Channel;
use leptos::prelude::*;

pub use hailong_domain::api::{Progress, UnitProgress};

/// A campaign's progress a page of units at a time, for the pages that show it beside their own
/// work (re-verification, posters): what the page read, and the pager that moves through it.
#[derive(Clone)]
pub struct PagedProgress {
    pub call: Loaded<Progress>,
    pages: Pages,
    api: Api,
    campaign: String,
}

impl PagedProgress {
    pub fn load(api: Api, campaign: &str) -> PagedProgress {
        let paged = PagedProgress { call: Call::new(), pages: Pages::new(), api, campaign: campaign.to_owned() };
        paged.reload();
        paged
    }

    /// Reads the page the reader is on again (after a change that moves its figures).
    pub fn reload(&self) {
        refresh(self.api, self.call, self.campaign.clone(), self.pages);
    }

    pub fn nav(&self) -> impl IntoView + use<> {
        let this = self.clone();
        view! { <PagerNav pages=self.pages moved=Callback::new(move |()| this.reload())/> }
    }
}

fn refresh(api: Api, call: Loaded<Progress>, campaign: String, pages: Pages) {
    let path = pages.path(&format!("/api/admin/campaigns/{campaign}/progress"));
    // Keeps the table on screen while a refresh runs, instead of flashing "loading".
    call.pending.set(true);
    leptos::task::spawn_local(async move {
        let result: Result<Progress, _> = api.get(&path).await;
        pages.answered(result.as_ref().ok().and_then(|p| p.next.clone()));
        call.result.set(Some(result));
        call.pending.set(false);
    });
}

/// `quotas`: whether the caller may change each unit's quota here (administrators, before the
/// campaign closes).
#[component]
pub fn LiveProgress(campaign: String, quotas: bool) -> impl IntoView {
    let api = use_api();
    let pages = Pages::new();
    let call = Call::new();
    let again = {
        let campaign = campaign.clone();
        move || refresh(api, call, campaign.clone(), pages)
    };
    again();
    let timer = {
        let again = again.clone();
        // Not while someone types a quota: the refreshed table would replace the field.
        let typing = || document().active_element().is_some_and(|e| e.closest("form.quota").ok().flatten().is_some());
        set_interval_with_handle(
            move || {
                if !typing() {
                    again()
                }
            },
            std::time::Duration::from_secs(30),
        )
        .ok()
    };
    let editable = quotas.then(|| {
        let again = again.clone();
        (campaign.clone(), Callback::new(move |()| again()))
    });
    let moved = {
        let again = again.clone();
        Callback::new(move |()| again())
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
            <PagerNav pages moved/>
            {shown(call, move |p| progress_view(p, editable.clone()))}
        </section>
    }
}

/// `editable`: the campaign whose quotas the caller changes, and what to do once one changed.
fn progress_view(p: Progress, editable: Option<(String, Callback<()>)>) -> impl IntoView {
    let alerts: Vec<_> = p.units.iter().filter_map(|u| u.alert.as_ref().map(|a| (u.label(), t::alert(a)))).collect();
    let behind = p.units.iter().filter(|u| u.behind).count();
    let counted: usize = p.units.iter().map(|u| u.counted).sum();
    let quota: u32 = p.units.iter().map(|u| u.quota).sum();
    let alerts = (!alerts.is_empty()).then(|| {
        let items =
            alerts.into_iter().map(|(unit, text)| view! { <li><strong>{unit}</strong>": "{text}</li> }).collect_view();
        view! {
            <div class="alerts" id="alerts" role="alert">
                <h3>{t::ALERTS_TITLE}</h3>
                <ul>{items}</ul>
            </div>
        }
    });
    let rows = p.units.into_iter().map(|u| unit_row(u, editable.clone())).collect_view();
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

fn unit_row(u: UnitProgress, editable: Option<(String, Callback<()>)>) -> impl IntoView {
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
    let quota = match editable {
        Some((campaign, saved)) => {
            view! { <QuotaCell campaign unit=u.code.clone() label=u.label() quota=u.quota saved/> }.into_any()
        }
        None => u.quota.into_any(),
    };
    view! {
        <tr class=class data-unit=u.code.clone()>
            <th scope="row">{u.label()}<span class="code">{u.code.clone()}</span></th>
            <td class="num">{quota}</td>
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

/// One unit's quota, changed in place (`PUT …/units/{u}/quota`) where the plan's default for its
/// kind does not fit the unit.
#[component]
fn QuotaCell(campaign: String, unit: String, label: String, quota: u32, saved: Callback<()>) -> impl IntoView {
    let api = use_api();
    let value = RwSignal::new(quota.to_string());
    let problem = RwSignal::new(false);
    let call: Loaded<serde_json::Value> = Call::new();
    let id = format!("quota-{unit}");
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(n) = number::<u32>(&value.get_untracked()).filter(|n| *n > 0) else { return problem.set(true) };
        problem.set(false);
        let path = format!("/api/admin/campaigns/{campaign}/units/{unit}/quota");
        call.run(async move {
            let result = api.put(&path, &serde_json::json!({ "quota": n })).await;
            if result.is_ok() {
                saved.run(());
            }
            result
        });
    };
    view! {
        <form class="quota" on:submit=save>
            <label class="visually-hidden" for=id.clone()>{t::quota_of(&label)}</label>
            <input id=id type="text" inputmode="numeric" size="4" aria-invalid=move || problem.get().then_some("true")
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            <button type="submit" disabled=move || call.pending.get()>{t::SAVE}</button>
            {move || problem.get().then(|| view! { <span class="problem" role="alert">{t::QUOTA_NOT_A_NUMBER}</span> })}
            {move || call.result.with(|r| r.as_ref().and_then(|r| r.as_ref().err()).map(failure_note))}
        </form>
    }
}
