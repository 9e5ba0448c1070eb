-- Schema 16 (issue 13): the escalation target the sender picked for one urgent message.
--
-- messages.escalate_to: the uid of a directory person or functional account that this
-- urgent message goes on to when nobody acknowledges it in time (services/escalation.py);
-- NULL: the sender's setting "A person…" applies. Receivers keep it only if it names
-- someone in the verified directory (services/incoming.py).
ALTER TABLE messages ADD COLUMN escalate_to TEXT;
