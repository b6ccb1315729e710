//! Print-ready PDF pages drawn from text lines and filled rectangles, in one embedded font:
//! DejaVu Sans cut down to Latin and Vietnamese (`fonts/`, about 38 KB), so that every
//! diacritic prints as written on any printer, and a ToUnicode map, so that the text can be
//! searched, copied and read by a screen reader. Bold is the regular outline filled and stroked.

use flate2::{Compression, write::ZlibEncoder};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};
use std::collections::BTreeMap;
use std::io::Write;
use ttf_parser::{Face, GlyphId};

/// DejaVu Sans (Bitstream Vera licence, `fonts/LICENSE-DejaVu.txt`), subset with
/// `pyftsubset DejaVuSans.ttf --unicodes=U+0020-007E,U+00A0-00FF,U+0100-017F,U+01A0-01B0,U+0300-0323,U+1EA0-1EF9,U+2013-2014,U+2018-201D,U+2022,U+2026,U+2248,U+2264-2265 --no-hinting --drop-tables+=GSUB,GPOS,GDEF,kern,FFTM --name-IDs='*'`.
const FONT: &[u8] = include_bytes!("../fonts/DejaVuSans-vi.ttf");
const FONT_NAME: Name<'static> = Name(b"F1");
/// A subset font's PostScript name carries a six-letter tag (PDF 32000, 9.6.4).
const BASE_FONT: Name<'static> = Name(b"HLVIET+DejaVuSans");

/// Paper, in points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paper {
    pub width: f32,
    pub height: f32,
}

impl Paper {
    pub const A4: Paper = Paper { width: 595.0, height: 842.0 };
    pub const A5: Paper = Paper { width: 420.0, height: 595.0 };
}

/// Regular or bold text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// An RGB colour, each channel 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colour(pub f32, pub f32, pub f32);

impl Colour {
    pub const BLACK: Colour = Colour(0.0, 0.0, 0.0);
    pub const WHITE: Colour = Colour(1.0, 1.0, 1.0);
}

/// The embedded font, parsed once: every width measured and every page written reads it.
fn face() -> &'static Face<'static> {
    static FACE: std::sync::OnceLock<Face<'static>> = std::sync::OnceLock::new();
    FACE.get_or_init(|| Face::parse(FONT, 0).expect("the embedded font parses"))
}

/// The advance of `text` at `size` points.
pub fn width(text: &str, size: f32) -> f32 {
    let face = face();
    let units: u32 = text.chars().map(|c| u32::from(advance(face, glyph(face, c)))).sum();
    units as f32 * size / f32::from(face.units_per_em())
}

fn glyph(face: &Face, c: char) -> GlyphId {
    // A character the subset lacks prints as the empty box of glyph 0, never as another letter.
    face.glyph_index(c).unwrap_or(GlyphId(0))
}

fn advance(face: &Face, g: GlyphId) -> u16 {
    face.glyph_hor_advance(g).unwrap_or(0)
}

/// Breaks `text` into lines no wider than `max` points at `size`, at spaces.
pub fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("one line at least");
        let longer = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if !line.is_empty() && width(&longer, size) > max {
            lines.push(word.to_owned());
        } else {
            *line = longer;
        }
    }
    lines
}

/// One page being drawn, with the origin at the top left and y growing downwards, as a layout
/// reads; `scale` maps the layout's units onto the paper.
pub struct Page {
    paper: Paper,
    scale: f32,
    content: Content,
    face: &'static Face<'static>,
    /// Every glyph drawn and the character it stands for (the ToUnicode map).
    used: BTreeMap<u16, char>,
}

impl Page {
    pub fn new(paper: Paper, scale: f32) -> Page {
        Page { paper, scale, content: Content::new(), face: face(), used: BTreeMap::new() }
    }

    /// PDF's y (from the bottom, in points) of a layout y.
    fn y(&self, top: f32) -> f32 {
        self.paper.height - top * self.scale
    }

    pub fn fill_rect(&mut self, x: f32, top: f32, w: f32, h: f32, colour: Colour) {
        let s = self.scale;
        let y = self.y(top + h);
        self.content.set_fill_rgb(colour.0, colour.1, colour.2);
        self.content.rect(x * s, y, w * s, h * s).fill_nonzero();
    }

    /// Many black rectangles filled at once (a QR code's modules), each (x, top, w, h).
    pub fn fill_black(&mut self, rects: impl IntoIterator<Item = (f32, f32, f32, f32)>) {
        let s = self.scale;
        self.content.set_fill_gray(0.0);
        for (x, top, w, h) in rects {
            let y = self.y(top + h);
            self.content.rect(x * s, y, w * s, h * s);
        }
        self.content.fill_nonzero();
    }

