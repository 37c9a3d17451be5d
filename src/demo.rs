//! `qunzhu demo`: a realistic, deterministic demo database (a tea brand's community) for
//! screenshots, manual testing and benchmarks. The same seed and anchor day give the same data.

mod content;
mod followups;
mod health;
mod koc;

use chrono::{Duration, NaiveDate};

use crate::domain::customer::{Customer, Gender};
use crate::domain::note::NoteKind;
use crate::domain::time::{Stamp, day_start_unix};
use crate::store::{self, Store, customers, groups, notes, search, staff, tags};

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub customers: usize,
    pub seed: u64,
    /// Average notes per customer (the benchmark uses 5 for 1M notes over 200k customers).
    pub notes_per_customer: usize,
    /// "Today" for the generated history.
    pub anchor: NaiveDate,
}

/// What was generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DemoSummary {
    pub customers: usize,
    pub notes: usize,
    pub groups: usize,
    pub purchases: usize,
    pub enrolments: usize,
    pub done_tasks: usize,
    /// Content calendar items planned for the month around the anchor day.
    pub content_items: usize,
    /// Group health: daily stats rows and chat messages.
    pub health_days: usize,
    pub chat_messages: usize,
    /// KOC: role assignments and logged contributions.
    pub role_assignments: usize,
    pub contributions: usize,
}

/// A small deterministic generator (SplitMix64): no dependency, same numbers on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "英", "华", "玉", "萍", "红", "建", "文", "辉", "晓", "雯", "欣",
    "怡", "佳", "琪", "涵", "梓", "萱", "浩", "然", "宇", "轩", "思", "雨", "婷", "颖", "昕", "悦",
    "博", "琳",
];
const NICKNAMES: &[&str] = &[
    "小鹿🦌",
    "Amy",
    "茶茶子",
    "阿狸",
    "Coco",
    "木子",
    "一叶知秋",
    "Sunny",
    "糖糖",
    "老陈",
    "喵小姐",
    "Grace",
    "听风",
    "小橙子",
    "豆豆妈",
];
const CITIES: &[&str] = &[
    "上海", "北京", "杭州", "广州", "深圳", "成都", "南京", "苏州", "武汉", "西安", "厦门", "长沙",
];
const PRODUCTS: &[&str] = &["白茶", "普洱", "红茶", "绿茶", "乌龙", "茶具"];
const STAFF: &[&str] = &["林晓雯", "王浩然", "陈思琪", "赵一鸣", "周婷", "刘洋"];
const SOURCES: &[&str] = &["扫码添加", "门店", "直播间", "小红书", "抖音", "老带新"];
const TAG_VOCABULARY: &[(&str, &[&str])] = &[
    ("基本属性", &["宝妈", "白领", "学生", "企业采购", "KOC"]),
    ("消费", &["新客", "老客", "VIP", "高价值", "复购"]),
    ("兴趣", &["绿茶", "红茶", "普洱", "白茶", "乌龙", "茶具"]),
    ("行为", &["有意向", "已下单", "沉睡", "直播间", "老带新"]),
];
const GROUPS: &[(&str, &str)] = &[
    ("白茶品鉴1群", "VIP群"),
    ("宝妈茶话会", "福利群"),
    ("新客体验群", "引流群"),
    ("VIP福利群", "VIP群"),
    ("上海茶友会", "福利群"),
    ("北京茶友会", "福利群"),
    ("直播间粉丝群", "引流群"),
    ("普洱收藏群", "VIP群"),
    ("企业采购群", "VIP群"),
    ("双11快闪群", "快闪群"),
    ("老带新裂变群", "引流群"),
    ("杭州门店群", "福利群"),
];

fn note_text(rng: &mut Rng, kind: NoteKind, city: &str) -> String {
    let product = rng.pick(PRODUCTS);
    match kind {
        NoteKind::Identity => format!(
            "{city}{}，{}岁左右，{}",
            rng.pick(&[
                "外企白领",
                "全职宝妈",
                "小学老师",
                "做外贸",
                "开咖啡店",
                "程序员",
                "退休教师"
            ]),
            20 + rng.below(40),
            rng.pick(&[
                "有两个孩子",
                "刚搬新家",
                "经常出差",
                "周末喜欢喝茶",
                "送礼需求多"
            ])
        ),
        NoteKind::Purchase => format!(
            "买了{product}{}盒，共{}元，{}",
            1 + rng.below(5),
            (1 + rng.below(30)) * 58,
            rng.pick(&["微信转账", "小程序下单", "门店自提", "顺丰到付"])
        ),
        NoteKind::Inquiry => format!(
            "咨询{product}怎么冲泡，推荐了{}",
            rng.pick(&["盖碗", "玻璃杯", "紫砂壶", "冷泡法", "煮茶壶"])
        ),
        NoteKind::Preference => format!(
            "喜欢{}口味的{product}，不喜欢太{}",
            rng.pick(&["清香", "浓香", "花果香", "陈香", "甜润"]),
            rng.pick(&["苦", "涩", "烟熏", "浓"])
        ),
        NoteKind::Followup => format!(
            "{}回访：{}",
            rng.pick(&["电话", "微信", "朋友圈互动后"]),
            rng.pick(&[
                "说茶很好喝，想再买一盒",
                "暂时不需要",
                "问双11有没有活动",
                "推荐了同事来加微信",
                "没回复"
            ])
        ),
        NoteKind::Other => rng
            .pick(&["生日在12月", "不喜欢被频繁打扰", "是门店老顾客的朋友"])
            .to_string(),
    }
}

