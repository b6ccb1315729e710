//! Campaigns: created from a plan as drafts, then opened and closed.

use crate::auth::Caller;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use hailong_domain::{
    Authority, Campaign, CampaignId, CampaignStatus, CampaignUnit, Date, QuestionnaireRef, TargetRule, Unit, UnitCode,
    UnitKind, suggested_quota,
};
use lambda_http::{Body, Response};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The body of `POST /api/admin/campaigns`: the plan as the seed documents write it.
#[derive(Debug, Deserialize)]
pub struct CampaignPlan {
    pub id: CampaignId,
    pub title: String,
    /// Who runs the campaign, as its documents are headed ("Sở Nội vụ tỉnh Khánh Hòa"); read as
    /// text so that an empty or overlong name is a 400 saying which.
    pub authority: String,
    pub opens: Date,
    pub closes: Date,
    /// The questionnaire (and version) each kind of unit answers.
    pub questionnaires: BTreeMap<UnitKind, QuestionnaireRef>,
    /// Units picked one by one…
    #[serde(default)]
    pub units: Vec<UnitCode>,
    /// …and/or every active unit of these kinds, under `parent` (at any depth) when given.
    #[serde(default)]
    pub kinds: Vec<UnitKind>,
    #[serde(default)]
    pub parent: Option<UnitCode>,
    /// Quota per kind; otherwise the Yamane size of the unit's service volume, otherwise the
    /// usual local quota (60 per commune office, 50 per station).
    #[serde(default)]
    pub quotas: BTreeMap<UnitKind, u32>,
    #[serde(default)]
    pub target_pct: Option<f64>,
    /// `"above"` (index > target) or `"at_least"` (≥), read as text so that another word is a
    /// 400 that names both; strictly above unless said, as the seeds' "> 90%" is.
    #[serde(default)]
    pub target_rule: Option<String>,
    #[serde(default)]
    pub min_responses: Option<u32>,
}

fn default_quota(kind: UnitKind) -> u32 {
    match kind {
        UnitKind::UbndXa | UnitKind::UbndPhuong => 60,
        _ => 50,
    }
}

fn under(unit: &Unit, parent: &UnitCode, register: &BTreeMap<&UnitCode, &Unit>) -> bool {
    let mut at = unit.parent.as_ref();
    let mut steps = 0;
    while let Some(p) = at {
        if p == parent {
            return true;
        }
        steps += 1;
        at = register.get(p).and_then(|u| u.parent.as_ref()).filter(|_| steps < 32);
    }
    false
}

/// Turns a plan into a draft campaign over the registered units.
pub fn plan_campaign(plan: CampaignPlan, register: &[Unit]) -> Result<Campaign, ApiError> {
    let invalid = |e: hailong_domain::campaign::CampaignError| ApiError::bad_request("invalid_plan", e.to_string());
    let authority =
        Authority::parse(&plan.authority).map_err(|e| ApiError::bad_request("invalid_plan", e.to_string()))?;
    let target_rule = plan.target_rule.as_deref().map_or(Ok(TargetRule::Above), TargetRule::parse).map_err(invalid)?;
    let by_code: BTreeMap<&UnitCode, &Unit> = register.iter().map(|u| (&u.code, u)).collect();
    let mut picked: BTreeSet<&UnitCode> = BTreeSet::new();
    for code in &plan.units {
        let unit = by_code
            .get(code)
            .ok_or_else(|| ApiError::bad_request("invalid_plan", format!("unit {code} is not registered")))?;
        if !unit.active {
            return Err(ApiError::bad_request("invalid_plan", format!("unit {code} is deactivated")));
        }
        picked.insert(code);
    }
    for unit in register.iter().filter(|u| u.active && plan.kinds.contains(&u.kind)) {
        if plan.parent.as_ref().is_none_or(|p| under(unit, p, &by_code)) {
            picked.insert(&unit.code);
        }
    }
    let units = picked
        .into_iter()
        .map(|code| {
            let unit = by_code[code];
            let quota = plan
                .quotas
                .get(&unit.kind)
                .copied()
                .or(unit.volume.map(suggested_quota))
                .unwrap_or(default_quota(unit.kind));
            CampaignUnit { code: code.clone(), kind: unit.kind, quota }
        })
        .collect();
    let campaign = Campaign {
        id: plan.id,
        title: plan.title.trim().to_owned(),
        authority: Some(authority),
        status: CampaignStatus::Draft,
        questionnaires: plan.questionnaires,
        units,
        opens: plan.opens,
        closes: plan.closes,
        target_pct: plan.target_pct.unwrap_or(90.0),
        target_rule,
        min_responses: plan.min_responses.unwrap_or(30),
    };
    campaign.check().map_err(invalid)?;
    Ok(campaign)
}

