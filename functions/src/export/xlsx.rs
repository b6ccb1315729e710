//! The XLSX of an export, written step by step in constant memory: the smallest OOXML package
//! Excel and LibreOffice open (one sheet of inline strings and numbers, header in bold and
//! frozen). The small parts are stored whole at the start; the sheet is one deflated entry whose
//! XML each step compresses with a compressor of its own, ending on a sync flush (non-final
//! blocks, byte-aligned), so the steps' pieces concatenate into one valid deflate stream; the
//! running CRC-32 and sizes go from step to step in the job, and the last step writes the final
//! block, the data descriptor and the central directory.

use super::zip::{self, DEFLATED, DESCRIBED_AFTER, Entry, STORED, TooLarge};
use crate::sheet::Cell;
use crate::store::ExportProgress;
use flate2::Compression;
use flate2::write::DeflateEncoder;
use std::fmt::Write as _;
use std::io::Write as _;

pub const SHEET_NAME: &str = "Phản hồi";
const SHEET: &str = "xl/worksheets/sheet1.xml";

const XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const DOC_RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
/// Style 0 is normal, style 1 bold (the header row).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;
const SHEET_END: &str = "</sheetData></worksheet>";

/// The parts before the sheet, with their contents.
fn parts() -> [(&'static str, String); 5] {
    [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        (
            "_rels/.rels",
            format!(
                r#"{XML}<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"{XML}<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
                escape(SHEET_NAME)
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"{XML}<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{DOC_RELS}/styles" Target="styles.xml"/></Relationships>"#
            ),
        ),
        ("xl/styles.xml", STYLES.to_owned()),
    ]
}

/// The stored entries of the fixed parts, with their bytes, and the sheet's entry so far (its
/// offset: the parts are always the same bytes, so the last step works it out again).
fn layout(progress: &ExportProgress) -> Result<(Vec<(Entry, String)>, Entry), TooLarge> {
    let mut offset = 0u32;
    let mut fixed = Vec::new();
    for (name, content) in parts() {
        let size = content.len() as u32;
        let entry = Entry {
            name,
            method: STORED,
            flags: 0,
            crc: crc32fast::hash(content.as_bytes()),
            packed: size,
            plain: size,
            offset,
        };
        offset += (zip::local_header_len(name) + content.len()) as u32;
        fixed.push((entry, content));
    }
    let sheet = Entry {
        name: SHEET,
        method: DEFLATED,
        flags: DESCRIBED_AFTER,
        crc: progress.crc,
        packed: zip::fits(progress.packed)?,
        plain: zip::fits(progress.plain)?,
        offset,
    };
    Ok((fixed, sheet))
}

/// The sheet's rows as the steps write them, deflated into `out` as they come.
pub struct SheetWriter {
    deflate: DeflateEncoder<Vec<u8>>,
    crc: crc32fast::Hasher,
    plain: u64,
    packed: u64,
}

impl SheetWriter {
    /// The first step's: the fixed parts and the sheet entry's header into `out`, then the
    /// sheet's start.
    pub fn start(headers: &[String], out: &mut Vec<u8>) -> SheetWriter {
        let (fixed, sheet) = layout(&ExportProgress::default()).expect("the fixed parts are small");
        for (entry, content) in &fixed {
            zip::local_header(entry, out);
            out.extend_from_slice(content.as_bytes());
        }
        zip::local_header(&sheet, out);
        let mut writer = SheetWriter::resume(&ExportProgress::default());
        let mut xml = format!(
            r#"{XML}<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>"#
        );
        let header: Vec<Cell> = headers.iter().cloned().map(Cell::Text).collect();
        row(&mut xml, 1, &header, true);
        writer.write(&xml, out);
        writer
    }

    /// A later step's, continuing the stream where the steps before left it.
    pub fn resume(progress: &ExportProgress) -> SheetWriter {
        SheetWriter {
            deflate: DeflateEncoder::new(Vec::new(), Compression::default()),
            crc: crc32fast::Hasher::new_with_initial(progress.crc),
            plain: progress.plain,
            packed: progress.packed,
        }
    }

    pub fn write(&mut self, xml: &str, out: &mut Vec<u8>) {
        self.crc.update(xml.as_bytes());
        self.plain += xml.len() as u64;
        self.deflate.write_all(xml.as_bytes()).expect("into memory");
        self.drain(out);
    }

    fn drain(&mut self, out: &mut Vec<u8>) {
        let compressed = self.deflate.get_mut();
        self.packed += compressed.len() as u64;
        out.append(compressed);
    }

    fn save(&self, progress: &mut ExportProgress) {
        progress.crc = self.crc.clone().finalize();
        progress.plain = self.plain;
        progress.packed = self.packed;
    }

    /// Ends this step's share on a byte boundary. (Dropped, the encoder writes a final block
    /// into its own buffer, which goes with it: the last step writes the stream's end.)
    pub fn pause(mut self, out: &mut Vec<u8>, progress: &mut ExportProgress) {
        self.deflate.flush().expect("into memory");
        self.drain(out);
        self.save(progress);
    }

    /// Ends the sheet and the file: the final block, the sheet's descriptor and the directory.
    pub fn finish(mut self, out: &mut Vec<u8>, progress: &mut ExportProgress) -> Result<(), TooLarge> {
        self.write(SHEET_END, out);
        let rest = self.deflate.finish().expect("into memory");
        self.packed += rest.len() as u64;
        out.extend_from_slice(&rest);
        progress.crc = self.crc.finalize();
        progress.plain = self.plain;
        progress.packed = self.packed;
        let (fixed, sheet) = layout(progress)?;
        zip::descriptor(&sheet, out);
        let at = u64::from(sheet.offset)
            + zip::local_header_len(SHEET) as u64
            + progress.packed
            + zip::DESCRIPTOR_LEN as u64;
        let entries: Vec<Entry> = fixed.into_iter().map(|(e, _)| e).chain([sheet]).collect();
        zip::directory(&entries, zip::fits(at)?, out)
    }
}

/// One row of the sheet (`r` from 1); the header's cells in bold. Empty text is left out.
pub fn row(xml: &mut String, r: u64, cells: &[Cell], header: bool) {
    let _ = write!(xml, r#"<row r="{r}">"#);
    let style = if header { r#" s="1""# } else { "" };
    for (c, cell) in cells.iter().enumerate() {
        let at = column_name(c);
        match cell {
            Cell::Text(s) if s.is_empty() => {}
            Cell::Text(s) => {
                let _ = write!(
                    xml,
                    r#"<c r="{at}{r}"{style} t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    escape(s)
                );
            }
            Cell::Number(n) => {
                let _ = write!(xml, r#"<c r="{at}{r}"{style}><v>{n}</v></c>"#);
            }
        }
    }
    xml.push_str("</row>");
}

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
    use std::io::Read;

    #[test]
    fn column_names_go_past_z() {
        let names: Vec<String> = [0, 25, 26, 27, 51, 52, 701, 702].into_iter().map(column_name).collect();
        assert_eq!(names, ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    /// A workbook written in three steps, each with its own compressor, as the job writes it.
    #[test]
    fn a_sheet_written_in_steps_opens_as_one_zip_with_escaped_inline_strings() {
        let mut out = Vec::new();
        let mut progress = ExportProgress::default();
        let mut first = SheetWriter::start(&["Mã".into(), "Góp ý".into()], &mut out);
        let mut xml = String::new();
        row(&mut xml, 2, &[Cell::Number(4), Cell::Text("=1+1 <b>&\u{1}".into())], false);
        first.write(&xml, &mut out);
        first.pause(&mut out, &mut progress);
        let second = SheetWriter::resume(&progress);
        second.pause(&mut out, &mut progress);
        let mut last = SheetWriter::resume(&progress);
        let mut xml = String::new();
        row(&mut xml, 3, &[Cell::Number(-2), Cell::Text(String::new())], false);
        last.write(&xml, &mut out);
        last.finish(&mut out, &mut progress).unwrap();

        let mut zip = ::zip::ZipArchive::new(std::io::Cursor::new(out)).unwrap();
        for (part, _) in parts() {
            assert!(zip.by_name(part).is_ok(), "{part}");
        }
        let mut sheet = String::new();
        zip.by_name(SHEET).unwrap().read_to_string(&mut sheet).unwrap();
        assert!(sheet.starts_with(XML) && sheet.ends_with(SHEET_END), "{sheet}");
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
        assert_eq!(progress.plain, sheet.len() as u64);
    }
}
