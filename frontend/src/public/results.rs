//! `/r/{campaign}[?version=N]`: a campaign's published results: a plain summary, the open-data
//! downloads, overall figures per questionnaire, one ranking per questionnaire (a table on wide
//! screens, a card per unit on phones, by CSS), versions and the method.

use super::charts::{Axis, axis_legend, interval_bar};
use super::{Loaded, load_failure, version_in_query};
use crate::api::{self, Call};
use crate::figures::{pct, pct_or_dash, published_line, questionnaire_title, ranked_rows, response_rate, summary};
use crate::i18n::{ResultsTexts, use_i18n};
use crate::open_data::{Dialect, csv, data_url};
use hailong_domain::api::Publication;
use hailong_domain::results::SnapshotUnit;
use hailong_domain::{CampaignId, Snapshot};
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn ResultsPage(campaign: CampaignId) -> impl IntoView {
    let i18n = use_i18n();
    let version = version_in_query();
    let data: Call<Loaded<(Publication, Snapshot)>> = Call::new();
    i18n.title(move || {
        let shown =
            data.result.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).map(|(_, s)| s.campaign.title.clone()));
        shown.unwrap_or_else(|| i18n.results().published_title.to_owned())
    });
    let fetch = move || {
        let campaign = campaign.clone();
        data.run(async move {
            let snapshot = api::snapshot(&campaign, version).await?;
            let publication = api::publications().await?.into_iter().find(|p| p.campaign == campaign);
            Ok((publication.ok_or(api::ApiError::NotFound)?, snapshot))
        })
    };
    fetch();
    move || {
        let t = i18n.results();
        data.result.get().map(|result| match result {
            Ok((publication, snapshot)) => Either::Left(page(t, &publication, &snapshot)),
            Err(e) => Either::Right(load_failure(e, |t| t.results_not_found, fetch.clone())),
        })
    }
}

