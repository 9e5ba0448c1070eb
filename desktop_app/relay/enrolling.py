"""Redeeming an enrollment code for a device certificate, before a connection logs in.

The certificate is issued before the store redeems the code, so that redeeming and
adding the device are one transaction: a refused enrollment (bad uid, taken device id,
too many devices) leaves the code usable. With offline issuing the request is stored and
completed once IT's signed certificate is in. Each function returns the replies and the
device the connection now is (None when refused or still pending).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.protocol import Enroll, Enrolled, Error, ErrorCode, Frame
from desktop_app.protocol.limits import MAX_DEVICES_PER_UID
from desktop_app.relay.enrollable import is_functional_account
from desktop_app.relay.errors import EnrollmentRefused, TrustRefusal
from desktop_app.relay.store import DeviceRecord
from desktop_app.relay.store_pending import PendingEnrollment

if TYPE_CHECKING:
    from desktop_app.relay.handler import RelayContext

MAX_DEVICES_PER_PERSON = MAX_DEVICES_PER_UID


def enroll(
    ctx: RelayContext, frame: Enroll, transcript: bytes, peer: str
) -> tuple[list[Frame], DeviceRecord | None]:
    """Redeem a code for a device certificate; refusals are fatal for the connection.

    The certificate is issued before the store redeems the code, so that redeeming
    and adding the device are one transaction: a refused enrollment (bad uid, taken
    device id, too many devices) leaves the code usable.
    """
    uid = ""
    try:
        secret_hash = ctx.trust.code_secret_hash(frame.code)
        if not ctx.trust.verify_signature(frame.ed25519, transcript, frame.signature):
            raise TrustRefusal(ErrorCode.ENROLLMENT_REFUSED, "enrollment signature is invalid")
        uid = ctx.store.code_uid(secret_hash)  # the person IT issued the code for
        if ctx.store.in_directory(uid) is False:  # a leaver, or a code for a typo
            raise EnrollmentRefused(f"{uid} is not in the hospital directory")
        if is_functional_account(ctx.store, uid):
            raise EnrollmentRefused(
                f"{uid} is a functional account; its holders use their own devices"
            )
        if ctx.trust.offline_issuing:
            return _enroll_offline(ctx, frame, secret_hash, uid, peer)
        certificate, serial = ctx.trust.issue_device_certificate(
            uid=uid,
            device_id=frame.device_id,
            ed25519=frame.ed25519,
            curve25519=frame.curve25519,
        )
        record = DeviceRecord(
            frame.device_id,
            uid,
            frame.device_name,
            certificate,
            serial,
            ctx.clock_ms(),
            None,
            None,
        )
        ctx.store.enroll_device(secret_hash, record, MAX_DEVICES_PER_PERSON)
    except (TrustRefusal, EnrollmentRefused) as exc:
        ctx.audit.record(
            "enrollment_refused",
            uid=uid or None,
            device_id=frame.device_id,
            reason=str(exc),
            peer=peer,
        )
        return [Error(frame.req_id, ErrorCode.ENROLLMENT_REFUSED, str(exc), True)], None
    ctx.audit.record(
        "enrolled", uid=record.uid, device_id=frame.device_id, serial=serial, peer=peer
    )
    return [Enrolled(frame.req_id, certificate, ctx.trust.chain(), ctx.trust.revocations())], record


def _enroll_offline(
    ctx: RelayContext, frame: Enroll, secret_hash: bytes, uid: str, peer: str
) -> tuple[list[Frame], DeviceRecord | None]:
    """Offline issuing: store the request, or complete it once IT's certificate is in.

    Raises TrustRefusal / EnrollmentRefused like ``enroll``; answers a stored but
    unsigned request with the fatal ``enrollment_pending`` (the device tries again).
    Keys IT's workstation could not certify are refused before anything is stored: one
    such request made signing the whole queue fail.
    """
    ctx.trust.check_device_request(
        uid=uid, device_id=frame.device_id, ed25519=frame.ed25519, curve25519=frame.curve25519
    )
    stored = ctx.store.request_enrollment(
        PendingEnrollment(
            secret_hash,
            uid,
            frame.device_id,
            frame.device_name,
            frame.ed25519,
            frame.curve25519,
            0,
            ctx.clock_ms(),
        ),
        MAX_DEVICES_PER_PERSON,
    )
    if stored.certificate is None or stored.serial is None:
        ctx.audit.record("enrollment_pending", uid=uid, device_id=frame.device_id, peer=peer)
        return [
            Error(
                frame.req_id,
                ErrorCode.ENROLLMENT_PENDING,
                "waiting for IT to sign this device's certificate; try again later",
                True,
            )
        ], None
    ctx.trust.check_device_certificate(stored.certificate, frame.device_id)
    record = DeviceRecord(
        frame.device_id,
        uid,
        stored.device_name,
        stored.certificate,
        stored.serial,
        ctx.clock_ms(),
        None,
        None,
    )
    ctx.store.enroll_device(secret_hash, record, MAX_DEVICES_PER_PERSON, from_pending=True)
    ctx.audit.record(
        "enrolled", uid=uid, device_id=frame.device_id, serial=stored.serial, peer=peer
    )
    return [
        Enrolled(frame.req_id, stored.certificate, ctx.trust.chain(), ctx.trust.revocations())
    ], record
