"""Envelopes, mailboxes and blobs: the part of the relay store that carries ciphertext.

An envelope is accepted for all its recipients in one transaction or not at all, and is
deduplicated by (sender device, envelope id). Once the last recipient acknowledged it,
the envelope row goes (sender, device, times, payload): only an HMAC of (sender device,
envelope id) and the hour stay in ``delivered`` for ``dedupe_window_ms`` (migration
0006), so a resend is still a duplicate but the relay no longer knows who sent what.
Envelope ids are only unique per sender device, so acknowledgements name (sender
device, envelope id) pairs. A blob goes once every recipient device fetched it. Quotas are counted
by triggers (migration 0003) in ``mailbox_usage`` and checked before anything is stored.
"""

from __future__ import annotations

import hmac
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from desktop_app.relay.errors import BlobNotFound, QuotaExceeded
from desktop_app.relay.quotas import RelayLimits
from desktop_app.relay.store_accept import BatchUsage, cost, mib, take_rows
from desktop_app.relay.store_base import BlobRecord, MailboxItem, StoreBase
from desktop_app.relay.store_batch_checks import already_stored, live_devices
from desktop_app.relay.store_pg import MAIL_CHANNEL
from desktop_app.sqlmigrate import limit_sql


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
    blob_ids: Sequence[str] = field(default_factory=tuple)


class Acceptance(NamedTuple):
    """What became of one envelope: ``new`` (False for a resend), the ``refused``
    (unknown or revoked) recipients, or the quota it would exceed (then nothing is
    stored)."""

    new: bool
    refused: list[str]
    over_quota: str = ""


DAY_MS = 86_400_000
CODES_KEPT_DAYS = 30
"""Enrollment codes (hash, uid, times, the device that used one) and the offline
requests waiting on them are deleted this long after the code expired."""
HOUR_MS = 3_600_000
DEFAULT_DEDUPE_DAYS = 7
"""How long a delivered envelope is still recognised as a duplicate (relay.json)."""
DIRECTORY_VERSIONS_KEPT = 200
"""Signed directory headers kept for `admin directory history` (clients need only the
newest); older ones go with the expiry run. Entries and tombstones are not touched."""
FETCHED_BLOB_GRACE_MS = HOUR_MS
"""A blob every recipient fetched stays this long (a client that crashed while saving it
fetches again), then goes with the next hourly expiry run."""


