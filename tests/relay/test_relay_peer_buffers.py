"""What one websocket peer can make the relay hold (session 19 attacks, relay/peer_buffers.py).

A peer that streams websocket pings and never reads the pongs: websockets answers each
ping at once, without waiting for the peer to read, and the relay kept every unread pong
in the connection's TLS write buffer, so a modified client (or, until its login deadline,
any host on the LAN) made it hold about as many bytes as it sent, without end. Now it is
dropped once more than ``MAX_UNSENT_BYTES`` wait for it.

A host that never logs in sending a frame of 1 MiB it never finishes: the relay held it
(1.2 MB a connection). Now it is dropped past ``MAX_BYTES_BEFORE_LOGIN``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.frames import Frame as WsFrame
from websockets.frames import Opcode

from desktop_app.protocol import Ping, Pong, SendEnvelope
from desktop_app.protocol.limits import MAX_FRAME_BYTES, MAX_PAYLOAD_BYTES, MiB
from desktop_app.relay import server as relay_server
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.peer_buffers import (
    MAX_BYTES_BEFORE_LOGIN,
    MAX_UNSENT_BYTES,
    TOO_MUCH_BEFORE_LOGIN,
    UNREAD_REASON,
)
from desktop_app.services.tls_client import client_context
from tests.relay.conftest import LiveRelay, live_relay

WAIT_S = 60.0
"""Bound on waiting for the relay to act; the tests assert what happens, not when."""
FLOOD_LIMIT = 16 * MAX_UNSENT_BYTES
"""Pings the attacker sends at most (bytes): before the fix the relay held nearly all."""
PINGS_PER_WRITE = 1000


def _pings(count: int) -> bytes:
    """``count`` masked ping frames of the largest control payload (125 bytes)."""
    return WsFrame(Opcode.PING, b"p" * 125).serialize(mask=True, extensions=[]) * count


def _without_login_deadline(root: Path) -> None:
    """So that only the defence under test can end the connection."""
    path = root / "relay.json"
    doc = json.loads(path.read_text())
    doc["connections"] = {"login_timeout_s": 3600}
    path.write_text(json.dumps(doc))


def _protocol_error_reasons(root: Path) -> list[object]:
    return [
        e.get("reason")
        for e in RelayDataDir(root).audit().entries()
        if e["event"] == "protocol_error"
    ]


def _most_unsent(relay: LiveRelay) -> int:
    """The largest number of bytes any relay connection still has to send."""
    server = relay.runner.server._server
    assert server is not None
    return max((c.transport.get_write_buffer_size() for c in server.connections), default=0)


async def _flood_pings_unread(ws: ClientConnection, relay: LiveRelay) -> tuple[int, int]:
    """Stream pings and read nothing until the relay drops us or FLOOD_LIMIT is sent.

    Returns (bytes sent, the most the relay held unsent for any connection meanwhile)."""
    transport = ws.transport
    transport.pause_reading()  # never read a pong
    chunk = _pings(PINGS_PER_WRITE)
    sent = most = 0
    while sent < FLOOD_LIMIT and not ws.connection_lost_waiter.done():
        transport.write(chunk)
        sent += len(chunk)
        while transport.get_write_buffer_size() > MiB and not ws.connection_lost_waiter.done():
            await asyncio.sleep(0.001)  # let the relay read what we wrote
        most = max(most, _most_unsent(relay))
    return sent, most


def test_a_client_that_pings_and_never_reads_is_dropped(relay_root: Path) -> None:
    async def scenario() -> tuple[int, int, bool, bool]:
        async with live_relay(relay_root) as relay:
            mallory, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            colleague, _ = await relay.enrolled("schulz.jonas", "SCHULZ-PC1")
            sent, most = await _flood_pings_unread(mallory.ws, relay)
            dropped = mallory.ws.connection_lost_waiter.done()
            pong = await colleague.request(Ping(colleague.ids.next()))
            return sent, most, dropped, isinstance(pong, Pong)

    sent, most, dropped, colleague_ok = asyncio.run(scenario())
    assert dropped, f"the relay still held {most:,} unsent bytes after {sent:,} sent"
    assert most <= MAX_UNSENT_BYTES + MAX_FRAME_BYTES
    assert colleague_ok
    assert UNREAD_REASON in _protocol_error_reasons(relay_root)


def test_a_host_that_pings_before_login_and_never_reads_is_dropped(relay_root: Path) -> None:
    """Not left to the login deadline: the flood alone ends the connection."""
    _without_login_deadline(relay_root)

    async def scenario() -> tuple[int, int, bool]:
        async with live_relay(relay_root) as relay:
            stranger = await relay.client()  # Hello answered; no login
            sent, most = await _flood_pings_unread(stranger.ws, relay)
            return sent, most, stranger.ws.connection_lost_waiter.done()

    sent, most, dropped = asyncio.run(scenario())
    assert dropped, f"the relay still held {most:,} unsent bytes after {sent:,} sent"
    assert most <= MAX_UNSENT_BYTES + MAX_FRAME_BYTES


def test_a_host_that_sends_a_large_frame_before_login_is_dropped(
    relay_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frame of the largest size, never finished, from a host that never logs in.

    Neither the login deadline nor the relay's keepalive may end the connection here
    (they bound how long, not how much: 10 s of a LAN's bandwidth on every connection)."""
    _without_login_deadline(relay_root)
    monkeypatch.setattr(relay_server, "PING_INTERVAL_S", None)
    unfinished = WsFrame(Opcode.BINARY, bytes(MAX_FRAME_BYTES)).serialize(mask=True, extensions=[])[
        :-1
    ]

    async def scenario() -> bool:
        async with live_relay(relay_root) as relay:
            stranger = await connect(
                f"wss://127.0.0.1:{relay.port}/",
                ssl=client_context(relay.org.root_pem()),
                compression=None,
                ping_interval=None,  # nothing of ours may finish the frame
            )
            stranger.transport.write(unfinished)
            lost = stranger.connection_lost_waiter
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(lost), WAIT_S)
            return lost.done()

    assert asyncio.run(scenario()), "the relay still holds the unfinished frame"
    assert TOO_MUCH_BEFORE_LOGIN in _protocol_error_reasons(relay_root)
    assert len(unfinished) > 16 * MAX_BYTES_BEFORE_LOGIN


def test_a_device_that_reads_late_keeps_its_connection_and_gets_every_envelope(
    relay_root: Path,
) -> None:
    """The caps never hit an honest client: the relay's own frames wait for room, and
    the sender's first frames after its login (256 KiB each) are far past the budget
    before login."""
    envelopes = 64  # 16 MiB of payload for the reader, far past the cap

    async def scenario() -> int:
        async with live_relay(relay_root) as relay:
            sender, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            reader, reader_device = await relay.enrolled("schulz.jonas", "SCHULZ-PC1")
            reader.ws.transport.pause_reading()  # busy: reads nothing for a while
            for n in range(envelopes):
                reply = await sender.request(
                    SendEnvelope(
                        sender.ids.next(),
                        f"env-{n}",  # type: ignore[arg-type]
                        [reader_device.device_id],  # type: ignore[list-item]
                        bytes(MAX_PAYLOAD_BYTES),
                        {},
                    )
                )
                assert type(reply).__name__ == "EnvelopeAccepted", reply
            await reader.send(Ping(reader.ids.next()))  # it still writes: acks, keepalive
            await reader.ws.ping()
            reader.ws.transport.resume_reading()
            delivered = await reader.wait_deliveries(envelopes)
            return len(delivered)

    assert asyncio.run(scenario()) == envelopes
