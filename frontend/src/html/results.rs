//! The public pages readable without script: `/` (the published campaigns), `/r/{campaign}` (a
//! version's ranking) and `/r/{campaign}/{unit}` (one unit's figures and improvement actions),
//! from the same publications and snapshots the public app reads, in its classes and words.
//! Tables instead of the app's charts; where WebAssembly runs, the public app takes the page over
//! and draws them.

use super::page::{attr, document, text};
use crate::figures::{
    change_line, deadline, extremes, interval, item_text, n_and_interval, overdue, pct, pct_or_dash, published_line,
    questionnaire_title, ranked_rows, response_rate, section_title, summary, template_of,
};
use crate::i18n::{RESULTS_VI, ResultsTexts, VI};
use crate::open_data::{Dialect, csv, data_url};
use hailong_domain::action::ImprovementAction;
use hailong_domain::api::Publication;
use hailong_domain::results::SnapshotUnit;
use hailong_domain::{Date, Questionnaire, Snapshot};
use std::fmt::Write;

const T: &ResultsTexts = &RESULTS_VI;

/// Escaped text, for `write!`.
fn e(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    text(&mut out, s);
    out
}

/// Escaped attribute value, for `write!`.
fn a(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    attr(&mut out, s);
    out
}

/// `/`: what hailong is, the published campaigns, newest survey first, each linked to its
/// results, and where to check a receipt code.
pub fn home_page(publications: &[Publication]) -> String {
    let mut b = String::new();
    let _ = write!(b, "<h1>{}</h1><p>{}</p><p>{}</p>", e(VI.home_title), e(VI.home_intro), e(VI.home_privacy));
    let _ = write!(b, "<h2>{}</h2>", e(T.published_title));
    let mut all: Vec<&Publication> = publications.iter().collect();
    all.sort_by_key(|p| std::cmp::Reverse(p.period.map(|w| w.closes)));
    if all.is_empty() {
        let _ = write!(b, "<p>{}</p>", e(T.published_none));
    } else {
        b.push_str(r#"<ul class="campaigns">"#);
        for p in all {
            let _ = write!(b, r#"<li data-campaign="{}">"#, a(p.campaign.as_str()));
            crate::authority::authority_html(&mut b, p.authority.as_ref());
            let _ = write!(b, r#"<a href="/r/{}">{}</a><br>"#, a(p.campaign.as_str()), e(&p.title));
            if let Some(w) = p.period {
                b.push_str(&e(&(T.period)(w.opens, w.closes)));
            }
            if let Some(v) = p.versions.last() {
                let _ = write!(b, " · {}, {}", e(&(T.version)(v.version)), e(&published_line(T, &v.published_at)));
            }
            b.push_str("</li>");
        }
        b.push_str("</ul>");
    }
    let _ = write!(b, "<h2>{}</h2>", e(VI.home_receipt));
    super::receipt::receipt_form(&mut b, None);
    document(VI.home_title, &b, true)
}

/// An unknown campaign, unit or version: the app's words for it.
pub fn no_results_page() -> String {
    super::message_page(T.results_not_found)
}

/// `/r/{campaign}[?version=N]`: the summary, the open data, overall figures and one ranking per
/// questionnaire, the versions, the responses not counted and the method.
pub fn results_page(publication: &Publication, s: &Snapshot) -> String {
    let mut b = String::from(r#"<article class="results">"#);
    let _ = write!(b, "<h1>{}</h1><p class=\"meta\">", e(&s.campaign.title));
    if let Some(w) = publication.period {
        let _ = write!(b, "{}<br>", e(&(T.period)(w.opens, w.closes)));
    }
    let _ =
        write!(b, "<strong>{}</strong>, {}</p>", e(&(T.version)(s.version)), e(&published_line(T, &s.published_at)));
    if let Some(r) = &s.reason {
        let _ = write!(b, r#"<p class="notice">{}</p>"#, e(&(T.republished)(r)));
    }
    let _ = write!(b, r#"<p id="summary" class="summary">{}</p>"#, e(&(T.summary)(&summary(T, s))));
    downloads(&mut b, s);
    let _ = write!(b, r#"<h2>{}</h2><div class="table-scroll"><table class="figures"><thead><tr>"#, e(T.overall_title));
    let _ = write!(
        b,
        r#"<th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th></tr></thead><tbody>"#,
        e(VI.campaign),
        e(T.responses),
        e(T.index),
        e(T.pooled)
    );
    for o in &s.overall {
        let _ = write!(
            b,
            r#"<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            e(&questionnaire_title(&o.questionnaire)),
            o.figures.n,
            e(&pct_or_dash(T, o.figures.index)),
            e(&pct_or_dash(T, o.figures.pooled_pct))
        );
    }
    b.push_str("</tbody></table></div>");
    let _ = write!(b, r#"<p id="how-to-read" class="note">{}</p>"#, e(T.overlap_note));
    for o in &s.overall {
        let units = s.units.iter().filter(|u| u.questionnaire == o.questionnaire).collect();
        ranking(&mut b, s, &questionnaire_title(&o.questionnaire), units);
    }
    versions(&mut b, publication, s.version);
    if !s.excluded.is_empty() {
        let _ = write!(b, "<h2>{}</h2><ul>", e(T.excluded_title));
        for (reason, n) in &s.excluded {
            let _ = write!(b, "<li>{}: {n}</li>", e((T.exclusion_reason)(reason)));
        }
        b.push_str("</ul>");
    }
    let _ =
        write!(b, r#"<h2>{}</h2><p id="method" class="method">{}</p></article>"#, e(T.method_title), e(&(T.method)(s)));
    document(&s.campaign.title, &b, true)
}

fn downloads(b: &mut String, s: &Snapshot) {
    let name = format!("{}-v{}", s.campaign.id, s.version);
    let _ = write!(
        b,
        r#"<section class="downloads" aria-labelledby="downloads-title"><h2 id="downloads-title">{}</h2><ul>"#,
        e(T.downloads_title)
    );
    let vi = data_url("text/csv", &csv(s, Dialect::Vietnamese));
    let en = data_url("text/csv", &csv(s, Dialect::English));
    let _ = write!(
        b,
        r#"<li><a id="download-csv-vi" href="{}" download="{name}-vi.csv">{}</a></li>"#,
        a(&vi),
        e(T.download_csv)
    );
    let _ = write!(
        b,
        r#"<li><a id="download-csv-en" href="{}" download="{name}-en.csv" hreflang="en">{}</a></li>"#,
        a(&en),
        e(T.download_csv_en)
    );
    let _ = write!(
        b,
        r#"<li><a id="download-json" href="/api/results/{}?version={}" download="{name}.json">{}</a></li></ul><p class="hint">{}</p></section>"#,
        a(s.campaign.id.as_str()),
        s.version,
        e(T.download_json),
        e(T.csv_format)
    );
}

fn ranking(b: &mut String, s: &Snapshot, title: &str, units: Vec<&SnapshotUnit>) {
    let target = (T.target_met)(s.target_rule, s.target_pct);
    let _ = write!(
        b,
        r#"<h2>{} — {}</h2><div class="table-scroll"><table class="ranking cards"><thead><tr>"#,
        e(T.ranking),
        e(title)
    );
    let _ = write!(
        b,
        r#"<th scope="col" class="num">{}</th><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        e(T.rank),
        e(VI.unit),
        e(T.index),
        e(T.interval),
        e(T.n_quota),
        e(T.response_rate),
        e(&target)
    );
    for (u, overlaps) in ranked_rows(units) {
        let f = &u.figures;
        let _ = write!(
            b,
            r#"<tr data-unit="{}"{}>"#,
            a(u.code.as_str()),
            if f.suppressed { r#" class="suppressed""# } else { "" }
        );
        let rank = u.rank.map_or_else(|| T.not_known.to_owned(), |r| r.to_string());
        let mark = if overlaps { T.overlap_mark } else { "" };
        let _ = write!(b, r#"<td class="num rank" data-label="{}">{} {}</td>"#, a(T.rank), e(&rank), e(mark));
        let _ = write!(
            b,
            r#"<th scope="row"><a href="/r/{}/{}">{}</a></th>"#,
            a(s.campaign.id.as_str()),
            a(u.code.as_str()),
            e(&u.name)
        );
        if f.suppressed {
            let _ = write!(b, r#"<td colspan="2" class="suppressed">{}</td>"#, e(&(T.suppressed)(s.min_responses)));
        } else {
            let ci = interval(T, f.ci95).unwrap_or_else(|| T.not_known.to_owned());
            let _ = write!(b, r#"<td class="num" data-label="{}">{}</td>"#, a(T.index), e(&pct_or_dash(T, f.index)));
            let _ = write!(
                b,
                r#"<td class="bar" data-label="{}"><span class="ci-text">{}</span></td>"#,
                a(T.interval),
                e(&ci)
            );
        }
        let met = f.target_met.map(|m| if m { T.yes } else { T.no }).unwrap_or(T.not_known);
        let _ = write!(b, r#"<td class="num n" data-label="{}">{} / {}</td>"#, a(T.n_quota), f.n, u.quota);
        let _ = write!(b, r#"<td class="num" data-label="{}">{}</td>"#, a(T.response_rate), e(&response_rate(T, u)));
        let _ = write!(b, r#"<td data-label="{}">{}</td></tr>"#, a(&target), e(met));
    }
    b.push_str("</tbody></table></div>");
}

fn versions(b: &mut String, publication: &Publication, shown: u32) {
    let latest = publication.versions.len() as u32;
    let campaign = a(publication.campaign.as_str());
    let _ = write!(b, r#"<h2>{}</h2><ul class="versions">"#, e(T.versions_title));
    for v in publication.versions.iter().rev() {
        let href =
            if v.version == latest { format!("/r/{campaign}") } else { format!("/r/{campaign}?version={}", v.version) };
        let current = if v.version == shown { r#" aria-current="page""# } else { "" };
        let tag = if v.version == shown { Some(T.this_version) } else { (v.version == latest).then_some(T.latest) };
        let tag = tag.map(|x| format!(", {x}")).unwrap_or_default();
        let _ = write!(
            b,
            r#"<li><a href="{href}"{current}>{}</a> ({}{})"#,
            e(&(T.version)(v.version)),
            e(&published_line(T, &v.published_at)),
            e(&tag)
        );
        if let Some(r) = &v.reason {
            let _ = write!(b, "<br>{}", e(&(T.republished)(r)));
        }
        b.push_str("</li>");
    }
    b.push_str("</ul>");
}

/// What a unit's page shows, read by the function that serves it.
pub struct UnitFacts<'a> {
    pub snapshot: &'a Snapshot,
    pub unit: &'a SnapshotUnit,
    /// The campaign published before this one and the same unit in it, if it was there.
    pub previous: Option<(String, SnapshotUnit)>,
    pub actions: &'a [ImprovementAction],
    /// Today in Việt Nam, for actions past their deadline.
    pub today: Date,
}

/// `/r/{campaign}/{unit}[?version=N]`: the improvement actions first, then the unit's figures
/// (withheld below the minimum of responses).
pub fn unit_page(facts: &UnitFacts) -> String {
    let UnitFacts { snapshot: s, unit: u, previous, actions, today } = facts;
    let f = &u.figures;
    let mut b = String::from(r#"<article class="results unit">"#);
    let _ =
        write!(b, r#"<p class="crumb"><a href="/r/{}">{}</a></p>"#, a(s.campaign.id.as_str()), e(T.back_to_results));
    let _ = write!(b, r#"<h1>{}</h1><p class="meta">{}<br>"#, e(&u.name), e(&s.campaign.title));
    let _ =
        write!(b, "<strong>{}</strong>, {}</p>", e(&(T.version)(s.version)), e(&published_line(T, &s.published_at)));
    actions_table(&mut b, actions, *today);
    if f.suppressed {
        let _ = write!(b, r#"<p class="notice">{}</p>"#, e(&(T.unit_suppressed)(f.n, s.min_responses)));
    } else {
        let q = template_of(u);
        key_figures(&mut b, s, u);
        let _ = write!(
            b,
            r#"<h2>{}</h2><p id="change">{}</p>"#,
            e(T.change_title),
            e(&change_line(T, u, previous.as_ref()))
        );
        sections(&mut b, u, q.as_ref());
        strongest_and_weakest(&mut b, u, q.as_ref());
        items(&mut b, u, q.as_ref());
        channels(&mut b, u);
    }
    b.push_str("</article>");
    document(&u.name, &b, true)
}

fn actions_table(b: &mut String, actions: &[ImprovementAction], today: Date) {
    let _ = write!(b, "<h2>{}</h2>", e(T.actions_title));
    if actions.is_empty() {
        let _ = write!(b, "<p>{}</p>", e(T.actions_none));
        return;
    }
    let _ = write!(
        b,
        r#"<table id="actions" class="figures cards"><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        e(T.task),
        e(T.office),
        e(T.deadline),
        e(T.status)
    );
    for action in actions {
        let late = overdue(action, today);
        let _ = write!(b, "<tr{}>", if late { r#" class="overdue""# } else { "" });
        let _ = write!(b, "<td>{}</td>", e(&action.fields.task));
        let _ = write!(b, r#"<td data-label="{}">{}</td>"#, a(T.office), e(&action.fields.office));
        let _ = write!(b, r#"<td data-label="{}">{}"#, a(T.deadline), e(&deadline(T, action)));
        if late {
            let _ = write!(b, r#" <strong class="overdue-mark">{}</strong>"#, e(T.overdue));
        }
        let _ = write!(
            b,
            r#"</td><td data-label="{}">{}</td></tr>"#,
            a(T.status),
            e((T.action_status)(action.fields.status))
        );
    }
    b.push_str("</tbody></table>");
}

fn key_figures(b: &mut String, s: &Snapshot, u: &SnapshotUnit) {
    let f = &u.figures;
    let target = s.target();
    let mut rows = vec![
        (T.index.to_owned(), pct_or_dash(T, f.index)),
        (T.interval.to_owned(), interval(T, f.ci95).unwrap_or_else(|| T.not_known.into())),
        (T.n_quota.to_owned(), format!("{} / {}", f.n, u.quota)),
        (
            (T.target_met)(target.rule, target.pct),
            f.target_met.map_or(T.not_known, |m| if m { T.yes } else { T.no }).into(),
        ),
        (T.pooled.to_owned(), pct_or_dash(T, f.pooled_pct)),
        (T.fully_satisfied.to_owned(), pct_or_dash(T, f.fully_satisfied_pct)),
    ];
    // G1 and G2 with the number of answers each is over.
    if let Some(v) = f.expectation_pct {
        rows.push((T.expectation.to_owned(), format!("{} (n = {})", pct(T, v), f.g1_n)));
    }
    if let Some(v) = f.return_pct {
        rows.push((T.return_rate.to_owned(), format!("{} (n = {})", pct(T, v), f.g2_n)));
    }
    b.push_str(r#"<dl class="key-figures">"#);
    for (label, value) in rows {
        let _ = write!(b, "<div><dt>{}</dt><dd>{}</dd></div>", e(&label), e(&value));
    }
    b.push_str("</dl>");
}

/// A figure where the app draws its bar: the same label and count, the value as text.
fn bar_row(b: &mut String, data: &str, id: &str, label: &str, count: &str, value: Option<f64>) {
    let _ = write!(
        b,
        r#"<li {data}="{}"><span class="label">{} <span class="count">{}</span></span> <span class="pct-bar"><span class="value">{}</span></span>"#,
        a(id),
        e(label),
        e(count),
        e(&pct_or_dash(T, value))
    );
}

fn sections(b: &mut String, u: &SnapshotUnit, q: Option<&Questionnaire>) {
    let _ = write!(b, r#"<h2>{}</h2><ul class="bars">"#, e(T.sections_title));
    for s in u.sections() {
        let title = section_title(q, s.id.as_str());
        bar_row(b, "data-section", s.id.as_str(), &title, &n_and_interval(T, s.n, s.ci95), s.index);
        b.push_str("</li>");
    }
    b.push_str("</ul>");
}

fn strongest_and_weakest(b: &mut String, u: &SnapshotUnit, q: Option<&Questionnaire>) {
    let (strongest, weakest) = extremes(u);
    b.push_str(r#"<div class="two-columns">"#);
    for (title, id, items) in [(T.strongest, "strongest", strongest), (T.weakest, "weakest", weakest)] {
        let _ = write!(b, r#"<section><h2>{}</h2><ol id="{id}" class="extremes">"#, e(title));
        for i in items {
            let _ = write!(
                b,
                "<li>{} — <strong>{}</strong></li>",
                e(&item_text(q, i.id.as_str())),
                e(&pct_or_dash(T, i.pct_satisfied))
            );
        }
        b.push_str("</ol></section>");
    }
    b.push_str("</div>");
}

fn items(b: &mut String, u: &SnapshotUnit, q: Option<&Questionnaire>) {
    let _ = write!(b, "<h2>{}</h2>", e(T.items_title));
    for s in u.sections() {
        let _ = write!(b, r#"<h3>{}</h3><ul class="bars items">"#, e(&section_title(q, s.id.as_str())));
        for i in u.items().iter().filter(|i| i.section == s.id) {
            let text = item_text(q, i.id.as_str());
            bar_row(b, "data-item", i.id.as_str(), &text, &n_and_interval(T, i.n, i.ci95), i.pct_satisfied);
            if let Some(v) = i.pct_dissatisfied {
                let _ = write!(b, r#" <span class="dissatisfied">{}: {}</span>"#, e(T.dissatisfied), e(&pct(T, v)));
            }
            b.push_str("</li>");
        }
        b.push_str("</ul>");
    }
}

fn channels(b: &mut String, u: &SnapshotUnit) {
    let _ = write!(
        b,
        r#"<h2>{}</h2><table class="figures" id="channels"><thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th></tr></thead><tbody>"#,
        e(T.channels_title),
        e(T.channel),
        e(T.responses),
        e(T.index),
        e(T.interval)
    );
    for (c, f) in u.by_channel() {
        let _ = write!(
            b,
            r#"<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            e((T.channel_name)(*c)),
            f.n,
            e(&f.index.map_or_else(|| T.withheld.to_owned(), |v| pct(T, v))),
            e(&interval(T, f.ci95).unwrap_or_else(|| T.withheld.to_owned()))
        );
    }
    b.push_str("</tbody></table>");
}
