//! Every word the citizen app shows, one table per language, and the language switch.
//!
//! Questionnaire wording comes from the server and stays Vietnamese (it is the official text);
//! only the app's own words change with the switch.

use crate::saved;
use hailong_domain::action::ActionStatus;
use hailong_domain::{AnswerProblem, Channel, Date, Snapshot, TargetRule};
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
    /// Said in English mode: the switch translates the app, not the official questions.
    pub interface_note: &'static str,
    pub tagline: &'static str,
    /// `<title>` of a page: its own name first, then the site's.
    pub page_title: fn(&str) -> String,
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

    /// Questions `first`–`last` of `total`, as the section on screen holds them.
    pub progress: fn(usize, usize, usize) -> String,
    /// Questions and minutes, said before the first section.
    pub duration: fn(usize, usize) -> String,
    /// Stands for a long template introduction, which stays one tap away.
    pub intro_short: &'static str,
    pub intro_more: &'static str,
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
    pub queued_title: &'static str,
    pub sending_now: &'static str,
    pub still_offline: &'static str,
    /// This device's answer for the unit waits in the outbox.
    pub waiting: &'static str,
    pub conflict: &'static str,
    /// A served form refused without saying why (the honeypot): the message names no field.
    pub not_accepted: &'static str,
    pub too_large: &'static str,

    pub thanks: &'static str,
    pub your_receipt: &'static str,
    pub receipt_explain: &'static str,
    pub check_receipt: &'static str,
    pub answered_before: &'static str,
    pub one_per_device: &'static str,
    pub kiosk_resets: &'static str,
    pub kiosk_next: &'static str,
    /// Shown to staff while the tablet is a kiosk.
    pub kiosk_badge: &'static str,
    pub idle_warning: &'static str,
    pub idle_continue: &'static str,
    /// A household: another person answers on the same phone.
    pub someone_else: &'static str,
    pub someone_else_hint: &'static str,
    pub receipts_here: &'static str,
    pub answer_for: fn(&str, &str) -> String,
    pub counted_later: &'static str,
    pub results_when: fn(Date) -> String,
    pub unit_results: &'static str,

    pub receipt_title: &'static str,
    pub receipt_code: &'static str,
    pub receipt_hint: &'static str,
    pub receipt_bad: &'static str,
    pub receipt_not_found: &'static str,
    /// Time of day `hh:mm` and date, in Việt Nam time.
    pub received_at: fn(&str, Date) -> String,
    /// The served receipt page, once the campaign's results are published with this answer in them.
    pub counted_in_results: &'static str,
    pub campaign: &'static str,
    pub unit: &'static str,
}

