//! Counts of answers per code. They are written as a map from the code to its count, so that stored
//! aggregates and published snapshots read the way the paper form is numbered:
//! `{"0": 3, "1": 0, "2": 1, "3": 7, "4": 20, "5": 12}`.

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// `N` counters for the codes `FIRST`, `FIRST + 1`, … `FIRST + N - 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CodeCounts<const FIRST: u8, const N: usize>(pub [u64; N]);

/// Answers to one scored item by code "0".."5" (a faces item uses "1".."3"; "0" is "không sử
/// dụng"). Unanswered is not a code: it is `n` minus the sum.
pub type Counts = CodeCounts<0, 6>;

/// Answers to MoH G2 by option "1".."6".
pub type ReturnCounts = CodeCounts<1, 6>;

impl<const FIRST: u8, const N: usize> Default for CodeCounts<FIRST, N> {
    fn default() -> Self {
        Self([0; N])
    }
}

impl<const FIRST: u8, const N: usize> CodeCounts<FIRST, N> {
    /// The count of one code; 0 for a code outside the range.
    pub fn get(&self, code: u8) -> u64 {
        code.checked_sub(FIRST).and_then(|i| self.0.get(usize::from(i))).copied().unwrap_or(0)
    }

    pub fn total(&self) -> u64 {
        self.0.iter().sum()
    }

    /// Sum of the counts of the codes whose bit is set in `mask` (bit k = code k).
    pub(crate) fn sum_mask(&self, mask: u8) -> u64 {
        (0..N).filter(|&i| mask >> (usize::from(FIRST) + i) & 1 == 1).map(|i| self.0[i]).sum()
    }
}

impl<const FIRST: u8, const N: usize> Serialize for CodeCounts<FIRST, N> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(N))?;
        for (i, count) in self.0.iter().enumerate() {
            map.serialize_entry(&(usize::from(FIRST) + i).to_string(), count)?;
        }
        map.end()
    }
}

impl<'de, const FIRST: u8, const N: usize> Deserialize<'de> for CodeCounts<FIRST, N> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CountsVisitor<const FIRST: u8, const N: usize>;

        impl<'de, const FIRST: u8, const N: usize> Visitor<'de> for CountsVisitor<FIRST, N> {
            type Value = CodeCounts<FIRST, N>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a map from the codes {FIRST}..{} to counts", usize::from(FIRST) + N - 1)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                // A code left out counts 0; an unknown or repeated code is refused, since it means
                // the data was written for another scale.
                let mut counts = [0u64; N];
                let mut seen = [false; N];
                while let Some((key, count)) = map.next_entry::<String, u64>()? {
                    let i = key
                        .parse::<usize>()
                        .ok()
                        .and_then(|k| k.checked_sub(usize::from(FIRST)))
                        .filter(|&i| i < N)
                        .ok_or_else(|| de::Error::custom(format_args!("{key:?} is not a code of this scale")))?;
                    if std::mem::replace(&mut seen[i], true) {
                        return Err(de::Error::custom(format_args!("code {key:?} is given twice")));
                    }
                    counts[i] = count;
                }
                Ok(CodeCounts(counts))
            }
        }

        d.deserialize_map(CountsVisitor::<FIRST, N>)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn written_as_a_map_keyed_by_code() {
        let c = Counts { 0: [1, 2, 3, 4, 5, 6] };
        assert_eq!(serde_json::to_value(c).unwrap(), json!({"0": 1, "1": 2, "2": 3, "3": 4, "4": 5, "5": 6}));
        let r = ReturnCounts { 0: [1, 0, 0, 0, 0, 9] };
        assert_eq!(serde_json::to_value(r).unwrap()["6"], json!(9));
        assert_eq!(serde_json::from_value::<ReturnCounts>(json!({"1": 1, "6": 9})).unwrap(), r);
    }

    #[test]
    fn reading_refuses_foreign_and_repeated_codes() {
        assert!(serde_json::from_value::<Counts>(json!({"6": 1})).is_err());
        assert!(serde_json::from_value::<ReturnCounts>(json!({"0": 1})).is_err());
        assert!(serde_json::from_value::<Counts>(json!({"x": 1})).is_err());
        assert!(serde_json::from_str::<Counts>(r#"{"1": 1, "1": 2}"#).is_err());
        assert_eq!(serde_json::from_value::<Counts>(json!({})).unwrap(), Counts::default());
    }

    #[test]
    fn get_and_masked_sums() {
        let c = Counts { 0: [1, 2, 3, 4, 5, 6] };
        assert_eq!((c.get(0), c.get(5), c.get(6)), (1, 6, 0));
        assert_eq!(c.sum_mask(0b11_0000), 11);
        assert_eq!(c.total(), 21);
        let r = ReturnCounts { 0: [1, 2, 3, 4, 5, 6] };
        assert_eq!((r.get(0), r.get(1), r.get(6)), (0, 1, 6));
        assert_eq!(r.sum_mask(0b11_0000), 9, "options 4 and 5");
    }
}
