//! What a poster prints, laid out on one page: the issuing authority and the heading in a band,
//! the unit, the campaign and its period, the QR code of the unit's signed link, the link in
//! letters, the publicity notice (the wording of `seeds/004_*`, signed by the authority) and the
//! printed poster code. Laid out on A4 in points; A5 is the same page scaled by 1/√2.

use crate::pdf::{self, Colour, Page, Paper, Weight};
use hailong_domain::Campaign;
use qrcode::{Color, EcLevel, QrCode};

/// Poster wording (Vietnamese, the language of every poster), kept together.
const HEADING: &str = "KHẢO SÁT MỨC ĐỘ HÀI LÒNG";
const SCAN: &str = "Quét mã QR bằng điện thoại để trả lời phiếu khảo sát";
const PERIOD: &str = "Thời gian khảo sát";
const NOTICE_TITLE: &str = "THÔNG BÁO";
/// Who speaks in the notice of a campaign stored before its authority was recorded.
const UNNAMED_AUTHORITY: &str = "Cơ quan tổ chức khảo sát";
const CLOSING: &str = "Trân trọng thông báo./.";
const CODE_LABEL: &str = "Mã áp phích";

/// The notice of the province's publicity plan (`seeds/004_*`), for one unit's QR survey.
fn notice(authority: &str, unit: &str, opens: &str, closes: &str) -> [String; 2] {
    [
        format!(
            "Để có cơ sở đánh giá mức độ hài lòng của tổ chức, cá nhân đối với sự phục vụ của các cơ quan, đơn vị, \
             giúp các cơ quan, đơn vị có cái nhìn khách quan trong quá trình phục vụ, từ đó có giải pháp nâng cao \
             chất lượng, phục vụ người dân, tổ chức, doanh nghiệp ngày càng tốt hơn, {authority} tổ chức khảo sát \
             lấy ý kiến mức độ hài lòng của người dân, tổ chức, doanh nghiệp đối với {unit} từ ngày {opens} đến \
             ngày {closes}."
        ),
        format!(
            "{authority} đề nghị cá nhân, tổ chức, doanh nghiệp vui lòng dành ít phút trả lời phiếu khảo sát. Phiếu \
             không hỏi họ tên hay số điện thoại; các thông tin sẽ được bảo mật và không ảnh hưởng đến việc giải quyết \
             công việc của Ông/Bà. Qua khảo sát sẽ tiếp thu góp ý, đánh giá chất lượng phục vụ của các cơ quan, đơn \
             vị, từ đó khắc phục thiếu sót và làm cho người dân, tổ chức, doanh nghiệp hài lòng hơn."
        ),
    ]
}

/// The layout's page: A4 in points.
const WIDTH: f32 = 595.0;
const MARGIN: f32 = 40.0;
/// The QR code's side: 9 cm where the texts leave room, never under 5 cm (a phone reads a
/// module of 1.3 mm from arm's length).
const QR_MAX: f32 = 255.0;
const QR_MIN: f32 = 142.0;
/// The baseline of the printed poster code, and the lowest the notice may reach above it.
const FOOTER: f32 = 822.0;
const BOTTOM: f32 = FOOTER - 16.0;
const BAND: Colour = Colour(0.043, 0.325, 0.58);
const GREY: Colour = Colour(0.33, 0.33, 0.33);

/// One unit's poster.
pub struct Poster<'a> {
    pub campaign: &'a Campaign,
    pub unit_name: &'a str,
    /// The signed link the QR code carries.
    pub link: &'a str,
    /// The poster code printed under it (`1-7KQ2M9XDPT`).
    pub code: &'a str,
}

impl Poster<'_> {
    pub fn page(&self, paper: Paper) -> Page {
        self.draw(paper).0
    }

    /// The page and the baseline of its last line of notice, which stays above the footer: the
    /// QR code takes what room the texts leave, between [`QR_MIN`] and [`QR_MAX`].
    fn draw(&self, paper: Paper) -> (Page, f32) {
        let mut page = Page::new(paper, paper.width / WIDTH);
        let centre = WIDTH / 2.0;
        let text_width = WIDTH - 2.0 * MARGIN;
        let authority = self.campaign.authority.as_ref().map(|a| a.as_str());
        let (opens, closes) = (self.campaign.opens.to_vietnamese(), self.campaign.closes.to_vietnamese());
        let wrapped = |text: &str, size: f32, width: f32| pdf::wrap(text, size, width);
        let authority_lines = authority.map(|a| wrapped(a, 14.0, text_width)).unwrap_or_default();
        let unit_lines = wrapped(self.unit_name, 24.0, text_width);
        let title_lines = wrapped(&self.campaign.title, 13.0, text_width);
        let speaker = authority.unwrap_or(UNNAMED_AUTHORITY);
        let notice = notice(speaker, self.unit_name, &opens, &closes).map(|p| wrapped(&p, 9.5, text_width));
        let signature = authority.map(|a| wrapped(a, 10.0, text_width / 2.0)).unwrap_or_default();

        let band = 30.0 + 18.0 * authority_lines.len() as f32 + 36.0;
        page.fill_rect(0.0, 0.0, WIDTH, band, BAND);
        let mut y = 34.0;
        for line in &authority_lines {
            page.centred(centre, y, 14.0, Weight::Bold, Colour::WHITE, line);
            y += 18.0;
        }
        page.centred(centre, y + 14.0, 22.0, Weight::Bold, Colour::WHITE, HEADING);

        y = band + 38.0;
        for line in &unit_lines {
            page.centred(centre, y, 24.0, Weight::Bold, Colour::BLACK, line);
            y += 29.0;
        }
        y += 2.0;
        for line in &title_lines {
            page.centred(centre, y, 13.0, Weight::Regular, Colour::BLACK, line);
            y += 17.0;
        }
        page.centred(centre, y + 4.0, 13.0, Weight::Bold, Colour::BLACK, &format!("{PERIOD}: {opens} – {closes}"));

        let notice_lines: usize = notice.iter().map(Vec::len).sum();
        let below_qr =
            44.0 + 17.0 + 12.5 * notice_lines as f32 + 3.0 * notice.len() as f32 + 13.0 * signature.len() as f32;
        let qr_top = y + 16.0;
        let side = (BOTTOM - qr_top - below_qr).clamp(QR_MIN, QR_MAX);
        page.fill_black(qr_modules(self.link, (WIDTH - side) / 2.0, qr_top, side));
        y = qr_top + side + 18.0;
        page.centred(centre, y, 14.0, Weight::Bold, Colour::BLACK, SCAN);
        let readable = self.link.split_once("://").map_or(self.link, |(_, rest)| rest);
        let readable = readable.split('?').next().unwrap_or(readable);
        page.centred(centre, y + 18.0, 12.0, Weight::Regular, Colour::BLACK, readable);

        y += 44.0;
        page.centred(centre, y, 12.0, Weight::Bold, Colour::BLACK, NOTICE_TITLE);
        y += 17.0;
        for paragraph in &notice {
            for line in paragraph {
                page.text(MARGIN, y, 9.5, Weight::Regular, Colour::BLACK, line);
                y += 12.5;
            }
            y += 3.0;
        }
        page.text(MARGIN, y, 9.5, Weight::Regular, Colour::BLACK, CLOSING);
        for line in &signature {
            y += 13.0;
            page.right(WIDTH - MARGIN, y, 10.0, Weight::Bold, Colour::BLACK, line);
        }
        page.right(WIDTH - MARGIN, FOOTER, 8.0, Weight::Regular, GREY, &format!("{CODE_LABEL}: {}", self.code));
        (page, y)
    }
}

