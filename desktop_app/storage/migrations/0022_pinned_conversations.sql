-- Schema 22: a person pins up to three conversations to the top of their list (the ward
-- group, the duty doctor's account), as in the messengers ward staff know. When it was
-- pinned (ms), NULL when not: pinned conversations come first, the last pinned on top.
ALTER TABLE conversations ADD COLUMN pinned_at INTEGER;
