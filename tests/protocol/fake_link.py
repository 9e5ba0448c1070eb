"""A client and a relay `Connection` joined in memory: each send() becomes one message
in the other side's queue, as one websocket binary message would. No sockets."""

from __future__ import annotations

from collections import deque

from desktop_app.domain.ids import DeviceId
from desktop_app.protocol import (
    NEED_DATA,
    PROTOCOL_VERSION,
    Authenticate,
    Authenticated,
    Connection,
    ConnectionClosed,
    Event,
    Frame,
    Hello,
    RequestIds,
    Role,
    Welcome,
)
from desktop_app.protocol.limits import MAX_PENDING_REQUESTS
from tests.protocol.frame_samples import CHALLENGE

RELAY_ID = "relay.klinikum-nord"
FAKE_SIGNATURE = b"\x01" * 64  # signing is the crypto layer's job, not tested here


class FakeLink:
    def __init__(self, *, max_pending: int = MAX_PENDING_REQUESTS) -> None:
        self.client = Connection(Role.CLIENT, max_pending=max_pending)
        self.relay = Connection(Role.RELAY)
        self.to_relay: deque[bytes] = deque()
        self.to_client: deque[bytes] = deque()
        self.ids = RequestIds()

    def client_sends(self, *frames: Frame) -> None:
        for frame in frames:
            self.to_relay.append(self.client.send(frame))

    def relay_sends(self, *frames: Frame) -> None:
        for frame in frames:
            self.to_client.append(self.relay.send(frame))

    def relay_receives(self) -> list[Event]:
        return _pump(self.to_relay, self.relay)

    def client_receives(self) -> list[Event]:
        return _pump(self.to_client, self.client)

    def request(self, frame: Frame) -> Frame:
        """Client sends one frame; returns what the relay read (asserting it is equal)."""
        self.client_sends(frame)
        [event] = self.relay_receives()
        assert event == frame
        return frame

    def reply(self, frame: Frame) -> Frame:
        """Relay sends one frame; returns what the client read (asserting it is equal)."""
        self.relay_sends(frame)
        [event] = self.client_receives()
        assert event == frame
        return frame


def _pump(queue: deque[bytes], conn: Connection) -> list[Event]:
    events: list[Event] = []
    while queue:
        conn.receive_data(queue.popleft())
        while (event := conn.next_event()) is not NEED_DATA:
            events.append(event)
            if isinstance(event, ConnectionClosed):  # it would repeat forever
                break
    return events


def handshake(link: FakeLink) -> None:
    link.request(Hello(PROTOCOL_VERSION, "WardLink test"))
    link.reply(Welcome(PROTOCOL_VERSION, RELAY_ID, CHALLENGE, server_time_ms=1_764_000_000_000))


def logged_in_link(
    device: str = "dev-anna", *, max_pending: int = MAX_PENDING_REQUESTS
) -> FakeLink:
    """A link in state READY, authenticated as ``device``."""
    link = FakeLink(max_pending=max_pending)
    handshake(link)
    req = link.ids.next()
    link.request(Authenticate(req, DeviceId(device), FAKE_SIGNATURE))
    link.reply(Authenticated(req, DeviceId(device), pending=0))
    return link
