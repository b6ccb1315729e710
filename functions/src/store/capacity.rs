//! What each store call costs, per partition key: an interceptor on a recording store's client
//! asks every DynamoDB call to return its consumed capacity and adds it up by the key it
//! touched. Opt-in (`Store::recording`), so a store that does not record pays nothing: its
//! client has no interceptor. Capacity tests (`tests/tests/capacity.rs`) turn it into rates.
//!
//! DynamoDB reports capacity per table (and per index), not per item: a batch or a transaction
//! touching several keys has its table's figure shared among them by their sizes in kilobytes,
//! as DynamoDB charges. A call that fails reports nothing and is not counted.

use aws_sdk_dynamodb::config::interceptors::{
    AfterDeserializationInterceptorContextRef, BeforeSerializationInterceptorContextMut,
};
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_dynamodb::error::BoxError;
use aws_sdk_dynamodb::operation::{
    batch_write_item::{BatchWriteItemInput, BatchWriteItemOutput},
    get_item::{GetItemInput, GetItemOutput},
    put_item::{PutItemInput, PutItemOutput},
    query::{QueryInput, QueryOutput},
    transact_write_items::{TransactWriteItemsInput, TransactWriteItemsOutput},
    update_item::{UpdateItemInput, UpdateItemOutput},
};
use aws_sdk_dynamodb::types::{AttributeValue, ConsumedCapacity, ReturnConsumedCapacity};
use aws_smithy_types::config_bag::{Storable, StoreReplace};
use std::collections::HashMap;
use std::sync::Mutex;

/// The one secondary index and its partition key attribute (`by_unit` of the responses table).
const INDEX_KEY: &str = "unit_key";

/// Capacity units consumed on one partition key.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Used {
    pub read: f64,
    pub write: f64,
}

/// Totals per partition key, named `table pk` or `table/index pk`.
#[derive(Debug, Default)]
pub struct CapacityRecorder {
    used: Mutex<HashMap<String, Used>>,
}

impl CapacityRecorder {
    /// Everything recorded so far, leaving the recorder empty.
    pub fn take(&self) -> HashMap<String, Used> {
        std::mem::take(&mut self.used.lock().expect("never poisoned"))
    }

    fn add(&self, key: String, units: f64, write: bool) {
        let mut used = self.used.lock().expect("never poisoned");
        let entry = used.entry(key).or_default();
        if write {
            entry.write += units;
        } else {
            entry.read += units;
        }
    }
}

/// What a call touches: per table, its keys with their weights (kilobytes, rounded up), and
/// whether it writes. Kept in the call's config bag from before sending to after the answer.
#[derive(Debug, Clone, Default)]
struct Touched {
    write: bool,
    /// table → (partition key, index key if written, weight)
    keys: HashMap<String, Vec<(String, Option<String>, f64)>>,
}

impl Storable for Touched {
    type Storer = StoreReplace<Self>;
}

impl Touched {
    fn item(&mut self, table: &str, item: &HashMap<String, AttributeValue>) {
        let pk = text(item.get("pk"));
        let index = item.get(INDEX_KEY).map(|v| text(Some(v)));
        self.keys.entry(table.to_owned()).or_default().push((pk, index, kilobytes(item)));
    }

    fn key(&mut self, table: &str, pk: String) {
        self.keys.entry(table.to_owned()).or_default().push((pk, None, 1.0));
    }
}

fn text(v: Option<&AttributeValue>) -> String {
    v.and_then(|v| v.as_s().ok()).cloned().unwrap_or_default()
}

/// An item's size as DynamoDB bills a write: names and values, in whole kilobytes.
fn kilobytes(item: &HashMap<String, AttributeValue>) -> f64 {
    let size: usize = item
        .iter()
        .map(|(name, v)| {
            name.len()
                + match v {
                    AttributeValue::S(s) | AttributeValue::N(s) => s.len(),
                    _ => 8,
                }
        })
        .sum();
    size.div_ceil(1024).max(1) as f64
}

/// The value a Query's key condition compares its partition key with (its first placeholder).
fn query_key(q: &QueryInput) -> String {
    let condition = q.key_condition_expression.as_deref().unwrap_or_default();
    let placeholder: String = condition
        .split_once(':')
        .map(|(_, rest)| rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect())
        .unwrap_or_default();
    text(q.expression_attribute_values.as_ref().and_then(|v| v.get(&format!(":{placeholder}"))))
}

#[derive(Debug)]
pub(super) struct Interceptor(pub(super) std::sync::Arc<CapacityRecorder>);

