"""A conversation's documents and their versions in the container (schemas 18, 23, 25).

The rules (who may add a version, numbering, when to fetch a body) are
services/documents.py's; this store only refuses what would break its shape: a document
moving to another conversation, or a version number that is not above the latest one
held. Versions naming the same body (key, SHA-256, size) share one body file, so a file
is deleted only when no version uses it any more (storage/purge.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.sqlmigrate import limit_sql
from desktop_app.storage.database import Database

# Why a body could not be fetched (schema 25), kept so the Files tab still says it after
# a restart; the keys are the services' DocumentRefused keys, worded by the GUI.
FETCH_FAILURES: frozenset[str] = frozenset({"gone_from_relay", "not_on_relay", "damaged"})


@dataclass(frozen=True, slots=True)
class DocVersion:
    document_id: str
    version: int
    name: str
    folder: str
    blob_id: str
    key: bytes
    sha256: str
    size: int
    author: str
    at_ms: int
    vouched_by: str | None = None  # None: Megolm proved the author sent it
    body_file: str | None = None  # in the blob store, once fetched or uploaded here


@dataclass(frozen=True, slots=True)
class SharedAttachment:
    """A file shared in the chat (follows message retention, unlike documents)."""

    attachment_id: str
    message_id: str
    name: str
    size: int
    sha256: str
    by: str
    at_ms: int


@dataclass(frozen=True, slots=True)
class Document:
    document_id: str
    conversation_id: str
    folder: str
    name: str
    versions: tuple[DocVersion, ...]  # oldest first

    @property
    def latest(self) -> DocVersion:
        return self.versions[-1]


_COLUMNS = (
    "document_id, version, name, folder, blob_id, key, sha256, size, author, at_ms, "
    "vouched_by, body_file"
)


class SqlDocumentStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, conversation_id: str, v: DocVersion) -> bool:
        """Keep ``v`` if its document is this conversation's (or new) and its number is
        above the latest held; True if kept."""
        with self._db.transaction() as cur:
            held = cur.query(
                "SELECT conversation_id, latest FROM documents WHERE document_id = ?",
                (v.document_id,),
            )
            if held and (held[0][0] != conversation_id or int(held[0][1]) >= v.version):
                return False
            cur.execute(
                "INSERT INTO documents(document_id, conversation_id, folder, name, latest) "
                "VALUES (?,?,?,?,?) ON CONFLICT(document_id) DO UPDATE SET "
                "folder = excluded.folder, name = excluded.name, latest = excluded.latest",
                (v.document_id, conversation_id, v.folder, v.name, v.version),
            )
            cur.execute(
                f"INSERT INTO document_versions({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    v.document_id, v.version, v.name, v.folder, v.blob_id, v.key, v.sha256,
                    v.size, v.author, v.at_ms, v.vouched_by, v.body_file,
                ),
            )  # fmt: skip
        return True

    def conversation_of(self, document_id: str) -> str | None:
        value = self._db.scalar(
            "SELECT conversation_id FROM documents WHERE document_id = ?", (document_id,)
        )
        return None if value is None else str(value)

    def latest(self, document_id: str) -> int:
        value = self._db.scalar(
            "SELECT latest FROM documents WHERE document_id = ?", (document_id,)
        )
        return int(value or 0)

    def find(self, conversation_id: str, folder: str, name: str) -> str | None:
        """The document of that name in that folder (the most recently changed one)."""
        value = self._db.scalar(
            "SELECT d.document_id FROM documents d JOIN document_versions v ON "
            "v.document_id = d.document_id AND v.version = d.latest WHERE "
            "d.conversation_id = ? AND d.folder = ? AND d.name = ? ORDER BY v.at_ms DESC "
            "LIMIT 1",
            (conversation_id, folder, name),
        )
        return None if value is None else str(value)

    def in_conversation(self, conversation_id: str) -> list[Document]:
        """The conversation's documents by folder and name, each with every version."""
        heads = self._db.query(
            "SELECT document_id, folder, name FROM documents WHERE conversation_id = ? "
            "ORDER BY folder, name, document_id",
            (conversation_id,),
        )
        rows = self._db.query(
            f"SELECT {', '.join('v.' + c.strip() for c in _COLUMNS.split(','))} FROM "
            "document_versions v JOIN documents d ON d.document_id = v.document_id "
            "WHERE d.conversation_id = ? ORDER BY v.document_id, v.version",
            (conversation_id,),
        )
        versions: dict[str, list[DocVersion]] = {}
        for r in rows:
            versions.setdefault(str(r[0]), []).append(_version(r))
        return [
            Document(str(d), conversation_id, str(f), str(n), tuple(versions.get(str(d), [])))
            for d, f, n in heads
        ]

    def attachments(self, conversation_id: str) -> list[SharedAttachment]:
        """Every file shared in the conversation's chat that is still held, oldest first."""
        rows = self._db.query(
            "SELECT a.attachment_id, a.message_id, a.file_name, a.size, a.sha256, "
            "m.sender_uid, m.sent_at FROM attachments a JOIN messages m ON "
            "m.message_id = a.message_id WHERE m.conversation_id = ? AND m.deleted_at IS NULL "
            "ORDER BY m.sent_at, a.rowid",
            (conversation_id,),
        )
        return [
            SharedAttachment(str(a), str(m), str(n), int(z), str(h), str(u), int(t))
            for a, m, n, z, h, u, t in rows
        ]

    def version(self, document_id: str, version: int) -> DocVersion | None:
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM document_versions WHERE document_id = ? AND version = ?",
            (document_id, version),
        )
        return _version(rows[0]) if rows else None

    def sent_by(self, conversation_id: str, uid: str) -> int:
        """How many of the conversation's versions ``uid`` sent (authored, or shared)."""
        value = self._db.scalar(
            "SELECT count(*) FROM document_versions v JOIN documents d ON "
            "d.document_id = v.document_id WHERE d.conversation_id = ? AND "
            "coalesce(v.vouched_by, v.author) = ?",
            (conversation_id, uid),
        )
        return int(value or 0)

    def held_body(self, key: bytes, sha256: str, size: int) -> str | None:
        """A body file already held for this key, SHA-256 and size (any version's): it
        decrypts under that key to exactly the plaintext such a version declares."""
        value = self._db.scalar(
            "SELECT body_file FROM document_versions WHERE sha256 = ? AND key = ? AND "
            "size = ? AND body_file IS NOT NULL LIMIT 1",
            (sha256, key, size),
        )
        return None if value is None else str(value)

    def set_body(self, document_id: str, version: int, body_file: str) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                "UPDATE document_versions SET body_file = ?, fetch_tries = 0, "
                "fetch_failed_at = NULL, fetch_failure = NULL "
                "WHERE document_id = ? AND version = ?",
                (body_file, document_id, version),
            )

    def unfetched(self, conversation_id: str) -> dict[tuple[str, int], str]:
        """The conversation's versions (document id, number) whose body is not here and
        whose fetch has failed at least once, with the last failure's reason (one of
        ``FETCH_FAILURES``; "" if it failed before schema 25): the Files tab marks them."""
        rows = self._db.query(
            "SELECT v.document_id, v.version, v.fetch_failure FROM document_versions v "
            "JOIN documents d ON d.document_id = v.document_id WHERE d.conversation_id = ? "
            "AND v.body_file IS NULL AND v.fetch_tries > 0",
            (conversation_id,),
        )
        return {(str(d), int(n)): str(why or "") for d, n, why in rows}

    def fetch_failed(self, document_id: str, version: int, at_ms: int, reason: str) -> None:
        """Remember that fetching this version's body failed (once more) at ``at_ms``,
        and why (one of ``FETCH_FAILURES``)."""
        if reason not in FETCH_FAILURES:
            raise ValueError(f"unknown fetch failure {reason!r}")
        with self._db.transaction() as cur:
            cur.execute(
                "UPDATE document_versions SET fetch_tries = fetch_tries + 1, "
                "fetch_failed_at = ?, fetch_failure = ? WHERE document_id = ? AND version = ?",
                (at_ms, reason, document_id, version),
            )

    def bodies_due(
        self,
        now_ms: int,
        first_wait_ms: int,
        max_tries: int,
        limit: int,
        *,
        only: tuple[str, int] | None = None,
    ) -> list[DocVersion]:
        """Versions without a body to try (again): never tried, or the last failure at
        least ``first_wait_ms`` (doubled per earlier failure) ago, with fewer than
        ``max_tries`` failures; the longest-waiting first, at most ``limit``. ``only``:
        just that version (document id, number)."""
        where = "document_id = ? AND version = ? AND " if only else ""
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM document_versions WHERE {where}body_file IS NULL AND "
            "fetch_tries < ? AND (fetch_failed_at IS NULL OR "
            "fetch_failed_at + (? << max(fetch_tries - 1, 0)) <= ?) "
            "ORDER BY coalesce(fetch_failed_at, 0), document_id, version " + limit_sql(limit),
            (*(only or ()), max_tries, first_wait_ms, now_ms),
        )
        return [_version(r) for r in rows]

    def body_files(self) -> list[str]:
        rows = self._db.query(
            "SELECT DISTINCT body_file FROM document_versions WHERE body_file IS NOT NULL"
        )
        return [str(r[0]) for r in rows]


def _version(r: tuple[Any, ...]) -> DocVersion:
    return DocVersion(
        str(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]), bytes(r[5]),
        str(r[6]), int(r[7]), str(r[8]), int(r[9]),
        None if r[10] is None else str(r[10]), None if r[11] is None else str(r[11]),
    )  # fmt: skip
