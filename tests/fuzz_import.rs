//! Property-based fuzzing of the import parsers: whatever bytes or text a user's export holds,
//! detection, row streaming, the reader of the detected kind (contacts, orders, group
//! statistics, chats — WeChatMsg, PyWxDump or mapped by hand), date parsing, phone normalisation
//! and tag splitting return a value or an error — never a panic, never an endless loop.
//!
//! The run is bounded so `cargo test` stays quick: each property runs [`DEFAULT_CASES`] cases,
//! the whole file about 1–5 s in a debug build on a 2-core machine. A longer campaign (about a
//! minute there):
//!
//! ```sh
//! PROPTEST_CASES=100000 cargo test --test fuzz_import
//! ```
//!
//! A failure prints the shrunk, minimal input and is saved under
//! `tests/fuzz_import.proptest-regressions` so the next run tries it first.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use chrono::FixedOffset;
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

use qunzhu::import::chat::ChatField;
use qunzhu::import::normalize::DEFAULT_TAG_SEPARATORS;
use qunzhu::import::{
    CHINA_STANDARD_TIME, ChatColumns, ContactOptions, Detection, FileKind, GroupStatColumns,
    PurchaseColumns, RawRow, auto_map, detect_bytes, message_from_row, normalize_phone,
    open_rows_from_bytes, parse_datetime, purchase_from_row, record_from_row, split_tags,
    stats_from_row,
};

/// Cases per property when `PROPTEST_CASES` is not set.
const DEFAULT_CASES: u32 = 4_096;

/// Rows read from one fuzzed file before giving up: a reader that never ends is a bug.
const MAX_ROWS: usize = 100_000;

/// `cases` cases, unless `PROPTEST_CASES` asks for a longer (or shorter) campaign.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// The small fixtures of every kind (customer lists, orders, statistics, chats, the real
/// exporters' shapes), as `(file name, bytes)`.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for folder in ["import", "health", "real"] {
        let dir = root.join(folder);
        for entry in std::fs::read_dir(&dir).expect("tests/fixtures") {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".md") && !name.ends_with(".json") {
                files.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    assert!(files.len() >= 30, "fixtures missing in {}", root.display());
    files
}

/// Turns one row into what the detected kind's reader makes of it.
fn read_row(row: &RawRow, detection: &Detection, mapping: &[Option<qunzhu::import::Field>]) {
    let tz = CHINA_STANDARD_TIME;
    match detection.kind {
        FileKind::Chat => {
            if let Ok(cols) = ChatColumns::locate(&detection.headers) {
                let _ = message_from_row(row, &cols, tz);
            }
        }
        FileKind::GroupStats => {
            if let Ok(cols) = GroupStatColumns::locate(&detection.headers) {
                let _ = stats_from_row(row, &cols, tz);
            }
        }
        FileKind::Purchases => {
            if let Some(cols) = PurchaseColumns::locate(&detection.headers) {
                let _ = purchase_from_row(row, &cols, tz);
            }
        }
        FileKind::Contacts | FileKind::Unknown => {
            let options = ContactOptions::default();
            let _ = record_from_row(row, &detection.headers, mapping, &options);
        }
    }
}

/// Detects `bytes`; when that succeeds, streams every row and turns each into what the detected
/// kind's reader makes of it. Only panics (or a reader that never ends) fail the property.
fn exercise(bytes: &[u8], file_name: &str) {
    let Ok(detection) = detect_bytes(bytes, file_name) else {
        return;
    };
    let Ok(rows) = open_rows_from_bytes(bytes.to_vec(), &detection) else {
        return;
    };
    let mapping = auto_map(&detection.headers);
    let mut count = 0usize;
    for row in rows {
        count += 1;
        assert!(
            count <= MAX_ROWS,
            "{file_name}: the row reader does not end"
        );
        if let Ok(row) = row {
            read_row(&row, &detection, &mapping);
        }
    }
}

