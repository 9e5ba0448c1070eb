"""Certificate renewal for a logged-in device (``RenewCertificate``, docs/trust.md).

Device certificates last ``DEVICE_VALIDITY`` (2 years). Within ``RENEWAL_WINDOW`` of
its expiry a device asks, and the relay (online issuing) signs a new certificate for the
SAME uid, device id and keys, taken from the certificate it holds, never from the
request: the device's Olm/Megolm sessions, its history and its colleagues' trust in
its keys all carry over. In offline issuing the relay holds no key that may certify
devices; it refuses (``unavailable``), audits the request, and IT sees the device in
``wardlink admin devices --expiring DAYS`` and re-signs it on the admin workstation.
After an issuing CA rotation a certificate from the previous CA is renewed at any time
(by the new CA), so that ``relay rotate-issuing --finish`` can drop the old one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop_app.crypto.device_certificates import DeviceIdentity, read_device_certificate
from desktop_app.crypto.profile import RENEWAL_WINDOW
from desktop_app.crypto.trust_errors import TrustError
from desktop_app.protocol import CertificateRenewed, Error, ErrorCode, Frame, RenewCertificate
from desktop_app.relay.errors import RelayError
from desktop_app.relay.store import DeviceRecord
from desktop_app.relay.store_renewals import PendingRenewal

if TYPE_CHECKING:  # the handler dispatches here; no import cycle at run time
    from desktop_app.relay.handler import RelayContext

OFFLINE_MESSAGE = (
    "this relay does not sign device certificates (offline issuing): the renewal waits "
    "for IT's signature on the admin workstation; it is picked up at a later login"
)


def renew_certificate(
    ctx: RelayContext, device: DeviceRecord, frame: RenewCertificate, peer: str
) -> tuple[Frame, DeviceRecord]:
    """The reply and the device's record afterwards (the renewed one on success)."""

    def refuse(code: ErrorCode, message: str) -> tuple[Frame, DeviceRecord]:
        ctx.audit.record(
            "renewal_refused", uid=device.uid, device_id=device.device_id, reason=message, peer=peer
        )
        return Error(frame.req_id, code, message, False), device

    try:
        current = read_device_certificate(device.certificate)  # verified at this login
    except TrustError as exc:
        return refuse(ErrorCode.CONFLICT, f"the stored certificate is unusable: {exc}")
    now = datetime.fromtimestamp(ctx.clock_ms() / 1000, UTC)
    rotated = ctx.trust.issued_by_previous_ca(device.certificate)  # renew at once
    if current.not_after - now > RENEWAL_WINDOW and not rotated:
        return refuse(
            ErrorCode.CONFLICT,
            f"this device's certificate is valid until {current.not_after:%Y-%m-%d}; it can "
            f"be renewed in its last {RENEWAL_WINDOW.days} days",
        )
    if ctx.trust.offline_issuing:
        return _offline(ctx, device, frame, peer, current, refuse)
    try:
        certificate, serial = ctx.trust.issue_device_certificate(
            uid=current.uid,
            device_id=current.device_id,
            ed25519=current.ed25519_b64,
            curve25519=current.curve25519_b64,
        )
        renewed = ctx.store.renew_certificate(device.device_id, certificate, serial)
    except RelayError as exc:  # TrustRefusal, UnknownDevice (revoked meanwhile)
        return refuse(ErrorCode.CONFLICT, str(exc))
    ctx.audit.record(
        "certificate_renewed",
        uid=device.uid,
        device_id=device.device_id,
        serial=serial,
        expires=f"{read_device_certificate(certificate).not_after:%Y-%m-%d}",
        peer=peer,
    )
    return CertificateRenewed(frame.req_id, certificate, ctx.trust.chain()), renewed


def _offline(
    ctx: RelayContext,
    device: DeviceRecord,
    frame: RenewCertificate,
    peer: str,
    current: DeviceIdentity,
    refuse: Callable[[ErrorCode, str], tuple[Frame, DeviceRecord]],
) -> tuple[Frame, DeviceRecord]:
    """Hand out IT's certificate if it was imported; else queue the request for IT."""
    try:
        taken = ctx.store.take_renewal(device.device_id)
    except RelayError as exc:
        return refuse(ErrorCode.CONFLICT, str(exc))
    if taken is None:
        ctx.store.queue_renewal(
            PendingRenewal(
                device.device_id,
                device.uid,
                device.device_name,
                current.ed25519_b64,  # the keys of the certificate held, never the request's
                current.curve25519_b64,
                ctx.clock_ms(),
            )
        )
        return refuse(ErrorCode.UNAVAILABLE, OFFLINE_MESSAGE)
    certificate, serial = taken
    ctx.audit.record(
        "certificate_renewed",
        uid=device.uid,
        device_id=device.device_id,
        serial=serial,
        expires=f"{read_device_certificate(certificate).not_after:%Y-%m-%d}",
        peer=peer,
    )
    return CertificateRenewed(frame.req_id, certificate, ctx.trust.chain()), ctx.store.device(
        device.device_id
    )
