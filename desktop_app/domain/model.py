"""Value objects every layer speaks in; frozen so nobody mutates shared state by accident."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from desktop_app.domain.ids import (
    AttachmentId,
    ConversationId,
    DeviceId,
    MessageId,
    Uid,
)


class ConversationKind(enum.StrEnum):
    DIRECT = "direct"
    GROUP = "group"


class MessageState(enum.StrEnum):
    """Life of a message as its sender sees it; received messages are ``RECEIVED``."""

    QUEUED = "queued"
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"
    FAILED = "failed"
    RECEIVED = "received"


class AttachmentState(enum.StrEnum):
    """Whether a received attachment's body is here and verified, or its download failed.

    A failed one keeps its message visible and can be fetched again later. DOWNLOADING
    is never stored: it marks a study still arriving in a row shown before its end.
    """

    STORED = "stored"
    FAILED = "failed"
    DOWNLOADING = "downloading"


class MessageKind(enum.StrEnum):
    TEXT = "text"
    SYSTEM = "system"  # "Dr. Weber has a new device", membership changes


@dataclass(frozen=True, slots=True)
class Person:
    uid: Uid
    display_name: str
    title: str = ""
    department: str = ""
    ward: str = ""


@dataclass(frozen=True, slots=True)
class Device:
    device_id: DeviceId
    uid: Uid
    curve25519: str
    ed25519: str
    verified: bool = False
    revoked: bool = False


@dataclass(frozen=True, slots=True)
class Conversation:
    conversation_id: ConversationId
    kind: ConversationKind
    title: str
    created_at: datetime
    members: tuple[Uid, ...] = ()


@dataclass(frozen=True, slots=True)
class Attachment:
    attachment_id: AttachmentId
    message_id: MessageId
    file_name: str
    mime_type: str
    size: int
    sha256: str  # hex digest of the plaintext
    state: AttachmentState = AttachmentState.STORED
    failure: str = ""  # why the download failed, for the user


@dataclass(frozen=True, slots=True)
class Message:
    message_id: MessageId
    conversation_id: ConversationId
    sender_uid: Uid
    sent_at: datetime
    body: str
    kind: MessageKind = MessageKind.TEXT
    state: MessageState = MessageState.QUEUED
    sender_device: DeviceId | None = None
    received_at: datetime | None = None
    urgent: bool = False
    attachments: tuple[Attachment, ...] = field(default=())
    reply_to: MessageId | None = None  # a message of the same conversation
    forwarded: bool = False  # copied from another conversation (services/forwarding.py)
    mentions: tuple[Uid, ...] = ()  # people or functional accounts @mentioned
    escalate_to: Uid | None = None  # urgent: who gets it if unacknowledged (None: setting)
    edited_at: datetime | None = None  # when the text was last edited by its sender
    deleted_at: datetime | None = None  # deleted for everyone: a tombstone, no text
