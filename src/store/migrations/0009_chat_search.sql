-- One search over every imported chat message (聊天记录 search): a contentless FTS5 index whose
-- documents are the texts with CJK characters spaced into single tokens, so a phrase query finds
-- Chinese of any length (1–2 characters included) through the index; rowid = chat_messages.id.
-- Rows are added by the chat import (and filled for existing messages by this migration's Rust
-- step); the trigger removes a message's row wherever the message goes (undo, a deleted group).
-- `grp` holds one token per row, g<group id>: a search in one group is answered by the index too
-- (filtering 5M rows' matches by a join instead cost ≈100 ms, measured in benches/chat.rs).
CREATE VIRTUAL TABLE chat_search USING fts5(body, grp, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER chat_messages_unsearch AFTER DELETE ON chat_messages BEGIN
    DELETE FROM chat_search WHERE rowid = old.id;
END;
-- Undoing a chat import deletes its messages by batch: without this, a scan of every message.
CREATE INDEX chat_messages_by_batch ON chat_messages(batch_id) WHERE batch_id IS NOT NULL;
