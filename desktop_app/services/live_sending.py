"""The GUI's sends and changes to messages: text, files, reactions, edits, deletions.

A layer of ``LiveClient`` (which supplies the messenger, the ratchet lock, the event
hook and the connection status). Each action runs under the ratchet lock and shows its
result at once: the row goes to the open chat as an event, so the person sees their own
message, reaction or edit without waiting for the next batch from the relay.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.ids import AttachmentId, MessageId
from desktop_app.domain.model import Message, MessageState
from desktop_app.services import studies
from desktop_app.services.errors import ClientError, RelayUnavailable
from desktop_app.services.live_reading import LiveReading
from desktop_app.services.live_views import (
    EVENT_CONVERSATIONS,
    EVENT_MESSAGES,
    ConnectionStatus,
    Link,
    MemoryFile,
    MessageRow,
)
from desktop_app.services.messenger import Messenger

if TYPE_CHECKING:  # pydicom loads only when a study is sent
    from desktop_app.medical.study import StudySummary


class LiveSending(LiveReading):
    messenger: Messenger
    _busy: asyncio.Lock
    _notify: Callable[[str, object], None]
    _status: ConnectionStatus

    def _post_status(self, status: ConnectionStatus) -> None:
        raise NotImplementedError

    def _queued(self) -> int:
        raise NotImplementedError

    async def refetch_attachment(
        self, message_id: MessageId, attachment_id: AttachmentId
    ) -> MessageRow | None:
        """ "Retry download" on an attachment whose download failed; the card updates."""
        if self.session.link is None:
            raise RelayUnavailable(
                "Not connected to the relay; try again when connected.", key="not_connected"
            )
        async with self._busy:
            await self.messenger.refetch(message_id, attachment_id)
        row = self._row_for(message_id)
        if row is not None:
            self._notify(EVENT_MESSAGES, (row,))
        return row

    async def send_text(
        self,
        conversation: str,
        text: str,
        *,
        urgent: bool = False,
        reply_to: str | None = None,
        mentions: tuple[str, ...] = (),
        escalate_to: str | None = None,
    ) -> MessageRow:
        """``reply_to``: a message of the same conversation this text answers;
        ``mentions``: uids the composer's @ autocomplete inserted (services/mentions.py);
        ``escalate_to``: urgent only, whom it goes on to unacknowledged ("Escalate to…")."""
        async with self._busy:
            message = await self.messenger.send_text(
                conversation,
                text,
                urgent=urgent,
                reply_to=reply_to,
                mentions=mentions,
                escalate_to=escalate_to,
            )
        self.messenger.typing.stopped(conversation)  # the next keystroke signals anew
        return self._after_send(message)

    async def react(self, message_id: MessageId, emoji: str | None) -> MessageRow | None:
        """Set my reaction (one of the fixed six), change it, or remove it (None)."""
        async with self._busy:
            await self.messenger.events.react(message_id, emoji)
        return self._changed(message_id)

    async def edit(self, message_id: MessageId, text: str) -> MessageRow | None:
        """Change the text of one of my messages, for everyone (the versions are kept)."""
        async with self._busy:
            await self.messenger.events.edit(message_id, text.strip())
        return self._changed(message_id)

    async def delete_for_everyone(self, message_id: MessageId) -> MessageRow | None:
        """Purge one of my messages here and on every PC that receives the deletion."""
        async with self._busy:
            await self.messenger.events.delete_for_everyone(message_id)
        row = self._changed(message_id)
        self._notify(EVENT_CONVERSATIONS, None)
        return row

    def _changed(self, message_id: MessageId) -> MessageRow | None:
        """Show my own reaction, edit or deletion at once (not with the next batch)."""
        if message_id in self.messenger.incoming.changed:
            self.messenger.incoming.changed.remove(message_id)
        row = self._row_for(message_id)
        if row is not None:
            self._notify(EVENT_MESSAGES, (row,))
        return row

    async def send_files(
        self,
        conversation: str,
        paths: list[Path | MemoryFile],
        text: str = "",
        *,
        describe_study: Callable[[StudySummary], str] | None = None,
    ) -> list[MessageRow]:
        """One message per file (the text goes with the first), like other messengers; a
        folder, a DICOMDIR or a ZIP of DICOM files is one study attachment.

        Each is stored and shown first (its card, with a progress bar from the transfer
        events), then uploaded and sent.
        """
        rows = []
        for i, path in enumerate(paths):
            async with self._busy:
                caption = text if i == 0 else ""
                if isinstance(path, MemoryFile):  # a pasted picture: never on disk in clear
                    message = await self.messenger.send_bytes(
                        conversation, path.name, path.data, caption, deliver=False
                    )
                elif studies.is_study_path(path):  # a folder, a CD's DICOMDIR, a DICOM ZIP
                    message = await self.messenger.send_study(
                        conversation, path, caption, deliver=False, describe=describe_study
                    )
                else:
                    message = await self.messenger.send_file(
                        conversation, path, caption, deliver=False
                    )
            self._after_send(message)
            async with self._busy:
                await self.messenger.deliver_if_online()
            rows.append(
                self._after_send(self.container.messages.get(message.message_id) or message)
            )
        return rows

    async def send_annotated(
        self, reply_to: str, name: str, data: bytes, text: str = ""
    ) -> MessageRow:
        """A GSPS made in the viewer, as a reply to the annotated image's message (in
        that message's conversation)."""
        original = self.container.messages.get(MessageId(reply_to))
        if original is None:
            raise ClientError(
                "The annotated image's message is no longer in this chat.", key="annotated_gone"
            )
        async with self._busy:
            message = await self.messenger.send_bytes(
                original.conversation_id, name, data, text, deliver=False, reply_to=reply_to
            )
        self._after_send(message)
        async with self._busy:
            await self.messenger.deliver_if_online()
        return self._after_send(self.container.messages.get(message.message_id) or message)

    def _after_send(self, message: Message) -> MessageRow:
        row = self._row(message)
        self._notify(EVENT_MESSAGES, (row,))
        self._notify(EVENT_CONVERSATIONS, None)
        if message.state is MessageState.QUEUED and self._status.link is not Link.CONNECTED:
            self._post_status(replace(self._status, queued=self._queued()))
        return row
