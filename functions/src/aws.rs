//! How the AWS clients are made. One HTTPS client for all of them, rustls on ring: the SDK's
//! default (aws-lc) adds megabytes to every Lambda package. In Lambda the region and credentials
//! come from the variables the runtime sets, read directly: aws-config's provider chain (with
//! its STS, SSO and instance-metadata clients) has nothing to find there.

use crate::store::StoreError;
use aws_sdk_dynamodb::config::retry::RetryConfig;
use aws_sdk_dynamodb::config::timeout::TimeoutConfig;
use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region, SharedHttpClient};
use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Aws {
    region: Region,
    credentials: Credentials,
    http: SharedHttpClient,
}

fn var(name: &'static str) -> Result<String, StoreError> {
    std::env::var(name).map_err(|_| StoreError::Config(name))
}

impl Aws {
    /// What Lambda gives every function: `AWS_REGION` and the role's session credentials.
    pub fn from_env() -> Result<Aws, StoreError> {
        let session = std::env::var("AWS_SESSION_TOKEN").ok();
        let credentials = Credentials::new(
            var("AWS_ACCESS_KEY_ID")?,
            var("AWS_SECRET_ACCESS_KEY")?,
            session,
            None,
            "lambda-environment",
        );
        Ok(Aws { region: Region::new(var("AWS_REGION")?), credentials, http: http_client() })
    }

    /// For DynamoDB Local, which takes any credentials.
    pub fn local() -> Aws {
        let credentials = Credentials::new("local", "local", None, None, "hailong-local");
        Aws { region: Region::new("ap-southeast-1"), credentials, http: http_client() }
    }

    /// `endpoint`: DynamoDB Local's address, or the region's DynamoDB when `None`.
    pub fn dynamodb(&self, endpoint: Option<&str>) -> aws_sdk_dynamodb::Client {
        let mut config = aws_sdk_dynamodb::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(self.region.clone())
            .credentials_provider(self.credentials.clone())
            .http_client(self.http.clone())
            .timeout_config(dynamodb_timeouts())
            .retry_config(RetryConfig::standard().with_max_attempts(3));
        if let Some(endpoint) = endpoint {
            config = config.endpoint_url(endpoint);
        }
        aws_sdk_dynamodb::Client::from_conf(config.build())
    }

    pub fn dynamodb_streams(&self, endpoint: &str) -> aws_sdk_dynamodbstreams::Client {
        let config = aws_sdk_dynamodbstreams::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(self.region.clone())
            .credentials_provider(self.credentials.clone())
            .http_client(self.http.clone())
            .endpoint_url(endpoint)
            .build();
        aws_sdk_dynamodbstreams::Client::from_conf(config)
    }

    pub fn s3(&self) -> aws_sdk_s3::Client {
        let config = aws_sdk_s3::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(self.region.clone())
            .credentials_provider(self.credentials.clone())
            .http_client(self.http.clone())
            .build();
        aws_sdk_s3::Client::from_conf(config)
    }

    pub fn sqs(&self) -> aws_sdk_sqs::Client {
        let config = aws_sdk_sqs::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(self.region.clone())
            .credentials_provider(self.credentials.clone())
            .http_client(self.http.clone())
            .build();
        aws_sdk_sqs::Client::from_conf(config)
    }
}

/// A store that stops answering must not hold a request for the whole Lambda timeout: each
/// attempt is bounded, and so are the (at most three) attempts together. DynamoDB answers a
/// key read in milliseconds; the bounds leave room for a busy DynamoDB Local and a batch write.
fn dynamodb_timeouts() -> TimeoutConfig {
    TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(2))
        .operation_attempt_timeout(Duration::from_secs(4))
        .operation_timeout(Duration::from_secs(10))
        .build()
}

fn http_client() -> SharedHttpClient {
    aws_smithy_http_client::Builder::new().tls_provider(Provider::Rustls(CryptoMode::Ring)).build_https()
}
