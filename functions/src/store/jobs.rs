//! Publication jobs: the version claim, the job's state and progress, and what each hashing step
//! found. Every write is conditional, so a step delivered twice changes nothing the second time.

use super::keys::{self, Key};
use super::{Item, Store, StoreError, doc, get_n, key, n, query_all, s, updated};
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{Delete, Put, TransactWriteItem, Update};
use hailong_domain::api::{JobFailure, JobState, PublishJob};
use hailong_domain::results::UnitRoot;
use hailong_domain::{CampaignId, UnitCode};
use serde::{Deserialize, Serialize};

/// What a job keeps beside its progress counters: fixed when it starts, but for its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobRecord {
    pub job: String,
    pub campaign: CampaignId,
    pub version: u32,
    pub units_total: u32,
    pub steps_total: u32,
    pub started_at: String,
    pub reason: Option<String>,
    /// Who asked for it: the published snapshot and the audit log name them.
    pub requested_by: String,
    /// The campaign's exclusions when the job started (`results::job::exclusions_digest`):
    /// every step checks it, so that an exclusion made meanwhile is wholly out, never half in.
    pub exclusions: String,
    pub state: JobState,
    #[serde(default)]
    pub digest: Option<String>,
    #[serde(default)]
    pub failure: Option<JobFailure>,
}

/// A preview job (`results::preview`): who asked for it (it previews the units they may see,
/// and only they read it) and its outcome. Its figures are private files, not items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRecord {
    pub job: String,
    pub campaign: CampaignId,
    pub caller: crate::auth::Caller,
    pub started_at: String,
    pub state: JobState,
    #[serde(default)]
    pub failure: Option<String>,
}

/// What one hashing step found in its units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepResult {
    pub roots: Vec<UnitRoot>,
    /// Units with responses stored but not counted yet: (unit, stored, counted).
    pub not_counted: Vec<(UnitCode, u64, u64)>,
}

/// A job as stored: its record and how far its steps got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredJob {
    pub record: JobRecord,
    pub units_done: u32,
    pub responses_hashed: u64,
    pub steps_done: u32,
}

impl StoredJob {
    pub fn view(&self) -> PublishJob {
        let r = &self.record;
        PublishJob {
            job: r.job.clone(),
            campaign: r.campaign.clone(),
            version: r.version,
            state: r.state,
            units_done: self.units_done,
            units_total: r.units_total,
            responses_hashed: self.responses_hashed,
            started_at: r.started_at.clone(),
            digest: r.digest.clone(),
            failure: r.failure.clone(),
        }
    }
}

fn state_name(state: JobState) -> &'static str {
    match state {
        JobState::Running => "running",
        JobState::Done => "done",
        JobState::Failed => "failed",
    }
}

fn job_item(record: &JobRecord) -> Item {
    let mut item = key(&keys::publish_job(&record.campaign, &record.job));
    item.insert("doc".into(), s(&serde_json::to_string(record).expect("jobs serialise")));
    item.insert("state".into(), s(state_name(record.state)));
    item
}

fn cancelled(e: &SdkError<TransactWriteItemsError, impl std::fmt::Debug>) -> bool {
    matches!(e, SdkError::ServiceError(s) if matches!(s.err(), TransactWriteItemsError::TransactionCanceledException(_)))
}

/// The claim of a version: which job publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Claim {
    job: String,
}

impl Store {
    /// Writes a new preview job, or its outcome over it.
    pub async fn save_preview(&self, record: &PreviewRecord) -> Result<(), StoreError> {
        self.put_docs(&[(keys::preview_job(&record.campaign, &record.job), record)]).await
    }

    pub async fn preview_job(&self, campaign: &CampaignId, job: &str) -> Result<Option<PreviewRecord>, StoreError> {
        self.get_doc(&keys::preview_job(campaign, job)).await
    }

