-- Schema 14 (issue 13): forwarded copies, @mentions, muted conversations.
--
-- messages.forwarded: a copy from another conversation says so ("Forwarded"), without
-- naming where it came from (services/forwarding.py).
-- messages.mentions: the uids (people or functional accounts) a group message mentions,
-- space-separated; a mention notifies even in a muted conversation.
-- conversations.muted: no notification for new messages, except urgent ones and
-- mentions of me or of a role I hold.
ALTER TABLE messages ADD COLUMN forwarded INTEGER NOT NULL DEFAULT 0 CHECK (forwarded IN (0, 1));
ALTER TABLE messages ADD COLUMN mentions TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN muted INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1));
