//! Who is signed in: the answer of `POST /api/auth/login`, kept in localStorage with the token's
//! expiry, so every tab of the browser shares one session until the token expires or the person
//! signs out (which ends it in every tab: see `on_change`).

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

const KEY: &str = "hailong-admin-session";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Staff,
    Viewer,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    pub user: String,
    pub role: Role,
    /// Staff only: the units they work for.
    #[serde(default)]
    pub units: Vec<String>,
}

/// What localStorage holds: the session and when its token stops being accepted (Unix seconds,
/// the token's own `exp` claim), so a stored session is never offered after it ended.
#[derive(Serialize, Deserialize)]
struct Stored {
    session: Session,
    expires: i64,
}

impl Session {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// Mirrors the API's `Caller::may_see_unit`: staff see their own units, others every unit.
    pub fn may_see(&self, unit: &str) -> bool {
        self.role != Role::Staff || self.units.iter().any(|u| u == unit)
    }

    /// Mirrors `Caller::require_unit_work`: entry and re-verification.
    pub fn may_work(&self, unit: &str) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Staff => self.may_see(unit),
            Role::Viewer => false,
        }
    }

    /// Whether the role enters data anywhere at all (the viewer never does).
    pub fn enters_data(&self) -> bool {
        self.role != Role::Viewer
    }

    /// The stored session, unless its token has expired (then it is removed).
    pub fn load() -> Option<Session> {
        let stored: Stored = serde_json::from_str(&storage()?.get_item(KEY).ok()??).ok()?;
        if stored.expires <= now_s() {
            Session::forget();
            return None;
        }
        Some(stored.session)
    }

    pub fn save(&self) {
        let Some(expires) = token_expiry(&self.token) else { return };
        let stored = Stored { session: self.clone(), expires };
        if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(&stored)) {
            let _ = s.set_item(KEY, &json);
        }
    }

    pub fn forget() {
        if let Some(s) = storage() {
            let _ = s.remove_item(KEY);
        }
    }

    /// Calls `changed` with the stored session whenever another tab signs in or out. The browser
    /// sends `storage` events only to the other tabs, so a tab never hears its own change.
    pub fn on_change(changed: impl Fn(Option<Session>) + 'static) {
        let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let key = js_sys::Reflect::get(&ev, &"key".into()).ok().and_then(|k| k.as_string());
            // A null key is `localStorage.clear()`, which ends the session too.
            if key.is_none_or(|k| k == KEY) {
                changed(Session::load());
            }
        });
        let _ =
            leptos::prelude::window().add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
        // The console listens for as long as the page lives.
        listener.forget();
    }
}

/// The `exp` claim of a JWT (the local stack's and Cognito's tokens alike), read without
/// verifying it: the server verifies every call; this only says when to stop offering the token.
fn token_expiry(token: &str) -> Option<i64> {
    let claims = token.split('.').nth(1)?;
    let json = base64url_decode(claims)?;
    serde_json::from_slice::<serde_json::Value>(&json).ok()?.get("exp")?.as_i64()
}

fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        acc = (acc << 6) | value(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn now_s() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expiry_is_the_tokens_exp_claim() {
        // {"user":"demo-admin","exp":1700000000}, unpadded base64url as JWTs are.
        let claims = "eyJ1c2VyIjoiZGVtby1hZG1pbiIsImV4cCI6MTcwMDAwMDAwMH0";
        assert_eq!(token_expiry(&format!("h.{claims}.sig")), Some(1_700_000_000));
        assert_eq!(token_expiry("not-a-token"), None);
        assert_eq!(token_expiry("h.!!!.s"), None);
    }
}
