//! Bots on `POST /api/responses`: the form's hidden honeypot field, and limits on how many
//! responses one device and one network may send per campaign within a time window.
//!
//! Devices and networks are known only by keyed hashes: HMAC-SHA256 under a salt of the campaign,
//! itself an HMAC of a deployment secret (`SECRETS/rate-key` in the catalog), so hashes cannot be
//! linked across campaigns nor reversed by trying every IPv4 address without that secret. Each
//! counter item lives for its window plus [`KEEP_AFTER_WINDOW_S`] (DynamoDB TTL removes it, within
//! about two days of that), so none outlives the campaign by more than a few days. No raw address
//! or device token is written anywhere, logs included.

use crate::clock;
use crate::store::rates::Counter;
use crate::store::{Store, StoreError, keys};
use hailong_domain::{CampaignId, Submission};
use hmac::{Hmac, Mac};
use lambda_http::request::RequestContext;
use lambda_http::{Request, RequestExt};
use sha2::Sha256;
use std::net::IpAddr;
use thiserror::Error;
use uuid::Uuid;

/// The random per-device token the questionnaire sends (absent for old clients).
pub const DEVICE_HEADER: &str = "x-hailong-device";
/// Set by CloudFront: the viewer's own address (`ip:port`). Behind CloudFront the API sees the
/// edge's address as `sourceIp`, shared by every citizen that edge serves; the distribution's
/// origin request policy (managed AllViewerExceptHostHeader) forwards this header.
const VIEWER_ADDRESS_HEADER: &str = "cloudfront-viewer-address";
/// The header CloudFront adds to every request it forwards, holding the template's `OriginSecret`.
pub const ORIGIN_SECRET_HEADER: &str = "x-hailong-origin";

/// A phone rarely sends more than a few responses an hour (one per unit visited, a relative
/// answering on the same phone); ten an hour leaves room for that and stops a script.
pub const DEVICE_LIMIT: u32 = 10;
/// A busy commune office puts everyone on its one Wi-Fi, and mobile carriers put many subscribers
/// behind one address (carrier-grade NAT): this only stops floods, far above what a counter sees.
pub const NETWORK_LIMIT: u32 = 300;
/// Counting window. Fixed windows (keyed by their start) never read an expired-but-not-yet-deleted
/// item, since TTL deletion lags; the cost is that a burst may straddle two windows.
pub const WINDOW_S: i64 = 3600;
/// How long a counter is kept after its window ends (only so that TTL has something to remove).
pub const KEEP_AFTER_WINDOW_S: i64 = 3600;

/// The limits in force; [`Limits::default`] holds the constants above (tests lower them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub device: u32,
    pub network: u32,
    pub window_s: i64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { device: DEVICE_LIMIT, network: NETWORK_LIMIT, window_s: WINDOW_S }
    }
}

/// Which limit a submission ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Device,
    Network,
}

impl Scope {
    fn tag(self) -> &'static str {
        match self {
            Scope::Device => "device",
            Scope::Network => "network",
        }
    }
}

#[derive(Debug, Error)]
pub enum BotError {
    /// The honeypot was filled. The message names no field, so it does not point at the trap.
    #[error("Không thể nhận phiếu trả lời này. / This response cannot be accepted.")]
    Honeypot,
    #[error("the {DEVICE_HEADER} header must be the device's UUID token")]
    BadDeviceToken,
    #[error("{}", limited_message(*.scope, *.retry_after_s))]
    Limited { scope: Scope, retry_after_s: i64 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Says how long to wait as `Retry-After` does, in whole minutes: up to the limit's hour.
fn limited_message(scope: Scope, retry_after_s: i64) -> String {
    let minutes = (retry_after_s.max(1) + 59) / 60;
    let (vi, en) = match scope {
        Scope::Device => ("thiết bị này", "this device"),
        Scope::Network => ("mạng này", "this network"),
    };
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!(
        "Quá nhiều lượt gửi từ {vi}, xin thử lại sau {minutes} phút. / Too many responses from {en}; please try again in {minutes} {unit}."
    )
}

/// Where a submission comes from, as far as the limits care. Parsed once at the edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub device: Option<Uuid>,
    pub network: Option<Network>,
}

/// A caller's network: an IPv4 address, or the /64 of an IPv6 one (one subscriber's prefix: a
/// script could otherwise take a new address from its /64 for every submission).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network(String);

impl Network {
    pub fn of(ip: IpAddr) -> Network {
        match ip.to_canonical() {
            IpAddr::V4(v4) => Network(v4.to_string()),
            IpAddr::V6(v6) => {
                let s = v6.segments();
                Network(format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3]))
            }
        }
    }

    /// An address as a header carries it: `ip`, `ip:port` or `[ip]:port`.
    fn parse(text: &str) -> Option<Network> {
        let text = text.trim();
        if let Ok(ip) = text.parse::<IpAddr>() {
            return Some(Network::of(ip));
        }
        let (host, port) = text.rsplit_once(':')?;
        port.parse::<u16>().ok()?;
        host.trim_start_matches('[').trim_end_matches(']').parse().ok().map(Network::of)
    }
}

