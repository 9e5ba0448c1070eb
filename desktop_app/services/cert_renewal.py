"""Keep this device's certificate alive: renew it before expiry, warn when that fails.

Device certificates last two years (crypto/profile.py). Within ``RENEWAL_WINDOW`` of the
expiry, every login asks the relay for a new certificate (``RenewCertificate``) for the
same device id and keys, so nothing changes for the history or for colleagues. The new
certificate is stored only after it verified against the pinned organisation and
carries exactly this device's keys. When renewal is not possible (offline issuing, the
relay refused), ``expiry_warning`` says so from ``EXPIRY_WARNING`` before the expiry:
the app shows it and the log records it. After an issuing CA rotation a certificate
from the previous CA is renewed at the next login, whatever its expiry.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from desktop_app.crypto.chain import load_certificate
from desktop_app.crypto.device_certificates import read_device_certificate
from desktop_app.crypto.org import OrgCertificates
from desktop_app.crypto.profile import EXPIRY_WARNING, RENEWAL_WINDOW
from desktop_app.crypto.trust_errors import TrustError
from desktop_app.protocol import CertificateRenewed, RenewCertificate
from desktop_app.services.errors import RelayRefused
from desktop_app.services.identity import ClientIdentity, save_identity
from desktop_app.services.issuing_cas import with_issuing_cas

if TYPE_CHECKING:  # session.py calls in here
    from desktop_app.services.session import ClientSession

log = logging.getLogger("wardlink.certificate")


def certificate_expiry(identity: ClientIdentity) -> datetime:
    return read_device_certificate(identity.certificate).not_after


def renewal_due(identity: ClientIdentity, now: datetime) -> bool:
    return certificate_expiry(identity) - now <= RENEWAL_WINDOW


def issued_by_previous_ca(identity: ClientIdentity, org: OrgCertificates) -> bool:
    """True after an issuing CA rotation while this certificate is from an older CA."""
    issuer = load_certificate(identity.certificate, "this device's certificate").issuer
    return any(issuer == ca.subject for ca in org.previous)


def expiry_to_warn_of(identity: ClientIdentity, now: datetime) -> datetime | None:
    """When this certificate expires, if that is within ``EXPIRY_WARNING`` (or past);
    None while there is time. The GUI words it itself (the date in its language)."""
    expires = certificate_expiry(identity)
    return None if expires - now > EXPIRY_WARNING else expires


def expiry_warning(identity: ClientIdentity, now: datetime) -> str | None:
    """One sentence for the log and the CLI, or None while there is time."""
    expires = expiry_to_warn_of(identity, now)
    if expires is None:
        return None
    if expires <= now:
        return "This computer's certificate has expired; ask IT to renew it."
    return (
        f"This computer's certificate expires on {expires:%Y-%m-%d} and could not be "
        "renewed; ask IT to renew it."
    )


async def renew_if_due(session: ClientSession) -> bool:
    """Ask for a new certificate when the current one is in its renewal window.

    Returns True if a renewed certificate was stored. A refusal or an unusable answer
    is logged and leaves the current certificate in place (the next login tries again).
    """
    now = session.clock()
    rotated = issued_by_previous_ca(session.identity, session.org)
    if not renewal_due(session.identity, now) and not rotated:
        return False
    link = session.require_link()
    try:
        reply = await link.request(RenewCertificate(link.ids.next()))
    except RelayRefused as exc:
        log.warning("certificate renewal refused: %s", exc.relay_message)
        return False
    assert isinstance(reply, CertificateRenewed)
    grown = with_issuing_cas(session.org, reply.chain)  # a rotated issuing CA, root-signed
    if grown is not session.org:
        session.adopt_org(grown)
    try:
        renewed = session.peers.verify_own(reply.device_certificate, now)
    except TrustError as exc:
        log.warning("the relay's renewed certificate was not accepted: %s", exc)
        return False
    keys = session.account.identity_keys
    if (
        renewed.uid != session.uid
        or renewed.device_id != session.device_id
        or renewed.ed25519_b64 != keys.ed25519
        or renewed.curve25519_b64 != keys.curve25519
    ):
        log.warning("the relay's renewed certificate names other keys or another device")
        return False
    session.identity = replace(session.identity, certificate=reply.device_certificate)
    save_identity(session.container.settings, session.identity)
    log.info("device certificate renewed until %s", f"{renewed.not_after:%Y-%m-%d}")
    return True
