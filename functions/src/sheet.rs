//! Tables for download: cells, and a small table written whole as CSV (UTF-8 with a byte-order
//! mark, so Excel reads the Vietnamese). Exports, too large for that, write the same cells step
//! by step (`export`).

use hailong_domain::csv::Csv;
use lambda_http::{Body, Response};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// Written as a number in XLSX, so that spreadsheets can add and average it.
    Number(i64),
}

#[derive(Debug)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

pub const CSV_TYPE: &str = "text/csv; charset=utf-8";
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

impl Sheet {
    /// As every CSV of the project, through the one neutralising writer (`domain::csv`): no cell
    /// reaches a spreadsheet as a formula, and none splits at a `;` in the Vietnamese locale.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut out = Csv::new();
        out.text_row(self.headers.iter().map(String::as_str));
        for row in &self.rows {
            csv_row(&mut out, row);
        }
        out.finish().into_bytes()
    }
}

/// One row of cells into a CSV document.
pub fn csv_row(out: &mut Csv, row: &[Cell]) {
    for cell in row {
        match cell {
            Cell::Text(s) => out.text(s),
            Cell::Number(n) => out.number(*n),
        };
    }
    out.end_row();
}

/// A file to download; never cached, as it holds live (and sometimes personal) data.
pub fn download(content_type: &str, filename: &str, bytes: Vec<u8>) -> Response<Body> {
    Response::builder()
        .status(200)
        .header("content-type", content_type)
        .header("content-disposition", format!("attachment; filename=\"{filename}\""))
        .header("cache-control", "no-store")
        .body(Body::Binary(bytes))
        .expect("valid response")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Sheet {
        Sheet {
            headers: vec!["Mã".into(), "Góp ý".into()],
            rows: vec![
                vec![Cell::Number(4), Cell::Text("=1+1 <b>&\u{1}".into())],
                vec![Cell::Number(-2), Cell::Text(String::new())],
            ],
        }
    }

    #[test]
    fn csv_has_a_bom_and_defuses_formulas() {
        let csv = String::from_utf8(sample().to_csv()).unwrap();
        assert_eq!(csv, "\u{FEFF}Mã,Góp ý\r\n4,\"'=1+1 <b>&\u{1}\"\r\n-2,\r\n");
        // Excel in the Vietnamese locale splits unquoted fields at `;`.
        let split = Sheet { headers: vec!["Góp ý".into()], rows: vec![vec![Cell::Text("x;=1+1".into())]] };
        assert_eq!(String::from_utf8(split.to_csv()).unwrap(), "\u{FEFF}Góp ý\r\n\"x;=1+1\"\r\n");
    }
}
