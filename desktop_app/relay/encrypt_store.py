"""`wardlink relay encrypt-db`: encrypt an existing plain relay.db with SQLCipher.

`relay init --encrypt-db` covers new relays; a relay set up before keeps its devices,
keys, mailboxes and audit chain and gets the same protection: with the relay stopped
(refused while one serves: relay/serve_lock.py),
the plain file is held with a write lock, exported into a new SQLCipher file
(``sqlcipher_export``), every table is compared by row count and checksum, and only then
relay.json names the key file and the plain file is deleted. Deleting does not scrub the
disk blocks it used: on an unencrypted disk, IT should treat that disk's free space as
holding the old plaintext (docs/relay.md).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from desktop_app.crypto.secret_memory import hex_into, wipe
from desktop_app.relay.data_dir import RelayDataDir, RelaySettings
from desktop_app.relay.db_key import create_key_file
from desktop_app.relay.errors import AdminInputError, RelayDataError, RelayStoreError
from desktop_app.relay.migrate_store import DERIVED, TABLES, TableCopy, _checksum
from desktop_app.relay.serve_lock import store_replacement
from desktop_app.relay.store_base import BUSY_TIMEOUT_S

ENCRYPTED_SUFFIX = ".encrypting"
PLAIN_SUFFIX = ".plain"


def encrypt_store(root: Path, key_file: Path) -> list[TableCopy]:
    """Encrypt ``root``'s relay.db in place with a new key written to ``key_file``."""
    data = RelayDataDir(root)
    data.check_initialised()
    settings = data.read_settings()
    if settings.database:
        raise AdminInputError(
            f"{root} keeps its store in PostgreSQL; encrypt that server's disk instead"
        )
    if settings.db_key_file:
        raise AdminInputError(f"{root}'s relay.db is encrypted already ({settings.db_key_file})")
    with store_replacement(root, "encrypt-db"):
        return _encrypt_in_place(data, settings, key_file)


def _encrypt_in_place(
    data: RelayDataDir, settings: RelaySettings, key_file: Path
) -> list[TableCopy]:
    root = data.root
    plain_path = data.db_path
    target = plain_path.with_name(plain_path.name + ENCRYPTED_SUFFIX)
    target.unlink(missing_ok=True)
    key = create_key_file(key_file, root)
    try:
        copied = _export(plain_path, target, key)
    except BaseException:
        target.unlink(missing_ok=True)
        key_file.unlink(missing_ok=True)
        raise
    finally:
        wipe(key)
    # Swap with the plain file kept until relay.json names the key: an interruption leaves
    # either the plain store (and no key in relay.json) or both files, never neither.
    old = plain_path.with_name(plain_path.name + PLAIN_SUFFIX)
    plain_path.replace(old)
    target.replace(plain_path)
    data.write_settings(replace(settings, db_key_file=str(key_file)))
    old.unlink()
    for leftover in ("-wal", "-shm"):
        plain_path.with_name(plain_path.name + leftover).unlink(missing_ok=True)
    return copied


def _export(plain_path: Path, target: Path, key: bytearray) -> list[TableCopy]:
    conn = sqlcipher.connect(str(plain_path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    spec = hex_into(key, b"x'", b"'")
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("BEGIN IMMEDIATE")  # no relay or admin command writes meanwhile
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(target), spec.decode()))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute(f"PRAGMA encrypted.user_version = {version}")
        copied = []
        for table in (*TABLES, *DERIVED):
            want = _checksum(conn.execute(f"SELECT * FROM main.{table}"))  # noqa: S608
            got = _checksum(conn.execute(f"SELECT * FROM encrypted.{table}"))  # noqa: S608
            if want != got:
                raise RelayStoreError(
                    f"the encrypted copy of {table} differs; relay.db is unchanged"
                )
            copied.append(TableCopy(table, want[0], want[1]))
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE encrypted")
    except sqlcipher.Error as exc:
        raise RelayDataError(f"cannot encrypt {plain_path}: {exc}") from exc
    finally:
        wipe(spec)
        conn.close()
    return copied
