//! `GET /api/admin/campaigns/{c}/progress`: responses against quota per unit and channel, units
//! behind schedule, re-verification progress, and alerts when a unit's recent answers turn bad,
//! a page of units at a time.

use super::unit_page::{self, PageQuery};
use super::verification::VerificationStatus;
use crate::auth::Caller;
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::store::Mark;
use hailong_domain::api::{Progress, UnitProgress, VerificationProgress};
use hailong_domain::{
    AnswerValue, Campaign, CampaignUnit, ItemKind, Questionnaire, QuestionnaireRef, Response, suggested_quota,
};
use hailong_domain::{CampaignId, ResponseId};
use lambda_http::{Body, Response as HttpResponse};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A unit is behind when it has less than this share of what its quota asks for by today.
const BEHIND_SHARE: f64 = 0.8;
/// The alert rule: of the last `ALERT_WINDOW` answers of the past day, at least half dissatisfied.
const ALERT_WINDOW: usize = 10;
const DAY_MS: i64 = 86_400_000;

/// Dissatisfied: at least half of the answered scored items rated 1–2 (a frowning face on faces).
pub fn dissatisfied(response: &Response, q: &Questionnaire) -> bool {
    let (mut answered, mut low) = (0, 0);
    for (_, item) in q.items().filter(|(_, i)| i.scored) {
        let Some(AnswerValue::Int(v)) = response.answers.get(item.id.as_str()) else { continue };
        let is_low = match item.kind {
            ItemKind::Faces3 => *v == 1,
            _ if *v == 0 => continue,
            _ => *v <= 2,
        };
        answered += 1;
        low += usize::from(is_low);
    }
    answered > 0 && 2 * low >= answered
}

/// The alert, if the unit's recent answers turned bad (responses in arrival order).
pub fn alert(
    counted: &[&Response],
    questionnaires: &HashMap<QuestionnaireRef, Questionnaire>,
    now_ms: i64,
) -> Option<String> {
    let recent: Vec<&&Response> = counted.iter().filter(|r| r.received_at_ms > now_ms - DAY_MS).collect();
    let last = &recent[recent.len().saturating_sub(ALERT_WINDOW)..];
    if last.len() < ALERT_WINDOW {
        return None;
    }
    let bad = last.iter().filter(|r| questionnaires.get(&r.questionnaire).is_some_and(|q| dissatisfied(r, q))).count();
    (2 * bad >= last.len()).then(|| format!("{bad} of the last {} answers within a day are dissatisfied", last.len()))
}

/// The responses a unit's alert reads: the latest few windows' worth, newest first, so that a
/// window stays full with excluded responses among them (unless three in four are excluded).
const ALERT_READ: usize = 4 * ALERT_WINDOW;

/// What every unit of a page is judged against.
struct Setting<'a> {
    campaign: &'a Campaign,
    questionnaires: &'a HashMap<QuestionnaireRef, Questionnaire>,
    expected_share: f64,
    now_ms: i64,
}

/// One page of the units the caller may see (`unit_page`): each unit's counts come from its own
/// keys (responses counted on `by_unit`, exclusions from its marks, channels from its
/// aggregates, the alert from its latest responses, its re-verification records), so a page
/// costs the same at 30 units or 10,000.
pub async fn get(
    ctx: &Context,
    caller: &Caller,
    campaign_id: &CampaignId,
    query: &PageQuery,
) -> Result<HttpResponse<Body>, ApiError> {
    let campaign = crate::services::campaign(ctx, campaign_id).await?;
    let page = unit_page::page(&campaign, caller, query)?;
    let mut questionnaires = HashMap::new();
    for q in campaign.questionnaires.values() {
        if let Some(found) = ctx.store.questionnaire(q).await? {
            questionnaires.insert(q.clone(), found);
        }
    }
    let span = (campaign.closes.days_since_epoch() - campaign.opens.days_since_epoch() + 1) as f64;
    let elapsed = (clock::today().days_since_epoch() - campaign.opens.days_since_epoch() + 1) as f64;
    let expected_share = (elapsed / span).clamp(0.0, 1.0);
    let setting =
        Setting { campaign: &campaign, questionnaires: &questionnaires, expected_share, now_ms: clock::now_ms() };
    let mut units = Vec::with_capacity(page.units.len());
    for member in page.units {
        units.push(unit_progress(ctx, &setting, member).await?);
    }
    let (id, status) = (campaign.id.clone(), campaign.status);
    Ok(json(200, &Progress { campaign: id, status, expected_share, units, next: page.next }))
}

async fn unit_progress(ctx: &Context, at: &Setting<'_>, member: &CampaignUnit) -> Result<UnitProgress, ApiError> {
    let (campaign, code) = (&at.campaign.id, &member.code);
    // The unit's reads are independent of one another: side by side, a page takes the time of
    // its units' slowest read rather than the sum of them all.
    let (received, marks, aggregates, latest, unit, posters, verifications) = tokio::try_join!(
        ctx.store.count_responses(campaign, code),
        ctx.store.unit_marks(campaign, code),
        ctx.store.unit_aggregates(campaign, code),
        ctx.store.latest_responses(campaign, code, ALERT_READ),
        ctx.store.unit(code),
        ctx.store.unit_poster_counts(campaign, code),
        ctx.store.unit_verifications(campaign, code),
    )?;
    let received = received as usize;
    let excluded: BTreeSet<&ResponseId> =
        marks.iter().filter(|(_, m)| **m == Mark::Excluded).map(|(id, _)| id).collect();
    let counted = received.saturating_sub(excluded.len());
    let mut by_channel = BTreeMap::new();
    for aggregate in &aggregates {
        for (channel, tally) in aggregate.channels() {
            *by_channel.entry(*channel).or_insert(0) += tally.n() as usize;
        }
    }
    let recent: Vec<&Response> = latest.iter().filter(|r| !excluded.contains(&r.id)).collect();
    let volume = unit.as_ref().and_then(|u| u.volume);
    let mut verification = VerificationProgress::default();
    for v in &verifications {
        verification.sampled += 1;
        match v.status {
            VerificationStatus::Confirmed => verification.confirmed += 1,
            VerificationStatus::Discrepancy => verification.discrepancy += 1,
            VerificationStatus::Pending => {}
        }
    }
    Ok(UnitProgress {
        code: code.to_string(),
        name: unit.map(|u| u.name),
        quota: member.quota,
        received,
        counted,
        excluded: received - counted,
        by_channel,
        pct_of_quota: 100.0 * counted as f64 / f64::from(member.quota),
        behind: (counted as f64) < BEHIND_SHARE * at.expected_share * f64::from(member.quota),
        volume,
        suggested_quota: volume.map(suggested_quota),
        response_rate: volume.filter(|v| *v > 0).map(|v| 100.0 * counted as f64 / f64::from(v)),
        verification,
        alert: alert(&recent, at.questionnaires, at.now_ms),
        posters,
    })
}