pub static VI: Texts = Texts {
    code: "vi",
    switch: "English interface",
    switch_code: "en",
    large_text: "Chữ lớn",
    interface_note: "",
    tagline: "Khảo sát sự hài lòng của người dân",
    page_title: |page| format!("{page} · Khảo sát sự hài lòng của người dân"),
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

    progress: |first, last, of| {
        if first == last { format!("Câu {first}/{of}") } else { format!("Câu {first}–{last}/{of}") }
    },
    duration: |questions, minutes| format!("Phiếu có {questions} câu, trả lời mất khoảng {minutes} phút."),
    intro_short: "Xin Ông/Bà chọn một mức cho mỗi câu. Ý kiến của Ông/Bà được giữ bí mật.",
    intro_more: "Đọc lời giới thiệu đầy đủ của phiếu",
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
    queued_title: "Phiếu của Ông/Bà đã được lưu an toàn trên máy",
    sending_now: "Đang thử gửi…",
    still_offline: "Vẫn chưa có mạng. Phiếu vẫn được giữ trên máy và sẽ tự gửi khi có mạng; Ông/Bà không cần làm gì thêm.",
    waiting: "Phiếu Ông/Bà đã trả lời cho đơn vị này đang được lưu trên máy và chờ gửi. Phiếu sẽ tự động gửi khi có mạng; Ông/Bà không cần trả lời lại.",
    conflict: "Phiếu này đã được gửi trước đó với câu trả lời khác nên không gửi lại được.",
    not_accepted: "Không thể nhận phiếu trả lời này.",
    too_large: "Phiếu quá dài nên không gửi được. Xin Ông/Bà rút ngắn phần ý kiến rồi gửi lại.",

    thanks: "Cảm ơn Ông/Bà đã tham gia khảo sát!",
    your_receipt: "Mã biên nhận của Ông/Bà:",
    receipt_explain: "Với mã này, Ông/Bà có thể kiểm tra câu trả lời đã được ghi nhận. Mã không cho biết Ông/Bà là ai hay đã trả lời gì.",
    check_receipt: "Kiểm tra mã biên nhận",
    answered_before: "Ông/Bà đã trả lời phiếu khảo sát này",
    one_per_device: "Mỗi máy gửi một phiếu cho mỗi đơn vị trong một đợt khảo sát. Dưới đây là mã biên nhận của lần trả lời trước trên máy này.",
    kiosk_resets: "Sau ít giây, màn hình sẽ trở về phiếu mới cho người tiếp theo.",
    kiosk_next: "Người tiếp theo",
    kiosk_badge: "Máy dùng chung (chế độ kiosk)",
    idle_warning: "Không thấy Ông/Bà thao tác. Ít giây nữa màn hình sẽ trở về phiếu mới và xóa các câu đã trả lời.",
    idle_continue: "Tôi vẫn đang trả lời",
    someone_else: "Người khác trả lời trên máy này",
    someone_else_hint: "Mỗi người trả lời một phiếu. Nếu một người khác trong gia đình cũng vừa sử dụng dịch vụ của đơn vị, người đó có thể trả lời phiếu của mình trên máy này.",
    receipts_here: "Mã biên nhận các phiếu đã gửi từ máy này:",
    answer_for: |unit, campaign| format!("Phiếu về {unit}, trong {campaign}."),
    counted_later: "Phiếu sẽ được tính vào kết quả của đơn vị.",
    results_when: |closes| {
        format!("Kết quả được công bố sau khi đợt khảo sát kết thúc ngày {}.", closes.to_vietnamese())
    },
    unit_results: "Trang kết quả của đơn vị",

    receipt_title: "Kiểm tra mã biên nhận",
    receipt_code: "Mã biên nhận",
    receipt_hint: "Gồm 10 chữ và số, ví dụ 7KQ2M-9XDPT.",
    receipt_bad: "Mã biên nhận gồm 10 chữ và số, ví dụ 7KQ2M-9XDPT. Vui lòng kiểm tra lại.",
    receipt_not_found: "Không tìm thấy mã biên nhận này.",
    received_at: |time, date| {
        format!("Câu trả lời đã được ghi nhận lúc {time} ngày {} (giờ Việt Nam).", date.to_vietnamese())
    },
    counted_in_results: "Câu trả lời của Ông/Bà đã được tính vào kết quả công bố.",
    campaign: "Đợt khảo sát",
    unit: "Đơn vị",
};

