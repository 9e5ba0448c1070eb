"""First contact with the hospital: redeem IT's enrollment code for a device certificate.

The code carries the organisation's fingerprint, so the relay is checked against it
(its TLS chain must contain that root) before the code is sent. The device's keys
are made here (a vodozemac account in the container), its certificate and the
organisation's certificates are stored as the pin for every later connection.

Offline issuing: the relay answers ``enrollment_pending`` until IT has signed the
device on the admin workstation; the device id is kept in the container so that the next
attempt with the same code and keys picks the certificate up (``EnrollmentPending``).
"""

from __future__ import annotations

from cryptography import x509

from desktop_app.crypto.chain import load_certificate
from desktop_app.crypto.device_certificates import verify_device_certificate
from desktop_app.crypto.e2e.account import DeviceAccount
from desktop_app.crypto.enrollment import parse_code
from desktop_app.crypto.fingerprint import device_key_fingerprint
from desktop_app.crypto.keyformat import decode_b64
from desktop_app.crypto.org import OrgCertificates, may_not_certify_devices
from desktop_app.crypto.revocation import load_revocation_list
from desktop_app.crypto.trust_errors import TrustError, UntrustedIssuer
from desktop_app.domain.ids import DeviceId, new_device_id
from desktop_app.protocol import Enroll, Enrolled, ErrorCode
from desktop_app.services.errors import ClientError, EnrollmentPending, RelayRefused
from desktop_app.services.identity import (
    CRL_KEY,
    RELAY_KEY,
    ClientIdentity,
    format_address,
    save_identity,
)
from desktop_app.services.issuing_cas import with_issuing_cas
from desktop_app.services.relay_link import RelayLink
from desktop_app.services.session import publish_keys
from desktop_app.services.tls_client import enrollment_context, verify_enrollment_peer
from desktop_app.storage.container import Container

PENDING_DEVICE_KEY = "enrollment.pending_device_id"


async def enroll(
    container: Container, address: tuple[str, int], code_text: str, device_name: str
) -> ClientIdentity:
    code = parse_code(code_text)  # a typo is caught here, before any network traffic
    fingerprint = code.org_fingerprint
    link, (org, relay) = await RelayLink.open(
        address,
        enrollment_context(),
        lambda ssl_object: verify_enrollment_peer(ssl_object, fingerprint),
    )
    try:
        account = DeviceAccount.load_or_create(container.pickles, container.pickle_key)
        keys = account.identity_keys
        device_id = DeviceId(container.settings.get(PENDING_DEVICE_KEY) or new_device_id())
        container.settings.set(PENDING_DEVICE_KEY, device_id)
        transcript = link.conn.enroll_transcript(
            device_id, curve25519=keys.curve25519, ed25519=keys.ed25519
        )
        try:
            reply = await link.request(
                Enroll(
                    link.ids.next(),
                    code_text.strip(),
                    device_id,
                    keys.curve25519,
                    keys.ed25519,
                    device_name[:200],
                    account.sign(transcript),
                )
            )
        except RelayRefused as exc:
            if exc.code == ErrorCode.ENROLLMENT_PENDING.value:
                raise EnrollmentPending(device_key_fingerprint(decode_b64(keys.ed25519))) from None
            raise
        assert isinstance(reply, Enrolled)
        org = with_issuing_cas(with_device_ca(org, reply.chain), reply.chain)
        crl = load_revocation_list(reply.revocations, org.issuing_cas)
        mine = verify_device_certificate(reply.device_certificate, org.device_cas, org.root, crl)
        if mine.device_id != device_id or mine.ed25519_b64 != keys.ed25519:
            raise ClientError(
                f"The relay at {format_address(address)} returned a certificate for another "
                "device; nothing was enrolled. Ask IT.",
                key="enroll_other_device",
                address=format_address(address),
            )
        identity = ClientIdentity(
            uid=mine.uid,
            device_id=device_id,
            device_name=device_name,
            relay_id=relay.relay_id,
            root_pem=org.root_pem(),
            issuing_pem=org.issuing_pem(),
            certificate=reply.device_certificate,
            devices_pem=org.devices_pem(),
            previous_pem=org.previous_pem(),
        )
        # The enrolled connection is logged in: publish keys now, so people can write
        # to this device before it ever connects again.
        await publish_keys(link, account)
        container.settings.set(CRL_KEY, crl.der.hex())
        container.settings.set(RELAY_KEY, f"{address[0]}:{address[1]}")
        save_identity(container.settings, identity)
        container.settings.delete(PENDING_DEVICE_KEY)
        return identity
    finally:
        await link.close()


def with_device_ca(org: OrgCertificates, chain: list[bytes]) -> OrgCertificates:
    """Add the offline device CA from ``Enrolled.chain`` when the org issues offline.

    The pinned root must have signed it (``OrgCertificates.verified``); in online issuing
    the chain carries none and ``org`` is returned as is.
    """
    if not org.offline_issuing:
        return org
    error: TrustError = UntrustedIssuer(
        "the organisation signs devices offline, but the relay sent no device CA"
    )
    for der in chain:
        cert: x509.Certificate = load_certificate(der, "a CA certificate from the relay")
        if cert.subject == org.issuing.subject or may_not_certify_devices(cert):
            continue
        if cert.issuer != org.root.subject or cert.subject == org.root.subject:
            continue
        try:
            return OrgCertificates.verified(org.root, org.issuing, devices=cert)
        except TrustError as exc:
            error = exc
    raise error
