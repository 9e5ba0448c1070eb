"""New mail handed from the group commit to the delivery pump, without a mailbox read.

Under load, each delivered message cost the recipient's pump one database job (a
mailbox read that found just that message): a hop to the database thread and back, a
query, rows turned into objects. On a single relay node every mailbox row is written by
this process's group commit, which knows the rows it just committed; so the commit
hands them to the recipient's ``MailBell`` and a pump that had read its mailbox to the
end delivers them from memory.

Why nothing is missed or delivered twice: the database thread runs one job at a time, so
a mailbox read sees every commit that ran before it, and any commit after it hands its
rows over after the read was asked for (``begin_read`` is called when the read is
submitted; the pump drops handed rows it already read, by row id). A wakeup without rows
(another node's mail through the node bus, a resync) or more handed rows than a delivery
window sets ``must_read``: the pump reads its mailbox again, as it always did. With
several nodes the relay hands nothing over (another node's commit may hold a lower row
id that arrives later), so there every wakeup is a mailbox read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from desktop_app.domain.ids import DeviceId, EnvelopeId, Uid
from desktop_app.protocol import Deliver
from desktop_app.protocol.limits import MAX_UNACKED_DELIVERIES
from desktop_app.relay.store_base import MailboxItem

HANDED_MAX = MAX_UNACKED_DELIVERIES
"""Handed rows a bell keeps; beyond it the pump reads its mailbox instead (memory bound)."""


class MailBell(asyncio.Event):
    """A session's wakeup, carrying the rows this relay's commits stored for its device."""

    def __init__(self) -> None:
        super().__init__()
        self.handed: list[MailboxItem] = []
        self.must_read = True

    def ring(self, items: Sequence[MailboxItem] | None) -> None:
        """New mail: ``items`` (in row order) if they are all of it, None if unknown."""
        if items is None or self.must_read or len(self.handed) + len(items) > HANDED_MAX:
            self.handed.clear()
            self.must_read = True
        else:
            self.handed.extend(items)
        self.set()

    def begin_read(self) -> None:
        """A mailbox read is being submitted: it will see everything handed so far."""
        self.handed.clear()
        self.must_read = False

    def take(self, after_row: int, free: int) -> list[MailboxItem] | None:
        """Up to ``free`` handed rows after ``after_row``, or None: read the mailbox.

        None also when more were handed than fit the window (the rest is read later)."""
        if self.must_read:
            return None
        fresh = [item for item in self.handed if item.row > after_row]
        self.handed.clear()
        if len(fresh) > free:
            self.must_read = True
            return None
        return fresh


def deliver_frame(item: MailboxItem) -> Deliver:
    """The Deliver frame of a mailbox item handed to (or read for) a session."""
    return Deliver(
        EnvelopeId(item.envelope_id),
        Uid(item.sender_uid),
        DeviceId(item.sender_device),
        item.received_at,
        item.payload,
        item.device_payload,
    )
