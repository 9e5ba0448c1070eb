"""Illegal orders: each side refuses to send them and refuses to accept them."""

from __future__ import annotations

import pytest

from desktop_app.domain.ids import DeviceId, EnvelopeId
from desktop_app.protocol import (
    NEED_DATA,
    PROTOCOL_VERSION,
    Authenticate,
    BlobChunk,
    BlobDownload,
    BlobReady,
    BlobStored,
    BlobUpload,
    Bye,
    Connection,
    ConnectionClosed,
    Deliver,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    FrameTooLarge,
    Hello,
    LocalProtocolError,
    MalformedFrame,
    Ping,
    Pong,
    RemoteProtocolError,
    Role,
    SendEnvelope,
    State,
    UnexpectedFrame,
    VersionMismatch,
    Welcome,
    encode,
    error_frame_for,
)
from desktop_app.protocol.limits import MAX_FRAME_BYTES, MAX_PENDING_REQUESTS
from tests.protocol.fake_link import RELAY_ID, FakeLink, handshake, logged_in_link
from tests.protocol.frame_samples import CHALLENGE

JONAS_PC = DeviceId("dev-jonas")


def envelope(req_id: int, envelope_id: str = "e1") -> SendEnvelope:
    return SendEnvelope(req_id, EnvelopeId(envelope_id), [JONAS_PC], b"m", {})


def inject(conn: Connection, frame: object) -> None:
    """Bytes a buggy or hostile peer could send, bypassing its own Connection."""
    conn.receive_data(encode(frame))  # type: ignore[arg-type]


def test_envelope_before_authentication() -> None:
    link = FakeLink()
    handshake(link)
    with pytest.raises(LocalProtocolError, match="not allowed in state challenged") as local:
        link.client.send(envelope(1))
    assert local.value.code is ErrorCode.UNAUTHENTICATED
    assert link.client.state is State.CHALLENGED  # a refused send changes nothing
    assert link.client.outstanding == frozenset()

    inject(link.relay, envelope(1))
    with pytest.raises(UnexpectedFrame) as remote:
        link.relay.next_event()
    assert remote.value.code is ErrorCode.UNAUTHENTICATED
    assert remote.value.req_id == 1
    assert link.relay.state is State.ERROR

    # The relay tells the client why and closes; the client learns it.
    link.relay_sends(error_frame_for(remote.value))
    assert link.relay.state is State.CLOSED
    [event] = link.client_receives()
    assert event == Error(1, ErrorCode.UNAUTHENTICATED, remote.value.message, fatal=True)
    assert link.client.state is State.CLOSED


def test_second_hello() -> None:
    link = FakeLink()
    handshake(link)
    with pytest.raises(LocalProtocolError, match="Hello from the client is not allowed"):
        link.client.send(Hello(PROTOCOL_VERSION, "again"))
    inject(link.relay, Hello(PROTOCOL_VERSION, "again"))
    with pytest.raises(UnexpectedFrame) as info:
        link.relay.next_event()
    assert info.value.code is ErrorCode.UNEXPECTED_FRAME


def test_relay_speaks_first_or_client_sends_welcome() -> None:
    relay = Connection(Role.RELAY)
    with pytest.raises(LocalProtocolError):
        relay.send(Welcome(1, RELAY_ID, CHALLENGE, 0))
    client = Connection(Role.CLIENT)
    with pytest.raises(LocalProtocolError):
        client.send(Welcome(1, RELAY_ID, CHALLENGE, 0))
    inject(client, Welcome(1, RELAY_ID, CHALLENGE, 0))
    with pytest.raises(UnexpectedFrame):
        client.next_event()


def test_requests_in_the_handshake_are_unauthenticated_on_the_relay() -> None:
    relay = Connection(Role.RELAY)
    inject(relay, Ping(1))
    with pytest.raises(UnexpectedFrame) as info:
        relay.next_event()
    assert info.value.code is ErrorCode.UNAUTHENTICATED


def test_unsupported_version_is_refused_with_version_mismatch() -> None:
    relay = Connection(Role.RELAY)
    inject(relay, Hello(version=2, client_name="from the future"))
    with pytest.raises(VersionMismatch, match="version 2 is not supported") as info:
        relay.next_event()
    reply = error_frame_for(info.value)
    assert (reply.code, reply.fatal, reply.req_id) == (ErrorCode.VERSION_MISMATCH, True, 0)
    assert relay.send(reply)  # still allowed in ERROR
    with pytest.raises(LocalProtocolError):
        Connection(Role.CLIENT).send(Hello(version=2, client_name="x"))


def test_welcome_must_echo_the_hello_version() -> None:
    client = Connection(Role.CLIENT)
    client.send(Hello(PROTOCOL_VERSION, "c"))
    inject(client, Welcome(PROTOCOL_VERSION + 1, RELAY_ID, CHALLENGE, 0))
    with pytest.raises(VersionMismatch):
        client.next_event()


