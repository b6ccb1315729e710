//! Identifiers typed by what they name, parsed once at the edge.

use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CodeError {
    #[error("the code is empty")]
    Empty,
    #[error("the code is longer than {max} characters")]
    TooLong { max: usize },
    #[error("the code may only hold letters, digits, '-', '_' and '.', not {found:?}")]
    BadChar { found: char },
}

/// Whether `s` is a code of at most `max` characters: letters, digits, `-`, `_` and `.`.
pub fn check(s: &str, max: usize) -> Result<(), CodeError> {
    if s.is_empty() {
        return Err(CodeError::Empty);
    }
    if s.chars().count() > max {
        return Err(CodeError::TooLong { max });
    }
    match s.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))) {
        Some(found) => Err(CodeError::BadChar { found }),
        None => Ok(()),
    }
}

macro_rules! code_type {
    ($(#[$doc:meta])* $name:ident, $max:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const MAX_LEN: usize = $max;

            pub fn parse(s: &str) -> Result<Self, CodeError> {
                check(s, $max).map(|()| Self(s.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = CodeError;
            fn try_from(s: String) -> Result<Self, CodeError> {
                check(&s, $max).map(|()| Self(s))
            }
        }

        impl From<$name> for String {
            fn from(c: $name) -> String {
                c.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

code_type!(
    /// Code of a unit (an office, a station); official administrative codes such as `22333` fit.
    UnitCode, 40
);
code_type!(
    /// Identifier of a campaign, as it appears in links: `/s/{campaign}/{unit}`.
    CampaignId, 40
);
code_type!(
    /// Identifier of a questionnaire template, shared by all its versions.
    QuestionnaireId, 40
);
code_type!(
    /// Identifier of a section within a questionnaire.
    SectionId, 16
);
code_type!(
    /// Identifier of an item within a questionnaire (unique across its sections).
    ItemId, 16
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_official_and_slug_codes() {
        assert!(UnitCode::parse("22333").is_ok());
        assert!(UnitCode::parse("tyt-cam-nghia").is_ok());
        assert_eq!(CampaignId::parse("cam-ranh-2026").unwrap().as_str(), "cam-ranh-2026");
    }

    #[test]
    fn refuses_empty_long_and_odd_codes() {
        assert_eq!(UnitCode::parse(""), Err(CodeError::Empty));
        assert_eq!(ItemId::parse(&"a".repeat(17)), Err(CodeError::TooLong { max: 16 }));
        assert_eq!(UnitCode::parse("a/b"), Err(CodeError::BadChar { found: '/' }));
        assert_eq!(UnitCode::parse("phường"), Err(CodeError::BadChar { found: 'ư' }));
    }

    #[test]
    fn deserialising_goes_through_parse() {
        assert!(serde_json::from_str::<UnitCode>("\"ok-1\"").is_ok());
        assert!(serde_json::from_str::<UnitCode>("\"../etc\"").is_err());
    }
}
