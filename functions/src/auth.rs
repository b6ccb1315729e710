//! Who is calling and what they may do. In AWS the HTTP API's JWT authorizer verifies Cognito
//! tokens and the handler reads the verified claims; locally the stack signs its own tokens for
//! the demo accounts. Roles and unit scope always come from verified claims, never from input.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use hailong_domain::UnitCode;
use hmac::{Hmac, Mac};
use lambda_http::request::RequestContext;
use lambda_http::{Request, RequestExt};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Province administrator: everything.
    Admin,
    /// Staff of some units: data entry, progress and re-verification of those units only.
    Staff,
    /// Read-only.
    Viewer,
}

impl Role {
    /// The Cognito group of each role (see `infra/template.yaml`).
    pub fn group(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Viewer => "viewer",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caller {
    pub user: String,
    pub role: Role,
    /// For staff: the units they work for. Administrators and viewers see every unit.
    #[serde(default)]
    pub units: Vec<UnitCode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AuthError {
    #[error("sign in first: this needs a bearer token")]
    Missing,
    #[error("the token is invalid or expired; sign in again")]
    Invalid,
    #[error("your role may not do this")]
    Forbidden,
    #[error("wrong user name or password")]
    BadCredentials,
    #[error("too many wrong passwords for this user name: wait {retry_after_s} s, then sign in again")]
    TooManyAttempts { retry_after_s: i64 },
}

impl Caller {
    pub fn may_see_unit(&self, unit: &UnitCode) -> bool {
        self.role != Role::Staff || self.units.iter().any(|u| u == unit)
    }

    /// Administrators only.
    pub fn require_admin(&self) -> Result<(), AuthError> {
        if self.role == Role::Admin { Ok(()) } else { Err(AuthError::Forbidden) }
    }

    /// Work on a unit's data (entry, re-verification): administrators, or staff of that unit.
    pub fn require_unit_work(&self, unit: &UnitCode) -> Result<(), AuthError> {
        match self.role {
            Role::Admin => Ok(()),
            Role::Staff if self.may_see_unit(unit) => Ok(()),
            _ => Err(AuthError::Forbidden),
        }
    }

    /// Read a unit's figures: anyone signed in, staff for their own units.
    pub fn require_unit_read(&self, unit: &UnitCode) -> Result<(), AuthError> {
        if self.may_see_unit(unit) { Ok(()) } else { Err(AuthError::Forbidden) }
    }

    /// From the claims API Gateway's JWT authorizer verified (Cognito groups and `custom:units`).
    fn from_claims(claims: &std::collections::HashMap<String, String>) -> Result<Caller, AuthError> {
        let groups = claims.get("cognito:groups").map(String::as_str).unwrap_or_default();
        let has = |g: &str| groups.trim_matches(['[', ']']).split([',', ' ']).any(|x| x == g);
        let role = [Role::Admin, Role::Staff, Role::Viewer]
            .into_iter()
            .find(|r| has(r.group()))
            .ok_or(AuthError::Forbidden)?;
        let units = claims
            .get("custom:units")
            .map(|s| s.split(',').filter_map(|u| UnitCode::parse(u.trim()).ok()).collect())
            .unwrap_or_default();
        let user = claims.get("cognito:username").or_else(|| claims.get("sub")).cloned().unwrap_or_default();
        Ok(Caller { user, role, units })
    }
}

/// The unit the local `demo-staff` account works for (a unit of the seeded demo campaign).
pub const DEMO_STAFF_UNIT: &str = "tyt-cam-nghia";

/// Signs and checks the local stack's tokens (HS256 JWTs with the caller as claims).
#[derive(Clone)]
pub struct LocalSigner {
    key: Vec<u8>,
    /// Demo accounts: user name, password, and who they are.
    accounts: Vec<(String, String, Caller)>,
    /// Wrong passwords per user name in the current window: the local stack is one process, so
    /// its memory is the whole of the throttle (Cognito guards sign-in in AWS).
    failures: Arc<Mutex<HashMap<String, (i64, u32)>>>,
}

/// Wrong passwords a user name may get in one window before sign-in waits for the next.
const LOGIN_FAILURES: u32 = 5;
const LOGIN_WINDOW_S: i64 = 60;

impl std::fmt::Debug for LocalSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LocalSigner")
    }
}

/// Tokens last a working day.
const TOKEN_SECONDS: i64 = 12 * 3600;

#[derive(Serialize, Deserialize)]
struct Claims {
    #[serde(flatten)]
    caller: Caller,
    exp: i64,
}

impl LocalSigner {
    /// The demo accounts of README: `demo-admin`, `demo-staff` (of `staff_unit`) and `demo-viewer`.
    pub fn demo(key: Vec<u8>, password: &str, staff_unit: UnitCode) -> LocalSigner {
        let account = |user: &str, role, units| {
            (user.to_owned(), password.to_owned(), Caller { user: user.to_owned(), role, units })
        };
        LocalSigner {
            key,
            accounts: vec![
                account("demo-admin", Role::Admin, vec![]),
                account("demo-staff", Role::Staff, vec![staff_unit]),
                account("demo-viewer", Role::Viewer, vec![]),
            ],
            failures: Arc::default(),
        }
    }

