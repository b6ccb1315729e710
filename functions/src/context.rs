//! What every handler needs: the store, set up from the environment it runs in.

use crate::auth::LocalSigner;
use crate::aws::Aws;
use crate::bots::{BotError, Limits, Origin};
use crate::export_files::ExportStore;
use crate::queue::JobQueue;
use crate::random::random_bytes;
use crate::snapshots::SnapshotStore;
use crate::store::{Store, StoreError, Tables};
use hailong_domain::Receipt;

#[derive(Debug, Clone)]
pub struct Context {
    pub store: Store,
    /// The local stack's own sign-in; `None` in AWS, where the API's JWT authorizer verifies tokens.
    pub signer: Option<LocalSigner>,
    /// Where the public site is (posters' QR codes link there): the CloudFront domain in AWS.
    pub public_url: String,
    /// Where published snapshots are written and read.
    pub snapshots: SnapshotStore,
    /// How many responses a device and a network may send (`bots.rs`).
    pub limits: Limits,
    /// What CloudFront sends in `X-Hailong-Origin` (`HAILONG_ORIGIN_SECRET`): only beside it is
    /// the viewer address header believed. `None` locally, where there is no CloudFront.
    pub origin_secret: Option<String>,
    /// Where the steps of publications and exports go (`steps`).
    pub jobs: JobQueue,
    /// Where export files are written (`export`): a private bucket, never the public site's.
    pub exports: ExportStore,
}

fn public_url_from_env() -> String {
    std::env::var("HAILONG_PUBLIC_URL")
        .unwrap_or_else(|_| "http://127.0.0.1:8080".into())
        .trim_end_matches('/')
        .to_owned()
}

impl Context {
    /// In Lambda: region and credentials from the runtime, table names from the template's
    /// environment variables. `AWS_ENDPOINT_URL_DYNAMODB` points it elsewhere (local runtime tests).
    pub fn from_env() -> Result<Context, StoreError> {
        let aws = Aws::from_env()?;
        let client = aws.dynamodb(std::env::var("AWS_ENDPOINT_URL_DYNAMODB").ok().as_deref());
        let snapshots = match std::env::var("HAILONG_SNAPSHOT_BUCKET") {
            Ok(bucket) => SnapshotStore::S3 { aws: aws.clone(), bucket, client: Default::default() },
            Err(_) => SnapshotStore::Folder(std::env::temp_dir().join("hailong-snapshots")),
        };
        let jobs = match std::env::var("HAILONG_PUBLISH_QUEUE") {
            Ok(url) => JobQueue::Sqs { aws: aws.clone(), url, client: Default::default() },
            Err(_) => JobQueue::Unset,
        };
        let exports = match std::env::var("HAILONG_EXPORT_BUCKET") {
            Ok(bucket) => ExportStore::S3 { aws: aws.clone(), bucket, client: Default::default() },
            Err(_) => ExportStore::Folder(std::env::temp_dir().join("hailong-exports")),
        };
        Ok(Context {
            store: Store::new(client, Tables::from_env()?),
            signer: None,
            public_url: public_url_from_env(),
            snapshots,
            limits: Limits::default(),
            origin_secret: std::env::var("HAILONG_ORIGIN_SECRET").ok().filter(|s| !s.is_empty()),
            jobs,
            exports,
        })
    }

    /// Against DynamoDB Local, which accepts any credentials.
    pub fn local(endpoint: &str, tables: Tables) -> Context {
        // Each set of tables gets its own folder, so that test stacks never see each other's.
        let snapshots = SnapshotStore::Folder(std::env::temp_dir().join("hailong-snapshots").join(&tables.catalog));
        let exports = ExportStore::Folder(std::env::temp_dir().join("hailong-exports").join(&tables.catalog));
        Context {
            store: Store::new(Aws::local().dynamodb(Some(endpoint)), tables),
            signer: None,
            public_url: public_url_from_env(),
            snapshots,
            limits: Limits::default(),
            origin_secret: None,
            jobs: JobQueue::Unset,
            exports,
        }
    }

    /// With the demo accounts of README signing in locally (password `demo` unless
    /// `HAILONG_DEMO_PASSWORD` is set), under a random key: tokens end with the process.
    pub fn with_demo_accounts(mut self, password: &str) -> Context {
        let staff_unit = hailong_domain::UnitCode::parse(crate::auth::DEMO_STAFF_UNIT).expect("valid");
        self.signer = Some(LocalSigner::demo(random_bytes::<32>().to_vec(), password, staff_unit));
        self
    }

    /// Where a request comes from, as far as the bot limits care: its device token and its
    /// network, the viewer address believed only beside this deployment's origin secret.
    pub fn origin(&self, req: &lambda_http::Request) -> Result<Origin, BotError> {
        Origin::of(req, self.origin_secret.as_deref())
    }

    /// A fresh, unguessable receipt code.
    pub fn new_receipt(&self) -> Receipt {
        Receipt::from_random(random_bytes())
    }
}
