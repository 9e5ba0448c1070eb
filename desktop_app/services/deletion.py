"""Deleting on this PC: one message, one conversation, and retention.

All three go through the container's one purge path (storage/purge.py), so a deleted
message is gone from its row, the full-text index, its attachment files and keys and its
receipts, not hidden. Deleting a conversation also drops the Megolm keys that could
decrypt it, so a copy of its envelopes captured earlier stays unreadable here.

Retention (policy ``retention_days``, default 90, 0 = keep) runs on every unlock and then
every hour while a client runs (``keep_retention``); it also drops inbound Megolm sessions
unused for longer than the retention.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Final

from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.services.errors import ClientError
from desktop_app.services.session import ClientSession
from desktop_app.storage.purge import PurgeReport
from desktop_app.storage.timeutil import to_ms

log = logging.getLogger("wardlink.retention")

RETENTION_INTERVAL_S: Final = 3600.0  # "every hour while running"


class NothingToDelete(ClientError):
    """The message or conversation is not (or no longer) in this container."""


def delete_message(session: ClientSession, message_id: str) -> PurgeReport:
    """Delete one message from this PC ("delete for me")."""
    if session.container.messages.get(MessageId(message_id)) is None:
        raise NothingToDelete(f"No message {message_id} in this container.", key="no_message")
    return session.container.purge.messages([message_id])


def delete_conversation(session: ClientSession, conversation_id: str) -> PurgeReport:
    """Delete a conversation from this PC with its messages, files and Megolm keys.

    If its members write again it comes back with only the new messages; what was sent
    in the deleted sessions cannot be decrypted here any more.
    """
    cid = ConversationId(conversation_id)
    if session.container.conversations.get(cid) is None:
        raise NothingToDelete(
            f"No conversation {conversation_id} in this container.", key="no_conversation"
        )
    sessions = session.inbound.sessions_of(cid)
    session.outbound.discard(cid)
    report = session.container.purge.conversation(cid, sessions)
    session.inbound.drop_cache()
    return report


def apply_retention(session: ClientSession, days: int | None) -> PurgeReport | None:
    """Delete what is older than ``days`` by the session's clock; None keeps everything."""
    if not days:
        return None
    cutoff = session.clock() - timedelta(days=days)
    report = session.container.purge.older_than(to_ms(cutoff))
    if report.sessions:
        session.inbound.drop_cache()
    if report.messages or report.sessions:
        log.info(
            "retention (%d days): deleted %d message(s), %d attachment(s), %d key(s)",
            days,
            report.messages,
            report.attachments,
            report.sessions,
        )
    return report


async def keep_retention(
    session: ClientSession,
    days: int | None,
    busy: asyncio.Lock,
    on_deleted: Callable[[], None],
    interval_s: float = RETENTION_INTERVAL_S,
) -> None:
    """Apply retention every ``interval_s`` while running (the unlock applied it once)."""
    if not days:
        return
    while True:
        await asyncio.sleep(interval_s)
        async with busy:
            report = apply_retention(session, days)
        if report is not None and report.messages:
            on_deleted()