/// The QR code's dark modules as rectangles (a run of a row's modules is one), in a square of
/// side `side` at (`x`, `top`) that includes the four-module quiet zone.
fn qr_modules(link: &str, x: f32, top: f32, side: f32) -> Vec<(f32, f32, f32, f32)> {
    let code = QrCode::with_error_correction_level(link.as_bytes(), EcLevel::M).expect("a link fits in a QR code");
    let width = code.width();
    let module = side / (width + 8) as f32;
    let colors = code.to_colors();
    let mut rects = Vec::new();
    for (row, line) in colors.chunks(width).enumerate() {
        let mut col = 0;
        while col < width {
            if line[col] != Color::Dark {
                col += 1;
                continue;
            }
            let start = col;
            while col < width && line[col] == Color::Dark {
                col += 1;
            }
            let left = x + (start + 4) as f32 * module;
            rects.push((left, top + (row + 4) as f32 * module, (col - start) as f32 * module, module));
        }
    }
    rects
}

#[cfg(test)]
mod tests {
    use super::*;
    use hailong_domain::{Authority, CampaignId, CampaignStatus, Date, TargetRule};

    fn campaign(authority: Option<&str>, title: &str) -> Campaign {
        Campaign {
            id: CampaignId::parse("kh-2026").unwrap(),
            title: title.into(),
            authority: authority.map(|a| Authority::parse(a).unwrap()),
            status: CampaignStatus::Open,
            questionnaires: Default::default(),
            units: vec![],
            opens: Date::new(2026, 8, 9).unwrap(),
            closes: Date::new(2026, 10, 31).unwrap(),
            target_pct: 90.0,
            target_rule: TargetRule::Above,
            min_responses: 30,
        }
    }

    #[test]
    fn the_longest_names_still_end_above_the_footer() {
        let link = "https://khaosat.khanhhoa.gov.vn/s/kh-2026/tram-y-te-xa-cam-hai-dong?p=12-ABCDEFGHJK";
        let long = "Ủy ban nhân dân tỉnh Khánh Hòa, Sở Nội vụ tỉnh Khánh Hòa, Ban Quản lý Khu kinh tế Vân Phong và";
        let title = "Khảo sát, đánh giá mức độ hài lòng của tổ chức, cá nhân đối với sự phục vụ của các cơ quan hành chính \
                     nhà nước, các đơn vị sự nghiệp công lập y tế, giáo dục và đào tạo trên địa bàn tỉnh Khánh Hòa năm 2026";
        let unit = "Trung tâm Phục vụ hành chính công và Trạm Y tế xã Cam Hải Đông, thành phố Cam Ranh";
        for authority in [None, Some("Sở Nội vụ tỉnh Khánh Hòa"), Some(long)] {
            let c = campaign(authority, title);
            let (_, bottom) = Poster { campaign: &c, unit_name: unit, link, code: "12-ABCDEFGHJK" }.draw(Paper::A4);
            assert!(bottom <= BOTTOM, "{authority:?}: the notice ends at {bottom}");
        }
    }

    #[test]
    fn a_row_of_dark_modules_is_one_rectangle_inside_the_quiet_zone() {
        let rects = qr_modules("http://127.0.0.1:8080/s/cam-ranh/tyt-1?p=1-ABCDEFGHJK", 0.0, 0.0, 100.0);
        let module = rects.iter().map(|r| r.3).next().unwrap();
        // A finder pattern's top row is 7 dark modules in a row, one rectangle.
        assert!(rects.iter().any(|r| (r.2 - 7.0 * module).abs() < 1e-3));
        assert!(rects.iter().all(|r| r.0 >= 4.0 * module - 1e-3 && r.0 + r.2 <= 100.0 - 4.0 * module + 1e-3));
    }
}
