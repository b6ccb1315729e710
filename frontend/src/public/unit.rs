//! `/r/{campaign}/{unit}[?version=N]`: one unit's published result: the improvement actions
//! first (what the unit does about its results, overdue ones marked), then key figures, sections
//! and items as bars, strongest and weakest items, the change since the unit's previous
//! published campaign and the channel split, each figure with its n and 95 % interval (items also
//! with their % dissatisfied). Comments are never published, so none can show here.

use super::charts::pct_bar;
use super::{Loaded, load_failure, version_in_query};
use crate::api::{self, ApiError, Call};
use crate::figures::{
    change_line, deadline, extremes, interval, item_text, n_and_interval, overdue, pct, pct_or_dash, previous_campaign,
    published_line, section_title, template_of,
};
use crate::i18n::{ResultsTexts, use_i18n};
use hailong_domain::action::ImprovementAction;
use hailong_domain::results::{ItemFigures, SnapshotUnit};
use hailong_domain::{CampaignId, Date, Questionnaire, Snapshot, Target, UnitCode};
use leptos::either::Either;
use leptos::prelude::*;

/// Everything the page shows, fetched together.
#[derive(Clone)]
struct UnitPage {
    snapshot: Snapshot,
    unit: SnapshotUnit,
    /// The same unit in the latest version of the campaign published before this one.
    previous: Option<(String, SnapshotUnit)>,
    actions: Vec<ImprovementAction>,
}

async fn load(campaign: CampaignId, unit: UnitCode, version: Option<u32>) -> Loaded<UnitPage> {
    let snapshot = api::snapshot(&campaign, version).await?;
    let found = snapshot.unit(unit.as_str()).cloned().ok_or(ApiError::NotFound)?;
    let publications = api::publications().await?;
    let previous = match previous_campaign(&publications, &campaign) {
        Some(p) => {
            let earlier = api::snapshot(&p.campaign, None).await?;
            earlier.unit(unit.as_str()).cloned().map(|u| (p.title.clone(), u))
        }
        None => None,
    };
    let actions = api::actions(&campaign, &unit).await?;
    Ok(UnitPage { snapshot, unit: found, previous, actions })
}

#[component]
pub fn UnitResultsPage(campaign: CampaignId, unit: UnitCode) -> impl IntoView {
    let i18n = use_i18n();
    let version = version_in_query();
    let data: Call<Loaded<UnitPage>> = Call::new();
    i18n.title(move || {
        let shown = data.result.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).map(|p| p.unit.name.clone()));
        shown.unwrap_or_else(|| i18n.results().published_title.to_owned())
    });
    let fetch = move || data.run(load(campaign.clone(), unit.clone(), version));
    fetch();
    move || {
        let t = i18n.results();
        data.result.get().map(|result| match result {
            Ok(page) => Either::Left(render(t, page)),
            Err(e) => Either::Right(load_failure(e, |t| t.results_not_found, fetch.clone())),
        })
    }
}

fn render(t: &'static ResultsTexts, page: UnitPage) -> impl IntoView + use<> {
    let UnitPage { snapshot: s, unit: u, previous, actions } = page;
    let f = &u.figures;
    // Item and section wording from the built-in template of the same version, ids otherwise.
    let q = template_of(&u);
    let back = format!("/r/{}", s.campaign.id);
    let body = if f.suppressed {
        Either::Left(view! { <p class="notice">{(t.unit_suppressed)(f.n, s.min_responses)}</p> })
    } else {
        Either::Right(view! {
            {key_figures(t, &u, s.target())}
            {change(t, &u, previous.as_ref())}
            {sections(t, &u, q.as_ref())}
            {strongest_and_weakest(t, &u, q.as_ref())}
            {items(t, &u, q.as_ref())}
            {channels(t, &u)}
        })
    };
    view! {
        <article class="results unit" data-ready="true">
            <p class="crumb"><a href=back>{t.back_to_results}</a></p>
            <h1>{u.name.clone()}</h1>
            <p class="meta">
                {s.campaign.title.clone()}<br/>
                <strong>{(t.version)(s.version)}</strong>", "{published_line(t, &s.published_at)}
            </p>
            {actions_table(t, &actions)}
            {body}
        </article>
    }
}

fn key_figures(t: &'static ResultsTexts, u: &SnapshotUnit, target: Target) -> impl IntoView + use<> {
    let f = &u.figures;
    let interval = interval(t, f.ci95);
    // G1 and G2 with the number of answers each is over: a figure of 5 answers is not one of 500.
    let over = |v: f64, n: u64| format!("{} (n = {n})", pct(t, v));
    let met = f.target_met.map(|m| if m { t.yes } else { t.no });
    let row = |label: String, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    view! {
        <dl class="key-figures">
            {row(t.index.into(), pct_or_dash(t, f.index))}
            {row(t.interval.into(), interval.unwrap_or_else(|| t.not_known.into()))}
            {row(t.n_quota.into(), format!("{} / {}", f.n, u.quota))}
            {row((t.target_met)(target.rule, target.pct), met.unwrap_or(t.not_known).into())}
            {row(t.pooled.into(), pct_or_dash(t, f.pooled_pct))}
            {row(t.fully_satisfied.into(), pct_or_dash(t, f.fully_satisfied_pct))}
            {f.expectation_pct.map(|v| row(t.expectation.into(), over(v, f.g1_n)))}
            {f.return_pct.map(|v| row(t.return_rate.into(), over(v, f.g2_n)))}
        </dl>
    }
}