pub static EN: Texts = Texts {
    code: "en",
    switch: "Giao diện tiếng Việt",
    switch_code: "vi",
    large_text: "Large text",
    interface_note: "Only the app's buttons and messages are in English. The questions are the official Vietnamese text and stay in Vietnamese.",
    tagline: "Citizen satisfaction survey",
    page_title: |page| format!("{page} · Citizen satisfaction survey"),
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

    progress: |first, last, of| {
        if first == last { format!("Question {first} of {of}") } else { format!("Questions {first}–{last} of {of}") }
    },
    duration: |questions, minutes| format!("{questions} questions, about {minutes} minutes."),
    intro_short: "Please choose one level for each question. Your answers are kept confidential.",
    intro_more: "Read the form's full introduction (in Vietnamese)",
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
    queued_title: "Your form is saved safely on this device",
    sending_now: "Trying to send…",
    still_offline: "Still no connection. The form stays on this device and will be sent by itself when the connection returns; there is nothing more to do.",
    waiting: "Your answer for this office is saved on this device and waiting to be sent. It will be sent automatically when there is a connection; you need not answer again.",
    conflict: "This form was already sent with different answers, so it cannot be sent again.",
    not_accepted: "This response cannot be accepted.",
    too_large: "The form is too long to send. Please shorten your comments and send again.",

    thanks: "Thank you for taking part in the survey!",
    your_receipt: "Your receipt code:",
    receipt_explain: "With this code you can check that your answer was counted. The code does not tell who you are or what you answered.",
    check_receipt: "Check the receipt code",
    answered_before: "You have already answered this questionnaire",
    one_per_device: "Each device sends one answer per office in a survey. Below is the receipt code of the earlier answer from this device.",
    kiosk_resets: "In a few seconds the screen returns to a new form for the next person.",
    kiosk_next: "Next person",
    kiosk_badge: "Shared tablet (kiosk mode)",
    idle_warning: "Nobody seems to be answering. In a few seconds the screen returns to a new form and clears these answers.",
    idle_continue: "I am still answering",
    someone_else: "Someone else answers on this device",
    someone_else_hint: "Each person answers one form. If someone else in the household has just used this office's service too, they can answer their own form on this device.",
    receipts_here: "Receipt codes of the forms sent from this device:",
    answer_for: |unit, campaign| format!("Form about {unit}, in {campaign}."),
    counted_later: "The form will be counted in the office's results.",
    results_when: |closes| format!("Results are published after the survey ends on {}.", closes.to_vietnamese()),
    unit_results: "The office's results page",

    receipt_title: "Check a receipt code",
    receipt_code: "Receipt code",
    receipt_hint: "10 letters and digits, such as 7KQ2M-9XDPT.",
    receipt_bad: "A receipt code has 10 letters and digits, such as 7KQ2M-9XDPT. Please check it.",
    receipt_not_found: "This receipt code was not found.",
    received_at: |time, date| format!("The answer was recorded at {time} on {} (Vietnam time).", date.to_vietnamese()),
    counted_in_results: "Your answer is counted in the published results.",
    campaign: "Survey",
    unit: "Office",
};

/// The facts the summary paragraph of a campaign's results states, already formatted.
pub struct Summary {
    pub responses: u64,
    pub units: usize,
    pub ranked: usize,
    pub met: usize,
    pub target: String,
    pub rule: TargetRule,
    /// Name and index of the highest and lowest ranked units.
    pub best: Option<(String, String)>,
    pub worst: Option<(String, String)>,
    pub suppressed: usize,
    pub min_responses: u32,
}