fn page(t: &'static ResultsTexts, publication: &Publication, s: &Snapshot) -> impl IntoView + use<> {
    let title = s.campaign.title.clone();
    let period = publication.period.map(|w| (t.period)(w.opens, w.closes));
    let instruments: Vec<_> = s.overall.iter().map(|o| o.questionnaire.clone()).collect();
    let target = s.target_pct;
    let axis = Axis::for_units(&s.units, target);
    view! {
        <article class="results" data-ready="true">
            <h1>{title}</h1>
            <p class="meta">
                {period}<br/>
                <strong>{(t.version)(s.version)}</strong>", "{published_line(t, &s.published_at)}
            </p>
            {s.reason.clone().map(|r| view! { <p class="notice">{(t.republished)(&r)}</p> })}
            <p id="summary" class="summary">{(t.summary)(&summary(t, s))}</p>
            {downloads(t, s)}
            <h2>{t.overall_title}</h2>
            <div class="table-scroll"><table class="figures">
                <thead><tr>
                    <th scope="col">{use_i18n().t().campaign}</th>
                    <th scope="col" class="num">{t.responses}</th>
                    <th scope="col" class="num">{t.index}</th>
                    <th scope="col" class="num">{t.pooled}</th>
                </tr></thead>
                <tbody>
                    {s.overall.iter().map(|o| view! {
                        <tr>
                            <th scope="row">{questionnaire_title(&o.questionnaire)}</th>
                            <td class="num">{o.figures.n}</td>
                            <td class="num">{pct_or_dash(t, o.figures.index)}</td>
                            <td class="num">{pct_or_dash(t, o.figures.pooled_pct)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table></div>
            // How to read the rankings comes before them, not in a footnote.
            <p id="how-to-read" class="note">{(t.axis)(&pct(t, axis.from), &pct(t, target))}" "{t.overlap_note}</p>
            {instruments.into_iter().map(|q| {
                let units: Vec<&SnapshotUnit> = s.units.iter().filter(|u| u.questionnaire == q).collect();
                ranking(t, s, &questionnaire_title(&q), units, axis)
            }).collect_view()}
            {versions(t, publication, s.version)}
            {excluded(t, s)}
            <h2>{t.method_title}</h2>
            <p id="method" class="method">{(t.method)(s)}</p>
        </article>
    }
}

fn ranking(
    t: &'static ResultsTexts,
    s: &Snapshot,
    title: &str,
    units: Vec<&SnapshotUnit>,
    axis: Axis,
) -> impl IntoView + use<> {
    let target = axis.target;
    let u_label = use_i18n().t().unit;
    let campaign = s.campaign.id.clone();
    let rows = ranked_rows(units)
        .into_iter()
        .map(|(u, overlaps)| {
            let f = &u.figures;
            let href = format!("/r/{campaign}/{}", u.code);
            let figures = if f.suppressed {
                Either::Left(view! { <td colspan="2" class="suppressed">{(t.suppressed)(s.min_responses)}</td> })
            } else {
                let bar = match (f.index, f.ci95) {
                    (Some(i), Some(ci)) => Some(view! {
                        {interval_bar(t, i, ci, axis)}
                        <span class="ci-text" aria-hidden="true">{format!("{} – {}", pct(t, ci[0]), pct(t, ci[1]))}</span>
                    }),
                    _ => None,
                };
                Either::Right(view! {
                    <td class="num" data-label=t.index>{pct_or_dash(t, f.index)}</td>
                    <td class="bar" data-label=t.interval>{bar}</td>
                })
            };
            // ≈ where the interval overlaps the neighbour's above or below.
            let mark = overlaps.then_some(t.overlap_mark);
            let met = f.target_met.map(|m| if m { t.yes } else { t.no }).unwrap_or(t.not_known);
            // `data-label`s name each figure where phones show the row as a card.
            view! {
                <tr data-unit=u.code.to_string() class:suppressed=f.suppressed>
                    <td class="num rank" data-label=t.rank>{u.rank.map(|r| r.to_string()).unwrap_or_else(|| t.not_known.into())}" "{mark}</td>
                    <th scope="row"><a href=href>{u.name.clone()}</a></th>
                    {figures}
                    <td class="num n" data-label=t.n_quota>{format!("{} / {}", f.n, u.quota)}</td>
                    <td class="num" data-label=t.response_rate>{response_rate(t, u)}</td>
                    <td data-label=(t.target_met)(s.target_rule, target)>{met}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>{format!("{} — {title}", t.ranking)}</h2>
        <div class="table-scroll">
            <table class="ranking cards">
                <thead><tr>
                    <th scope="col" class="num">{t.rank}</th>
                    <th scope="col">{u_label}</th>
                    <th scope="col" class="num">{t.index}</th>
                    <th scope="col">{t.interval}{axis_legend(t, axis)}</th>
                    <th scope="col" class="num">{t.n_quota}</th>
                    <th scope="col" class="num">{t.response_rate}</th>
                    <th scope="col">{(t.target_met)(s.target_rule, target)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn versions(t: &'static ResultsTexts, publication: &Publication, shown: u32) -> impl IntoView + use<> {
    let latest = publication.versions.len() as u32;
    let campaign = publication.campaign.clone();
    view! {
        <h2>{t.versions_title}</h2>
        <ul class="versions">
            {publication.versions.iter().rev().map(|v| {
                let href = if v.version == latest { format!("/r/{campaign}") } else { format!("/r/{campaign}?version={}", v.version) };
                let tag = if v.version == shown { Some(t.this_version) } else if v.version == latest { Some(t.latest) } else { None };
                view! {
                    <li>
                        <a href=href aria-current=(v.version == shown).then_some("page")>{(t.version)(v.version)}</a>
                        " ("{published_line(t, &v.published_at)}{tag.map(|x| format!(", {x}"))}")"
                        {v.reason.clone().map(|r| view! { <br/>{(t.republished)(&r)} })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn excluded(t: &'static ResultsTexts, s: &Snapshot) -> impl IntoView + use<> {
    (!s.excluded.is_empty()).then(|| {
        view! {
            <h2>{t.excluded_title}</h2>
            <ul>
                {s.excluded.iter().map(|(reason, n)| view! { <li>{(t.exclusion_reason)(reason)}": "{*n}</li> }).collect_view()}
            </ul>
        }
    })
}

fn downloads(t: &'static ResultsTexts, s: &Snapshot) -> impl IntoView + use<> {
    let name = format!("{}-v{}", s.campaign.id, s.version);
    let vi_href = data_url("text/csv", &csv(s, Dialect::Vietnamese));
    let en_href = data_url("text/csv", &csv(s, Dialect::English));
    let json_href = api::snapshot_url(&s.campaign.id, Some(s.version));
    view! {
        <section class="downloads" aria-labelledby="downloads-title">
            <h2 id="downloads-title">{t.downloads_title}</h2>
            <ul>
                <li><a id="download-csv-vi" href=vi_href download=format!("{name}-vi.csv")>{t.download_csv}</a></li>
                <li><a id="download-csv-en" href=en_href download=format!("{name}-en.csv") hreflang="en">{t.download_csv_en}</a></li>
                <li><a id="download-json" href=json_href download=format!("{name}.json")>{t.download_json}</a></li>
            </ul>
            <p class="hint">{t.csv_format}</p>
        </section>
    }
}
