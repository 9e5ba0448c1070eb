"""TLS for the client: trust the pinned organisation root and nothing else.

``client_context`` loads only the org root (``cadata``; no system CAs, no
``load_default_certs``), requires TLS 1.3 and a certificate, and lets OpenSSL verify the
chain during the handshake. For a client context OpenSSL verifies with the "SSL server"
purpose, so a leaf whose ExtendedKeyUsage lacks serverAuth (a device certificate) already
fails the handshake.

Hostname checking is off on purpose: relays are reached by an IP address from zeroconf,
policy or the last relay that worked, and a relay's DHCP address may change without its
certificate being re-issued. In its place, right after the handshake and before the first
application byte, call ``verify_relay_peer``: it re-checks the chain and demands the relay
identity (SAN URI ``wardlink:relay:<id>`` + serverAuth), optionally the expected relay id;
discovery (issue 4) compares ``RelayIdentity.spki_sha256`` with the signed advert.

Enrollment has no root yet, only the fingerprint in the code: connect with
``enrollment_context`` (no verification during the handshake) and call
``verify_enrollment_peer`` before sending the code. The relay's TLS chain carries the root,
so the check needs nothing from the relay but its handshake.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable
from datetime import datetime
from typing import Any

from cryptography import x509

from desktop_app.crypto.certificates import RelayIdentity, verify_relay_certificate
from desktop_app.crypto.fingerprint import format_fingerprint
from desktop_app.crypto.org import OrgCertificates
from desktop_app.crypto.relay_descriptor import RelayDescriptor
from desktop_app.crypto.trust_errors import (
    RelayCertificateExpired,
    RelayCertificateNotYetValid,
    RelayNotTrusted,
    RelayOfAnotherOrganisation,
)

# OpenSSL X509_V_ERR_* codes that get a sentence of their own.
_NOT_OURS = {18, 19, 20, 21, 7}  # self-signed, unknown issuer, bad signature
_EXPIRED, _NOT_YET_VALID, _WRONG_PURPOSE = 10, 9, 26


class PeerRejected(ssl.SSLError):
    """Carries the error of an in-handshake peer check out of asyncio's TLS layer."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def check_in_handshake(
    ctx: ssl.SSLContext, verify: Callable[[ssl.SSLObject], object]
) -> ssl.SSLContext:
    """Make ``ctx`` run ``verify`` as the last step of every TLS handshake it does.

    asyncio completes the handshake through ``SSLObject.do_handshake``; a subclass that
    checks the peer there and raises ``PeerRejected`` (an ``ssl.SSLError``, the only
    kind asyncio turns into a failed connect) aborts the connection before anything
    above TLS, not even the websocket upgrade request, is sent to an unverified peer.
    Sets ``ctx.sslobject_class``: use one context per connection.
    """

    class CheckedSSLObject(ssl.SSLObject):
        def do_handshake(self) -> None:
            super().do_handshake()
            try:
                verify(self)
            except Exception as exc:
                raise PeerRejected(exc) from exc

    ctx.sslobject_class = CheckedSSLObject
    return ctx


def client_context(root_pem: bytes | str) -> ssl.SSLContext:
    """A TLS 1.3 client context whose only trust anchor is the pinned org root."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.check_hostname = False  # replaced by verify_relay_peer, see module docstring
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.verify_flags |= ssl.VERIFY_X509_STRICT
    text = root_pem.decode("ascii") if isinstance(root_pem, bytes) else root_pem
    ctx.load_verify_locations(cadata=text)
    if len(ctx.get_ca_certs()) != 1:
        raise ValueError("client_context takes exactly one root certificate")
    return ctx


def enrollment_context() -> ssl.SSLContext:
    """TLS 1.3 without certificate verification, for the first contact at enrollment only.

    Safe only together with ``verify_enrollment_peer``: the handshake proves nothing until
    the peer's certificate has been checked against the fingerprint from the code.
    """
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def peer_certificate(conn: ssl.SSLSocket | ssl.SSLObject) -> bytes:
    """The relay's leaf certificate (DER) from a finished handshake."""
    der = conn.getpeercert(binary_form=True)
    if not der:
        raise RelayNotTrusted("the relay presented no certificate")
    return der


