//! Wall-clock time, read in one place.

use hailong_domain::Date;
use std::time::{SystemTime, UNIX_EPOCH};

pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// Today in Việt Nam, where every campaign window is set.
pub fn today() -> Date {
    Date::in_vietnam_at(now_ms())
}

/// RFC 3339 in UTC, for API answers.
pub fn rfc3339(unix_ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(unix_ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}
