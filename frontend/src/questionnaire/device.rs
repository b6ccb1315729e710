//! The device token: a random id made once per browser and sent with every answer, so the
//! server's rate limits can tell one phone from many without knowing who holds it.

use crate::dom::random_uuid;
use crate::saved;

const KEY: &str = "hailong.device";

pub fn token() -> String {
    match saved::get(KEY).filter(|t| uuid::Uuid::parse_str(t).is_ok()) {
        Some(token) => token,
        None => renew(),
    }
}

/// A new token: a kiosk's next respondent is a new person, and must not share the per-device
/// limit with everyone who used the tablet before.
pub fn renew() -> String {
    let token = random_uuid().to_string();
    saved::set(KEY, &token);
    token
}