    fn mac(&self, data: &[u8]) -> Vec<u8> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(data);
        mac.finalize().into_bytes().to_vec()
    }

    /// Checks a user name and password; answers a token and who it stands for.
    pub fn login(&self, user: &str, password: &str, now_s: i64) -> Result<(String, Caller), AuthError> {
        let window = now_s - now_s.rem_euclid(LOGIN_WINDOW_S);
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        failures.retain(|_, (w, _)| *w == window);
        if failures.get(user).is_some_and(|(_, n)| *n >= LOGIN_FAILURES) {
            return Err(AuthError::TooManyAttempts { retry_after_s: window + LOGIN_WINDOW_S - now_s });
        }
        let found =
            self.accounts.iter().find(|(u, p, _)| u == user && constant_time_eq(p.as_bytes(), password.as_bytes()));
        let Some((_, _, caller)) = found else {
            // Counted under the name tried, known or not, so guessing names learns nothing.
            failures.entry(user.chars().take(64).collect()).or_insert((window, 0)).1 += 1;
            return Err(AuthError::BadCredentials);
        };
        failures.remove(user);
        drop(failures);
        let header = B64.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let claims = B64.encode(
            serde_json::to_vec(&Claims { caller: caller.clone(), exp: now_s + TOKEN_SECONDS }).expect("serialises"),
        );
        let signing_input = format!("{header}.{claims}");
        let signature = B64.encode(self.mac(signing_input.as_bytes()));
        Ok((format!("{signing_input}.{signature}"), caller.clone()))
    }

    pub fn verify(&self, token: &str, now_s: i64) -> Result<Caller, AuthError> {
        let (signing_input, signature) = token.rsplit_once('.').ok_or(AuthError::Invalid)?;
        let signature = B64.decode(signature).map_err(|_| AuthError::Invalid)?;
        if !constant_time_eq(&self.mac(signing_input.as_bytes()), &signature) {
            return Err(AuthError::Invalid);
        }
        let claims = signing_input.split('.').nth(1).ok_or(AuthError::Invalid)?;
        let claims: Claims = serde_json::from_slice(&B64.decode(claims).map_err(|_| AuthError::Invalid)?)
            .map_err(|_| AuthError::Invalid)?;
        if claims.exp < now_s {
            return Err(AuthError::Invalid);
        }
        Ok(claims.caller)
    }
}

