//! Where published snapshots live: static JSON files, in the site's S3 bucket behind CloudFront
//! in AWS, in a folder locally. Written once per version, never overwritten.

use crate::aws::Aws;
use crate::store::StoreError;
use hailong_domain::CampaignId;
use std::path::PathBuf;
use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub enum SnapshotStore {
    Folder(PathBuf),
    /// The client is made on first use, so that only the functions that read or write snapshots
    /// link the S3 client (its S3 Express session machinery is large).
    S3 {
        aws: Aws,
        bucket: String,
        client: OnceLock<aws_sdk_s3::Client>,
    },
}

/// The file of one published version: `results/{campaign}/v{version}.json`.
pub fn path(campaign: &CampaignId, version: u32) -> String {
    format!("results/{campaign}/v{version}.json")
}

impl SnapshotStore {
    /// Writes a published file as JSON.
    pub async fn put_json<T: serde::Serialize>(&self, path: &str, value: &T) -> Result<(), StoreError> {
        self.put(path, serde_json::to_vec(value).expect("published files serialise")).await
    }

    /// Reads a published JSON file back; `None` when there is none.
    pub async fn get_json<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<Option<T>, StoreError> {
        let Some(bytes) = self.get(path).await? else { return Ok(None) };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| StoreError::Corrupt { key: path.to_owned(), reason: e.to_string() })
    }

    pub async fn put(&self, path: &str, body: Vec<u8>) -> Result<(), StoreError> {
        match self {
            SnapshotStore::Folder(dir) => {
                let file = dir.join(path);
                if let Some(parent) = file.parent() {
                    tokio::fs::create_dir_all(parent)
                        .await
                        .map_err(|e| StoreError::Dynamo(format!("{}: {e}", parent.display())))?;
                }
                tokio::fs::write(&file, body).await.map_err(|e| StoreError::Dynamo(format!("{}: {e}", file.display())))
            }
            SnapshotStore::S3 { aws, bucket, client } => {
                client
                    .get_or_init(|| aws.s3())
                    .put_object()
                    .bucket(bucket)
                    .key(path)
                    .content_type("application/json; charset=utf-8")
                    // Published versions never change: cache them for a year.
                    .cache_control("public, max-age=31536000, immutable")
                    .body(body.into())
                    .send()
                    .await
                    .map_err(|e| StoreError::Dynamo(format!("S3 put {path}: {e:?}")))?;
                Ok(())
            }
        }
    }

    pub async fn get(&self, path: &str) -> Result<Option<Vec<u8>>, StoreError> {
        match self {
            SnapshotStore::Folder(dir) => match tokio::fs::read(dir.join(path)).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(StoreError::Dynamo(e.to_string())),
            },
            SnapshotStore::S3 { aws, bucket, client } => {
                match client.get_or_init(|| aws.s3()).get_object().bucket(bucket).key(path).send().await {
                    Ok(out) => {
                        let bytes = out.body.collect().await.map_err(|e| StoreError::Dynamo(e.to_string()))?;
                        Ok(Some(bytes.to_vec()))
                    }
                    Err(e) if e.as_service_error().is_some_and(|s| s.is_no_such_key()) => Ok(None),
                    Err(e) => Err(StoreError::Dynamo(format!("S3 get {path}: {e:?}"))),
                }
            }
        }
    }
}
