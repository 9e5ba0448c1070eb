"""A text typed while connected: stored, encrypted and queued in ONE durable commit.

The general path (``Messenger.compose`` then ``deliver_queued``) commits the new message,
reads the queue back, then commits the ratchet step and the envelope: two commits and
two queue reads per message, most of a sender's CPU (issue 15, "Client CPU"). Here the
message row joins the commit that holds its envelope. Nothing typed is lost on the way:
before anything waits on the relay (a device list to refresh, keys to claim) the message
is committed on its own first, and whatever goes wrong it ends up stored: QUEUED (sent on
the next connect, as before), or FAILED when nobody can receive it.

Older messages still QUEUED (written offline) go first, so this path is taken only when
there are none; otherwise the message joins the queue and the queue is sent in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.domain.ids import Uid
from desktop_app.domain.model import Message, MessageState
from desktop_app.protocol import content as wire
from desktop_app.services import conversations
from desktop_app.services.errors import UnknownRecipient, kept_unsent
from desktop_app.storage.container import Container
from desktop_app.storage.sql_messages import ConversationState
from desktop_app.storage.timeutil import to_ms

if TYPE_CHECKING:
    from desktop_app.services.messenger import Messenger


def wire_message(message: Message, refs: list[wire.AttachmentRef]) -> wire.ChatMessage:
    """The end-to-end content of one of my messages."""
    return wire.ChatMessage(
        1,
        message.message_id,
        to_ms(message.sent_at),
        message.body,
        message.urgent,
        refs,
        message.reply_to,
        message.forwarded,
        list(message.mentions),
        message.escalate_to,
    )


class _Keeper:
    """Stores the message once: inside the envelope's commit, or on its own."""

    def __init__(self, container: Container, message: Message) -> None:
        self._container = container
        self._message = message
        self.stored = False

    def __call__(self) -> None:
        if self.stored:
            return
        self._container.messages.add(self._message)
        # Inside the envelope's transaction this runs only once it commits: a rollback
        # (a full disk) leaves ``stored`` False and ``finally`` below tries again.
        self._container.database.after_commit(self._mark)

    def _mark(self) -> None:
        self.stored = True


async def send_new_text(m: Messenger, message: Message, state: ConversationState) -> None:
    """Store ``message`` (new, QUEUED, not stored yet) with its envelope, then send."""
    s = m.s
    container = s.container
    if container.messages.queued_from(Uid(s.uid), limit=1):
        container.messages.add(message)  # behind what was written offline, in order
        await m.deliver_queued()
        return
    keep = _Keeper(container, message)
    try:
        now = s.clock()
        await m.outgoing.queue_content(
            message.conversation_id,
            state.members,
            wire_message(message, []),
            message_id=message.message_id,
            now=now,
            announce=conversations.as_wire(state, now),
            durable=True,  # flush's barrier then has nothing left to sync
            keep=keep,
        )
    except UnknownRecipient as exc:
        keep()
        container.messages.set_state(message.message_id, MessageState.FAILED)
        kept_unsent(exc)
        raise
    finally:
        keep()  # offline, cancelled or refused: it stays QUEUED and goes on reconnect
    await m.flush_queued()
