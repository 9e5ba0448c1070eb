"""Small stores: settings, crypto pickles, peers and their devices, the outbox."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from desktop_app.domain.ids import DeviceId, EnvelopeId, MessageId, Uid
from desktop_app.domain.model import Device, Person
from desktop_app.sqlmigrate import limit_sql
from desktop_app.storage.database import Database
from desktop_app.storage.timeutil import from_ms, to_ms, utc_now

MAX_OUTBOX_BATCH = 500


class SqlSettingsStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str, default: str | None = None) -> str | None:
        value = self._db.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if value is None else str(value)

    def set(self, key: str, value: str) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def delete(self, key: str) -> None:
        with self._db.transaction() as cur:
            cur.execute("DELETE FROM settings WHERE key = ?", (key,))


_UPSERT_PICKLE = (
    "INSERT INTO crypto_pickles(kind, name, pickle, updated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT(kind, name) DO UPDATE SET pickle = excluded.pickle, "
    "updated_at = excluded.updated_at"
)


class SqlPickleStore:
    """vodozemac objects, pickled (encrypted) by the crypto layer under the pickle key.

    Saves commit without an fsync each; ``Container.barrier()`` makes them (and all
    writes before) durable in one go, and the services call it before anything leaves
    the PC (an envelope to the relay, an ack). WAL keeps the file consistent meanwhile.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def save(self, kind: str, name: str, pickle: bytes) -> None:
        with self._db.transaction() as cur:
            cur.execute(_UPSERT_PICKLE, (kind, name, pickle, to_ms(utc_now())))

    def save_many(self, kind: str, items: Sequence[tuple[str, bytes]]) -> None:
        """Several pickles of one kind in one statement (a room key's Olm sessions)."""
        now = to_ms(utc_now())
        with self._db.transaction() as cur:
            cur.executemany(_UPSERT_PICKLE, [(kind, name, pickle, now) for name, pickle in items])

    def load(self, kind: str, name: str) -> bytes | None:
        value = self._db.scalar(
            "SELECT pickle FROM crypto_pickles WHERE kind = ? AND name = ?", (kind, name)
        )
        return None if value is None else bytes(value)

    def names(self, kind: str) -> list[str]:
        rows = self._db.query(
            "SELECT name FROM crypto_pickles WHERE kind = ? ORDER BY name", (kind,)
        )
        return [r[0] for r in rows]

    def delete(self, kind: str, name: str) -> None:
        with self._db.transaction() as cur:
            cur.execute("DELETE FROM crypto_pickles WHERE kind = ? AND name = ?", (kind, name))


