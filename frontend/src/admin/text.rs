//! Every text of the console, in Vietnamese: the console is for Vietnamese officials. Pages name
//! texts from here and never write their own.

use hailong_domain::api::Window;
use hailong_domain::{AnswerProblem, CampaignStatus, Channel, Date, UnitKind};

// Shell and sign-in
pub const CONSOLE: &str = "Quản trị khảo sát";
pub const NAV_LABEL: &str = "Trang quản trị";
pub const NAV_CAMPAIGNS: &str = "Đợt khảo sát";
pub const NAV_ENTRY: &str = "Nhập phiếu";
pub const NAV_UNITS: &str = "Đơn vị";
pub const NAV_AUDIT: &str = "Nhật ký";
pub const ROLE_ADMIN: &str = "Quản trị viên";
pub const ROLE_STAFF: &str = "Cán bộ đơn vị";
pub const ROLE_VIEWER: &str = "Người xem";
pub const SIGN_IN_TITLE: &str = "Đăng nhập trang quản trị";
pub const USERNAME: &str = "Tên đăng nhập";
pub const PASSWORD: &str = "Mật khẩu";
pub const SIGN_IN: &str = "Đăng nhập";
pub const SIGN_OUT: &str = "Đăng xuất";
pub const SIGNED_OUT: &str = "Bạn đã đăng xuất.";
pub const BAD_CREDENTIALS: &str = "Sai tên đăng nhập hoặc mật khẩu.";
pub const SESSION_ENDED: &str = "Phiên làm việc đã hết hạn hoặc không hợp lệ. Xin đăng nhập lại.";
pub const NOT_FOUND: &str = "Không có trang này";
pub const NOT_ALLOWED_TITLE: &str = "Không có quyền truy cập";
pub const NOT_ALLOWED: &str = "Vai trò của bạn không được dùng trang này. Nếu cần, xin liên hệ quản trị viên của Sở.";
pub const BACK_TO_CAMPAIGNS: &str = "Về danh sách đợt khảo sát";

// Failures
pub const OFFLINE: &str = "Không kết nối được máy chủ. Xin kiểm tra mạng rồi thử lại.";
pub const SERVER_TROUBLE: &str = "Máy chủ đang gặp sự cố. Xin thử lại sau ít phút.";
pub const LOADING: &str = "Đang tải…";

pub const FORBIDDEN: &str = "Bạn không có quyền thực hiện việc này. Nếu cần, xin liên hệ quản trị viên của Sở.";
/// An error code this console does not know yet (a newer server): said generally, never in
/// the server's English.
pub const REFUSED_UNKNOWN: &str = "Máy chủ không thực hiện yêu cầu này. Xin kiểm tra lại thông tin đã nhập; nếu vẫn không được, xin liên hệ quản trị viên của Sở.";

