-- Which chat messages the exporting account sent itself (WeChatMsg IsSender / PyWxDump is_sender):
-- the team's side of a conversation, needed to tell answered questions from unanswered ones.
-- Messages imported before this version read as 0 (the team is then known from staff names and
-- roles only); undoing that import and importing the file again fills the flag in.
ALTER TABLE chat_messages ADD COLUMN own INTEGER NOT NULL DEFAULT 0;
-- Rules of the unanswered-question check (question words, service hours, minutes) live in settings.
