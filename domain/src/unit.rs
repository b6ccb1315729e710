//! Units: the offices and stations that are surveyed.

use crate::code::UnitCode;
use serde::{Deserialize, Serialize};

/// What kind of public service a unit is; a campaign picks the questionnaire by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Sở: a provincial department.
    So,
    /// UBND xã: a commune People's Committee.
    UbndXa,
    /// UBND phường: a ward People's Committee.
    UbndPhuong,
    /// Trạm y tế: a commune health station.
    TramYTe,
    /// Bệnh viện: a hospital.
    BenhVien,
    Other,
}

impl UnitKind {
    pub const ALL: [UnitKind; 6] =
        [UnitKind::So, UnitKind::UbndXa, UnitKind::UbndPhuong, UnitKind::TramYTe, UnitKind::BenhVien, UnitKind::Other];

    /// The snake_case name used in JSON, CSV imports and links.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::So => "so",
            UnitKind::UbndXa => "ubnd_xa",
            UnitKind::UbndPhuong => "ubnd_phuong",
            UnitKind::TramYTe => "tram_y_te",
            UnitKind::BenhVien => "benh_vien",
            UnitKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<UnitKind> {
        UnitKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Reads a kind as written in a spreadsheet: its code (`tram_y_te`) or its Vietnamese name
    /// (`Trạm y tế`, `UBND xã`…), in any case.
    pub fn from_label(s: &str) -> Option<UnitKind> {
        let s = s.trim().to_lowercase();
        UnitKind::parse(&s).or(match s.as_str() {
            "sở" | "so" => Some(UnitKind::So),
            "ubnd xã" | "xã" => Some(UnitKind::UbndXa),
            "ubnd phường" | "phường" => Some(UnitKind::UbndPhuong),
            "trạm y tế" | "tyt" => Some(UnitKind::TramYTe),
            "bệnh viện" => Some(UnitKind::BenhVien),
            "khác" => Some(UnitKind::Other),
            _ => None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub code: UnitCode,
    /// Vietnamese name with diacritics, as printed on posters and results.
    pub name: String,
    pub kind: UnitKind,
    /// The unit above this one (a district, a department); `None` at the top of the tree.
    #[serde(default)]
    pub parent: Option<UnitCode>,
    /// A deactivated unit joins no new campaign; units with responses are never deleted.
    #[serde(default = "active_by_default")]
    pub active: bool,
    /// Service volume of the period (dossiers handled, patients seen), when known: it suggests
    /// the quota and gives the response rate.
    #[serde(default)]
    pub volume: Option<u32>,
}

fn active_by_default() -> bool {
    true
}

/// The ministry's sample size for a population of `volume`: Yamane n = N / (1 + N·e²), e = 5%.
pub fn suggested_quota(volume: u32) -> u32 {
    let n = f64::from(volume);
    (n / (1.0 + n * 0.05 * 0.05)).ceil() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_round_trip_through_json_and_parse() {
        for kind in UnitKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(UnitKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(UnitKind::parse("tram y te"), None);
        assert_eq!(UnitKind::from_label(" Trạm Y tế "), Some(UnitKind::TramYTe));
        assert_eq!(UnitKind::from_label("UBND Phường"), Some(UnitKind::UbndPhuong));
        assert_eq!(UnitKind::from_label("trường học"), None);
    }

    #[test]
    fn unit_reads_from_json_with_vietnamese_name() {
        let u: Unit = serde_json::from_str(
            r#"{"code":"tyt-cam-nghia","name":"Trạm Y tế phường Cam Nghĩa","kind":"tram_y_te","parent":"cam-ranh"}"#,
        )
        .unwrap();
        assert_eq!(u.name, "Trạm Y tế phường Cam Nghĩa");
        assert_eq!(u.kind, UnitKind::TramYTe);
        assert_eq!(u.parent.unwrap().as_str(), "cam-ranh");
        assert!(u.active, "units are active unless deactivated");
    }

    #[test]
    fn yamane_quota_matches_the_ministry_examples() {
        assert_eq!(suggested_quota(1_000), 286);
        assert_eq!(suggested_quota(10_000), 385);
        assert_eq!(suggested_quota(0), 0);
    }
}