def verify_relay_peer(
    conn: ssl.SSLSocket | ssl.SSLObject,
    org: OrgCertificates,
    expected_relay_id: str | None = None,
    now: datetime | None = None,
) -> RelayIdentity:
    """Post-handshake check that the peer is a relay of ``org``; call before sending.

    The relay certificate may come from any issuing CA ``org`` trusts: pass the org
    from ``learn_issuing_cas`` to accept one the root certified in a rotation.
    """
    return verify_relay_certificate(
        peer_certificate(conn), org.issuing_cas, org.root, now, expected_relay_id
    )


def learn_issuing_cas(
    conn: ssl.SSLSocket | ssl.SSLObject, org: OrgCertificates, now: datetime | None = None
) -> OrgCertificates:
    """``org`` plus every issuing CA in the relay's TLS chain that the pinned root signed.

    This is how an enrolled client learns a new issuing CA after ``relay
    rotate-issuing`` (docs/trust.md): the chain itself is not trusted, each CA needs the
    pinned root's signature (``OrgCertificates.with_issuing_cas``).
    """
    return org.with_issuing_cas(peer_chain(conn)[1:], now, first_is_current=True)


def verify_advertised_peer(
    conn: ssl.SSLSocket | ssl.SSLObject,
    org: OrgCertificates,
    descriptor: RelayDescriptor,
    now: datetime | None = None,
) -> RelayIdentity:
    """A relay found by zeroconf: a relay of ``org`` *and* the TLS key its signed advert names.

    The chain check alone would accept any relay of the organisation at the advertised
    address; the SPKI comparison binds the connection to the descriptor the org signed,
    so a host replaying a genuine advert with another key gets nowhere.
    """
    identity = verify_relay_peer(conn, org, descriptor.relay_id, now)
    if not descriptor.matches_spki(identity.spki_sha256):
        raise RelayNotTrusted(
            "the relay's TLS key is not the one its signed advert names; it may be a rogue "
            "relay replaying an advert"
        )
    return identity


def peer_chain(conn: ssl.SSLSocket | ssl.SSLObject) -> list[x509.Certificate]:
    """The certificates the peer sent in the handshake, leaf first, NOT verified.

    Python 3.13 has the public ``get_unverified_chain()``; 3.10 to 3.12 have the same
    method only on the private ``_sslobj``. Used for enrollment, where the client has
    only a fingerprint and must find the org root among what the relay sent.
    """
    public = getattr(conn, "get_unverified_chain", None)
    if public is not None:
        raw: list[Any] = public()
    else:
        raw = conn._sslobj.get_unverified_chain() or []  # type: ignore[union-attr]
    return [
        x509.load_der_x509_certificate(c)
        if isinstance(c, bytes)
        else x509.load_pem_x509_certificate(c.public_bytes().encode("ascii"))
        for c in raw
    ]


def verify_enrollment_peer(
    conn: ssl.SSLSocket | ssl.SSLObject,
    org_fingerprint: bytes | str,
    now: datetime | None = None,
) -> tuple[OrgCertificates, RelayIdentity]:
    """First contact: is the peer a relay of the org whose fingerprint is in the code?

    Use with ``enrollment_context``, before sending the code. Finds the root (by
    fingerprint) and issuing CA in the relay's TLS chain, then checks the relay
    certificate against them. Returns the org certificates to pin from now on (store
    them; later connections use ``client_context(org.root_pem())``) and the relay's
    identity.
    """
    org = OrgCertificates.from_chain(peer_chain(conn)[1:], org_fingerprint, now)
    return org, verify_relay_peer(conn, org, now=now)


def explain_handshake_failure(
    exc: ssl.SSLError, pinned_fingerprint: bytes | None = None
) -> RelayNotTrusted:
    """Turn OpenSSL's verification failure into a sentence a ward user can act on, its
    kind the class (another organisation's, expired, not yet valid) the GUI words by."""
    code = exc.verify_code if isinstance(exc, ssl.SSLCertVerificationError) else None
    org = f" ({format_fingerprint(pinned_fingerprint)})" if pinned_fingerprint else ""
    if code in _NOT_OURS:
        return RelayOfAnotherOrganisation(
            f"the relay's certificate does not belong to your organisation{org}; "
            "it may be a rogue or misconfigured relay"
        )
    if code == _EXPIRED:
        return RelayCertificateExpired("the relay's certificate has expired; ask IT to renew it")
    if code == _NOT_YET_VALID:
        return RelayCertificateNotYetValid(
            "the relay's certificate is not valid yet; check this computer's clock"
        )
    if code == _WRONG_PURPOSE:
        return RelayNotTrusted("the server presented a certificate that is not a relay certificate")
    return RelayNotTrusted(f"the secure connection to the relay failed: {exc}")
