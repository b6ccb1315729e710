//! The one CSV writer of the project: every CSV a person downloads (open data, exports, call
//! sheets) is written here, so that none can carry a formula into a spreadsheet.
//!
//! Text is neutralised as OWASP recommends for CSV injection: a field that a spreadsheet would
//! read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return, or their
//! full-width forms, which some input methods type) gets a leading apostrophe, and is quoted.
//! A field is also quoted whenever it holds a separator of any locale (`,` and `;`: Excel in
//! the Vietnamese locale splits on `;`, and a tab), a quote or a line break, so `x;=1+1` stays one cell
//! and never becomes a formula in the next one. Numbers are written as they are (a negative
//! figure stays a number); the type [`Number`] admits only what `Display` writes as digits.
//!
//! The output is UTF-8 with a byte-order mark (Excel then reads the Vietnamese right) and CRLF
//! line ends (RFC 4180).

use std::fmt::Display;

/// The first characters that make a spreadsheet evaluate a cell.
const FORMULA_START: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];
/// Characters that end a cell or a row in some reader (tab: text pasted or opened as TSV)
/// unless the field is quoted.
const NEEDS_QUOTES: [char; 6] = [',', ';', '\t', '"', '\n', '\r'];

/// Numeric types written as they are: their `Display` holds only digits, `-`, `.`, `e`, `inf`
/// or `NaN`, never a formula.
pub trait Number: Display + Copy {}
impl Number for i64 {}
impl Number for i32 {}
impl Number for u64 {}
impl Number for u32 {}
impl Number for usize {}
impl Number for f64 {}

/// A CSV document being written, one row at a time.
#[derive(Debug, Clone)]
pub struct Csv {
    out: String,
    /// Whether the current row has a field yet (a separator goes before every later one).
    open_row: bool,
}

impl Default for Csv {
    fn default() -> Self {
        Self::new()
    }
}

impl Csv {
    /// An empty document (only the byte-order mark).
    pub fn new() -> Self {
        Self { out: String::from("\u{feff}"), open_row: false }
    }

    /// A later piece of a document written in pieces (an export, step by step): no byte-order
    /// mark, which only the first piece carries.
    pub fn continuing() -> Self {
        Self { out: String::new(), open_row: false }
    }

    fn separate(&mut self) {
        if self.open_row {
            self.out.push(',');
        }
        self.open_row = true;
    }

    /// A text field, neutralised and quoted as needed.
    pub fn text(&mut self, s: &str) -> &mut Self {
        self.separate();
        push_text(&mut self.out, s);
        self
    }

    /// A number, written as it is.
    pub fn number<N: Number>(&mut self, n: N) -> &mut Self {
        self.separate();
        std::fmt::Write::write_fmt(&mut self.out, format_args!("{n}")).expect("writing to a String cannot fail");
        self
    }

    /// A number or, for `None`, an empty field.
    pub fn opt_number<N: Number>(&mut self, n: Option<N>) -> &mut Self {
        match n {
            Some(n) => self.number(n),
            None => self.text(""),
        }
    }

    /// Ends the current row (an empty row if it had no field).
    pub fn end_row(&mut self) -> &mut Self {
        self.out.push_str("\r\n");
        self.open_row = false;
        self
    }

    /// A whole row of text fields.
    pub fn text_row<I>(&mut self, fields: I) -> &mut Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        for f in fields {
            self.text(f.as_ref());
        }
        self.end_row()
    }

    /// The document; a row not ended yet is ended.
    pub fn finish(mut self) -> String {
        if self.open_row {
            self.end_row();
        }
        self.out
    }
}

/// One text field as it is written: `s` itself when it is harmless, else quoted (and prefixed with
/// an apostrophe when a spreadsheet would evaluate it).
pub fn field(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_text(&mut out, s);
    out
}

fn push_text(out: &mut String, s: &str) {
    let formula = s.starts_with(FORMULA_START);
    if !formula && !s.contains(NEEDS_QUOTES) {
        out.push_str(s);
        return;
    }
    out.push('"');
    if formula {
        out.push('\'');
    }
    for c in s.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_document_in_pieces_reads_as_one() {
        let mut whole = Csv::new();
        whole.text_row(["a", "=b"]).number(1).text("x;y").end_row();
        let mut first = Csv::new();
        first.text_row(["a", "=b"]);
        let mut rest = Csv::continuing();
        rest.number(1).text("x;y");
        assert_eq!(first.finish() + &rest.finish(), whole.finish());
    }

    #[test]
    fn harmless_text_is_written_as_it_is() {
        assert_eq!(field("UBND xã Cam Lập"), "UBND xã Cam Lập");
        assert_eq!(field(""), "");
        assert_eq!(field("50.000 đồng"), "50.000 đồng");
    }

    #[test]
    fn formulas_are_neutralised_and_quoted() {
        assert_eq!(field("=1+1"), "\"'=1+1\"");
        assert_eq!(field("+84 905"), "\"'+84 905\"");
        assert_eq!(field("-2"), "\"'-2\"");
        assert_eq!(field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(field("\tx"), "\"'\tx\"");
        assert_eq!(field("\r=x"), "\"'\r=x\"");
        assert_eq!(field("＝1+1"), "\"'＝1+1\"");
        assert_eq!(field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    }

    #[test]
    fn separators_of_every_locale_are_quoted() {
        // Excel with `;` as list separator would otherwise split this into `x` and a formula.
        assert_eq!(field("x;=1+1"), "\"x;=1+1\"");
        assert_eq!(field("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(field("dòng 1\ndòng 2"), "\"dòng 1\ndòng 2\"");
    }

    #[test]
    fn a_document_has_a_bom_crlf_rows_and_raw_numbers() {
        let mut csv = Csv::new();
        csv.text_row(["code", "n", "index"]);
        csv.text("ubnd-cam-nghia").number(42_i64).number(-1.5_f64).end_row();
        csv.text("=x").opt_number::<f64>(None).number(0_u32);
        assert_eq!(csv.finish(), "\u{feff}code,n,index\r\nubnd-cam-nghia,42,-1.5\r\n\"'=x\",,0\r\n");
    }

    /// Splits one CSV line as a spreadsheet would, with `sep` as the list separator.
    fn split(line: &str, sep: char) -> Vec<String> {
        let (mut cells, mut cell, mut quoted, mut chars) = (Vec::new(), String::new(), false, line.chars().peekable());
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = !quoted,
                c if c == sep && !quoted => cells.push(std::mem::take(&mut cell)),
                c => cell.push(c),
            }
        }
        cells.push(cell);
        cells
    }

    proptest! {
        #[test]
        fn every_text_reads_back_as_one_cell_that_is_no_formula(
            s in "[=+@;,\"\\-\\ta-zà-ỹ0-9 ]{0,12}", sep in prop::sample::select(vec![',', ';', '\t'])
        ) {
            let mut csv = Csv::new();
            csv.text(&s).text("next");
            let doc = csv.finish();
            let line = doc.trim_start_matches('\u{feff}').trim_end_matches("\r\n");
            let cells = split(line, sep);
            // A reader with another list separator may see one cell (`a,next`), never more.
            let most = if sep == ',' { 2 } else { 1 };
            prop_assert!(cells.len() == most, "{:?} split into {:?}", line, cells);
            for cell in &cells {
                prop_assert!(!cell.starts_with(FORMULA_START), "{cell:?} of {line:?} is a formula");
            }
            if sep == ',' {
                let expected = if s.starts_with(FORMULA_START) { format!("'{s}") } else { s.clone() };
                prop_assert_eq!(&cells[0], &expected);
            }
        }
    }
}
