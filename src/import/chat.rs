//! WeChatMsg (留痕) group-chat CSV rows -> [`ChatMessage`]s and per-local-day activity.
//!
//! Rules (fixtures' `rules`): a *message* is a row whose Type is not 10000 (10000 = system:
//! joins, recalls, 拍一拍); a *speaker* is a distinct `Sender` wxid among messages (nicknames
//! are not unique); a *join* is a system row whose text contains 加入了群聊 or 加入群聊; the
//! *day* is the local date of CreateTime in the caller's offset (= the StrTime column), never
//! the UTC date. Leaves are not visible in a personal export.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::import::ImportError;
use crate::import::contacts::RowRejection;
use crate::import::dates::parse_datetime;
use crate::import::table::RawRow;

/// WeChat's message type for system notices.
pub const SYSTEM_TYPE: i64 = 10000;

/// One row of a chat export.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChatMessage {
    /// 1-based row number in the file.
    pub row_number: usize,
    /// WeChat message type (1 text, 3 image, 34 voice, 47 sticker, 49 app, 10000 system).
    pub msg_type: i64,
    /// Sub type (49/5 link card, 49/57 quote reply, 10000/4 拍一拍).
    pub sub_type: i64,
    /// Sent by the exporting account itself.
    pub is_sender: bool,
    /// When it was sent, in the caller's offset.
    pub at: DateTime<FixedOffset>,
    /// Text (XML for images, voice and stickers; empty for link cards).
    pub text: String,
    /// Sender wxid (the stable identity).
    pub sender: String,
    /// Sender nickname at export time (not unique).
    pub nick_name: String,
    /// The exporting account's remark for the sender.
    pub remark: String,
}

impl ChatMessage {
    /// A system notice (join, recall, 拍一拍), not a message.
    pub fn is_system(&self) -> bool {
        self.msg_type == SYSTEM_TYPE
    }

    /// A system notice announcing that someone joined the group.
    pub fn is_join(&self) -> bool {
        self.is_system() && (self.text.contains("加入了群聊") || self.text.contains("加入群聊"))
    }

    /// The local calendar day of the message.
    pub fn day(&self) -> NaiveDate {
        self.at.date_naive()
    }
}

/// Where the needed columns are in a chat export's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatColumns {
    msg_type: usize,
    sub_type: Option<usize>,
    is_sender: Option<usize>,
    create_time: Option<usize>,
    str_time: Option<usize>,
    content: usize,
    sender: usize,
    nick_name: Option<usize>,
    remark: Option<usize>,
}

impl ChatColumns {
    /// Finds the columns; Type, StrContent, Sender and a time column are required.
    pub fn locate(headers: &[String]) -> Result<Self, ImportError> {
        let find = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        };
        let missing = || ImportError::UnknownKind {
            headers: headers.to_vec(),
        };
        let cols = Self {
            msg_type: find("Type").ok_or_else(missing)?,
            sub_type: find("SubType"),
            is_sender: find("IsSender"),
            create_time: find("CreateTime"),
            str_time: find("StrTime"),
            content: find("StrContent").ok_or_else(missing)?,
            sender: find("Sender").ok_or_else(missing)?,
            nick_name: find("NickName"),
            remark: find("Remark"),
        };
        if cols.create_time.is_none() && cols.str_time.is_none() {
            return Err(missing());
        }
        Ok(cols)
    }
}

fn reject(row: &RawRow, reason_code: &'static str, detail: String) -> RowRejection {
    RowRejection {
        row_number: row.row_number,
        reason_code,
        detail,
    }
}

/// Reads one chat row; a row without a readable type or time is rejected.
pub fn message_from_row(
    row: &RawRow,
    cols: &ChatColumns,
    tz: FixedOffset,
) -> Result<ChatMessage, RowRejection> {
    let opt = |i: Option<usize>| i.map_or("", |i| row.cell(i));
    let type_text = row.cell(cols.msg_type).trim();
    let msg_type: i64 = type_text.parse().map_err(|_| {
        reject(
            row,
            "bad_type",
            format!("Type {type_text:?} is not a number"),
        )
    })?;
    let at = [cols.create_time, cols.str_time]
        .into_iter()
        .find_map(|c| parse_datetime(opt(c), tz))
        .ok_or_else(|| reject(row, "bad_time", "no readable CreateTime or StrTime".into()))?;
    Ok(ChatMessage {
        row_number: row.row_number,
        msg_type,
        sub_type: opt(cols.sub_type).trim().parse().unwrap_or(0),
        is_sender: opt(cols.is_sender).trim() == "1",
        at,
        text: row.cell(cols.content).to_string(),
        sender: row.cell(cols.sender).trim().to_string(),
        nick_name: opt(cols.nick_name).to_string(),
        remark: opt(cols.remark).to_string(),
    })
}