/// The words of the public results pages, kept apart from [`Texts`] so that the citizen bundle,
/// which never shows results, does not carry them.
pub struct ResultsTexts {
    /// Decimal separator of figures.
    pub decimal: char,
    pub published_title: &'static str,
    pub published_none: &'static str,
    pub period: fn(Date, Date) -> String,
    pub version: fn(u32) -> String,
    pub published_on: fn(&str, Date) -> String,
    pub overall_title: &'static str,
    /// The one plain paragraph at the top of a campaign's results.
    pub summary: fn(&Summary) -> String,
    pub responses: &'static str,
    pub index: &'static str,
    pub pooled: &'static str,
    pub ranking: &'static str,
    pub rank: &'static str,
    pub interval: &'static str,
    pub n_quota: &'static str,
    pub response_rate: &'static str,
    /// The column and row heading of a target check, with its rule (`>` or `≥`).
    pub target_met: fn(TargetRule, f64) -> String,
    pub yes: &'static str,
    pub no: &'static str,
    pub not_known: &'static str,
    pub suppressed: fn(u32) -> String,
    pub interval_label: fn(&str, &str, &str) -> String,
    pub bar_label: fn(&str, &str) -> String,
    /// How to read the interval bars: the axis runs from this % to 100%, the target is a tick.
    pub axis: fn(&str, &str) -> String,
    pub overlap_mark: &'static str,
    pub overlap_note: &'static str,
    pub versions_title: &'static str,
    pub latest: &'static str,
    pub this_version: &'static str,
    pub republished: fn(&str) -> String,
    pub method_title: &'static str,
    /// The method note in the reader's language (the snapshot's own note is English).
    pub method: fn(&Snapshot) -> String,
    pub excluded_title: &'static str,
    pub exclusion_reason: fn(&str) -> &'static str,
    pub downloads_title: &'static str,
    pub download_csv: &'static str,
    pub download_csv_en: &'static str,
    pub download_json: &'static str,
    pub csv_format: &'static str,
    pub results_not_found: &'static str,
    pub back_to_results: &'static str,
    pub unit_suppressed: fn(u64, u32) -> String,
    pub fully_satisfied: &'static str,
    pub expectation: &'static str,
    pub return_rate: &'static str,
    /// An item's `% không hài lòng`.
    pub dissatisfied: &'static str,
    pub sections_title: &'static str,
    pub items_title: &'static str,
    pub strongest: &'static str,
    pub weakest: &'static str,
    pub change_title: &'static str,
    pub change: fn(&str, &str, &str) -> String,
    pub no_previous: &'static str,
    pub channels_title: &'static str,
    pub channel: &'static str,
    pub channel_name: fn(Channel) -> &'static str,
    pub withheld: &'static str,
    pub actions_title: &'static str,
    pub actions_none: &'static str,
    pub task: &'static str,
    pub office: &'static str,
    pub deadline: &'static str,
    pub ongoing: &'static str,
    pub overdue: &'static str,
    pub status: &'static str,
    pub action_status: fn(ActionStatus) -> &'static str,
    pub counted_verified: fn(u32) -> String,
    pub proof_title: &'static str,
    pub proof_checked: &'static str,
    pub counted_failed: &'static str,
    pub not_published_yet: &'static str,
    pub excluded_because: fn(&str) -> String,
}

/// The target in words: "trên 90%" (strictly above) or "từ 90% trở lên".
fn vi_target(rule: TargetRule, target: &str) -> String {
    match rule {
        TargetRule::Above => format!("trên {target}"),
        TargetRule::AtLeast => format!("từ {target} trở lên"),
    }
}

/// The target in words: "above 90%" (strictly) or "of 90% or more".
fn en_target(rule: TargetRule, target: &str) -> String {
    match rule {
        TargetRule::Above => format!("above {target}"),
        TargetRule::AtLeast => format!("of {target} or more"),
    }
}

