//! Printable A4 posters: the unit's QR code (of its signed link), its name, the campaign and its
//! dates, a short readable link and the publicity notice (as in `seeds/004_*`).

use crate::auth::Caller;
use crate::context::Context;
use crate::error::ApiError;
use crate::posters::PosterState;
use hailong_domain::{Campaign, CampaignUnit};
use lambda_http::{Body, Response};
use qrcode::{Color, EcLevel, QrCode};
use std::fmt::Write;

/// Poster wording (Vietnamese, the language of every poster), kept together.
const HEADING: &str = "KHẢO SÁT MỨC ĐỘ HÀI LÒNG";
const SCAN: &str = "Quét mã QR bằng điện thoại để trả lời phiếu khảo sát";
const PERIOD: &str = "Thời gian khảo sát";
const NOTICE: &str = "Để có cơ sở đánh giá mức độ hài lòng của tổ chức, cá nhân đối với sự phục vụ của cơ quan, đơn vị, \
xin Ông/Bà vui lòng dành ít phút trả lời phiếu khảo sát. Phiếu không hỏi họ tên hay số điện thoại; các thông tin sẽ được \
bảo mật và không ảnh hưởng đến việc giải quyết công việc của Ông/Bà. Qua khảo sát, cơ quan, đơn vị tiếp thu góp ý, khắc \
phục thiếu sót để phục vụ người dân, tổ chức, doanh nghiệp ngày càng tốt hơn.";
const CODE_LABEL: &str = "Mã áp phích";

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Breaks text into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

fn text_block(svg: &mut String, lines: &[String], y: f64, size: f64, weight: &str) -> f64 {
    let mut y = y;
    for line in lines {
        let _ = write!(
            svg,
            r#"<text x="105" y="{y:.1}" font-size="{size}" font-weight="{weight}" text-anchor="middle">{}</text>"#,
            escape(line)
        );
        y += size * 1.3;
    }
    y
}

/// The QR code as one SVG path in module units, placed at (x, y) with a side of `side` mm.
fn qr_path(link: &str, x: f64, y: f64, side: f64) -> String {
    let code = QrCode::with_error_correction_level(link.as_bytes(), EcLevel::M).expect("a link fits in a QR code");
    let width = code.width();
    let quiet = 4;
    let scale = side / (width + 2 * quiet) as f64;
    let mut d = String::new();
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == Color::Dark {
            let _ = write!(d, "M{} {}h1v1h-1z", i % width + quiet, i / width + quiet);
        }
    }
    format!(
        r##"<rect x="{x}" y="{y}" width="{side}" height="{side}" fill="#fff"/><path transform="translate({x} {y}) scale({scale})" d="{d}" fill="#000"/>"##
    )
}

pub fn link(ctx: &Context, campaign: &str, unit: &str, code: &str) -> String {
    format!("{}/s/{campaign}/{unit}?p={code}", ctx.public_url)
}

