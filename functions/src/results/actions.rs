//! Improvement actions attached to a unit's result: administrators add and update them (audited),
//! and anyone reads those of a published campaign beside its figures.

use crate::auth::Caller;
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::random::random_bytes;
use crate::store::keys;
use hailong_domain::action::{ActionInput, ImprovementAction};
use hailong_domain::{CampaignId, UnitCode};
use lambda_http::{Body, Response};

/// The campaign and unit of an action, checked to exist together.
async fn member(ctx: &Context, campaign: &CampaignId, unit: &UnitCode) -> Result<(CampaignId, UnitCode), ApiError> {
    let c = ctx
        .store
        .campaign(campaign)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("there is no campaign {campaign:?}")))?;
    let u =
        c.unit(unit).ok_or_else(|| ApiError::NotFound(format!("unit {unit:?} is not part of campaign {campaign}")))?;
    Ok((c.id.clone(), u.code.clone()))
}

fn checked(input: ActionInput) -> Result<ActionInput, ApiError> {
    input.check().map_err(|e| ApiError::bad_request("invalid_action", e.to_string()))
}

/// Stores an action as given (the seed's path too); the caller has checked the campaign and unit.
pub async fn insert(
    ctx: &Context,
    campaign: CampaignId,
    unit: UnitCode,
    fields: ActionInput,
) -> Result<ImprovementAction, ApiError> {
    let now = clock::rfc3339(clock::now_ms());
    let action = ImprovementAction {
        id: uuid::Uuid::from_bytes(random_bytes()).simple().to_string(),
        campaign,
        unit,
        fields,
        created_at: now.clone(),
        updated_at: now,
    };
    if !ctx.store.insert_doc(&keys::action(&action.campaign, &action.unit, &action.id), &action).await? {
        return Err(ApiError::refused("action_exists", "an action with this id exists; send again"));
    }
    Ok(action)
}

/// `POST /api/admin/campaigns/{c}/units/{u}/actions`: administrators add an action.
pub async fn add(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    unit: &UnitCode,
    input: ActionInput,
) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let (campaign, unit) = member(ctx, campaign, unit).await?;
    let action = insert(ctx, campaign, unit, checked(input)?).await?;
    let target = format!("{}/{}/{}", action.campaign, action.unit, action.id);
    ctx.store
        .audit(caller, "action.add", &target, None, Some(serde_json::to_value(&action).expect("serialises")))
        .await?;
    Ok(json(201, &action))
}

/// `PUT /api/admin/campaigns/{c}/units/{u}/actions/{id}`: administrators replace an action's
/// task, office, deadline and status (progress is reported this way).
pub async fn update(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    unit: &UnitCode,
    id: &str,
    input: ActionInput,
) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    member(ctx, campaign, unit).await?;
    let key = keys::action(campaign, unit, id);
    let before: ImprovementAction = ctx
        .store
        .get_doc(&key)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("unit {unit} of campaign {campaign} has no action {id:?}")))?;
    let after =
        ImprovementAction { fields: checked(input)?, updated_at: clock::rfc3339(clock::now_ms()), ..before.clone() };
    ctx.store.put_docs(&[(key, &after)]).await?;
    let [b, a] = [&before, &after].map(|x| serde_json::to_value(x).expect("serialises"));
    ctx.store.audit(caller, "action.update", &format!("{campaign}/{unit}/{id}"), Some(b), Some(a)).await?;
    Ok(json(200, &after))
}

/// `GET /api/results/{c}/units/{u}/actions`: the actions of a unit of a published campaign,
/// oldest first.
pub async fn public(ctx: &Context, campaign: &CampaignId, unit: &UnitCode) -> Result<Response<Body>, ApiError> {
    if ctx.store.publication(campaign).await?.is_none() {
        return Err(ApiError::NotFound(format!("no results of campaign {campaign:?} are published")));
    }
    member(ctx, campaign, unit).await?;
    Ok(json(200, &crate::services::unit_actions(ctx, campaign, unit).await?))
}
