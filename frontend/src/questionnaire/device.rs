//! The device token: a random id made once per browser and sent with every answer, so the
//! server's rate limits can tell one phone from many without knowing who holds it.

use crate::dom::random_uuid;
use crate::saved;

const KEY: &str = "hailong.device";

pub fn token() -> String {
    if let Some(token) = saved::get(KEY).filter(|t| uuid::Uuid::parse_str(t).is_ok()) {
        return token;
    }
    let token = random_uuid().to_string();
    saved::set(KEY, &token);
    token
}
