"""Distinct id types, so a device id can never be passed where a uid is expected."""

from __future__ import annotations

import secrets
import string
from typing import Final, NewType

Uid = NewType("Uid", str)
"""A person's directory uid, e.g. ``"weber.anna"``."""

DeviceId = NewType("DeviceId", str)
ConversationId = NewType("ConversationId", str)
MessageId = NewType("MessageId", str)
AttachmentId = NewType("AttachmentId", str)
EnvelopeId = NewType("EnvelopeId", str)

# An id is pasted into commands (`wardlink admin revoke ID`); one starting with "-" would
# be read as an option, so the first character is a letter or digit. Ids made before
# this rule (any url-safe start) stay valid everywhere: nothing checks the first character.
ID_FIRST_CHARACTERS: Final = string.ascii_letters + string.digits
DEVICE_ID_BYTES: Final = 12  # 17 characters; X.509 names allow at most 64
BLOB_ID_BYTES: Final = 24  # 33 characters; the relay accepts 8 to 64


def new_token(nbytes: int = 16) -> str:
    """Random url-safe id that never begins with "-" or "_".

    A random letter or digit (5.95 bits) followed by ``token_urlsafe(nbytes)``: at least
    ``8 * nbytes`` bits, so 128 bits by default make collisions irrelevant without
    coordination.
    """
    return secrets.choice(ID_FIRST_CHARACTERS) + secrets.token_urlsafe(nbytes)


VISIBLE_ID_PATTERN: Final = r"\A[!-~]+\Z"
r"""What an id a peer chooses (message, attachment, task, event, document, call ...) may
hold: visible ASCII, U+0021 to U+007E, nothing else. Every id an honest client makes,
and made in earlier releases, is drawn from it: ``new_token`` (letters, digits, "-",
"_"), uuid4 hex, ``bound_ids`` ("nonce.tag"), ``ics-`` and ``sys-`` digests,
``d-``/``g-`` conversation ids, ``tasks.item_id`` (hex and digits), Megolm session ids
(base64). An allow-list rather than a list of what to refuse: it keeps out every
control (C0, C1, DEL), line and paragraph separator, bidi control, invisible or format
character (Unicode Cc, Cf, Zl, Zp), every space, and lookalike letters, without
depending on the Unicode version of the Python that checks it. ``\A``/``\Z``, not
``^``/``$``: ``$`` also matches before a final line break."""


def is_visible_id(value: str) -> bool:
    """True if ``value`` is an id an honest client could have made (VISIBLE_ID_PATTERN)."""
    return len(value) > 0 and all("!" <= c <= "~" for c in value)


SYSTEM_MESSAGE_PREFIX: Final = "sys-"
"""Ids of the lines a device writes itself ("X has a new device"): derived from public
facts so each is written once, hence never accepted from a peer (services/incoming.py),
or a colleague could take a line's id first and the line would never show."""


def is_system_message_id(message_id: str) -> bool:
    return message_id.startswith(SYSTEM_MESSAGE_PREFIX)


def new_message_id() -> MessageId:
    while is_system_message_id(token := new_token()):  # 1 in 16 million: drawn again
        pass
    return MessageId(token)


def new_conversation_id() -> ConversationId:
    return ConversationId(new_token())


def new_attachment_id() -> AttachmentId:
    return AttachmentId(new_token())


def new_envelope_id() -> EnvelopeId:
    return EnvelopeId(new_token())


def new_device_id() -> DeviceId:
    """A device's id, chosen by the device at enrollment and put in its certificate."""
    return DeviceId(new_token(DEVICE_ID_BYTES))


def new_blob_id() -> str:
    """The name an uploaded attachment body has on the relay."""
    return new_token(BLOB_ID_BYTES)
