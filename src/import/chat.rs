//! Chat exports -> [`ChatMessage`]s and per-local-day activity. Two layouts: WeChatMsg (留痕)
//! (`localId, TalkerId, Type, … StrTime, Remark, NickName, Sender`; its "export all"
//! `messages.csv` holds every conversation, told apart by TalkerId) and PyWxDump
//! (`id, MsgSvrID, type_name, is_sender, talker, room_name, msg, src, CreateTime`).
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
use crate::import::mapping::normalize_header;
use crate::import::table::RawRow;

/// WeChat's message type for system notices.
pub const SYSTEM_TYPE: i64 = 10000;

/// PyWxDump's names of system rows (its `talker` is also `未知` on them).
const PYWXDUMP_SYSTEM: [&str; 3] = ["系统通知", "拍一拍", "邀请加群"];

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
    /// Which conversation the row belongs to (TalkerId / room_name; `""` when the file does not
    /// say).
    pub conversation: String,
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

/// Which program wrote a chat export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatLayout {
    /// WeChatMsg (留痕): numeric Type, unix CreateTime, Sender wxid.
    WeChatMsg,
    /// PyWxDump: type_name words, CreateTime as text, talker wxid.
    PyWxDump,
    /// Columns the user mapped by hand: a type, when there is one, in numbers or words.
    Mapped,
}

/// What a column of a chat table holds, as the user maps it by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatField {
    /// When the message was sent (a date and time, or unix seconds).
    Time,
    /// Who sent it (a wxid or a name; the same person always the same).
    Sender,
    /// The message text.
    Content,
    /// The message type: WeChat's numbers, or words (系统 rows are not messages).
    Type,
    /// The conversation a row belongs to, in a file of several.
    Conversation,
    /// 1 on the exporter's own messages.
    Own,
    /// The sender's display name.
    SenderName,
}

impl ChatField {
    /// Every field, in the order the mapping menu lists them.
    pub const ALL: [ChatField; 7] = [
        ChatField::Time,
        ChatField::Sender,
        ChatField::Content,
        ChatField::Type,
        ChatField::Conversation,
        ChatField::Own,
        ChatField::SenderName,
    ];

    /// The name `qunzhu import --map HEADER=KEY` uses.
    pub fn key(self) -> &'static str {
        match self {
            ChatField::Time => "time",
            ChatField::Sender => "sender",
            ChatField::Content => "content",
            ChatField::Type => "type",
            ChatField::Conversation => "conversation",
            ChatField::Own => "own",
            ChatField::SenderName => "sender_name",
        }
    }
}

impl crate::import::ColumnTarget for ChatField {
    const TARGETS: &'static [Self] = &ChatField::ALL;
    fn key(self) -> &'static str {
        ChatField::key(self)
    }
    /// A known exporter's layout, else the synonyms of a hand-kept table.
    fn from_headers(headers: &[String]) -> Vec<Option<Self>> {
        ChatColumns::locate(headers)
            .map_or_else(|_| guess_fields(headers), |c| c.fields(headers.len()))
    }
}

/// Headers a hand-kept chat table (or an exporter we have no layout for) gives its columns: the
/// review and `--kind chat` start from these before the user corrects them.
const CHAT_HEADER_SYNONYMS: [(ChatField, &[&str]); 7] = [
    (
        ChatField::Time,
        &[
            "时间",
            "发送时间",
            "消息时间",
            "日期时间",
            "time",
            "datetime",
            "timestamp",
        ],
    ),
    (
        ChatField::Sender,
        &["发言人", "发送人", "发送者", "发言者", "sender", "from"],
    ),
    (
        ChatField::Content,
        &[
            "内容",
            "消息内容",
            "消息",
            "聊天内容",
            "content",
            "message",
            "text",
        ],
    ),
    (ChatField::Type, &["类型", "消息类型", "type"]),
    (
        ChatField::Conversation,
        &[
            "会话",
            "会话名称",
            "群聊",
            "群名",
            "群名称",
            "conversation",
            "chat",
        ],
    ),
    (ChatField::Own, &["是否自己发送", "我发送的", "own"]),
    (
        ChatField::SenderName,
        &["昵称", "群昵称", "发送人昵称", "nickname", "display name"],
    ),
];

