"""Message info (issue 13): for one of MY messages, each other member's delivered,
read and acknowledged time, or "not yet".

The times come from the end-to-end receipts the members sent (services/incoming.py
``_receipt`` checks that the sender is a member and the message is of that
conversation). Delivered/read are shown only where receipts are on (machine policy
``receipts``, off by default, or the person's own choice where IT leaves it open): with
them off nobody sends them, so empty columns would wrongly read "not yet". The
acknowledgement of an urgent message is always sent, so it is always shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from desktop_app.domain.ids import MessageId
from desktop_app.services.errors import ClientError
from desktop_app.storage.container import Container
from desktop_app.storage.sql_receipts import ReceiptKind


@dataclass(frozen=True, slots=True)
class MemberReceipts:
    uid: str
    name: str
    delivered_at: datetime | None  # None: not yet (or receipts are off)
    read_at: datetime | None
    acknowledged_at: datetime | None  # only urgent messages are acknowledged


@dataclass(frozen=True, slots=True)
class MessageInfo:
    message_id: MessageId
    sent_at: datetime
    urgent: bool
    receipts_shown: bool  # False: delivered/read are off by policy or choice
    members: tuple[MemberReceipts, ...]  # everyone else in the conversation, by name


def message_info(
    container: Container,
    me: str,
    message_id: MessageId,
    *,
    receipts_enabled: bool,
    name: Callable[[str], str],
) -> MessageInfo:
    """Who got, read and acknowledged ``message_id`` (one of mine); ClientError else."""
    message = container.messages.get(message_id)
    if message is None or message.deleted_at is not None:
        raise ClientError("This message is no longer on this PC.", key="no_message")
    if message.sender_uid != me:
        raise ClientError(
            "Message info is only available for your own messages.", key="info_own_only"
        )
    state = container.conversations.state(message.conversation_id)
    members = [] if state is None else [u for u in state.members if u != me]
    seen: dict[tuple[str, ReceiptKind], datetime] = {
        (r.uid, r.kind): r.at for r in container.receipts.for_message(message_id)
    }
    rows = []
    for uid in members:
        acked = seen.get((uid, ReceiptKind.ACKNOWLEDGED))
        read = seen.get((uid, ReceiptKind.READ)) if receipts_enabled else None
        # Whoever read (or acknowledged) it has it, even if "delivered" never came.
        got = seen.get((uid, ReceiptKind.DELIVERED)) or read or acked
        rows.append(MemberReceipts(uid, name(uid), got if receipts_enabled else None, read, acked))
    rows.sort(key=lambda r: r.name.casefold())
    return MessageInfo(message_id, message.sent_at, message.urgent, receipts_enabled, tuple(rows))
