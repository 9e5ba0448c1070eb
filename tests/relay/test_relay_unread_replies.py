"""A peer that streams websocket pings and never reads the pongs (session 19 attack).

websockets answers each ping at once, without waiting for the peer to read; the relay
kept every unread pong in the connection's TLS write buffer, so a modified client (or,
until its login deadline, any host on the LAN) made it hold about as many bytes as it
sent: 46 MB for 52 MB of pings, growing without end. relay/unread_replies.py drops such
a peer once more than ``MAX_UNSENT_BYTES`` wait for it.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from websockets.asyncio.client import ClientConnection
from websockets.frames import Frame as WsFrame
from websockets.frames import Opcode

from desktop_app.protocol import Ping, Pong, SendEnvelope
from desktop_app.protocol.limits import MAX_FRAME_BYTES, MAX_PAYLOAD_BYTES, MiB
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.unread_replies import MAX_UNSENT_BYTES, UNREAD_REASON
from tests.relay.conftest import LiveRelay, live_relay

FLOOD_LIMIT = 16 * MAX_UNSENT_BYTES
"""Pings the attacker sends at most (bytes): before the fix the relay held nearly all."""
PINGS_PER_WRITE = 1000


def _pings(count: int) -> bytes:
    """``count`` masked ping frames of the largest control payload (125 bytes)."""
    return WsFrame(Opcode.PING, b"p" * 125).serialize(mask=True, extensions=[]) * count


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
    reasons = [
        e.get("reason")
        for e in RelayDataDir(relay_root).audit().entries()
        if e["event"] == "protocol_error"
    ]
    assert UNREAD_REASON in reasons


def test_a_host_that_pings_before_login_and_never_reads_is_dropped(relay_root: Path) -> None:
    """Not left to the login deadline: the flood alone ends the connection."""
    path = relay_root / "relay.json"
    doc = json.loads(path.read_text())
    doc["connections"] = {"login_timeout_s": 3600}
    path.write_text(json.dumps(doc))

    async def scenario() -> tuple[int, int, bool]:
        async with live_relay(relay_root) as relay:
            stranger = await relay.client()  # Hello answered; no login
            sent, most = await _flood_pings_unread(stranger.ws, relay)
            return sent, most, stranger.ws.connection_lost_waiter.done()

    sent, most, dropped = asyncio.run(scenario())
    assert dropped, f"the relay still held {most:,} unsent bytes after {sent:,} sent"
    assert most <= MAX_UNSENT_BYTES + MAX_FRAME_BYTES


def test_a_device_that_reads_late_keeps_its_connection_and_gets_every_envelope(
    relay_root: Path,
) -> None:
    """The cap never hits an honest slow reader: the relay's own frames wait for room."""
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
