//! How the results pages write their figures, in plain Rust: the public app
//! (`public/`) and the pages the server renders without script (`html/results.rs`) both say them
//! with these, so the two drawings of one snapshot read the same.

use crate::i18n::{ResultsTexts, Summary};
use hailong_domain::action::{ActionStatus, Deadline, ImprovementAction};
use hailong_domain::api::Publication;
use hailong_domain::results::{ItemFigures, SnapshotUnit};
use hailong_domain::{CampaignId, Date, Questionnaire, QuestionnaireRef, Snapshot, catalogue};

/// A figure as the reader's language writes it: `87,3%` or `87.3%`.
pub fn pct(t: &ResultsTexts, v: f64) -> String {
    format!("{v:.1}%").replace('.', &t.decimal.to_string())
}

/// `pct`, or a dash where there is no figure.
pub fn pct_or_dash(t: &ResultsTexts, v: Option<f64>) -> String {
    v.map_or_else(|| t.not_known.to_owned(), |v| pct(t, v))
}

/// A 95 % interval as "lo – hi".
pub fn interval(t: &ResultsTexts, ci95: Option<[f64; 2]>) -> Option<String> {
    ci95.map(|[lo, hi]| format!("{} – {}", pct(t, lo), pct(t, hi)))
}

/// "(n = N; 95% interval: lo – hi)", the interval where there is one.
pub fn n_and_interval(t: &ResultsTexts, n: u64, ci95: Option<[f64; 2]>) -> String {
    match interval(t, ci95) {
        Some(ci) => format!("(n = {n}; {}: {ci})", t.interval),
        None => format!("(n = {n})"),
    }
}

/// "published at hh:mm on dd/mm/yyyy" (Việt Nam time) of an RFC 3339 instant in UTC, as the
/// functions write them; the instant as it is otherwise.
pub fn published_line(t: &ResultsTexts, rfc3339: &str) -> String {
    match utc_ms(rfc3339) {
        Some(ms) => {
            let minutes = (ms + 7 * 3_600_000).rem_euclid(86_400_000) / 60_000;
            (t.published_on)(&format!("{:02}:{:02}", minutes / 60, minutes % 60), Date::in_vietnam_at(ms))
        }
        None => rfc3339.to_owned(),
    }
}

/// Milliseconds since 1970 of `YYYY-MM-DDTHH:MM:SS[.fff]Z` (whole seconds are enough here).
fn utc_ms(s: &str) -> Option<i64> {
    let (date, time) = s.strip_suffix('Z')?.split_once('T')?;
    let date = Date::parse(date).ok()?;
    let mut hms = time.split('.').next()?.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, sec) = (hms.next()??, hms.next()??, hms.next()??);
    Some(((date.days_since_epoch() * 24 + h) * 60 + m) * 60_000 + sec * 1000)
}

/// A questionnaire's title, from the built-in template of that version; its id otherwise.
pub fn questionnaire_title(r: &QuestionnaireRef) -> String {
    catalogue::template(r.id.as_str())
        .filter(|q| q.version == r.version)
        .map_or_else(|| format!("{}@{}", r.id, r.version), |q| q.title)
}

/// The built-in template a unit answered, for the wording of its sections and items.
pub fn template_of(u: &SnapshotUnit) -> Option<Questionnaire> {
    catalogue::template(u.questionnaire.id.as_str()).filter(|q| q.version == u.questionnaire.version)
}

pub fn section_title(q: Option<&Questionnaire>, id: &str) -> String {
    q.and_then(|q| q.sections.iter().find(|s| s.id.as_str() == id)).map_or_else(|| id.to_owned(), |s| s.title.clone())
}

pub fn item_text(q: Option<&Questionnaire>, id: &str) -> String {
    q.and_then(|q| q.item(id)).map_or_else(|| id.to_owned(), |i| i.text.clone())
}

/// `version=N` of a query string (`?version=2`): an older published version.
pub fn version_in(query: &str) -> Option<u32> {
    query.trim_start_matches('?').split('&').find_map(|pair| pair.strip_prefix("version=")?.parse().ok())
}

/// The facts of a ranking page's summary paragraph, from the snapshot.
pub fn summary(t: &ResultsTexts, s: &Snapshot) -> Summary {
    let mut ranked: Vec<&SnapshotUnit> =
        s.units.iter().filter(|u| u.rank.is_some() && u.figures.index.is_some()).collect();
    ranked.sort_by_key(|u| u.rank);
    let named = |u: &&SnapshotUnit| (u.name.clone(), pct_or_dash(t, u.figures.index));
    Summary {
        responses: s.units.iter().map(|u| u.figures.n).sum(),
        units: s.units.len(),
        ranked: ranked.len(),
        met: s.units.iter().filter(|u| u.figures.target_met == Some(true)).count(),
        target: pct(t, s.target_pct),
        rule: s.target_rule,
        best: ranked.first().map(named),
        worst: ranked.last().map(named),
        suppressed: s.units.iter().filter(|u| u.figures.suppressed).count(),
        min_responses: s.min_responses,
    }
}

