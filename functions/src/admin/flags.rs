//! `GET /api/admin/campaigns/{c}/flags`: patterns in the stored responses worth a second look,
//! a page of units at a time.
//! A flag is never an exclusion: a person reviews it and excludes responses, or not, with a
//! reason. Only what is stored can be judged: answer sheets, arrival times, channels and who
//! entered a form (the form does not report how long a respondent took).

use super::unit_page::{self, PageQuery};
use crate::auth::Caller;
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::store::Mark;
use hailong_domain::CampaignId;
use hailong_domain::{Channel, Response, UnitCode};
use lambda_http::{Body, Response as HttpResponse};
use serde::Serialize;
use std::collections::BTreeMap;

/// At least this many QR answers of one unit…
pub const BURST_COUNT: usize = 5;
/// …within this span make a burst (one phone passed round, or a script).
pub const BURST_WINDOW_MS: i64 = 2 * 60_000;
/// Staff entering forms of at least `LONG_FORM_ANSWERS` answers closer together than this cannot
/// have copied them from paper or a call.
pub const FAST_ENTRY_MS: i64 = 20_000;
pub const LONG_FORM_ANSWERS: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Two or more responses of a unit with the very same answers.
    IdenticalAnswers,
    /// Many QR answers of a unit within a short span.
    Burst,
    /// Forms entered by one staff member faster than they can be typed.
    FastEntry,
}

#[derive(Debug, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    pub unit: UnitCode,
    /// The responses concerned, in arrival order.
    pub responses: Vec<String>,
    pub detail: String,
}

fn flag(kind: FlagKind, unit: &UnitCode, responses: &[&Response], detail: String) -> Flag {
    Flag { kind, unit: unit.clone(), responses: responses.iter().map(|r| r.id.to_string()).collect(), detail }
}

fn seconds(ms: i64) -> String {
    format!("{:.0} s", ms as f64 / 1000.0)
}

/// Responses with the same questionnaire and the same answers, two or more.
fn identical_answers(unit: &UnitCode, responses: &[&Response]) -> Vec<Flag> {
    let mut groups: BTreeMap<String, Vec<&Response>> = BTreeMap::new();
    for r in responses {
        let sheet = serde_json::to_string(&r.answers).expect("answers serialise");
        groups.entry(format!("{}#{}#{sheet}", r.questionnaire.id, r.questionnaire.version)).or_default().push(r);
    }
    groups
        .into_values()
        .filter(|g| g.len() >= 2)
        .map(|g| {
            let detail =
                format!("{} responses give the same answers to all {} items answered", g.len(), g[0].answers.len());
            flag(FlagKind::IdenticalAnswers, unit, &g, detail)
        })
        .collect()
}

/// Splits `sorted` responses into runs in which each one is `close` to the one before.
fn runs<'a>(sorted: &[&'a Response], close: impl Fn(&Response, &Response) -> bool) -> Vec<Vec<&'a Response>> {
    let mut runs: Vec<Vec<&Response>> = Vec::new();
    for (i, r) in sorted.iter().enumerate() {
        match runs.last_mut() {
            Some(run) if i > 0 && close(sorted[i - 1], r) => run.push(r),
            _ => runs.push(vec![r]),
        }
    }
    runs
}

