"""Private keys at rest: PKCS#8 wrapped with Argon2id + AES-256-GCM as a small JSON file.

We reuse keywrap (the container's audited wrap) instead of PEM's own password
encryption, so the admin passphrase gets the same memory-hard KDF as a user's
passphrase, and the KDF parameters are authenticated. The ``context`` names the key's
role (root, issuing, relay TLS): a key file copied over another role's file fails to
open instead of silently becoming, say, the root key.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from desktop_app.crypto.errors import KdfParameterError, UnwrapError
from desktop_app.crypto.keywrap import KdfParams, WrappedKey, unwrap_key, wrap_key
from desktop_app.crypto.trust_errors import OrgStoreError, WrongAdminPassphrase

FORMAT = "wardlink-wrapped-private-key-v1"
PrivateKey = ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey


def wrap_private_key(key: PrivateKey, passphrase: str, kdf: KdfParams, context: bytes) -> bytes:
    """Serialize ``key`` as JSON with its PKCS#8 DER encrypted under ``passphrase``."""
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    wrapped = wrap_key(der, passphrase, kdf, context)
    doc = {
        "format": FORMAT,
        "kdf": "argon2id",
        "time_cost": wrapped.params.time_cost,
        "memory_kib": wrapped.params.memory_kib,
        "parallelism": wrapped.params.parallelism,
        "salt": _b64(wrapped.salt),
        "nonce": _b64(wrapped.nonce),
        "ciphertext": _b64(wrapped.ciphertext),
    }
    return (json.dumps(doc, indent=2) + "\n").encode("ascii")


def unwrap_private_key(
    data: bytes,
    passphrase: str,
    context: bytes,
    what: str,
    unlocked_by: str = "admin passphrase",
) -> PrivateKey:
    """Open a key file; ``what`` names it in error messages (e.g. "root key"), and
    ``unlocked_by`` the passphrase that failed (the offline keys have their own)."""
    wrapped = _parse(data, what)
    try:
        der = unwrap_key(wrapped, passphrase, context)
    except KdfParameterError as exc:
        raise OrgStoreError(f"{what}: {exc}") from exc
    except UnwrapError:
        raise WrongAdminPassphrase(
            f"the {unlocked_by} does not open the {what} (wrong passphrase, or the file "
            "was altered)"
        ) from None
    key = serialization.load_der_private_key(der, password=None)
    if not isinstance(key, ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey):
        raise OrgStoreError(f"{what}: unsupported key type {type(key).__name__}")
    return key


def _parse(data: bytes, what: str) -> WrappedKey:
    try:
        doc: Any = json.loads(data)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc["kdf"] != "argon2id":
            raise OrgStoreError(f"{what}: not a WardLink key file")
        params = KdfParams(
            time_cost=_int(doc["time_cost"]),
            memory_kib=_int(doc["memory_kib"]),
            parallelism=_int(doc["parallelism"]),
        )
        return WrappedKey(
            params=params,
            salt=_unb64(doc["salt"]),
            nonce=_unb64(doc["nonce"]),
            ciphertext=_unb64(doc["ciphertext"]),
        )
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise OrgStoreError(f"{what}: the key file is corrupt ({exc})") from None


def _int(value: object) -> int:
    if type(value) is not int:
        raise TypeError("expected an integer")
    return value


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise TypeError("expected base64 text")
    return base64.b64decode(text, validate=True)
