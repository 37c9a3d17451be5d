//! Cell-level normalisation for contacts: phone numbers, tag lists, gender, names.
//!
//! The rules follow the fixtures' `dedup_rule` and `tag_split`: phones lose spaces, dashes and
//! brackets and the +86 / 0086 / 86 country code, landlines keep their leading 0, and a number
//! is valid with 7–12 digits; tags split on any of `, ， 、 ; ； |`, trimmed, without empties or
//! repeats.

use unicode_normalization::UnicodeNormalization;

/// The separators tags are split on by default.
pub const DEFAULT_TAG_SEPARATORS: [char; 7] = [',', '，', '、', ';', '；', '|', '｜'];

pub use crate::domain::customer::Gender;

/// Cells that mean "nothing here" in real exports (有赞 `——`, 抖店 `-`, WeChatMsg `None` …).
const EMPTY_MARKERS: [&str; 8] = ["—", "——", "-", "/", "None", "null", "NULL", "－"];

/// The rules every cell of every file goes through before anything reads it: a `="…"` wrapper
/// (Excel's way to keep an order number as text) and one leading `'` (the same, typed) are
/// stripped, and a cell that is only a "nothing" marker becomes empty. Returns `None` when the
/// cell stays as it is, so the common case allocates nothing.
pub fn clean_cell(cell: &str) -> Option<String> {
    let trimmed = cell.trim();
    let unwrapped = trimmed
        .strip_prefix("=\"")
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or(trimmed);
    let unquoted = unwrapped.strip_prefix('\'').unwrap_or(unwrapped);
    if EMPTY_MARKERS.contains(&unquoted.trim()) {
        return Some(String::new());
    }
    (unquoted.len() != trimmed.len()).then(|| unquoted.to_string())
}

/// Applies [`clean_cell`] to every cell of a row in place.
pub fn clean_cells(cells: &mut [String]) {
    for cell in cells {
        if let Some(clean) = clean_cell(cell) {
            *cell = clean;
        }
    }
}

/// Parses 男/女/未知, WeCom codes 0/1/2 and English words; `None` for empty or other text.
pub fn parse_gender(text: &str) -> Option<Gender> {
    match text.trim().to_lowercase().as_str() {
        "男" | "男性" | "1" | "m" | "male" | "man" => Some(Gender::Male),
        "女" | "女性" | "2" | "f" | "female" | "woman" => Some(Gender::Female),
        "未知" | "其他" | "0" | "unknown" | "保密" | "-" => Some(Gender::Unknown),
        _ => None,
    }
}

/// Whether a phone or name is masked by the exporting platform (`138****8001`, `王*`): such a value
/// identifies nobody.
pub fn is_masked(text: &str) -> bool {
    text.contains('*') || text.contains('＊')
}

/// Normalises a phone number to its digits, or `None` when it is not a plausible number.
///
/// Strips spaces, `-`, `(`, `)`, `（`, `）`; a numeric-cell rendering `13800123456.0` loses its
/// `.0`; drops `+86`, `0086`, or a leading `86` on 13 digits (repeatedly); keeps the leading 0
/// of landlines.
/// Valid when 7–12 digits remain.
pub fn normalize_phone(text: &str) -> Option<String> {
    let mut s: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')' | '（' | '）'))
        .collect();
    if let Some(dot) = s.find('.')
        && s[dot + 1..].bytes().all(|b| b == b'0')
    {
        s.truncate(dot);
    }
    // Strip country codes until none is left, so a pasted `+86 0086 …` cannot leave a `0086…`
    // that a second normalisation would strip again (the result must be a fixed point).
    let mut digits = s.as_str();
    loop {
        digits = if let Some(rest) = digits.strip_prefix("+86") {
            rest
        } else if let Some(rest) = digits.strip_prefix("0086") {
            rest
        } else if digits.len() == 13 && digits.starts_with("86") {
            &digits[2..]
        } else {
            break;
        };
    }
    let valid = (7..=12).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    valid.then(|| digits.to_string())
}