/// A file name the detection sees: the extension matters for garbage called `.xlsx`.
fn file_name() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "export.csv",
        "export.txt",
        "export.xlsx",
        "export.xls",
        "export.ods",
        "export.xlsb",
        "",
    ])
}

/// Magic prefixes that send detection down each of its paths.
fn magic() -> impl Strategy<Value = &'static [u8]> {
    prop::sample::select(vec![
        &b"\xEF\xBB\xBF"[..],                     // UTF-8 BOM
        &b"\xFF\xFE"[..],                         // UTF-16LE BOM
        &b"\xFE\xFF"[..],                         // UTF-16BE BOM
        &b"PK\x03\x04"[..],                       // zip: xlsx
        &b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..], // OLE: xls
    ])
}

/// One edit of a byte string.
#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, mask: u8 },
    Insert { at: usize, byte: u8 },
    Delete { at: usize },
    Truncate { at: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), 1..=255u8).prop_map(|(at, mask)| Mutation::Flip { at, mask }),
        3 => (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Insert { at, byte }),
        3 => any::<usize>().prop_map(|at| Mutation::Delete { at }),
        1 => any::<usize>().prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn mutate(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let len = bytes.len();
    match *mutation {
        Mutation::Flip { at, mask } if len > 0 => bytes[at % len] ^= mask,
        Mutation::Insert { at, byte } => bytes.insert(at % (len + 1), byte),
        Mutation::Delete { at } if len > 0 => {
            bytes.remove(at % len);
        }
        Mutation::Truncate { at } => bytes.truncate(at % (len + 1)),
        _ => {}
    }
}

/// Text built from the pieces dates are made of, in any order.
fn date_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => (0u32..10_000).prop_map(|n| n.to_string()),
        2 => (0u32..100).prop_map(|n| format!("{n:02}")),
        1 => "[0-9]{1,14}",
        1 => prop::sample::select(vec![
            "/", "-", ".", ":", " ", "年", "月", "日", "时", "分", "秒", "T", "Z",
            "+0800", "CST", "+08:00", "-05:00", "上午", "下午", "AM", "PM", "２０２４", "\u{3000}",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// A plausible date built field by field, with every separator style.
fn date_shaped() -> impl Strategy<Value = String> {
    (
        0u32..10_000,
        0u32..20,
        0u32..40,
        prop::option::of((0u32..30, 0u32..70, prop::option::of(0u32..70))),
        0usize..4,
        prop::option::of(prop::sample::select(vec![
            " +0800 CST",
            "+08:00",
            "Z",
            " +0900",
        ])),
    )
        .prop_map(|(y, m, d, time, style, zone)| {
            let date = match style {
                0 => format!("{y}/{m}/{d}"),
                1 => format!("{y}-{m:02}-{d:02}"),
                2 => format!("{y}年{m}月{d}日"),
                _ => format!("{y}.{m}.{d}"),
            };
            let time = time.map_or(String::new(), |(h, mi, s)| match s {
                Some(s) => format!(" {h}:{mi:02}:{s:02}"),
                None => format!(" {h}:{mi:02}"),
            });
            format!("{date}{time}{}", zone.unwrap_or(""))
        })
}

/// Text built from the pieces phone cells are made of.
fn phone_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[0-9]{1,11}",
        1 => prop::sample::select(vec![
            "+86", "0086", "86", "+", " ", "-", "(", ")", "（", "）", ".0", ".00", ".", "\u{3000}",
            "１３８", "x", "٣",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

/// Country codes (possibly repeated or mixed) before a run of digits, as pasted numbers carry.
fn prefixed_phone() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(
            prop::sample::select(vec!["+86", "0086", "86", "+", "0", " ", "-", "(+86)"]),
            0..4,
        ),
        "[0-9]{4,14}",
        prop::sample::select(vec!["", ".0", ".00", ".5"]),
    )
        .prop_map(|(prefix, digits, tail)| format!("{}{digits}{tail}", prefix.concat()))
}

/// Text built from tag-ish pieces and separators.
fn tags_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec!["VIP", "普洱", "老客", "红茶", "复购", "a", " ", "\u{3000}", ""])
            .prop_map(str::to_string),
        3 => prop::sample::select(vec![",", "，", "、", ";", "；", "|", "｜", "\t", "\n"])
            .prop_map(str::to_string),
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
}

