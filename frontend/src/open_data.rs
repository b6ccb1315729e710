//! The CSV downloads of a snapshot: one row per unit with its figures (G1 and G2 with the number
//! of answers each is over) and suppression flag, and the method note as the last row. UTF-8 with a byte-order mark, so spreadsheet programs read
//! the Vietnamese names right. Figures are unrounded, as in the JSON. Two dialects: English
//! (commas, decimal point, the JSON's field names) for international readers and programs, and
//! Vietnamese (semicolons, decimal comma, Vietnamese column names), which Excel set to Vietnamese
//! opens as numbers; the page states both formats.

use hailong_domain::Snapshot;
// The one neutralising writer: a unit name starting with `=` must not reach Excel as a formula.
use hailong_domain::csv::field;

pub const CSV_HEADER: [&str; 20] = [
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
    "expectation_pct",
    "g1_n",
    "return_pct",
    "g2_n",
];

/// The same columns, named for Vietnamese readers.
pub const CSV_HEADER_VI: [&str; 20] = [
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
    "Đáp ứng mong đợi G1 (%)",
    "Số người trả lời G1",
    "Sẽ quay lại G2 (%)",
    "Số người trả lời G2",
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

    fn header(self) -> [&'static str; 20] {
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
            num(f.expectation_pct),
            f.g1_n.to_string(),
            num(f.return_pct),
            f.g2_n.to_string(),
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

/// A `data:` link holding `body`, for a download that needs no server round trip. Encoded as
/// `encodeURIComponent` does, in Rust, so that a page rendered on the server carries the same links.
pub fn data_url(mime: &str, body: &str) -> String {
    let mut out = format!("data:{mime};charset=utf-8,");
    for b in body.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
    fn a_unit_row_carries_g1_and_g2_with_their_n() {
        let s: Snapshot = serde_json::from_value(serde_json::json!({
            "campaign": {"id": "cam-ranh", "title": "Cam Ranh"}, "version": 2, "published_at": "2026-12-01T00:00:00Z",
            "publisher_role": "admin", "reason": null, "digest": "", "method": "Wilson", "overall": [], "excluded": {},
            "units": [{"code": "tyt-cam-nghia", "name": "Trạm y tế Cam Nghĩa", "questionnaire": {"id": "moh-outpatient", "version": 1},
                "rank": 1, "quota": 50, "n": 40, "index": 91.5, "pooled_pct": 90.0, "ci95": [85.0, 95.0], "target_met": true,
                "fully_satisfied_pct": 60.0, "expectation_pct": 88.5, "g1_n": 38, "return_pct": 75.0, "g2_n": 36}]
        }))
        .unwrap();
        let file = csv(&s, Dialect::English);
        let lines: Vec<&str> = file.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER.join(","));
        assert!(lines[1].ends_with(",60,88.5,38,75,36"), "{}", lines[1]);
        assert_eq!(lines[1].split(',').count(), CSV_HEADER.len());
        let vi = csv(&s, Dialect::Vietnamese);
        assert!(vi.contains(";60;88,5;38;75;36\r\n"), "{vi}");
    }

    #[test]
    fn links_are_encoded_as_encode_uri_component_does() {
        assert_eq!(data_url("text/csv", "a b;đ\r\n(x)"), "data:text/csv;charset=utf-8,a%20b%3B%C4%91%0D%0A(x)");
    }

    #[test]
    fn vietnamese_numbers_have_a_decimal_comma() {
        assert_eq!(Dialect::Vietnamese.number(87.25), "87,25");
        assert_eq!(Dialect::English.number(87.25), "87.25");
        assert_eq!(Dialect::Vietnamese.flag(true), "có");
    }
}
