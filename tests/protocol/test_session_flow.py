"""Whole conversations between a client and a relay Connection over the fake link."""

from __future__ import annotations

import hashlib

from desktop_app.domain.ids import DeviceId, EnvelopeId, Uid
from desktop_app.protocol import (
    PROTOCOL_VERSION,
    AckDelivery,
    Acked,
    Authenticate,
    Authenticated,
    BlobChunk,
    BlobDownload,
    BlobReady,
    BlobStored,
    BlobUpload,
    Bye,
    ClaimedKey,
    ClaimedKeys,
    ClaimKeys,
    ConnectionClosed,
    Deliver,
    Devices,
    Enroll,
    Enrolled,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    FetchDevices,
    FetchRevocations,
    Hello,
    KeysPublished,
    Ping,
    Pong,
    PublishKeys,
    Revocations,
    SendEnvelope,
    SignedKey,
    State,
    Welcome,
)
from desktop_app.protocol.limits import MAX_BLOB_CHUNK
from tests.protocol.fake_link import FAKE_SIGNATURE, RELAY_ID, FakeLink, handshake, logged_in_link
from tests.protocol.frame_samples import CHALLENGE, CURVE, ED

ANNA, JONAS = Uid("weber.anna"), Uid("mueller.jonas")
ANNA_PC, JONAS_PC = DeviceId("dev-anna"), DeviceId("dev-jonas")


def test_handshake_teaches_the_client_the_relay_and_challenge() -> None:
    link = FakeLink()
    assert (link.client.state, link.relay.state) == (State.START, State.START)
    link.request(Hello(PROTOCOL_VERSION, "WardLink test"))
    assert (link.client.state, link.relay.state) == (State.HELLO_SENT, State.HELLO_SENT)
    assert link.relay.version == PROTOCOL_VERSION
    link.reply(Welcome(PROTOCOL_VERSION, RELAY_ID, CHALLENGE, server_time_ms=5))
    for conn in (link.client, link.relay):
        assert conn.state is State.CHALLENGED
        assert conn.relay_id == RELAY_ID
        assert conn.challenge == CHALLENGE
        assert conn.device_id is None
    assert link.client.auth_transcript("dev-anna") == link.relay.auth_transcript("dev-anna")


def test_authenticate_publish_send_deliver_ack_and_blobs() -> None:
    anna, jonas = FakeLink(), FakeLink()
    for link, device in ((anna, ANNA_PC), (jonas, JONAS_PC)):
        handshake(link)
        req = link.ids.next()
        link.request(Authenticate(req, device, FAKE_SIGNATURE))
        assert link.client.state is State.AUTHENTICATING
        link.reply(Authenticated(req, device, pending=0))
        assert link.client.state is link.relay.state is State.READY
        assert link.client.device_id == link.relay.device_id == device

    # Anna publishes keys and looks up Jonas.
    req = anna.ids.next()
    anna.request(
        PublishKeys(
            req, [SignedKey("AAAAAQ", CURVE, FAKE_SIGNATURE)], SignedKey("F", ED, FAKE_SIGNATURE)
        )
    )
    anna.reply(KeysPublished(req, one_time_key_count=1))
    req = anna.ids.next()
    anna.request(FetchDevices(req, [JONAS]))
    anna.reply(Devices(req, {JONAS: [b"jonas cert"]}))
    req = anna.ids.next()
    anna.request(ClaimKeys(req, [JONAS_PC]))
    anna.reply(
        ClaimedKeys(
            req,
            {
                JONAS_PC: ClaimedKey(
                    JONAS_PC, b"jonas cert", SignedKey("AAAAAQ", CURVE, FAKE_SIGNATURE), None
                )
            },
        )
    )
    assert anna.client.outstanding == frozenset()

    # She sends; the relay accepts only after storing, then delivers to Jonas.
    envelope_id = EnvelopeId("env-1")
    req = anna.ids.next()
    sent = anna.request(
        SendEnvelope(req, envelope_id, [JONAS_PC], b"megolm", {JONAS_PC: b"olm for jonas"})
    )
    assert anna.client.outstanding == {req}
    assert isinstance(sent, SendEnvelope)
    anna.reply(EnvelopeAccepted(req, envelope_id))
    assert anna.client.outstanding == frozenset()
    delivered = jonas.reply(
        Deliver(envelope_id, ANNA, ANNA_PC, 1_764_000_000_123, sent.payload, b"olm for jonas")
    )
    assert isinstance(delivered, Deliver)
    assert delivered.device_payload == sent.per_device[JONAS_PC]
    req = jonas.ids.next()
    jonas.request(AckDelivery(req, [(ANNA_PC, envelope_id)]))
    jonas.reply(Acked(req, count=1))

    # Anna uploads an attachment in chunks; Jonas downloads it.
    blob = bytes(range(256)) * 2500  # 640,000 bytes: two full chunks and a partial one
    req = anna.ids.next()
    anna.request(BlobUpload(req, "blob-1", total_size=len(blob)))
    anna.reply(BlobReady(req, "blob-1", offset=0))
    stored = bytearray()
    for offset in range(0, len(blob), MAX_BLOB_CHUNK):
        data = blob[offset : offset + MAX_BLOB_CHUNK]
        last = offset + len(data) == len(blob)
        chunk = anna.request(BlobChunk(req, "blob-1", offset, data, last))
        assert isinstance(chunk, BlobChunk)
        stored += chunk.data
    assert anna.client.outstanding == {req}  # until BlobStored
    anna.reply(BlobStored(req, "blob-1", hashlib.sha256(stored).hexdigest()))
    assert anna.client.outstanding == frozenset()

    req = jonas.ids.next()
    jonas.request(BlobDownload(req, "blob-1", offset=0))
    chunks = [
        BlobChunk(
            req,
            "blob-1",
            o,
            bytes(stored[o : o + MAX_BLOB_CHUNK]),
            o + MAX_BLOB_CHUNK >= len(stored),
        )
        for o in range(0, len(stored), MAX_BLOB_CHUNK)
    ]
    jonas.relay_sends(*chunks)
    received = jonas.client_receives()
    assert b"".join(c.data for c in received if isinstance(c, BlobChunk)) == blob
    assert jonas.client.outstanding == frozenset()

    # Goodbye: both sides end CLOSED, cleanly.
    anna.client_sends(Bye("Schichtende"))
    assert anna.client.state is State.CLOSED
    assert anna.relay_receives() == [Bye("Schichtende")]
    assert anna.relay.state is State.CLOSED
    anna.client.receive_data(b"")
    anna.relay.receive_data(b"")
    assert anna.client.next_event() == ConnectionClosed(clean=True, reason="Schichtende")
    assert anna.relay.next_event() == ConnectionClosed(clean=True, reason="Schichtende")