/// The API's stable `error` code said in Vietnamese: every code `functions/src/error.rs` and
/// the handlers send. `window` is the campaign's dates, for `closed` and `not_yet_open`.
pub fn api_error(code: &str, window: Option<Window>) -> String {
    let text = match code {
        "no_route" | "method_not_allowed" => "Máy chủ không có chức năng này. Xin tải lại trang.",
        "not_found" => "Không tìm thấy dữ liệu được yêu cầu: mã có thể không đúng hoặc không thuộc đợt khảo sát này.",
        "invalid_body" => "Dữ liệu gửi lên không đúng dạng. Xin tải lại trang rồi thử lại.",
        "too_large" => "Dữ liệu gửi lên quá lớn. Xin chia tệp thành nhiều phần.",
        "unauthorized" => SESSION_ENDED,
        "bad_credentials" => BAD_CREDENTIALS,
        "too_many_attempts" => "Đã nhập sai mật khẩu quá nhiều lần. Xin đợi một phút rồi đăng nhập lại.",
        "forbidden" => FORBIDDEN,
        "store_unavailable" => SERVER_TROUBLE,
        "rate_limited" => "Máy chủ đang nhận quá nhiều yêu cầu. Xin đợi một lát rồi thử lại.",
        "not_accepted" | "bad_device_token" => "Máy chủ không nhận phiếu gửi từ trình duyệt này.",
        "invalid_paper" => "Áp phích chỉ in khổ A4 hoặc A5.",
        "forged_poster" => "Mã áp phích không đúng: xin quét mã QR trên áp phích dán tại đơn vị.",
        "conflict" => "Mã phiếu này đã được dùng cho một phiếu khác; phiếu không được lưu lần thứ hai.",
        "closed" => return closed(window),
        "not_yet_open" => return not_yet_open(window),
        "invalid_answers" => "Một số câu trả lời không hợp lệ: xin sửa các câu được chỉ ra rồi lưu lại.",
        "invalid_response" => "Phiếu không thuộc đợt khảo sát hoặc đơn vị này, hoặc ý kiến khác quá dài.",
        "invalid_rows" => ROWS_REFUSED_ANY,
        "too_many_rows" => {
            "Danh sách quá dài: mỗi danh sách có tối đa 20.000 khách hàng. Xin chia danh sách của đơn vị."
        }
        "channel_not_allowed" => "Phiếu QR do người dân tự gửi; ở đây chỉ nhập phiếu giấy, điện thoại hoặc phỏng vấn.",
        "serial_required" => SERIAL_REQUIRED,
        "invalid_plan" => {
            "Kế hoạch chưa hợp lệ: xin kiểm tra cơ quan tổ chức, các đơn vị (phải có trong danh mục và đang hoạt động), bộ câu hỏi, ngày bắt đầu trước ngày kết thúc, mục tiêu và chỉ tiêu."
        }
        "invalid_quota" => QUOTA_NOT_A_NUMBER,
        "invalid_share" => "Tỷ lệ rút mẫu phải lớn hơn 0 % và không quá 100 %.",
        "invalid_verdict" => "Xin chọn kết quả phúc tra: khớp hoặc sai lệch.",
        "invalid_size" => "Số người cần gọi phải là một số nguyên từ 1 trở lên.",
        "invalid_unit" => "Thông tin đơn vị chưa hợp lệ: xin kiểm tra tên, loại, đơn vị cấp trên và quy mô phục vụ.",
        "invalid_questionnaire" => "Bộ câu hỏi chưa hợp lệ: xin kiểm tra các phần, câu hỏi và lựa chọn.",
        "unknown_questionnaire" => "Không có bộ câu hỏi hoặc phiên bản này trong danh mục.",
        "invalid_action" => "Hành động cải thiện chưa hợp lệ: xin ghi nội dung, đơn vị chịu trách nhiệm và thời hạn.",
        "invalid_receipt" => "Mã biên nhận không đúng dạng.",
        "invalid_value" => "Có giá trị trống hoặc quá dài so với mức máy chủ lưu được. Xin rút ngắn rồi gửi lại.",
        "invalid_id" => "Mã trong đường dẫn không đúng dạng. Xin kiểm tra lại đường dẫn hoặc quay lại danh sách.",
        "reason_required" => REASON_REQUIRED,
        // Refusals: what the campaign's or the record's state does not allow.
        "duplicate_serial" => "Phiếu mang số này đã được nhập trong đợt khảo sát; máy chủ không nhận lần thứ hai.",
        "campaign_exists" => "Đã có đợt khảo sát mang mã này. Xin chọn mã khác.",
        "wrong_status" => {
            "Trạng thái của đợt khảo sát không cho phép việc này (có thể vừa được thay đổi ở nơi khác). Xin tải lại trang."
        }
        "campaign_closed" => "Đợt khảo sát đã đóng: không thay đổi được nữa.",
        "campaign_not_closed" => "Cần đóng đợt khảo sát trước khi công bố kết quả.",
        "already_excluded" => "Phiếu này đã bị loại trước đó.",
        "already_verified" => "Phiếu này đã được ghi nhận kết quả phúc tra.",
        "already_sampled" => "Đơn vị này đã được rút mẫu trong đợt khảo sát; không rút lần thứ hai.",
        "already_deactivated" => "Đơn vị này đã ngừng hoạt động trước đó.",
        "list_sampled" => "Đã rút mẫu từ danh sách này: muốn nhập danh sách khác, xin xóa danh sách cũ trước.",
        "not_counted_yet" => "Một số phiếu vừa nhận chưa được tính xong. Xin đợi một lát rồi công bố lại.",
        "invalid_limit" | "invalid_cursor" | "invalid_date" => {
            "Bộ lọc hoặc trang nhật ký không hợp lệ. Xin kiểm tra ngày đã nhập rồi lọc lại từ trang đầu."
        }
        "no_customers" => "Chưa có danh sách khách hàng của đơn vị này. Xin nhập danh sách trước.",
        "sample_too_large" => "Số người cần gọi nhiều hơn số người trong danh sách.",
        "questionnaire_in_use" => {
            "Đơn vị loại này đã có phiếu: bộ câu hỏi không đổi được nữa, vì số liệu của một đơn vị phải theo một phiên bản."
        }
        "version_taken" => "Phiên bản này vừa được thêm ở nơi khác. Xin gửi lại.",
        "action_exists" => "Hành động này vừa được thêm ở nơi khác. Xin gửi lại.",
        "publish_busy" => "Một lần công bố kết quả của đợt này đang diễn ra. Xin đợi rồi tải lại trang.",
        "publish_failed" => "Không công bố được: số liệu đã lưu không nhất quán. Xin liên hệ quản trị viên kỹ thuật.",
        // Said by a publication job's steps (its failure's message), not by a request.
        "publish_unfinished" => "Các bước công bố chưa xong hết: bước cuối sẽ được chạy lại.",
        "export_out_of_order" | "export_carry_missing" => {
            "Một bước tạo tệp chạy sai thứ tự; hệ thống sẽ tự chạy lại bước đó."
        }
        "export_units_changed" => "Danh sách đơn vị của đợt đã đổi trong lúc tạo tệp. Xin tạo lại tệp.",
        "export_too_large" => "Tệp Excel vượt quá 4 GB. Xin xuất theo từng đơn vị hoặc dùng tệp CSV.",
        "invalid_step" => "Hàng đợi công bố nhận một thông điệp không đọc được; nó đã được bỏ qua.",
        _ => REFUSED_UNKNOWN,
    };
    text.to_owned()
}

fn closed(window: Option<Window>) -> String {
    match window {
        Some(w) => format!("Đợt khảo sát đã kết thúc ngày {}, không nhận thêm phiếu.", date(w.closes)),
        None => "Đợt khảo sát đã kết thúc, không nhận thêm phiếu.".into(),
    }
}

fn not_yet_open(window: Option<Window>) -> String {
    match window {
        Some(w) => format!("Đợt khảo sát bắt đầu ngày {}, chưa nhận phiếu.", date(w.opens)),
        None => "Đợt khảo sát chưa bắt đầu, chưa nhận phiếu.".into(),
    }
}

// Common words
pub const CODE: &str = "Mã";
pub const TITLE: &str = "Tên";
pub const STATUS: &str = "Trạng thái";
pub const PERIOD: &str = "Thời gian";
pub const UNIT: &str = "Đơn vị";
pub const CAMPAIGN: &str = "Đợt khảo sát";
pub const UNKNOWN: &str = "—";
pub const REFRESH: &str = "Cập nhật";
pub const PAGES: &str = "Các trang đơn vị";
pub const PREVIOUS_PAGE: &str = "Trang trước";
pub const NEXT_PAGE: &str = "Trang sau";

/// The number of a page of units.
pub fn page(n: usize) -> String {
    format!("Trang {n}")
}
pub const SAVE: &str = "Lưu";
pub const CANCEL: &str = "Hủy";
pub const NOTE: &str = "Ghi chú";
pub const ACTIONS: &str = "Thao tác";
pub const DOWNLOADED: &str = "Đã tải tệp về máy.";

pub fn status(s: CampaignStatus) -> &'static str {
    match s {
        CampaignStatus::Draft => "Bản nháp",
        CampaignStatus::Open => "Đang mở",
        CampaignStatus::Closed => "Đã đóng",
    }
}

pub fn channel(c: Channel) -> &'static str {
    match c {
        Channel::Qr => "Mã QR",
        Channel::Paper => "Phiếu giấy",
        Channel::Phone => "Điện thoại",
        Channel::Interviewer => "Phỏng vấn trực tiếp",
    }
}

/// A channel's name in element ids.
pub fn channel_key(c: Channel) -> &'static str {
    match c {
        Channel::Qr => "qr",
        Channel::Paper => "paper",
        Channel::Phone => "phone",
        Channel::Interviewer => "interviewer",
    }
}

pub fn kind(k: UnitKind) -> &'static str {
    match k {
        UnitKind::So => "Sở",
        UnitKind::UbndXa => "UBND xã",
        UnitKind::UbndPhuong => "UBND phường",
        UnitKind::TramYTe => "Trạm y tế",
        UnitKind::BenhVien => "Bệnh viện",
        UnitKind::Other => "Khác",
    }
}

