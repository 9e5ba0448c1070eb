"""The GUI's side of one unlocked person: connection, receive loop, sends, receipts.

``LiveClient`` runs on the bridge's asyncio thread. It keeps the relay connection
(``RelayLocator.keep_connected``), drains the link's incoming queue for as long as the
connection lives, and turns what happens into events for the GUI (``live_views``).
User actions arrive as method calls through the bridge.

One asyncio lock (``_busy``) serialises everything that touches the ratchets and the
container: handling one delivered frame, one send, one receipt. Olm/Megolm state is
loaded, advanced and saved across awaits, so two of those interleaving could reuse a
ratchet step; holding the lock per unit of work costs nothing noticeable at ward scale.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop_app.domain.ids import AttachmentId, ConversationId, MessageId, Uid
from desktop_app.domain.model import Message, MessageState
from desktop_app.protocol import Deliver, Revocations
from desktop_app.protocol.limits import MAX_ACK_BATCH
from desktop_app.services import deletion, export
from desktop_app.services import policy as machine
from desktop_app.services import preferences as prefs_store
from desktop_app.services.call_network import from_policy
from desktop_app.services.calls import EVENT_ENDED, CallEvent, Calls
from desktop_app.services.device_watch import DEVICE_WATCH_S, watch_devices
from desktop_app.services.discovery import RelayDiscovery
from desktop_app.services.errors import UNAVAILABLE, RelayRefused, RelayUnavailable
from desktop_app.services.escalation import ESCALATION_CHECK_S, watch_escalations
from desktop_app.services.incoming_batch import NO_FRAME, handle_batch, linger, take_delivers
from desktop_app.services.live_calls import LiveCalls
from desktop_app.services.live_convo import LiveConversationTools
from desktop_app.services.live_files import LiveFiles
from desktop_app.services.live_group_calls import LiveGroupCalls
from desktop_app.services.live_membership import LiveMembership
from desktop_app.services.live_preferences import LivePreferences
from desktop_app.services.live_teamwork import LiveTeamwork
from desktop_app.services.live_views import (
    EVENT_CALL,
    EVENT_CONNECTION,
    EVENT_CONVERSATIONS,
    EVENT_MESSAGES,
    EVENT_TEAMWORK,
    EVENT_TRANSFER,
    EVENT_TYPING,
    EVENT_URGENT,
    EVENT_WITHDRAWN,
    ConnectionStatus,
    Link,
    MessageRow,
    Transfer,
    VoiceInfo,
)
from desktop_app.services.messenger import Messenger
from desktop_app.services.receipts_out import OutgoingReceipts
from desktop_app.services.relay_link import RelayLink
from desktop_app.services.relay_locator import Connected, RelayLocator
from desktop_app.services.session import ClientSession
from desktop_app.services.study_downloads import StudyDownloads
from desktop_app.services.typing import TypingNow
from desktop_app.storage.container import Container
from desktop_app.storage.errors import ContainerError
from desktop_app.storage.sql_receipts import Receipt, ReceiptKind
from desktop_app.storage.timeutil import utc_now

log = logging.getLogger("wardlink.live")

Notify = Callable[[str, object], None]


class LiveClient(LiveConversationTools, LivePreferences, LiveMembership):
    def __init__(
        self,
        container: Container,
        notify: Notify,
        *,
        relay: str | None = None,
        policy_address: str | None = None,
        discovery: bool = False,
        discovery_interface: str | None = None,
        rules: machine.Policy | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.container = container
        self.session = ClientSession(container, clock)
        self.session.on_withdrawn = lambda wiped: notify(EVENT_WITHDRAWN, wiped)  # remote wipe
        self.messenger = Messenger(self.session)
        org = self.session.org
        self.locator = RelayLocator(
            self.messenger,
            override=relay,
            policy_address=policy_address,
            discovery=(lambda: RelayDiscovery(org, discovery_interface)) if discovery else None,
        )
        self.rules = rules if rules is not None else machine.Policy()
        prefs = prefs_store.load(container.settings, self.rules)
        self.receipts_enabled = prefs.receipts.value  # delivered/read; acks always go
        self.retention_days = machine.retention_days(self.rules)  # None: kept
        self.messenger.events.retention_days = self.retention_days  # delete-for-everyone
        self.messenger.ephemeral.policy_hours = self.rules.ephemeral_hours
        self.messenger.typing.enabled = machine.typing_indicator(self.rules)
        self.messenger.typing.on_changed = lambda cid: notify(
            EVENT_TYPING, TypingNow(cid, self.typing_names(cid))
        )
        self._notify = notify
        self._busy = asyncio.Lock()
        self.study_downloads = StudyDownloads(container, notify, self._row_for)
        self.receipts = OutgoingReceipts(self.messenger, self._busy)
        # Calls share the ratchet lock; their signals arrive through the receive loop.
        self.calls = Calls(
            self.messenger,
            from_policy(self.rules),
            lock=self._busy,
            on_event=self._on_call_event,
            video_allowed=machine.video_allowed(self.rules),
            calls_allowed=machine.calls_allowed(self.rules),
        )
        # Tasks and the duty calendar; a change (mine or received) redraws the views.
        self.teamwork = LiveTeamwork(
            self.messenger.teamwork, self._busy, self.name, self.conversation_title, clock
        )
        self.messenger.teamwork.on_changed = lambda item: notify(EVENT_TEAMWORK, item)
        self.files = LiveFiles(self.messenger.documents, self._busy, self.name)  # team files
        self.live_calls = LiveCalls(self.calls)  # what the call windows drive
        self.group_calls = LiveGroupCalls(self.calls, lambda e: notify(EVENT_CALL, e))
        self._stop: asyncio.Event | None = None
        self._keeper: asyncio.Task[None] | None = None
        self._receiver: asyncio.Task[None] | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._retention: asyncio.Task[None] | None = None
        self._escalation: asyncio.Task[None] | None = None
        self._ephemeral: asyncio.Task[None] | None = None
        self.device_watch_s = DEVICE_WATCH_S
        self.escalation_check_s = ESCALATION_CHECK_S
        self.escalation_minutes = machine.urgent_escalation_minutes(self.rules)  # 0: off
        self._names: dict[str, str] = {}
        self._voices: dict[AttachmentId, VoiceInfo | None] = {}
        self._status = ConnectionStatus(Link.SEARCHING)

    # ---- lifecycle -------------------------------------------------------------------

    async def start(self) -> None:
        """Apply retention, start keeping the relay connection; returns at once."""
        deletion.apply_retention(self.session, self.retention_days)
        self._retention = asyncio.create_task(
            deletion.keep_retention(
                self.session,
                self.retention_days,
                self._busy,
                lambda: self._notify(EVENT_CONVERSATIONS, None),
            )
        )
        self.messenger.ephemeral.apply()
        self._ephemeral = asyncio.create_task(
            self.messenger.ephemeral.keep_applying(
                self._busy, lambda: self._notify(EVENT_CONVERSATIONS, None)
            )
        )
        self._stop = asyncio.Event()
        self._post_status(ConnectionStatus(Link.SEARCHING, queued=self._queued()))
        self._keeper = asyncio.create_task(
            self.locator.keep_connected(self._stop, self._on_connected, self._on_trouble)
        )

    async def stop(self) -> None:
        """Stop receiving and disconnect; the container stays open (its owner closes it)."""
        # Hang up while the link still carries the signal: Lock and Switch user end a
        # call first.
        await self.group_calls.close()  # leaves: the members learn it
        await self.calls.close()
        if self._stop is not None:
            self._stop.set()
        tasks = (
            self._receiver,
            self._watcher,
            self._keeper,
            self._retention,
            self._escalation,
            self._ephemeral,
        )
        for task in tasks:
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        self._receiver = self._watcher = self._keeper = self._retention = None
        self._escalation = self._ephemeral = None
        await self.locator.close()
        await self.session.close()

    def _on_connected(self, connected: Connected) -> None:
        link = self.session.require_link()
        link.transfer_listener = self._on_transfer
        self._receiver = asyncio.create_task(self._receive(link))
        if self._watcher is not None:
            self._watcher.cancel()
        self._watcher = asyncio.create_task(
            watch_devices(
                self.messenger,
                link,
                self._busy,
                lambda: self._notify(EVENT_CONVERSATIONS, None),
                self.device_watch_s,
            )
        )
        if self._escalation is not None:
            self._escalation.cancel()
        self._escalation = asyncio.create_task(
            watch_escalations(
                self.messenger,
                self._busy,
                self.escalation_minutes,
                lambda: self._notify(EVENT_CONVERSATIONS, None),
                self.escalation_check_s,
            )
        )
        relay = f"{connected.address[0]}:{connected.address[1]}"
        session = self.session  # its certificate fields were set by the login just made
        self._post_status(
            ConnectionStatus(
                Link.CONNECTED,
                relay,
                connected.source,
                0,
                certificate_warning=session.certificate_warning or "",
                certificate_expires=session.certificate_expires,
                certificate_expired=session.certificate_expired,
            )
        )
        self._notify(EVENT_CONVERSATIONS, None)  # the queued messages went out

    def _on_trouble(self, problem: BaseException) -> None:
        link = Link.OFFLINE if self._status.link is not Link.SEARCHING else Link.SEARCHING
        self._post_status(
            ConnectionStatus(
                link,
                queued=self._queued(),
                problem=str(problem),
                problem_error=problem,
                certificate_warning=self._status.certificate_warning,
                certificate_expires=self._status.certificate_expires,
                certificate_expired=self._status.certificate_expired,
            )
        )

    def _storage_trouble(self, problem: ContainerError | None) -> None:
        text = str(problem) if problem is not None else ""
        if text != self._status.storage_problem:
            self._post_status(replace(self._status, storage_problem=text, storage_error=problem))

    def _on_call_event(self, event: CallEvent) -> None:
        self._notify(EVENT_CALL, event)
        if event.kind == EVENT_ENDED:
            self._notify(EVENT_CONVERSATIONS, None)  # its line in the chat

    def _on_transfer(self, attachment_id: str, done: int, total: int) -> None:
        self.study_downloads.on_chunk(attachment_id, done, total)  # before the bar moves
        self._notify(EVENT_TRANSFER, Transfer(AttachmentId(attachment_id), done, total))

    def _post_status(self, status: ConnectionStatus) -> None:
        self._status = status
        self._notify(EVENT_CONNECTION, status)

    def status(self) -> ConnectionStatus:
        return self._status

    def _queued(self) -> int:
        return len(self.container.messages.queued_from(Uid(self.uid))) + len(self.container.outbox)

    # ---- receiving -------------------------------------------------------------------

    async def _receive(self, link: RelayLink) -> None:
        """Handle delivered frames until the link ends; ack what is stored.

        The GUI hears about a batch once (not per frame): a backlog of hundreds of
        envelopes after a night shift reloads the conversation list once per batch.
        It hears as soon as the queue runs empty; the acknowledgement waits a moment
        longer for more (``incoming_batch.ACK_LINGER_S``), so messages that arrive
        together share one.
        """
        await self.receipts.send_unsent_acks()
        to_ack: list[tuple[str, str]] = []
        arrived: list[Message] = []
        unheard = False  # the GUI has not heard of a batch handled (receipts, lines, ...)
        new_sessions = False  # an Olm part may have used up one of our one-time keys
        after: Any = NO_FRAME  # a frame that ended the last batch, handled next
        try:
            while True:
                if after is NO_FRAME and to_ack:
                    after = await linger(link.incoming)
                    if after is NO_FRAME:
                        async with self._busy:
                            if not await self._acknowledge(to_ack, new_sessions):
                                break
                        to_ack, new_sessions = [], False
                        continue
                if after is not NO_FRAME:
                    frame, after = after, NO_FRAME
                else:
                    frame = await link.incoming.get()
                if frame is None:
                    break
                async with self._busy:
                    if isinstance(frame, Revocations):
                        self.session.peers.accept_pushed_revocations(frame.crl)
                        continue
                    assert isinstance(frame, Deliver)
                    # What has arrived is one batch, one transaction (incoming_batch.py).
                    frames, after = take_delivers(frame, link.incoming, MAX_ACK_BATCH - len(to_ack))
                    batch = await handle_batch(self.messenger.incoming, frames)
                    arrived += batch.messages
                    to_ack += batch.handled
                    unheard = True
                    new_sessions = new_sessions or batch.new_sessions
                    if isinstance(batch.error, ContainerError):
                        # Not the envelopes' fault: nothing can be stored now. They stay
                        # unacknowledged (come again) and the person is told.
                        log.error("cannot store envelopes: %s", batch.error)
                        self._storage_trouble(batch.error)
                    elif batch.error is not None:
                        break  # the link failed; redelivered after reconnect
                    if len(to_ack) >= MAX_ACK_BATCH:
                        if not await self._acknowledge(to_ack, new_sessions):
                            break
                        to_ack, new_sessions = [], False
                    if unheard and (after is not NO_FRAME or link.incoming.empty()):
                        self.messenger.announce_new_devices()
                        await self._publish(arrived)
                        arrived, unheard = [], False
        finally:
            if unheard:  # stored, but the link ended before the GUI heard
                self._announce(arrived)

    async def _acknowledge(self, handled: list[tuple[str, str]], new_sessions: bool) -> bool:
        """Let the relay delete what is stored; False if the link is gone (it all comes
        again after the reconnect and is recognised)."""
        try:
            await self.messenger.incoming.acknowledge(handled)
            if new_sessions:
                await self.session.replenish_keys()
        except RelayUnavailable:
            return False
        except RelayRefused as exc:
            if exc.code != UNAVAILABLE:
                raise
            # The relay lost its database: drop this link (the locator reconnects, to
            # another node if need be); the batch is stored here, comes again
            # unacknowledged and is recognised.
            log.warning("acknowledging failed: %s; reconnecting", exc)
            await self.session.close()
            return False
        self._storage_trouble(None)  # stored again: the warning can go
        return True

    def _announce(self, new: list[Message]) -> tuple[MessageRow, ...]:
        """Tell the GUI about new messages and changed receipts (no network)."""
        changed = self.messenger.incoming.changed
        self.messenger.incoming.changed = []
        ids = [m.message_id for m in new] + [
            c for c in changed if c not in {m.message_id for m in new}
        ]
        rows = tuple(r for r in (self._row_for(mid) for mid in ids) if r is not None)
        if rows:
            self._notify(EVENT_MESSAGES, rows)
        self._notify(EVENT_CONVERSATIONS, None)
        for row in rows:
            if row.needs_my_ack:
                self._notify(EVENT_URGENT, row)
        return rows

    async def _publish(self, new: list[Message]) -> None:
        """Announce a stored batch, then send its delivery receipts."""
        self._announce(new)
        received = [m for m in new if m.sender_uid != self.uid]
        if received and self.receipts_enabled:
            await self.receipts.send(ReceiptKind.DELIVERED, received)

    # ---- acting (call through the bridge) --------------------------------------------

    async def mark_read(self, conversation: ConversationId) -> None:
        self.container.conversations.mark_read(conversation)
        self.messenger.ephemeral.mark_read(conversation)  # disappearing messages start now
        self._notify(EVENT_CONVERSATIONS, None)
        if self.receipts_enabled:
            page = self.container.messages.page(conversation, limit=100)
            unread = [
                m
                for m in page.messages
                if m.sender_uid != self.uid
                and m.state is MessageState.RECEIVED
                and not any(
                    r.uid == self.uid and r.kind is ReceiptKind.READ
                    for r in self.container.receipts.for_message(m.message_id)
                )
            ]
            if unread:
                async with self._busy:
                    await self.receipts.send(ReceiptKind.READ, unread)

    async def acknowledge(self, message_id: MessageId) -> MessageRow | None:
        """Confirm an urgent message: recorded here at once, sent now or on reconnect."""
        message = self.container.messages.get(message_id)
        if message is None:
            return None
        self.container.receipts.add(
            Receipt(message_id, Uid(self.uid), ReceiptKind.ACKNOWLEDGED, self.session.clock())
        )
        self.receipts.remember_ack(message_id)
        row = self._row(message)
        self._notify(EVENT_MESSAGES, (row,))
        await self.receipts.send_unsent_acks()
        return row

    async def delete_message(self, message_id: MessageId) -> None:
        """Delete one message from this PC (services/deletion.py: purged, not hidden)."""
        async with self._busy:
            deletion.delete_message(self.session, message_id)
        self._notify(EVENT_CONVERSATIONS, None)

    async def delete_conversation(self, conversation: ConversationId) -> None:
        """Delete a conversation from this PC with its files and keys."""
        async with self._busy:
            deletion.delete_conversation(self.session, conversation)
        self._notify(EVENT_CONVERSATIONS, None)

    async def export_conversation(
        self, conversation: str, kind: export.ExportKind, destination: Path, *, allowed: bool
    ) -> export.ExportResult:
        """Export for the patient record (services/export.py: policy, relay audit, log)."""
        async with self._busy:
            return await export.export_to_file(
                self.session, conversation, kind, destination, allowed=allowed
            )
