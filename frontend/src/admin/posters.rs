//! QR posters: each unit's poster (PDF, A4 or A5) to open or save, all posters in PDFs of 100 units to print,
//! revoking a unit's poster (administrators), and scans, starts and completions per poster.

use super::api::{Api, open, save, use_api};
use super::campaigns::{CampaignDetail, campaign_links, load_campaign};
use super::progress::{PagedProgress, Progress, UnitProgress};
use super::session::Role;
use super::text as t;
use super::use_session;
use super::widgets::{AskFirst, Loaded, failure_note, outcome, shown, title};
use crate::api::Call;
use hailong_domain::CampaignStatus;
use leptos::prelude::*;

/// Units in each file of all posters: the API's default part (`?cursor=&limit=`), small enough
/// for one request at any campaign size.
const PART: usize = 100;

#[component]
pub fn PostersPage(campaign: String) -> impl IntoView {
    let api = use_api();
    let progress = PagedProgress::load(api, &campaign);
    let call: Loaded<()> = Call::new();
    let table = {
        let campaign = campaign.clone();
        move |p: Progress| poster_table(api, campaign.clone(), p)
    };
    let parts = (use_session().role != Role::Staff).then(|| {
        let detail = load_campaign(api, &campaign);
        let campaign = campaign.clone();
        shown(detail, move |d: CampaignDetail| poster_parts(api, campaign.clone(), d.units.len(), call))
    });
    view! {
        {title(t::POSTERS_TITLE)}
        {campaign_links(&campaign)}
        <p class="hint">{t::POSTERS_INTRO}</p>
        {parts}
        {outcome(call, |_| t::DOWNLOADED.to_owned())}
        {progress.nav()}
        {shown(progress.call, table)}
    }
}

/// The campaign's posters to print, in files of [`PART`] units: part k (from 1) starts at unit
/// index `(k-1)·PART`, the cursor the API takes.
fn poster_parts(api: Api, campaign: String, units: usize, call: Loaded<()>) -> impl IntoView {
    let parts = units.div_ceil(PART).max(1);
    let button = move |part: usize, size: &'static str| {
        let start = (part - 1) * PART;
        let path = format!("/api/admin/campaigns/{campaign}/posters?size={size}&cursor={start}&limit={PART}");
        let name = format!("{campaign}-posters-{size}-part{part}.pdf");
        let label = match (parts, size) {
            (1, "a5") => t::ALL_POSTERS_A5.to_owned(),
            (1, _) => t::ALL_POSTERS_A4.to_owned(),
            _ => t::poster_part(part, start + 1, (start + PART).min(units), &size.to_uppercase()),
        };
        let id = if size == "a5" { format!("all-posters-{part}-a5") } else { format!("all-posters-{part}") };
        let fetch = move |_| {
            let (path, name) = (path.clone(), name.clone());
            call.run(async move {
                save(&api.blob(&path).await?, &name);
                Ok(())
            });
        };
        view! { <button type="button" id=id on:click=fetch>{label}</button> }
    };
    let rows = (1..=parts).map(|k| view! { <li>{button(k, "a4")}" "{button(k, "a5")}</li> }).collect_view();
    view! { <ul class="parts" id="poster-parts">{rows}</ul> }
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
