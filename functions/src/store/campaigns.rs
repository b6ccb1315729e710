//! Campaigns, one catalog item each under one partition (listing is a keyed Query). A DynamoDB
//! item holds at most 400 KB and a national campaign's 10,000 units are about 600 KB of JSON, so
//! past [`UNITS_INLINE`] units the campaign item keeps none and says in `unit_parts` how many
//! parts of [`UNITS_PER_PART`] hold them; the parts are written in the same transaction, and a
//! reader puts the campaign together again, so nothing above the store sees the split.

use super::keys;
use super::{Item, Store, StoreError, doc, get_n, key, n, query_all, s};
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{Put, TransactWriteItem};
use hailong_domain::{Campaign, CampaignId, CampaignUnit};

/// Units a campaign item holds itself (about 70 KB of them).
const UNITS_INLINE: usize = 1_000;
/// Units per part item (about 140 KB): one transaction of at most 100 items stores 198,000.
const UNITS_PER_PART: usize = 2_000;
const PARTS: &str = "unit_parts";

fn doc_item(k: &keys::Key, value: &impl serde::Serialize) -> Item {
    let mut item = key(k);
    item.insert("doc".into(), s(&serde_json::to_string(value).expect("domain types serialise")));
    item
}

/// The items that store a campaign: its own, then its units' parts if it has too many to hold.
fn campaign_items(c: &Campaign) -> Vec<Item> {
    let id = &c.id;
    if c.units.len() <= UNITS_INLINE {
        return vec![doc_item(&keys::campaign(id), c)];
    }
    let parts: Vec<&[CampaignUnit]> = c.units.chunks(UNITS_PER_PART).collect();
    let mut head = doc_item(&keys::campaign(id), &Campaign { units: Vec::new(), ..c.clone() });
    head.insert(PARTS.into(), n(parts.len() as i64));
    let mut items = vec![head];
    items.extend(parts.iter().enumerate().map(|(i, units)| doc_item(&keys::campaign_units_part(id, i), units)));
    items
}

impl Store {
    pub async fn campaign(&self, id: &CampaignId) -> Result<Option<Campaign>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.tables.catalog)
            .set_key(Some(key(&keys::campaign(id))))
            .send()
            .await?;
        match out.item() {
            None => Ok(None),
            Some(item) => self.assemble(item).await.map(Some),
        }
    }

    pub async fn campaigns(&self) -> Result<Vec<Campaign>, StoreError> {
        let mut all = Vec::new();
        for item in query_all(self.partition(&keys::campaigns())).await? {
            all.push(self.assemble(&item).await?);
        }
        Ok(all)
    }

    /// A campaign from its item and, if it has them, its parts: only the first `unit_parts`
    /// are read, so the parts of a larger earlier version never come back.
    async fn assemble(&self, item: &Item) -> Result<Campaign, StoreError> {
        let mut campaign: Campaign = doc(item)?;
        if item.contains_key(PARTS) {
            let parts = get_n(item, PARTS)? as usize;
            let query = self
                .partition(&keys::campaign_units(&campaign.id))
                .key_condition_expression("pk = :pk AND sk < :end")
                .expression_attribute_values(":end", s(&keys::campaign_units_bound(parts)));
            for part in query_all(query).await? {
                campaign.units.extend(doc::<Vec<CampaignUnit>>(&part)?);
            }
        }
        Ok(campaign)
    }

    /// Replaces a stored campaign (status changes, edits of a draft).
    pub async fn save_campaign(&self, c: &Campaign) -> Result<(), StoreError> {
        self.write_campaign(c, false).await.map(|_| ())
    }

    /// Stores a new campaign; `false` when one exists under its id.
    pub async fn insert_campaign(&self, c: &Campaign) -> Result<bool, StoreError> {
        self.write_campaign(c, true).await
    }

    /// The campaign's items in one transaction, all or none; `only_new` makes it conditional on
    /// the campaign's item being absent.
    async fn write_campaign(&self, c: &Campaign, only_new: bool) -> Result<bool, StoreError> {
        let mut tx = self.client.transact_write_items();
        for (i, item) in campaign_items(c).into_iter().enumerate() {
            let put = Put::builder().table_name(&self.tables.catalog).set_item(Some(item));
            let put = if only_new && i == 0 { put.condition_expression("attribute_not_exists(pk)") } else { put };
            tx = tx
                .transact_items(TransactWriteItem::builder().put(put.build().expect("table and item are set")).build());
        }
        match tx.send().await {
            Ok(_) => Ok(true),
            Err(SdkError::ServiceError(e))
                if only_new && matches!(e.err(), TransactWriteItemsError::TransactionCanceledException(_)) =>
            {
                Ok(false)
            }
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn campaign(units: usize) -> Campaign {
        let units: Vec<_> = (0..units)
            .map(|i| json!({"code": format!("tram-y-te-{i:05}"), "kind": "tram_y_te", "quota": 100}))
            .collect();
        serde_json::from_value(json!({
            "id": "quoc-gia", "title": "Toàn quốc", "status": "open", "questionnaires": {},
            "units": units, "opens": "2026-01-01", "closes": "2026-12-31"
        }))
        .unwrap()
    }

    fn size(item: &Item) -> usize {
        item.values().map(|v| v.as_s().map_or(8, String::len)).sum()
    }

    #[test]
    fn a_small_campaign_is_one_item() {
        assert_eq!(campaign_items(&campaign(UNITS_INLINE)).len(), 1);
    }

    #[test]
    fn ten_thousand_units_are_split_into_items_under_the_limit() {
        let c = campaign(10_000);
        // One item could not hold them: DynamoDB's limit is 400 KB.
        assert!(serde_json::to_string(&c).unwrap().len() > 400 * 1024);
        let items = campaign_items(&c);
        assert_eq!(items.len(), 1 + 5);
        assert_eq!(get_n(&items[0], PARTS).unwrap(), 5);
        assert!(items.iter().all(|i| size(i) < 200 * 1024), "{:?}", items.iter().map(size).collect::<Vec<_>>());
        let units: Vec<CampaignUnit> = items[1..].iter().flat_map(|i| doc::<Vec<CampaignUnit>>(i).unwrap()).collect();
        assert_eq!(units, c.units);
    }
}
