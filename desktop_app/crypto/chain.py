"""Link-by-link verification of root -> issuing CA -> leaf, with library calls only.

cryptography's ``x509.verification`` path builder would be the first choice, but it
implements the Web PKI profile, which forbids Ed25519 keys: our org keys are Ed25519,
so it refuses every WardLink chain. Our chains have a fixed shape (exactly one
intermediate), so we check each link with ``Certificate.verify_directly_issued_by``
(issuer name + signature) and read validity and constraints from the parsed extensions.
Every failure maps to a distinct typed error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.x509.oid import ExtendedKeyUsageOID

from desktop_app.crypto.trust_errors import (
    CertificateExpired,
    CertificateNotYetValid,
    MalformedCertificate,
    TrustError,
    UntrustedIssuer,
    WrongCertificateUsage,
)

PARSE_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    x509.InvalidVersion,
    x509.DuplicateExtension,
    x509.UnsupportedGeneralNameType,
    UnsupportedAlgorithm,
    TypeError,  # a name attribute whose string type does not fit its OID
)
"""What cryptography raises for damaged DER, at load or at the first use of a field."""


def load_certificate(data: bytes | x509.Certificate, what: str) -> x509.Certificate:
    """Parse a DER or PEM certificate (or pass one through); MalformedCertificate if not.

    cryptography decodes names, extensions and the key only when first used, so a
    damaged field would otherwise fail later, in the middle of a trust check, with a
    library error. Every field we read is decoded here, once.
    """
    if isinstance(data, x509.Certificate):
        return data
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            cert = x509.load_pem_x509_certificate(data)
        else:
            cert = x509.load_der_x509_certificate(data)
        _ = (cert.issuer, cert.subject, cert.extensions, cert.public_key())
    except PARSE_ERRORS as exc:
        raise MalformedCertificate(f"{what}: not a valid X.509 certificate ({exc})") from None
    return cert


def utc_now(now: datetime | None) -> datetime:
    """``now`` if given (must be timezone-aware), else the current UTC time."""
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now


def check_validity(cert: x509.Certificate, now: datetime, what: str) -> None:
    if now < cert.not_valid_before_utc:
        raise CertificateNotYetValid(
            f"{what} is valid only from {cert.not_valid_before_utc:%Y-%m-%d %H:%M} UTC "
            "(check this computer's clock)"
        )
    if now > cert.not_valid_after_utc:
        raise CertificateExpired(f"{what} expired on {cert.not_valid_after_utc:%Y-%m-%d %H:%M} UTC")


def verify_issued_by(cert: x509.Certificate, issuer: x509.Certificate, what: str) -> None:
    """Issuer name and signature of ``cert`` must match ``issuer``; else UntrustedIssuer."""
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        raise UntrustedIssuer(
            f"{what} is not signed by {issuer.subject.rfc4514_string()}"
        ) from None


def basic_constraints(cert: x509.Certificate, what: str) -> x509.BasicConstraints | None:
    try:
        return cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return None
    except ValueError as exc:
        raise MalformedCertificate(f"{what}: bad extensions ({exc})") from None


def check_ca(cert: x509.Certificate, what: str) -> None:
    """A CA in our chain must say so (BasicConstraints CA) and be allowed to sign certs."""
    bc = basic_constraints(cert, what)
    if bc is None or not bc.ca:
        raise WrongCertificateUsage(f"{what} is not a CA certificate")
    ku = _key_usage(cert, what)
    if ku is None or not ku.key_cert_sign:
        raise WrongCertificateUsage(f"{what} may not sign certificates (KeyUsage)")


def check_end_entity(cert: x509.Certificate, eku: x509.ObjectIdentifier, what: str) -> None:
    """A leaf must not be a CA, may sign (digitalSignature) and must carry ``eku``."""
    bc = basic_constraints(cert, what)
    if bc is not None and bc.ca:
        raise WrongCertificateUsage(f"{what} is a CA certificate, not an end entity")
    ku = _key_usage(cert, what)
    if ku is not None and not ku.digital_signature:
        raise WrongCertificateUsage(f"{what} may not make signatures (KeyUsage)")
    try:
        usages = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        usages = None
    if usages is None or eku not in usages:
        raise WrongCertificateUsage(f"{what} is not certified for {_eku_name(eku)}")


@dataclass(frozen=True, slots=True)
class TrustedCAs:
    """Root and issuing CA certificates whose signatures and constraints were checked.

    Built only by ``trusted_cas``; lets a caller verify many leaves with one signature
    check each (a client checking the devices of a 500-member group).
    """

    root: x509.Certificate
    issuing: tuple[x509.Certificate, ...]


def trusted_cas(root: x509.Certificate, intermediates: Sequence[x509.Certificate]) -> TrustedCAs:
    """Check the pinned root (self-signed CA) and keep the intermediates it signed.

    ``root`` is the pinned trust anchor; it is still checked to be a self-signed CA, so a
    wrong object passed by mistake fails loudly rather than trusting anything.
    Intermediates not signed by the root are dropped; if none is left, UntrustedIssuer.
    """
    verify_issued_by(root, root, "the organisation root certificate")
    check_ca(root, "the organisation root certificate")
    kept: list[x509.Certificate] = []
    error: TrustError = UntrustedIssuer("no issuing CA certificate was supplied")
    for issuing in intermediates:
        try:
            verify_issued_by(issuing, root, "the issuing CA certificate")
            check_ca(issuing, "the issuing CA certificate")
        except TrustError as exc:
            error = exc
            continue
        kept.append(issuing)
    if not kept:
        raise error
    return TrustedCAs(root, tuple(kept))


def verify_leaf(
    leaf: x509.Certificate, cas: TrustedCAs, now: datetime, what: str
) -> x509.Certificate:
    """Check issuing CA -> leaf and the validity of all three; return the issuing CA."""
    candidates = [c for c in cas.issuing if c.subject == leaf.issuer]
    if not candidates:
        raise UntrustedIssuer(
            f"{what} was issued by {leaf.issuer.rfc4514_string()}, which is not an issuing "
            "CA of this organisation"
        )
    error: TrustError = UntrustedIssuer(f"{what} is not signed by an issuing CA")
    for issuing in candidates:
        try:
            verify_issued_by(leaf, issuing, what)
        except UntrustedIssuer as exc:
            error = exc
            continue
        check_validity(cas.root, now, "the organisation root certificate")
        check_validity(issuing, now, "the issuing CA certificate")
        check_validity(leaf, now, what)
        return issuing
    raise error


def verify_org_chain(
    leaf: x509.Certificate,
    intermediates: Sequence[x509.Certificate],
    root: x509.Certificate,
    now: datetime,
    what: str,
) -> x509.Certificate:
    """Check root -> intermediate -> leaf; return the intermediate that issued ``leaf``."""
    return verify_leaf(leaf, trusted_cas(root, intermediates), now, what)


def _key_usage(cert: x509.Certificate, what: str) -> x509.KeyUsage | None:
    try:
        return cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return None
    except ValueError as exc:
        raise MalformedCertificate(f"{what}: bad extensions ({exc})") from None


def _eku_name(oid: x509.ObjectIdentifier) -> str:
    names = {
        ExtendedKeyUsageOID.SERVER_AUTH: "relay (TLS server) use",
        ExtendedKeyUsageOID.CLIENT_AUTH: "device (client) use",
    }
    return names.get(oid, oid.dotted_string)