/// A ranking's units in rank order (unranked last, by code), each with whether its interval
/// overlaps a neighbour's above or below (marked ≈).
pub fn ranked_rows(mut units: Vec<&SnapshotUnit>) -> Vec<(&SnapshotUnit, bool)> {
    units.sort_by_key(|u| (u.rank.is_none(), u.rank, u.code.clone()));
    let ranked: Vec<&SnapshotUnit> = units.iter().copied().filter(|u| u.rank.is_some()).collect();
    let overlaps = |u: &SnapshotUnit| {
        let at = ranked.iter().position(|r| r.code == u.code);
        at.is_some_and(|i| {
            (i > 0 && u.overlaps(ranked[i - 1]) == Some(true))
                || ranked.get(i + 1).is_some_and(|n| u.overlaps(n) == Some(true))
        })
    };
    units.iter().map(|u| (*u, overlaps(u))).collect()
}

/// A unit's responses over its service volume, where the volume is known.
pub fn response_rate(t: &ResultsTexts, u: &SnapshotUnit) -> String {
    let rate = u.volume.filter(|v| *v > 0).map(|v| pct(t, 100.0 * u.figures.n as f64 / f64::from(v)));
    rate.unwrap_or_else(|| t.not_known.into())
}

/// The three items with the highest and the lowest % satisfied (items with answers only).
pub fn extremes(u: &SnapshotUnit) -> (Vec<&ItemFigures>, Vec<&ItemFigures>) {
    let mut answered: Vec<_> = u.items().iter().filter(|i| i.pct_satisfied.is_some()).collect();
    answered.sort_by(|a, b| b.pct_satisfied.partial_cmp(&a.pct_satisfied).expect("figures are numbers"));
    let take = answered.len().min(3);
    let weakest = answered.iter().rev().take(take).copied().collect();
    answered.truncate(take);
    (answered, weakest)
}

/// "previous campaign: a → b (+c)", the change of a unit's index since the same unit in the
/// latest version of the campaign published before this one.
pub fn change_line(t: &ResultsTexts, u: &SnapshotUnit, previous: Option<&(String, SnapshotUnit)>) -> String {
    let line = previous.and_then(|(title, p)| {
        let (before, now) = (p.figures.index?, u.figures.index?);
        let delta = now - before;
        let sign = if delta >= 0.0 { "+" } else { "−" };
        let points = format!("{sign}{}", pct(t, delta.abs()));
        Some(format!("{} ({points})", (t.change)(title, &pct(t, before), &pct(t, now))))
    });
    line.unwrap_or_else(|| t.no_previous.into())
}

/// The published campaign that closed last before this one opened.
pub fn previous_campaign<'a>(all: &'a [Publication], campaign: &CampaignId) -> Option<&'a Publication> {
    let opens = all.iter().find(|p| &p.campaign == campaign)?.period?.opens;
    all.iter().filter(|p| p.period.is_some_and(|w| w.closes < opens)).max_by_key(|p| p.period.map(|w| w.closes))
}

/// Past its deadline (Việt Nam time) and not done.
pub fn overdue(a: &ImprovementAction, today: Date) -> bool {
    matches!(a.fields.deadline, Deadline::By(d) if d < today) && a.fields.status != ActionStatus::Done
}

/// An action's deadline in words.
pub fn deadline(t: &ResultsTexts, a: &ImprovementAction) -> String {
    match a.fields.deadline {
        Deadline::By(d) => d.to_vietnamese(),
        Deadline::Ongoing => t.ongoing.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::RESULTS_VI;

    #[test]
    fn published_instants_are_told_in_vietnam_time() {
        // 17:30 UTC on 1 December is half past midnight on 2 December in Việt Nam.
        let shown = published_line(&RESULTS_VI, "2026-12-01T17:30:05.123Z");
        assert_eq!(shown, (RESULTS_VI.published_on)("00:30", Date::new(2026, 12, 2).unwrap()));
        assert_eq!(published_line(&RESULTS_VI, "yesterday"), "yesterday");
        assert_eq!(version_in("?a=1&version=3"), Some(3));
        assert_eq!(version_in("?version=x"), None);
        assert_eq!(pct(&RESULTS_VI, 87.34), "87,3%");
    }
}