pub static RESULTS_VI: ResultsTexts = ResultsTexts {
    decimal: ',',
    published_title: "Kết quả khảo sát đã công bố",
    published_none: "Chưa có kết quả khảo sát nào được công bố.",
    period: |from, to| format!("Từ {} đến {}", from.to_vietnamese(), to.to_vietnamese()),
    version: |v| format!("Phiên bản {v}"),
    published_on: |time, date| format!("công bố lúc {time} ngày {}", date.to_vietnamese()),
    overall_title: "Kết quả chung theo bộ phiếu",
    summary: |s| {
        let mut text = format!(
            "Đợt khảo sát có {} phiếu được tính, ở {} đơn vị. {} trong {} đơn vị được xếp hạng đạt mục tiêu chỉ số hài lòng {}.",
            s.responses,
            s.units,
            s.met,
            s.ranked,
            vi_target(s.rule, &s.target)
        );
        if let (Some((best, b)), Some((worst, w))) = (&s.best, &s.worst) {
            text += &format!(" Cao nhất là {best} ({b}), thấp nhất là {worst} ({w}).");
        }
        if s.suppressed > 0 {
            text += &format!(" {} đơn vị có dưới {} phiếu nên không công bố kết quả.", s.suppressed, s.min_responses);
        }
        text
    },
    responses: "Số phiếu",
    index: "Chỉ số hài lòng",
    pooled: "Tỷ lệ hài lòng chung",
    ranking: "Xếp hạng đơn vị",
    rank: "Hạng",
    interval: "Khoảng tin cậy 95%",
    n_quota: "Số phiếu / chỉ tiêu",
    response_rate: "Tỷ lệ phản hồi",
    target_met: |rule, target| format!("Đạt mục tiêu ({} {target}%)", rule.symbol()),
    yes: "Đạt",
    no: "Chưa đạt",
    not_known: "—",
    suppressed: |min| format!("Không công bố: dưới {min} phiếu"),
    interval_label: |index, lo, hi| format!("Chỉ số {index}, khoảng tin cậy 95% từ {lo} đến {hi}"),
    bar_label: |what, value| format!("{what}: {value}"),
    axis: |from, target| {
        format!(
            "Thanh ngang: khoảng tin cậy 95% trên trục từ {from} (trái) đến 100% (phải); vạch đậm là chỉ số của đơn vị, vạch đỏ là mục tiêu {target}."
        )
    },
    overlap_mark: "≈",
    overlap_note: "Dấu ≈ cạnh thứ hạng: khoảng tin cậy của đơn vị này chồng lên khoảng của đơn vị xếp liền trước hoặc liền sau, nên khác biệt thứ hạng giữa chúng chưa có ý nghĩa thống kê.",
    versions_title: "Các phiên bản đã công bố",
    latest: "mới nhất",
    this_version: "đang xem",
    republished: |reason| format!("Lý do công bố lại: {reason}"),
    method_title: "Phương pháp tính",
    method: |s| {
        let target = format!("{}%", s.target_pct).replace('.', ",");
        format!(
            "Mỗi tiêu chí: % hài lòng = số câu trả lời mức 4–5 chia cho số câu trả lời mức 1–5, nhân 100 (phiếu đánh giá nhanh: “Hài lòng” và “Rất hài lòng” trên cả ba mức); \
             câu trả lời 0 “không sử dụng”, “không ý kiến” và câu bỏ trống không được tính vào mẫu số. \
             Chỉ số của nhóm tiêu chí = trung bình % hài lòng của các tiêu chí trong nhóm. Chỉ số hài lòng của đơn vị = trung bình chỉ số các nhóm. \
             Tỷ lệ hài lòng chung = mọi câu trả lời mức 4–5 chia cho mọi câu trả lời mức 1–5. \
             Hài lòng toàn diện = tỷ lệ người trả lời mà mọi nhận định đã trả lời đều ở mức 4–5. \
             Đơn vị có dưới {} phiếu được tính thì không công bố kết quả. Mục tiêu: chỉ số hài lòng của đơn vị {}. \
             Xếp hạng theo chỉ số; chỉ số bằng nhau thì cùng hạng. \
             Khoảng tin cậy 95%: khoảng Wilson (z = 1,96) của chỉ số, coi mỗi người trả lời là một quan sát; \
             với chỉ số 85% và 100 phiếu, khoảng rộng khoảng ±7 điểm. Hai đơn vị có khoảng tin cậy chồng lên nhau thì chưa thể nói đơn vị nào tốt hơn.",
            s.min_responses,
            vi_target(s.target_rule, &target)
        )
    },
    excluded_title: "Phiếu không được tính",
    exclusion_reason: |r| match r {
        "invalid" => "Phiếu không hợp lệ",
        "fraud" => "Gian lận",
        "failed_verification" => "Không xác minh được",
        _ => "Lý do khác",
    },
    downloads_title: "Dữ liệu mở",
    download_csv: "Tải bảng số liệu CSV (tiếng Việt)",
    download_csv_en: "CSV in English",
    download_json: "Tải JSON",
    csv_format: "Tệp CSV tiếng Việt mở được bằng Excel: các cột cách nhau bằng dấu chấm phẩy (;), số thập phân viết bằng dấu phẩy (87,3), mã hóa UTF-8. Tệp tiếng Anh dùng dấu phẩy giữa các cột và dấu chấm thập phân.",
    results_not_found: "Không tìm thấy kết quả đã công bố của đợt khảo sát này.",
    back_to_results: "Về kết quả đợt khảo sát",
    unit_suppressed: |n, min| {
        format!("Đơn vị có {n} phiếu, dưới mức tối thiểu {min} phiếu, nên kết quả không được công bố.")
    },
    fully_satisfied: "Hài lòng toàn diện",
    expectation: "Đáp ứng mong đợi (G1)",
    return_rate: "Sẽ quay lại (G2)",
    dissatisfied: "Không hài lòng",
    sections_title: "Theo nhóm tiêu chí",
    items_title: "Theo từng tiêu chí (% hài lòng)",
    strongest: "Tiêu chí được đánh giá cao nhất",
    weakest: "Tiêu chí cần cải thiện nhất",
    change_title: "So với đợt khảo sát trước",
    change: |previous, before, now| format!("Chỉ số hài lòng: {before} ({previous}) → {now}"),
    no_previous: "Chưa có kết quả của đợt khảo sát trước để so sánh.",
    channels_title: "Theo kênh trả lời",
    channel: "Kênh",
    channel_name: |c| match c {
        Channel::Qr => "Quét mã QR",
        Channel::Paper => "Phiếu giấy",
        Channel::Phone => "Điện thoại",
        Channel::Interviewer => "Phỏng vấn trực tiếp",
    },
    withheld: "không công bố",
    actions_title: "Việc cải thiện",
    actions_none: "Chưa có việc cải thiện nào được ghi nhận cho đơn vị này.",
    task: "Nhiệm vụ",
    office: "Trách nhiệm thực hiện",
    deadline: "Thời gian hoàn thành",
    ongoing: "Thường xuyên",
    overdue: "Quá hạn",
    status: "Tình trạng",
    action_status: |s| match s {
        ActionStatus::Planned => "Chưa thực hiện",
        ActionStatus::InProgress => "Đang thực hiện",
        ActionStatus::Done => "Hoàn thành",
    },
    counted_verified: |v| format!("Câu trả lời của Ông/Bà được tính vào kết quả đã công bố (phiên bản {v})."),
    proof_title: "Trình duyệt kiểm tra thế nào?",
    proof_checked: "Trình duyệt của Ông/Bà đã tự kiểm tra bằng chứng Merkle của câu trả lời với mã tổng hợp được công bố cùng kết quả: khớp. Không ai sửa được kết quả mà không làm sai lệch mã này.",
    counted_failed: "Bằng chứng nhận được không khớp với mã tổng hợp đã công bố. Xin báo cho cơ quan khảo sát.",
    not_published_yet: "Kết quả của đợt khảo sát này chưa được công bố.",
    excluded_because: |reason| format!("Câu trả lời này không được tính trong kết quả. Lý do: {reason}."),
};

