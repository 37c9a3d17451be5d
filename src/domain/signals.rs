//! Keyword signals in what customers said in the groups: "said 多少钱 / 怎么买 / 链接 in the last
//! 7 days" (buying), "complained: 退货 / 投诉 …". A rule lists the customers whose messages match;
//! the manager tags them or enrols them in a journey — never silently.

/// One rule: a name, the words (any of them matches) and how many days back it looks.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SignalRule {
    pub name: String,
    pub words: Vec<String>,
    pub days: i64,
}

impl SignalRule {
    fn new(name: &str, words: &[&str], days: i64) -> Self {
        Self {
            name: name.into(),
            words: words.iter().map(|w| w.to_string()).collect(),
            days,
        }
    }

    /// The first of the rule's words `text` contains.
    pub fn matched_word(&self, text: &str) -> Option<&str> {
        self.words
            .iter()
            .map(String::as_str)
            .find(|w| !w.trim().is_empty() && text.contains(w.trim()))
    }

    /// One line per rule as the settings text shows it: `购买意向：多少钱，怎么买 (7)`.
    pub fn to_line(&self) -> String {
        format!("{}：{}（{}）", self.name, self.words.join("，"), self.days)
    }

    /// Reads a line written like `to_line` (the day count optional, 7 by default); `None` for
    /// a line without a name or words.
    pub fn from_line(line: &str) -> Option<Self> {
        let (name, rest) = line.split_once(['：', ':'])?;
        let rest = rest.trim();
        let (words, days) = match rest.rsplit_once(['（', '(']) {
            Some((words, tail)) => {
                let n = tail.trim_end_matches([')', '）']).trim().parse().ok()?;
                (words, n)
            }
            None => (rest, DEFAULT_DAYS),
        };
        let words: Vec<String> = words
            .split([',', '，', '、'])
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect();
        let name = name.trim();
        (!name.is_empty() && !words.is_empty()).then(|| Self {
            name: name.into(),
            words,
            days: days.clamp(1, 365),
        })
    }
}

const DEFAULT_DAYS: i64 = 7;

/// The rules a new data file starts with.
pub fn default_rules() -> Vec<SignalRule> {
    vec![
        SignalRule::new(
            "购买意向",
            &[
                "多少钱",
                "怎么买",
                "链接",
                "下单",
                "价格",
                "怎么卖",
                "还有货",
            ],
            DEFAULT_DAYS,
        ),
        SignalRule::new(
            "投诉",
            &["退货", "投诉", "质量", "太慢", "退款", "坏了", "不满意"],
            DEFAULT_DAYS,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_anywhere_and_blank_words_never() {
        let rule = SignalRule::new("购买意向", &["多少钱", " ", "链接"], 7);
        assert_eq!(rule.matched_word("这个多少钱一斤？"), Some("多少钱"));
        assert_eq!(rule.matched_word("求链接"), Some("链接"));
        assert_eq!(rule.matched_word("好喝"), None);
    }

    #[test]
    fn lines_round_trip_and_bad_lines_are_refused() {
        for rule in default_rules() {
            assert_eq!(SignalRule::from_line(&rule.to_line()), Some(rule));
        }
        assert_eq!(
            SignalRule::from_line("问白牡丹: 白牡丹, 牡丹 (14)"),
            Some(SignalRule::new("问白牡丹", &["白牡丹", "牡丹"], 14))
        );
        assert_eq!(
            SignalRule::from_line("问白牡丹：白牡丹"),
            Some(SignalRule::new("问白牡丹", &["白牡丹"], 7))
        );
        assert_eq!(SignalRule::from_line("没有冒号"), None);
        assert_eq!(SignalRule::from_line("：白牡丹"), None);
        assert_eq!(SignalRule::from_line("空的：，，"), None);
        assert_eq!(SignalRule::from_line("坏天数：白牡丹（很多）"), None);
    }
}
