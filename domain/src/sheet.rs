//! Spreadsheets written row by row, in constant memory: CSV (UTF-8 with a byte-order mark, so
//! Excel reads the Vietnamese) and XLSX (the smallest OOXML package Excel and LibreOffice open:
//! one sheet of inline strings and numbers, header in bold and frozen, deflated as it is
//! written). A row is encoded and handed to the writer as soon as it is given, so an export of a
//! million responses holds one row at a time, whatever the destination (a file, an upload).

pub use crate::api::ExportFormat as Format;
use std::io::{self, Seek, Write};
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// Written as a number in XLSX, so that spreadsheets can add and average it.
    Number(i64),
}

/// A sheet being written in either format.
pub enum SheetWriter<W: Write + Seek> {
    Csv(CsvWriter<W>),
    /// Boxed: the deflate state is large, and a writer is made once per file.
    Xlsx(Box<XlsxWriter<W>>),
}

impl<W: Write + Seek> SheetWriter<W> {
    /// Starts a sheet named `name` (XLSX: at most 31 characters, no `[]:*?/\`) with its header row.
    pub fn new(format: Format, out: W, name: &str, headers: &[String]) -> io::Result<Self> {
        Ok(match format {
            Format::Csv => SheetWriter::Csv(CsvWriter::new(out, headers)?),
            Format::Xlsx => SheetWriter::Xlsx(Box::new(XlsxWriter::new(out, name, headers)?)),
        })
    }

    pub fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        match self {
            SheetWriter::Csv(w) => w.row(cells),
            SheetWriter::Xlsx(w) => w.row(cells),
        }
    }

    /// Ends the sheet and answers the destination, everything written to it.
    pub fn finish(self) -> io::Result<W> {
        match self {
            SheetWriter::Csv(w) => w.finish(),
            SheetWriter::Xlsx(w) => w.finish(),
        }
    }
}

/// The first characters that make a spreadsheet evaluate a cell (and their full-width forms,
/// which some input methods type).
const FORMULA_START: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];
/// Characters that end a cell or a row in some reader unless the field is quoted (`;` is the
/// list separator of Excel in the Vietnamese locale).
const NEEDS_QUOTES: [char; 6] = [',', ';', '\t', '"', '\n', '\r'];

/// One CSV text field: as it is when harmless, else quoted, with a leading apostrophe when a
/// spreadsheet would run it as a formula (free-text answers come from the public; OWASP's rule).
fn csv_field(out: &mut Vec<u8>, s: &str) {
    let formula = s.starts_with(FORMULA_START);
    if !formula && !s.contains(NEEDS_QUOTES) {
        out.extend_from_slice(s.as_bytes());
        return;
    }
    out.push(b'"');
    if formula {
        out.push(b'\'');
    }
    out.extend_from_slice(s.replace('"', "\"\"").as_bytes());
    out.push(b'"');
}

/// CSV, one line per row, CRLF line ends (RFC 4180).
pub struct CsvWriter<W: Write> {
    out: W,
    /// The line being encoded, reused from row to row.
    line: Vec<u8>,
}

impl<W: Write> CsvWriter<W> {
    pub fn new(mut out: W, headers: &[String]) -> io::Result<Self> {
        out.write_all("\u{feff}".as_bytes())?;
        let mut w = CsvWriter { out, line: Vec::new() };
        let header: Vec<Cell> = headers.iter().cloned().map(Cell::Text).collect();
        w.row(&header)?;
        Ok(w)
    }

    pub fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        self.line.clear();
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.line.push(b',');
            }
            match cell {
                Cell::Text(s) => csv_field(&mut self.line, s),
                Cell::Number(n) => self.line.extend_from_slice(n.to_string().as_bytes()),
            }
        }
        self.line.extend_from_slice(b"\r\n");
        self.out.write_all(&self.line)
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// XLSX: the fixed parts first, then the worksheet's rows deflated as they come.
pub struct XlsxWriter<W: Write + Seek> {
    zip: ZipWriter<W>,
    /// The 1-based number of the next row (the header is row 1).
    next: usize,
    /// The row being encoded, reused from row to row.
    xml: String,
}

fn zip_error(e: zip::result::ZipError) -> io::Error {
    match e {
        zip::result::ZipError::Io(e) => e,
        e => io::Error::other(e),
    }
}

