//! One response per device per unit per campaign: the receipt of the answer given here is kept,
//! and a second visit shows it instead of the form. Kiosk tablets keep none (many people share them).

use crate::saved;
use hailong_domain::Receipt;

fn key(campaign: &str, unit: &str) -> String {
    format!("hailong.answered.{campaign}.{unit}")
}

pub fn receipt(campaign: &str, unit: &str) -> Option<Receipt> {
    saved::get(&key(campaign, unit)).and_then(|r| Receipt::parse(&r).ok())
}

pub fn record(campaign: &str, unit: &str, receipt: &Receipt) {
    saved::set(&key(campaign, unit), receipt.as_str());
}