fn tz() -> impl Strategy<Value = FixedOffset> {
    (-50_000i32..50_000).prop_map(|s| FixedOffset::east_opt(s).unwrap_or(CHINA_STANDARD_TIME))
}

proptest! {
    #![proptest_config(config(DEFAULT_CASES))]

    #[test]
    fn detection_and_rows_never_panic_on_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        name in file_name(),
    ) {
        exercise(&bytes, name);
    }

    #[test]
    fn detection_and_rows_never_panic_on_text_like_bytes(
        text in prop::collection::vec(
            prop_oneof![
                3 => "[a-z0-9 ]{0,8}".prop_map(String::into_bytes),
                2 => prop::sample::select(vec![
                    ",", ";", "\t", "\n", "\r\n", "\r", "\"", "\"\"", "=", "'", "客户名称", "手机",
                    "添加时间", "企业标签", "external_userid", "日期", "群名称", "localId", "\u{0}",
                    "TalkerId,Type,SubType,IsSender,CreateTime,StrContent,Sender\n",
                    "id,type_name,is_sender,talker,room_name,msg,CreateTime\n",
                    "订单号,付款时间,实付金额,收货人手机号\n", "—", "合计", "10000", "@chatroom",
                ]).prop_map(|s| s.as_bytes().to_vec()),
                1 => prop::collection::vec(any::<u8>(), 0..4),
            ],
            0..200,
        ),
        name in file_name(),
    ) {
        exercise(&text.concat(), name);
    }

    #[test]
    fn detection_never_panics_behind_a_magic_prefix(
        prefix in magic(),
        rest in prop::collection::vec(any::<u8>(), 0..2048),
        name in file_name(),
    ) {
        let mut bytes = prefix.to_vec();
        bytes.extend_from_slice(&rest);
        exercise(&bytes, name);
    }

    #[test]
    fn detection_never_panics_on_mutated_fixtures(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        // Read once per process: the fixtures are small.
        static FIXTURES: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
        let fixtures = FIXTURES.get_or_init(fixtures);
        let (name, original) = pick.get(fixtures);
        let mut bytes = original.clone();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        exercise(&bytes, name);
    }

    #[test]
    fn parse_datetime_never_panics_on_arbitrary_text(text in any::<String>(), tz in tz()) {
        let _ = parse_datetime(&text, tz);
    }

    #[test]
    fn parse_datetime_never_panics_on_date_like_text(text in date_like(), tz in tz()) {
        let _ = parse_datetime(&text, tz);
    }

    #[test]
    fn parse_datetime_answers_in_the_callers_offset(text in date_shaped(), tz in tz()) {
        if let Some(dt) = parse_datetime(&text, tz) {
            prop_assert_eq!(dt.offset(), &tz);
        }
    }

    #[test]
    fn normalize_phone_gives_7_to_12_digits_and_is_idempotent(
        text in prop_oneof![phone_like(), prefixed_phone(), any::<String>()],
    ) {
        if let Some(phone) = normalize_phone(&text) {
            prop_assert!(
                (7..=12).contains(&phone.len()) && phone.bytes().all(|b| b.is_ascii_digit()),
                "{:?} -> {:?}", text, phone
            );
            prop_assert_eq!(normalize_phone(&phone), Some(phone.clone()), "from {:?}", text);
        }
    }

    #[test]
    fn split_tags_gives_no_empty_or_repeated_tags(
        text in tags_like(),
        custom in prop::collection::vec(any::<char>(), 0..4),
        use_default in any::<bool>(),
    ) {
        let separators: Vec<char> = if use_default { DEFAULT_TAG_SEPARATORS.to_vec() } else { custom };
        let tags = split_tags(&text, &separators);
        for (i, tag) in tags.iter().enumerate() {
            prop_assert!(!tag.is_empty(), "empty tag from {:?}", text);
            prop_assert_eq!(tag.trim(), tag.as_str(), "untrimmed tag from {:?}", text);
            prop_assert!(!tag.contains(separators.as_slice()), "{:?} holds a separator", tag);
            prop_assert!(!tags[..i].contains(tag), "{:?} repeated from {:?}", tag, text);
        }
    }

    #[test]
    fn an_order_row_is_read_or_rejected_never_a_panic(
        cells in prop::collection::vec(
            prop_oneof![
                any::<String>(),
                date_like(),
                phone_like(),
                "[¥￥]?[0-9,.]{0,12}元?",
                "[王李*，,0-9-]{0,16}",
                "交易关闭|已发货|待付款|—|None|=\"[0-9]{4}\""
            ],
            0..10,
        ),
        tz in tz(),
    ) {
        let headers: Vec<String> = ["订单号", "下单时间", "客户", "手机", "实付金额", "商品", "优惠", "订单状态", "收货地址"]
            .iter()
            .map(|h| h.to_string())
            .collect();
        let cols = PurchaseColumns::locate(&headers).unwrap();
        let row = RawRow { row_number: 2, cells };
        match purchase_from_row(&row, &cols, tz) {
            Ok(record) => {
                prop_assert!(record.amount_cents >= 0);
                // Masked values never become keys; a row without keys goes on to the store,
                // which reports it as a masked or missing buyer.
                prop_assert!(record.buyer.phones.iter().all(|p| !p.contains('*')));
                prop_assert!(record.buyer.names.iter().all(|n| !n.contains('*') && !n.is_empty()));
            }
            Err(rejection) => prop_assert_eq!(rejection.row_number, 2),
        }
    }

    #[test]
    fn a_chat_row_mapped_by_hand_is_read_or_rejected_never_a_panic(
        cells in prop::collection::vec(
            prop_oneof![
                any::<String>(),
                date_like(),
                "[0-9]{0,12}",
                "系统|文本|图片|System notice|10000|1|—|None",
                "[小林阿美wxid_0-9@chatroom]{0,12}",
            ],
            0..8,
        ),
        order in Just(ChatField::ALL).prop_shuffle(),
        take in 0usize..8,
        tz in tz(),
    ) {
        // Any of the fields on the first `take` columns, in any order.
        let fields: Vec<Option<ChatField>> = order.iter().take(take).map(|f| Some(*f)).collect();
        let row = RawRow { row_number: 2, cells };
        match ChatColumns::from_fields(&fields) {
            None => prop_assert!(
                [ChatField::Time, ChatField::Sender, ChatField::Content]
                    .iter()
                    .any(|f| !fields.contains(&Some(*f)))
            ),
            Some(cols) => match message_from_row(&row, &cols, tz) {
                Ok(message) => {
                    prop_assert_eq!(message.row_number, 2);
                    prop_assert_eq!(message.sender.trim(), message.sender.as_str());
                }
                Err(rejection) => prop_assert_eq!(rejection.row_number, 2),
            },
        }
    }

    #[test]
    fn a_statistics_row_is_read_or_rejected_never_a_panic(
        cells in prop::collection::vec(
            prop_oneof![
                any::<String>(),
                date_like(),
                "[0-9,]{0,9}|—|-|None|合计|总计",
                "[白茶群0-9]{0,8}",
            ],
            0..8,
        ),
        tz in tz(),
    ) {
        let headers: Vec<String> = ["日期", "群名称", "群主", "群成员总数", "新增群成员数", "退群人数", "发言成员数", "群消息总数"]
            .iter()
            .map(|h| h.to_string())
            .collect();
        let cols = GroupStatColumns::locate(&headers).unwrap();
        let row = RawRow { row_number: 2, cells };
        if let Err(rejection) = stats_from_row(&row, &cols, tz) {
            prop_assert_eq!(rejection.row_number, 2);
        }
    }
}
