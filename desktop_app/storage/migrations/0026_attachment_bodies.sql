-- Schema 26: received chat attachments share bodies (services/attachments.py).
--
-- A colleague's modified client named one upload in ten attachments a message, message
-- after message: every receiver downloaded and kept a copy per attachment until
-- retention. An attachment naming a body already held (same key, SHA-256 and size)
-- now shares its file: the first index finds it without a download, the second lets a
-- purge keep a file that another message's attachment still uses (storage/purge.py).
CREATE INDEX attachments_by_body ON attachments(sha256);
CREATE INDEX attachments_by_file ON attachments(body_file) WHERE body_file IS NOT NULL;
