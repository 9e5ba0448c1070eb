"""The relay's data directory: what lives where, and the small settings file.

One directory holds everything a relay is (back it up as a whole, see docs/relay.md):

    relay.json            relay id, organisation name, retention days, quotas and
                          connection limits (this module, relay/quotas.py,
                          relay/conn_limits.py)
    relay.db              SQLite store (+ -wal/-shm while running): devices, mailboxes,
                          optionally SQLCipher-encrypted (key file outside, relay/db_key.py),
                          one-time keys, enrollment code hashes, revocation lists;
                          absent when relay.json names a PostgreSQL ``database``
                          (relay/store_pg.py, docs/scale.md)
    blobs/                encrypted attachment bodies, one file per blob
    audit.log             JSON lines of security events, never content, hash-chained;
                          rotated daily to audit-YYYY-MM-DD-NNN.log (relay/audit_chain.py)
    org-root.crt.pem      organisation root certificate (public)
    org-issuing.crt.pem   issuing CA certificate (public)
    org-root.key.json     root key, wrapped under the admin passphrase (never unwrapped
                          by `relay serve`)
    org-issuing.key.json  issuing key, wrapped
    org-devices.crt.pem   offline issuing only: the device CA (public); its key and the
                          root key are NOT here but on IT's workstation
    relay.crt.pem         TLS chain: relay, issuing CA, root
    relay.key.json        relay TLS key, wrapped

The org and TLS files are written by desktop_app.crypto (``save_org``,
``save_relay_credentials``); this module only names them and the relay's own files.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop_app.crypto.certificates import RELAY_CERT_FILE, RELAY_KEY_FILE
from desktop_app.crypto.org_files import (
    DEVICES_CERT_FILE,
    ISSUING_CERT_FILE,
    ISSUING_KEY_FILE,
    ROOT_CERT_FILE,
    ROOT_KEY_FILE,
)
from desktop_app.crypto.secret_memory import wipe
from desktop_app.relay.audit import AuditLog
from desktop_app.relay.audit_chain import DEFAULT_AUDIT_RETENTION_DAYS, MAX_AUDIT_RETENTION_DAYS
from desktop_app.relay.blob_files import BlobFiles
from desktop_app.relay.conn_limits import ConnectionLimits
from desktop_app.relay.db_key import read_key_file
from desktop_app.relay.errors import RelayDataError
from desktop_app.relay.metrics import MetricsAddress
from desktop_app.relay.quotas import RelayLimits
from desktop_app.relay.store import RelayStore
from desktop_app.relay.store_mailbox import DEFAULT_DEDUPE_DAYS
from desktop_app.relay.store_pg import is_database_url, pg_target

SETTINGS_FILE = "relay.json"
DB_FILE = "relay.db"
BLOBS_DIR = "blobs"
AUDIT_FILE = "audit.log"
SETTINGS_FORMAT = "wardlink-relay-v1"
DEFAULT_RETENTION_DAYS = 30
MAX_RETENTION_DAYS = 3650
MAX_SETTINGS_BYTES = 64 * 1024

ORG_FILES = (ROOT_CERT_FILE, ISSUING_CERT_FILE, ROOT_KEY_FILE, ISSUING_KEY_FILE, DEVICES_CERT_FILE)
TLS_FILES = (RELAY_CERT_FILE, RELAY_KEY_FILE)


@dataclass(frozen=True, slots=True)
class RelaySettings:
    """What ``relay.json`` holds; written once by ``relay init``, edited by hand rarely."""

    relay_id: str
    org_name: str
    retention_days: int = DEFAULT_RETENTION_DAYS
    limits: RelayLimits = field(default_factory=RelayLimits)
    connections: ConnectionLimits = field(default_factory=ConnectionLimits)
    audit_retention_days: int = DEFAULT_AUDIT_RETENTION_DAYS
    """Rotated audit files older than this are deleted (audit_chain.py)."""
    dedupe_days: int = DEFAULT_DEDUPE_DAYS
    """A delivered envelope's dedupe key is kept this long (store_mailbox.py)."""
    db_key_file: str = ""
    """Set: relay.db is encrypted (SQLCipher) with the key in this file (relay/db_key.py)."""
    database: str = ""
    """Set (postgresql://USER@HOST:PORT/DB): the store is in PostgreSQL, not relay.db."""
    database_password_file: str = ""
    """The PostgreSQL password's file (else $WARDLINK_DB_PASSWORD or PGPASSWORD)."""
    blobs_dir: str = ""
    """Set: attachment files live in this directory instead of DATA/blobs, e.g. one that
    every relay node mounts (several nodes: an upload at one, a download at another)."""
    metrics: str = ""
    """Set (HOST:PORT): serve Prometheus metrics there (relay/metrics.py; off if empty)."""

    def to_json(self) -> bytes:
        doc: dict[str, object] = {
            "format": SETTINGS_FORMAT,
            "relay_id": self.relay_id,
            "org_name": self.org_name,
            "retention_days": self.retention_days,
            "limits": self.limits.to_json(),
            "audit_retention_days": self.audit_retention_days,
            "dedupe_days": self.dedupe_days,
        }
        if self.db_key_file:
            doc["db_key_file"] = self.db_key_file
        if self.database:
            doc["database"] = self.database
        if self.database_password_file:
            doc["database_password_file"] = self.database_password_file
        if self.blobs_dir:
            doc["blobs_dir"] = self.blobs_dir
        if self.metrics:
            doc["metrics"] = self.metrics
        if self.connections.to_doc():
            doc["connections"] = self.connections.to_doc()
        return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes, where: Path) -> RelaySettings:
        try:
            doc = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise RelayDataError(f"{where} is not valid JSON: {exc}") from None
        if not isinstance(doc, dict) or doc.get("format") != SETTINGS_FORMAT:
            raise RelayDataError(f"{where} is not a WardLink relay settings file")
        relay_id, org_name = doc.get("relay_id"), doc.get("org_name")
        retention = doc.get("retention_days", DEFAULT_RETENTION_DAYS)
        if not isinstance(relay_id, str) or not isinstance(org_name, str):
            raise RelayDataError(f"{where} lacks relay_id or org_name")
        if (
            not isinstance(retention, int)
            or isinstance(retention, bool)
            or not 1 <= retention <= MAX_RETENTION_DAYS
        ):
            raise RelayDataError(
                f"{where}: retention_days must be a whole number of days, 1 to {MAX_RETENTION_DAYS}"
            )
        limits = RelayLimits.from_json(doc.get("limits"), where)
        connections = ConnectionLimits.from_doc(doc.get("connections"), where)
        audit_days = _days(doc, "audit_retention_days", DEFAULT_AUDIT_RETENTION_DAYS, where)
        dedupe_days = _days(doc, "dedupe_days", DEFAULT_DEDUPE_DAYS, where)
        key_file = doc.get("db_key_file", "")
        if not isinstance(key_file, str):
            raise RelayDataError(f"{where}: db_key_file must be a path")
        database, password_file = doc.get("database", ""), doc.get("database_password_file", "")
        if not isinstance(database, str) or (database and not is_database_url(database)):
            raise RelayDataError(f"{where}: database must be postgresql://USER@HOST:PORT/DB")
        if not isinstance(password_file, str):
            raise RelayDataError(f"{where}: database_password_file must be a path")
        blobs_dir = doc.get("blobs_dir", "")
        if not isinstance(blobs_dir, str) or (blobs_dir and not Path(blobs_dir).is_absolute()):
            raise RelayDataError(f"{where}: blobs_dir must be an absolute path")
        metrics = doc.get("metrics", "")
        if not isinstance(metrics, str):
            raise RelayDataError(f"{where}: metrics must be HOST:PORT")
        if metrics:
            try:
                MetricsAddress.parse(metrics)
            except ValueError as exc:
                raise RelayDataError(f"{where}: {exc}") from None
        return cls(
            relay_id,
            org_name,
            retention,
            limits,
            connections,
            audit_days,
            dedupe_days,
            key_file,
            database,
            password_file,
            blobs_dir,
            metrics,
        )


