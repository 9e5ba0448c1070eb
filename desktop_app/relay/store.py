"""The relay's durable state in one embedded SQLite file (numbered migrations).

``RelayStore`` is the one class the relay and the admin commands use: enrollment codes,
devices, published keys and revocation lists here; envelopes, mailboxes and blobs in
``store_mailbox``; connection, transactions and records in ``store_base``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from desktop_app.relay.errors import EnrollmentRefused, RelayStoreError, UnknownDevice
from desktop_app.relay.key_sets import key_sets
from desktop_app.relay.store_acks import AckStore
from desktop_app.relay.store_base import (
    _DEVICE_COLUMNS,
    BUSY_TIMEOUT_S,
    MIGRATIONS,
    BlobRecord,
    ClaimedKeys,
    DeviceRecord,
    MailboxItem,
    StoredKey,
)
from desktop_app.relay.store_directory import DirectoryStore
from desktop_app.relay.store_mailbox import Acceptance, NewEnvelope
from desktop_app.relay.store_pending import PendingStore
from desktop_app.relay.store_person import PersonStore
from desktop_app.relay.store_pg import REVOKED_CHANNEL
from desktop_app.relay.store_renewals import RenewalStore

__all__ = [
    "BUSY_TIMEOUT_S",
    "MIGRATIONS",
    "Acceptance",
    "BlobRecord",
    "ClaimedKeys",
    "DeviceRecord",
    "MailboxItem",
    "NewEnvelope",
    "RelayStore",
    "StoredKey",
]


class RelayStore(DirectoryStore, AckStore, PendingStore, RenewalStore, PersonStore):
    """Everything the relay keeps, behind short transactions."""

    # ---- enrollment ------------------------------------------------------------------

    def add_enrollment_code(self, secret_hash: bytes, uid: str, now: int, expires: int) -> None:
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO enrollment_codes(secret_hash, uid, created_at, expires_at) "
                "VALUES (?, ?, ?, ?)",
                (secret_hash, uid, now, expires),
            )

    def cancel_enrollment_codes(self, uid: str, now: int) -> int:
        """A leaver: every unused, unexpired code of ``uid`` expires now, and waiting
        offline requests go; returns how many codes were cancelled."""
        with self._tx() as cur:
            cancelled = cur.execute(
                "UPDATE enrollment_codes SET expires_at = ? "
                "WHERE uid = ? AND used_at IS NULL AND expires_at > ?",
                (now, uid, now),
            ).rowcount
            cur.execute("DELETE FROM pending_enrollments WHERE uid = ?", (uid,))
        return int(cancelled)

    def code_uid(self, secret_hash: bytes) -> str:
        """The person a code was issued for (whether or not it is still valid)."""
        rows = self._query("SELECT uid FROM enrollment_codes WHERE secret_hash = ?", (secret_hash,))
        if not rows:
            raise EnrollmentRefused("unknown enrollment code")
        return str(rows[0][0])

    def enroll_device(
        self,
        secret_hash: bytes,
        record: DeviceRecord,
        max_devices: int,
        *,
        from_pending: bool = False,
    ) -> None:
        """Redeem the code and add the device in ONE transaction, or change nothing.

        Refuses (EnrollmentRefused) an unknown, used or expired code, a code issued for
        another uid, a device id that is already enrolled, and a person who already has
        ``max_devices`` unrevoked devices. Only a successful enrollment uses up the code,
        so a typo in the uid or a clashing device id does not burn it.

        ``from_pending`` (offline issuing): the code's expiry was checked when the request
        was stored; the waiting request is removed in the same transaction.
        """
        now = record.enrolled_at
        with self._tx() as cur:
            row = cur.execute(
                "SELECT uid, expires_at, used_at FROM enrollment_codes WHERE secret_hash = ?",
                (secret_hash,),
            ).fetchone()
            if row is None:
                raise EnrollmentRefused("unknown enrollment code")
            uid, expires_at, used_at = row
            if used_at is not None:
                raise EnrollmentRefused("this enrollment code was already used")
            if expires_at <= now and not from_pending:
                raise EnrollmentRefused("this enrollment code has expired; ask IT for a new one")
            if uid != record.uid:
                raise EnrollmentRefused("this enrollment code was issued for another person")
            taken = cur.execute(
                "SELECT 1 FROM devices WHERE device_id = ?", (record.device_id,)
            ).fetchone()
            if taken is not None:
                raise EnrollmentRefused(f"device id {record.device_id} is already enrolled")
            live = int(
                cur.execute(
                    "SELECT count(*) FROM devices WHERE uid = ? AND revoked_at IS NULL",
                    (record.uid,),
                ).fetchone()[0]
            )
            if live >= max_devices:
                raise EnrollmentRefused(
                    f"{record.uid} already has {max_devices} devices; IT must revoke one first"
                )
            cur.execute(
                "UPDATE enrollment_codes SET used_at = ?, used_by = ? WHERE secret_hash = ?",
                (now, record.device_id, secret_hash),
            )
            self._insert_device(cur, record)
            if from_pending:
                cur.execute("DELETE FROM pending_enrollments WHERE secret_hash = ?", (secret_hash,))

    # ---- devices ---------------------------------------------------------------------

    def add_device(self, record: DeviceRecord) -> None:
        with self._tx() as cur:
            self._insert_device(cur, record)

    @staticmethod
    def _insert_device(cur: sqlite3.Connection, record: DeviceRecord) -> None:
        cur.execute(
            f"INSERT INTO devices({_DEVICE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.device_id,
                record.uid,
                record.device_name,
                record.certificate,
                record.serial,
                record.enrolled_at,
                record.revoked_at,
                record.last_seen,
            ),
        )

    def device(self, device_id: str) -> DeviceRecord:
        rows = self._query(
            f"SELECT {_DEVICE_COLUMNS} FROM devices WHERE device_id = ?", (device_id,)
        )
        if not rows:
            raise UnknownDevice(f"unknown device {device_id}")
        return _device(rows[0])

    def devices(self, uid: str | None = None) -> list[DeviceRecord]:
        if uid is None:
            rows = self._query(f"SELECT {_DEVICE_COLUMNS} FROM devices ORDER BY uid, enrolled_at")
        else:
            rows = self._query(
                f"SELECT {_DEVICE_COLUMNS} FROM devices WHERE uid = ? ORDER BY enrolled_at",
                (uid,),
            )
        return [_device(r) for r in rows]

    def revoke_device(
        self, device_id: str, now: int, revocations: tuple[int, bytes] | None = None
    ) -> DeviceRecord:
        """Mark revoked and drop its keys and undelivered mail (it may never read them).

        With ``revocations`` (number, signed list) the new list is stored in the same
        transaction, so the device is never revoked here but missing from the list.
        """
        with self._tx() as cur:
            if revocations is not None:
                number, crl = revocations
                try:
                    cur.execute("INSERT INTO revocations VALUES (?, ?, ?)", (number, crl, now))
                except self._integrity_errors:
                    raise RelayStoreError(
                        f"revocation list {number} exists already (another revocation ran "
                        "at the same time); nothing was changed, run the command again"
                    ) from None
            changed = cur.execute(
                "UPDATE devices SET revoked_at = coalesce(revoked_at, ?) WHERE device_id = ?",
                (now, device_id),
            ).rowcount
            if not changed:
                raise UnknownDevice(f"unknown device {device_id}")
            cur.execute("DELETE FROM one_time_keys WHERE device_id = ?", (device_id,))
            cur.execute("DELETE FROM fallback_keys WHERE device_id = ?", (device_id,))
            self._drop_mail_of(cur, device_id)
            if revocations is not None:
                self._announce(cur, REVOKED_CHANNEL, [str(revocations[0])])
        return self.device(device_id)

    def _drop_mail_of(self, cur: sqlite3.Connection, device_id: str) -> None:
        """A revoked device's mailbox and blob grants, and every envelope that waited for
        it alone: nobody can fetch those any more, so sender, envelope id and ciphertext
        need not wait for the retention period. No dedupe key: a resend names the revoked
        device and is refused."""
        waiting = [
            (int(r[0]),)
            for r in cur.execute(
                "DELETE FROM mailbox WHERE device_id = ? RETURNING envelope", (device_id,)
            ).fetchall()
        ]
        for where, params in key_sets(cur, ("id",), ("BIGINT",), waiting):
            cur.execute(
                f"DELETE FROM envelopes WHERE {where} AND NOT EXISTS "
                "(SELECT 1 FROM mailbox m WHERE m.envelope = envelopes.id)",
                params,
            )
        cur.execute("DELETE FROM blob_readers WHERE device_id = ?", (device_id,))

    def renew_certificate(self, device_id: str, certificate: bytes, serial: str) -> DeviceRecord:
        """Replace a live device's certificate by its renewal (same keys, new serial).

        The old certificate needs no keeping: revocation names the device id, which
        covers every certificate it ever had (docs/trust.md).
        """
        with self._tx() as cur:
            changed = cur.execute(
                "UPDATE devices SET certificate = ?, serial = ? "
                "WHERE device_id = ? AND revoked_at IS NULL",
                (certificate, serial, device_id),
            ).rowcount
        if not changed:
            raise UnknownDevice(f"unknown or revoked device {device_id}")
        return self.device(device_id)

    def touch(self, device_id: str, now: int) -> None:
        with self._tx() as cur:
            cur.execute("UPDATE devices SET last_seen = ? WHERE device_id = ?", (now, device_id))

    # ---- keys ------------------------------------------------------------------------

    def publish_keys(
        self,
        device_id: str,
        one_time_keys: Sequence[StoredKey],
        fallback_key: StoredKey | None,
    ) -> int:
        """Store published keys; returns how many one-time keys are now available."""
        with self._tx() as cur:
            cur.executemany(
                "INSERT OR IGNORE INTO one_time_keys(device_id, key_id, key, signature) "
                "VALUES (?, ?, ?, ?)",
                [(device_id, k.key_id, k.key, k.signature) for k in one_time_keys],
            )
            if fallback_key is not None:
                cur.execute(
                    "INSERT INTO fallback_keys VALUES (?, ?, ?, ?) ON CONFLICT(device_id) "
                    "DO UPDATE SET key_id = excluded.key_id, key = excluded.key, "
                    "signature = excluded.signature",
                    (device_id, fallback_key.key_id, fallback_key.key, fallback_key.signature),
                )
            return int(
                cur.execute(
                    "SELECT count(*) FROM one_time_keys WHERE device_id = ?", (device_id,)
                ).fetchone()[0]
            )

    def claim_keys(self, device_id: str, *, one_time: bool = True) -> ClaimedKeys:
        """Hand out one one-time key exactly once; the fallback key when none is left.

        ``one_time=False`` hands out only the fallback key (a claimer past its limits).
        """
        with self._tx() as cur:
            row = None
            if one_time:
                row = cur.execute(
                    "SELECT key_id, key, signature FROM one_time_keys WHERE device_id = ? "
                    "ORDER BY key_id LIMIT 1",
                    (device_id,),
                ).fetchone()
            if row is not None:
                cur.execute(
                    "DELETE FROM one_time_keys WHERE device_id = ? AND key_id = ?",
                    (device_id, row[0]),
                )
            fallback = cur.execute(
                "SELECT key_id, key, signature FROM fallback_keys WHERE device_id = ?",
                (device_id,),
            ).fetchone()
        return ClaimedKeys(
            one_time_key=None if row is None else StoredKey(row[0], row[1], bytes(row[2])),
            fallback_key=None
            if fallback is None
            else StoredKey(fallback[0], fallback[1], bytes(fallback[2])),
        )

    def count_key_claim(
        self, claimer: str, target: str, window: int, limits: tuple[int, int, int]
    ) -> bool:
        """Count one one-time key claim in ``window`` unless it would pass a limit
        (per claimer, per target, per pair: ``limits`` in that order); for several relay
        nodes, which must see each other's claims (relay/claim_limits.py)."""
        names = (("claimer", claimer), ("target", target), ("pair", f"{claimer} {target}"))
        with self._tx() as cur:
            cur.execute("DELETE FROM key_claim_counts WHERE claim_window < ?", (window,))
            for (kind, name), limit in zip(names, limits, strict=True):
                row = cur.execute(
                    "SELECT claims FROM key_claim_counts WHERE claim_window = ? AND kind = ? "
                    "AND name = ?",
                    (window, kind, name),
                ).fetchone()
                if row is not None and int(row[0]) >= limit:
                    return False
            cur.executemany(
                "INSERT INTO key_claim_counts VALUES (?, ?, ?, 1) ON CONFLICT (claim_window, "
                "kind, name) DO UPDATE SET claims = key_claim_counts.claims + 1",
                [(window, kind, name) for kind, name in names],
            )
        return True

    # ---- revocations -----------------------------------------------------------------

    def save_revocations(self, number: int, crl: bytes, now: int) -> None:
        with self._tx() as cur:
            cur.execute("INSERT INTO revocations VALUES (?, ?, ?)", (number, crl, now))
            self._announce(cur, REVOKED_CHANNEL, [str(number)])

    def revocations_number(self) -> int | None:
        """The number of the newest stored list: a cheap poll for a new revocation."""
        rows = self._query("SELECT max(number) FROM revocations")
        return None if not rows or rows[0][0] is None else int(rows[0][0])

    def latest_revocations(self) -> tuple[int, bytes] | None:
        rows = self._query("SELECT number, crl FROM revocations ORDER BY number DESC LIMIT 1")
        return None if not rows else (int(rows[0][0]), bytes(rows[0][1]))


def _device(r: tuple[Any, ...]) -> DeviceRecord:
    return DeviceRecord(
        device_id=str(r[0]),
        uid=str(r[1]),
        device_name=str(r[2]),
        certificate=bytes(r[3]) if isinstance(r[3], bytes) else b"",
        serial=str(r[4]),
        enrolled_at=int(r[5]),
        revoked_at=None if r[6] is None else int(r[6]),
        last_seen=None if r[7] is None else int(r[7]),
    )
