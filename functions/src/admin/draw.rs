//! Reproducible random draws, shared by the re-verification sample and the phone sample: the same
//! set and the same recorded seed give the same sample everywhere, so any draw can be re-checked.

use crate::random::random_bytes;
use hailong_domain::SplitMix64;

/// `size` of `ids` (sorted first, so the draw depends only on the set and the seed), in the
/// order drawn.
pub fn draw_sample<T: Ord>(mut ids: Vec<T>, size: usize, seed: u64) -> Vec<T> {
    ids.sort();
    let mut rng = SplitMix64::new(seed);
    let size = size.min(ids.len());
    for i in 0..size {
        let j = i + rng.below((ids.len() - i) as u64) as usize;
        ids.swap(i, j);
    }
    ids.truncate(size);
    ids
}

/// The seed given to reproduce an earlier draw, or a fresh random one (to be recorded).
pub fn seed_or_random(given: Option<u64>) -> u64 {
    given.unwrap_or_else(|| u64::from_le_bytes(random_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draw_is_reproducible_from_its_seed_and_ignores_order() {
        let ids: Vec<String> = (0..50).map(|i| format!("r{i:02}")).collect();
        let mut shuffled = ids.clone();
        shuffled.reverse();
        let a = draw_sample(ids.clone(), 5, 42);
        assert_eq!(a, draw_sample(shuffled, 5, 42));
        assert_ne!(a, draw_sample(ids.clone(), 5, 43));
        assert_eq!(a.len(), 5);
        let unique: std::collections::BTreeSet<_> = a.iter().collect();
        assert_eq!(unique.len(), 5);
        assert_eq!(draw_sample(ids, 80, 1).len(), 50);
    }
}
