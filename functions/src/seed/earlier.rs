//! The demo's earlier campaign: the same 30 units surveyed the year before, closed and published,
//! so the public results pages have something to show on the first run. Its responses are
//! deterministic pseudo-random answers with a believable spread (most units 80–95% satisfied, two
//! weaker, two below the minimum of 30 and so withheld, a few excluded with a reason). They are
//! stored and counted in bulk, then published through the real publishing code.

use super::{DEMO_CAMPAIGN, demo_campaign};
use crate::auth::{Caller, Role};
use crate::context::Context;
use crate::error::ApiError;
use crate::results::{actions, job};
use crate::store::Mark;
use crate::store::{Exclusion, ExclusionReason};
use hailong_domain::action::{ActionInput, ActionStatus, Deadline};
use hailong_domain::api::JobState;
use hailong_domain::results::{Aggregate, AggregateKey};
use hailong_domain::{
    Campaign, CampaignId, CampaignStatus, Channel, Date, ItemKind, Questionnaire, Receipt, Response, Submission,
    catalogue,
};
use hailong_domain::{Sender, SplitMix64, UnitCode};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Units answered well below their quota: fewer than 30 counted responses, so withheld.
const THIN: [(&str, u32); 2] = [("tyt-cam-binh", 22), ("ubnd-cam-lap", 27)];
/// Units clearly below the others (share of satisfied answers).
const WEAK: [(&str, f64); 2] = [("ubnd-cam-thinh-tay", 0.68), ("tyt-cam-phuoc-dong", 0.72)];
/// Excluded after the fact: (unit, reason).
const EXCLUDED: [(&str, ExclusionReason); 5] = [
    ("ubnd-cam-nghia", ExclusionReason::Invalid),
    ("ubnd-ba-ngoi", ExclusionReason::FailedVerification),
    ("tyt-cam-loc", ExclusionReason::Fraud),
    ("tyt-cam-linh", ExclusionReason::Invalid),
    ("ubnd-cam-phu", ExclusionReason::Other),
];
/// Improvement actions attached to some results: (unit, task, office, deadline mm-dd of this
/// year or ongoing, status).
const ACTIONS: [(&str, &str, &str, Option<&str>, ActionStatus); 5] = [
    (
        "ubnd-cam-thinh-tay",
        "Niêm yết công khai, đầy đủ thủ tục hành chính tại Bộ phận Một cửa và trên trang thông tin điện tử của xã",
        "Văn phòng HĐND và UBND xã",
        Some("01-31"),
        ActionStatus::Done,
    ),
    (
        "ubnd-cam-thinh-tay",
        "Tập huấn kỹ năng giao tiếp, ứng xử cho công chức tiếp nhận và trả kết quả",
        "Phòng Nội vụ thành phố",
        Some("06-30"),
        ActionStatus::InProgress,
    ),
    (
        "tyt-cam-phuoc-dong",
        "Bố trí thêm ghế chờ, quạt và nước uống tại khu vực chờ khám",
        "Trạm Y tế xã Cam Phước Đông",
        Some("03-31"),
        ActionStatus::Done,
    ),
    (
        "tyt-cam-phuoc-dong",
        "Công khai giá dịch vụ khám bệnh và thuốc tại nơi dễ thấy; hướng dẫn thủ tục bảo hiểm y tế",
        "Trung tâm Y tế thành phố Cam Ranh",
        None,
        ActionStatus::InProgress,
    ),
    (
        "ubnd-cam-nghia",
        "Rút ngắn thời gian giải quyết hồ sơ đất đai; nhắn tin báo trước khi trả kết quả",
        "UBND phường Cam Nghĩa",
        Some("12-31"),
        ActionStatus::Planned,
    ),
];

/// `cam-ranh-{last year}`.
pub fn campaign_id(today: Date) -> CampaignId {
    CampaignId::parse(&format!("{DEMO_CAMPAIGN}-{}", today.year() - 1)).expect("valid")
}

