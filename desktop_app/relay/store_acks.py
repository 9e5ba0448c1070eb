"""Acknowledged deliveries leave the mailbox: set-based, for a whole group commit.

The relay commits the AckDeliveries of every connection together (relay/ack_batcher.py).
Row by row that was five statements per acknowledged delivery (find the envelope,
delete the mailbox row, look for other copies, keep the dedupe key, delete the
envelope), each a round trip on PostgreSQL; here it is about five statements per
commit, whatever its size (a set of keys per statement, relay/key_sets.py: placeholder
lists on SQLite, arrays on PostgreSQL).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence

from desktop_app.relay.key_sets import key_sets
from desktop_app.relay.store_mailbox import HOUR_MS, MailboxStore

Acks = Sequence[tuple[str, Sequence[tuple[str, str]]]]
"""Per AckDelivery: the acknowledging device and its (sender device, envelope id) pairs."""


class AckStore(MailboxStore):
    """``acknowledge`` for one device and ``acknowledge_batch`` for a group commit."""

    def acknowledge(
        self, device_id: str, deliveries: Sequence[tuple[str, str]], now: int | None = None
    ) -> int:
        """Delete acked items ((sender device, envelope id) pairs) from the mailbox.

        An envelope whose last copy is acked is deleted at once; only its dedupe key and
        the hour stay (``delivered``), so resends are still recognised.
        """
        return self.acknowledge_batch([(device_id, deliveries)], now)[0]

    def acknowledge_batch(self, acks: Acks, now: int | None = None) -> list[int]:
        """Several AckDeliveries in one transaction: items removed per ack, in order."""
        when = int(time.time() * 1000) if now is None else now
        # Not forced to disk: an acknowledgement lost with power only makes the envelope
        # come again, and the device drops it by its id (docs/relay.md).
        with self._tx(durable=False) as cur:
            return self._acknowledge_in(cur, acks, when)

    def _acknowledge_in(self, cur: sqlite3.Connection, acks: Acks, when: int) -> list[int]:
        pairs = sorted({(s, e) for _, deliveries in acks for s, e in deliveries})
        ids: dict[tuple[str, str], int] = {}
        columns, types = ("sender_device", "envelope_id"), ("TEXT", "TEXT")
        for where, params in key_sets(cur, columns, types, pairs):
            sql = f"SELECT id, sender_device, envelope_id FROM envelopes WHERE {where}"  # noqa: S608
            rows = cur.execute(sql, params).fetchall()
            ids.update({(str(r[1]), str(r[2])): int(r[0]) for r in rows})
        targets = sorted({(d, ids[p]) for d, deliveries in acks for p in deliveries if p in ids})
        gone: set[tuple[str, int]] = set()
        columns, types = ("device_id", "envelope"), ("TEXT", "BIGINT")
        for where, params in key_sets(cur, columns, types, targets):
            sql = f"DELETE FROM mailbox WHERE {where} RETURNING device_id, envelope"  # noqa: S608
            rows = cur.execute(sql, params).fetchall()
            gone.update((str(r[0]), int(r[1])) for r in rows)
        self._forget_delivered(cur, ids, when)
        counts = []
        for device_id, deliveries in acks:  # a delivery acked twice counts once
            mine = {(device_id, ids[p]) for p in deliveries if p in ids} & gone
            gone -= mine
            counts.append(len(mine))
        return counts

    def _forget_delivered(
        self, cur: sqlite3.Connection, ids: dict[tuple[str, str], int], when: int
    ) -> None:
        """Replace every envelope without copies left by its dedupe key and the hour."""
        rows = [(row,) for row in sorted(ids.values())]
        left: set[int] = set()
        for where, params in key_sets(cur, ("envelope",), ("BIGINT",), rows):
            sql = f"SELECT DISTINCT envelope FROM mailbox WHERE {where}"  # noqa: S608
            left.update(int(r[0]) for r in cur.execute(sql, params).fetchall())
        done = sorted((row, pair) for pair, row in ids.items() if row not in left)
        if not done:
            return
        hour = when - when % HOUR_MS
        cur.executemany(
            "INSERT OR IGNORE INTO delivered(dedupe_key, delivered_at) VALUES (?, ?)",
            [(self._dedupe_key(*pair), hour) for _, pair in done],
        )
        gone = [(row,) for row, _ in done]
        for where, params in key_sets(cur, ("id",), ("BIGINT",), gone):
            cur.execute(f"DELETE FROM envelopes WHERE {where}", params)  # noqa: S608
