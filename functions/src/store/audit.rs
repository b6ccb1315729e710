//! The audit log's partition (`AUDIT`, sort key `{unix ms:013}#{uuid}`): read a page at a time,
//! newest first, the time range as the key condition and other filters applied while paging.

use super::{Item, Store, StoreError, doc, get_s, s};
use serde::de::DeserializeOwned;

/// Items read per DynamoDB call while filling a page.
const READ: i32 = 200;

/// A page of entries and the sort key to continue after, if the log goes on.
pub struct AuditPage<T> {
    pub entries: Vec<T>,
    pub next: Option<String>,
}

impl Store {
    /// Up to `limit` entries received between `from_ms` and `to_ms` (inclusive) that `keep`,
    /// newest first, starting after the sort key `after`.
    pub async fn audit_page<T: DeserializeOwned>(
        &self,
        (from_ms, to_ms): (i64, i64),
        after: Option<&str>,
        limit: usize,
        keep: impl Fn(&T) -> bool,
    ) -> Result<AuditPage<T>, StoreError> {
        let mut start: Option<Item> = after.map(|sk| super::key("AUDIT", sk));
        let mut entries = Vec::new();
        loop {
            let out = self
                .client
                .query()
                .table_name(&self.tables.catalog)
                .key_condition_expression("pk = :pk AND sk BETWEEN :lo AND :hi")
                .expression_attribute_values(":pk", s("AUDIT"))
                .expression_attribute_values(":lo", s(&format!("{from_ms:013}")))
                // '~' sorts after the '#' that ends every key's time.
                .expression_attribute_values(":hi", s(&format!("{to_ms:013}~")))
                .scan_index_forward(false)
                .limit(READ)
                .set_exclusive_start_key(start.take())
                .send()
                .await?;
            for item in out.items() {
                let entry: T = doc(item)?;
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
