-- Schema 19: the call history (issue 12): every call this person placed or received on
-- this device, for the call log. services/call_history.py writes one row when a call ends.
--
-- direction: who rang; outcome: how it ended (domain/call_state.EndReason values);
-- peer_uid: the other person (for a call to a functional account, the holder who
-- answered, or the account while nobody did); role_uid: the functional account called;
-- participants: the uids in the call, a JSON list. duration_s is 0 for a call that
-- never connected.
-- Not a foreign key on conversations: a 1:1 call may ring before its conversation is
-- known here. The trigger removes a conversation's calls whatever deletes it
-- (storage/purge.py); message retention removes calls older than its cutoff.
CREATE TABLE call_history (
    call_id         TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    direction       TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
    peer_uid        TEXT NOT NULL,
    role_uid        TEXT,
    outcome         TEXT NOT NULL,
    started_at      INTEGER NOT NULL,
    duration_s      INTEGER NOT NULL CHECK (duration_s >= 0),
    participants    TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX call_history_by_time ON call_history(started_at);
CREATE INDEX call_history_by_conversation ON call_history(conversation_id);

CREATE TRIGGER call_history_with_conversation AFTER DELETE ON conversations BEGIN
    DELETE FROM call_history WHERE conversation_id = old.conversation_id;
END;
