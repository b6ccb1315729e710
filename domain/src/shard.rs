//! Where a response is counted: every campaign's running aggregates and count marks are spread
//! over [`COUNT_SHARDS`] partitions, chosen by the response id, so that no partition key takes
//! more than a fraction of what DynamoDB allows one key (1,000 write units and 3,000 read units
//! a second) however hard one campaign, or one unit of it, is answered.
//!
//! Why 8: counting a response writes its shard's aggregate (a few KB) and its mark in one
//! transaction (2 write units per KB), after two strongly consistent reads. At 100 responses a
//! second into one unit, a shard's aggregate key takes 100 / 8 × 2 × ⌈size / 1 KB⌉ write units a
//! second: 100 for a 4 KB aggregate, a fifth of the limit, and under half of it up to 20 KB
//! (`tests/tests/capacity.rs` measures it). Readers merge the shards: 8 keys per campaign.

use uuid::Uuid;

/// Shards per campaign, for aggregates and marks alike.
pub const COUNT_SHARDS: u8 = 8;

/// A shard of a campaign's counting partitions, `0..COUNT_SHARDS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shard(u8);

impl Shard {
    /// The shard a response is counted in: fixed by its id, so that a redelivered record, an
    /// exclusion and the mark of the response all meet in the same partitions. Response ids are
    /// random (UUID v4), so their last byte spreads them evenly.
    pub fn of(response: &Uuid) -> Shard {
        Shard(response.as_bytes()[15] % COUNT_SHARDS)
    }

    /// Every shard, in order: what a reader merges.
    pub fn all() -> impl Iterator<Item = Shard> {
        (0..COUNT_SHARDS).map(Shard)
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

    #[test]
    fn a_response_always_lands_in_the_same_shard() {
        let id = Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
        assert_eq!(Shard::of(&id), Shard::of(&id));
        assert_eq!(Shard::of(&id).index(), 0xef % COUNT_SHARDS);
        assert_eq!(Shard::all().count(), usize::from(COUNT_SHARDS));
    }

    #[test]
    fn random_ids_spread_evenly_over_the_shards() {
        let mut rng = crate::SplitMix64::new(7);
        let mut per_shard = [0u32; COUNT_SHARDS as usize];
        let total = 80_000;
        for _ in 0..total {
            let id = uuid::Builder::from_random_bytes(
                [rng.next_u64().to_le_bytes(), rng.next_u64().to_le_bytes()].concat().try_into().expect("16 bytes"),
            )
            .into_uuid();
            per_shard[usize::from(Shard::of(&id).index())] += 1;
        }
        let fair = total / u32::from(COUNT_SHARDS);
        for n in per_shard {
            assert!(n.abs_diff(fair) < fair / 20, "{per_shard:?}");
        }
    }
}
