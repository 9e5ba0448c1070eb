"""Issuing CA rotation on disk: the root certifies a new issuing CA, the old one is kept.

``wardlink relay rotate-issuing`` (relay/issuing_rotation.py, docs/trust.md "Issuing CA
rotation"): ``new_issuing_ca`` makes the CA (same organisation and device rule, a CN
with a random suffix), ``save_rotated_issuing`` makes it current and moves the old one
to ``org-issuing-previous.*``, ``drop_previous_issuing`` removes that at ``--finish``.
Offline issuing: the root key comes from the keys directory
(``load_offline_root_key``), whose issuing certificate is updated too.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from desktop_app.crypto.chain import utc_now
from desktop_app.crypto.keyfile import wrap_private_key
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.crypto.org import OrgCertificates, intermediate_ca, organisation
from desktop_app.crypto.org_files import (
    ISSUING_CERT_FILE,
    ISSUING_KEY_CONTEXT,
    ISSUING_KEY_FILE,
    OFFLINE_KEYS_UNLOCKED_BY,
    PREVIOUS_ISSUING_CERT_FILE,
    PREVIOUS_ISSUING_KEY_FILE,
    ROOT_KEY_CONTEXT,
    ROOT_KEY_FILE,
    check_key_matches,
    fsync_directory,
    load_ed25519,
    load_org_certificates,
    read_file,
    write_files,
)
from desktop_app.crypto.profile import CLOCK_SKEW
from desktop_app.crypto.trust_errors import OrgStoreError


def new_issuing_ca(
    root_key: ed25519.Ed25519PrivateKey, certs: OrgCertificates, now: datetime | None = None
) -> tuple[ed25519.Ed25519PrivateKey, x509.Certificate]:
    """A new issuing CA (``ISSUING_VALIDITY``) certified by the root, for a rotation.

    Same organisation and the same device-certifying rule as the current one; its
    common name carries a random suffix, so revocation lists and device certificates
    name which issuing CA signed them.
    """
    check_key_matches(root_key, certs.root, "root key")
    start = utc_now(now) - CLOCK_SKEW
    return intermediate_ca(
        root_key,
        certs.root.subject,
        organisation(certs.root),
        f"WardLink issuing CA {secrets.token_hex(4)}",
        start,
        no_devices=certs.offline_issuing,
    )


def save_rotated_issuing(
    directory: Path,
    passphrase: str,
    key: ed25519.Ed25519PrivateKey,
    cert: x509.Certificate,
    previous: x509.Certificate,
    kdf: KdfParams | None = None,
) -> None:
    """Make ``cert`` the current issuing CA; the old certificate and its wrapped key move
    to the ``previous`` files (kept until ``drop_previous_issuing``)."""
    old_key = read_file(directory, ISSUING_KEY_FILE)
    wrapped = wrap_private_key(key, passphrase, kdf or KdfParams(), ISSUING_KEY_CONTEXT)
    write_files(
        directory,
        {
            PREVIOUS_ISSUING_CERT_FILE: previous.public_bytes(serialization.Encoding.PEM),
            PREVIOUS_ISSUING_KEY_FILE: old_key,
            ISSUING_CERT_FILE: cert.public_bytes(serialization.Encoding.PEM),
            ISSUING_KEY_FILE: wrapped,
        },
        overwrite=True,
    )


def drop_previous_issuing(directory: Path) -> bool:
    """Delete the previous issuing CA's key, then its certificate; False if none."""
    found = False
    for name in (PREVIOUS_ISSUING_KEY_FILE, PREVIOUS_ISSUING_CERT_FILE):
        path = directory / name
        if path.exists():
            found = True
            try:
                path.unlink()
            except OSError as exc:
                raise OrgStoreError(f"cannot delete {path}: {exc.strerror or exc}") from exc
    if found:
        fsync_directory(directory)
    return found


def load_offline_root_key(keys_dir: Path, signing_passphrase: str) -> ed25519.Ed25519PrivateKey:
    """Unwrap the root key in the offline keys directory (issuing CA rotation only)."""
    certs = load_org_certificates(keys_dir)
    key = load_ed25519(
        keys_dir, ROOT_KEY_FILE, signing_passphrase, ROOT_KEY_CONTEXT, "root key",
        OFFLINE_KEYS_UNLOCKED_BY,
    )  # fmt: skip
    check_key_matches(key, certs.root, "root key")
    return key


def save_issuing_certificate(directory: Path, cert: x509.Certificate) -> None:
    """Replace the issuing CA certificate in an offline keys directory (after a rotation)."""
    pem = cert.public_bytes(serialization.Encoding.PEM)
    write_files(directory, {ISSUING_CERT_FILE: pem}, overwrite=True)