/// The same units and questionnaires as the current campaign, in October–November of last year.
pub fn campaign(today: Date) -> Campaign {
    let year = today.year() - 1;
    Campaign {
        id: campaign_id(today),
        status: CampaignStatus::Closed,
        title: format!(
            "Khảo sát mức độ hài lòng đối với sự phục vụ của UBND các xã, phường và Trạm Y tế thành phố Cam Ranh năm {year}"
        ),
        opens: Date::new(year, 10, 1).expect("valid"),
        closes: Date::new(year, 11, 30).expect("valid"),
        ..demo_campaign(today)
    }
}

/// A stored response as seeded: its receipt and fingerprint, and whether it was excluded.
#[derive(Debug, Clone)]
pub struct Seeded {
    pub response: Response,
    pub fingerprint: String,
    pub receipt: Receipt,
    pub excluded: Option<ExclusionReason>,
}

/// One respondent's raw answers: satisfied on a scored item with probability `p` (shifted a
/// little per item, so strengths and weaknesses show), some "not used" where allowed.
fn raw_answers(q: &Questionnaire, p: f64, item_bias: &[f64], rng: &mut SplitMix64) -> BTreeMap<String, Value> {
    let mut raw = BTreeMap::new();
    for (i, (_, item)) in q.items().enumerate() {
        let answer = match &item.kind {
            ItemKind::Scale5 { zero } => {
                if *zero && rng.unit() < 0.03 {
                    json!(0)
                } else if rng.unit() < (p + item_bias[i]).clamp(0.0, 0.99) {
                    json!(if rng.unit() < 0.45 { 5 } else { 4 })
                } else {
                    json!([3, 3, 3, 3, 3, 2, 2, 2, 1, 1][rng.below(10) as usize])
                }
            }
            // Free text stays empty: comments are seeded on their own (and never published).
            ItemKind::Text { .. } => continue,
            _ if rng.unit() < 0.2 => continue,
            ItemKind::Faces3 => json!(if rng.unit() < p { 2 + rng.below(2) } else { 1 }),
            // G2, "would you come back": options 4–5 as often as people are satisfied.
            ItemKind::Choice { .. } if item.id.as_str() == "g2" => {
                json!(if rng.unit() < p { 4 + rng.below(2) } else { [1, 2, 3, 6][rng.below(4) as usize] })
            }
            ItemKind::Choice { options, .. } => json!(options[rng.below(options.len() as u64) as usize].value),
            ItemKind::Multi { options, .. } => json!([options[rng.below(options.len() as u64) as usize].value]),
            // G1, "% of expectations met": around the unit's satisfaction.
            ItemKind::Number { min, max } => {
                json!(((p * 100.0 - 10.0 + rng.unit() * 20.0).round() as i64).clamp(*min, *max))
            }
        };
        raw.insert(item.id.to_string(), answer);
    }
    raw
}

