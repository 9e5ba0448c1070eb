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
window sets ``must_read``: the pump reads its mailbox again, as it always did.

Several nodes on one PostgreSQL (``MailCursor``, not exclusive): a node still hands its
own commits' rows to its own pumps, but another node's commit may hold a lower row id
whose notification arrives after this node delivered a higher one. So a handed row is
delivered at once but does not move the read position (``after_row``): the next read
starts below it, finds the other node's row, and skips the handed ones (remembered by
row id, ``_unconfirmed``). Row ids are taken under one counter row's lock held to the
commit, so when a row is committed every lower one is committed or rolled back; a read
that reaches the mailbox's end after a row was handed therefore saw everything below
it, and only then does the read position pass the handed rows. At most ``HANDED_MAX``
are remembered; then the pump reads.
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


class MailCursor:
    """Where a device's delivery pump stands in its mailbox: read up to ``after_row``,
    to its end or not (``read_all``), and which handed rows it delivered above that.

    ``exclusive``: this process writes every mailbox row (SQLite, or no node bus), so a
    handed row moves the read position as a read would. ``lean`` off: no hand-off at
    all and a read that found nothing counts as the end (the benchmark's baseline).
    """

    def __init__(self, bell: MailBell, *, exclusive: bool, lean: bool = True) -> None:
        self.bell = bell
        self.exclusive = exclusive
        self.lean = lean
        self.after_row = 0  # the next read returns rows after this one
        self.read_all = False  # the last read reached the end: new mail is rung in
        self._unconfirmed: set[int] = set()  # handed and delivered, above after_row

    def handed(self, free: int) -> list[MailboxItem] | None:
        """Up to ``free`` rows a commit handed over, to deliver now; None: read."""
        if not (self.read_all and self.lean) or len(self._unconfirmed) >= HANDED_MAX:
            return None
        top = max(self.after_row, max(self._unconfirmed, default=0))
        items = self.bell.take(top, free)
        if items:
            if self.exclusive:
                self.after_row = items[-1].row
            else:
                self._unconfirmed.update(item.row for item in items)
        return items

    def start_read(self) -> int:
        """A mailbox read is submitted now; returns the row to read after."""
        self.bell.begin_read()
        return self.after_row

    def read(self, rows: Sequence[MailboxItem], asked: int) -> list[MailboxItem]:
        """What a read of ``asked`` rows found; returns those not delivered already."""
        complete = len(rows) < asked
        self.read_all = complete if self.lean else not rows
        fresh = [item for item in rows if item.row not in self._unconfirmed]
        if rows:
            self.after_row = max(self.after_row, max(item.row for item in rows))
        if complete and self._unconfirmed:  # it saw every row below the handed ones
            self.after_row = max(self.after_row, max(self._unconfirmed))
            self._unconfirmed.clear()
        else:
            self._unconfirmed = {row for row in self._unconfirmed if row > self.after_row}
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
