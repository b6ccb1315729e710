//! The figures of a campaign from its running aggregates: what a publication job (`job.rs`)
//! publishes as an immutable, versioned snapshot, and what a preview job (`preview.rs`) shows
//! before.

use crate::auth::Caller;
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::store::Exclusion;
use hailong_domain::results::{Aggregate, Snapshot, UnitInput};
use hailong_domain::{Campaign, CampaignId, Questionnaire};
use std::collections::{BTreeMap, HashMap};

async fn questionnaires(ctx: &Context, campaign: &Campaign) -> Result<Vec<Questionnaire>, ApiError> {
    let mut found = Vec::new();
    for q in campaign.questionnaires.values() {
        if !found.iter().any(|x: &Questionnaire| x.reference() == *q) {
            found.extend(ctx.store.questionnaire(q).await?);
        }
    }
    Ok(found)
}

/// Excluded responses (of the units `caller` may see), counted by reason: what a snapshot says.
pub fn excluded_by_reason(records: &[Exclusion], caller: &Caller) -> BTreeMap<String, u64> {
    let mut by_reason = BTreeMap::new();
    for e in records.iter().filter(|e| caller.may_see_unit(&e.unit)) {
        *by_reason.entry(e.reason.as_str().to_owned()).or_insert(0) += 1;
    }
    by_reason
}

/// What a snapshot says of its own version: the preview's is version 0, with no digest.
pub struct Stamp {
    pub version: u32,
    pub published_at: String,
    pub reason: Option<String>,
    pub digest: String,
}

/// The figures of a campaign from its aggregates (every unit, empty ones included), with its
/// exclusions counted by reason.
pub async fn compute(
    ctx: &Context,
    campaign: &Campaign,
    excluded: BTreeMap<String, u64>,
    caller: &Caller,
    stamp: Stamp,
) -> Result<Snapshot, ApiError> {
    let qs = questionnaires(ctx, campaign).await?;
    let register: HashMap<String, hailong_domain::Unit> =
        ctx.store.units().await?.into_iter().map(|u| (u.code.to_string(), u)).collect();
    let mut by_unit: HashMap<String, Aggregate> = HashMap::new();
    for (slot, aggregate) in ctx.store.aggregates(&campaign.id).await? {
        let unit = slot.split('#').next().unwrap_or_default().to_owned();
        match by_unit.get_mut(&unit) {
            Some(existing) => existing.merge(&aggregate).map_err(|e| {
                ApiError::refused("publish_failed", format!("unit {unit} answered two questionnaire versions: {e}"))
            })?,
            None => {
                by_unit.insert(unit, aggregate);
            }
        }
    }
    let mut units = Vec::new();
    for member in &campaign.units {
        let aggregate = match by_unit.remove(member.code.as_str()) {
            Some(a) => a,
            None => {
                let reference = campaign.questionnaire_for(member.kind).expect("checked when planned");
                let q = qs.iter().find(|q| q.reference() == *reference).expect("stored with the campaign");
                Aggregate::new(q).map_err(|e| ApiError::refused("publish_failed", e.to_string()))?
            }
        };
        let known = register.get(member.code.as_str());
        let name = known.map_or_else(|| member.code.to_string(), |u| u.name.clone());
        units.push(UnitInput { code: member.code.clone(), name, volume: known.and_then(|u| u.volume), aggregate });
    }
    let role = caller.role.group().to_owned();
    let Stamp { version, published_at, reason, digest } = stamp;
    Snapshot::build(campaign, &units, &qs, excluded, version, published_at, role, reason, digest)
        .map_err(|e| ApiError::refused("publish_failed", e.to_string()))
}

/// The figures as they would be published now, of the units `caller` may see: what a preview
/// job (`preview.rs`) computes.
pub async fn preview(ctx: &Context, caller: &Caller, id: &CampaignId) -> Result<Snapshot, ApiError> {
    let mut campaign = crate::services::campaign(ctx, id).await?;
    // Staff see their own units only, and so the overall figures of those units: the province's
    // unpublished figures are not theirs to read.
    campaign.units.retain(|u| caller.may_see_unit(&u.code));
    let excluded = excluded_by_reason(&ctx.store.exclusions(id).await?, caller);
    let stamp =
        Stamp { version: 0, published_at: clock::rfc3339(clock::now_ms()), reason: None, digest: String::new() };
    compute(ctx, &campaign, excluded, caller, stamp).await
}
