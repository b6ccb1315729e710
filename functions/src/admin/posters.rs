//! Print-ready posters as PDF, A4 or A5 (`?size=a5`): one unit's, or all of a campaign's in one
//! file, one page each (the layout: `poster_page.rs`); and revoking a unit's poster.

use super::poster_page::Poster;
use crate::auth::Caller;
use crate::context::Context;
use crate::error::ApiError;
use crate::pdf::{self, Page, Paper};
use crate::posters::PosterState;
use hailong_domain::{Campaign, CampaignUnit};
use hailong_domain::{CampaignId, PosterCode, UnitCode};
use lambda_http::{Body, Response};

pub fn link(ctx: &Context, campaign: &CampaignId, unit: &UnitCode, code: &PosterCode) -> String {
    format!("{}/s/{campaign}/{unit}?p={code}", ctx.public_url)
}

/// The paper a `size` query asks for: A4 unless it says `a5`.
pub fn paper(size: Option<&str>) -> Result<Paper, ApiError> {
    match size.map(str::to_ascii_lowercase).as_deref() {
        None | Some("a4") => Ok(Paper::A4),
        Some("a5") => Ok(Paper::A5),
        Some(other) => {
            Err(ApiError::bad_request("invalid_paper", format!("posters print on a4 or a5 paper, not {other:?}")))
        }
    }
}

async fn render(ctx: &Context, campaign: &Campaign, member: &CampaignUnit, paper: Paper) -> Result<Page, ApiError> {
    let unit = &member.code;
    let name = ctx.store.unit(unit).await?.map(|u| u.name).unwrap_or_else(|| member.code.to_string());
    let state = ctx.poster_state(&campaign.id, unit).await?;
    let code = ctx.poster_key().await?.code(&campaign.id, unit, state.version);
    let link = link(ctx, &campaign.id, unit, &code);
    Ok(Poster { campaign, unit_name: &name, link: &link, code: code.as_str() }.page(paper))
}

fn member<'a>(campaign: &'a Campaign, unit: &UnitCode) -> Result<&'a CampaignUnit, ApiError> {
    campaign
        .unit(unit)
        .ok_or_else(|| ApiError::NotFound(format!("unit {unit:?} is not part of campaign {}", campaign.id)))
}

fn file(name: &str, body: Vec<u8>) -> Response<Body> {
    Response::builder()
        .status(200)
        .header("content-type", "application/pdf")
        .header("content-disposition", format!("inline; filename=\"{name}\""))
        .header("cache-control", "no-store")
        .body(Body::Binary(body))
        .expect("valid")
}

fn size_name(paper: Paper) -> &'static str {
    if paper == Paper::A5 { "a5" } else { "a4" }
}

/// `GET /api/admin/campaigns/{c}/units/{u}/poster[?size=a5]`: one poster, one PDF page.
pub async fn one(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    unit: &UnitCode,
    size: Option<&str>,
) -> Result<Response<Body>, ApiError> {
    caller.require_unit_read(unit)?;
    let paper = paper(size)?;
    let campaign = crate::services::campaign(ctx, campaign).await?;
    let page = render(ctx, &campaign, member(&campaign, unit)?, paper).await?;
    let name = format!("{}-{unit}-{}.pdf", campaign.id, size_name(paper));
    Ok(file(&name, pdf::document(&campaign.title, vec![page])))
}

/// `GET /api/admin/campaigns/{c}/posters[?size=a5]`: every poster of the campaign in one PDF
/// to print, one page each.
pub async fn all(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    size: Option<&str>,
) -> Result<Response<Body>, ApiError> {
    let paper = paper(size)?;
    let campaign = crate::services::campaign(ctx, campaign).await?;
    for u in &campaign.units {
        caller.require_unit_read(&u.code)?;
    }
    let mut pages = Vec::with_capacity(campaign.units.len());
    for u in &campaign.units {
        pages.push(render(ctx, &campaign, u, paper).await?);
    }
    let name = format!("{}-posters-{}.pdf", campaign.id, size_name(paper));
    Ok(file(&name, pdf::document(&campaign.title, pages)))
}

/// `POST …/units/{u}/poster/revoke`: the unit's poster is replaced by a new one; links of the old
/// one still open the form but no longer count as that poster.
pub async fn revoke(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    unit: &UnitCode,
) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let c = crate::services::campaign(ctx, campaign).await?;
    member(&c, unit)?;
    let before = ctx.poster_state(campaign, unit).await?;
    let after = PosterState { version: before.version + 1 };
    ctx.save_poster_state(campaign, unit, &after).await?;
    let target = format!("{campaign}/{unit}");
    ctx.store
        .audit(caller, "poster.revoke", &target, Some(serde_json::json!(before)), Some(serde_json::json!(after)))
        .await?;
    let code = ctx.poster_key().await?.code(campaign, unit, after.version);
    Ok(crate::http::json(
        200,
        &serde_json::json!({ "version": after.version, "link": link(ctx, campaign, unit, &code) }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_unless_a5_is_asked_for() {
        assert_eq!(paper(None).unwrap(), Paper::A4);
        assert_eq!(paper(Some("A5")).unwrap(), Paper::A5);
        assert!(matches!(paper(Some("letter")), Err(ApiError::BadRequest { .. })));
    }
}