/// What happened in a chat on one local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DayActivity {
    /// The local calendar day.
    pub day: NaiveDate,
    /// Distinct senders of messages.
    pub speakers: usize,
    /// Messages (system notices excluded).
    pub messages: usize,
    /// System notices announcing a join.
    pub joins: usize,
}

#[derive(Default)]
struct DayTally {
    speakers: HashSet<String>,
    messages: usize,
    joins: usize,
}

/// Folds messages one at a time into per-day counts (no message is kept).
#[derive(Default)]
pub struct DailyActivity {
    days: BTreeMap<NaiveDate, DayTally>,
}

impl DailyActivity {
    /// An empty tally.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one message or notice.
    pub fn add(&mut self, message: &ChatMessage) {
        let tally = self.days.entry(message.day()).or_default();
        if message.is_join() {
            tally.joins += 1;
        }
        if !message.is_system() {
            tally.messages += 1;
            if !message.sender.is_empty() && !tally.speakers.contains(&message.sender) {
                tally.speakers.insert(message.sender.clone());
            }
        }
    }

    /// One entry per day from the first to the last day seen; quiet days count zero.
    pub fn finish(self) -> Vec<DayActivity> {
        let (Some(&first), Some(&last)) = (self.days.keys().next(), self.days.keys().next_back())
        else {
            return Vec::new();
        };
        first
            .iter_days()
            .take_while(|d| *d <= last)
            .map(|day| match self.days.get(&day) {
                Some(t) => DayActivity {
                    day,
                    speakers: t.speakers.len(),
                    messages: t.messages,
                    joins: t.joins,
                },
                None => DayActivity {
                    day,
                    speakers: 0,
                    messages: 0,
                    joins: 0,
                },
            })
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;
    use crate::import::CHINA_STANDARD_TIME;

    fn headers() -> Vec<String> {
        crate::import::detect::CHAT_HEADERS
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn row(n: usize, msg_type: &str, create: &str, text: &str, sender: &str) -> RawRow {
        let cells = [
            "1", "1317", msg_type, "0", "0", create, "3", text, "", "", "nick", sender,
        ];
        RawRow {
            row_number: n,
            cells: cells.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn days_are_local_and_rules_apply() {
        let cols = ChatColumns::locate(&headers()).unwrap();
        let rows = [
            // 2024-02-01 00:30:09 +08:00 is still 2024-01-31 in UTC.
            row(2, "1", "1706718609", "早", "wxid_a"),
            row(3, "3", "1706743307", "<msg/>", "wxid_a"),
            row(4, "1", "1706745185", "加入群聊 typed as text", "wxid_b"),
            row(5, "10000", "1706745186", "\"A\"邀请\"B\"加入了群聊", ""),
            row(6, "10000", "1706745187", "\"A\" 拍了拍 \"B\"", ""),
            // 2024-02-03: a quiet 2024-02-02 in between.
            row(7, "1", "1706918400", "hi", "wxid_c"),
        ];
        let mut tally = DailyActivity::new();
        for r in &rows {
            tally.add(&message_from_row(r, &cols, CHINA_STANDARD_TIME).unwrap());
        }
        let days = tally.finish();
        assert_eq!(days.len(), 3);
        assert_eq!(days[0].day.to_string(), "2024-02-01");
        assert_eq!(
            (days[0].speakers, days[0].messages, days[0].joins),
            (2, 3, 1)
        );
        assert_eq!(
            (days[1].speakers, days[1].messages, days[1].joins),
            (0, 0, 0)
        );
        assert_eq!((days[2].speakers, days[2].messages), (1, 1));
    }

    #[test]
    fn bad_rows_are_rejected_with_their_row() {
        let cols = ChatColumns::locate(&headers()).unwrap();
        let bad_type = message_from_row(
            &row(9, "x", "1706718609", "", "w"),
            &cols,
            CHINA_STANDARD_TIME,
        );
        assert_eq!(bad_type.unwrap_err().reason_code, "bad_type");
        let bad_time = message_from_row(&row(9, "1", "soon", "", "w"), &cols, CHINA_STANDARD_TIME);
        assert_eq!(bad_time.unwrap_err().row_number, 9);
        let err = ChatColumns::locate(&["Type".to_string()]).unwrap_err();
        assert_eq!(err.code(), "unknown_kind");
        assert!(DailyActivity::new().finish().is_empty());
    }
}
