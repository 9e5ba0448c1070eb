"""The read-only checks of a group commit's envelopes, once per batch instead of each.

Accepting an envelope asked three questions one statement at a time: is it stored
already, was it delivered already (its dedupe key), are its recipients enrolled and not
revoked. A group commit asks them for all its envelopes together here (``CHUNK`` keys
per statement), inside the same write transaction, so the answers cannot change before
the commit. Quotas stay per envelope: each stored envelope changes the next one's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

CHUNK = 200
"""Keys per statement: at most two parameters each, far below either database's limit."""
_T = TypeVar("_T")


def chunks(items: Sequence[_T]) -> Iterator[Sequence[_T]]:
    for first in range(0, len(items), CHUNK):
        yield items[first : first + CHUNK]


def _marks(n: int) -> str:
    return ", ".join(["?"] * n)


def already_stored(
    cur: sqlite3.Connection,
    pairs: Iterable[tuple[str, str]],
    dedupe_key: Callable[[str, str], bytes],
) -> set[tuple[str, str]]:
    """The (sender device, envelope id) pairs stored or delivered already."""
    wanted = sorted(set(pairs))
    found: set[tuple[str, str]] = set()
    for chunk in chunks(wanted):
        values = ", ".join(["(?, ?)"] * len(chunk))  # placeholders only
        sql = f"SELECT sender_device, envelope_id FROM envelopes WHERE (sender_device, envelope_id) IN (VALUES {values})"  # noqa: E501, S608
        rows = cur.execute(sql, [v for pair in chunk for v in pair]).fetchall()
        found.update((str(r[0]), str(r[1])) for r in rows)
    keys = {dedupe_key(*pair): pair for pair in wanted if pair not in found}
    key_list = list(keys)
    for some in chunks(key_list):
        sql = f"SELECT dedupe_key FROM delivered WHERE dedupe_key IN ({_marks(len(some))})"  # noqa: S608
        found.update(keys[bytes(r[0])] for r in cur.execute(sql, list(some)).fetchall())
    return found


def live_devices(cur: sqlite3.Connection, device_ids: Iterable[str]) -> set[str]:
    """Of ``device_ids``, those enrolled and not revoked."""
    live: set[str] = set()
    for chunk in chunks(sorted(set(device_ids))):
        sql = f"SELECT device_id FROM devices WHERE revoked_at IS NULL AND device_id IN ({_marks(len(chunk))})"  # noqa: E501, S608
        live.update(str(r[0]) for r in cur.execute(sql, list(chunk)).fetchall())
    return live
