//! The issuing authority: the body that runs a campaign and signs its notices, as the seed
//! documents head them ("Sở Nội vụ tỉnh Khánh Hòa", "UBND thành phố Cam Ranh"). A citizen reads it
//! on the poster, the form, the receipt and the results, so that the survey is the state's, not
//! the software's.

use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// Longest name accepted, in characters: the longest heading of the seeds is under 60, and a
/// poster prints it on one or two lines.
pub const MAX_AUTHORITY_CHARS: usize = 120;

/// A non-empty name of at most [`MAX_AUTHORITY_CHARS`] characters, spaces trimmed and runs of
/// whitespace made one space. Made by `parse` only; serialized as the plain string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Authority(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AuthorityError {
    #[error("the issuing authority (the body that runs the campaign, e.g. \"Sở Nội vụ tỉnh Khánh Hòa\") is empty")]
    Empty,
    #[error("the issuing authority has {chars} characters; at most {MAX_AUTHORITY_CHARS} are allowed")]
    TooLong { chars: usize },
}

impl Authority {
    pub fn parse(text: &str) -> Result<Authority, AuthorityError> {
        let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let chars = name.chars().count();
        if chars == 0 {
            Err(AuthorityError::Empty)
        } else if chars > MAX_AUTHORITY_CHARS {
            Err(AuthorityError::TooLong { chars })
        } else {
            Ok(Authority(name))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Authority {
    type Error = AuthorityError;

    fn try_from(text: String) -> Result<Authority, AuthorityError> {
        Authority::parse(&text)
    }
}

impl From<Authority> for String {
    fn from(a: Authority) -> String {
        a.0
    }
}

impl fmt::Display for Authority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed_and_bounded() {
        assert_eq!(Authority::parse("  Sở Nội vụ\n tỉnh  Khánh Hòa ").unwrap().as_str(), "Sở Nội vụ tỉnh Khánh Hòa");
        assert_eq!(Authority::parse(" \t "), Err(AuthorityError::Empty));
        let long = "Ủ".repeat(MAX_AUTHORITY_CHARS + 1);
        assert_eq!(Authority::parse(&long), Err(AuthorityError::TooLong { chars: MAX_AUTHORITY_CHARS + 1 }));
        assert!(Authority::parse(&"Ủ".repeat(MAX_AUTHORITY_CHARS)).is_ok(), "counted in characters, not bytes");
    }

    #[test]
    fn it_reads_back_as_it_was_written_and_refuses_an_empty_name() {
        let a: Authority = serde_json::from_str("\"UBND thành phố Cam Ranh\"").unwrap();
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"UBND thành phố Cam Ranh\"");
        assert!(serde_json::from_str::<Authority>("\"\"").is_err());
    }
}