/// Compares in time that does not depend on where the bytes differ, so a secret cannot be
/// guessed a byte at a time.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The verified caller of a request: authorizer claims in AWS, the local signer's token here.
pub fn caller(req: &Request, local: Option<&LocalSigner>, now_s: i64) -> Result<Caller, AuthError> {
    if let Some(RequestContext::ApiGatewayV2(ctx)) = req.request_context_ref()
        && let Some(jwt) = ctx.authorizer.as_ref().and_then(|a| a.jwt.as_ref())
    {
        return Caller::from_claims(&jwt.claims);
    }
    let signer = local.ok_or(AuthError::Missing)?;
    let header = req.headers().get("authorization").and_then(|v| v.to_str().ok()).ok_or(AuthError::Missing)?;
    let token = header.strip_prefix("Bearer ").ok_or(AuthError::Missing)?;
    signer.verify(token.trim(), now_s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer() -> LocalSigner {
        LocalSigner::demo(b"k".to_vec(), "demo", UnitCode::parse("tyt-1").unwrap())
    }

    #[test]
    fn wrong_passwords_wait_for_the_next_window_per_user_name() {
        let s = signer();
        let t = 6_000; // the start of a window
        for _ in 0..LOGIN_FAILURES {
            assert_eq!(s.login("demo-admin", "guess", t + 1).unwrap_err(), AuthError::BadCredentials);
        }
        let waited = s.login("demo-admin", "demo", t + 10).unwrap_err();
        assert_eq!(waited, AuthError::TooManyAttempts { retry_after_s: 50 }, "even the right password waits");
        assert!(s.login("demo-viewer", "demo", t + 10).is_ok(), "other user names are not held up");
        assert!(s.login("demo-admin", "demo", t + LOGIN_WINDOW_S).is_ok(), "the next window signs in");
        assert_eq!(s.clone().login("demo-admin", "guess", t + 61).unwrap_err(), AuthError::BadCredentials);
    }

    #[test]
    fn tokens_round_trip_and_expire() {
        let s = signer();
        let (token, caller) = s.login("demo-staff", "demo", 1000).unwrap();
        assert_eq!(caller.role, Role::Staff);
        assert_eq!(s.verify(&token, 1000 + 60).unwrap(), caller);
        assert_eq!(s.verify(&token, 1000 + TOKEN_SECONDS + 1), Err(AuthError::Invalid));
        assert_eq!(s.login("demo-staff", "wrong", 0).unwrap_err(), AuthError::BadCredentials);
    }

    #[test]
    fn a_forged_or_altered_token_is_refused() {
        let s = signer();
        let (token, _) = s.login("demo-staff", "demo", 1000).unwrap();
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        let admin = Claims { caller: Caller { user: "x".into(), role: Role::Admin, units: vec![] }, exp: i64::MAX };
        parts[1] = B64.encode(serde_json::to_vec(&admin).unwrap());
        assert_eq!(s.verify(&parts.join("."), 1000), Err(AuthError::Invalid));
        let other = LocalSigner::demo(b"other".to_vec(), "demo", UnitCode::parse("tyt-1").unwrap());
        assert_eq!(other.verify(&token, 1000), Err(AuthError::Invalid));
    }

    #[test]
    fn scope_rules() {
        let staff = Caller { user: "s".into(), role: Role::Staff, units: vec![UnitCode::parse("tyt-1").unwrap()] };
        let (one, two) = (UnitCode::parse("tyt-1").unwrap(), UnitCode::parse("tyt-2").unwrap());
        assert!(staff.require_unit_work(&one).is_ok());
        assert_eq!(staff.require_unit_work(&two), Err(AuthError::Forbidden));
        assert_eq!(staff.require_admin(), Err(AuthError::Forbidden));
        let viewer = Caller { user: "v".into(), role: Role::Viewer, units: vec![] };
        assert!(viewer.require_unit_read(&two).is_ok());
        assert_eq!(viewer.require_unit_work(&two), Err(AuthError::Forbidden));
    }

    #[test]
    fn cognito_claims_give_role_and_units() {
        let claims = [
            ("cognito:groups".to_owned(), "[staff]".to_owned()),
            ("custom:units".to_owned(), "tyt-1, tyt-2".to_owned()),
            ("cognito:username".to_owned(), "lan".to_owned()),
        ]
        .into();
        let c = Caller::from_claims(&claims).unwrap();
        assert_eq!((c.role, c.units.len(), c.user.as_str()), (Role::Staff, 2, "lan"));
        assert_eq!(Caller::from_claims(&Default::default()), Err(AuthError::Forbidden));
    }
}