impl Intercept for Interceptor {
    fn name(&self) -> &'static str {
        "CapacityRecorder"
    }

    fn modify_before_serialization(
        &self,
        context: &mut BeforeSerializationInterceptorContextMut<'_>,
        _: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let input = context.input_mut();
        let mut touched = Touched::default();
        let ask = Some(ReturnConsumedCapacity::Indexes);
        if let Some(i) = input.downcast_mut::<GetItemInput>() {
            i.return_consumed_capacity = ask;
            touched.key(i.table_name.as_deref().unwrap_or_default(), text(i.key.as_ref().and_then(|k| k.get("pk"))));
        } else if let Some(i) = input.downcast_mut::<QueryInput>() {
            i.return_consumed_capacity = ask;
            let table = match &i.index_name {
                Some(index) => format!("{}/{index}", i.table_name.as_deref().unwrap_or_default()),
                None => i.table_name.clone().unwrap_or_default(),
            };
            touched.key(&table, query_key(i));
        } else if let Some(i) = input.downcast_mut::<PutItemInput>() {
            i.return_consumed_capacity = ask;
            touched.write = true;
            touched.item(i.table_name.as_deref().unwrap_or_default(), i.item.as_ref().unwrap_or(&HashMap::new()));
        } else if let Some(i) = input.downcast_mut::<UpdateItemInput>() {
            i.return_consumed_capacity = ask;
            touched.write = true;
            touched.key(i.table_name.as_deref().unwrap_or_default(), text(i.key.as_ref().and_then(|k| k.get("pk"))));
        } else if let Some(i) = input.downcast_mut::<TransactWriteItemsInput>() {
            i.return_consumed_capacity = ask;
            touched.write = true;
            for t in i.transact_items.iter().flatten() {
                if let Some(p) = t.put() {
                    touched.item(p.table_name(), p.item());
                } else if let Some(u) = t.update() {
                    touched.key(u.table_name(), text(u.key().get("pk")));
                } else if let Some(c) = t.condition_check() {
                    touched.key(c.table_name(), text(c.key().get("pk")));
                } else if let Some(d) = t.delete() {
                    touched.key(d.table_name(), text(d.key().get("pk")));
                }
            }
        } else if let Some(i) = input.downcast_mut::<BatchWriteItemInput>() {
            i.return_consumed_capacity = ask;
            touched.write = true;
            for (table, requests) in i.request_items.iter().flatten() {
                for put in requests.iter().filter_map(|r| r.put_request()) {
                    touched.item(table, put.item());
                }
            }
        }
        cfg.interceptor_state().store_put(touched);
        Ok(())
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let (Ok(output), Some(touched)) = (context.output_or_error(), cfg.load::<Touched>()) else { return Ok(()) };
        let consumed: Vec<ConsumedCapacity> = if let Some(o) = output.downcast_ref::<GetItemOutput>() {
            o.consumed_capacity.iter().cloned().collect()
        } else if let Some(o) = output.downcast_ref::<QueryOutput>() {
            o.consumed_capacity.iter().cloned().collect()
        } else if let Some(o) = output.downcast_ref::<PutItemOutput>() {
            o.consumed_capacity.iter().cloned().collect()
        } else if let Some(o) = output.downcast_ref::<UpdateItemOutput>() {
            o.consumed_capacity.iter().cloned().collect()
        } else if let Some(o) = output.downcast_ref::<TransactWriteItemsOutput>() {
            o.consumed_capacity.clone().unwrap_or_default()
        } else if let Some(o) = output.downcast_ref::<BatchWriteItemOutput>() {
            o.consumed_capacity.clone().unwrap_or_default()
        } else {
            Vec::new()
        };
        for c in consumed {
            let table = c.table_name().unwrap_or_default();
            let (own, indexes) = (
                c.table().and_then(|t| t.capacity_units()).or(c.capacity_units()).unwrap_or_default(),
                c.global_secondary_indexes().cloned().unwrap_or_default(),
            );
            // A Query of an index reports it under the index; the key was recorded there.
            let queried_index = indexes.keys().find(|i| touched.keys.contains_key(&format!("{table}/{i}"))).cloned();
            if let Some(index) = queried_index {
                let units = indexes[&index].capacity_units().unwrap_or_default();
                for (pk, _, _) in &touched.keys[&format!("{table}/{index}")] {
                    self.0.add(format!("{table}/{index} {pk}"), units, false);
                }
                continue;
            }
            let keys = touched.keys.get(table).cloned().unwrap_or_default();
            let weight: f64 = keys.iter().map(|(_, _, w)| w).sum();
            for (pk, _, w) in &keys {
                self.0.add(format!("{table} {pk}"), own * w / weight.max(1.0), touched.write);
            }
            for (index, capacity) in &indexes {
                let written: Vec<&String> = keys.iter().filter_map(|(_, i, _)| i.as_ref()).collect();
                for key in &written {
                    let units = capacity.capacity_units().unwrap_or_default() / written.len() as f64;
                    self.0.add(format!("{table}/{index} {key}"), units, touched.write);
                }
            }
        }
        Ok(())
    }
}
