"""A colleague's modified client offers a call with dozens of audio sections (fitting
the 16 KiB an offer may have): answering, the callee's aiortc would take every one as a
track of its own, each with a receiver, a decoder thread and a player (100 sections:
100 tracks, 104 more threads). WardLink offers one audio section and at most one video
section: anything else is refused and never rings. Real relay, real aiortc offer."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiortc import RTCPeerConnection

from desktop_app.protocol.call_signal import MAX_SDP_BYTES
from tests.calls.test_call_insider import offer_never_rings

SECTIONS = 60
_DROPPED = ("a=rtcp-fb", "a=extmap", "a=ssrc", "a=msid", "a=fmtp", "a=candidate")
_SESSION_LEVEL = ("a=ice-ufrag", "a=ice-pwd", "a=fingerprint", "a=setup")


async def many_audio_sections(count: int) -> str:
    """An aiortc offer of ``count`` audio sections, cut to Opus and no extras, its ICE
    and DTLS lines said once for all at session level (aiortc reads them there), so
    that it fits ``MAX_SDP_BYTES``: what a modified client puts in its offer."""
    pc = RTCPeerConnection()
    try:
        for _ in range(count):
            pc.addTransceiver("audio", direction="sendrecv")
        await pc.setLocalDescription(await pc.createOffer())
        lines = pc.localDescription.sdp.split("\r\n")
    finally:
        await pc.close()
    shared = list(dict.fromkeys(line for line in lines if line.startswith(_SESSION_LEVEL)))
    kept = [
        line
        for line in lines
        if not line.startswith(_DROPPED + _SESSION_LEVEL)
        and not (line.startswith("a=rtpmap:") and "opus" not in line)
    ]
    at = kept.index("t=0 0") + 1
    return "\r\n".join(kept[:at] + shared + kept[at:])


def test_an_offer_of_dozens_of_audio_sections_does_not_ring(
    make_ward: Any, caplog: pytest.LogCaptureFixture
) -> None:
    sdp = asyncio.run(many_audio_sections(SECTIONS))
    assert len(sdp.encode()) <= MAX_SDP_BYTES and sdp.count("m=audio") == SECTIONS
    offer_never_rings(make_ward, caplog, sdp, "sections" + "0" * 24, "media sections")
