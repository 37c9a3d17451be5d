-- 0002_followups: seeds the three starter journeys of the 跟进 screen (新客培育, 已购关怀, 沉睡唤醒).
-- Seeding in a migration runs exactly once per database file, so a journey the manager edited,
-- renamed or deleted is never re-created behind their back (a "seed on first use" check would
-- bring a deleted journey back). Also indexes tasks by step, which re-derivation and deleting a
-- step look them up by, and open tasks by (due, customer) so the checklist reads its first rows
-- in order without sorting tens of thousands of overdue tasks.

CREATE INDEX followup_tasks_by_step ON followup_tasks(step_id, customer_id);
CREATE INDEX followup_tasks_checklist ON followup_tasks(status, due, customer_id);

INSERT INTO journeys (name, description, sort) VALUES
    ('新客培育', '新加微信的客户：先建立信任，再促成首单，然后带动活跃。', 1),
    ('已购关怀', '下单之后：使用关怀、体验回访、复购提醒。每次新的购买会重新开始计时。', 2),
    ('沉睡唤醒', '30 天没有互动（聊天或购买）的客户：一条不打扰的唤醒消息。每次互动后重新计时。', 3);

INSERT INTO journey_steps (journey_id, position, trigger, offset_days, title, script, channel)
SELECT j.id, s.position, s.trigger, s.offset_days, s.title, s.script, s.channel
FROM journeys j JOIN (
    SELECT '新客培育' AS journey, 1 AS position, 'added' AS trigger, 0 AS offset_days, '欢迎+建信任' AS title,
        '{称呼}您好，我是您的专属顾问，很高兴认识您！平时有任何关于茶的问题都可以随时问我，我会把适合您的好茶和冲泡小技巧分享给您～' AS script,
        'private_chat' AS channel
    UNION ALL SELECT '新客培育', 2, 'added', 7, '促首单',
        '{称呼}，这周给新朋友准备了一份体验装，首单还有专属优惠，想先试试哪一款？我帮您留一份。', 'private_chat'
    UNION ALL SELECT '新客培育', 3, 'added', 14, '促活跃',
        '{称呼}，群里今晚有品鉴小课堂，带大家一起认识不同的茶，欢迎来听听，有问题直接在群里@我～', 'moments'
    UNION ALL SELECT '已购关怀', 1, 'latest_purchase', 1, '使用关怀',
        '{称呼}您好，您的{商品}应该收到了吧？第一次冲泡建议水温 90℃ 左右，有任何问题随时找我。', 'private_chat'
    UNION ALL SELECT '已购关怀', 2, 'latest_purchase', 7, '体验回访',
        '{称呼}，{商品}喝了一周感觉怎么样？口感还合适吗？您的反馈对我们很重要。', 'private_chat'
    UNION ALL SELECT '已购关怀', 3, 'latest_purchase', 21, '复购提醒',
        '{称呼}，算算时间{商品}快喝完了吧？老客回购有专属价，需要的话我帮您安排。', 'private_chat'
    UNION ALL SELECT '沉睡唤醒', 1, 'latest_contact', 30, '30 天无互动',
        '{称呼}，好久没聊啦～最近到了一批新茶，给老朋友留了试饮装，要不要给您寄一份尝尝？', 'private_chat'
) s ON s.journey = j.name;
