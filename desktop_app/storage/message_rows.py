"""A row of the messages table as a ``Message``: shared by paging and search."""

from __future__ import annotations

from desktop_app.domain.ids import ConversationId, DeviceId, MessageId, Uid
from desktop_app.domain.model import Message, MessageKind, MessageState
from desktop_app.storage.timeutil import from_ms

MAX_PAGE_SIZE = 500  # rows of one page or one search, at most

MESSAGE_COLUMNS = (
    "id, message_id, conversation_id, sender_uid, sender_device, kind, body, "
    "sent_at, received_at, state, urgent, reply_to, edited_at, deleted_at, forwarded, mentions, "
    "escalate_to"
)
COLUMN_COUNT = 17


def message(row: tuple[object, ...]) -> Message:
    (_rowid, mid, cid, sender, device, kind, body, sent, received, state, urgent) = row[:11]
    reply_to, edited, deleted, forwarded, mentions, escalate_to = row[11:17]
    return Message(
        message_id=MessageId(str(mid)),
        conversation_id=ConversationId(str(cid)),
        sender_uid=Uid(str(sender)),
        sender_device=None if device is None else DeviceId(str(device)),
        kind=MessageKind(str(kind)),
        body=str(body),
        sent_at=from_ms(int(str(sent))),
        received_at=None if received is None else from_ms(int(str(received))),
        state=MessageState(str(state)),
        urgent=bool(urgent),
        reply_to=None if reply_to is None else MessageId(str(reply_to)),
        edited_at=None if edited is None else from_ms(int(str(edited))),
        deleted_at=None if deleted is None else from_ms(int(str(deleted))),
        forwarded=bool(forwarded),
        mentions=tuple(Uid(u) for u in str(mentions or "").split()),
        escalate_to=None if escalate_to is None else Uid(str(escalate_to)),
    )
