//! Print-ready posters as PDF, A4 or A5 (`?size=a5`): one unit's, or all of a campaign's in files
//! of at most 200 units, one page each (the layout: `poster_page.rs`); and revoking a unit's poster.

use super::poster_page::Poster;
use crate::auth::Caller;
use crate::context::Context;
use crate::error::ApiError;
use crate::pdf::{self, Page, Paper};
use crate::posters::PosterState;
use crate::routes::IndexPage;
use hailong_domain::{Campaign, CampaignId, CampaignUnit, PosterCode, UnitCode};
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

/// Units of one part of the campaign's posters unless `limit` says otherwise, and the most it
/// may say: a part is rendered in one request, so it must stay well within the function's 29 s
/// and Lambda's 6 MB answer (a page is ~15 KB; 200 pages ~3 MB) at any campaign size.
pub const PART_DEFAULT: usize = 100;
pub const PART_MAX: usize = 200;

/// Which part of the campaign's posters a request asks for: `cursor` is the index (from 0) of
/// its first unit in the campaign's order, so that the console can build every part's link
/// from the number of units alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartQuery {
    pub part: IndexPage,
    pub size: Option<String>,
}

impl PartQuery {
    pub fn parse(param: impl Fn(&str) -> Option<String>) -> Result<PartQuery, ApiError> {
        let part = IndexPage::parse(&param, PART_DEFAULT, PART_MAX)?;
        Ok(PartQuery { part, size: param("size").filter(|v| !v.is_empty()) })
    }
}

/// `GET /api/admin/campaigns/{c}/posters[?size=a5&cursor=&limit=]`: one part of the campaign's
/// posters as one PDF to print, a page per unit; the next part's cursor in `x-next-cursor` and
/// `link` (`rel="next"`), absent on the last part.
pub async fn all(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    query: &PartQuery,
) -> Result<Response<Body>, ApiError> {
    let paper = paper(query.size.as_deref())?;
    let campaign = crate::services::campaign(ctx, campaign).await?;
    for u in &campaign.units {
        caller.require_unit_read(&u.code)?;
    }
    let IndexPage { start, limit } = query.part;
    let (part, next) = query.part.within(campaign.units.len(), "campaign")?;
    let mut pages = Vec::with_capacity(part.len());
    for u in &campaign.units[part] {
        pages.push(render(ctx, &campaign, u, paper).await?);
    }
    let number = start / limit + 1;
    let name = format!("{}-posters-{}-part{number}.pdf", campaign.id, size_name(paper));
    let mut answer = file(&name, pdf::document(&campaign.title, pages));
    if let Some(next) = next {
        let link = format!(
            "</api/admin/campaigns/{}/posters?size={}&cursor={next}&limit={}>; rel=\"next\"",
            campaign.id,
            size_name(paper),
            limit
        );
        let headers = answer.headers_mut();
        headers.insert("x-next-cursor", next.to_string().parse().expect("digits"));
        headers.insert("link", link.parse().expect("a path of checked ids"));
    }
    Ok(answer)
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

    fn part(pairs: &[(&str, &str)]) -> Result<PartQuery, ApiError> {
        PartQuery::parse(|name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned()))
    }

    #[test]
    fn parts_are_bounded_and_their_cursors_checked() {
        assert_eq!(part(&[]).unwrap(), PartQuery { part: IndexPage { start: 0, limit: PART_DEFAULT }, size: None });
        let asked = part(&[("cursor", "200"), ("limit", "200"), ("size", "a5")]).unwrap();
        assert_eq!(asked, PartQuery { part: IndexPage { start: 200, limit: 200 }, size: Some("a5".into()) });
        for bad in [&[("limit", "201")][..], &[("limit", "0")], &[("cursor", "-1")], &[("cursor", "x")]] {
            assert!(matches!(part(bad), Err(ApiError::BadRequest { .. })), "{bad:?}");
        }
    }
}
