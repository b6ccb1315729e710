//! Masking of contact details in free text. A citizen who types a phone number or an e-mail
//! address into a comment did not mean it to be stored, exported and read by staff: both are
//! replaced by [`MASK`] before the comment is stored, and the response keeps a flag that
//! something was masked.
//!
//! Phone numbers are recognised in the forms people write them in Việt Nam: `0905123456`,
//! `0905 123 456`, `090.512.3456`, `090-512-3456`, `024 3825 1234` (landlines), `+84 905 123 456`,
//! `(+84) 905…`, `84905123456`, and any `+` international number of 8 to 15 digits. Digit groups
//! may be separated by spaces, dots, dashes or parentheses. Ordinary numbers are left alone:
//! counts ("3 lần"), years, amounts ("50.000 đồng", "1.500.000"), times, dates and codes glued to
//! letters; a phone number is the longest run of groups that has exactly a phone's digits, so a
//! count written after it ("0905123456 3 lần") stays.

/// What replaces a phone number or an e-mail address.
pub const MASK: &str = "***";

/// The text with its contact details masked, and whether there were any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Masked {
    pub text: String,
    pub masked: bool,
}

/// Masks every e-mail address, then every phone number, in `text`.
pub fn mask(text: &str) -> Masked {
    let (text, emails) = replace(text, email_at);
    let (text, phones) = replace(&text, phone_at);
    Masked { text, masked: emails || phones }
}

/// Given the characters and a start index, the (start, end) of the first match at or after it.
type Find = fn(&[char], usize) -> Option<(usize, usize)>;

/// Replaces with [`MASK`] every span that `find` recognises, scanning left to right.
fn replace(text: &str, find: Find) -> (String, bool) {
    let chars: Vec<char> = text.chars().collect();
    let (mut out, mut i, mut any) = (String::with_capacity(text.len()), 0, false);
    while i < chars.len() {
        match find(&chars, i) {
            Some((start, end)) => {
                out.extend(&chars[i..start]);
                out.push_str(MASK);
                i = end;
                any = true;
            }
            None => {
                out.extend(&chars[i..]);
                break;
            }
        }
    }
    (out, any)
}

fn is_local(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._%+-".contains(c)
}

fn is_domain(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '.'
}

/// The first e-mail address at or after `from`: a local part, `@`, and a domain of at least two
/// labels whose last is two letters or more.
fn email_at(chars: &[char], from: usize) -> Option<(usize, usize)> {
    let mut at = from;
    while at < chars.len() {
        if chars[at] == '@' {
            let mut start = at;
            while start > from && is_local(chars[start - 1]) {
                start -= 1;
            }
            let mut end = at + 1;
            while end < chars.len() && is_domain(chars[end]) {
                end += 1;
            }
            // A sentence's full stop or a dash after the address is not part of it.
            while end > at + 1 && matches!(chars[end - 1], '.' | '-') {
                end -= 1;
            }
            let domain: String = chars[at + 1..end].iter().collect();
            let labels: Vec<&str> = domain.split('.').collect();
            let tld = labels.last().copied().unwrap_or_default();
            let valid = start < at
                && labels.len() >= 2
                && labels.iter().all(|l| !l.is_empty())
                && tld.len() >= 2
                && tld.chars().all(|c| c.is_ascii_alphabetic());
            if valid {
                return Some((start, end));
            }
        }
        at += 1;
    }
    None
}

/// Characters that may stand between the digit groups of a phone number (at most three).
fn is_phone_separator(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}')
}

/// Whether `digits` (after a `+` or not) are a phone number's. Vietnamese numbers have exact
/// lengths: 0 + 9 digits for mobiles (03, 05, 07, 08, 09), 0 + 10 for landlines (02…), so a
/// count written right after one is not taken in.
fn is_phone(digits: &str, plus: bool, thousands: bool) -> bool {
    let national = |rest: &[u8]| match rest {
        [b'2', ..] => rest.len() == 10,
        [b'3' | b'5' | b'7' | b'8' | b'9', ..] => rest.len() == 9,
        _ => false,
    };
    match digits.as_bytes() {
        [b'8', b'4', rest @ ..] if plus || !thousands => national(rest),
        _ if plus => (8..=15).contains(&digits.len()),
        [b'0', rest @ ..] => national(rest),
        _ => false,
    }
}