pub static RESULTS_EN: ResultsTexts = ResultsTexts {
    decimal: '.',
    published_title: "Published survey results",
    published_none: "No survey results have been published yet.",
    period: |from, to| format!("From {} to {}", from.to_vietnamese(), to.to_vietnamese()),
    version: |v| format!("Version {v}"),
    published_on: |time, date| format!("published at {time} on {}", date.to_vietnamese()),
    overall_title: "Overall results by questionnaire",
    summary: |s| {
        let mut text = format!(
            "The survey counted {} responses at {} offices. {} of the {} ranked offices met the target of a satisfaction index {}.",
            s.responses,
            s.units,
            s.met,
            s.ranked,
            en_target(s.rule, &s.target)
        );
        if let (Some((best, b)), Some((worst, w))) = (&s.best, &s.worst) {
            text += &format!(" Highest: {best} ({b}); lowest: {worst} ({w}).");
        }
        if s.suppressed > 0 {
            text += &format!(
                " {} offices had fewer than {} responses, so their results are not published.",
                s.suppressed, s.min_responses
            );
        }
        text
    },
    responses: "Responses",
    index: "Satisfaction index",
    pooled: "Pooled satisfaction rate",
    ranking: "Ranking of offices",
    rank: "Rank",
    interval: "95% interval",
    n_quota: "Responses / quota",
    response_rate: "Response rate",
    target_met: |rule, target| format!("Target met ({} {target}%)", rule.symbol()),
    yes: "Met",
    no: "Not met",
    not_known: "—",
    suppressed: |min| format!("Not published: fewer than {min} responses"),
    interval_label: |index, lo, hi| format!("Index {index}, 95% interval from {lo} to {hi}"),
    bar_label: |what, value| format!("{what}: {value}"),
    axis: |from, target| {
        format!(
            "Bars: the 95% interval on an axis from {from} (left) to 100% (right); the dark tick is the office's index, the red tick the target of {target}."
        )
    },
    overlap_mark: "≈",
    overlap_note: "≈ beside a rank: this office's interval overlaps that of the office ranked just above or below it, so the difference in rank between them is not statistically meaningful.",
    versions_title: "Published versions",
    latest: "latest",
    this_version: "shown",
    republished: |reason| format!("Reason for republishing: {reason}"),
    method_title: "Method",
    method: |s| s.method.clone(),
    excluded_title: "Responses not counted",
    exclusion_reason: |r| match r {
        "invalid" => "Invalid form",
        "fraud" => "Fraud",
        "failed_verification" => "Could not be verified",
        _ => "Other reason",
    },
    downloads_title: "Open data",
    download_csv: "CSV in Vietnamese (for Vietnamese Excel)",
    download_csv_en: "Download CSV (English)",
    download_json: "Download JSON",
    csv_format: "The English CSV separates columns with commas and writes decimals with a point. The Vietnamese file uses semicolons between columns and a decimal comma, as Excel set to Vietnamese expects; both are UTF-8.",
    results_not_found: "No published results of this survey were found.",
    back_to_results: "Back to the survey results",
    unit_suppressed: |n, min| {
        format!("This office has {n} responses, below the minimum of {min}, so its results are not published.")
    },
    fully_satisfied: "Fully satisfied",
    expectation: "Expectations met (G1)",
    return_rate: "Would come back (G2)",
    dissatisfied: "Dissatisfied",
    sections_title: "By group of criteria",
    items_title: "By criterion (% satisfied)",
    strongest: "Best rated criteria",
    weakest: "Criteria most in need of improvement",
    change_title: "Compared with the previous survey",
    change: |previous, before, now| format!("Satisfaction index: {before} ({previous}) → {now}"),
    no_previous: "There are no results of a previous survey to compare with.",
    channels_title: "By way of answering",
    channel: "Channel",
    channel_name: |c| match c {
        Channel::Qr => "QR code",
        Channel::Paper => "Paper form",
        Channel::Phone => "Phone",
        Channel::Interviewer => "Interview",
    },
    withheld: "not published",
    actions_title: "Improvement actions",
    actions_none: "No improvement action has been recorded for this office yet.",
    task: "Task",
    office: "Responsible office",
    deadline: "Deadline",
    ongoing: "Ongoing",
    overdue: "Overdue",
    status: "Status",
    action_status: |s| match s {
        ActionStatus::Planned => "Not started",
        ActionStatus::InProgress => "In progress",
        ActionStatus::Done => "Done",
    },
    counted_verified: |v| format!("Your answer is counted in the published results (version {v})."),
    proof_title: "How did the browser check?",
    proof_checked: "Your browser checked the answer's Merkle proof against the digest published with the results itself: it matches. Nobody can change the results without changing that digest.",
    counted_failed: "The proof received does not match the published digest. Please tell the survey office.",
    not_published_yet: "The results of this survey are not published yet.",
    excluded_because: |reason| format!("This answer is not counted in the results. Reason: {reason}."),
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

    /// Keeps the page's `<title>` in step with the language: `page` names what is on screen.
    pub fn title(self, page: impl Fn() -> String + 'static) {
        Effect::new(move |_| document().set_title(&(self.t().page_title)(&page())));
    }

    /// The results pages' table in the current language.
    pub fn results(self) -> &'static ResultsTexts {
        if self.t().code == VI.code { &RESULTS_VI } else { &RESULTS_EN }
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
