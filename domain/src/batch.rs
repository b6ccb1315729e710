//! Work over a campaign's units cut into bounded steps: publishing hashes, and exports write, one
//! batch of units per step, so that no step's work grows with the campaign.

use crate::{Campaign, UnitCode};

/// At most this many units per step.
pub const STEP_UNITS: usize = 50;
/// At most this many planned responses (the units' quotas) per step, so that a step of large
/// units stays well under a minute of work (BENCHMARKS.md, "Publishing").
pub const STEP_RESPONSES: u64 = 10_000;

/// The units of a campaign cut into steps, in campaign order.
pub fn batches(campaign: &Campaign) -> Vec<Vec<UnitCode>> {
    let mut batches: Vec<Vec<UnitCode>> = Vec::new();
    let mut planned = 0u64;
    for unit in &campaign.units {
        let full =
            batches.last().is_none_or(|b| b.len() >= STEP_UNITS || planned + u64::from(unit.quota) > STEP_RESPONSES);
        if full {
            batches.push(Vec::new());
            planned = 0;
        }
        planned += u64::from(unit.quota);
        batches.last_mut().expect("pushed").push(unit.code.clone());
    }
    batches
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CampaignUnit, UnitKind};

    fn campaign_of(quotas: &[u32]) -> Campaign {
        let mut c: Campaign = serde_json::from_value(serde_json::json!({
            "id": "c", "title": "t", "opens": "2026-01-01", "closes": "2026-02-01",
            "status": "closed", "units": [], "questionnaires": {}
        }))
        .expect("a campaign");
        c.units = quotas
            .iter()
            .enumerate()
            .map(|(i, q)| CampaignUnit {
                code: UnitCode::parse(&format!("u{i}")).unwrap(),
                kind: UnitKind::UbndXa,
                quota: *q,
            })
            .collect();
        c
    }

    #[test]
    fn batches_hold_every_unit_once_within_both_bounds() {
        let quotas: Vec<u32> = (0..1_000).map(|i| [40, 60, 400, 9_000][i % 4]).collect();
        let c = campaign_of(&quotas);
        let b = batches(&c);
        let all: Vec<&UnitCode> = b.iter().flatten().collect();
        assert_eq!(all, c.units.iter().map(|u| &u.code).collect::<Vec<_>>());
        for batch in &b {
            assert!(!batch.is_empty() && batch.len() <= STEP_UNITS);
            let planned: u64 =
                batch.iter().map(|u| u64::from(c.units.iter().find(|x| &x.code == u).unwrap().quota)).sum();
            assert!(batch.len() == 1 || planned <= STEP_RESPONSES, "{planned}");
        }
    }

    #[test]
    fn a_campaign_without_units_has_no_hash_step() {
        assert!(batches(&campaign_of(&[])).is_empty());
    }
}
