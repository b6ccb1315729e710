//! `GET /api/admin/campaigns/{c}/progress`: responses against quota per unit and channel, units
//! behind schedule, re-verification progress, and alerts when a unit's recent answers turn bad.

use super::verification::{Verification, VerificationStatus};
use crate::auth::Caller;
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::store::keys;
use hailong_domain::api::{Progress, UnitProgress, VerificationProgress};
use hailong_domain::{AnswerValue, ItemKind, Questionnaire, QuestionnaireRef, Response, suggested_quota};
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

pub async fn get(ctx: &Context, caller: &Caller, campaign_id: &str) -> Result<HttpResponse<Body>, ApiError> {
    let campaign = crate::services::campaign(ctx, campaign_id).await?;
    let register: HashMap<_, _> = ctx.store.units().await?.into_iter().map(|u| (u.code.clone(), u)).collect();
    let excluded: BTreeSet<String> = ctx.store.exclusions(campaign_id).await?.into_iter().map(|e| e.response).collect();
    let verifications: Vec<Verification> = ctx.store.query_docs(&keys::verifications(campaign_id)).await?;
    let mut questionnaires = HashMap::new();
    for q in campaign.questionnaires.values() {
        if let Some(found) = ctx.store.questionnaire(q).await? {
            questionnaires.insert(q.clone(), found);
        }
    }
    let mut poster_stats = ctx.store.poster_counts(campaign_id).await?;
    let now = clock::now_ms();
    let span = (campaign.closes.days_since_epoch() - campaign.opens.days_since_epoch() + 1) as f64;
    let elapsed = (clock::today().days_since_epoch() - campaign.opens.days_since_epoch() + 1) as f64;
    let expected_share = (elapsed / span).clamp(0.0, 1.0);
    let mut units = Vec::new();
    for member in campaign.units.iter().filter(|u| caller.may_see_unit(u.code.as_str())) {
        let responses = ctx.store.unit_responses(campaign_id, member.code.as_str()).await?;
        let counted: Vec<&Response> = responses.iter().filter(|r| !excluded.contains(&r.id.to_string())).collect();
        let mut by_channel = BTreeMap::new();
        for r in &counted {
            *by_channel.entry(r.source.channel()).or_insert(0) += 1;
        }
        let unit = register.get(&member.code);
        let volume = unit.and_then(|u| u.volume);
        let mut verification = VerificationProgress::default();
        for v in verifications.iter().filter(|v| v.unit == member.code) {
            verification.sampled += 1;
            match v.status {
                VerificationStatus::Confirmed => verification.confirmed += 1,
                VerificationStatus::Discrepancy => verification.discrepancy += 1,
                VerificationStatus::Pending => {}
            }
        }
        units.push(UnitProgress {
            code: member.code.to_string(),
            name: unit.map(|u| u.name.clone()),
            quota: member.quota,
            received: responses.len(),
            counted: counted.len(),
            excluded: responses.len() - counted.len(),
            by_channel,
            pct_of_quota: 100.0 * counted.len() as f64 / f64::from(member.quota),
            behind: (counted.len() as f64) < BEHIND_SHARE * expected_share * f64::from(member.quota),
            volume,
            suggested_quota: volume.map(suggested_quota),
            response_rate: volume.filter(|v| *v > 0).map(|v| 100.0 * counted.len() as f64 / f64::from(v)),
            verification,
            alert: alert(&counted, &questionnaires, now),
            posters: poster_stats.remove(member.code.as_str()).unwrap_or_default(),
        });
    }
    Ok(json(200, &Progress { campaign: campaign.id.clone(), status: campaign.status, expected_share, units }))
}
