//! Which of a campaign's count partitions a unit's marks and aggregates live in. One partition
//! per campaign would take every counting write of the campaign, and a DynamoDB partition key
//! takes at most 1,000 write units a second; spreading the units over a few shards keeps each
//! key well under that. A unit stays whole in its shard, so a publish step hashing a unit reads
//! one partition, and the shard of a unit never changes (it is a pure function of its code).

use crate::UnitCode;

/// One of [`Shard::COUNT`] count partitions of a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shard(u8);

impl Shard {
    /// Shards per campaign: at 100 responses a second, about 12 counts a second each, an
    /// eighth of a key's write limit even for a unit-heavy burst.
    pub const COUNT: u8 = 8;

    /// The shard of a unit: FNV-1a of its code, stable across builds and platforms (unlike the
    /// standard library's hasher), so every writer and reader agrees without storing it.
    pub fn of(unit: &UnitCode) -> Shard {
        let hash = unit
            .as_str()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        Shard((hash % u64::from(Self::COUNT)) as u8)
    }

    /// Every shard, in order: what a reader of a whole campaign's counts goes through.
    pub fn all() -> impl Iterator<Item = Shard> {
        (0..Self::COUNT).map(Shard)
    }

    pub fn index(self) -> u8 {
        self.0
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_unit_always_falls_in_the_same_shard() {
        // Pinned: a change of the hash would strand every stored count in the wrong partition.
        let shard = |code: &str| Shard::of(&UnitCode::parse(code).unwrap()).index();
        assert_eq!([shard("tyt-cam-nghia"), shard("ubnd-cam-loc"), shard("22333")], [2, 5, 0]);
    }

    #[test]
    fn all_lists_every_shard_once() {
        let all: Vec<u8> = Shard::all().map(Shard::index).collect();
        assert_eq!(all, (0..Shard::COUNT).collect::<Vec<_>>());
    }

    #[test]
    fn a_thousand_units_spread_evenly() {
        let mut per = [0usize; Shard::COUNT as usize];
        for i in 0..1000 {
            per[Shard::of(&UnitCode::parse(&format!("unit-{i:04}")).unwrap()).index() as usize] += 1;
        }
        // 125 each on average; no shard a fifth off.
        assert!(per.iter().all(|&n| (100..=150).contains(&n)), "{per:?}");
    }

    proptest! {
        #[test]
        fn every_unit_has_a_shard_in_range(code in "[a-z0-9-]{1,40}") {
            let unit = UnitCode::parse(&code).unwrap();
            prop_assert!(Shard::of(&unit).index() < Shard::COUNT);
            prop_assert_eq!(Shard::of(&unit), Shard::of(&unit.clone()));
        }
    }
}
