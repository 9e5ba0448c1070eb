-- Relay schema 8: one-time key claims counted in the store, for several relay nodes.
--
-- Relay nodes sharing one PostgreSQL count claims here (per window, per claimer, per
-- target and per pair), so the limits of relay.json hold across nodes; a relay on
-- SQLite is one process and keeps counting in memory (relay/claim_limits.py). Rows of
-- past windows are deleted with the next claim.
CREATE TABLE key_claim_counts (
    claim_window INTEGER NOT NULL,          -- now // key_claim_window_s
    kind         TEXT NOT NULL,             -- 'claimer', 'target' or 'pair'
    name         TEXT NOT NULL,             -- a device id, or "claimer target" for a pair
    claims       INTEGER NOT NULL,
    PRIMARY KEY (claim_window, kind, name)
) STRICT, WITHOUT ROWID;
