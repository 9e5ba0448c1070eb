"""Typed failures of the organisation trust layer.

Each class names one thing that went wrong, so the relay can log a precise refusal and
the client can tell the user what to do (re-enroll, ask IT, check the code). All of them
are CryptoError, so a caller that only wants "trust failed" catches TrustError.
"""

from __future__ import annotations

from desktop_app.crypto.errors import CryptoError


class TrustError(CryptoError):
    """Base class: something about keys, certificates or codes cannot be trusted."""


class WrongAdminPassphrase(TrustError):
    """The admin passphrase does not open the organisation's private keys."""


class OrgStoreError(TrustError):
    """The organisation directory is missing, incomplete, corrupt or already exists."""


class InvalidIdentifier(TrustError):
    """An org name, relay id, uid or device id is empty, too long or has bad characters."""


class MalformedKey(TrustError):
    """A public key or signature has the wrong encoding or length."""


class MalformedCertificate(TrustError):
    """A certificate cannot be parsed or lacks a field our profile requires."""


class UntrustedIssuer(TrustError):
    """A certificate is not signed by the expected issuer, or the chain does not reach the root."""


class CertificateValidityError(TrustError):
    """A certificate is used outside its validity period."""


class CertificateExpired(CertificateValidityError):
    """The certificate's notAfter lies in the past."""


class CertificateNotYetValid(CertificateValidityError):
    """The certificate's notBefore lies in the future (or the local clock is wrong)."""


class CertificateRevoked(TrustError):
    """The certificate or its device is on the organisation's revocation list."""


class WrongCertificateUsage(TrustError):
    """The certificate is valid but not for this purpose (e.g. a device posing as a relay)."""


class RevocationListError(TrustError):
    """A revocation list is malformed or not signed by the issuing key."""


class StaleRevocationList(RevocationListError):
    """A revocation list is older than (or conflicts with) the one already held."""


class FingerprintError(TrustError):
    """A fingerprint cannot be parsed, or it does not match the organisation presented."""


class EnrollmentCodeError(TrustError):
    """An enrollment code is mistyped, truncated or of an unknown version."""


class CodeOfOtherVersion(EnrollmentCodeError):
    """The code starts with WL but not WL1-: made for another version of WardLink."""


class CodeWithoutPrefix(EnrollmentCodeError):
    """The text does not start with WL1- at all."""


class CodeLength(EnrollmentCodeError):
    """A part of the code is missing or doubled: ``found`` characters after WL1-, not
    ``expected`` (the join dialog says how many, in the person's language)."""

    def __init__(self, message: str, found: int, expected: int) -> None:
        super().__init__(message)
        self.found = found
        self.expected = expected


class CodeCharacter(EnrollmentCodeError):
    """The code holds a character its alphabet (A-Z, 2-7) has not."""


class CodeCheckDigits(EnrollmentCodeError):
    """The code's check digits do not match: a typo."""


class InvalidDeviceSignature(TrustError):
    """A device's challenge signature does not verify under its Ed25519 key."""


class RelayNotTrusted(TrustError):
    """The TLS peer is not a relay of the pinned organisation; nothing was sent to it."""


class RelayOfAnotherOrganisation(RelayNotTrusted, FingerprintError):
    """The relay's certificate does not chain to the pinned root (a rogue relay, or
    another organisation's)."""


class RelayCertificateExpired(RelayNotTrusted, CertificateExpired):
    """The TLS handshake found the relay's certificate (or its CA's) expired."""


class RelayCertificateNotYetValid(RelayNotTrusted, CertificateNotYetValid):
    """The TLS handshake found the relay's certificate not valid yet (or this clock wrong)."""
