//! Who is signed in: the answer of `POST /api/auth/login`, kept in sessionStorage so a reload
//! keeps the session and closing the tab ends it.

use serde::{Deserialize, Serialize};

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

    pub fn load() -> Option<Session> {
        serde_json::from_str(&storage()?.get_item(KEY).ok()??).ok()
    }

    pub fn save(&self) {
        if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(self)) {
            let _ = s.set_item(KEY, &json);
        }
    }

    pub fn forget() {
        if let Some(s) = storage() {
            let _ = s.remove_item(KEY);
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().session_storage().ok().flatten()
}
