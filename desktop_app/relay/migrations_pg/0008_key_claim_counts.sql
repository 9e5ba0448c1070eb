-- Relay schema 8 on PostgreSQL (as migrations/0008_key_claim_counts.sql): one-time key
-- claims counted in the store, so the claim limits hold across relay nodes.
CREATE TABLE key_claim_counts (
    claim_window BIGINT NOT NULL,
    kind         TEXT NOT NULL,
    name         TEXT NOT NULL,
    claims       INTEGER NOT NULL,
    PRIMARY KEY (claim_window, kind, name)
);
