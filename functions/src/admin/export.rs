//! `GET /api/admin/campaigns/{c}/responses.csv[?unit=…]` and `…/responses.xlsx[?unit=…]`: every
//! response as a spreadsheet, one row per response and one column per item; both formats come
//! from the same rows.

use super::sheet::{CSV_TYPE, Cell, Sheet, XLSX_TYPE, download};
use crate::auth::{Caller, Role};
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::store::Exclusion;
use hailong_domain::{AnswerValue, Questionnaire};
use lambda_http::{Body, Response};
use std::collections::BTreeMap;

const FIXED_HEADERS: [&str; 10] = [
    "Mã phản hồi",
    "Đơn vị",
    "Bộ câu hỏi",
    "Phiên bản",
    "Kênh",
    "Thời điểm nhận",
    "Số phiếu",
    "Người nhập",
    "Bị loại (lý do)",
    COMMENT_HEADER,
];
/// Free text from the public: only the role that reviews it (administrators) exports it; for
/// the others the column is left out (the domain reference's privacy notes).
const COMMENT_HEADER: &str = "Góp ý";

fn cell(v: Option<&AnswerValue>) -> Cell {
    match v {
        None => Cell::Text(String::new()),
        Some(AnswerValue::Int(n)) => Cell::Number(*n),
        Some(AnswerValue::List(l)) => Cell::Text(l.iter().map(i64::to_string).collect::<Vec<_>>().join(";")),
        Some(AnswerValue::Text(t)) => Cell::Text(t.clone()),
    }
}

/// A serde enum's snake_case name, as it reads in JSON.
fn name_of<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The rows of the export of a campaign, or of one unit of it, as far as the caller may read.
async fn responses(ctx: &Context, caller: &Caller, campaign_id: &str, unit: Option<&str>) -> Result<Sheet, ApiError> {
    let campaign = crate::services::campaign(ctx, campaign_id).await?;
    let units: Vec<_> = campaign.units.iter().filter(|u| unit.is_none_or(|code| u.code.as_str() == code)).collect();
    if units.is_empty() {
        return Err(ApiError::NotFound(format!(
            "unit {:?} is not part of campaign {campaign_id}",
            unit.unwrap_or_default()
        )));
    }
    for u in &units {
        caller.require_unit_read(u.code.as_str())?;
    }
    let mut questionnaires: Vec<Questionnaire> = Vec::new();
    for q in campaign.questionnaires.values() {
        if !questionnaires.iter().any(|x| x.reference() == *q) {
            questionnaires.extend(ctx.store.questionnaire(q).await?);
        }
    }
    let mut items: Vec<String> = Vec::new();
    for q in &questionnaires {
        for (_, item) in q.items() {
            if !items.contains(&item.id.to_string()) {
                items.push(item.id.to_string());
            }
        }
    }
    let excluded: BTreeMap<String, Exclusion> =
        ctx.store.exclusions(campaign_id).await?.into_iter().map(|e| (e.response.clone(), e)).collect();
    let comments = caller.role == Role::Admin;
    let headers = FIXED_HEADERS.iter().filter(|h| comments || **h != COMMENT_HEADER);
    let mut sheet =
        Sheet { headers: headers.map(|s| s.to_string()).chain(items.iter().cloned()).collect(), rows: Vec::new() };
    for u in units {
        for r in ctx.store.unit_responses(campaign_id, u.code.as_str()).await? {
            let text = Cell::Text;
            let mut fixed = vec![
                text(r.id.to_string()),
                text(r.unit.to_string()),
                text(r.questionnaire.id.to_string()),
                Cell::Number(i64::from(r.questionnaire.version)),
                text(name_of(r.channel)),
                text(clock::rfc3339(r.received_at_ms)),
                text(r.serial.clone().unwrap_or_default()),
                text(r.entered_by.clone().unwrap_or_default()),
                text(excluded.get(&r.id.to_string()).map(|e| e.reason.as_str().to_owned()).unwrap_or_default()),
            ];
            if comments {
                fixed.push(text(r.comment.clone().unwrap_or_default()));
            }
            sheet.rows.push(fixed.into_iter().chain(items.iter().map(|i| cell(r.answers.get(i)))).collect());
        }
    }
    Ok(sheet)
}

pub async fn csv(
    ctx: &Context,
    caller: &Caller,
    campaign_id: &str,
    unit: Option<&str>,
) -> Result<Response<Body>, ApiError> {
    let sheet = responses(ctx, caller, campaign_id, unit).await?;
    Ok(download(CSV_TYPE, &format!("{campaign_id}-responses.csv"), sheet.to_csv()))
}

pub async fn xlsx(
    ctx: &Context,
    caller: &Caller,
    campaign_id: &str,
    unit: Option<&str>,
) -> Result<Response<Body>, ApiError> {
    let sheet = responses(ctx, caller, campaign_id, unit).await?;
    Ok(download(XLSX_TYPE, &format!("{campaign_id}-responses.xlsx"), sheet.to_xlsx("Phản hồi")))
}