impl Origin {
    /// The device token header and the caller's address: CloudFront's viewer address when the
    /// request came through it, else API Gateway's `sourceIp` (the peer address locally). Anyone
    /// can send a `CloudFront-Viewer-Address`; it is believed only beside the origin secret that
    /// CloudFront adds (`X-Hailong-Origin`), and never where no secret is set (the local stack).
    pub fn of(req: &Request, origin_secret: Option<&str>) -> Result<Origin, BotError> {
        let device = match req.headers().get(DEVICE_HEADER) {
            None => None,
            Some(v) => {
                Some(v.to_str().ok().and_then(|t| Uuid::parse_str(t.trim()).ok()).ok_or(BotError::BadDeviceToken)?)
            }
        };
        let from_cloudfront = origin_secret.is_some_and(|secret| {
            req.headers()
                .get(ORIGIN_SECRET_HEADER)
                .is_some_and(|v| crate::auth::constant_time_eq(v.as_bytes(), secret.as_bytes()))
        });
        let viewer = req
            .headers()
            .get(VIEWER_ADDRESS_HEADER)
            .filter(|_| from_cloudfront)
            .and_then(|v| v.to_str().ok())
            .and_then(Network::parse);
        let source = || match req.request_context_ref() {
            Some(RequestContext::ApiGatewayV2(c)) => c.http.source_ip.as_deref().and_then(Network::parse),
            _ => None,
        };
        Ok(Origin { device, network: viewer.or_else(source) })
    }
}

/// Refuses a submission whose honeypot field holds anything.
pub fn check_honeypot(submission: &Submission) -> Result<(), BotError> {
    match submission.website.as_deref().map(str::trim) {
        Some(filled) if !filled.is_empty() => Err(BotError::Honeypot),
        _ => Ok(()),
    }
}

/// The fixed window `now_s` falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start_s: i64,
    /// Seconds until the window ends (at least 1): the `Retry-After` of a refusal.
    pub retry_after_s: i64,
    /// When its counters may be deleted (the TTL attribute).
    pub expires_at_s: i64,
}

impl Window {
    pub fn at(now_s: i64, length_s: i64) -> Window {
        let start_s = now_s - now_s.rem_euclid(length_s);
        let end_s = start_s + length_s;
        Window { start_s, retry_after_s: (end_s - now_s).max(1), expires_at_s: end_s + KEEP_AFTER_WINDOW_S }
    }
}

type HmacSha256 = Hmac<Sha256>;

