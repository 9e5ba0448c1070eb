"""``RelayTrust`` over the organisation's crypto: the one place the relay makes trust calls.

The handler stays free of keys and certificates (it is tested against any ``RelayTrust``);
this adapter binds it to the real thing: the issuing authority (unwrapped at ``relay
serve``; the root key stays wrapped on disk), and the signed revocation list as the
store holds it. The list is re-read from the store whenever its number changes, so a
device that ``wardlink admin revoke`` revoked in another process is refused at its very
next login, without restarting the relay.

Every refusal is a ``TrustRefusal`` whose ``code`` is the protocol's error code and whose
message is one sentence for the client.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from cryptography.hazmat.primitives import serialization

from desktop_app.crypto.chain import load_certificate
from desktop_app.crypto.device_auth import verify_device_signature
from desktop_app.crypto.device_certificates import (
    check_device_request,
    issue_device_certificate,
    read_device_certificate,
    verify_device_certificate,
)
from desktop_app.crypto.enrollment import parse_code
from desktop_app.crypto.fingerprint import fingerprints_match, format_fingerprint
from desktop_app.crypto.org import IssuingAuthority
from desktop_app.crypto.revocation import RevocationList, load_revocation_list
from desktop_app.crypto.trust_errors import (
    CertificateRevoked,
    EnrollmentCodeError,
    InvalidIdentifier,
    MalformedKey,
    TrustError,
)
from desktop_app.protocol import ErrorCode
from desktop_app.relay.errors import RelayStoreError, TrustRefusal
from desktop_app.relay.store import RelayStore


class OrgTrust:
    """The organisation's trust decisions for a running relay (implements RelayTrust)."""

    def __init__(
        self,
        issuer: IssuingAuthority,
        store: RelayStore,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self._issuer = issuer
        self._store = store
        self._now = now
        self._lock = threading.Lock()
        self._crl: RevocationList | None = None
        org = issuer.certificates
        # During an issuing CA rotation the previous CA follows the current one: clients
        # add every CA the root signed (docs/trust.md, "Issuing CA rotation").
        self._chain = [
            org.issuing.public_bytes(serialization.Encoding.DER),
            org.root.public_bytes(serialization.Encoding.DER),
            *(c.public_bytes(serialization.Encoding.DER) for c in org.previous),
        ]
        if org.devices is not None:  # offline issuing: clients pin the device CA from here
            self._chain.append(org.devices.public_bytes(serialization.Encoding.DER))

    @property
    def offline_issuing(self) -> bool:
        return self._issuer.certificates.offline_issuing

    @property
    def fingerprint(self) -> bytes:
        return self._issuer.certificates.fingerprint

    def _when(self) -> datetime | None:
        return None if self._now is None else self._now()

    # ---- enrollment ------------------------------------------------------------------

    def code_secret_hash(self, code: str) -> bytes:
        try:
            parsed = parse_code(code)
        except EnrollmentCodeError as exc:
            raise TrustRefusal(ErrorCode.ENROLLMENT_REFUSED, str(exc)) from None
        if not fingerprints_match(parsed.org_fingerprint, self.fingerprint):
            raise TrustRefusal(
                ErrorCode.ENROLLMENT_REFUSED,
                "this enrollment code is for another organisation "
                f"({format_fingerprint(parsed.org_fingerprint)[:19]} …)",
            )
        return parsed.secret_hash

    def issue_device_certificate(
        self, *, uid: str, device_id: str, ed25519: str, curve25519: str
    ) -> tuple[bytes, str]:
        if self.offline_issuing:  # the handler never asks; refuse loudly if it did
            raise TrustRefusal(
                ErrorCode.ENROLLMENT_REFUSED, "this relay does not sign device certificates"
            )
        try:
            cert = issue_device_certificate(
                self._issuer, uid, device_id, ed25519, curve25519, now=self._when()
            )
        except (InvalidIdentifier, MalformedKey) as exc:
            raise TrustRefusal(ErrorCode.ENROLLMENT_REFUSED, str(exc)) from None
        return cert.public_bytes(serialization.Encoding.DER), format(cert.serial_number, "X")

    def check_device_request(
        self, *, uid: str, device_id: str, ed25519: str, curve25519: str
    ) -> None:
        try:
            check_device_request(uid, device_id, ed25519, curve25519)
        except (InvalidIdentifier, MalformedKey) as exc:
            raise TrustRefusal(ErrorCode.ENROLLMENT_REFUSED, str(exc)) from None

    # ---- login -----------------------------------------------------------------------

    def check_device_certificate(self, certificate: bytes, device_id: str) -> None:
        try:
            identity = verify_device_certificate(
                certificate,
                self._issuer.certificates.device_cas,
                self._issuer.certificates.root,
                self.revocation_list(),
                self._when(),
            )
        except CertificateRevoked as exc:
            raise TrustRefusal(ErrorCode.DEVICE_REVOKED, str(exc)) from None
        except TrustError as exc:
            raise TrustRefusal(ErrorCode.UNAUTHENTICATED, str(exc)) from None
        if identity.device_id != device_id:
            raise TrustRefusal(
                ErrorCode.UNAUTHENTICATED, "the stored certificate names another device"
            )

    def device_ed25519(self, certificate: bytes) -> str:
        try:
            return read_device_certificate(certificate).ed25519_b64
        except TrustError as exc:
            raise TrustRefusal(ErrorCode.UNAUTHENTICATED, str(exc)) from None

    def verify_signature(self, ed25519: str, message: bytes, signature: bytes) -> bool:
        try:
            verify_device_signature(ed25519, message, signature)
        except TrustError:  # InvalidDeviceSignature, MalformedKey
            return False
        return True

    # ---- what clients get ------------------------------------------------------------

    def chain(self) -> list[bytes]:
        """Issuing CA, root, the previous issuing CA during a rotation, and the device CA
        in offline issuing (DER)."""
        return list(self._chain)

    def issued_by_previous_ca(self, certificate: bytes) -> bool:
        try:
            cert = load_certificate(certificate, "the device certificate")
        except TrustError:
            return False
        return any(cert.issuer == ca.subject for ca in self._issuer.certificates.previous)

    def directory_issuer(self) -> IssuingAuthority:
        return self._issuer

    def revocations(self) -> bytes:
        return self.revocation_list().der

    def revocation_list(self) -> RevocationList:
        """The newest stored list, verified once per number (cached until it changes)."""
        number = self._store.revocations_number()
        with self._lock:
            if self._crl is not None and self._crl.number == number:
                return self._crl
        latest = self._store.latest_revocations()
        if latest is None:
            raise RelayStoreError(
                "the relay store holds no revocation list; was it made by `wardlink relay init`?"
            )
        try:
            crl = load_revocation_list(latest[1], self._issuer.certificates.issuing_cas)
        except TrustError as exc:
            raise RelayStoreError(f"the stored revocation list is unusable: {exc}") from None
        with self._lock:
            self._crl = crl
        return crl
