"""Envelopes, mailboxes and blobs: the part of the relay store that carries ciphertext.

An envelope is accepted for all its recipients in one transaction or not at all, is
deduplicated by (sender device, envelope id) until it expires, and loses its payload as
soon as the last recipient acknowledged it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.relay.errors import BlobNotFound
from desktop_app.relay.store_base import BlobRecord, MailboxItem, StoreBase


@dataclass(frozen=True, slots=True)
class NewEnvelope:
    """One envelope to accept: routing facts and opaque ciphertext."""

    sender_device: str
    sender_uid: str
    envelope_id: str
    recipients: Sequence[str]
    payload: bytes
    per_device: dict[str, bytes]
    now: int
    expires: int


class MailboxStore(StoreBase):
    # ---- envelopes and mailboxes -----------------------------------------------------

    def accept_envelope(
        self,
        *,
        sender_device: str,
        sender_uid: str,
        envelope_id: str,
        recipients: Sequence[str],
        payload: bytes,
        per_device: dict[str, bytes],
        now: int,
        expires: int,
    ) -> tuple[bool, list[str]]:
        """Make the envelope durable in every live recipient's mailbox.

        Returns (new, refused): ``new`` is False for a resend of an envelope id this
        sender already used (nothing is stored twice). All or nothing: if any recipient
        is unknown or revoked, nothing is stored and ``refused`` lists them, so the
        sender re-checks its device list instead of silently missing someone.
        """
        envelope = NewEnvelope(
            sender_device, sender_uid, envelope_id, recipients, payload, per_device, now, expires
        )
        return self.accept_envelopes([envelope])[0]

    def accept_envelopes(self, envelopes: Sequence[NewEnvelope]) -> list[tuple[bool, list[str]]]:
        """Group commit: ``accept_envelope`` for each, all in ONE transaction (one fsync).

        Each envelope is still all-or-nothing on its own: a refused one stores nothing
        and does not affect the others. Results are in the order given.
        """
        with self._tx() as cur:
            return [self._accept(cur, e) for e in envelopes]

    @staticmethod
    def _accept(cur: sqlite3.Connection, e: NewEnvelope) -> tuple[bool, list[str]]:
        known = cur.execute(
            "SELECT id FROM envelopes WHERE sender_device = ? AND envelope_id = ?",
            (e.sender_device, e.envelope_id),
        ).fetchone()
        if known is not None:
            return False, []
        marks = ",".join("?" * len(e.recipients))
        live = {
            r[0]
            for r in cur.execute(
                f"SELECT device_id FROM devices WHERE revoked_at IS NULL "  # noqa: S608
                f"AND device_id IN ({marks})",  # only "?" placeholders are formatted in
                list(e.recipients),
            )
        }
        refused = [d for d in e.recipients if d not in live]
        if refused:
            return False, refused
        cur.execute(
            "INSERT INTO envelopes(sender_device, envelope_id, sender_uid, payload, "
            "received_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            (e.sender_device, e.envelope_id, e.sender_uid, e.payload, e.now, e.expires),
        )
        row = int(cur.execute("SELECT last_insert_rowid()").fetchone()[0])
        cur.executemany(
            "INSERT OR IGNORE INTO mailbox(device_id, envelope, device_payload) VALUES (?, ?, ?)",
            [(d, row, e.per_device.get(d)) for d in e.recipients],
        )
        return True, []

    def pending(self, device_id: str, limit: int, after_row: int = 0) -> list[MailboxItem]:
        """Undelivered items for a device, oldest first, from ``after_row`` on."""
        rows = self._query(
            "SELECT e.id, e.envelope_id, e.sender_uid, e.sender_device, e.received_at, "
            "e.payload, m.device_payload FROM mailbox m JOIN envelopes e ON e.id = m.envelope "
            "WHERE m.device_id = ? AND e.id > ? ORDER BY e.id LIMIT ?",
            (device_id, after_row, limit),
        )
        return [
            MailboxItem(
                int(r[0]),
                str(r[1]),
                str(r[2]),
                str(r[3]),
                int(r[4]),
                bytes(r[5]) if isinstance(r[5], bytes) else b"",
                r[6] if isinstance(r[6], bytes) else None,
            )
            for r in rows
        ]

    def pending_count(self, device_id: str) -> int:
        return int(
            str(self._query("SELECT count(*) FROM mailbox WHERE device_id = ?", (device_id,))[0][0])
        )

    def acknowledge(self, device_id: str, deliveries: Sequence[tuple[str, str]]) -> int:
        """Delete acked items ((sender device, envelope id) pairs) from the mailbox.

        An envelope whose last copy is acked loses its payload at once; its id stays
        until expiry so resends are still recognised.
        """
        removed = 0
        with self._tx() as cur:
            for sender_device, envelope_id in deliveries:
                row = cur.execute(
                    "SELECT id FROM envelopes WHERE sender_device = ? AND envelope_id = ?",
                    (sender_device, envelope_id),
                ).fetchone()
                if row is None:
                    continue
                removed += cur.execute(
                    "DELETE FROM mailbox WHERE device_id = ? AND envelope = ?",
                    (device_id, row[0]),
                ).rowcount
                cur.execute(
                    "UPDATE envelopes SET payload = NULL WHERE id = ? AND NOT EXISTS "
                    "(SELECT 1 FROM mailbox WHERE envelope = ?)",
                    (row[0], row[0]),
                )
        return removed

    def acknowledge_ids(self, device_id: str, envelope_ids: Sequence[str]) -> int:
        """Acks as the protocol sends them: envelope ids found in this device's mailbox."""
        if not envelope_ids:
            return 0
        marks = ",".join("?" * len(envelope_ids))
        with self._lock:
            rows = self._query(
                f"SELECT e.sender_device, e.envelope_id FROM mailbox m JOIN envelopes e "  # noqa: S608
                f"ON e.id = m.envelope WHERE m.device_id = ? AND e.envelope_id IN ({marks})",
                (device_id, *envelope_ids),
            )
            return self.acknowledge(device_id, [(str(r[0]), str(r[1])) for r in rows])

    def expire(self, now: int) -> tuple[int, list[str]]:
        """Retention: drop expired envelopes (with their mail) and blobs.

        Returns (envelopes removed, blob ids whose files the caller must delete).
        """
        with self._tx() as cur:
            envelopes = cur.execute("DELETE FROM envelopes WHERE expires_at <= ?", (now,)).rowcount
            blobs = [
                str(r[0])
                for r in cur.execute("SELECT blob_id FROM blobs WHERE expires_at <= ?", (now,))
            ]
            cur.execute("DELETE FROM blobs WHERE expires_at <= ?", (now,))
            cur.execute(
                "DELETE FROM enrollment_codes WHERE expires_at <= ?", (now - 86_400_000 * 30,)
            )
        return envelopes, blobs

    # ---- blobs -----------------------------------------------------------------------

    def start_blob(
        self, blob_id: str, owner_device: str, total_size: int, now: int, expires: int
    ) -> BlobRecord:
        with self._tx() as cur:
            cur.execute(
                "INSERT OR IGNORE INTO blobs(blob_id, owner_device, total_size, created_at, "
                "expires_at) VALUES (?, ?, ?, ?, ?)",
                (blob_id, owner_device, total_size, now, expires),
            )
        return self.blob(blob_id)

    def blob(self, blob_id: str) -> BlobRecord:
        rows = self._query(
            "SELECT blob_id, owner_device, total_size, received, sha256, expires_at FROM blobs "
            "WHERE blob_id = ?",
            (blob_id,),
        )
        if not rows:
            raise BlobNotFound(f"unknown blob {blob_id}")
        r = rows[0]
        return BlobRecord(
            str(r[0]),
            str(r[1]),
            int(r[2]),
            int(r[3]),
            None if r[4] is None else str(r[4]),
            int(r[5]),
        )

    def blob_progress(self, blob_id: str, received: int, sha256: str | None = None) -> None:
        with self._tx() as cur:
            cur.execute(
                "UPDATE blobs SET received = ?, sha256 = ? WHERE blob_id = ?",
                (received, sha256, blob_id),
            )
