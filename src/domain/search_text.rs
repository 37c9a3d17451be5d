//! How text becomes searchable, and how a query becomes an FTS5 expression.
//!
//! Two indexes work together (see migration 0001): `search_cjk` sees every CJK character as its own
//! token, so a 1–2 character Chinese query is an indexed phrase query; `search_trigram` answers any
//! term of three or more characters as a substring. This module is the pure half: text in, text out.

/// Whether `c` is written without spaces between words (Han, kana, Hangul, CJK punctuation excluded).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x3134F  // extensions B–G
        | 0x3040..=0x30FF    // kana
        | 0xAC00..=0xD7AF) // Hangul syllables
}

/// Spaces out every CJK character so that unicode61 makes each one a token.
/// `王小明abc上海` becomes `王 小 明 abc 上 海`.
pub fn space_cjk(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut last_was_cjk = false;
    for c in text.chars() {
        let cjk = is_cjk(c);
        if (cjk || last_was_cjk) && !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
        out.push(c);
        last_was_cjk = cjk;
    }
    out
}

/// Which index answers one query term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermPlan {
    /// FTS5 MATCH expression for `search_cjk`.
    Cjk(String),
    /// FTS5 MATCH expression for `search_trigram`.
    Trigram(String),
}

/// Splits a user's query into terms (all must match) and picks the index for each.
///
/// Terms of three or more characters go to the trigram index (true substring search). Shorter
/// terms go to the spaced-CJK index: Chinese as a phrase of single-character tokens, anything else
/// as a token prefix (`13` finds phone numbers starting with 13).
pub fn plan_query(query: &str) -> Vec<TermPlan> {
    query
        .split_whitespace()
        .filter_map(|term| {
            let term: String = term.chars().filter(|c| *c != '"').collect();
            if term.is_empty() {
                return None;
            }
            let length = term.chars().count();
            Some(if length >= 3 {
                TermPlan::Trigram(format!("\"{term}\""))
            } else if term.chars().any(is_cjk) {
                TermPlan::Cjk(format!("\"{}\"", space_cjk(&term)))
            } else {
                TermPlan::Cjk(format!("\"{term}\"*"))
            })
        })
        .collect()
}

/// One FTS5 expression for an index of spaced-CJK text alone (the chat search): every term must
/// match; Chinese as a phrase of single-character tokens whatever its length, anything else as
/// a token prefix. `None` for an empty query.
pub fn phrase_query(query: &str) -> Option<String> {
    let terms: Vec<String> = query
        .split_whitespace()
        .filter_map(|term| {
            let term: String = term.chars().filter(|c| *c != '"').collect();
            if term.is_empty() {
                None
            } else if term.chars().any(is_cjk) {
                Some(format!("\"{}\"", space_cjk(&term)))
            } else {
                Some(format!("\"{term}\"*"))
            }
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_characters_are_spaced_and_latin_runs_kept() {
        assert_eq!(space_cjk("王小明abc上海"), "王 小 明 abc 上 海");
        assert_eq!(space_cjk("小鹿-杭州-白茶"), "小 鹿 - 杭 州 - 白 茶");
        assert_eq!(space_cjk("Amy 138"), "Amy 138");
        assert_eq!(space_cjk(""), "");
    }

    #[test]
    fn short_chinese_terms_become_phrases_on_the_cjk_index() {
        assert_eq!(plan_query("王"), vec![TermPlan::Cjk("\"王\"".into())]);
        assert_eq!(plan_query("上海"), vec![TermPlan::Cjk("\"上 海\"".into())]);
    }

    #[test]
    fn long_terms_go_to_the_trigram_index_and_quotes_are_dropped() {
        assert_eq!(
            plan_query("王 \"1380012"),
            vec![
                TermPlan::Cjk("\"王\"".into()),
                TermPlan::Trigram("\"1380012\"".into())
            ]
        );
    }

    #[test]
    fn chat_queries_are_phrases_of_any_length() {
        assert_eq!(phrase_query("白牡丹"), Some("\"白 牡 丹\"".into()));
        assert_eq!(
            phrase_query("链接 vip"),
            Some("\"链 接\" AND \"vip\"*".into())
        );
        assert_eq!(phrase_query(" \" "), None);
    }

    #[test]
    fn short_latin_terms_are_prefixes() {
        assert_eq!(plan_query("ab"), vec![TermPlan::Cjk("\"ab\"*".into())]);
        assert!(plan_query("   ").is_empty());
    }
}