def test_frames_after_bye() -> None:
    link = logged_in_link()
    link.client_sends(Bye("done"))
    with pytest.raises(LocalProtocolError, match="after the connection closed"):
        link.client.send(Ping(5))
    assert link.relay_receives() == [Bye("done")]
    with pytest.raises(LocalProtocolError):
        link.relay.send(Deliver(EnvelopeId("e"), "u", "d", 0, b"", None))  # type: ignore[arg-type]
    inject(link.relay, Ping(6))  # a client that keeps talking after its Bye
    with pytest.raises(UnexpectedFrame, match="after the connection closed"):
        link.relay.next_event()


def test_frames_in_flight_after_our_bye_are_dropped() -> None:
    link = logged_in_link()
    link.relay_sends(Deliver(EnvelopeId("e"), "u", "d", 0, b"m", None))  # type: ignore[arg-type]
    link.client_sends(Bye("closing"))
    assert link.client_receives() == []  # the Deliver is dropped; it will be redelivered
    link.client.receive_data(b"")
    assert link.client.next_event() == ConnectionClosed(clean=True, reason="closing")
    assert link.client.next_event() == ConnectionClosed(clean=True, reason="closing")


def test_transport_closing_mid_session() -> None:
    link = logged_in_link()
    link.client_sends(envelope(7))
    link.client.receive_data(b"")
    assert link.client.next_event() == ConnectionClosed(
        clean=False, reason="transport closed without Bye"
    )
    assert link.client.state is State.CLOSED
    assert link.client.outstanding == {7}  # the outbox resends it on the next connection
    with pytest.raises(LocalProtocolError):
        link.client.receive_data(b"more")
    with pytest.raises(LocalProtocolError):
        link.client.send(Ping(8))


def test_queued_frames_come_before_the_close() -> None:
    link = logged_in_link()
    link.client_sends(Ping(3))
    link.relay.receive_data(link.to_relay.popleft())
    link.relay.receive_data(b"")
    assert link.relay.next_event() == Ping(3)
    assert isinstance(link.relay.next_event(), ConnectionClosed)


def test_reply_to_unknown_req_id() -> None:
    link = logged_in_link()
    with pytest.raises(LocalProtocolError, match="req_id 99, which is not open"):
        link.relay.send(Pong(99))
    inject(link.client, Pong(99))
    with pytest.raises(UnexpectedFrame, match="req_id 99, which is not open") as info:
        link.client.next_event()
    assert info.value.req_id == 99
    with pytest.raises(RemoteProtocolError):  # stays errored
        link.client.next_event()


def test_reply_of_the_wrong_type_or_content() -> None:
    link = logged_in_link()
    link.request(envelope(4, "e-right"))
    with pytest.raises(LocalProtocolError, match="Pong cannot answer SendEnvelope"):
        link.relay.send(Pong(4))
    with pytest.raises(LocalProtocolError, match="EnvelopeAccepted for 'e-wrong'") as info:
        link.relay.send(EnvelopeAccepted(4, EnvelopeId("e-wrong")))
    assert info.value.code is ErrorCode.BAD_FRAME
    inject(link.client, EnvelopeAccepted(4, EnvelopeId("e-wrong")))
    with pytest.raises(UnexpectedFrame):
        link.client.next_event()


def test_req_id_in_use_is_refused_both_ways() -> None:
    link = logged_in_link()
    link.request(Ping(10))
    with pytest.raises(LocalProtocolError, match="req_id 10 is still in use"):
        link.client.send(Ping(10))
    inject(link.relay, Ping(10))
    with pytest.raises(UnexpectedFrame, match="req_id 10 is still in use"):
        link.relay.next_event()


def test_req_id_may_be_reused_after_its_reply() -> None:
    link = logged_in_link()
    link.request(Ping(10))
    link.reply(Pong(10))
    link.request(Ping(10))
    link.reply(Pong(10))


def test_pending_requests_are_bounded() -> None:
    link = logged_in_link(max_pending=2)
    link.client.send(Ping(2))
    link.client.send(Ping(3))
    with pytest.raises(LocalProtocolError, match="MAX_PENDING_REQUESTS=2") as info:
        link.client.send(Ping(4))
    assert info.value.code is ErrorCode.RATE_LIMITED


def test_relay_refuses_more_open_requests_than_the_limit() -> None:
    link = logged_in_link()
    for req_id in range(1, MAX_PENDING_REQUESTS + 1):
        inject(link.relay, Ping(req_id))
        assert link.relay.next_event() == Ping(req_id)
    inject(link.relay, Ping(MAX_PENDING_REQUESTS + 1))
    with pytest.raises(UnexpectedFrame) as info:
        link.relay.next_event()
    assert info.value.code is ErrorCode.RATE_LIMITED


def test_reply_that_does_not_fit_the_state() -> None:
    link = FakeLink()
    handshake(link)
    link.client_sends(Authenticate(1, JONAS_PC, b"s" * 64))
    inject(link.client, Pong(1))
    with pytest.raises(
        UnexpectedFrame, match="Pong from the relay is not allowed in state authenticating"
    ):
        link.client.next_event()