pub async fn list(ctx: &Context, _caller: &Caller) -> Result<Response<Body>, ApiError> {
    Ok(json(200, &ctx.store.campaigns().await?))
}

pub async fn create(ctx: &Context, caller: &Caller, plan: CampaignPlan) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let campaign = plan_campaign(plan, &ctx.store.units().await?)?;
    for q in campaign.questionnaires.values() {
        if ctx.store.questionnaire(q).await?.is_none() {
            return Err(ApiError::bad_request(
                "invalid_plan",
                format!("questionnaire {} version {} does not exist", q.id, q.version),
            ));
        }
    }
    if !ctx.store.insert_campaign(&campaign).await? {
        return Err(ApiError::refused("campaign_exists", format!("a campaign {} exists already", campaign.id)));
    }
    ctx.store
        .audit(
            caller,
            "campaign.create",
            campaign.id.as_str(),
            None,
            Some(serde_json::to_value(&campaign).expect("serialises")),
        )
        .await?;
    Ok(json(201, &campaign))
}

pub async fn get(ctx: &Context, _caller: &Caller, id: &CampaignId) -> Result<Response<Body>, ApiError> {
    let campaign = crate::services::campaign(ctx, id).await?;
    let names: BTreeMap<UnitCode, String> = ctx.store.units().await?.into_iter().map(|u| (u.code, u.name)).collect();
    let units: Vec<_> = campaign
        .units
        .iter()
        .map(|u| serde_json::json!({ "code": u.code, "name": names.get(&u.code), "kind": u.kind, "quota": u.quota }))
        .collect();
    Ok(json(200, &serde_json::json!({ "campaign": campaign, "units": units })))
}

async fn transition(
    ctx: &Context,
    caller: &Caller,
    id: &CampaignId,
    from: CampaignStatus,
    to: CampaignStatus,
) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let mut campaign = crate::services::campaign(ctx, id).await?;
    if campaign.status != from {
        return Err(ApiError::refused(
            "wrong_status",
            format!("the campaign is {:?}, not {from:?}", campaign.status).to_lowercase(),
        ));
    }
    campaign.status = to;
    ctx.store.save_campaign(&campaign).await?;
    let action = if to == CampaignStatus::Open { "campaign.open" } else { "campaign.close" };
    ctx.store
        .audit(
            caller,
            action,
            id.as_str(),
            Some(serde_json::json!({ "status": from })),
            Some(serde_json::json!({ "status": to })),
        )
        .await?;
    Ok(json(200, &campaign))
}

pub async fn open(ctx: &Context, caller: &Caller, id: &CampaignId) -> Result<Response<Body>, ApiError> {
    transition(ctx, caller, id, CampaignStatus::Draft, CampaignStatus::Open).await
}

pub async fn close(ctx: &Context, caller: &Caller, id: &CampaignId) -> Result<Response<Body>, ApiError> {
    transition(ctx, caller, id, CampaignStatus::Open, CampaignStatus::Closed).await
}

/// The body of `PUT …/units/{u}/quota`.
#[derive(Debug, Deserialize)]
pub struct QuotaChange {
    pub quota: u32,
}

/// `PUT /api/admin/campaigns/{c}/units/{u}/quota`: one unit's own quota, where the plan's default
/// for its kind does not fit (a busy ward, a small station). A closed campaign's quotas are history.
pub async fn set_quota(
    ctx: &Context,
    caller: &Caller,
    id: &CampaignId,
    unit: &UnitCode,
    change: QuotaChange,
) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let mut campaign = crate::services::campaign(ctx, id).await?;
    if campaign.status == CampaignStatus::Closed {
        return Err(ApiError::refused("campaign_closed", "the campaign is closed; its quotas can no longer change"));
    }
    if change.quota == 0 {
        return Err(ApiError::bad_request("invalid_quota", "a quota must be at least 1 response"));
    }
    let member = campaign
        .units
        .iter_mut()
        .find(|u| &u.code == unit)
        .ok_or_else(|| ApiError::NotFound(format!("unit {unit} is not in campaign {id}")))?;
    let before = std::mem::replace(&mut member.quota, change.quota);
    ctx.store.save_campaign(&campaign).await?;
    let (before, after) = (serde_json::json!({ "quota": before }), serde_json::json!({ "quota": change.quota }));
    ctx.store.audit(caller, "campaign.quota", &format!("{id}/{unit}"), Some(before), Some(after)).await?;
    Ok(json(200, &serde_json::json!({ "code": unit, "quota": change.quota })))
}
