//! Table definitions come from `infra/template.yaml`, the deployment's single source: the local
//! stack and the tests create their tables from the same declarations AWS does.

use super::{Store, StoreError};
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::create_table::CreateTableError;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection, ProjectionType,
    ScalarAttributeType, StreamSpecification, StreamViewType,
};
use serde_yaml::Value;

/// The deployment template, compiled in so a binary always carries the schema it was tested with.
pub const TEMPLATE: &str = include_str!("../../../infra/template.yaml");

#[derive(Debug, Clone, PartialEq)]
pub struct TableSpec {
    pub logical_id: String,
    pub keys: Vec<KeySchemaElement>,
    pub attributes: Vec<AttributeDefinition>,
    pub indexes: Vec<GlobalSecondaryIndex>,
    pub stream: Option<StreamViewType>,
}

fn field<'a>(v: &'a Value, name: &str) -> Result<&'a Value, StoreError> {
    v.get(name)
        .ok_or_else(|| StoreError::Corrupt { key: "infra/template.yaml".into(), reason: format!("{name} is missing") })
}

fn text<'a>(v: &'a Value, name: &str) -> Result<&'a str, StoreError> {
    field(v, name)?.as_str().ok_or_else(|| StoreError::Corrupt {
        key: "infra/template.yaml".into(),
        reason: format!("{name} is not a plain string"),
    })
}

fn list<'a>(v: &'a Value, name: &str) -> Result<&'a [Value], StoreError> {
    match v.get(name) {
        None => Ok(&[]),
        Some(Value::Sequence(s)) => Ok(s),
        Some(_) => {
            Err(StoreError::Corrupt { key: "infra/template.yaml".into(), reason: format!("{name} is not a list") })
        }
    }
}

fn keys(v: &Value) -> Result<Vec<KeySchemaElement>, StoreError> {
    list(v, "KeySchema")?
        .iter()
        .map(|k| {
            KeySchemaElement::builder()
                .attribute_name(text(k, "AttributeName")?)
                .key_type(KeyType::from(text(k, "KeyType")?))
                .build()
                .map_err(|e| StoreError::Corrupt { key: "KeySchema".into(), reason: e.to_string() })
        })
        .collect()
}

/// Every `AWS::DynamoDB::Table` of the template.
pub fn declared_tables() -> Result<Vec<TableSpec>, StoreError> {
    let template: Value = serde_yaml::from_str(TEMPLATE)
        .map_err(|e| StoreError::Corrupt { key: "infra/template.yaml".into(), reason: e.to_string() })?;
    let resources = field(&template, "Resources")?
        .as_mapping()
        .ok_or_else(|| StoreError::Corrupt { key: "Resources".into(), reason: "not a mapping".into() })?;
    let mut tables = Vec::new();
    for (name, resource) in resources {
        if resource.get("Type").and_then(Value::as_str) != Some("AWS::DynamoDB::Table") {
            continue;
        }
        let props = field(resource, "Properties")?;
        let attributes = list(props, "AttributeDefinitions")?
            .iter()
            .map(|a| {
                AttributeDefinition::builder()
                    .attribute_name(text(a, "AttributeName")?)
                    .attribute_type(ScalarAttributeType::from(text(a, "AttributeType")?))
                    .build()
                    .map_err(|e| StoreError::Corrupt { key: "AttributeDefinitions".into(), reason: e.to_string() })
            })
            .collect::<Result<_, _>>()?;
        let indexes = list(props, "GlobalSecondaryIndexes")?
            .iter()
            .map(|g| {
                let projection = field(g, "Projection")?;
                GlobalSecondaryIndex::builder()
                    .index_name(text(g, "IndexName")?)
                    .set_key_schema(Some(keys(g)?))
                    .projection(
                        Projection::builder()
                            .projection_type(ProjectionType::from(text(projection, "ProjectionType")?))
                            .build(),
                    )
                    .build()
                    .map_err(|e| StoreError::Corrupt { key: "GlobalSecondaryIndexes".into(), reason: e.to_string() })
            })
            .collect::<Result<_, _>>()?;
        let stream = props
            .get("StreamSpecification")
            .map(|s| text(s, "StreamViewType").map(StreamViewType::from))
            .transpose()?;
        tables.push(TableSpec {
            logical_id: name.as_str().unwrap_or_default().to_owned(),
            keys: keys(props)?,
            attributes,
            indexes,
            stream,
        });
    }
    Ok(tables)
}

impl Store {
    /// Creates every declared table that does not exist yet (DynamoDB Local, tests).
    pub async fn create_tables(&self) -> Result<(), StoreError> {
        for spec in declared_tables()? {
            let name = self.tables.by_logical_id(&spec.logical_id).ok_or_else(|| StoreError::Corrupt {
                key: spec.logical_id.clone(),
                reason: "the template declares a table the code does not know".into(),
            })?;
            let result = self
                .client
                .create_table()
                .table_name(name)
                .billing_mode(BillingMode::PayPerRequest)
                .set_key_schema(Some(spec.keys))
                .set_attribute_definitions(Some(spec.attributes))
                .set_global_secondary_indexes((!spec.indexes.is_empty()).then_some(spec.indexes))
                .set_stream_specification(spec.stream.map(|view| {
                    StreamSpecification::builder().stream_enabled(true).stream_view_type(view).build().expect("set")
                }))
                .send()
                .await;
            match result {
                Ok(_) => {}
                Err(SdkError::ServiceError(e)) if matches!(e.err(), CreateTableError::ResourceInUseException(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_declares_exactly_the_tables_the_code_uses() {
        let declared: Vec<String> = declared_tables().unwrap().into_iter().map(|t| t.logical_id).collect();
        let mut known: Vec<String> = super::super::Tables::DECLARED.iter().map(|(l, _)| l.to_string()).collect();
        let mut declared_sorted = declared.clone();
        declared_sorted.sort();
        known.sort();
        assert_eq!(declared_sorted, known);
        let responses = declared_tables().unwrap().into_iter().find(|t| t.logical_id == "ResponsesTable").unwrap();
        assert_eq!(responses.keys[0].attribute_name(), "pk");
        assert!(responses.stream.is_some(), "aggregation reads the responses stream");
    }
}
