//! The CSV files staff upload (unit registers, customer lists), as spreadsheets save them: UTF-8
//! with or without a byte-order mark, headers in any case. A problem with the file itself is
//! reported as row 1, like the header's.

use hailong_domain::api::RowError;

/// A CSV reader past its header, and the header's names in lower case.
pub fn open(data: &[u8]) -> Result<(csv::Reader<&[u8]>, Vec<String>), RowError> {
    if data.starts_with(b"\xFF\xFE") || data.starts_with(b"\xFE\xFF") {
        return Err(header_problem("the file is UTF-16: save it as \"CSV UTF-8\""));
    }
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(data);
    let headers = match reader.headers() {
        Ok(h) => h.iter().map(str::to_lowercase).collect(),
        Err(e) => return Err(header_problem(&format!("unreadable header (the file must be CSV in UTF-8): {e}"))),
    };
    Ok((reader, headers))
}

/// The position of the first column named any of `names`.
pub fn column(headers: &[String], names: &[&str]) -> Option<usize> {
    headers.iter().position(|h| names.contains(&h.as_str()))
}

pub fn header_problem(message: &str) -> RowError {
    RowError { row: 1, message: message.to_owned() }
}
