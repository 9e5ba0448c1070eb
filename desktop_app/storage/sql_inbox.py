"""Receiving side bookkeeping: envelopes already handled, ones waiting for a key, and
which device gave each group session's key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from desktop_app.storage.database import Database
from desktop_app.storage.purge import KIND_MEGOLM_SEEN, KIND_MEGOLM_SEEN_AT

# Envelopes held per sender device while their room key has not come. An honest
# device's messages wait for a key only briefly (reordering, a key sent after them),
# a few KB each; without a bound any colleague could send a device envelopes naming a
# session that never comes (256 KiB each, no conversation needed) and fill its disk.
MAX_HELD_PER_DEVICE: Final = 1_000
MAX_HELD_BYTES_PER_DEVICE: Final = 8 * 1024 * 1024

# Group sessions per sender device whose key came in the last week but that decrypted
# nothing yet. An honest device shares a key with the message it starts, or while its
# person types it (services/key_ahead.py, only when a key is due): a draft never sent
# leaves one unused, rarely more than a few a week. A modified client can send keys for
# made-up conversations (about 1 KB each, kept until retention) without end; beyond the
# bound its new keys are refused, so it keeps at most 50 a week (650 KB over 90 days).
MAX_UNUSED_ROOM_KEYS_PER_DEVICE: Final = 50
UNUSED_ROOM_KEYS_WINDOW_MS: Final = 7 * 24 * 3600 * 1000


@dataclass(frozen=True, slots=True)
class HeldEnvelope:
    sender_device: str
    envelope_id: str
    sender_uid: str
    received_at_ms: int
    session_id: str
    payload: bytes


class SqlInboxStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def seen(self, sender_device: str, envelope_id: str) -> bool:
        return (
            self._db.query_one(
                "SELECT 1 FROM received_envelopes WHERE sender_device = ? AND envelope_id = ?",
                (sender_device, envelope_id),
            )
            is not None
        )

    def mark_seen(self, sender_device: str, envelope_id: str, now_ms: int) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                "INSERT OR IGNORE INTO received_envelopes VALUES (?, ?, ?)",
                (sender_device, envelope_id, now_ms),
            )

    def hold(self, envelope: HeldEnvelope) -> bool:
        """Keep an envelope until its room key comes; False (not kept) when its sender
        device holds ``MAX_HELD_PER_DEVICE`` envelopes or this one would take its held
        bytes past ``MAX_HELD_BYTES_PER_DEVICE``."""
        with self._db.transaction() as cur:
            count, size = cur.query(
                "SELECT count(*), coalesce(sum(length(payload)), 0) FROM held_envelopes "
                "WHERE sender_device = ? AND envelope_id != ?",
                (envelope.sender_device, envelope.envelope_id),
            )[0]
            if (
                count >= MAX_HELD_PER_DEVICE
                or size + len(envelope.payload) > MAX_HELD_BYTES_PER_DEVICE
            ):
                return False
            cur.execute(
                "INSERT OR REPLACE INTO held_envelopes VALUES (?, ?, ?, ?, ?, ?)",
                (
                    envelope.sender_device,
                    envelope.envelope_id,
                    envelope.sender_uid,
                    envelope.received_at_ms,
                    envelope.session_id,
                    envelope.payload,
                ),
            )
        return True

    def admit_room_key(self, sender_device: str, session_id: str, now_ms: int) -> bool:
        """Record that ``sender_device`` gave the key of a new group session; False (not
        recorded, the key is not to be kept) when that device gave
        ``MAX_UNUSED_ROOM_KEYS_PER_DEVICE`` keys here in the last week that have
        decrypted nothing.

        Used means a replay record exists (crypto/e2e/megolm_inbound.py writes one per
        decrypted message): a range of names, so each counted key costs an index probe.
        """
        with self._db.transaction() as cur:
            unused = cur.query(
                "SELECT count(*) FROM room_key_origins r WHERE r.sender_device = ? "
                "AND r.received_at > ? AND NOT EXISTS (SELECT 1 FROM crypto_pickles a "
                "WHERE a.kind = ? AND a.name >= r.session_id || '#' "
                "AND a.name < r.session_id || '$') "
                "AND NOT EXISTS (SELECT 1 FROM crypto_pickles a WHERE a.kind = ? "
                "AND a.name = r.session_id)",
                (
                    sender_device,
                    now_ms - UNUSED_ROOM_KEYS_WINDOW_MS,
                    KIND_MEGOLM_SEEN_AT,
                    KIND_MEGOLM_SEEN,
                ),
            )[0][0]
            if unused >= MAX_UNUSED_ROOM_KEYS_PER_DEVICE:
                return False
            cur.execute(
                "INSERT OR REPLACE INTO room_key_origins VALUES (?, ?, ?)",
                (session_id, sender_device, now_ms),
            )
        return True

    def held_for(self, session_id: str) -> list[HeldEnvelope]:
        rows = self._db.query(
            "SELECT sender_device, envelope_id, sender_uid, received_at, session_id, payload "
            "FROM held_envelopes WHERE session_id = ? ORDER BY received_at, rowid",
            (session_id,),
        )
        return [HeldEnvelope(r[0], r[1], r[2], int(r[3]), r[4], bytes(r[5])) for r in rows]

    def release(self, sender_device: str, envelope_id: str) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                "DELETE FROM held_envelopes WHERE sender_device = ? AND envelope_id = ?",
                (sender_device, envelope_id),
            )

    def held_count(self) -> int:
        return int(self._db.scalar("SELECT count(*) FROM held_envelopes"))

    def prune(self, before_ms: int) -> int:
        with self._db.transaction() as cur:
            cur.execute("DELETE FROM held_envelopes WHERE received_at < ?", (before_ms,))
            return cur.execute("DELETE FROM received_envelopes WHERE received_at < ?", (before_ms,))