pub fn date(d: Date) -> String {
    d.to_vietnamese()
}

/// `hh:mm dd/mm/yyyy` in Việt Nam (UTC+7, no daylight saving) of a Unix time in milliseconds.
pub fn vietnam_time(ms: i64) -> String {
    let minutes = (ms + 7 * 3_600_000).rem_euclid(86_400_000) / 60_000;
    format!("{:02}:{:02} {}", minutes / 60, minutes % 60, date(Date::in_vietnam_at(ms)))
}

/// A percentage with a decimal comma: "92,5 %".
pub fn pct(x: f64) -> String {
    format!("{:.1} %", x).replace('.', ",")
}

// Campaigns
pub const CAMPAIGNS_TITLE: &str = "Các đợt khảo sát";
pub const CAMPAIGNS_CAPTION: &str = "Đợt khảo sát, trạng thái và số đơn vị";
pub const NO_CAMPAIGNS: &str = "Chưa có đợt khảo sát nào.";
pub const NEW_CAMPAIGN: &str = "Tạo đợt khảo sát mới";
pub const UNITS_COUNT: &str = "Số đơn vị";
pub const CAMPAIGN_NAV: &str = "Các trang của đợt khảo sát";
pub const TARGET: &str = "Mục tiêu hài lòng";
pub const MIN_RESPONSES: &str = "Số phiếu tối thiểu để công bố";
pub const OPEN_CAMPAIGN: &str = "Mở đợt khảo sát (bắt đầu nhận phiếu)";
pub const CLOSE_CAMPAIGN: &str = "Đóng đợt khảo sát (ngừng nhận phiếu)";
pub const CONFIRM_CLOSE: &str = "Đóng đợt khảo sát? Sau khi đóng, hệ thống không nhận thêm phiếu nào.";
pub const CAMPAIGN_CLOSED_NOTE: &str = "Đợt khảo sát đã đóng: có thể xem trước và công bố kết quả.";
pub const EXPORTS_TITLE: &str = "Tải dữ liệu phiếu";
pub const WHOLE_CAMPAIGN: &str = "Cả đợt khảo sát";
pub const DOWNLOAD_CSV: &str = "Tải CSV";
pub const DOWNLOAD_XLSX: &str = "Tải Excel (XLSX)";

// Exports (a job: progress, then the file)
pub const EXPORT_READY: &str = "Tệp đã sẵn sàng.";
pub const DOWNLOAD_FILE: &str = "Tải tệp về máy";

pub fn exporting(units_done: u32, units_total: u32, rows: u64) -> String {
    format!("Đang chuẩn bị tệp: {units_done}/{units_total} đơn vị, {rows} phiếu đã ghi…")
}

/// The job's own failure text is for the logs and API users (English); people read this.
pub const EXPORT_FAILED: &str =
    "Không tạo được tệp sau nhiều lần thử. Vui lòng thử lại; nếu vẫn lỗi, xin báo quản trị viên kỹ thuật.";

// Progress
pub const PROGRESS_TITLE: &str = "Tiến độ";
pub const PROGRESS_CAPTION: &str = "Số phiếu được tính so với chỉ tiêu, theo đơn vị và kênh";
pub const QUOTA: &str = "Chỉ tiêu";
pub const COUNTED: &str = "Phiếu được tính";
pub const PCT_OF_QUOTA: &str = "% chỉ tiêu";
pub const QUOTA_NOT_A_NUMBER: &str = "Chỉ tiêu phải là một số nguyên từ 1 trở lên.";

pub fn quota_of(unit: &str) -> String {
    format!("Chỉ tiêu của {unit}")
}
pub const EXCLUDED: &str = "Đã loại";
pub const RESPONSE_RATE: &str = "Tỷ lệ phản hồi";
pub const SCHEDULE: &str = "Tiến độ";
pub const BEHIND: &str = "Chậm tiến độ";
pub const ON_TRACK: &str = "Đúng tiến độ";
pub const ALERTS_TITLE: &str = "Cảnh báo: ý kiến gần đây chuyển xấu";

pub fn progress_summary(counted: usize, quota: u32, expected_pct: f64, behind: usize) -> String {
    format!(
        "Các đơn vị của trang này: đã có {counted}/{quota} phiếu được tính. Đến hôm nay cần đạt khoảng {} chỉ tiêu; {behind} đơn vị chậm tiến độ.",
        pct(expected_pct)
    )
}

/// The API's alert ("6 of the last 10 answers within a day are dissatisfied") in Vietnamese.
pub fn alert(api: &str) -> String {
    let numbers: Vec<&str> =
        api.split(' ').filter(|w| w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty()).collect();
    match numbers.as_slice() {
        [bad, of] => format!("{bad} trong {of} ý kiến gần nhất (trong 24 giờ) không hài lòng."),
        _ => api.to_owned(),
    }
}

// New campaign
pub const PLAN_TITLE: &str = "Tạo đợt khảo sát từ kế hoạch";
pub const PLAN_ID: &str = "Mã đợt (chữ thường, số, gạch ngang)";
pub const PLAN_NAME: &str = "Tên đợt khảo sát";
pub const PLAN_AUTHORITY: &str = "Cơ quan tổ chức khảo sát";
pub const PLAN_AUTHORITY_HINT: &str = "Tên như trên văn bản của kế hoạch, ví dụ: Sở Nội vụ tỉnh Khánh Hòa, UBND thành phố Cam Ranh. Tên này in trên áp phích, phiếu khảo sát, biên nhận và trang kết quả.";
pub const PLAN_BAD_AUTHORITY: &str = "Xin nhập tên cơ quan tổ chức khảo sát (tối đa 120 ký tự).";
pub const OPENS: &str = "Ngày bắt đầu";
pub const CLOSES: &str = "Ngày kết thúc";
pub const PLAN_UNITS: &str = "Đơn vị tham gia";
pub const PLAN_UNITS_HINT: &str =
    "Chọn loại đơn vị; mọi đơn vị đang hoạt động của loại đó (dưới đơn vị cấp trên, nếu chọn) được đưa vào.";
pub const PLAN_PARENT: &str = "Chỉ các đơn vị trực thuộc";
pub const ANY_PARENT: &str = "Tất cả";
pub const PLAN_QUESTIONNAIRE: &str = "Bộ câu hỏi";
pub fn questionnaire_choice(title: &str, id: &str, version: u32) -> String {
    format!("{title} ({id}, phiên bản {version})")
}

