//! Every word the citizen app shows, one table per language, and the language switch.
//!
//! Questionnaire wording comes from the server and stays Vietnamese (it is the official text);
//! only the app's own words change with the switch.

use crate::saved;
use hailong_domain::action::ActionStatus;
use hailong_domain::{AnswerProblem, Channel, Date, Target};
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
    pub responses: &'static str,
    pub index: &'static str,
    pub pooled: &'static str,
    pub ranking: &'static str,
    pub rank: &'static str,
    pub interval: &'static str,
    pub n_quota: &'static str,
    pub response_rate: &'static str,
    pub target_met: fn(Target) -> String,
    pub yes: &'static str,
    pub no: &'static str,
    pub not_known: &'static str,
    pub suppressed: fn(u32) -> String,
    pub interval_label: fn(&str, &str, &str) -> String,
    pub bar_label: fn(&str, &str) -> String,
    pub overlap_mark: &'static str,
    pub overlap_note: &'static str,
    pub versions_title: &'static str,
    pub latest: &'static str,
    pub this_version: &'static str,
    pub republished: fn(&str) -> String,
    pub method_title: &'static str,
    pub excluded_title: &'static str,
    pub exclusion_reason: fn(&str) -> &'static str,
    pub downloads_title: &'static str,
    pub download_csv: &'static str,
    pub download_json: &'static str,
    pub results_not_found: &'static str,
    pub back_to_results: &'static str,
    pub unit_suppressed: fn(u64, u32) -> String,
    pub fully_satisfied: &'static str,
    pub expectation: &'static str,
    pub return_rate: &'static str,
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
    pub status: &'static str,
    pub action_status: fn(ActionStatus) -> &'static str,
    pub counted_verified: fn(u32) -> String,
    pub counted_failed: &'static str,
    pub not_published_yet: &'static str,
    pub excluded_because: fn(&str) -> String,
}

pub static RESULTS_VI: ResultsTexts = ResultsTexts {
    decimal: ',',
    published_title: "Kết quả khảo sát đã công bố",
    published_none: "Chưa có kết quả khảo sát nào được công bố.",
    period: |from, to| format!("Từ {} đến {}", from.to_vietnamese(), to.to_vietnamese()),
    version: |v| format!("Phiên bản {v}"),
    published_on: |time, date| format!("công bố lúc {time} ngày {}", date.to_vietnamese()),
    overall_title: "Kết quả chung theo bộ phiếu",
    responses: "Số phiếu",
    index: "Chỉ số hài lòng",
    pooled: "Tỷ lệ hài lòng chung",
    ranking: "Xếp hạng đơn vị",
    rank: "Hạng",
    interval: "Khoảng tin cậy 95%",
    n_quota: "Số phiếu / chỉ tiêu",
    response_rate: "Tỷ lệ phản hồi",
    target_met: |target| format!("Đạt mục tiêu ({})", target.describe()),
    yes: "Đạt",
    no: "Chưa đạt",
    not_known: "—",
    suppressed: |min| format!("Không công bố: dưới {min} phiếu"),
    interval_label: |index, lo, hi| format!("Chỉ số {index}, khoảng tin cậy 95% từ {lo} đến {hi}"),
    bar_label: |what, value| format!("{what}: {value}"),
    overlap_mark: "≈",
    overlap_note: "≈: khoảng tin cậy của đơn vị này chồng lên khoảng của đơn vị xếp liền trước hoặc liền sau, nên khác biệt thứ hạng giữa chúng chưa có ý nghĩa thống kê.",
    versions_title: "Các phiên bản đã công bố",
    latest: "mới nhất",
    this_version: "đang xem",
    republished: |reason| format!("Lý do công bố lại: {reason}"),
    method_title: "Phương pháp tính",
    excluded_title: "Phiếu không được tính",
    exclusion_reason: |r| match r {
        "invalid" => "Phiếu không hợp lệ",
        "fraud" => "Gian lận",
        "failed_verification" => "Không xác minh được",
        _ => "Lý do khác",
    },
    downloads_title: "Tải số liệu (dữ liệu mở)",
    download_csv: "Tải CSV",
    download_json: "Tải JSON",
    results_not_found: "Không tìm thấy kết quả đã công bố của đợt khảo sát này.",
    back_to_results: "Về kết quả đợt khảo sát",
    unit_suppressed: |n, min| {
        format!("Đơn vị có {n} phiếu, dưới mức tối thiểu {min} phiếu, nên kết quả không được công bố.")
    },
    fully_satisfied: "Hài lòng toàn diện",
    expectation: "Đáp ứng mong đợi (G1)",
    return_rate: "Sẽ quay lại (G2)",
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
    status: "Tình trạng",
    action_status: |s| match s {
        ActionStatus::Planned => "Chưa thực hiện",
        ActionStatus::InProgress => "Đang thực hiện",
        ActionStatus::Done => "Hoàn thành",
    },
    counted_verified: |v| {
        format!(
            "Câu trả lời được tính trong kết quả công bố (phiên bản {v}). Trình duyệt của Ông/Bà đã tự kiểm tra bằng chứng Merkle với mã tổng hợp đã công bố: khớp."
        )
    },
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
    responses: "Responses",
    index: "Satisfaction index",
    pooled: "Pooled satisfaction rate",
    ranking: "Ranking of offices",
    rank: "Rank",
    interval: "95% interval",
    n_quota: "Responses / quota",
    response_rate: "Response rate",
    target_met: |target| format!("Target met ({})", target.describe()),
    yes: "Met",
    no: "Not met",
    not_known: "—",
    suppressed: |min| format!("Not published: fewer than {min} responses"),
    interval_label: |index, lo, hi| format!("Index {index}, 95% interval from {lo} to {hi}"),
    bar_label: |what, value| format!("{what}: {value}"),
    overlap_mark: "≈",
    overlap_note: "≈: this office's interval overlaps that of the office ranked just above or below it, so the difference in rank between them is not statistically meaningful.",
    versions_title: "Published versions",
    latest: "latest",
    this_version: "shown",
    republished: |reason| format!("Reason for republishing: {reason}"),
    method_title: "Method",
    excluded_title: "Responses not counted",
    exclusion_reason: |r| match r {
        "invalid" => "Invalid form",
        "fraud" => "Fraud",
        "failed_verification" => "Could not be verified",
        _ => "Other reason",
    },
    downloads_title: "Download the figures (open data)",
    download_csv: "Download CSV",
    download_json: "Download JSON",
    results_not_found: "No published results of this survey were found.",
    back_to_results: "Back to the survey results",
    unit_suppressed: |n, min| {
        format!("This office has {n} responses, below the minimum of {min}, so its results are not published.")
    },
    fully_satisfied: "Fully satisfied",
    expectation: "Expectations met (G1)",
    return_rate: "Would come back (G2)",
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
    status: "Status",
    action_status: |s| match s {
        ActionStatus::Planned => "Not started",
        ActionStatus::InProgress => "In progress",
        ActionStatus::Done => "Done",
    },
    counted_verified: |v| {
        format!(
            "Your answer is counted in the published results (version {v}). Your browser checked the Merkle proof against the published digest itself: it matches."
        )
    },
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
