//! What each partition key costs. A store made with [`Store::recording`] asks DynamoDB for the
//! consumed capacity of every call it makes (an interceptor on its client, so no call site can
//! be missed) and adds it to the partition keys the call touched. Tests hold the recorder and turn
//! the totals into per-key rates (`tests/tests/capacity.rs`); production stores have none.
//!
//! DynamoDB reports capacity per table and call, not per key: a call on one key gets what was
//! reported; a transaction or batch over several keys is shared out by each item's size as
//! DynamoDB's documented rules price it, scaled to the reported total (which the recorder also
//! keeps beside its own estimate, so a test can check that the two agree).

use super::Store;
use aws_sdk_dynamodb::config::interceptors::{
    BeforeSerializationInterceptorContextMut, FinalizerInterceptorContextRef,
};
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_dynamodb::operation::batch_get_item::{BatchGetItemInput, BatchGetItemOutput};
use aws_sdk_dynamodb::operation::batch_write_item::{BatchWriteItemInput, BatchWriteItemOutput};
use aws_sdk_dynamodb::operation::delete_item::{DeleteItemInput, DeleteItemOutput};
use aws_sdk_dynamodb::operation::get_item::{GetItemInput, GetItemOutput};
use aws_sdk_dynamodb::operation::put_item::{PutItemInput, PutItemOutput};
use aws_sdk_dynamodb::operation::query::{QueryInput, QueryOutput};
use aws_sdk_dynamodb::operation::transact_write_items::{TransactWriteItemsInput, TransactWriteItemsOutput};
use aws_sdk_dynamodb::operation::update_item::{UpdateItemInput, UpdateItemOutput};
use aws_sdk_dynamodb::types::{AttributeValue, ConsumedCapacity, ReturnConsumedCapacity};
use aws_smithy_runtime_api::client::interceptors::context::{Input, Output};
use aws_smithy_types::config_bag::{Storable, StoreReplace};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// Capacity units a partition key received.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct KeyUse {
    pub read: f64,
    pub write: f64,
}

/// One multi-key call: DynamoDB's total beside the recorder's estimate from item sizes.
#[derive(Debug, Clone, PartialEq)]
pub struct Priced {
    pub operation: &'static str,
    pub estimated: f64,
    pub reported: Option<f64>,
}

#[derive(Debug, Default)]
pub struct CapacityRecorder {
    inner: Mutex<Recorded>,
}

#[derive(Debug, Default)]
struct Recorded {
    keys: BTreeMap<(String, String), KeyUse>,
    priced: Vec<Priced>,
    calls: u64,
}

impl CapacityRecorder {
    /// Every (table, partition key) touched, with the capacity it received.
    pub fn keys(&self) -> BTreeMap<(String, String), KeyUse> {
        self.inner.lock().expect("not poisoned").keys.clone()
    }

    pub fn priced(&self) -> Vec<Priced> {
        self.inner.lock().expect("not poisoned").priced.clone()
    }

    /// Calls recorded so far.
    pub fn calls(&self) -> u64 {
        self.inner.lock().expect("not poisoned").calls
    }

    pub fn reset(&self) {
        *self.inner.lock().expect("not poisoned") = Recorded::default();
    }
}

impl Store {
    /// The same store, its every call's capacity recorded by partition key in `recorder`.
    pub fn recording(&self, recorder: Arc<CapacityRecorder>) -> Store {
        let config = self.client.config().to_builder().interceptor(Recording(recorder)).build();
        Store { client: aws_sdk_dynamodb::Client::from_conf(config), ..self.clone() }
    }
}

/// What a call is about to touch, kept between serialisation and the answer.
#[derive(Debug)]
struct Touched {
    operation: &'static str,
    write: bool,
    /// (table, partition key, the share of the call's capacity DynamoDB's rules give it).
    keys: Vec<(String, String, f64)>,
}

impl Storable for Touched {
    type Storer = StoreReplace<Touched>;
}

#[derive(Debug)]
struct Recording(Arc<CapacityRecorder>);

/// An item's size as DynamoDB prices it: names and values, in bytes.
fn item_size(item: &HashMap<String, AttributeValue>) -> usize {
    item.iter().map(|(name, value)| name.len() + value_size(value)).sum()
}