/// The first phone number at or after `from`.
fn phone_at(chars: &[char], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i < chars.len() {
        let c = chars[i];
        let glued = i > 0 && chars[i - 1].is_alphanumeric();
        let starts = c.is_ascii_digit() || (c == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        if starts && !glued {
            if let Some(end) = phone_from(chars, i) {
                // `(+84) …`: the opening parenthesis goes too.
                let start = if i > from && chars[i - 1] == '(' { i - 1 } else { i };
                return Some((start, end));
            }
            // Skip the rest of this number: a phone never starts inside one.
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '+') {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    None
}

/// The end of the phone number starting at `start` (a digit or `+`), if one does: the longest
/// run of digit groups whose digits are a phone's.
fn phone_from(chars: &[char], start: usize) -> Option<usize> {
    let plus = chars[start] == '+';
    let mut i = if plus { start + 1 } else { start };
    let (mut digits, mut groups, mut dots_only, mut best) = (String::new(), Vec::new(), true, None);
    loop {
        let group = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            digits.push(chars[i]);
            i += 1;
        }
        if i == group || digits.len() > 15 {
            break;
        }
        // A group glued to letters ("12h", "3km") ends the number without being part of it.
        if chars.get(i).is_some_and(|c| c.is_alphabetic()) {
            break;
        }
        groups.push(i - group);
        // "84.905.123.000" is an amount in thousands, not a phone number without its `+`.
        let thousands = dots_only && groups.len() > 1 && groups[0] <= 3 && groups[1..].iter().all(|&g| g == 3);
        if is_phone(&digits, plus, thousands) {
            best = Some(i);
        }
        let mut sep = i;
        while sep < chars.len() && sep - i < 3 && is_phone_separator(chars[sep]) {
            sep += 1;
        }
        if sep == i || !chars.get(sep).is_some_and(char::is_ascii_digit) {
            break;
        }
        dots_only &= sep - i == 1 && chars[i] == '.';
        i = sep;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn masked(s: &str) -> String {
        let m = mask(s);
        assert!(m.masked, "{s:?} should be masked, got {:?}", m.text);
        m.text
    }

    fn untouched(s: &str) {
        let m = mask(s);
        assert!(!m.masked, "{s:?} should not be masked, got {:?}", m.text);
        assert_eq!(m.text, s);
    }

    #[test]
    fn vietnamese_phone_numbers_are_masked_in_every_form() {
        for (text, expected) in [
            ("gọi tôi 0905123456 nhé", "gọi tôi *** nhé"),
            ("sđt: 0905 123 456.", "sđt: ***."),
            ("0905.123.456", "***"),
            ("090-512-3456", "***"),
            ("máy bàn 024 3825 1234", "máy bàn ***"),
            ("+84 905 123 456", "***"),
            ("+84905123456, cảm ơn", "***, cảm ơn"),
            ("(+84) 905 123 456", "***"),
            ("84905123456", "***"),
            ("số 0905 - 123 - 456 ạ", "số *** ạ"),
            ("call +33 6 12 34 56 78", "call ***"),
            ("hai số 0905123456 và 0912 345 678", "hai số *** và ***"),
        ] {
            assert_eq!(masked(text), expected, "{text}");
        }
    }

    #[test]
    fn a_count_after_a_phone_number_stays() {
        assert_eq!(masked("0905123456 3 lần"), "*** 3 lần");
        assert_eq!(masked("gọi 0905 123 456 lúc 9 giờ"), "gọi *** lúc 9 giờ");
    }

    #[test]
    fn email_addresses_are_masked() {
        assert_eq!(masked("email nguyen.van.a@gmail.com."), "email ***.");
        assert_eq!(masked("a_b+c@so-y-te.khanhhoa.gov.vn viết"), "*** viết");
        assert_eq!(masked("0905123456@gmail.com"), "***");
    }

    #[test]
    fn ordinary_numbers_and_at_signs_are_left_alone() {
        for text in [
            "Tôi đã đến 3 lần",
            "năm 2024 và 2025",
            "phí 50.000 đồng",
            "mất 1.500.000 đồng, chờ 45 phút",
            "lúc 07:30 ngày 12/03/2025",
            "từ 8 - 10 giờ",
            "hồ sơ số 000123456789",
            "mã HS0905123456",
            "nhiệt độ -5 độ, 3km",
            "gửi @ phòng 2",
            "a@b",
            "x@y.z1",
            "điểm 4,5/5",
            "số 1234567890",
            "0 người",
        ] {
            untouched(text);
        }
    }

    proptest! {
        #[test]
        fn masking_is_idempotent_and_leaves_no_phone(
            text in "[a-zà-ỹ .,+()@0-9-]{0,40}"
        ) {
            let once = mask(&text);
            let twice = mask(&once.text);
            prop_assert!(!twice.masked, "{:?} -> {:?} still has something to mask", text, once.text);
            prop_assert_eq!(twice.text, once.text.clone());
            if !once.masked {
                prop_assert_eq!(once.text, text);
            }
        }

        #[test]
        fn a_phone_anywhere_in_words_is_masked(
            before in "[a-zà-ỹ ]{0,12}", after in "[a-zà-ỹ ]{0,12}",
            number in "0[35789][0-9]{8}", sep in prop::sample::select(vec!["", " ", ".", "-"])
        ) {
            let written = format!("{}{sep}{}{sep}{}", &number[..4], &number[4..7], &number[7..]);
            let text = format!("{before} {written} {after}");
            let m = mask(&text);
            prop_assert!(m.masked);
            prop_assert_eq!(m.text, format!("{before} {MASK} {after}"));
        }

        #[test]
        fn numbers_that_are_no_phone_stay(n in 0u64..1_000_000_000, year in 1900u32..2100) {
            // Amounts as Vietnamese write them: thousands separated by dots.
            let digits = (n * 1000).to_string();
            let first = digits.len() % 3;
            let mut amount = digits[..first].to_owned();
            for (k, chunk) in digits.as_bytes()[first..].chunks(3).enumerate() {
                if first > 0 || k > 0 {
                    amount.push('.');
                }
                amount.push_str(std::str::from_utf8(chunk).expect("digits"));
            }
            // Undotted, at most nine digits: twelve digits such as 842000000000 have the very shape of
            // a landline with its country code, and are masked on purpose.
            let text = format!("{n} lần, năm {year}, {amount} đồng, {} đồng", (n % 1_000_000) * 1000);
            let m = mask(&text);
            prop_assert!(!m.masked, "{:?} -> {:?}", text, m.text);
        }
    }
}
