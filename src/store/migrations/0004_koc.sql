-- KOC and ambassador roles: the pre-seeded catalogue (editable) and the kinds of contribution.
INSERT INTO roles (name, description, color, per_group, expected_kind, expected_count, sort) VALUES
    ('群主', '建群、定规则、对群的整体运营负责', '#d9480f', 1, NULL, NULL, 10),
    ('群管理', '协助群主维护秩序、处理广告、解答常见问题', '#1971c2', 1, 'speaking_days_per_week', 3, 20),
    ('气氛组', '活跃气氛、带动话题、回应新人，让群保持热度', '#e64980', 1, 'speaking_days_per_week', 4, 30),
    ('分享官', '转发和分享品牌内容到自己的朋友圈与社群', '#2f9e44', 0, 'contributions_per_month', 4, 40),
    ('内容官', '共创内容：晒图、测评、教程、UGC', '#7048e8', 0, 'contributions_per_month', 2, 50),
    ('体验官', '试用新品并给出真实反馈', '#0c8599', 0, 'contributions_per_month', 1, 60),
    ('带货官', '通过自己的人脉带来成交', '#f08c00', 0, 'contributions_per_month', 2, 70),
    ('社群班长', '组织群内打卡、活动和签到', '#5c940d', 1, 'speaking_days_per_week', 5, 80),
    ('团长', '团购组织者，负责拼团与分销', '#c2255c', 0, 'contributions_per_month', 3, 90);

-- Which roles count towards a group's coverage (气氛组 and 群管理 by default).
ALTER TABLE roles ADD COLUMN covers_group INTEGER NOT NULL DEFAULT 0;
UPDATE roles SET covers_group = 1 WHERE name IN ('群管理', '气氛组');

CREATE INDEX role_assignments_by_group ON role_assignments(group_id, status);
-- Candidate scoring sums each linked member's messages over a window of days across all groups.
CREATE INDEX chat_messages_by_day_member ON chat_messages(local_day, member_id, kind);
