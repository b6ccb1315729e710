//! Tables for download: one table of cells written as CSV (UTF-8 with a byte-order mark, so
//! Excel reads the Vietnamese) or as XLSX (the smallest OOXML package Excel and LibreOffice open:
//! one sheet of inline strings and numbers, header in bold and frozen).

use hailong_domain::csv::Csv;
use lambda_http::{Body, Response};
use std::fmt::Write as _;
use std::io::Write as _;

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
            for cell in row {
                match cell {
                    Cell::Text(s) => out.text(s),
                    Cell::Number(n) => out.number(*n),
                };
            }
            out.end_row();
        }
        out.finish().into_bytes()
    }

    /// An XLSX workbook of one sheet named `name` (at most 31 characters, no `[]:*?/\`).
    pub fn to_xlsx(&self, name: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let workbook = format!(
            r#"{XML}<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            escape(name)
        );
        let parts = [
            ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
            (
                "_rels/.rels",
                format!(
                    r#"{XML}<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
                ),
            ),
            ("xl/workbook.xml", workbook),
            (
                "xl/_rels/workbook.xml.rels",
                format!(
                    r#"{XML}<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{DOC_RELS}/styles" Target="styles.xml"/></Relationships>"#
                ),
            ),
            ("xl/styles.xml", STYLES.to_owned()),
            ("xl/worksheets/sheet1.xml", self.worksheet_xml()),
        ];
        // Names and sizes are ours and small, and the archive is in memory: nothing can fail.
        for (path, content) in parts {
            zip.start_file(path, options).expect("valid part name");
            zip.write_all(content.as_bytes()).expect("in memory");
        }
        zip.finish().expect("in memory").into_inner()
    }

    fn worksheet_xml(&self) -> String {
        let mut xml = format!(
            r#"{XML}<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>"#
        );
        let header: Vec<Cell> = self.headers.iter().cloned().map(Cell::Text).collect();
        for (i, row) in std::iter::once(&header).chain(&self.rows).enumerate() {
            let r = i + 1;
            let _ = write!(xml, r#"<row r="{r}">"#);
            let style = if r == 1 { r#" s="1""# } else { "" };
            for (c, cell) in row.iter().enumerate() {
                let at = format!("{}{r}", column_name(c));
                match cell {
                    Cell::Text(s) if s.is_empty() => {}
                    Cell::Text(s) => {
                        let _ = write!(
                            xml,
                            r#"<c r="{at}"{style} t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                            escape(s)
                        );
                    }
                    Cell::Number(n) => {
                        let _ = write!(xml, r#"<c r="{at}"{style}><v>{n}</v></c>"#);
                    }
                }
            }
            xml.push_str("</row>");
        }
        xml.push_str("</sheetData></worksheet>");
        xml
    }
}

const XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const DOC_RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
/// Style 0 is normal, style 1 bold (the header row).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

/// `A`…`Z`, `AA`…: the spreadsheet name of a 0-based column.
fn column_name(mut c: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII")
}

/// XML text, without the control characters XML 1.0 cannot carry at all.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
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
    use std::io::Read;

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
    fn column_names_go_past_z() {
        let names: Vec<String> = [0, 25, 26, 27, 51, 52, 701, 702].into_iter().map(column_name).collect();
        assert_eq!(names, ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn csv_has_a_bom_and_defuses_formulas() {
        let csv = String::from_utf8(sample().to_csv()).unwrap();
        assert_eq!(csv, "\u{FEFF}Mã,Góp ý\r\n4,\"'=1+1 <b>&\u{1}\"\r\n-2,\r\n");
        // Excel in the Vietnamese locale splits unquoted fields at `;`.
        let split = Sheet { headers: vec!["Góp ý".into()], rows: vec![vec![Cell::Text("x;=1+1".into())]] };
        assert_eq!(String::from_utf8(split.to_csv()).unwrap(), "\u{FEFF}Góp ý\r\n\"x;=1+1\"\r\n");
    }

    #[test]
    fn xlsx_is_a_zip_of_the_ooxml_parts_with_escaped_inline_strings() {
        let bytes = sample().to_xlsx("Phản hồi");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for part in
            ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]
        {
            assert!(zip.by_name(part).is_ok(), "{part}");
        }
        let mut sheet = String::new();
        zip.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut sheet).unwrap();
        assert!(
            sheet.contains(r#"<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Mã</t></is></c>"#),
            "{sheet}"
        );
        assert!(sheet.contains(r#"<c r="A2"><v>4</v></c>"#));
        assert!(
            sheet.contains(r#"<t xml:space="preserve">=1+1 &lt;b&gt;&amp;</t>"#),
            "no formula, no control character"
        );
        assert!(sheet.contains(r#"<row r="3"><c r="A3"><v>-2</v></c></row>"#), "empty text is left out");
    }
}
