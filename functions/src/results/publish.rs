//! Publishing a closed campaign: an immutable, versioned snapshot of its figures, computed from the
//! running aggregates, with a Merkle digest over the counted responses so anyone holding a receipt
//! can check that their answer is in it.

use crate::auth::Caller;
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::snapshots;
use crate::store::{LeafParts, Mark};
use hailong_domain::api::Window;
use hailong_domain::results::{Aggregate, MerkleTree, Snapshot, UnitInput, leaf_string};
use hailong_domain::{Campaign, CampaignStatus, Questionnaire, Receipt};
use lambda_http::{Body, Response};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use hailong_domain::api::{CountedProof, Publication, PublishedVersion};

#[derive(Debug, Deserialize, Default)]
pub struct PublishRequest {
    #[serde(default)]
    pub reason: Option<String>,
}

async fn questionnaires(ctx: &Context, campaign: &Campaign) -> Result<Vec<Questionnaire>, ApiError> {
    let mut found = Vec::new();
    for q in campaign.questionnaires.values() {
        if !found.iter().any(|x: &Questionnaire| x.reference() == *q) {
            found.extend(ctx.store.questionnaire(q).await?);
        }
    }
    Ok(found)
}

/// Excluded responses of a campaign (of the units `caller` may see), counted by reason.
async fn exclusions(
    ctx: &Context,
    campaign: &str,
    caller: &Caller,
) -> Result<(BTreeSet<String>, BTreeMap<String, u64>), ApiError> {
    let mut records = ctx.store.exclusions(campaign).await?;
    records.retain(|e| caller.may_see_unit(e.unit.as_str()));
    let mut by_reason = BTreeMap::new();
    for e in &records {
        *by_reason.entry(e.reason.as_str().to_owned()).or_insert(0) += 1;
    }
    Ok((records.into_iter().map(|e| e.response).collect(), by_reason))
}

/// The figures of a campaign from its aggregates (every unit, empty ones included), with its
/// exclusions counted by reason.
pub async fn compute(
    ctx: &Context,
    campaign: &Campaign,
    excluded: BTreeMap<String, u64>,
    version: u32,
    caller: &Caller,
    reason: Option<String>,
    digest: String,
) -> Result<Snapshot, ApiError> {
    let qs = questionnaires(ctx, campaign).await?;
    let register: HashMap<String, hailong_domain::Unit> =
        ctx.store.units().await?.into_iter().map(|u| (u.code.to_string(), u)).collect();
    let mut by_unit: HashMap<String, Aggregate> = HashMap::new();
    for (slot, aggregate) in ctx.store.aggregates(campaign.id.as_str()).await? {
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
    Snapshot::build(campaign, &units, &qs, excluded, version, clock::rfc3339(clock::now_ms()), role, reason, digest)
        .map_err(|e| ApiError::refused("publish_failed", e.to_string()))
}

/// `POST /api/admin/campaigns/{c}/publish`, body `{"reason"?}`: administrators only; the campaign
/// must be closed; a second publication needs a public reason.
pub async fn publish(
    ctx: &Context,
    caller: &Caller,
    id: &str,
    req: PublishRequest,
) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let campaign = crate::services::campaign(ctx, id).await?;
    if campaign.status != CampaignStatus::Closed {
        return Err(ApiError::refused("campaign_not_closed", "close the campaign before publishing its results"));
    }
    let previous = ctx.store.publication(id).await?;
    let version = previous.as_ref().map_or(1, |p| p.versions.len() as u32 + 1);
    let reason = req.reason.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty());
    if version > 1 && reason.is_none() {
        return Err(ApiError::bad_request(
            "reason_required",
            "a new version of published results needs a public reason",
        ));
    }

    // The digest covers exactly the responses the aggregates count.
    let (excluded, by_reason) = exclusions(ctx, id, caller).await?;
    // One query for every mark, rather than a read per response.
    let marks = ctx.store.marks(id).await?;
    let mut leaves: Vec<(String, String)> = Vec::new();
    for member in &campaign.units {
        for LeafParts { id: rid, receipt, fingerprint } in ctx.store.unit_leaf_parts(id, member.code.as_str()).await? {
            if excluded.contains(&rid) || marks.get(&rid) != Some(&Mark::Counted) {
                continue;
            }
            let uuid = rid
                .parse()
                .map_err(|_| ApiError::refused("publish_failed", format!("stored response id {rid} is not a UUID")))?;
            let receipt = Receipt::parse(&receipt).map_err(|e| ApiError::refused("publish_failed", e.to_string()))?;
            leaves.push((rid, leaf_string(&uuid, &receipt, &fingerprint)));
        }
    }
    let tree = MerkleTree::new(leaves.iter().map(|(_, l)| l.as_str()));
    let snapshot = compute(ctx, &campaign, by_reason, version, caller, reason.clone(), tree.root_hex()).await?;
    let counted: u64 = snapshot.units.iter().map(|u| u.figures.n).sum();
    if counted != leaves.len() as u64 {
        return Err(ApiError::refused(
            "not_counted_yet",
            format!(
                "{} responses are not counted yet ({} of {}); publish again in a moment",
                leaves.len() as u64 - counted.min(leaves.len() as u64),
                counted,
                leaves.len()
            ),
        ));
    }
    // Claiming the version number first makes two concurrent publications impossible.
    if !ctx.store.claim_publication(id, version, &snapshot.published_at).await? {
        return Err(ApiError::refused("publish_busy", "another publication of this campaign is under way"));
    }
    let body = serde_json::to_vec_pretty(&snapshot).expect("snapshots serialise");
    ctx.snapshots.put(&snapshots::path(id, version), body).await?;
    let proofs: Vec<(String, CountedProof)> = leaves
        .iter()
        .map(|(rid, leaf)| {
            let proof = tree.proof(leaf).expect("every leaf is in its tree");
            (rid.clone(), CountedProof { version, digest: tree.root_hex(), leaf: leaf.clone(), proof })
        })
        .collect();
    ctx.store.save_proofs(id, &proofs).await?;
    let mut publication = previous.unwrap_or(Publication {
        campaign: id.to_owned(),
        title: campaign.title.clone(),
        period: None,
        versions: vec![],
    });
    publication.period = Some(Window { opens: campaign.opens, closes: campaign.closes });
    publication.versions.push(PublishedVersion {
        version,
        published_at: snapshot.published_at.clone(),
        reason,
        digest: snapshot.digest.clone(),
    });
    ctx.store.save_publication(&publication).await?;
    ctx.store
        .audit(
            caller,
            "campaign.publish",
            id,
            None,
            Some(serde_json::json!({ "version": version, "digest": snapshot.digest })),
        )
        .await?;
    Ok(json(201, &snapshot))
}

/// `GET /api/admin/campaigns/{c}/preview`: the figures as they would be published now.
pub async fn preview(ctx: &Context, caller: &Caller, id: &str) -> Result<Response<Body>, ApiError> {
    let mut campaign = crate::services::campaign(ctx, id).await?;
    // Staff see their own units only, and so the overall figures of those units: the province's
    // unpublished figures are not theirs to read.
    campaign.units.retain(|u| caller.may_see_unit(u.code.as_str()));
    let (_, excluded) = exclusions(ctx, id, caller).await?;
    let snapshot = compute(ctx, &campaign, excluded, 0, caller, None, String::new()).await?;
    Ok(json(200, &snapshot))
}
