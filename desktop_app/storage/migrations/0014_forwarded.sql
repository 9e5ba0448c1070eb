-- Schema 14: a message forwarded from another conversation says so ("forwarded"),
-- without naming where it came from (issue 13, services/forwarding.py).
ALTER TABLE messages ADD COLUMN forwarded INTEGER NOT NULL DEFAULT 0 CHECK (forwarded IN (0, 1));
