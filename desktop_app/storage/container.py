"""One person's encrypted container: a SQLCipher database plus encrypted blob files.

Layout of a container directory::

    wardlink-key.json   the database key, wrapped under the passphrase (keyslot.py)
    container.db        SQLCipher 4, raw 256-bit key, WAL (+ -wal / -shm while open)
    blobs/              attachment bodies, each encrypted under its own key

Changing the passphrase rewrites only the key file; the database is never re-encrypted.
"""

from __future__ import annotations

import dataclasses
import secrets
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from desktop_app.crypto.errors import KdfParameterError, UnwrapError
from desktop_app.crypto.keywrap import KdfParams, new_key_buffer, unwrap_key_into, wrap_key
from desktop_app.crypto.secret_memory import Secret, hex_into, secret_buffer, wipe
from desktop_app.sqlmigrate import STATEMENT_CACHE
from desktop_app.storage import keyslot, migrations
from desktop_app.storage.blobs import BlobStore
from desktop_app.storage.database import Database, translate
from desktop_app.storage.errors import (
    ContainerExists,
    ContainerIOError,
    ContainerNotFound,
    CorruptContainer,
    NotAContainer,
    SchemaTooNew,
    WrongPassphrase,
    os_detail,
)
from desktop_app.storage.keyslot import Keyslot, Owner
from desktop_app.storage.prune import touch_last_used
from desktop_app.storage.purge import Purger, PurgeReport
from desktop_app.storage.repositories import (
    AttachmentRepository,
    ConversationRepository,
    MessageRepository,
    OutboxRepository,
    PeerRepository,
    PickleRepository,
    SettingsRepository,
)
from desktop_app.storage.secret_policy import check_passphrase
from desktop_app.storage.shred import shred_container
from desktop_app.storage.sql_attachments import SqlAttachmentStore
from desktop_app.storage.sql_calendar import SqlCalendarStore
from desktop_app.storage.sql_call_history import SqlCallHistory
from desktop_app.storage.sql_confirmations import SqlConfirmationStore
from desktop_app.storage.sql_directory import SqlDirectoryStore
from desktop_app.storage.sql_documents import SqlDocumentStore
from desktop_app.storage.sql_drafts import SqlDraftStore
from desktop_app.storage.sql_ephemeral import SqlEphemeralStore
from desktop_app.storage.sql_exports import SqlExportLog
from desktop_app.storage.sql_inbox import SqlInboxStore
from desktop_app.storage.sql_message_events import SqlMessageEventStore
from desktop_app.storage.sql_messages import SqlConversationStore, SqlMessageStore
from desktop_app.storage.sql_receipts import SqlReceiptStore
from desktop_app.storage.sql_state import (
    SqlOutboxStore,
    SqlPeerStore,
    SqlPickleStore,
    SqlSettingsStore,
)
from desktop_app.storage.sql_tasks import SqlTaskStore
from desktop_app.storage.timeutil import to_ms, utc_now

DB_NAME = "container.db"
BLOBS_DIR = "blobs"
PAGE_SIZE = 4096  # SQLCipher 4 default; a file whose size is not a multiple is truncated
KEY_CONTEXT = b"container-db-key"
CACHE_KIB = 16 * 1024
PICKLE_KEY_SETTING = "crypto.pickle_key"


def connect(path: Path, key: bytes | bytearray) -> Database:
    """Open a SQLCipher connection with the raw key and our pragmas, or raise typed.

    The key goes in through sqlcipher3's ``set_key`` (sqlite3_key) as the raw-key
    literal ``x'<hex>'`` built in a bytearray and zeroed right after: ``PRAGMA key``
    would need a str, which stays in the driver's statement cache while the database
    is open and in freed heap memory afterwards. SQLCipher copies the key into its own
    buffers and wipes them when the connection closes.
    """
    conn = sqlcipher.connect(
        str(path),
        isolation_level=None,
        check_same_thread=False,
        cached_statements=STATEMENT_CACHE,  # not the driver's 128 (sqlmigrate.py)
    )
    db = Database(conn, sqlcipher)
    spec = hex_into(key, b"x'", b"'")
    try:
        # The key comes first; the raw-key form skips SQLCipher's KDF because the key
        # is already random (Argon2id protected the passphrase).
        conn.set_key(spec)
        db.scalar("SELECT count(*) FROM sqlite_master")  # fails here on a wrong key / damage
    except BaseException:
        db.close()
        raise
    finally:
        wipe(spec)
    return db


def configure(db: Database) -> None:
    for pragma in (
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = NORMAL",  # FULL per transaction where an ack depends on it
        "PRAGMA secure_delete = ON",
        "PRAGMA temp_store = MEMORY",
        f"PRAGMA cache_size = -{CACHE_KIB}",
        "PRAGMA foreign_keys = ON",
    ):
        db.execute(pragma)