pub const PLAN_QUOTA: &str = "Chỉ tiêu mỗi đơn vị";
pub const PLAN_QUOTA_HINT: &str = "Để trống: theo quy mô phục vụ của đơn vị nếu có, nếu không 60 phiếu mỗi UBND, 50 phiếu mỗi trạm. Chỉ tiêu riêng của từng đơn vị sửa được ở trang của đợt khảo sát.";
pub const PLAN_TARGET: &str = "Mục tiêu % hài lòng";
pub const PLAN_MIN: &str = "Số phiếu tối thiểu để công bố kết quả của đơn vị";
pub const PLAN_CREATE: &str = "Tạo đợt khảo sát (bản nháp)";
pub const PLAN_NO_KIND: &str = "Xin chọn ít nhất một loại đơn vị.";
pub const PLAN_BAD_DATES: &str = "Xin nhập ngày bắt đầu và ngày kết thúc.";
pub const PLAN_BAD_ID: &str = "Mã đợt chỉ gồm chữ thường không dấu, số và gạch ngang.";

// Entry
pub const ENTRY_TITLE: &str = "Nhập phiếu giấy và phiếu điện thoại";
pub const ENTRY_INTRO: &str = "Gõ số phiếu rồi Enter; ở mỗi câu gõ một chữ số (1–5, 0 = không sử dụng) để trả lời và tự chuyển sang câu sau; Enter để lưu phiếu.";
pub const NO_OPEN_CAMPAIGN: &str = "Không có đợt khảo sát nào đang mở để nhập phiếu.";
pub const NO_UNIT_TO_ENTER: &str = "Bạn không phụ trách đơn vị nào trong đợt khảo sát này.";
pub const CHANNEL: &str = "Kênh thu phiếu";
pub const SERIAL: &str = "Số phiếu (in trên phiếu giấy)";
pub const SERIAL_REQUIRED: &str = "Phiếu giấy cần có số phiếu.";
pub const COMMENT_ON_FORM: &str = "Ý kiến khác ghi trên phiếu (nếu có)";
pub const COMMENT_HINT: &str = "Enter: lưu phiếu. Shift+Enter: xuống dòng.";
pub const SAVE_FORM: &str = "Lưu phiếu (Enter)";
pub const RECEIPT: &str = "Mã biên nhận";
pub const RESPONSE_ID: &str = "Mã phiếu trong hệ thống";
pub const SCALE_LEGEND: &str = "Thang điểm: ";

/// The keys of a 3-face item, in the citizen scale's own words (one wording for both).
pub fn faces_keys() -> String {
    let [a, b, c] = crate::i18n::VI.faces;
    format!("1 = {a}; 2 = {b}; 3 = {c}")
}

pub fn duplicate_serial(serial: &str) -> String {
    format!(
        "Phiếu số {serial} đã được nhập trong đợt khảo sát này; máy chủ không nhận lần thứ hai. Xin kiểm tra lại số phiếu."
    )
}

pub fn entered(serial: &str) -> String {
    if serial.is_empty() {
        "Đã lưu phiếu. Tờ nhập trống sẵn sàng cho phiếu tiếp theo.".into()
    } else {
        format!("Đã lưu phiếu số {serial}. Tờ nhập trống sẵn sàng cho phiếu tiếp theo.")
    }
}

pub fn scale_keys(zero: Option<&str>) -> String {
    match zero {
        Some(label) => format!("1–5; 0 = {label}"),
        None => "1–5".into(),
    }
}

pub fn multi_keys(options: &str) -> String {
    format!("Gõ các số cách nhau bởi dấu cách: {options}")
}

pub fn number_keys(min: i64, max: i64) -> String {
    format!("Số từ {min} đến {max}")
}

pub fn text_keys(max: u32) -> String {
    format!("Tối đa {max} ký tự")
}

pub fn key_refused(digit: i64) -> String {
    format!("Câu này không có lựa chọn {digit}.")
}

pub fn problem(p: &AnswerProblem) -> String {
    match p {
        AnswerProblem::UnknownItem => "Bộ câu hỏi không có câu này.".into(),
        AnswerProblem::Missing => "Câu này bắt buộc trả lời.".into(),
        AnswerProblem::WrongType { .. } => "Câu trả lời không đúng dạng.".into(),
        AnswerProblem::OutOfRange { min, max } => format!("Giá trị phải từ {min} đến {max}."),
        AnswerProblem::NotAnOption { value } => format!("{value} không phải là một lựa chọn của câu này."),
        AnswerProblem::TooMany { max } => format!("Chọn tối đa {max} lựa chọn."),
        AnswerProblem::TooLong { max } => format!("Dài quá {max} ký tự."),
    }
}

// Units
pub const UNITS_TITLE: &str = "Danh mục đơn vị";
pub const UNITS_TREE: &str = "Cây đơn vị";
pub const NO_UNITS: &str = "Chưa có đơn vị nào.";
pub const INACTIVE: &str = "ngừng hoạt động";
pub const EDIT: &str = "Sửa";
pub const DEACTIVATE: &str = "Ngừng hoạt động";
pub const UNIT_NAME: &str = "Tên đơn vị";
pub const UNIT_KIND: &str = "Loại đơn vị";
pub const UNIT_PARENT: &str = "Đơn vị cấp trên";
pub const NO_PARENT: &str = "Không có (cấp cao nhất)";
pub const UNIT_VOLUME: &str = "Quy mô phục vụ trong kỳ (số hồ sơ, lượt khám)";
pub const IMPORT_TITLE: &str = "Nhập đơn vị từ tệp CSV";
pub const IMPORT_HINT: &str = "Dòng đầu ghi tên cột: code, name, kind, parent, volume. Nếu có dòng sai, không đơn vị nào được lưu và bảng dưới đây chỉ ra từng dòng sai.";
pub const IMPORT_FILE: &str = "Chọn tệp CSV";
pub const IMPORT_PASTE: &str = "Hoặc dán nội dung CSV";
pub const IMPORT: &str = "Nhập danh mục";
pub const ROWS_REFUSED: &str = "Tệp có dòng sai nên không đơn vị nào được lưu. Sửa các dòng sau rồi nhập lại:";
pub const ROWS_REFUSED_ANY: &str =
    "Tệp có dòng sai nên không dòng nào được lưu. Sửa các dòng được chỉ ra rồi nhập lại.";
pub const ROWS_CAPTION: &str = "Các dòng sai";
pub const ROW: &str = "Dòng";
pub const PROBLEM: &str = "Lỗi";

