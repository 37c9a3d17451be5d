-- The 聊天记录 search bounds its walk of a word's matches by the ids of the chosen days: the
-- smallest and largest id of one day is a seek in this index, where the older
-- (local_day, member_id, kind) index had to read every entry of the days (≈50 ms for a month
-- at 5M messages, measured in benches/chat.rs).
CREATE INDEX chat_messages_by_day_id ON chat_messages(local_day, id);
