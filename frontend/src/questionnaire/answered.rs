//! One response per person: the receipts of the answers given on this device for a unit are
//! kept, and a second visit shows them instead of the form, with a way for another person of the
//! household to answer (the server's per-device limit still applies). Kiosk tablets keep none
//! (many people share them).

use crate::saved;
use hailong_domain::Receipt;

fn key(campaign: &str, unit: &str) -> String {
    format!("hailong.answered.{campaign}.{unit}")
}

/// Every receipt of this unit given here, oldest first (kept space-separated).
pub fn receipts(campaign: &str, unit: &str) -> Vec<Receipt> {
    saved::get(&key(campaign, unit))
        .map(|all| all.split(' ').filter_map(|r| Receipt::parse(r).ok()).collect())
        .unwrap_or_default()
}

pub fn record(campaign: &str, unit: &str, receipt: &Receipt) {
    let mut all = receipts(campaign, unit);
    if !all.contains(receipt) {
        all.push(receipt.clone());
    }
    let list: Vec<&str> = all.iter().map(Receipt::as_str).collect();
    saved::set(&key(campaign, unit), &list.join(" "));
}
