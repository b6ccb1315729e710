//! The local demo: the Cam Ranh campaign of `shared/domain/seeds/002_*` (15 commune and ward
//! People's Committees with 60 forms each, 15 commune health stations with 50 each).

pub mod earlier;

use crate::store::{Store, StoreError};
use hailong_domain::{
    Authority, Campaign, CampaignId, CampaignStatus, CampaignUnit, Date, TargetRule, Unit, UnitCode, UnitKind,
    catalogue,
};

pub const DEMO_CAMPAIGN: &str = "cam-ranh";
pub use crate::auth::DEMO_STAFF_UNIT;

/// The 15 communes and wards of Cam Ranh in 2021: (slug, name, is a ward).
const PLACES: [(&str, &str, bool); 15] = [
    ("cam-nghia", "Cam Nghĩa", true),
    ("cam-phuc-bac", "Cam Phúc Bắc", true),
    ("cam-phuc-nam", "Cam Phúc Nam", true),
    ("cam-loc", "Cam Lộc", true),
    ("cam-phu", "Cam Phú", true),
    ("ba-ngoi", "Ba Ngòi", true),
    ("cam-thuan", "Cam Thuận", true),
    ("cam-loi", "Cam Lợi", true),
    ("cam-linh", "Cam Linh", true),
    ("cam-thanh-nam", "Cam Thành Nam", false),
    ("cam-phuoc-dong", "Cam Phước Đông", false),
    ("cam-thinh-tay", "Cam Thịnh Tây", false),
    ("cam-thinh-dong", "Cam Thịnh Đông", false),
    ("cam-lap", "Cam Lập", false),
    ("cam-binh", "Cam Bình", false),
];

/// Dossiers each People's Committee handled in a year, in `PLACES` order: the service volume that
/// turns a unit's n into a response rate. The stations' patient counts are not known.
const DOSSIERS: [u32; 15] = [2140, 1680, 1520, 1890, 1310, 1750, 1420, 980, 1160, 640, 590, 720, 810, 530, 470];

fn code(s: &str) -> UnitCode {
    UnitCode::parse(s).expect("demo codes are valid")
}

pub fn demo_units() -> Vec<Unit> {
    let city = Unit {
        code: code("cam-ranh"),
        name: "UBND thành phố Cam Ranh".into(),
        kind: UnitKind::Other,
        parent: None,
        active: true,
        volume: None,
    };
    let mut units = vec![city];
    for ((slug, name, ward), dossiers) in PLACES.into_iter().zip(DOSSIERS) {
        let (kind, level) = if ward { (UnitKind::UbndPhuong, "phường") } else { (UnitKind::UbndXa, "xã") };
        units.push(Unit {
            code: code(&format!("ubnd-{slug}")),
            name: format!("UBND {level} {name}"),
            kind,
            parent: Some(code("cam-ranh")),
            active: true,
            volume: Some(dossiers),
        });
        units.push(Unit {
            code: code(&format!("tyt-{slug}")),
            name: format!("Trạm Y tế {level} {name}"),
            kind: UnitKind::TramYTe,
            parent: Some(code("cam-ranh")),
            active: true,
            volume: None,
        });
    }
    units
}

/// The demo campaign, open from 30 days before `today` for half a year.
pub fn demo_campaign(today: Date) -> Campaign {
    let sipas = catalogue::template("sipas").expect("built in").reference();
    let moh = catalogue::template("moh-outpatient").expect("built in").reference();
    let units = demo_units()
        .into_iter()
        .filter(|u| u.kind != UnitKind::Other)
        .map(|u| CampaignUnit { quota: if u.kind == UnitKind::TramYTe { 50 } else { 60 }, code: u.code, kind: u.kind })
        .collect();
    Campaign {
        id: CampaignId::parse(DEMO_CAMPAIGN).expect("valid"),
        status: CampaignStatus::Open,
        title: "Khảo sát mức độ hài lòng đối với sự phục vụ của UBND các xã, phường và Trạm Y tế thành phố Cam Ranh"
            .into(),
        // The plan of `seeds/002_*` is the city People's Committee's.
        authority: Some(Authority::parse("UBND thành phố Cam Ranh").expect("valid")),
        questionnaires: [(UnitKind::UbndXa, sipas.clone()), (UnitKind::UbndPhuong, sipas), (UnitKind::TramYTe, moh)]
            .into(),
        units,
        opens: today.add_days(-30),
        closes: today.add_days(180),
        // The seeds' quality objective: "> 90%" of citizens satisfied, strictly above.
        target_pct: 90.0,
        target_rule: TargetRule::Above,
        min_responses: 30,
    }
}

/// Stores the built-in questionnaires and the demo, keeping whatever is already stored.
pub async fn demo(store: &Store, today: Date) -> Result<Campaign, StoreError> {
    for q in catalogue::templates() {
        store.insert_questionnaire(&q).await?;
    }
    for u in demo_units() {
        store.insert_unit(&u).await?;
    }
    let campaign = demo_campaign(today);
    if !store.insert_campaign(&campaign).await? {
        return Ok(store.campaign(&campaign.id).await?.unwrap_or(campaign));
    }
    Ok(campaign)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_matches_the_cam_ranh_plan() {
        let c = demo_campaign(Date::parse("2026-11-23").unwrap());
        c.check().unwrap();
        assert_eq!(c.units.len(), 30);
        assert_eq!(c.total_quota(), 1650, "15 × 60 + 15 × 50 forms");
        assert_eq!(c.window_on(Date::parse("2026-11-23").unwrap()), hailong_domain::WindowState::Open);
        assert_eq!(demo_units().len(), 31);
        assert_eq!(c.target(), hailong_domain::Target { pct: 90.0, rule: TargetRule::Above }, "\"> 90%\"");
    }
}
