"""The organisation authority: Ed25519 root CA and the issuing CA it certifies.

The root key signs exactly one thing in normal operation, the issuing CA certificate;
the issuing key signs relay and device certificates and the revocation list. So a
running relay needs only the issuing key (``load_issuing_authority``) and the root key
stays wrapped on disk. Both are wrapped under the admin passphrase (keyfile.py).

Directory layout (inside the relay's data dir), all written once by ``save_org``:

    org-root.crt.pem      root CA certificate (public; its SPKI hash is the fingerprint)
    org-issuing.crt.pem   issuing CA certificate (public)
    org-root.key.json     root private key, wrapped
    org-issuing.key.json  issuing private key, wrapped
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.x509.oid import NameOID

from desktop_app.crypto.chain import check_validity, load_certificate, trusted_cas, utc_now
from desktop_app.crypto.fingerprint import fingerprints_match, format_fingerprint, spki_sha256
from desktop_app.crypto.keyfile import unwrap_private_key, wrap_private_key
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.crypto.profile import CLOCK_SKEW, ISSUING_VALIDITY, ROOT_VALIDITY, check_identifier
from desktop_app.crypto.trust_errors import (
    FingerprintError,
    MalformedCertificate,
    OrgStoreError,
    TrustError,
    UntrustedIssuer,
)

ROOT_CERT_FILE = "org-root.crt.pem"
ISSUING_CERT_FILE = "org-issuing.crt.pem"
ROOT_KEY_FILE = "org-root.key.json"
ISSUING_KEY_FILE = "org-issuing.key.json"
ROOT_KEY_CONTEXT = b"wardlink-org-root-key"
ISSUING_KEY_CONTEXT = b"wardlink-org-issuing-key"

_CA_KEY_USAGE = x509.KeyUsage(
    digital_signature=False,
    content_commitment=False,
    key_encipherment=False,
    data_encipherment=False,
    key_agreement=False,
    key_cert_sign=True,
    crl_sign=True,
    encipher_only=False,
    decipher_only=False,
)


@dataclass(frozen=True, slots=True)
class OrgCertificates:
    """The public half of an organisation, as every client holds it after enrollment."""

    root: x509.Certificate
    issuing: x509.Certificate

    @property
    def fingerprint(self) -> bytes:
        return spki_sha256(self.root)

    @property
    def fingerprint_text(self) -> str:
        return format_fingerprint(self.fingerprint)

    @property
    def name(self) -> str:
        return _common_name(self.root)

    def root_pem(self) -> bytes:
        return self.root.public_bytes(serialization.Encoding.PEM)

    def issuing_pem(self) -> bytes:
        return self.issuing.public_bytes(serialization.Encoding.PEM)

    @classmethod
    def verified(
        cls,
        root: bytes | x509.Certificate,
        issuing: bytes | x509.Certificate,
        expected_fingerprint: bytes | str | None = None,
        now: datetime | None = None,
    ) -> OrgCertificates:
        """Parse and check a root + issuing pair received from elsewhere (e.g. the relay).

        With ``expected_fingerprint`` (from the enrollment code or the client's pin), a
        root with another key is refused: this is how a client trusts an org it has only
        the fingerprint of.
        """
        root_cert = load_certificate(root, "the organisation root certificate")
        issuing_cert = load_certificate(issuing, "the issuing CA certificate")
        if expected_fingerprint is not None and not fingerprints_match(
            spki_sha256(root_cert), expected_fingerprint
        ):
            raise FingerprintError(
                "the relay presented organisation "
                f"{format_fingerprint(spki_sha256(root_cert))}, not the pinned one"
            )
        when = utc_now(now)
        trusted_cas(root_cert, (issuing_cert,))
        check_validity(root_cert, when, "the organisation root certificate")
        check_validity(issuing_cert, when, "the issuing CA certificate")
        return cls(root_cert, issuing_cert)

    @classmethod
    def from_chain(
        cls,
        certificates: Sequence[x509.Certificate],
        expected_fingerprint: bytes | str,
        now: datetime | None = None,
    ) -> OrgCertificates:
        """Find the org with ``expected_fingerprint`` among certificates a relay sent.

        For the first contact at enrollment: the relay's TLS chain carries the root and
        issuing CA; the root is recognised by its SPKI fingerprint (from the code), the
        issuing CA by the root's signature. FingerprintError if the root is not there.
        """
        roots = [
            c for c in certificates if fingerprints_match(spki_sha256(c), expected_fingerprint)
        ]
        if not roots:
            raise FingerprintError(
                "the relay did not present the organisation of your enrollment code: it may "
                "be a rogue relay, or the code is for another organisation"
            )
        error: TrustError = UntrustedIssuer("the relay sent no issuing CA certificate")
        for candidate in certificates:
            if candidate is roots[0] or candidate.issuer != roots[0].subject:
                continue
            try:
                return cls.verified(roots[0], candidate, expected_fingerprint, now)
            except TrustError as exc:
                error = exc
        raise error


@dataclass(frozen=True, slots=True)
class IssuingAuthority:
    """What the relay needs to sign device certificates and revocation lists."""

    key: ed25519.Ed25519PrivateKey
    certificates: OrgCertificates


@dataclass(frozen=True, slots=True)
class OrgAuthority:
    """Both CA keys with their certificates; exists only in ``relay init`` and admin tools."""

    root_key: ed25519.Ed25519PrivateKey
    issuing_key: ed25519.Ed25519PrivateKey
    certificates: OrgCertificates

    @property
    def issuer(self) -> IssuingAuthority:
        return IssuingAuthority(self.issuing_key, self.certificates)


def create_org(name: str, now: datetime | None = None) -> OrgAuthority:
    """Make fresh root and issuing keys and certificates for organisation ``name``."""
    check_identifier(name, "organisation name")
    start = utc_now(now) - CLOCK_SKEW
    root_key = ed25519.Ed25519PrivateKey.generate()
    root_name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + ROOT_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=1), critical=True)
        .add_extension(_CA_KEY_USAGE, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), False)
        .sign(root_key, None)
    )
    issuing_key = ed25519.Ed25519PrivateKey.generate()
    issuing = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
                    x509.NameAttribute(NameOID.COMMON_NAME, "WardLink issuing CA"),
                ]
            )
        )
        .issuer_name(root_name)
        .public_key(issuing_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + ISSUING_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_CA_KEY_USAGE, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(issuing_key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), False
        )
        .sign(root_key, None)
    )
    return OrgAuthority(root_key, issuing_key, OrgCertificates(root, issuing))


def save_org(
    org: OrgAuthority, directory: Path, passphrase: str, kdf: KdfParams | None = None
) -> None:
    """Write the org into ``directory``; refuses to overwrite an existing organisation."""
    if not passphrase:
        raise OrgStoreError("the admin passphrase must not be empty")
    params = kdf if kdf is not None else KdfParams()
    files = {
        ROOT_CERT_FILE: org.certificates.root_pem(),
        ISSUING_CERT_FILE: org.certificates.issuing_pem(),
        ROOT_KEY_FILE: wrap_private_key(org.root_key, passphrase, params, ROOT_KEY_CONTEXT),
        ISSUING_KEY_FILE: wrap_private_key(
            org.issuing_key, passphrase, params, ISSUING_KEY_CONTEXT
        ),
    }
    write_files(directory, files, overwrite=False)


def org_exists(directory: Path) -> bool:
    """True if ``directory`` already holds (part of) an organisation."""
    names = (ROOT_CERT_FILE, ISSUING_CERT_FILE, ROOT_KEY_FILE, ISSUING_KEY_FILE)
    return any((directory / n).exists() for n in names)


def load_org_certificates(directory: Path, now: datetime | None = None) -> OrgCertificates:
    """The public certificates only; needs no passphrase."""
    return OrgCertificates.verified(
        read_file(directory, ROOT_CERT_FILE), read_file(directory, ISSUING_CERT_FILE), now=now
    )


def load_issuing_authority(
    directory: Path, passphrase: str, now: datetime | None = None
) -> IssuingAuthority:
    """Unwrap only the issuing key (the root key is not decrypted)."""
    certs = load_org_certificates(directory, now)
    key = _load_ed25519(directory, ISSUING_KEY_FILE, passphrase, ISSUING_KEY_CONTEXT, "issuing key")
    _check_key_matches(key, certs.issuing, "issuing key")
    return IssuingAuthority(key, certs)


def load_org(directory: Path, passphrase: str, now: datetime | None = None) -> OrgAuthority:
    """Unwrap both CA keys; for admin operations that need the root key."""
    issuer = load_issuing_authority(directory, passphrase, now)
    root_key = _load_ed25519(directory, ROOT_KEY_FILE, passphrase, ROOT_KEY_CONTEXT, "root key")
    _check_key_matches(root_key, issuer.certificates.root, "root key")
    return OrgAuthority(root_key, issuer.key, issuer.certificates)


def write_files(directory: Path, files: Mapping[str, bytes], *, overwrite: bool) -> None:
    """Write all files to temporary names, fsync, then rename each into place.

    A full disk or other error while writing leaves no new file behind; only the renames,
    which do not fail for lack of space, come after. (storage/atomic.py does the same for
    the container, but crypto may not import storage.) With ``overwrite=False`` an
    existing file aborts before anything is written. Files are created mode 0600.
    """
    temps: list[Path] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if not overwrite:
            existing = [n for n in files if (directory / n).exists()]
            if existing:
                raise OrgStoreError(
                    f"{directory} already holds {', '.join(sorted(existing))}; refusing to "
                    "overwrite organisation keys"
                )
        for name, data in files.items():
            tmp = directory / (".tmp-" + name)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            temps.append(tmp)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for tmp in temps:
            tmp.replace(directory / tmp.name.removeprefix(".tmp-"))
        _fsync_directory(directory)
    except OSError as exc:
        raise OrgStoreError(f"cannot write to {directory}: {exc.strerror or exc}") from exc
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)


def _fsync_directory(directory: Path) -> None:
    """Make the renames durable (POSIX only; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_file(directory: Path, name: str) -> bytes:
    try:
        return (directory / name).read_bytes()
    except FileNotFoundError:
        raise OrgStoreError(
            f"{directory} holds no organisation file {name} (run `wardlink relay init`?)"
        ) from None
    except OSError as exc:
        raise OrgStoreError(f"cannot read {directory / name}: {exc.strerror or exc}") from exc


def _load_ed25519(
    directory: Path, name: str, passphrase: str, context: bytes, what: str
) -> ed25519.Ed25519PrivateKey:
    key = unwrap_private_key(read_file(directory, name), passphrase, context, what)
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise OrgStoreError(f"the {what} is not an Ed25519 key")
    return key


def _check_key_matches(key: ed25519.Ed25519PrivateKey, cert: x509.Certificate, what: str) -> None:
    public = cert.public_key()
    if not isinstance(public, ed25519.Ed25519PublicKey) or public != key.public_key():
        raise OrgStoreError(f"the {what} does not belong to its certificate")


def _common_name(cert: x509.Certificate) -> str:
    attrs = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if len(attrs) != 1 or not isinstance(attrs[0].value, str):
        raise MalformedCertificate("a certificate subject needs exactly one common name")
    return attrs[0].value
