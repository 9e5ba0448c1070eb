"""The organisation's files on disk: writing them atomically and unwrapping the CA keys.

Kept apart from the CA logic (``org.py``) because only the relay's data directory and
the admin workstation's keys directory hold these files; the client pins certificates
it receives and never reads them.

Directory layout (inside the relay's data dir), written by ``save_org``:

    org-root.crt.pem      root CA certificate (public; its SPKI hash is the fingerprint)
    org-issuing.crt.pem   issuing CA certificate (public; the current one)
    org-root.key.json     root private key, wrapped
    org-issuing.key.json  issuing private key, wrapped
    org-issuing-previous.crt.pem / .key.json   the issuing CA before the last rotation,
                          until ``rotate-issuing --finish`` (``org_rotation.py``)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ed25519

from desktop_app.crypto.chain import load_certificate
from desktop_app.crypto.keyfile import unwrap_private_key, wrap_private_key
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.crypto.org import IssuingAuthority, OrgAuthority, OrgCertificates
from desktop_app.crypto.trust_errors import OrgStoreError

ROOT_CERT_FILE = "org-root.crt.pem"
ISSUING_CERT_FILE = "org-issuing.crt.pem"
ROOT_KEY_FILE = "org-root.key.json"
ISSUING_KEY_FILE = "org-issuing.key.json"
DEVICES_CERT_FILE = "org-devices.crt.pem"
DEVICES_KEY_FILE = "org-devices.key.json"
PREVIOUS_ISSUING_CERT_FILE = "org-issuing-previous.crt.pem"
PREVIOUS_ISSUING_KEY_FILE = "org-issuing-previous.key.json"
ROOT_KEY_CONTEXT = b"wardlink-org-root-key"
ISSUING_KEY_CONTEXT = b"wardlink-org-issuing-key"
DEVICES_KEY_CONTEXT = b"wardlink-org-device-ca-key"


def save_org(
    org: OrgAuthority,
    directory: Path,
    passphrase: str,
    kdf: KdfParams | None = None,
    *,
    keys_dir: Path | None = None,
    signing_passphrase: str | None = None,
) -> None:
    """Write the org into ``directory``; refuses to overwrite an existing organisation.

    Offline issuing: ``directory`` (the relay's) gets the certificates and the issuing
    key only; the root and device CA keys go to ``keys_dir`` (the admin workstation),
    wrapped under ``signing_passphrase``.
    """
    if not passphrase:
        raise OrgStoreError("the admin passphrase must not be empty")
    params = kdf if kdf is not None else KdfParams()
    certs = org.certificates
    public = {ROOT_CERT_FILE: certs.root_pem(), ISSUING_CERT_FILE: certs.issuing_pem()}
    if certs.devices is not None:
        public[DEVICES_CERT_FILE] = certs.devices_pem()
    issuing_key = wrap_private_key(org.issuing_key, passphrase, params, ISSUING_KEY_CONTEXT)
    if org.devices_key is None:
        root_key = wrap_private_key(org.root_key, passphrase, params, ROOT_KEY_CONTEXT)
        write_files(
            directory,
            {**public, ROOT_KEY_FILE: root_key, ISSUING_KEY_FILE: issuing_key},
            overwrite=False,
        )
        return
    if keys_dir is None or not signing_passphrase:
        raise OrgStoreError("offline issuing needs a keys directory and a signing passphrase")
    if keys_dir.resolve() == directory.resolve():
        raise OrgStoreError("the offline keys directory must not be the relay's data directory")
    offline = {
        ROOT_KEY_FILE: wrap_private_key(org.root_key, signing_passphrase, params, ROOT_KEY_CONTEXT),
        DEVICES_KEY_FILE: wrap_private_key(
            org.devices_key, signing_passphrase, params, DEVICES_KEY_CONTEXT
        ),
    }
    write_files(keys_dir, {**public, **offline}, overwrite=False)
    write_files(directory, {**public, ISSUING_KEY_FILE: issuing_key}, overwrite=False)


def org_exists(directory: Path) -> bool:
    """True if ``directory`` already holds (part of) an organisation."""
    names = (ROOT_CERT_FILE, ISSUING_CERT_FILE, ROOT_KEY_FILE, ISSUING_KEY_FILE, DEVICES_CERT_FILE)
    return any((directory / n).exists() for n in names)


def load_org_certificates(directory: Path, now: datetime | None = None) -> OrgCertificates:
    """The public certificates only (with the device CA if there is one); no passphrase."""
    devices = (
        read_file(directory, DEVICES_CERT_FILE)
        if (directory / DEVICES_CERT_FILE).exists()
        else None
    )
    previous = (
        split_pem(read_file(directory, PREVIOUS_ISSUING_CERT_FILE))
        if (directory / PREVIOUS_ISSUING_CERT_FILE).exists()
        else []
    )
    org = OrgCertificates.verified(
        read_file(directory, ROOT_CERT_FILE),
        read_file(directory, ISSUING_CERT_FILE),
        now=now,
        devices=devices,
    )
    if not previous:
        return org
    loaded = [load_certificate(c, "the previous issuing CA certificate") for c in previous]
    return org.with_issuing_cas(loaded, now)  # the file's issuing CA stays the current one


OFFLINE_KEYS_UNLOCKED_BY = "signing passphrase (of the offline keys, not the admin one)"


def split_pem(data: bytes) -> list[bytes]:
    """The PEM certificates in ``data``, one ``bytes`` each (in order)."""
    marker = b"-----END CERTIFICATE-----"
    parts = [p.strip() for p in data.split(marker)]
    return [p + b"\n" + marker + b"\n" for p in parts if p]


def load_device_issuer(
    keys_dir: Path, signing_passphrase: str, now: datetime | None = None
) -> IssuingAuthority:
    """Unwrap the offline device CA key on the admin workstation (the root key stays wrapped)."""
    certs = load_org_certificates(keys_dir, now)
    if certs.devices is None:
        raise OrgStoreError(f"{keys_dir} holds no device CA ({DEVICES_CERT_FILE})")
    key = load_ed25519(
        keys_dir, DEVICES_KEY_FILE, signing_passphrase, DEVICES_KEY_CONTEXT, "device CA key",
        OFFLINE_KEYS_UNLOCKED_BY,
    )  # fmt: skip
    check_key_matches(key, certs.devices, "device CA key")
    return IssuingAuthority(key, certs, certs.devices)


def load_issuing_authority(
    directory: Path, passphrase: str, now: datetime | None = None
) -> IssuingAuthority:
    """Unwrap only the issuing key (the root key is not decrypted)."""
    certs = load_org_certificates(directory, now)
    key = load_ed25519(directory, ISSUING_KEY_FILE, passphrase, ISSUING_KEY_CONTEXT, "issuing key")
    check_key_matches(key, certs.issuing, "issuing key")
    return IssuingAuthority(key, certs)


def load_org(directory: Path, passphrase: str, now: datetime | None = None) -> OrgAuthority:
    """Unwrap both CA keys; for admin operations that need the root key."""
    issuer = load_issuing_authority(directory, passphrase, now)
    root_key = load_ed25519(directory, ROOT_KEY_FILE, passphrase, ROOT_KEY_CONTEXT, "root key")
    check_key_matches(root_key, issuer.certificates.root, "root key")
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
        fsync_directory(directory)
    except OSError as exc:
        raise OrgStoreError(f"cannot write to {directory}: {exc.strerror or exc}") from exc
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)


def fsync_directory(directory: Path) -> None:
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


def load_ed25519(
    directory: Path,
    name: str,
    passphrase: str,
    context: bytes,
    what: str,
    unlocked_by: str = "admin passphrase",
) -> ed25519.Ed25519PrivateKey:
    data = read_file(directory, name)
    key = unwrap_private_key(data, passphrase, context, what, unlocked_by)
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise OrgStoreError(f"the {what} is not an Ed25519 key")
    return key


def check_key_matches(key: ed25519.Ed25519PrivateKey, cert: x509.Certificate, what: str) -> None:
    public = cert.public_key()
    if not isinstance(public, ed25519.Ed25519PublicKey) or public != key.public_key():
        raise OrgStoreError(f"the {what} does not belong to its certificate")