    /// Claims the job's version and writes the job, together; `false` when the version is
    /// claimed already (by a job running, or done).
    pub async fn start_job(&self, record: &JobRecord) -> Result<bool, StoreError> {
        let mut claim = key(&keys::publication_claim(&record.campaign, record.version));
        claim.insert("doc".into(), s(&serde_json::to_string(&Claim { job: record.job.clone() }).expect("serialises")));
        let mut job = job_item(record);
        for counter in ["units_done", "responses_hashed", "steps_done"] {
            job.insert(counter.into(), n(0));
        }
        let put = |item: Item| {
            TransactWriteItem::builder()
                .put(
                    Put::builder()
                        .table_name(&self.tables.catalog)
                        .set_item(Some(item))
                        .condition_expression("attribute_not_exists(pk)")
                        .build()
                        .expect("set"),
                )
                .build()
        };
        match self.client.transact_write_items().transact_items(put(claim)).transact_items(put(job)).send().await {
            Ok(_) => Ok(true),
            Err(e) if cancelled(&e) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// The job that claimed a version, if any.
    pub async fn claimant(&self, campaign: &CampaignId, version: u32) -> Result<Option<String>, StoreError> {
        Ok(self.get_doc::<Claim>(&keys::publication_claim(campaign, version)).await?.map(|c| c.job))
    }

    /// Frees a version whose job failed, so that the next publication can take it.
    pub async fn release_claim(&self, campaign: &CampaignId, version: u32, job: &str) -> Result<(), StoreError> {
        let claim = serde_json::to_string(&Claim { job: job.to_owned() }).expect("serialises");
        let result = self
            .client
            .transact_write_items()
            .transact_items(
                TransactWriteItem::builder()
                    .delete(
                        Delete::builder()
                            .table_name(&self.tables.catalog)
                            .set_key(Some(key(&keys::publication_claim(campaign, version))))
                            .condition_expression("doc = :claim")
                            .expression_attribute_values(":claim", s(&claim))
                            .build()
                            .expect("set"),
                    )
                    .build(),
            )
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            // Released already, or another job's: nothing to do.
            Err(e) if cancelled(&e) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    pub async fn job(&self, campaign: &CampaignId, job: &str) -> Result<Option<StoredJob>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.tables.catalog)
            .set_key(Some(key(&keys::publish_job(campaign, job))))
            .consistent_read(true)
            .send()
            .await?;
        out.item()
            .map(|item| {
                Ok(StoredJob {
                    record: doc(item)?,
                    units_done: get_n(item, "units_done")? as u32,
                    responses_hashed: get_n(item, "responses_hashed")? as u64,
                    steps_done: get_n(item, "steps_done")? as u32,
                })
            })
            .transpose()
    }

    /// Records what a step found and adds it to the job's progress, in one transaction; `false`
    /// when the step was recorded already (a second delivery), and then nothing changes.
    pub async fn record_step(
        &self,
        campaign: &CampaignId,
        job: &str,
        batch: u32,
        result: &StepResult,
    ) -> Result<bool, StoreError> {
        let mut step = key(&keys::publish_step(campaign, job, batch));
        step.insert("doc".into(), s(&serde_json::to_string(result).expect("serialises")));
        let put = Put::builder()
            .table_name(&self.tables.catalog)
            .set_item(Some(step))
            .condition_expression("attribute_not_exists(pk)")
            .build()
            .expect("set");
        let hashed: u64 = result.roots.iter().map(|r| r.n).sum();
        let update = Update::builder()
            .table_name(&self.tables.catalog)
            .set_key(Some(key(&keys::publish_job(campaign, job))))
            .update_expression("ADD units_done :u, responses_hashed :h, steps_done :one")
            .condition_expression("#state = :running")
            .expression_attribute_names("#state", "state")
            .expression_attribute_values(":u", n(result.roots.len() as i64))
            .expression_attribute_values(":h", n(hashed as i64))
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":running", s("running"))
            .build()
            .expect("set");
        let result = self
            .client
            .transact_write_items()
            .transact_items(TransactWriteItem::builder().put(put).build())
            .transact_items(TransactWriteItem::builder().update(update).build())
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(e) if cancelled(&e) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Every step's result of a job, in batch order.
    pub async fn step_results(&self, campaign: &CampaignId, job: &str) -> Result<Vec<StepResult>, StoreError> {
        let items = query_all(self.partition(&keys::publish_steps(campaign, job)).consistent_read(true)).await?;
        items.iter().map(doc).collect()
    }

    /// Moves a running job to its outcome (done or failed); `false` when it was not running any
    /// more (another delivery of the last step got there first).
    pub async fn end_job(&self, record: &JobRecord) -> Result<bool, StoreError> {
        let k: Key = keys::publish_job(&record.campaign, &record.job);
        let result = self
            .client
            .update_item()
            .table_name(&self.tables.catalog)
            .set_key(Some(key(&k)))
            .update_expression("SET doc = :doc, #state = :state")
            .condition_expression("#state = :running")
            .expression_attribute_names("#state", "state")
            .expression_attribute_values(":doc", s(&serde_json::to_string(record).expect("jobs serialise")))
            .expression_attribute_values(":state", s(state_name(record.state)))
            .expression_attribute_values(":running", s("running"))
            .send()
            .await;
        updated(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_attribute_spells_the_api_names() {
        for state in [JobState::Running, JobState::Done, JobState::Failed] {
            assert_eq!(serde_json::to_value(state).unwrap(), serde_json::json!(state_name(state)));
        }
    }
}
