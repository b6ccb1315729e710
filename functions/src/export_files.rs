//! Where export files are written: a private S3 bucket in AWS (exports hold personal data, so
//! never the public site bucket), a folder locally. Both write a file as numbered parts and put
//! it together at the end, as S3's multipart upload does, so that no step holds the whole file
//! and a step run again overwrites its own parts rather than appending twice.

use crate::aws::Aws;
use crate::store::StoreError;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

/// How long a download link stays valid: the console opens it as soon as it gets it.
const LINK_LIFETIME: Duration = Duration::from_secs(300);

#[derive(Debug, Clone)]
pub enum ExportStore {
    Folder(PathBuf),
    /// `HAILONG_EXPORT_BUCKET`. The client is made on first use.
    S3 {
        aws: Aws,
        bucket: String,
        client: OnceLock<aws_sdk_s3::Client>,
    },
}

fn io(path: &std::path::Path, e: std::io::Error) -> StoreError {
    StoreError::Dynamo(format!("{}: {e}", path.display()))
}

fn s3<E: std::fmt::Debug>(what: &str, key: &str) -> impl FnOnce(E) -> StoreError {
    let what = format!("S3 {what} {key}");
    move |e| StoreError::Dynamo(format!("{what}: {e:?}"))
}

impl ExportStore {
    fn parts_dir(dir: &std::path::Path, key: &str) -> PathBuf {
        dir.join(format!("{key}.parts"))
    }

    /// Starts the upload of `key`: its id.
    pub async fn start(&self, key: &str) -> Result<String, StoreError> {
        match self {
            ExportStore::Folder(dir) => {
                let parts = Self::parts_dir(dir, key);
                tokio::fs::create_dir_all(&parts).await.map_err(|e| io(&parts, e))?;
                Ok("folder".into())
            }
            ExportStore::S3 { aws, bucket, client } => {
                let out = client
                    .get_or_init(|| aws.s3())
                    .create_multipart_upload()
                    .bucket(bucket)
                    .key(key)
                    .content_disposition(attachment(key))
                    .send()
                    .await
                    .map_err(s3("create upload", key))?;
                out.upload_id.ok_or_else(|| StoreError::Dynamo(format!("S3 gave no upload id for {key}")))
            }
        }
    }

    /// Writes part `number` (from 1) of an upload, replacing any earlier one of that number: its ETag.
    pub async fn put_part(&self, key: &str, upload: &str, number: u32, bytes: Vec<u8>) -> Result<String, StoreError> {
        match self {
            ExportStore::Folder(dir) => {
                let file = Self::parts_dir(dir, key).join(format!("{number:05}"));
                tokio::fs::write(&file, bytes).await.map_err(|e| io(&file, e))?;
                Ok(number.to_string())
            }
            ExportStore::S3 { aws, bucket, client } => {
                let out = client
                    .get_or_init(|| aws.s3())
                    .upload_part()
                    .bucket(bucket)
                    .key(key)
                    .upload_id(upload)
                    .part_number(number as i32)
                    .body(bytes.into())
                    .send()
                    .await
                    .map_err(s3("upload part", key))?;
                out.e_tag.ok_or_else(|| StoreError::Dynamo(format!("S3 gave no ETag for part {number} of {key}")))
            }
        }
    }