/// QR answers at least `BURST_COUNT` of which arrived within `BURST_WINDOW_MS`: every window
/// that holds that many is marked, and overlapping windows are reported together.
fn bursts(unit: &UnitCode, responses: &[&Response]) -> Vec<Flag> {
    let mut qr: Vec<&Response> = responses.iter().copied().filter(|r| r.source.channel() == Channel::Qr).collect();
    qr.sort_by_key(|r| r.received_at_ms);
    let mut marked = vec![false; qr.len()];
    let mut end = 0;
    for start in 0..qr.len() {
        end = end.max(start);
        while end + 1 < qr.len() && qr[end + 1].received_at_ms - qr[start].received_at_ms <= BURST_WINDOW_MS {
            end += 1;
        }
        if end + 1 - start >= BURST_COUNT {
            marked[start..=end].iter_mut().for_each(|m| *m = true);
        }
    }
    let in_burst: Vec<&Response> = qr.iter().zip(&marked).filter(|(_, m)| **m).map(|(r, _)| *r).collect();
    runs(&in_burst, |a, b| b.received_at_ms - a.received_at_ms <= BURST_WINDOW_MS)
        .into_iter()
        .map(|run| {
            let (first, last) = (run[0].received_at_ms, run[run.len() - 1].received_at_ms);
            let detail =
                format!("{} QR answers within {} from {}", run.len(), seconds(last - first), clock::rfc3339(first));
            flag(FlagKind::Burst, unit, &run, detail)
        })
        .collect()
}

/// Staff entries of long forms less than `FAST_ENTRY_MS` after the same person's previous entry.
fn fast_entries(unit: &UnitCode, responses: &[&Response]) -> Vec<Flag> {
    let mut by_staff: BTreeMap<&str, Vec<&Response>> = BTreeMap::new();
    for r in responses.iter() {
        if let Some(user) = r.source.entered_by() {
            by_staff.entry(user).or_default().push(r);
        }
    }
    let mut flags = Vec::new();
    for (user, mut entries) in by_staff {
        entries.sort_by_key(|r| r.received_at_ms);
        let fast = |a: &Response, b: &Response| {
            b.answers.len() >= LONG_FORM_ANSWERS && b.received_at_ms - a.received_at_ms < FAST_ENTRY_MS
        };
        for run in runs(&entries, fast).into_iter().filter(|run| run.len() >= 2) {
            let fastest = run.windows(2).map(|w| w[1].received_at_ms - w[0].received_at_ms).min().unwrap_or_default();
            let detail = format!(
                "{user} entered {} forms of {LONG_FORM_ANSWERS} or more answers each less than {} after the previous one (fastest {})",
                run.len(),
                seconds(FAST_ENTRY_MS),
                seconds(fastest)
            );
            flags.push(flag(FlagKind::FastEntry, unit, &run, detail));
        }
    }
    flags
}

/// Every flag of one unit's counted responses.
pub fn unit_flags(unit: &UnitCode, responses: &[&Response]) -> Vec<Flag> {
    let mut flags = identical_answers(unit, responses);
    flags.extend(bursts(unit, responses));
    flags.extend(fast_entries(unit, responses));
    flags
}

/// The responses of a unit that its flags are judged on: its latest, a bounded read whatever
/// the unit's size (a unit's quota is a few hundred; a larger one is judged on its latest).
pub const FLAG_READ: usize = 1_000;