/// Every seeded response of the earlier campaign, in unit order. Pure: the same on every run.
pub fn responses(campaign: &Campaign, questionnaires: &[Questionnaire]) -> Vec<Seeded> {
    // Deterministic, so every fresh start seeds the same responses and receipts.
    let mut rng = SplitMix64::new(0x0048_4149_4C4F_4E47);
    let days = campaign.closes.days_since_epoch() - campaign.opens.days_since_epoch() + 1;
    let mut out = Vec::new();
    for member in &campaign.units {
        let reference = campaign.questionnaire_for(member.kind).expect("every kind has one");
        let q = questionnaires.iter().find(|q| q.reference() == *reference).expect("built in");
        let code = member.code.as_str();
        let p = WEAK.iter().find(|(u, _)| *u == code).map_or_else(|| 0.81 + rng.unit() * 0.15, |(_, p)| *p);
        let bias: Vec<f64> = q.items().map(|_| rng.unit() * 0.10 - 0.06).collect();
        let excluded = EXCLUDED.iter().find(|(u, _)| *u == code).map(|(_, r)| *r);
        let counted = THIN
            .iter()
            .find(|(u, _)| *u == code)
            .map_or_else(|| member.quota - rng.below(u64::from(member.quota) / 5) as u32, |(_, n)| *n);
        for i in 0..counted + u32::from(excluded.is_some()) {
            let channel = match rng.below(100) {
                0..70 => Channel::Qr,
                70..90 => Channel::Paper,
                90..97 => Channel::Phone,
                _ => Channel::Interviewer,
            };
            let comment = (rng.unit() < 0.08).then(|| "Cán bộ hướng dẫn tận tình, nhưng phải chờ khá lâu.".to_owned());
            let mut id = [0u8; 16];
            id[..8].copy_from_slice(&rng.next_u64().to_le_bytes());
            id[8..].copy_from_slice(&rng.next_u64().to_le_bytes());
            let submission = Submission {
                id: uuid::Builder::from_random_bytes(id).into_uuid(),
                campaign: campaign.id.clone(),
                unit: member.code.clone(),
                channel,
                answers: raw_answers(q, p, &bias, &mut rng),
                comment,
                // A paper form carries the number printed on it.
                serial: (channel == Channel::Paper).then(|| format!("{}-{i:04}", member.code)),
                poster: None,
                website: None,
            };
            // Office hours (08:00–17:00 Việt Nam time) of a day within the window.
            let day = campaign.opens.add_days(rng.below(days as u64) as i64);
            let at = day.days_since_epoch() * 86_400_000 + (3600 + rng.below(9 * 3600) as i64) * 1000;
            let sender = if channel == Channel::Qr { Sender::Respondent } else { Sender::Staff("demo-staff") };
            let source = submission.source(sender).expect("seeded channels follow the rules");
            let response = submission.validate(campaign, q, &source, at).expect("seeded answers are valid");
            out.push(Seeded {
                fingerprint: crate::submit::fingerprint(&submission),
                receipt: Receipt::from_random(rng.next_u64().to_le_bytes()),
                excluded: if i == 0 { excluded } else { None },
                response,
            });
        }
    }
    out
}

/// The demo's administrator, as the audit log records the seeded publication.
fn seeder() -> Caller {
    Caller { user: "demo-admin".into(), role: Role::Admin, units: vec![] }
}

