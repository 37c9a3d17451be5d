//! Tests of the chat-export reader (`import::chat`).
#![allow(clippy::unwrap_used)] // Tests fail loudly.

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

#[test]
fn pywxdump_rows_and_conversations() {
    let headers: Vec<String> = crate::import::detect::PYWXDUMP_HEADERS
        .iter()
        .map(|s| s.to_string())
        .collect();
    let cols = ChatColumns::locate(&headers).unwrap();
    assert_eq!(cols.layout, ChatLayout::PyWxDump);
    let read = |cells: &[&str]| {
        let row = RawRow {
            row_number: 2,
            cells: cells.iter().map(|s| s.to_string()).collect(),
        };
        message_from_row(&row, &cols, CHINA_STANDARD_TIME).unwrap()
    };
    let text = read(&[
        "1",
        "7",
        "文本",
        "0",
        "wxid_a1",
        "4582@chatroom",
        "早",
        "",
        "2024-03-04 23:58:40",
    ]);
    assert!(!text.is_system());
    assert_eq!(
        (text.sender.as_str(), text.day().to_string().as_str()),
        ("wxid_a1", "2024-03-04")
    );
    assert_eq!(text.conversation, "4582@chatroom");
    let join = read(&[
        "3",
        "7",
        "系统通知",
        "0",
        "未知",
        "r",
        "\"A\"邀请\"B\"加入了群聊",
        "",
        "2024-03-05 00:01:30",
    ]);
    assert!(join.is_join() && join.sender.is_empty());
    let recall = read(&[
        "9",
        "7",
        "消息撤回1",
        "0",
        "未知",
        "r",
        "撤回",
        "",
        "2024-03-05 09:06:00",
    ]);
    assert!(recall.is_system() && !recall.is_join());
    let c = Conversation {
        key: "9".into(),
        remark: "团购2群".into(),
        nick_name: "白茶团购2群".into(),
        messages: 4,
        senders: 2,
    };
    assert!(c.is_group() && c.group_name() == "白茶团购2群");
    assert!(c.is_named("白茶团购2群") && c.is_named(" 团购2群") && !c.is_named("团购1群"));
    assert_eq!(c.label(), "白茶团购2群 (团购2群)");
}

#[test]
fn a_table_mapped_by_hand_reads_as_a_chat() {
    // 时间 / 发言人 / 内容 / 类型, as a hand-kept sheet or another exporter has them.
    let fields = [
        Some(ChatField::Time),
        Some(ChatField::Sender),
        Some(ChatField::Content),
        Some(ChatField::Type),
        None,
    ];
    let cols = ChatColumns::from_fields(&fields).unwrap();
    assert_eq!(cols.layout, ChatLayout::Mapped);
    assert_eq!(cols.fields(5), fields.to_vec());
    let read = |cells: &[&str]| {
        let row = RawRow {
            row_number: 2,
            cells: cells.iter().map(|s| s.to_string()).collect(),
        };
        message_from_row(&row, &cols, CHINA_STANDARD_TIME)
    };
    let text = read(&["2024-03-04 09:15:00", "小林", "早上好", "文本", ""]).unwrap();
    assert!(!text.is_system());
    assert_eq!(
        (text.sender.as_str(), text.day().to_string().as_str()),
        ("小林", "2024-03-04")
    );
    let notice = read(&[
        "2024-03-04 09:16:00",
        "",
        "\"A\"邀请\"B\"加入了群聊",
        "",
        "",
    ]);
    assert!(notice.unwrap().is_join());
    let numbered = read(&["1709514900", "wxid_a", "<img/>", "3", ""]).unwrap();
    assert_eq!(numbered.msg_type, 3);
    assert!(
        read(&["2024-03-04 09:17", "小林", "x", "系统消息", ""])
            .unwrap()
            .is_system()
    );
    assert_eq!(
        read(&["soon", "小林", "x", "", ""])
            .unwrap_err()
            .reason_code,
        "bad_time"
    );
    // Without a time, a sender or a text there is nothing to read.
    assert!(ChatColumns::from_fields(&fields[1..]).is_none());
    assert!(ChatColumns::from_fields(&[Some(ChatField::Time), Some(ChatField::Sender)]).is_none());
}

#[test]
fn a_hand_kept_chat_tables_headers_are_guessed() {
    let headers: Vec<String> = ["序号", "发送时间", "发言人", "消息内容", "群昵称"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        guess_fields(&headers),
        vec![
            None,
            Some(ChatField::Time),
            Some(ChatField::Sender),
            Some(ChatField::Content),
            Some(ChatField::SenderName),
        ]
    );
    assert!(guess_fields(&["客户名称".to_string()]) == vec![None]);
}
