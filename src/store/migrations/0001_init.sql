-- 0001_init: the first schema. It models all six capabilities at once (customer book, imports,
-- content calendar, KOC roles, group health, follow-ups) so later features add behaviour, not tables.
-- Times that are instants are INTEGER unix seconds (UTC) with the original offset kept in *_offset_min
-- for display; calendar days are TEXT 'YYYY-MM-DD' (local dates, never derived from UTC); money is
-- INTEGER cents. The full-text index is maintained by src/store/search.rs, not by triggers, because a
-- customer's search document spans several tables and needs CJK preprocessing SQL cannot do.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Import batches come first: several tables point at the batch that wrote them (for undo).
CREATE TABLE import_batches (
    id         INTEGER PRIMARY KEY,
    file_name  TEXT NOT NULL,
    file_hash  TEXT NOT NULL,
    kind       TEXT NOT NULL,          -- contacts | group_stats | chat
    format     TEXT NOT NULL,
    encoding   TEXT NOT NULL DEFAULT '',
    at         INTEGER NOT NULL,
    rows       INTEGER NOT NULL DEFAULT 0,
    created    INTEGER NOT NULL DEFAULT 0,
    updated    INTEGER NOT NULL DEFAULT 0,
    skipped    INTEGER NOT NULL DEFAULT 0,
    rejected   INTEGER NOT NULL DEFAULT 0,
    undone_at  INTEGER
);
CREATE INDEX import_batches_at ON import_batches(at DESC);

-- What each batch did, so Undo removes exactly what it created and restores what it changed.
CREATE TABLE import_batch_changes (
    batch_id  INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    entity    TEXT NOT NULL,           -- customer | group | ...
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('created', 'updated')),
    before    TEXT,                    -- JSON snapshot of the entity before an update
    PRIMARY KEY (batch_id, entity, entity_id)
) WITHOUT ROWID;

