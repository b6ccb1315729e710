//! The running aggregate of one campaign × unit × questionnaire version, split by channel. It is
//! stored (DynamoDB) and updated from the response stream: `add` one response, `merge` two partial
//! aggregates; figures are computed from it, never from the responses.

use super::figures::{UnitFigures, unit_figures};
use super::layout::{Layout, Row};
use super::tally::{Masks, Tally};
use super::{ResultsError, ref_name};
use crate::campaign::Target;
use crate::code::{CampaignId, UnitCode};
use crate::questionnaire::{Questionnaire, QuestionnaireRef};
use crate::response::{Channel, Response};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What one aggregate is kept for: the stream handler groups responses by it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AggregateKey {
    pub campaign: CampaignId,
    pub unit: UnitCode,
    pub questionnaire: QuestionnaireRef,
}

impl AggregateKey {
    pub fn of(r: &Response) -> AggregateKey {
        AggregateKey { campaign: r.campaign.clone(), unit: r.unit.clone(), questionnaire: r.questionnaire.clone() }
    }
}

/// Many responses in the flat form the fast path reads (e.g. columns scanned from a table).
#[derive(Debug, Clone, Copy, Default)]
pub struct Batch<'a> {
    /// Row-major: one row of `layout.items().len()` codes per response, in layout order; 0..=5 as
    /// answered (a faces item 1..=3), `BLANK` when unanswered.
    pub codes: &'a [u8],
    /// G1 per response, or empty when no response in the batch answered it.
    pub g1: &'a [Option<i64>],
    /// G2 option (1..=6) per response, or empty.
    pub g2: &'a [Option<u8>],
}

/// Counts of one questionnaire version's responses, by channel. Channels with no response are
/// absent, so two aggregates of the same responses are equal however they were built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "AggregateRepr")]
pub struct Aggregate {
    layout: Layout,
    by_channel: BTreeMap<Channel, Tally>,
    /// Derived from the layout once, read by the hot loop.
    #[serde(skip)]
    masks: Vec<Masks>,
}

#[derive(Deserialize)]
struct AggregateRepr {
    layout: Layout,
    by_channel: BTreeMap<Channel, Tally>,
}

impl TryFrom<AggregateRepr> for Aggregate {
    type Error = ResultsError;

    fn try_from(r: AggregateRepr) -> Result<Aggregate, ResultsError> {
        r.layout.check()?;
        let mut a = Aggregate::from_layout(r.layout);
        for (channel, tally) in r.by_channel {
            if tally.items() != a.layout.items().len() {
                return Err(ResultsError::Corrupt(format!("{channel:?} counts another number of items")));
            }
            if tally.n() > 0 {
                a.by_channel.insert(channel, tally);
            }
        }
        Ok(a)
    }
}

impl Aggregate {
    /// An empty aggregate for `q`, with G1/G2 found by [`Layout::of`].
    pub fn new(q: &Questionnaire) -> Result<Aggregate, ResultsError> {
        Ok(Aggregate::from_layout(Layout::of(q)?))
    }