/// One A4 poster as SVG (millimetre units).
pub fn poster_svg(campaign: &Campaign, unit_name: &str, link: &str, code: &str) -> String {
    let mut svg = String::from(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297" font-family="Noto Sans, Arial, sans-serif">"#,
    );
    svg.push_str(r##"<rect width="210" height="297" fill="#fff"/><rect width="210" height="30" fill="#0b5394"/>"##);
    let _ = write!(
        svg,
        r##"<text x="105" y="19" font-size="10" font-weight="bold" fill="#fff" text-anchor="middle">{HEADING}</text>"##
    );
    let mut y = text_block(&mut svg, &wrap(unit_name, 30), 45.0, 9.0, "bold");
    y = text_block(&mut svg, &wrap(&campaign.title, 62), y + 2.0, 4.6, "normal");
    let period = format!("{PERIOD}: {} – {}", campaign.opens.to_vietnamese(), campaign.closes.to_vietnamese());
    y = text_block(&mut svg, &[period], y + 2.0, 4.6, "bold");
    svg.push_str(&qr_path(link, 50.0, y + 2.0, 110.0));
    y += 118.0;
    y = text_block(&mut svg, &[SCAN.to_owned()], y, 5.0, "bold");
    let readable = link.split_once("://").map_or(link, |(_, rest)| rest);
    let readable = readable.split('?').next().unwrap_or(readable);
    y = text_block(&mut svg, &[readable.to_owned()], y + 1.0, 4.6, "normal");
    text_block(&mut svg, &wrap(NOTICE, 80), y + 6.0, 3.6, "normal");
    let _ = write!(
        svg,
        r##"<text x="200" y="290" font-size="3" fill="#555" text-anchor="end">{CODE_LABEL}: {code}</text></svg>"##
    );
    svg
}

async fn render(ctx: &Context, campaign: &Campaign, member: &CampaignUnit) -> Result<String, ApiError> {
    let name = ctx.store.unit(member.code.as_str()).await?.map(|u| u.name).unwrap_or_else(|| member.code.to_string());
    let state = ctx.poster_state(campaign.id.as_str(), member.code.as_str()).await?;
    let code = ctx.poster_key().await?.code(campaign.id.as_str(), member.code.as_str(), state.version);
    Ok(poster_svg(campaign, &name, &link(ctx, campaign.id.as_str(), member.code.as_str(), &code), &code))
}

fn member<'a>(campaign: &'a Campaign, unit: &str) -> Result<&'a CampaignUnit, ApiError> {
    campaign
        .unit(unit)
        .ok_or_else(|| ApiError::NotFound(format!("unit {unit:?} is not part of campaign {}", campaign.id)))
}

fn file(content_type: &str, body: String) -> Response<Body> {
    Response::builder()
        .status(200)
        .header("content-type", content_type)
        .header("cache-control", "no-store")
        .body(Body::Text(body))
        .expect("valid")
}

/// `GET /api/admin/campaigns/{c}/units/{u}/poster`: one poster, SVG.
pub async fn one(ctx: &Context, caller: &Caller, campaign: &str, unit: &str) -> Result<Response<Body>, ApiError> {
    caller.require_unit_read(unit)?;
    let campaign = crate::services::campaign(ctx, campaign).await?;
    let svg = render(ctx, &campaign, member(&campaign, unit)?).await?;
    Ok(file("image/svg+xml; charset=utf-8", svg))
}

/// `GET /api/admin/campaigns/{c}/posters`: every poster of the campaign in one printable file,
/// one A4 page each.
pub async fn all(ctx: &Context, caller: &Caller, campaign: &str) -> Result<Response<Body>, ApiError> {
    let campaign = crate::services::campaign(ctx, campaign).await?;
    for u in &campaign.units {
        caller.require_unit_read(u.code.as_str())?;
    }
    let mut html = format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{}</title><style>@page{{size:A4;margin:0}}body{{margin:0}}.page{{width:210mm;height:297mm;page-break-after:always;break-after:page}}</style></head><body>",
        escape(&campaign.title)
    );
    for u in &campaign.units {
        let _ = write!(html, "<div class=\"page\">{}</div>", render(ctx, &campaign, u).await?);
    }
    html.push_str("</body></html>");
    Ok(file("text/html; charset=utf-8", html))
}

/// `POST …/units/{u}/poster/revoke`: the unit's poster is replaced by a new one; links of the old
/// one still open the form but no longer count as that poster.
pub async fn revoke(ctx: &Context, caller: &Caller, campaign: &str, unit: &str) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let c = crate::services::campaign(ctx, campaign).await?;
    member(&c, unit)?;
    let before = ctx.poster_state(campaign, unit).await?;
    let after = PosterState { version: before.version + 1 };
    ctx.save_poster_state(campaign, unit, &after).await?;
    let target = format!("{campaign}/{unit}");
    ctx.store
        .audit(caller, "poster.revoke", &target, Some(serde_json::json!(before)), Some(serde_json::json!(after)))
        .await?;
    let code = ctx.poster_key().await?.code(campaign, unit, after.version);
    Ok(crate::http::json(
        200,
        &serde_json::json!({ "version": after.version, "link": link(ctx, campaign, unit, &code) }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_within_the_width() {
        let lines = wrap("Khảo sát mức độ hài lòng của người dân đối với sự phục vụ", 20);
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), "Khảo sát mức độ hài lòng của người dân đối với sự phục vụ");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