def test_upload_chunks_must_follow_blob_ready_in_order() -> None:
    link = logged_in_link()
    link.request(BlobUpload(20, "b", total_size=8))
    with pytest.raises(LocalProtocolError, match="while await_reply"):
        link.client.send(BlobChunk(20, "b", 0, b"0123", last=False))
    link.reply(BlobReady(20, "b", offset=0))
    with pytest.raises(LocalProtocolError, match="offset 4, expected 0"):
        link.client.send(BlobChunk(20, "b", 4, b"4567", last=True))
    with pytest.raises(LocalProtocolError, match="names blob 'x'"):
        link.client.send(BlobChunk(20, "x", 0, b"0123", last=False))
    with pytest.raises(LocalProtocolError, match="ends at 9, blob 'b' has 8 bytes"):
        link.client.send(BlobChunk(20, "b", 0, b"012345678", last=False))
    with pytest.raises(LocalProtocolError, match="ends at 4, blob 'b' has 8 bytes"):
        link.client.send(BlobChunk(20, "b", 0, b"0123", last=True))
    with pytest.raises(LocalProtocolError, match="req_id 21: no such upload"):
        link.client.send(BlobChunk(21, "b", 0, b"0123", last=False))
    link.request(BlobChunk(20, "b", 0, b"0123", last=False))
    with pytest.raises(LocalProtocolError, match="before the last chunk"):
        link.relay.send(BlobStored(20, "b", "0" * 64))
    link.request(BlobChunk(20, "b", 4, b"4567", last=True))
    with pytest.raises(LocalProtocolError, match="while await_stored"):
        link.client.send(BlobChunk(20, "b", 8, b"", last=True))
    link.reply(BlobStored(20, "b", "0" * 64))


def test_blob_ready_must_fit_the_upload() -> None:
    link = logged_in_link()
    link.request(BlobUpload(30, "b", total_size=8))
    with pytest.raises(LocalProtocolError, match="beyond total size 8"):
        link.relay.send(BlobReady(30, "b", offset=9))
    with pytest.raises(LocalProtocolError, match="names blob 'other'"):
        link.relay.send(BlobReady(30, "other", offset=0))
    link.reply(BlobReady(30, "b", offset=0))
    with pytest.raises(LocalProtocolError, match="second BlobReady"):
        link.relay.send(BlobReady(30, "b", offset=0))


def test_download_chunks_must_be_contiguous() -> None:
    link = logged_in_link()
    link.request(BlobDownload(40, "b", offset=100))
    with pytest.raises(LocalProtocolError, match="offset 0, expected 100"):
        link.relay.send(BlobChunk(40, "b", 0, b"x", last=False))
    link.reply(BlobChunk(40, "b", 100, b"abc", last=False))
    inject(link.client, BlobChunk(40, "b", 200, b"x", last=True))
    with pytest.raises(UnexpectedFrame, match="offset 200, expected 103"):
        link.client.next_event()


def test_only_the_relay_sends_non_fatal_errors_and_only_as_replies() -> None:
    link = logged_in_link()
    with pytest.raises(LocalProtocolError, match="non-fatal Error from the client"):
        link.client.send(Error(0, ErrorCode.INTERNAL, "oops", fatal=False))
    with pytest.raises(LocalProtocolError, match="req_id 0, which is not open"):
        link.relay.send(Error(0, ErrorCode.INTERNAL, "oops", fatal=False))
    assert link.client.send(Error(0, ErrorCode.INTERNAL, "client gives up", fatal=True))
    assert link.client.state is State.CLOSED


def test_text_messages_are_malformed() -> None:
    relay = Connection(Role.RELAY)
    relay.receive_data('{"t": "hello"}')
    with pytest.raises(MalformedFrame, match="text websocket message"):
        relay.next_event()
    assert relay.state is State.ERROR


def test_oversized_message_errors_the_connection() -> None:
    link = logged_in_link()
    link.relay.receive_data(b"\x00" * (MAX_FRAME_BYTES + 1))
    with pytest.raises(FrameTooLarge) as info:
        link.relay.next_event()
    assert link.relay.state is State.ERROR
    with pytest.raises(LocalProtocolError, match="only Error or Bye may follow"):
        link.relay.send(Pong(1))
    reply = error_frame_for(info.value)
    assert reply.code is ErrorCode.TOO_LARGE
    link.relay_sends(reply)
    assert link.relay.state is State.CLOSED


def test_need_data_until_something_arrives() -> None:
    conn = Connection(Role.RELAY)
    assert conn.next_event() is NEED_DATA
    conn.receive_data(encode(Hello(PROTOCOL_VERSION, "c")))
    assert conn.next_event() == Hello(PROTOCOL_VERSION, "c")
    assert conn.next_event() is NEED_DATA


def test_transcript_needs_a_welcome() -> None:
    with pytest.raises(LocalProtocolError, match="no Welcome yet"):
        Connection(Role.CLIENT).auth_transcript("dev")
