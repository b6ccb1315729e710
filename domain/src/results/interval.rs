//! The 95% interval published beside every unit index, and the overlap test that tells readers
//! when two units cannot be told apart.

/// The two-sided 95% normal quantile.
pub const Z95: f64 = 1.959_963_984_540_054;

/// How `ci95` is computed; published with every snapshot.
pub const INTERVAL_METHOD: &str = "95% interval: Wilson score interval (z = 1.96) for the unit index read \
as a proportion p = index/100 over n = the respondents who gave at least one valid answer to a scored \
statement. Answers of one respondent are not independent, so respondents, not answers, are the sample; \
and since any per-respondent score between 0 and 1 with mean p has variance at most p(1-p), the interval \
is conservative. At p = 0.85 it is about ±9.9 points for n = 50, ±7.0 for n = 100, ±4.9 for n = 200. \
Wilson rather than p ± z·√(p(1-p)/n) because it stays inside 0–100 and is not zero-width at 100%. \
The same interval is given for each item's % satisfied over its n valid answers (one per respondent), \
for each section index over its n = the most valid answers any of its statements received (no more than \
the respondents who rated the section, so the interval is, if anything, too wide), and for each \
channel's index over that channel's respondents.";

/// Wilson score interval for a share `p` (0–1) over `n` trials, as percentages [lo, hi];
/// `None` when there is no trial or `p` is not a share.
pub fn wilson(p: f64, n: u64, z: f64) -> Option<[f64; 2]> {
    if n == 0 || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let n = n as f64;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // Mathematically the interval lies in [0, 1] and reaches 0 (1) exactly when p is 0 (1); the
    // clamps and the two ends below only remove rounding noise, so 100% reads 100, not 99.999….
    let lo = if p == 0.0 { 0.0 } else { ((centre - half) * 100.0).max(0.0) };
    let hi = if p == 1.0 { 100.0 } else { ((centre + half) * 100.0).min(100.0) };
    Some([lo, hi])
}

/// The published interval of an index (0–100) measured over `respondents`.
pub fn ci95(index_pct: f64, respondents: u64) -> Option<[f64; 2]> {
    wilson(index_pct / 100.0, respondents, Z95)
}

/// Whether two intervals share a point: if they do, the ranking of the two units is not shown by
/// the data.
pub fn intervals_overlap(a: [f64; 2], b: [f64; 2]) -> bool {
    a[0] <= b[1] && b[0] <= a[1]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn half_width(p: f64, n: u64) -> f64 {
        let [lo, hi] = ci95(p, n).unwrap();
        (hi - lo) / 2.0
    }

    #[test]
    fn matches_the_reference_margins() {
        // Domain reference §4: at p = 0.85, n = 50 → ±9.9, 100 → ±7.0, 200 → ±4.9.
        for (n, margin) in [(50, 9.9), (100, 7.0), (200, 4.9)] {
            let w = half_width(85.0, n);
            assert!((w - margin).abs() < 0.06, "n = {n}: ±{w:.2}");
        }
    }

    #[test]
    fn known_wilson_values() {
        // 85% of 50: Wilson centre 82.51, bounds 72.65 and 92.37 (hand-computed).
        let [lo, hi] = ci95(85.0, 50).unwrap();
        assert!((lo - 72.65).abs() < 0.01 && (hi - 92.37).abs() < 0.01, "{lo} {hi}");
        // All satisfied out of 30 still leaves room below 100.
        let [lo, hi] = ci95(100.0, 30).unwrap();
        assert!((lo - 88.65).abs() < 0.01 && hi == 100.0, "{lo} {hi}");
        assert_eq!(ci95(50.0, 0), None);
        assert_eq!(ci95(101.0, 10), None);
    }

    #[test]
    fn overlap_is_inclusive_and_symmetric() {
        assert!(intervals_overlap([10.0, 20.0], [20.0, 30.0]));
        assert!(intervals_overlap([10.0, 40.0], [20.0, 30.0]));
        assert!(!intervals_overlap([10.0, 19.9], [20.0, 30.0]));
        assert!(!intervals_overlap([20.0, 30.0], [10.0, 19.9]));
    }

    proptest! {
        #[test]
        fn interval_holds_the_estimate_and_narrows_with_n(pct in 0.0f64..=100.0, n in 1u64..5000) {
            let [lo, hi] = ci95(pct, n).unwrap();
            prop_assert!(0.0 <= lo && lo <= pct + 1e-9 && pct <= hi + 1e-9 && hi <= 100.0);
            let [lo4, hi4] = ci95(pct, n * 4).unwrap();
            prop_assert!(hi4 - lo4 <= hi - lo + 1e-9);
        }
    }
}
