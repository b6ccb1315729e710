//! The audit log read a page at a time, newest first: the time range is the key condition on
//! the log's time-ordered sort key, the other filters are applied while paging.

use super::keys::{self, Key};
use super::{AuditEntry, Item, Store, StoreError, doc, get_s, s};

/// Items read per DynamoDB call while filling a page.
const READ: i32 = 200;

/// A page of entries and the key of its last one, to continue after, if the log goes on.
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub next: Option<String>,
}

impl Store {
    /// Up to `limit` entries written between `from_ms` and `to_ms` (inclusive) that `keep`,
    /// newest first, starting after the entry `after`.
    pub async fn audit_page(
        &self,
        (from_ms, to_ms): (i64, i64),
        after: Option<&Key>,
        limit: usize,
        keep: impl Fn(&AuditEntry) -> bool,
    ) -> Result<AuditPage, StoreError> {
        let (lo, hi) = keys::audit_span(from_ms, to_ms);
        let mut start: Option<Item> = after.map(super::key);
        let mut entries = Vec::new();
        loop {
            let out = self
                .client
                .query()
                .table_name(&self.tables.catalog)
                .key_condition_expression("pk = :pk AND sk BETWEEN :lo AND :hi")
                .expression_attribute_values(":pk", s(&keys::audit_log().0))
                .expression_attribute_values(":lo", s(&lo))
                .expression_attribute_values(":hi", s(&hi))
                .scan_index_forward(false)
                .limit(READ)
                .set_exclusive_start_key(start.take())
                .send()
                .await?;
            for item in out.items() {
                let entry: AuditEntry = doc(item)?;
                if keep(&entry) {
                    entries.push(entry);
                    if entries.len() == limit {
                        return Ok(AuditPage { entries, next: Some(get_s(item, "sk")?.to_owned()) });
                    }
                }
            }
            match out.last_evaluated_key {
                Some(key) => start = Some(key),
                None => return Ok(AuditPage { entries, next: None }),
            }
        }
    }
}
