//! The counters of one group of responses (one channel of one unit), and the loop that fills them.
//! Every counter is an integer, so adding in any order or merging in any grouping gives the same
//! tally exactly; every figure is computed from it afterwards.

use super::ResultsError;
use super::counts::{Counts, ReturnCounts};
use serde::{Deserialize, Serialize};

/// Per scored item: what makes an answer valid and what makes it not satisfied, by code bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Masks {
    pub allowed: u8,
    pub valid: u8,
    pub unsatisfied: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "TallyRepr", try_from = "TallyRepr")]
pub struct Tally {
    /// Counted responses.
    n: u64,
    /// Respondents with at least one valid answer to a scored item.
    rated: u64,
    /// Of those, the ones whose every valid scored answer is satisfied ("hài lòng toàn diện").
    fully_satisfied: u64,
    /// Per scored item, one cache line: codes 0..=5, then `BLANK` (6); slot 7 is never used. Counting
    /// the blank too keeps the hot loop free of branches.
    slots: Vec<[u64; 8]>,
    g1_sum: i64,
    g1_n: u64,
    g2: [u64; 6],
}

/// The stored form: counts per code as maps; the blank slot is implied by `n`.
#[derive(Serialize, Deserialize)]
struct TallyRepr {
    n: u64,
    rated: u64,
    fully_satisfied: u64,
    counts: Vec<Counts>,
    #[serde(default)]
    g1_sum: i64,
    #[serde(default)]
    g1_n: u64,
    #[serde(default)]
    g2: ReturnCounts,
}

impl From<Tally> for TallyRepr {
    fn from(t: Tally) -> TallyRepr {
        let counts = (0..t.slots.len()).map(|i| t.counts(i)).collect();
        TallyRepr {
            n: t.n,
            rated: t.rated,
            fully_satisfied: t.fully_satisfied,
            counts,
            g1_sum: t.g1_sum,
            g1_n: t.g1_n,
            g2: ReturnCounts { 0: t.g2 },
        }
    }
}

impl TryFrom<TallyRepr> for Tally {
    type Error = ResultsError;

    fn try_from(r: TallyRepr) -> Result<Tally, ResultsError> {
        let corrupt = |what: &str| Err(ResultsError::Corrupt(what.to_owned()));
        if r.rated > r.n || r.fully_satisfied > r.rated || r.g1_n > r.n || r.g2.total() > r.n {
            return corrupt("a respondent counter exceeds n");
        }
        let mut slots = Vec::with_capacity(r.counts.len());
        for c in &r.counts {
            let Some(blank) = r.n.checked_sub(c.total()) else {
                return corrupt("an item has more answers than there are responses");
            };
            let mut slot = [0; 8];
            slot[..6].copy_from_slice(&c.0);
            slot[usize::from(super::BLANK)] = blank;
            slots.push(slot);
        }
        Ok(Tally {
            n: r.n,
            rated: r.rated,
            fully_satisfied: r.fully_satisfied,
            slots,
            g1_sum: r.g1_sum,
            g1_n: r.g1_n,
            g2: r.g2.0,
        })
    }
}

impl Tally {
    pub(crate) fn new(items: usize) -> Tally {
        Tally { n: 0, rated: 0, fully_satisfied: 0, slots: vec![[0; 8]; items], g1_sum: 0, g1_n: 0, g2: [0; 6] }
    }

    pub fn n(&self) -> u64 {
        self.n
    }

    pub fn rated(&self) -> u64 {
        self.rated
    }

    pub fn fully_satisfied(&self) -> u64 {
        self.fully_satisfied
    }

    /// Number of scored items counted.
    pub fn items(&self) -> usize {
        self.slots.len()
    }

    /// Answers to the scored item at position `i` of the layout, by code.
    pub fn counts(&self, i: usize) -> Counts {
        let mut c = Counts::default();
        c.0.copy_from_slice(&self.slots[i][..6]);
        c
    }

    /// (sum, number) of G1 answers.
    pub fn g1(&self) -> (i64, u64) {
        (self.g1_sum, self.g1_n)
    }

    /// G2 answers by option 1..=6.
    pub fn g2(&self) -> ReturnCounts {
        ReturnCounts { 0: self.g2 }
    }

    pub(crate) fn merge(&mut self, other: &Tally) {
        debug_assert_eq!(self.slots.len(), other.slots.len());
        self.n += other.n;
        self.rated += other.rated;
        self.fully_satisfied += other.fully_satisfied;
        for (a, b) in self.slots.iter_mut().zip(&other.slots) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        self.g1_sum += other.g1_sum;
        self.g1_n += other.g1_n;
        for (x, y) in self.g2.iter_mut().zip(&other.g2) {
            *x += y;
        }
    }

    /// Takes away another tally's counts; `false` (and nothing changed) if it holds more of
    /// anything than this one, which would mean it was never counted here.
    pub(crate) fn subtract(&mut self, other: &Tally) -> bool {
        let fits = self.n >= other.n
            && self.rated >= other.rated
            && self.fully_satisfied >= other.fully_satisfied
            && self.g1_n >= other.g1_n
            && self.slots.iter().zip(&other.slots).all(|(a, b)| a.iter().zip(b).all(|(x, y)| x >= y))
            && self.g2.iter().zip(&other.g2).all(|(x, y)| x >= y);
        if !fits {
            return false;
        }
        self.n -= other.n;
        self.rated -= other.rated;
        self.fully_satisfied -= other.fully_satisfied;
        for (a, b) in self.slots.iter_mut().zip(&other.slots) {
            for (x, y) in a.iter_mut().zip(b) {
                *x -= y;
            }
        }
        self.g1_sum -= other.g1_sum;
        self.g1_n -= other.g1_n;
        for (x, y) in self.g2.iter_mut().zip(&other.g2) {
            *x -= y;
        }
        true
    }

    /// The hot loop. `codes` holds whole rows of `self.items()` codes, each already checked to be
    /// allowed for its item (so below 8); `g1`/`g2` hold checked values. Per answer it does one
    /// increment and two bit operations, with no branch and no bounds check.
    pub(crate) fn count(&mut self, masks: &[Masks], codes: &[u8], g1: &[Option<i64>], g2: &[Option<u8>]) {
        let stride = self.slots.len();
        let slots = &mut self.slots[..stride];
        let masks = &masks[..stride];
        let (mut rows, mut rated, mut full) = (0u64, 0u64, 0u64);
        for row in codes.chunks_exact(stride) {
            // Bit 0 of (mask >> code) is the mask's bit for that code; higher bits are noise that
            // the final `& 1` drops, so OR-ing shifted masks answers "any item valid / unsatisfied".
            let (mut valid, mut unsatisfied) = (0u8, 0u8);
            for ((slot, &code), m) in slots.iter_mut().zip(row).zip(masks) {
                let c = code & 7;
                slot[usize::from(c)] += 1;
                valid |= m.valid >> c;
                unsatisfied |= m.unsatisfied >> c;
            }
            let valid = u64::from(valid & 1);
            rated += valid;
            full += valid & u64::from(!unsatisfied & 1);
            rows += 1;
        }
        self.n += rows;
        self.rated += rated;
        self.fully_satisfied += full;
        for v in g1.iter().flatten() {
            self.g1_sum += v;
            self.g1_n += 1;
        }
        for &o in g2.iter().flatten() {
            self.g2[usize::from(o - 1)] += 1;
        }
    }
}
