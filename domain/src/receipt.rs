//! Receipts: the short code a respondent keeps to check that the answer was counted.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Crockford base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 10 symbols = 50 random bits: unguessable by enumeration, short enough to write down.
pub const RECEIPT_LEN: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Receipt(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("a receipt is {RECEIPT_LEN} letters and digits, such as 7KQ2M-9XDPT")]
pub struct ReceiptError;

impl Receipt {
    /// Makes a receipt from random bytes supplied by the caller (the domain does no I/O).
    pub fn from_random(bytes: [u8; 8]) -> Receipt {
        let mut n = u64::from_le_bytes(bytes);
        let code = (0..RECEIPT_LEN)
            .map(|_| {
                let c = ALPHABET[(n & 31) as usize] as char;
                n >>= 5;
                c
            })
            .collect();
        Receipt(code)
    }

    /// Reads a receipt as a person may type it: any case, with spaces or dashes, O for 0, I or L for 1.
    pub fn parse(s: &str) -> Result<Receipt, ReceiptError> {
        let code: String = s
            .chars()
            .filter(|c| !matches!(c, '-' | ' '))
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            })
            .collect();
        if code.len() == RECEIPT_LEN && code.bytes().all(|b| ALPHABET.contains(&b)) {
            Ok(Receipt(code))
        } else {
            Err(ReceiptError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Grouped for reading: `7KQ2M-9XDPT`.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..5], &self.0[5..])
    }
}

impl TryFrom<String> for Receipt {
    type Error = ReceiptError;
    fn try_from(s: String) -> Result<Receipt, ReceiptError> {
        Receipt::parse(&s)
    }
}

impl From<Receipt> for String {
    fn from(r: Receipt) -> String {
        r.0
    }
}

impl std::fmt::Display for Receipt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn typed_forms_are_forgiven() {
        let r = Receipt::from_random(*b"hailong!");
        assert_eq!(Receipt::parse(&r.display().to_lowercase()), Ok(r.clone()));
        assert_eq!(Receipt::parse("0O1IL-ABCDE").unwrap().as_str(), "00111ABCDE");
        assert_eq!(Receipt::parse("ABCDE"), Err(ReceiptError));
        assert_eq!(Receipt::parse("ABCDE-FGHJU"), Err(ReceiptError));
    }

    proptest! {
        #[test]
        fn every_random_receipt_parses_back(bytes in any::<[u8; 8]>()) {
            let r = Receipt::from_random(bytes);
            prop_assert_eq!(r.as_str().len(), RECEIPT_LEN);
            prop_assert_eq!(Receipt::parse(r.as_str()), Ok(r));
        }
    }
}