fn value_size(v: &AttributeValue) -> usize {
    match v {
        AttributeValue::S(s) => s.len(),
        AttributeValue::N(n) => n.len().div_ceil(2) + 1,
        AttributeValue::B(b) => b.as_ref().len(),
        AttributeValue::Ss(l) => l.iter().map(String::len).sum(),
        AttributeValue::Ns(l) => l.iter().map(|n| n.len().div_ceil(2) + 1).sum(),
        AttributeValue::Bs(l) => l.iter().map(|b| b.as_ref().len()).sum(),
        AttributeValue::M(m) => 3 + m.iter().map(|(k, v)| k.len() + value_size(v) + 1).sum::<usize>(),
        AttributeValue::L(l) => 3 + l.iter().map(|v| value_size(v) + 1).sum::<usize>(),
        _ => 1,
    }
}

/// Write units of one item (1 per KB started; twice that in a transaction).
fn write_units(size: usize, transactional: bool) -> f64 {
    let units = size.div_ceil(1024).max(1) as f64;
    if transactional { 2.0 * units } else { units }
}

fn pk_of(item: &HashMap<String, AttributeValue>) -> String {
    item.get("pk").and_then(|v| v.as_s().ok()).cloned().unwrap_or_default()
}

/// The partition key a Query's `pk = :x` condition names.
fn query_pk(input: &QueryInput) -> String {
    let expression = input.key_condition_expression.as_deref().unwrap_or_default();
    let placeholder = expression
        .split(" AND ")
        .find_map(|part| part.trim().strip_prefix("pk = ").or_else(|| part.trim().strip_prefix("pk=")))
        .map(str::trim);
    let values = input.expression_attribute_values.as_ref();
    placeholder
        .and_then(|p| values.and_then(|v| v.get(p)))
        .and_then(|v| v.as_s().ok())
        .cloned()
        // An index query: its partition attribute is named otherwise; keep the whole condition.
        .unwrap_or_else(|| format!("{expression} {:?}", values.map(|v| v.values().collect::<Vec<_>>())))
}

fn one(table: &Option<String>, pk: String) -> Vec<(String, String, f64)> {
    vec![(table.clone().unwrap_or_default(), pk, 1.0)]
}

/// Readies the call (asks for its consumed capacity) and says what it touches.
fn touched(input: &mut Input) -> Option<Touched> {
    let total = Some(ReturnConsumedCapacity::Total);
    if let Some(i) = input.downcast_mut::<GetItemInput>() {
        i.return_consumed_capacity = total;
        let pk = i.key.as_ref().map(pk_of).unwrap_or_default();
        return Some(Touched { operation: "GetItem", write: false, keys: one(&i.table_name, pk) });
    }
    if let Some(i) = input.downcast_mut::<QueryInput>() {
        i.return_consumed_capacity = total;
        return Some(Touched { operation: "Query", write: false, keys: one(&i.table_name, query_pk(i)) });
    }
    if let Some(i) = input.downcast_mut::<PutItemInput>() {
        i.return_consumed_capacity = total;
        let pk = i.item.as_ref().map(pk_of).unwrap_or_default();
        return Some(Touched { operation: "PutItem", write: true, keys: one(&i.table_name, pk) });
    }
    if let Some(i) = input.downcast_mut::<UpdateItemInput>() {
        i.return_consumed_capacity = total;
        let pk = i.key.as_ref().map(pk_of).unwrap_or_default();
        return Some(Touched { operation: "UpdateItem", write: true, keys: one(&i.table_name, pk) });
    }
    if let Some(i) = input.downcast_mut::<DeleteItemInput>() {
        i.return_consumed_capacity = total;
        let pk = i.key.as_ref().map(pk_of).unwrap_or_default();
        return Some(Touched { operation: "DeleteItem", write: true, keys: one(&i.table_name, pk) });
    }
    if let Some(i) = input.downcast_mut::<TransactWriteItemsInput>() {
        i.return_consumed_capacity = total;
        let keys = i
            .transact_items
            .iter()
            .flatten()
            .filter_map(|t| {
                if let Some(p) = t.put() {
                    Some((p.table_name().to_owned(), pk_of(p.item()), write_units(item_size(p.item()), true)))
                } else if let Some(u) = t.update() {
                    Some((u.table_name().to_owned(), pk_of(u.key()), write_units(item_size(u.key()), true)))
                } else if let Some(d) = t.delete() {
                    Some((d.table_name().to_owned(), pk_of(d.key()), write_units(item_size(d.key()), true)))
                } else {
                    t.condition_check().map(|c| (c.table_name().to_owned(), pk_of(c.key()), 1.0))
                }
            })
            .collect();
        return Some(Touched { operation: "TransactWriteItems", write: true, keys });
    }
    if let Some(i) = input.downcast_mut::<BatchWriteItemInput>() {
        i.return_consumed_capacity = total;
        let keys = i
            .request_items
            .iter()
            .flatten()
            .flat_map(|(table, requests)| {
                requests.iter().map(move |r| match (r.put_request(), r.delete_request()) {
                    (Some(p), _) => (table.clone(), pk_of(p.item()), write_units(item_size(p.item()), false)),
                    (_, Some(d)) => (table.clone(), pk_of(d.key()), 1.0),
                    _ => (table.clone(), String::new(), 0.0),
                })
            })
            .collect();
        return Some(Touched { operation: "BatchWriteItem", write: true, keys });
    }
    if let Some(i) = input.downcast_mut::<BatchGetItemInput>() {
        i.return_consumed_capacity = total;
        let keys = i
            .request_items
            .iter()
            .flatten()
            .flat_map(|(table, ka)| ka.keys().iter().map(move |k| (table.clone(), pk_of(k), 1.0)))
            .collect();
        return Some(Touched { operation: "BatchGetItem", write: false, keys });
    }
    None
}

