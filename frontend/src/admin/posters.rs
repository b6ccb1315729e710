//! QR posters: each unit's poster (PDF, A4 or A5) to open or save, all posters in one PDF to print,
//! revoking a unit's poster (administrators), and scans, starts and completions per poster.

use super::api::{Api, open, save, use_api};
use super::campaigns::campaign_links;
use super::progress::{Progress, UnitProgress, load_progress};
use super::session::Role;
use super::text as t;
use super::use_session;
use super::widgets::{AskFirst, Loaded, failure_note, outcome, shown, title};
use crate::api::Call;
use hailong_domain::CampaignStatus;
use leptos::prelude::*;

#[component]
pub fn PostersPage(campaign: String) -> impl IntoView {
    let api = use_api();
    let progress = load_progress(api, &campaign);
    let call: Loaded<()> = Call::new();
    let campaign_for_all = campaign.clone();
    let all = move |size: &'static str| {
        let campaign = campaign_for_all.clone();
        move |_| {
            let path = format!("/api/admin/campaigns/{campaign}/posters?size={size}");
            let name = format!("{campaign}-posters-{size}.pdf");
            call.run(async move {
                save(&api.blob(&path).await?, &name);
                Ok(())
            });
        }
    };
    let table = {
        let campaign = campaign.clone();
        move |p: Progress| poster_table(api, campaign.clone(), p)
    };
    view! {
        {title(t::POSTERS_TITLE)}
        {campaign_links(&campaign)}
        <p class="hint">{t::POSTERS_INTRO}</p>
        {(use_session().role != Role::Staff).then(|| view! {
            <p>
                <button type="button" id="all-posters" on:click=all("a4")>{t::ALL_POSTERS_A4}</button>" "
                <button type="button" id="all-posters-a5" on:click=all("a5")>{t::ALL_POSTERS_A5}</button>
            </p>
        })}
        {outcome(call, |_| t::DOWNLOADED.to_owned())}
        {shown(progress, table)}
    }
}

fn poster_table(api: Api, campaign: String, p: Progress) -> impl IntoView {
    let closed = p.status == CampaignStatus::Closed;
    let rows =
        p.units.into_iter().map(|u| view! { <PosterRow api campaign=campaign.clone() unit=u closed/> }).collect_view();
    view! {
        <div class="table-scroll">
            <table class="data" id="posters">
                <caption>{t::POSTERS_CAPTION}</caption>
                <thead><tr>
                    <th scope="col">{t::UNIT}</th><th scope="col">{t::POSTER_STATS}</th><th scope="col">{t::ACTIONS}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn PosterRow(api: Api, campaign: String, unit: UnitProgress, closed: bool) -> impl IntoView {
    let admin = use_session().is_admin();
    let file: Loaded<()> = Call::new();
    let revoked: Loaded<serde_json::Value> = Call::new();
    let path = format!("/api/admin/campaigns/{campaign}/units/{}/poster", unit.code);
    let name = format!("{campaign}-{}", unit.code);
    let fetch = move |download: bool, size: &'static str| {
        let (path, name) = (format!("{path}?size={size}"), format!("{name}-{size}.pdf"));
        move |_| {
            let (path, name) = (path.clone(), name.clone());
            file.run(async move {
                let blob = api.blob(&path).await?;
                if download {
                    save(&blob, &name)
                } else {
                    open(&blob)
                }
                Ok(())
            });
        }
    };
    let revoke = {
        let path = format!("/api/admin/campaigns/{campaign}/units/{}/poster/revoke", unit.code);
        move || {
            let path = path.clone();
            revoked.run(async move { api.post(&path, &serde_json::json!({})).await });
        }
    };
    let stats = if unit.posters.is_empty() {
        t::NO_SCANS.to_owned()
    } else {
        let count = |m: &std::collections::BTreeMap<String, i64>, k: &str| m.get(k).copied().unwrap_or(0);
        unit.posters
            .iter()
            .map(|(v, m)| t::poster_stats(*v, count(m, "scans"), count(m, "starts"), count(m, "completions")))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let label = unit.label();
    view! {
        <tr data-unit=unit.code.clone()>
            <th scope="row">{label.clone()}</th>
            <td>{stats}</td>
            <td>
                <button type="button" class="small" on:click=fetch(false, "a4")>{t::OPEN_POSTER}<span class="visually-hidden">{format!(" {label}")}</span></button>
                <button type="button" class="small" data-size="a4" on:click=fetch(true, "a4")>{t::SAVE_POSTER_A4}<span class="visually-hidden">{format!(" {label}")}</span></button>
                <button type="button" class="small" data-size="a5" on:click=fetch(true, "a5")>{t::SAVE_POSTER_A5}<span class="visually-hidden">{format!(" {label}")}</span></button>
                {admin.then(|| {
                    let question = t::confirm_revoke(&label);
                    view! {
                        <AskFirst id=format!("revoke-{}", unit.code) label=t::REVOKE hidden=label.clone()
                            disabled=Signal::derive(move || closed || revoked.pending.get()) why_not=t::REVOKE_CLOSED
                            yes=t::REVOKE_YES on_yes=move |_| revoke()>
                            <p>{question.clone()}</p>
                        </AskFirst>
                    }
                })}
                {move || file.result.with(|r| r.as_ref().and_then(|r| r.as_ref().err()).map(failure_note))}
                {outcome(revoked, |v| t::revoked(v["version"].as_u64().unwrap_or(0)))}
            </td>
        </tr>
    }
}
