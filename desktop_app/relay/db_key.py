"""The key of an encrypted relay.db (SQLCipher): a random file only the service user reads.

`relay init --encrypt-db` writes 32 random bytes (hex) to a key file outside the data
directory, mode 0600, and names it in relay.json (``db_key_file``). A copy of the data
directory, or of a disk image without the key file, then shows no device, uid or
mailbox row. Every opener (relay, admin commands) reads the key here and refuses a file
that others may read, as ssh does with private keys.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from desktop_app.relay.errors import AdminInputError, RelayDataError

DB_KEY_BYTES = 32
DEFAULT_DB_KEY_FILE = Path("/etc/wardlink/relay-db.key")
_MAX_KEY_FILE_BYTES = 256


def create_key_file(path: Path, data_root: Path) -> bytearray:
    """A new random key in ``path`` (refuses an existing file, or one inside the data)."""
    resolved, root = path.resolve(), data_root.resolve()
    if resolved == root or root in resolved.parents:
        raise AdminInputError(
            f"the database key file {path} must not be inside the relay's data directory: "
            "a copy of the data would carry its own key"
        )
    key = bytearray(secrets.token_bytes(DB_KEY_BYTES))
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise RelayDataError(f"{path} exists already; refusing to overwrite a key") from None
    except OSError as exc:
        raise RelayDataError(f"cannot create the database key file {path}: {exc.strerror}") from exc
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.hex().encode() + b"\n")
        fh.flush()
        os.fsync(fh.fileno())
    return key


def read_key_file(path: Path) -> bytearray:
    """The key from ``path``; RelayDataError if missing, readable by others, or malformed."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise RelayDataError(
            f"cannot read the database key file {path}: {exc.strerror}; relay.db is "
            "encrypted and cannot be opened without it"
        ) from exc
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fh.fileno()).st_mode
        if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise RelayDataError(
                f"the database key file {path} is accessible by other users "
                f"(mode {stat.S_IMODE(mode):04o}); chmod 600 it"
            )
        text = fh.read(_MAX_KEY_FILE_BYTES).strip()
    try:
        key = bytearray.fromhex(text.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        key = bytearray()
    if len(key) != DB_KEY_BYTES:
        raise RelayDataError(f"{path} is not a relay database key ({DB_KEY_BYTES} bytes in hex)")
    return key
