//! What every handler needs: the store, set up from the environment it runs in.

use crate::store::{Store, StoreError, Tables};
use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
use hailong_domain::Receipt;

#[derive(Debug, Clone)]
pub struct Context {
    pub store: Store,
}

impl Context {
    /// In Lambda: credentials and region from the runtime, table names from the template's
    /// environment variables. `AWS_ENDPOINT_URL_DYNAMODB` points it elsewhere (local runtime tests).
    pub async fn from_env() -> Result<Context, StoreError> {
        let config = aws_config::load_defaults(BehaviorVersion::latest()).await;
        let client = aws_sdk_dynamodb::Client::new(&config);
        Ok(Context { store: Store::new(client, Tables::from_env()?) })
    }

    /// Against DynamoDB Local, which accepts any credentials.
    pub fn local(endpoint: &str, tables: Tables) -> Context {
        let config = aws_sdk_dynamodb::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("ap-southeast-1"))
            .endpoint_url(endpoint)
            .credentials_provider(Credentials::new("local", "local", None, None, "hailong-local"))
            .build();
        Context { store: Store::new(aws_sdk_dynamodb::Client::from_conf(config), tables) }
    }

    /// A fresh, unguessable receipt code.
    pub fn new_receipt(&self) -> Receipt {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).expect("the operating system provides randomness");
        Receipt::from_random(bytes)
    }
}
