//! Every word the citizen app shows, one table per language, and the language switch.
//!
//! Questionnaire wording comes from the server and stays Vietnamese (it is the official text);
//! only the app's own words change with the switch.

use crate::saved;
use hailong_domain::{AnswerProblem, Date};
use leptos::prelude::*;

const STORAGE_KEY: &str = "hailong.lang";

pub struct Texts {
    /// BCP 47 code, for `<html lang>`.
    pub code: &'static str,
    /// The switch button names the *other* language, in that language, so a reader finds it.
    pub switch: &'static str,
    pub switch_code: &'static str,
    /// The large-text, high-contrast display switch.
    pub large_text: &'static str,
    pub tagline: &'static str,
    pub loading: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_privacy: &'static str,
    pub home_receipt: &'static str,
    pub page_not_found: &'static str,
    pub go_home: &'static str,

    pub form_not_found: &'static str,
    pub closed: fn(Option<Date>) -> String,
    pub not_yet_open: fn(Option<Date>) -> String,
    pub load_offline: &'static str,
    pub offline: &'static str,
    pub server_trouble: &'static str,
    pub retry: &'static str,
    /// 429: too many answers from this device or network just now.
    pub busy: &'static str,
    /// The QR link came from a revoked poster.
    pub poster_replaced: &'static str,

