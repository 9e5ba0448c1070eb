"""Envelope frames: the client-side fan-out of one end-to-end message and its delivery."""

from __future__ import annotations

import msgspec

from desktop_app.protocol.fields import (
    Count,
    Identifier,
    ReqId,
    TimeMs,
    WireDeviceId,
    WireEnvelopeId,
    WireUid,
)
from desktop_app.protocol.frame_base import FrameBase


class SendEnvelope(FrameBase, frozen=True):
    """C->R: one message for a list of recipient devices.

    ``payload`` is shared by all recipients (e.g. Megolm ciphertext); ``per_device``
    carries an additional ciphertext for some recipients (e.g. an Olm message with the
    Megolm session key). Resending with the same ``envelope_id`` is idempotent.
    ``blob_ids`` names blobs this device uploaded that the message refers to: the relay
    then lets exactly these recipients download them.
    """

    req_id: ReqId
    envelope_id: WireEnvelopeId
    recipients: list[WireDeviceId]
    payload: bytes
    per_device: dict[WireDeviceId, bytes]
    blob_ids: list[Identifier] = msgspec.field(default_factory=list)


class EnvelopeAccepted(FrameBase, frozen=True):
    """R->C: the envelope is durable in every recipient mailbox; the outbox may drop it."""

    req_id: ReqId
    envelope_id: WireEnvelopeId


class Deliver(FrameBase, frozen=True):
    """R->C, unsolicited: one envelope from this device's mailbox. The sender fields are
    the relay's authenticated knowledge, not the sender's claim."""

    envelope_id: WireEnvelopeId
    sender_uid: WireUid
    sender_device: WireDeviceId
    received_ms: TimeMs
    payload: bytes
    device_payload: bytes | None


Delivery = tuple[WireDeviceId, WireEnvelopeId]
"""(sender device, envelope id): what names one envelope in a mailbox. Envelope ids are
chosen by senders, so only the pair is unique."""


class AckDelivery(FrameBase, frozen=True):
    """C->R: these envelopes (as Deliver named them) are stored in the container; the
    relay may delete them."""

    req_id: ReqId
    deliveries: list[Delivery]


class Acked(FrameBase, frozen=True):
    """R->C: how many of the acknowledged envelopes were found and deleted."""

    req_id: ReqId
    count: Count