/// Seeds and publishes the earlier campaign unless it is published already; answers the
/// campaign when it was seeded now.
pub async fn publish(ctx: &Context, today: Date) -> Result<Option<Campaign>, ApiError> {
    let campaign = campaign(today);
    let id = &campaign.id;
    if ctx.store.publication(id).await?.is_some() {
        return Ok(None);
    }
    let questionnaires: Vec<Questionnaire> =
        campaign.questionnaires.values().map(|r| catalogue::template(r.id.as_str()).expect("built in")).collect();
    let seeded = responses(&campaign, &questionnaires);

    // Counted as the stream counts them, with the same aggregation code.
    let refused = |e: hailong_domain::ResultsError| ApiError::refused("publish_failed", e.to_string());
    let mut aggregates: BTreeMap<AggregateKey, Aggregate> = BTreeMap::new();
    let mut marks = Vec::with_capacity(seeded.len());
    let mut exclusions = Vec::new();
    for s in &seeded {
        match s.excluded {
            None => {
                let key = AggregateKey::of(&s.response);
                if !aggregates.contains_key(&key) {
                    let q = questionnaires.iter().find(|q| q.reference() == s.response.questionnaire).expect("its own");
                    aggregates.insert(key.clone(), Aggregate::new(q).map_err(refused)?);
                }
                aggregates.get_mut(&key).expect("inserted above").add(&s.response).map_err(refused)?;
                marks.push((&s.response, Mark::Counted));
            }
            Some(reason) => {
                let at = crate::clock::rfc3339((campaign.closes.days_since_epoch() + 3) * 86_400_000 + 3 * 3_600_000);
                let note = "Phát hiện khi xác minh lại sau đợt khảo sát.".to_owned();
                let by = "demo-admin".to_owned();
                exclusions.push(Exclusion {
                    response: s.response.id,
                    unit: s.response.unit.clone(),
                    reason,
                    note,
                    by,
                    at,
                });
                marks.push((&s.response, Mark::Excluded));
            }
        }
    }
    ctx.store.save_campaign(&campaign).await?;
    let rows: Vec<_> = seeded.iter().map(|s| (s.response.clone(), s.fingerprint.clone(), s.receipt.clone())).collect();
    ctx.store.load_responses(&rows).await?;
    ctx.store.load_aggregates(&aggregates.into_iter().collect::<Vec<_>>(), &marks).await?;
    ctx.store.save_exclusions(id, &exclusions).await?;
    for (unit, task, office, due, status) in ACTIONS {
        let deadline = match due {
            Some(md) => Deadline::By(Date::parse(&format!("{}-{md}", today.year())).expect("valid dates")),
            None => Deadline::Ongoing,
        };
        let fields = ActionInput { task: task.into(), office: office.into(), deadline, status };
        let unit = UnitCode::parse(unit).expect("demo codes are valid");
        actions::insert(ctx, campaign.id.clone(), unit, fields).await?;
    }
    let started = job::begin(ctx, &seeder(), id, job::PublishRequest::default()).await?;
    let ended = job::wait(ctx, id, &started.job).await?;
    if ended.record.state != JobState::Done {
        return Err(ApiError::refused(
            "publish_failed",
            format!("publishing the seeded campaign failed: {:?}", ended.record.failure),
        ));
    }
    Ok(Some(campaign))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeded() -> (Campaign, Vec<Seeded>) {
        let c = campaign(Date::parse("2026-11-23").unwrap());
        let qs: Vec<_> = c.questionnaires.values().map(|r| catalogue::template(r.id.as_str()).unwrap()).collect();
        let s = responses(&c, &qs);
        (c, s)
    }

    #[test]
    fn the_earlier_campaign_is_last_year_and_closed() {
        let (c, _) = seeded();
        c.check().unwrap();
        assert_eq!((c.id.as_str(), c.status), ("cam-ranh-2025", CampaignStatus::Closed));
        assert_eq!((c.opens.to_string(), c.closes.to_string()), ("2025-10-01".into(), "2025-11-30".into()));
    }

    #[test]
    fn responses_are_deterministic_valid_and_spread_believably() {
        let (c, s) = seeded();
        let (_, again) = seeded();
        assert_eq!(
            s.iter().map(|x| &x.receipt).collect::<Vec<_>>(),
            again.iter().map(|x| &x.receipt).collect::<Vec<_>>()
        );
        let receipts: std::collections::BTreeSet<_> = s.iter().map(|x| &x.receipt).collect();
        assert_eq!(receipts.len(), s.len(), "receipts are unique");
        assert_eq!(s.iter().filter(|x| x.excluded.is_some()).count(), EXCLUDED.len());
        let counted =
            |unit: &str| s.iter().filter(|x| x.response.unit.as_str() == unit && x.excluded.is_none()).count();
        assert_eq!((counted("tyt-cam-binh"), counted("ubnd-cam-lap")), (22, 27));
        assert_eq!(c.units.iter().filter(|u| counted(u.code.as_str()) >= 30).count(), 28);
        let (opens, closes) = (c.opens.days_since_epoch() * 86_400_000, (c.closes.days_since_epoch() + 1) * 86_400_000);
        assert!(s.iter().all(|x| (opens..closes).contains(&x.response.received_at_ms)));
        assert!((1300..=1650).contains(&s.len()), "{} responses", s.len());
    }
}
