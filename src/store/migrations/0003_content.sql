-- 0002_content: the content calendar. Columns get a "weekly required" flag (coverage flags a group
-- that got no 干货分享 this week; a flag the user can edit beats matching a column's name), items
-- get an index for the coverage and generation queries, and the four starter columns are seeded
-- here, once, in the migration that runs exactly once per database: renaming or deleting one
-- later is never undone by a restart. INSERT OR IGNORE keeps a same-named column a user made.
ALTER TABLE content_columns ADD COLUMN weekly_required INTEGER NOT NULL DEFAULT 0;

CREATE INDEX content_items_by_slot_day ON content_items(slot_day) WHERE slot_id IS NOT NULL;

INSERT OR IGNORE INTO content_columns (name, description, color, default_time, template, weekly_required, sort) VALUES
    ('每日好物', '每天一款好物，配图 + 一句话卖点 + 购买方式', '#e8710a', '10:00',
     '【每日好物】今天推荐：
亮点：
价格：
下单方式：', 0, 1),
    ('精选推荐', '本周精选，结合群成员的兴趣推荐', '#4c8bf5', '15:00',
     '【精选推荐】本周精选：
推荐理由：', 0, 2),
    ('限时秒杀', '限时限量的秒杀活动，写清时间和库存', '#d93025', '19:30',
     '【限时秒杀】今晚 20:00 开抢！
商品：
秒杀价：
限量：', 0, 3),
    ('干货分享', '与产品相关的知识和技巧，建立信任；每个群每周至少一次', '#1e8e3e', '21:00',
     '【干货分享】今天聊聊：
', 1, 4);
