"""Enrollment requests waiting for IT's offline signature (offline issuing, schema 5).

The running relay holds no key that may certify a device in that mode. A device that
redeemed a valid code is stored here; IT exports the waiting requests, signs them on the
admin workstation and imports the certificates; the device's next attempt with the same
code, device id and keys then completes the enrollment (``RelayStore.enroll_device``
with ``from_pending``), which removes the row in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.relay.errors import EnrollmentRefused, RelayStoreError
from desktop_app.relay.store_base import StoreBase

_COLUMNS = (
    "secret_hash, uid, device_id, device_name, ed25519, curve25519, code_issued_at, "
    "requested_at, certificate, serial"
)


@dataclass(frozen=True, slots=True)
class PendingEnrollment:
    """One device waiting for its certificate."""

    secret_hash: bytes
    uid: str
    device_id: str
    device_name: str
    ed25519: str
    curve25519: str
    code_issued_at: int
    requested_at: int
    certificate: bytes | None = None
    serial: str | None = None

    def same_device(self, other: PendingEnrollment) -> bool:
        return (self.device_id, self.ed25519, self.curve25519) == (
            other.device_id,
            other.ed25519,
            other.curve25519,
        )


class PendingStore(StoreBase):
    def request_enrollment(self, request: PendingEnrollment, max_devices: int) -> PendingEnrollment:
        """Store a device's request, or return the stored one if this device asked before.

        The first request checks the code as ``enroll_device`` does (known, unused, not
        expired, for this uid), the device id and the person's device count, and binds the
        code to this device's keys: another device presenting the same code is refused.
        A retry is answered from the row, so a code that expired while IT was signing
        still completes. ``code_issued_at`` of ``request`` is ignored (read from the code).
        """
        with self._tx() as cur:
            row = cur.execute(
                f"SELECT {_COLUMNS} FROM pending_enrollments WHERE secret_hash = ?",
                (request.secret_hash,),
            ).fetchone()
            if row is not None:
                stored = PendingEnrollment(*row)
                if not stored.same_device(request):
                    raise EnrollmentRefused(
                        "this enrollment code is already waiting for another device; ask "
                        "IT for a new code"
                    )
                return stored
            code = cur.execute(
                "SELECT uid, created_at, expires_at, used_at FROM enrollment_codes "
                "WHERE secret_hash = ?",
                (request.secret_hash,),
            ).fetchone()
            if code is None:
                raise EnrollmentRefused("unknown enrollment code")
            uid, issued_at, expires_at, used_at = code
            if used_at is not None:
                raise EnrollmentRefused("this enrollment code was already used")
            if expires_at <= request.requested_at:
                raise EnrollmentRefused("this enrollment code has expired; ask IT for a new one")
            if uid != request.uid:
                raise EnrollmentRefused("this enrollment code was issued for another person")
            if cur.execute(
                "SELECT 1 FROM devices WHERE device_id = ?", (request.device_id,)
            ).fetchone():
                raise EnrollmentRefused(f"device id {request.device_id} is already enrolled")
            live = int(
                cur.execute(
                    "SELECT count(*) FROM devices WHERE uid = ? AND revoked_at IS NULL", (uid,)
                ).fetchone()[0]
            )
            if live >= max_devices:
                raise EnrollmentRefused(
                    f"{uid} already has {max_devices} devices; IT must revoke one first"
                )
            # The same device retrying with a new code replaces its unsigned request.
            cur.execute(
                "DELETE FROM pending_enrollments WHERE device_id = ? AND ed25519 = ? "
                "AND certificate IS NULL",
                (request.device_id, request.ed25519),
            )
            if cur.execute(
                "SELECT 1 FROM pending_enrollments WHERE device_id = ?", (request.device_id,)
            ).fetchone():
                raise EnrollmentRefused(f"device id {request.device_id} is already waiting")
            stored = PendingEnrollment(
                request.secret_hash,
                uid,
                request.device_id,
                request.device_name,
                request.ed25519,
                request.curve25519,
                int(issued_at),
                request.requested_at,
            )
            cur.execute(
                f"INSERT INTO pending_enrollments({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    stored.secret_hash,
                    stored.uid,
                    stored.device_id,
                    stored.device_name,
                    stored.ed25519,
                    stored.curve25519,
                    stored.code_issued_at,
                    stored.requested_at,
                    None,
                    None,
                ),
            )
            return stored

    def pending_enrollments(self, *, signed: bool = False) -> list[PendingEnrollment]:
        """Requests still waiting for a certificate (or, ``signed``, those that have one)."""
        test = "IS NOT NULL" if signed else "IS NULL"
        rows = self._query(
            f"SELECT {_COLUMNS} FROM pending_enrollments WHERE certificate {test} "
            "ORDER BY requested_at, device_id"
        )
        return [PendingEnrollment(*r) for r in rows]

    def pending_enrollment(self, device_id: str) -> PendingEnrollment:
        rows = self._query(
            f"SELECT {_COLUMNS} FROM pending_enrollments WHERE device_id = ?", (device_id,)
        )
        if not rows:
            raise RelayStoreError(f"no enrollment request is waiting for device {device_id}")
        return PendingEnrollment(*rows[0])

    def attach_certificate(self, device_id: str, certificate: bytes, serial: str) -> None:
        """Store IT's certificate for a waiting request (checked by the caller)."""
        with self._tx() as cur:
            done = cur.execute(
                "UPDATE pending_enrollments SET certificate = ?, serial = ? WHERE device_id = ?",
                (certificate, serial, device_id),
            )
            if done.rowcount != 1:
                raise RelayStoreError(f"no enrollment request is waiting for device {device_id}")
