"""What the GUI reads of one person's container: conversation and message rows, names,
drafts, attachment bytes for the viewer. No network and no ratchets: these calls run on
the bridge's thread like everything else, but never need the live client's lock.
``LiveClient`` adds the connection, the receive loop and the actions on top.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from desktop_app.domain.ids import AttachmentId, ConversationId, MessageId, Uid
from desktop_app.domain.model import Attachment, Message, MessageState
from desktop_app.medical.errors import MedicalError
from desktop_app.medical.study_package import Manifest
from desktop_app.services import conversations, key_images, mentions, partial_downloads, studies
from desktop_app.services.annotated import (
    AnnotatedImage,
    ImageChoice,
    find_annotated,
    image_history,
)
from desktop_app.services.chosen_file import chosen_file
from desktop_app.services.errors import ClientError
from desktop_app.services.key_images import KeySlice
from desktop_app.services.live_views import (
    MAX_QUOTE_CHARS,
    Acknowledgement,
    ConversationRow,
    FirstUnread,
    MessagePageRows,
    MessageRow,
    Quote,
    ReactionChip,
    VoiceInfo,
    shortened,
)
from desktop_app.services.message_events import quoted
from desktop_app.services.session import ClientSession
from desktop_app.services.voice import is_voice, stored_voice
from desktop_app.storage.container import Container
from desktop_app.storage.sql_messages import PageCursor
from desktop_app.storage.sql_receipts import ReceiptKind
from desktop_app.storage.timeutil import from_ms

MAX_VIEW_BYTES = 1024 * 1024 * 1024  # what the viewer may hold in memory at once
MAX_PREVIEW_CHARS = 80
UNREAD_SCAN_PAGE = 500  # messages per page while counting back to the first unread
MAX_UNREAD_SCAN = 20_000  # more unread than this: the chat opens at the oldest counted


class LiveReading:
    container: Container
    session: ClientSession
    _names: dict[str, str]
    _voices: dict[AttachmentId, VoiceInfo | None]  # measured once per attachment

    @property
    def uid(self) -> str:
        return self.session.uid

    def conversations(self, limit: int = 200) -> list[ConversationRow]:
        rows = []
        for summary in self.container.conversations.recent(limit):
            conv = summary.conversation
            page = self.container.messages.page(conv.conversation_id, limit=1)
            last = page.messages[0] if page.messages else None
            title = conversations.shown_title(  # a 1:1: the other person, whoever started it
                conv.kind, conv.title, conv.members, self.uid, self.name
            )
            rows.append(
                ConversationRow(
                    conv.conversation_id,
                    title,
                    conv.kind,
                    summary.unread,
                    summary.last_activity,
                    self._preview(last),
                    ""
                    if last is None or last.kind.value == "system"
                    else self.name(last.sender_uid),
                    len(conv.members),
                    last is not None and last.kind.value == "system",
                    self.container.conversations.muted(conv.conversation_id),
                    last is not None
                    and last.kind.value != "system"
                    and last.sender_uid == self.uid,
                    summary.pinned,
                )
            )
        return rows

    def conversations_matching(self, text: str) -> set[ConversationId]:
        """Conversations whose messages contain ``text`` (the container's FTS index)."""
        return set(self.container.messages.conversations_matching(text))

    def draft(self, conversation: ConversationId) -> str:
        """The text left unsent in this conversation's composer (kept in the container)."""
        return self.container.drafts.get(conversation)

    def save_draft(self, conversation: ConversationId, text: str) -> None:
        self.container.drafts.set(conversation, text)

    def _preview(self, message: Message | None) -> str:
        if message is None:
            return ""
        if message.kind.value == "system":
            return message.body  # structured (domain.system_lines): the GUI renders it
        text = message.body.strip().splitlines()[0] if message.body.strip() else ""
        if not text:
            files = self.container.attachments.for_message(message.message_id)
            voice = self._voice(message, tuple(files)) if files else None
            if voice is not None:  # language-neutral: "🎤 0:12"
                seconds = round(voice.duration_ms / 1000)
                text = f"🎤 {seconds // 60}:{seconds % 60:02d}"
            else:
                text = f"📎 {files[0].file_name}" if files else ""
        return shortened(text, MAX_PREVIEW_CHARS)

    def page(
        self, conversation: ConversationId, before: PageCursor | None = None, limit: int = 60
    ) -> MessagePageRows:
        """Newest first; ``before`` is the previous page's ``next_cursor``."""
        page = self.container.messages.page(conversation, limit=limit, before=before)
        return MessagePageRows(tuple(self._row(m) for m in page.messages), page.next_cursor)

    def first_unread(self, conversation: ConversationId) -> FirstUnread | None:
        """The oldest message received since the chat was last read (None: all read).

        The container keeps an unread count per conversation, not a flag per message:
        the first unread is the count-th newest received message. Ask before
        ``mark_read`` (the chat does, on opening)."""
        count = self.container.conversations.unread(conversation)
        if count <= 0:
            return None
        found: MessageId | None = None
        seen = scanned = 0
        cursor: PageCursor | None = None
        while seen < count and scanned < MAX_UNREAD_SCAN:
            page = self.container.messages.page(conversation, limit=UNREAD_SCAN_PAGE, before=cursor)
            for message in page.messages:  # newest first
                scanned += 1
                if message.state is MessageState.RECEIVED:
                    found, seen = message.message_id, seen + 1
                    if seen == count:
                        break
            if page.next_cursor is None or not page.messages:
                break
            cursor = page.next_cursor
        return None if found is None else FirstUnread(found, count)

    def page_around(
        self, conversation: ConversationId, message_id: MessageId, limit: int = 60
    ) -> MessagePageRows | None:
        """``message_id`` with ``limit`` older and ``limit`` newer messages, newest first
        (a jump to a quote or a search hit far back: one page instead of every page
        between); None when it is not (or no longer) on this PC."""
        messages = self.container.messages
        at = messages.cursor_of(conversation, message_id)
        if at is None:
            return None
        with_it = PageCursor(at.sent_at_ms, at.row_id + 1)  # (sent_at, id) <= the target's
        older = messages.page(conversation, limit=limit + 1, before=with_it)
        newer = messages.page_after(conversation, at, limit=limit)
        rows = tuple(self._row(m) for m in (*newer.messages, *older.messages))
        return MessagePageRows(rows, older.next_cursor, newer.next_cursor)

    def page_newer(
        self, conversation: ConversationId, after: PageCursor, limit: int = 60
    ) -> MessagePageRows:
        """The messages just newer than a page around a jump target, newest first."""
        page = self.container.messages.page_after(conversation, after, limit=limit)
        return MessagePageRows(tuple(self._row(m) for m in page.messages), None, page.next_cursor)

    def message(self, message_id: MessageId) -> MessageRow | None:
        return self._row_for(message_id)

    def _row_for(self, message_id: MessageId) -> MessageRow | None:
        message = self.container.messages.get(message_id)
        return None if message is None else self._row(message)

    def _row(self, message: Message) -> MessageRow:
        files = tuple(self.container.attachments.for_message(message.message_id))
        # A study still arriving (or arriving again after a failed try) shows as a card
        # with its progress (services/study_downloads.py).
        arriving = {
            a.attachment_id: a
            for a in partial_downloads.pending_for(self.container.blobs, message.message_id)
        }
        files = tuple(arriving.pop(a.attachment_id, a) for a in files) + tuple(arriving.values())
        if files:
            message = _with_attachments(message, files)
        receipts = tuple(self.container.receipts.for_message(message.message_id))
        acks = tuple(
            Acknowledgement(self.name(r.uid), r.at, r.uid == self.uid)
            for r in receipts
            if r.kind is ReceiptKind.ACKNOWLEDGED and r.uid != message.sender_uid
        )
        mine = message.sender_uid == self.uid
        needs_ack = (
            message.urgent
            and not mine
            and not any(r.kind is ReceiptKind.ACKNOWLEDGED and r.uid == self.uid for r in receipts)
        )
        roles = mentions.roles_held(self.session) if message.mentions else frozenset()
        muted = self.container.conversations.muted(message.conversation_id)
        return MessageRow(
            message,
            self.name(message.sender_uid),
            mine,
            receipts,
            acks,
            needs_ack,
            quote=self._quote(message),
            reactions=self._reactions(message),
            mentions_me=mentions.mentions_me(message, self.uid, roles),
            notify=mentions.notifies(message, self.uid, roles, muted),
            voice=self._voice(message, files),
        )

    def _voice(self, message: Message, files: tuple[Attachment, ...]) -> VoiceInfo | None:
        if message.deleted_at is not None or not any(is_voice(a.file_name) for a in files):
            return None
        return stored_voice(self.container, message.message_id, self._voices)

    def _quote(self, message: Message) -> Quote | None:
        if message.reply_to is None:
            return None
        original = quoted(self.container, message)
        if original is None or original.deleted_at is not None:
            return Quote(message.reply_to, "", "", deleted=True)
        snippet = self._preview(original).strip()
        name = self.name(original.sender_uid)
        return Quote(
            original.message_id,
            name,
            shortened(snippet, MAX_QUOTE_CHARS),
            False,
            original.sender_uid,
        )

    def _reactions(self, message: Message) -> tuple[ReactionChip, ...]:
        if message.kind.value != "text" or message.deleted_at is not None:
            return ()
        found = self.container.events.reactions(message.message_id)
        return tuple(
            ReactionChip(emoji, tuple(self.name(u) for u in uids), self.uid in uids)
            for emoji, uids in found.items()
        )

    def versions(self, message_id: MessageId) -> list[tuple[str, datetime]]:
        """An edited message's versions, oldest first (text, when): "Show edit history"."""
        return [(v.text, from_ms(v.at_ms)) for v in self.container.events.versions(message_id)]

    def name(self, uid: str) -> str:
        """Display name for a uid: directory entry, own name, known peer, else the uid."""
        if uid in self._names:
            return self._names[uid]
        person = self.container.peers.person(Uid(uid))
        found = self.session.display_name(uid)
        if found == uid and uid == self.uid and self.container.slot.owner.display_name:
            found = self.container.slot.owner.display_name
        elif found == uid and person is not None and person.display_name:
            found = person.display_name
        self._names[uid] = found
        return found

    def waiting_urgent(self) -> list[MessageRow]:
        """Urgent messages to me not yet acknowledged (the alarm repeats for these)."""
        ids = self.container.receipts.unacknowledged_urgent(Uid(self.uid))
        return [r for r in (self._row_for(mid) for mid in ids) if r is not None]

    def attachment_bytes(self, attachment_id: AttachmentId) -> bytes:
        """A decrypted attachment in memory, for the viewer (never written out in clear)."""
        out = bytearray()
        for chunk in self.container.attachments.read_chunks(attachment_id):
            out += chunk
            if len(out) > MAX_VIEW_BYTES:
                raise ClientError(
                    "This file is too large to open in the viewer.", key="view_too_large"
                )
        return bytes(out)

    def annotated_image(self, attachment_id: AttachmentId, message_id: MessageId) -> AnnotatedImage:
        """A received GSPS and this container's copy of the image it annotates."""
        try:
            return find_annotated(self.container, attachment_id, message_id, MAX_VIEW_BYTES)
        except MedicalError as exc:
            raise ClientError(str(exc), key="annotations_unreadable") from exc

    def image_history(self, message_id: MessageId) -> list[ImageChoice]:
        """DICOM files of the chat `message_id` is in, newest first ("Compare with…")."""
        message = self.container.messages.get(message_id)
        if message is None:
            raise ClientError("This message is no longer in the chat.", key="no_message")
        return image_history(self.container, message.conversation_id)

    def key_slice(self, attachment_id: AttachmentId, message_id: MessageId) -> KeySlice:
        """Where a received key image note (KOS) points: study attachment, series, slice."""
        return key_images.locate(self.container, attachment_id, message_id)

    def study_overview(self, attachment_id: AttachmentId) -> tuple[Manifest, dict[int, bytes]]:
        """A study attachment's manifest and one middle slice per series (thumbnails,
        by series index) of the series that have arrived (all once the study is stored)."""
        return studies.overview(self.container, attachment_id)

    def study_series(self, attachment_id: AttachmentId, index: int) -> list[bytes]:
        """One series of a study attachment, its files in slice order, in memory."""
        manifest = studies.manifest(self.container, attachment_id)
        series = manifest.series[index] if 0 <= index < len(manifest.series) else None
        if series is not None and sum(i.size for i in series.instances) > MAX_VIEW_BYTES:
            raise ClientError(
                "This series is too large to open in the viewer.", key="series_too_large"
            )
        return studies.series_files(self.container, attachment_id, index)[1]

    def export_attachment(self, attachment_id: AttachmentId, destination: Path) -> int:
        """Write a decrypted copy where the person chose (after the UI's warning)."""
        with chosen_file(destination, saving=True):
            return self.container.attachments.export(attachment_id, destination)


def _with_attachments(message: Message, files: tuple[Attachment, ...]) -> Message:
    return replace(message, attachments=files)
