"""What a person does with WardLink, as one object: send, create groups, sync, read.

The CLI and the GUI bridge both drive this; it composes the outgoing and incoming
paths of one ``ClientSession`` and keeps the conversation rules in one place.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.crypto.relay_descriptor import RelayDescriptor
from desktop_app.domain import system_lines
from desktop_app.domain.ids import AttachmentId, ConversationId, MessageId, Uid
from desktop_app.domain.model import Attachment, Message, MessageState
from desktop_app.protocol import Deliver, Revocations
from desktop_app.protocol.limits import MAX_ACK_BATCH
from desktop_app.services import (
    addressing,
    attachments,
    conversations,
    send_now,
    send_uploading,
)
from desktop_app.services.documents import Documents
from desktop_app.services.ephemeral import DisappearingMessages
from desktop_app.services.errors import (
    UNAVAILABLE,
    ClientError,
    RelayRefused,
    RelayUnavailable,
    UnknownRecipient,
    kept_unsent,
)
from desktop_app.services.groups import Groups
from desktop_app.services.incoming import Incoming
from desktop_app.services.incoming_batch import NO_FRAME, handle_batch, linger, take_delivers
from desktop_app.services.key_ahead import KeyAhead
from desktop_app.services.message_events import MessageEvents
from desktop_app.services.outgoing import Outgoing
from desktop_app.services.relay_link import RelayLink
from desktop_app.services.session import ClientSession
from desktop_app.services.teamwork import Teamwork
from desktop_app.services.typing import TypingIndicator
from desktop_app.storage.errors import ContainerError

if TYPE_CHECKING:  # pydicom loads only when a study is sent
    from desktop_app.medical.study import StudySummary

log = logging.getLogger("wardlink.messenger")

IDLE_AFTER_BACKLOG_S = 0.5
BACKLOG_WAIT_S = 15.0  # a busy relay may be slow to push what it announced at login


class Messenger:
    def __init__(self, session: ClientSession) -> None:
        self.s = session
        self.outgoing = Outgoing(session)
        self.events = MessageEvents(session, self.outgoing)  # reactions, edits, deletions
        self.ephemeral = DisappearingMessages(session, self.outgoing)
        self.teamwork = Teamwork(session, self.outgoing)  # tasks and the duty calendar
        self.typing = TypingIndicator(session, self.outgoing)  # "is typing", policy
        self.key_ahead = KeyAhead(session, self.outgoing)  # the room key while one types
        self.incoming = Incoming(session, self.events, self.ephemeral, self.teamwork, self.typing)
        self.groups = Groups(session, self.outgoing)
        self.documents = Documents(session, self.outgoing)  # team files
        self.incoming.documents = self.documents
        self.documents.on_changed = lambda item: self.teamwork.on_changed(item)  # views reload
        self.groups.on_member_added = self.documents.share_with

    # ---- sending ---------------------------------------------------------------------

    async def send_text(
        self,
        to: str,
        text: str,
        *,
        urgent: bool = False,
        deliver: bool = True,
        reply_to: str | None = None,
        mentions: tuple[str, ...] = (),
        escalate_to: str | None = None,
    ) -> Message:
        """``reply_to``: a message of the same conversation this text answers;
        ``mentions``: members or functional accounts named with @ (services/mentions.py);
        ``escalate_to``: urgent only, the directory person or functional account it goes
        on to if nobody acknowledges it (services/escalation.py; else the setting)."""
        message, state = await addressing.new_message(
            self,
            to,
            text,
            urgent=urgent,
            reply_to=reply_to,
            mentions=mentions,
            escalate_to=escalate_to,
        )
        if deliver and self.s.link is not None:
            # Stored, encrypted and queued in one commit (services/send_now.py).
            await self._if_online(lambda: send_now.send_new_text(self, message, state))
        else:
            self.s.container.messages.add(message)
            if deliver:
                await self.deliver_if_online()
        return self.s.container.messages.get(message.message_id) or message

    async def send_file(
        self, to: str, path: Path, text: str = "", *, deliver: bool = True
    ) -> Message:
        if not path.is_file():
            raise ClientError(f"{path} is not a file.", key="not_a_file", name=path.name)
        return await self._send(to, text, [path], urgent=False, deliver=deliver)

    async def send_study(
        self,
        to: str,
        path: Path,
        text: str = "",
        *,
        deliver: bool = True,
        describe: Callable[[StudySummary], str] | None = None,
    ) -> Message:
        """A folder, DICOMDIR or ZIP as ONE study attachment (services/studies.py); the
        text defaults to the patient-free summary the card shows, in the sender's
        language when the GUI passes ``describe`` (English otherwise: the CLI)."""
        # pydicom loads only when a study is sent: a relay host's `wardlink` stays light.
        from desktop_app.services import studies

        study = studies.scan(path)
        summary = study.summary()
        body = text or (describe(summary) if describe else f"Study: {summary.text()}")
        message = await self.compose(to, body, [])
        name = path.parent.name if path.name.upper() == "DICOMDIR" else path.stem
        studies.store_study(self.s.container, study, name or "study", message.message_id)
        if deliver:
            await self.deliver_if_online()
        return self.s.container.messages.get(message.message_id) or message

    async def send_bytes(
        self,
        to: str,
        name: str,
        data: bytes,
        text: str = "",
        *,
        deliver: bool = True,
        reply_to: str | None = None,
    ) -> Message:
        """Send a file that exists only in memory (a pasted screenshot, an annotation GSPS);
        see store_bytes. ``reply_to``: the message it answers (the annotated image's)."""
        return await self._send(
            to, text, [(name, data)], urgent=False, deliver=deliver, reply_to=reply_to
        )

    async def _send(
        self,
        to: str,
        text: str,
        files: list[Path | tuple[str, bytes]],
        *,
        urgent: bool,
        deliver: bool,
        reply_to: str | None = None,
    ) -> Message:
        """Store the message (and its files, encrypted) first; encrypt and send if online.

        Offline, it stays QUEUED in the container and goes out on the next connect.
        ``deliver=False`` stops after storing (the GUI shows the card, then delivers).
        Online with ``deliver``, each file is uploaded as it is encrypted, before the
        message is stored (services/send_uploading.py).
        """
        message = None
        if deliver and files and self.s.link is not None:  # one pass over each body
            message = await send_uploading.compose_uploaded(
                self, to, text, files, urgent=urgent, reply_to=reply_to
            )
        if message is None:
            message = await self.compose(to, text, files, urgent=urgent, reply_to=reply_to)
        if deliver:
            await self.deliver_if_online()
        return self.s.container.messages.get(message.message_id) or message

    async def compose(
        self,
        to: str,
        text: str,
        files: list[Path | tuple[str, bytes]],
        *,
        urgent: bool = False,
        reply_to: str | None = None,
        forwarded: bool = False,
        mentions: tuple[str, ...] = (),
        escalate_to: str | None = None,
    ) -> Message:
        """Store a new message of mine, its files encrypted into the container; QUEUED
        until ``deliver_if_online`` (or the next connect) sends it."""
        s = self.s
        message, _state = await addressing.new_message(
            self,
            to,
            text,
            urgent=urgent,
            reply_to=reply_to,
            forwarded=forwarded,
            mentions=mentions,
            escalate_to=escalate_to,
        )
        s.container.messages.add(message)
        for item in files:
            if isinstance(item, Path):
                attachments.store_file(s.container, item, message.message_id)
            else:
                attachments.store_bytes(s.container, *item, message.message_id)
        return message

    async def deliver_if_online(self) -> None:
        """Send what is queued if connected; a failing link just leaves it queued."""
        await self._if_online(self.deliver_queued)

    async def _if_online(self, send: Callable[[], Awaitable[object]]) -> None:
        if self.s.link is not None:
            try:
                await send()
            except RelayUnavailable:
                await self.s.close()  # it stays QUEUED in the container; sent on reconnect
            except RelayRefused as exc:
                if exc.code == UNAVAILABLE:  # the relay lost its database: reconnect (to
                    await self.s.close()  # another node if need be), which sends it
                raise

    async def open_conversation(self, to: str) -> ConversationId:
        """The conversation a message to ``to`` goes into (services/addressing.py)."""
        return await addressing.open_conversation(self, to)

    async def deliver_queued(self) -> int:
        """Encrypt our QUEUED messages (oldest first), queue them, and flush the outbox."""
        s = self.s
        link = s.require_link()
        done = 0
        while queued := s.container.messages.queued_from(Uid(s.uid)):
            await self._encrypt_queued(link, queued)
            done += len(queued)
        await self.flush_queued()
        return done

    async def flush_queued(self) -> None:
        """Send the outbox (what is encrypted already) with what teamwork holds back."""
        await self.teamwork.send_unsent(flush=False)  # task/calendar changes made offline
        await self.outgoing.flush()
        self.announce_new_devices()

    async def _encrypt_queued(self, link: RelayLink, queued: list[Message]) -> None:
        s = self.s
        for message in queued:
            state = s.container.conversations.state(message.conversation_id)
            if state is None or s.uid not in state.members:
                s.container.messages.set_state(message.message_id, MessageState.FAILED)
                continue
            refs = [
                await attachments.reference(s.container, link, a)
                for a in s.container.attachments.for_message(message.message_id)
            ]
            try:
                await self.outgoing.queue_content(
                    message.conversation_id,
                    state.members,
                    send_now.wire_message(message, refs),
                    message_id=message.message_id,
                    now=s.clock(),
                    announce=conversations.as_wire(state, s.clock()),
                    # The last one's commit is durable: flush's barrier then has nothing
                    # to sync (Database.unsynced), one commit fewer per message sent.
                    durable=message is queued[-1],
                )
            except UnknownRecipient as exc:
                s.container.messages.set_state(message.message_id, MessageState.FAILED)
                kept_unsent(exc)
                raise

    async def connect(
        self, address: tuple[str, int], advert: RelayDescriptor | None = None
    ) -> None:
        """Log in, then send whatever was written while offline (and try again the team
        documents' bodies whose fetch failed a while ago)."""
        await self.s.connect(address, advert)
        await self.deliver_queued()
        await self.add_pending_members()
        await self.documents.fetch_due()

    # ---- groups (services/groups.py) ---------------------------------------------------

    async def create_group(self, title: str, uids: list[str]) -> ConversationId:
        return await self.groups.create_group(title, uids)

    async def add_member(self, conversation: str, uid: str) -> bool:
        return await self.groups.add_member(conversation, uid)

    async def remove_member(self, conversation: str, uid: str) -> None:
        await self.groups.remove_member(conversation, uid)

    async def rename_group(self, conversation: str, title: str) -> bool:
        return await self.groups.rename_group(conversation, title)

    async def add_pending_members(self) -> list[tuple[ConversationId, str]]:
        return await self.groups.add_pending_members()

    # ---- receiving -------------------------------------------------------------------

    async def sync(
        self, wait_s: float = 0.0, on_message: Callable[[Message], None] | None = None
    ) -> list[Message]:
        """Send what is queued, then take in everything the relay holds for us.

        Returns when the mailbox is drained and nothing new came for a moment, or, with
        ``wait_s``, after that many seconds. "Drained" counts the envelopes the relay said
        were waiting at login, so a slow push is not mistaken for an empty mailbox.
        """
        s = self.s
        link = s.require_link()
        await self.deliver_queued()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait_s
        received: list[Message] = []
        to_ack: list[tuple[str, str]] = []
        storage_failure: ContainerError | None = None
        new_sessions = False  # an Olm part may have used up one of our one-time keys
        backlog, s.pending_at_login = s.pending_at_login, 0
        after: Any = NO_FRAME  # a frame that ended the last batch, handled next
        while True:
            if after is NO_FRAME and to_ack:  # more may be on its way: one ack for all
                after = await linger(link.incoming)
                if after is NO_FRAME:
                    await self.incoming.acknowledge(to_ack)
                    to_ack = []
            if after is not NO_FRAME:
                frame, after = after, NO_FRAME
            else:
                if wait_s:
                    timeout = max(deadline - loop.time(), 0)
                else:
                    timeout = BACKLOG_WAIT_S if backlog > 0 else IDLE_AFTER_BACKLOG_S
                try:
                    frame = await asyncio.wait_for(link.incoming.get(), timeout or 0.01)
                except TimeoutError:
                    break
            if frame is None:
                to_ack = []  # nothing to acknowledge on: it comes again and is recognised
                break  # the link failed; what was stored stays stored
            if isinstance(frame, Revocations):
                s.peers.accept_pushed_revocations(frame.crl)
                continue
            assert isinstance(frame, Deliver)
            # What has arrived is one batch: one transaction (services/incoming_batch.py).
            frames, after = take_delivers(frame, link.incoming, MAX_ACK_BATCH - len(to_ack))
            backlog -= len(frames)
            new_sessions = new_sessions or any(f.device_payload is not None for f in frames)
            batch = await handle_batch(self.incoming, frames)
            for message in batch.messages:
                received.append(message)
                if on_message is not None:
                    on_message(message)
            to_ack += batch.handled
            if isinstance(batch.error, ContainerError):
                # Not an envelope's fault: the container cannot store (disk full, I/O
                # error), so no envelope behind it could be either. It stays unacknowledged
                # and comes again; the person is told rather than seeing an empty mailbox.
                storage_failure = batch.error
                break
            if batch.error is not None:
                break  # the link failed; not acknowledged, so it comes again
            if len(to_ack) >= MAX_ACK_BATCH:
                await self.incoming.acknowledge(to_ack)
                to_ack = []
        if to_ack:
            await self.incoming.acknowledge(to_ack)
        if storage_failure is not None:
            raise storage_failure
        if new_sessions and s.link is not None:
            await s.replenish_keys()
        self.announce_new_devices()
        return received

    async def refetch(self, message_id: str, attachment_id: str) -> Attachment:
        """Download a received attachment again whose first download failed."""
        s = self.s
        return await attachments.refetch(
            s.container,
            s.require_link(),
            MessageId(message_id),
            AttachmentId(attachment_id),
            s.fetches,
        )

    def history(self, conversation: str, limit: int = 200) -> list[Message]:
        cid = ConversationId(conversation)
        if self.s.container.conversations.get(cid) is None:
            raise UnknownRecipient(
                f"No conversation {conversation} in this container.", key="no_conversation"
            )
        page = self.s.container.messages.page(cid, limit=limit)
        return list(reversed(page.messages))

    def announce_new_devices(self) -> None:
        s = self.s
        fresh, s.peers.new_devices = s.peers.new_devices, []
        if not fresh:
            return
        now = s.clock()
        for summary in s.container.conversations.recent(500):
            conv = summary.conversation
            for device in fresh:
                if device.uid in conv.members and device.uid != s.uid:
                    name = s.display_name(device.uid)
                    conversations.system_line(
                        s.container,
                        conv.conversation_id,
                        device.uid,
                        system_lines.encode("new_device", who=name),
                        f"device/{device.device_id}",
                        now,
                    )