/// The field each header names by a synonym (each field on its first column only).
pub fn guess_fields(headers: &[String]) -> Vec<Option<ChatField>> {
    let mut fields: Vec<Option<ChatField>> = vec![None; headers.len()];
    for (field, names) in CHAT_HEADER_SYNONYMS {
        let wanted: Vec<String> = names.iter().map(|n| normalize_header(n)).collect();
        if let Some(i) = headers
            .iter()
            .position(|h| wanted.contains(&normalize_header(h)))
            .filter(|&i| fields[i].is_none())
        {
            fields[i] = Some(field);
        }
    }
    fields
}

/// Words of a hand-mapped type column that mark a system row (joins, recalls, 拍一拍).
const SYSTEM_WORDS: [&str; 4] = ["系统", "system", "notice", "通知"];

/// Where the needed columns are in a chat export's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatColumns {
    pub layout: ChatLayout,
    msg_type: Option<usize>,
    sub_type: Option<usize>,
    is_sender: Option<usize>,
    create_time: Option<usize>,
    str_time: Option<usize>,
    content: usize,
    sender: usize,
    nick_name: Option<usize>,
    remark: Option<usize>,
    conversation: Option<usize>,
}

impl ChatColumns {
    /// Finds the columns of either layout: WeChatMsg needs Type, StrContent, Sender and a time
    /// column; PyWxDump needs type_name, msg, talker and CreateTime.
    pub fn locate(headers: &[String]) -> Result<Self, ImportError> {
        let find = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        };
        let missing = || ImportError::UnknownKind {
            headers: headers.to_vec(),
        };
        if let (Some(msg_type), Some(content), Some(sender), Some(time)) = (
            find("type_name"),
            find("msg"),
            find("talker"),
            find("CreateTime"),
        ) {
            return Ok(Self {
                layout: ChatLayout::PyWxDump,
                msg_type: Some(msg_type),
                sub_type: None,
                is_sender: find("is_sender"),
                create_time: Some(time),
                str_time: None,
                content,
                sender,
                nick_name: None,
                remark: None,
                conversation: find("room_name"),
            });
        }
        let cols = Self {
            layout: ChatLayout::WeChatMsg,
            msg_type: Some(find("Type").ok_or_else(missing)?),
            sub_type: find("SubType"),
            is_sender: find("IsSender"),
            create_time: find("CreateTime"),
            str_time: find("StrTime"),
            content: find("StrContent").ok_or_else(missing)?,
            sender: find("Sender").ok_or_else(missing)?,
            nick_name: find("NickName"),
            remark: find("Remark"),
            conversation: find("TalkerId"),
        };
        if cols.create_time.is_none() && cols.str_time.is_none() {
            return Err(missing());
        }
        Ok(cols)
    }

    /// The columns the user chose, one field (or none) per column; `None` without a time, a
    /// sender and a text column. A field chosen twice is read from its first column.
    pub fn from_fields(fields: &[Option<ChatField>]) -> Option<Self> {
        let first = |wanted: ChatField| fields.iter().position(|f| *f == Some(wanted));
        Some(Self {
            layout: ChatLayout::Mapped,
            msg_type: first(ChatField::Type),
            sub_type: None,
            is_sender: first(ChatField::Own),
            create_time: Some(first(ChatField::Time)?),
            str_time: None,
            content: first(ChatField::Content)?,
            sender: first(ChatField::Sender)?,
            nick_name: first(ChatField::SenderName),
            remark: None,
            conversation: first(ChatField::Conversation),
        })
    }

    /// The field each of `n` columns is read as, for the review's mapping row (a detected
    /// layout's second time column and remark stay unmapped: the job reads them itself).
    pub fn fields(&self, n: usize) -> Vec<Option<ChatField>> {
        let mut fields = vec![None; n];
        for (index, field) in [
            (self.create_time.or(self.str_time), ChatField::Time),
            (Some(self.sender), ChatField::Sender),
            (Some(self.content), ChatField::Content),
            (self.msg_type, ChatField::Type),
            (self.conversation, ChatField::Conversation),
            (self.is_sender, ChatField::Own),
            (self.nick_name, ChatField::SenderName),
        ] {
            if let Some(slot) = index.and_then(|i| fields.get_mut(i)) {
                *slot = Some(field);
            }
        }
        fields
    }

    /// The conversation a row belongs to, and the names the exporter gave it (WeChatMsg's
    /// `messages.csv` carries the conversation's Remark and NickName on every row).
    pub fn conversation_of(&self, row: &RawRow) -> Conversation {
        let opt = |i: Option<usize>| i.map_or("", |i| row.cell(i)).trim().to_string();
        Conversation {
            key: opt(self.conversation),
            remark: opt(self.remark),
            nick_name: opt(self.nick_name),
            ..Conversation::default()
        }
    }

    /// Whether rows say which conversation they belong to (a file may then hold several).
    pub fn has_conversations(&self) -> bool {
        self.conversation.is_some()
    }

    /// Whether the exporter sent a row (IsSender / is_sender = 1).
    pub fn is_own(&self, row: &RawRow) -> bool {
        self.is_sender.is_some_and(|i| row.cell(i).trim() == "1")
    }

    /// Who sent a row, as the file names them.
    pub fn sender_of<'r>(&self, row: &'r RawRow) -> &'r str {
        row.cell(self.sender).trim()
    }
}