pub fn volume(v: u32, suggested: Option<u32>) -> String {
    match suggested {
        Some(q) => format!("quy mô {v}, gợi ý {q} phiếu"),
        None => format!("quy mô {v}"),
    }
}

pub fn imported(n: u64) -> String {
    format!("Đã nhập {n} đơn vị.")
}

pub fn confirm_deactivate(name: &str) -> String {
    format!("Ngừng hoạt động {name}? Đơn vị sẽ không được đưa vào đợt khảo sát mới; phiếu đã có vẫn được giữ.")
}

// Re-verification
pub const VERIFICATION_TITLE: &str = "Phúc tra";
pub const VERIFICATION_INTRO: &str = "Rút ngẫu nhiên một tỷ lệ phiếu giấy, điện thoại và phỏng vấn của đơn vị (mặc định 10 %), liên hệ lại người trả lời và ghi nhận kết quả từng phiếu.";
pub const DRAW_TITLE: &str = "Rút mẫu phúc tra";
pub const SHARE: &str = "Tỷ lệ rút mẫu (%)";
pub const DRAW: &str = "Rút mẫu";
pub const SAMPLE_TITLE: &str = "Các phiếu đã rút để phúc tra";
pub const NO_SAMPLE: &str = "Chưa rút mẫu phúc tra nào.";
pub const CONFIRMED: &str = "Khớp (người trả lời xác nhận)";
pub const DISCREPANCY: &str = "Sai lệch";
pub const RECORD: &str = "Ghi nhận";
pub const EXCLUDE_THIS: &str = "Loại phiếu này";
pub const VERIFICATION_PROGRESS: &str = "Tiến độ phúc tra theo đơn vị";
pub const VERIFICATION_CAPTION: &str = "Số phiếu đã rút, đã khớp, sai lệch và chưa phúc tra";
pub const SAMPLED: &str = "Đã rút";
pub const PENDING: &str = "Chưa phúc tra";

pub fn sample_summary(unit: &str, n: usize, population: usize, seed: u64) -> String {
    format!(
        "{unit}: đã rút {n} trong {population} phiếu nhập tay. Hạt giống ngẫu nhiên (để rút lại đúng mẫu này): {seed}."
    )
}

pub fn verdict(confirmed: bool, note: &str, by: &str) -> String {
    let what = if confirmed { "khớp" } else { "sai lệch" };
    let note = if note.is_empty() { String::new() } else { format!(" ({note})") };
    format!("{what}{note}, ghi nhận bởi {by}")
}

pub fn recorded(confirmed: bool) -> String {
    if confirmed { "Đã ghi nhận: khớp.".into() } else { "Đã ghi nhận: sai lệch.".into() }
}

// Exclusion
pub const EXCLUDE_TITLE: &str = "Loại phiếu khỏi kết quả";
pub const EXCLUDE_INTRO: &str =
    "Phiếu bị loại không còn được tính vào kết quả; phiếu không bị xóa và việc loại được ghi vào nhật ký.";
pub const REASON: &str = "Lý do";
pub const EXCLUDE: &str = "Loại phiếu";
pub const EXCLUDE_YES: &str = "Loại phiếu này khỏi kết quả";
pub const EXCLUDE_PICK: &str = "Xin nhập mã phiếu để xem phiếu trước khi loại.";
pub const ALREADY_EXCLUDED: &str = "Phiếu này đã bị loại trước đó.";
pub const RESPONSE_TITLE: &str = "Phiếu sẽ bị loại";
pub const RECEIVED_AT: &str = "Thời điểm nhận";
pub const ANSWERS: &str = "Câu trả lời";
pub const COMMENT: &str = "Ý kiến khác";
pub const ENTERED_BY: &str = "Người nhập";

pub fn answers_summary(answered: usize) -> String {
    format!("{answered} câu đã trả lời")
}

pub fn confirm_exclude(reason: &str) -> String {
    format!(
        "Loại phiếu này với lý do “{reason}”? Phiếu không còn được tính vào kết quả của đơn vị; việc loại được ghi vào nhật ký và không hủy được."
    )
}

pub fn reason(code: &str) -> &'static str {
    match code {
        "invalid" => "Phiếu không hợp lệ",
        "fraud" => "Gian lận",
        "failed_verification" => "Không qua phúc tra",
        _ => "Lý do khác",
    }
}

pub fn excluded(id: &str) -> String {
    format!("Đã loại phiếu {id}: phiếu không còn được tính.")
}

pub fn exclude_label(id: &str) -> String {
    format!("Loại phiếu {id}")
}

// Flags
pub const FLAGS_TITLE: &str = "Phiếu cần xem xét";
pub const FLAGS_INTRO: &str = "Phiếu bị đánh dấu tự động: nhiều phiếu QR trong thời gian ngắn, phiếu giống hệt nhau, phiếu nhập quá nhanh. Xem xét rồi loại phiếu nếu cần.";
pub const NO_FLAGS: &str = "Không có phiếu nào bị đánh dấu.";
pub const FLAGS_CAPTION: &str = "Phiếu bị đánh dấu theo đơn vị";
pub const FLAG_KIND: &str = "Dấu hiệu";
pub const FLAG_DETAIL: &str = "Chi tiết";
pub const FLAG_RESPONSES: &str = "Phiếu liên quan";

pub fn flag_kind(kind: &str) -> &'static str {
    match kind {
        "identical_answers" => "Phiếu giống hệt nhau",
        "burst" => "Nhiều phiếu QR dồn dập",
        "fast_entry" => "Nhập phiếu quá nhanh",
        _ => "Khác",
    }
}

/// A flag's detail, in Vietnamese from its kind and the responses concerned.
pub fn flag_detail(kind: &str, responses: usize) -> String {
    match kind {
        "identical_answers" => format!("{responses} phiếu trả lời giống hệt nhau ở mọi câu."),
        "burst" => format!("{responses} phiếu QR gửi đến dồn dập trong thời gian ngắn."),
        "fast_entry" => format!("{responses} phiếu dài do một người nhập liên tiếp, nhanh hơn mức có thể gõ."),
        _ => format!("{responses} phiếu."),
    }
}