    pub progress: fn(usize, usize) -> String,
    pub required: &'static str,
    pub required_note: &'static str,
    pub back: &'static str,
    pub next: &'static str,
    pub submit: &'static str,
    pub sending: &'static str,
    pub faces: [&'static str; 3],
    /// The 0 choice, when a template allows it without naming it.
    pub not_used: &'static str,
    pub choose_at_most: fn(u8) -> String,
    pub number_label: fn(i64, i64) -> String,
    pub text_label: fn(u32) -> String,
    pub comment_label: &'static str,
    /// The honeypot's label: never shown, never announced.
    pub website: &'static str,

    pub missing: &'static str,
    pub out_of_range: fn(i64, i64) -> String,
    pub not_an_option: &'static str,
    pub too_many: fn(u8) -> String,
    pub too_long: fn(u32) -> String,
    pub wrong_type: &'static str,
    pub fix_answers: &'static str,
    pub form_changed: &'static str,

    pub send_offline: &'static str,
    pub send_server: &'static str,
    pub resend: &'static str,
    pub send_now: &'static str,
    /// This device's answer for the unit waits in the outbox.
    pub waiting: &'static str,
    pub conflict: &'static str,
    pub too_large: &'static str,

    pub thanks: &'static str,
    pub your_receipt: &'static str,
    pub receipt_explain: &'static str,
    pub check_receipt: &'static str,
    pub answered_before: &'static str,
    pub one_per_device: &'static str,
    pub kiosk_resets: &'static str,
    pub kiosk_next: &'static str,

    pub receipt_title: &'static str,
    pub receipt_code: &'static str,
    pub receipt_hint: &'static str,
    pub receipt_bad: &'static str,
    pub receipt_not_found: &'static str,
    /// Time of day `hh:mm` and date, in Việt Nam time.
    pub received_at: fn(&str, Date) -> String,
    pub campaign: &'static str,
    pub unit: &'static str,
}

pub static VI: Texts = Texts {
    code: "vi",
    switch: "English",
    switch_code: "en",
    large_text: "Chữ lớn",
    tagline: "Khảo sát sự hài lòng của người dân",
    loading: "Đang tải…",
    home_title: "Ý kiến của Ông/Bà giúp cải thiện dịch vụ công",
    home_intro: "Quét mã QR dán tại Bộ phận Một cửa của UBND xã, phường hoặc tại trạm y tế để trả lời phiếu khảo sát ngay trên điện thoại. Chỉ mất vài phút.",
    home_privacy: "Phiếu không hỏi họ tên, số điện thoại hay địa chỉ. Sau khi gửi, Ông/Bà nhận một mã biên nhận để kiểm tra câu trả lời đã được ghi nhận.",
    home_receipt: "Kiểm tra mã biên nhận",
    page_not_found: "Không tìm thấy trang này.",
    go_home: "Về trang chủ",

    form_not_found: "Không tìm thấy phiếu khảo sát này. Hãy kiểm tra lại đường dẫn hoặc mã QR.",
    closed: |closes| match closes {
        Some(d) => format!("Đợt khảo sát đã kết thúc ngày {}.", d.to_vietnamese()),
        None => "Đợt khảo sát đã kết thúc.".into(),
    },
    not_yet_open: |opens| match opens {
        Some(d) => format!("Đợt khảo sát chưa bắt đầu, mở từ ngày {}.", d.to_vietnamese()),
        None => "Đợt khảo sát chưa bắt đầu.".into(),
    },
    load_offline: "Không tải được phiếu khảo sát vì mất kết nối. Hãy kiểm tra mạng rồi bấm Thử lại.",
    offline: "Không kết nối được. Hãy kiểm tra mạng rồi bấm Thử lại.",
    server_trouble: "Hệ thống đang gặp sự cố. Xin Ông/Bà thử lại sau ít phút.",
    retry: "Thử lại",
    busy: "Hệ thống đang nhận quá nhiều phiếu cùng lúc. Xin Ông/Bà đợi một lát rồi thử lại; câu trả lời vẫn được giữ trên máy.",
    poster_replaced: "Mã QR này thuộc một áp phích cũ đã được thay thế. Ông/Bà vẫn trả lời bình thường và câu trả lời vẫn được ghi nhận. Lần sau, xin quét mã QR trên áp phích mới dán tại đơn vị.",

    progress: |n, of| format!("Phần {n}/{of}"),
    required: "bắt buộc",
    required_note: "Câu có ghi “bắt buộc” cần được trả lời.",
    back: "Quay lại",
    next: "Tiếp theo",
    submit: "Gửi phiếu",
    sending: "Đang gửi…",
    faces: ["Không hài lòng", "Hài lòng", "Rất hài lòng"],
    not_used: "Không sử dụng",
    choose_at_most: |n| format!("Chọn tối đa {n}."),
    number_label: |min, max| format!("Nhập một số từ {min} đến {max}"),
    text_label: |n| format!("Câu trả lời (tối đa {n} ký tự)"),
    comment_label: "Ý kiến khác của Ông/Bà (không bắt buộc)",
    website: "Trang web (để trống)",

    missing: "Vui lòng chọn một câu trả lời cho câu này.",
    out_of_range: |min, max| format!("Vui lòng nhập một số từ {min} đến {max}."),
    not_an_option: "Câu trả lời này không có trong các lựa chọn. Vui lòng chọn lại.",
    too_many: |n| format!("Vui lòng chọn tối đa {n} mục."),
    too_long: |n| format!("Câu trả lời dài quá {n} ký tự. Vui lòng rút gọn."),
    wrong_type: "Câu trả lời chưa đúng dạng. Vui lòng nhập lại.",
    fix_answers: "Một số câu trả lời chưa hợp lệ. Xin Ông/Bà xem lại các câu có thông báo.",
    form_changed: "Phiếu khảo sát vừa được cập nhật. Xin Ông/Bà tải lại trang rồi trả lời lại.",

    send_offline: "Chưa gửi được vì mất kết nối. Phiếu đã được lưu trên máy này và sẽ tự động gửi khi có mạng trở lại. Ông/Bà không cần trả lời lại và có thể đóng trang này.",
    send_server: "Hệ thống đang bận nên chưa nhận được phiếu. Câu trả lời của Ông/Bà vẫn được giữ trên máy; hãy bấm Gửi lại sau ít phút.",
    resend: "Gửi lại",
    send_now: "Gửi ngay",
    waiting: "Phiếu Ông/Bà đã trả lời cho đơn vị này đang được lưu trên máy và chờ gửi. Phiếu sẽ tự động gửi khi có mạng; Ông/Bà không cần trả lời lại.",
    conflict: "Phiếu này đã được gửi trước đó với câu trả lời khác nên không gửi lại được.",
    too_large: "Phiếu quá dài nên không gửi được. Xin Ông/Bà rút ngắn phần ý kiến rồi gửi lại.",

    thanks: "Cảm ơn Ông/Bà đã tham gia khảo sát!",
    your_receipt: "Mã biên nhận của Ông/Bà:",
    receipt_explain: "Với mã này, Ông/Bà có thể kiểm tra câu trả lời đã được ghi nhận. Mã không cho biết Ông/Bà là ai hay đã trả lời gì.",
    check_receipt: "Kiểm tra mã biên nhận",
    answered_before: "Ông/Bà đã trả lời phiếu khảo sát này",
    one_per_device: "Mỗi máy gửi một phiếu cho mỗi đơn vị trong một đợt khảo sát. Dưới đây là mã biên nhận của lần trả lời trước trên máy này.",
    kiosk_resets: "Sau ít giây, màn hình sẽ trở về phiếu mới cho người tiếp theo.",
    kiosk_next: "Người tiếp theo",

    receipt_title: "Kiểm tra mã biên nhận",
    receipt_code: "Mã biên nhận",
    receipt_hint: "Gồm 10 chữ và số, ví dụ 7KQ2M-9XDPT.",
    receipt_bad: "Mã biên nhận gồm 10 chữ và số, ví dụ 7KQ2M-9XDPT. Vui lòng kiểm tra lại.",
    receipt_not_found: "Không tìm thấy mã biên nhận này.",
    received_at: |time, date| {
        format!("Câu trả lời đã được ghi nhận lúc {time} ngày {} (giờ Việt Nam).", date.to_vietnamese())
    },
    campaign: "Đợt khảo sát",
    unit: "Đơn vị",
};

pub static EN: Texts = Texts {
    code: "en",
    switch: "Tiếng Việt",
    switch_code: "vi",
    large_text: "Large text",
    tagline: "Citizen satisfaction survey",
    loading: "Loading…",
    home_title: "Your opinion helps improve public services",
    home_intro: "Scan the QR code posted at the one-stop office of your commune or ward People's Committee, or at the health station, to answer the questionnaire on your phone. It takes a few minutes.",
    home_privacy: "The questionnaire does not ask for your name, phone number or address. After sending it you get a receipt code to check that your answer was counted.",
    home_receipt: "Check a receipt code",
    page_not_found: "This page was not found.",
    go_home: "Go to the home page",

    form_not_found: "This questionnaire was not found. Please check the link or the QR code.",
    closed: |closes| match closes {
        Some(d) => format!("This survey ended on {}.", d.to_vietnamese()),
        None => "This survey has ended.".into(),
    },
    not_yet_open: |opens| match opens {
        Some(d) => format!("This survey has not started yet; it opens on {}.", d.to_vietnamese()),
        None => "This survey has not started yet.".into(),
    },
    load_offline: "The questionnaire could not be loaded because the connection was lost. Check your network, then press Try again.",
    offline: "No connection. Check your network, then press Try again.",
    server_trouble: "The system is having trouble. Please try again in a few minutes.",
    retry: "Try again",
    busy: "The system is receiving too many answers at once. Please wait a moment, then try again; your answers are kept on this device.",
    poster_replaced: "This QR code is from an old poster that has been replaced. You can still answer, and your answer counts. Next time, please scan the QR code on the new poster at the office.",

    progress: |n, of| format!("Part {n} of {of}"),
    required: "required",
    required_note: "Questions marked “required” need an answer.",
    back: "Back",
    next: "Next",
    submit: "Send",
    sending: "Sending…",
    faces: ["Not satisfied", "Satisfied", "Very satisfied"],
    not_used: "Not used",
    choose_at_most: |n| format!("Choose at most {n}."),
    number_label: |min, max| format!("Enter a number from {min} to {max}"),
    text_label: |n| format!("Your answer (at most {n} characters)"),
    comment_label: "Any other comments (optional)",
    website: "Website (leave empty)",

    missing: "Please choose an answer to this question.",
    out_of_range: |min, max| format!("Please enter a number from {min} to {max}."),
    not_an_option: "This answer is not one of the choices. Please choose again.",
    too_many: |n| format!("Please choose at most {n}."),
    too_long: |n| format!("The answer is longer than {n} characters. Please shorten it."),
    wrong_type: "This answer is not in the expected form. Please enter it again.",
    fix_answers: "Some answers are not valid. Please look at the questions with a message.",
    form_changed: "The questionnaire has just been updated. Please reload the page and answer again.",

    send_offline: "Not sent yet because the connection was lost. Your answers are saved on this device and will be sent automatically when the connection returns. You need not answer again, and you may close this page.",
    send_server: "The system is busy and did not receive the form. Your answers are still kept on this device; press Send again in a few minutes.",
    resend: "Send again",
    send_now: "Send now",
    waiting: "Your answer for this office is saved on this device and waiting to be sent. It will be sent automatically when there is a connection; you need not answer again.",
    conflict: "This form was already sent with different answers, so it cannot be sent again.",
    too_large: "The form is too long to send. Please shorten your comments and send again.",

    thanks: "Thank you for taking part in the survey!",
    your_receipt: "Your receipt code:",
    receipt_explain: "With this code you can check that your answer was counted. The code does not tell who you are or what you answered.",
    check_receipt: "Check the receipt code",
    answered_before: "You have already answered this questionnaire",
    one_per_device: "Each device sends one answer per office in a survey. Below is the receipt code of the earlier answer from this device.",
    kiosk_resets: "In a few seconds the screen returns to a new form for the next person.",
    kiosk_next: "Next person",

    receipt_title: "Check a receipt code",
    receipt_code: "Receipt code",
    receipt_hint: "10 letters and digits, such as 7KQ2M-9XDPT.",
    receipt_bad: "A receipt code has 10 letters and digits, such as 7KQ2M-9XDPT. Please check it.",
    receipt_not_found: "This receipt code was not found.",
    received_at: |time, date| format!("The answer was recorded at {time} on {} (Vietnam time).", date.to_vietnamese()),
    campaign: "Survey",
    unit: "Office",
};

impl Texts {
    /// The message for an answer the domain rules (here or on the server) refused.
    pub fn problem(&self, p: &AnswerProblem) -> String {
        match p {
            AnswerProblem::Missing => self.missing.into(),
            AnswerProblem::OutOfRange { min, max } => (self.out_of_range)(*min, *max),
            AnswerProblem::NotAnOption { .. } => self.not_an_option.into(),
            AnswerProblem::TooMany { max } => (self.too_many)(*max),
            AnswerProblem::TooLong { max } => (self.too_long)(*max),
            AnswerProblem::WrongType { .. } => self.wrong_type.into(),
            AnswerProblem::UnknownItem => self.form_changed.into(),
        }
    }
}

/// The chosen language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n(RwSignal<&'static Texts>);

impl I18n {
    /// Starts from the stored choice (Vietnamese by default) and keeps `<html lang>` in step.
    pub fn provide() -> I18n {
        let stored = saved::get(STORAGE_KEY);
        let i18n = I18n(RwSignal::new(if stored.as_deref() == Some(EN.code) { &EN } else { &VI }));
        Effect::new(move |_| {
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("lang", i18n.t().code);
            }
        });
        provide_context(i18n);
        i18n
    }

    /// The current table; reading it subscribes the caller to language changes.
    pub fn t(self) -> &'static Texts {
        self.0.get()
    }

    /// A reactive piece of text: only this text node follows the language, not the enclosing view
    /// (rebuilding a questionnaire on a language switch would drop its answers).
    pub fn text(self, pick: fn(&Texts) -> &'static str) -> impl Fn() -> &'static str + Copy + Send {
        move || pick(self.t())
    }

    pub fn toggle(self) {
        let next = if self.0.get_untracked().code == VI.code { &EN } else { &VI };
        self.0.set(next);
        saved::set(STORAGE_KEY, next.code);
    }
}

pub fn use_i18n() -> I18n {
    expect_context()
}