    /// Puts the file together from its parts, in order.
    pub async fn complete(&self, key: &str, upload: &str, etags: &[String]) -> Result<(), StoreError> {
        match self {
            ExportStore::Folder(dir) => {
                let (file, parts) = (dir.join(key), Self::parts_dir(dir, key));
                let partial = dir.join(format!("{key}.partial"));
                let mut out = tokio::fs::File::create(&partial).await.map_err(|e| io(&partial, e))?;
                for number in 1..=etags.len() {
                    let path = parts.join(format!("{number:05}"));
                    let mut part = tokio::fs::File::open(&path).await.map_err(|e| io(&path, e))?;
                    tokio::io::copy(&mut part, &mut out).await.map_err(|e| io(&path, e))?;
                }
                drop(out);
                // The file appears whole or not at all.
                tokio::fs::rename(&partial, &file).await.map_err(|e| io(&file, e))?;
                tokio::fs::remove_dir_all(&parts).await.map_err(|e| io(&parts, e))
            }
            ExportStore::S3 { aws, bucket, client } => {
                use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};
                let parts = etags
                    .iter()
                    .enumerate()
                    .map(|(i, etag)| CompletedPart::builder().part_number(i as i32 + 1).e_tag(etag).build())
                    .collect();
                client
                    .get_or_init(|| aws.s3())
                    .complete_multipart_upload()
                    .bucket(bucket)
                    .key(key)
                    .upload_id(upload)
                    .multipart_upload(CompletedMultipartUpload::builder().set_parts(Some(parts)).build())
                    .send()
                    .await
                    .map_err(s3("complete upload", key))?;
                Ok(())
            }
        }
    }

    /// Whether the file is complete (only completing an upload makes it).
    pub async fn exists(&self, key: &str) -> Result<bool, StoreError> {
        match self {
            ExportStore::Folder(dir) => tokio::fs::try_exists(dir.join(key)).await.map_err(|e| io(&dir.join(key), e)),
            ExportStore::S3 { aws, bucket, client } => {
                match client.get_or_init(|| aws.s3()).head_object().bucket(bucket).key(key).send().await {
                    Ok(_) => Ok(true),
                    Err(e) if e.as_service_error().is_some_and(|s| s.is_not_found()) => Ok(false),
                    Err(e) => Err(s3("head", key)(e)),
                }
            }
        }
    }

    /// A small object, written whole: what one export step leaves for the next, a preview's
    /// figures (`results::preview`).
    pub async fn put_object(&self, key: &str, bytes: Vec<u8>) -> Result<(), StoreError> {
        match self {
            ExportStore::Folder(dir) => {
                let file = dir.join(key);
                if let Some(parent) = file.parent() {
                    tokio::fs::create_dir_all(parent).await.map_err(|e| io(parent, e))?;
                }
                tokio::fs::write(&file, bytes).await.map_err(|e| io(&file, e))
            }
            ExportStore::S3 { aws, bucket, client } => {
                client
                    .get_or_init(|| aws.s3())
                    .put_object()
                    .bucket(bucket)
                    .key(key)
                    .body(bytes.into())
                    .send()
                    .await
                    .map_err(s3("put", key))?;
                Ok(())
            }
        }
    }

    /// A file or temporary object; `None` when there is none.
    pub async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        match self {
            ExportStore::Folder(dir) => match tokio::fs::read(dir.join(key)).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(io(&dir.join(key), e)),
            },
            ExportStore::S3 { aws, bucket, client } => {
                match client.get_or_init(|| aws.s3()).get_object().bucket(bucket).key(key).send().await {
                    Ok(out) => Ok(Some(out.body.collect().await.map_err(s3("read", key))?.to_vec())),
                    Err(e) if e.as_service_error().is_some_and(|s| s.is_no_such_key()) => Ok(None),
                    Err(e) => Err(s3("get", key)(e)),
                }
            }
        }
    }

    /// Where the console downloads a finished file: in AWS a presigned GET of the private
    /// bucket, valid [`LINK_LIFETIME`] (a file of 100,000 rows is beyond Lambda's 6 MB answer);
    /// locally `route`, the admin function's own.
    pub async fn link(&self, key: &str, route: String) -> Result<String, StoreError> {
        match self {
            ExportStore::Folder(_) => Ok(route),
            ExportStore::S3 { aws, bucket, client } => {
                let config = aws_sdk_s3::presigning::PresigningConfig::expires_in(LINK_LIFETIME)
                    .map_err(|e| StoreError::Dynamo(e.to_string()))?;
                let request = client
                    .get_or_init(|| aws.s3())
                    .get_object()
                    .bucket(bucket)
                    .key(key)
                    .presigned(config)
                    .await
                    .map_err(s3("presign", key))?;
                Ok(request.uri().to_owned())
            }
        }
    }
}

/// Saved under its own name (the last part of the key), never shown in the browser.
fn attachment(key: &str) -> String {
    format!("attachment; filename=\"{}\"", key.rsplit('/').next().unwrap_or(key))
}
