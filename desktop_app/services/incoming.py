"""Receiving: Deliver frames -> verified sender -> Olm/Megolm -> container -> ack.

For each delivered envelope, in order:

1. drop it (and ack) if this (sender device, envelope id) was handled before, *before*
   decrypting anything;
2. find the sender's device certificate (fetching and verifying it if new); an
   envelope from a device that does not verify is dropped;
3. a per-device part is an Olm message: a room key is stored (and envelopes that were
   waiting for it are retried) unless its device gave too many unused ones, a control
   message is handled;
4. the shared payload is Megolm content: a chat message is stored (its attachments
   downloaded and verified first), a group state applied; without the room key yet,
   the ciphertext is held until the key arrives;
5. only when all of that is stored is the envelope acknowledged, so the relay deletes
   it; a crash before that means it is delivered again and step 1 or the idempotent
   stores absorb it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from desktop_app.crypto.e2e.errors import E2EError, UnknownSession
from desktop_app.crypto.e2e.olm_sessions import OlmCiphertext
from desktop_app.crypto.e2e.payloads import Control, RoomKey
from desktop_app.crypto.e2e.rotation import MemberDevice
from desktop_app.crypto.e2e.sharing import accept_room_key, receive_from_device
from desktop_app.domain import message_ids, system_lines
from desktop_app.domain.ids import ConversationId, DeviceId, MessageId, Uid, is_system_message_id
from desktop_app.domain.model import ConversationKind, Device, Message, MessageState
from desktop_app.protocol import AckDelivery, Deliver
from desktop_app.protocol import content as wire
from desktop_app.protocol.content_files import CONTROL_NAME
from desktop_app.services import attachments, conversations, mentions
from desktop_app.services.arrival import arrival_ms
from desktop_app.services.documents import Documents
from desktop_app.services.ephemeral import DisappearingMessages
from desktop_app.services.escalation_target import known_target
from desktop_app.services.message_events import MessageEvents
from desktop_app.services.receipts_in import IncomingReceipts
from desktop_app.services.session import ClientSession
from desktop_app.services.teamwork import Teamwork
from desktop_app.services.typing import TypingIndicator
from desktop_app.storage.sql_inbox import HeldEnvelope
from desktop_app.storage.sql_messages import ConversationState
from desktop_app.storage.timeutil import from_ms, peer_ms, to_ms

log = logging.getLogger("wardlink.receive")


class NeedsNetwork(Exception):
    """A batched step would wait for the relay; it is undone and handled on its own."""


class Incoming:
    def __init__(
        self,
        session: ClientSession,
        events: MessageEvents | None = None,
        ephemeral: DisappearingMessages | None = None,
        teamwork: Teamwork | None = None,
        typing: TypingIndicator | None = None,
    ) -> None:
        self.s = session
        self.typing = typing or TypingIndicator(session)  # "is typing": memory only
        self.ephemeral = ephemeral or DisappearingMessages(session)
        self.teamwork = teamwork or Teamwork(session)  # tasks and duty calendar changes
        self.documents = Documents(session)  # team files (Messenger sets its own)
        # Messages whose receipts or state changed; the live client drains this list.
        self.changed: list[MessageId] = []
        self.events = events or MessageEvents(session)
        # Reactions, edits and deletions change rows; looked up at each call because the
        # live client swaps the list when it drains it.
        self.events.on_changed = lambda mid: self.changed.append(mid)
        self.receipts = IncomingReceipts(session, lambda mid: self.changed.append(mid))
        self.events.on_receipt = self.receipts.receive  # receipts held for their message
        # Call signals (sender uid, sender device, control): services/calls.py.
        self.on_call_control: Callable[[str, str, Control], None] | None = None
        # True while a batch of envelopes is handled in one transaction
        # (services/incoming_batch.py): a step that needs the relay then raises
        # NeedsNetwork instead of waiting inside the transaction.
        self.offline = False
        # Envelopes left unacknowledged after an error no check foresaw, to be tried
        # again at a later login (services/incoming_batch.py ``keep_for_retry``).
        self.kept_failures: set[tuple[str, str]] = set()

    async def handle(self, frame: Deliver) -> list[Message]:
        s = self.s
        now = s.clock()
        inbox = s.container.inbox
        if inbox.seen(frame.sender_device, frame.envelope_id):
            return []
        sender = await self._sender(frame.sender_uid, frame.sender_device)
        shown: list[Message] = []
        if sender is None:
            log.warning("dropping envelope from unverifiable device %s", frame.sender_device)
        else:
            member = MemberDevice(sender.device_id, sender.curve25519, sender.ed25519)
            if frame.device_payload:
                shown += await self._device_part(frame, member, now)
            if frame.payload:
                arrived = arrival_ms(frame.received_ms, now, frame.envelope_id)
                shown += await self._group_part(
                    frame.sender_uid, member, frame.envelope_id, frame.payload, arrived
                )
        inbox.mark_seen(frame.sender_device, frame.envelope_id, to_ms(now))
        return shown

    async def acknowledge(self, deliveries: list[tuple[str, str]]) -> None:
        """Let the relay delete these (sender device, envelope id) pairs, as Deliver named
        them: envelope ids are only unique per sender device. What they delivered is
        made durable first (``Container.barrier``): the relay may delete at once."""
        if deliveries:
            self.s.container.barrier()
            link = self.s.require_link()
            await link.request(AckDelivery(link.ids.next(), deliveries))  # type: ignore[arg-type]

    async def _sender(self, uid: str, device_id: str) -> Device | None:
        s = self.s
        device = s.peers.device(uid, device_id)
        if device is None:
            self._network()
            await s.peers.refresh(s.require_link(), [uid])
            device = s.peers.device(uid, device_id)
        if device is None or not device.verified:
            return None
        return device  # a revoked sender's earlier messages still count

    async def _device_part(
        self, frame: Deliver, sender: MemberDevice, now: datetime
    ) -> list[Message]:
        s = self.s
        assert frame.device_payload is not None
        # An Olm step cannot be repeated (its one-time key or chain key is spent), so the
        # step and what it delivered are stored in one transaction: a full disk or a
        # crash leaves neither, and the redelivered envelope decrypts again.
        kept = False
        try:
            with s.container.database.atomic():
                part = wire.decode_olm_part(frame.device_payload)
                content = receive_from_device(
                    s.olm,
                    own_device_id=s.device_id,
                    own_ed25519=s.account.identity_keys.ed25519,
                    sender=sender,
                    message=OlmCiphertext(part.message_type, part.body),
                )
                if isinstance(content, RoomKey):
                    kept = self._room_key(content, sender, now)
                elif isinstance(content, Control):
                    arrived = from_ms(arrival_ms(frame.received_ms, now, frame.envelope_id))
                    self._control(frame.sender_uid, frame.sender_device, content, now, arrived)
        except (E2EError, wire.ContentError) as exc:
            self.forget_unsaved()
            log.warning("undecryptable device message from %s: %s", sender.device_id, exc)
            return []
        except BaseException:
            self.forget_unsaved()
            raise
        if isinstance(content, RoomKey):
            return await self._retry_held(content.session_id) if kept else []
        if isinstance(content, Control) and content.name == CONTROL_NAME:
            self._network()
            await self.documents.fetch_shared(content.body)
        return []

    def _room_key(self, content: RoomKey, sender: MemberDevice, now: datetime) -> bool:
        """Keep a room key unless its device gave too many that decrypted nothing (keys
        for made-up conversations would fill the disk); False when refused. The Olm
        step that brought it is kept either way: the sender's next message needs it."""
        s = self.s
        if not s.inbound.has_session(content.session_id) and not s.container.inbox.admit_room_key(
            sender.device_id, content.session_id, to_ms(now)
        ):
            log.warning("refused a room key: device %s gave many unused ones", sender.device_id)
            return False
        accept_room_key(s.inbound, content, sender=sender)
        return True

    def _network(self) -> None:
        """Called before a step waits for the relay: not inside a batch's transaction."""
        if self.offline:
            raise NeedsNetwork

    def forget_unsaved(self) -> None:
        """What a rolled-back transaction undid on disk must not live on in memory."""
        s = self.s
        s.account.reload()
        s.olm.drop_cache()
        s.inbound.drop_cache()

    def _control(
        self,
        sender_uid: str,
        sender_device: str,
        control: Control,
        now: datetime,
        arrived: datetime,
    ) -> None:
        if control.name.startswith("call."):
            # A call signal acts at once (services/calls.py): not inside a batch, whose
            # rollback could not take it back; handled on its own, exactly once.
            self._network()
            if self.on_call_control is not None:  # services/calls.py, when calls run here
                self.on_call_control(sender_uid, sender_device, control)
            return
        if control.name == CONTROL_NAME:  # documents shared with us as we joined
            self.documents.receive_share(sender_uid, control.body, arrived)
            return
        if control.name == "conversation.removed":
            conversations.apply_removal(
                self.s.container, control.body, sender_uid, self.s.uid, now, self.s.display_name
            )

    async def _retry_held(self, session_id: str) -> list[Message]:
        shown: list[Message] = []
        s = self.s
        for held in s.container.inbox.held_for(session_id):
            device = s.peers.device(held.sender_uid, held.sender_device)
            if device is None:
                continue
            member = MemberDevice(device.device_id, device.curve25519, device.ed25519)
            shown += await self._group_part(
                held.sender_uid, member, held.envelope_id, held.payload, held.received_at_ms
            )
            s.container.inbox.release(held.sender_device, held.envelope_id)
        return shown

    async def _group_part(
        self,
        sender_uid: str,
        sender: MemberDevice,
        envelope_id: str,
        payload: bytes,
        received_ms: int,
    ) -> list[Message]:
        s = self.s
        try:
            body = wire.decode_body(payload)
            plain = s.inbound.decrypt(
                conversation_id=body.conversation_id,
                sender_device_id=sender.device_id,
                sender_curve25519=sender.curve25519,
                session_id=body.session_id,
                body=body.ciphertext,
                envelope_id=envelope_id,
            )
        except UnknownSession:
            held = HeldEnvelope(
                sender.device_id, envelope_id, sender_uid, received_ms, body.session_id, payload
            )
            if not s.container.inbox.hold(held):  # bounded per sender device
                log.warning(
                    "dropped envelope %s from %s: too many held for a key that has not come",
                    envelope_id,
                    sender.device_id,
                )
            return []
        except (E2EError, wire.ContentError) as exc:
            log.warning("undecryptable group message from %s: %s", sender.device_id, exc)
            return []
        cid = ConversationId(body.conversation_id)
        try:
            content = wire.decode_content_or_unsupported(plain.plaintext)
        except wire.ContentError as exc:
            log.warning("malformed content from %s: %s", sender.device_id, exc)
            return []
        at = from_ms(received_ms)
        if isinstance(content, wire.Unsupported):
            self._unsupported(cid, sender_uid, f"{sender.device_id}/{envelope_id}", at)
            return []
        if isinstance(content, wire.Ephemeral):
            self.ephemeral.receive(cid, sender_uid, content, at)
            return []
        if isinstance(content, wire.Typing):  # never stored, never a message
            self.typing.receive(cid, sender_uid, content, at)
            return []
        if isinstance(content, wire.Reaction | wire.Edit | wire.Delete | wire.Pin):
            self.events.receive(cid, sender_uid, sender.device_id, content, at)
            return []
        if isinstance(content, wire.TaskChange | wire.CalendarChange):
            self.teamwork.receive(cid, sender_uid, sender.device_id, content, at)
            return []
        if isinstance(content, wire.DocumentVersion):
            self._network()
            self.documents.receive(cid, sender_uid, content, at)
            await self.documents.fetch_received(
                content.document_id, content.version, content.blob_id, content.key
            )
            return []
        if isinstance(content, wire.CalendarBatch):
            for change in content.changes:
                self.teamwork.receive(cid, sender_uid, sender.device_id, change, at)
            return []
        if isinstance(content, wire.GroupState):
            conversations.apply_received_state(
                s.container,
                cid,
                content,
                sender_uid=sender_uid,
                me=s.uid,
                envelope_key=f"{sender.device_id}/{envelope_id}",
                at=at,
                name=s.display_name,
            )
            return []
        if isinstance(content, wire.Receipt):
            self.receipts.receive(cid, sender_uid, sender.device_id, content, at)
            return []
        return await self._chat(cid, sender_uid, sender.device_id, content, at)

    def _unsupported(self, cid: ConversationId, sender_uid: str, key: str, at: datetime) -> None:
        """Content from a newer client: say so in the chat instead of dropping it silently."""
        state = self.s.container.conversations.state(cid)
        if state is None or sender_uid not in state.members:
            return
        body = system_lines.encode("needs_newer")
        conversations.system_line(self.s.container, cid, sender_uid, body, key, at)

    async def _chat(
        self,
        cid: ConversationId,
        sender_uid: str,
        sender_device: str,
        content: wire.ChatMessage,
        at: datetime,
    ) -> list[Message]:
        s = self.s
        if is_system_message_id(content.message_id):
            # Our own lines' ids follow from public facts: taken first by a colleague, the
            # line ("X has a new device") would never show.
            log.warning("refused message %s from %s: a system line's id", cid, sender_uid)
            return []
        if message_ids.made_for_another(sender_uid, content.message_id):
            # Taken first, the real message would be refused here (domain/message_ids.py).
            log.warning(
                "refused message %s from %s: its id was made for another sender",
                content.message_id,
                sender_uid,
            )
            return []
        state = s.container.conversations.state(cid)
        if state is None:
            if cid != conversations.direct_conversation_id(s.uid, sender_uid):
                # Nobody authorised this conversation to us (its state was refused or never
                # came): a message must not open it, or its sender would choose who we
                # then write to.
                log.warning("refused message into unknown conversation %s from %s", cid, sender_uid)
                return []
            # Our direct chat with the sender, whose state has not arrived: its members
            # follow from its id.
            state = ConversationState(
                ConversationKind.DIRECT,
                s.display_name(sender_uid),
                tuple(sorted((Uid(sender_uid), Uid(s.uid)))),
                tuple(sorted((Uid(sender_uid), Uid(s.uid)))),
                1,
            )
            s.container.conversations.apply_state(cid, state, at)
        elif sender_uid not in state.members:
            log.warning("%s is not a member of %s; message dropped", sender_uid, cid)
            return []
        mine = sender_uid == s.uid
        message = Message(
            message_id=MessageId(content.message_id),
            conversation_id=cid,
            sender_uid=Uid(sender_uid),
            sender_device=DeviceId(sender_device),
            sent_at=from_ms(peer_ms(content.sent_ms, at)),  # not dated after it arrived
            received_at=s.clock(),
            body=content.text,
            state=MessageState.SENT if mine else MessageState.RECEIVED,
            urgent=content.urgent,
            reply_to=None if content.reply_to is None else MessageId(content.reply_to),
            forwarded=content.forwarded,
            mentions=mentions.accepted(s, content.mentions, state.members),
            escalate_to=_escalation_target(s, content),
        )
        stored = s.container.messages.get(message.message_id)
        known = stored is not None
        if stored is not None and (
            stored.conversation_id != cid
            or stored.sender_uid != sender_uid
            or stored.sender_device != sender_device
        ):
            # Only the same envelope from the same device is a redelivery; anyone else
            # reusing a known id would put their content (files) under another's message.
            log.warning(
                "refused message %s from %s/%s: the id belongs to another message",
                message.message_id,
                sender_uid,
                sender_device,
            )
            return []
        if stored is not None and stored.deleted_at is not None:
            return []  # deleted for everyone: its text and files must not come back
        if not known:
            s.container.messages.add(message)
            self.typing.message_arrived(cid, sender_uid)
            if self.events.release(message):  # edits, deletions, receipts before it
                after = s.container.messages.get(message.message_id)
                if after is None or after.deleted_at is not None:
                    return []
                message = after  # as shown: its text, state and receipts now
        if content.attachments:
            # After the message row (they reference it); on a redelivery after a failed
            # download, only the missing ones are fetched.
            held = s.container.attachments.for_message(message.message_id)
            have = {a.attachment_id for a in held}
            for ref in content.attachments:
                if ref.attachment_id not in have:
                    self._network()
                    await attachments.download(
                        s.container, s.require_link(), ref, message.message_id, s.fetches
                    )
        return [] if known else [message]


def _escalation_target(s: ClientSession, content: wire.ChatMessage) -> Uid | None:
    """The sender's per-message escalation target, kept only on an urgent message and
    only if the verified directory knows it (a modified client may send any string)."""
    target = content.escalate_to
    if target is None:
        return None
    if not content.urgent or not known_target(s, target):
        log.warning("dropped escalation target %r of message %s", target, content.message_id)
        return None
    return Uid(target)