/// Flags of one page of the units the caller may see (staff: their own), leaving out excluded
/// responses: those have been reviewed already.
pub async fn get(
    ctx: &Context,
    caller: &Caller,
    campaign_id: &CampaignId,
    query: &PageQuery,
) -> Result<HttpResponse<Body>, ApiError> {
    let campaign = crate::services::campaign(ctx, campaign_id).await?;
    let page = unit_page::page(&campaign, caller, query)?;
    let mut flags = Vec::new();
    for member in page.units {
        let (marks, responses) = tokio::try_join!(
            ctx.store.unit_marks(&campaign.id, &member.code),
            ctx.store.latest_responses(campaign_id, &member.code, FLAG_READ)
        )?;
        let counted: Vec<&Response> = responses.iter().filter(|r| marks.get(&r.id) != Some(&Mark::Excluded)).collect();
        flags.extend(unit_flags(&member.code, &counted));
    }
    // Submissions refused as bots, campaign-wide counts by reason: nothing of them was stored.
    let refused = ctx.store.refusals(campaign_id).await?;
    Ok(json(
        200,
        &serde_json::json!({ "campaign": campaign.id, "flags": flags, "refused": refused, "next": page.next }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn response(channel: &str, at_s: i64, entered_by: Option<&str>, answers: serde_json::Value) -> Response {
        serde_json::from_value(json!({
            "id": uuid::Uuid::from_u128(at_s as u128 * 1000 + answers.as_object().map_or(0, |a| a.len()) as u128),
            "campaign": "c", "unit": "u", "questionnaire": {"id": "q", "version": 1}, "channel": channel,
            "answers": answers, "received_at_ms": at_s * 1000, "entered_by": entered_by,
            "serial": (channel == "paper").then(|| format!("P-{at_s}")),
        }))
        .unwrap()
    }

    /// Twelve answers, told apart by `n`.
    fn long_form(n: i64) -> serde_json::Value {
        let mut answers: serde_json::Map<_, _> = (0..12).map(|i| (format!("a{i}"), json!(i % 5 + 1))).collect();
        answers.insert("n".into(), json!(n));
        answers.into()
    }

    fn kinds(responses: &[Response]) -> Vec<(FlagKind, usize)> {
        let refs: Vec<&Response> = responses.iter().collect();
        unit_flags(&UnitCode::parse("u").unwrap(), &refs).iter().map(|f| (f.kind, f.responses.len())).collect()
    }

    #[test]
    fn identical_sheets_are_flagged_once_per_group() {
        let rs = [
            response("qr", 0, None, json!({"a": 1, "b": 2})),
            response("qr", 600, None, json!({"a": 1, "b": 3})),
            response("qr", 1200, None, json!({"a": 1, "b": 2})),
            response("qr", 1800, None, json!({"a": 1, "b": 2})),
        ];
        assert_eq!(kinds(&rs), vec![(FlagKind::IdenticalAnswers, 3)]);
    }

    #[test]
    fn bursts_of_qr_answers_are_flagged_and_spread_ones_are_not() {
        // Five within two minutes, then a sixth within two minutes of the second, then five spread
        // over an hour: one burst of six.
        let mut rs: Vec<Response> = [0, 20, 40, 60, 100, 130]
            .iter()
            .enumerate()
            .map(|(i, t)| response("qr", *t, None, long_form(i as i64)))
            .collect();
        rs.extend((0..5).map(|i| response("qr", 3600 + i * 900, None, long_form(10 + i))));
        assert_eq!(kinds(&rs), vec![(FlagKind::Burst, 6)]);
        // Paper forms entered in a row are not a QR burst.
        let paper: Vec<Response> = (0..6).map(|i| response("paper", i * 30, Some("lan"), long_form(i))).collect();
        assert_eq!(kinds(&paper), vec![]);
    }

    #[test]
    fn fast_entries_of_long_forms_by_one_person() {
        let rs = [
            response("paper", 0, Some("lan"), long_form(0)),
            response("paper", 8, Some("lan"), long_form(1)),
            response("paper", 15, Some("lan"), long_form(2)),
            response("paper", 100, Some("lan"), long_form(3)),
            // Another person at the same moments; and a short form quickly after.
            response("phone", 9, Some("minh"), long_form(4)),
            response("phone", 200, Some("minh"), long_form(5)),
            response("phone", 205, Some("minh"), json!({"a": 1})),
        ];
        let refs: Vec<&Response> = rs.iter().collect();
        let flags = unit_flags(&UnitCode::parse("u").unwrap(), &refs);
        assert_eq!(flags.len(), 1, "{flags:?}");
        assert_eq!(flags[0].kind, FlagKind::FastEntry);
        assert_eq!(flags[0].responses, vec![rs[0].id.to_string(), rs[1].id.to_string(), rs[2].id.to_string()]);
        assert!(
            flags[0].detail.contains("lan entered 3 forms") && flags[0].detail.contains("fastest 7 s"),
            "{}",
            flags[0].detail
        );
    }
}