/// Splits a tag cell on any of `separators`; trims, drops empties and repeats (first wins).
pub fn split_tags(text: &str, separators: &[char]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for part in text.split(|c| separators.contains(&c)) {
        let tag = part.trim();
        if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    tags
}

/// A name as compared and stored: Unicode NFC, surrounding whitespace removed.
pub fn normalize_name(text: &str) -> String {
    text.trim().nfc().collect::<String>().trim().to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;

    #[test]
    fn cells_lose_wrappers_and_nothing_markers() {
        let clean = |s: &str| clean_cell(s).unwrap_or_else(|| s.to_string());
        assert_eq!(clean("=\"1894561230012345\""), "1894561230012345");
        assert_eq!(clean("'13800138001"), "13800138001");
        assert_eq!(clean(" ——"), "");
        assert_eq!(clean("None"), "");
        assert_eq!(clean("null"), "");
        assert_eq!(clean("/"), "");
        assert_eq!(clean("=\"-\""), "");
        assert_eq!(clean("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(clean_cell("陈堃"), None);
        assert_eq!(clean_cell("-1"), None, "a negative number is a value");
        assert_eq!(clean_cell("Nonesuch"), None);
        assert!(is_masked("138****8001") && is_masked("王*") && !is_masked("王芳"));
    }

    #[test]
    fn phones_per_dedup_rule() {
        let cases = [
            ("13800123456", Some("13800123456")),
            ("138 0012 3456", Some("13800123456")),
            ("138-0012-3456", Some("13800123456")),
            ("+86 138 0011 2234", Some("13800112234")),
            ("+86-13800112234", Some("13800112234")),
            ("008613800112234", Some("13800112234")),
            ("8613800112234", Some("13800112234")),
            // Found by tests/fuzz_import.rs: a repeated country code is stripped whole, so the
            // result normalises to itself (it gave Some("00860000"), which then gave None).
            ("+8600860000", None),
            ("+86 0086 138 0011 2234", Some("13800112234")),
            ("13800123456.0", Some("13800123456")),
            ("(0571) 5550-1879", Some("057155501879")),
            ("（0571）55501879", Some("057155501879")),
            ("057155501879", Some("057155501879")),
            ("5550187", Some("5550187")),
            ("555018", None),
            ("1234567890123", None),
            ("", None),
            ("无", None),
            ("138001234a6", None),
            ("1.38001E+10", None),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_phone(input).as_deref(), expected, "{input:?}");
        }
    }

    #[test]
    fn tags_per_tag_split() {
        let seps = DEFAULT_TAG_SEPARATORS;
        assert_eq!(
            split_tags("老客 , 红茶 , 直播间 , KOC", &seps),
            ["老客", "红茶", "直播间", "KOC"]
        );
        assert_eq!(
            split_tags("高价值，乌龙，老带新", &seps),
            ["高价值", "乌龙", "老带新"]
        );
        assert_eq!(
            split_tags("新客；普洱；白茶", &seps),
            ["新客", "普洱", "白茶"]
        );
        assert_eq!(
            split_tags("老客、绿茶|小红书;VIP", &seps),
            ["老客", "绿茶", "小红书", "VIP"]
        );
        assert_eq!(split_tags("a,,a, b ,", &seps), ["a", "b"]);
        assert!(split_tags("  ", &seps).is_empty());
        assert_eq!(split_tags("a b/c", &['/']), ["a b", "c"]);
    }

    #[test]
    fn genders() {
        assert_eq!(parse_gender("男"), Some(Gender::Male));
        assert_eq!(parse_gender(" 女 "), Some(Gender::Female));
        assert_eq!(parse_gender("未知"), Some(Gender::Unknown));
        assert_eq!(parse_gender("0"), Some(Gender::Unknown));
        assert_eq!(parse_gender("1"), Some(Gender::Male));
        assert_eq!(parse_gender("2"), Some(Gender::Female));
        assert_eq!(parse_gender("Female"), Some(Gender::Female));
        assert_eq!(parse_gender(""), None);
        assert_eq!(parse_gender("3"), None);
        assert_eq!(Gender::Male.key(), "male");
    }

    #[test]
    fn names_are_nfc_and_trimmed() {
        assert_eq!(normalize_name("  陈堃 "), "陈堃");
        assert_eq!(normalize_name("Cafe\u{301}"), "Café");
        assert_eq!(normalize_name("\u{3000}小鹿🦌\t"), "小鹿🦌");
    }
}
