//! The CSV download of a snapshot: one row per unit with its figures and suppression flag, and
//! the method note as the last row. UTF-8 with a byte-order mark, so spreadsheet programs read
//! the Vietnamese names right. Figures are unrounded, as in the JSON.

use hailong_domain::Snapshot;
// The one neutralising writer: a unit name starting with `=` must not reach Excel as a formula.
use hailong_domain::csv::field;

pub const CSV_HEADER: [&str; 16] = [
    "campaign",
    "version",
    "code",
    "name",
    "questionnaire",
    "n",
    "quota",
    "volume",
    "suppressed",
    "rank",
    "index",
    "ci95_lo",
    "ci95_hi",
    "pooled_pct",
    "target_met",
    "fully_satisfied_pct",
];

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

pub fn csv(s: &Snapshot) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&CSV_HEADER.join(","));
    out.push_str("\r\n");
    for u in &s.units {
        let f = &u.figures;
        let row = [
            s.campaign.id.to_string(),
            s.version.to_string(),
            u.code.to_string(),
            u.name.clone(),
            format!("{}@{}", u.questionnaire.id, u.questionnaire.version),
            f.n.to_string(),
            u.quota.to_string(),
            opt(u.volume),
            f.suppressed.to_string(),
            opt(u.rank),
            opt(f.index),
            opt(f.ci95.map(|c| c[0])),
            opt(f.ci95.map(|c| c[1])),
            opt(f.pooled_pct),
            opt(f.target_met),
            opt(f.fully_satisfied_pct),
        ];
        out.push_str(&row.iter().map(|x| field(x)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out.push_str(&format!("method,{}\r\n", field(&s.method)));
    out
}

/// A `data:` link holding `body`, for a download that needs no server round trip.
pub fn data_url(mime: &str, body: &str) -> String {
    format!("data:{mime};charset=utf-8,{}", String::from(js_sys::encode_uri_component(body)))
}
