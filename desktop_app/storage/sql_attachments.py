"""Attachment metadata in the database, bodies as encrypted files in the blob store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from desktop_app.domain.ids import AttachmentId, MessageId, new_attachment_id
from desktop_app.domain.model import Attachment, AttachmentState
from desktop_app.storage.atomic import atomic_output
from desktop_app.storage.blobs import BlobStore, StoredBlob
from desktop_app.storage.database import Database
from desktop_app.storage.errors import AttachmentMissing
from desktop_app.storage.timeutil import to_ms, utc_now

MAX_FILE_NAME = 255
MAX_FAILURE_CHARS = 500


class SqlAttachmentStore:
    def __init__(self, db: Database, blobs: BlobStore) -> None:
        self._db = db
        self._blobs = blobs

    def add(
        self, message_id: MessageId, file_name: str, mime_type: str, body: BinaryIO
    ) -> Attachment:
        """Encrypt ``body`` into the container and record it; all or nothing."""
        safe_name = Path(file_name).name[:MAX_FILE_NAME] or "attachment"
        stored = self._blobs.put(body)
        attachment = Attachment(
            attachment_id=new_attachment_id(),
            message_id=message_id,
            file_name=safe_name,
            mime_type=mime_type,
            size=stored.size,
            sha256=stored.sha256,
        )
        try:
            with self._db.transaction() as cur:
                cur.execute(
                    "INSERT INTO attachments(attachment_id, message_id, file_name, mime_type, "
                    "size, sha256, file_key, body_file, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        attachment.attachment_id,
                        message_id,
                        attachment.file_name,
                        mime_type,
                        stored.size,
                        stored.sha256,
                        stored.key,
                        stored.name,
                        to_ms(utc_now()),
                    ),
                )
        except BaseException:
            self._blobs.delete(stored.name)
            raise
        return attachment

    def register(
        self,
        attachment: Attachment,
        stored: StoredBlob,
        remote_ref: str | None,
        shared: bool = False,
    ) -> bool:
        """Record a body already encrypted into the blob store (sent or downloaded).

        ``shared``: the file is another attachment's body too (``held_body``), so it is
        never deleted here. False when the id is taken already: then a file of its own
        is deleted at once rather than left without a row until the next unlock."""
        try:
            with self._db.transaction() as cur:
                added = cur.execute(
                    "INSERT OR IGNORE INTO attachments(attachment_id, message_id, file_name, "
                    "mime_type, size, sha256, file_key, body_file, remote_ref, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        attachment.attachment_id,
                        attachment.message_id,
                        Path(attachment.file_name).name[:MAX_FILE_NAME] or "attachment",
                        attachment.mime_type,
                        attachment.size,
                        attachment.sha256,
                        stored.key,
                        stored.name,
                        remote_ref,
                        to_ms(utc_now()),
                    ),
                )
        except BaseException:
            if not shared:
                self._blobs.delete(stored.name)
            raise
        if not added and not shared:
            self._blobs.delete(stored.name)
        return bool(added)

    def held_body(self, key: bytes, sha256: str, size: int) -> StoredBlob | None:
        """A stored body that decrypts under ``key`` to exactly this SHA-256 and size (any
        message's attachment): a received attachment naming it shares the file."""
        row = self._db.query_one(
            "SELECT body_file FROM attachments WHERE sha256 = ? AND file_key = ? AND size = ? "
            "AND state = 'stored' AND body_file IS NOT NULL LIMIT 1",
            (sha256, key, size),
        )
        return None if row is None else StoredBlob(row[0], key, size, sha256)

    def holds(self, attachment_id: AttachmentId) -> bool:
        """Whether any message here has an attachment under this id."""
        return (
            self._db.query_one(
                "SELECT 1 FROM attachments WHERE attachment_id = ?", (attachment_id,)
            )
            is not None
        )

    def register_failed(
        self, attachment: Attachment, file_key: bytes, remote_ref: str, reason: str
    ) -> None:
        """Record a received attachment whose download failed: no body, but what a
        re-fetch needs (relay blob id, key) and why, so the message still shows."""
        with self._db.transaction() as cur:
            cur.execute(
                "INSERT OR IGNORE INTO attachments(attachment_id, message_id, file_name, "
                "mime_type, size, sha256, file_key, remote_ref, state, failure, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'failed', ?, ?)",
                (
                    attachment.attachment_id,
                    attachment.message_id,
                    Path(attachment.file_name).name[:MAX_FILE_NAME] or "attachment",
                    attachment.mime_type,
                    attachment.size,
                    attachment.sha256,
                    file_key,
                    remote_ref,
                    reason[:MAX_FAILURE_CHARS],
                    to_ms(utc_now()),
                ),
            )

    def failed_source(self, attachment_id: AttachmentId) -> tuple[str, bytes] | None:
        """(relay blob id, key) of an attachment whose download failed; else None."""
        row = self._db.query_one(
            "SELECT remote_ref, file_key FROM attachments "
            "WHERE attachment_id = ? AND state = 'failed'",
            (attachment_id,),
        )
        if row is None or row[0] is None or row[1] is None:
            return None
        return row[0], bytes(row[1])

    def mark_stored(self, attachment_id: AttachmentId, stored: StoredBlob) -> bool:
        """A re-fetch succeeded: attach the verified body to the failed row."""
        try:
            with self._db.transaction() as cur:
                changed = (
                    cur.execute(
                        "UPDATE attachments SET body_file = ?, file_key = ?, state = 'stored', "
                        "failure = NULL WHERE attachment_id = ? AND state = 'failed'",
                        (stored.name, stored.key, attachment_id),
                    )
                    == 1
                )
        except BaseException:
            self._blobs.delete(stored.name)
            raise
        if not changed:
            self._blobs.delete(stored.name)
        return changed

    def mark_failed(self, attachment_id: AttachmentId, reason: str) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                "UPDATE attachments SET failure = ? WHERE attachment_id = ? AND state = 'failed'",
                (reason[:MAX_FAILURE_CHARS], attachment_id),
            )

    def stored_body(self, attachment_id: AttachmentId) -> tuple[StoredBlob, str | None]:
        """The local encrypted body (file, key, size, hash) and the relay blob id if any."""
        row = self._db.query_one(
            "SELECT body_file, file_key, size, sha256, remote_ref FROM attachments "
            "WHERE attachment_id = ?",
            (attachment_id,),
        )
        if row is None or row[0] is None:
            raise AttachmentMissing("This attachment is not stored on this PC.", "not_stored")
        return StoredBlob(row[0], bytes(row[1]), int(row[2]), row[3]), row[4]

    def set_remote(self, attachment_id: AttachmentId, remote_ref: str) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                "UPDATE attachments SET remote_ref = ? WHERE attachment_id = ?",
                (remote_ref, attachment_id),
            )

    def for_message(self, message_id: MessageId) -> list[Attachment]:
        rows = self._db.query(
            "SELECT attachment_id, message_id, file_name, mime_type, size, sha256, state, "
            "failure FROM attachments WHERE message_id = ? ORDER BY created_at, attachment_id",
            (message_id,),
        )
        return [
            Attachment(
                AttachmentId(r[0]),
                MessageId(r[1]),
                r[2],
                r[3],
                int(r[4]),
                r[5],
                AttachmentState(r[6]),
                r[7] or "",
            )
            for r in rows
        ]

    def read_chunks(self, attachment_id: AttachmentId) -> Iterator[bytes]:
        row = self._db.query_one(
            "SELECT body_file, file_key FROM attachments WHERE attachment_id = ?",
            (attachment_id,),
        )
        if row is None or row[0] is None:
            raise AttachmentMissing("This attachment is not stored on this PC.", "not_stored")
        return self._blobs.read_chunks(row[0], bytes(row[1]))

    def export(self, attachment_id: AttachmentId, destination: Path) -> int:
        """The user's explicit export: write the plaintext where they chose.

        Written to a temp name first; a failed or tampered read leaves no partial file.
        """
        written = 0
        with atomic_output(destination) as fh:
            for chunk in self.read_chunks(attachment_id):
                fh.write(chunk)
                written += len(chunk)
        return written

    def body_files(self) -> list[str]:
        return [
            r[0]
            for r in self._db.query(
                "SELECT DISTINCT body_file FROM attachments WHERE body_file IS NOT NULL"
            )
        ]
