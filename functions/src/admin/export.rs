//! `GET /api/admin/campaigns/{c}/responses.csv[?unit=…]`: every response as a spreadsheet
//! (UTF-8 with a byte-order mark, so Excel reads the Vietnamese), one column per item.

use super::exclusion::{self, Exclusion};
use crate::auth::Caller;
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use hailong_domain::{AnswerValue, Questionnaire};
use lambda_http::{Body, Response};
use std::collections::BTreeMap;

const FIXED_HEADERS: [&str; 10] =
    ["Mã phản hồi", "Đơn vị", "Bộ câu hỏi", "Phiên bản", "Kênh", "Thời điểm nhận", "Số phiếu", "Người nhập", "Bị loại (lý do)", "Góp ý"];

fn cell(v: Option<&AnswerValue>) -> String {
    match v {
        None => String::new(),
        Some(AnswerValue::Int(n)) => n.to_string(),
        Some(AnswerValue::List(l)) => l.iter().map(i64::to_string).collect::<Vec<_>>().join(";"),
        Some(AnswerValue::Text(t)) => t.clone(),
    }
}

pub async fn csv(ctx: &Context, caller: &Caller, campaign_id: &str, unit: Option<&str>) -> Result<Response<Body>, ApiError> {
    let campaign = super::campaign(ctx, campaign_id).await?;
    let units: Vec<_> = campaign.units.iter().filter(|u| unit.is_none_or(|code| u.code.as_str() == code)).collect();
    if units.is_empty() {
        return Err(ApiError::NotFound(format!("unit {:?} is not part of campaign {campaign_id}", unit.unwrap_or_default())));
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
    let excluded: BTreeMap<String, Exclusion> = ctx
        .store
        .query_docs::<Exclusion>(&exclusion::partition(campaign_id))
        .await?
        .into_iter()
        .map(|e| (e.response.clone(), e))
        .collect();
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let write_err = |e: csv::Error| ApiError::Store(crate::store::StoreError::Dynamo(e.to_string()));
    out.write_record(FIXED_HEADERS.iter().map(|s| s.to_string()).chain(items.iter().cloned())).map_err(write_err)?;
    for u in units {
        for r in ctx.store.unit_responses(campaign_id, u.code.as_str()).await? {
            let exclusion = excluded.get(&r.id.to_string()).map(|e| serde_json::to_value(e.reason).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default());
            let fixed = [
                r.id.to_string(),
                r.unit.to_string(),
                r.questionnaire.id.to_string(),
                r.questionnaire.version.to_string(),
                serde_json::to_value(r.channel).expect("serialises").as_str().unwrap_or_default().to_owned(),
                clock::rfc3339(r.received_at_ms),
                r.serial.clone().unwrap_or_default(),
                r.entered_by.clone().unwrap_or_default(),
                exclusion.unwrap_or_default(),
                r.comment.clone().unwrap_or_default(),
            ];
            let answers = items.iter().map(|i| cell(r.answers.get(i)));
            out.write_record(fixed.into_iter().chain(answers)).map_err(write_err)?;
        }
    }
    let bytes = out.into_inner().map_err(|e| ApiError::Store(crate::store::StoreError::Dynamo(e.to_string())))?;
    Ok(Response::builder()
        .status(200)
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", format!("attachment; filename=\"{campaign_id}-responses.csv\""))
        .header("cache-control", "no-store")
        .body(Body::Binary(bytes))
        .expect("valid response"))
}
