"""The relay's durable state in one embedded SQLite file (numbered migrations).

Every commit is ``synchronous=FULL``: the relay acknowledges an envelope only after it
sits in every recipient's mailbox on disk, so a crash after an ack loses nothing. The
store is synchronous and used from one thread at a time (the server funnels calls
through a single worker thread); it knows nothing about sockets or frames.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.relay.errors import BlobNotFound, EnrollmentRefused, RelayStoreError, UnknownDevice
from desktop_app.sqlmigrate import load

MIGRATIONS = load("desktop_app.relay")
BUSY_TIMEOUT_S = 10.0
"""How long a write waits for another process's transaction (admin commands run next to
a serving relay; every transaction is short, so this is never reached in practice)."""


@dataclass(frozen=True, slots=True)
class DeviceRecord:
    device_id: str
    uid: str
    device_name: str
    certificate: bytes
    serial: str
    enrolled_at: int
    revoked_at: int | None
    last_seen: int | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True, slots=True)
class MailboxItem:
    row: int  # relay-internal envelope row
    envelope_id: str
    sender_uid: str
    sender_device: str
    received_at: int
    payload: bytes
    device_payload: bytes | None


@dataclass(frozen=True, slots=True)
class StoredKey:
    """A published Curve25519 key with the device's signature; the relay only keeps it."""

    key_id: str
    key: str
    signature: bytes


@dataclass(frozen=True, slots=True)
class ClaimedKeys:
    one_time_key: StoredKey | None
    fallback_key: StoredKey | None


@dataclass(frozen=True, slots=True)
class BlobRecord:
    blob_id: str
    owner_device: str
    total_size: int
    received: int
    sha256: str | None
    expires_at: int

    @property
    def complete(self) -> bool:
        return self.sha256 is not None


_DEVICE_COLUMNS = (
    "device_id, uid, device_name, certificate, serial, enrolled_at, revoked_at, last_seen"
)


class RelayStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            if not path.exists():  # private from the start; -wal/-shm inherit the mode
                path.touch(mode=0o600)
            self._conn = sqlite3.connect(
                str(path),
                timeout=BUSY_TIMEOUT_S,
                isolation_level=None,
                check_same_thread=False,
            )
            for pragma in (
                "PRAGMA journal_mode = WAL",
                "PRAGMA synchronous = FULL",
                "PRAGMA foreign_keys = ON",
                "PRAGMA secure_delete = ON",
            ):
                self._conn.execute(pragma)
            self._migrate()
        except (sqlite3.DatabaseError, OSError) as exc:
            raise RelayStoreError(f"The relay database {path} cannot be used: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _migrate(self) -> None:
        version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
        if version > len(MIGRATIONS):
            raise RelayStoreError(
                f"The relay database has schema {version}; this WardLink knows "
                f"{len(MIGRATIONS)}. Update the relay; nothing was changed."
            )
        for migration in MIGRATIONS[version:]:
            with self._tx() as cur:
                for statement in migration.statements():
                    cur.execute(statement)
                cur.execute(f"PRAGMA user_version = {migration.version:d}")

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError):  # disk full, locked, I/O error
                    raise RelayStoreError(f"the relay database cannot be written: {exc}") from exc
                raise

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    # ---- meta ------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO meta VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # ---- enrollment ------------------------------------------------------------------

    def add_enrollment_code(self, secret_hash: bytes, uid: str, now: int, expires: int) -> None:
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO enrollment_codes(secret_hash, uid, created_at, expires_at) "
                "VALUES (?, ?, ?, ?)",
                (secret_hash, uid, now, expires),
            )

    def code_uid(self, secret_hash: bytes) -> str:
        """The person a code was issued for (whether or not it is still valid)."""
        rows = self._query("SELECT uid FROM enrollment_codes WHERE secret_hash = ?", (secret_hash,))
        if not rows:
            raise EnrollmentRefused("unknown enrollment code")
        return str(rows[0][0])

    def redeem_enrollment_code(self, secret_hash: bytes, device_id: str, now: int) -> str:
        """Mark the code used by ``device_id`` and return its uid, or refuse it."""
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
            if expires_at <= now:
                raise EnrollmentRefused("this enrollment code has expired; ask IT for a new one")
            cur.execute(
                "UPDATE enrollment_codes SET used_at = ?, used_by = ? WHERE secret_hash = ?",
                (now, device_id, secret_hash),
            )
            return str(uid)

    def enroll_device(self, secret_hash: bytes, record: DeviceRecord, max_devices: int) -> None:
        """Redeem the code and add the device in ONE transaction, or change nothing.

        Refuses (EnrollmentRefused) an unknown, used or expired code, a code issued for
        another uid, a device id that is already enrolled, and a person who already has
        ``max_devices`` unrevoked devices. Only a successful enrollment uses up the code,
        so a typo in the uid or a clashing device id does not burn it.
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
            if expires_at <= now:
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
                except sqlite3.IntegrityError:
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
            cur.execute("DELETE FROM mailbox WHERE device_id = ?", (device_id,))
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

    def claim_keys(self, device_id: str) -> ClaimedKeys:
        """Hand out one one-time key exactly once; the fallback key when none is left."""
        with self._tx() as cur:
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
        with self._tx() as cur:
            known = cur.execute(
                "SELECT id FROM envelopes WHERE sender_device = ? AND envelope_id = ?",
                (sender_device, envelope_id),
            ).fetchone()
            if known is not None:
                return False, []
            marks = ",".join("?" * len(recipients))
            live = {
                r[0]
                for r in cur.execute(
                    f"SELECT device_id FROM devices WHERE revoked_at IS NULL "
                    f"AND device_id IN ({marks})",
                    list(recipients),
                )
            }
            refused = [d for d in recipients if d not in live]
            if refused:
                return False, refused
            cur.execute(
                "INSERT INTO envelopes(sender_device, envelope_id, sender_uid, payload, "
                "received_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                (sender_device, envelope_id, sender_uid, payload, now, expires),
            )
            row = int(cur.execute("SELECT last_insert_rowid()").fetchone()[0])
            cur.executemany(
                "INSERT OR IGNORE INTO mailbox(device_id, envelope, device_payload) "
                "VALUES (?, ?, ?)",
                [(d, row, per_device.get(d)) for d in recipients],
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
                f"SELECT e.sender_device, e.envelope_id FROM mailbox m JOIN envelopes e "
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

    # ---- revocations -----------------------------------------------------------------

    def save_revocations(self, number: int, crl: bytes, now: int) -> None:
        with self._tx() as cur:
            cur.execute("INSERT INTO revocations VALUES (?, ?, ?)", (number, crl, now))

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
