//! A page of a campaign's units (`?cursor=&limit=`), what progress and flags read at a time, so
//! that one request's work is bounded by the page, never by the campaign's size (a national
//! campaign has 10,000 units). The cursor is the code of the page's last unit.

use crate::auth::Caller;
use crate::error::ApiError;
use hailong_domain::{Campaign, CampaignUnit, UnitCode};

/// Units of one page unless `limit` says otherwise (a city's campaign is one page), and the most
/// it may say.
pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 100;

/// What a paged request asks: its query parameters, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageQuery {
    after: Option<UnitCode>,
    limit: usize,
}

impl PageQuery {
    pub fn parse(param: impl Fn(&str) -> Option<String>) -> Result<PageQuery, ApiError> {
        let given = |name: &str| param(name).filter(|v| !v.is_empty());
        let limit = crate::routes::page_limit(given("limit"), DEFAULT_LIMIT, MAX_LIMIT)?;
        let after = given("cursor").map(|c| UnitCode::parse(&c).map_err(|_| bad_cursor())).transpose()?;
        Ok(PageQuery { after, limit })
    }
}

fn bad_cursor() -> ApiError {
    ApiError::bad_request("invalid_cursor", "the cursor is not one this API gave; start from the first page")
}

/// The units of one page, in the campaign's order, and the cursor of the next if there is one.
pub struct UnitPage<'a> {
    pub units: Vec<&'a CampaignUnit>,
    pub next: Option<String>,
}

/// The page `query` asks of the units of `campaign` that `caller` may see.
pub fn page<'a>(campaign: &'a Campaign, caller: &Caller, query: &PageQuery) -> Result<UnitPage<'a>, ApiError> {
    let visible: Vec<&CampaignUnit> = campaign.units.iter().filter(|u| caller.may_see_unit(&u.code)).collect();
    let start = match &query.after {
        None => 0,
        Some(after) => visible.iter().position(|u| &u.code == after).ok_or_else(bad_cursor)? + 1,
    };
    let units: Vec<&CampaignUnit> = visible.iter().skip(start).take(query.limit).copied().collect();
    let next = (start + units.len() < visible.len()).then(|| units.last().map(|u| u.code.to_string())).flatten();
    Ok(UnitPage { units, next })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> Result<PageQuery, ApiError> {
        PageQuery::parse(|name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned()))
    }

    fn code(pairs: &[(&str, &str)]) -> String {
        match query(pairs).unwrap_err() {
            ApiError::BadRequest { code, .. } => code.to_owned(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn limits_and_cursors_are_checked_at_the_edge() {
        assert_eq!(query(&[]).unwrap(), PageQuery { after: None, limit: DEFAULT_LIMIT });
        assert_eq!(query(&[("limit", "7"), ("cursor", "ubnd-cam-loc")]).unwrap().limit, 7);
        assert_eq!(code(&[("limit", "0")]), "invalid_limit");
        assert_eq!(code(&[("limit", "101")]), "invalid_limit");
        assert_eq!(code(&[("cursor", "not a code")]), "invalid_cursor");
    }
}
