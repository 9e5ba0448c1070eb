"""Safety-number comparisons the owner made in person (schema 6), per peer device."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop_app.domain.ids import DeviceId, Uid
from desktop_app.storage.database import Database
from desktop_app.storage.timeutil import from_ms, to_ms

_COLUMNS = "device_id, uid, ed25519, outcome, by_uid, by_device, at"


class Outcome(enum.StrEnum):
    MATCH = "match"  # both screens showed the same safety number
    MISMATCH = "mismatch"  # they differed: possibly an impostor's device; IT is told


@dataclass(frozen=True, slots=True)
class DeviceCheck:
    device_id: DeviceId
    uid: Uid
    ed25519: str  # the device key that was compared (unpadded base64)
    outcome: Outcome
    by_uid: Uid  # who compared: the owner of this container
    by_device: DeviceId  # on which device (its key was the other half of the number)
    at: datetime


class SqlConfirmationStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, check: DeviceCheck) -> None:
        """Keep the latest comparison of a device (which must be a known peer device)."""
        with self._db.transaction() as cur:
            cur.execute(
                f"INSERT INTO device_confirmations ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(device_id) DO UPDATE SET uid = excluded.uid, "
                "ed25519 = excluded.ed25519, outcome = excluded.outcome, "
                "by_uid = excluded.by_uid, by_device = excluded.by_device, at = excluded.at",
                (
                    check.device_id,
                    check.uid,
                    check.ed25519,
                    check.outcome.value,
                    check.by_uid,
                    check.by_device,
                    to_ms(check.at),
                ),
            )

    def get(self, device_id: DeviceId) -> DeviceCheck | None:
        row = self._db.query_one(
            f"SELECT {_COLUMNS} FROM device_confirmations WHERE device_id = ?", (device_id,)
        )
        return None if row is None else _check(row)

    def of_person(self, uid: Uid) -> dict[DeviceId, DeviceCheck]:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM device_confirmations WHERE uid = ?", (uid,))
        return {check.device_id: check for check in map(_check, rows)}

    def forget(self, device_id: DeviceId) -> None:
        with self._db.transaction() as cur:
            cur.execute("DELETE FROM device_confirmations WHERE device_id = ?", (device_id,))


def _check(row: tuple[Any, ...]) -> DeviceCheck:
    device_id, uid, ed25519, outcome, by_uid, by_device, at = row
    return DeviceCheck(
        DeviceId(str(device_id)),
        Uid(str(uid)),
        str(ed25519),
        Outcome(str(outcome)),
        Uid(str(by_uid)),
        DeviceId(str(by_device)),
        from_ms(int(at)),
    )
