//! The little of the ZIP format (PKWARE APPNOTE 6.3) an XLSX export needs, written as it goes:
//! small entries stored whole, and one large entry whose data is written step by step and whose
//! CRC-32 and sizes follow it in a data descriptor (flag bit 3), then the central directory.
//! No ZIP64: an entry or archive past 4 GiB is refused ([`TooLarge`]).

/// 1980-01-01 00:00, the earliest DOS date: the export's time is in the job, not the archive.
const DOS_DATE: u16 = (1 << 5) | 1;
const VERSION: u16 = 20;
/// The sizes and CRC-32 follow the data (the entry is written before they are known).
pub const DESCRIBED_AFTER: u16 = 1 << 3;
pub const STORED: u16 = 0;
pub const DEFLATED: u16 = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: &'static str,
    pub method: u16,
    pub flags: u16,
    pub crc: u32,
    pub packed: u32,
    pub plain: u32,
    /// Where its local header starts.
    pub offset: u32,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the workbook would be {0} bytes, over the 4 GiB a ZIP without ZIP64 holds: export one unit at a time")]
pub struct TooLarge(pub u64);

pub fn fits(n: u64) -> Result<u32, TooLarge> {
    u32::try_from(n).map_err(|_| TooLarge(n))
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// The entry's local header; for a [`DESCRIBED_AFTER`] entry its CRC and sizes are zero.
pub fn local_header(e: &Entry, out: &mut Vec<u8>) {
    let later = e.flags & DESCRIBED_AFTER != 0;
    u32le(out, 0x0403_4b50);
    u16le(out, VERSION);
    u16le(out, e.flags);
    u16le(out, e.method);
    u16le(out, 0);
    u16le(out, DOS_DATE);
    for v in [e.crc, e.packed, e.plain] {
        u32le(out, if later { 0 } else { v });
    }
    u16le(out, e.name.len() as u16);
    u16le(out, 0);
    out.extend_from_slice(e.name.as_bytes());
}

pub fn local_header_len(name: &str) -> usize {
    30 + name.len()
}

pub fn descriptor(e: &Entry, out: &mut Vec<u8>) {
    u32le(out, 0x0807_4b50);
    for v in [e.crc, e.packed, e.plain] {
        u32le(out, v);
    }
}

pub const DESCRIPTOR_LEN: usize = 16;

/// The central directory of `entries` and its end record, the directory starting at `at`.
pub fn directory(entries: &[Entry], at: u32, out: &mut Vec<u8>) -> Result<(), TooLarge> {
    let start = out.len();
    for e in entries {
        u32le(out, 0x0201_4b50);
        u16le(out, VERSION);
        u16le(out, VERSION);
        u16le(out, e.flags);
        u16le(out, e.method);
        u16le(out, 0);
        u16le(out, DOS_DATE);
        for v in [e.crc, e.packed, e.plain] {
            u32le(out, v);
        }
        u16le(out, e.name.len() as u16);
        for _ in 0..4 {
            u16le(out, 0); // extra, comment, disk, internal attributes
        }
        u32le(out, 0); // external attributes
        u32le(out, e.offset);
        out.extend_from_slice(e.name.as_bytes());
    }
    let size = fits((out.len() - start) as u64)?;
    fits(u64::from(at) + u64::from(size))?;
    u32le(out, 0x0605_4b50);
    u16le(out, 0);
    u16le(out, 0);
    u16le(out, entries.len() as u16);
    u16le(out, entries.len() as u16);
    u32le(out, size);
    u32le(out, at);
    u16le(out, 0);
    Ok(())
}