    /// One line of text with its baseline at `top`, starting at `x`.
    pub fn text(&mut self, x: f32, top: f32, size: f32, weight: Weight, colour: Colour, text: &str) {
        let mut shown = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let g = glyph(self.face, c);
            self.used.entry(g.0).or_insert(c);
            shown.extend_from_slice(&g.0.to_be_bytes());
        }
        let s = self.scale;
        let y = self.y(top);
        let c = &mut self.content;
        c.set_fill_rgb(colour.0, colour.1, colour.2);
        if weight == Weight::Bold {
            c.set_stroke_rgb(colour.0, colour.1, colour.2);
            c.set_line_width(size * s * 0.035);
        }
        c.begin_text();
        c.set_font(FONT_NAME, size * s);
        c.set_text_rendering_mode(match weight {
            Weight::Regular => TextRenderingMode::Fill,
            Weight::Bold => TextRenderingMode::FillStroke,
        });
        c.next_line(x * s, y);
        c.show(Str(&shown));
        c.end_text();
    }

    /// One line centred on `centre`.
    pub fn centred(&mut self, centre: f32, top: f32, size: f32, weight: Weight, colour: Colour, line: &str) {
        self.text(centre - width(line, size) / 2.0, top, size, weight, colour, line);
    }

    /// One line ending at `right`.
    pub fn right(&mut self, right: f32, top: f32, size: f32, weight: Weight, colour: Colour, line: &str) {
        self.text(right - width(line, size), top, size, weight, colour, line);
    }
}

/// Pages into one PDF file, sharing the one embedded font.
pub fn document(title: &str, pages: Vec<Page>) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut id = || {
        next += 1;
        Ref::new(next - 1)
    };
    let (catalog, tree, info) = (id(), id(), id());
    let (type0, cid, descriptor, file, to_unicode) = (id(), id(), id(), id(), id());
    let ids: Vec<(Ref, Ref)> = pages.iter().map(|_| (id(), id())).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.document_info(info).title(pdf_writer::TextStr(title)).producer(pdf_writer::TextStr("hailong"));
    pdf.pages(tree).kids(ids.iter().map(|(page, _)| *page)).count(ids.len() as i32);

    let mut used = BTreeMap::new();
    for (page, (page_id, content_id)) in pages.into_iter().zip(&ids) {
        let mut writer = pdf.page(*page_id);
        writer.parent(tree).media_box(Rect::new(0.0, 0.0, page.paper.width, page.paper.height));
        writer.contents(*content_id);
        writer.resources().fonts().pair(FONT_NAME, type0);
        writer.finish();
        let content = deflate(&page.content.finish());
        pdf.stream(*content_id, &content).filter(Filter::FlateDecode);
        used.extend(page.used);
    }
    embed_font(&mut pdf, [type0, cid, descriptor, file, to_unicode], &used);
    pdf.finish()
}

/// The font as a CID-keyed TrueType font with glyph ids as character codes (Identity-H), the
/// widths of the glyphs drawn, and the map back to Unicode.
fn embed_font(pdf: &mut Pdf, [type0, cid, descriptor, file, to_unicode]: [Ref; 5], used: &BTreeMap<u16, char>) {
    let face = face();
    let per_em = f32::from(face.units_per_em());
    let em = |v: i16| f32::from(v) * 1000.0 / per_em;
    let system = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
    pdf.type0_font(type0)
        .base_font(BASE_FONT)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(to_unicode);
    let mut font = pdf.cid_font(cid);
    font.subtype(CidFontType::Type2).base_font(BASE_FONT).system_info(system).font_descriptor(descriptor);
    font.cid_to_gid_map_predefined(Name(b"Identity"));
    let mut widths = font.widths();
    for &g in used.keys() {
        widths.consecutive(g, [f32::from(advance(face, GlyphId(g))) * 1000.0 / per_em]);
    }
    widths.finish();
    font.finish();
    let bbox = face.global_bounding_box();
    pdf.font_descriptor(descriptor)
        .name(BASE_FONT)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(em(bbox.x_min), em(bbox.y_min), em(bbox.x_max), em(bbox.y_max)))
        .italic_angle(0.0)
        .ascent(em(face.ascender()))
        .descent(em(face.descender()))
        .cap_height(em(face.capital_height().unwrap_or(face.ascender())))
        .stem_v(80.0)
        .font_file2(file);
    pdf.stream(file, &deflate(FONT)).filter(Filter::FlateDecode).pair(Name(b"Length1"), FONT.len() as i32);
    let mut cmap = UnicodeCmap::new(Name(b"Hailong-UTF16"), system);
    for (&g, &c) in used {
        cmap.pair(g, c);
    }
    pdf.cmap(to_unicode, &cmap.finish());
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
    z.write_all(bytes).expect("writing to memory");
    z.finish().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_has_every_vietnamese_letter() {
        let face = face();
        let letters = "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐơƠưƯăĂâÂêÊôÔ–“”≥";
        let missing: String = letters.chars().filter(|&c| face.glyph_index(c).is_none()).collect();
        assert!(missing.is_empty(), "missing glyphs: {missing}");
    }

    #[test]
    fn wrapping_keeps_lines_within_the_width() {
        let text = "Khảo sát mức độ hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước";
        let lines = wrap(text, 12.0, 150.0);
        assert!(lines.len() > 2 && lines.iter().all(|l| width(l, 12.0) <= 150.0), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        assert!(width("Mm", 10.0) > width("ii", 10.0));
    }
}
