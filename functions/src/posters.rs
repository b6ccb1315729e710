//! QR posters: each link carries a signed poster code (`{version}-{mac}`), so a response records
//! the poster it came from, a forged code is refused, and a revoked poster is told apart.

use crate::bots::{self, Origin};
use crate::context::Context;
use crate::error::ApiError;
use crate::store::{StoreError, keys};
use hailong_domain::{Campaign, CampaignId, PosterCode, SourceError, UnitCode};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// Crockford base32, as receipts: codes survive being read aloud.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#[derive(Clone)]
pub struct PosterKey(Vec<u8>);

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PosterState {
    /// The version printed on the current poster; earlier ones are revoked.
    pub version: u32,
}

/// What a poster code in a link turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PosterCheck {
    Current(u32),
    Replaced(u32),
}

impl PosterKey {
    pub fn code(&self, campaign: &CampaignId, unit: &UnitCode, version: u32) -> PosterCode {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("any key length");
        mac.update(format!("{campaign}/{unit}/{version}").as_bytes());
        let tag = mac.finalize().into_bytes();
        let mac10: String = tag.iter().take(10).map(|b| ALPHABET[(b & 31) as usize] as char).collect();
        PosterCode::parse(&format!("{version}-{mac10}")).expect("a code this key makes has a poster code's shape")
    }

    /// The version of a genuine code for this campaign and unit; `None` for a forged one.
    pub fn verify(&self, campaign: &CampaignId, unit: &UnitCode, code: &PosterCode) -> Option<u32> {
        let version: u32 = code.as_str().split_once('-')?.0.parse().ok()?;
        (self.code(campaign, unit, version) == *code).then_some(version)
    }
}

impl Context {
    /// The deployment's poster key: made once and stored, so printed posters stay valid.
    pub async fn poster_key(&self) -> Result<PosterKey, StoreError> {
        Ok(PosterKey(self.store.secret("poster-key").await?))
    }

    pub async fn poster_state(&self, campaign: &CampaignId, unit: &UnitCode) -> Result<PosterState, StoreError> {
        Ok(self.store.get_doc(&keys::poster_state(campaign, unit)).await?.unwrap_or(PosterState { version: 1 }))
    }

    pub async fn save_poster_state(
        &self,
        campaign: &CampaignId,
        unit: &UnitCode,
        state: &PosterState,
    ) -> Result<(), StoreError> {
        self.store.put_docs(&[(keys::poster_state(campaign, unit), state)]).await
    }

    /// Counts a scan or a start of a poster, once per device (or network, without a token): the
    /// counters say how many people a poster reached, and reloading or a script cannot inflate
    /// them. The marks expire 30 days after the campaign closes.
    pub async fn count_poster_once(
        &self,
        origin: &Origin,
        campaign: &Campaign,
        unit: &UnitCode,
        version: u32,
        event: PosterEvent,
    ) -> Result<(), StoreError> {
        let id = &campaign.id;
        let keep_until_s = (campaign.closes.days_since_epoch() + 31) * 86_400;
        let what = format!("poster/{unit}/{version}/{}", event.attribute());
        if bots::first_time(&self.store, id, origin, &what, keep_until_s).await? {
            self.store.count_poster_event(id, unit, version, event.attribute()).await?;
        }
        Ok(())
    }

    /// Checks a poster code from a link or a response; a forged one is refused.
    pub async fn check_poster(
        &self,
        campaign: &CampaignId,
        unit: &UnitCode,
        code: &PosterCode,
    ) -> Result<PosterCheck, ApiError> {
        let version =
            self.poster_key().await?.verify(campaign, unit, code).ok_or(ApiError::from(SourceError::ForgedPoster))?;
        let current = self.poster_state(campaign, unit).await?.version;
        Ok(if version == current { PosterCheck::Current(version) } else { PosterCheck::Replaced(version) })
    }
}

/// Per poster counters: how often its link was opened, answering started, and answers sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PosterEvent {
    Scan,
    Start,
    Completion,
}

impl PosterEvent {
    pub fn attribute(self) -> &'static str {
        match self {
            PosterEvent::Scan => "scans",
            PosterEvent::Start => "starts",
            PosterEvent::Completion => "completions",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_verify_only_for_their_campaign_unit_and_key() {
        let key = PosterKey(b"secret".to_vec());
        let campaign = CampaignId::parse("cam-ranh").unwrap();
        let (one, two) = (UnitCode::parse("tyt-1").unwrap(), UnitCode::parse("tyt-2").unwrap());
        let code = key.code(&campaign, &one, 2);
        assert!(code.as_str().starts_with("2-"));
        assert_eq!(key.verify(&campaign, &one, &code), Some(2));
        assert_eq!(key.verify(&campaign, &two, &code), None);
        assert_eq!(key.verify(&campaign, &one, &PosterCode::parse("3-AAAAAAAAAA").unwrap()), None);
        assert_eq!(PosterKey(b"other".to_vec()).verify(&campaign, &one, &code), None);
    }
}