/// One conversation of a chat export, as its first row names it.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Conversation {
    /// TalkerId / room_name.
    pub key: String,
    pub remark: String,
    pub nick_name: String,
    /// Rows of the conversation in the file (counted by a scan, 0 on a single row).
    pub messages: u64,
    /// Distinct senders other than the exporter (`我`) and the conversation's own name: the
    /// other people of a group (the same).
    pub senders: u64,
}

impl Conversation {
    /// A group chat: a `…@chatroom` id, or someone speaking who is neither the exporter nor
    /// the person the conversation is named after (a one-to-one chat has only those two).
    pub fn is_group(&self) -> bool {
        self.key.ends_with("@chatroom") || self.senders > 0
    }

    /// The name a group made from this conversation takes, and that names it back.
    pub fn group_name(&self) -> &str {
        [&self.nick_name, &self.remark, &self.key]
            .into_iter()
            .find(|n| !n.is_empty())
            .map_or("", String::as_str)
    }

    /// Whether `name` (what the user typed, or a group's name) names this conversation.
    pub fn is_named(&self, name: &str) -> bool {
        let name = name.trim();
        !name.is_empty() && (self.nick_name == name || self.remark == name || self.key == name)
    }

    /// How the conversation is shown: `NickName (Remark)`.
    pub fn label(&self) -> String {
        match (self.nick_name.is_empty(), self.remark.is_empty()) {
            (false, false) if self.nick_name != self.remark => {
                format!("{} ({})", self.nick_name, self.remark)
            }
            (false, _) => self.nick_name.clone(),
            (true, false) => self.remark.clone(),
            (true, true) => self.key.clone(),
        }
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
    let type_text = opt(cols.msg_type).trim();
    let sender = row.cell(cols.sender).trim();
    let (msg_type, sender) = match cols.layout {
        ChatLayout::WeChatMsg => {
            let msg_type: i64 = type_text.parse().map_err(|_| {
                reject(
                    row,
                    "bad_type",
                    format!("Type {type_text:?} is not a number"),
                )
            })?;
            (msg_type, sender)
        }
        // PyWxDump names types in words; what counts is system row or not.
        ChatLayout::PyWxDump if PYWXDUMP_SYSTEM.contains(&type_text) || sender == "未知" => {
            (SYSTEM_TYPE, "")
        }
        ChatLayout::PyWxDump => (1, sender),
        // By hand: WeChat's numbers where the column holds them, else words; a row with no
        // sender is a notice (「某某加入了群聊」).
        ChatLayout::Mapped => match type_text.parse::<i64>() {
            Ok(number) => (number, sender),
            Err(_) if sender.is_empty() || is_system_word(type_text) => (SYSTEM_TYPE, ""),
            Err(_) => (1, sender),
        },
    };
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
        sender: sender.to_string(),
        nick_name: opt(cols.nick_name).to_string(),
        remark: opt(cols.remark).to_string(),
        conversation: opt(cols.conversation).trim().to_string(),
    })
}

fn is_system_word(text: &str) -> bool {
    PYWXDUMP_SYSTEM.contains(&text) || SYSTEM_WORDS.iter().any(|w| text.to_lowercase().contains(w))
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
#[path = "chat_tests.rs"]
mod tests;