impl<W: Write + Seek> XlsxWriter<W> {
    pub fn new(out: W, name: &str, headers: &[String]) -> io::Result<Self> {
        let mut zip = ZipWriter::new(out);
        let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
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
        ];
        for (path, content) in parts {
            zip.start_file(path, options).map_err(zip_error)?;
            zip.write_all(content.as_bytes())?;
        }
        // A sheet of a million rows passes 4 GB uncompressed: ZIP64 from the start.
        zip.start_file("xl/worksheets/sheet1.xml", options.large_file(true)).map_err(zip_error)?;
        zip.write_all(
            format!(
                r#"{XML}<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>"#
            )
            .as_bytes(),
        )?;
        let mut w = XlsxWriter { zip, next: 1, xml: String::new() };
        let header: Vec<Cell> = headers.iter().cloned().map(Cell::Text).collect();
        w.row(&header)?;
        Ok(w)
    }

    pub fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        use std::fmt::Write as _;
        let r = self.next;
        self.next += 1;
        self.xml.clear();
        let _ = write!(self.xml, r#"<row r="{r}">"#);
        let style = if r == 1 { r#" s="1""# } else { "" };
        for (c, cell) in cells.iter().enumerate() {
            match cell {
                Cell::Text(s) if s.is_empty() => {}
                Cell::Text(s) => {
                    let _ = write!(
                        self.xml,
                        r#"<c r="{}{r}"{style} t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                        column_name(c),
                        escape(s)
                    );
                }
                Cell::Number(n) => {
                    let _ = write!(self.xml, r#"<c r="{}{r}"{style}><v>{n}</v></c>"#, column_name(c));
                }
            }
        }
        self.xml.push_str("</row>");
        self.zip.write_all(self.xml.as_bytes())
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.zip.write_all(b"</sheetData></worksheet>")?;
        let mut out = self.zip.finish().map_err(zip_error)?;
        out.flush()?;
        Ok(out)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    fn write(format: Format, rows: &[Vec<Cell>]) -> Vec<u8> {
        let headers = vec!["Mã".to_owned(), "Góp ý".to_owned()];
        let mut w = SheetWriter::new(format, Cursor::new(Vec::new()), "Phản hồi", &headers).unwrap();
        for row in rows {
            w.row(row).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn sample() -> Vec<Vec<Cell>> {
        vec![
            vec![Cell::Number(4), Cell::Text("=1+1 <b>&\u{1}".into())],
            vec![Cell::Number(-2), Cell::Text(String::new())],
        ]
    }

    #[test]
    fn column_names_go_past_z() {
        let names: Vec<String> = [0, 25, 26, 27, 51, 52, 701, 702].into_iter().map(column_name).collect();
        assert_eq!(names, ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn csv_has_a_bom_crlf_lines_and_defuses_formulas_and_separators() {
        let mut rows = sample();
        rows.push(vec![Cell::Text("x;=1+1".into()), Cell::Text("nói \"hay\"".into())]);
        rows.push(vec![Cell::Text("＝SUM(A1)".into()), Cell::Text("UBND xã Cam Lập".into())]);
        let csv = String::from_utf8(write(Format::Csv, &rows)).unwrap();
        assert_eq!(
            csv,
            "\u{FEFF}Mã,Góp ý\r\n4,\"'=1+1 <b>&\u{1}\"\r\n-2,\r\n\"x;=1+1\",\"nói \"\"hay\"\"\"\r\n\"'＝SUM(A1)\",UBND xã Cam Lập\r\n"
        );
    }

    #[test]
    fn xlsx_is_a_zip_of_the_ooxml_parts_with_escaped_inline_strings() {
        let bytes = write(Format::Xlsx, &sample());
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
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
        assert!(sheet.ends_with("</sheetData></worksheet>"));
    }

    /// A writer that keeps only how much it was given, and the largest write: what a row costs.
    #[derive(Default)]
    struct Meter {
        len: u64,
        pos: u64,
        largest: usize,
    }

    impl Write for Meter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.largest = self.largest.max(buf.len());
            self.pos += buf.len() as u64;
            self.len = self.len.max(self.pos);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Seek for Meter {
        fn seek(&mut self, to: io::SeekFrom) -> io::Result<u64> {
            self.pos = match to {
                io::SeekFrom::Start(p) => p,
                io::SeekFrom::End(d) => self.len.saturating_add_signed(d),
                io::SeekFrom::Current(d) => self.pos.saturating_add_signed(d),
            };
            Ok(self.pos)
        }
    }

    #[test]
    fn rows_go_out_as_they_come_whatever_the_number_of_rows() {
        // 20,000 rows never reach the destination in one piece larger than a deflate block.
        for format in [Format::Csv, Format::Xlsx] {
            let headers: Vec<String> = (0..30).map(|i| format!("c{i}")).collect();
            let mut w = SheetWriter::new(format, Meter::default(), "x", &headers).unwrap();
            let row: Vec<Cell> =
                (0..30).map(|i| if i % 2 == 0 { Cell::Number(i) } else { Cell::Text("hài lòng".into()) }).collect();
            for _ in 0..20_000 {
                w.row(&row).unwrap();
            }
            let meter = w.finish().unwrap();
            assert!(meter.len > 100_000, "{format:?}: {} bytes", meter.len);
            assert!(meter.largest < 1 << 20, "{format:?}: a write of {} bytes", meter.largest);
        }
    }
}
