//! The CSV downloads of a snapshot: one row per unit with its figures and suppression flag, and
//! the method note as the last row. UTF-8 with a byte-order mark, so spreadsheet programs read
//! the Vietnamese names right. Figures are unrounded, as in the JSON. Two dialects: English
//! (commas, decimal point, the JSON's field names) for international readers and programs, and
//! Vietnamese (semicolons, decimal comma, Vietnamese column names), which Excel set to Vietnamese
//! opens as numbers; the page states both formats.

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

/// The same columns, named for Vietnamese readers.
pub const CSV_HEADER_VI: [&str; 16] = [
    "Đợt khảo sát",
    "Phiên bản",
    "Mã đơn vị",
    "Tên đơn vị",
    "Bộ phiếu",
    "Số phiếu được tính",
    "Chỉ tiêu",
    "Số hồ sơ/lượt phục vụ",
    "Không công bố",
    "Hạng",
    "Chỉ số hài lòng (%)",
    "Khoảng tin cậy 95%: cận dưới (%)",
    "Khoảng tin cậy 95%: cận trên (%)",
    "Tỷ lệ hài lòng chung (%)",
    "Đạt mục tiêu",
    "Hài lòng toàn diện (%)",
];

/// How a file writes its fields.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    English,
    Vietnamese,
}

impl Dialect {
    fn separator(self) -> char {
        match self {
            Dialect::English => ',',
            Dialect::Vietnamese => ';',
        }
    }

    fn header(self) -> [&'static str; 16] {
        match self {
            Dialect::English => CSV_HEADER,
            Dialect::Vietnamese => CSV_HEADER_VI,
        }
    }

    fn number(self, v: f64) -> String {
        match self {
            Dialect::English => v.to_string(),
            Dialect::Vietnamese => v.to_string().replace('.', ","),
        }
    }

    fn flag(self, v: bool) -> String {
        match self {
            Dialect::English => v.to_string(),
            Dialect::Vietnamese => (if v { "có" } else { "không" }).to_owned(),
        }
    }

    /// Every field goes through the one neutralising writer, which quotes `,` and `;` alike, so a
    /// file is safe whichever list separator the reader's Excel uses.
    fn field(self, s: &str) -> String {
        // A figure with a decimal comma is a number, not text: quoted, Excel would read it as text.
        if self == Dialect::Vietnamese && s.replace(',', ".").parse::<f64>().is_ok() {
            return s.to_owned();
        }
        field(s)
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

pub fn csv(s: &Snapshot, d: Dialect) -> String {
    let sep = d.separator().to_string();
    let num = |v: Option<f64>| v.map(|v| d.number(v)).unwrap_or_default();
    let mut out = String::from("\u{feff}");
    out.push_str(&d.header().join(&sep));
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
            d.flag(f.suppressed),
            opt(u.rank),
            num(f.index),
            num(f.ci95.map(|c| c[0])),
            num(f.ci95.map(|c| c[1])),
            num(f.pooled_pct),
            f.target_met.map(|m| d.flag(m)).unwrap_or_default(),
            num(f.fully_satisfied_pct),
        ];
        out.push_str(&row.iter().map(|x| d.field(x)).collect::<Vec<_>>().join(&sep));
        out.push_str("\r\n");
    }
    let (label, method) = match d {
        Dialect::English => ("method", s.method.clone()),
        Dialect::Vietnamese => ("Phương pháp tính", (crate::i18n::RESULTS_VI.method)(s)),
    };
    out.push_str(&format!("{label}{sep}{}\r\n", d.field(&method)));
    out
}

/// A `data:` link holding `body`, for a download that needs no server round trip.
pub fn data_url(mime: &str, body: &str) -> String {
    format!("data:{mime};charset=utf-8,{}", String::from(js_sys::encode_uri_component(body)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_when_needed() {
        assert_eq!(Dialect::English.field("UBND xã Cam Lập"), "UBND xã Cam Lập");
        assert_eq!(Dialect::English.field("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(Dialect::Vietnamese.field("a; b"), "\"a; b\"");
    }

    #[test]
    fn vietnamese_numbers_have_a_decimal_comma() {
        assert_eq!(Dialect::Vietnamese.number(87.25), "87,25");
        assert_eq!(Dialect::English.number(87.25), "87.25");
        assert_eq!(Dialect::Vietnamese.flag(true), "có");
    }
}
