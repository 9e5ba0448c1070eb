"""Acknowledged deliveries leave the mailbox: set-based, for a whole group commit.

The relay commits the AckDeliveries of every connection together (relay/ack_batcher.py).
Row by row that was five statements per acknowledged delivery (find the envelope,
delete the mailbox row, look for other copies, keep the dedupe key, delete the
envelope), each a round trip on PostgreSQL; here it is about five statements per
commit, whatever its size (``ACK_CHUNK`` deliveries per statement). The same SQL runs on
SQLite (row values, ``RETURNING``) and PostgreSQL.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from typing import TypeVar

from desktop_app.relay.store_mailbox import HOUR_MS, MailboxStore

ACK_CHUNK = 200
"""Deliveries per statement: two parameters each, far below either database's limit."""

Acks = Sequence[tuple[str, Sequence[tuple[str, str]]]]
"""Per AckDelivery: the acknowledging device and its (sender device, envelope id) pairs."""
_T = TypeVar("_T")


def _chunks(items: Sequence[_T]) -> Iterator[Sequence[_T]]:
    for first in range(0, len(items), ACK_CHUNK):
        yield items[first : first + ACK_CHUNK]


def _find_sql(n: int) -> str:
    pairs = ", ".join(["(?, ?)"] * n)  # placeholders only: no value is ever spliced in
    return f"SELECT id, sender_device, envelope_id FROM envelopes WHERE (sender_device, envelope_id) IN (VALUES {pairs})"  # noqa: E501, S608


def _delete_sql(n: int) -> str:
    pairs = ", ".join(["(?, CAST(? AS BIGINT))"] * n)
    return f"DELETE FROM mailbox WHERE (device_id, envelope) IN (VALUES {pairs}) RETURNING device_id, envelope"  # noqa: E501, S608


def _rows_sql(template: str, n: int) -> str:
    return template.format(", ".join(["CAST(? AS BIGINT)"] * n))


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
        for chunk in _chunks(pairs):
            rows = cur.execute(
                _find_sql(len(chunk)), [v for pair in chunk for v in pair]
            ).fetchall()
            ids.update({(str(r[1]), str(r[2])): int(r[0]) for r in rows})
        targets = sorted({(d, ids[p]) for d, deliveries in acks for p in deliveries if p in ids})
        gone: set[tuple[str, int]] = set()
        for batch in _chunks(targets):
            values = [v for target in batch for v in target]
            rows = cur.execute(_delete_sql(len(batch)), values).fetchall()
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
        rows = sorted(ids.values())
        left: set[int] = set()
        for chunk in _chunks(rows):
            sql = _rows_sql(
                "SELECT DISTINCT envelope FROM mailbox WHERE envelope IN ({})", len(chunk)
            )
            found = cur.execute(sql, list(chunk)).fetchall()
            left.update(int(r[0]) for r in found)
        done = sorted((row, pair) for pair, row in ids.items() if row not in left)
        if not done:
            return
        hour = when - when % HOUR_MS
        cur.executemany(
            "INSERT OR IGNORE INTO delivered(dedupe_key, delivered_at) VALUES (?, ?)",
            [(self._dedupe_key(*pair), hour) for _, pair in done],
        )
        for some in _chunks(done):
            sql = _rows_sql("DELETE FROM envelopes WHERE id IN ({})", len(some))
            cur.execute(sql, [r for r, _ in some])