// Audit
pub const AUDIT_TITLE: &str = "Nhật ký thao tác";
pub const AUDIT_CAPTION: &str = "Các thay đổi, mới nhất trước (giờ Việt Nam)";
pub const AUDIT_AT: &str = "Thời điểm";
pub const AUDIT_USER: &str = "Người thực hiện";
pub const AUDIT_ACTION: &str = "Thao tác";
pub const AUDIT_WHAT: &str = "Việc đã làm";
pub const AUDIT_AFTER: &str = "Dữ liệu ghi lại";
pub const AUDIT_JSON: &str = "Xem dữ liệu (JSON)";
pub const AUDIT_CAMPAIGN: &str = "Mã đợt khảo sát";
pub const AUDIT_ANY_ACTION: &str = "Mọi thao tác";
pub const AUDIT_FROM: &str = "Từ ngày";
pub const AUDIT_TO: &str = "Đến ngày";
pub const AUDIT_APPLY: &str = "Lọc";
pub const AUDIT_EMPTY: &str = "Không có mục nào khớp với bộ lọc.";
pub const AUDIT_PAGES: &str = "Các trang nhật ký";
pub const AUDIT_NEWER: &str = "← Trang mới hơn";
pub const AUDIT_OLDER: &str = "Trang cũ hơn →";

pub fn audit_page(n: usize) -> String {
    format!("Trang {n}")
}

/// The actions the API records, by code, with their names for the filter.
pub const AUDIT_ACTIONS: &[(&str, &str)] = &[
    ("campaign.create", "Tạo đợt khảo sát"),
    ("campaign.open", "Mở đợt khảo sát"),
    ("campaign.close", "Đóng đợt khảo sát"),
    ("campaign.quota", "Đổi chỉ tiêu"),
    ("campaign.questionnaire", "Đổi bộ câu hỏi của đợt"),
    ("campaign.publish", "Công bố kết quả"),
    ("response.enter", "Nhập phiếu"),
    ("response.exclude", "Loại phiếu"),
    ("verification.draw", "Rút mẫu phúc tra"),
    ("verification.record", "Ghi nhận phúc tra"),
    ("poster.revoke", "Thu hồi áp phích"),
    ("customers.upload", "Nhập danh sách khách hàng"),
    ("customers.sample", "Rút mẫu gọi điện"),
    ("customers.call_sheet", "Tải phiếu gọi"),
    ("customers.purge", "Xóa danh sách khách hàng"),
    ("units.import", "Nhập danh mục đơn vị"),
    ("unit.update", "Sửa đơn vị"),
    ("unit.deactivate", "Ngừng hoạt động đơn vị"),
    ("questionnaire.version", "Thêm phiên bản bộ câu hỏi"),
    ("action.add", "Thêm hành động cải thiện"),
    ("action.update", "Cập nhật hành động cải thiện"),
];

/// An RFC 3339 instant as `hh:mm dd/mm/yyyy` in Việt Nam (parsed by the browser).
pub fn vietnam_time_of(rfc3339: &str) -> String {
    let ms = js_sys::Date::parse(rfc3339);
    if ms.is_nan() { rfc3339.to_owned() } else { vietnam_time(ms as i64) }
}

