//! The receipt, readable without script: the page a posted form answers with, and
//! `/receipt/{code}`. The proof check against the published digest stays the public app's, which
//! takes `/receipt/{code}` over where WebAssembly runs.

use super::page::{attr, document, text};
use crate::i18n::{RESULTS_VI, VI};
use hailong_domain::{Authority, Date, Receipt};
use std::fmt::Write;

/// What a receipt page says about one stored response, in words a person reads.
pub struct ReceiptFacts {
    pub receipt: Receipt,
    pub campaign: String,
    /// Who runs the campaign, when it was recorded.
    pub authority: Option<Authority>,
    pub unit: String,
    pub received_at_ms: i64,
    pub counting: Counting,
}

pub enum Counting {
    /// The campaign's results are not published yet.
    NotYetPublished,
    /// Counted in the latest published results.
    Counted,
    /// Taken out by an administrator, for this reason (its code, as `exclusion_reason` reads).
    Excluded(String),
}

/// The page after "Gửi phiếu": thanks, the code, and what it is for (a second press of the same
/// form, or a reload that posts it again, shows the same receipt).
pub fn thanks_page(receipt: &Receipt, campaign: &str, unit: &str) -> String {
    let mut b = String::from(r#"<section class="thanks"><h1 id="thanks" tabindex="-1">"#);
    text(&mut b, VI.thanks);
    b.push_str(r#"</h1><p class="campaign">"#);
    text(&mut b, campaign);
    b.push_str(r#"</p><p class="unit">"#);
    text(&mut b, unit);
    b.push_str("</p>");
    let _ = write!(b, "<p>{}</p>", VI.your_receipt);
    let code = receipt.as_str();
    let _ = write!(b, r#"<p id="receipt" class="receipt" data-receipt="{code}">{}</p>"#, receipt.display());
    let _ = write!(b, "<p>{}</p>", VI.receipt_explain);
    let _ = write!(b, r#"<p><a href="/receipt/{code}">{}</a></p></section>"#, VI.check_receipt);
    document(VI.thanks, &b, false)
}

/// `/receipt/{code}`: when it was received, where, and whether it is counted.
pub fn receipt_page(facts: Option<&ReceiptFacts>) -> String {
    let mut b = String::from("<h1>");
    text(&mut b, VI.receipt_title);
    b.push_str("</h1>");
    match facts {
        None => {
            let _ = write!(b, r#"<div class="error" role="alert"><p>{}</p></div>"#, VI.receipt_not_found);
        }
        Some(facts) => {
            let (time, date) = vietnam_time(facts.received_at_ms);
            b.push_str(r#"<div class="ok" role="status"><p>"#);
            text(&mut b, &(VI.received_at)(&time, date));
            b.push_str("</p>");
            let counting = match &facts.counting {
                Counting::NotYetPublished => RESULTS_VI.not_published_yet.to_owned(),
                Counting::Counted => VI.counted_in_results.to_owned(),
                Counting::Excluded(reason) => (RESULTS_VI.excluded_because)((RESULTS_VI.exclusion_reason)(reason)),
            };
            b.push_str(r#"<p id="counting">"#);
            text(&mut b, &counting);
            b.push_str("</p>");
            crate::authority::authority_html(&mut b, facts.authority.as_ref());
            b.push_str("<dl>");
            let _ = write!(b, "<dt>{}</dt><dd>{}</dd>", VI.receipt_code, facts.receipt.display());
            for (term, value) in [(VI.campaign, &facts.campaign), (VI.unit, &facts.unit)] {
                let _ = write!(b, "<dt>{term}</dt><dd>");
                text(&mut b, value);
                b.push_str("</dd>");
            }
            b.push_str("</dl></div>");
        }
    }
    document(VI.receipt_title, &b, true)
}

/// A code typed by hand, sent as `GET /receipt?code=…`, which answers with `/receipt/{code}`
/// (the app's form goes there directly). `typed` is what was refused, shown again with why.
pub(super) fn receipt_form(b: &mut String, typed: Option<&str>) {
    b.push_str(r#"<form class="receipt-form" action="/receipt" method="get" novalidate>"#);
    let _ = write!(b, r#"<label for="receipt-code">{}</label><p id="receipt-hint" class="hint">"#, VI.receipt_code);
    text(b, VI.receipt_hint);
    b.push_str(r#"</p><input id="receipt-code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="20" aria-describedby="receipt-hint""#);
    if let Some(typed) = typed {
        b.push_str(r#" aria-invalid="true" value=""#);
        attr(b, typed);
        b.push('"');
    }
    b.push('>');
    if typed.is_some() {
        b.push_str(r#"<p class="problem" role="alert">"#);
        text(b, VI.receipt_bad);
        b.push_str("</p>");
    }
    let _ = write!(b, r#"<button type="submit" class="primary">{}</button></form>"#, VI.check_receipt);
}

/// The answer to a code that cannot be a receipt's: the form again, with the code as typed.
pub fn receipt_form_page(typed: &str) -> String {
    let mut b = String::from("<h1>");
    text(&mut b, VI.receipt_title);
    b.push_str("</h1>");
    receipt_form(&mut b, Some(typed));
    document(VI.receipt_title, &b, true)
}

/// `hh:mm` and the date in Việt Nam (UTC+7, no daylight saving).
fn vietnam_time(unix_ms: i64) -> (String, Date) {
    let minutes = (unix_ms + 7 * 3_600_000).rem_euclid(86_400_000) / 60_000;
    (format!("{:02}:{:02}", minutes / 60, minutes % 60), Date::in_vietnam_at(unix_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_told_in_vietnam() {
        // 2026-12-01T17:30:00Z is half past midnight on 2 December in Việt Nam.
        let ms = Date::new(2026, 12, 1).unwrap().days_since_epoch() * 86_400_000 + (17 * 60 + 30) * 60_000;
        assert_eq!(vietnam_time(ms), ("00:30".to_owned(), Date::new(2026, 12, 2).unwrap()));
    }
}