-- A user's corrected column mapping, remembered per header signature.
CREATE TABLE header_mappings (
    signature  TEXT PRIMARY KEY,
    mapping    TEXT NOT NULL,          -- JSON: header -> field key
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE customers (
    id               INTEGER PRIMARY KEY,
    external_id      TEXT UNIQUE,      -- WeCom external_userid
    name             TEXT NOT NULL DEFAULT '',
    remark           TEXT NOT NULL DEFAULT '',
    description      TEXT NOT NULL DEFAULT '',
    phone            TEXT,             -- normalised digits
    wechat_id        TEXT,
    gender           INTEGER NOT NULL DEFAULT 0 CHECK (gender IN (0, 1, 2)),
    corp             TEXT NOT NULL DEFAULT '',
    city             TEXT NOT NULL DEFAULT '',
    source           TEXT NOT NULL DEFAULT '',
    added_at         INTEGER,
    added_offset_min INTEGER,
    last_contact_at  INTEGER,
    custom           TEXT NOT NULL DEFAULT '{}',   -- JSON object of unmapped import columns
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX customers_name ON customers(name);
CREATE INDEX customers_remark ON customers(remark);
CREATE INDEX customers_phone ON customers(phone);
CREATE INDEX customers_wechat ON customers(wechat_id);
CREATE INDEX customers_added ON customers(added_at);
CREATE INDEX customers_last_contact ON customers(last_contact_at);

-- Staff members (添加人) who added customers; a customer can be added by several.
CREATE TABLE staff (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    userid     TEXT,
    department TEXT NOT NULL DEFAULT ''
);
CREATE TABLE customer_staff (
    customer_id      INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    staff_id         INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    added_at         INTEGER,
    added_offset_min INTEGER,
    PRIMARY KEY (customer_id, staff_id)
) WITHOUT ROWID;
CREATE INDEX customer_staff_by_staff ON customer_staff(staff_id, customer_id);

CREATE TABLE tag_groups (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE,
    color TEXT NOT NULL,               -- '#rrggbb'
    sort  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE tags (
    id       INTEGER PRIMARY KEY,
    group_id INTEGER REFERENCES tag_groups(id) ON DELETE SET NULL,
    name     TEXT NOT NULL UNIQUE
);
CREATE INDEX tags_group ON tags(group_id);
CREATE TABLE customer_tags (
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    source      TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'import', 'rule')),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (customer_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX customer_tags_by_tag ON customer_tags(tag_id, customer_id);

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('identity', 'purchase', 'inquiry', 'preference', 'followup', 'other')),
    body        TEXT NOT NULL,
    at          INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX notes_by_customer ON notes(customer_id, at DESC);

CREATE TABLE groups (
    id             INTEGER PRIMARY KEY,
    wecom_chat_id  TEXT UNIQUE,        -- 群ID from WeCom exports
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL DEFAULT '',   -- 引流群 / 福利群 / 快闪群 / VIP群 / custom
    owner          TEXT NOT NULL DEFAULT '',
    positioning    TEXT NOT NULL DEFAULT '',
    welcome        TEXT NOT NULL DEFAULT '',
    rules          TEXT NOT NULL DEFAULT '',
    announcement   TEXT NOT NULL DEFAULT '',
    created_on     TEXT,
    archived       INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX groups_name ON groups(name);

-- Everyone seen in a group (from chats, stats or by hand); linked to a customer where known.
CREATE TABLE group_members (
    id           INTEGER PRIMARY KEY,
    group_id     INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    customer_id  INTEGER REFERENCES customers(id) ON DELETE SET NULL,
    member_key   TEXT NOT NULL,        -- WeChat sender id, or 'customer:<id>' when added by hand
    display_name TEXT NOT NULL DEFAULT '',
    joined_on    TEXT,
    left_on      TEXT,
    UNIQUE (group_id, member_key)
);
CREATE INDEX group_members_by_customer ON group_members(customer_id, group_id);

CREATE TABLE purchases (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    at           INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL,
    items        TEXT NOT NULL DEFAULT '',
    discounted   INTEGER NOT NULL DEFAULT 0,
    group_id     INTEGER REFERENCES groups(id) ON DELETE SET NULL,
    batch_id     INTEGER REFERENCES import_batches(id) ON DELETE SET NULL
);
CREATE INDEX purchases_by_customer ON purchases(customer_id, at);
CREATE INDEX purchases_by_at ON purchases(at);

CREATE TABLE group_daily_stats (
    group_id           INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    day                TEXT NOT NULL,
    members            INTEGER,        -- NULL = unknown, distinct from 0
    joins              INTEGER,
    leaves             INTEGER,
    speakers           INTEGER,
    messages           INTEGER,
    exposure           INTEGER,
    orders             INTEGER,
    ordering_members   INTEGER,
    order_amount_cents INTEGER,
    cost_cents         INTEGER,
    source             TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'wecom', 'chat')),
    batch_id           INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
    PRIMARY KEY (group_id, day)
) WITHOUT ROWID;
CREATE INDEX group_daily_stats_by_day ON group_daily_stats(day);

CREATE TABLE chat_messages (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    member_id   INTEGER REFERENCES group_members(id) ON DELETE SET NULL,
    sender      TEXT NOT NULL,
    at          INTEGER NOT NULL,
    local_day   TEXT NOT NULL,
    kind        INTEGER NOT NULL,      -- WeChatMsg Type (10000 = system)
    sub_kind    INTEGER NOT NULL DEFAULT 0,
    text        TEXT NOT NULL DEFAULT '',
    source_key  TEXT NOT NULL,         -- stable per message, makes re-imports idempotent
    batch_id    INTEGER REFERENCES import_batches(id) ON DELETE CASCADE,
    UNIQUE (group_id, source_key)
);
CREATE INDEX chat_messages_by_group_day ON chat_messages(group_id, local_day);
CREATE INDEX chat_messages_by_member ON chat_messages(member_id, at);

CREATE TABLE content_columns (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    description  TEXT NOT NULL DEFAULT '',
    color        TEXT NOT NULL,
    default_time TEXT,                 -- 'HH:MM'
    template     TEXT NOT NULL DEFAULT '',
    archived     INTEGER NOT NULL DEFAULT 0,
    sort         INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE content_column_groups (
    column_id INTEGER NOT NULL REFERENCES content_columns(id) ON DELETE CASCADE,
    group_id  INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    PRIMARY KEY (column_id, group_id)
) WITHOUT ROWID;
CREATE TABLE rhythm_slots (
    id        INTEGER PRIMARY KEY,
    weekday   INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),   -- 1 = Monday
    time      TEXT NOT NULL,           -- 'HH:MM'
    column_id INTEGER NOT NULL REFERENCES content_columns(id) ON DELETE CASCADE,
    group_id  INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    label     TEXT NOT NULL DEFAULT '', -- e.g. 早打卡 / 周三会员日
    UNIQUE (weekday, time, column_id, group_id)
);
CREATE TABLE content_items (
    id          INTEGER PRIMARY KEY,
    day         TEXT NOT NULL,
    time        TEXT NOT NULL,
    group_id    INTEGER REFERENCES groups(id) ON DELETE CASCADE,
    column_id   INTEGER REFERENCES content_columns(id) ON DELETE SET NULL,
    slot_id     INTEGER REFERENCES rhythm_slots(id) ON DELETE SET NULL,
    slot_day    TEXT,                  -- the day the slot generated it for; keeps re-generation idempotent after a move
    title       TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'ready', 'sent', 'skipped')),
    notes       TEXT NOT NULL DEFAULT '',
    posted_at   INTEGER,
    user_edited INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (slot_id, slot_day)
);
CREATE INDEX content_items_by_day ON content_items(day, time);
CREATE INDEX content_items_by_group_day ON content_items(group_id, day);
CREATE TABLE content_snippets (
    id         INTEGER PRIMARY KEY,
    column_id  INTEGER REFERENCES content_columns(id) ON DELETE SET NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX content_snippets_by_column ON content_snippets(column_id);

CREATE TABLE roles (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    description    TEXT NOT NULL DEFAULT '',
    color          TEXT NOT NULL,
    per_group      INTEGER NOT NULL DEFAULT 1,
    expected_kind  TEXT CHECK (expected_kind IN ('speaking_days_per_week', 'contributions_per_month')),
    expected_count REAL,
    sort           INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE role_assignments (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    role_id     INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    group_id    INTEGER REFERENCES groups(id) ON DELETE CASCADE,   -- NULL = all groups
    status      TEXT NOT NULL CHECK (status IN ('candidate', 'active', 'ended')),
    since       TEXT NOT NULL,
    until       TEXT,
    reason      TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX role_assignments_by_customer ON role_assignments(customer_id);
CREATE INDEX role_assignments_by_role ON role_assignments(role_id, status);
CREATE TABLE contributions (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    day          TEXT NOT NULL,
    value        REAL NOT NULL DEFAULT 1,
    amount_cents INTEGER,
    note         TEXT NOT NULL DEFAULT '',
    group_id     INTEGER REFERENCES groups(id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX contributions_by_customer ON contributions(customer_id, day);
CREATE INDEX contributions_by_day ON contributions(day);

CREATE TABLE journeys (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    archived    INTEGER NOT NULL DEFAULT 0,
    sort        INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE journey_steps (
    id          INTEGER PRIMARY KEY,
    journey_id  INTEGER NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    trigger     TEXT NOT NULL CHECK (trigger IN ('added', 'first_purchase', 'latest_purchase', 'latest_contact', 'custom_date')),
    offset_days INTEGER NOT NULL,
    title       TEXT NOT NULL,
    script      TEXT NOT NULL DEFAULT '',
    channel     TEXT NOT NULL DEFAULT 'private_chat' CHECK (channel IN ('private_chat', 'phone', 'moments'))
);
CREATE INDEX journey_steps_by_journey ON journey_steps(journey_id, position);
CREATE TABLE enrolments (
    id          INTEGER PRIMARY KEY,
    journey_id  INTEGER NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    enrolled_at INTEGER NOT NULL,
    custom_date TEXT,
    UNIQUE (journey_id, customer_id)
);
CREATE INDEX enrolments_by_customer ON enrolments(customer_id);
CREATE TABLE followup_tasks (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    step_id       INTEGER NOT NULL REFERENCES journey_steps(id) ON DELETE CASCADE,
    anchor_day    TEXT NOT NULL,       -- the trigger's date the due day was computed from
    due           TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'skipped')),
    snoozed_until TEXT,
    done_at       INTEGER,
    outcome       TEXT,
    note          TEXT NOT NULL DEFAULT '',
    UNIQUE (step_id, customer_id, anchor_day)
);
CREATE INDEX followup_tasks_open_due ON followup_tasks(status, due);
CREATE INDEX followup_tasks_by_customer ON followup_tasks(customer_id, due);

-- Search documents: one row per customer (rowid = customers.id) in two contentless FTS5 indexes.
-- search_cjk holds the text with every CJK character spaced out, so unicode61 makes each hanzi a
-- token and a 1-2 character query is an indexed phrase query; search_trigram answers substrings of
-- 3+ characters (phone fragments, WeChat IDs, Latin words). Neither stores the text itself.
CREATE VIRTUAL TABLE search_cjk USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE search_trigram USING fts5(body, content='', contentless_delete=1, tokenize='trigram');

-- Starter tag groups a manager can rename; tags created later pick one of them or none.
INSERT INTO tag_groups (name, color, sort) VALUES
    ('基本属性', '#4c8bf5', 1),
    ('消费', '#e8710a', 2),
    ('兴趣', '#1e8e3e', 3),
    ('行为', '#9334e6', 4);
