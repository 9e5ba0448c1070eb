"""Rotate the organisation's issuing CA while every client keeps trusting the root.

``wardlink relay rotate-issuing --data DIR`` (docs/trust.md, "Issuing CA rotation"):
the root key, unwrapped here only, certifies a new issuing CA; the previous one stays
trusted (``org-issuing-previous.*``) so that device certificates from either verify
while devices renew. The relay's TLS certificate is re-issued under the new CA
(``rotate_tls``); at its restart the relay re-signs the current revocation list and
directory version with the new key (``sign_with_current_ca``). Clients meet the new CA
in the relay's TLS chain and pin it once the root's signature verifies; a device whose
certificate is from the previous CA is renewed by the new one at its next login.
``--finish`` drops the previous CA once no live device holds a certificate from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from desktop_app.crypto.certificates import RELAY_CERT_FILE
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.crypto.org import IssuingAuthority
from desktop_app.crypto.org_files import (
    load_issuing_authority,
    load_org,
    load_org_certificates,
    write_files,
)
from desktop_app.crypto.org_rotation import (
    drop_previous_issuing,
    load_offline_root_key,
    new_issuing_ca,
    save_issuing_certificate,
    save_rotated_issuing,
)
from desktop_app.crypto.revocation import load_revocation_list, sign_revocation_list
from desktop_app.directory.snapshot import sign_header
from desktop_app.relay.admin import now_ms
from desktop_app.relay.cert_lifecycle import rotate_tls
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.errors import AdminInputError, RelayStoreError
from desktop_app.relay.store import DeviceRecord, RelayStore
from desktop_app.relay.store_directory import DirectoryVersion


class RotationRefused(AdminInputError):
    """The data directory is not in a state for this step; the message says why."""


@dataclass(frozen=True, slots=True)
class IssuingRotated:
    old: x509.Certificate
    new: x509.Certificate


def issuer_name(certificate: bytes) -> str:
    """The common name of the CA that signed a (device) certificate, for `admin devices`."""
    cert = x509.load_der_x509_certificate(certificate)
    names = cert.issuer.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.issuer.rfc4514_string()


def rotate_issuing(
    root: Path,
    passphrase: str,
    *,
    keys_dir: Path | None = None,
    signing_passphrase: str | None = None,
    kdf: KdfParams | None = None,
    now: datetime | None = None,
) -> IssuingRotated:
    """Certify a new issuing CA with the root; keep the old one until ``finish_rotation``.

    Offline issuing: the root key is in ``keys_dir`` (the admin workstation, under the
    signing passphrase); the new CA is barred from certifying devices like the old one,
    and the device CA, which signs devices, does not change.
    """
    data = RelayDataDir(root)
    data.check_initialised()
    certs = load_org_certificates(root, now)
    offline = certs.devices is not None
    if offline and (keys_dir is None or not signing_passphrase):
        raise RotationRefused(
            "this organisation issues offline: the root key is in the keys directory; "
            "run this with --keys KEYS_DIR on the admin workstation"
        )
    if certs.previous:
        raise RotationRefused(
            "the previous issuing CA rotation is not finished: run `wardlink relay "
            "rotate-issuing --finish` once every device renewed"
        )
    if keys_dir is not None and signing_passphrase and offline:
        load_issuing_authority(root, passphrase, now)  # the admin passphrase, checked first
        root_key = load_offline_root_key(keys_dir, signing_passphrase)
    else:
        root_key = load_org(root, passphrase, now).root_key  # unwrapped only for this
    key, cert = new_issuing_ca(root_key, certs, now)
    save_rotated_issuing(root, passphrase, key, cert, certs.issuing, kdf)
    if keys_dir is not None and offline:
        save_issuing_certificate(keys_dir, cert)  # the workstation's copy stays current
    rotate_tls(root, passphrase, kdf=kdf, now=now)  # under the new CA, old one in chain
    data.audit().record(
        "issuing_rotated",
        serial=format(cert.serial_number, "X"),
        expires=f"{cert.not_valid_after_utc:%Y-%m-%d}",
        reason=f"replaces issuing CA {certs.issuing.serial_number:X} (kept until --finish)",
    )
    return IssuingRotated(certs.issuing, cert)


def sign_with_current_ca(
    store: RelayStore, issuer: IssuingAuthority, now: datetime | None = None
) -> tuple[int | None, int | None]:
    """At relay start after a rotation: re-sign the revocation list and the directory
    version with the (new) issuing key if an older CA signed them.

    Done by the relay that serves with the new key, not by ``rotate_issuing``: a relay
    still running with the old CA until its restart must keep verifying its list.
    Returns the new list number and directory version (None where nothing was due).
    """
    current = issuer.certificates.issuing
    latest = store.latest_revocations()
    crl_number = None
    if latest is not None and x509.load_der_x509_crl(latest[1]).issuer != current.subject:
        crl_number = _resign_revocations(store, issuer, now)
    version = None
    directory = store.directory_version()
    if directory is not None and not _signed_by(directory, current):
        version = _resign_directory(store, issuer, now)
    return crl_number, version


def _signed_by(version: DirectoryVersion, ca: x509.Certificate) -> bool:
    key = ca.public_key()
    if not isinstance(key, ed25519.Ed25519PublicKey):
        return False
    try:
        key.verify(version.signature, version.header)
    except InvalidSignature:
        return False
    return True


def devices_on_previous_ca(root: Path) -> list[DeviceRecord]:
    """Live devices whose certificate a previous issuing CA signed (none in offline
    issuing: the device CA signs devices and is not rotated)."""
    data = RelayDataDir(root)
    data.check_initialised()
    previous = {c.subject for c in load_org_certificates(root).previous}
    store = data.open_store()
    try:
        return [
            d
            for d in store.devices()
            if not d.revoked and x509.load_der_x509_certificate(d.certificate).issuer in previous
        ]
    finally:
        store.close()


def finish_rotation(root: Path, *, force: bool = False) -> x509.Certificate:
    """Drop the previous issuing CA (key first); refused while a live device still uses it.

    ``force``: drop it anyway; such devices are then refused at login and IT re-enrolls
    them. Returns the dropped CA certificate.
    """
    data = RelayDataDir(root)
    data.check_initialised()
    certs = load_org_certificates(root)
    if not certs.previous:
        raise RotationRefused("there is no previous issuing CA to drop")
    waiting = devices_on_previous_ca(root)
    if waiting and not force:
        names = ", ".join(f"{d.device_id} ({d.uid})" for d in waiting[:10])
        raise RotationRefused(
            f"{len(waiting)} live device(s) still have a certificate from the previous "
            f"issuing CA and renew at their next login: {names}; wait, or --force"
        )
    drop_previous_issuing(root)
    _drop_from_tls_chain(root, certs.previous)
    data.audit().record(
        "issuing_rotation_finished",
        serial=format(certs.previous[0].serial_number, "X"),
        devices=len(waiting),
        reason="--force" if waiting else "every live device renewed",
    )
    return certs.previous[0]


def _drop_from_tls_chain(root: Path, dropped: Sequence[x509.Certificate]) -> None:
    """relay.crt.pem without the dropped CAs (no key needed: the key file stays)."""
    path = root / RELAY_CERT_FILE
    certs = x509.load_pem_x509_certificates(path.read_bytes())
    kept = [c for c in certs if c not in dropped]
    pem = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in kept)
    write_files(root, {RELAY_CERT_FILE: pem}, overwrite=True)


def _resign_revocations(store: RelayStore, issuer: IssuingAuthority, now: datetime | None) -> int:
    """The current list with the next number, signed by the new CA (clients take it at
    their next login; number order carries on across the rotation)."""
    latest = store.latest_revocations()
    if latest is None:
        raise RelayStoreError("the relay store holds no revocation list")
    current = load_revocation_list(latest[1], issuer.certificates.issuing_cas)
    new = sign_revocation_list(issuer, current.entries, current.number + 1, now)
    store.save_revocations(new.number, new.der, _ms(now))
    return new.number


def _resign_directory(
    store: RelayStore, issuer: IssuingAuthority, now: datetime | None
) -> int | None:
    """The same entries as the next directory version, signed by the new CA, so a device
    enrolled after ``--finish`` can still verify the directory."""
    current = store.directory_version()
    if current is None:
        return None
    entries = store.directory_entries()
    when = _ms(now)
    version = current.version + 1
    signed = sign_header(issuer.key, issuer.certificates.fingerprint, version, when, entries)
    record = DirectoryVersion(
        version, when, signed.header, signed.signature, "issuing CA rotation", 0, 0, 0
    )
    store.commit_directory(current.version, record, {}, [])
    return version


def _ms(now: datetime | None) -> int:
    return now_ms() if now is None else int(now.astimezone(UTC).timestamp() * 1000)
