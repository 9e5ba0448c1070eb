"""Payloads over Olm, and the room-key fan-out: the glue the client services call.

These functions only combine ``OlmSessions``, ``payloads`` and the Megolm classes; they
do no I/O. Claiming one-time keys from the relay, queuing envelopes in the outbox and
looking up device certificates stay with the services.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop_app.crypto.e2e.errors import PayloadError
from desktop_app.crypto.e2e.megolm_inbound import MegolmInbound
from desktop_app.crypto.e2e.megolm_outbound import SharePlan
from desktop_app.crypto.e2e.olm_sessions import OlmCiphertext, OlmSessions
from desktop_app.crypto.e2e.payloads import Content, RoomKey, decode_payload, encode_payload
from desktop_app.crypto.e2e.rotation import MemberDevice


@dataclass(frozen=True, slots=True)
class RoomKeyShare:
    """Olm ciphertexts of a room key per device id, and the devices that need a claimed
    one-time key first (no session yet and none was passed)."""

    session_id: str
    ciphertexts: dict[str, OlmCiphertext]
    needs_one_time_key: tuple[MemberDevice, ...]


def send_to_device(
    olm: OlmSessions,
    *,
    own_device_id: str,
    recipient: MemberDevice,
    content: Content,
    one_time_key: str | None = None,
) -> OlmCiphertext:
    """Encrypt one payload to one device (opening a session with ``one_time_key``)."""
    plaintext = encode_payload(
        content,
        sender_device_id=own_device_id,
        recipient_device_id=recipient.device_id,
        recipient_ed25519=recipient.ed25519,
    )
    return olm.encrypt(recipient.device_id, recipient.curve25519, one_time_key, plaintext)


def receive_from_device(
    olm: OlmSessions,
    *,
    own_device_id: str,
    own_ed25519: str,
    sender: MemberDevice,
    message: OlmCiphertext,
) -> Content:
    """Decrypt and strictly decode a payload from ``sender`` (its certificate's keys)."""
    plaintext = olm.decrypt(sender.device_id, sender.curve25519, message.message_type, message.body)
    return decode_payload(
        plaintext,
        sender_device_id=sender.device_id,
        own_device_id=own_device_id,
        own_ed25519=own_ed25519,
    )


def share_room_key(
    olm: OlmSessions,
    plan: SharePlan,
    *,
    own_device_id: str,
    claimed_keys: Mapping[str, str] | None = None,
) -> RoomKeyShare:
    """Encrypt ``plan.room_key`` to every pending device that has (or can open) a session.

    ``claimed_keys`` maps device id -> a verified one-time/fallback key claimed from the
    relay for devices without a session (``OlmSessions.has_session``). After queuing the
    ciphertexts durably, call ``MegolmOutbound.mark_shared`` with their device ids.
    """
    keys = claimed_keys or {}
    olm.preload((d.device_id, d.curve25519) for d in plan.pending)
    reached: list[tuple[str, str, str | None, bytes]] = []
    waiting: list[MemberDevice] = []
    for device in plan.pending:
        otk = keys.get(device.device_id)
        if otk is None and not olm.has_session(device.device_id, device.curve25519):
            waiting.append(device)
            continue
        plaintext = encode_payload(
            plan.room_key,
            sender_device_id=own_device_id,
            recipient_device_id=device.device_id,
            recipient_ed25519=device.ed25519,
        )
        reached.append((device.device_id, device.curve25519, otk, plaintext))
    # Every device's ratchet step saved in one statement (500 PCs of a ward group).
    sent = olm.encrypt_each(reached)
    ciphertexts = {item[0]: ct for item, ct in zip(reached, sent, strict=True)}
    return RoomKeyShare(plan.session_id, ciphertexts, tuple(waiting))


def accept_room_key(inbound: MegolmInbound, content: Content, *, sender: MemberDevice) -> bool:
    """Store a room key received with ``receive_from_device`` from ``sender``."""
    if not isinstance(content, RoomKey):
        raise PayloadError(f"Expected a room key from device {sender.device_id}.")
    return inbound.add_room_key(content, sender=sender)
