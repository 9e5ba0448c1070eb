"""Certificate renewals waiting for IT's offline signature (offline issuing, schema 7).

``relay/renewal.py`` queues a device's request here (its keys come from the certificate
the relay holds, never from the request); ``relay/offline_issuing.py`` exports the
waiting ones with the pending enrollments and imports IT's certificates; the device's
next ``RenewCertificate`` takes its certificate, replacing the one in ``devices`` in the
same transaction, and the row goes.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.relay.errors import RelayStoreError, UnknownDevice
from desktop_app.relay.store_base import StoreBase

_COLUMNS = "device_id, uid, device_name, ed25519, curve25519, requested_at, certificate, serial"


@dataclass(frozen=True, slots=True)
class PendingRenewal:
    device_id: str
    uid: str
    device_name: str
    ed25519: str
    curve25519: str
    requested_at: int
    certificate: bytes | None = None
    serial: str | None = None


class RenewalStore(StoreBase):
    def queue_renewal(self, request: PendingRenewal) -> PendingRenewal:
        """Queue a renewal (once per device; a repeated request returns the stored row)."""
        with self._tx() as cur:
            cur.execute(
                f"INSERT INTO pending_renewals({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL) "
                "ON CONFLICT (device_id) DO NOTHING",
                (
                    request.device_id,
                    request.uid,
                    request.device_name,
                    request.ed25519,
                    request.curve25519,
                    request.requested_at,
                ),
            )
            row = cur.execute(
                f"SELECT {_COLUMNS} FROM pending_renewals WHERE device_id = ?",
                (request.device_id,),
            ).fetchone()
        return PendingRenewal(*row)

    def pending_renewals(self, *, signed: bool = False) -> list[PendingRenewal]:
        test = "IS NOT NULL" if signed else "IS NULL"
        rows = self._query(
            f"SELECT {_COLUMNS} FROM pending_renewals WHERE certificate {test} "
            "ORDER BY requested_at, device_id"
        )
        return [PendingRenewal(*r) for r in rows]

    def pending_renewal(self, device_id: str) -> PendingRenewal | None:
        rows = self._query(
            f"SELECT {_COLUMNS} FROM pending_renewals WHERE device_id = ?", (device_id,)
        )
        return PendingRenewal(*rows[0]) if rows else None

    def attach_renewal(self, device_id: str, certificate: bytes, serial: str) -> None:
        with self._tx() as cur:
            done = cur.execute(
                "UPDATE pending_renewals SET certificate = ?, serial = ? WHERE device_id = ?",
                (certificate, serial, device_id),
            )
            if done.rowcount != 1:
                raise RelayStoreError(f"no renewal is waiting for device {device_id}")

    def take_renewal(self, device_id: str) -> tuple[bytes, str] | None:
        """Move IT's signed certificate into ``devices``; None if none is waiting."""
        with self._tx() as cur:
            row = cur.execute(
                "SELECT certificate, serial FROM pending_renewals "
                "WHERE device_id = ? AND certificate IS NOT NULL",
                (device_id,),
            ).fetchone()
            if row is None:
                return None
            certificate, serial = bytes(row[0]), str(row[1])
            changed = cur.execute(
                "UPDATE devices SET certificate = ?, serial = ? "
                "WHERE device_id = ? AND revoked_at IS NULL",
                (certificate, serial, device_id),
            ).rowcount
            if not changed:
                raise UnknownDevice(f"unknown or revoked device {device_id}")
            cur.execute("DELETE FROM pending_renewals WHERE device_id = ?", (device_id,))
        return certificate, serial