class MailboxStore(StoreBase):
    dedupe_window_ms: int = DEFAULT_DEDUPE_DAYS * DAY_MS
    _dedupe_secret: bytes | None = None

    def _dedupe_key(self, sender_device: str, envelope_id: str) -> bytes:
        """What ``delivered`` keeps of a delivered envelope: unreadable, but comparable."""
        if self._dedupe_secret is None:
            rows = self._query("SELECT value FROM meta WHERE key = 'dedupe_secret'")
            self._dedupe_secret = bytes.fromhex(str(rows[0][0]))
        message = f"{sender_device}\0{envelope_id}".encode()
        return hmac.digest(self._dedupe_secret, message, "sha256")  # one-shot, in C

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
        limits: RelayLimits | None = None,
    ) -> Acceptance:
        """Make the envelope durable in every live recipient's mailbox.

        Returns (new, refused): ``new`` is False for a resend of an envelope id this
        sender already used (nothing is stored twice). All or nothing: if any recipient
        is unknown or revoked, nothing is stored and ``refused`` lists them, so the
        sender re-checks its device list instead of silently missing someone.
        """
        envelope = NewEnvelope(
            sender_device, sender_uid, envelope_id, recipients, payload, per_device, now, expires
        )
        return self.accept_envelopes([envelope], limits)[0]

    def accept_envelopes(
        self, envelopes: Sequence[NewEnvelope], limits: RelayLimits | None = None
    ) -> list[Acceptance]:
        """Group commit: ``accept_envelope`` for each, all in ONE transaction (one fsync).

        Each envelope is still all-or-nothing on its own: a refused one stores nothing
        and does not affect the others. Results are in the order given.
        """
        return self.accept_batch(envelopes, limits)[0]

    def accept_batch(
        self, envelopes: Sequence[NewEnvelope], limits: RelayLimits | None = None
    ) -> tuple[list[Acceptance], list[int]]:
        """``accept_envelopes``, and the row id each envelope got (0: not stored), which
        the relay hands to the recipients' delivery pumps (relay/mail_handoff.py)."""
        quota = limits if limits is not None else RelayLimits()
        with self._tx() as cur:
            pairs = [(e.sender_device, e.envelope_id) for e in envelopes]
            stored = already_stored(cur, pairs, self._dedupe_key)
            live = live_devices(cur, (d for e in envelopes for d in e.recipients))
            usage = BatchUsage.read(cur, (e for e in envelopes if e.recipients))
            results: list[Acceptance] = []
            accepted: list[NewEnvelope] = []
            taken: list[int] = []  # their places in ``envelopes``
            for at, e in enumerate(envelopes):
                result = _check(e, quota, stored, live, usage)
                if result.new:
                    stored.add((e.sender_device, e.envelope_id))
                    usage.add(e)
                    accepted.append(e)
                    taken.append(at)
                results.append(result)
            first = self._store_rows(cur, accepted)
            woken = {d for e in accepted for d in e.recipients}
            self._announce(cur, MAIL_CHANNEL, sorted(woken))
        rows = [0] * len(envelopes)
        for row, at in enumerate(taken, first):
            rows[at] = row
        return results, rows

    def _store_rows(self, cur: sqlite3.Connection, accepted: Sequence[NewEnvelope]) -> int:
        """The accepted envelopes and their mailbox rows: one statement each for all.
        Returns the first row id (the others follow in order)."""
        if not accepted:
            return 0
        first = take_rows(cur, len(accepted))
        rows = list(enumerate(accepted, first))
        cur.executemany(
            "INSERT INTO envelopes(id, sender_device, envelope_id, sender_uid, payload, "
            "received_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (row, e.sender_device, e.envelope_id, e.sender_uid, e.payload, e.now, e.expires)
                for row, e in rows
            ],
        )
        cur.executemany(
            "INSERT OR IGNORE INTO mailbox(device_id, envelope, device_payload, sender_device, "
            "size) VALUES (?, ?, ?, ?, ?)",
            [
                (d, row, e.per_device.get(d), e.sender_device, cost(e, d))
                for row, e in rows
                for d in e.recipients
            ],
        )
        for _, e in rows:
            for blob_id in dict.fromkeys(e.blob_ids):  # only the uploader can grant its blob
                cur.executemany(
                    "INSERT OR IGNORE INTO blob_readers(blob_id, device_id) SELECT blob_id, ? "
                    "FROM blobs WHERE blob_id = ? AND owner_device = ?",
                    [(d, blob_id, e.sender_device) for d in e.recipients],
                )
        return first

    def pending(self, device_id: str, limit: int, after_row: int = 0) -> list[MailboxItem]:
        """Undelivered items for a device, oldest first, from ``after_row`` on."""
        rows = self._query(
            "SELECT e.id, e.envelope_id, e.sender_uid, e.sender_device, e.received_at, "
            "e.payload, m.device_payload FROM mailbox m JOIN envelopes e ON e.id = m.envelope "
            "WHERE m.device_id = ? AND e.id > ? ORDER BY e.id " + limit_sql(limit),
            (device_id, after_row),
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

    def mailbox_depth(self) -> int:
        """Deliveries not yet acknowledged, all devices (the metrics' queue depth)."""
        return int(str(self._query("SELECT count(*) FROM mailbox", ())[0][0]))

    def pending_count(self, device_id: str) -> int:
        return int(
            str(self._query("SELECT count(*) FROM mailbox WHERE device_id = ?", (device_id,))[0][0])
        )

    def _forget(
        self, cur: sqlite3.Connection, row: int, sender_device: str, envelope_id: str, now: int
    ) -> None:
        """Replace a delivered envelope by its dedupe key and the hour of delivery."""
        cur.execute(
            "INSERT OR IGNORE INTO delivered(dedupe_key, delivered_at) VALUES (?, ?)",
            (self._dedupe_key(sender_device, envelope_id), now - now % HOUR_MS),
        )
        cur.execute("DELETE FROM envelopes WHERE id = ?", (row,))

    def mailbox_usage(self, device_id: str) -> tuple[int, int]:
        """(envelopes, bytes) waiting for ``device_id``, from every sender."""
        row = self._query(
            "SELECT coalesce(sum(envelopes), 0), coalesce(sum(bytes), 0) FROM mailbox_usage "
            "WHERE device_id = ?",
            (device_id,),
        )[0]
        return int(row[0]), int(row[1])

    def expire(self, now: int) -> tuple[int, list[str]]:
        """Retention: drop expired envelopes (with their mail), blobs expired or fetched by
        every recipient, and dedupe keys older than the window.

        Returns (envelopes removed, blob ids whose files the caller must delete).
        """
        with self._tx() as cur:
            # Delivered before schema 6 (payload dropped, row kept): forget them now.
            for row, sender_device, envelope_id in cur.execute(
                "SELECT id, sender_device, envelope_id FROM envelopes e WHERE payload IS NULL "
                "AND NOT EXISTS (SELECT 1 FROM mailbox m WHERE m.envelope = e.id)"
            ).fetchall():
                self._forget(cur, row, sender_device, envelope_id, now)
            cur.execute(
                "DELETE FROM delivered WHERE delivered_at <= ?", (now - self.dedupe_window_ms,)
            )
            cur.execute(
                "DELETE FROM directory_versions WHERE version <= "
                "(SELECT max(version) FROM directory_versions) - ?",
                (DIRECTORY_VERSIONS_KEPT,),
            )
            envelopes = cur.execute("DELETE FROM envelopes WHERE expires_at <= ?", (now,)).rowcount
            blobs = [
                str(r[0])
                for r in cur.execute(
                    "SELECT blob_id FROM blobs b WHERE expires_at <= ? OR (EXISTS "
                    "(SELECT 1 FROM blob_readers r WHERE r.blob_id = b.blob_id) AND NOT EXISTS "
                    "(SELECT 1 FROM blob_readers r WHERE r.blob_id = b.blob_id AND "
                    "(r.fetched_at IS NULL OR r.fetched_at > ?)))",
                    (now, now - FETCHED_BLOB_GRACE_MS),
                )
            ]
            cur.executemany("DELETE FROM blobs WHERE blob_id = ?", [(b,) for b in blobs])
            codes_gone = now - CODES_KEPT_DAYS * DAY_MS
            cur.execute(  # a waiting offline request could never complete without its code
                "DELETE FROM pending_enrollments WHERE secret_hash IN "
                "(SELECT secret_hash FROM enrollment_codes WHERE expires_at <= ?)",
                (codes_gone,),
            )
            cur.execute("DELETE FROM enrollment_codes WHERE expires_at <= ?", (codes_gone,))
        return envelopes, blobs

    # ---- blobs -----------------------------------------------------------------------

    def start_blob(
        self,
        blob_id: str,
        owner_device: str,
        total_size: int,
        now: int,
        expires: int,
        limits: RelayLimits | None = None,
    ) -> BlobRecord:
        """Register a new upload (or find the existing one to resume).

        A new blob must fit the owner's quota (QuotaExceeded otherwise): its announced
        size counts from the start, so an upload can never grow past the quota.
        """
        lim = limits if limits is not None else RelayLimits()
        with self._tx() as cur:
            exists = cur.execute("SELECT 1 FROM blobs WHERE blob_id = ?", (blob_id,)).fetchone()
            if exists is None:
                _check_blob_quota(cur, owner_device, total_size, lim)
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

    def may_read_blob(self, blob_id: str, device_id: str) -> bool:
        """The uploader, or a recipient of an envelope of the uploader that named it."""
        return bool(
            self._query(
                "SELECT 1 FROM blobs WHERE blob_id = ? AND owner_device = ? UNION ALL "
                "SELECT 1 FROM blob_readers WHERE blob_id = ? AND device_id = ? LIMIT 1",
                (blob_id, device_id, blob_id, device_id),
            )
        )

    def blob_usage(self, owner_device: str) -> tuple[int, int]:
        """(blobs, announced bytes) a device holds on the relay until they expire."""
        row = self._query(
            "SELECT count(*), coalesce(sum(total_size), 0) FROM blobs WHERE owner_device = ?",
            (owner_device,),
        )[0]
        return int(row[0]), int(row[1])

    def blob_fetched(self, blob_id: str, device_id: str, now: int) -> None:
        """A recipient device got the blob to its end (the uploader does not count)."""
        with self._tx() as cur:
            cur.execute(
                "UPDATE blob_readers SET fetched_at = ? WHERE blob_id = ? AND device_id = ? "
                "AND fetched_at IS NULL",
                (now, blob_id, device_id),
            )

    def blob_progress(self, blob_id: str, received: int, sha256: str | None = None) -> None:
        with self._tx() as cur:
            cur.execute(
                "UPDATE blobs SET received = ?, sha256 = ? WHERE blob_id = ?",
                (received, sha256, blob_id),
            )


def _check(
    e: NewEnvelope,
    limits: RelayLimits,
    stored: set[tuple[str, str]],
    live: set[str],
    usage: BatchUsage,
) -> Acceptance:
    """What becomes of one envelope of a batch, given what the batch accepted before it."""
    if (e.sender_device, e.envelope_id) in stored:
        return Acceptance(False, [])
    refused = [d for d in e.recipients if d not in live]
    if refused:
        return Acceptance(False, refused)
    over = usage.over_quota(e, limits)
    if over:
        return Acceptance(False, [], over)
    return Acceptance(True, [])


def _check_blob_quota(cur: sqlite3.Connection, owner: str, size: int, lim: RelayLimits) -> None:
    if size > lim.blob_max_bytes:
        raise QuotaExceeded(
            f"an attachment of {mib(size)} is larger than this relay accepts "
            f"({mib(lim.blob_max_bytes)})"
        )
    count, total = cur.execute(
        "SELECT count(*), coalesce(sum(total_size), 0) FROM blobs WHERE owner_device = ?",
        (owner,),
    ).fetchone()
    if count + 1 > lim.device_max_blobs or total + size > lim.device_blob_max_bytes:
        raise QuotaExceeded(
            f"this device already stores {count} attachments ({mib(total)}) on the relay, "
            f"the most it keeps for one device until older ones expire"
        )