fn change(
    t: &'static ResultsTexts,
    u: &SnapshotUnit,
    previous: Option<&(String, SnapshotUnit)>,
) -> impl IntoView + use<> {
    view! {
        <h2>{t.change_title}</h2>
        <p id="change">{change_line(t, u, previous)}</p>
    }
}

fn sections(t: &'static ResultsTexts, u: &SnapshotUnit, q: Option<&Questionnaire>) -> impl IntoView + use<> {
    view! {
        <h2>{t.sections_title}</h2>
        <ul class="bars">
            {u.sections().iter().map(|s| {
                let title = section_title(q, s.id.as_str());
                let count = n_and_interval(t, s.n, s.ci95);
                view! {
                    <li data-section=s.id.to_string()>
                        <span class="label">{title.clone()}" "<span class="count">{count}</span></span>
                        {pct_bar(t, &title, s.index)}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The three items with the highest and the lowest % satisfied (items with answers only).
fn strongest_and_weakest(
    t: &'static ResultsTexts,
    u: &SnapshotUnit,
    q: Option<&Questionnaire>,
) -> impl IntoView + use<> {
    let list = |items: Vec<&ItemFigures>, id: &'static str| {
        view! {
            <ol id=id class="extremes">
                {items.into_iter().map(|i| view! {
                    <li>{item_text(q, i.id.as_str())}" — "<strong>{pct_or_dash(t, i.pct_satisfied)}</strong></li>
                }).collect_view()}
            </ol>
        }
    };
    let (strongest, weakest) = extremes(u);
    view! {
        <div class="two-columns">
            <section><h2>{t.strongest}</h2>{list(strongest, "strongest")}</section>
            <section><h2>{t.weakest}</h2>{list(weakest, "weakest")}</section>
        </div>
    }
}

fn items(t: &'static ResultsTexts, u: &SnapshotUnit, q: Option<&Questionnaire>) -> impl IntoView + use<> {
    view! {
        <h2>{t.items_title}</h2>
        {u.sections().iter().map(|s| {
            let items: Vec<&ItemFigures> = u.items().iter().filter(|i| i.section == s.id).collect();
            view! {
                <h3>{section_title(q, s.id.as_str())}</h3>
                <ul class="bars items">
                    {items.into_iter().map(|i| {
                        let text = item_text(q, i.id.as_str());
                        let count = n_and_interval(t, i.n, i.ci95);
                        let unhappy = i.pct_dissatisfied.map(|v| format!("{}: {}", t.dissatisfied, pct(t, v)));
                        view! {
                            <li data-item=i.id.to_string()>
                                <span class="label">{text.clone()}" "<span class="count">{count}</span></span>
                                {pct_bar(t, &text, i.pct_satisfied)}
                                {unhappy.map(|u| view! { <span class="dissatisfied">{u}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        }).collect_view()}
    }
}

fn channels(t: &'static ResultsTexts, u: &SnapshotUnit) -> impl IntoView + use<> {
    view! {
        <h2>{t.channels_title}</h2>
        <table class="figures" id="channels">
            <thead><tr>
                <th scope="col">{t.channel}</th>
                <th scope="col" class="num">{t.responses}</th>
                <th scope="col" class="num">{t.index}</th>
                <th scope="col" class="num">{t.interval}</th>
            </tr></thead>
            <tbody>
                {u.by_channel().iter().map(|(c, f)| view! {
                    <tr>
                        <th scope="row">{(t.channel_name)(*c)}</th>
                        <td class="num">{f.n}</td>
                        <td class="num">{f.index.map_or_else(|| t.withheld.to_owned(), |v| pct(t, v))}</td>
                        <td class="num">{interval(t, f.ci95).unwrap_or_else(|| t.withheld.to_owned())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn actions_table(t: &'static ResultsTexts, actions: &[ImprovementAction]) -> impl IntoView + use<> {
    let today = Date::in_vietnam_at(js_sys::Date::now() as i64);
    let table = if actions.is_empty() {
        Either::Left(view! { <p>{t.actions_none}</p> })
    } else {
        Either::Right(view! {
            <table id="actions" class="figures cards">
                <thead><tr>
                    <th scope="col">{t.task}</th>
                    <th scope="col">{t.office}</th>
                    <th scope="col">{t.deadline}</th>
                    <th scope="col">{t.status}</th>
                </tr></thead>
                <tbody>
                    {actions.iter().map(|a| {
                        let deadline = deadline(t, a);
                        let late = overdue(a, today);
                        view! {
                            <tr class:overdue=late>
                                <td>{a.fields.task.clone()}</td>
                                <td data-label=t.office>{a.fields.office.clone()}</td>
                                <td data-label=t.deadline>{deadline}{late.then(|| view! { " "<strong class="overdue-mark">{t.overdue}</strong> })}</td>
                                <td data-label=t.status>{(t.action_status)(a.fields.status)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        })
    };
    view! { <h2>{t.actions_title}</h2>{table} }
}
