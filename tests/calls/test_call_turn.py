"""A call through a real coturn on 127.0.0.1, relayed candidates only: the tones cross,
the pair in use is relay↔relay, coturn allocated for both, and what goes on the wire
is SRTP (real relay, real aiortc; fails, not skips, without coturn)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from desktop_app.domain.call_state import CallState
from desktop_app.services.call_media import CallMedia
from desktop_app.services.call_network import CallNetwork
from tests.calls.conftest import Phone, dominant_hz, tone
from tests.calls.turn_server import coturn


class _Wire:
    """Records the SRTP packets one side hands to ICE (what goes into the TURN framing
    onto the socket) and the plain RTP the SRTP session was given to protect."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.plain: dict[int, bytes] = {}  # RTP sequence number -> plain packet

    def tap(self, pc: Any) -> None:
        dtls = pc.getTransceivers()[0].sender.transport
        ice = dtls.transport
        send = ice._send

        async def recorded(data: bytes) -> None:
            self.sent.append(bytes(data))
            await send(data)

        ice._send = recorded
        srtp, plain = dtls._tx_srtp, self.plain

        class _Protect:
            def protect(self, packet: bytes) -> bytes:
                plain[int.from_bytes(packet[2:4], "big")] = bytes(packet)
                return bytes(srtp.protect(packet))

            def protect_rtcp(self, packet: bytes) -> bytes:
                return bytes(srtp.protect_rtcp(packet))

        dtls._tx_srtp = _Protect()


def _rtp(packets: list[bytes]) -> dict[int, bytes]:
    """RTP (not RTCP, not STUN/DTLS) packets by sequence number (RFC 7983 demux)."""
    return {
        int.from_bytes(p[2:4], "big"): p
        for p in packets
        if len(p) > 12 and 128 <= p[0] <= 191 and not 192 <= p[1] <= 223
    }


def _payload_offset(packet: bytes) -> int:
    offset = 12 + 4 * (packet[0] & 0x0F)
    if packet[0] & 0x10:  # header extension: 4 bytes + length words
        offset += 4 + 4 * int.from_bytes(packet[offset + 2 : offset + 4], "big")
    return offset


def test_call_through_coturn_relay_only_is_srtp(make_ward: Any, tmp_path: Path) -> None:
    async def scenario() -> None:
        with coturn(tmp_path) as (turn, log):
            network = CallNetwork(("127.0.0.1",), (turn,), relay_only=True)
            async with make_ward() as w:
                anna = Phone(await w.person("weber.anna"), network)
                jonas = Phone(await w.person("mueller.jonas"), network)
                wire = _Wire()
                try:
                    call_id = await anna.calls.place(
                        "mueller.jonas",
                        CallMedia(tone(tmp_path / "a.wav", 440), tmp_path / "anna_hears.wav"),
                    )
                    assert await jonas.calls.next_incoming(15) == call_id
                    offer = jonas.calls.calls[call_id].offer
                    assert offer is not None
                    candidates = re.findall(
                        r"a=candidate:\S+ \d+ udp \d+ (\S+) \d+ typ (\w+)", offer.sdp
                    )  # only coturn's relayed address: no host candidate at all
                    assert candidates and set(candidates) == {("127.0.0.1", "relay")}
                    accepted = asyncio.create_task(
                        jonas.calls.accept(
                            call_id,
                            CallMedia(tone(tmp_path / "j.wav", 880), tmp_path / "jonas_hears.wav"),
                        )
                    )
                    assert await anna.calls.wait_answer(call_id, 30) is CallState.ACTIVE
                    assert await accepted is CallState.ACTIVE
                    pc = anna.calls.calls[call_id].pc
                    assert pc is not None
                    wire.tap(pc)
                    ice = pc.getTransceivers()[0].sender.transport.transport._connection
                    pair = ice._nominated[1]
                    assert (pair.local_candidate.type, pair.remote_candidate.type) == (
                        "relay",
                        "relay",
                    )
                    await asyncio.sleep(2.5)  # media flows for a while (not an assertion)
                    await anna.calls.hangup(call_id)
                    assert await jonas.calls.wait_end(call_id, 10) is CallState.ENDED
                finally:
                    await anna.close()
                    await jonas.close()
            assert abs(dominant_hz(tmp_path / "anna_hears.wav") - 880) < 15
            assert abs(dominant_hz(tmp_path / "jonas_hears.wav") - 440) < 15
            # coturn allocated relay addresses for both sides and relayed between them.
            text = log.read_text(errors="replace")
            assert len(re.findall(r"ALLOCATE processed, success", text)) >= 2, text[-3000:]
            # On the wire: SRTP. Each plain RTP packet went out with the same header, an
            # encrypted payload (none of its plain payload bytes) and an auth tag.
            sent, plain = _rtp(wire.sent), wire.plain
            both = sorted(set(sent) & set(plain))
            assert len(both) >= 50, (len(sent), len(plain))
            for seq in both:
                p, s = plain[seq], sent[seq]
                start = _payload_offset(p)
                assert s[:start] == p[:start]
                assert len(s) - len(p) in (10, 16)  # HMAC-SHA1-80 or AES-GCM tag
                assert p[start:] not in s and s[start : len(p)] != p[start:]
            first_bytes = {sent[seq][_payload_offset(sent[seq])] for seq in both}
            assert len(first_bytes) > 20  # plain Opus repeats one TOC byte; SRTP is random

    asyncio.run(scenario())