    pub fn from_layout(layout: Layout) -> Aggregate {
        let masks = layout
            .items()
            .iter()
            .map(|i| Masks {
                allowed: i.scale.allowed(),
                valid: i.scale.valid(),
                unsatisfied: i.scale.valid() & !i.scale.satisfied(),
            })
            .collect();
        Aggregate { layout, by_channel: BTreeMap::new(), masks }
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    pub fn questionnaire(&self) -> &QuestionnaireRef {
        self.layout.questionnaire()
    }

    /// Counted responses, all channels.
    pub fn n(&self) -> u64 {
        self.by_channel.values().map(Tally::n).sum()
    }

    pub fn channels(&self) -> &BTreeMap<Channel, Tally> {
        &self.by_channel
    }

    /// All channels together.
    pub fn total(&self) -> Tally {
        let mut total = Tally::new(self.layout.items().len());
        for t in self.by_channel.values() {
            total.merge(t);
        }
        total
    }

    /// Counts one stored (so valid) response. The slow path: it reads answers by item id, then
    /// counts the row with the same loop as [`Aggregate::add_batch`].
    pub fn add(&mut self, r: &Response) -> Result<(), ResultsError> {
        if &r.questionnaire != self.questionnaire() {
            return Err(ResultsError::WrongQuestionnaire {
                expected: ref_name(self.questionnaire()),
                found: ref_name(&r.questionnaire),
            });
        }
        let Row { codes, g1, g2 } = self.layout.encode(&r.answers)?;
        self.add_batch(r.source.channel(), Batch { codes: &codes, g1: &[g1], g2: &[g2] })
    }

    /// Counts rows of codes only (no G1/G2): see [`Batch::codes`].
    pub fn add_codes(&mut self, channel: Channel, codes: &[u8]) -> Result<(), ResultsError> {
        self.add_batch(channel, Batch { codes, ..Batch::default() })
    }

    /// The fast path. The whole batch is checked first, so a bad batch counts nothing.
    pub fn add_batch(&mut self, channel: Channel, batch: Batch<'_>) -> Result<(), ResultsError> {
        let stride = self.layout.items().len();
        let malformed = |what: String| Err(ResultsError::BadBatch(what));
        if !batch.codes.len().is_multiple_of(stride) {
            return malformed(format!("{} codes do not make rows of {stride}", batch.codes.len()));
        }
        let rows = batch.codes.len() / stride;
        for (name, len) in [("g1", batch.g1.len()), ("g2", batch.g2.len())] {
            if len != 0 && len != rows {
                return malformed(format!("{len} {name} values for {rows} rows"));
            }
        }
        self.check_codes(batch.codes)?;
        self.check_extras(&batch)?;
        if rows > 0 {
            let tally = self.by_channel.entry(channel).or_insert_with(|| Tally::new(stride));
            tally.count(&self.masks, batch.codes, batch.g1, batch.g2);
        }
        Ok(())
    }

    fn check_codes(&self, codes: &[u8]) -> Result<(), ResultsError> {
        // Branch-free per row (bit 7 is never allowed, so any code above 7 reads as 7 and is
        // refused); the offending item is looked for only once a row is known bad.
        let masks = &self.masks;
        let refused = |row: &[u8]| row.iter().zip(masks).fold(0u8, |bad, (&c, m)| bad | (!m.allowed >> c.min(7)) & 1);
        for (r, row) in codes.chunks_exact(masks.len()).enumerate() {
            if refused(row) != 0 {
                let (i, &code) = row
                    .iter()
                    .enumerate()
                    .find(|&(i, &c)| c > 7 || masks[i].allowed >> c & 1 == 0)
                    .expect("a refused row has a refused code");
                let item = self.layout.items()[i].id.to_string();
                return Err(ResultsError::BadCode { row: r, item, code });
            }
        }
        Ok(())
    }

    fn check_extras(&self, batch: &Batch<'_>) -> Result<(), ResultsError> {
        let refuse = |item: &str, value: String| Err(ResultsError::BadAnswer { item: item.to_owned(), value });
        match self.layout.g1() {
            None if batch.g1.iter().any(Option::is_some) => return refuse("g1", "a G1 value".into()),
            Some(g1) => {
                if let Some(v) = batch.g1.iter().flatten().find(|v| !(g1.min..=g1.max).contains(*v)) {
                    return refuse(g1.id.as_str(), v.to_string());
                }
            }
            None => {}
        }
        match self.layout.g2() {
            None if batch.g2.iter().any(Option::is_some) => refuse("g2", "a G2 value".into()),
            Some(id) => match batch.g2.iter().flatten().find(|o| !(1..=6).contains(*o)) {
                Some(o) => refuse(id.as_str(), o.to_string()),
                None => Ok(()),
            },
            None => Ok(()),
        }
    }

    /// Takes one counted response away again (it was excluded after being counted). Refuses a
    /// response this aggregate cannot have counted, and leaves the aggregate as if it never had.
    pub fn remove(&mut self, r: &Response) -> Result<(), ResultsError> {
        let mut one = Aggregate::from_layout(self.layout.clone());
        one.add(r)?;
        let (channel, tally) = one.by_channel.into_iter().next().expect("one response, one channel");
        let not_counted = || ResultsError::Corrupt(format!("response {} was not counted here", r.id));
        let counted = self.by_channel.get_mut(&channel).ok_or_else(not_counted)?;
        if !counted.subtract(&tally) {
            return Err(not_counted());
        }
        if counted.n() == 0 {
            self.by_channel.remove(&channel);
        }
        Ok(())
    }

    /// Adds another aggregate of the same form (another part of the stream, another unit for a
    /// pooled figure). Refuses a different layout, since the positions would not mean the same items.
    pub fn merge(&mut self, other: &Aggregate) -> Result<(), ResultsError> {
        if self.layout != other.layout {
            return Err(if self.questionnaire() != other.questionnaire() {
                ResultsError::WrongQuestionnaire {
                    expected: ref_name(self.questionnaire()),
                    found: ref_name(other.questionnaire()),
                }
            } else {
                ResultsError::LayoutMismatch(ref_name(self.questionnaire()))
            });
        }
        let items = self.layout.items().len();
        for (channel, tally) in &other.by_channel {
            self.by_channel.entry(*channel).or_insert_with(|| Tally::new(items)).merge(tally);
        }
        Ok(())
    }

    /// The figures of this aggregate: withheld when fewer than `min_responses` responses were
    /// counted; `target` is the campaign's quality objective.
    pub fn figures(&self, q: &Questionnaire, min_responses: u32, target: Target) -> Result<UnitFigures, ResultsError> {
        if !self.layout.matches(q) {
            return Err(if q.reference() != *self.questionnaire() {
                ResultsError::WrongQuestionnaire {
                    expected: ref_name(self.questionnaire()),
                    found: ref_name(&q.reference()),
                }
            } else {
                ResultsError::LayoutMismatch(ref_name(self.questionnaire()))
            });
        }
        Ok(unit_figures(&self.layout, q, &self.total(), &self.by_channel, min_responses, target))
    }
}
