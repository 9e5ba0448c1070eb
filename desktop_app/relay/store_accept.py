"""Set-based acceptance: a group commit's quotas and rows, a few statements per batch.

Accepting an envelope one at a time cost six statements (two quota reads, the row
counter, the envelope, its mailbox rows), each a round trip on PostgreSQL. Here the
quota usage of every sender and recipient of the batch is read once (three statements,
inside the batch's write transaction, so nothing else changes it before the commit) and
then kept in memory: each envelope accepted adds exactly what the database triggers
(migration 0003) will add for it, so the next envelope of the same batch is checked
against the same figures as if it had been read back. Quotas stay exact: an envelope
that would exceed one is refused, and the ones before and after it are not affected.
The accepted envelopes then take their row ids from one counter update and are written
with one ``executemany`` each for envelopes and mailbox rows (psycopg pipelines it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from desktop_app.protocol.limits import MiB
from desktop_app.relay.key_sets import key_sets
from desktop_app.relay.quotas import RelayLimits


class Envelope(Protocol):
    """What quota accounting needs of an envelope (store_mailbox.NewEnvelope)."""

    @property
    def sender_device(self) -> str: ...
    @property
    def recipients(self) -> Sequence[str]: ...
    @property
    def payload(self) -> bytes: ...
    @property
    def per_device(self) -> dict[str, bytes]: ...


def cost(e: Envelope, device_id: str) -> int:
    """Bytes one recipient's copy costs: the shared payload plus its own part."""
    return len(e.payload) + len(e.per_device.get(device_id) or b"")


def mib(n: int) -> str:
    return f"{n / MiB:.0f} MiB" if n >= MiB else f"{n} bytes"


_SUMS = "coalesce(sum(envelopes), 0), coalesce(sum(bytes), 0) FROM mailbox_usage"


def _ones(values: Iterable[str]) -> list[tuple[str]]:
    """Single-column keys, sorted (the same statements in the same order every time)."""
    return [(v,) for v in sorted(values)]


@dataclass
class BatchUsage:
    """Pending mail (envelopes, bytes) as the triggers count it, for one batch's devices:
    by sender (``sent``), by recipient (``total``) and by (recipient, sender) (``pair``)."""

    sent: dict[str, list[int]] = field(default_factory=dict)
    total: dict[str, list[int]] = field(default_factory=dict)
    pair: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    @classmethod
    def read(cls, cur: sqlite3.Connection, envelopes: Iterable[Envelope]) -> BatchUsage:
        """Three statements (per ``key_sets.CHUNK`` keys on SQLite) for the whole batch."""
        usage = cls()
        senders: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        for e in envelopes:
            senders.add(e.sender_device)
            pairs.update((d, e.sender_device) for d in e.recipients if d != e.sender_device)
        for where, params in key_sets(cur, ("sender_device",), ("TEXT",), _ones(senders)):
            sql = f"SELECT sender_device, {_SUMS} WHERE {where} GROUP BY sender_device"
            for r in cur.execute(sql, params).fetchall():
                usage.sent[str(r[0])] = [int(r[1]), int(r[2])]
        recipients = _ones({d for d, _ in pairs})
        for where, params in key_sets(cur, ("device_id",), ("TEXT",), recipients):
            sql = f"SELECT device_id, {_SUMS} WHERE {where} GROUP BY device_id"
            for r in cur.execute(sql, params).fetchall():
                usage.total[str(r[0])] = [int(r[1]), int(r[2])]
        columns = ("device_id", "sender_device")
        for where, params in key_sets(cur, columns, ("TEXT", "TEXT"), sorted(pairs)):
            sql = f"SELECT device_id, sender_device, envelopes, bytes FROM mailbox_usage WHERE {where}"  # noqa: E501, S608
            for r in cur.execute(sql, params).fetchall():
                usage.pair[(str(r[0]), str(r[1]))] = [int(r[2]), int(r[3])]
        return usage

    def over_quota(self, e: Envelope, lim: RelayLimits) -> str:
        """Why storing ``e`` would exceed a quota, or "" if it fits (docs/relay.md)."""
        sent_n, sent_b = self.sent.get(e.sender_device, (0, 0))
        add_b = sum(cost(e, d) for d in e.recipients)
        if (
            sent_n + len(e.recipients) > lim.sender_max_envelopes
            or sent_b + add_b > lim.sender_max_bytes
        ):
            return (
                f"this device already has {sent_n} envelopes ({mib(sent_b)}) waiting to be "
                f"picked up, the most the relay keeps for one sender"
            )
        for device_id in e.recipients:
            if device_id == e.sender_device:
                continue
            size = cost(e, device_id)
            mine_n, mine_b = self.pair.get((device_id, e.sender_device), (0, 0))
            if (
                mine_n + 1 > lim.mailbox_max_envelopes_per_sender
                or mine_b + size > lim.mailbox_max_bytes_per_sender
            ):
                return (
                    f"device {device_id} has not picked up {mine_n} envelopes ({mib(mine_b)}) "
                    f"from this device yet, the most the relay keeps"
                )
            all_n, all_b = self.total.get(device_id, (0, 0))
            if all_n + 1 > lim.mailbox_max_envelopes or all_b + size > lim.mailbox_max_bytes:
                return (
                    f"the mailbox of device {device_id} is full ({all_n} envelopes, {mib(all_b)})"
                )
        return ""

    def add(self, e: Envelope) -> None:
        """Count ``e`` as stored: what the mailbox triggers add for its rows."""
        sent = self.sent.setdefault(e.sender_device, [0, 0])
        for device_id in e.recipients:
            size = cost(e, device_id)
            sent[0] += 1
            sent[1] += size
            for entry in (
                self.total.setdefault(device_id, [0, 0]),
                self.pair.setdefault((device_id, e.sender_device), [0, 0]),
            ):
                entry[0] += 1
                entry[1] += size


def take_rows(cur: sqlite3.Connection, n: int) -> int:
    """Reserve ``n`` envelope row ids with one counter update; returns the first.

    Ids only grow, though delivered rows are deleted: deliveries page by id, so the
    batch's envelopes get them in the order they were accepted."""
    last = int(
        cur.execute(
            "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + ? AS TEXT) "
            "WHERE key = 'envelope_rows' RETURNING value",
            (n,),
        ).fetchone()[0]
    )
    return last - n + 1
