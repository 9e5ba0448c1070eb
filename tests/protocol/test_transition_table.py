"""`Connection.send` enforces exactly the TRANSITIONS table, and a refusal changes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_app.domain.ids import DeviceId
from desktop_app.protocol import (
    PROTOCOL_VERSION,
    Authenticate,
    Bye,
    Connection,
    Enroll,
    Error,
    ErrorCode,
    Frame,
    Hello,
    LocalProtocolError,
    Role,
    State,
    UnexpectedFrame,
    encode,
)
from desktop_app.protocol.states import TRANSITIONS, closes_connection
from tests.protocol.fake_link import FAKE_SIGNATURE, FakeLink, handshake, logged_in_link
from tests.protocol.frame_samples import CURVE, ED, SAMPLES


def _at_start() -> FakeLink:
    return FakeLink()


def _hello_sent() -> FakeLink:
    link = FakeLink()
    link.request(Hello(PROTOCOL_VERSION, "c"))
    return link


def _challenged() -> FakeLink:
    link = FakeLink()
    handshake(link)
    return link


def _enrolling() -> FakeLink:
    link = _challenged()
    link.request(Enroll(90, "code", DeviceId("d"), CURVE, ED, "pc", FAKE_SIGNATURE))
    return link


def _authenticating() -> FakeLink:
    link = _challenged()
    link.request(Authenticate(90, DeviceId("d"), FAKE_SIGNATURE))
    return link


LINK_IN: dict[State, Callable[[], FakeLink]] = {
    State.START: _at_start,
    State.HELLO_SENT: _hello_sent,
    State.CHALLENGED: _challenged,
    State.ENROLLING: _enrolling,
    State.AUTHENTICATING: _authenticating,
    State.READY: logged_in_link,
}


def _conn(link: FakeLink, role: Role) -> Connection:
    return link.client if role is Role.CLIENT else link.relay


@pytest.mark.parametrize("state", list(LINK_IN), ids=lambda s: s.value)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_frames_outside_the_table_are_refused_without_effect(state: State, role: Role) -> None:
    refused = 0
    for frame in SAMPLES:
        if (state, role, type(frame)) in TRANSITIONS or closes_connection(frame):
            continue
        conn = _conn(LINK_IN[state](), role)
        assert conn.state is state
        with pytest.raises(LocalProtocolError):
            conn.send(frame)
        assert conn.state is state
        refused += 1
    assert refused >= 10  # every state refuses most frames


@pytest.mark.parametrize("state", list(LINK_IN), ids=lambda s: s.value)
@pytest.mark.parametrize("sender", list(Role), ids=lambda r: r.value)
def test_frames_outside_the_table_from_the_peer_error_the_connection(
    state: State, sender: Role
) -> None:
    for frame in SAMPLES:
        if (state, sender, type(frame)) in TRANSITIONS or closes_connection(frame):
            continue
        receiver = _conn(LINK_IN[state](), sender.peer)
        receiver.receive_data(encode(frame))
        with pytest.raises(UnexpectedFrame) as info:
            receiver.next_event()
        assert info.value.code in {ErrorCode.UNEXPECTED_FRAME, ErrorCode.UNAUTHENTICATED}
        assert receiver.state is State.ERROR


@pytest.mark.parametrize("state", list(LINK_IN), ids=lambda s: s.value)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize(
    "frame",
    [Bye("bye"), Error(0, ErrorCode.INTERNAL, "giving up", fatal=True)],
    ids=["bye", "fatal_error"],
)
def test_bye_and_fatal_error_close_from_every_state(state: State, role: Role, frame: Frame) -> None:
    conn = _conn(LINK_IN[state](), role)
    conn.send(frame)
    assert conn.state is State.CLOSED


def test_table_rows_lead_where_they_say() -> None:
    expected = {
        (State.START, Role.CLIENT, Hello): State.HELLO_SENT,
        (State.CHALLENGED, Role.CLIENT, Enroll): State.ENROLLING,
        (State.CHALLENGED, Role.CLIENT, Authenticate): State.AUTHENTICATING,
    }
    for (state, role, frame_type), target in expected.items():
        assert TRANSITIONS[(state, role, frame_type)] is target
        frame = next(f for f in SAMPLES if type(f) is frame_type)
        conn = _conn(LINK_IN[state](), role)
        conn.send(frame)
        assert conn.state is target


def test_no_frame_is_allowed_before_hello_except_closing() -> None:
    starts = {key for key in TRANSITIONS if key[0] is State.START}
    assert starts == {(State.START, Role.CLIENT, Hello)}
