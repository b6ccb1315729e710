//! What an export holds: one row per response, one column per item, the fixed columns headed in
//! Vietnamese. Free-text comments come from the public and may name people: only the role that
//! reviews them (administrators) exports them; for the others the column is left out (the domain
//! reference's privacy notes).

use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::sheet::Cell;
use crate::store::{Exclusion, ExportRecord};
use hailong_domain::{AnswerValue, Campaign, Questionnaire, Response, ResponseId};
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
const COMMENT_HEADER: &str = "Góp ý";

/// The item columns of a campaign: every item of its questionnaires, once, in their order.
pub async fn items(ctx: &Context, campaign: &Campaign) -> Result<Vec<String>, ApiError> {
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
    Ok(items)
}

pub fn headers(record: &ExportRecord) -> Vec<String> {
    let fixed = FIXED_HEADERS.iter().filter(|h| record.comments || **h != COMMENT_HEADER);
    fixed.map(|s| s.to_string()).chain(record.items.iter().cloned()).collect()
}

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

/// The row of one response, under [`headers`].
pub fn row(record: &ExportRecord, excluded: &BTreeMap<ResponseId, Exclusion>, r: &Response) -> Vec<Cell> {
    let text = Cell::Text;
    let mut fixed = vec![
        text(r.id.to_string()),
        text(r.unit.to_string()),
        text(r.questionnaire.id.to_string()),
        Cell::Number(i64::from(r.questionnaire.version)),
        text(name_of(r.source.channel())),
        text(clock::rfc3339(r.received_at_ms)),
        text(r.source.serial().unwrap_or_default().to_owned()),
        text(r.source.entered_by().unwrap_or_default().to_owned()),
        text(excluded.get(&r.id).map(|e| e.reason.as_str().to_owned()).unwrap_or_default()),
    ];
    if record.comments {
        fixed.push(text(r.comment.clone().unwrap_or_default()));
    }
    fixed.into_iter().chain(record.items.iter().map(|i| cell(r.answers.get(i)))).collect()
}
