"""Message ids that name their sender.

The first message stored under an id keeps it; one from another sender under a known id
is refused (services/incoming.py: otherwise a colleague would put his files under
another's message). So a member who has a colleague's message before another member's
PC does (that PC offline, or the message waiting there for its room key) could put a
message of his own under its id first, and the real one, an urgent order perhaps, was
then refused on that PC, its edits, deletion and acknowledgements naming his text.

Ids made now carry a tag of their sender's uid (``token.tag``, the tag as in
domain/bound_ids.py), and a receiver refuses a message whose id was made for another
sender. The tag is no secret: it only ties the id to one sender. Ids made before (a
bare token, no ".") name nobody and keep the old rule.
"""

from __future__ import annotations

from typing import Final

from desktop_app.domain import bound_ids
from desktop_app.domain.ids import MessageId, new_message_id

_OWNER: Final = "message-from\0"  # apart from the conversation ids bound_ids tags for


def new_id_from(sender_uid: str) -> MessageId:
    """A new id for a message ``sender_uid`` writes."""
    return MessageId(bound_ids.bind(_OWNER + sender_uid, new_message_id()))


def made_for_another(sender_uid: str, message_id: str) -> bool:
    """True if ``message_id`` names a sender other than ``sender_uid``."""
    return bound_ids.made_for(_OWNER + sender_uid, message_id) is False
