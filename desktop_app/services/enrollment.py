"""First contact with the hospital: redeem IT's enrollment code for a device certificate.

The code carries the organisation's fingerprint, so the relay is checked against it
(its TLS chain must contain that root) before the code is sent. The device's keys
are made here (a vodozemac account in the container), its certificate and the
organisation's certificates are stored as the pin for every later connection.
"""

from __future__ import annotations

from desktop_app.crypto.device_certificates import verify_device_certificate
from desktop_app.crypto.e2e.account import DeviceAccount
from desktop_app.crypto.enrollment import parse_code
from desktop_app.crypto.revocation import load_revocation_list
from desktop_app.domain.ids import new_device_id
from desktop_app.protocol import Enroll, Enrolled
from desktop_app.services.identity import (
    CRL_KEY,
    RELAY_KEY,
    ClientIdentity,
    save_identity,
)
from desktop_app.services.relay_link import RelayLink
from desktop_app.services.session import publish_keys
from desktop_app.services.tls_client import enrollment_context, verify_enrollment_peer
from desktop_app.storage.container import Container


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
        device_id = new_device_id()
        transcript = link.conn.enroll_transcript(
            device_id, curve25519=keys.curve25519, ed25519=keys.ed25519
        )
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
        assert isinstance(reply, Enrolled)
        crl = load_revocation_list(reply.revocations, org.issuing)
        mine = verify_device_certificate(reply.device_certificate, org.issuing, org.root, crl)
        if mine.device_id != device_id or mine.ed25519_b64 != keys.ed25519:
            raise ValueError("the relay returned a certificate for another device")
        identity = ClientIdentity(
            uid=mine.uid,
            device_id=device_id,
            device_name=device_name,
            relay_id=relay.relay_id,
            root_pem=org.root_pem(),
            issuing_pem=org.issuing_pem(),
            certificate=reply.device_certificate,
        )
        # The enrolled connection is logged in: publish keys now, so people can write
        # to this device before it ever connects again.
        await publish_keys(link, account)
        container.settings.set(CRL_KEY, crl.der.hex())
        container.settings.set(RELAY_KEY, f"{address[0]}:{address[1]}")
        save_identity(container.settings, identity)
        return identity
    finally:
        await link.close()
