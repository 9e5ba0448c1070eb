"""The key file beside a container: the wrapped database key and who the container is for.

It is JSON so IT can see what it is; it holds nothing secret: the database key is
wrapped under the person's passphrase (Argon2id + AES-256-GCM, desktop_app.crypto.keywrap).
The owner's display name and department are in the clear on purpose: the shared-PC
start screen lists them before anyone unlocks. Writes are atomic (temp file, fsync,
rename), so a crash or a full disk during a passphrase change leaves the old file.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.crypto.keywrap import KdfParams, WrappedKey
from desktop_app.storage.atomic import atomic_output
from desktop_app.storage.errors import CorruptContainer, NotAContainer

FORMAT = "wardlink-container"
VERSION = 1
KEYSLOT_NAME = "wardlink-key.json"
MAX_KEYSLOT_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class Owner:
    """Shown on the start screen of a shared PC before unlocking."""

    display_name: str
    department: str = ""
    uid: str = ""


@dataclass(frozen=True, slots=True)
class Keyslot:
    container_id: str
    owner: Owner
    wrapped: WrappedKey


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any, what: str) -> bytes:
    if not isinstance(value, str):
        raise CorruptContainer(f"The container's key file is damaged ({what} missing).")
    try:
        return base64.b64decode(value, validate=True)
    except ValueError:
        raise CorruptContainer(f"The container's key file is damaged ({what}).") from None


def to_json(slot: Keyslot) -> str:
    w = slot.wrapped
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "container_id": slot.container_id,
        "owner": {
            "display_name": slot.owner.display_name,
            "department": slot.owner.department,
            "uid": slot.owner.uid,
        },
        "kdf": {
            "name": "argon2id",
            "time_cost": w.params.time_cost,
            "memory_kib": w.params.memory_kib,
            "parallelism": w.params.parallelism,
            "salt": _b64(w.salt),
        },
        "wrap": {"name": "aes-256-gcm", "nonce": _b64(w.nonce), "ciphertext": _b64(w.ciphertext)},
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def from_json(text: str) -> Keyslot:
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: arrays nested a thousand deep
        raise NotAContainer("This is not a WardLink container (key file is not JSON).") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise NotAContainer("This is not a WardLink container (unknown key file format).")
    if doc.get("version") != VERSION:
        raise NotAContainer(
            f"This container's key file has version {doc.get('version')!r}; "
            "a newer WardLink may be needed."
        )
    try:
        kdf = doc["kdf"]
        wrap = doc["wrap"]
        owner = doc.get("owner") or {}
        if kdf.get("name") != "argon2id" or wrap.get("name") != "aes-256-gcm":
            raise NotAContainer("The container uses a key scheme this WardLink does not know.")
        params = KdfParams(
            time_cost=int(kdf["time_cost"]),
            memory_kib=int(kdf["memory_kib"]),
            parallelism=int(kdf["parallelism"]),
        )
        return Keyslot(
            container_id=str(doc["container_id"]),
            owner=Owner(
                display_name=str(owner.get("display_name", "")),
                department=str(owner.get("department", "")),
                uid=str(owner.get("uid", "")),
            ),
            wrapped=WrappedKey(
                params=params,
                salt=_unb64(kdf.get("salt"), "salt"),
                nonce=_unb64(wrap.get("nonce"), "nonce"),
                ciphertext=_unb64(wrap.get("ciphertext"), "wrapped key"),
            ),
        )
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        # OverflowError: JSON's Infinity as a cost (int(inf))
        raise CorruptContainer(f"The container's key file is damaged ({exc}).") from None


def read(directory: Path) -> Keyslot:
    path = directory / KEYSLOT_NAME
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_KEYSLOT_BYTES + 1)
    except FileNotFoundError:
        raise
    if len(data) > MAX_KEYSLOT_BYTES:
        raise NotAContainer("This is not a WardLink container (key file is too large).")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise NotAContainer("This is not a WardLink container (key file is not text).") from None
    return from_json(text)


def write_atomic(directory: Path, slot: Keyslot) -> None:
    """Replace the key file in one step; on failure the old file is untouched."""
    write_file_atomic(directory / KEYSLOT_NAME, to_json(slot).encode("utf-8"))


def write_file_atomic(path: Path, data: bytes) -> None:
    with atomic_output(path) as fh:
        fh.write(data)
