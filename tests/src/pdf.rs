//! A poster PDF read as a printer and a phone would: each page's paper size, the text it
//! carries (through its font's ToUnicode map, as copying or a screen reader gets it), and its QR
//! code, drawn from the rectangles the page's content fills and decoded from the pixels.

use lopdf::{Document, Object};

pub struct PdfPage {
    /// The media box, in points.
    pub width: f32,
    pub height: f32,
    pub text: String,
    /// What the page's QR code says.
    pub qr: String,
}

/// Every page of the file, which must parse as PDF.
pub fn read(bytes: &[u8]) -> Vec<PdfPage> {
    let doc = Document::load_mem(bytes).expect("the file parses as PDF");
    doc.get_pages()
        .into_iter()
        .map(|(number, id)| {
            let page = doc.get_dictionary(id).unwrap();
            let media: Vec<f32> =
                page.get(b"MediaBox").unwrap().as_array().unwrap().iter().map(|v| v.as_float().unwrap()).collect();
            let (width, height) = (media[2] - media[0], media[3] - media[1]);
            let text = doc.extract_text(&[number]).unwrap();
            let content = doc.get_and_decode_page_content(id).unwrap();
            let qr = decode_qr(&content.operations, width, height);
            PdfPage { width, height, text, qr }
        })
        .collect()
}

/// Pixels per point: a module of an A5 poster's QR code is about 10 pixels wide.
const SCALE: f32 = 3.0;

/// The page's filled rectangles painted in their grey (text is left out), then decoded.
fn decode_qr(operations: &[lopdf::content::Operation], width: f32, height: f32) -> String {
    let (w, h) = ((width * SCALE) as usize, (height * SCALE) as usize);
    let mut pixels = vec![255u8; w * h];
    let mut grey = 0u8;
    let mut path: Vec<[f32; 4]> = Vec::new();
    let number = |o: &Object| o.as_float().unwrap();
    for op in operations {
        let n: Vec<f32> = op.operands.iter().filter(|o| o.as_float().is_ok()).map(number).collect();
        match op.operator.as_str() {
            "g" => grey = (n[0] * 255.0) as u8,
            "rg" => grey = ((0.2126 * n[0] + 0.7152 * n[1] + 0.0722 * n[2]) * 255.0) as u8,
            "re" => path.push([n[0], n[1], n[2], n[3]]),
            "f" | "F" | "f*" => {
                for [x, y, rw, rh] in path.drain(..) {
                    // PDF's y grows upwards; the image's downwards.
                    let (x0, x1) = ((x * SCALE).round() as usize, ((x + rw) * SCALE).round() as usize);
                    let (top, bottom) = ((height - y - rh) * SCALE, (height - y) * SCALE);
                    for row in (top.round() as usize)..(bottom.round() as usize).min(h) {
                        pixels[row * w + x0.min(w)..row * w + x1.min(w)].fill(grey);
                    }
                }
            }
            "n" => path.clear(),
            _ => {}
        }
    }
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the page");
    grids[0].decode().unwrap().1
}