/// One audit entry as a sentence: what was done, to what (the person is in its own column).
pub fn audit_sentence(
    action: &str,
    target: &str,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> String {
    let field = |v: Option<&serde_json::Value>, name: &str| {
        v.and_then(|v| v.get(name)).map(|x| x.as_str().map(str::to_owned).unwrap_or_else(|| x.to_string()))
    };
    let count = |name: &str| field(after, name).unwrap_or_else(|| UNKNOWN.to_owned());
    // Targets of a unit within a campaign are `campaign/unit`.
    let (campaign, unit) = target.split_once('/').unwrap_or((target, ""));
    match action {
        "campaign.create" => format!("Tạo đợt khảo sát {target} (bản nháp)."),
        "campaign.open" => format!("Mở đợt khảo sát {target}: bắt đầu nhận phiếu."),
        "campaign.close" => format!("Đóng đợt khảo sát {target}: ngừng nhận phiếu."),
        "campaign.quota" => format!(
            "Đổi chỉ tiêu của {unit} trong đợt {campaign}: {} → {} phiếu.",
            field(before, "quota").unwrap_or_else(|| UNKNOWN.to_owned()),
            count("quota")
        ),
        "campaign.questionnaire" => format!("Đổi bộ câu hỏi của đợt khảo sát {target}."),
        "campaign.publish" => match field(after, "version") {
            Some(v) => format!("Công bố kết quả đợt khảo sát {target}, bản {v}."),
            None => format!("Công bố kết quả đợt khảo sát {target}."),
        },
        "response.enter" => match field(after, "channel").as_deref() {
            Some("paper") => format!("Nhập phiếu giấy {} của {} (mã {target}).", count("serial"), count("unit")),
            Some("phone") => format!("Nhập phiếu điện thoại của {} (mã {target}).", count("unit")),
            _ => format!("Nhập phiếu của {} (mã {target}).", count("unit")),
        },
        "response.exclude" => format!(
            "Loại phiếu {target} của {} khỏi kết quả, lý do: {}.",
            count("unit"),
            reason(&field(after, "reason").unwrap_or_default()).to_lowercase()
        ),
        "verification.draw" => format!("Rút mẫu phúc tra trong đợt khảo sát {target}."),
        "verification.record" => match field(after, "result").as_deref() {
            Some("confirmed") => format!("Ghi nhận phúc tra phiếu {target}: khớp."),
            Some("discrepancy") => format!("Ghi nhận phúc tra phiếu {target}: sai lệch."),
            _ => format!("Ghi nhận phúc tra phiếu {target}."),
        },
        "poster.revoke" => {
            format!("Thu hồi áp phích của {unit} trong đợt {campaign}; áp phích mới là bản {}.", count("version"))
        }
        "customers.upload" => {
            format!("Nhập danh sách khách hàng của {unit} trong đợt {campaign}: {} dòng.", count("rows"))
        }
        "customers.sample" => format!("Rút mẫu người cần gọi của {unit} trong đợt {campaign}."),
        "customers.call_sheet" => format!("Tải phiếu gọi của {unit} trong đợt {campaign}: {} người.", count("rows")),
        "customers.purge" => {
            format!("Xóa danh sách khách hàng của {unit} trong đợt {campaign}: {} dòng.", count("rows"))
        }
        "units.import" => match after.and_then(|a| a.get("codes")).and_then(|c| c.as_array()) {
            Some(codes) => format!("Nhập danh mục đơn vị từ tệp CSV: {} đơn vị.", codes.len()),
            None => "Nhập danh mục đơn vị từ tệp CSV.".to_owned(),
        },
        "unit.update" => format!("Sửa thông tin đơn vị {target}."),
        "unit.deactivate" => format!("Cho đơn vị {target} ngừng hoạt động."),
        "questionnaire.version" => format!("Thêm phiên bản mới của bộ câu hỏi {target}."),
        "action.add" => format!("Thêm hành động cải thiện cho {target}."),
        "action.update" => format!("Cập nhật hành động cải thiện {target}."),
        _ => format!("Thao tác khác trên {target}."),
    }
}

// Posters
pub const POSTERS_TITLE: &str = "Áp phích QR";
pub const POSTERS_INTRO: &str = "Mỗi đơn vị có một áp phích mang mã QR riêng, tệp PDF in khổ A4 hoặc A5, ghi cơ quan tổ chức, thời gian khảo sát và thông báo khảo sát. Thu hồi áp phích khi bị lạm dụng: mã cũ vẫn mở được phiếu nhưng không còn được tính cho áp phích đó.";
pub const ALL_POSTERS_A4: &str = "Tải tệp in tất cả áp phích (PDF, khổ A4)";
pub const ALL_POSTERS_A5: &str = "Tải tệp in tất cả áp phích (PDF, khổ A5)";
/// One file of a campaign's posters too many for one: which part, which units (by position).
pub fn poster_part(part: usize, first: usize, last: usize, paper: &str) -> String {
    format!("Tải phần {part} (đơn vị {first}–{last}) của tệp in áp phích (PDF, khổ {paper})")
}
pub const POSTERS_CAPTION: &str = "Áp phích theo đơn vị, với lượt quét, lượt bắt đầu và lượt hoàn thành";
pub const POSTER_STATS: &str = "Quét / bắt đầu / hoàn thành";
pub const NO_SCANS: &str = "Chưa có lượt quét";
pub const OPEN_POSTER: &str = "Mở";
pub const SAVE_POSTER_A4: &str = "Tải PDF A4";
pub const SAVE_POSTER_A5: &str = "Tải PDF A5";
pub const REVOKE: &str = "Thu hồi";

pub fn poster_stats(version: u32, scans: i64, starts: i64, completions: i64) -> String {
    format!("bản {version}: {scans} / {starts} / {completions}")
}

pub const REVOKE_YES: &str = "Thu hồi và tạo áp phích mới";
pub const REVOKE_CLOSED: &str = "Đợt khảo sát đã đóng: không cần thu hồi áp phích.";

pub fn confirm_revoke(unit: &str) -> String {
    format!(
        "Thu hồi áp phích hiện tại của {unit}? Mã QR cũ vẫn mở được phiếu nhưng lượt quét không còn được tính cho áp phích đó; cần in và dán áp phích mới. Việc này không hủy được."
    )
}

pub fn revoked(version: u64) -> String {
    format!("Đã thu hồi; áp phích mới là bản {version}. Xin in và dán lại.")
}

// Sampling
pub const SAMPLING_TITLE: &str = "Chọn mẫu gọi điện";
pub const SAMPLING_INTRO: &str = "Nhập danh sách khách hàng của đơn vị, rút ngẫu nhiên người cần gọi (hạt giống được ghi lại), tải phiếu gọi, rồi xóa danh sách khi xong.";
pub const CUSTOMERS_TITLE: &str = "Danh sách khách hàng";
pub const CUSTOMERS_HINT: &str =
    "Tệp CSV có tên cột: name, phone, dossier, date. Nếu có dòng sai, danh sách không được lưu.";
pub const UPLOAD_CUSTOMERS: &str = "Nhập danh sách";
pub const CALL_SAMPLE_TITLE: &str = "Rút mẫu người cần gọi";
pub const SAMPLE_SIZE: &str = "Số người cần gọi";
pub const SAMPLE_SEED: &str = "Hạt giống ngẫu nhiên (không bắt buộc)";
pub const SEED_HINT: &str = "Để trống để rút ngẫu nhiên; nhập hạt giống của lần rút trước để rút lại đúng mẫu đó.";
pub const CALL_SHEET: &str = "Tải phiếu gọi (CSV)";
pub const PURGE: &str = "Xóa danh sách khách hàng";
pub const PURGE_YES: &str = "Xóa hẳn danh sách";
pub const PURGE_NOT_YET: &str = "Cán bộ đơn vị xóa danh sách sau khi đợt khảo sát đã đóng.";

pub fn confirm_purge(unit: &str) -> String {
    format!(
        "Xóa hẳn danh sách khách hàng và mẫu gọi điện đã rút của {unit}? Họ tên và số điện thoại bị xóa khỏi hệ thống, phiếu gọi không tải lại được, và việc này không hủy được."
    )
}

pub fn customers_uploaded(rows: u64, phones: u64) -> String {
    format!("Đã nhập {rows} dòng ({phones} số điện thoại khác nhau).")
}

pub fn call_sample(n: usize, population: u64, seed: u64) -> String {
    format!("Đã rút {n} trong {population} người. Hạt giống: {seed}.")
}

pub fn purged(rows: u64) -> String {
    format!("Đã xóa {rows} dòng khách hàng.")
}

// Publishing
pub const PUBLISH_TITLE: &str = "Kết quả và công bố";
pub const PREVIEW_TITLE: &str = "Xem trước số liệu";
pub const PREVIEW_CAPTION: &str = "Số liệu từng đơn vị như sẽ được công bố";
pub const PREVIEWING: &str = "Đang tính số liệu xem trước từ các đơn vị…";
pub const PREVIEW_FAILED: &str =
    "Không tính được số liệu xem trước. Hãy tải lại trang để thử lại; nếu vẫn lỗi, báo quản trị hệ thống.";
pub const PUBLISH_REASON: &str = "Lý do công bố (bắt buộc khi công bố lại lần thứ hai trở đi)";
pub const PUBLISH_HINT: &str = "Lý do được công bố kèm số liệu, ví dụ: đính chính sau phúc tra.";
pub const PUBLISH: &str = "Công bố kết quả";
pub const PUBLISH_YES: &str = "Công bố công khai";
pub const REASON_REQUIRED: &str = "Kết quả đã được công bố trước đây: lần công bố mới cần ghi rõ lý do.";
pub const INDEX: &str = "Chỉ số hài lòng";
pub const CI95: &str = "Khoảng tin cậy 95 %";
pub const POOLED: &str = "Tỷ lệ hài lòng chung";
pub const RANK: &str = "Xếp hạng";
pub const SUPPRESSED: &str = "Chưa đủ phiếu";
pub const TARGET_MET: &str = "Đạt";
pub const TARGET_MISSED: &str = "Chưa đạt";

pub fn published(version: u32, digest: &str) -> String {
    format!("Đã công bố bản {version}. Mã kiểm chứng: {digest}.")
}

pub const PUBLISH_NOT_CLOSED: &str = "Chỉ công bố được khi đợt khảo sát đã đóng: hãy đóng đợt trước.";

/// The question asked before publishing: what will happen, and that it cannot be taken back.
pub fn confirm_publish(units: usize, counted: u64) -> String {
    format!(
        "Kết quả của {units} đơn vị ({counted} phiếu được tính) sẽ được công bố công khai. Số liệu đã công bố \
         không sửa hay rút lại được; muốn thay đổi phải công bố bản mới kèm lý do."
    )
}

pub fn publishing(version: u32, units_done: u32, units_total: u32, hashed: u64) -> String {
    format!("Đang công bố bản {version}: đã xử lý {units_done}/{units_total} đơn vị, {hashed} phiếu.")
}

pub fn not_fully_counted(stored: u64, counted: u64, units: &str) -> String {
    format!(
        "Chưa công bố: {} phiếu đã lưu nhưng chưa được tính ({counted}/{stored} phiếu đã tính; đơn vị: {units}). \
         Hãy chờ vài phút rồi công bố lại.",
        stored.saturating_sub(counted)
    )
}

pub const PUBLISH_EXCLUSIONS_CHANGED: &str = "Chưa công bố: có phiếu được loại ra trong lúc đang công bố, nên số liệu \
     và mã kiểm chứng có thể không khớp nhau. Không có số liệu nào được công bố; hãy công bố lại.";

/// `step` is the job's name for it: "plan", "hash {batch}" or "finish".
pub fn publish_step_failed(step: &str) -> String {
    let step = match step.split_once(' ') {
        // Batches count from 0 in the job, from 1 for people.
        Some(("hash", batch)) => format!("xử lý lô đơn vị số {}", batch.parse::<u32>().map_or(0, |b| b + 1)),
        _ if step == "plan" => "chuẩn bị".to_owned(),
        _ => "hoàn tất".to_owned(),
    };
    format!(
        "Chưa công bố: bước “{step}” vẫn lỗi sau nhiều lần thử lại. Không có số liệu nào được công bố; hãy thử lại."
    )
}

// The campaign's target rule (plan form and campaign page).

pub const PLAN_TARGET_RULE: &str = "Cách so với mục tiêu";

pub fn target_rule(rule: hailong_domain::TargetRule) -> &'static str {
    match rule {
        hailong_domain::TargetRule::Above => "Cao hơn mục tiêu (>), như “trên 90%” trong kế hoạch",
        hailong_domain::TargetRule::AtLeast => "Từ mục tiêu trở lên (≥)",
    }
}

