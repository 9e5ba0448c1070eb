"""The read-only checks of a group commit's envelopes, once per batch instead of each.

Accepting an envelope asked three questions one statement at a time: is it stored
already, was it delivered already (its dedupe key), are its recipients enrolled and not
revoked. A group commit asks them for all its envelopes together here (a set of keys
per statement: relay/key_sets.py), inside the same write transaction, so the answers
cannot change before the commit. Quotas stay per envelope: each stored envelope changes
the next one's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

from desktop_app.relay.key_sets import key_sets


def already_stored(
    cur: sqlite3.Connection,
    pairs: Iterable[tuple[str, str]],
    dedupe_key: Callable[[str, str], bytes],
) -> set[tuple[str, str]]:
    """The (sender device, envelope id) pairs stored or delivered already."""
    wanted = sorted(set(pairs))
    found: set[tuple[str, str]] = set()
    for where, params in key_sets(cur, ("sender_device", "envelope_id"), ("TEXT", "TEXT"), wanted):
        sql = f"SELECT sender_device, envelope_id FROM envelopes WHERE {where}"  # noqa: S608
        rows = cur.execute(sql, params).fetchall()
        found.update((str(r[0]), str(r[1])) for r in rows)
    keys = {dedupe_key(*pair): pair for pair in wanted if pair not in found}
    for where, params in key_sets(cur, ("dedupe_key",), ("BYTEA",), [(k,) for k in keys]):
        sql = f"SELECT dedupe_key FROM delivered WHERE {where}"  # noqa: S608
        found.update(keys[bytes(r[0])] for r in cur.execute(sql, params).fetchall())
    return found


def live_devices(cur: sqlite3.Connection, device_ids: Iterable[str]) -> set[str]:
    """Of ``device_ids``, those enrolled and not revoked."""
    live: set[str] = set()
    wanted = [(d,) for d in sorted(set(device_ids))]
    for where, params in key_sets(cur, ("device_id",), ("TEXT",), wanted):
        sql = f"SELECT device_id FROM devices WHERE revoked_at IS NULL AND {where}"  # noqa: S608
        live.update(str(r[0]) for r in cur.execute(sql, params).fetchall())
    return live
