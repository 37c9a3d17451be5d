//! Chat logs and group statistics in the shared fixtures against EXPECTED.json.
//!
//! Same folder rule as `import_fixtures.rs`: `$QUNZHU_SHARED_FIXTURES` or `../shared/fixtures`;
//! absent, each test prints "skipped: ../shared/fixtures not found" and passes.

#![allow(clippy::unwrap_used)] // Test helpers: a broken fixture set should fail loudly.

#[path = "support/shared_fixtures.rs"]
mod shared_fixtures;
use shared_fixtures::{expected, fixtures_dir};

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use chrono::Timelike;
use serde_json::{Value, json};

use qunzhu::import::{
    CHINA_STANDARD_TIME, ChatColumns, ChatMessage, DailyActivity, Detection, FileKind,
    GroupDayStats, GroupStatColumns, detect_path, detect_path_in_sheet, message_from_row,
    open_rows, stats_from_row,
};

fn files_of_kind<'a>(all: &'a Value, kind: &str) -> Vec<(&'a String, &'a Value)> {
    let files = all["files"].as_object().unwrap();
    let found: Vec<_> = files.iter().filter(|(_, v)| v["kind"] == kind).collect();
    assert!(!found.is_empty(), "no {kind} in EXPECTED.json");
    found
}

fn check_header(file: &str, exp: &Value, det: &Detection) {
    if let Some(row) = exp["header_row"].as_u64() {
        assert_eq!(det.header_row as u64, row, "{file}");
    }
    if let Some(headers) = exp["headers"].as_array() {
        let want: Vec<&str> = headers.iter().filter_map(Value::as_str).collect();
        assert_eq!(det.headers, want, "{file}");
    }
}

fn read_chat(path: &Path) -> (Detection, Vec<ChatMessage>) {
    let det = detect_path(path).unwrap();
    let cols = ChatColumns::locate(&det.headers).unwrap();
    let messages = open_rows(path, &det)
        .unwrap()
        .map(|row| message_from_row(&row.unwrap(), &cols, CHINA_STANDARD_TIME).unwrap())
        .collect();
    (det, messages)
}

fn per_day_json(messages: &[ChatMessage]) -> Value {
    let mut tally = DailyActivity::new();
    messages.iter().for_each(|m| tally.add(m));
    let days: serde_json::Map<String, Value> = tally
        .finish()
        .into_iter()
        .map(|d| {
            let v = json!({"speakers": d.speakers, "messages": d.messages, "joins": d.joins});
            (d.day.to_string(), v)
        })
        .collect();
    Value::Object(days)
}

#[test]
fn chat_logs_match_expected() {
    let Some(dir) = fixtures_dir() else { return };
    let all = expected(&dir);
    for (file, exp) in files_of_kind(&all, "wechatmsg_group_chat") {
        let (det, messages) = read_chat(&dir.join(file));
        assert_eq!(det.kind, FileKind::Chat, "{file}");
        check_header(file, exp, &det);
        let enc = det.encoding.unwrap();
        assert_eq!((enc.name(), enc.bom), ("UTF-8", true), "{file}");
        assert_eq!(det.delimiter, Some(b','), "{file}");
        let texts: Vec<&ChatMessage> = messages.iter().filter(|m| !m.is_system()).collect();
        let speakers: BTreeSet<&str> = texts.iter().map(|m| m.sender.as_str()).collect();
        let early = texts.iter().filter(|m| m.at.hour() < 8).count();
        let counts = [
            ("data_rows", messages.len()),
            ("system_rows", messages.len() - texts.len()),
            ("messages", texts.len()),
            ("distinct_speakers", speakers.len()),
            ("messages_before_0800_local", early),
        ];
        for (key, got) in counts {
            assert_eq!(Some(got as u64), exp[key].as_u64(), "{file}: {key}");
        }
        let per_day = per_day_json(&messages);
        assert_eq!(per_day, exp["per_day"], "{file}: per_day");
        let days: Vec<&String> = per_day.as_object().unwrap().keys().collect();
        assert_eq!(days.first().map(|d| d.as_str()), exp["first_day"].as_str());
        assert_eq!(days.last().map(|d| d.as_str()), exp["last_day"].as_str());
        let mut by_nick: HashMap<&str, BTreeSet<&str>> = HashMap::new();
        for m in &texts {
            by_nick.entry(&m.nick_name).or_default().insert(&m.sender);
        }
        for (nick, ids) in exp["speakers_sharing_a_nickname"].as_object().unwrap() {
            let want: BTreeSet<&str> = ids
                .as_array()
                .unwrap()
                .iter()
                .filter_map(Value::as_str)
                .collect();
            assert_eq!(by_nick.get(nick.as_str()), Some(&want), "{file}: {nick}");
        }
    }
}