def test_enrollment_authenticates_the_new_device() -> None:
    link = FakeLink()
    handshake(link)
    transcript = link.client.enroll_transcript("dev-new", curve25519=CURVE, ed25519=ED)
    assert transcript == link.relay.enroll_transcript("dev-new", curve25519=CURVE, ed25519=ED)
    req = link.ids.next()
    link.request(Enroll(req, "WL1-code", DeviceId("dev-new"), CURVE, ED, "3B-1", FAKE_SIGNATURE))
    assert link.client.state is link.relay.state is State.ENROLLING
    link.reply(Enrolled(req, b"device cert", [b"issuer cert"], b"crl"))
    assert link.client.state is link.relay.state is State.READY
    assert link.client.device_id == link.relay.device_id == "dev-new"
    req = link.ids.next()
    link.request(
        PublishKeys(
            req, [SignedKey("k1", CURVE, FAKE_SIGNATURE)], SignedKey("f", CURVE, FAKE_SIGNATURE)
        )
    )
    link.reply(KeysPublished(req, 1))


def test_refused_enrollment_may_be_followed_by_login_or_end_the_connection() -> None:
    link = FakeLink()
    handshake(link)
    req = link.ids.next()
    link.request(Enroll(req, "used code", DeviceId("d"), CURVE, ED, "pc", FAKE_SIGNATURE))
    link.reply(Error(req, ErrorCode.ENROLLMENT_REFUSED, "code already used", fatal=False))
    assert link.client.state is link.relay.state is State.CHALLENGED
    assert link.client.device_id is None
    req = link.ids.next()
    link.request(Authenticate(req, ANNA_PC, FAKE_SIGNATURE))
    link.reply(Error(req, ErrorCode.DEVICE_REVOKED, "device revoked", fatal=True))
    assert link.client.state is link.relay.state is State.CLOSED
    link.client.receive_data(b"")
    assert link.client.next_event() == ConnectionClosed(
        clean=True, reason="device_revoked: device revoked"
    )
    assert link.client.outstanding == {req}  # never answered: the owner fails it


def test_requests_pipeline_and_replies_may_come_in_any_order() -> None:
    link = logged_in_link()
    reqs = [link.ids.next() for _ in range(4)]
    link.client_sends(
        Ping(reqs[0]),
        FetchRevocations(reqs[1]),
        SendEnvelope(reqs[2], EnvelopeId("e"), [JONAS_PC], b"m", {}),
        ClaimKeys(reqs[3], [JONAS_PC]),
    )
    assert len(link.relay_receives()) == 4
    assert link.relay.outstanding == link.client.outstanding == set(reqs)
    link.relay_sends(
        EnvelopeAccepted(reqs[2], EnvelopeId("e")),
        Revocations(0, b"pushed in between"),
        Error(reqs[3], ErrorCode.UNKNOWN_DEVICE, "no such device", fatal=False),
        Revocations(reqs[1], b"crl"),
        Pong(reqs[0]),
    )
    assert len(link.client_receives()) == 5
    assert link.client.outstanding == link.relay.outstanding == frozenset()


def test_resumed_upload_starts_at_the_relays_offset() -> None:
    link = logged_in_link()
    req = link.ids.next()
    link.request(BlobUpload(req, "b", total_size=10))
    link.reply(BlobReady(req, "b", offset=6))
    link.request(BlobChunk(req, "b", 6, b"6789", last=True))
    link.reply(BlobStored(req, "b", "0" * 64))
    assert link.client.outstanding == frozenset()


def test_upload_of_a_complete_blob_is_answered_by_blob_stored() -> None:
    link = logged_in_link()
    req = link.ids.next()
    link.request(BlobUpload(req, "b", total_size=10))
    link.reply(BlobStored(req, "b", "0" * 64))
    assert link.client.outstanding == frozenset()


def test_empty_blob_upload_and_download() -> None:
    link = logged_in_link()
    req = link.ids.next()
    link.request(BlobUpload(req, "empty", total_size=0))
    link.reply(BlobReady(req, "empty", offset=0))
    link.request(BlobChunk(req, "empty", 0, b"", last=True))
    link.reply(BlobStored(req, "empty", hashlib.sha256(b"").hexdigest()))
    req = link.ids.next()
    link.request(BlobDownload(req, "empty", 0))
    link.reply(BlobChunk(req, "empty", 0, b"", last=True))
    assert link.client.outstanding == frozenset()
