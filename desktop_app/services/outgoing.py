"""Sending: content -> Megolm for the conversation -> envelope in the outbox -> relay.

Order of durable steps, so a crash at any point loses nothing and leaks nothing:

1. the message is stored locally (state QUEUED);
2. if devices lack the conversation's room key, an envelope with the key (Olm, one
   part per device) is written to the outbox, and only then marked as shared;
3. the Megolm envelope with the content is written to the outbox;
4. ``flush`` sends outbox entries in order; the relay's EnvelopeAccepted (sent after
   it stored the envelope in every mailbox) removes the entry and marks the message SENT.

Resends reuse the envelope id, and the relay drops duplicates. There is no plaintext
path: the only things put on the wire are Olm/Megolm ciphertexts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import msgspec

from desktop_app.crypto.e2e.errors import E2EError
from desktop_app.crypto.e2e.keys import SignedKey as E2eSignedKey
from desktop_app.crypto.e2e.keys import b64encode, verify_signed_key
from desktop_app.crypto.e2e.megolm_outbound import SharePlan, member_devices
from desktop_app.crypto.e2e.payloads import Control
from desktop_app.crypto.e2e.rotation import MemberDevice, RotationReason
from desktop_app.crypto.e2e.sharing import send_to_device, share_room_key
from desktop_app.domain.ids import ConversationId, DeviceId, EnvelopeId, MessageId, new_envelope_id
from desktop_app.domain.model import MessageState
from desktop_app.protocol import ClaimedKeys, ClaimKeys, EnvelopeAccepted, SendEnvelope, SignedKey
from desktop_app.protocol import content as wire
from desktop_app.protocol.limits import MAX_DEVICES_PER_CLAIM
from desktop_app.services import ephemeral_repeat
from desktop_app.services.errors import RelayRefused, RelayUnavailable, UnknownRecipient
from desktop_app.services.relay_link import RelayLink
from desktop_app.services.session import ClientSession
from desktop_app.storage.sql_state import MAX_OUTBOX_BATCH, OutboxEntry

log = logging.getLogger("wardlink.send")


class QueuedEnvelope(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """An envelope as the outbox keeps it (already end-to-end encrypted), with the
    blobs its recipients may download (the relay checks access, docs/relay.md)."""

    payload: bytes
    per_device: dict[str, bytes]
    blob_ids: list[str] = []


_QUEUED = msgspec.msgpack.Decoder(QueuedEnvelope)
_ENCODER = msgspec.msgpack.Encoder()


@dataclass(frozen=True, slots=True)
class SendReport:
    accepted: int
    dropped_devices: tuple[str, ...]


SEND_WINDOW = 32
"""Envelopes sent before their answers are awaited (the relay takes up to
MAX_PENDING_REQUESTS open requests per connection; the rest is for other requests)."""
RESEND_CODES = frozenset({"unknown_device", "device_revoked"})


def _frame(link: RelayLink, entry: OutboxEntry, recipients: list[str]) -> SendEnvelope:
    queued = _QUEUED.decode(entry.payload)
    return SendEnvelope(
        link.ids.next(),
        entry.envelope_id,
        [DeviceId(r) for r in recipients],
        queued.payload,
        {DeviceId(k): v for k, v in queued.per_device.items()},
        list(queued.blob_ids),
    )


class Outgoing:
    def __init__(self, session: ClientSession) -> None:
        self.s = session

    async def queue_content(
        self,
        conversation_id: ConversationId,
        member_uids: tuple[str, ...],
        content: wire.Content,
        *,
        message_id: MessageId | None,
        now: datetime,
        announce: wire.GroupState | None = None,
        durable: bool = False,
        keep: Callable[[], None] | None = None,
    ) -> EnvelopeId:
        """Encrypt ``content`` for every live device of the members and queue it.

        When the room key was just rotated (new member, new or removed device, age or
        count), ``announce`` (the conversation's current state) goes first, so a device
        that joined since the last change learns which conversation this is; after the
        content, the disappearing-messages setting this person set (``_repeat_setting``).
        ``durable``: the envelope's commit syncs the WAL, so the barrier before sending
        it has nothing left to do (for the last of a batch: one fsync either way).
        ``keep``: a write that joins the envelope's commit (services/send_now.py: the new
        message itself); run on its own first if the relay must be asked before.
        """
        recipients, plan = await self._key_shared(conversation_id, member_uids, now, keep)
        if not recipients:
            raise UnknownRecipient(
                "Nobody else in this conversation has a device that can receive it.",
                key="nobody_can_receive",
            )
        if plan.rotated is not None and announce is not None and announce is not content:
            self._enqueue_megolm(conversation_id, recipients, announce, None, now)
        envelope = self._enqueue_megolm(
            conversation_id, recipients, content, message_id, now, durable=durable, keep=keep
        )
        if not isinstance(content, wire.Ephemeral):  # a new setting replaces the held one
            self._repeat_setting(conversation_id, recipients, plan, now)
        return envelope

    async def share_key_ahead(
        self,
        conversation_id: ConversationId,
        member_uids: tuple[str, ...],
        *,
        now: datetime,
        announce: wire.GroupState | None = None,
    ) -> bool:
        """Queue the conversation's room key for every live device that lacks it, as the
        next message would (services/key_ahead.py); True if something was queued. A
        rotation's ``announce`` goes with it, since the message after will not rotate."""
        outbox = self.s.container.outbox
        queued_before = outbox.enqueued
        recipients, plan = await self._key_shared(conversation_id, member_uids, now, None)
        if outbox.enqueued == queued_before:
            return False  # every device has the key already (or nobody can receive it)
        if plan.rotated is not None and announce is not None:
            self._enqueue_megolm(conversation_id, recipients, announce, None, now)
        self._repeat_setting(conversation_id, recipients, plan, now)
        return True

    def _repeat_setting(
        self,
        conversation_id: ConversationId,
        recipients: frozenset[MemberDevice],
        plan: SharePlan,
        now: datetime,
    ) -> None:
        """A room key new to some devices (a member added, a new PC): the disappearing
        messages this person set go to them too, after what tells them the conversation
        (services/ephemeral_repeat.py); the others already hold it."""
        if plan.rotated not in (RotationReason.NEW, RotationReason.MEMBERSHIP_CHANGED):
            return
        setting = ephemeral_repeat.to_repeat(self.s, conversation_id)
        if setting is not None:
            self._enqueue_megolm(conversation_id, recipients, setting, None, now)

    async def _key_shared(
        self,
        conversation_id: ConversationId,
        member_uids: tuple[str, ...],
        now: datetime,
        keep: Callable[[], None] | None,
    ) -> tuple[frozenset[MemberDevice], SharePlan]:
        """The recipient devices and the plan, after the room key went to the outbox for
        every device that lacked it (device lists refreshed first where stale)."""
        s = self.s
        link = s.require_link()
        uids = set(member_uids) | {s.uid}
        if stale := s.peers.stale(uids):  # device lists older than max_age_s
            if keep is not None:
                keep()
            await s.peers.refresh(link, stale)
        devices = s.peers.live_devices(uids)
        recipients = member_devices(devices)
        plan = s.outbound.prepare(conversation_id, recipients, now)
        if plan.pending:
            if keep is not None:
                keep()
            s.olm.preload((d.device_id, d.curve25519) for d in plan.pending)
            claimed = await self._claim(
                [d for d in plan.pending if not s.olm.has_session(d.device_id, d.curve25519)]
            )
            recipients, plan = self._share(conversation_id, recipients, plan, claimed, now)
        return recipients, plan

    def _share(
        self,
        conversation_id: ConversationId,
        recipients: frozenset[MemberDevice],
        plan: SharePlan,
        claimed: dict[str, str],
        now: datetime,
    ) -> tuple[frozenset[MemberDevice], SharePlan]:
        """Olm-encrypt the room key to the pending devices and queue it, in ONE commit:
        the ratchet steps of every session (500 for a large group), the envelope and the
        "shared" marks; a failure leaves none of them, on disk or in memory."""
        s = self.s
        try:
            with s.container.database.atomic():
                share = share_room_key(s.olm, plan, own_device_id=s.device_id, claimed_keys=claimed)
                if share.needs_one_time_key:
                    # No session and no key to open one: leave these devices out for now.
                    left_out = {d.device_id for d in share.needs_one_time_key}
                    log.warning("no keys for devices %s; they cannot read this", sorted(left_out))
                    recipients = frozenset(r for r in recipients if r.device_id not in left_out)
                    plan = s.outbound.prepare(conversation_id, recipients, now)
                    share = share_room_key(
                        s.olm, plan, own_device_id=s.device_id, claimed_keys=claimed
                    )
                if share.ciphertexts:
                    parts = {
                        device: wire.encode(wire.OlmPart(1, ct.message_type, ct.body))
                        for device, ct in share.ciphertexts.items()
                    }
                    self._enqueue(tuple(parts), b"", parts, None, now)
                s.outbound.mark_shared(conversation_id, plan.session_id, share.ciphertexts)
        except BaseException:
            s.olm.drop_cache()  # ratchet steps the rollback undid must not live on
            s.outbound.drop_cache()
            raise
        return recipients, plan

    def _enqueue_megolm(
        self,
        conversation_id: ConversationId,
        recipients: frozenset[MemberDevice],
        content: wire.Content,
        message_id: MessageId | None,
        now: datetime,
        *,
        durable: bool = False,
        keep: Callable[[], None] | None = None,
    ) -> EnvelopeId:
        s = self.s
        blobs: list[str] = []
        if isinstance(content, wire.ChatMessage):
            blobs = [a.blob_id for a in content.attachments]
        elif isinstance(content, wire.DocumentVersion):
            blobs = [content.blob_id]  # readers: the members' devices of this moment
        try:
            # The ratchet step and the envelope it made: one commit, not two.
            with s.container.database.atomic(durable=durable):
                if keep is not None:
                    keep()
                megolm = s.outbound.encrypt(conversation_id, wire.encode(content), now)
                body = wire.encode(
                    wire.EnvelopeBody(1, conversation_id, megolm.session_id, megolm.body)
                )
                return self._enqueue(
                    tuple(sorted(r.device_id for r in recipients)), body, {}, message_id, now, blobs
                )
        except BaseException:
            s.outbound.drop_cache()  # the memory must not run ahead of the rolled-back disk
            raise

    async def queue_control(
        self, uid: str, control: Control, *, now: datetime, blob_ids: list[str] | None = None
    ) -> None:
        """An Olm-only message to every live device of ``uid`` (no conversation key);
        ``blob_ids``: blobs this device uploaded that those devices may then download."""
        s = self.s
        devices = [
            MemberDevice(d.device_id, d.curve25519, d.ed25519) for d in s.peers.live_devices([uid])
        ]
        claimed = await self._claim(
            [d for d in devices if not s.olm.has_session(d.device_id, d.curve25519)]
        )
        parts: dict[str, bytes] = {}
        for device in devices:
            if device.device_id not in claimed and not s.olm.has_session(
                device.device_id, device.curve25519
            ):
                continue
            ct = send_to_device(
                s.olm,
                own_device_id=s.device_id,
                recipient=device,
                content=control,
                one_time_key=claimed.get(device.device_id),
            )
            parts[device.device_id] = wire.encode(wire.OlmPart(1, ct.message_type, ct.body))
        if parts:
            self._enqueue(tuple(parts), b"", parts, None, now, blob_ids)

    def _enqueue(
        self,
        recipients: tuple[str, ...],
        payload: bytes,
        per_device: dict[str, bytes],
        message_id: MessageId | None,
        now: datetime,
        blob_ids: list[str] | None = None,
    ) -> EnvelopeId:
        envelope_id = new_envelope_id()
        self.s.container.outbox.enqueue(
            envelope_id,
            tuple(DeviceId(r) for r in recipients),
            _ENCODER.encode(QueuedEnvelope(payload, per_device, blob_ids or [])),
            message_id,
            now,
        )
        return envelope_id

    async def _claim(self, devices: list[MemberDevice]) -> dict[str, str]:
        """Claim and verify one-time (or fallback) keys to open new Olm sessions."""
        link = self.s.require_link()
        out: dict[str, str] = {}
        for start in range(0, len(devices), MAX_DEVICES_PER_CLAIM):
            batch = devices[start : start + MAX_DEVICES_PER_CLAIM]
            by_id = {d.device_id: d for d in batch}
            reply = await link.request(ClaimKeys(link.ids.next(), [DeviceId(d) for d in by_id]))
            assert isinstance(reply, ClaimedKeys)
            for device_id, claimed in reply.keys.items():
                device = by_id.get(device_id)
                signed = claimed.one_time_key or claimed.fallback_key
                if device is None or signed is None:
                    continue
                try:
                    out[device_id] = verify_signed_key(
                        device.ed25519, _e2e(signed, claimed.one_time_key is None)
                    )
                except E2EError as exc:
                    log.warning("claimed key of %s refused: %s", device_id, exc)
        return out

    async def flush(self) -> SendReport:
        """Send every queued envelope in order; stop at the first transport failure."""
        s = self.s
        s.require_link()
        accepted = 0
        dropped: list[str] = []
        outbox = s.container.outbox
        while batch := outbox.due(s.clock(), limit=MAX_OUTBOX_BATCH):
            queued_before = outbox.enqueued
            report = await self._flush_batch(batch)
            accepted += report.accepted
            dropped += report.dropped_devices
            if len(batch) < MAX_OUTBOX_BATCH and outbox.enqueued == queued_before:
                break  # all that was due went, and nothing was queued meanwhile
        return SendReport(accepted, tuple(dropped))

    async def _flush_batch(self, batch: list[OutboxEntry]) -> SendReport:
        s = self.s
        link = s.require_link()
        # Ratchet states, outbox entries and our own messages must be on disk before the
        # ciphertext leaves: one fsync for the whole batch.
        s.container.barrier()
        accepted = 0
        dropped: list[str] = []
        for start in range(0, len(batch), SEND_WINDOW):
            report = await self._send_window(link, batch[start : start + SEND_WINDOW])
            accepted += report.accepted
            dropped += report.dropped_devices
        return SendReport(accepted, tuple(dropped))

    async def _send_window(self, link: RelayLink, window: list[OutboxEntry]) -> SendReport:
        """Send a window of envelopes without waiting for each answer (the relay accepts
        one device's envelopes in the order sent), then take the answers in order. What
        was accepted leaves the outbox in one commit, also when a refusal is raised
        after it; what was not stays queued and is sent again (the relay ignores an
        envelope id it already holds)."""
        in_flight = [
            (entry, await link.start(_frame(link, entry, [str(r) for r in entry.recipients])))
            for entry in window
        ]
        done: list[OutboxEntry] = []
        dropped: list[str] = []
        failure: Exception | None = None
        for entry, req_id in in_flight:
            if isinstance(failure, RelayUnavailable):
                link.done(req_id)  # the link is gone: its answers will not come
                continue
            try:
                reply = await link.reply(req_id)
                assert isinstance(reply, EnvelopeAccepted)
            except RelayRefused as exc:
                if exc.code not in RESEND_CODES or failure is not None:
                    failure = failure or exc
                    continue
                try:  # a recipient was revoked or removed meanwhile
                    dropped += await self._resend(link, entry)
                except (RelayRefused, RelayUnavailable) as again:
                    failure = again
                    continue
            except RelayUnavailable as exc:
                failure = exc
                continue
            done.append(entry)
        if done:
            with self.s.container.database.atomic():  # one commit for the window
                for entry in done:
                    self.s.container.outbox.acknowledged(entry.envelope_id)
                    if entry.message_id is not None:
                        self.s.container.messages.set_state(entry.message_id, MessageState.SENT)
        if failure is not None:
            raise failure
        return SendReport(len(done), tuple(dropped))

    async def _resend(self, link: RelayLink, entry: OutboxEntry) -> list[str]:
        """Re-check who of the recipients is still live and send once more to them; the
        devices left out. Refused again, it raises and the envelope stays queued: it is
        never marked sent without the relay's acceptance."""
        recipients = [str(r) for r in entry.recipients]
        live = await self._still_live(recipients)
        if live:
            reply = await link.request(_frame(link, entry, live))
            assert isinstance(reply, EnvelopeAccepted)
        return [r for r in recipients if r not in live]

    async def _still_live(self, device_ids: list[str]) -> list[str]:
        s = self.s
        await s.peers.refresh_revocations(s.require_link())
        peers = s.container.peers
        uids = {u for d in device_ids if (u := peers.uid_of(DeviceId(d))) is not None}
        await s.peers.refresh(s.require_link(), uids)
        live = {d.device_id for d in s.peers.live_devices(uids)}
        return [d for d in device_ids if d in live]


def _e2e(key: SignedKey, fallback: bool) -> E2eSignedKey:
    return E2eSignedKey(key.key_id, key.key, fallback, b64encode(key.signature))
