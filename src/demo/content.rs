//! The demo's content calendar: group profiles, a 社群SOP column beside the four starter columns,
//! a weekly rhythm (daily SOP slots, 周一产品种草, 周三会员日, 周五裂变活动, 干货 twice a week), a
//! month of generated items around the anchor day with realistic statuses, and library snippets.

use chrono::{Duration, NaiveDate, Weekday};
use rusqlite::Connection;

use super::Rng;
use crate::domain::content::rhythm::RhythmLine;
use crate::domain::content::{Column, ItemStatus, Snippet, parse_time};
use crate::domain::time::{Stamp, local_offset_min};
use crate::store::content_items::{self, ItemFilter};
use crate::store::{self, content, groups, rhythm};

const OWNERS: &[&str] = &["林晓雯", "王浩然", "陈思琪", "赵一鸣"];
const PRODUCTS: &[&str] = &[
    "白毫银针",
    "福鼎白牡丹",
    "云南古树普洱",
    "正山小种",
    "凤凰单丛",
    "汝窑茶杯",
];

/// `(kind, positioning, rules)` for each group type.
fn profile(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "VIP群" => (
            "高价值老客的专属服务群，新品优先体验",
            "1. 仅限VIP会员\n2. 禁止广告\n3. 专属客服 9:00-21:00 在线",
        ),
        "引流群" => (
            "新客承接，发放新人券，筛选意向客户",
            "1. 禁止发广告和链接\n2. 新人券 7 天内有效",
        ),
        "快闪群" => (
            "大促期间短期快闪，活动结束后解散",
            "1. 只发活动信息\n2. 活动结束 3 天后解散",
        ),
        _ => (
            "老客福利与日常互动，提升复购",
            "1. 友善交流\n2. 禁止广告\n3. 每周三会员日",
        ),
    }
}

