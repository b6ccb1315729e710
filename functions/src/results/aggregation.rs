//! Keeping aggregates up to date: a response is counted once when the stream delivers it, and
//! taken away again when an administrator excludes it.

use crate::context::Context;
use crate::store::{Mark, StoreError};
use hailong_domain::Response;
use hailong_domain::results::{Aggregate, AggregateKey};

/// Optimistic updates retry this often before giving up (the stream redelivers a failed record).
const ATTEMPTS: usize = 20;

fn conflict() -> StoreError {
    StoreError::Dynamo("the aggregate kept changing under concurrent updates".into())
}

async fn empty_aggregate(ctx: &Context, r: &Response) -> Result<Aggregate, StoreError> {
    let q = ctx.store.questionnaire(&r.questionnaire).await?.ok_or_else(|| StoreError::Corrupt {
        key: r.id.to_string(),
        reason: "its questionnaire version is not stored".into(),
    })?;
    Aggregate::new(&q).map_err(|e| StoreError::Corrupt { key: r.id.to_string(), reason: e.to_string() })
}

/// Counts a stored response, once: a redelivered or already-excluded response changes nothing.
pub async fn count(ctx: &Context, r: &Response) -> Result<(), StoreError> {
    let (id, key) = (r.id.to_string(), AggregateKey::of(r));
    for _ in 0..ATTEMPTS {
        if ctx.store.mark(r).await?.is_some() {
            return Ok(());
        }
        let rev = ctx.store.aggregate(&key).await?;
        let mut aggregate = match rev.aggregate {
            Some(a) => a,
            None => empty_aggregate(ctx, r).await?,
        };
        aggregate.add(r).map_err(|e| StoreError::Corrupt { key: id.clone(), reason: e.to_string() })?;
        if ctx.store.commit_aggregate(r, &aggregate, rev.rev, None, Mark::Counted).await? {
            return Ok(());
        }
    }
    Err(conflict())
}

/// Takes an excluded response out of its aggregate (or makes sure it is never counted).
pub async fn uncount(ctx: &Context, r: &Response) -> Result<(), StoreError> {
    let (id, key) = (r.id.to_string(), AggregateKey::of(r));
    for _ in 0..ATTEMPTS {
        match ctx.store.mark(r).await? {
            Some(Mark::Excluded) => return Ok(()),
            None => {
                if ctx.store.mark_excluded_uncounted(r).await? {
                    return Ok(());
                }
            }
            Some(Mark::Counted) => {
                let rev = ctx.store.aggregate(&key).await?;
                let mut aggregate = rev.aggregate.ok_or_else(|| StoreError::Corrupt {
                    key: id.clone(),
                    reason: "counted, but its aggregate is missing".into(),
                })?;
                aggregate.remove(r).map_err(|e| StoreError::Corrupt { key: id.clone(), reason: e.to_string() })?;
                if ctx.store.commit_aggregate(r, &aggregate, rev.rev, Some(Mark::Counted), Mark::Excluded).await? {
                    return Ok(());
                }
            }
        }
    }
    Err(conflict())
}
