//! Image snapshots of every screen, in Chinese and in English, on the same demo book at a pinned
//! date and time (so a calendar week or a "due today" list looks the same whatever day the tests
//! run). Rendered through wgpu on the CPU (Mesa llvmpipe, see ../shared/PLATFORM_NOTES.md) and
//! compared with `tests/snapshots/*.png`; after a deliberate change, look at the new pictures
//! and commit them:
//!
//! ```sh
//! UPDATE_SNAPSHOTS=1 cargo test --test ui_snapshots
//! ```
//!
//! Each test first asserts what a user would read on the screen, so a failure says what is
//! wrong before the pixels do.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use std::path::PathBuf;

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions};
use qunzhu::demo::{DemoOptions, generate};
use qunzhu::gui::App;
use qunzhu::gui::app::Prefs;
use qunzhu::gui::i18n::Lang;
use qunzhu::store::Store;

/// The size of the pictures: a common laptop window.
const WINDOW: egui::Vec2 = egui::vec2(1400.0, 900.0);

/// "Today" in every picture.
fn pinned_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The demo book, at a fixed path (the settings screen shows it), opened in `lang`.
fn harness(lang: Lang, name: &str) -> Harness<'static, App> {
    qunzhu::gui::clock::pin(pinned_day().and_hms_opt(10, 0, 0).unwrap());
    let dir = std::env::temp_dir().join(format!("qunzhu-snapshots-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut store = Store::open(&dir.join("qunzhu.db")).unwrap();
    let options = DemoOptions {
        customers: 300,
        seed: 7,
        notes_per_customer: 3,
        anchor: pinned_day(),
    };
    generate(&mut store, &options).unwrap();
    // The demo's chat import is stamped with the real time; the import history shows it.
    let pinned_unix = pinned_day()
        .and_hms_opt(2, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp();
    store
        .conn()
        .execute("UPDATE import_batches SET at = ?1", [pinned_unix])
        .unwrap();
    let prefs = Prefs {
        lang: Some(lang),
        ..Prefs::default()
    };
    // Known gap: emoji outside egui's bundled NotoEmoji subset (🦌 in some demo nicknames) draw
    // as a box until a fuller emoji font is bundled; the pictures show it rather than hide it.
    let mut h = Harness::builder()
        .with_size(WINDOW)
        .allow_missing_glyphs()
        .wgpu()
        .build_eframe(move |cc| App::with_prefs(&cc.egui_ctx, store, prefs));
    h.run();
    h
}

/// Every screen: its navigation label and a text the screen shows once it has loaded.
fn screens(lang: Lang) -> [(&'static str, &'static str, &'static str); 7] {
    match lang {
        Lang::Zh => [
            ("customers", "客户", "新建客户"),
            ("import", "导入", "选择文件…"),
            ("content", "内容日历", "本周"),
            ("koc", "KOC", "贡献排行"),
            ("health", "社群健康", "预警设置"),
            ("followups", "跟进", "今天 ("),
            ("settings", "设置", "立即备份"),
        ],
        Lang::En => [
            ("customers", "Customers", "New customer"),
            ("import", "Import", "Choose a file…"),
            ("content", "Content", "This week"),
            ("koc", "KOC", "Leaderboard"),
            ("health", "Group health", "Alert settings"),
            ("followups", "Follow-ups", "Today ("),
            ("settings", "Settings", "Back up now"),
        ],
    }
}

/// Clicks `label`, waits until `loaded` shows and compares the picture with `name_suffix.png`.
fn visit(h: &mut Harness<'static, App>, role: Role, label: &str, loaded: &str, name: &str) {
    h.get_by_role_and_label(role, label).click();
    h.run();
    // Screens that read on a worker (KOC, health) show their content a few frames later.
    for _ in 0..200 {
        if h.query_all_by_label_contains(loaded).next().is_some() && !h.state().is_reading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
    assert!(
        h.query_all_by_label_contains(loaded).next().is_some(),
        "{name} shows {loaded:?}"
    );
    let options = SnapshotOptions::new().output_path(PathBuf::from("tests/snapshots"));
    h.snapshot_options(name, &options);
}

/// Tabs inside a screen that have their own picture: screen, tab, text once loaded, picture.
fn tabs(lang: Lang) -> [(&'static str, &'static str, &'static str, &'static str); 4] {
    match lang {
        Lang::Zh => [
            ("社群健康", "待回复", "首次回复中位", "health_questions"),
            ("社群健康", "关键词信号", "信号规则", "health_signals"),
            ("社群健康", "聊天记录", "条消息", "health_chat"),
            ("社群健康", "预警设置", "待回复规则", "health_rules"),
        ],
        Lang::En => [
            (
                "Group health",
                "Unanswered",
                "median first reply",
                "health_questions",
            ),
            ("Group health", "Chat search", "messages", "health_chat"),
            (
                "Group health",
                "Keyword signals",
                "Signal rules",
                "health_signals",
            ),
            (
                "Group health",
                "Alert settings",
                "Unanswered-question rules",
                "health_rules",
            ),
        ],
    }
}

fn snapshot_every_screen(lang: Lang, suffix: &str) {
    let mut h = harness(lang, suffix);
    for (name, nav, loaded) in screens(lang) {
        visit(
            &mut h,
            Role::Button,
            nav,
            loaded,
            &format!("{name}_{suffix}"),
        );
    }
    // The group with the demo's chat history, for the 待回复 tab.
    let chat_group = qunzhu::store::questions::chat_groups(h.state().store().conn())
        .unwrap()
        .remove(0)
        .1;
    for (nav, tab, loaded, name) in tabs(lang) {
        h.get_by_role_and_label(Role::Button, nav).click();
        h.run();
        h.get_by_role_and_label(Role::Button, tab).click();
        h.run();
        if name == "health_questions" {
            // The first group has no chat; the tab offers the one that has.
            h.get_by_role_and_label(Role::Button, &chat_group).click();
            h.run();
        }
        if name == "health_chat" {
            let field = if lang == Lang::Zh {
                "搜索聊天记录"
            } else {
                "Search the chats"
            };
            h.get_by_role_and_label(Role::TextInput, field).focus();
            h.run();
            h.get_by_role_and_label(Role::TextInput, field)
                .type_text("有货");
            h.run();
            let context = if lang == Lang::Zh {
                "上下文"
            } else {
                "Context"
            };
            h.query_all_by_label(context).next().unwrap().click();
            h.run();
        }
        visit(
            &mut h,
            Role::Button,
            tab,
            loaded,
            &format!("{name}_{suffix}"),
        );
    }
}

#[test]
fn every_screen_in_chinese_looks_as_reviewed() {
    snapshot_every_screen(Lang::Zh, "zh");
}

#[test]
fn every_screen_in_english_looks_as_reviewed() {
    snapshot_every_screen(Lang::En, "en");
}