fn hmac(key: &[u8], message: &str) -> Vec<u8> {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(message.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// The counter key of one device or network in one campaign and window. 128 bits of the HMAC
/// are plenty to keep devices apart.
pub fn counter_key(secret: &[u8], campaign: &CampaignId, scope: Scope, who: &str, window: &Window) -> String {
    let salt = hmac(secret, &format!("rate-salt/{campaign}"));
    let hash: String =
        hmac(&salt, &format!("{}/{who}", scope.tag())).iter().take(16).map(|b| format!("{b:02x}")).collect();
    keys::rate(campaign, scope.tag(), window.start_s, &hash)
}

/// Counts one submission against the device's and the network's limits of the campaign, the
/// device first (a refused device is not charged to its network).
pub async fn charge(store: &Store, limits: Limits, campaign: &CampaignId, origin: &Origin) -> Result<(), BotError> {
    if origin.device.is_none() && origin.network.is_none() {
        return Ok(());
    }
    let window = Window::at(clock::now_ms() / 1000, limits.window_s);
    let secret = store.secret("rate-key").await?;
    let device = origin.device.map(|d| (Scope::Device, d.to_string(), limits.device));
    let network = origin.network.as_ref().map(|n| (Scope::Network, n.0.clone(), limits.network));
    for (scope, who, limit) in device.into_iter().chain(network) {
        let counter = Counter { pk: counter_key(&secret, campaign, scope, &who, &window), limit };
        if !store.charge(&counter, window.expires_at_s).await? {
            count_refusal(store, campaign, scope.tag()).await;
            return Err(BotError::Limited { scope, retry_after_s: window.retry_after_s });
        }
    }
    Ok(())
}

/// Whether `origin` does `what` (a poster's scan…) for the first time in the campaign; the mark
/// is kept, hashed as the limits' counters are, until `expires_at_s`. A request with neither a
/// device token nor an address cannot be told apart and always counts.
pub async fn first_time(
    store: &Store,
    campaign: &CampaignId,
    origin: &Origin,
    what: &str,
    expires_at_s: i64,
) -> Result<bool, StoreError> {
    let who = match (&origin.device, &origin.network) {
        (Some(device), _) => format!("device/{device}"),
        (None, Some(network)) => format!("network/{}", network.0),
        (None, None) => return Ok(true),
    };
    let secret = store.secret("rate-key").await?;
    let salt = hmac(&secret, &format!("seen-salt/{campaign}"));
    let hash: String = hmac(&salt, &format!("{what}/{who}")).iter().take(16).map(|b| format!("{b:02x}")).collect();
    store.mark_once(&keys::seen(campaign, &hash), expires_at_s).await
}

/// Counts a refused submission by reason (`honeypot`, `device`, `network`; shown with the
/// flags). Best effort: a failed count never turns a refusal into a server error.
pub async fn count_refusal(store: &Store, campaign: &CampaignId, reason: &str) {
    if let Err(e) = store.count_refusal(campaign, reason).await {
        tracing::warn!(error = %e, "could not count a refused submission");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_fixed_and_retry_after_counts_down_to_their_end() {
        let w = Window::at(7_200 + 59, 3_600);
        assert_eq!((w.start_s, w.retry_after_s, w.expires_at_s), (7_200, 3_541, 10_800 + KEEP_AFTER_WINDOW_S));
        assert_eq!(Window::at(7_200, 3_600).retry_after_s, 3_600);
        assert_eq!(Window::at(10_799, 3_600).retry_after_s, 1);
    }

    #[test]
    fn the_limited_message_says_the_wait_retry_after_gives() {
        let said = |s| BotError::Limited { scope: Scope::Device, retry_after_s: s }.to_string();
        assert!(said(3_541).contains("sau 60 phút") && said(3_541).contains("in 60 minutes"), "{}", said(3_541));
        assert!(said(1).contains("sau 1 phút") && said(1).contains("in 1 minute."), "{}", said(1));
        let network = BotError::Limited { scope: Scope::Network, retry_after_s: 600 }.to_string();
        assert!(network.contains("mạng này, xin thử lại sau 10 phút"), "{network}");
    }

    #[test]
    fn networks_are_ipv4_addresses_or_ipv6_prefixes() {
        assert_eq!(Network::parse("203.0.113.7"), Some(Network("203.0.113.7".into())));
        assert_eq!(Network::parse("203.0.113.7:46532"), Some(Network("203.0.113.7".into())));
        assert_eq!(Network::parse("::ffff:203.0.113.7"), Some(Network("203.0.113.7".into())));
        let a = Network::parse("2001:db8:85a3:8d3:1319:8a2e:370:7348").unwrap();
        let b = Network::parse("[2001:db8:85a3:8d3::1]:443").unwrap();
        assert_eq!(a, b, "one /64, one network");
        assert_eq!(a.0, "2001:db8:85a3:8d3::/64");
        // CloudFront writes an IPv6 viewer address with its port after the last colon, unbracketed.
        assert_eq!(Network::parse("2001:db8:85a3:8d3:1319:8a2e:370:7348:46532"), Some(a));
        assert_eq!(Network::parse("not an address"), None);
    }

    #[test]
    fn counter_keys_hide_who_and_differ_by_campaign_scope_and_window() {
        let w = Window::at(3_600, 3_600);
        let (cam_ranh, other) = (CampaignId::parse("cam-ranh").unwrap(), CampaignId::parse("other").unwrap());
        let key = counter_key(b"secret", &cam_ranh, Scope::Network, "203.0.113.7", &w);
        assert!(key.starts_with("RATE#cam-ranh#network#3600#") && !key.contains("203.0.113"), "{key}");
        assert_ne!(key, counter_key(b"secret", &other, Scope::Network, "203.0.113.7", &w));
        assert_ne!(key, counter_key(b"secret", &cam_ranh, Scope::Device, "203.0.113.7", &w));
        assert_ne!(key, counter_key(b"other secret", &cam_ranh, Scope::Network, "203.0.113.7", &w));
        assert_ne!(key, counter_key(b"secret", &cam_ranh, Scope::Network, "203.0.113.7", &Window::at(7_200, 3_600)));
    }

    #[test]
    fn an_empty_honeypot_passes_and_a_filled_one_does_not() {
        let mut s: Submission = serde_json::from_value(serde_json::json!({
            "id": Uuid::nil(), "campaign": "c", "unit": "u", "channel": "qr"
        }))
        .unwrap();
        assert!(check_honeypot(&s).is_ok());
        s.website = Some("  ".into());
        assert!(check_honeypot(&s).is_ok());
        s.website = Some("http://spam.example".into());
        assert!(matches!(check_honeypot(&s), Err(BotError::Honeypot)));
    }
}