/// Fills group profiles, columns, a rhythm, a month of items and snippets; returns the item count.
pub fn generate(
    conn: &Connection,
    rng: &mut Rng,
    group_ids: &[i64],
    anchor: NaiveDate,
) -> store::Result<usize> {
    for (i, id) in group_ids.iter().enumerate() {
        let mut group = groups::get(conn, *id)?;
        let (positioning, rules) = profile(&group.kind);
        group.positioning = positioning.into();
        group.rules = rules.into();
        group.owner = OWNERS[i % OWNERS.len()].into();
        group.welcome = format!("欢迎加入{}！🍵 请先看群公告，有问题随时@群主。", group.name);
        group.announcement =
            "本群每天 07:30 早打卡、12:00 午分享、20:00 晚答疑，周三会员日福利不断。".into();
        groups::save(conn, &group)?;
    }
    let sop = content::save_column(
        conn,
        &Column {
            name: "社群SOP".into(),
            description: "每日固定时段：早打卡、午分享、晚答疑".into(),
            color: "#9334e6".into(),
            default_time: parse_time("07:30"),
            template: "早上好！今天也一起喝杯好茶吧 ☀️ 打卡回复“1”领积分。".into(),
            group_ids: group_ids.to_vec(),
            ..Column::default()
        },
    )?;
    let columns = content::list_columns(conn, false)?;
    let id_of = |name: &str| columns.iter().find(|c| c.name == name).map(|c| c.id);
    let kinds: Vec<(i64, String)> = group_ids
        .iter()
        .map(|id| groups::get(conn, *id).map(|g| (*id, g.kind)))
        .collect::<store::Result<_>>()?;
    let of_kind = |wanted: &[&str]| -> Vec<i64> {
        kinds
            .iter()
            .filter(|(_, k)| wanted.contains(&k.as_str()))
            .map(|(id, _)| *id)
            .collect()
    };
    let t = |text: &str| parse_time(text).unwrap_or_default();
    let mut lines = vec![
        RhythmLine::new(t("07:30"), sop, "早打卡")
            .daily()
            .for_groups(group_ids.iter().copied()),
        RhythmLine::new(t("12:00"), sop, "午分享")
            .daily()
            .for_groups(group_ids.iter().copied()),
        RhythmLine::new(t("20:00"), sop, "晚答疑")
            .daily()
            .for_groups(group_ids.iter().copied()),
    ];
    let all_weekdays = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    if let Some(good) = id_of("每日好物") {
        let mut line =
            RhythmLine::new(t("10:00"), good, "").for_groups(of_kind(&["福利群", "VIP群"]));
        for w in all_weekdays {
            line = line.on(w);
        }
        lines.push(line);
    }
    if let Some(pick) = id_of("精选推荐") {
        lines.push(
            RhythmLine::new(t("15:00"), pick, "周一产品种草")
                .on(Weekday::Mon)
                .for_groups(group_ids.iter().copied()),
        );
        lines.push(
            RhythmLine::new(t("19:00"), pick, "周三会员日")
                .on(Weekday::Wed)
                .for_groups(of_kind(&["VIP群", "福利群"])),
        );
    }
    if let Some(flash) = id_of("限时秒杀") {
        lines.push(
            RhythmLine::new(t("19:30"), flash, "周五裂变活动")
                .on(Weekday::Fri)
                .for_groups(of_kind(&["引流群", "快闪群", "福利群"])),
        );
    }
    if let Some(tips) = id_of("干货分享") {
        // Not every group: the coverage screen then has honest gaps to flag.
        let served: Vec<i64> = group_ids
            .iter()
            .copied()
            .filter(|_| rng.chance(75))
            .collect();
        lines.push(
            RhythmLine::new(t("21:00"), tips, "")
                .on(Weekday::Tue)
                .on(Weekday::Thu)
                .for_groups(served),
        );
    }
    for line in &lines {
        rhythm::save_line(conn, None, line, anchor)?;
    }
    let from = anchor - Duration::days(14);
    let to = anchor + Duration::days(16);
    content_items::generate(conn, from, to)?;
    let items = content_items::list(conn, &ItemFilter::range(from, to))?;
    let offset = local_offset_min();
    for mut item in items.iter().cloned() {
        let product = rng.pick(PRODUCTS);
        item.body = item
            .body
            .replace("今天推荐：", &format!("今天推荐：{product}"));
        if item.day < anchor {
            let roll = rng.below(100);
            item.status = match roll {
                0..=84 => ItemStatus::Sent,
                85..=91 => ItemStatus::Skipped,
                _ => ItemStatus::Planned,
            };
            if item.status == ItemStatus::Sent {
                let due = item.due().and_utc().timestamp() - i64::from(offset) * 60;
                item.posted_at = Some(Stamp {
                    unix_s: due + rng.below(20 * 60) as i64,
                    offset_min: offset,
                });
            }
        } else if item.day <= anchor + Duration::days(3) && rng.chance(40) {
            item.status = ItemStatus::Ready;
        } else {
            continue;
        }
        content_items::update(conn, &item)?;
    }
    for (column, title, body) in SNIPPETS {
        content::save_snippet(
            conn,
            &Snippet {
                id: 0,
                column_id: id_of(column),
                title: (*title).into(),
                body: (*body).into(),
            },
        )?;
    }
    Ok(items.len())
}

const SNIPPETS: &[(&str, &str, &str)] = &[
    (
        "干货分享",
        "白茶怎么存",
        "白茶存放三要点：避光、防潮、无异味。家里用密封罐 + 阴凉处就够了，不必放冰箱。",
    ),
    (
        "干货分享",
        "盖碗冲泡法",
        "盖碗 3 克茶、100℃ 水，头泡 5 秒洗茶，之后每泡递增 5 秒，可冲 6-8 泡。",
    ),
    (
        "干货分享",
        "普洱生熟之分",
        "生普清爽带苦涩，越存越醇；熟普经渥堆发酵，汤色红浓、口感顺滑，适合肠胃弱的朋友。",
    ),
    (
        "每日好物",
        "白毫银针",
        "今日好物：2019 年白毫银针 100g，毫香蜜韵，群内价 ¥268（原价 ¥328），点小程序下单。",
    ),
    (
        "每日好物",
        "旅行茶具",
        "出差党必备：便携快客杯一壶两杯，收纳只有手掌大，群内专享 8 折。",
    ),
    (
        "限时秒杀",
        "秒杀开场白",
        "⏰ 今晚 20:00 准时开抢！限量 50 份，手慢无，提前设好闹钟～",
    ),
    (
        "精选推荐",
        "本周精选",
        "本周精选：凤凰单丛·鸭屎香，兰花香高扬，回甘持久，适合喜欢香气的朋友。",
    ),
    (
        "社群SOP",
        "晚答疑开场",
        "晚上好～今天的答疑时间到啦，关于选茶、冲泡、存储的问题都可以问我 🙋",
    ),
];
