"""Ids of tasks, calendar events and team documents that name their conversation.

An id belongs to the conversation a device first saw it in, and a change naming it in
another conversation is refused. So whoever can send an id somewhere before it arrives
where it belongs takes it away: an imported roster's ids follow from the conversation
and the roster's UIDs, and a member knows every id of a group before a new member does;
planted first in a chat with the victim, the real shift or document is then refused on
the victim's PC for good (insider audit, 2026-12-06).

Ids made now carry a tag of the conversation they were made for (``nonce.tag``, the
tag from SHA-256 over conversation id and nonce), and a receiver refuses one arriving
in any other conversation, so it can only ever be held where it belongs. Ids made
before (uuid hex, ``ics-`` digests: no ".") name no conversation and keep the old rule.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Final

SEPARATOR: Final = "."
TAG_CHARS: Final = 16  # 64 bits: an id cannot be made to fit a second conversation


def bind(conversation_id: str, nonce: str) -> str:
    """The id ``nonce`` made for ``conversation_id``."""
    return f"{nonce}{SEPARATOR}{_tag(conversation_id, nonce)}"


def new_id(conversation_id: str) -> str:
    return bind(conversation_id, uuid.uuid4().hex)


def made_for(conversation_id: str, item_id: str) -> bool | None:
    """True if ``item_id`` was made for this conversation, False if for another one,
    None if it names none (made before ids carried their conversation)."""
    nonce, separator, tag = item_id.rpartition(SEPARATOR)
    if not separator or not nonce or len(tag) != TAG_CHARS:
        return None
    return tag == _tag(conversation_id, nonce)


def _tag(conversation_id: str, nonce: str) -> str:
    return hashlib.sha256(f"{conversation_id}\0{nonce}".encode()).hexdigest()[:TAG_CHARS]
