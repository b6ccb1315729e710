//! Every text of the console, in Vietnamese: the console is for Vietnamese officials. Pages name
//! texts from here and never write their own.

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

pub fn forbidden(api: &str) -> String {
    let detail = if api.is_empty() { String::new() } else { format!(" (máy chủ trả lời: {api})") };
    format!("Bạn không có quyền thực hiện việc này{detail}.")
}

pub fn not_found(api: &str) -> String {
    format!("Không tìm thấy: {api}")
}

pub fn refused(api: &str) -> String {
    format!("Máy chủ từ chối: {api}")
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
        "Đã có {counted}/{quota} phiếu được tính. Đến hôm nay cần đạt khoảng {} chỉ tiêu; {behind} đơn vị chậm tiến độ.",
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
pub const FACES_KEYS: &str = "1 = Không hài lòng; 2 = Bình thường; 3 = Hài lòng";

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

// Audit
pub const AUDIT_TITLE: &str = "Nhật ký thao tác";
pub const AUDIT_CAPTION: &str = "Mọi thay đổi, mới nhất trước";
pub const AUDIT_AT: &str = "Thời điểm (UTC)";
pub const AUDIT_USER: &str = "Người thực hiện";
pub const AUDIT_ACTION: &str = "Thao tác";
pub const AUDIT_TARGET: &str = "Đối tượng";
pub const AUDIT_AFTER: &str = "Nội dung";

// Posters
pub const POSTERS_TITLE: &str = "Áp phích QR";
pub const POSTERS_INTRO: &str = "Mỗi đơn vị có một áp phích A4 mang mã QR riêng. Thu hồi áp phích khi bị lạm dụng: mã cũ vẫn mở được phiếu nhưng không còn được tính cho áp phích đó.";
pub const ALL_POSTERS: &str = "Tải tệp in tất cả áp phích";
pub const POSTERS_CAPTION: &str = "Áp phích theo đơn vị, với lượt quét, lượt bắt đầu và lượt hoàn thành";
pub const POSTER_STATS: &str = "Quét / bắt đầu / hoàn thành";
pub const NO_SCANS: &str = "Chưa có lượt quét";
pub const OPEN_POSTER: &str = "Mở";
pub const SAVE_POSTER: &str = "Tải SVG";
pub const REVOKE: &str = "Thu hồi";

pub fn poster_stats(version: u32, scans: i64, starts: i64, completions: i64) -> String {
    format!("bản {version}: {scans} / {starts} / {completions}")
}

pub fn confirm_revoke(unit: &str) -> String {
    format!("Thu hồi áp phích của {unit} và tạo áp phích mới?")
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
pub const CONFIRM_PURGE: &str = "Xóa hẳn danh sách khách hàng và mẫu đã rút của đơn vị này?";

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
pub const PUBLISH_REASON: &str = "Lý do công bố (bắt buộc khi công bố lại lần thứ hai trở đi)";
pub const PUBLISH_HINT: &str = "Lý do được công bố kèm số liệu, ví dụ: đính chính sau phúc tra.";
pub const PUBLISH: &str = "Công bố kết quả";
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
        "Công bố công khai kết quả của {units} đơn vị ({counted} phiếu được tính)? Số liệu đã công bố \
         không sửa hay rút lại được; muốn thay đổi phải công bố bản mới kèm lý do."
    )
}

pub fn publishing(version: u32, units_done: u32, units_total: u32, hashed: u64) -> String {
    format!("Đang công bố bản {version}: {units_done}/{units_total} đơn vị, {hashed} phiếu đã băm.")
}

pub fn not_fully_counted(stored: u64, counted: u64, units: &str) -> String {
    format!(
        "Chưa công bố: {} phiếu đã lưu nhưng chưa được tính ({counted}/{stored} phiếu đã tính; đơn vị: {units}). \
         Hãy chờ vài phút rồi công bố lại.",
        stored.saturating_sub(counted)
    )
}

pub fn publish_step_failed(step: &str) -> String {
    format!("Chưa công bố: bước “{step}” lỗi sau nhiều lần thử lại. Không có số liệu nào được công bố; hãy thử lại.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_use_a_decimal_comma() {
        assert_eq!(pct(92.46), "92,5 %");
        assert_eq!(pct(0.0), "0,0 %");
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