fn read_stats(path: &Path, sheet: &str) -> (Detection, Vec<GroupDayStats>) {
    let det = detect_path_in_sheet(path, Some(sheet)).unwrap();
    let cols = GroupStatColumns::locate(&det.headers).unwrap();
    let rows = open_rows(path, &det)
        .unwrap()
        .map(|row| stats_from_row(&row.unwrap(), &cols, CHINA_STANDARD_TIME).unwrap())
        .collect();
    (det, rows)
}

fn stat_json(pairs: &[(&str, Option<u64>)]) -> Value {
    Value::Object(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), json!(v)))
            .collect(),
    )
}

#[test]
fn group_statistics_match_expected() {
    let Some(dir) = fixtures_dir() else { return };
    let all = expected(&dir);
    for (file, exp) in files_of_kind(&all, "wecom_group_statistics") {
        let path = dir.join(file);
        let det = detect_path(&path).unwrap();
        assert_eq!(det.kind, FileKind::GroupStats, "{file}");
        let sheets = exp["sheets"].as_object().unwrap();
        let names: BTreeSet<&String> = sheets.keys().collect();
        assert_eq!(det.sheets.iter().collect::<BTreeSet<_>>(), names, "{file}");
        for (sheet, sexp) in sheets {
            let (sdet, rows) = read_stats(&path, sheet);
            assert_eq!(sdet.kind, FileKind::GroupStats, "{file}/{sheet}");
            check_header(sheet, sexp, &sdet);
            assert_eq!(
                Some(rows.len() as u64),
                sexp["data_rows"].as_u64(),
                "{sheet}"
            );
            let days: BTreeSet<_> = rows.iter().map(|r| r.date.to_string()).collect();
            assert_eq!(days.len() as u64, exp["days"].as_u64().unwrap(), "{sheet}");
            assert_eq!(days.first().map(|d| d.as_str()), exp["first_day"].as_str());
            assert_eq!(days.last().map(|d| d.as_str()), exp["last_day"].as_str());
            if rows.iter().any(|r| r.group_name.is_some()) {
                check_groups(exp, &rows);
            } else {
                check_summary(exp, &rows);
            }
        }
    }
}

fn check_groups(exp: &Value, rows: &[GroupDayStats]) {
    for group in exp["groups"].as_array().unwrap() {
        let name = group["name"].as_str().unwrap();
        let mine: Vec<&GroupDayStats> = rows
            .iter()
            .filter(|r| r.group_name.as_deref() == Some(name))
            .collect();
        assert_eq!(Some(mine.len() as u64), group["rows"].as_u64(), "{name}");
        for r in &mine {
            assert_eq!(r.owner.as_deref(), group["owner"].as_str(), "{name}");
            assert_eq!(r.chat_id.as_deref(), group["chat_id"].as_str(), "{name}");
            let got = stat_json(&[
                ("member_total", r.member_total),
                ("joins", r.joins),
                ("leaves", r.leaves),
                ("speakers", r.speakers),
                ("messages", r.messages),
            ]);
            assert_eq!(
                got,
                group["per_day"][r.date.to_string()],
                "{name} {}",
                r.date
            );
        }
    }
}

fn check_summary(exp: &Value, rows: &[GroupDayStats]) {
    for r in rows {
        let got = stat_json(&[
            ("new_chat_cnt", r.new_groups),
            ("chat_total", r.group_total),
            ("chat_has_msg", r.groups_with_messages),
            ("new_member_cnt", r.joins),
            ("member_total", r.member_total),
            ("member_has_msg", r.speakers),
            ("msg_total", r.messages),
            ("leaves", r.leaves),
        ]);
        assert_eq!(
            got,
            exp["summary_per_day"][r.date.to_string()],
            "summary {}",
            r.date
        );
    }
}

/// What `matches` says: a chat log's per-day counts equal its group's statistics rows.
#[test]
fn chat_logs_agree_with_group_statistics() {
    let Some(dir) = fixtures_dir() else { return };
    let (_, stats) = read_stats(&dir.join("group_stats.xlsx"), "群聊数据统计");
    let all = expected(&dir);
    for (file, exp) in files_of_kind(&all, "wechatmsg_group_chat") {
        let (_, messages) = read_chat(&dir.join(file));
        let group = exp["group_name"].as_str().unwrap();
        let from_stats: BTreeMap<String, Value> = stats
            .iter()
            .filter(|r| r.group_name.as_deref() == Some(group))
            .filter(|r| r.date.to_string().as_str() >= exp["first_day"].as_str().unwrap())
            .map(|r| {
                let v = json!({"speakers": r.speakers, "messages": r.messages, "joins": r.joins});
                (r.date.to_string(), v)
            })
            .collect();
        let from_chat = per_day_json(&messages);
        assert_eq!(
            serde_json::to_value(from_stats).unwrap(),
            from_chat,
            "{file}"
        );
    }
}