/// The capacity DynamoDB reports for a successful call, by table.
fn reported(output: &Output) -> Option<Vec<ConsumedCapacity>> {
    let single = |c: Option<&ConsumedCapacity>| c.cloned().map(|c| vec![c]);
    if let Some(o) = output.downcast_ref::<GetItemOutput>() {
        return single(o.consumed_capacity());
    }
    if let Some(o) = output.downcast_ref::<QueryOutput>() {
        return single(o.consumed_capacity());
    }
    if let Some(o) = output.downcast_ref::<PutItemOutput>() {
        return single(o.consumed_capacity());
    }
    if let Some(o) = output.downcast_ref::<UpdateItemOutput>() {
        return single(o.consumed_capacity());
    }
    if let Some(o) = output.downcast_ref::<DeleteItemOutput>() {
        return single(o.consumed_capacity());
    }
    if let Some(o) = output.downcast_ref::<TransactWriteItemsOutput>() {
        return Some(o.consumed_capacity().to_vec());
    }
    if let Some(o) = output.downcast_ref::<BatchWriteItemOutput>() {
        return Some(o.consumed_capacity().to_vec());
    }
    if let Some(o) = output.downcast_ref::<BatchGetItemOutput>() {
        return Some(o.consumed_capacity().to_vec());
    }
    None
}

impl Intercept for Recording {
    fn name(&self) -> &'static str {
        "CapacityRecording"
    }

    fn modify_before_serialization(
        &self,
        context: &mut BeforeSerializationInterceptorContextMut<'_>,
        _: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), aws_sdk_dynamodb::error::BoxError> {
        if let Some(t) = touched(context.input_mut()) {
            cfg.interceptor_state().store_put(t);
        }
        Ok(())
    }

    fn read_after_execution(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), aws_sdk_dynamodb::error::BoxError> {
        let Some(touched) = cfg.load::<Touched>() else { return Ok(()) };
        let reports = match context.output_or_error() {
            Some(Ok(output)) => reported(output),
            // A refused call (a failed condition, a cancelled transaction) is charged too: by
            // the estimate, as DynamoDB says nothing of it.
            _ => None,
        };
        let mut recorded = self.0.inner.lock().expect("not poisoned");
        recorded.calls += 1;
        let mut by_table: BTreeMap<&str, f64> = BTreeMap::new();
        for (table, _, share) in &touched.keys {
            *by_table.entry(table).or_default() += share;
        }
        let reported_of = |table: &str| {
            reports
                .as_ref()
                .and_then(|r| r.iter().find(|c| c.table_name() == Some(table)).and_then(|c| c.capacity_units()))
        };
        if touched.keys.len() > 1 {
            let estimated = by_table.values().sum();
            let reported = reports.as_ref().map(|_| by_table.keys().filter_map(|t| reported_of(t)).sum());
            recorded.priced.push(Priced { operation: touched.operation, estimated, reported });
        }
        for (table, pk, share) in &touched.keys {
            let units = match reported_of(table) {
                Some(total) if by_table[table.as_str()] > 0.0 => total * share / by_table[table.as_str()],
                _ => *share,
            };
            let entry = recorded.keys.entry((table.clone(), pk.clone())).or_default();
            if touched.write {
                entry.write += units;
            } else {
                entry.read += units;
            }
        }
        Ok(())
    }
}
