"""What an export holds, independent of the format: messages with their attachments.

Collected from the container by ``services.export``; rendered by ``export_pdf`` and
``export_fhir``. Attachments carry their plaintext only up to ``MAX_EMBED_BYTES`` each
(larger ones, and ones whose download failed, are listed with name, size and hash).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MAX_EMBED_BYTES = 32 * 1024 * 1024
"""Largest attachment embedded in an export; a bigger one is listed with its hash only."""


@dataclass(frozen=True, slots=True)
class ExportedAttachment:
    attachment_id: str
    file_name: str
    mime_type: str
    size: int
    sha256: str  # hex digest of the plaintext, as stored and verified on download
    data: bytes | None  # None: too large to embed, or not stored on this PC


@dataclass(frozen=True, slots=True)
class ExportedMessage:
    message_id: str
    sender_uid: str
    sender_device: str | None
    sent_at: datetime
    text: str
    urgent: bool
    attachments: tuple[ExportedAttachment, ...]


@dataclass(frozen=True, slots=True)
class ExportDocument:
    conversation_id: str
    title: str
    members: tuple[str, ...]
    exported_by: str  # uid
    exported_from: str  # device id
    exported_at: datetime
    messages: tuple[ExportedMessage, ...]