class Container:
    """An unlocked container. Create with ``create``/``open``; ``close`` when locking."""

    def __init__(self, directory: Path, db: Database, slot: Keyslot) -> None:
        self.directory = directory
        self.slot = slot
        self._db = db
        self.blobs = BlobStore(directory / BLOBS_DIR)
        # Typed as the interfaces, so mypy proves the SQL stores implement them and
        # callers cannot reach past them.
        self.settings: SettingsRepository = SqlSettingsStore(db)
        self.conversations: ConversationRepository = SqlConversationStore(db)
        self.messages: MessageRepository = SqlMessageStore(db)
        self._attachment_files = SqlAttachmentStore(db, self.blobs)
        self.attachments: AttachmentRepository = self._attachment_files
        self.pickles: PickleRepository = SqlPickleStore(db)
        self.peers: PeerRepository = SqlPeerStore(db)
        self.outbox: OutboxRepository = SqlOutboxStore(db)
        self.inbox = SqlInboxStore(db)
        self.directory_cache = SqlDirectoryStore(db)
        self.receipts = SqlReceiptStore(db)
        self.confirmations = SqlConfirmationStore(db)
        self.exports = SqlExportLog(db)  # the local export log (docs/privacy.md)
        self.drafts = SqlDraftStore(db)
        self.call_history = SqlCallHistory(db)  # every call on this device (schema 19)
        self.tasks = SqlTaskStore(db)
        self.calendar = SqlCalendarStore(db)
        self.documents = SqlDocumentStore(db)  # team files with versions (schema 18)
        self.ephemeral = SqlEphemeralStore(db)  # disappearing messages (schema 13)
        self.events = SqlMessageEventStore(db)  # reactions, edit history, held events

    # ---- lifecycle -------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        directory: Path,
        passphrase: str,
        owner: Owner,
        *,
        kdf: KdfParams | None = None,
    ) -> Container:
        check_passphrase(passphrase)
        directory = Path(directory)
        if (directory / keyslot.KEYSLOT_NAME).exists() or (directory / DB_NAME).exists():
            raise ContainerExists(str(directory))
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = new_key_buffer()
        db_path = directory / DB_NAME
        db: Database | None = None
        try:
            slot = Keyslot(
                container_id=str(uuid.uuid4()),
                owner=owner,
                wrapped=wrap_key(key, passphrase, kdf or KdfParams(), KEY_CONTEXT),
            )
            db = connect(db_path, key)
            configure(db)
            migrations.migrate(db)
            SqlSettingsStore(db).set(PICKLE_KEY_SETTING, secrets.token_hex(32))
            keyslot.write_atomic(directory, slot)
        except BaseException:
            if db is not None:
                db.close()
            for leftover in (db_path, *_sidecars(db_path), directory / keyslot.KEYSLOT_NAME):
                leftover.unlink(missing_ok=True)
            raise
        finally:
            wipe(key)
        return cls(directory, db, slot)

    @classmethod
    def open(cls, directory: Path, passphrase: Secret) -> Container:
        directory = Path(directory)
        key = cls.unlock_key(directory, passphrase)
        try:
            return cls.open_with_key(directory, key)
        finally:
            wipe(key)

    @classmethod
    def destroy(cls, directory: Path, passphrase: Secret) -> None:
        """Crypto-shred the container (shred.py) once the passphrase proved the owner
        asks for it; WrongPassphrase leaves everything untouched. Close it first."""
        wipe(cls.unlock_key(directory, passphrase))
        shred_container(Path(directory))

    @staticmethod
    def read_keyslot(directory: Path) -> Keyslot:
        directory = Path(directory)
        try:
            return keyslot.read(directory)
        except FileNotFoundError:
            if (directory / DB_NAME).exists():
                raise CorruptContainer(
                    f"The key file of the container at {directory} is missing; "
                    "the container cannot be opened without it."
                ) from None
            raise ContainerNotFound(str(directory)) from None
        except IsADirectoryError:
            raise NotAContainer(f"{directory} is not a WardLink container.") from None

    @classmethod
    def read_keyslot_or_none(cls, directory: Path) -> Keyslot | None:
        """The key file if there is a container at ``directory``, else None."""
        try:
            return cls.read_keyslot(directory)
        except ContainerNotFound:
            return None

    @classmethod
    def unlock_key(cls, directory: Path, passphrase: Secret) -> bytearray:
        """Check the passphrase and return the raw database key (for the lock session).

        The key comes in a bytearray the caller wipes. A passphrase given as a
        bytearray is zeroed here as soon as the key is unwrapped (or refused).
        """
        slot = cls.read_keyslot(directory)
        secret = secret_buffer(passphrase)
        try:
            return unwrap_key_into(slot.wrapped, secret, KEY_CONTEXT)
        except UnwrapError:
            raise WrongPassphrase() from None
        except KdfParameterError as exc:
            raise CorruptContainer(f"The container's key file is damaged ({exc}).") from None
        finally:
            wipe(secret)

    @classmethod
    def open_with_key(cls, directory: Path, key: bytes | bytearray) -> Container:
        directory = Path(directory)
        slot = cls.read_keyslot(directory)
        db_path = directory / DB_NAME
        if not db_path.is_file():
            raise CorruptContainer(f"The database of the container at {directory} is missing.")
        size = db_path.stat().st_size
        if size == 0 or size % PAGE_SIZE:
            raise CorruptContainer(
                f"The container's database is truncated ({size} bytes); it was not changed."
            )
        db = connect(db_path, key)
        try:
            found = migrations.current_version(db)
            if found > migrations.LATEST:
                raise SchemaTooNew(found, migrations.LATEST)
            configure(db)
            migrations.migrate(db)
            container = cls(directory, db, slot)
            container.blobs.sweep(
                container._attachment_files.body_files() + container.documents.body_files()
            )
            touch_last_used(directory)  # for `profiles prune --unused-days`
        except OSError as exc:  # the folder around the database: a file where the
            db.close()  # attachment folder belongs, a file that cannot be read
            raise translate(exc) or ContainerIOError(os_detail(exc)) from exc
        except BaseException:
            db.close()
            raise
        return container

    def relabel(self, owner: Owner) -> bool:
        """Rename this container on the start screen (the key file's owner); the key
        stays as it is. False if the label already reads so (nothing written)."""
        if owner == self.slot.owner:
            return False
        slot = dataclasses.replace(self.slot, owner=owner)
        keyslot.write_atomic(self.directory, slot)
        self.slot = slot
        return True

    def change_passphrase(self, old: str, new: str, *, kdf: KdfParams | None = None) -> None:
        """Re-wrap the database key; the database itself is not touched."""
        check_passphrase(new)
        key = self.unlock_key(self.directory, old)
        try:
            slot = Keyslot(
                container_id=self.slot.container_id,
                owner=self.slot.owner,
                wrapped=wrap_key(key, new, kdf or self.slot.wrapped.params, KEY_CONTEXT),
            )
        finally:
            wipe(key)
        keyslot.write_atomic(self.directory, slot)
        self.slot = slot

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Container:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- maintenance -----------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return migrations.current_version(self._db)

    @property
    def pickle_key(self) -> bytes:
        value = self.settings.get(PICKLE_KEY_SETTING)
        if value is None:
            raise CorruptContainer("The container has no pickle key.")
        return bytes.fromhex(value)

    @property
    def purge(self) -> Purger:
        """The one deletion path (storage/purge.py): messages, conversations, keys."""
        return Purger(self._db, self.blobs)

    def purge_older_than(self, days: int, now: datetime | None = None) -> PurgeReport:
        """Retention: delete messages older than ``days`` with their attachment files,
        index entries and receipts, and the inbound Megolm sessions unused since then."""
        if days < 0:
            raise ValueError("retention days must not be negative")
        return self.purge.older_than(to_ms((now or utc_now()) - timedelta(days=days)))

    def barrier(self) -> None:
        """Make every write so far durable with one fsync of the WAL.

        Routine writes commit without fsync (synchronous=NORMAL in WAL mode: consistent
        after a crash, but the newest commits may be lost). Before anything leaves the
        PC that relies on them (an envelope whose ratchet state must not be reused, an
        ack that lets the relay delete), call this: one synchronous=FULL commit, and
        since the WAL is append-only its fsync covers every earlier commit too. Nothing
        to do when the last commit that wrote was already durable.
        """
        if not self._db.unsynced:
            return
        with self._db.transaction(durable=True) as cur:
            cur.execute(
                "INSERT INTO settings(key, value) VALUES ('sync.barrier', '1') "
                "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
            )

    def checkpoint(self) -> None:
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def integrity_check(self) -> list[str]:
        """Full check of every page's HMAC and the b-tree; empty list means healthy."""
        problems = [str(r[0]) for r in self._db.query("PRAGMA cipher_integrity_check")]
        problems += [str(r[0]) for r in self._db.query("PRAGMA quick_check") if r[0] != "ok"]
        return problems

    @property
    def database(self) -> Database:
        """For migrations tests and benchmarks; application code uses the stores."""
        return self._db


def _sidecars(db_path: Path) -> tuple[Path, Path]:
    return (db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm"))