/// "> 90,0 %" or "≥ 90,0 %".
pub fn target(t: hailong_domain::Target) -> String {
    format!("{} {}", t.rule.symbol(), pct(t.pct))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_use_a_decimal_comma() {
        assert_eq!(pct(92.46), "92,5 %");
        assert_eq!(pct(0.0), "0,0 %");
    }

    /// Every `.rs` file under `dir`, recursively.
    fn sources(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }

    /// The string literals that follow `marker` in `text` (up to the next `"…"`).
    fn codes_after(text: &str, marker: &str) -> Vec<String> {
        text.match_indices(marker)
            .filter_map(|(i, _)| {
                let rest = &text[i + marker.len()..];
                let start = rest.find('"')?;
                let code: String = rest[start + 1..].chars().take_while(|c| *c != '"').collect();
                (rest[..start].trim().is_empty() && !code.is_empty()).then_some(code)
            })
            .collect()
    }

    #[test]
    fn every_error_code_the_api_sends_is_said_in_vietnamese() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../functions/src");
        let mut files = Vec::new();
        sources(&root, &mut files);
        let mut codes = std::collections::BTreeSet::new();
        for file in &files {
            codes.extend(codes_after(file, "bad_request("));
            codes.extend(codes_after(file, "refused("));
        }
        let table = std::fs::read_to_string(root.join("error.rs")).unwrap();
        for line in table.lines().filter(|l| l.contains("=> (") && l.contains('"')) {
            codes.extend(codes_after(line, ", "));
        }
        codes.remove("");
        assert!(codes.len() > 20, "the codes were found: {codes:?}");
        let unknown: Vec<_> = codes.iter().filter(|c| api_error(c, None) == REFUSED_UNKNOWN).collect();
        assert!(unknown.is_empty(), "codes without a Vietnamese sentence: {unknown:?}");
        assert_eq!(api_error("something_new", None), REFUSED_UNKNOWN, "an unknown code is said generally");
    }

    #[test]
    fn the_entry_sheet_names_the_faces_as_the_citizen_form_does() {
        let [a, b, c] = crate::i18n::VI.faces;
        assert_eq!(faces_keys(), format!("1 = {a}; 2 = {b}; 3 = {c}"));
    }

    #[test]
    fn audit_entries_read_as_sentences() {
        let after = serde_json::json!({ "rows": 10, "sample": true });
        assert_eq!(
            audit_sentence("customers.purge", "dien-khanh/tyt-dien-an", None, Some(&after)),
            "Xóa danh sách khách hàng của tyt-dien-an trong đợt dien-khanh: 10 dòng."
        );
        let (before, after) = (serde_json::json!({ "quota": 50 }), serde_json::json!({ "quota": 40 }));
        assert_eq!(
            audit_sentence("campaign.quota", "c/u", Some(&before), Some(&after)),
            "Đổi chỉ tiêu của u trong đợt c: 50 → 40 phiếu."
        );
        for (code, _) in AUDIT_ACTIONS {
            assert!(!audit_sentence(code, "x", None, None).starts_with("Thao tác khác"), "{code} has its sentence");
        }
    }

    #[test]
    fn times_are_said_in_vietnam() {
        // 2026-12-01T17:30:00Z is half past midnight on 2 December in Việt Nam.
        assert_eq!(vietnam_time(1_796_146_200_000), "00:30 02/12/2026");
    }

    #[test]
    fn the_api_alert_is_said_in_vietnamese() {
        assert_eq!(
            alert("6 of the last 10 answers within a day are dissatisfied"),
            "6 trong 10 ý kiến gần nhất (trong 24 giờ) không hài lòng."
        );
        assert_eq!(alert("something else"), "something else", "an unknown wording is shown as given");
    }
}
