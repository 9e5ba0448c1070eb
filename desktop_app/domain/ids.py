"""Distinct id types, so a device id can never be passed where a uid is expected."""

from __future__ import annotations

import secrets
from typing import NewType

Uid = NewType("Uid", str)
"""A person's directory uid, e.g. ``"weber.anna"``."""

DeviceId = NewType("DeviceId", str)
ConversationId = NewType("ConversationId", str)
MessageId = NewType("MessageId", str)
AttachmentId = NewType("AttachmentId", str)
EnvelopeId = NewType("EnvelopeId", str)


def new_token(nbytes: int = 16) -> str:
    """Random url-safe id; 128 bits make collisions irrelevant without coordination."""
    return secrets.token_urlsafe(nbytes)


def new_message_id() -> MessageId:
    return MessageId(new_token())


def new_conversation_id() -> ConversationId:
    return ConversationId(new_token())


def new_attachment_id() -> AttachmentId:
    return AttachmentId(new_token())


def new_envelope_id() -> EnvelopeId:
    return EnvelopeId(new_token())
