//! The catalog's records that handlers of several functions read and write: exclusions,
//! re-verification records, the audit log, publications, and the poster and bot counters.

use super::keys;
use super::{Store, StoreError};
use crate::auth::{Caller, Role};
use crate::clock;
use crate::random::random_bytes;
use hailong_domain::api::{Publication, Verification};
use hailong_domain::{CampaignId, ResponseId, UnitCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionReason {
    Invalid,
    Fraud,
    FailedVerification,
    Other,
}

impl ExclusionReason {
    /// The JSON name, as the public receipt page reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            ExclusionReason::Invalid => "invalid",
            ExclusionReason::Fraud => "fraud",
            ExclusionReason::FailedVerification => "failed_verification",
            ExclusionReason::Other => "other",
        }
    }
}

/// A response taken out of the counts, with why and by whom. Written once, never edited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exclusion {
    pub response: ResponseId,
    pub unit: UnitCode,
    pub reason: ExclusionReason,
    pub note: String,
    pub by: String,
    pub at: String,
}

/// One entry of the audit log: who did what, when, with the state before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub user: String,
    pub role: Role,
    pub action: String,
    pub target: String,
    #[serde(default)]
    pub before: Option<Value>,
    #[serde(default)]
    pub after: Option<Value>,
}

impl Store {
    /// Appends an audit entry for an action just done by `caller`. Append-only: entries go under
    /// fresh keys with a condition, and nothing changes or deletes one.
    pub async fn audit(
        &self,
        caller: &Caller,
        action: &str,
        target: &str,
        before: Option<Value>,
        after: Option<Value>,
    ) -> Result<(), StoreError> {
        let now = clock::now_ms();
        let entry = AuditEntry {
            at: clock::rfc3339(now),
            user: caller.user.clone(),
            role: caller.role,
            action: action.to_owned(),
            target: target.to_owned(),
            before,
            after,
        };
        self.insert_doc(&keys::audit_entry(now, uuid::Uuid::from_bytes(random_bytes())), &entry).await?;
        Ok(())
    }

    /// Records an exclusion unless the response is excluded already; says whether it did.
    pub async fn insert_exclusion(&self, campaign: &CampaignId, exclusion: &Exclusion) -> Result<bool, StoreError> {
        self.insert_doc(&keys::exclusion(campaign, &exclusion.response), exclusion).await
    }

    /// Records exclusions in bulk (the seeded earlier campaign).
    pub async fn save_exclusions(&self, campaign: &CampaignId, exclusions: &[Exclusion]) -> Result<(), StoreError> {
        let docs: Vec<_> = exclusions.iter().map(|e| (keys::exclusion(campaign, &e.response), e)).collect();
        self.put_docs(&docs).await
    }

    pub async fn exclusion(
        &self,
        campaign: &CampaignId,
        response: &ResponseId,
    ) -> Result<Option<Exclusion>, StoreError> {
        self.get_doc(&keys::exclusion(campaign, response)).await
    }

    pub async fn exclusions(&self, campaign: &CampaignId) -> Result<Vec<Exclusion>, StoreError> {
        self.query_docs(&keys::exclusions(campaign)).await
    }

    /// One unit's re-verification records (its drawn sample, with the verdicts so far): one
    /// Query of the unit's sort keys, however many units the campaign has.
    pub async fn unit_verifications(
        &self,
        campaign: &CampaignId,
        unit: &UnitCode,
    ) -> Result<Vec<Verification>, StoreError> {
        let (partition, prefix) = keys::unit_verifications(campaign, unit);
        super::query_all(self.prefixed(&partition, &prefix)).await?.iter().map(super::doc).collect()
    }

    /// Every re-verification record of a campaign, unit by unit.
    pub async fn verifications(&self, campaign: &CampaignId) -> Result<Vec<Verification>, StoreError> {
        self.query_docs(&keys::verifications(campaign)).await
    }

    /// The record of one sampled response, if it was sampled.
    pub async fn verification(
        &self,
        campaign: &CampaignId,
        unit: &UnitCode,
        response: &ResponseId,
    ) -> Result<Option<Verification>, StoreError> {
        self.get_doc(&keys::verification(campaign, unit, response)).await
    }

    /// Writes re-verification records (a drawn sample, or one verdict), each under its unit.
    pub async fn save_verifications(&self, campaign: &CampaignId, records: &[Verification]) -> Result<(), StoreError> {
        let docs: Vec<_> = records.iter().map(|v| (keys::verification(campaign, &v.unit, &v.response), v)).collect();
        self.put_docs(&docs).await
    }

    pub async fn publication(&self, campaign: &CampaignId) -> Result<Option<Publication>, StoreError> {
        self.get_doc(&keys::publication(campaign)).await
    }

    /// Every published campaign.
    pub async fn publications(&self) -> Result<Vec<Publication>, StoreError> {
        self.query_docs(&keys::publications()).await
    }

    pub async fn save_publication(&self, publication: &Publication) -> Result<(), StoreError> {
        self.put_docs(&[(keys::publication(&publication.campaign), publication)]).await
    }

    pub async fn count_poster_event(
        &self,
        campaign: &CampaignId,
        unit: &UnitCode,
        version: u32,
        event: &str,
    ) -> Result<(), StoreError> {
        self.bump(&keys::poster_stat(campaign, unit, version), event).await
    }

    /// A campaign's poster counts: by unit, then poster version, then event.
    pub async fn poster_counts(
        &self,
        campaign: &CampaignId,
    ) -> Result<BTreeMap<UnitCode, BTreeMap<u32, BTreeMap<String, i64>>>, StoreError> {
        let mut counts: BTreeMap<UnitCode, BTreeMap<u32, BTreeMap<String, i64>>> = BTreeMap::new();
        for (sk, events) in self.counters(&keys::poster_stats(campaign)).await? {
            if let Some((unit, version)) = keys::parse_poster_stat(&sk) {
                counts.entry(unit).or_default().insert(version, events);
            }
        }
        Ok(counts)
    }

    /// One unit's scan, start and completion counts by poster version: one Query of the unit's
    /// sort keys, however many units the campaign has.
    pub async fn unit_poster_counts(
        &self,
        campaign: &CampaignId,
        unit: &UnitCode,
    ) -> Result<BTreeMap<u32, BTreeMap<String, i64>>, StoreError> {
        let query = self.prefixed(&keys::poster_stats(campaign), &keys::unit_poster_stats(unit));
        let mut counts = BTreeMap::new();
        for (sk, events) in self.counters_of(query).await? {
            if let Some((_, version)) = keys::parse_poster_stat(&sk) {
                counts.insert(version, events);
            }
        }
        Ok(counts)
    }

    /// Counts a refused submission of a campaign by reason (`honeypot`, `device`, `network`).
    pub async fn count_refusal(&self, campaign: &CampaignId, reason: &str) -> Result<(), StoreError> {
        self.bump(&keys::bot_refusals(campaign), reason).await
    }

    /// The refused submissions of a campaign, by reason.
    pub async fn refusals(&self, campaign: &CampaignId) -> Result<BTreeMap<String, i64>, StoreError> {
        let items = self.counters(&keys::bot_stats(campaign)).await?;
        Ok(items.into_iter().flat_map(|(_, c)| c).collect())
    }
}
