//! Keys made once per deployment and kept in the catalog's `SECRETS` partition: the poster
//! signing key, the salt of the bot limits' hashes. Never returned by any endpoint.

use super::keys;
use super::{Store, StoreError};
use crate::random::random_bytes;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct StoredKey {
    key: Vec<u8>,
}

impl Store {
    /// The secret `name`, made (32 random bytes) and stored on first use, and kept in memory
    /// once known: secrets never change, and the submit path needs one on every response.
    pub async fn secret(&self, name: &str) -> Result<Vec<u8>, StoreError> {
        if let Some(key) = self.secrets.lock().expect("never poisoned").get(name) {
            return Ok(key.clone());
        }
        let key = self.stored_secret(name).await?;
        self.secrets.lock().expect("never poisoned").insert(name.to_owned(), key.clone());
        Ok(key)
    }

    /// Of two cold starts racing to make a secret, the one whose conditional write lost reads
    /// back the winner's.
    async fn stored_secret(&self, name: &str) -> Result<Vec<u8>, StoreError> {
        if let Some(k) = self.get_doc::<StoredKey>(&keys::secret(name)).await? {
            return Ok(k.key);
        }
        let fresh = random_bytes::<32>().to_vec();
        if self.insert_doc(&keys::secret(name), &StoredKey { key: fresh.clone() }).await? {
            return Ok(fresh);
        }
        let stored: StoredKey = self.get_doc(&keys::secret(name)).await?.ok_or_else(|| StoreError::Corrupt {
            key: format!("SECRETS/{name}"),
            reason: "another writer stored it, yet it cannot be read".into(),
        })?;
        Ok(stored.key)
    }
}