def _days(doc: dict[str, object], key: str, default: int, where: Path) -> int:
    value = doc.get(key, default)
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or not 1 <= value <= MAX_AUDIT_RETENTION_DAYS
    ):
        raise RelayDataError(
            f"{where}: {key} must be a whole number of days, 1 to {MAX_AUDIT_RETENTION_DAYS}"
        )
    return value


class RelayDataDir:
    """Paths and openers for one relay data directory. Opening never creates an org."""

    def __init__(self, root: Path, database: str = "") -> None:
        """``database``: a PostgreSQL address that overrides relay.json's (relay serve
        --database); relay.json keeps naming the store for the admin commands."""
        self.root = root
        self.database = database

    @property
    def settings_path(self) -> Path:
        return self.root / SETTINGS_FILE

    @property
    def db_path(self) -> Path:
        return self.root / DB_FILE

    @property
    def blobs_path(self) -> Path:
        """DATA/blobs, or relay.json's ``blobs_dir`` (shared by several relay nodes)."""
        if self.settings_path.exists():
            shared = self._settings_file().blobs_dir
            if shared:
                return Path(shared)
        return self.root / BLOBS_DIR

    @property
    def audit_path(self) -> Path:
        return self.root / AUDIT_FILE

    def existing_relay_files(self) -> list[str]:
        """Names of relay files already present (``relay init`` refuses if any is)."""
        names = (SETTINGS_FILE, DB_FILE, *ORG_FILES, *TLS_FILES)
        return [n for n in names if (self.root / n).exists()]

    def check_initialised(self) -> None:
        """RelayDataError unless ``relay init`` completed here."""
        has_store = (
            self.db_path.exists()
            or bool(self.database)
            or (self.settings_path.exists() and bool(self._settings_file().database))
        )
        if not self.settings_path.exists() or not has_store:
            raise RelayDataError(
                f"{self.root} is not a relay data directory (run `wardlink relay init "
                f"--data {self.root} --org NAME` first)"
            )

    def read_settings(self) -> RelaySettings:
        self.check_initialised()
        settings = self._settings_file()
        if self.database and self.database != settings.database:
            if settings.database:
                raise RelayDataError(
                    f"{self.settings_path} names the database {settings.database}, not "
                    f"{self.database}; one data directory belongs to one store"
                )
            if self.db_path.exists():
                raise RelayDataError(
                    f"{self.root} keeps its store in {self.db_path.name}; copy it to "
                    f"PostgreSQL with `wardlink relay migrate-store` instead of --database"
                )
            settings = replace(settings, database=self.database)
        return settings

    def _settings_file(self) -> RelaySettings:
        try:
            with self.settings_path.open("rb") as fh:
                data = fh.read(MAX_SETTINGS_BYTES + 1)
        except OSError as exc:
            raise RelayDataError(f"cannot read {self.settings_path}: {exc.strerror}") from exc
        if len(data) > MAX_SETTINGS_BYTES:
            raise RelayDataError(f"{self.settings_path} is too large to be relay settings")
        return RelaySettings.from_json(data, self.settings_path)

    def write_settings(self, settings: RelaySettings) -> None:
        """Write ``relay.json`` durably (temp file, fsync, rename), mode 0600."""
        tmp = self.root / (".tmp-" + SETTINGS_FILE)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(settings.to_json())
                fh.flush()
                os.fsync(fh.fileno())
            tmp.replace(self.settings_path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise RelayDataError(f"cannot write {self.settings_path}: {exc.strerror}") from exc

    def open_store(
        self, key: bytearray | None = None, settings: RelaySettings | None = None
    ) -> RelayStore:
        """The store; encrypted with ``key``, or with relay.json's key file if it names one;
        in PostgreSQL if relay.json (or ``settings``, during init) names a database."""
        if settings is None and self.settings_path.exists():
            settings = self.read_settings()
        database = self.database or (settings.database if settings else "")
        if database:
            wipe(key)
            password_file = settings.database_password_file if settings else ""
            return RelayStore(pg_target(database, password_file))
        if key is None and settings is not None and settings.db_key_file:
            key = read_key_file(Path(settings.db_key_file))
        try:
            return RelayStore(self.db_path, key)
        finally:
            wipe(key)

    def audit(self) -> AuditLog:
        """The audit log, with relay.json's retention (the default before init)."""
        days = DEFAULT_AUDIT_RETENTION_DAYS
        if self.settings_path.exists():
            days = self.read_settings().audit_retention_days
        return AuditLog(self.audit_path, retention_days=days)

    def blob_files(self) -> BlobFiles:
        return BlobFiles(self.blobs_path)
