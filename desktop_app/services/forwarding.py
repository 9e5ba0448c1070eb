"""Forwarding a message (its text and files) into another conversation (issue 13).

The copy is a new message of mine marked ``forwarded`` (the receivers see "Forwarded",
never where from). Its files are re-encrypted from this PC's container into new blobs
with new keys (``attachments.copy_to``): nothing is downloaded again, and the members
of the new conversation get keys that open only the copies. The machine policy
``forward_allowed`` (default on) can forbid it; a deleted message, a system line and a
file whose download failed cannot be forwarded.
"""

from __future__ import annotations

from desktop_app.domain.ids import MessageId
from desktop_app.domain.model import AttachmentState, Message, MessageKind
from desktop_app.services import attachments
from desktop_app.services.errors import ClientError
from desktop_app.services.messenger import Messenger


class ForwardRefused(ClientError):
    """Forwarding is switched off, or this message cannot be forwarded."""


async def forward(
    messenger: Messenger, message_id: str, to: str, *, allowed: bool = True
) -> Message:
    if not allowed:
        raise ForwardRefused(
            "Forwarding messages is switched off by your IT department.", key="forward_off"
        )
    container = messenger.s.container
    original = container.messages.get(MessageId(message_id))
    if original is None:
        raise ForwardRefused(f"No message {message_id} in this container.", key="no_message")
    if original.kind is not MessageKind.TEXT or original.deleted_at is not None:
        raise ForwardRefused(
            "Only messages and files can be forwarded, not system lines.",
            key="forward_system_line",
        )
    files = container.attachments.for_message(original.message_id)
    if any(a.state is not AttachmentState.STORED for a in files):
        raise ForwardRefused(
            "A file of this message is not on this PC; fetch it first.",
            key="forward_file_missing",
        )
    copy = await messenger.compose(to, original.body, [], forwarded=True)
    for attachment in files:
        attachments.copy_to(container, attachment, copy.message_id)
    await messenger.deliver_if_online()
    return container.messages.get(copy.message_id) or copy
