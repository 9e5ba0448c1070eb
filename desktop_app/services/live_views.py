"""What the GUI shows, as frozen values read on the services' thread and handed over.

Widgets never touch the container; they get these rows (built by ``LiveClient``) via
the bridge, so a row is a snapshot that stays valid after the container is locked.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from desktop_app.domain.ids import AttachmentId, ConversationId, MessageId
from desktop_app.domain.model import ConversationKind, Message
from desktop_app.storage.sql_messages import PageCursor
from desktop_app.storage.sql_receipts import Receipt

# Events the live client posts (name, payload); the bridge turns them into a Qt signal.
EVENT_CONNECTION = "connection"  # ConnectionStatus
EVENT_MESSAGES = "messages"  # tuple[MessageRow, ...]: new or changed
EVENT_CONVERSATIONS = "conversations"  # None: the list changed, reload it
EVENT_URGENT = "urgent"  # MessageRow: an urgent message that waits for acknowledgement
EVENT_TRANSFER = "transfer"  # Transfer: an attachment going up or coming down
EVENT_CALL = "call"  # services.calls.CallEvent: incoming, ringing, connected, ended
EVENT_TEAMWORK = "teamwork"  # str: the id of a task or calendar event that changed
EVENT_TYPING = "typing"  # services.typing.TypingNow: who types in a conversation now
EVENT_WITHDRAWN = "withdrawn"  # bool: IT revoked this device; True = its data was wiped


class Link(enum.StrEnum):
    CONNECTED = "connected"
    SEARCHING = "searching"  # no relay yet; discovery and retries are running
    OFFLINE = "offline"  # tried and failed; retrying with backoff


@dataclass(frozen=True, slots=True)
class ConnectionStatus:
    link: Link
    relay: str = ""  # HOST:PORT when connected
    source: str = ""  # "policy", "discovery", …
    queued: int = 0  # messages written but not yet handed to the relay
    problem: str = ""  # why the last attempt failed
    problem_error: BaseException | None = None  # the same, for the GUI's own wording
    storage_problem: str = ""  # this PC cannot store what arrives (disk full, I/O error)
    storage_error: BaseException | None = None  # the same, for the GUI's own wording
    certificate_warning: str = ""  # this PC's certificate expires soon and was not renewed
    certificate_expires: datetime | None = None  # the same: when (the GUI words the date)
    certificate_expired: bool = False  # ... and that was already the case at the login


@dataclass(frozen=True, slots=True)
class Transfer:
    attachment_id: AttachmentId
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class ConversationRow:
    conversation_id: ConversationId
    title: str
    kind: ConversationKind
    unread: int
    last_activity: datetime
    preview: str  # the last message's first line, or a file name
    preview_sender: str  # display name, "" for system lines
    members: int
    preview_system: bool = False  # preview is a system line body, rendered by the GUI
    muted: bool = False  # no pop-ups except urgent messages and mentions of me
    preview_mine: bool = False  # the last message is this person's own ("You: …")
    pinned: bool = False  # pinned to the top of this person's list


@dataclass(frozen=True, slots=True)
class Roster:
    """Who is in a conversation (uid, name, is admin), and whether it is a group: a group
    of two still names who wrote what, since members who left keep their messages in it.
    ``i_am_member`` is False in a group that removed us: nothing can be sent there;
    ``removed_by`` then names who did ("" if no line says so). ``title``: the group's
    name now (a rename while the chat is open shows in its header)."""

    group: bool
    members: tuple[tuple[str, str, bool], ...]
    i_am_member: bool = True
    title: str = ""
    removed_by: str = ""


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    name: str
    at: datetime
    mine: bool = False  # this person's own: her bubble says "you", not her name


MAX_QUOTE_CHARS = 120  # of the original shown in a reply's bubble


def shortened(text: str, limit: int) -> str:
    """``text`` up to ``limit`` characters, ending in "…" where it was cut: a quote box
    is as wide as its snippet, so a bare cut read as the whole text ("Übergabe w")."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Quote:
    """What a reply's bubble shows of the message it answers."""

    message_id: MessageId
    sender_name: str
    snippet: str  # first line of the original; "" when it was deleted
    deleted: bool = False  # deleted for everyone (or no longer on this PC)
    sender_uid: str = ""  # the quoted sender (the quote takes their name colour)


@dataclass(frozen=True, slots=True)
class ReactionChip:
    """One emoji under a bubble: who chose it (names, for the tooltip), and if I did."""

    emoji: str
    names: tuple[str, ...]
    mine: bool


@dataclass(frozen=True, slots=True)
class VoiceInfo:
    """A voice message as measured from its audio (services/voice.py)."""

    duration_ms: int
    waveform: tuple[int, ...]  # peaks 0..100 for the bubble


@dataclass(frozen=True, slots=True)
class MessageRow:
    message: Message  # with its attachments
    sender_name: str
    mine: bool
    receipts: tuple[Receipt, ...] = ()
    acknowledged_by: tuple[Acknowledgement, ...] = ()  # urgent: who confirmed, when
    needs_my_ack: bool = False  # an urgent message to me that I have not acknowledged
    quote: Quote | None = None  # a reply: the message it answers
    reactions: tuple[ReactionChip, ...] = ()
    mentions_me: bool = False  # @mentions me or a functional account I hold (highlighted)
    notify: bool = True  # may pop up: not muted, or urgent, or a mention of me
    voice: VoiceInfo | None = None  # a voice message: duration and waveform

    @property
    def message_id(self) -> MessageId:
        return self.message.message_id


@dataclass(frozen=True, slots=True)
class PinnedRow:
    """One message of the chat's pinned bar: who wrote it and its first line."""

    message_id: MessageId
    sender_name: str
    snippet: str  # the message's preview (first line, or "📎 file")


@dataclass(frozen=True, slots=True)
class FirstUnread:
    """Where the chat opens when messages arrived since it was last read."""

    message_id: MessageId  # the oldest unread message
    count: int  # how many are unread


@dataclass(frozen=True, slots=True)
class MessagePageRows:
    rows: tuple[MessageRow, ...]  # newest first
    next_cursor: PageCursor | None  # pass back for the next older page
    newer_cursor: PageCursor | None = None  # a page around a jump target: the next newer


@dataclass(frozen=True, slots=True, eq=False)
class MemoryFile:
    """A file that exists only in memory (a pasted screenshot): sent from these bytes,
    encrypted straight into the container, never written anywhere in clear. Compared
    by identity: two pastes of the same picture are two attachments."""

    name: str
    data: bytes
