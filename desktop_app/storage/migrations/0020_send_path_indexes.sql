-- Schema 20: indexes for the send path (issue 15, client CPU per message).
-- SqlMessageStore.queued_from runs on every send and every connect; it scanned every
-- message and, for each candidate, the whole outbox (no index on outbox.message_id), so
-- its cost grew with the history. Only our own QUEUED messages are candidates: a partial
-- index holds just those (a handful), and the outbox is looked up by message id.
CREATE INDEX messages_queued ON messages(sender_uid, id) WHERE state = 'queued';
CREATE INDEX outbox_by_message ON outbox(message_id);