class SqlPeerStore:
    """People and their devices. Each message sent or received asks for the devices of
    its members, which change rarely: they are kept in memory per person, dropped when
    ``upsert_device`` changes that person's devices and all of them after any rollback
    (a read inside a transaction that then rolled back may have seen its writes)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._devices: dict[Uid, tuple[Device, ...]] = {}
        self._devices_rollbacks = db.rollbacks

    def upsert_person(self, person: Person) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                "INSERT INTO peers(uid, display_name, title, department, ward) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(uid) DO UPDATE SET "
                "display_name = excluded.display_name, title = excluded.title, "
                "department = excluded.department, ward = excluded.ward",
                (person.uid, person.display_name, person.title, person.department, person.ward),
            )

    def person(self, uid: Uid) -> Person | None:
        row = self._db.query_one(
            "SELECT uid, display_name, title, department, ward FROM peers WHERE uid = ?", (uid,)
        )
        return None if row is None else Person(Uid(row[0]), row[1], row[2], row[3], row[4])

    def upsert_device(self, device: Device, certificate: bytes | None = None) -> bool:
        """Record a device; True if it is new (the UI then says "… has a new device")."""
        self._devices.pop(device.uid, None)
        with self._db.transaction() as cur:
            known = cur.query("SELECT 1 FROM peer_devices WHERE device_id = ?", (device.device_id,))
            cur.execute(
                "INSERT INTO peer_devices(device_id, uid, curve25519, ed25519, certificate, "
                "verified, revoked, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(device_id) DO UPDATE SET "
                "certificate = coalesce(excluded.certificate, certificate), "
                "verified = excluded.verified, revoked = excluded.revoked",
                (
                    device.device_id,
                    device.uid,
                    device.curve25519,
                    device.ed25519,
                    certificate,
                    int(device.verified),
                    int(device.revoked),
                    to_ms(utc_now()),
                ),
            )
            return not known

    def uid_of(self, device_id: DeviceId) -> Uid | None:
        value = self._db.scalar("SELECT uid FROM peer_devices WHERE device_id = ?", (device_id,))
        return None if value is None else Uid(str(value))

    def first_seen(self, uid: Uid) -> dict[DeviceId, datetime]:
        """When this container first learned each of the person's devices: what the
        person card can say about a device besides its id."""
        rows = self._db.query(
            "SELECT device_id, first_seen FROM peer_devices WHERE uid = ?", (uid,)
        )
        return {DeviceId(r[0]): from_ms(int(r[1])) for r in rows}

    def devices_of(self, uid: Uid) -> list[Device]:
        if self._devices_rollbacks != self._db.rollbacks:
            self._devices.clear()
            self._devices_rollbacks = self._db.rollbacks
        known = self._devices.get(uid)
        if known is None:
            rows = self._db.query(
                "SELECT device_id, uid, curve25519, ed25519, verified, revoked FROM peer_devices "
                "WHERE uid = ? ORDER BY first_seen, device_id",
                (uid,),
            )
            known = tuple(
                Device(DeviceId(r[0]), Uid(r[1]), r[2], r[3], bool(r[4]), bool(r[5])) for r in rows
            )
            self._devices[uid] = known
        return list(known)


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    envelope_id: EnvelopeId
    message_id: MessageId | None
    recipients: tuple[DeviceId, ...]
    payload: bytes
    attempts: int
    created_at: datetime


class SqlOutboxStore:
    """Encrypted envelopes waiting for the relay's ack; survives restarts."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.enqueued = 0
        """Envelopes queued by this process so far: a sender that emptied the outbox
        asks again only if more came meanwhile (one read fewer per message)."""

    def enqueue(
        self,
        envelope_id: EnvelopeId,
        recipients: tuple[DeviceId, ...],
        payload: bytes,
        message_id: MessageId | None = None,
        now: datetime | None = None,
    ) -> None:
        at = to_ms(now or utc_now())
        self.enqueued += 1
        with self._db.transaction() as cur:
            cur.execute(
                "INSERT OR IGNORE INTO outbox(envelope_id, message_id, recipients, payload, "
                "created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)",
                (envelope_id, message_id, json.dumps(list(recipients)), payload, at, at),
            )

    def due(self, now: datetime | None = None, limit: int = 100) -> list[OutboxEntry]:
        rows = self._db.query(
            "SELECT envelope_id, message_id, recipients, payload, attempts, created_at "
            "FROM outbox WHERE next_attempt_at <= ? ORDER BY created_at, rowid "
            + limit_sql(max(1, min(limit, MAX_OUTBOX_BATCH))),
            (to_ms(now or utc_now()),),
        )
        return [
            OutboxEntry(
                EnvelopeId(r[0]),
                None if r[1] is None else MessageId(r[1]),
                tuple(DeviceId(d) for d in json.loads(r[2])),
                bytes(r[3]),
                int(r[4]),
                from_ms(r[5]),
            )
            for r in rows
        ]

    def postpone(self, envelope_id: EnvelopeId, next_attempt: datetime) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ? "
                "WHERE envelope_id = ?",
                (to_ms(next_attempt), envelope_id),
            )

    def acknowledged(self, envelope_id: EnvelopeId) -> None:
        with self._db.transaction() as cur:
            cur.execute("DELETE FROM outbox WHERE envelope_id = ?", (envelope_id,))

    def __len__(self) -> int:
        return int(self._db.scalar("SELECT count(*) FROM outbox"))
