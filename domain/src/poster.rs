//! The signed poster code a QR link carries (`?p=2-7KQ2M9XDPT`): the page passes it on with the
//! form request, the start of answering and the answers, so each poster's scans and completions
//! are counted. Only the server, holding the key, can tell a genuine code from a forged one.

use serde::{Deserialize, Serialize};

/// A code shaped like the ones posters carry: `{version}-{10 letters or digits}`, upper case.
/// Made by `parse` only; serialized as the plain string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct PosterCode(String);

impl TryFrom<String> for PosterCode {
    type Error = &'static str;

    fn try_from(text: String) -> Result<PosterCode, &'static str> {
        PosterCode::parse(&text).ok_or("not a poster code: a number, a dash and 10 letters or digits")
    }
}

impl PosterCode {
    pub fn parse(text: &str) -> Option<PosterCode> {
        let (version, mac) = text.split_once('-')?;
        let version_ok = !version.is_empty() && version.len() <= 9 && version.bytes().all(|b| b.is_ascii_digit());
        let mac_ok = mac.len() == 10 && mac.bytes().all(|b| b.is_ascii_alphanumeric());
        (version_ok && mac_ok).then(|| PosterCode(text.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PosterCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_a_poster_prints_and_nothing_else() {
        assert_eq!(PosterCode::parse("2-7kq2m9xdpt").map(|p| p.0), Some("2-7KQ2M9XDPT".into()));
        assert_eq!(PosterCode::parse("12-ABCDEFGHJK").map(|p| p.0), Some("12-ABCDEFGHJK".into()));
        assert_eq!(PosterCode::parse(""), None);
        assert_eq!(PosterCode::parse("-ABCDEFGHJK"), None);
        assert_eq!(PosterCode::parse("ABCDEFGHJK"), None);
        assert_eq!(PosterCode::parse("1-ABC"), None);
        assert_eq!(PosterCode::parse("1-ABCDEFGH%3C"), None);
        assert_eq!(PosterCode::parse("1-ABCDEFGHJ<"), None);
        assert_eq!(PosterCode::parse("1234567890-ABCDEFGHJK"), None);
    }
}