fn person(rng: &mut Rng) -> String {
    if rng.chance(12) {
        return rng.pick(NICKNAMES).to_string();
    }
    let mut name = (rng.pick(SURNAMES)).to_string();
    name.push_str(rng.pick(GIVEN));
    if rng.chance(70) {
        name.push_str(rng.pick(GIVEN));
    }
    name
}

/// Fills `store` with demo data in one transaction.
pub fn generate(store: &mut Store, options: &DemoOptions) -> store::Result<DemoSummary> {
    let mut rng = Rng::new(options.seed);
    let tx = store.conn_mut().transaction()?;
    let mut tag_ids: Vec<i64> = Vec::new();
    for (group, names) in TAG_VOCABULARY {
        let group_id = tags::ensure_group(&tx, group)?;
        for name in *names {
            tag_ids.push(tags::ensure(&tx, name, Some(group_id))?);
        }
    }
    let staff_ids = STAFF
        .iter()
        .map(|name| staff::ensure(&tx, name))
        .collect::<store::Result<Vec<i64>>>()?;
    let anchor_unix = day_start_unix(options.anchor, 480);
    let mut group_ids = Vec::new();
    for (i, (name, kind)) in GROUPS.iter().enumerate() {
        let created = options.anchor - Duration::days(400 - 30 * i as i64);
        group_ids.push(groups::create(&tx, name, kind, Some(&created.to_string()))?);
    }
    let mut note_count = 0;
    let mut added_days = Vec::with_capacity(options.customers);
    for index in 0..options.customers {
        let name = person(&mut rng);
        let city = rng.pick(CITIES);
        let added = anchor_unix - (rng.below(730 * 24 * 3600)) as i64;
        let contact = (rng.chance(60))
            .then(|| added + rng.below((anchor_unix - added).max(1) as usize) as i64);
        let customer = Customer {
            external_id: rng
                .chance(80)
                .then(|| format!("wmDemo{:08x}{index:06}", rng.next_u64() as u32)),
            remark: if rng.chance(70) {
                format!("{name}-{city}-{}", rng.pick(PRODUCTS))
            } else {
                String::new()
            },
            name,
            phone: rng.chance(85).then(|| {
                format!(
                    "1{}{:09}",
                    rng.pick(&["38", "39", "58", "86", "36", "99"]),
                    rng.below(1_000_000_000)
                )
            }),
            wechat_id: rng
                .chance(40)
                .then(|| format!("wxid_{:010x}", rng.next_u64() & 0xff_ffff_ffff)),
            gender: rng.pick(&[
                Gender::Female,
                Gender::Female,
                Gender::Male,
                Gender::Unknown,
            ]),
            city: city.to_string(),
            source: rng.pick(SOURCES).to_string(),
            description: if rng.chance(30) {
                format!(
                    "{}，常买{}",
                    rng.pick(&["爱喝茶", "送礼多", "价格敏感", "回购稳定"]),
                    rng.pick(PRODUCTS)
                )
            } else {
                String::new()
            },
            added_at: Some(Stamp {
                unix_s: added,
                offset_min: 480,
            }),
            last_contact_at: contact.map(|unix_s| Stamp {
                unix_s,
                offset_min: 480,
            }),
            ..Customer::default()
        };
        let id = customers::insert_unindexed(&tx, &customer)?;
        added_days.push((
            id,
            Stamp {
                unix_s: added,
                offset_min: 480,
            }
            .local_day(),
        ));
        staff::link(&tx, id, rng.pick(&staff_ids), customer.added_at)?;
        if rng.chance(8) {
            staff::link(&tx, id, rng.pick(&staff_ids), customer.added_at)?;
        }
        let tag_count = rng.below(5);
        let chosen: Vec<i64> = (0..tag_count).map(|_| rng.pick(&tag_ids)).collect();
        for tag in chosen {
            tags::add_to(&tx, &[id], tag, tags::TagSource::Import)?;
        }
        for _ in 0..rng.below(3) {
            let joined = options.anchor - Duration::days(rng.below(300) as i64);
            groups::add_customer(&tx, rng.pick(&group_ids), id, Some(&joined.to_string()))?;
        }
        let note_total = rng.below(options.notes_per_customer * 2 + 1);
        for _ in 0..note_total {
            let kind = rng.pick(&NoteKind::ALL);
            let at = added + rng.below((anchor_unix - added).max(1) as usize) as i64;
            let body = note_text(&mut rng, kind, city);
            notes::insert_unindexed(
                &tx,
                id,
                kind,
                &body,
                Stamp {
                    unix_s: at,
                    offset_min: 480,
                },
            )?;
            note_count += 1;
        }
        search::index_customer(&tx, id)?;
    }
    let follow = followups::fill(&tx, &mut rng, &added_days, options.anchor)?;
    let content_items = content::generate(&tx, &mut rng, &group_ids, options.anchor)?;
    let health = health::fill(&tx, &mut rng, &group_ids, options.anchor)?;
    let (role_assignments, contributions) = koc::fill(&tx, &mut rng, &group_ids, options.anchor)?;
    tx.commit()?;
    Ok(DemoSummary {
        customers: options.customers,
        notes: note_count + follow.done,
        groups: group_ids.len() + health.groups_created,
        purchases: follow.purchases,
        enrolments: follow.enrolments,
        done_tasks: follow.done,
        content_items,
        health_days: health.days,
        chat_messages: health.messages,
        role_assignments,
        contributions,
    })
}
