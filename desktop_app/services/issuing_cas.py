"""Learn the issuing CAs the pinned root certified, from a chain the relay sent.

After ``wardlink relay rotate-issuing`` (docs/trust.md, "Issuing CA rotation") the relay
sends the new and the previous issuing CA in ``Enrolled.chain`` and
``CertificateRenewed.chain`` (and in its TLS chain). Nothing in a chain is trusted as
such: ``OrgCertificates.with_issuing_cas`` keeps only CAs with the root's signature.
"""

from __future__ import annotations

from desktop_app.crypto.chain import load_certificate
from desktop_app.crypto.org import OrgCertificates
from desktop_app.crypto.trust_errors import TrustError


def with_issuing_cas(org: OrgCertificates, chain: list[bytes]) -> OrgCertificates:
    """``org`` plus every issuing CA in ``chain`` the pinned root signed (same object if
    nothing changed); unreadable or foreign certificates are skipped. The relay sends its
    current issuing CA first: that one becomes ``issuing``."""
    certs = []
    for der in chain:
        try:
            certs.append(load_certificate(der, "a CA certificate from the relay"))
        except TrustError:
            continue
    return org.with_issuing_cas(certs, first_is_current=True)  # the relay's current first
