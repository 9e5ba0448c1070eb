-- Relay schema 4: requests to take over a functional account whose take-over policy is
-- "holder": they wait here until a current holder approves or declines (or they expire).

CREATE TABLE role_requests (
    id          INTEGER PRIMARY KEY,     -- the request id the clients see
    role_uid    TEXT NOT NULL,
    requester   TEXT NOT NULL,           -- the uid that asked to become the holder
    created_at  INTEGER NOT NULL,
    status      TEXT NOT NULL,           -- pending | approved | declined
    answered_by TEXT NOT NULL DEFAULT '',
    answered_at INTEGER
) STRICT;
CREATE INDEX role_requests_by_role ON role_requests(role_uid, status);
CREATE INDEX role_requests_by_requester ON role_requests(requester, id);
